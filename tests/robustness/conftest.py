from __future__ import annotations

import hashlib
import tempfile
from functools import cache
from pathlib import Path

from tests.conftest import MARKDOWN, WORD
from tests.office.build import corpus_rows, write_docx, write_pdf, write_xlsx


@cache
def office_bytes(kind: str) -> bytes:
    """A genuine one-card .docx (004 card 1), a two-card .xlsx (002 cards 1–2) or a one-card PDF
    (002 card 1), built once per test session from the corpus."""
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp) / f"card.{kind}"
        if kind == "docx":
            write_docx(corpus_rows(WORD, 252, 351), dest)
        elif kind == "xlsx":
            write_xlsx(corpus_rows(MARKDOWN, 1034, 1070), dest)
        else:
            write_pdf(corpus_rows(MARKDOWN, 1034, 1051), dest)
        return dest.read_bytes()


def snapshot(*folders: Path) -> dict[str, tuple[str, int, int]]:
    """Every file under the folders: content hash, size, modification time (not access time)."""
    out = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            st = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
            out[str(path)] = (digest, st.st_size, st.st_mtime_ns)
    return out
