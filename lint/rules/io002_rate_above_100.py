from __future__ import annotations

from collections.abc import Iterator

from lint.model import Card, Document
from lint.rules._docrows import cards_of_rows, check_cards, doc_rows, rows_with_facts
from lint.rules._kinds import (
    PERCENT,
    RATE,
    UNBOUNDED,
    fmt_number,
    is_rate_name,
    is_unbounded_share,
    percent_rows,
)
from lint.rules.base import Context, Finding, Rule

_FULL = 100.0


class RateAbove100(Rule):
    """A percentage target above 100% (`>100%`, `120%`), or `≥100%`, which can only mean `=100%`.

    **What it checks.** Every rate or share (a name ending in 率, 比例, 占比, 满意度 … as in UM002)
    valued as a percentage: a number (or the upper bound of a range) above 100, or `>100%`, is an
    error; `≥100%` is a warning (the only value that meets it is exactly 100%). A percentage under a
    name that is not a share (`财政资金投入效益 ≥100%`, a return that may exceed 100%) is skipped. Growth and increase names (`增长率`, `提升`, `增加` — `unbounded` in
    `dictionaries/directions.toml`) may legitimately exceed 100% and are skipped.

    **Why a reviewer cares.** A share of a whole cannot exceed the whole: `>100%` cannot be met, so
    the target is unfeasible (可行性). `≥100%` is met only by 100%: it is harmless in practice but
    shows the operator was not thought about, and reviewers ask for `=100%` or `100%`.

    **Bad** (004 card 24, 机关党建专项经费, line 2722; card 3, line 501):

        质量指标 | 印刷质量合格率 | … | ≥100百分比
        数量指标 | 社会保险资金、工资发放到位率 | … | ≥100百分比

    **Good** (004 card 24, line 2729): `按时完成 | 100百分比`.
    """

    code = "IO002"
    name = "rate-above-100"
    family = "illogical_operator"
    severity = "error"
    message = "'{name}': {why} ('{text}')"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # `check_card` on the cards with a percentage over 100, or of 100 with `>` or `≥`, on a rate
        # name that is not a growth (`row_facts` for the name and kind, then those rows' numbers).
        dr = doc_rows(doc, ctx)
        rows = dr.rows
        found = []
        for r in rows_with_facts(dr, PERCENT | RATE | UNBOUNDED, PERCENT | RATE):
            pv = rows[r].parsed
            if pv.number is None:
                continue
            top = max(pv.number, pv.number2 or 0.0)
            if top > _FULL or (top == _FULL and pv.op in (">", "≥")):
                found.append(r)
        return check_cards(self, doc, ctx, cards_of_rows(dr, found))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        for ind in ctx.per_card(percent_rows, card):
            pv = ind.parsed
            if pv.number is None:
                continue
            top = max(pv.number, pv.number2 or 0.0)
            # (The name looked at only for a target of 100% or more: one percentage in five.)
            if top < _FULL or not is_rate_name(ind.name) or is_unbounded_share(ind.name):
                continue
            if top > _FULL:
                why = f"a share cannot exceed 100%, the target is {fmt_number(top)}%"
                yield self.finding_of(ctx, card, ind, "value", {"why": why})
            elif top == _FULL and pv.op == ">":
                yield self.finding_of(ctx, card, ind, "value", {"why": "more than 100% of a share cannot be reached"})
            elif top == _FULL and pv.op == "≥":
                yield self.finding_of(ctx, card, ind, "value",
                                      {"why": "'≥100%' can only be met by exactly 100%; write '=100%' or '100%'"},
                                      severity="warning")
