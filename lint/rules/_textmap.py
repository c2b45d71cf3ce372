"""Match on compacted text, quote the original: a map from `compact()` positions back to the raw
text, so a rule can say `'目标内容 1'` (as written) after matching `目标内容1`."""

from __future__ import annotations

from lint.text import compact


def compact_with_map(raw: str) -> tuple[str, list[int]]:
    """`compact(raw)` built character by character, with the raw index of every output character."""
    out: list[str] = []
    index: list[int] = []
    pieces: dict[str, str] = {}  # compact() of one character, memoised: a 1 MB cell has few distinct ones
    for i, ch in enumerate(raw):
        piece = pieces.get(ch)
        if piece is None:
            piece = pieces[ch] = compact(ch)
        out.append(piece)
        index.extend([i] * len(piece))
    return "".join(out), index


def original(raw: str, index: list[int], start: int, end: int) -> str:
    """The raw text behind the compacted span `[start, end)`."""
    if start >= end or not index:
        return ""
    return raw[index[start]: index[end - 1] + 1]
