from __future__ import annotations

from collections.abc import Iterator

from lint.model import Card, Document
from lint.rules._docrows import cards_of_rows, check_cards, doc_rows, rows_with_facts
from lint.rules._kinds import MONEY, fmt_number, money_rows, money_wan
from lint.rules.base import Context, Finding, Rule

# Writing 万元 for 元 multiplies an amount by 10 000; an overshoot of the budget this large is a
# unit slip, a smaller one is a wrong number (BI002 reports that for cost rows).
_MIN_RATIO = 10.0
_YUAN_PER_WAN = 10000.0


class MoneyUnitScale(Rule):
    """An amount in 万元 (or 亿元) that exceeds the card's whole budget many times over: 元 was meant.

    **What it checks.** Every row whose value is money written in 万元, 万 or 亿元 and whose amount,
    converted to 万元, is at least ten times the card's 预算数 while the same number read in 元 fits
    inside the budget. The budget is the card's 预算数 in 万元; cards without a readable budget
    are skipped. `≥20万件` (200 000 items) is a count, not money, and is not read as 万元.

    **Why a reviewer cares.** No indicator of a project can be worth more than the project. `≤300万`
    against a budget of 3万元 is almost always `≤300元` with the wrong unit; as written, the cost
    target is meaningless and the card fails the 适当性 check (targets fit the money). Peer systems
    switched their cost-vs-budget checks off because of exactly this 元/万元 confusion.

    **Bad** (no card of the three corpus files has it; the test changes 002 card 4's cost row,
    line 1105, `≤4万元` under a budget of 4万元, to `≤400万元`):

        成本指标 | 项目预算控制数 | … | ≤400万元      (预算数 4.00)

    **Good** (002 card 4, 党建活动经费, line 1105): `项目预算控制数 | ≤4万元` with 预算数 4.00.
    """

    code = "UM005"
    name = "money-unit-scale"
    family = "unit_mismatch"
    severity = "warning"
    message = ("'{name}' is {amount}万元 ('{text}'), {ratio} times the budget of {budget}万元: "
               "元 was probably meant")

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # `check_card` on the cards with a budget and an amount of ten times it or more (`money_wan`
        # is the parsed amount or None), the rest of `is_unit_slip` left to it.
        dr = doc_rows(doc, ctx)
        rows, card_of, cards = dr.rows, dr.card_of, doc.cards
        over = []
        for r in rows_with_facts(dr, MONEY, MONEY):
            budget, wan = cards[card_of[r]].budget, rows[r].parsed.money_wan
            if budget and budget > 0 and wan is not None and wan >= budget * _MIN_RATIO:
                over.append(r)
        return check_cards(self, doc, ctx, cards_of_rows(dr, over))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        budget = card.budget
        if not budget or budget <= 0:
            return
        for ind in ctx.per_card(money_rows, card):  # money_wan is None for any other row
            wan = money_wan(ind)
            if wan is not None and is_unit_slip(wan, ind.parsed.number or 0.0, ind.parsed.unit or "", budget):
                yield self.finding(ctx, card, field="value", indicator=ind, amount=fmt_number(wan),
                                   ratio=fmt_number(round(wan / budget, 1)), budget=fmt_number(budget))


def is_unit_slip(wan: float, number: float, unit: str, budget: float) -> bool:
    """Shared with BI002, so that one overshoot is reported once, by the rule that explains it."""
    if unit.startswith("元") or unit.startswith("千元"):
        return False
    return wan >= budget * _MIN_RATIO and number / _YUAN_PER_WAN <= budget
