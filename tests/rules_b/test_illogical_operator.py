"""illogical_operator rules (IO001–IO006) on real corpus rows."""

from __future__ import annotations

from lint.rules._kinds import direction
from tests.conftest import OCR, WORD
from tests.rules_b.helpers import at, findings, mutated


def test_io001_satisfaction_ceiling(md_doc):
    # 002 card 11 line 1233: 受益对象满意度 | … | ≤90% (column 43).
    found = findings(md_doc, "IO001")
    assert [(f.code, f.line, f.column, f.text) for f in at(found, 1233)] == [("IO001", 1233, 43, "≤90%")]
    # 002 card 38 line 1757: 档案资料完好率、数字化加工归档合格率 | ≤10% (column 59).
    assert [(f.line, f.column) for f in at(found, 1757)] == [(1757, 59)]
    # 002 card 23 line 1476: 违规基金追缴率 ≤90%: a recovery rate of misused funds, higher is better.
    assert [(f.line, f.column) for f in at(found, 1476)] == [(1476, 24)]


def test_io001_floor_passes(md_doc):
    # 002 card 13 line 1284: 公共就业服务满意度 | ≥95%.
    assert at(findings(md_doc, "IO001"), 1284) == []


def test_direction_head_word_decides():
    assert direction("违规基金追缴率") == "positive"
    assert direction("投诉办结率") == "positive"
    assert direction("不合格率") == "negative"
    assert direction("故障率") == "negative"
    assert direction("降低成本") is None


def test_io002_ge_100_percent_is_a_warning(word_doc):
    # 004 card 24: 印刷质量合格率 | ≥100百分比 (value line 2726); card 3 line 505 到位率 ≥100百分比.
    found = findings(word_doc, "IO002")
    assert [(f.code, f.line, f.column, f.severity) for f in at(found, 2726)] == [("IO002", 2726, 2, "warning")]
    assert [f.severity for f in at(found, 505)] == ["warning"]


def test_io002_above_100_is_an_error():
    # 004 card 21 line 2425: 服务对象满意度 | ≥100%, changed to >100% and to 120%.
    for new in (">100%", "120%"):
        doc = mutated(WORD, 2425, "≥100%", new)
        assert [(f.line, f.severity) for f in at(findings(doc, "IO002"), 2425)] == [(2425, "error")]


def test_io002_exact_100_and_non_shares_pass(word_doc):
    # 004 card 24 line 2733: 按时完成 | 100百分比; card 25 line 2863: 财政资金投入效益 | ≥100百分比,
    # a return that may exceed 100%, not a share.
    found = findings(word_doc, "IO002")
    assert at(found, 2733) == []
    assert at(found, 2863) == []


def test_io003_cost_floor(ocr_doc, word_doc):
    # 000 card 5 line 594: 办公费标准 | 平均每个村级组织每年办公费用 | ≥12万元 (column 35).
    assert [(f.code, f.line, f.column) for f in at(findings(ocr_doc, "IO003"), 594)] == [("IO003", 594, 35)]
    # 004 card 34: 不高于1.5万元 | ≥1.5万元 (value line 3681).
    assert [(f.line, f.column) for f in at(findings(word_doc, "IO003"), 3681)] == [(3681, 2)]


def test_io003_cost_ceiling_passes(ocr_doc):
    # 000 card 5 line 595: 补贴标准 | ≤2.88万元.
    assert at(findings(ocr_doc, "IO003"), 595) == []


def test_io004_negative_floor(ocr_doc):
    # 000 card 11 line 702: 故障率 | 系统出现故障的比例 | ≤5% (column 26): passes as written,
    # and is reported once `≤` becomes `≥`.
    assert findings(ocr_doc, "IO004") == []
    doc = mutated(OCR, 702, "≤5%", "≥5%")
    assert [(f.code, f.line, f.column) for f in findings(doc, "IO004")] == [("IO004", 702, 26)]


def test_io005_low_satisfaction(ocr_doc):
    # 000 card 13 line 741: 群众满意度 | ≥95% (column 36); lowered to ≥60%.
    assert findings(ocr_doc, "IO005") == []
    doc = mutated(OCR, 741, "≥95%", "≥60%")
    assert [(f.code, f.line, f.column, f.severity) for f in findings(doc, "IO005")] == [
        ("IO005", 741, 36, "info")]
    # The floor is a setting.
    assert findings(doc, "IO005", satisfaction_floor=50) == []


def test_io006_count_ceiling(ocr_doc, md_doc):
    # 000 card 5 line 591: 村"两委"干部人数 | ≤1165人 (column 33).
    assert [(f.code, f.line, f.column) for f in at(findings(ocr_doc, "IO006"), 591)] == [("IO006", 591, 33)]
    # 002 card 10 line 1210: 薪酬制度改革合同数量 | ≤5000份 (column 33).
    assert [(f.line, f.column) for f in at(findings(md_doc, "IO006"), 1210)] == [(1210, 33)]


def test_io006_violations_ceiling_passes(ocr_doc, md_doc):
    # 002 card 23 line 1475: 违规数量 | ≤55 人数及家数: violations should be low.
    assert at(findings(md_doc, "IO006"), 1475) == []
    # 000 card 5 line 590: 村级组织数量 | 291个.
    assert at(findings(ocr_doc, "IO006"), 590) == []
