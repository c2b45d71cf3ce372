"""Match on compacted text, quote the original: a map from `compact()` positions back to the raw
text, so a rule can say `'目标内容 1'` (as written) after matching `目标内容1`."""

from __future__ import annotations

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


@lru_cache(maxsize=1 << 16)  # like compact(): cells recur (`100%`, names); bounded for flat memory
def compact_key(raw: str) -> str:
    """`compact_with_map(raw)[0]` without the map, at C speed (`str.translate`): rules test this
    key first and build the map only for the few texts that hold a match."""
    return raw.translate(_PIECES)


def compact_with_map(raw: str) -> tuple[str, list[int]]:
    """`compact(raw)` built character by character, with the raw index of every output character."""
    # C-level `map`s, no loop in Python: the texts that need a map are the long ones (goals with a
    # year), and a Python loop over their characters cost 70 µs a goal.
    pieces = list(map(_PIECES.__getitem__, map(ord, raw)))  # dict.__getitem__ calls __missing__
    index = list(chain.from_iterable(map(repeat, range(len(raw)), map(len, pieces))))
    return "".join(pieces), index


def original(raw: str, index: list[int], start: int, end: int) -> str:
    """The raw text behind the compacted span `[start, end)`."""
    if start >= end or not index:
        return ""
    return raw[index[start]: index[end - 1] + 1]
