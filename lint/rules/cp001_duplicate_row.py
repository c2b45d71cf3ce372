from __future__ import annotations

from collections.abc import Iterator

from lint.model import Card
from lint.parse import levels
from lint.rules._cardrows import is_placeholder, related_row, row_key, short_level
from lint.rules.base import Context, Finding, Rule
from lint.rules.cp002_copied_output_row import copied_output_original


class DuplicateRowOtherLevel2(Rule):
    """The same row (name, description, value) appears twice in a card under different 二级.

    **What it checks.** Inside one card, every row against the rows above it: same name, same
    description and same value after `compact()` (full-width and spacing ignored; the basis may
    differ), but a different 二级. Reported once per copy, at the copy's name, with a `related`
    location pointing at the first occurrence. Rows named by a placeholder (`涉密`, `0`) are the
    placeholder rules' concern. A 时效/成本 row copied from a 数量/质量 row is CP002's.

    **Why a reviewer cares.** One indicator cannot measure two dimensions: a copied row means the
    second 二级 has no indicator of its own (a 质量 row equal to the 数量 row says nothing about
    quality), the card only looks complete, and the row is counted twice in any score.

    **Bad** (004 card 13, “三创四建”专项经费, 质量 row at line 1542 copies the 数量 row at line 1535):

        数量指标 | 宣传工作完成率 | 对“三创四建”活动宣传情况 | ≥98百分比 | 根据工作方案
        质量指标 | 宣传工作完成率 | 对“三创四建”活动宣传情况 | ≥98百分比 | 根据工作方案

    **Good** (004 card 13, line 1570 and line 1584): the 社会效益 and 满意度 rows share the
    description and value but have different names, so they are not the same row:

        社会效益指标 | 群众对活动的满意率 | 群众对“三创四建”工作的满意程度 | ≥95百分比
        服务对象满意度指标 | 服务对象满意度 | 群众对“三创四建”工作的满意程度 | ≥95百分比
    """

    code = "CP001"
    name = "duplicate-row-other-level2"
    family = "copy_paste"
    severity = "warning"
    message = "row '{text}' under {level2} repeats the {orig_level2} row (same name, description and value)"

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        for j, ind in enumerate(card.indicators):
            if not ind.name.strip() or is_placeholder(ind.name):
                continue
            if copied_output_original(card, j) is not None:
                continue  # CP002 reports it
            key, l2 = row_key(ind), levels.canonical(ind.level2)
            orig = next((a for a in card.indicators[:j]
                         if row_key(a) == key and levels.canonical(a.level2) != l2), None)
            if orig is None:
                continue
            rel = related_row(ctx.document, card, orig, f"first occurrence, under {short_level(orig.level2)}")
            yield self.finding(ctx, card, field="name", indicator=ind, related=[rel],
                               level2=short_level(ind.level2), orig_level2=short_level(orig.level2))
