"""CP001 and CP002 on real corpus rows. Lines and columns read off the corpus text (004 puts every
cell on its own line, so a row's name is two lines below the row's first line)."""

from __future__ import annotations

from lint.rules.cp001_duplicate_row import DuplicateRowOtherLevel2
from lint.rules.cp002_copied_output_row import CopiedOutputRow
from tests.conftest import card_at
from tests.rules_c.helpers import on_card, on_doc, where


def test_cp002_county_office_dispatch_card(word_doc):
    # 004 card 3 (title 456): 时效 (name at 517) = 数量 (name at 503); 成本 (524) = 质量 (510).
    found = on_card(CopiedOutputRow, word_doc, card_at(word_doc, 456))
    assert where(found) == [("CP002", 517, 2), ("CP002", 524, 2)]
    assert [(r.line, r.column) for f in found for r in f.related] == [(503, 2), (510, 2)]
    assert found[0].related[0].card_seq == 3
    assert "时效" in found[0].message and "数量" in found[0].message
    assert "成本" in found[1].message and "质量" in found[1].message
    assert on_card(DuplicateRowOtherLevel2, word_doc, card_at(word_doc, 456)) == []  # not twice


def test_cp002_good_card(ocr_doc):
    # 000 card 1 (title 471): 资金支出完成时限 / 补助标准 are rows of their own.
    assert on_card(CopiedOutputRow, ocr_doc, card_at(ocr_doc, 471)) == []


def test_cp001_quality_row_copies_quantity_row(word_doc):
    # 004 card 13 (title 1490): 质量 宣传工作完成率 (name at 1544) = 数量 row (1537);
    # 成本 转发上级文件及时率 (1558) = 时效 row (1551): a 成本 copy of a 时效 row is CP001's.
    found = on_card(DuplicateRowOtherLevel2, word_doc, card_at(word_doc, 1490))
    assert where(found) == [("CP001", 1544, 2), ("CP001", 1558, 2)]
    assert [(r.line, r.column) for f in found for r in f.related] == [(1537, 2), (1551, 2)]
    assert on_card(CopiedOutputRow, word_doc, card_at(word_doc, 1490)) == []


def test_cp001_same_description_different_name_is_not_a_copy(word_doc):
    # 004 card 13: 社会效益 群众对活动的满意率 (1572) and 满意度 服务对象满意度 (1586) share the
    # description and value, not the name.
    found = on_card(DuplicateRowOtherLevel2, word_doc, card_at(word_doc, 1490))
    assert not {1572, 1586} & {f.line for f in found}


def test_cp_redacted_card_left_to_placeholder_rules(word_doc):
    card = card_at(word_doc, 1177)  # 10.保密工作经费: nine rows of 涉密
    assert on_card(DuplicateRowOtherLevel2, word_doc, card) == []
    assert on_card(CopiedOutputRow, word_doc, card) == []


def test_cp_none_in_ocr_and_markdown(ocr_doc, md_doc):
    for doc in (ocr_doc, md_doc):
        assert on_doc(DuplicateRowOtherLevel2, doc) == [] and on_doc(CopiedOutputRow, doc) == []
