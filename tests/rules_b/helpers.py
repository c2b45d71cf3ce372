"""Run one rule over a corpus document, or over a copy with one cell changed (for rules whose defect
no card of the corpus has). Changes keep every line number, so positions stay those of the file."""

from __future__ import annotations

from pathlib import Path

from lint.check import run_rules
from lint.model import Document
from lint.parse.document import parse_text
from lint.readers import read_text
from lint.rules import get_rule
from lint.rules.base import Finding


def findings(doc: Document, code: str, **settings) -> list[Finding]:
    rule = get_rule(code)
    assert rule is not None, code
    return run_rules([doc], [rule], settings=settings)


def at(found: list[Finding], line: int) -> list[Finding]:
    return [f for f in found if f.line == line]


def mutated(path: Path, line: int, old: str, new: str) -> Document:
    """The document with `old` replaced by `new` on `line` (1-based); `old` must be on that line."""
    lines = read_text(path).split("\n")
    assert old in lines[line - 1], (line, old, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return parse_text("\n".join(lines), str(path))
