"""`normalize` takes shortcuts (whitespace collapsed first, common full-width forms replaced before
NFKC, the ≧/≦ table only where it has a character): it must give what the plain definition gives,
for every corpus line and cell, every BMP character in a few contexts, and mixed random strings."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest

from lint.readers import read_text, split_rows
from lint.text import compact, normalize

CORPUS = sorted(Path(__file__).parent.joinpath("data", "corpus").glob("0*.txt"))

_EXTRA = str.maketrans({"≧": "≥", "≦": "≤", "〜": "~", "～": "~", "—": "-", "–": "-", "－": "-"})
_SPLIT_DECIMAL = re.compile(r"(\d)\s*\.\s+(\d)")


def reference(text: str) -> str:
    """The definition: NFKC, the table, split decimals joined, whitespace collapsed, in that order."""
    if not text:
        return ""
    out = unicodedata.normalize("NFKC", text).translate(_EXTRA)
    out = _SPLIT_DECIMAL.sub(r"\1.\2", out)
    return " ".join(out.split())


fast = normalize.__wrapped__  # uncached: every case runs the code


def test_corpus_lines_and_cells() -> None:
    texts = set()
    for path in CORPUS:
        text = read_text(str(path))
        texts.update(text.splitlines())
        for row in split_rows(text)[1]:
            texts.update(row.texts)
    assert len(texts) > 3000
    for text in texts:
        assert fast(text) == reference(text), repr(text)
        assert compact(text) == reference(text).replace(" ", "")


# Contexts that test what a character does next to others: alone, between digits and a split
# decimal point, after a letter and before a combining mark, in runs of whitespace, between
# Hangul jamo (which compose), after a full-width form the shortcut replaces.
CONTEXTS = ("{}", "1{}. 2", "a{}\u0301 ", "\u3000{}{}\t", "\u1100{}\u1161\u11a8", "（{}\u0338", "{}0")


@pytest.mark.parametrize("context", CONTEXTS)
def test_every_bmp_character(context: str) -> None:
    bad = [hex(c) for c in range(0x10000)
           if fast(s := context.format(chr(c), chr(c))) != reference(s)]
    assert not bad


# Characters that NFKC, the table or the collapsing treat specially.
POOL = list(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2003\u3000\u2028.。．0１٣9aeAé\u0301\u0308\u0338\u0327"
            "¨¯´¸˘ﬁ①㎡²…℃Ⅻ（），：；％＋－～〜—–≧≦=<>\u1100\u1161\u11a8가각ｶﾞ\u3099か"
            "项目资金绩效") + ["（万元）", "2. 80", "7580 . 94"]


def test_mixed_strings() -> None:
    rng = random.Random(5)
    for _ in range(20000):
        s = "".join(rng.choices(POOL, k=rng.randint(0, 12)))
        assert fast(s) == reference(s), repr(s)


def test_split_decimals_dense() -> None:
    # (`normalize` runs the split-decimal regex only on texts holding ". ": digits, dots and every
    # kind of space, densely, so that the regex would change many of them.)
    pool = list("0123456789１٣.．。 \t\n\u3000\xa0\u2003,a") + ["2. 80", ". ", " ."]
    rng = random.Random(6)
    for _ in range(20000):
        s = "".join(rng.choices(pool, k=rng.randint(0, 10)))
        assert fast(s) == reference(s), repr(s)
