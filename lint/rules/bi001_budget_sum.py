from __future__ import annotations

from collections.abc import Iterator

from lint.model import Card
from lint.rules._kinds import budget_settings, fmt_number
from lint.rules.base import Context, Finding, Rule


class BudgetSum(Rule):
    """预算数 is not the sum of 财政资金 and 其他资金.

    **What it checks.** Cards whose 预算数 and 财政资金 were both read: 预算数 must equal 财政资金 +
    其他资金 (an empty 其他资金 counts as 0) within `sum_tolerance` of `dictionaries/budget.toml`
    (0.01万元, the cards' rounding). Cards where either number could not be read (OCR gaps) are
    skipped rather than guessed.

    **Why a reviewer cares.** The header's figures are the project's money; if they do not add up,
    either the budget or a source of funds is wrong, and every cost check on the card is
    built on sand. Peer systems run this as a hard rule.

    **Bad** (no card of the three corpus files has it; all 127 add up. The test changes the
    财政资金 of 004 card 1, line 265, from 3 to 2.5 under a 预算数 of 3).

    **Good** (000 card 5, 村级组织运转经费, line 584): `预算数 6029.3 | 其中：财政资金 6029.3 | 其他资金`
    (empty, counted as 0).
    """

    code = "BI001"
    name = "budget-sum"
    family = "budget_inconsistency"
    severity = "error"
    message = "预算数 {budget}万元 ≠ 财政资金 {fiscal} + 其他资金 {other} = {total}万元"

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        if card.budget is None or card.fiscal_funds is None:
            return
        other = card.other_funds or 0.0
        total = card.fiscal_funds + other
        tolerance = float(budget_settings()["sum_tolerance"])
        if abs(card.budget - total) > tolerance + 1e-9:
            yield self.finding(ctx, card, field="budget", text=fmt_number(card.budget),
                               budget=fmt_number(card.budget), fiscal=fmt_number(card.fiscal_funds),
                               other=fmt_number(other), total=fmt_number(round(total, 6)))
