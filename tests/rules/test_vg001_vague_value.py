from __future__ import annotations

from tests.conftest import card_at
from tests.rules import at, run


def test_timeliness_by_word_in_000(ocr_doc):
    # 000 line 1058: `产出指标\t时效指标\t工作完成时效\t工作完成时效\t\t按时\t实际情况`; 按时 at column 26.
    [f] = at(run(ocr_doc, "VG001"), 1058)
    assert (f.code, f.line, f.column, f.field, f.severity) == ("VG001", 1058, 26, "value", "info")
    assert "deadline" in f.message


def test_stay_stable_in_002(md_doc):
    # 002 line 1280: `效益指标\t经济效益指标\t年末高校毕业生总体就业率\t…\t保持稳定`; 保持稳定 at column 39.
    [f] = at(run(md_doc, "VG001"), 1280)
    assert (f.code, f.line, f.column, f.text) == ("VG001", 1280, 39, "保持稳定")


def test_concrete_and_measurable_values_are_clean(md_doc, ocr_doc):
    # 002 line 1047: `设施齐全，正常运转` is a checkable state; 000 line 1059 `≤20 万元` is a number.
    assert at(run(md_doc, "VG001"), 1047) == []
    assert at(run(ocr_doc, "VG001"), 1059) == []


def test_graded_values_are_clean(word_doc):
    # 004 card 42 (title line 4467): 辅具合格率 `合格` and the like are graded outcomes.
    card = card_at(word_doc, 4467)
    flagged = {f.text for f in run(word_doc, "VG001") if f.card_seq == card.seq}
    assert "合格" not in flagged
    assert flagged == {"减轻", "提高"}  # 4540 减轻残疾人家庭经济负担, 4554 残疾人参与社会的能力


def test_value_with_a_number_in_words_is_clean(md_doc):
    # 002 line 1275 (continued on 1277): `单位应缴纳的社会保险费原则上不超过社会保险费实际缴费额的 2/3`.
    assert at(run(md_doc, "VG001"), 1275) == []
