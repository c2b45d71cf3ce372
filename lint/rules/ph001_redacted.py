from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache, partial
from itertools import chain
from operator import attrgetter

from lint.dicts import load_sections
from lint.model import Card, Document
from lint.rules._docrows import REDACTED, all_fields, cards_with_cell, check_cards
from lint.rules.base import Context, Finding, Rule
from lint.text import compact

_TEXT_FIELDS = ("name", "description", "value", "basis")
_CELLS = attrgetter(*_TEXT_FIELDS)
_NUMBERED = re.compile(r"\d+[.、．]")


class RedactedCell(Rule):
    """A cell says only `涉密` (classified) instead of its content.

    **What it checks.** Every cell of the indicator grid and the card's 绩效目标 and 资金用途, after
    normalisation, against the `[redacted]` words of `dictionaries/placeholders.txt`. A card whose
    cells are all redacted is reported once per cell, so the extent is visible.

    **Why a reviewer cares.** A published target table that says `涉密` in every cell cannot be
    reviewed or evaluated; if the project really is classified, the card belongs in the classified
    channel, not in the public disclosure with empty content.

    **Bad** (004 card 10, 保密工作经费, line 1225):

        三级指标 涉密 | 绩效指标描述 涉密 | 指标值 涉密

    **Good** (004 card 7, 电子政务内网维护费): a real name, description and value:

        电子政务内网运行率 | 电子政务内网正常运行 | 100百分比
    """

    code = "PH001"
    name = "redacted-cell"
    family = "placeholder"
    severity = "error"
    message = "cell is redacted ('{text}') instead of holding the {label}"

    _LABELS = {"name": "三级指标 name", "description": "绩效指标描述", "value": "指标值",
               "basis": "指标值确定依据", "goal_text": "绩效目标", "fund_use": "资金用途"}

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # The cards with a redacted cell, from the document's cell verdicts (C-level); `check_card`
        # on those alone gives the same findings, in the same order.
        is_redacted = redaction_judge()
        return check_cards(self, doc, ctx, cards_with_cell(doc, ctx, _ANY_REDACTED, is_redacted))

    def check_card(self, card: Card, ctx: Context) -> Iterator[Finding]:
        is_redacted = redaction_judge()
        for fieldname in ("goal_text", "fund_use"):
            if is_redacted(getattr(card, fieldname)):
                yield self.finding_of(ctx, card, None, fieldname, {"label": self._LABELS[fieldname]})
        # Nearly every card has no redacted cell: all its cells are judged by C-level `map`s first,
        # and its rows walked one by one only when one of them is redacted.
        if not any(map(is_redacted, chain.from_iterable(map(_CELLS, card.indicators)))):
            return
        for ind in card.indicators:
            for fieldname in _TEXT_FIELDS:
                if is_redacted(getattr(ind, fieldname)):
                    yield self.finding_of(ctx, card, ind, fieldname, {"label": self._LABELS[fieldname]})


_ANY_REDACTED = all_fields(REDACTED)


def redaction_judge() -> Callable[[str], bool]:
    """Whether a text is redacted, for the `[redacted]` words in force (cached per text)."""
    return _judge(load_sections("placeholders.txt").get("redacted", ()))


@lru_cache(maxsize=4)  # keyed by the list itself: a bureau's extra list (a new tuple) is seen
def _judge(entries: tuple[str, ...]) -> Callable[[str], bool]:
    """`_is_redacted(·, words)` for the compacted `entries`, cached per text. A cache of its own per
    word list, keyed by the text alone: a key of (text, words) costs a tuple and its hash per
    cell, several times the lookup, and every cell of every card is judged."""
    return lru_cache(maxsize=1 << 14)(partial(_is_redacted, words=frozenset(compact(w) for w in entries)))


def _is_redacted(text: str, words: frozenset[str]) -> bool:
    key = compact(text)
    if not key:
        return False
    if key in words:
        return True
    # All parts redacted means the first part, a word, is in the key: most cells hold none.
    if not any(w in key for w in words):
        return False
    # Numbered goal sentences that are all redacted: `1.涉密 2.涉密 3.涉密`.
    parts = [p for p in _split_numbered(key) if p]
    return bool(parts) and all(p in words for p in parts)


def _split_numbered(key: str) -> list[str]:
    return [p.strip("。;；,，") for p in _NUMBERED.split(key)]
