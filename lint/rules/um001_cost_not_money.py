from __future__ import annotations

from collections.abc import Iterator
from itertools import starmap

from lint.model import Card, Document, Indicator
from lint.rules._docrows import doc_rows, hit_positions
from lint.rules._kinds import LEVELS, cost_rows, is_cost_levels, name_key
from lint.rules.base import Context, Finding, Rule

# Kinds that are a measured value but not money. `qualitative` and `empty` cost cells are the
# business of the vague-value and placeholder rules, not of this one.
_NOT_MONEY = ("percent", "count", "number", "duration", "date", "area", "length", "weight", "score", "other")
_CEILING = ("≤", "<")
# A ceiling in percent whose name says "within the budget" (`总成本 ≤100%`, `控制成本 ≤60%`).
_BUDGET_SHARE_WORDS = ("成本", "预算", "控制")


class CostNotMoney(Rule):
    """A 成本指标 row whose 指标值 is a percentage, a count or a bare number instead of an amount of money.

    **What it checks.** Every row under 成本指标 (the 二级 under 产出指标, or the 一级 成本指标 with
    经济/社会/生态环境成本指标 since 2021) whose value parses as a percent, a count, a duration, a
    score or a number without a money unit. Qualitative and empty cost cells are left to the
    vague-value and placeholder rules.

    **Why a reviewer cares.** A cost indicator states what the output costs: a total (`≤2.5万元`) or a
    unit cost (`≤350元/人`). `≥90%` under 成本指标 says nothing about money, cannot be checked against
    the budget (适当性), and usually means the row was filled with a template percentage. A ceiling
    relative to the budget (`总成本 ≤100%`, "spend no more than the budget") is the one percentage a
    reviewer may let pass; it still carries no cost figure, so it is reported at severity info,
    every other percentage or count at warning.

    **Bad** (004 card 1, 门卫安保经费, line 318; and card 3, line 522, where the cost row repeats the
    质量 row):

        成本指标 | 控制成本 | 控制成本 | ≥90百分比
        成本指标 | 综合事务管理工作完成率 | … | ≥95百分比

    **Bad** (004 card 42, line 4533): `培训补助标准 | 500人`, a count under 成本指标.

    **Good** (000 card 5, line 595; 002 card 3, line 1085):

        成本指标 | 补贴标准 | 每人每年补贴标准 | ≤2.88万元
        成本指标 | 培训标准 | … | ≤350 元/人
    """

    code = "UM001"
    name = "cost-not-money"
    family = "unit_mismatch"
    severity = "warning"
    message = "成本指标 '{name}' is valued in {what} ('{text}'), not in money (元, 万元, 元/人)"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # The rows this rule looks at, picked from the whole document by C-level `map`s: the
        # findings of `check_card` over the cards, in the same order.
        dr = doc_rows(doc, ctx)
        return dr.each(self._row, doc, ctx, hit_positions(starmap(is_cost_levels, dr.column(LEVELS))))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        for ind in cost_rows(card):
            yield from self._row(ctx, card, ind)

    def _row(self, ctx: Context, card: Card, ind: Indicator) -> Iterator[Finding]:
        pv = ind.parsed
        if pv.kind not in _NOT_MONEY:
            return
        what = _describe(pv.kind, pv.unit)
        severity = None
        key = name_key(ind.name)
        if (pv.kind == "percent" and pv.op in _CEILING and pv.number is not None and pv.number <= 100
                and any(w in key for w in _BUDGET_SHARE_WORDS)):
            severity = "info"
            what = "a share of the budget"
        yield self.finding_of(ctx, card, ind, "value", {"what": what}, severity=severity)


def _describe(kind: str, unit: str | None) -> str:
    if kind == "percent":
        return "a percentage"
    if kind == "number":
        return "a bare number"
    if unit:
        return f"{kind} ({unit})"
    return "a number followed by words"
