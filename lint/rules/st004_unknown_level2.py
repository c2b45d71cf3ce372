from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from operator import attrgetter

from lint.model import Card, Document
from lint.parse import levels
from lint.rules._docrows import cards_of_rows, check_cards, doc_rows
from lint.rules.base import Context, Finding, Rule
from lint.text import compact

_LEVEL2 = attrgetter("level2")
_MAX_LABEL = 12  # the longest standard 二级 (生态环境成本指标) has 8 characters
_MAX_BARE = 6  # a label without the 指标 suffix (`产出数量`, `工作效率`)
_LABEL = re.compile(r"^[\u4e00-\u9fff()（）]+$")


class UnknownLevel2(Rule):
    """A 二级 cell names no 二级 of the indicator system.

    **What it checks.** Every 二级 cell written on a row (rows that carry a merged 二级 down are
    reported once, at the cell) against the 二级 of `dictionaries/levels.toml` and its aliases
    (`数量` → 数量指标, `进度指标` → 时效指标). The message suggests the closest known name. In the
    OCR layout an unknown name is more likely a misread than a defect of the card, so there the
    finding is `info`. Only cells that read as a 二级 label are judged: Chinese text without
    digits, ending in `指标` (at most 12 characters) or short (at most 6). A number, or a
    three-level name such as `可持续发展的能力`, in the 二级 column comes from a row that lost a
    cell, not from a 二级 anyone wrote.

    **Why a reviewer cares.** The 二级 is what completeness and scoring are checked against: a
    row under `工作指标` or `满意度指标` (a 一级 name used as a 二级) fits no dimension, so the card
    looks incomplete to every downstream check and the row's weight is undefined.

    **Bad**: none in the three corpus files (all 134 grids use the standard names). The test
    renames the 二级 of 004 card 1's 数量 row (二级 cell at line 298) to `工作指标`:

        产出指标 | 工作指标 | 政府院内等设施正常使用率 | … | 100百分比

    **Good** (004 card 1, line 298):

        产出指标 | 数量指标 | 政府院内等设施正常使用率 | 政府院内等设施正常使用率 | 100百分比
    """

    code = "ST004"
    name = "unknown-level2"
    family = "structure"
    severity = "warning"
    message = "unknown 二级 '{text}'{hint}"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # `check_card` on the cards with a 二级 `is_level2` does not know (nearly always none at all).
        dr = doc_rows(doc, ctx)
        keys = list(map(compact, dr.column(_LEVEL2)))
        known = levels.level2_keys()
        if known.issuperset(filter(None, keys)):
            return iter(())
        return check_cards(self, doc, ctx, cards_of_rows(dr, [r for r, key in enumerate(keys) if key and key not in known]))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        # Nearly every card has only known 二级 (or empty cells): checked by C-level `map`s against
        # the set of every text `is_level2` accepts, and the rows walked only otherwise.
        if levels.level2_keys().issuperset(filter(None, map(compact, map(_LEVEL2, card.indicators)))):
            return
        seen: set[tuple[int, int]] = set()
        for ind in card.indicators:
            loc = ind.locs.get("level2")
            key = compact(ind.level2)
            if not key or loc is None or levels.is_level2(key):
                continue
            if not _LABEL.match(key) or len(key) > (_MAX_LABEL if key.endswith("指标") else _MAX_BARE):
                continue
            if (loc.line, loc.column) in seen:
                continue
            seen.add((loc.line, loc.column))
            close = difflib.get_close_matches(key, levels.level2_names(), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]}?)" if close else ""
            yield self.finding(ctx, card, field="level2", indicator=ind, hint=hint,
                               severity="info" if ctx.document.layout == "ocr" else None)
