from __future__ import annotations

import pytest

from lint.rules.ph002_template_leftover import _template_hit
from tests.conftest import card_at
from tests.rules import at, run


def test_goal_that_is_only_template_is_an_error(md_doc):
    # 002 line 1855: `<b>绩效目标</b>\t1.目标内容 1` (劳动仲裁运维运行办案经费).
    [f] = at(run(md_doc, "PH002"), 1855)
    assert (f.code, f.line, f.column, f.field, f.severity) == ("PH002", 1855, 13, "goal_text", "error")
    assert "'目标内容 1'" in f.message


def test_template_prefix_before_real_goal_is_a_warning(md_doc):
    # 002 line 1586: `1.目标内容 1 根据石人社规[2021]2 号文规定，…按时贴息。`
    [f] = at(run(md_doc, "PH002"), 1586)
    assert (f.code, f.line, f.column, f.field, f.severity) == ("PH002", 1586, 13, "goal_text", "warning")


def test_all_goal_leftovers_of_002_and_nothing_else(md_doc):
    # grep '目标内容' in 002 finds exactly these five goal lines.
    assert sorted(f.line for f in run(md_doc, "PH002")) == [1586, 1700, 1736, 1855, 1873]


def test_same_goal_without_leftover_is_clean(md_doc):
    # 002 card 36 (title line 1709), goal line 1718: `1.根据石人社规[2021]2号文规定，…`
    card = card_at(md_doc, 1709)
    assert [f for f in run(md_doc, "PH002") if f.card_seq == card.seq] == []


def test_no_template_text_in_the_other_corpus_files(ocr_doc, word_doc):
    # 000 has `***` and `XX` only in the garbled first (一级) column, which is not a checked cell.
    assert run(ocr_doc, "PH002") == []
    assert run(word_doc, "PH002") == []


@pytest.mark.parametrize(
    ("cell", "quoted", "whole"),
    [
        ("XXX", "XXX", True),
        ("***", "***", True),
        ("指标1", "指标1", True),
        ("1.目标内容1", "目标内容1", True),
        ("≥XX%", "XX", False),
        ("为XXX名村干部发放补贴", "XXX", False),
    ],
)
def test_template_forms_from_the_domain_notes(cell, quoted, whole):
    assert _template_hit(cell) == (quoted, whole)


@pytest.mark.parametrize("cell", ["完成绩效目标内容", "≥95%", "Windows XP 终端", "指标值确定依据", "**重要**"])
def test_ordinary_text_is_not_template(cell):
    assert _template_hit(cell) is None
