"""A whole run over every hostile file at once, in a process of its own: it completes, reports each
file in one line, and stays within generous bounds of memory (< 500 MB peak) and time (< 20 s)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.conftest import WORD
from tests.robustness.conftest import office_bytes, snapshot
from tests.robustness.hostile import billion_laughs, pdf_flate_bomb, pdf_form_laughs, pdf_pages, zip_bomb

# Runs the CLI, then prints the process's peak resident memory (ru_maxrss: KB on Linux, bytes on macOS).
RUN = """
import resource, sys
from lint.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
sys.stderr.write(f"MAXRSS {rss * 1024 if sys.platform != 'darwin' else rss}\\n")
sys.exit(code)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="the resource module is POSIX only")
def test_every_hostile_file_at_once_bounded_memory_and_time(tmp_path):
    files = {
        "bomb.docx": zip_bomb(office_bytes("docx"), "word/document.xml", 2048),  # 2 GB inflated
        "ratio.xlsx": zip_bomb(office_bytes("xlsx"), "xl/worksheets/sheet1.xml", 150),
        "laughs.docx": billion_laughs(office_bytes("docx"), "word/document.xml"),
        "laughs.xlsx": billion_laughs(office_bytes("xlsx"), "xl/worksheets/sheet1.xml"),
        "cut.xlsx": office_bytes("xlsx")[:2000],
        "empty.pdf": b"",
        "scan.pdf": pdf_pages([""]),
        "forms.pdf": pdf_form_laughs(),  # 10^9 glyphs
        "flate.pdf": pdf_flate_bomb(1024),  # 1 GB content stream
        "zeros.txt": bytes(5000),
        "tabs.txt": ("项目名称" + "\t" * 2_000_000).encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_bytes(WORD.read_bytes())
    start = time.monotonic()
    before = snapshot(tmp_path)
    # Default limits, except the PDF clock: the form bomb stops at 50,000 objects or 2 s.
    r = subprocess.run([sys.executable, "-c", RUN, "check", str(tmp_path), "--fail-on", "never",
                        "--limit", "max-pdf-seconds=2"], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    took = time.monotonic() - start
    *errors, peak = r.stderr.splitlines()
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert len(errors) == len(files) and all(e.startswith("jxlint: error: ") for e in errors)
    in001 = sorted(ln.split(":")[0] for ln in r.stdout.splitlines() if " IN001 " in ln)
    assert in001 == sorted(str(tmp_path / n) for n in files)
    assert f"in 48 card(s) of 1 file(s); {len(files)} file(s) could not be read." in r.stdout
    assert peak.startswith("MAXRSS ") and int(peak.split()[1]) < 500 * 2**20, peak
    assert took < 20, took
    assert snapshot(tmp_path) == before  # hostile or not, inputs are left as they were, nothing added


def test_refused_files_are_not_kept_in_memory(tmp_path):
    """A refused file's error is kept until the report; its traceback was kept with it, and the
    frames held the file's bytes or a bomb's output: 20 bad files of 60 MB would hold 1.2 GB."""
    import tracemalloc

    from lint.cli import _load_all

    for n in range(4):
        (tmp_path / f"zeros{n}.txt").write_bytes(bytes(16 * 2**20))  # refused: binary
    (tmp_path / "flate.pdf").write_bytes(pdf_flate_bomb(64))  # refused at a 16 MB budget
    args = ((str(tmp_path),), None)
    _load_all(*args, quiet=True, limit=("max-unzipped-mb=16",))  # imports pdfplumber, fills caches
    tracemalloc.start()
    docs, errors = _load_all(*args, quiet=True, limit=("max-unzipped-mb=16",))
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert not docs and len(errors) == 5
    assert held < 4 * 2**20, held  # 89 MB before
