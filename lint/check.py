"""Run the selected rules over parsed documents and collect findings in a deterministic order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lint.model import Document
from lint.rules import select_rules
from lint.rules.base import Context, Finding, Rule


def run_rules(
    documents: list[Document],
    rules: Iterable[type[Rule]] | None = None,
    settings: dict[str, Any] | None = None,
) -> list[Finding]:
    """Every finding of every rule on every document, sorted by file, line, column and code.

    Rules with a `check_run` method (cross-document checks such as copy-paste) see all documents once,
    in path order: which card of a copied group is reported first must not depend on the order of
    the arguments. A rule that fails on a document is an IN001 finding on it; the others still run.
    """
    settings = settings or {}
    documents = sorted(documents, key=lambda d: d.path)
    rule_classes = list(rules) if rules is not None else select_rules()
    instances = [r() for r in rule_classes]
    findings: list[Finding] = []
    override_year = settings.get("budget_year")
    for doc in documents:
        ctx = Context(document=doc, budget_year=override_year or doc.budget_year, settings=settings)
        for rule in instances:
            if hasattr(rule, "check_run"):
                continue
            findings.extend(_guarded(rule, doc.path, rule.check_document, doc, ctx))
    for rule in instances:
        if hasattr(rule, "check_run"):
            where = documents[0].path if documents else "<run>"
            findings.extend(_guarded(rule, where, rule.check_run, documents, settings))
    overrides = settings.get("severity", {})
    if overrides:
        findings = [_with_severity(f, overrides) for f in findings]
    return sorted(set(findings), key=Finding.sort_key)


def _guarded(rule: Rule, path: str, check: Any, *args: Any) -> list[Finding]:
    """A rule's findings, or an IN001 finding naming the rule if it raised: one bug in one rule on
    one odd file must not lose every other finding of the run."""
    try:
        return list(check(*args))
    except Exception as exc:  # reported as a finding, never hidden
        from lint.errors import InputError
        from lint.readers.guards import short_error
        from lint.rules.in001_input_error import input_finding

        return [input_finding(InputError(path, f"internal error in rule {rule.code} ({short_error(exc)}): "
                                               f"its findings for this file are missing; please report this bug"))]


def _with_severity(f: Finding, overrides: dict[str, str]) -> Finding:
    from dataclasses import replace

    sev = overrides.get(f.code) or overrides.get(f.family)
    return replace(f, severity=sev) if sev else f
