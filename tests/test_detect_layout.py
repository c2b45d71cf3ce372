"""`detect_layout` answers from counts over the text where they suffice (`_word_by_counts`) and finds
Markdown lines by searching the text: it must answer as the plain definition, line by line, does."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from lint.readers import read_text
from lint.readers.rows import (
    _HEADING,
    _MD_MARK,
    _breaks_only_at_newlines,
    _detect,
    _word_by_counts,
    detect_layout,
    split_rows,
)

CORPUS = sorted(Path(__file__).parent.joinpath("data", "corpus").glob("0*.txt"))


def reference(text: str) -> str:
    lines = text.splitlines()[:20000]
    tab_lines = [ln for ln in lines if "\t" in ln]
    single = [ln for ln in tab_lines if ln.startswith("\t") and ln.count("\t") == 1]
    if tab_lines and len(single) / len(tab_lines) > 0.5:
        return "word"
    md = [ln for ln in lines if _HEADING.match(ln) or _MD_MARK.search(ln)]
    return "markdown" if len(md) >= 3 else "ocr"


# Lines of every kind for the counts: single TAB lines, TAB lines with more cells, starting with two
# TABs, ending with a TAB, a lone TAB, no TAB; headings and tags (and near misses).
PIECES = ["\tA", "\tB", "\t", "\t\t", "\tA\tB", "\t\tC", "A\tB", "A\t", "A\tB\t", "x", "", "  ",
          "# h", "  ## h", "#x", "a#", "<b>x</b>", "<p>", "<br>", "<", "\\f A"]


def random_texts(n: int) -> list[str]:
    rng = random.Random(8)
    texts = []
    for _ in range(n):
        lines = rng.choices(PIECES, k=rng.randint(1, 12))
        end = rng.choice(["", "\n", "\n\n"])
        texts.append("\n".join(lines) + end)
    return texts


CASES = ([read_text(str(p)) for p in CORPUS]
         + ["\n".join(p) for p in itertools.product(PIECES[:10], repeat=3)]
         + random_texts(3000))


@pytest.mark.parametrize("sep", ["\n", "\r\n", "\u2028"])
def test_detect_agrees_with_the_definition(sep: str) -> None:
    for text in CASES:
        text = text.replace("\n", sep)
        assert detect_layout(text) == reference(text), repr(text[:200])
        assert _detect(text.splitlines()) == reference(text), repr(text[:200])
        if _breaks_only_at_newlines(text):  # the lines made only if needed
            assert _detect(None, text) == reference(text), repr(text[:200])
            assert split_rows(text)[0] == reference(text)


def splits_only_at_newlines(text: str) -> bool:
    """The definition: `splitlines` breaks the text where "\n" is, and nowhere else."""
    return "\r" not in text and len(text.splitlines()) == text.count("\n") + (not text.endswith("\n"))


def test_breaks_only_at_newlines_is_the_definition() -> None:
    texts = ["", "\n", "a", "a\n", "\n\n", "a\r\nb", "a\rb"] + [f"a{chr(c)}b\n" for c in range(0x10000)]
    assert [_breaks_only_at_newlines(t) for t in texts] == [splits_only_at_newlines(t) for t in texts]


@pytest.mark.parametrize("end", ["", "\n"])
def test_the_first_20000_lines_at_the_edge(end: str) -> None:
    # Of all the lines, most are a TAB and one cell (Word); of the first 20,000, none is (OCR).
    for head in (19999, 20000, 20001):
        text = "\n".join(["A\tB"] * head + ["\tA"] * 30000) + end
        assert detect_layout(text) == reference(text) == "ocr"
        assert _detect(None, text) == _detect(text.splitlines()) == reference(text)


def test_counts_decide_the_corpus() -> None:
    # The shortcut is taken for the corpus's layouts (else the test above proves little of it).
    assert [_word_by_counts(read_text(str(p))) for p in CORPUS] == [False, False, True]


def test_only_the_first_20000_lines_count() -> None:
    word = "\tA\n" * 20000
    assert detect_layout(word + "A\tB\n" * 30000) == "word"
    assert detect_layout("A\tB\n" * 20000 + word) == "ocr"
