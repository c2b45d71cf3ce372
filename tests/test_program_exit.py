"""The `jxlint` program ends without tearing its heap down (`lint.cli.run`): what it wrote must still
all be there, and its exit status must be the one `main` chose."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import MARKDOWN, WORD


def _program(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lint", *args], capture_output=True, text=True, cwd=cwd)


def test_piped_report_is_complete_and_status_is_findings():
    r = _program("check", str(WORD), str(MARKDOWN), "--format", "json", "--jobs", "1")
    data = json.loads(r.stdout)  # the whole report reached the pipe
    assert r.returncode == 1  # findings at or above error
    assert data["summary"]["findings"] == len(data["findings"]) > 0


def test_report_file_is_complete(tmp_path):
    out = tmp_path / "report.json"
    r = _program("check", str(WORD), "--format", "json", "-o", str(out))
    assert r.returncode == 1 and r.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["files"] == 1 and data["findings"]


def test_usage_error_and_unreadable_input_keep_status_2_and_their_messages(tmp_path):
    r = _program("check", str(tmp_path / "missing.txt"), "-q")
    assert r.returncode == 2
    assert "no such file or folder" in r.stderr
    r = _program("check", "--format", "nonsense", str(WORD))
    assert r.returncode == 2 and "Invalid value for '--format'" in r.stderr


def test_status_0_when_nothing_fails_and_for_other_commands():
    r = _program("check", str(WORD), "--fail-on", "never", "-q")
    assert r.returncode == 0 and r.stdout.rstrip().endswith("of 1 file(s).")
    r = _program("check", str(WORD), "--select", "PH999")
    assert r.returncode == 2 and "unknown rule selector 'PH999'" in r.stderr
    r = _program("explain", "PH001")
    assert r.returncode == 0 and r.stdout.startswith("PH001")


def test_a_profiler_still_gets_to_write_its_results(tmp_path):
    out = tmp_path / "jxlint.prof"
    r = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "lint", "--version"],
                       capture_output=True, text=True)
    assert r.returncode == 0 and out.stat().st_size > 0


def test_check_leaves_nothing_frozen_in_the_calling_process(tmp_path):
    # `check` freezes the checked records for the report (the collector need not walk them) and
    # unfreezes when the command ends, so library and test callers keep a collectable heap.
    import gc

    from click.testing import CliRunner

    from lint.cli import main

    before = gc.get_freeze_count()
    result = CliRunner().invoke(main, ["check", str(WORD), "--jobs", "1", "-q", "-o", str(tmp_path / "r.txt")])
    assert result.exit_code == 1, result.output  # findings at or above error: the whole path ran
    assert gc.get_freeze_count() == before


def test_check_freezes_its_records_before_collections_are_frequent_again(tmp_path, monkeypatch):
    # check_paths runs with rare collections; had it set the usual thresholds back before the
    # records were frozen, the next allocation would make the collector walk all that the check
    # left young (99 ms at 100x). The caller's thresholds come back when the command ends.
    import gc

    from click.testing import CliRunner

    import lint.check
    from lint.cli import main

    at_freeze: list[tuple[int, int, int]] = []
    real_freeze = gc.freeze
    monkeypatch.setattr(gc, "freeze", lambda: (at_freeze.append(gc.get_threshold()), real_freeze()))
    before = gc.get_threshold()
    result = CliRunner().invoke(main, ["check", str(WORD), "--jobs", "1", "-q", "-o", str(tmp_path / "r.txt")])
    assert result.exit_code == 1, result.output
    assert at_freeze == [lint.check._THRESHOLDS] != [before]
    assert gc.get_threshold() == before


def test_the_program_ends_without_freeing_what_the_command_made(monkeypatch):
    # `sys.exit` in a command leaves its frame (every finding of the run) in the exception's
    # traceback; `run` must end the process before that is freed, one object at a time.
    import lint.cli as cli

    freed: list[str] = []

    class Record:
        def __del__(self) -> None:
            freed.append("record")

    def command() -> None:
        made = Record()  # noqa: F841  (a local of the command, as its findings are)
        sys.exit(1)

    class Ended(Exception):
        pass

    def end(code: int) -> None:
        freed.append(f"exit {code}")
        raise Ended

    monkeypatch.setattr(cli, "main", command)
    monkeypatch.setattr(sys, "getprofile", lambda: None)
    monkeypatch.setattr(sys, "gettrace", lambda: None)
    monkeypatch.setattr("os._exit", end)
    try:
        cli.run()
    except Ended:
        pass
    assert freed[0] == "exit 1"
