"""Excel .xlsx → rows: every visible worksheet in order, each non-empty sheet row a row of cells.

- openpyxl in read-only mode (streams big workbooks) with cached formula results (`data_only`).
- Merged ranges: Excel stores the text in the top-left cell and leaves the others empty, which is
  exactly the blank-below / blank-after shape of the Word text export; read-only mode does not load
  the ranges and does not need to.
- Numbers stored as numbers are shown as the cell shows them: `0.2` formatted `0.00%` is `20.00%`,
  `3.0` is `3`, `25.230000000000001` is `25.23`; numbers stored as text are kept as typed.
- A row whose only text sits in the sheet's first used column (a title, `单位：万元`, a unit line) is a
  text row, as a paragraph outside the table is in Word.
- Hidden sheets are skipped: templates keep their drop-down lists there.

Positions: `sheet` and `ref` (`Sheet1!C12`); `column` is the sheet column number (A = 1).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from lint.errors import InputError
from lint.readers.guards import DEFAULT_LIMITS, Limits, short_error
from lint.readers.office import OfficeRows, Source, clean_lines, need

_DECIMALS = re.compile(r"0\.(0+)")


def read_xlsx(source: Source, path: str, limits: Limits = DEFAULT_LIMITS) -> OfficeRows:
    """Rows of an .xlsx. The package has passed `guards.check_zip` when it comes from `load`."""
    openpyxl = need("openpyxl", "openpyxl", path)

    try:
        wb = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # zipfile, KeyError, InvalidFileException … for a broken package
        raise InputError(path, f"not a readable .xlsx file ({short_error(exc)}): "
                               f"open and save it again in Excel/WPS") from None
    out = OfficeRows(layout="xlsx", path=path, max_cells=limits.max_cells)
    try:
        _read_sheets(wb, out)
    except InputError:
        raise
    except Exception as exc:  # sheets are parsed while iterated: damaged XML surfaces here
        raise InputError(path, f"cannot read the .xlsx file ({short_error(exc)}): "
                               f"open and save it again in Excel/WPS") from None
    finally:
        wb.close()
    return out


def _read_sheets(wb: Any, out: OfficeRows) -> None:
    from openpyxl.utils import get_column_letter

    for ws in wb.worksheets:
        if getattr(ws, "sheet_state", "visible") != "visible":
            continue
        # Some writers declare a wrong sheet size; read every stored row instead.
        ws.reset_dimensions()
        sheet_rows: list[list[tuple[int, int, str]]] = []
        for row in ws.iter_rows():
            # openpyxl yields an empty row for every row number skipped: a row numbered 10^12
            # would take forever, so every row counts, and every stored cell.
            out.spend(1 + len(row))
            cells = [(c.row, c.column, cell_text(c)) for c in row if getattr(c, "row", None)]
            cells = [c for c in cells if c[2]]
            if cells:
                sheet_rows.append(cells)
        if not sheet_rows:
            continue
        out.tables += 1
        first = min(c[1] for r in sheet_rows for c in r)
        for cells in sheet_rows:
            row_no = cells[0][0]

            def pos(col: int, row_no: int = row_no, title: str = ws.title) -> dict[str, Any]:
                return {"sheet": title, "ref": f"{get_column_letter(col)}{row_no}"}

            if len(cells) == 1 and cells[0][1] == first:
                out.add_text(cells[0][2], pos(first))
                continue
            grid = [(col, text, pos(col)) for _, col, text in cells]
            if grid[0][0] != first:
                grid.insert(0, (first, "", pos(first)))
            out.add_row(grid)


def cell_text(cell: Any) -> str:
    """The text a cell shows (see the module docstring for numbers)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_lines(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int | float):
        return number_text(float(value), getattr(cell, "number_format", "General") or "General")
    return clean_lines(str(value))


def number_text(value: float, fmt: str) -> str:
    m = _DECIMALS.search(fmt)
    decimals = len(m.group(1)) if m else None
    if "%" in fmt:
        return f"{value * 100:.{decimals or 0}f}%"
    if decimals is not None:
        return f"{value:.{decimals}f}"
    if value.is_integer():
        return str(int(value))
    text = repr(value)  # the shortest text that reads back as the same float: 25.23, not 25.230000000000001
    return format(Decimal(text), "f") if "e" in text else text
