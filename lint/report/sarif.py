"""Findings as SARIF 2.1.0, the way GitHub code scanning reads it.

Every rule that ran is described (id, name, short and full description, help text, default level);
every result has a region with start/end line and column, counted in code points (declared by
`columnKind: unicodeCodePoints` on the run, as the spec requires for text), its related locations, and
`partialFingerprints` from lint/baseline.py, which ignore the message and the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from lint import __version__
from lint.baseline import FINGERPRINT_VERSION, numbered_fingerprints
from lint.model import office_address
from lint.report.findings import _indented
from lint.rules.base import Finding, Related, Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = f"jxlint/{FINGERPRINT_VERSION}"
INFORMATION_URI = "https://github.com/jxlint/jxlint"
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def rule_descriptor(rule: type[Rule]) -> dict:
    doc = rule.doc()
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": _full_description(doc) or rule.summary()},
        "help": {"text": _BOLD.sub(r"\1", doc) or rule.summary(), "markdown": doc or rule.summary()},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"family": rule.family, "tags": [rule.family]},
    }


def _full_description(doc: str) -> str:
    """The summary line and the `What it checks.` paragraph, as plain text."""
    paras = [p.strip() for p in doc.split("\n\n") if p.strip()]
    if not paras:
        return ""
    chosen = [paras[0]] + [p for p in paras[1:] if p.startswith("**What it checks")][:1]
    return " ".join(_BOLD.sub(r"\1", " ".join(line.strip() for line in p.splitlines())) for p in chosen)


@lru_cache(maxsize=1 << 12)  # a report names each file in every finding and related place; bounded
def _artifact_location(path: str) -> tuple[tuple[str, str], ...]:
    return tuple(artifact_location(path).items())


def artifact_location(path: str) -> dict:
    """A relative path stays relative to the checkout (`%SRCROOT%`); an absolute one becomes file://."""
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(p.as_posix()), "uriBaseId": "%SRCROOT%"}


def _region(line: int, column: int, end_column: int | None, text: str) -> dict:
    if end_column is None:
        # A cell spread over lines: mark its first line's text; an empty cell: an empty region.
        first = text.split("\n", 1)[0] if text else ""
        end_column = column + len(first)
    return {"startLine": line, "startColumn": column, "endLine": line, "endColumn": end_column}


def _office_location(path: str, office: tuple) -> dict:
    """An office cell has no line: the artifact alone, plus a logical location naming the cell
    (`table 2, row 5, cell 3` / `Sheet1!C12`) and the parts in properties."""
    address = office_address(office)
    return {
        "physicalLocation": {"artifactLocation": dict(_artifact_location(path))},
        "logicalLocations": [{"name": address, "fullyQualifiedName": f"{path}:{address}", "kind": "element"}],
        "properties": {"office": dict(office)},
    }


def _related(i: int, r: Related) -> dict:
    message = r.message or (f"card: {r.card_title}" if r.card_title else "related location")
    if r.office:
        return {"id": i, **_office_location(r.path, r.office), "message": {"text": message}}
    return {
        "id": i,
        "physicalLocation": {
            "artifactLocation": dict(_artifact_location(r.path)),
            "region": {"startLine": r.line, "startColumn": r.column},
        },
        "message": {"text": message},
    }


def result(f: Finding, rule_index: int, fp: str) -> dict:
    text = f.message + (f" ({f.card_title})" if f.card_title else "")
    out: dict = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": text},
        "locations": [_office_location(f.path, f.office) if f.office else {
            "physicalLocation": {
                "artifactLocation": dict(_artifact_location(f.path)),
                "region": _region(f.line, f.column, f.end_column, f.text),
            },
        }],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
        "properties": {k: v for k, v in (("family", f.family), ("field", f.field), ("card", f.card_title),
                                          ("projectCode", f.project_code), ("unit", f.unit),
                                          ("office", dict(f.office))) if v},
    }
    if f.related:
        out["relatedLocations"] = [_related(i, r) for i, r in enumerate(f.related, start=1)]
    return out


def format_sarif(findings: list[Finding], rules: list[type[Rule]], errors: list[str]) -> str:
    """One run: the rules that ran, the findings, and unreadable inputs as tool notifications."""
    return "".join(iter_sarif(findings, rules, errors))


_ITEM = " " * 8  # a result's indent: the document, `runs`, the run, `results`
_BATCH = 256  # results per piece written


def iter_sarif(findings: list[Finding], rules: list[type[Rule]], errors: list[str]) -> Iterator[str]:
    """`format_sarif` in pieces, each result rendered as it is written: the whole report as one
    string, with every result's dict and every piece it was joined from, took 824 MB at 100×
    (81 MB of SARIF), so a 1000× report could not be made in memory at all."""
    from lint.rules import get_rule

    ordered = list(rules)
    known = {r.code for r in ordered}
    for code in dict.fromkeys(f.code for f in findings):  # a rule not in the list (defensive): described too
        if code not in known:
            extra = get_rule(code)
            if extra is not None:
                ordered.append(extra)
                known.add(extra.code)
    index = {r.code: i for i, r in enumerate(ordered)}
    run = {
        "tool": {"driver": {
            "name": "jxlint",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": INFORMATION_URI,
            "rules": [rule_descriptor(r) for r in ordered],
        }},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder jxlint was run from."}}},
        "invocations": [{
            "executionSuccessful": not errors,
            "toolExecutionNotifications": [{"level": "error", "message": {"text": e}} for e in errors],
        }],
        "results": [],
    }
    doc = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    # `json.dumps(doc, ensure_ascii=False, indent=2)`, by the report's own writer (json's indenting
    # encoder is pure Python, and took 5-7 s for the 45,161 findings of a 100x run), with the
    # results, the run's last key, written in between: the empty list's `[]` is the last one.
    head, _, tail = _indented(doc, "").rpartition('"results": []')
    if not findings:
        yield head + '"results": []' + tail + "\n"
        return
    yield head + '"results": ['
    fps = numbered_fingerprints(findings)
    batch: list[str] = []
    sep = "\n"
    for f, fp in zip(findings, fps, strict=True):
        batch.append(sep + _ITEM + _indented(result(f, index.get(f.code, -1), fp), _ITEM))
        sep = ",\n"
        if len(batch) >= _BATCH:
            yield "".join(batch)
            batch.clear()
    yield "".join(batch) + "\n" + _ITEM[:-2] + "]" + tail + "\n"
