"""Scores follow the formula of docs/scoring.md, computed here by hand from findings on real cards."""

from __future__ import annotations

import random

import pytest

from lint.check import run_rules
from lint.report.scorecard import (
    build_scorecard,
    card_penalty,
    card_score,
    grade,
    render_json,
)
from lint.rules import select_rules
from lint.rules.base import Finding
from tests.conftest import card_at
from tests.scorecard.common import UNITS_004, constructed

# 预算数 of the 13 cards of 中国共产党阜平县委员会本级 in 004, read from the line after each `预算数`.
BUDGETS_BENJI = [3, 3.4, 99.7, 28, 10, 8.6, 3, 3, 800, 6, 3, 5, 13]


def by_label(sc):
    return {g.label: g for g in sc.groups}


def test_004_by_unit_has_one_row_per_reporting_unit(word_doc):
    sc = build_scorecard([word_doc], [], by="unit")
    assert {g.label: len(g.cards) for g in sc.groups} == UNITS_004
    assert sum(len(g.cards) for g in sc.groups) == 48
    benji = by_label(sc)["中国共产党阜平县委员会本级"]
    assert benji.budget == pytest.approx(sum(BUDGETS_BENJI))  # 985.7
    assert [c.line for c in benji.cards][:3] == [252, 354, 456]


def test_004_by_department_and_document_is_one_row(word_doc):
    assert [(g.label, len(g.cards)) for g in build_scorecard([word_doc], [], by="department").groups] == [
        ("中国共产党阜平县委员会办公室", 48)]
    assert [g.label for g in build_scorecard([word_doc], [], by="document").groups] == [word_doc.path]


def test_real_ph001_findings_score_the_benji_unit(word_doc):
    findings = run_rules([word_doc], select_rules(["PH001"]))
    sc = build_scorecard([word_doc], findings, by="unit")
    benji = by_label(sc)["中国共产党阜平县委员会本级"]
    # 004 card 10 (保密工作经费, line 1177, 6万元): the goal (1.涉密 2.涉密 3.涉密) and 9 rows × 3 cells say 涉密.
    card10 = next(c for c in benji.cards if c.line == 1177)
    assert len(card10.findings) == 28
    assert card10.penalty == pytest.approx(15 + 0.5 * 15 * 27)
    assert card10.score == 0
    assert benji.score_mean == pytest.approx(12 * 100 / 13)
    assert benji.score_weighted == pytest.approx(100 * (sum(BUDGETS_BENJI) - 6) / sum(BUDGETS_BENJI))
    assert benji.score == 92.3 and benji.grade == "优"
    assert benji.cards_with_error == 1 and benji.error_share == pytest.approx(1 / 13)
    assert benji.top_rules() == [("PH001", 28)]
    assert [c.line for c in benji.worst()] == [1177]
    # Every other unit has no finding yet, scores 100 and ranks first together.
    assert [(g.rank, g.score) for g in sc.groups] == [(1, 100.0)] * 8 + [(9, 92.3)]


def test_constructed_findings_follow_the_formula(word_doc):
    sc = build_scorecard([word_doc], constructed(word_doc), by="unit")
    g = by_label(sc)
    fulian = g["阜平县妇女联合会"]
    assert [round(c.score, 6) for c in fulian.cards] == [
        100 - 12 - (3.2 + 0.5 * 3.2 * 2),  # 81.6
        100 - (4 + 0.5 * 4),               # 94
        100 - 0.6,                         # 99.4
        100, 100, 100,
    ]
    assert fulian.score_mean == pytest.approx((81.6 + 94 + 99.4 + 300) / 6)
    budgets = [1.8, 1.5, 0.7, 0.5, 1.0, 0.5]
    scores = [81.6, 94, 99.4, 100, 100, 100]
    assert fulian.score_weighted == pytest.approx(sum(b * s for b, s in zip(budgets, scores, strict=True)) / 6.0)
    assert (fulian.score, fulian.grade) == (92.9, "优")  # 557.46 / 6 = 92.91 < 95.83

    gsl = g["阜平县工商业联合会"]
    assert (gsl.score, gsl.grade) == (100 - (15 + 0.5 * 15 + 12), "中")  # 65.5
    assert gsl.cards_with_error == 1 and gsl.error_share == 1.0
    assert gsl.top_rules() == [("BU001", 2), ("IO001", 1)]

    wenlian = g["阜平县文学艺术界联合会"]
    assert [c.score for c in wenlian.cards] == [100, 100 - (10 + 0.5 * 10 * 4), 100 - 4 * 1.5]
    assert wenlian.score_mean == pytest.approx(88.0)
    assert wenlian.score_weighted == pytest.approx((2.8 * 100 + 3.8 * 70 + 5.0 * 94) / 11.6)
    assert (wenlian.score, wenlian.grade) == (87.6, "良")

    kexie = g["阜平县科学技术协会"]
    assert kexie.cards[0].score == 96  # an unknown family weighs 1.0
    assert (kexie.score, kexie.grade) == (99.0, "优")  # plain mean 99.0 < weighted 99.94

    assert fulian.by_family() == {"unit_mismatch": 1, "vague_value": 3, "copy_paste": 2, "stale_year": 1}
    assert [c.line for c in fulian.worst()] == [3501, 3610, 3720]
    assert sc.families[-1] == "brand_new_family"


