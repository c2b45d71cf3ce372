"""Findings on office files carry the cell's address (table/row/cell, Sheet!A1) in every format, and
the address really points at the offending cell."""

from __future__ import annotations

import json

import jsonschema
import openpyxl
from click.testing import CliRunner
from docx import Document as open_docx

from lint.cli import main
from tests.conftest import MARKDOWN, WORD
from tests.formats.test_formats import SCHEMA
from tests.office.build import corpus_rows, write_docx, write_xlsx


def check(*args: str):
    return CliRunner().invoke(main, ["check", "--fail-on", "never", *args])


def _docx_cell(path, table: int, row: int, cell: int) -> str:
    return open_docx(str(path)).tables[table - 1].rows[row - 1].cells[cell - 1].text


def test_docx_findings_point_at_their_cells_in_json_text_github_sarif(tmp_path):
    # 004 lines 252–351: card 1, 门卫安保经费, whose 成本指标 row is valued `25.23` with no unit
    # cell problems and whose basis column is empty (ST006).
    path = write_docx(corpus_rows(WORD, 252, 351), tmp_path / "card1.docx", merge_vertical=True)
    data = json.loads(check(str(path), "--format", "json").stdout)
    findings = data["findings"]
    assert findings, "the card has known findings"
    with_text = [f for f in findings if f["text"] and "\n" not in f["text"]]
    assert with_text
    for f in findings:
        loc = f["location"]
        assert f["line"] is None and f["column"] is None  # no fake line numbers
        assert loc["address"] == f"table {loc['table']}, row {loc['row']}, cell {loc['cell']}"
    for f in with_text:
        loc = f["location"]
        assert _docx_cell(path, loc["table"], loc["row"], loc["cell"]).strip() == f["text"].strip(), f

    text = check(str(path)).stdout.splitlines()
    first = findings[0]
    assert text[0].startswith(f"{path}:{first['location']['address']}: {first['code']} [")

    github = check(str(path), "--format", "github").stdout.splitlines()
    ann = [ln for ln in github if ln.startswith("::")]
    assert ann[0].startswith(f"::{ {'error': 'error', 'warning': 'warning', 'info': 'notice'}[first['severity']]} file=")
    assert "line=" not in ann[0] and f"::[{first['location']['address']}] " in ann[0]

    sarif = json.loads(check(str(path), "--format", "sarif").stdout)
    jsonschema.validate(sarif, SCHEMA)
    result = sarif["runs"][0]["results"][0]
    location = result["locations"][0]
    assert "region" not in location["physicalLocation"]
    assert location["logicalLocations"][0]["name"] == first["location"]["address"]
    assert result["properties"]["office"]["table"] == first["location"]["table"]


def test_xlsx_findings_use_sheet_references(tmp_path):
    # 002 lines 1034–1070: two cards on one sheet.
    path = write_xlsx(corpus_rows(MARKDOWN, 1034, 1070), tmp_path / "two.xlsx", numbers=False)
    findings = json.loads(check(str(path), "--format", "json").stdout)["findings"]
    assert findings
    sheet = openpyxl.load_workbook(str(path)).active
    checked = 0
    for f in findings:
        loc = f["location"]
        assert loc["address"] == f"{loc['sheet']}!{loc['ref']}"
        if f["text"] and "\n" not in f["text"]:
            assert str(sheet[loc["ref"]].value).strip() == f["text"].strip(), f
            checked += 1
    assert checked
    out = check(str(path)).stdout
    assert f"{path}:{findings[0]['location']['address']}: {findings[0]['code']}" in out


def test_text_files_keep_line_and_column(tmp_path):
    findings = json.loads(check(str(WORD), "--format", "json").stdout)["findings"]
    assert all(isinstance(f["line"], int) and "location" not in f for f in findings)
