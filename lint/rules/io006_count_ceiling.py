from __future__ import annotations

from collections.abc import Iterator

from lint.model import Card, Document
from lint.rules._docrows import cards_with_facts, check_cards
from lint.rules._kinds import (
    CEILING,
    COUNT,
    NEGATIVE,
    RATE,
    direction,
    is_count_name,
    is_rate_name,
    level2_of,
)
from lint.rules.base import Context, Finding, Rule

_CEILING = ("≤", "<")
_QUANTITY = "数量指标"


class CountCeiling(Rule):
    """A 数量指标 (a number of things delivered) given a ceiling (`≤`, `<`).

    **What it checks.** Every row under 数量指标 valued as a count (人, 个, 次, 份 …) with the operator
    `≤` or `<`, unless its name is about something to keep low (违规, 事故, 投诉 … — `negative` in
    `dictionaries/directions.toml`) or is a rate.

    **Why a reviewer cares.** A 数量指标 promises an output: people paid, villages served, copies
    printed. `≤1165人` is met by paying nobody. The target should be a floor (`≥`) or exact (`=`,
    or no operator). A cap on recipients may be meant as "no more than the roster"; the roster
    number with `=` says that and still commits to delivering.

    **Bad** (000 card 5, 村级组织运转经费, line 591; 002 card 10, line 1210):

        数量指标 | 村"两委"干部人数 | 发放补贴的村"两委"干部人数 | ≤1165人
        数量指标 | 薪酬制度改革合同数量 | … | ≤5000份

    **Good** (000 card 5, line 590): `数量指标 | 村级组织数量 | 291个`; and 002 card 23, line 1475,
    `违规数量 | ≤55 人数及家数` (violations: a ceiling is right).
    """

    code = "IO006"
    name = "count-ceiling"
    family = "illogical_operator"
    severity = "warning"
    message = "数量指标 '{name}' has a ceiling '{text}': an output count should be a floor (≥) or exact"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # `check_card` on the cards with a ceiling on a count whose name is neither negative nor a
        # rate (`row_facts`; the 二级, the unit and the count name are left to `check_card`).
        return check_cards(self, doc, ctx, cards_with_facts(doc, ctx, CEILING | COUNT | NEGATIVE | RATE, CEILING | COUNT))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        for ind in card.indicators:
            pv = ind.parsed
            if pv.op not in _CEILING or pv.kind != "count" or level2_of(ind) != _QUANTITY:
                continue
            if direction(ind.name) == "negative" or is_rate_name(ind.name):
                continue
            if pv.unit or is_count_name(ind.name):
                yield self.finding_of(ctx, card, ind, "value", {})
