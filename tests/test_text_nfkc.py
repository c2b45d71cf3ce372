"""`lint.text._nfkc` (NFKC applied between CJK ideographs only) is `unicodedata.normalize("NFKC")`."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from lint.readers import read_text
from lint.readers.rows import split_rows
from lint.text import _nfkc

CORPUS = sorted(Path(__file__).parent.joinpath("data", "corpus").glob("0*.txt"))
HAN = range(0x4E00, 0xA000)  # what `_NOT_HAN` leaves out


def _nfkc_slow(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def test_the_ideographs_left_out_are_stable():
    """No decomposition, no combining class, NFKC leaves each alone: the conditions under which a
    string may be normalised piecewise between them."""
    for c in map(chr, HAN):
        assert unicodedata.decomposition(c) == "" and unicodedata.combining(c) == 0, hex(ord(c))
        assert _nfkc_slow(c) == c


def _characters() -> list[str]:
    """Every BMP character, and beyond it those NFKC changes, marks and what combines."""
    out = []
    for i in range(sys.maxunicode + 1):
        if 0xD800 <= i < 0xE000:
            continue
        c = chr(i)
        if i < 0x10000 or _nfkc_slow(c) != c or unicodedata.combining(c) or unicodedata.decomposition(c):
            out.append(c)
    return out


def test_every_character_beside_an_ideograph_normalises_as_nfkc():
    for c in _characters():
        for text in (f"项{c}", f"{c}项", f"a{c}项\u0301{c}", f"{c}{c}项{c}"):
            assert _nfkc(text) == _nfkc_slow(text), (hex(ord(c)), text)


def test_every_corpus_cell_normalises_as_nfkc():
    texts = {t for p in CORPUS for row in split_rows(read_text(str(p)))[1] for t in row.texts}
    changed = 0
    for text in texts:
        assert _nfkc(text) == _nfkc_slow(text), text
        changed += _nfkc_slow(text) != text
    assert changed  # (cells with full-width forms were tried)
