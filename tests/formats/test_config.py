"""Configuration: discovery from the checked path upwards, precedence, validation, what each key does."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.config import discover, load_file
from lint.dicts import load_sections
from tests.formats.util import CARD10_CODE, PH001_WORD, copy_word, run


def findings_of(r) -> list[str]:
    return [ln for ln in r.stdout.splitlines() if ": PH001 " in ln]


@pytest.fixture
def tree(tmp_path) -> Path:
    """tmp/project/sub/word.txt: a copy of the Word corpus file two folders below the project root."""
    sub = tmp_path / "project" / "sub"
    sub.mkdir(parents=True)
    copy_word(sub)
    return tmp_path / "project"


def test_jxlint_toml_is_found_from_the_checked_path_upwards(tree):
    doc = tree / "sub" / "word.txt"
    assert run("check", doc, "--select", "PH001").exit_code == 1
    # Only PH001 and ST008 (no finding on this card set) run, then PH001 is ignored: nothing left.
    (tree / "jxlint.toml").write_text('select = ["PH001", "ST008"]\nignore = ["PH001"]\n', encoding="utf-8")
    assert discover([str(doc)]) == tree / "jxlint.toml"
    r = run("check", doc)
    assert r.exit_code == 0 and findings_of(r) == []


def test_pyproject_without_a_jxlint_table_is_passed_over(tree):
    (tree / "sub" / "pyproject.toml").write_text('[tool.other]\nx = 1\n', encoding="utf-8")
    (tree / "pyproject.toml").write_text('[tool.jxlint]\nselect = ["placeholder", "ST008"]\nignore = ["placeholder"]\n',
                                         encoding="utf-8")
    assert discover([str(tree / "sub")]) == tree / "pyproject.toml"
    assert run("check", tree / "sub" / "word.txt").exit_code == 0


def test_jxlint_toml_wins_over_pyproject_in_the_same_folder_and_nearer_wins(tree):
    (tree / "pyproject.toml").write_text('[tool.jxlint]\nignore = ["PH001"]\n', encoding="utf-8")
    (tree / "jxlint.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    assert discover([str(tree / "sub" / "word.txt")]) == tree / "jxlint.toml"
    r = run("check", tree / "sub" / "word.txt")
    assert r.exit_code == 0 and len(findings_of(r)) == PH001_WORD  # jxlint.toml: reported, not failing
    (tree / "sub" / "jxlint.toml").write_text('ignore = ["PH"]\n', encoding="utf-8")
    assert findings_of(run("check", tree / "sub" / "word.txt")) == []


def test_explicit_config_skips_discovery(tree, tmp_path):
    (tree / "jxlint.toml").write_text('ignore = ["PH001"]\n', encoding="utf-8")
    other = tmp_path / "ci.toml"
    other.write_text('select = ["PH001"]\n', encoding="utf-8")
    r = run("check", tree / "sub" / "word.txt", "--config", other)
    assert r.exit_code == 1 and len(findings_of(r)) == PH001_WORD
    missing = run("check", tree / "sub" / "word.txt", "--config", tmp_path / "nope.toml")
    assert missing.exit_code == 2
    assert missing.stderr == f"jxlint: error: {tmp_path / 'nope.toml'}: configuration file not found\n"


def test_command_line_select_replaces_the_file_ignore_and_ignore_adds(tree):
    (tree / "jxlint.toml").write_text('ignore = ["PH001"]\n', encoding="utf-8")
    doc = tree / "sub" / "word.txt"
    assert len(findings_of(run("check", doc, "--select", "PH001"))) == PH001_WORD
    (tree / "jxlint.toml").write_text('select = ["PH001"]\n', encoding="utf-8")
    assert findings_of(run("check", doc, "--ignore", "placeholder")) == []
    assert len(findings_of(run("check", doc, "--select", "structure", "--extend-select", "PH"))) == PH001_WORD


def test_fail_on_and_severity_precedence(tree):
    doc = tree / "sub" / "word.txt"
    cfg = tree / "jxlint.toml"
    cfg.write_text('select = ["PH001"]\n[severity]\nPH001 = "warning"\n', encoding="utf-8")
    r = run("check", doc)
    assert r.exit_code == 0
    assert f"{doc}:1224:2: PH001 [warning] " in r.stdout
    cfg.write_text('select = ["PH001"]\nfail-on = "warning"\n[severity]\nplaceholder = "warning"\n', encoding="utf-8")
    assert run("check", doc).exit_code == 1
    assert run("check", doc, "--fail-on", "error").exit_code == 0  # the command line wins


def test_per_file_and_per_project_ignores(tree):
    doc = tree / "sub" / "word.txt"
    cfg = tree / "jxlint.toml"
    cfg.write_text('[per-file-ignores]\n"word.txt" = ["PH001"]\n', encoding="utf-8")
    assert findings_of(run("check", doc, "--select", "PH001")) == []
    cfg.write_text('[per-file-ignores]\n"other/*.txt" = ["PH001"]\n', encoding="utf-8")
    assert len(findings_of(run("check", doc, "--select", "PH001"))) == PH001_WORD
    cfg.write_text('[per-file-ignores]\n"sub/*.txt" = ["placeholder"]\n', encoding="utf-8")
    assert findings_of(run("check", doc, "--select", "PH001")) == []
    # 保密工作经费's 项目编码, exactly and as a regional prefix; another code leaves it alone.
    for pattern, hidden in ((CARD10_CODE, True), ("13062421*", True), ("13052924P00584210734N", False)):
        cfg.write_text(f'[per-project-ignores]\n"{pattern}" = ["ALL"]\n', encoding="utf-8")
        assert (findings_of(run("check", doc, "--select", "PH001")) == []) is hidden, pattern


def test_thresholds_reach_the_rules_settings(tmp_path):
    cfg = tmp_path / "jxlint.toml"
    cfg.write_text("[thresholds]\nsatisfaction-floor = 80\ncopy-paste-threshold = 0.9\n", encoding="utf-8")
    assert load_file(cfg).settings() == {"satisfaction_floor": 80.0, "copy_paste_threshold": 0.9}


def test_extra_dictionary_extends_the_builtin_list(tree):
    # A bureau whose cards say `机密` (another classification mark) where 004 card 10 says `涉密`.
    copy_word(tree / "sub", "jimi.txt", lambda t: t.replace("涉密", "机密"))
    doc = tree / "sub" / "jimi.txt"
    assert findings_of(run("check", doc, "--select", "PH001")) == []
    (tree / "bureau.txt").write_text("# our own marks\n[redacted]\n机密\n", encoding="utf-8")
    (tree / "jxlint.toml").write_text('[dictionaries]\n"placeholders.txt" = "bureau.txt"\n', encoding="utf-8")
    r = run("check", doc, "--select", "PH001")
    assert len(findings_of(r)) == PH001_WORD
    assert f"{doc}:1224:2: PH001 [error] cell is redacted ('机密') " in r.stdout
    assert "机密" not in load_sections("placeholders.txt")["redacted"]  # the run's extras do not leak


@pytest.mark.parametrize(("text", "message"), [
    ('selct = ["PH001"]\n', "key 'selct': unknown key (did you mean 'select'?)"),
    ('per_file_ignores = {}\n', "key 'per_file_ignores': unknown key (did you mean 'per-file-ignores'?)"),
    ('select = ["ZZ999"]\n', "key 'select': unknown rule selector 'ZZ999'"),
    ('fail-on = "fatal"\n', "key 'fail-on': must be one of error, warning, info, never, not 'fatal'"),
    ('[severity]\nPH001 = "high"\n', "key 'severity.PH001': must be one of info, warning, error, not 'high'"),
    ('[thresholds]\nsatisfaction-flor = 80\n',
     "key 'thresholds.satisfaction-flor': unknown threshold (did you mean 'satisfaction-floor'?)"),
    ('[thresholds]\nsatisfaction-floor = 180\n',
     "key 'thresholds.satisfaction-floor': must be a number from 0 to 100, not 180"),
    ('[dictionaries]\n"zzz.txt" = "x.txt"\n', "key 'dictionaries.zzz.txt': not a word list in dictionaries/"),
    ('[dictionaries]\n"placeholders.txt" = "x.txt"\n', "key 'dictionaries.placeholders.txt': file not found: x.txt"),
    ("select = [\n", None),
])
def test_bad_configuration_is_one_line_and_exit_2(tree, text, message):
    cfg = tree / "jxlint.toml"
    cfg.write_text(text, encoding="utf-8")
    r = run("check", tree / "sub" / "word.txt")
    assert r.exit_code == 2
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"jxlint: error: {cfg}: ")
    if message:
        assert lines[0] == f"jxlint: error: {cfg}: {message}"
    else:
        assert "invalid TOML" in lines[0]


def test_pyproject_errors_name_the_tool_table(tree):
    (tree / "pyproject.toml").write_text('[tool.jxlint]\nignored = ["PH001"]\n', encoding="utf-8")
    r = run("check", tree / "sub" / "word.txt")
    assert r.exit_code == 2
    assert r.stderr.strip().endswith("[tool.jxlint] key 'ignored': unknown key (did you mean 'ignore'?)")


def test_unknown_command_line_selector_is_exit_2(tree):
    r = run("check", tree / "sub" / "word.txt", "--select", "PH01x")
    assert r.exit_code == 2
    assert r.stderr == "jxlint: error: --select: unknown rule selector 'PH01x' (see `jxlint rules`)\n"

