from __future__ import annotations

from collections.abc import Iterator

from lint.model import Card, Document
from lint.rules._docrows import cards_of_rows, check_cards, doc_rows, rows_with_facts
from lint.rules._kinds import (
    CEILING,
    PERCENT,
    REVERSED,
    SATISFACTION,
    fmt_number,
    is_reversed,
    is_satisfaction,
    percent_rows,
)
from lint.rules.base import Context, Finding, Rule

_DEFAULT_FLOOR = 80


class LowSatisfaction(Rule):
    """A satisfaction target below the floor reviewers expect (80% unless configured).

    **What it checks.** Every row whose name is a satisfaction measure (满意度, 满意率, `满意和较满意的
    … 比例` — `satisfaction` in `dictionaries/directions.toml`) valued as a percentage whose target
    number is below the setting `satisfaction_floor` (default 80). A ceiling (`≤90%`) is IO001's
    business, not this rule's. Severity info: a low target is unusual, not wrong.

    **Why a reviewer cares.** Satisfaction targets are usually 85–98%; a target under 80% is rare,
    may be a typo (`8%` for `98%`), or signals a project expected to disappoint. No official
    source fixes a floor, hence the setting.

    **Bad** (no card of the three corpus files has one; the lowest, `≥80百分比` at 004 card 35, line
    3822, sits on the floor. The test lowers 000 card 13's `群众满意度 ≥95%`, line 741, to `≥60%`).

    **Good** (000 card 13, 考核运行经费, line 741): `群众满意度 | ≥95%`.
    """

    code = "IO005"
    name = "low-satisfaction"
    family = "illogical_operator"
    severity = "info"
    message = "satisfaction target '{text}' of '{name}' is below {floor}%"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # `check_card` on the cards with a percentage that is not a ceiling on a satisfaction name
        # that is not reversed (`row_facts`) and a number under the floor: the same tests.
        dr = doc_rows(doc, ctx)
        mask = PERCENT | CEILING | SATISFACTION | REVERSED
        floor = float(ctx.setting("satisfaction_floor", _DEFAULT_FLOOR))
        rows = dr.rows
        low = [r for r in rows_with_facts(dr, mask, PERCENT | SATISFACTION)
               if rows[r].parsed.number is not None and rows[r].parsed.number < floor]  # type: ignore[operator]
        return check_cards(self, doc, ctx, cards_of_rows(dr, low))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        floor = float(ctx.setting("satisfaction_floor", _DEFAULT_FLOOR))
        for ind in ctx.per_card(percent_rows, card):
            pv = ind.parsed
            if pv.number is None or pv.op in ("≤", "<"):
                continue
            if is_satisfaction(ind.name) and not is_reversed(ind.name) and pv.number < floor:
                yield self.finding(ctx, card, field="value", indicator=ind, floor=fmt_number(floor))
