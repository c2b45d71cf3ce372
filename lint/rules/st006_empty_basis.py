from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter

from lint.model import Card, Document, Indicator
from lint.rules._cardrows import is_placeholder_row, value_tail
from lint.rules._docrows import EMPTY, check_cards, field_bits, row_verdicts
from lint.rules.base import Context, Finding, Rule, row_place
from lint.text import compact


class EmptyBasis(Rule):
    """A filled indicator row has an empty 指标值确定依据 (basis of the target value).

    **What it checks.** Rows with a name and a value whose basis cell is empty. When no row of
    the card has a basis, the card is reported once (at its first row, with the count) instead
    of once per row. Skipped: rows that are all placeholders (`涉密` × 3, the PH rules' concern)
    and rows whose value carries trailing text where the unit should be (`100维修情况`): there the
    basis most likely ran into the value, and ST007 reports it. An empty cell has no position of
    its own, so the finding points at the row's 指标值 cell, the cell just before it.

    **Why a reviewer cares.** The basis (计划标准, 行业标准, 历史标准, a document number) is what
    makes a target checkable for 可行性: without it nobody can tell whether `≥95%` was derived
    from anything or typed in.

    **Bad** (004 card 14, 预防青少年违法犯罪专项经费, row at line 1651, value at line 1655):

        时效指标 | 及时开展审核，并提交报告 | 0 | ≤60百分比 | (empty)

    **Bad**, whole column (004 card 5, 应急事件处理…工作经费, first row at line 705): none of the
    nine rows has a basis; one finding at line 709.

    **Good** (004 card 14, line 1637): the 数量 row of the same card names its basis:

        数量指标 | 团组织及个人纪念活动的参与度 | … | 100百分比 | 《中共中央关于加强和改进党的群团组织工作的意见》
    """

    code = "ST006"
    name = "empty-basis"
    family = "structure"
    severity = "warning"
    message = "指标值确定依据 is empty {where}"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # The cards with an empty basis, from the document's cell verdicts (C-level); `check_card` on
        # those alone gives the same findings, in the same order.
        return check_cards(self, doc, ctx, row_verdicts(doc, ctx).cards_with(_EMPTY_BASIS))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        if all(map(compact, map(_BASIS, card.indicators))):
            return  # every basis filled (most cards): checked by C-level `map`s, no loop in Python
        rows = [ind for ind in card.indicators if not is_placeholder_row(ind)]
        empty = [ind for ind in rows if _filled(ind) and not compact(ind.basis)]
        reportable = [ind for ind in empty if value_tail(ind) is None]
        if not reportable:
            return
        if len(empty) == len(rows) and len(rows) > 1:
            first = reportable[0]
            yield self._at_value(ctx, card, first,
                                 f"in every row of this card ({len(rows)} rows)")
            return
        for ind in reportable:
            yield self._at_value(ctx, card, ind, f"for '{ind.name}'")

    def _at_value(self, ctx: Context, card: Card, ind: Indicator, where: str) -> Finding:
        # At the value's cell (or the next filled one before it) where the row has one: given as the
        # finding's place, so the record is built once, not built at the basis and moved.
        return self.finding_of(ctx, card, ind, "basis", {"where": where}, "",
                               place=row_place(ind, "value", "description", "name"))


_BASIS = attrgetter("basis")
_EMPTY_BASIS = field_bits("basis", EMPTY)


def _filled(ind: Indicator) -> bool:
    return bool(compact(ind.name)) and bool(compact(ind.value))
