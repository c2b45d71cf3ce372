"""ST001–ST008 on real corpus rows. Expected lines and columns were read off the corpus text.

Where the corpus has no bad example (ST001, ST003, ST004, ST005, ST008: all 127 cards are complete
and use the standard names), the bad case is a real card with one field changed, and a separate
test asserts that the unchanged corpus gives no finding.
"""

from __future__ import annotations

import pytest

from lint.rules.st001_missing_level1 import MissingLevel1
from lint.rules.st002_missing_output_level2 import MissingOutputLevel2
from lint.rules.st003_level2_wrong_parent import Level2WrongParent
from lint.rules.st004_unknown_level2 import UnknownLevel2
from lint.rules.st005_empty_goal import EmptyGoal
from lint.rules.st006_empty_basis import EmptyBasis
from lint.rules.st007_value_trailing_text import ValueTrailingText
from lint.rules.st008_no_indicators import NoIndicators
from tests.conftest import card_at
from tests.rules_c.helpers import on_card, on_doc, where


def _edit_row(card, index, **changes):
    out = card.model_copy(deep=True)
    for k, v in changes.items():
        setattr(out.indicators[index], k, v)
    return out


# -- ST001 ---------------------------------------------------------------------------------------
def test_st001_card_without_satisfaction_row(word_doc):
    card = card_at(word_doc, 252).model_copy(deep=True)  # 1.门卫安保经费
    card.indicators = [i for i in card.indicators if i.level1 != "满意度指标"]
    found = on_card(MissingLevel1, word_doc, card)
    assert where(found) == [("ST001", 252, 1)]
    assert "满意度指标" in found[0].message and "效益指标" not in found[0].message.split("(")[0]


def test_st001_real_card_complete(word_doc):
    assert on_card(MissingLevel1, word_doc, card_at(word_doc, 252)) == []


def test_st001_ocr_levels_inferred_from_level2(ocr_doc):
    # 000 card 1 (line 471): the 一级 column is OCR noise (`*r ** 1k 1-`) on most rows.
    assert on_card(MissingLevel1, ocr_doc, card_at(ocr_doc, 471)) == []


# -- ST002 ---------------------------------------------------------------------------------------
def test_st002_output_without_cost(md_doc):
    # 002 card 44 (title line 1864): 项目支出数额 | 万元 sits under 时效指标; no 成本 row.
    found = on_card(MissingOutputLevel2, md_doc, card_at(md_doc, 1864))
    assert where(found) == [("ST002", 1875, 1)]
    assert found[0].severity == "warning"
    assert "no 成本 row" in found[0].message


def test_st002_complete_output(md_doc):
    assert on_card(MissingOutputLevel2, md_doc, card_at(md_doc, 1846)) == []  # card 43


def test_st002_all_four_missing_is_error(md_doc):
    card = card_at(md_doc, 1846).model_copy(deep=True)
    for ind in card.indicators:
        if ind.level1 == "产出指标":
            ind.level2 = "工作指标"
    found = on_card(MissingOutputLevel2, md_doc, card)
    assert [f.severity for f in found] == ["error"]


# -- ST003 ---------------------------------------------------------------------------------------
def test_st003_satisfaction_under_benefit(word_doc):
    card = card_at(word_doc, 252)
    last = len(card.indicators) - 1
    assert card.indicators[last].line == 346 and not card.indicators[last].level1_inferred
    bad = _edit_row(card, last, level1="效益指标")
    found = on_card(Level2WrongParent, word_doc, bad)
    assert where(found) == [("ST003", 347, 2)]
    assert "满意度指标" in found[0].message


def test_st003_real_card(word_doc):
    assert on_card(Level2WrongParent, word_doc, card_at(word_doc, 252)) == []


def test_st003_carried_level1_not_judged(word_doc):
    # Row 2 of card 1 (line 304) has a blank 一级 cell: its 一级 was carried down.
    card = card_at(word_doc, 252)
    assert card.indicators[1].level1_inferred
    bad = _edit_row(card, 1, level1="满意度指标")
    assert on_card(Level2WrongParent, word_doc, bad) == []


# -- ST004 ---------------------------------------------------------------------------------------
def test_st004_unknown_level2(word_doc):
    bad = _edit_row(card_at(word_doc, 252), 0, level2="工作指标")
    found = on_card(UnknownLevel2, word_doc, bad)
    assert where(found) == [("ST004", 298, 2)]
    assert found[0].severity == "warning"


def test_st004_ocr_is_info_with_hint(ocr_doc):
    bad = _edit_row(card_at(ocr_doc, 471), 0, level2="数最指标")  # a plausible OCR misread
    found = on_card(UnknownLevel2, ocr_doc, bad)
    assert where(found) == [("ST004", 482, 2)]
    assert found[0].severity == "info" and "数量指标" in found[0].message


def test_st004_real_card(word_doc):
    assert on_card(UnknownLevel2, word_doc, card_at(word_doc, 252)) == []


