"""Rows of cells → cards (项目支出绩效目标表) with located fields and indicator rows.

One state machine serves all layouts: the layouts differ in how rows are split (see `readers.rows`),
not in what a card says. Layout-specific facts are few and named here:
- OCR of PDFs centres merged 一级 labels vertically and garbles them, so 一级 is taken from the 二级
  it must belong to;
- OCR reads card titles (large type) better than the name cell, so the title names the project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lint.model import Card, Indicator, Loc
from lint.parse import levels
from lint.parse.values import parse_value, value_kind
from lint.readers.rows import Cell, Row
from lint.text import compact, normalize

_TITLE_NO = re.compile(r"^\s*(?:#+\s*)?(\d{1,3})\s*[、.．,，]\s*")
_FIELD_CODE = re.compile(r"\s+TC\s.*$|\\f\s+[A-Z].*$")
_SECTION = re.compile(r"^\s*(?:#+\s*)?(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十\d]+部分)")
_UNIT_LINE = re.compile(r"^(\d{6,})\s*([^\d\s:：].{1,60})$")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_MONTH = re.compile(r"(\d{1,2})\s*月")
_PLAN_VALUE = re.compile(r"(\d+(?:\.\d+)?)\s*%?")
_TOC = re.compile(r"\.{4,}|…{2,}|·\s*·")
# A cell OCR made of a speck: one to three letters or marks, no Chinese, no digits (`t`, `È`, `! E`).
_OCR_SPECK = re.compile(r"^[^\u4e00-\u9fff0-9%]{1,3}$")

FIELDS = ("level1", "level2", "name", "description", "value", "basis")
_DEFAULT_COLUMNS = list(FIELDS)


def card_title(row: Row) -> str | None:
    """The title text if this text row is a card title (`5、村级组织运转经费绩效目标表`)."""
    if row.is_table or not row.cells:
        return None
    text = _FIELD_CODE.sub("", row.cells[0].text).strip()
    if len(text) > 160 or _TOC.search(text):
        return None
    if compact(text).endswith("绩效目标表"):
        return text
    return None


def _name_from_title(title: str) -> str:
    name = _TITLE_NO.sub("", title)
    name = re.sub(r"\s*绩效目标表\s*$", "", name)
    return name.strip()


def _num(text: str) -> float | None:
    m = _NUMBER.search(normalize(text).replace(",", "").replace(" ", ""))
    return float(m.group(0)) if m else None


def _loc(cell: Cell) -> Loc:
    return Loc(cell.line, cell.col)


@dataclass
class _State:
    card: Card
    layout: str
    phase: str = "head"  # head → grid
    columns: list[str] | None = None
    l2_col: int = 1  # the 二级 column of `columns`
    headers_seen: int = 0
    after_repeat: bool = False
    plan_months: list[tuple[int, str]] | None = None
    after_plan: bool = False
    after_budget: bool = False
    level1: str = ""
    level2: str = ""
    goal_cells: list[Cell] = field(default_factory=list)


def parse_cards(rows: list[Row], layout: str) -> list[Card]:
    cards: list[Card] = []
    st: _State | None = None

    def close() -> None:
        nonlocal st
        if st is not None:
            _finish(st)
            # An untitled "card" without indicators is another table that has a 项目名称 column.
            if st.card.title or st.card.indicators:
                cards.append(st.card)
        st = None

    for row in rows:
        if not row.is_table:
            title = card_title(row)
            if title is not None:
                close()
                m = _TITLE_NO.match(title)
                card = Card(seq=int(m.group(1)) if m else None, title=title, line=row.line)
                card.locs["title"] = _loc(row.cells[0])
                st = _State(card=card, layout=layout)
                continue
            if st is None:
                continue
            text = row.cells[0].text
            if st.phase == "grid" and st.card.indicators and _SECTION.match(text):
                close()
                continue
            if st.phase == "head" and not st.card.project_code:
                _maybe_unit(st, row.cells[0])
            continue
        cells = row.cells
        keys = list(map(compact, row.texts))
        # Keys hold no whitespace, so "\n" + key marks where a key starts: one substring search
        # per label instead of a generator over the cells (this loop sees every table row).
        joined = "\n" + "\n".join(keys)
        if len(joined) == len(keys):  # every key empty
            continue
        if "\n项目编码" in joined or "\n项目名称" in joined:
            if st is None or st.card.project_code or st.card.indicators or st.phase == "grid":
                if st is not None and (st.card.project_code or st.card.indicators):
                    close()
                if st is None:
                    st = _State(card=Card(line=row.line), layout=layout)
            _read_code_name(st, cells, keys)
            continue
        if st is None:
            continue
        if "\n一级指标" in joined and "\n二级指标" in joined:  # the grid's header row
            st.columns = _columns(keys)
            st.l2_col = st.columns.index("level2") if "level2" in st.columns else 1
            st.headers_seen += 1
            st.after_repeat = st.headers_seen > 1 and bool(st.card.indicators)
            st.phase = "grid"
            st.plan_months = None
            continue
        if st.phase == "head":
            _head_row(st, row, cells, keys, [i for i, k in enumerate(keys) if k], joined)
        else:
            _grid_row(st, row, cells, keys)
            st.after_repeat = False
    close()
    return cards


def _maybe_unit(st: _State, cell: Cell) -> bool:
    m = _UNIT_LINE.match(cell.text.strip())
    if m and not st.card.reporting_unit:
        st.card.reporting_unit_code = m.group(1)
        st.card.reporting_unit = m.group(2).strip()
        st.card.locs["reporting_unit"] = _loc(cell)
        return True
    return False


def _read_code_name(st: _State, cells: list[Cell], keys: list[str]) -> None:
    card = st.card
    for i, k in enumerate(keys):
        if k.startswith("项目编码"):
            rest = k[len("项目编码"):].lstrip(":：")
            if rest:
                card.project_code, card.locs["project_code"] = rest, _loc(cells[i])
                continue
            for j in range(i + 1, len(keys)):
                if keys[j] and not keys[j].startswith("项目名称"):
                    card.project_code, card.locs["project_code"] = keys[j], _loc(cells[j])
                    break
        elif k.startswith("项目名称"):
            parts: list[str] = []
            loc = None
            rest = normalize(cells[i].text)
            rest = re.sub(r"^项目名称\s*[:：]?\s*", "", rest)
            if rest:
                parts.append(rest)
                loc = _loc(cells[i])
            for j in range(i + 1, len(keys)):
                text = re.sub(r"^项目名称\s*[:：]?\s*", "", cells[j].text.strip())
                if text:
                    parts.append(text)
                    loc = loc or _loc(cells[j])
            name = "".join(parts).strip()
            if name and loc:
                card.project_name, card.locs["project_name"] = name, loc


def _head_row(st: _State, row: Row, cells: list[Cell], keys: list[str], nonempty: list[int], joined: str) -> None:
    card = st.card
    label = keys[nonempty[0]]
    if not card.project_code and _maybe_unit(st, cells[nonempty[0]]):
        return
    if "预算数" in joined:
        _read_money(st, cells, keys)
        st.after_budget = True
        return
    if "支出计" in joined:
        st.plan_months = _plan_months(cells, keys)
        st.after_budget = False
        return
    if st.plan_months is not None:
        _read_plan(st, cells, keys)
        st.plan_months = None
        st.after_plan = True
        return
    if label.startswith("绩效目标") or st.after_plan:
        # OCR can put part of the goal on a row whose label is noise (`***`): keep it as goal text.
        start = 1 if label.startswith("绩效目标") or not _has_text(label) else 0
        if label.startswith("绩效目标"):
            rest = re.sub(r"^绩效目标\s*[:：]?", "", cells[nonempty[0]].text).strip()
            if rest:
                st.goal_cells.append(Cell(rest, cells[nonempty[0]].line, cells[nonempty[0]].col))
            start = nonempty[0] + 1
        st.goal_cells.extend(c for c in cells[start:] if c.text.strip())
        return
    if label.startswith("资金用途") or st.after_budget:
        start = nonempty[0] + 1 if label.startswith(("资金用途", "预算规模")) else 0
        texts = [c for c in cells[start:] if c.text.strip()]
        if texts:
            card.fund_use = (card.fund_use + "".join(c.text for c in texts)).strip()
            card.locs.setdefault("fund_use", _loc(texts[0]))
        st.after_budget = False
        return


def _has_text(key: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in key)


_MONEY_LABELS = (("预算数", "budget"), ("财政资金", "fiscal_funds"), ("其他资金", "other_funds"))


def _read_money(st: _State, cells: list[Cell], keys: list[str]) -> None:
    card = st.card
    targets = _MONEY_LABELS
    keys = list(keys)
    # OCR splits a label over two cells (`其中: 财政` | `资金`): join the halves back.
    for i in range(len(keys) - 1):
        joined = keys[i] + keys[i + 1]
        for label, _ in targets:
            if label in joined and label not in keys[i] and label not in keys[i + 1] and not _NUMBER.search(keys[i + 1]):
                keys[i], keys[i + 1] = joined, ""
    for i, k in enumerate(keys):
        for label, attr in targets:
            if label not in k:
                continue
            tail = k.split(label, 1)[1].lstrip(":：")
            if tail and _NUMBER.match(tail):
                setattr(card, attr, _num(tail))
                card.locs[attr] = _loc(cells[i])
                break
            for j in range(i + 1, len(keys)):
                if not keys[j]:
                    continue
                if any(lbl in keys[j] for lbl, _ in targets):
                    break
                value = _num(keys[j])
                if value is not None:
                    setattr(card, attr, value)
                    card.locs[attr] = _loc(cells[j])
                break
            break


def _plan_months(cells: list[Cell], keys: list[str]) -> list[tuple[int, str]]:
    months: list[tuple[int, str]] = []
    seen: set[str] = set()
    for i, k in enumerate(keys):
        for m in _MONTH.finditer(k):
            key = f"{int(m.group(1))}月底"
            if key not in seen:
                seen.add(key)
                months.append((i, key))
    return months


def _read_plan(st: _State, cells: list[Cell], keys: list[str]) -> None:
    months = st.plan_months or []
    values: list[tuple[int, float, Cell]] = []
    for i, k in enumerate(keys):
        if not k or ("计" in k or "划" in k) and not _PLAN_VALUE.search(k):
            continue
        for m in _PLAN_VALUE.finditer(k):
            values.append((i, float(m.group(1)), cells[i]))
    standard = ("3月底", "6月底", "10月底", "12月底")
    if len(values) == len(standard) > len(months) and all(m in standard for _, m in months):
        # OCR lost a period header but kept all four values: the periods are the standard four.
        months = [(values[n][0], m) for n, m in enumerate(standard)]
    plan: dict[str, float | None] = {m: None for _, m in months}
    if len(values) == len(months):
        pairs = [(months[n][1], values[n]) for n in range(len(values))]
    else:
        pairs = []
        last = -1
        for i, v, c in values:
            # Same column first, else the nearest later month: OCR shifts columns but keeps order.
            free = [n for n in range(last + 1, len(months))]
            if not free:
                break
            same = [n for n in free if months[n][0] == i]
            n = same[0] if same else min(free, key=lambda n: (abs(months[n][0] - i), n))
            last = n
            pairs.append((months[n][1], (i, v, c)))
    for month, (_, v, c) in pairs:
        plan[month] = v
        st.card.locs[f"spend_plan.{month}"] = _loc(c)
    st.card.spend_plan = plan


def _columns(keys: list[str]) -> list[str]:
    cols: list[str] = []
    current = "level1"
    for k in keys:
        if not k:
            pass
        elif "一级" in k:
            current = "level1"
        elif "二级" in k:
            current = "level2"
        elif "三级" in k:
            current = "name"
        elif "依据" in k or "确定" in k:
            current = "basis"
        elif "描述" in k or k == "绩效指标" or "内容" in k:
            current = "description"
        elif "指标值" in k or k in ("目标值", "值"):
            current = "value"
        cols.append(current)
    return cols


def _grid_row(st: _State, row: Row, cells: list[Cell], keys: list[str]) -> None:
    cols = st.columns or _DEFAULT_COLUMNS
    # Re-anchor on the 二级 cell when a row has more or fewer leading cells than the header.
    shift = 0
    l2_col = st.l2_col
    level2_keys = levels.level2_keys()
    for i, key in enumerate(keys[:4]):
        if key in level2_keys:
            shift = i - l2_col
            break
    parts: dict[str, list[Cell]] = {f: [] for f in FIELDS}
    last = len(cols) - 1
    for i, c in enumerate(cells):
        if not c.text.strip():
            continue
        j = i - shift
        parts[cols[0 if j < 0 else j if j < last else last]].append(c)
    if st.layout == "ocr":
        parts = _align_by_content(parts, cells, l2_col + shift) or parts
    # Most fields are one cell: its text, without building a join.
    text = {f: "" if not p else p[0].text.strip() if len(p) == 1 else _join(f, p) for f, p in parts.items()}
    prev = st.card.indicators[-1] if st.card.indicators else None
    filled = [f for f in ("name", "description", "value", "basis") if text[f]]
    if prev is not None and not text["level1"] and not text["level2"]:
        continuation = (st.after_repeat and not (text["name"] and text["value"] and text["basis"])) or (
            not text["name"] and not text["value"]
        )
        if continuation:
            _merge(prev, text, parts)
            return
    if len(filled) < 2 and not (text["level2"] and levels.is_level2(text["level2"])):
        return
    explicit_l1 = text["level1"] if text["level1"] and levels.is_level1(text["level1"]) else ""
    if text["level2"]:
        st.level2 = text["level2"]
    level2 = st.level2
    inferred = levels.parent_of(level2) if level2 else None
    if st.layout == "ocr":
        l1 = inferred or explicit_l1 or st.level1
    else:
        l1 = explicit_l1 or (st.level1 if not text["level1"] else text["level1"]) or inferred or ""
    st.level1 = l1
    # One constructor call with every field: the defaults would build a ParsedValue to throw away.
    st.card.indicators.append(Indicator(
        level1=l1, level2=level2, name=text["name"], description=text["description"], value=text["value"],
        basis=text["basis"], line=row.line, level1_inferred=not explicit_l1, parsed=parse_value(text["value"]),
        locs={f: _loc(p[0]) for f, p in parts.items() if p},
    ))


_MEASURABLE = frozenset(("percent", "money", "count", "duration", "date", "area", "length", "weight",
                         "score", "other", "number"))


def _align_by_content(parts: dict[str, list[Cell]], cells: list[Cell], l2_at: int) -> dict[str, list[Cell]] | None:
    """OCR headers and rows disagree on the number of cells; place 指标值 by what it looks like.

    After the 二级 and the name come description pieces, the value, then basis pieces. The value is
    the rightmost cell that reads as a measurable value and is not the last cell (the basis), or
    the last cell when nothing follows it. A qualitative value is the second-to-last piece.
    """
    cells = list(cells)
    if not 0 <= l2_at < len(cells) or not levels.is_level2(cells[l2_at].text):
        l2_at = _split_level2_cell(cells)
        if l2_at is None:
            return None
    after = [c for c in cells[l2_at + 1:] if c.text.strip() and not _OCR_SPECK.match(c.text.strip())]
    if len(after) < 2:
        return None
    name, rest = after[0], after[1:]
    value_like = [i for i, c in enumerate(rest) if value_kind(c.text) in _MEASURABLE]
    if value_like:
        inner = [i for i in value_like if i < len(rest) - 1]
        k = max(inner) if inner else max(value_like)
    elif len(rest) >= 3:
        k = len(rest) - 2
    elif len(rest) == 2:
        k = 0 if not parts["description"] else 1
    else:
        return None
    return {
        "level1": [c for c in cells[:l2_at] if c.text.strip()],
        "level2": [cells[l2_at]],
        "name": [name],
        "description": rest[:k],
        "value": [rest[k]],
        "basis": rest[k + 1:],
    }


def _split_level2_cell(cells: list[Cell]) -> int | None:
    """OCR may read the 二级 and the name as one cell (`社会效益指标 培训时长保障率`): split it."""
    for i, c in enumerate(cells[:3]):
        text = c.text.strip()
        for l2 in levels.level2_names():
            if text.startswith(l2) and len(text) > len(l2):
                tail = text[len(l2):].strip()
                cells[i] = Cell(l2, c.line, c.col, c.raw)
                cells.insert(i + 1, Cell(tail, c.line, c.col + len(l2), c.raw))
                return i
    return None


def _join(fieldname: str, cells: list[Cell]) -> str:
    if fieldname in ("level1", "level2"):
        return " ".join(c.text for c in cells).strip()
    return "".join(c.text for c in cells).strip()


def _merge(prev: Indicator, text: dict[str, str], parts: dict[str, list[Cell]]) -> None:
    for f in ("name", "description", "value", "basis"):
        more = text[f]
        if not more:
            continue
        old = getattr(prev, f)
        if old.endswith(more):
            continue
        setattr(prev, f, old + more)
        if f not in prev.locs and parts[f]:
            prev.locs[f] = _loc(parts[f][0])
    prev.parsed = parse_value(prev.value)


def _finish(st: _State) -> None:
    card = st.card
    if st.goal_cells:
        card.goal_text = " ".join(c.text.strip() for c in st.goal_cells).strip()
        card.locs["goal_text"] = _loc(st.goal_cells[0])
    if st.layout == "ocr" and card.title:
        card.project_name = _name_from_title(card.title)
        card.locs["project_name"] = card.locs["title"]
    elif not card.project_name and card.title:
        card.project_name = _name_from_title(card.title)
        card.locs["project_name"] = card.locs["title"]
