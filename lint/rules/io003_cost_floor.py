from __future__ import annotations

from collections.abc import Iterator

from lint.model import Card, Document, Indicator
from lint.rules._docrows import cards_with_facts, check_cards
from lint.rules._kinds import FLOOR, MONEY, direction, is_cost_row, is_saving, money_rows, money_wan
from lint.rules.base import Context, Finding, Rule

_FLOOR = ("≥", ">")


class CostFloor(Rule):
    """A cost or expense given a floor (`≥`, `>`): "spend at least" instead of "spend at most".

    **What it checks.** Every row valued in money (元, 万元, 元/人 …) that is a cost: a row under
    成本指标, or a row whose name ends in a cost word (成本, 费用, 经费, 单价, 标准 … — `cost` in
    `dictionaries/directions.toml`), with the operator `≥` or `>`. Names that say "save" or "reduce"
    (`节约`, `降低` — `savings`) are skipped: a floor on savings is right.

    **Why a reviewer cares.** A cost target is a ceiling the project commits to stay under; a floor
    on a cost is met by overspending, rewards waste and cannot be reconciled with the budget
    (适当性). It is the check peer systems run first ("cost with ≥").

    **Bad** (000 card 5, 村级组织运转经费, line 594; 004 card 34, line 3677, whose name even says
    `不高于`):

        成本指标 | 办公费标准 | 平均每个村级组织每年办公费用 | ≥12万元
        成本指标 | 不高于1.5万元 | … | ≥1.5万元

    **Good** (000 card 5, line 595): `成本指标 | 补贴标准 | 每人每年补贴标准 | ≤2.88万元`.
    """

    code = "IO003"
    name = "cost-floor"
    family = "illogical_operator"
    severity = "warning"
    message = "cost '{name}' has a floor '{text}': a cost target should be a ceiling (≤)"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # `check_card` on the cards with a floor on an amount (`row_facts`; the rest is `check_card`'s).
        return check_cards(self, doc, ctx, cards_with_facts(doc, ctx, FLOOR | MONEY))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        for ind in ctx.per_card(money_rows, card):  # money_wan is None for any other row
            if ind.parsed.op not in _FLOOR or money_wan(ind) is None:
                continue
            if _is_cost(ind):
                yield self.finding_of(ctx, card, ind, "value", {})


def _is_cost(ind: Indicator) -> bool:
    # Under 成本指标 every amount is a cost unless the name says it is a saving.
    if is_cost_row(ind):
        return not is_saving(ind.name)
    return direction(ind.name) == "cost"
