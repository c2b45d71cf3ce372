"""budget_inconsistency rules (BI001–BI003) on real corpus cards."""

from __future__ import annotations

from tests.conftest import WORD
from tests.rules_b.helpers import at, findings, mutated


def test_bi001_corpus_budgets_add_up(ocr_doc, md_doc, word_doc):
    # Every card of the three files: 预算数 = 财政资金 (+ 其他资金 0 or empty).
    for doc in (ocr_doc, md_doc, word_doc):
        assert findings(doc, "BI001") == []


def test_bi001_sum_mismatch():
    # 004 card 1, 门卫安保经费: 预算数 3 (line 263), 财政资金 3 (line 265) changed to 2.5, 其他资金 0.
    doc = mutated(WORD, 265, "3", "2.5")
    found = findings(doc, "BI001")
    assert [(f.code, f.line, f.column, f.severity) for f in found] == [("BI001", 263, 2, "error")]
    assert found[0].message == "预算数 3万元 ≠ 财政资金 2.5 + 其他资金 0 = 2.5万元"


def test_bi002_cost_above_budget(md_doc):
    # 002 card 11: 预算数 1219.05; 成本指标 | 预算成本控制数 | ≤2281万 (line 1231, column 23).
    found = findings(md_doc, "BI002")
    assert [(f.code, f.line, f.column, f.severity) for f in found] == [("BI002", 1231, 23, "error")]


def test_bi002_budget_equal_and_per_unit_pass(md_doc, ocr_doc):
    # 002 card 5 line 1123: 预算成本控制数 ≤300万 with 预算数 300.
    assert at(findings(md_doc, "BI002"), 1123) == []
    # 000 card 7 line 630: 项目建设财政投入 21万元 with 预算数 21.
    assert findings(ocr_doc, "BI002") == []


def test_bi002_per_unit_standard_is_not_a_total():
    # 004 card 47 (预算数 2.5): 补贴标准 | 1000元 (line 5047), raised to 5万元: a 标准 is a per-unit
    # amount (per household here), so it is not compared with the budget.
    doc = mutated(WORD, 5047, "1000元", "5万元")
    assert at(findings(doc, "BI002"), 5047) == []


def test_bi003_spend_plan_goes_down(word_doc):
    # 004 card 34: 25.00%, 80.00%, 75.00% (line 3640), 100.00%.
    found = findings(word_doc, "BI003")
    assert [(f.code, f.line, f.column, f.text) for f in found] == [("BI003", 3640, 2, "75%")]
    assert "goes down from 80% (6月底) to 75% (10月底)" in found[0].message


def test_bi003_ocr_plan_ends_short(ocr_doc):
    # 000 card 7 line 623: `划 (%) | | 20% | | 60% | | 6`: ends at 6 (column 18), whatever the 6 was.
    found = findings(ocr_doc, "BI003")
    assert [(f.line, f.column) for f in found] == [(623, 18)]
    assert "ends at 6% (12月底), not 100%" in found[0].message


def test_bi003_good_plans(word_doc, ocr_doc, md_doc):
    # 004 card 24 (3月底 empty, then 100, 100, 100) is not reported; nor 000 card 20 (6月底 100%,
    # later cells empty), nor 000 card 29, whose OCR lost the 3月底 header and shifted the values.
    assert [f.card_seq for f in findings(word_doc, "BI003")] == [34]
    assert [f.card_seq for f in findings(ocr_doc, "BI003")] == [7]
    assert findings(md_doc, "BI003") == []
