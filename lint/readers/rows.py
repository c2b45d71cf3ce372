"""Split a text extraction into rows of located cells, for the three layouts seen in practice.

- ``word``: a Word table exported to text: every cell on its own line starting with TAB, a blank line
  between rows; a cell's text may continue on following lines that do not start with TAB.
- ``markdown``: a PDF exported to Markdown: one row per line, cells separated by TAB, ``#`` headings,
  ``<b>``/``<p>`` tags inside cells.
- ``ocr``: OCR of a PDF: one row per line, cells separated by TAB, noisy text.

Text outside tables becomes a row with ``is_table=False`` and one cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lint.text import strip_tags

LAYOUTS = ("word", "markdown", "ocr")

_LEAD = re.compile(r"^(?:\s|<[^>]*>)*")
_HEADING = re.compile(r"^\s*#{1,6}\s*")
_MD_MARK = re.compile(r"</?(?:b|p)>")
# A line that starts a new section or card and therefore never continues a Word cell.
_TITLE_LIKE = re.compile(r"绩效目标表|\\f [A-Z]|^\s*第[一二三四五六七八九十\d]+部分|^\s*[一二三四五六七八九十]+、")
# Word cells whose text runs on over blank lines (numbered goal sentences).
_LONG_TEXT_LABELS = ("绩效目标", "资金用途", "项目概况", "年度目标")


@dataclass(slots=True)
class Cell:
    text: str
    line: int
    col: int
    raw: str = ""


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    line: int
    is_table: bool = True
    texts: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.texts:
            self.texts = [c.text for c in self.cells]


def detect_layout(text: str) -> str:
    """Choose the layout from the shape of the lines (not from any one file's content)."""
    return _detect(text.splitlines())


def _detect(lines: list[str]) -> str:
    lines = lines[:20000]
    tab_lines = [ln for ln in lines if "\t" in ln]
    if tab_lines:
        single = len([ln for ln in tab_lines if ln[0] == "\t" and ln.count("\t") == 1])
        if single / len(tab_lines) > 0.5:
            return "word"
    # A heading needs a `#` and a tag a `<`: the regular expressions only run on such lines, and
    # counting stops at the third.
    md = 0
    for ln in lines:
        if ("#" in ln or "<" in ln) and (_HEADING.match(ln) or _MD_MARK.search(ln)):
            md += 1
            if md >= 3:
                return "markdown"
    return "ocr"


# OCR inserts spaces inside Chinese words and between a number and its unit (`离休干部人 数统计`,
# `12 月底`) and reads stray brackets (`} 用`); Latin words keep their spaces (`巨好办 APP`).
_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e"
_OCR_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}0-9])|(?<=[0-9])\s+(?=[{_CJK}])")
_OCR_NOISE = re.compile(rf"(?:^|(?<=[{_CJK}]))[{{}}|\\]+\s*(?=[{_CJK}])")


# Most cells need no cleaning, so the loops choose once per line how to clean its cells (`\s` of `re`
# and `str.split()` agree on what is whitespace):
# - plain: no whitespace but the TABs, no `<`, and in OCR none of its stray brackets: each cell's text
#   is its raw string and it starts at its first character;
# - spaced: a plain space is the only other thing: collapse the spaces (and close the OCR gaps);
# - the rest: `_cell`, tags and all.
_NOT_PLAIN = re.compile(r"[^\S\t]|<")
_NOT_PLAIN_OCR = re.compile(r"[^\S\t]|[<{}|\\]")
_NOT_SPACED = re.compile(r"[^\S\t ]|<")
_NOT_SPACED_OCR = re.compile(r"[^\S\t ]|[<{}|\\]")
# A Word cell is the rest of its line: a TAB in it is whitespace to collapse.
_NOT_PLAIN_WORD = re.compile(r"\s|<")


def _cell(raw: str, line: int, start: int, ocr: bool = False) -> Cell:
    # The usual tagged cell of a Markdown export, a bold header `<b>项目名称</b>`: its text is inside.
    if (raw.startswith("<b>") and raw.endswith("</b>") and len(raw) > 7  # (an empty one is all tags)
            and (_NOT_PLAIN_OCR if ocr else _NOT_PLAIN).search(raw, 3, len(raw) - 4) is None):
        return Cell(raw[3:-4], line, start + 4, raw)
    if "<" in raw:
        lead = _LEAD.match(raw).end()
        text = " ".join(strip_tags(raw).split())
    else:
        lead = len(raw) - len(raw.lstrip())
        text = " ".join(raw.split())
    # `_OCR_GAP` only removes whitespace (after the split above, single spaces), `_OCR_NOISE` needs one
    # of its brackets: skip the substitutions when they cannot match.
    if ocr and text:
        if "{" in text or "}" in text or "|" in text or "\\" in text:
            text = _OCR_NOISE.sub("", text)
        if " " in text:
            text = _OCR_GAP.sub("", text)
    return Cell(text, line, start + lead + 1, raw)


