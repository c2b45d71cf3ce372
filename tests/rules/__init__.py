"""Rule tests: each rule on real corpus rows, a bad row (exact code, line, column) and a good row."""

from __future__ import annotations

from lint.check import run_rules
from lint.model import Document
from lint.rules import get_rule
from lint.rules.base import Finding


def run(doc: Document, code: str, budget_year: int | None = None) -> list[Finding]:
    """The findings of one rule on one parsed document."""
    rule = get_rule(code)
    assert rule is not None, code
    settings = {"budget_year": budget_year} if budget_year else {}
    return run_rules([doc], [rule], settings)


def at(findings: list[Finding], line: int) -> list[Finding]:
    return [f for f in findings if f.line == line]
