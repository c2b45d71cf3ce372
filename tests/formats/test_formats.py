"""Every `check --format` on the corpus: text, json, sarif (schema-valid), github, junit, --statistics."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from lint.report.github import annotation
from lint.report.sarif import format_sarif
from lint.rules import all_rules
from lint.rules.base import Finding, Related
from tests.conftest import CORPUS, DATA, MARKDOWN, OCR, WORD
from tests.formats.util import CARD10, CARD10_CODE, PH001_NAME_LINES, PH001_WORD, run

ALL = [OCR, MARKDOWN, WORD]
SCHEMA = json.loads((DATA / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch):
    # Relative paths, as a CI job passes them, so SARIF URIs are relative to the checkout.
    monkeypatch.chdir(Path(__file__).parents[2])


def rel(p: Path) -> str:
    return p.relative_to(Path(__file__).parents[2]).as_posix()


def test_text_lines_point_at_the_cell():
    r = run("check", rel(WORD), "--select", "PH001")
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert f"{rel(WORD)}:1224:2: PH001 [error] cell is redacted ('涉密') instead of holding the 三级指标 name ({CARD10})" in lines
    assert lines[-1] == f"Found {PH001_WORD} finding(s) ({PH001_WORD} errors, 0 warnings, 0 infos) in 48 card(s) of 1 file(s)."


def test_json_is_versioned_and_carries_fingerprints():
    r = run("check", rel(WORD), "--select", "PH001", "--format", "json")
    doc = json.loads(r.stdout)
    assert doc["version"] == 1 and doc["summary"]["by_code"] == {"PH001": PH001_WORD}
    names = [f for f in doc["findings"] if f["field"] == "name"]
    assert [f["line"] for f in names] == PH001_NAME_LINES
    assert {f["card"]["project_code"] for f in doc["findings"]} == {CARD10_CODE}
    assert all(len(f["fingerprint"]) == 20 for f in doc["findings"])


def sarif_of(*args: str) -> dict:
    r = run("check", *args, "--format", "sarif")
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.stdout)


def validate(doc: dict) -> None:
    # The OASIS schema declares draft-04 (`$schema: http://json-schema.org/draft-04/schema#`).
    assert SCHEMA["$schema"].startswith("http://json-schema.org/draft-04/")
    v = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_sarif_of_the_whole_corpus_validates_against_the_schema():
    doc = sarif_of(*(rel(p) for p in ALL))
    validate(doc)
    run_ = doc["runs"][0]
    assert doc["version"] == "2.1.0" and run_["columnKind"] == "unicodeCodePoints"
    ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert ids == [r.code for r in all_rules()]
    for rule in run_["tool"]["driver"]["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    sources = {rel(p): p.read_text(encoding="utf-8").splitlines() for p in ALL}
    for res in run_["results"]:
        assert ids[res["ruleIndex"]] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        region = loc["region"]
        assert set(region) == {"startLine", "startColumn", "endLine", "endColumn"}
        line = sources[loc["artifactLocation"]["uri"]][region["startLine"] - 1]
        assert region["startColumn"] <= region["endColumn"] <= len(line) + 1
        assert list(res["partialFingerprints"]) == ["jxlint/v1"]


def test_sarif_region_of_a_redacted_cell_is_the_cell():
    run_ = sarif_of(rel(WORD), "--select", "PH001")["runs"][0]
    first = run_["results"][0]
    # Line 1210 is `\t1.涉密`: the goal's first line, columns 2-5, end exclusive.
    assert first["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1210, "startColumn": 2, "endLine": 1210, "endColumn": 6}
    by_line = {r["locations"][0]["physicalLocation"]["region"]["startLine"]: r for r in run_["results"]}
    assert by_line[1224]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1224, "startColumn": 2, "endLine": 1224, "endColumn": 4}
    assert WORD.read_text(encoding="utf-8").splitlines()[1223][1:3] == "涉密"
    # Nine `涉密` 指标值 cells share one fingerprint; the occurrence number keeps them apart.
    fps = [r["partialFingerprints"]["jxlint/v1"] for r in run_["results"]]
    assert len(set(fps)) == PH001_WORD


def test_sarif_fingerprints_ignore_line_shift_and_message_wording(tmp_path, monkeypatch):
    from lint.rules.ph001_redacted import RedactedCell

    shifted = tmp_path / "shifted.txt"
    text = WORD.read_text(encoding="utf-8").splitlines(keepends=True)
    # Three blank lines before card 10's title move every finding of it down by three lines.
    shifted.write_text("".join(text[:1176] + ["\n"] * 3 + text[1176:]), encoding="utf-8")
    before = sarif_of(rel(WORD), "--select", "PH001")["runs"][0]["results"]
    monkeypatch.setattr(RedactedCell, "message", "classified text '{text}' in the {label}")
    after = sarif_of(str(shifted), "--select", "PH001")["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] + 3 for r in before]
    assert after[0]["message"]["text"] != before[0]["message"]["text"]
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"] for r in before]


def test_sarif_related_locations_and_absolute_paths_validate():
    f = Finding(code="PH001", name="redacted-cell", family="placeholder", severity="warning",
                message="m", path=str(CORPUS.resolve() / "004_067c5885c1f51251.txt"), line=1224, column=2,
                end_column=4, card_title=CARD10, text="涉密",
                related=(Related("docs/县委 办.txt", 252, 2, 1, "1.门卫安保经费绩效目标表"),))
    doc = json.loads(format_sarif([f], list(all_rules()), ["x.txt: no such file or folder"]))
    validate(doc)
    res = doc["runs"][0]["results"][0]
    assert res["level"] == "warning"
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("file:///")
    rel_loc = res["relatedLocations"][0]
    assert rel_loc["physicalLocation"]["artifactLocation"] == {
        "uri": "docs/%E5%8E%BF%E5%A7%94%20%E5%8A%9E.txt", "uriBaseId": "%SRCROOT%"}
    assert rel_loc["physicalLocation"]["region"] == {"startLine": 252, "startColumn": 2}
    assert rel_loc["message"]["text"] == "card: 1.门卫安保经费绩效目标表"
    inv = doc["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert inv["toolExecutionNotifications"][0]["message"]["text"] == "x.txt: no such file or folder"


def test_github_commands_then_the_plain_report():
    r = run("check", rel(WORD), "--select", "PH001", "--format", "github")
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert lines[0] == (f"::error file={rel(WORD)},line=1210,col=2,title=PH001::cell is redacted "
                        f"('1.涉密%0A2.涉密%0A3.涉密') instead of holding the 绩效目标 ({CARD10})")
    assert lines[1] == (f"::error file={rel(WORD)},line=1224,col=2,endLine=1224,endColumn=4,title=PH001::"
                        f"cell is redacted ('涉密') instead of holding the 三级指标 name ({CARD10})")
    commands = [ln for ln in lines if ln.startswith("::")]
    assert len(commands) == PH001_WORD
    assert f"{rel(WORD)}:1224:2: PH001 [error] cell is redacted ('涉密') instead of holding the 三级指标 name ({CARD10})" in lines
    assert lines[-1].startswith(f"Found {PH001_WORD} finding(s)")


def test_github_escapes_and_maps_info_to_notice():
    f = Finding(code="PH001", name="n", family="placeholder", severity="info", message="50%, a:b",
                path="a,b:c.txt", line=3, column=1)
    assert annotation(f) == "::notice file=a%2Cb%3Ac.txt,line=3,col=1,title=PH001::50%25, a:b"


def junit_of(*args: str) -> ET.Element:
    r = run("check", *args, "--format", "junit")
    assert r.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(r.stdout.split("\n", 1)[1])


def test_junit_one_testcase_per_card():
    root = junit_of(rel(WORD), rel(MARKDOWN), "--select", "PH001")
    suites = root.findall("testsuite")
    # One suite per file in path order (002 before 004), whatever the order of the arguments.
    assert [s.get("name") for s in suites] == [rel(MARKDOWN), rel(WORD)]
    md, word = suites
    assert len(word.findall("testcase")) == 48 and len(md.findall("testcase")) == 44
    failed = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert [(c.get("name"), c.get("line")) for c in failed] == [(CARD10, "1177")]
    failure = failed[0].find("failure")
    assert failure.get("type") == "PH001"
    assert len(failure.text.splitlines()) == PH001_WORD + 2  # the goal's cell spans three lines
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("92", "1", "0")


def test_junit_fail_on_never_and_unreadable_input():
    root = junit_of(rel(WORD), "missing.txt", "--select", "PH001", "--fail-on", "never")
    assert root.find(".//failure") is None
    card = next(c for c in root.iter("testcase") if c.get("name") == CARD10)
    assert len(card.find("system-out").text.splitlines()) == PH001_WORD + 2
    err = root.find(".//error")
    assert err.get("message") == "missing.txt: no such file or folder"
    assert root.get("errors") == "1"


def test_statistics_text_and_json():
    r = run("check", rel(WORD), "--select", "PH001", "--statistics")
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert lines[2].split() == [str(PH001_WORD), "PH001", "redacted-cell", "placeholder", "error"]
    assert lines[-1].startswith(f"Found {PH001_WORD} finding(s)")
    doc = json.loads(run("check", rel(WORD), "--select", "PH001", "--statistics", "--format", "json").stdout)
    assert doc["statistics"] == [
        {"code": "PH001", "name": "redacted-cell", "family": "placeholder", "severity": "error", "count": PH001_WORD}]


def test_statistics_with_sarif_is_a_usage_error():
    r = run("check", rel(WORD), "--statistics", "--format", "sarif")
    assert r.exit_code == 2
    assert r.stderr == "jxlint: error: --statistics works with --format text or json\n"


def test_every_format_is_deterministic():
    for fmt in ("text", "json", "sarif", "github", "junit"):
        a = run("check", *(rel(p) for p in ALL), "--format", fmt).stdout
        assert a == run("check", *(rel(p) for p in ALL), "--format", fmt).stdout, fmt


def test_json_written_in_pieces_is_one_json_dumps_of_the_report():
    """The report is streamed finding by finding (a province's report is never held whole); its
    bytes must still be exactly `json.dumps(report, ensure_ascii=False, indent=2)`."""
    from lint.report.findings import finding_dict, iter_json

    office = (("table", 2), ("row", 5), ("cell", 3))
    findings = [
        Finding(code="PH001", name="redacted", family="placeholder", severity="error",
                message="cell is redacted ('涉密')", path="a.txt", line=3, column=2, end_column=4, text="涉密",
                related=(Related("b.txt", 7, 1, 4, "门卫经费", "同\"引号\"\n换行"),)),
        Finding(code="VG001", name="vague", family="vague", severity="info", message="值 '提高'",
                path="b.docx", line=12, column=3, office=office),
        # Every optional field set, a related place in an office file, tabs and backslashes.
        Finding(code="CP101", name="copied-goal", family="copy_paste", severity="warning",
                message="goal\tcopied \\ from", path="c\\d.txt", line=40, column=1, end_column=None,
                card_seq=7, card_title="7、门卫经费绩效目标表", project_code="13019024P0022", unit="316 组织部",
                indicator="满意度/服务对象满意度/群众满意度", field="value", text="≥95%",
                related=(Related("e.xlsx", 3, 2, None, "", "", (("sheet", "Sheet1"), ("ref", "C3"))),
                         Related("f.txt", 9, 4, 2, "二", ""))),
    ]
    pieces = list(iter_json(findings, 2, 9, ["c.txt: is empty"], baselined=1))
    assert len(pieces) == 3  # head, the findings (in pieces of up to 128), tail
    report = json.loads("".join(pieces))
    assert report["findings"] == [finding_dict(f) for f in findings]
    assert "".join(pieces) == json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    assert "".join(iter_json([], 0, 0, [])) == json.dumps(
        json.loads("".join(iter_json([], 0, 0, []))), ensure_ascii=False, indent=2) + "\n"
