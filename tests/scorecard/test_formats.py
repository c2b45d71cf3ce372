"""The scorecard command and its formats: 80-column table with Chinese names, CSV, JSON, markdown."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from click.testing import CliRunner

from lint.cli import main
from lint.report import scorecard as sc_mod
from lint.report.scorecard import build_scorecard, display_width, render_table, truncate
from tests.conftest import MARKDOWN, OCR, WORD
from tests.scorecard.common import UNITS_004, constructed

DOCS = Path(__file__).parents[2] / "docs" / "scoring.md"


def run(*args: str):
    return CliRunner().invoke(main, ["scorecard", *args])


def test_display_width_counts_wide_characters_twice():
    assert display_width("阜平县") == 6
    assert display_width("PH001") == 5
    assert display_width("≥９５％") == 1 + 6  # full-width digits and percent are wide; ≥ is not
    assert display_width("e\u0301") == 1  # a combining accent takes no column
    assert truncate("中国共产党阜平县委员会本级", 9) == "中国共产…"
    assert display_width(truncate("中国共产党阜平县委员会本级", 9)) == 9
    assert truncate("a/b/000_x.txt", 8, keep_end=True) == "…0_x.txt"


def test_table_fits_80_columns_for_every_grouping():
    for by in ("unit", "department", "document"):
        r = run(str(OCR), str(MARKDOWN), str(WORD), "--by", by)
        assert r.exit_code == 0, r.output
        lines = r.stdout.splitlines()
        assert max(display_width(ln) for ln in lines) <= 80, by
        assert lines[0].split()[:2] == ["#", "score"]


def test_table_rows_of_004_units(word_doc):
    text = render_table(build_scorecard([word_doc], constructed(word_doc), by="unit"))
    lines = text.splitlines()
    rows = lines[2:lines.index("")]
    assert len(rows) == 9
    # The last row: 工商联 ranked 9th, 65.5, grade 中; every row ends with grade then (cut) name.
    assert rows[-1].split()[:2] == ["9", "65.5"]
    assert rows[-1].endswith("中 阜平县工商业联合会")
    # The name column starts at the same display column on the rule line and on every row.
    start = lines[1].rfind(" ") + 1
    for ln in rows:
        head = ln[:start]
        assert display_width(head) == start and ln[start] in "优良中差"
    # The rule under the names is as wide as the widest name (display columns).
    assert len(lines[1]) - start == max(display_width(ln[start:]) for ln in [lines[0], *rows])


def test_narrow_width_cuts_names():
    r = run(str(WORD), "--width", "60")
    assert r.exit_code == 0
    assert max(display_width(ln) for ln in r.stdout.splitlines()) <= 60
    assert "…" in r.stdout


def test_csv_has_a_row_per_unit_with_family_columns():
    r = run(str(WORD), "--format", "csv", "--select", "PH001")  # more rules land later; pin the findings
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {row["group"]: int(row["cards"]) for row in rows} == UNITS_004
    assert [f"findings_{f}" for f in sc_mod.SCORED_FAMILIES] == [k for k in rows[0] if k.startswith("findings_")]
    benji = next(row for row in rows if row["group"] == "中国共产党阜平县委员会本级")
    assert (benji["score"], benji["grade"], benji["findings_placeholder"], benji["top_rules"]) == (
        "92.3", "优", "28", "PH001×28")
    assert benji["worst_cards"] == "10.保密工作经费绩效目标表 (0.0)"


def test_json_by_department_on_three_files():
    r = run(str(OCR), str(MARKDOWN), str(WORD), "--by", "department", "--format", "json", "--select", "PH001")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["version"] == 1 and data["by"] == "department"
    assert data["summary"]["cards"] == 35 + 44 + 48
    assert [(g["group"], g["cards"]) for g in data["groups"]][-1] == ("中国共产党阜平县委员会办公室", 48)
    last = data["groups"][-1]
    assert last["score"] == 97.9  # 004 as one group: plain mean 47 × 100 / 48 = 97.92
    assert last["worst_cards"][0]["line"] == 1177 and len(last["worst_cards"][0]["finding_list"]) == 28
    assert data["formula"]["severity_weight"]["error"] == 10


def test_markdown_and_select():
    r = run(str(WORD), "--format", "markdown", "--select", "PH001")
    assert r.exit_code == 0
    assert re.search(r"\| 中国共产党阜平县委员会本级 +\| 优 +\| 92.3 ", r.stdout)
    assert "- 10.保密工作经费绩效目标表 (`" in r.stdout and ":1177`): 0.0, PH001×28" in r.stdout
    r = run(str(WORD), "--format", "markdown", "--select", "PH001", "--ignore", "PH001")
    assert "保密工作经费" not in r.stdout  # no rule ran: no worst card


def test_unreadable_input_exits_2_and_still_reports(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = run(str(empty), str(WORD), "--format", "json")
    assert r.exit_code == 2
    assert len(json.loads(r.stdout)["groups"]) == 9


def _doc_table(heading: str) -> dict[str, float]:
    text = DOCS.read_text(encoding="utf-8")
    block = text.split(heading, 1)[1].split("\n\n", 1)[0]
    out = {}
    for ln in block.splitlines()[2:]:
        cells = [c.strip() for c in ln.strip("|").split("|")]
        out[cells[0]] = float(cells[1])
    return out


def test_docs_quote_the_weights_the_code_uses():
    assert _doc_table("| severity |") == sc_mod.SEVERITY_WEIGHT
    families = _doc_table("| family ")
    assert families == {k: v for k, v in sc_mod.FAMILY_WEIGHT.items() if k != "input"}
    assert set(families) == set(sc_mod.SCORED_FAMILIES)
    text = DOCS.read_text(encoding="utf-8")
    assert f"repeat factor {sc_mod.REPEAT_FACTOR}" in text
    assert f"weighs {sc_mod.DEFAULT_FAMILY_WEIGHT}" in text
    bands = re.findall(r"\| (优|良|中) +\| ≥ (\d+)", text)
    assert [(g, float(s)) for g, s in bands] == [(g, s) for s, g in sc_mod.GRADE_BANDS[:3]]
