"""Word .docx → rows, in reading order: body paragraphs become text rows (titles, unit lines,
narrative), table rows become rows of cells.

Merged cells are emitted as the Word text export shows them, so cards parse as from that export:
- a vertical merge (`w:vMerge` continue) is a blank cell below the one holding the text;
- a horizontal span (`w:gridSpan`) gives its text once, then a blank per extra grid column, so
  cells stay aligned with the header's grid columns.

Positions: `table` (1-based among the body's top-level tables), `row` (within the table), `cell`
(the n-th cell of the row as Word counts them); `paragraph` for text outside tables.
"""

from __future__ import annotations

from typing import Any

from lint.errors import InputError
from lint.readers.guards import DEFAULT_LIMITS, Limits, short_error
from lint.readers.office import OfficeRows, Source, clean_lines, need


def read_docx(source: Source, path: str, limits: Limits = DEFAULT_LIMITS) -> OfficeRows:
    """Rows of a .docx. The package has passed `guards.check_zip` when it comes from `load`."""
    docx = need("docx", "python-docx", path)
    try:
        document = docx.Document(source)
    except Exception as exc:  # python-docx raises several types for a broken package
        raise InputError(path, f"not a readable .docx file ({short_error(exc)}): "
                               f"open and save it again in Word/WPS") from None
    try:
        return _read_body(document, path, limits)
    except InputError:
        raise
    except Exception as exc:  # a damaged part: an attribute python-docx cannot convert, a bad nesting
        raise InputError(path, f"cannot read the .docx file ({short_error(exc)}): "
                               f"open and save it again in Word/WPS") from None


def _read_body(document: Any, path: str, limits: Limits) -> OfficeRows:
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    out = OfficeRows(layout="docx", path=path, max_cells=limits.max_cells)
    tags = {"p": qn("w:p"), "tbl": qn("w:tbl"), "sdt": qn("w:sdt"), "sdtContent": qn("w:sdtContent")}
    counters = {"paragraph": 0, "table": 0}

    def para_text(p: Any) -> str:
        return Paragraph(p, document).text

    def blocks(parent: Any):
        for child in parent.iterchildren():
            if child.tag == tags["sdt"]:  # content controls wrap paragraphs and tables
                content = child.find(tags["sdtContent"])
                if content is not None:
                    yield from blocks(content)
            elif child.tag in (tags["p"], tags["tbl"]):
                yield child

    for block in blocks(document.element.body):
        if block.tag == tags["p"]:
            counters["paragraph"] += 1
            out.add_text(para_text(block), {"paragraph": counters["paragraph"]})
            continue
        counters["table"] += 1
        out.tables += 1
        _table_rows(out, block, counters["table"], para_text)
    return out


def _table_rows(out: OfficeRows, tbl: Any, table_no: int, para_text: Any) -> None:
    from docx.oxml.ns import qn

    p_tag = qn("w:p")
    for row_no, tr in enumerate(tbl.tr_lst, 1):
        col = 1 + (tr.grid_before or 0)
        tcs = tr.tc_lst
        out.spend(1 + sum(tc.grid_span for tc in tcs))  # before building: a span may claim 10^9 columns
        cells: list[tuple[int, str, dict[str, Any]]] = []
        for cell_no, tc in enumerate(tcs, 1):
            pos = {"table": table_no, "row": row_no, "cell": cell_no}
            if tc.vMerge == "continue" or _h_merge_continue(tc):
                text = ""
            else:
                # Every paragraph of the cell, nested tables included, one line each.
                text = clean_lines("\n".join(para_text(p) for p in tc.iter(p_tag)))
            cells.append((col, text, pos))
            for extra in range(1, tc.grid_span):
                cells.append((col + extra, "", pos))
            col += tc.grid_span
        out.add_row(cells)


def _h_merge_continue(tc: Any) -> bool:
    """The legacy horizontal merge (`w:hMerge`, from old Word and WPS) marks spanned cells instead of
    using `w:gridSpan`; the text is in the first cell."""
    from docx.oxml.ns import qn

    tc_pr = tc.tcPr
    h_merge = tc_pr.find(qn("w:hMerge")) if tc_pr is not None else None
    return h_merge is not None and h_merge.get(qn("w:val"), "continue") == "continue"
