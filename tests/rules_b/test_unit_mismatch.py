"""unit_mismatch rules (UM001–UM005) on real corpus rows. Lines and columns are read from the files:
004 puts each cell on its own line after a TAB (column 2); 000 and 002 separate cells by TABs."""

from __future__ import annotations

from tests.conftest import MARKDOWN, OCR
from tests.rules_b.helpers import at, findings, mutated


def test_um001_cost_in_percent_word_layout(word_doc):
    # 004 card 1, 门卫安保经费: 成本指标 | 控制成本 | 控制成本 | ≥90百分比 (value cell on line 322).
    found = at(findings(word_doc, "UM001"), 322)
    assert [(f.code, f.line, f.column, f.severity, f.text) for f in found] == [
        ("UM001", 322, 2, "warning", "≥90百分比")]
    assert "控制成本" in found[0].message


def test_um001_cost_row_copied_from_quality_row(word_doc):
    # 004 card 3: the 成本 row repeats the 质量 row, `综合事务管理工作完成率 ≥95百分比` (line 526).
    assert [(f.line, f.column) for f in at(findings(word_doc, "UM001"), 526)] == [(526, 2)]


def test_um001_count_under_cost(word_doc):
    # 004 card 42: 成本指标 | 培训补助标准 | 500人 (line 4537).
    assert [f.message for f in at(findings(word_doc, "UM001"), 4537)] == [
        "成本指标 '培训补助标准' is valued in count (人) ('500人'), not in money (元, 万元, 元/人)"]


def test_um001_budget_share_ceiling_is_info(word_doc):
    # 004 card 19: 总成本 | ≤100百分比 (line 2179): a ceiling relative to the budget.
    assert [(f.line, f.severity) for f in at(findings(word_doc, "UM001"), 2179)] == [(2179, "info")]


def test_um001_money_cost_rows_pass(ocr_doc, md_doc):
    # 000 card 5 line 595 `补贴标准 ≤2.88万元`; 002 card 3 line 1085 `培训标准 ≤350 元/人`.
    assert at(findings(ocr_doc, "UM001"), 595) == []
    assert at(findings(md_doc, "UM001"), 1085) == []
    assert findings(ocr_doc, "UM001") == []  # every 000 cost row is in 元 or 万元


def test_um002_rate_valued_in_count(word_doc):
    # 004 card 26: 调研摸底工作的完成率 | ≥4次 (line 2937); card 47: 残疾人家庭无障碍的改造率 | ≥25户.
    found = findings(word_doc, "UM002")
    assert [(f.code, f.line, f.column) for f in at(found, 2937)] == [("UM002", 2937, 2)]
    assert [f.text for f in at(found, 5026)] == ["≥25户"]


def test_um002_rate_in_percent_and_missing_unit_pass(ocr_doc, word_doc):
    # 000 card 1 line 483: 补助覆盖率 | 100%.
    assert at(findings(ocr_doc, "UM002"), 483) == []
    # 004 card 27 line 3075: `劳务派遣人员满意率 ≥98劳务派遣人员对服务的满意程度`: no unit at all, not a count.
    assert at(findings(word_doc, "UM002"), 3075) == []


def test_um003_count_in_percent(word_doc, ocr_doc):
    # 004 card 6: 开展外宣活动数量 | ≥90百分比 (line 818).
    assert [(f.code, f.line, f.column) for f in at(findings(word_doc, "UM003"), 818)] == [("UM003", 818, 2)]
    # 000 card 5 line 590: 村级组织数量 | 291个.
    assert findings(ocr_doc, "UM003") == []


def test_um003_share_of_counts_is_a_rate(md_doc):
    # 002 card 31 line 1624: 提供服务数量占申报数量比重 | ≥95%: ends in 比重, a share.
    assert at(findings(md_doc, "UM003"), 1624) == []


def test_um004_timeliness_in_money(md_doc):
    # 002 card 44 line 1878: 时效指标 | 项目支出数额 | 项目支出数额 | 万元 (value at column 21).
    found = findings(md_doc, "UM004")
    assert [(f.code, f.line, f.column, f.text) for f in found] == [("UM004", 1878, 21, "万元")]


def test_um004_deadline_passes(ocr_doc):
    # 000 card 32 line 1077: 时效指标 | 解决时限 | ≤10天; no 000 timeliness row is money.
    assert findings(ocr_doc, "UM004") == []


def test_um005_wan_for_yuan(md_doc):
    # 002 card 4 (budget 4万元), line 1105 `≤4万元` at column 27, changed to `≤400万元`.
    doc = mutated(MARKDOWN, 1105, "≤4万元", "≤400万元")
    found = at(findings(doc, "UM005"), 1105)
    assert [(f.code, f.line, f.column) for f in found] == [("UM005", 1105, 27)]
    assert "100 times the budget of 4万元" in found[0].message
    # Reported once: BI002 leaves a unit slip to UM005.
    assert at(findings(doc, "BI002"), 1105) == []
    # The real row passes.
    assert at(findings(md_doc, "UM005"), 1105) == []


def test_um005_count_in_ten_thousands_is_not_money(ocr_doc):
    # 000 card 32 line 1075: 解决群众问题数量 | ≥20 万件 (200 000 cases); budget 89万元. Raised to
    # `≥2000 万件`, it would be 2000万元 (22 times the budget) if 万 were read as 万元.
    doc = mutated(OCR, 1075, "≥20 万件", "≥2000 万件")
    assert findings(doc, "UM005") == []
