"""Baselines: today's findings recorded, only new ones reported after line moves, rewording and edits."""

from __future__ import annotations

import json
from dataclasses import replace

from lint.baseline import fingerprint
from lint.rules.base import Finding
from tests.formats.util import CARD10, CARD10_CODE, PH001_WORD, copy_word, run

FIRST_NAME_ROW = 1224  # `\t涉密`: the 三级指标 cell of card 10's first row


def shift(text: str, n: int = 5) -> str:
    """Blank lines before card 10 (its title is line 1177): every finding of it moves down by n."""
    lines = text.splitlines(keepends=True)
    return "".join(lines[:1176] + ["\n"] * n + lines[1176:])


def test_write_then_check_against_the_baseline(tmp_path):
    doc = copy_word(tmp_path)
    base = tmp_path / "baseline.json"
    w = run("check", doc, "--select", "PH001", "--write-baseline", base)
    assert w.exit_code == 0
    assert w.stderr == f"jxlint: wrote {PH001_WORD} finding(s) to baseline {base}\n"
    data = json.loads(base.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["fingerprint"] == "v1" and len(data["findings"]) == PH001_WORD
    r = run("check", doc, "--select", "PH001", "--baseline", base)
    assert r.exit_code == 0
    assert r.stdout.splitlines()[-2:] == [
        "Found 0 finding(s) (0 errors, 0 warnings, 0 infos) in 48 card(s) of 1 file(s).",
        f"{PH001_WORD} finding(s) hidden by baseline {base}.",
    ]


def test_baseline_survives_a_line_shift_a_rename_and_rewording(tmp_path, monkeypatch):
    from lint.rules.ph001_redacted import RedactedCell

    base = tmp_path / "baseline.json"
    run("check", copy_word(tmp_path), "--select", "PH001", "--write-baseline", base)
    moved = copy_word(tmp_path, "renamed.txt", shift)
    monkeypatch.setattr(RedactedCell, "message", "classified text '{text}' in the {label}")
    plain = run("check", moved, "--select", "PH001")
    assert f"{moved}:{FIRST_NAME_ROW + 5}:2: PH001 [error] classified text '涉密' in the 三级指标 name" in plain.stdout
    r = run("check", moved, "--select", "PH001", "--baseline", base, "--format", "json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["findings"] == [] and doc["summary"]["baselined"] == PH001_WORD


def test_a_real_change_is_reported_and_a_fix_is_counted(tmp_path):
    base = tmp_path / "baseline.json"
    run("check", copy_word(tmp_path), "--select", "PH001", "--write-baseline", base)

    def edit(text: str) -> str:
        lines = text.split("\n")
        assert lines[FIRST_NAME_ROW - 1] == "\t涉密" and lines[FIRST_NAME_ROW] == "\t涉密"
        lines[FIRST_NAME_ROW - 1] = "\t保密"   # the name cell now says 保密: still redacted, different text
        lines[FIRST_NAME_ROW] = "\t保密资料"   # the description cell gets real-ish content: fixed
        return shift("\n".join(lines), 2)

    doc = copy_word(tmp_path, "edited.txt", edit)
    r = run("check", doc, "--select", "PH001", "--baseline", base)
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert lines == [
        f"{doc}:{FIRST_NAME_ROW + 2}:2: PH001 [error] cell is redacted ('保密') instead of holding the 三级指标 name ({CARD10})",
        "Found 1 finding(s) (1 error, 0 warnings, 0 infos) in 48 card(s) of 1 file(s).",
        f"{PH001_WORD - 2} finding(s) hidden by baseline {base}; 2 baseline entries no longer found.",
    ]


def test_one_more_copy_of_a_recorded_finding_is_new(tmp_path):
    # Nine 指标值 cells of card 10 say `涉密` and share a fingerprint; a tenth is one new finding.
    base = tmp_path / "baseline.json"
    run("check", copy_word(tmp_path), "--select", "PH001", "--write-baseline", base)

    def tenth(text: str) -> str:
        lines = text.split("\n")
        assert lines[1223:1227] == ["\t涉密", "\t涉密", "\t涉密", "\t"]
        lines[1226] = "\t涉密"  # the first row's 指标值确定依据 (basis), empty before
        return "\n".join(lines)

    doc = copy_word(tmp_path, "tenth.txt", tenth)
    r = run("check", doc, "--select", "PH001", "--baseline", base, "--format", "json")
    new = json.loads(r.stdout)["findings"]
    assert r.exit_code == 1
    assert [(f["line"], f["field"]) for f in new] == [(1227, "basis")]


def test_fingerprint_ignores_message_line_path_and_card_number():
    f = Finding(code="PH001", name="redacted-cell", family="placeholder", severity="error", message="a",
                path="a.txt", line=1224, column=2, card_title=CARD10, project_code=CARD10_CODE,
                unit="中国共产党阜平县委员会本级", field="name", text="涉密")
    same = [replace(f, message="b", line=9, column=5, path="b.txt", severity="info"),
            replace(f, text=" 涉 密 "), replace(f, card_title="11.保密工作经费绩效目标表")]
    assert {fingerprint(g) for g in same} == {fingerprint(f)}
    other = [replace(f, text="保密"), replace(f, field="value"), replace(f, code="PH002"),
             replace(f, project_code="13062421SC8NAGDQCDS6X"), replace(f, unit="阜平县委办")]
    assert len({fingerprint(g) for g in other} | {fingerprint(f)}) == len(other) + 1
    # Without a 项目编码 the card title stands in, its sequence number (`10.`, `3、`) dropped.
    nocode = replace(f, project_code=None)
    assert fingerprint(replace(nocode, card_title="3、保密工作经费绩效目标表")) == fingerprint(nocode)
    assert fingerprint(replace(nocode, card_title="10.门卫安保经费绩效目标表")) != fingerprint(nocode)


def test_bad_baseline_is_exit_2_one_line(tmp_path):
    doc = copy_word(tmp_path)
    r = run("check", doc, "--baseline", tmp_path / "none.json")
    assert (r.exit_code, r.stderr) == (2, f"jxlint: error: {tmp_path / 'none.json'}: baseline file not found\n")
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 1}', encoding="utf-8")
    r = run("check", doc, "--baseline", bad)
    assert r.exit_code == 2 and r.stderr.startswith(f"jxlint: error: {bad}: not a jxlint baseline")
    assert len(r.stderr.splitlines()) == 1
