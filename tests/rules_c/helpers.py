"""Run one rule over one card or a whole document, for the rules_c tests."""

from __future__ import annotations

from lint.model import Card, Document
from lint.rules.base import Context, Finding, Rule


def on_card(rule: type[Rule], doc: Document, card: Card) -> list[Finding]:
    return list(rule().check_card(card, Context(document=doc)))


def on_doc(rule: type[Rule], doc: Document) -> list[Finding]:
    return list(rule().check_document(doc, Context(document=doc)))


def where(findings: list[Finding]) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in findings]
