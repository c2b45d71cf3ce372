from __future__ import annotations

from lint.parse.document import parse_text
from tests.conftest import MARKDOWN
from tests.rules import at, run


def test_unit_without_number_in_002(md_doc):
    # 002 line 1878: `\t时效指标\t项目支出数额\t项目支出数额\t万元\t年度工作计划`; 万元 at column 21.
    [f] = at(run(md_doc, "PH004"), 1878)
    assert (f.code, f.line, f.column, f.field, f.text) == ("PH004", 1878, 21, "value", "万元")


def test_number_typed_into_the_description_in_004(word_doc):
    # 004 lines 4840-4845: 成本指标 / 补贴标准 / 人均3500 / 元 / 资金管理指导意见.
    [f] = at(run(word_doc, "PH004"), 4843)
    assert (f.code, f.line, f.column, f.field, f.text) == ("PH004", 4843, 2, "value", "元")


def test_filled_rows_are_clean(word_doc, ocr_doc):
    # 004 lines 5044-5048, the same row done right: 补贴标准 / 人均1000元 / 1000元.
    assert at(run(word_doc, "PH004"), 5047) == []
    # 000 has no empty 指标值 or 描述 in the text (every row read by hand: descriptions split over
    # two OCR cells are joined, not empty).
    assert run(ocr_doc, "PH004") == []


def test_empty_description_in_a_real_card_with_the_cell_blanked():
    # 002 card 44 (lines 1864-1881) with its last row's 绩效指标描述 removed; the row keeps its name.
    lines = MARKDOWN.read_text(encoding="utf-8").split("\n")[1863:1881]
    assert lines[16].startswith("满意度指标\t服务对象满意度指标\t服务对象满意度\t服务对象满意度\t")
    lines[16] = lines[16].replace("服务对象满意度\t服务对象满意度\t", "服务对象满意度\t\t", 1)
    doc = parse_text("\n".join(lines), "excerpt.txt")
    found = run(doc, "PH004")
    assert [(f.line, f.field) for f in found] == [(15, "value"), (17, "description")]