def test_ranking_order_and_ties(word_doc):
    sc = build_scorecard([word_doc], constructed(word_doc), by="unit")
    clean = sorted(u for u in UNITS_004 if u not in
                   ("阜平县妇女联合会", "阜平县工商业联合会", "阜平县文学艺术界联合会", "阜平县科学技术协会"))
    assert [g.label for g in sc.groups] == clean + [
        "阜平县科学技术协会", "阜平县妇女联合会", "阜平县文学艺术界联合会", "阜平县工商业联合会"]
    assert [g.rank for g in sc.groups] == [1, 1, 1, 1, 1, 6, 7, 8, 9]


def test_output_does_not_depend_on_finding_order(word_doc, ocr_doc):
    findings = constructed(word_doc) + run_rules([word_doc], select_rules(["PH001"]))
    expected = render_json(build_scorecard([ocr_doc, word_doc], findings, by="unit"))
    for seed in range(3):
        shuffled = findings[:]
        random.Random(seed).shuffle(shuffled)
        assert render_json(build_scorecard([ocr_doc, word_doc], shuffled, by="unit")) == expected


def test_repeats_of_one_rule_cost_half_after_the_dearest(word_doc):
    card = card_at(word_doc, 252)

    def f(sev: str, line: int) -> Finding:
        return Finding("ST001", "x", "structure", sev, "m", word_doc.path, line, 1, card_seq=card.seq,
                       card_title=card.title)

    # the error counts in full whichever comes first; the warning at half
    assert card_penalty([f("warning", 260), f("error", 270)]) == 10 + 0.5 * 4
    assert card_score([f("error", 260)] * 20) == 0  # floored at 0, never negative


def test_grade_bands():
    assert [grade(s) for s in (100, 90.0, 89.9, 80.0, 79.9, 60.0, 59.9, 0)] == [
        "优", "优", "良", "良", "中", "中", "差", "差"]


def test_findings_outside_cards(word_doc):
    narrative = Finding("NA001", "x", "copy_paste", "warning", "m", word_doc.path, 40, 1)
    by_unit = build_scorecard([word_doc], [narrative], by="unit")
    assert by_unit.unattributed == [narrative] and by_unit.findings == 1
    assert all(g.score == 100 for g in by_unit.groups)
    by_dept = build_scorecard([word_doc], [narrative], by="department")
    (dept,) = by_dept.groups
    assert dept.other_findings == [narrative] and len(dept.findings) == 1 and dept.score == 100


def test_repeated_card_numbers_in_one_file_are_kept_apart(ocr_doc):
    # 000 numbers its first list 1, 2 (lines 471, 490) and restarts at 1 (line 511).
    first, restarted = card_at(ocr_doc, 471), card_at(ocr_doc, 511)
    assert first.seq == restarted.seq == 1
    f = Finding("PH001", "x", "placeholder", "error", "m", ocr_doc.path, 520, 1, card_seq=1,
                card_title=restarted.title)
    sc = build_scorecard([ocr_doc], [f], by="document")
    hit = [c.line for c in sc.groups[0].cards if c.findings]
    assert hit == [511]
