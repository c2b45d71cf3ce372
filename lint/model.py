"""The records jxlint reads documents into: Document → Card → Indicator, each field located.

Locations are 1-based. Text files give line and column (code points, not bytes).

Office files (docx, xlsx, pdf) have no lines. Their `Loc` keeps `line` and `column` so that every rule
and report works unchanged, with these meanings (see docs/office.md):
- `line` is the row's ordinal in the document's stream of rows (paragraphs and table rows in reading
  order, 1-based), unique and increasing through the file: sorting, "same row" tests and card lines
  still work. It is not a table's own row number, which repeats from table to table and sheet to sheet;
- `column` is the cell's 1-based position in the row's layout grid (1 for a paragraph);
- the real address is in the optional office fields: `table`/`row`/`cell` (docx, pdf),
  `paragraph` (docx text outside tables), `page` (pdf), `sheet`/`ref` (xlsx, `Sheet1!C12`).
  `address()` renders it for people. The fields are left out of JSON when unset, so text files'
  records are unchanged.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel as _PydanticBase
from pydantic import ConfigDict, Field, model_serializer


class BaseModel(_PydanticBase):
    # Validators are built on first use, not at import: `jxlint check` never validates (the parser
    # builds records of the right types), only `jxlint parse` serialises.
    model_config = ConfigDict(defer_build=True)



class Loc(BaseModel):
    """Where a field's text starts in the source."""

    line: int
    column: int = 1
    end_column: int | None = None
    # Office positions (1-based; None for text files).
    page: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    paragraph: int | None = None
    sheet: str | None = None
    ref: str | None = None

    @model_serializer(mode="wrap")
    def _drop_unset_office_fields(self, handler: Any) -> dict[str, Any]:
        data = handler(self)
        for key in _OFFICE_FIELDS:
            if data.get(key) is None:
                data.pop(key, None)
        return data

    @property
    def is_office(self) -> bool:
        return any(getattr(self, k) is not None for k in _OFFICE_FIELDS)

    def address(self) -> str:
        """`12:5` for text; `table 2, row 5, cell 3`, `page 3, table 1, row 4, cell 2`,
        `paragraph 7` or `Sheet1!C12` for office files."""
        return office_address(self.office()) or f"{self.line}:{self.column}"

    def office(self) -> tuple[tuple[str, Any], ...]:
        """The office position as (key, value) pairs, in a fixed order; () for text files."""
        return tuple((k, v) for k in _OFFICE_FIELDS if (v := getattr(self, k)) is not None)


def office_address(office: tuple[tuple[str, Any], ...] | dict[str, Any]) -> str:
    """`table 2, row 5, cell 3`, `page 3, table 1, row 4, cell 2`, `paragraph 7` or `Sheet1!C12`;
    "" when there is no office position."""
    pos = dict(office)
    if not pos:
        return ""
    if pos.get("sheet") is not None:
        return f"{pos['sheet']}!{pos['ref']}" if pos.get("ref") else str(pos["sheet"])
    return ", ".join(f"{k} {pos[k]}" for k in ("page", "paragraph", "table", "row", "cell") if pos.get(k) is not None)


_OFFICE_FIELDS = ("page", "table", "row", "cell", "paragraph", "sheet", "ref")


class ParsedValue(BaseModel):
    """指标值 read as operator, number(s), unit and kind. `kind` is one of: percent, money, count,
    duration, date, area, length, weight, score, other, qualitative, empty."""

    op: str | None = None
    number: float | None = None
    number2: float | None = None
    unit: str | None = None
    kind: str = "empty"
    money_wan: float | None = Field(default=None, description="money converted to 万元")
    unit_raw: str | None = None


class Indicator(BaseModel):
    level1: str = ""
    level2: str = ""
    name: str = ""
    description: str = ""
    value: str = ""
    basis: str = ""
    line: int = 0
    level1_inferred: bool = False
    parsed: ParsedValue = Field(default_factory=ParsedValue)
    locs: dict[str, Loc] = Field(default_factory=dict)


class Card(BaseModel):
    seq: int | None = None
    title: str = ""
    reporting_unit: str | None = None
    reporting_unit_code: str | None = None
    line: int = 0
    project_code: str | None = None
    project_name: str = ""
    budget: float | None = None
    fiscal_funds: float | None = None
    other_funds: float | None = None
    fund_use: str = ""
    spend_plan: dict[str, float | None] = Field(default_factory=dict)
    goal_text: str = ""
    indicators: list[Indicator] = Field(default_factory=list)
    locs: dict[str, Loc] = Field(default_factory=dict)


class Paragraph(BaseModel):
    text: str
    line: int
    loc: Loc | None = None  # set for office files (the paragraph's address)


class Document(BaseModel):
    path: str
    layout: str
    department: str | None = None
    department_code: str | None = None
    budget_year: int | None = None
    narrative: list[Paragraph] = Field(default_factory=list)
    cards: list[Card] = Field(default_factory=list)
