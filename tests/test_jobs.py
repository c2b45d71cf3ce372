"""`--jobs N` spreads files over processes; the report must not depend on it."""

from __future__ import annotations

import json

from click.testing import CliRunner

from lint.cli import main
from tests.conftest import MARKDOWN, OCR, WORD


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_jobs_do_not_change_a_byte_of_the_report(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    files = [str(OCR), str(empty), str(MARKDOWN), str(WORD)]
    one = run("check", *files, "--jobs", "1", "--format", "json")
    three = run("check", *files, "--jobs", "3", "--format", "json")
    assert one.exit_code == three.exit_code == 1
    assert one.stdout == three.stdout
    data = json.loads(one.stdout)
    # Cross-document copy-paste still sees every document when they are checked in other processes:
    # 004 card 11 copies card 6's goal, and the 002 startup-loan group spans seven cards.
    cp101 = {(f["path"], f["card"]["seq"]) for f in data["findings"] if f["code"] == "CP101"}
    assert (str(WORD), 11) in cp101 and sum(p == str(MARKDOWN) for p, _ in cp101) >= 7
    assert [f["path"] for f in data["findings"] if f["code"] == "IN001"] == [str(empty)]
    assert data["summary"]["files"] == 3 and data["summary"]["cards"] == 35 + 44 + 48


def test_argument_order_does_not_change_the_report():
    a = run("check", str(OCR), str(MARKDOWN), str(WORD), "--jobs", "2")
    b = run("check", str(WORD), str(OCR), str(MARKDOWN), "--jobs", "2")
    assert a.stdout == b.stdout and a.stdout.count("\n") > 300
