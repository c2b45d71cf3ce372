"""A bureau's own word lists (`[dictionaries]`) reach the copy-paste helpers of `lint.similarity` in a
process that used them before without the extras, and leave no trace after: the tokenizer, the
stopwords and what is cut from a project name are kept only for the lists in force."""

from __future__ import annotations

from pathlib import Path

from lint.dicts import extra_dictionaries
from lint.similarity import is_substantive, tokens
from tests.conftest import WORD, parsed
from tests.rules import run


def _bureau(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bureau.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_extra_stopword_reaches_cp103_after_a_run_without_it(tmp_path: Path):
    # 004 lines 553 and 3088: 劳务派遣 cards rate `群众对门卫工作整体满意度`, 门卫 being the subject of
    # card 1 门卫安保经费. A bureau that lists 门卫 among its stopwords no longer takes it for a subject.
    doc = parsed(WORD)
    before = run(doc, "CP103")
    assert sorted(f.line for f in before if "'门卫'" in f.message) == [553, 3088]
    with extra_dictionaries({"copypaste_stopwords.txt": [_bureau(tmp_path, "门卫\n")]}):
        during = run(doc, "CP103")
    assert not [f for f in during if "'门卫'" in f.message]
    assert run(doc, "CP103") == before  # the extra stopword does not outlive its run


def test_extra_jieba_entry_reaches_the_tokenizer(tmp_path: Path):
    text = "群众对门卫工作整体满意度"  # 004 line 553
    before = tokens(text)
    assert "门卫工作" not in before
    with extra_dictionaries({"jieba_userdict.txt": [_bureau(tmp_path, "门卫工作 100000 n\n")]}):
        assert "门卫工作" in tokens(text)
    assert tokens(text) == before


def test_extra_placeholder_makes_a_row_unsubstantive(tmp_path: Path):
    # `工作安排情况` (004: the 指标值确定依据 of 24 rows) as a description is evidence of nothing once
    # the bureau lists it as a placeholder.
    assert is_substantive("宣传工作完成率", "工作安排情况")
    with extra_dictionaries({"placeholders.txt": [_bureau(tmp_path, "[empty]\n工作安排情况\n")]}):
        assert not is_substantive("宣传工作完成率", "工作安排情况")
    assert is_substantive("宣传工作完成率", "工作安排情况")
