from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from lint.model import Document, Paragraph
from lint.rules.base import Context, Finding, Related, Rule
from lint.similarity import char_shingles, jaccard, near_duplicate_groups
from lint.text import compact


class RepeatedParagraph(Rule):
    """A paragraph of the department's narrative repeats an earlier one (word for word or nearly).

    **What it checks.** The narrative paragraphs of each document (部门职责, 总体/分项绩效目标 …)
    of at least `copy_paste_paragraph_min_chars` characters (default 30, so headings like
    `绩效指标:` are left alone), as word-bigram shingles; a paragraph whose Jaccard similarity with an
    earlier paragraph of the same document is at least `copy_paste_paragraph_threshold` (default
    0.9) is reported, pointing at the first occurrence. Numbers are ignored, so a paragraph pasted
    with other figures still counts.

    **Why a reviewer cares.** A repeated paragraph in the 绩效目标 section is filler: a second
    分项目标 that says what the first said sets no target of its own.

    **Bad** (synthetic: the shared documents have no repeat; 004 line 187, the 机关工委 goal
    paragraph, pasted again later in the same narrative).

    **Good** (004 lines 205 and 207): the 工商联 duties and goal paragraphs share the sentence
    `引导会员积极承担社会…发挥工商联在政府管理和服务非公有制经济中的助手作用` but the rest differs,
    so they are not a repeat.
    """

    code = "CP104"
    name = "repeated-paragraph"
    family = "copy_paste"
    severity = "warning"
    message = "narrative paragraph repeats the paragraph at {first}{how}"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        threshold = float(ctx.setting("copy_paste_paragraph_threshold", 0.9))
        min_chars = int(ctx.setting("copy_paste_paragraph_min_chars", 30))
        paras = [p for p in doc.narrative if len(compact(p.text)) >= min_chars]
        sets = [_shingles(p.text) for p in paras]
        if not _may_repeat(sets, threshold):
            return
        for group in near_duplicate_groups(sets, threshold):
            first = paras[group[0]]
            for j in group[1:]:
                sim = jaccard(sets[group[0]], sets[j])
                yield self._finding(doc, paras[j], first, sim)

    def _finding(self, doc: Document, para: Paragraph, first: Paragraph, sim: float) -> Finding:
        text = para.text
        return Finding(
            code=self.code, name=self.name, family=self.family, severity=self.severity,
            message=self.message.format(first=first.loc.address() if first.loc else f"line {first.line}", how="" if sim == 1.0 else f" ({sim:.0%} the same)"),
            path=doc.path, line=para.line, column=1,
            end_column=1 + len(text) if "\n" not in text else None,
            unit=doc.department, field="narrative", text=text,
            related=(Related(doc.path, first.line, 1, None, "", "first occurrence",
                             first.loc.office() if first.loc else ()),),
            office=para.loc.office() if para.loc else (),
        )


# A paragraph's shingles by its text: `char_shingles` caches them by the normalised text, but the
# normalisation itself (three regex passes over hundreds of characters) was most of this rule's
# time, and narratives recur (a bureau's boilerplate; at 10× 173 distinct of 1,660 paragraphs).
# Bounded; the sets are the ones `char_shingles` keeps anyway.
_shingles = lru_cache(maxsize=1 << 12)(char_shingles)


def _may_repeat(sets: list[frozenset[int]], threshold: float) -> bool:
    """False only when no two sets are identical or at least `threshold` similar (Jaccard).

    `near_duplicate_groups` joins only such pairs, so it would find no group; its MinHash signatures
    are most of this rule's time, and a narrative of a few dozen paragraphs is checked exactly for
    less. True when it cannot tell within a budget of comparisons linear in the paragraphs.
    """
    if not 0 < threshold <= 1:
        return True  # identical sets would be joined below a threshold over 1: let the grouping decide
    order = sorted((len(s), i) for i, s in enumerate(sets) if s)
    budget = 50 * len(order)
    for a, (size, i) in enumerate(order):
        for size2, j in order[a + 1:]:
            # Jaccard is at most the size ratio, and the ratio only falls further along the sorted list.
            if size / size2 < threshold:
                break
            budget -= 1
            if budget < 0 or jaccard(sets[i], sets[j]) >= threshold:
                return True
    return False
