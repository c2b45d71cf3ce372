from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from lint.model import Card, Document
from lint.rules._cardrows import is_placeholder_row, value_tail
from lint.rules._docrows import cards_of_rows, check_cards, doc_rows, rows_with_facts
from lint.rules._kinds import COUNT, NUMBER
from lint.rules.base import Context, Finding, Rule
from lint.text import compact


class ValueTrailingText(Rule):
    """A 指标值 has words where its unit should be: another cell ran into the value.

    **What it checks.** Values that parse as a number with no known unit (`units.toml`) followed
    by at least `min_chars` characters of text (`dictionaries/structure.toml [value_tail]`):
    `100维修情况`, `≥95综合业务管理工作完成情况`. Tails that qualify the number (`每…`, `/…`,
    parenthesised notes) and short makeshift units (`数额`, `人数`) are left alone. When the row's
    basis cell is empty the message says so: the tail is then most likely the missing basis
    (004 card 2 uses `维修情况` and `回访工作人员`, texts other cards have as their basis).

    **Why a reviewer cares.** `100维修情况` has no unit: it may be 100%, 100 repairs or 100 万元,
    so the target cannot be checked; and the text that ran in is missing from the cell it
    belonged to, usually the 指标值确定依据.

    **Bad** (004 card 2, 信息工作内网维护设备维修基础设施维修, row at line 399, value at line 403,
    basis cell empty):

        数量指标 | 维修完成情况 | 维修完成情况 | 100维修情况 | (empty)

    **Bad** (004 card 27, 统战部劳务派遣人员工资, value at line 3047): the description repeated
    in place of the unit:

        质量指标 | 综合事务管理工作完成率 | 综合业务管理工作完成情况 | ≥95综合业务管理工作完成情况

    **Good** (002 card 30, 创业就业孵化基地房屋评估经费, line 1606): a frequency qualifier, not a
    swallowed cell:

        数量指标 | 组织评估次数 | … | ≥1 每家基地每年一次 | 根据历史标准
    """

    code = "ST007"
    name = "value-trailing-text"
    family = "structure"
    severity = "warning"
    message = "指标值 '{text}' has text '{tail}' where a unit should be{detail}"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # `check_card` on the cards with a count or a bare number without a unit (`value_tail`'s own
        # first tests, on the rows of those kinds).
        dr = doc_rows(doc, ctx)
        rows = dr.rows
        bare = [r for r in chain(rows_with_facts(dr, COUNT, COUNT), rows_with_facts(dr, NUMBER, NUMBER))
                if rows[r].parsed.unit is None and rows[r].parsed.number is not None]
        return check_cards(self, doc, ctx, cards_of_rows(dr, bare))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        for ind in card.indicators:
            # value_tail first: it turns nearly every row down on its parsed value alone.
            tail = value_tail(ind)
            if tail is None or is_placeholder_row(ind):
                continue
            detail = "; the 指标值确定依据 cell is empty: the basis probably ran into the value" \
                if not compact(ind.basis) else ""
            yield self.finding_of(ctx, card, ind, "value", {"tail": tail, "detail": detail})
