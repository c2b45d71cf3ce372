"""`Row` keeps texts and builds its `Cell`s only when asked: the cells it builds, and the positions it
gives without building them, are the ones the straightforward splitter below gives (every cell
cleaned by `_cell`, no shortcut), on the corpus documents and on tricky lines, read in each of the
three layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.readers import read_text
from lint.readers.rows import _HEADING, _LONG_TEXT_LABELS, _TITLE_LIKE, LAYOUTS, Cell, _cell, split_rows
from lint.text import strip_tags

CORPUS = sorted(Path(__file__).parent.joinpath("data", "corpus").glob("0*.txt"))


def eager_tab(lines: list[str], markdown: bool) -> list[tuple[bool, list[Cell]]]:
    out = []
    for no, ln in enumerate(lines, 1):
        if not ln.strip():
            continue
        if "\t" in ln:
            cells, pos = [], 0
            for part in ln.split("\t"):
                cells.append(_cell(part, no, pos, not markdown))
                pos += len(part) + 1
            out.append((True, cells))
        else:
            heading = _HEADING.match(ln) if markdown else None  # its marks and spaces are not text
            skip = heading.end() if heading else 0
            out.append((False, [_cell(ln[skip:], no, skip, not markdown)]))
    return out


def extend(cell: Cell, line: str) -> None:
    more = " ".join(strip_tags(line).split())
    cell.text = f"{cell.text}\n{more}" if cell.text else more
    cell.raw = f"{cell.raw}\n{line}"


def eager_word(lines: list[str]) -> list[tuple[bool, list[Cell]]]:
    out: list[tuple[bool, list[Cell]]] = []
    cur: list[Cell] | None = None
    for no, ln in enumerate(lines, 1):
        if ln.startswith("\t"):
            cur = cur if cur is not None else []
            cur.append(_cell(ln[1:], no, 1))
        elif not ln.strip():
            if cur is not None:
                out.append((True, cur))
                cur = None
        elif cur is not None and not _TITLE_LIKE.search(ln):
            extend(cur[-1], ln)
        elif (cur is None and out and out[-1][0] and not _TITLE_LIKE.search(ln)
              and "".join(out[-1][1][0].text.split()).startswith(_LONG_TEXT_LABELS)):
            extend(out[-1][1][-1], ln)
        else:
            if cur is not None:
                out.append((True, cur))
                cur = None
            out.append((False, [_cell(ln, no, 0)]))
    if cur is not None:
        out.append((True, cur))
    return out


def as_tuples(cells: list[Cell]) -> list[tuple[str, int, int, str]]:
    return [(c.text, c.line, c.col, c.raw) for c in cells]


# Lines for the splitter's shortcuts and the edges of their conditions: spaces only (at the cells'
# ends, in runs, alone in a cell), `<b>` cells (empty, nested, unclosed, upper case, a tag made by
# removing one), other whitespace, OCR's stray brackets.
TRICKY = "\n".join([
    "<b>项目名称</b>\t<b>x\ty</b>\t</<b>b>\t<B>z</B>\t<b></b>\t<b><b>w</b></b>\t<b>预算 数</b>",
    "<b>项目名称</b>\t<b>x\ty</b>\t<b></b>\t<b><b>w</b></b>\t1.5\t<b>预算数</b>",
    "  a  b \t c\t \t\t离休 干部\t12 月底\t巨好办 APP ",
    "\t\u3000全角\t x\t<p>p</p>\t\u00a0y",
    "} 用\t| 项目\t{x\t7580. 94",
    "### 1、经费绩效目标表",
    "  <b>标题</b>  ",
])


# Word rows are split block by block (between blank lines) when the text breaks lines only at "\n":
# blocks of TAB lines (plain, with cells to clean, empty cells, a TAB in a cell), runs of blank and
# whitespace-only lines, continuation lines, long text over a blank line, a final line break; blocks
# whose TAB lines follow lines without TAB (blank, whitespace, a title, long text continued, a title
# ending a long text) and are plain, to clean or continued; and the same text with other line
# breaks, split line by line.
TRICKY_WORD = "\n".join([
    "\t项目名称", "\t<b>x</b>", "\t", "", "", "\ta b", "\t\u3000全角", "\t\tB", "", "  ", "\tA", "\t", "",
    "\t绩效目标", "\t1.第一", "", "2.第二", "", "\tx", "续 行", "", "\ty\u200bz", "\t", "", "",
    "", "\t空行后", "\t表", "", "标题 行", "\t单位：万元", "\t201001", "", "  ", " ", "\tA", "\t<b>b</b>", "",
    "x\ty", "标题二", "\t续", "接 着", "", "\t绩效目标", "\t1.第一", "", "2.接上", "  ", "\tz", "", "\t年度目标",
    "\t一", "", "第一部分 x", "\t头", "", "\t资金用途", "\tq", "", "3.又", "\t", "\tr", "", "\t  ", "",
]) + "\n"


# OCR texts whose lines break only at "\n" are classified and cleaned by searching the whole text: spaces
# at the ends of lines and cells, in runs, alone on a line, OCR's gaps and brackets, other whitespace,
# the first and last line (with and without a final line break).
TRICKY_OCR = "\n".join([
    " 离休 干部 人 数\t 12  月底 \t巨好办 APP  ", "  ", "\t \t", " a", "a ", "x \t y\t  z  ", "", "203 中共 县委",
    "} 用 x\tz", "a\u3000b\t c", "x|y z\t1", "<i>百</i> 项", "\\ \\\t质量", "离休 干部", "12 月 底\t7580. 94 ",
    "a \u00a0 b", "\t\t", " 末 行 ",
])


def split_cases() -> list[tuple[str, str]]:
    return [(path.name[:3], read_text(str(path))) for path in CORPUS] + [
        ("tricky", TRICKY), ("tricky-ocr", TRICKY_OCR), ("tricky-ocr-end", TRICKY_OCR + "\n"),
        ("tricky-ocr-plain", TRICKY_OCR.replace("\u3000", "").replace("\u00a0", "")), ("tricky-word", TRICKY_WORD), ("tricky-word-crlf", TRICKY_WORD.replace("\n", "\r\n")),
        ("tricky-word-ls", TRICKY_WORD.replace("\n\n", "\n\u2028"))]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(("name", "text"), split_cases())
def test_lazy_cells_are_the_eager_cells(name: str, text: str, layout: str) -> None:
    lines = text.splitlines()
    expected = eager_word(lines) if layout == "word" else eager_tab(lines, layout == "markdown")
    _, rows = split_rows(text, layout)
    assert [r.is_table for r in rows] == [t for t, _ in expected]
    for row, (_, cells) in zip(rows, expected, strict=True):
        assert row.texts == [c.text for c in cells]
        # Positions first, before `cells` builds (and caches) the Cell objects.
        assert [row.position(i) for i in range(len(cells))] == [(c.line, c.col) for c in cells]
        assert row.positions() == ([c.line for c in cells], [c.col for c in cells])
        assert row.line == cells[0].line
        assert as_tuples(row.cells) == as_tuples(cells)


def test_title_like_is_the_title_pattern() -> None:
    from lint.readers.rows import _title_like

    lines = [ln for path in CORPUS for ln in read_text(str(path)).splitlines()] + [
        "第一部分", " 第12部分 x", "x第一部分", "一、", "  十二、总", "一二", "、", "\\f A", "x \\f B", "\\f a", "\\f",
        "2024年绩效目标表", "绩效目标", "\u3000一、x", "第部分"]
    assert [_title_like(ln) for ln in lines] == [_TITLE_LIKE.search(ln) is not None for ln in lines]
