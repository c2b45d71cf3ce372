from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from lint.model import Document
from lint.parse.document import parse_text
from lint.readers import read_text

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"
OCR = CORPUS / "000_cb34180b68ea7a0d.txt"
MARKDOWN = CORPUS / "002_0bd4f904c4eeb3a3.txt"
WORD = CORPUS / "004_067c5885c1f51251.txt"


@cache
def parsed(path: Path) -> Document:
    return parse_text(read_text(path), str(path))


@pytest.fixture(scope="session")
def ocr_doc() -> Document:
    return parsed(OCR)


@pytest.fixture(scope="session")
def md_doc() -> Document:
    return parsed(MARKDOWN)


@pytest.fixture(scope="session")
def word_doc() -> Document:
    return parsed(WORD)


def card_at(doc: Document, line: int):
    """The card whose title is on `line` of the source (titles are unique per line)."""
    return next(c for c in doc.cards if c.line == line)


def rows(card) -> list[tuple[str, str, str, str, str, str]]:
    return [(i.level1, i.level2, i.name, i.description, i.value, i.basis) for i in card.indicators]


@pytest.fixture(scope="session")
def cells(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Every distinct cell text of the shared corpus and of a 10× synthetic copy of it: the inputs
    on which fast paths are compared with their definitions."""
    from benchmarks.synth_files import CORPUS, write_corpus
    from lint.readers.rows import split_rows

    folder = tmp_path_factory.mktemp("x10")
    write_corpus(10, folder)
    out: set[str] = set()
    for p in [*CORPUS, *sorted(folder.rglob("*.txt"))]:
        for row in split_rows(read_text(str(p)))[1]:
            out.update(row.texts)
    return out
