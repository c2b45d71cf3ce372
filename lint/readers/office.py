"""Shared machinery of the office readers (docx, xlsx, pdf): build the same `Row`/`Cell` stream the
text readers produce, and remember where each cell sits in the office file.

Every reader gives each row a running ordinal (`line`, 1-based, in reading order over the whole file)
and each cell its 1-based position in the row's layout grid (`col`). `(line, col)` is therefore unique
in a file, and `OfficeRows.positions` maps it to the office address (table/row/cell, page, sheet/ref).
After `parse_cards` has built the cards from the rows, `locate` copies those addresses into every
`Loc`, so the card parser needs no knowledge of office files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from lint.errors import InputError
from lint.model import Card, Loc
from lint.readers.rows import Cell, Row
from lint.text import compact

Source = str | Path | IO[bytes]

OFFICE_SUFFIXES = {".docx": "docx", ".docm": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx", ".pdf": "pdf"}
# Formats users hold that we cannot read: say what to do instead of "binary file".
LEGACY_SUFFIXES = {
    ".doc": "Word 97-2003 .doc is not supported: save it as .docx",
    ".wps": "WPS .wps is not supported: save it as .docx",
    ".xls": "Excel 97-2003 .xls is not supported: save it as .xlsx",
    ".et": "WPS .et is not supported: save it as .xlsx",
    ".ofd": "OFD is not supported: export it as PDF with a text layer",
}

_WS = re.compile(r"[ \t\u3000\xa0]+")
_CJK_END = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]$")
_CJK_START = re.compile(r"^[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]")
_ITEM_START = re.compile(r"^\s*(?:\d{1,2}\s*[.、．)）]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]+、)")


def clean_lines(text: str) -> str:
    """Collapse whitespace inside each line and drop empty lines, as the Word text export does."""
    lines = (" ".join(_WS.sub(" ", ln).split()) for ln in text.replace("\r", "\n").split("\n"))
    return "\n".join(ln for ln in lines if ln)


def join_wrapped(text: str) -> str:
    """PDF cells hold visual lines. Join wrapped lines (no space between Chinese characters), but
    keep a line break before a numbered item (`2.…`), as the goal text's own lines are."""
    out = ""
    for ln in clean_lines(text).split("\n"):
        if not out:
            out = ln
        elif _ITEM_START.match(ln):
            out += "\n" + ln
        elif _CJK_END.search(out) or _CJK_START.match(ln):
            out += ln
        else:
            out += " " + ln
    return out


def is_title_text(text: str) -> bool:
    return compact(text).endswith("绩效目标表") and len(text) <= 160


@dataclass
class OfficeRows:
    """Rows of one office file and the office address of every cell."""

    layout: str
    rows: list[Row] = field(default_factory=list)
    positions: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    has_text: bool = False  # any text at all (a scanned PDF has none)
    tables: int = 0
    path: str = ""
    max_cells: int = 0  # the `max-cells` guard; 0: no limit
    visited: int = 0  # rows and cells visited so far, blank ones included

    def spend(self, n: int) -> None:
        """Count `n` rows or cells visited; InputError once the file holds more than `max_cells`.
        Readers call it for each row (1 + its cells) before building it, so a hostile shape (a cell
        spanning a million columns, a sheet row numbered 10^12) is refused before it is built."""
        self.visited += n
        if self.max_cells and self.visited > self.max_cells:
            from lint.readers.guards import cells_message

            raise InputError(self.path, cells_message(self.visited, self.max_cells, at_least=True))

    def add_text(self, text: str, pos: dict[str, Any]) -> None:
        """A paragraph outside tables (titles, unit lines, narrative)."""
        self.spend(1)
        text = clean_lines(text)
        if not text:
            return
        self.has_text = True
        line = len(self.rows) + 1
        self.rows.append(Row(cells=[Cell(text=text, line=line, col=1, raw=text)], line=line, is_table=False))
        self.positions[(line, 1)] = pos

    def add_row(self, cells: list[tuple[int, str, dict[str, Any]]], title_as_text: bool = True) -> None:
        """A table row: (grid column, text, address) per cell; gaps in the grid become blank cells.

        A row whose only text is a card title (a title typed into the table's first, merged row) is a
        text row, as the title paragraph of a Word export is: `card_title` looks at text rows only.
        """
        if not cells:
            return
        # Readers count the cells they visit; the blanks that fill gaps in the grid are counted here.
        self.spend(max(0, max(c for c, _, _ in cells) - cells[0][0] + 1 - len(cells)))
        texts = [t for _, t, _ in cells if t]
        if not texts:
            return
        self.has_text = True
        line = len(self.rows) + 1
        if title_as_text and len(set(texts)) == 1 and is_title_text(texts[0]):
            col, text, pos = next(c for c in cells if c[1])
            self.rows.append(Row(cells=[Cell(text=text, line=line, col=col, raw=text)], line=line, is_table=False))
            self.positions[(line, col)] = pos
            return
        out: list[Cell] = []
        first = cells[0][0]
        by_col = {c: (t, p) for c, t, p in cells}
        for col in range(first, max(by_col) + 1):
            text, pos = by_col.get(col, ("", None))
            out.append(Cell(text=text, line=line, col=col, raw=text))
            if pos is not None:
                self.positions[(line, col)] = pos
        self.rows.append(Row(cells=out, line=line))


def locate(cards: list[Card], positions: dict[tuple[int, int], dict[str, Any]]) -> None:
    """Copy office addresses into every Loc of the cards (in place)."""

    def fill(loc: Loc) -> None:
        pos = positions.get((loc.line, loc.column))
        if pos:
            for key, value in pos.items():
                setattr(loc, key, value)

    for card in cards:
        for loc in card.locs.values():
            fill(loc)
        for ind in card.indicators:
            for loc in ind.locs.values():
                fill(loc)


def office_kind(path: str, head: bytes = b"") -> str | None:
    """`docx`, `xlsx` or `pdf` from the suffix, else from the first bytes (for stdin or odd names)."""
    kind = OFFICE_SUFFIXES.get(Path(path).suffix.lower())
    if kind:
        return kind
    if head.startswith(b"%PDF-"):
        return "pdf"
    return None


def zip_kind(data: bytes) -> str | None:
    """An OOXML package's kind from its members (a .docx renamed .txt, or sent on stdin)."""
    import io
    import zipfile

    from lint.readers.guards import zip_directory

    if not data.startswith(b"PK\x03\x04"):
        return None
    declared = zip_directory(data)
    if declared is not None and declared[0] > 1000:
        return "docx"  # not parsed here: `guards.check_zip` refuses or reads it with the limits
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except Exception:  # BadZipFile, or what a hostile directory raises
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def need(module: str, package: str, path: str) -> Any:
    """Import an optional reader library lazily, with a one-line error when it is missing."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(path, f"reading this file needs the '{package}' package (pip install {package})") from None
