"""Findings as JUnit XML: one test suite per file, one test case per card.

A card fails when it has a finding at or above `--fail-on`; findings below it are listed in the test
case's `system-out`. Findings that belong to no card (a whole-document check) and unreadable files
get a test case of their own named after the file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterator

from lint.model import Document
from lint.rules.base import Finding, severity_rank


def _line(f: Finding) -> str:
    return f"{f.path}:{f.address}: {f.code} [{f.severity}] {f.message}"




def format_junit(findings: list[Finding], docs: list[Document], errors: list[tuple[str, str]],
                 fail_on: str = "error") -> str:
    """`errors` are (path, message) of unreadable inputs."""
    return "".join(iter_junit(findings, docs, errors, fail_on))


def iter_junit(findings: list[Finding], docs: list[Document], errors: list[tuple[str, str]],
               fail_on: str = "error") -> Iterator[str]:
    """`format_junit` in pieces, a test suite at a time: the whole tree took 226 MB at 100× against
    the text report's 156 MB, so a 1000× report would not fit in 1 GB. The counts of the root come
    first, so the cases are counted in a first pass over the findings' references, and each suite
    is built, indented as `ET.indent` indents the whole tree, and written in the second."""
    # Each document's findings by (path, card seq, card title): a document's cases look at its own.
    by_path: dict[str, dict[tuple[str, int | None, str], list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for f in findings:
        by_path[f.path][(f.path, f.card_seq, f.card_title)].append(f)

    def failing(f: Finding) -> bool:
        return fail_on != "never" and severity_rank(f.severity) >= severity_rank(fail_on)

    # First pass: each document's cases (references) and how many fail, for the counts up front.
    suites = []
    for doc in docs:
        cases = _cases(doc, by_path[doc.path])
        suites.append((doc, cases, sum(any(map(failing, fs)) for _, _, fs in cases)))
    root = ET.Element("testsuites", name="jxlint")
    _set_counts(root, {"tests": sum(len(cases) for _, cases, _ in suites) + len(errors),
                       "failures": sum(failures for _, _, failures in suites), "errors": len(errors)})
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if not docs and not errors:
        yield head + ET.tostring(root, encoding="unicode") + "\n"
        return
    yield head + ET.tostring(root, encoding="unicode").removesuffix(" />") + ">"
    for doc, cases, failures in suites:
        suite = ET.Element("testsuite", name=doc.path)
        for name, line, fs in cases:
            case = ET.SubElement(suite, "testcase", classname=doc.path, name=name, file=doc.path, line=str(line))
            bad = [f for f in fs if failing(f)]
            if bad:
                failure = ET.SubElement(case, "failure", type=bad[0].code,
                                        message=f"{len(bad)} finding(s): " + ", ".join(sorted({f.code for f in bad})))
                failure.text = "\n".join(_line(f) for f in bad)
            minor = [f for f in fs if not failing(f)]
            if minor:
                ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in minor)
        _set_counts(suite, {"tests": len(cases), "failures": failures, "errors": 0})
        yield _at_depth_one(suite)
    for path, message in errors:
        suite = ET.Element("testsuite", name=path)
        case = ET.SubElement(suite, "testcase", classname=path, name="read", file=path)
        ET.SubElement(case, "error", type="input", message=message).text = message
        _set_counts(suite, {"tests": 1, "failures": 0, "errors": 1})
        yield _at_depth_one(suite)
    yield "\n</testsuites>\n"


def _at_depth_one(suite: ET.Element) -> str:
    """A suite as the whole tree's `ET.indent` and `ET.tostring` write it under the root."""
    ET.indent(suite, level=1)
    return "\n  " + ET.tostring(suite, encoding="unicode")


def _cases(doc: Document, by_card: dict[tuple[str, int | None, str], list[Finding]]
           ) -> list[tuple[str, int | None, list[Finding]]]:
    """A document's test cases: (name, line, findings), one per card, then the findings on no card
    (`by_card`: the document's findings by (path, card seq, card title))."""
    cases: list[tuple[str, int | None, list[Finding]]] = []
    claimed: set[tuple] = set()
    titles = Counter(c.title or c.project_name for c in doc.cards)
    for i, card in enumerate(doc.cards, start=1):
        title = card.title or card.project_name
        key = (doc.path, card.seq, title)
        claimed.add(key)
        # Test-case names must be unique in a suite: a repeated (or missing) title gets its line.
        name = title if title and titles[title] == 1 else f"{title or f'card {i}'} (line {card.line})"
        cases.append((name, card.line, by_card.get(key, [])))
    rest = [f for k, fs in by_card.items() if k not in claimed for f in fs]
    if rest:
        cases.append(("document", rest[0].line, rest))
    return cases


def _set_counts(el: ET.Element, counts: dict[str, int]) -> None:
    for k in ("tests", "failures", "errors"):
        el.set(k, str(counts[k]))
