"""A whole disclosure: department, budget year, department narrative, and its cards."""

from __future__ import annotations

import re
from collections import Counter

from lint.model import Document, Paragraph
from lint.parse.cards import card_title, parse_cards
from lint.readers.rows import Row, split_rows
from lint.text import compact

_DEPT = re.compile(r"^(\d{3,6})\s*([\u4e00-\u9fff（）()“”\"]{3,40})$")
_YEAR_FIELD = re.compile(r"预算年度\s*[:：]\s*(20\d\d)")
_YEAR_TITLE = re.compile(r"(20\d\d)\s*年\s*(?:度\s*)?(?:部门|单位)?预算")
_YEAR_ANY = re.compile(r"(20\d\d)\s*年")
_NARRATIVE_START = re.compile(r"整体绩效目标")
_SECTION = re.compile(
    r"^\s*(?:#+\s*)?(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十\d]+部分|预算项目绩效目标|分项绩效目标)"
)
_TOC = re.compile(r"\.{4,}|…{2,}")


def parse_text(text: str, path: str, layout: str | None = None) -> Document:
    layout, rows = split_rows(text, layout)
    year_rows: list[Row] = []
    cards = parse_cards(rows, layout, year_rows)
    doc = Document(path=path, layout=layout, cards=cards)
    doc.department_code, doc.department = department_of(rows)
    doc.budget_year = budget_year_of(rows, cards, year_rows)
    doc.narrative = narrative_of(rows)
    return doc


def department_of(rows: list[Row]) -> tuple[str | None, str | None]:
    for row in rows[:400]:
        if row.is_table:
            continue
        m = _DEPT.match(row.texts[0].strip())
        if m and "预算" not in m.group(2) and not m.group(2).startswith("年"):
            return m.group(1), m.group(2)
    # Word exports open with the department's name as the first line.
    for row in rows[:5]:
        t = row.texts[0].strip()
        if not row.is_table and 3 <= len(t) <= 40 and "预算" not in t and not re.search(r"\d", t):
            return None, t
    return None, None


def budget_year_of(rows: list[Row], cards, candidates: list[Row] | None = None) -> int | None:
    """The budget year the document states (预算年度: 2024, most often), else its title's, else its
    card titles'. `candidates`: the rows, in order, among which are all that hold 预算年度 in a cell
    (`parse_cards` collects them), to look at instead of every row."""
    years: Counter[int] = Counter()
    for row in rows if candidates is None else candidates:
        # The regex's literal: most rows, and then cells, are skipped without running it.
        if "预算年度" not in "\n".join(row.texts):
            continue
        for t in row.texts:
            if "预算年度" in t:
                m = _YEAR_FIELD.search(t)
                if m:
                    years[int(m.group(1))] += 1
    if years:
        return years.most_common(1)[0][0]
    for row in rows[:10]:
        m = _YEAR_TITLE.search(compact(row.texts[0])) if row.texts else None
        if m:
            return int(m.group(1))
    for card in cards:
        for m in _YEAR_ANY.finditer(compact(card.title)):
            years[int(m.group(1))] += 1
    if years:
        return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return None


def narrative_of(rows: list[Row]) -> list[Paragraph]:
    out: list[Paragraph] = []
    inside = False
    for row in rows:
        # Table rows neither open, close nor add to the narrative (`card_title` is None for them).
        if row.is_table:
            continue
        # Until the narrative starts only a row holding its heading matters: skip the others before
        # joining their cells (the heading holds no space or newline, so it cannot straddle cells).
        if not inside and "整体绩效目标" not in "\n".join(row.texts):
            continue
        text = " ".join(t for t in row.texts if t).strip()
        if not text:
            continue
        if not inside:
            if _NARRATIVE_START.search(text) and not _TOC.search(text) and len(text) < 40:
                inside = True
            continue
        if card_title(row) is not None or (_SECTION.match(text) and not _NARRATIVE_START.search(text)):
            if out:
                break
            continue
        out.append(Paragraph(text=text, line=row.line))
    return out
