"""Word .docx: built in the test from corpus cards, read back, compared with the text reader."""

from __future__ import annotations

import zipfile

from lint.load import load_document
from lint.parse.document import parse_text
from lint.readers.rows import Row
from tests.conftest import WORD, card_at, parsed
from tests.office.build import corpus_rows, write_docx
from tests.office.conftest import assert_same_records


def _text_doc(rows: list[Row]):
    """The text reader's document for the same corpus lines."""
    lines = WORD.read_text(encoding="utf-8").splitlines()
    first, last = rows[0].line, max(c.line for r in rows for c in r.cells)
    return parse_text("\n".join(lines[first - 1:last]), "part.txt", "word")


def test_whole_word_export_as_docx_parses_like_the_text(tmp_path):
    # 004 holds 48 cards; every table row shorter than its table spans to the right edge, every
    # blank 一级/二级 cell is merged into the label above it, as in the Word original.
    path = write_docx(corpus_rows(WORD), tmp_path / "004.docx", merge_vertical=True)
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert xml.count('<w:vMerge w:val="restart"/>') > 48 and xml.count("<w:gridSpan ") > 48
    doc = load_document(str(path))
    assert doc.layout == "docx"
    assert_same_records(doc, parsed(WORD))
    assert len(doc.cards) == 48


def test_merged_cells_and_positions(tmp_path):
    # 004 lines 252–351: card 1, 门卫安保经费. In the docx, 产出指标 (table 1, row 9, cell 1) spans
    # rows 9–12 vertically; the goal text spans cells 2–7 of row 7 horizontally.
    rows = corpus_rows(WORD, 252, 351)
    path = write_docx(rows, tmp_path / "card1.docx", merge_vertical=True)
    doc = load_document(str(path))
    (card,) = doc.cards
    assert card.title.startswith("1.门卫安保经费绩效目标表")
    assert (card.project_code, card.project_name) == ("130624210SN9T0TGCCC6F", "门卫安保经费")
    assert (card.budget, card.fiscal_funds, card.other_funds) == (3.0, 3.0, 0.0)
    assert card.spend_plan == {"3月底": 20.0, "6月底": 50.0, "10月底": 70.0, "12月底": 100.0}
    assert card.goal_text == ("1.门卫室房屋安全维修及电路整修到位。\n2.保安服装购置及时，其他费用合理。\n"
                              "3.政府院内监控及伸缩门等设施检修全部完成。")
    assert [(i.level1, i.level2, i.name) for i in card.indicators[:4]] == [
        ("产出指标", "数量指标", "政府院内等设施正常使用率"),
        ("产出指标", "质量指标", "维修合格率"),
        ("产出指标", "时效指标", "门卫室、基础设施维修及时率"),
        ("产出指标", "成本指标", "控制成本"),
    ]
    quality = card.indicators[1]
    assert (quality.description, quality.value, quality.basis) == ("维修工作是否合格", "≥90百分比", "对设备维修及时情况")
    # Row 1 is the unit line with 单位：万元; row 8 the grid header; 维修合格率 is on row 10.
    assert quality.locs["value"].address() == "table 1, row 10, cell 5"
    assert card.locs["project_code"].address() == "table 1, row 2, cell 2"
    assert card.locs["title"].address() == "paragraph 1"
    assert card.reporting_unit == "中国共产党阜平县委员会本级"
    assert_same_records(doc, _text_doc(rows))
    assert card_at(parsed(WORD), 252).indicators[1].value == "≥90百分比"


def test_docx_with_vertical_merge_keeps_level_labels_once(tmp_path):
    # The merged 产出指标 cell is read once: rows 10–12 show a blank first cell (Word text export);
    # the card table is 7 grid columns wide (the budget row), so grid rows span their last cell.
    from lint.readers.docx import read_docx

    path = write_docx(corpus_rows(WORD, 252, 351), tmp_path / "card1.docx", merge_vertical=True)
    office = read_docx(str(path), str(path))
    grid = [r for r in office.rows if r.is_table and len(r.cells) == 7 and r.texts[1].endswith("指标")]
    assert [r.texts[0] for r in grid[:5]] == ["一级指标", "产出指标", "", "", ""]
    goal = next(r for r in office.rows if r.texts[0] == "绩效目标")
    assert goal.texts[2:] == [""] * 5  # the spanned grid columns after the goal text
