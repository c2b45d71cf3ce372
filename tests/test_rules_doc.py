"""docs/rules.md is generated from the rule docstrings; this fails when it is out of date."""

from __future__ import annotations

from pathlib import Path

from lint.report.rules_doc import render
from lint.rules import all_rules

DOC = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_rules_doc_is_current():
    assert DOC.read_text(encoding="utf-8") == render(), "run: python -m lint.report.rules_doc > docs/rules.md"


def test_every_rule_is_documented_with_examples():
    for rule in all_rules():
        doc = rule.doc()
        assert "**Bad**" in doc and "**Good**" in doc, rule.code
        assert rule.family in {"placeholder", "unit_mismatch", "illogical_operator", "copy_paste",
                               "budget_inconsistency", "structure", "vague_value", "stale_year", "input"}
        assert rule.severity in ("error", "warning", "info")
        assert rule.message, rule.code
