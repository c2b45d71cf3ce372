from __future__ import annotations

from collections.abc import Iterator

from lint.model import Card, Document
from lint.rules._docrows import cards_with_facts, check_cards
from lint.rules._kinds import FLOOR, NEGATIVE, direction, direction_word
from lint.rules.base import Context, Finding, Rule

_FLOOR = ("≥", ">")


class NegativeFloor(Rule):
    """A lower-is-better indicator (差错率, 投诉率, 事故率, 故障率, 结余率 …) given a floor (`≥`, `>`).

    **What it checks.** Every row whose 三级指标 name ends in a negative direction word (`negative`
    in `dictionaries/directions.toml`: 差错率, 投诉率, 事故率, 故障率, 发生率, 结余率, 违规 …) with the
    operator `≥` or `>`. The word nearest the end of the name decides: `违规基金追缴率` is a 追缴率
    (positive), `投诉办结率` a 办结率. Names that say 降低/减少 are skipped.

    **Why a reviewer cares.** `故障率 ≥5%` commits the project to at least five percent failures.
    The target is met by doing badly, so it measures nothing, and signals an operator copied from a
    positive row.

    **Bad** (no card of the three corpus files has it; the test turns 000 card 11's `故障率 ≤5%`,
    line 702, into `≥5%`).

    **Good** (000 card 11, 公务员管理系统经费, line 702): `质量指标 | 故障率 | … | ≤5%`.
    """

    code = "IO004"
    name = "negative-floor"
    family = "illogical_operator"
    severity = "warning"
    message = "'{name}' should be low ({word}) but its target is a floor: '{text}'"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # `check_card` on the cards with a floor on a negative name (`row_facts`: the same tests).
        return check_cards(self, doc, ctx, cards_with_facts(doc, ctx, FLOOR | NEGATIVE))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        for ind in card.indicators:
            if ind.parsed.op in _FLOOR and direction(ind.name) == "negative":
                yield self.finding_of(ctx, card, ind, "value", {"word": direction_word(ind.name)})
