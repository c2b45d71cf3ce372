"""Build office files from a corpus text in the test itself: the text's rows become paragraphs and
tables (docx), sheet rows (xlsx) or a PDF page flow, so the office reader can be compared with the
text reader field for field."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lint.readers import read_text, split_rows
from lint.readers.rows import Row


def corpus_rows(path: Path, first: int = 1, last: int | None = None) -> list[Row]:
    """Rows of a corpus text whose line is in [first, last]."""
    _, rows = split_rows(read_text(path))
    return [r for r in rows if r.line >= first and (last is None or r.line <= last)]


def blocks(rows: list[Row]) -> Iterator[tuple[str, list[Row]]]:
    """("text", [row]) for each text row, ("table", rows) for each run of table rows."""
    run: list[Row] = []
    for row in rows:
        if row.is_table:
            run.append(row)
            continue
        if run:
            yield "table", run
            run = []
        yield "text", [row]
    if run:
        yield "table", run


def texts(row: Row) -> list[str]:
    return [c.text for c in row.cells]


def write_docx(rows: list[Row], dest: Path, merge_vertical: bool = False) -> Path:
    """A .docx with one table per run of table rows. A row shorter than the table spans its last
    cell to the right edge (a horizontal merge). With `merge_vertical`, a blank cell in the first two
    columns is merged into the labelled cell above it (as 一级/二级 cells are in real cards)."""
    import docx

    document = docx.Document()
    for kind, group in blocks(rows):
        if kind == "text":
            document.add_paragraph(group[0].cells[0].text)
            continue
        width = max(len(r.cells) for r in group)
        table = document.add_table(rows=len(group), cols=width)
        grid = [tr.cells for tr in table.rows]  # table.cell() rescans the table on every call
        for r, row in enumerate(group):
            values = texts(row)
            for c, value in enumerate(values):
                cell = grid[r][c]
                for n, line in enumerate(value.split("\n")):
                    if n == 0:
                        cell.paragraphs[0].text = line
                    else:
                        cell.add_paragraph(line)
            if len(values) < width:
                grid[r][len(values) - 1].merge(grid[r][width - 1])
        if merge_vertical:
            for c in range(min(2, width)):
                top, top_len = None, 0
                for r, row in enumerate(group):
                    values = texts(row)
                    if len(values) < 3 or len(values) != top_len and not values[c]:
                        top = None  # merge only inside a run of rows of one shape (the grid)
                    elif values[c]:
                        top, top_len = r, len(values)
                    elif top is not None:
                        grid[top][c].merge(grid[r][c])
    document.save(dest)
    return dest


_PERCENT = re.compile(r"^(\d+(?:\.(\d+))?)%$")
_PLAIN_NUMBER = re.compile(r"^\d+(?:\.(\d+))?$")


def _xl_value(text: str) -> tuple[object, str | None]:
    """Store `3`, `25.23` and `20.00%` as numbers (with the format that shows them the same), as
    budget-system exports do; everything else as text."""
    m = _PERCENT.match(text)
    if m:
        decimals = len(m.group(2) or "")
        return float(m.group(1)) / 100, "0" + ("." + "0" * decimals if decimals else "") + "%"
    m = _PLAIN_NUMBER.match(text)
    if m and not (len(text) > 1 and text.startswith("0") and not text.startswith("0.")):
        decimals = len(m.group(1) or "")
        return float(text), ("0." + "0" * decimals) if decimals else None
    return text, None


def write_xlsx(rows: list[Row], dest: Path, sheets: list[list[Row]] | None = None, numbers: bool = True,
               origin_col: int = 1) -> Path:
    """An .xlsx with the rows on one sheet (or one sheet per list in `sheets`). A row shorter than
    its table is merged to the table's right edge; numbers are stored as numbers when `numbers`."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for n, sheet_rows in enumerate(sheets or [rows], 1):
        ws = wb.create_sheet(f"表{n}")
        r = 0
        for kind, group in blocks(sheet_rows):
            width = max(len(row.cells) for row in group)
            for row in group:
                r += 1
                values = texts(row)
                for c, value in enumerate(values):
                    cell = ws.cell(row=r, column=origin_col + c)
                    if numbers:
                        cell.value, fmt = _xl_value(value)
                        if fmt:
                            cell.number_format = fmt
                    else:
                        cell.value = value
                if kind == "table" and len(values) < width:
                    ws.merge_cells(start_row=r, start_column=origin_col + len(values) - 1,
                                   end_row=r, end_column=origin_col + width - 1)
    wb.save(dest)
    return dest


def _vertical_spans(group: list[Row]) -> list[tuple[int, int, int]]:
    """(column, top row, bottom row) for blank cells of the first two columns under a label, within
    a run of rows of one shape (the indicator grid): the 一级/二级 cells merged in real cards."""
    spans = []
    for c in range(2):
        top, top_len, bottom = None, 0, None
        for r, row in enumerate(group + [Row(cells=[], line=0)]):
            values = texts(row)
            blank_below = top is not None and len(values) == top_len and not values[c]
            if blank_below:
                bottom = r
                continue
            if top is not None and bottom is not None:
                spans.append((c, top, bottom))
            top, top_len, bottom = (r, len(values), None) if len(values) >= 3 and values[c] else (None, 0, None)
    return spans


def write_pdf(rows: list[Row], dest: Path, merge_vertical: bool = False) -> Path:
    """A PDF with a text layer (reportlab, the built-in STSong-Light CID font, not embedded): text
    rows as paragraphs, each run of table rows as a ruled table that splits across pages."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cjk", fontName="STSong-Light", fontSize=8, leading=10, wordWrap="CJK")
    title = ParagraphStyle("cjk-title", parent=style, fontSize=11, leading=14, spaceBefore=6, spaceAfter=4)
    doc = SimpleDocTemplate(str(dest), pagesize=A4, leftMargin=36, rightMargin=36, topMargin=36, bottomMargin=36)
    flow = []
    for kind, group in blocks(rows):
        if kind == "text":
            flow.append(Paragraph(escape(group[0].cells[0].text), title))
            continue
        width = max(len(r.cells) for r in group)
        data, spans = [], []
        for r, row in enumerate(group):
            values = texts(row)
            cells = [Paragraph(escape(v).replace("\n", "<br/>"), style) for v in values]
            data.append(cells + [""] * (width - len(values)))
            if len(values) < width:
                spans.append(("SPAN", (len(values) - 1, r), (width - 1, r)))
        if merge_vertical:
            spans += [("SPAN", (c, top), (c, bottom)) for c, top, bottom in _vertical_spans(group)]
        table = Table(data, colWidths=[doc.width / width] * width, splitByRow=True)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   *spans]))
        flow.append(table)
    doc.build(flow)
    return dest
