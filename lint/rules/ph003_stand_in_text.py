from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from operator import attrgetter

from lint.model import Card, Document
from lint.rules._docrows import STAND_IN, field_bits, row_verdicts
from lint.rules._words import Sections, from_sections
from lint.rules.base import Context, Finding, Rule
from lint.text import compact

# Cells that must hold words. 指标值 is left out on purpose: `0`, `0户`, `0起` are real targets
# (002 line 1065: 返贫户数 `0户`; line 1283: 重大群体性事件数量 `0 起`).
_TEXT_FIELDS = ("name", "description", "basis")
_LABELS = {"name": "三级指标 name", "description": "绩效指标描述", "basis": "指标值确定依据"}
_CELLS = attrgetter(*_TEXT_FIELDS)
_FIELD_BITS = tuple((f, field_bits(f, STAND_IN)) for f in _TEXT_FIELDS)
_ANY_STAND_IN = sum(bit for _, bit in _FIELD_BITS)


class StandInText(Rule):
    """A text cell holds only a stand-in such as `0`, `无`, `/` or `-` instead of words.

    **What it checks.** The 三级指标 name, the 绩效指标描述 and the 指标值确定依据 of every
    indicator row, after normalisation (full-width → ASCII, whitespace removed), against the
    `[empty]` words of `dictionaries/placeholders.txt` (`0`, `无`, `/`, `-`, `--`, `—`, `空`, `略`,
    `暂无`). The 指标值 is not checked: a value of `0` or `0户` can be a real target.

    **Why a reviewer cares.** A stand-in fills the cell so the budget system accepts the form, but it
    tells the reader nothing: a row whose description is `0` does not say what is measured or how,
    so the target cannot be verified (可行性) and the evaluation at year end has nothing to check
    against.

    **Bad** (004 card 1, 门卫安保经费, line 321: the 成本指标 row's description is `0`):

        成本指标 | 控制成本 | 0 | ≥90百分比 | 对设备维修及时情况

    **Good** (004 card 1, the 数量指标 row above it, line 300):

        数量指标 | 政府院内等设施正常使用率 | 政府院内等设施正常使用率 | 100百分比 | 设备使用情况
    """

    code = "PH003"
    name = "stand-in-text"
    family = "placeholder"
    severity = "warning"
    message = "{label} is only '{text}', a stand-in for missing text"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # Only the rows with a stand-in, from the document's cell verdicts (C-level): the findings
        # of `check_card` over the cards, in the same order (row by row, field by field).
        rv = row_verdicts(doc, ctx)
        cards, rows, card_of, packed = doc.cards, rv.rows.rows, rv.rows.card_of, rv.packed
        for r in rv.rows_with(_ANY_STAND_IN):
            for fieldname, bit in _FIELD_BITS:
                if packed[r] & bit:
                    yield self.finding_of(ctx, cards[card_of[r]], rows[r], fieldname, {"label": _LABELS[fieldname]})

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        words = stand_in_words()
        # Nearly every card has no stand-in: all its cells are compacted and looked up by C-level
        # `map`s first, and its rows walked one by one only when one of them is a stand-in.
        if words.isdisjoint(map(compact, chain.from_iterable(map(_CELLS, card.indicators)))):
            return
        for ind in card.indicators:
            for fieldname in _TEXT_FIELDS:
                if compact(getattr(ind, fieldname)) in words:
                    yield self.finding_of(ctx, card, ind, fieldname, {"label": _LABELS[fieldname]})


@from_sections("placeholders.txt")
def stand_in_words(sections: Sections) -> frozenset[str]:
    """The `[empty]` words in force, compacted."""
    words = {compact(w) for w in sections.get("empty", ())}
    words.discard("")
    return frozenset(words)