def _tab_rows(lines: list[str], markdown: bool) -> list[Row]:
    # (Rows get their texts here: Row.__post_init__ would go over the cells again.)
    ocr = not markdown
    not_plain = (_NOT_PLAIN if markdown else _NOT_PLAIN_OCR).search
    not_spaced = (_NOT_SPACED if markdown else _NOT_SPACED_OCR).search
    heading = _HEADING.match
    rows: list[Row] = []
    append = rows.append
    for no, ln in enumerate(lines, 1):
        if not ln or ln.isspace():
            continue
        if "\t" in ln:
            parts = ln.split("\t")
            cells: list[Cell] = []
            add = cells.append
            pos = 0
            spaced = not_spaced(ln) is None
            if spaced and " " not in ln:
                for part in parts:
                    add(Cell(part, no, pos + 1, part))
                    pos += len(part) + 1
                # A plain cell's text is its raw string, so the split parts are the row's texts.
                append(Row(cells, no, True, parts))
            elif spaced:
                for part in parts:
                    if " " in part:
                        text = " ".join(part.split())
                        if ocr and " " in text:
                            text = _OCR_GAP.sub("", text)
                        lead = len(part) - len(part.lstrip(" "))
                        add(Cell(text, no, pos + lead + 1, part))
                    else:
                        add(Cell(part, no, pos + 1, part))
                    pos += len(part) + 1
                append(Row(cells, no, True, [c.text for c in cells]))
            else:
                for part in parts:
                    add(_cell(part, no, pos, ocr) if part and not_plain(part) else Cell(part, no, pos + 1, part))
                    pos += len(part) + 1
                append(Row(cells, no, True, [c.text for c in cells]))
        elif not_plain(ln) is None and not (markdown and ln[0] == "#"):
            append(Row([Cell(ln, no, 1, ln)], no, False, [ln]))
        else:
            m = heading(ln) if markdown else None
            skip = m.end() if m else 0
            cell = _cell(ln[skip:], no, skip, ocr)
            append(Row([cell], no, False, [cell.text]))
    return rows


def _word_rows(lines: list[str]) -> list[Row]:
    rows: list[Row] = []
    cur: list[Cell] | None = None  # the open row
    last: Row | None = None  # the last closed table row
    title_like = _TITLE_LIKE.search
    not_plain = _NOT_PLAIN_WORD.search
    for no, ln in enumerate(lines, 1):
        if ln.startswith("\t"):
            if cur is None:
                cur = []
            raw = ln[1:]
            cur.append(_cell(raw, no, 1) if raw and not_plain(raw) else Cell(raw, no, 2, raw))
            continue
        if not ln or ln.isspace():  # (a lone TAB, handled above, is an empty cell, not a blank line)
            if cur is not None:
                last = Row(cur, cur[0].line, True, [c.text for c in cur])
                rows.append(last)
                cur = None
            continue
        # A line without TAB: continues the open cell, or a long-text cell across blank lines,
        # or is text outside the tables (titles, headings, narrative).
        if cur is not None and not title_like(ln):
            _extend(cur[-1], ln)
            continue
        if cur is None and last is not None and rows and rows[-1] is last and not title_like(ln):
            label = "".join(last.cells[0].text.split()) if last.cells else ""
            if label.startswith(_LONG_TEXT_LABELS):
                _extend(last.cells[-1], ln)
                last.texts = [c.text for c in last.cells]
                continue
        if cur is not None:
            last = Row(cur, cur[0].line, True, [c.text for c in cur])
            rows.append(last)
            cur = None
        cell = _cell(ln, no, 0)
        rows.append(Row([cell], no, False, [cell.text]))
    if cur is not None:
        rows.append(Row(cur, cur[0].line, True, [c.text for c in cur]))
    return rows


def _extend(cell: Cell, line: str) -> None:
    more = " ".join(strip_tags(line).split())
    cell.text = f"{cell.text}\n{more}" if cell.text else more
    cell.raw = f"{cell.raw}\n{line}"


def split_rows(text: str, layout: str | None = None) -> tuple[str, list[Row]]:
    """Return (layout, rows). ``layout`` may be forced; otherwise it is detected."""
    lines = text.splitlines()
    layout = layout or _detect(lines)
    if layout == "word":
        return layout, _word_rows(lines)
    return layout, _tab_rows(lines, markdown=(layout == "markdown"))
