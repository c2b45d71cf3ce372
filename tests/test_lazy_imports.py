"""Startup: `jxlint --version` and a check of a small file import only what they need (issue 8)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("jieba", "docx", "openpyxl", "pdfplumber", "pydantic")


def imported_after(code: str) -> list[str]:
    probe = code + f"\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_version_imports_nothing_heavy():
    code = "from click.testing import CliRunner\nfrom lint.cli import main\nCliRunner().invoke(main, ['--version'])"
    assert imported_after(code) == []


def test_checking_a_small_text_file_loads_no_segmenter_office_reader_or_pydantic():
    # The markdown sample has no CP103 candidate, so nothing asks jieba for word boundaries; the
    # records are dataclasses, so pydantic is needed only to serialise (`jxlint parse`).
    code = (
        "from click.testing import CliRunner\nfrom lint.cli import main\n"
        "CliRunner().invoke(main, ['check', 'samples/gaoxinqu-zuzhibu-2024-markdown.txt', '--jobs', '1'])"
    )
    assert imported_after(code) == []


def test_parse_json_uses_pydantic_to_serialise():
    code = (
        "from click.testing import CliRunner\nfrom lint.cli import main\n"
        "CliRunner().invoke(main, ['parse', 'samples/gaoxinqu-zuzhibu-2024-markdown.txt'])"
    )
    assert imported_after(code) == ["pydantic"]
