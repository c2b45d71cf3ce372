"""Excel .xlsx: built in the test from corpus cards, read back, compared with the text reader."""

from __future__ import annotations

from lint.load import load_document
from lint.readers.xlsx import number_text
from tests.conftest import MARKDOWN, WORD, parsed
from tests.office.build import corpus_rows, write_xlsx
from tests.office.conftest import assert_same_records, card_record


def test_whole_word_export_on_one_sheet_with_numbers_as_numbers(tmp_path):
    # 48 cards on one sheet starting in column B; `3`, `25.23`, `20.00%` stored as numbers.
    path = write_xlsx(corpus_rows(WORD), tmp_path / "004.xlsx", origin_col=2)
    doc = load_document(str(path))
    assert doc.layout == "xlsx"
    assert_same_records(doc, parsed(WORD))


def test_markdown_export_numbers_as_text(tmp_path):
    path = write_xlsx(corpus_rows(MARKDOWN), tmp_path / "002.xlsx", numbers=False)
    assert_same_records(load_document(str(path)), parsed(MARKDOWN))


def test_two_cards_on_one_sheet_with_merged_ranges(tmp_path):
    import openpyxl

    # 002 lines 1034–1070: cards 1 (组织人社运转保障工作经费) and 2 (“乡村振兴”驻村帮扶工作组经费).
    # Sheet rows: 1 title, 2 单位, 3 项目编码, 4 预算, 5 用途, 6 计划, 7 %, 8 绩效目标, 9 header,
    # 10–16 the seven indicator rows of card 1; 17 title 2, 18 单位, 19 项目编码, 20 预算 …
    path = write_xlsx(corpus_rows(MARKDOWN, 1034, 1070), tmp_path / "two.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["表1"]
    assert ws["A10"].value == "产出指标" and ws["A11"].value is None
    ws.merge_cells("A10:A14")  # 产出指标 over its five rows, as in the template
    ws.merge_cells("A1:F1")  # the title across the table
    wb.save(path)

    doc = load_document(str(path))
    one, two = doc.cards
    assert (one.seq, one.project_code, one.project_name) == (1, "13019024P0042TD10003H", "组织人社运转保障工作经费")
    assert (one.budget, one.fiscal_funds, one.other_funds) == (25.23, 25.23, None)
    assert one.spend_plan == {"3月底": 25.0, "6月底": 50.0, "10月底": 75.0, "12月底": 100.0}
    assert len(one.indicators) == 7
    first = one.indicators[0]
    assert (first.level1, first.level2, first.name, first.description, first.value, first.basis) == (
        "产出指标", "数量指标", "租赁面积", "租赁办公用房面积", "293.6 平方米", "年度工作计划")
    assert [i.level1 for i in one.indicators] == ["产出指标"] * 5 + ["效益指标", "满意度指标"]
    assert first.locs["value"].address() == "表1!E10"
    assert one.locs["budget"].address() == "表1!C4"
    assert (two.seq, two.project_code, two.budget) == (2, "13019024P000N6R10009B", 8.0)
    assert two.locs["project_code"].address() == "表1!B19"
    assert two.indicators[-1].value == "≥90%"
    text = parsed(MARKDOWN)
    assert [card_record(c) for c in doc.cards] == [card_record(c) for c in text.cards[:2]]


def test_one_card_per_sheet(tmp_path):
    rows = corpus_rows(MARKDOWN, 1034, 1070)
    cut = next(i for i, r in enumerate(rows) if r.line == 1053)
    path = write_xlsx(rows, tmp_path / "sheets.xlsx", sheets=[rows[:cut], rows[cut:]])
    one, two = load_document(str(path)).cards
    assert one.locs["project_code"].address() == "表1!B3"
    assert two.locs["project_code"].address() == "表2!B3"
    assert two.project_name == "“乡村振兴”驻村帮扶工作组经费"


def test_number_text_shows_what_excel_shows():
    assert number_text(0.2, "0.00%") == "20.00%"
    assert number_text(1.0, "0%") == "100%"
    assert number_text(3.0, "General") == "3"
    assert number_text(25.230000000000001, "General") == "25.23"
    assert number_text(8.0, "0.00") == "8.00"
    assert number_text(1e-7, "General") == "0.0000001"
