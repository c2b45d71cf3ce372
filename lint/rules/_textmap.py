"""Match on compacted text, quote the original: a map from `compact()` positions back to the raw
text, so a rule can say `'目标内容 1'` (as written) after matching `目标内容1`."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain, repeat

from lint.text import compact


class _Pieces(dict):
    """`compact()` of one character, by code point, filled on first use: a `str.translate` table.

    Bounded (cleared when full) so that a file of every Unicode character keeps flat memory; real
    text uses a few thousand distinct characters.
    """

    _LIMIT = 1 << 16

    def __missing__(self, code: int) -> str:
        if len(self) >= self._LIMIT:
            self.clear()
        piece = self[code] = compact(chr(code))
        return piece


_PIECES = _Pieces()


# Characters whose NFKC form is the same alone as within any text: each decomposes to starters
# (combining class 0) that never compose with what precedes them. A text of only these has
# `compact(text)` equal to the concatenation of its characters' `compact()`, i.e. to the key of
# its map. ASCII, CJK punctuation, ideographs, full-width forms and a few signs tables use (`—`,
# `…`, `≤`, `℃`, Roman numerals); kana (voiced marks compose) and U+2017 (a spacing mark) are left
# out. tests/rules/test_prefilters.py checks every character of the ranges.
SAFE_RANGES = (
    (0x09, 0x0A), (0x0D, 0x0D), (0x20, 0x7E), (0xB7, 0xB7), (0xD7, 0xD7), (0x2010, 0x2016),
    (0x2018, 0x2027), (0x2103, 0x2103), (0x2160, 0x217F), (0x2191, 0x2191), (0x2264, 0x2265),
    (0x226A, 0x226B), (0x3000, 0x3029), (0x3030, 0x303F), (0x4E00, 0x9FFF), (0xFF01, 0xFF5E),
)
_NOT_SAFE = re.compile("[^" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in SAFE_RANGES) + "]")


@lru_cache(maxsize=1 << 16)  # like compact(): cells recur (`100%`, names); bounded for flat memory
def compact_key(raw: str) -> str:
    """`compact_with_map(raw)[0]` without the map: rules test this key first and build the map only
    for the few texts that hold a match. For a text of safe characters (nearly all) it is
    `compact(raw)`, which other rules have mostly made already (cached) and which is C-level work
    on the whole string; otherwise character by character (`str.translate`, a dict lookup each)."""
    if _NOT_SAFE.search(raw) is None:
        return compact(raw)
    return raw.translate(_PIECES)


# Safe characters (above) that `compact()` turns into exactly one character: ASCII without the
# space, CJK punctuation but the ideographic space, ideographs, full-width forms, a few signs. In a
# text of only these, output character i comes from raw character i. Checked by the same test.
ONE_EACH_RANGES = (
    (0x21, 0x7E), (0xB7, 0xB7), (0xD7, 0xD7), (0x2010, 0x2016), (0x2018, 0x2024), (0x2027, 0x2027),
    (0x2191, 0x2191), (0x2264, 0x2265), (0x226A, 0x226B), (0x3001, 0x3029), (0x3030, 0x303F),
    (0x4E00, 0x9FFF), (0xFF01, 0xFF5E),
)
_NOT_ONE_EACH = re.compile("[^" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ONE_EACH_RANGES) + "]")


def compact_with_map(raw: str) -> tuple[str, list[int]]:
    """`compact(raw)` built character by character, with the raw index of every output character."""
    return compact_key(raw), raw_index(raw)


def raw_index(raw: str) -> list[int]:
    """The raw index of every character of `compact_key(raw)`."""
    if _NOT_ONE_EACH.search(raw) is None:  # most titles and goals: one character for one
        return list(range(len(raw)))
    # C-level `map`s, no loop in Python: the texts that need a map are the long ones (goals with a
    # year), and a Python loop over their characters cost 70 µs a goal.
    pieces = map(len, map(_PIECES.__getitem__, map(ord, raw)))  # dict.__getitem__ calls __missing__
    return list(chain.from_iterable(map(repeat, range(len(raw)), pieces)))


def original(raw: str, index: list[int], start: int, end: int) -> str:
    """The raw text behind the compacted span `[start, end)`."""
    if start >= end or not index:
        return ""
    return raw[index[start]: index[end - 1] + 1]
