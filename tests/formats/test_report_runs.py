"""The text and JSON reports reuse what consecutive findings share (file, card, rule, the card's part
of the fingerprint) and write findings in batches: over real findings and shuffled, perturbed ones
they must give what the finding-by-finding writers give."""

from __future__ import annotations

import dataclasses
import json
import random
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lint.baseline import card_part, fingerprint, fingerprint_in, fingerprints, numbered_fingerprints
from lint.check import run_rules
from lint.report.findings import finding_dict, iter_json, iter_text, summary_line
from lint.rules.base import Finding
from tests.conftest import MARKDOWN, OCR, WORD, parsed


def _findings() -> list[Finding]:
    real = run_rules([parsed(p) for p in (OCR, MARKDOWN, WORD)], settings={"budget_year": 2024})
    rng = random.Random(11)
    shuffled = rng.sample(real, len(real))  # neighbours that share nothing
    changed = []
    for f in real[:400]:  # neighbours that share all but one part
        field = rng.choice(("severity", "card_seq", "unit", "project_code", "path", "office", "card_title", "line",
                            "message"))
        value = {"severity": "error", "card_seq": None, "unit": None, "project_code": " 1301 ", "path": "x\\y.txt",
                 "office": (("sheet", "S"), ("ref", "C3")), "card_title": "3、 门卫 经费", "line": None,
                 "message": f.message + " \"引号\"\t"}[field]
        changed += [f, dataclasses.replace(f, **{field: value})]
    return real + shuffled + changed


@pytest.mark.parametrize(("places", "texts"), [(2, 2), (4096, 1 << 14)])
def test_json_report_equals_json_dumps_of_each_finding(places, texts, monkeypatch):
    """Also with room for only two related places' JSON (kept by id) and two texts' JSON and
    fingerprint parts, so the keeping is forgotten often."""
    import lint.report.findings as report

    monkeypatch.setattr(report, "_PLACES", places)
    monkeypatch.setattr(report, "_TEXTS", texts)
    findings = _findings()
    assert sum(len(f.related) for f in findings) > len({id(r) for f in findings for r in f.related}) > 2
    # Findings share related tuples (a group of copies), whose JSON is kept by id too.
    with_related = [f.related for f in findings if f.related]
    assert len(with_related) > len({id(r) for r in with_related}) > 2
    assert len(findings) > 3 * 128
    text = "".join(iter_json(findings, 3, 40, []))
    report = json.loads(text)
    assert report["findings"] == [finding_dict(f) for f in findings]
    assert text == json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _text_one_by_one(findings: list[Finding], files: int, cards: int) -> str:
    out = []
    for f in findings:
        card = f" ({f.card_title})" if f.card_title else ""
        out.append(f"{f.path}:{f.address}: {f.code} [{f.severity}] {f.message}{card}\n")
        for r in f.related:
            out.append(f"    related: {r.path}:{r.address} ({r.card_title}){' ' + r.message if r.message else ''}\n")
    return "".join(out) + summary_line(findings, files, cards, []) + "\n"


@pytest.mark.parametrize(("places", "texts"), [(2, 2), (4096, 1 << 14)])
def test_text_report_equals_the_finding_by_finding_text(places, texts, monkeypatch):
    """(`iter_text` decodes the UTF-8 pieces the report is written in.) Also with room for only two
    related places' lines and two messages, so the keeping is forgotten often."""
    import lint.report.findings as report

    monkeypatch.setattr(report, "_PLACES", places)
    monkeypatch.setattr(report, "_TEXTS", texts)
    findings = _findings()
    with_related = [f.related for f in findings if f.related]
    assert len(with_related) > len({id(r) for r in with_related}) > 2  # shared tuples, kept by id
    assert "".join(iter_text(findings, 3, 40, [])) == _text_one_by_one(findings, 3, 40)


def _fingerprint_as_documented(f: Finding) -> str:
    """The fingerprint as `lint.baseline` describes it, written out in one piece."""
    import hashlib
    import re

    from lint.text import compact

    project = f.project_code.strip() if f.project_code else re.sub(r"^\d+\s*[.、．]\s*", "", compact(f.card_title))
    parts = ("v1", compact(f.unit or ""), project, f.code, f.field or "", compact(f.text))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def test_fingerprint_by_card_part_equals_the_whole_fingerprint():
    findings = _findings()
    assert [fingerprint(f) for f in findings] == [_fingerprint_as_documented(f) for f in findings]
    for f in findings:
        assert fingerprint_in(card_part(f.unit, f.project_code, f.card_title), f) == fingerprint(f)
    assert list(fingerprints(findings)) == [fingerprint(f) for f in findings]
    seen: Counter[str] = Counter()
    numbered = []
    for f in findings:
        seen[fingerprint(f)] += 1
        numbered.append(f"{fingerprint(f)}:{seen[fingerprint(f)]}")
    assert numbered_fingerprints(findings) == numbered
    assert max(seen.values()) > 1


def _stdout(monkeypatch, encoding: str, errors: str = "strict"):
    import io
    import sys

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline="\n")
    monkeypatch.setattr(sys, "stdout", stream)
    return raw


PIECES = ["头\n", "é".encode(), b"\xe6\x8a\xa5\n", "尾\n"]  # text and UTF-8 pieces, mixed
TEXT = "头\né报\n尾\n"


def test_write_takes_text_and_utf8_pieces_to_a_file(tmp_path):
    from lint.cli import _write

    _write(iter(PIECES), str(tmp_path / "r.json"))
    assert (tmp_path / "r.json").read_bytes() == TEXT.encode()


