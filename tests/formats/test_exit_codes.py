"""Exit codes, as documented in lint/cli.py: 0 clean, 1 findings at or above --fail-on, 2 usage or
unreadable input, and 1 when both findings and an unreadable file happen."""

from __future__ import annotations

from tests.conftest import MARKDOWN, WORD
from tests.formats.util import run


def test_clean_is_0():
    # 002 mentions 涉密 only inside a note sentence (line 1960), never as a whole cell.
    r = run("check", MARKDOWN, "--select", "PH001")
    assert r.exit_code == 0 and ": PH001 " not in r.stdout


def test_findings_are_1_unless_below_fail_on():
    assert run("check", WORD, "--select", "PH001").exit_code == 1
    assert run("check", WORD, "--select", "PH001", "--fail-on", "never").exit_code == 0


def test_unreadable_input_and_usage_errors_are_2():
    r = run("check", MARKDOWN, "missing.txt", "--select", "PH001")
    assert r.exit_code == 2 and r.stderr == "jxlint: error: missing.txt: no such file or folder\n"
    assert run("check", WORD, "--format", "xml").exit_code == 2
    assert run("check", WORD, "--select", "NOPE").exit_code == 2


def test_findings_win_over_an_unreadable_file():
    for fmt in ("text", "json", "sarif", "github", "junit"):
        r = run("check", WORD, "missing.txt", "--select", "PH001", "--format", fmt)
        assert r.exit_code == 1, fmt


def test_write_baseline_is_0_even_with_findings(tmp_path):
    assert run("check", WORD, "--select", "PH001", "--write-baseline", tmp_path / "b.json").exit_code == 0
