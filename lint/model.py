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

The records are slotted dataclasses: a province-wide run builds millions of them, and pydantic
models cost ten times as much to create (measured: `model_construct` was a third of a 100× check).
pydantic still does the serialising (`model_dump`, through a TypeAdapter built on first use), so
the JSON of `jxlint parse` is the one pydantic gives these types.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any


class Record:
    """The little of pydantic's model API the code uses, on plain dataclasses."""

    __slots__ = ()

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Any:
        out = copy.deepcopy(self) if deep else copy.copy(self)
        for key, value in (update or {}).items():
            setattr(out, key, value)
        return out

    def model_dump(self, *, mode: str = "python", exclude: set[str] | None = None) -> dict[str, Any]:
        data = _adapter(type(self)).dump_python(self, mode=mode, exclude=exclude)
        return _drop_unset_office_fields(data)


@cache
def _adapter(cls: type) -> Any:
    from pydantic import TypeAdapter  # only `jxlint parse` and tests serialise records

    return TypeAdapter(cls)


def _drop_unset_office_fields(data: Any) -> Any:
    """Office fields of a Loc appear only when set, so text files' records are unchanged."""
    if isinstance(data, dict):
        if "line" in data and "column" in data and "end_column" in data:
            for key in _OFFICE_FIELDS:
                if data.get(key) is None:
                    data.pop(key, None)
        for value in data.values():
            _drop_unset_office_fields(value)
    elif isinstance(data, list):
        for value in data:
            _drop_unset_office_fields(value)
    return data



@dataclass(slots=True)
class Loc(Record):
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


@dataclass(slots=True)
class ParsedValue(Record):
    """指标值 read as operator, number(s), unit and kind. `kind` is one of: percent, money, count,
    duration, date, area, length, weight, score, other, qualitative, empty."""

    op: str | None = None
    number: float | None = None
    number2: float | None = None
    unit: str | None = None
    kind: str = "empty"
    money_wan: float | None = None  # money converted to 万元
    unit_raw: str | None = None


@dataclass(slots=True)
class Indicator(Record):
    level1: str = ""
    level2: str = ""
    name: str = ""
    description: str = ""
    value: str = ""
    basis: str = ""
    line: int = 0
    level1_inferred: bool = False
    parsed: ParsedValue = field(default_factory=ParsedValue)
    # A dict, or a `deferred` that returns it: see `_LocsOnFirstRead`.
    locs: dict[str, Loc] = field(default_factory=dict)


def deferred(build: Callable[..., dict[str, Loc]], *args: Any) -> Any:
    """Locations not worked out yet, for `Indicator.locs`: `build(*args)`, called on the first read.

    It is the tuple `(build, *args)`: a hot loop writes the tuple itself (a tuple display costs a
    tenth of building an object through its class, and the parser stores one per grid row)."""
    return (build, *args)


class _LocsOnFirstRead:
    """`Indicator.locs`: the slot, except that a `deferred` (a tuple) stored there is called on the first
    read and replaced by the dict it returns.

    The parser stores a `deferred` in every grid row's Indicator: most rows never have a finding and
    so never need their locations, and building a `Loc` per field was a sixth of the parse. Every
    reader (rules, pydantic's serialiser, `==`, `repr`, copies) goes through the attribute and so
    sees the dict.
    """

    __slots__ = ("_slot",)

    def __init__(self, slot: Any) -> None:
        self._slot = slot  # the slot's own descriptor, which this one wraps

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self._slot
        locs = self._slot.__get__(obj, owner)
        if type(locs) is tuple:  # (`deferred`: the dict is never a tuple)
            locs = locs[0](*locs[1:])
            self._slot.__set__(obj, locs)
        return locs

    def __set__(self, obj: Any, value: Any) -> None:
        self._slot.__set__(obj, value)


def _locs_on_first_read(slot: Any) -> _LocsOnFirstRead:
    """A `_LocsOnFirstRead` of `slot` whose stores are the slot's own: every `Indicator` stores its
    `locs` when built, and a store through the Python `__set__` above was a fifth of that (a frame).
    (CPython calls a `__set__` found on the type that is not a function, here the slot's bound C
    setter, as it is, with the instance and the value.)"""
    storing = type("_LocsOnFirstRead", (_LocsOnFirstRead,), {"__slots__": (), "__set__": slot.__set__})
    return storing(slot)


Indicator.locs = _locs_on_first_read(Indicator.locs)  # type: ignore[assignment]


@dataclass(slots=True)
class Card(Record):
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
    spend_plan: dict[str, float | None] = field(default_factory=dict)
    goal_text: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    locs: dict[str, Loc] = field(default_factory=dict)


@dataclass(slots=True)
class Paragraph(Record):
    text: str
    line: int
    loc: Loc | None = None  # set for office files (the paragraph's address)


@dataclass(slots=True)
class Document(Record):
    path: str
    layout: str
    department: str | None = None
    department_code: str | None = None
    budget_year: int | None = None
    narrative: list[Paragraph] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
