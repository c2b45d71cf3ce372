"""The records jxlint reads documents into: Document → Card → Indicator, each field located.

Locations are 1-based and count characters (code points), not bytes. Office files (later) add a
table/row/cell address; text files give line and column.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class Loc(BaseModel):
    """Where a field's text starts in the source."""

    line: int
    column: int = 1
    end_column: int | None = None


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


class Document(BaseModel):
    path: str
    layout: str
    department: str | None = None
    department_code: str | None = None
    budget_year: int | None = None
    narrative: list[Paragraph] = Field(default_factory=list)
    cards: list[Card] = Field(default_factory=list)