def test_write_keeps_the_order_of_text_and_bytes_on_a_utf8_stdout(monkeypatch):
    from lint.cli import _binary_stdout, _write

    raw = _stdout(monkeypatch, "utf-8")
    assert _binary_stdout() is not None
    _write(iter(PIECES), None)
    assert raw.getvalue() == TEXT.encode()


def test_write_decodes_bytes_for_a_stdout_that_is_not_strict_utf8(monkeypatch):
    """An ASCII terminal (escaped characters) or lenient errors: bytes go out as text would have."""
    from lint.cli import _binary_stdout, _write

    for encoding, errors in (("ascii", "backslashreplace"), ("utf-8", "surrogateescape"), ("gbk", "strict")):
        raw = _stdout(monkeypatch, encoding, errors)
        assert _binary_stdout() is None
        _write(iter(PIECES), None)
        assert raw.getvalue() == TEXT.encode(encoding, errors)


_JSON_LEAVES = (st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=True)
                | st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8))


@given(st.recursive(_JSON_LEAVES, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                    | st.dictionaries(st.text(max_size=4), inner, max_size=4), max_leaves=30))
def test_general_writer_is_json_dumps_indented(doc):
    """What the head of the JSON report, office positions and the SARIF report are written with."""
    from lint.report.findings import _indented

    assert _indented(doc, "") == json.dumps(doc, ensure_ascii=False, indent=2)


def test_sarif_report_is_json_dumps_of_its_document():
    from lint.report.sarif import format_sarif
    from lint.rules import all_rules

    findings = _findings()
    text = format_sarif(findings, list(all_rules()), ["x.txt: no such file or folder"])
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("count", [0, 1, 255, 256, 257, 600])
def test_sarif_comes_in_pieces_that_make_the_json_dumps_of_its_document(count, monkeypatch):
    """The SARIF report is written as it is made (`iter_sarif`): at 100× the whole string and the
    dicts it was made from took 824 MB. Around the batch size, and with no results at all, the pieces
    make exactly `json.dumps(doc, indent=2)` of the document the report used to build whole."""
    import lint.report.sarif as sarif
    from lint.baseline import numbered_fingerprints
    from lint.rules import all_rules

    findings = _findings()[:count]
    rules = list(all_rules())
    pieces = list(sarif.iter_sarif(findings, rules, []))
    assert len(pieces) == (1 if count == 0 else 2 + -(-count // sarif._BATCH))  # head, batches, tail
    index = {r.code: i for i, r in enumerate(rules)}
    results = [sarif.result(f, index[f.code], fp) for f, fp in zip(findings, numbered_fingerprints(findings),
                                                                     strict=True)]
    doc = json.loads("".join(pieces))
    assert doc["runs"][0]["results"] == json.loads(json.dumps(results, ensure_ascii=False))
    assert "".join(pieces) == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("count", [0, 1, 1024, 1025])
def test_github_annotations_come_in_batches_one_line_per_finding_then_the_text_report(count):
    from lint.report.findings import format_text
    from lint.report.github import _BATCH, annotation, iter_github

    findings = [f for f in _findings() if f.line is not None][:count]
    pieces = list(iter_github(findings, 3, 127, ["x.txt: no such file or folder"]))
    text = "".join(p if type(p) is str else p.decode() for p in pieces)
    commands = [annotation(f) for f in findings] + ["::error::x.txt: no such file or folder"]
    assert text == "\n".join(commands) + "\n" + format_text(findings, 3, 127, ["x.txt: no such file or folder"])
    assert sum(type(p) is str for p in pieces) == -(-count // _BATCH) + 1  # the batches, then the errors


@pytest.mark.parametrize(("which", "errors", "fail_on"), [
    ("all", [("x.txt", "x.txt: no such file or folder")], "error"),
    ("all", [], "never"),
    ("all", [("a&b<c>.txt", 'a&b<c>.txt: "bad"\tfile')], "info"),
    ("none", [], "error"),  # every card a test case with no findings
    ("cardless", [], "warning"),  # findings on no card of their document
    ("nothing", [], "error"),
])
def test_junit_comes_a_suite_at_a_time_as_the_whole_tree_is_written(which, errors, fail_on):
    """`iter_junit` writes one test suite at a time (the whole tree took 226 MB at 100×): the pieces
    make what ElementTree writes for the whole tree, here ET's own indenting and escaping of the
    tree parsed back from them, and each piece is at most one suite."""
    import xml.etree.ElementTree as ET

    from lint.report.junit import iter_junit

    docs = [parsed(p) for p in (OCR, MARKDOWN, WORD)]
    findings = run_rules(docs, settings={"budget_year": 2024})
    if which == "none":
        findings = []
    elif which == "cardless":
        findings = [dataclasses.replace(f, card_seq=None, card_title="") for f in findings[::7]]
    elif which == "nothing":
        docs, findings = [], []
    pieces = list(iter_junit(findings, docs, errors, fail_on))
    text = "".join(pieces)
    assert len(pieces) == len(docs) + len(errors) + (2 if docs or errors else 1)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    assert text.startswith(head) and text.endswith("\n")
    root = ET.fromstring(text[len(head):])
    ET.indent(root)
    assert text == head + ET.tostring(root, encoding="unicode") + "\n"
    assert [s.get("name") for s in root] == [d.path for d in docs] + [p for p, _ in errors]
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in root) == len(root.findall("./*/testcase"))
    assert int(root.get("failures")) == len(root.findall("./*/testcase/failure"))
    assert int(root.get("errors")) == len(errors)
    assert sum(1 for s in root for c in s if c.get("name") == "document") == (len(docs) if which == "cardless" else 0)
