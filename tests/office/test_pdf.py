"""PDF with a text layer: built in the test (reportlab) from corpus cards, read back with pdfplumber,
compared with the text reader. Without reportlab these tests are skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.errors import InputError
from lint.load import load_document
from lint.parse.document import parse_text
from tests.office.build import corpus_rows, write_pdf
from tests.office.conftest import assert_same_records

pytest.importorskip("reportlab")

from tests.conftest import MARKDOWN, WORD  # noqa: E402


def _text_doc(path: Path, first: int, last: int):
    lines = path.read_text(encoding="utf-8").splitlines()
    return parse_text("\n".join(lines[first - 1:last]), "part.txt")


def _pages(card) -> list[int]:
    locs = list(card.locs.values()) + [loc for ind in card.indicators for loc in ind.locs.values()]
    return sorted({loc.page for loc in locs})


@pytest.mark.parametrize(("source", "first", "last", "merged"), [(MARKDOWN, 1030, 1144, False),
                                                                 (WORD, 248, 657, True)])
def test_pdf_parses_like_the_text_and_joins_cards_across_pages(tmp_path, source, first, last, merged):
    # 002 lines 1030–1144 hold cards 1–6, 004 lines 248–657 cards 1–4 (titles checked by hand).
    # For 004 the 一级/二级 cells are merged vertically over their rows, as in the printed cards.
    path = write_pdf(corpus_rows(source, first, last), tmp_path / "cards.pdf", merge_vertical=merged)
    doc = load_document(str(path))
    assert doc.layout == "pdf"
    text = _text_doc(source, first, last)
    assert len(text.cards) == (6 if source == MARKDOWN else 4)
    assert_same_records(doc, text, squeeze=True)
    crossing = [c for c in doc.cards if len(_pages(c)) > 1]
    assert crossing, "the test needs a card whose table crosses a page"
    for card in crossing:
        want = next(c for c in text.cards if c.seq == card.seq)
        assert len(card.indicators) == len(want.indicators)


def test_pdf_positions_name_page_table_row_cell(tmp_path):
    # 002 lines 1034–1051: card 1 alone. Page 1: the title line, 单位：万元, then table 1:
    # row 1 项目编码, 2 预算数, 3 资金用途, 4 支出计划, 5 %, 6 绩效目标, 7 header, 8 租赁面积.
    path = write_pdf(corpus_rows(MARKDOWN, 1034, 1051), tmp_path / "one.pdf")
    (card,) = load_document(str(path)).cards
    assert card.locs["title"].address() == "page 1, paragraph 1"
    assert card.locs["project_code"].address() == "page 1, table 1, row 1, cell 2"
    assert card.indicators[0].locs["value"].address() == "page 1, table 1, row 8, cell 5"
    assert card.indicators[0].value == "293.6 平方米"


def test_scanned_pdf_without_text_says_so(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(72, 72, 300, 500, fill=1)  # a picture of a page, no text layer
    c.showPage()
    c.save()
    with pytest.raises(InputError) as err:
        load_document(str(path))
    assert "no text layer" in err.value.message and "OCR" in err.value.message


def test_damaged_pdf_is_one_line_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n%garbage")
    with pytest.raises(InputError) as err:
        load_document(str(path))
    assert err.value.path == str(path)
