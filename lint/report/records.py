"""Parsed records (documents → cards → indicators) as JSON, CSV or a terminal table.

The JSON layout is documented in docs/json-records.md and versioned by `RECORDS_VERSION`.
"""

from __future__ import annotations

import csv
import io
import json

from lint.model import Document

RECORDS_VERSION = 1

CSV_COLUMNS = (
    "path", "layout", "department", "budget_year", "card_seq", "card_title", "reporting_unit",
    "project_code", "project_name", "budget", "fiscal_funds", "other_funds", "line", "level1", "level2",
    "name", "description", "value", "basis", "op", "number", "unit", "kind",
)


def records_json(docs: list[Document]) -> str:
    payload = {
        "version": RECORDS_VERSION,
        "documents": [d.model_dump(mode="json") for d in docs],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _rows(docs: list[Document]):
    for d in docs:
        for c in d.cards:
            for i in c.indicators:
                yield (
                    d.path, d.layout, d.department or "", d.budget_year or "", c.seq if c.seq is not None else "",
                    c.title, c.reporting_unit or "", c.project_code or "", c.project_name,
                    _num(c.budget), _num(c.fiscal_funds), _num(c.other_funds), i.line, i.level1, i.level2,
                    i.name, i.description, i.value, i.basis, i.parsed.op or "", _num(i.parsed.number),
                    i.parsed.unit or "", i.parsed.kind,
                )


def _num(v: float | None) -> str:
    if v is None:
        return ""
    return f"{v:g}"


def records_csv(docs: list[Document]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    w.writerows(_rows(docs))
    return buf.getvalue()


def records_table(docs: list[Document]) -> str:
    from tabulate import tabulate

    rows = [(r[4], r[12], r[14], r[15], r[17], r[22]) for r in _rows(docs)]
    return tabulate(rows, headers=("card", "line", "二级", "三级", "指标值", "kind"), disable_numparse=True) + "\n"
