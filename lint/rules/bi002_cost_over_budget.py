from __future__ import annotations

from collections.abc import Iterator

from lint.model import Card, Document
from lint.rules._docrows import cards_of_rows, check_cards, doc_rows, rows_with_facts
from lint.rules._kinds import (
    MONEY,
    budget_settings,
    fmt_number,
    is_cost_row,
    is_per_unit,
    money_rows,
    money_wan,
)
from lint.rules.base import Context, Finding, Rule
from lint.rules.um005_money_unit_scale import is_unit_slip


class CostOverBudget(Rule):
    """A total cost target above the card's whole budget.

    **What it checks.** Every 成本指标 row valued as a total amount of money — not a per-unit amount:
    the unit has no `/` (`350元/人`) and neither name nor description holds a per-unit word (人均,
    每人, 单价, 标准, 平均 … — `per_unit` in `dictionaries/indicator_kinds.toml`) — whose amount in 万元
    exceeds the card's 预算数 by more than `cost_tolerance` (`dictionaries/budget.toml`). Amounts so
    large that 元 was meant for 万元 are reported by UM005 instead, once.

    **Why a reviewer cares.** A project cannot cost more than its budget. A total cost target above
    the budget is either a wrong number (often last year's, or another fund's) or a wrong budget,
    and the card fails the 适当性 review: the targets do not fit the money.

    **Bad** (002 card 11, 省级就业补助资金, line 1231, budget 1219.05万元 at line 1222):

        成本指标 | 预算成本控制数 | 预算成本控制数 | ≤2281万

    **Good** (002 card 5, 就业专项区级配套资金, line 1123, budget 300万元): `预算成本控制数 | ≤300万`;
    and 000 card 5, line 594, `办公费标准 ≥12万元` is a per-village standard (平均每个村级组织), not
    a total, so it is not compared with the budget.
    """

    code = "BI002"
    name = "cost-over-budget"
    family = "budget_inconsistency"
    severity = "error"
    message = "cost '{name}' of {amount}万元 ('{text}') exceeds the budget of {budget}万元"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # `check_card` on the cards with a budget and an amount over it and the tolerance (`money_wan`
        # is the parsed amount or None), the rest of its tests left to it.
        dr = doc_rows(doc, ctx)
        rows, card_of, cards = dr.rows, dr.card_of, doc.cards
        tolerance = float(budget_settings()["cost_tolerance"])
        over = []
        for r in rows_with_facts(dr, MONEY, MONEY):
            budget, wan = cards[card_of[r]].budget, rows[r].parsed.money_wan
            if budget and budget > 0 and wan is not None and wan > budget + tolerance:
                over.append(r)
        return check_cards(self, doc, ctx, cards_of_rows(dr, over))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        budget = card.budget
        if not budget or budget <= 0:
            return
        tolerance = float(budget_settings()["cost_tolerance"])
        for ind in ctx.per_card(money_rows, card):  # money_wan is None for any other row
            wan = money_wan(ind)
            if wan is None or not is_cost_row(ind) or is_per_unit(ind) or wan <= budget + tolerance:
                continue
            if is_unit_slip(wan, ind.parsed.number or 0.0, ind.parsed.unit or "", budget):
                continue
            yield self.finding(ctx, card, field="value", indicator=ind, amount=fmt_number(wan),
                               budget=fmt_number(budget))
