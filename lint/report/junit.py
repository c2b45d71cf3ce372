"""Findings as JUnit XML: one test suite per file, one test case per card.

A card fails when it has a finding at or above `--fail-on`; findings below it are listed in the test
case's `system-out`. Findings that belong to no card (a whole-document check) and unreadable files
get a test case of their own named after the file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

from lint.model import Document
from lint.rules.base import Finding, severity_rank


def _line(f: Finding) -> str:
    return f"{f.path}:{f.address}: {f.code} [{f.severity}] {f.message}"




def format_junit(findings: list[Finding], docs: list[Document], errors: list[tuple[str, str]],
                 fail_on: str = "error") -> str:
    """`errors` are (path, message) of unreadable inputs."""
    by_card: dict[tuple[str, int | None, str], list[Finding]] = defaultdict(list)
    for f in findings:
        by_card[(f.path, f.card_seq, f.card_title)].append(f)

    def failing(f: Finding) -> bool:
        return fail_on != "never" and severity_rank(f.severity) >= severity_rank(fail_on)

    root = ET.Element("testsuites", name="jxlint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for doc in docs:
        suite = ET.SubElement(root, "testsuite", name=doc.path)
        counts = {"tests": 0, "failures": 0, "errors": 0}
        cases: list[tuple[str, int, list[Finding]]] = []
        claimed: set[tuple] = set()
        titles = Counter(c.title or c.project_name for c in doc.cards)
        for i, card in enumerate(doc.cards, start=1):
            title = card.title or card.project_name
            key = (doc.path, card.seq, title)
            claimed.add(key)
            # Test-case names must be unique in a suite: a repeated (or missing) title gets its line.
            name = title if title and titles[title] == 1 else f"{title or f'card {i}'} (line {card.line})"
            cases.append((name, card.line, by_card.get(key, [])))
        rest = [f for k, fs in by_card.items() if k[0] == doc.path and k not in claimed for f in fs]
        if rest:
            cases.append(("document", rest[0].line, rest))
        for name, line, fs in cases:
            case = ET.SubElement(suite, "testcase", classname=doc.path, name=name, file=doc.path, line=str(line))
            counts["tests"] += 1
            bad = [f for f in fs if failing(f)]
            if bad:
                counts["failures"] += 1
                failure = ET.SubElement(case, "failure", type=bad[0].code,
                                        message=f"{len(bad)} finding(s): " + ", ".join(sorted({f.code for f in bad})))
                failure.text = "\n".join(_line(f) for f in bad)
            minor = [f for f in fs if not failing(f)]
            if minor:
                ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in minor)
        _set_counts(suite, counts)
        for k in totals:
            totals[k] += counts[k]
    for path, message in errors:
        suite = ET.SubElement(root, "testsuite", name=path)
        case = ET.SubElement(suite, "testcase", classname=path, name="read", file=path)
        ET.SubElement(case, "error", type="input", message=message).text = message
        _set_counts(suite, {"tests": 1, "failures": 0, "errors": 1})
        totals["tests"] += 1
        totals["errors"] += 1
    _set_counts(root, totals)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _set_counts(el: ET.Element, counts: dict[str, int]) -> None:
    for k in ("tests", "failures", "errors"):
        el.set(k, str(counts[k]))
