"""Bad input: one line naming the file, exit 2, no traceback, the other files still parsed."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from lint.cli import main
from tests.conftest import MARKDOWN, WORD


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_empty_and_binary_files_are_reported_and_others_parsed(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    r = run("parse", str(empty), str(WORD), str(binary), "--format", "json")
    assert r.exit_code == 2
    errors = [ln for ln in r.stderr.splitlines() if ln]
    assert errors == [
        f"jxlint: error: {empty}: empty file: no text to read",
        f"jxlint: error: {binary}: binary file (contains NUL bytes): not a text document",
    ]
    assert "Traceback" not in r.output
    data = json.loads(r.stdout)
    assert [d["path"] for d in data["documents"]] == [str(WORD)]
    assert len(data["documents"][0]["cards"]) == 48


def test_gb18030_copy_parses_like_utf8(tmp_path):
    text = MARKDOWN.read_text(encoding="utf-8")
    gb = tmp_path / "gb.txt"
    gb.write_bytes(text.encode("gb18030"))
    utf = tmp_path / "utf.txt"
    utf.write_bytes(text.encode("utf-8"))
    a = json.loads(run("parse", str(gb)).stdout)["documents"][0]
    b = json.loads(run("parse", str(utf)).stdout)["documents"][0]
    a.pop("path"), b.pop("path")
    assert a == b and len(a["cards"]) == 44


def test_utf16_and_bom_and_crlf(tmp_path):
    text = WORD.read_text(encoding="utf-8")
    for name, data in {
        "u16.txt": text.encode("utf-16"),
        "bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "crlf.txt": text.replace("\n", "\r\n").encode("utf-8"),
    }.items():
        p = tmp_path / name
        p.write_bytes(data)
        doc = json.loads(run("parse", str(p)).stdout)["documents"][0]
        assert len(doc["cards"]) == 48, name


def test_stdin_and_missing_file():
    r = run("parse", "-", "missing.txt", input=WORD.read_bytes())
    assert r.exit_code == 2
    assert r.stderr.strip() == "jxlint: error: missing.txt: no such file or folder"
    assert len(json.loads(r.stdout)["documents"][0]["cards"]) == 48


def test_folder_is_walked_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_bytes(WORD.read_bytes())
    (tmp_path / "a.md").write_bytes(MARKDOWN.read_bytes())
    # PDFs are read since issue 7; a file of an unknown type is skipped with a note, not an error.
    (tmp_path / "notes.jpg").write_bytes(b"\xff\xd8\xff")
    r = run("parse", str(tmp_path), "--format", "csv")
    assert r.exit_code == 0
    assert r.stderr == f"jxlint: note: skipped {tmp_path / 'notes.jpg'}: unknown file type\n"
    lines = r.stdout.splitlines()
    assert lines[0].startswith("path,layout,department")
    paths = [ln.split(",")[0] for ln in lines[1:]]
    assert paths[0].endswith("a.md") and paths[-1].endswith("z.txt")


def test_console_script_runs_as_module():
    r = subprocess.run([sys.executable, "-m", "lint", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("jxlint, version")


def test_check_reports_unreadable_files_as_in001_and_goes_on(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = run("check", str(empty), str(WORD), "--select", "PH001", "--format", "json")
    data = json.loads(r.stdout)
    in001 = [f for f in data["findings"] if f["code"] == "IN001"]
    assert [(f["path"], f["line"], f["column"], f["family"], f["message"]) for f in in001] == [
        (str(empty), 1, 1, "input", "empty file: no text to read")]
    # 004 card 10 still checked: 28 redacted cells (lines 1210–1282), so findings make the exit 1.
    assert sum(f["code"] == "PH001" for f in data["findings"]) == 28
    assert r.exit_code == 1
    r = run("check", str(empty), str(WORD), "--select", "ST008")
    assert r.exit_code == 2 and f"{empty}:1:1: IN001 [error] empty file: no text to read" in r.stdout


def test_readme_beside_the_documents_is_a_note_not_an_error(tmp_path):
    # The shared corpus folder has a README.md that describes the documents but holds no card.
    readme = tmp_path / "README.md"
    readme.write_text("# 部门预算公开\n\n三份文件，每份都有绩效目标表。\n", encoding="utf-8")
    (tmp_path / "doc.md").write_bytes(MARKDOWN.read_bytes())
    r = run("parse", str(tmp_path), "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.strip() == (
        f"jxlint: note: skipped {readme}: not a performance-target document (no 项目名称, 三级指标 or 指标值 in it)"
    )
    assert len(json.loads(r.stdout)["documents"]) == 1
    # Named on the command line, the user expected cards in it: an error.
    r = run("parse", str(readme), str(MARKDOWN))
    assert r.exit_code == 2
    assert "not a performance-target document" in r.stderr
    # A file that looks like a card document but yields none is never silently skipped.
    broken = tmp_path / "broken.md"
    broken.write_text("项目名称\t某项目\n", encoding="utf-8")
    r = run("parse", str(tmp_path))
    assert r.exit_code == 2
    assert f"{broken}: no performance-target cards" in r.stderr
