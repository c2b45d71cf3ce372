"""Folders of mixed files: include/exclude globs, notes for skipped files, --quiet, progress bar,
office files on stdin, office positions in the JSON records."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from click.testing import CliRunner

from lint.cli import main
from lint.load import Progress, expand_paths
from tests.conftest import MARKDOWN, WORD
from tests.office.build import corpus_rows, write_docx, write_xlsx


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def _folder(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "drafts").mkdir()
    write_docx(corpus_rows(WORD, 252, 351), tmp_path / "sub" / "card1.docx")
    write_xlsx(corpus_rows(MARKDOWN, 1034, 1070), tmp_path / "two.xlsx")
    (tmp_path / "drafts" / "old.txt").write_bytes(MARKDOWN.read_bytes())
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (tmp_path / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "sub" / "~$card1.docx").write_bytes(b"lock")
    (tmp_path / ".hidden.txt").write_bytes(b"x")
    return tmp_path


def test_folder_of_mixed_files(tmp_path):
    root = _folder(tmp_path)
    r = run("parse", str(root), "--format", "csv")
    assert r.exit_code == 0, r.output
    assert r.stderr.splitlines() == [
        f"jxlint: note: skipped {root / 'legacy.doc'}: Word 97-2003 .doc is not supported: save it as .docx",
        f"jxlint: note: skipped {root / 'photo.jpg'}: unknown file type",
    ]
    paths = [ln.split(",")[0] for ln in r.stdout.splitlines()[1:]]
    # Sorted walk, a folder's files before its subfolders: two.xlsx, drafts/old.txt, sub/card1.docx.
    files = list(dict.fromkeys(paths))
    assert files == [str(root / "two.xlsx"), str(root / "drafts" / "old.txt"), str(root / "sub" / "card1.docx")]


def test_include_exclude_and_quiet(tmp_path):
    root = _folder(tmp_path)
    r = run("parse", str(root), "--exclude", "drafts", "--include", "*.docx", "--include", "*.xlsx", "-q")
    assert r.exit_code == 0 and r.stderr == ""
    docs = json.loads(r.stdout)["documents"]
    assert [(d["path"], d["layout"], len(d["cards"])) for d in docs] == [
        (str(root / "two.xlsx"), "xlsx", 2), (str(root / "sub" / "card1.docx"), "docx", 1)]
    got = [p for p, _ in expand_paths([str(root)], include=["sub/*"])]
    assert got == [str(root / "sub" / "card1.docx")]


def test_check_reads_office_files(tmp_path):
    root = _folder(tmp_path)
    r = run("check", str(root / "two.xlsx"), str(root / "sub" / "card1.docx"), "--quiet", "--fail-on", "never")
    assert r.exit_code == 0
    assert "in 3 card(s) of 2 file(s)" in r.stdout


def test_office_positions_in_json_records_and_not_for_text(tmp_path):
    path = write_docx(corpus_rows(WORD, 252, 351), tmp_path / "card1.docx")
    card = json.loads(run("parse", str(path)).stdout)["documents"][0]["cards"][0]
    assert card["locs"]["project_code"] == {"line": 3, "column": 2, "end_column": None,
                                            "table": 1, "row": 2, "cell": 2}
    text_card = json.loads(run("parse", str(WORD)).stdout)["documents"][0]["cards"][0]
    assert set(text_card["locs"]["project_code"]) == {"line", "column", "end_column"}


def test_docx_on_stdin(tmp_path):
    path = write_docx(corpus_rows(WORD, 252, 351), tmp_path / "card1.docx")
    r = run("parse", "-", input=path.read_bytes())
    doc = json.loads(r.stdout)["documents"][0]
    assert r.exit_code == 0 and doc["path"] == "<stdin>" and doc["layout"] == "docx"
    assert doc["cards"][0]["project_code"] == "130624210SN9T0TGCCC6F"


def test_legacy_doc_named_explicitly_is_an_error(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    r = run("parse", str(path))
    assert r.exit_code == 2
    assert r.stderr == f"jxlint: error: {path}: Word 97-2003 .doc is not supported: save it as .docx\n"


def test_progress_bar_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    bar = Progress(6, stream=tty)
    for n in range(6):
        bar.step(f"f{n}.docx")
    bar.clear()
    assert "6/6 f5.docx" in tty.getvalue() and tty.getvalue().endswith("\r\x1b[K")
    for stream, total, quiet in ((io.StringIO(), 6, False), (Tty(), 6, True), (Tty(), 2, False)):
        bar = Progress(total, quiet=quiet, stream=stream)
        bar.step("a.docx")
        bar.clear()
        assert stream.getvalue() == ""


def test_office_libraries_load_only_when_needed():
    code = ("import sys; from lint.cli import main; from lint.load import load_document; "
            f"load_document({str(WORD)!r}); "
            "print(sorted(m for m in ('docx', 'openpyxl', 'pdfplumber') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
