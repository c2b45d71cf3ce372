from __future__ import annotations

from collections.abc import Iterator

from lint.model import Card, Document, Indicator
from lint.parse import levels
from lint.rules._cardrows import has_repeated_name, is_placeholder, related_row, row_key, short_level
from lint.rules._docrows import cards_with_repeated_name, check_cards
from lint.rules.base import Context, Finding, Rule
from lint.rules.cp002_copied_output_row import copied_output_originals


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

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # `check_card` on the cards where two rows share a name (its own first test), one in twenty.
        return check_cards(self, doc, ctx, cards_with_repeated_name(doc, ctx))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        if not ctx.per_card(has_repeated_name, card):  # shared with CP002
            return  # no two rows with the same key
        copied: dict[int, Indicator] | None = None  # CP002's rows, looked up only once a repeat is found
        # One pass, keyed by (name, description, value): per key the first row, its 二级, and the first
        # row under any other 二级. The first earlier row under a 二级 other than row j's is then the
        # first row of the key, or if that one shares j's 二级, the first row under another.
        seen: dict[tuple[str, str, str], list] = {}
        for j, ind in enumerate(card.indicators):
            key, l2 = row_key(ind), levels.canonical(ind.level2)
            state = seen.get(key)
            k = None if state is None else state[0] if l2 != state[1] else state[2]
            if state is None:
                seen[key] = [j, l2, None]
            elif state[2] is None and l2 != state[1]:
                state[2] = j
            if k is None or not ind.name.strip() or is_placeholder(ind.name):
                continue  # placeholders are the PH rules' concern
            if copied is None:
                copied = copied_output_originals(card)
            if j in copied:
                continue  # copied 时效/成本 rows are CP002's
            orig = card.indicators[k]
            rel = related_row(ctx.document, card, orig, f"first occurrence, under {short_level(orig.level2)}")
            yield self.finding_of(ctx, card, ind, "name", {"level2": short_level(ind.level2),
                                                            "orig_level2": short_level(orig.level2)}, related=(rel,))
