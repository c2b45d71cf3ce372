from __future__ import annotations

from collections.abc import Iterator

from lint.model import Card, Document
from lint.rules._docrows import cards_with_facts, check_cards
from lint.rules._kinds import CEILING, POSITIVE, direction, direction_word
from lint.rules.base import Context, Finding, Rule

_CEILING = ("≤", "<")


class PositiveCeiling(Rule):
    """A higher-is-better indicator (满意度, 完成率, 覆盖率, 合格率 …) given a ceiling (`≤`, `<`).

    **What it checks.** Every row whose 三级指标 name holds a positive direction word
    (`positive` in `dictionaries/directions.toml`) and whose value has the operator `≤` or `<`.
    Names with a negative word (`不合格率`, `投诉率`) or a reversing word (`降低`, `控制率`) are not
    positive and are skipped.

    **Why a reviewer cares.** `满意度 ≤90%` is met by a satisfaction of zero. A ceiling on a
    higher-is-better target inverts the commitment: the target can no longer fail, so it measures
    nothing, and it usually means the operator was picked from the wrong row of a template.

    **Bad** (002 card 11, 省级就业补助资金, line 1233; card 38, line 1757):

        满意度指标 | 受益对象满意度 | … | ≤90%
        质量指标 | 档案资料完好率、数字化加工归档合格率 | … | ≤10%

    **Good** (002 card 13, line 1284): `公共就业服务满意度 | ≥95%`.
    """

    code = "IO001"
    name = "positive-ceiling"
    family = "illogical_operator"
    severity = "warning"
    message = "'{name}' should be high ({word}) but its target is a ceiling: '{text}'"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # `check_card` on the cards with a ceiling on a positive name (`row_facts`: the same tests).
        return check_cards(self, doc, ctx, cards_with_facts(doc, ctx, CEILING | POSITIVE))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        for ind in card.indicators:
            if ind.parsed.op in _CEILING and direction(ind.name) == "positive":
                yield self.finding_of(ctx, card, ind, "value", {"word": direction_word(ind.name)})
