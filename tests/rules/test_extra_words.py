"""A bureau's own word lists (`[dictionaries]`, `lint.dicts.extra_dictionaries`) reach the rules in
the same process that ran before without them, and leave no trace after: rules keep what they derive
from a list (compacted sets, compiled patterns, per-text verdicts) only for the lists in force."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.dicts import extra_dictionaries
from tests.conftest import MARKDOWN, WORD, parsed
from tests.rules import run

# (rule, built-in list, the bureau's file, corpus document, the line of a cell the extra word is in)
CASES = [
    # 004 lines 300-…: 指标值确定依据 `工作安排情况` (24 cells) taken as a stand-in.
    ("PH003", "placeholders.txt", "[empty]\n工作安排情况\n", WORD, "工作安排情况"),
    # 004: 指标值确定依据 `工作方案` (10 cells) taken as template text, the whole cell.
    ("PH002", "placeholders.txt", "[template]\n工作方案\n", WORD, "工作方案"),
    # 002: 指标值 `精准核算` (8 cells) taken as vague.
    ("VG001", "vague_terms.txt", "[vague]\n精准核算\n", MARKDOWN, "精准核算"),
]


@pytest.mark.parametrize(("code", "name", "words", "path", "cell"), CASES)
def test_extra_words_reach_a_rule_that_ran_before(tmp_path: Path, code, name, words, path, cell):
    doc = parsed(path)
    extra = tmp_path / "bureau.txt"
    extra.write_text(words, encoding="utf-8")
    before = run(doc, code)  # the built-in lists, and whatever the rule keeps from them, in use
    assert not [f for f in before if f.text == cell]
    with extra_dictionaries({name: [extra]}):
        during = run(doc, code)
    new = [f for f in during if f not in before]
    assert len(new) >= 8 and {f.text for f in new} == {cell}
    assert run(doc, code) == before  # the extras do not outlive their run


def test_extra_placeholder_name_is_no_duplicate_row(tmp_path: Path):
    # 004 line 1544: CP001 on `宣传工作完成率`; a name that is a placeholder is PH rules' business.
    doc = parsed(WORD)
    extra = tmp_path / "bureau.txt"
    extra.write_text("[template]\n宣传工作完成率\n", encoding="utf-8")
    before = run(doc, "CP001")
    assert [f for f in before if f.text == "宣传工作完成率"]
    with extra_dictionaries({"placeholders.txt": [extra]}):
        during = run(doc, "CP001")
    assert during == [f for f in before if f.text != "宣传工作完成率"]
    assert run(doc, "CP001") == before
