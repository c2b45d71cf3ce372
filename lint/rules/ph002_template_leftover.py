from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache, partial
from itertools import chain
from operator import attrgetter

import regex

from lint.model import Card, Document
from lint.rules._docrows import TEMPLATE, all_fields, cards_with_cell, check_cards
from lint.rules._textmap import compact_key, compact_with_map, original
from lint.rules._words import Sections, from_sections
from lint.rules.base import Context, Finding, Rule
from lint.text import compact

_CELL_FIELDS = ("name", "description", "value", "basis")
_CELLS = attrgetter(*_CELL_FIELDS)
_LABELS = {"name": "三级指标 name", "description": "绩效指标描述", "value": "指标值",
           "basis": "指标值确定依据", "goal_text": "绩效目标", "fund_use": "资金用途"}
# What is left of a cell once template text is removed, if it held nothing else: numbering and
# punctuation (`1.`, `2、`, `;`).
_NOISE = re.compile(r"\d+[.、]|[\s.,;:、。，；：]+")
_NUMBERING = re.compile(r"\d+[.、,]")


class TemplateLeftover(Rule):
    """Template text left in a cell or in the 绩效目标: `1.目标内容 1`, `指标1`, `XXX`, `***`.

    **What it checks.** The 绩效目标, the 资金用途 and every cell of the indicator grid, after
    normalisation (full-width → ASCII, whitespace removed), against the `[template]` words (whole
    cell) and the `[template_regex]` patterns (anywhere in the cell) of
    `dictionaries/placeholders.txt`. A cell that holds nothing but template text is an **error**;
    template text left in front of real content is a **warning**.

    **Why a reviewer cares.** The budget system pre-fills the form with `1.目标内容1`, `指标1`: text
    still there means nobody filled in (or nobody re-read) that part of the card. A goal that is only
    `1.目标内容 1` states no goal at all, and the card cannot be judged for 相关性 (do the indicators
    follow from the goal?).

    **Bad** (002 card 43, 劳动仲裁运维运行办案经费, line 1855; error, nothing else in the goal):

        绩效目标  1.目标内容 1

    **Bad** (002 card 29, 创业担保贷款财政贴息资金, line 1586; warning, real text follows):

        绩效目标  1.目标内容 1 根据石人社规[2021]2 号文规定，对已成功申请贷款的……借款人按时贴息。

    **Good** (002 card 36, the same 贴息 goal written without the leftover, line 1718):

        绩效目标  1.根据石人社规[2021]2号文规定，对已成功申请贷款的……借款人按时贴息。
    """

    code = "PH002"
    name = "template-leftover"
    family = "placeholder"
    severity = "warning"
    message = "template text '{match}' left in the {label}{rest}"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # The cards with template text in a cell, from the document's cell verdicts (C-level);
        # `check_card` on those alone gives the same findings, in the same order.
        template_hit = template_judge()
        return check_cards(self, doc, ctx, cards_with_cell(doc, ctx, _ANY_TEMPLATE, template_hit))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        template_hit = template_judge()
        for fieldname in ("goal_text", "fund_use"):
            hit = template_hit(getattr(card, fieldname))
            if hit:
                match, whole = hit
                yield self._finding(ctx, card, fieldname, None, match, whole)
        # Nearly every card has no template text in its cells: all its cells are judged by C-level
        # `map`s first, and its rows walked one by one only when one of them has some.
        if not any(map(template_hit, chain.from_iterable(map(_CELLS, card.indicators)))):
            return
        for ind in card.indicators:
            for fieldname in _CELL_FIELDS:
                hit = template_hit(getattr(ind, fieldname))
                if hit:
                    match, whole = hit
                    yield self._finding(ctx, card, fieldname, ind, match, whole)

    def _finding(self, ctx: Context, card: Card, fieldname: str, ind, match: str, whole: bool) -> Finding:
        return self.finding_of(
            ctx, card, ind, fieldname,
            {"match": match, "label": _LABELS[fieldname], "rest": " (the cell holds nothing else)" if whole else ""},
            severity="error" if whole else None,
        )


_ANY_TEMPLATE = all_fields(TEMPLATE)


@from_sections("placeholders.txt")
def template_judge(sections: Sections) -> Callable[[str], tuple[str, bool] | None]:
    """`_template_hit` for the lists in force. Cells recur (`100%`, whole pasted rows): each distinct
    text is judged once, in a cache of these lists' own. Bounded."""
    words = frozenset(compact(w) for w in sections.get("template", ()))
    patterns = tuple(regex.compile(p) for p in sections.get("template_regex", ()))
    return lru_cache(maxsize=1 << 14)(partial(_hit, words=words, patterns=patterns, any_pattern=_any_of(patterns)))


def _any_of(patterns: tuple[regex.Pattern, ...]) -> regex.Pattern | None:
    """One alternation that matches where any of `patterns` does: one search per cell instead of one
    per pattern, to rule out the cells (nearly all) that hold no template text. Only for patterns
    without groups (no backreference to renumber) or global flags (which would apply to all); None
    otherwise, and each pattern is then searched on its own."""
    plain = regex.compile("").flags
    if not patterns or any(p.groups or p.flags != plain for p in patterns):
        return None
    try:
        return regex.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    except regex.error:
        return None


def _template_hit(text: str) -> tuple[str, bool] | None:
    """The first template text in `text` and whether the cell holds nothing else, or None."""
    return template_judge()(text)


def _hit(text: str, words: frozenset[str], patterns: tuple[regex.Pattern, ...],
         any_pattern: regex.Pattern | None) -> tuple[str, bool] | None:
    # The key alone first (cheap); the map back to the raw text only for a cell that has a hit.
    key = compact_key(text)
    if not key:
        return None
    if key in words:
        return text.strip(), True
    if any_pattern is not None and not any_pattern.search(key):
        return None
    spans = sorted(m.span() for p in patterns for m in p.finditer(key) if m.end() > m.start())
    if not spans:
        return None
    merged = _merge(spans)
    first = merged[0]
    rest = key
    for start, end in reversed(merged):
        rest = rest[:start] + " " + rest[end:]
    leftover = _NOISE.sub("", rest)
    start, end = first
    # A pattern anchored on the numbering (`1.目标内容`) quotes the template words, not the number.
    numbering = _NUMBERING.match(key, start)
    if numbering and numbering.end() < end:
        start = numbering.end()
    _, index = compact_with_map(text)
    return original(text, index, start, end), not leftover or leftover in words


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
