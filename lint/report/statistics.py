"""`--statistics`: how many findings each rule produced, as a table or as JSON."""

from __future__ import annotations

import json
from collections import Counter

from lint.rules.base import Finding


def counts(findings: list[Finding]) -> list[dict]:
    """One row per rule code, most findings first, then by code."""
    by_code = Counter(f.code for f in findings)
    first = {}
    for f in findings:
        first.setdefault(f.code, f)
    rows = [{"code": c, "name": first[c].name, "family": first[c].family, "severity": first[c].severity,
             "count": n} for c, n in by_code.items()]
    return sorted(rows, key=lambda r: (-r["count"], r["code"]))


def format_statistics(findings: list[Finding], summary: str) -> str:
    from tabulate import tabulate

    rows = [(r["count"], r["code"], r["name"], r["family"], r["severity"]) for r in counts(findings)]
    table = tabulate(rows, headers=("count", "code", "name", "family", "severity"), disable_numparse=True,
                     colalign=("right",)) if rows else ""
    return (table + "\n" if table else "") + summary + "\n"


def format_statistics_json(findings: list[Finding]) -> str:
    return json.dumps({"version": 1, "tool": "jxlint", "statistics": counts(findings)},
                      ensure_ascii=False, indent=2) + "\n"
