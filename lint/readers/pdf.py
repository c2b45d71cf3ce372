"""PDF with a text layer → rows, via pdfplumber's ruled-table extraction.

Per page, table rows and the text lines outside the tables (titles, unit lines, page numbers) are
merged in top-to-bottom order; pages follow each other, so a card whose table crosses a page goes on
with the next page's rows (a header repeated on the new page is handled by the card parser).

Cells hold visual lines: wrapped lines are joined (no space between Chinese characters), a line
that starts a numbered item (`2.…`) keeps its line break. Merged cells come out blank after the
first, as in the Word text export.

A PDF without any text (a scan) raises InputError: it needs OCR, and zero cards would be a lie.

Positions: `page`, `table` (on that page), `row` (within the table), `cell` (column in the table).
"""

from __future__ import annotations

import logging
from typing import Any

from lint.errors import InputError
from lint.readers.guards import DEFAULT_LIMITS, Limits, short_error
from lint.readers.office import OfficeRows, Source, join_wrapped, need
from lint.readers.pdfguard import read_bounded


def read_pdf(source: Source, path: str, limits: Limits = DEFAULT_LIMITS) -> OfficeRows:
    """Rows of a PDF, under the guards of `lint.readers.pdfguard` (time, decoded size, objects
    per page) and at most `max-pdf-pages` pages."""
    pdfplumber = need("pdfplumber", "pdfplumber", path)
    # pdfminer logs a warning for every oddity of a damaged file; the file's one-line error says it all.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    return read_bounded(path, limits, lambda budget: _read(pdfplumber, source, path, limits, budget))


def _read(pdfplumber: Any, source: Source, path: str, limits: Limits, budget: Any) -> OfficeRows:
    out = OfficeRows(layout="pdf", path=path, max_cells=limits.max_cells)
    try:
        # A range, so pdfplumber makes page objects for the first pages only (`in` is O(1) on it).
        pdf = pdfplumber.open(source, pages=range(1, limits.max_pdf_pages + 2))
    except Exception as exc:  # pdfminer raises many types for damaged or encrypted files
        name = type(exc).__name__
        reason = "encrypted PDF (password required): remove the password and save it again" if (
            "Password" in name or "Encrypt" in name) else f"not a readable PDF ({name})"
        raise InputError(path, reason) from None
    chars = 0
    try:
        pages = pdf.pages
        if len(pages) > limits.max_pdf_pages:
            raise InputError(path, f"PDF has over {limits.max_pdf_pages:,} pages (limit limits.max-pdf-pages): "
                                   f"not one disclosure? split it, or if the file is genuine raise the limit")
        budget.pages = len(pages)
        for page_no, page in enumerate(pages, 1):
            budget.page = page_no
            chars += len(page.chars)
            if page.chars:
                _page_rows(out, page, page_no)
            page.flush_cache()
    except InputError:
        raise
    except Exception as exc:
        raise InputError(path, f"cannot read the PDF ({short_error(exc)})") from None
    finally:
        pdf.close()
    if chars == 0:
        raise InputError(path, "PDF has no text layer (a scanned image?): run OCR on it first, "
                               "or give the text export instead")
    return out


def _page_rows(out: OfficeRows, page: Any, page_no: int) -> None:
    tables = page.find_tables()
    items: list[tuple[float, int, Any]] = []  # (top, order, payload)
    boxes = [t.bbox for t in tables]
    for t_no, table in enumerate(tables, 1):
        out.tables += 1
        for r_no, (row, values) in enumerate(zip(table.rows, table.extract(), strict=False), 1):
            out.spend(1 + len(values))
            cells = [(c_no, join_wrapped(v or ""), {"page": page_no, "table": t_no, "row": r_no, "cell": c_no})
                     for c_no, v in enumerate(values, 1)]
            items.append((row.bbox[1], len(items), ("row", cells)))

    def outside(obj: dict) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    lines = text_page.extract_text_lines(return_chars=False)
    right = max([ln["x1"] for ln in lines] + [b[2] for b in boxes], default=0.0)
    prev = None
    for n, line in enumerate(lines, 1):
        if prev is not None and _wraps_into(prev, line, right, boxes):
            # A long title wraps onto a second line: one paragraph, as in the source document.
            prev["text"] = join_wrapped(prev["text"] + "\n" + line["text"])
            prev.update(x1=line["x1"], bottom=line["bottom"])
            continue
        prev = {"text": line["text"], "x1": line["x1"], "top": line["top"], "bottom": line["bottom"], "n": n}
        items.append((line["top"], len(items), ("text", prev)))
    for _, _, payload in sorted(items, key=lambda it: (it[0], it[1])):
        if payload[0] == "row":
            out.add_row(payload[1])
        else:
            out.add_text(payload[1]["text"], {"page": page_no, "paragraph": payload[1]["n"]})


def _wraps_into(prev: dict, line: dict, right: float, boxes: list) -> bool:
    """`line` continues `prev`: right below it, `prev` runs to the right edge, no table between."""
    height = prev["bottom"] - prev["top"]
    if line["top"] - prev["bottom"] > 0.6 * height or prev["x1"] < right - 3 * height:
        return False
    return not any(prev["bottom"] <= top <= line["top"] for _, top, _, _ in boxes)
