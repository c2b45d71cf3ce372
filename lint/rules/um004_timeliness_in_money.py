from __future__ import annotations

from collections.abc import Iterator

from lint.model import Card, Document, Indicator
from lint.parse.levels import canonical
from lint.rules._docrows import doc_rows, hit_positions
from lint.rules._kinds import LEVEL2, TIMELINESS_LEVEL, is_money_unit_only, money_wan, timeliness_rows
from lint.rules.base import Context, Finding, Rule


class TimelinessInMoney(Rule):
    """A 时效指标 (timeliness) row valued in money.

    **What it checks.** Every row under 时效指标 (or its old name 进度指标) whose value is an amount
    of money, or only a money unit with no number (`万元`).

    **Why a reviewer cares.** A timeliness indicator states a deadline or a time limit (`12月底`,
    `≤10天`, `及时率 100%`). A money value there is a cost row filed under the wrong 二级, and the
    card then has no deadline at all: the 时效 slot is nominally filled but empty (完整性).

    **Bad** (002 card 44, 仲裁员工装制作费, line 1878):

        时效指标 | 项目支出数额 | 项目支出数额 | 万元

    **Good** (000 card 32, 巨好办 APP 运行费用, line 1077): `时效指标 | 解决时限 | ≤10天`.
    """

    code = "UM004"
    name = "timeliness-in-money"
    family = "unit_mismatch"
    severity = "warning"
    message = "时效指标 '{name}' is valued in money ('{text}') instead of a date or time limit"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # The rows this rule looks at, picked from the whole document by C-level `map`s: the
        # findings of `check_card` over the cards, in the same order.
        dr = doc_rows(doc, ctx)
        timeliness = hit_positions(map(TIMELINESS_LEVEL.__eq__, map(canonical, dr.column(LEVEL2))))
        return dr.each(self._row, doc, ctx, timeliness)

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        for ind in timeliness_rows(card):
            yield from self._row(ctx, card, ind)

    def _row(self, ctx: Context, card: Card, ind: Indicator) -> Iterator[Finding]:
        if money_wan(ind) is not None or is_money_unit_only(ind):
            yield self.finding(ctx, card, field="value", indicator=ind)