# -- ST005 ---------------------------------------------------------------------------------------
def test_st005_empty_goal(word_doc):
    card = card_at(word_doc, 252).model_copy(deep=True)
    card.goal_text = ""
    assert where(on_card(EmptyGoal, word_doc, card)) == [("ST005", 285, 2)]


def test_st005_numbering_only(word_doc):
    card = card_at(word_doc, 252).model_copy(deep=True)
    card.goal_text = "1.\n2.\n3."
    found = on_card(EmptyGoal, word_doc, card)
    assert where(found) == [("ST005", 285, 2)]


def test_st005_goal_in_third_cell_is_not_empty(ocr_doc):
    # 000 card 2 (title 490): the 绩效目标 label cell is empty and the goal is in the third cell.
    card = card_at(ocr_doc, 490)
    assert card.locs["goal_text"].line == 497
    assert on_card(EmptyGoal, ocr_doc, card) == []


def test_st005_redacted_goal_is_placeholder_business(word_doc):
    assert on_card(EmptyGoal, word_doc, card_at(word_doc, 1177)) == []  # `1.涉密 2.涉密 3.涉密`


# -- ST006 ---------------------------------------------------------------------------------------
def test_st006_row_without_basis(word_doc):
    # 004 card 14 (title 1592): rows 1651, 1658, 1665 and 1679 have an empty basis cell; the value
    # cells are at 1655, 1662, 1669 and 1683.
    found = on_card(EmptyBasis, word_doc, card_at(word_doc, 1592))
    assert where(found) == [("ST006", 1655, 2), ("ST006", 1662, 2), ("ST006", 1669, 2), ("ST006", 1683, 2)]
    assert all(f.field == "basis" for f in found)
    assert 1641 not in {f.line for f in found}  # the 数量 row (value line 1641) has its basis


def test_st006_whole_column_reported_once(word_doc):
    # 004 card 5 (title 660): none of its nine rows has a basis; first value cell at line 709.
    found = on_card(EmptyBasis, word_doc, card_at(word_doc, 660))
    assert where(found) == [("ST006", 709, 2)]
    assert "9 rows" in found[0].message


def test_st006_skips_redacted_and_swallowed(word_doc):
    assert on_card(EmptyBasis, word_doc, card_at(word_doc, 1177)) == []  # 10.保密工作经费, all 涉密
    assert on_card(EmptyBasis, word_doc, card_at(word_doc, 354)) == []  # 2. `100维修情况`: ST007's


def test_st006_no_finding_on_md_and_ocr(md_doc, ocr_doc):
    assert on_doc(EmptyBasis, md_doc) == [] and on_doc(EmptyBasis, ocr_doc) == []


# -- ST007 ---------------------------------------------------------------------------------------
def test_st007_value_swallowed_basis(word_doc):
    found = on_card(ValueTrailingText, word_doc, card_at(word_doc, 354))
    assert where(found)[0] == ("ST007", 403, 2)
    assert len(found) == 8
    assert "'维修情况'" in found[0].message and "empty" in found[0].message


def test_st007_description_in_value(word_doc):
    found = on_card(ValueTrailingText, word_doc, card_at(word_doc, 2990))  # 27.统战部劳务派遣人员工资
    assert ("ST007", 3047, 2) in where(found)
    f = next(f for f in found if f.line == 3047)
    assert "'综合业务管理工作完成情况'" in f.message and "empty" not in f.message


def test_st007_qualifier_and_units_are_fine(md_doc, word_doc):
    assert on_card(ValueTrailingText, md_doc, card_at(md_doc, 1595)) == []  # `≥1 每家基地每年一次`
    assert on_card(ValueTrailingText, word_doc, card_at(word_doc, 2007)) == []  # `100数额`, `≥3数字`
    assert on_card(ValueTrailingText, word_doc, card_at(word_doc, 2538)) == []  # `≥150人数`


# -- ST008 ---------------------------------------------------------------------------------------
def test_st008_card_without_rows(md_doc):
    card = card_at(md_doc, 1034).model_copy(deep=True)
    card.indicators = []
    assert where(on_card(NoIndicators, md_doc, card)) == [("ST008", 1034, 5)]
    assert on_card(MissingLevel1, md_doc, card) == []  # one finding, not two


def test_st008_real_card(md_doc):
    assert on_card(NoIndicators, md_doc, card_at(md_doc, 1034)) == []


# -- the whole corpus ----------------------------------------------------------------------------
@pytest.mark.parametrize("rule", [MissingLevel1, Level2WrongParent, UnknownLevel2, EmptyGoal, NoIndicators])
def test_complete_corpus_gives_no_finding(rule, ocr_doc, md_doc, word_doc):
    for doc in (ocr_doc, md_doc, word_doc):
        assert on_doc(rule, doc) == [], (rule.code, doc.path)


def test_st004_numbers_and_sentences_are_not_judged(word_doc):
    # What a damaged row leaves in the 二级 column is not a 二级 anyone wrote.
    for text in ("10.89", "2080501", "可持续发展的能力", "政府院内等设施正常使用率正常使用"):
        bad = _edit_row(card_at(word_doc, 252), 0, level2=text)
        assert on_card(UnknownLevel2, word_doc, bad) == [], text
