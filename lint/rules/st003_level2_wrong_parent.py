from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import repeat
from operator import attrgetter, is_not

from lint.model import Card, Document
from lint.parse import levels
from lint.rules._docrows import cards_of_rows, check_cards, doc_rows, hit_positions
from lint.rules.base import Context, Finding, Rule

_LEVEL1, _LEVEL2 = attrgetter("level1"), attrgetter("level2")


class Level2WrongParent(Rule):
    """A 二级 sits under a 一级 it does not belong to (满意度 under 效益, 数量 under 满意度 …).

    **What it checks.** Rows whose 一级 cell is written on the row itself (not carried down from
    a merged cell: `Indicator.level1_inferred` is False) and names a known 一级, against the
    二级 allowed under it in `dictionaries/levels.toml` (`成本指标` is allowed under 产出 as in the
    pre-2021 scheme; `进度指标` reads as 时效指标). Rows whose 一级 was carried down are skipped:
    a blank 一级 cell may be a merged cell or a lost one and the text cannot tell which. The
    OCR layout is skipped too: its 一级 column is unreadable and the 一级 is inferred from the
    二级, so the two can never disagree. Unknown 二级 names are ST004's.

    **Why a reviewer cares.** The 一级 decides how a row is weighed and read: a satisfaction
    survey filed as a 效益 hides the fact that the card has no real benefit indicator, and a
    scorecard that sums by 一级 gives the points to the wrong block.

    **Bad**: none in the three corpus files (every explicit 一级 matches its 二级). The test
    rewrites the explicit 一级 of 004 card 1's 满意度 row (line 346) to 效益指标; the finding is at
    the 二级 cell (line 347):

        效益指标 | 服务对象满意度指标 | 本单位人员对门卫工作的满意率 | … | ≥90百分比

    **Good** (004 card 1, line 346):

        满意度指标 | 服务对象满意度指标 | 本单位人员对门卫工作的满意率 | … | ≥90百分比
    """

    code = "ST003"
    name = "level2-wrong-parent"
    family = "structure"
    severity = "error"
    message = "二级 '{text}' does not belong under 一级 '{level1}' (it belongs under {parent})"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # `check_card` on the cards with a row whose 二级 `_wrong_parent` puts elsewhere (cached per
        # pair, read by C-level `map`s).
        if ctx.document.layout == "ocr":
            return iter(())
        dr = doc_rows(doc, ctx)
        wrong = map(is_not, map(_wrong_parent, dr.column(_LEVEL1), dr.column(_LEVEL2)), repeat(None))
        return check_cards(self, doc, ctx, cards_of_rows(dr, hit_positions(wrong)))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        if ctx.document.layout == "ocr":
            return
        for ind in card.indicators:
            if ind.level1_inferred or not ind.level2:
                continue
            parent = _wrong_parent(ind.level1, ind.level2)
            if parent is not None:
                yield self.finding(ctx, card, field="level2", indicator=ind, level1=ind.level1, parent=parent)


# Asked of every row, of a few dozen distinct (一级, 二级) pairs. Bounded (OCR garbles).
@lru_cache(maxsize=1 << 12)
def _wrong_parent(level1: str, level2: str) -> str | None:
    """The 一级 the 二级 belongs under when it is not `level1` (a known 一级), else None."""
    if not levels.is_level1(level1):
        return None
    parent = levels.parent_of(level2)
    if parent is None:
        return None  # unknown 二级: ST004
    allowed = {levels.canonical(x) for x in levels.allowed_level2(level1)}
    return None if levels.canonical(level2) in allowed else parent
