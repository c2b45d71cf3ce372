"""Rows of cells → cards (项目支出绩效目标表) with located fields and indicator rows.

One state machine serves all layouts: the layouts differ in how rows are split (see `readers.rows`),
not in what a card says. Layout-specific facts are few and named here:
- OCR of PDFs centres merged 一级 labels vertically and garbles them, so 一级 is taken from the 二级
  it must belong to;
- OCR reads card titles (large type) better than the name cell, so the title names the project.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache
from operator import itemgetter

from lint.model import Card, Indicator, Loc, ParsedValue
from lint.parse import levels
from lint.parse.values import parse_value, value_fields
from lint.readers.rows import Row
from lint.text import compact, normalize

_TITLE_NO = re.compile(r"^\s*(?:#+\s*)?(\d{1,3})\s*[、.．,，]\s*")
_FIELD_CODE = re.compile(r"\s+TC\s.*$|\\f\s+[A-Z].*$")
_SECTION = re.compile(r"^\s*(?:#+\s*)?(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十\d]+部分)")
_UNIT_LINE = re.compile(r"^(\d{6,})\s*([^\d\s:：].{1,60})$")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_MONTH = re.compile(r"(\d{1,2})\s*月")
_PLAN_VALUE = re.compile(r"(\d+(?:\.\d+)?)\s*%?")
_TITLE_TAIL = re.compile(r"\s*绩效目标表\s*$")
_TOC = re.compile(r"\.{4,}|…{2,}|·\s*·")
_NAME_LABEL = re.compile(r"^项目名称\s*[:：]?\s*")
_GOAL_LABEL = re.compile(r"^绩效目标\s*[:：]?")
# A cell OCR made of a speck: one to three letters or marks, no Chinese, no digits (`t`, `È`, `! E`).
_OCR_SPECK = re.compile(r"^[^\u4e00-\u9fff0-9%]{1,3}$")

FIELDS = ("level1", "level2", "name", "description", "value", "basis")
# A grid row's fields are a list indexed by field number (the position in FIELDS): no dict per row.
_L1, _L2, _NAME, _DESC, _VALUE, _BASIS = range(len(FIELDS))
_DEFAULT_COLUMNS = tuple(range(len(FIELDS)))  # each header column's field number


def card_title(row: Row) -> str | None:
    """The title text if this text row is a card title (`5、村级组织运转经费绩效目标表`)."""
    # A title ends in 表, and no other character normalises to it: most text rows stop here.
    if row.is_table or not row.texts or "表" not in row.texts[0]:
        return None
    text = row.texts[0]
    # The regexes only where their literals are (most titles hold none): each scans the whole title.
    if "TC" in text or "\\f" in text:
        text = _FIELD_CODE.sub("", text)
    text = text.strip()
    if len(text) > 160 or ("...." in text or "……" in text or "·" in text) and _TOC.search(text):
        return None
    if compact(text).endswith("绩效目标表"):
        return text
    return None


def _name_from_title(title: str) -> str:
    name = _TITLE_NO.sub("", title)
    name = _TITLE_TAIL.sub("", name)
    return name.strip()


# Amounts and their labels recur across cards. Bounded.
@lru_cache(maxsize=1 << 12)
def _num(text: str) -> float | None:
    m = _NUMBER.search(normalize(text).replace(",", "").replace(" ", ""))
    return float(m.group(0)) if m else None


# A head field's location is `Loc(*row.position(i))`, written out where it is needed: the row works
# it out (it has no Cell objects to ask), and a helper function's call was 4% of a warm parse under cProfile.


@dataclass
class _State:
    card: Card
    layout: str
    phase: str = "head"  # head → grid
    columns: tuple[int, ...] = _DEFAULT_COLUMNS  # each header column's field number
    l2_col: int = 1  # the 二级 column of `columns`
    headers_seen: int = 0
    after_repeat: bool = False
    plan_months: tuple[tuple[int, str], ...] | None = None
    after_plan: bool = False
    after_budget: bool = False
    level1: str = ""
    level2: str = ""
    goal_texts: list[str] = field(default_factory=list)
    goal_loc: Loc | None = None  # where the first goal text is


def parse_cards(rows: list[Row], layout: str, year_rows: list[Row] | None = None) -> list[Card]:
    """The cards of `rows`. With `year_rows`, every row that may state the budget year (a cell holding
    预算年度) is added to it, in order, each once, with others: `budget_year_of`'s candidates. (The
    loop has each row's texts joined anyway; a second join per row for the year was 8% of a parse.)"""
    cards: list[Card] = []
    st: _State | None = None
    years = year_rows if year_rows is not None else []

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
            if "预算年度" in "\n".join(row.texts):  # (a text row's one cell, not copied)
                years.append(row)
            # (`card_title`'s first test, without the call: most text rows hold no 表.)
            title = card_title(row) if row.texts and "表" in row.texts[0] else None
            if title is not None:
                close()
                m = _TITLE_NO.match(title)
                card = Card(seq=int(m.group(1)) if m else None, title=title, line=row.line)
                card.locs["title"] = Loc(*row.position(0))
                st = _State(card=card, layout=layout)
                continue
            if st is None:
                continue
            text = row.texts[0]
            if st.phase == "grid" and st.card.indicators and _SECTION.match(text):
                close()
                continue
            if st.phase == "head" and not st.card.project_code:
                _maybe_unit(st, row, 0)
            continue
        if st is None:
            raw = "".join(row.texts)
            if "预算年度" in raw:
                years.append(row)
            # Outside a card only a 项目编码/项目名称 row matters.
            if "项" not in raw:
                continue
            keys, joined, first = _read_keys(tuple(row.texts))
        elif st.phase == "grid":
            # A grid row names no project (项目编码, 项目名称) and repeats no header (一级指标, 二级指标),
            # and no other character normalises to 项 or 级: without them the row needs no keys.
            raw = "".join(row.texts)
            if "预算年度" in raw:
                years.append(row)
            if "项" not in raw and "级" not in raw:
                if raw and not raw.isspace():  # (else every key is empty)
                    _grid_row(st, row)
                    st.after_repeat = False
                continue
            keys, joined, first = _read_keys(tuple(row.texts))
        else:
            keys, joined, first = _read_keys(tuple(row.texts))
            # A cell holding 预算年度 has it in its key: `compact` keeps a run of ideographs whole.
            if "预算年度" in joined:
                years.append(row)
        if len(joined) == len(keys):  # every key empty
            continue
        if "\n项目" in joined and ("\n项目编码" in joined or "\n项目名称" in joined):
            if st is None or st.card.project_code or st.card.indicators or st.phase == "grid":
                if st is not None and (st.card.project_code or st.card.indicators):
                    close()
                if st is None:
                    st = _State(card=Card(line=row.line), layout=layout)
            _read_code_name(st, row, keys)
            continue
        if st is None:
            continue
        if "\n一级指标" in joined and "\n二级指标" in joined:  # the grid's header row
            st.columns, st.l2_col = _header(keys)
            st.headers_seen += 1
            st.after_repeat = st.headers_seen > 1 and bool(st.card.indicators)
            st.phase = "grid"
            st.plan_months = None
            continue
        if st.phase == "head":
            _head_row(st, row, keys, first, joined)
        else:
            _grid_row(st, row)
            st.after_repeat = False
    close()
    return cards


# Rows above and between the grids (labels, money, plan headers, repeated headers) recur from card to
# card: their keys are worked out once per distinct row. Bounded.
@lru_cache(maxsize=1 << 12)
def _read_keys(texts: tuple[str, ...]) -> tuple[tuple[str, ...], str, int]:
    """Each cell's `compact` key, the keys joined each after a "\\n", and the index of the first
    non-empty key (-1: none)."""
    keys = tuple(map(compact, texts))
    first = -1
    for i, k in enumerate(keys):  # (a loop: a generator costs more on rows of a few cells)
        if k:
            first = i
            break
    # Keys hold no whitespace, so "\n" + key marks where a key starts: one substring search
    # per label instead of a generator over the cells (the caller sees every table row).
    return keys, "\n" + "\n".join(keys), first


def _maybe_unit(st: _State, row: Row, i: int) -> bool:
    text = row.texts[i].strip()
    # (The regex starts with a digit, `\d` being str.isdecimal: most rows fail on the first character.)
    m = _UNIT_LINE.match(text) if text[:1].isdecimal() else None
    if m and not st.card.reporting_unit:
        st.card.reporting_unit_code = m.group(1)
        st.card.reporting_unit = m.group(2).strip()
        st.card.locs["reporting_unit"] = Loc(*row.position(i))
        return True
    return False


def _read_code_name(st: _State, row: Row, keys: Sequence[str]) -> None:
    card = st.card
    for attr, value, i in _code_name_fields(tuple(row.texts), tuple(keys)):
        setattr(card, attr, value)
        card.locs[attr] = Loc(*row.position(i))


# A unit's cards share the layout of these rows, and pasted cards their code and name. Bounded.
@lru_cache(maxsize=1 << 12)
def _code_name_fields(texts: tuple[str, ...], keys: tuple[str, ...]) -> tuple[tuple[str, str, int], ...]:
    """The 项目编码 and 项目名称 a row of `texts` (whose keys are `keys`) states, as (card attribute,
    value, cell) in the order they are set (an attribute set twice keeps the later value)."""
    out: list[tuple[str, str, int]] = []
    for i, k in enumerate(keys):
        if k.startswith("项目编码"):
            rest = k[len("项目编码"):].lstrip(":：")
            if rest:
                out.append(("project_code", rest, i))
                continue
            for j in range(i + 1, len(keys)):
                if keys[j] and not keys[j].startswith("项目名称"):
                    out.append(("project_code", keys[j], j))
                    break
        elif k.startswith("项目名称"):
            parts: list[str] = []
            loc = None  # the cell the name starts in
            rest = normalize(texts[i])
            if rest.startswith("项目名称"):  # (the regex's literal, anchored)
                rest = _NAME_LABEL.sub("", rest)
            if rest:
                parts.append(rest)
                loc = i
            for j in range(i + 1, len(keys)):
                text = texts[j].strip()
                if text.startswith("项目名称"):
                    text = _NAME_LABEL.sub("", text)
                if text:
                    parts.append(text)
                    loc = j if loc is None else loc
            name = "".join(parts).strip()
            if name and loc is not None:
                out.append(("project_name", name, loc))
    return tuple(out)


def _head_row(st: _State, row: Row, keys: Sequence[str], first: int, joined: str) -> None:
    """A row above the grid; `first` is the index of its first non-empty key (the label)."""
    card = st.card
    texts = row.texts
    label = keys[first]
    if not card.project_code and _maybe_unit(st, row, first):
        return
    if "预算数" in joined:
        _read_money(st, row, keys)
        st.after_budget = True
        return
    if "支出计" in joined:
        st.plan_months = _plan_months(tuple(keys))
        st.after_budget = False
        return
    if st.plan_months is not None:
        _read_plan(st, row, keys)
        st.plan_months = None
        st.after_plan = True
        return
    if label.startswith("绩效目标") or st.after_plan:
        # OCR can put part of the goal on a row whose label is noise (`***`): keep it as goal text.
        start = 1 if label.startswith("绩效目标") or not _has_text(label) else 0
        if label.startswith("绩效目标"):
            rest = texts[first]
            if rest.startswith("绩效目标"):  # (the regex's literal, anchored)
                rest = _GOAL_LABEL.sub("", rest)
            rest = rest.strip()
            if rest:
                _add_goal(st, row, first, rest)
            start = first + 1
        for i in range(start, len(texts)):
            if texts[i].strip():
                _add_goal(st, row, i, texts[i])
        return
    if label.startswith("资金用途") or st.after_budget:
        start = first + 1 if label.startswith(("资金用途", "预算规模")) else 0
        used = [i for i in range(start, len(texts)) if texts[i].strip()]
        if used:
            card.fund_use = (card.fund_use + "".join(texts[i] for i in used)).strip()
            if "fund_use" not in card.locs:
                card.locs["fund_use"] = Loc(*row.position(used[0]))
        st.after_budget = False
        return


def _add_goal(st: _State, row: Row, i: int, text: str) -> None:
    if not st.goal_texts:
        st.goal_loc = Loc(*row.position(i))
    st.goal_texts.append(text)


def _has_text(key: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in key)


_MONEY_LABELS = (("预算数", "budget"), ("财政资金", "fiscal_funds"), ("其他资金", "other_funds"))


def _read_money(st: _State, row: Row, keys: Sequence[str]) -> None:
    card = st.card
    for attr, value, i in _money_fields(tuple(keys)):
        setattr(card, attr, value)
        card.locs[attr] = Loc(*row.position(i))


# A card's budget row recurs across cards in its layout and wording (the amounts less so): cached
# per distinct row. Bounded.
@lru_cache(maxsize=1 << 12)
def _money_fields(keys: tuple[str, ...]) -> tuple[tuple[str, float | None, int], ...]:
    """The money a budget row states, as (card attribute, amount, cell) in the order they are set
    (an attribute set twice keeps the later amount)."""
    out: list[tuple[str, float | None, int]] = []
    targets = _MONEY_LABELS
    keys = list(keys)  # (changed below)
    # OCR splits a label over two cells (`其中: 财政` | `资金`): join the halves back. (Only when a
    # label runs over a cell boundary: it is found in the keys run together, not in the cells.)
    together, apart = "".join(keys), "\n".join(keys)
    # (Plain loops, no generators: a budget row's amounts make most of them new rows.) A label in
    # the keys run together but not in them apart runs over a cell boundary.
    split = False
    for label, _ in targets:
        if label in together and together.count(label) != apart.count(label):
            split = True
            break
    for i in range(len(keys) - 1 if split else 0):
        joined = keys[i] + keys[i + 1]
        for label, _ in targets:
            if label in joined and label not in keys[i] and label not in keys[i + 1] and not _NUMBER.search(keys[i + 1]):
                keys[i], keys[i + 1] = joined, ""
    for i, k in enumerate(keys):
        if "预算数" not in k and "资金" not in k:  # (no label in it: the labels' literals)
            continue
        for label, attr in targets:
            if label not in k:
                continue
            tail = k.split(label, 1)[1].lstrip(":：")
            if tail and _NUMBER.match(tail):
                out.append((attr, _num(tail), i))
                break
            for j in range(i + 1, len(keys)):
                kj = keys[j]
                if not kj:
                    continue
                if "预算数" in kj or "财政资金" in kj or "其他资金" in kj:  # (a label of `targets`)
                    break
                value = _num(keys[j])
                if value is not None:
                    out.append((attr, value, j))
                break
            break
    return tuple(out)


# A card's spending-plan rows recur from card to card (the same periods, often the same shares): what
# they say is worked out once per distinct row, by the two cached functions below. Bounded.
@lru_cache(maxsize=1 << 12)
def _plan_months(keys: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """The periods of a plan's header row: (cell, `3月底`) in order, each once."""
    months: list[tuple[int, str]] = []
    seen: set[str] = set()
    for i, k in enumerate(keys):
        if "月" not in k:  # (the regex's literal)
            continue
        for m in _MONTH.finditer(k):
            key = f"{int(m.group(1))}月底"
            if key not in seen:
                seen.add(key)
                months.append((i, key))
    return tuple(months)


def _read_plan(st: _State, row: Row, keys: Sequence[str]) -> None:
    periods, pairs = _plan_values(st.plan_months or (), tuple(keys))
    plan: dict[str, float | None] = dict.fromkeys(periods)
    for month, i, v in pairs:
        plan[month] = v
        st.card.locs[f"spend_plan.{month}"] = Loc(*row.position(i))
    st.card.spend_plan = plan


@lru_cache(maxsize=1 << 12)
def _plan_values(
    months: tuple[tuple[int, str], ...], keys: tuple[str, ...],
) -> tuple[tuple[str, ...], tuple[tuple[str, int, float], ...]]:
    """A plan's values row read under its header's `months`: the periods in order, and each value
    found as (period, cell, value)."""
    values: list[tuple[int, float]] = []  # (cell, value)
    for i, k in enumerate(keys):
        if not k or ("计" in k or "划" in k) and not _PLAN_VALUE.search(k):
            continue
        for m in _PLAN_VALUE.finditer(k):
            values.append((i, float(m.group(1))))
    standard = ("3月底", "6月底", "10月底", "12月底")
    if len(values) == len(standard) > len(months) and all(m in standard for _, m in months):
        # OCR lost a period header but kept all four values: the periods are the standard four.
        months = tuple((values[n][0], m) for n, m in enumerate(standard))
    if len(values) == len(months):
        pairs = [(months[n][1], values[n]) for n in range(len(values))]
    else:
        pairs = []
        last = -1
        for i, v in values:
            # Same column first, else the nearest later month: OCR shifts columns but keeps order.
            free = [n for n in range(last + 1, len(months))]
            if not free:
                break
            same = [n for n in free if months[n][0] == i]
            n = same[0] if same else min(free, key=lambda n: (abs(months[n][0] - i), n))
            last = n
            pairs.append((months[n][1], (i, v)))
    return tuple(m for _, m in months), tuple((month, i, v) for month, (i, v) in pairs)


# A header row is the same in every card of a layout. Bounded.
@lru_cache(maxsize=1 << 8)
def _header(keys: tuple[str, ...]) -> tuple[tuple[int, ...], int]:
    """The fields of a header row's cells (`_columns`), and which of them is the 二级 (1 if none)."""
    columns = _columns(keys)
    return columns, columns.index(_L2) if _L2 in columns else 1


def _columns(keys: Sequence[str]) -> tuple[int, ...]:
    """Each header cell's field number (an unlabelled cell continues the field before it)."""
    cols: list[int] = []
    current = _L1
    for k in keys:
        if not k:
            pass
        elif "一级" in k:
            current = _L1
        elif "二级" in k:
            current = _L2
        elif "三级" in k:
            current = _NAME
        elif "依据" in k or "确定" in k:
            current = _BASIS
        elif "描述" in k or k == "绩效指标" or "内容" in k:
            current = _DESC
        elif "指标值" in k or k in ("目标值", "值"):
            current = _VALUE
        cols.append(current)
    return tuple(cols) or _DEFAULT_COLUMNS


@lru_cache(maxsize=1 << 12)
def _cell_fields(columns: tuple[int, ...], shift: int, n: int) -> tuple[int, ...]:
    """The field number of each of `n` cells in a grid row `shift` cells off a header of `columns`:
    cell `i` falls under header column `i - shift`, clamped to the first and last column."""
    last = len(columns) - 1
    return tuple(columns[min(max(i - shift, 0), last)] for i in range(n))


# Each field's cells, and a getter of the fields' texts when no field has more than one cell.
_Shape = tuple[tuple[tuple[int, ...], ...], "itemgetter[tuple[str, ...]] | None"]


# Grid rows come in a few shapes (header, shift, which cells hold text) across a whole province.
@lru_cache(maxsize=1 << 12)
def _shape(columns: tuple[int, ...], shift: int, filled: tuple[bool, ...]) -> _Shape:
    """The fields of a grid row `shift` cells off a header of `columns` whose cells hold text where
    `filled` is true: each field's cells (by field number, in order), and for a row whose fields are
    each at most one cell, an `itemgetter` of the fields' texts from the row's texts and a "" after
    them."""
    cell_fields = _cell_fields(columns, shift, len(filled))
    parts: list[list[int]] = [[], [], [], [], [], []]
    for i, has_text in enumerate(filled):
        if has_text:
            parts[cell_fields[i]].append(i)
    pick = None
    if all(len(p) <= 1 for p in parts):
        pick = itemgetter(*(p[0] if p else len(filled) for p in parts))
    return tuple(map(tuple, parts)), pick


# What a grid row says from its texts alone: its six fields' texts, each field's cells (indices into
# the texts, or into OCR's split ones: see `origin`), where OCR's split cells come from, how many of
# the name, description, value and basis are filled, whether the 二级 text is a 二级, the 一级 text if
# it is a 一级, and the value's parse (`ParsedValue` fields). All immutable: it is shared.
_Grid = tuple[
    tuple[str, str, str, str, str, str], tuple[tuple[int, ...], ...], "tuple[tuple[int, int], ...] | None",
    int, bool, str, tuple,
]


# Copy-paste makes many grid rows identical across cards (and a province repeats its templates):
# what a row says is worked out once per distinct row under the same header. Locations are not in
# it (the same texts stand on different lines): `_part_locs` works them out from the row. Bounded.
@lru_cache(maxsize=1 << 13)
def _read_grid(texts: tuple[str, ...], columns: tuple[int, ...], l2_col: int, ocr: bool) -> _Grid:
    """A grid row's fields under a header of `columns` whose 二级 is column `l2_col` (see `_Grid`)."""
    # Re-anchor on the 二级 cell when a row has more or fewer leading cells than the header.
    shift = 0
    l2_at = -1  # the 二级 cell found
    level2_keys = levels.level2_keys()
    for i, text in enumerate(texts[:4]):
        if compact(text) in level2_keys:
            shift = i - l2_col
            l2_at = i
            break
    # (A cell's key is empty exactly when its text is whitespace.)
    stripped = tuple(map(str.strip, texts))
    origin = None
    if ocr and (aligned := _ocr_fields(texts, stripped, l2_at if l2_at >= 0 else l2_col, columns, shift)):
        text, parts, origin = aligned
    else:
        # Each field's cells (by field number), as indices into `texts`, by the row's shape.
        parts, pick = _shape(columns, shift, tuple(map(bool, stripped)))
        if pick is not None:  # every field one cell or none: their texts by one C-level call
            text = pick((*stripped, ""))
        else:
            text = tuple("" if not p else stripped[p[0]] if len(p) == 1 else _join(f, texts, p)
                         for f, p in enumerate(parts))
    l1_text, l2_text, name, description, value, basis = text
    count = bool(name) + bool(description) + bool(value) + bool(basis)
    # (`is_level2`, `is_level1` by their sets of keys: a call less each, and `compact` is cached.)
    is_l2 = bool(l2_text) and compact(l2_text) in level2_keys
    explicit_l1 = l1_text if l1_text and compact(l1_text) in levels.level1_keys() else ""
    return text, parts, origin, count, is_l2, explicit_l1, value_fields(value)


def _grid_row(st: _State, row: Row) -> None:
    text, parts, origin, count, is_l2, explicit_l1, parsed = _read_grid(
        tuple(row.texts), st.columns, st.l2_col, st.layout == "ocr")
    l1_text, l2_text, name, description, value, basis = text
    indicators = st.card.indicators
    if indicators and not l1_text and not l2_text:
        continuation = (st.after_repeat and not (name and value and basis)) or (not name and not value)
        if continuation:
            _merge(indicators[-1], text, parts, row, origin)
            return
    if count < 2 and not is_l2:
        return
    if l2_text:
        st.level2 = l2_text
    level2 = st.level2
    # (The 一级 inferred from the 二级 only where it is used: a text layout's rows mostly name theirs.)
    if st.layout == "ocr":
        l1 = (levels.parent_of(level2) if level2 else None) or explicit_l1 or st.level1
    else:
        l1 = (explicit_l1 or (st.level1 if not l1_text else l1_text)
              or (levels.parent_of(level2) if level2 else None) or "")
    st.level1 = l1
    # Positional, every field given: keywords cost more, and the defaults would build a ParsedValue
    # to throw away. (Order: FIELDS, line, level1_inferred, parsed, locs.) A new ParsedValue per
    # indicator: rules may change theirs.
    indicators.append(Indicator(
        l1, level2, name, description, value, basis, row.line, not explicit_l1, ParsedValue(*parsed),
        (_part_locs, row, origin, parts),  # `deferred(...)`: most rows never need their locations
    ))


def _part_locs(row: Row, origin: Sequence[tuple[int, int]] | None,
               parts: Sequence[Sequence[int]]) -> dict[str, Loc]:
    """Where each field of a grid row starts (keyed by name, in FIELDS order): its first cell, or with
    `origin` (OCR split a cell) the cell `origin[k]` names, that many characters in."""
    lines, cols = row.positions()
    if origin is None:
        return {FIELDS[f]: Loc(lines[p[0]], cols[p[0]]) for f, p in enumerate(parts) if p}
    at = {FIELDS[f]: origin[p[0]] for f, p in enumerate(parts) if p}
    return {f: Loc(lines[i], cols[i] + into) for f, (i, into) in at.items()}


_KIND = [f.name for f in fields(ParsedValue)].index("kind")  # (in `value_fields`' tuples)
_MEASURABLE = frozenset(("percent", "money", "count", "duration", "date", "area", "length", "weight",
                         "score", "other", "number"))


def _ocr_fields(
    texts: Sequence[str], stripped: Sequence[str], l2_at: int, columns: tuple[int, ...], shift: int,
) -> tuple[tuple[str, ...], tuple[tuple[int, ...], ...], tuple[tuple[int, int], ...] | None] | None:
    """OCR headers and rows disagree on the number of cells; place 指标值 by what it looks like.

    After the 二级 (cell `l2_at`, else split off the name: `_split_level2_cell`) and the name come
    description pieces, the value, then basis pieces. The value is the rightmost cell that reads as
    a measurable value and is not the last cell (the basis), or the last cell when nothing follows
    it. A qualitative value is the second-to-last piece. `stripped`: the texts stripped. Returns the
    fields' texts, their cells as indices into the texts after a split, and where those texts come
    from when a cell was split (see `_part_locs`); None where the row's shape places the fields
    (`columns`, `shift`: the header and how far the row is off it).
    """
    origin = None
    shaped = stripped  # (the texts the row's shape is of, before any split)
    if not 0 <= l2_at < len(texts) or compact(texts[l2_at]) not in levels.level2_keys():
        split = _split_level2_cell(texts)
        if split is None:
            return None
        l2_at, texts, at = split
        origin = tuple(at)
        stripped = tuple(map(str.strip, texts))
    # The cells after the 二级 that hold text other than an OCR speck (at most three characters:
    # longer cells skip the regex).
    after = [k for k in range(l2_at + 1, len(texts))
             if (t := stripped[k]) and not (len(t) <= 3 and _OCR_SPECK.match(t))]
    if len(after) < 2:
        return None
    name, *rest = after
    # The rightmost measurable cell but the last, else the last if it is: tried from the right,
    # so most rows ask one cell (the value) what it reads as, not each piece of the description.
    # (`value_kind` written out.)
    last = len(rest) - 1
    v = -1
    for n in range(last - 1, -1, -1):
        if value_fields(texts[rest[n]])[_KIND] in _MEASURABLE:
            v = n
            break
    else:
        if value_fields(texts[rest[last]])[_KIND] in _MEASURABLE:
            v = last
    if v < 0:
        if len(rest) >= 3:
            v = len(rest) - 2
        elif len(rest) == 2:
            v = 1 if _shape(columns, shift, tuple(map(bool, shaped)))[0][_DESC] else 0
        else:
            return None
    # (The 二级 is mostly the second cell: its 一级 the first, if it holds text.)
    l1 = (() if not stripped[0] else (0,)) if l2_at == 1 else tuple([k for k in range(l2_at) if stripped[k]])
    desc, basis = rest[:v], rest[v + 1:]
    value = rest[v]
    # (In FIELDS order; a field of one cell is its stripped text, of several the general join.)
    text = ("" if not l1 else stripped[l1[0]] if len(l1) == 1 else " ".join(texts[k] for k in l1).strip(),
            stripped[l2_at], stripped[name],
            "" if not desc else stripped[desc[0]] if len(desc) == 1 else "".join(texts[k] for k in desc).strip(),
            stripped[value],
            "" if not basis else stripped[basis[0]] if len(basis) == 1 else "".join(texts[k] for k in basis).strip())
    return text, (l1, (l2_at,), (name,), tuple(desc), (value,), tuple(basis)), origin


def _split_level2_cell(texts: Sequence[str]) -> tuple[int, list[str], list[tuple[int, int]]] | None:
    """OCR may read the 二级 and the name as one cell (`社会效益指标 培训时长保障率`): split it.
    Returns the 二级's index, the texts after the split and where each comes from (cell, offset)."""
    for i, t in enumerate(texts[:3]):
        text = t.strip()
        for l2 in levels.level2_names():
            if text.startswith(l2) and len(text) > len(l2):
                tail = text[len(l2):].strip()
                origin = [(k, 0) for k in range(len(texts))]
                origin.insert(i + 1, (i, len(l2)))  # (the column of the cell's start, plus the 二级's length)
                return i, [*texts[:i], l2, tail, *texts[i + 1:]], origin
    return None


def _join(f: int, texts: Sequence[str], part: Sequence[int]) -> str:
    if f in (_L1, _L2):
        return " ".join(texts[k] for k in part).strip()
    return "".join(texts[k] for k in part).strip()


def _merge(prev: Indicator, text: Sequence[str], parts: Sequence[Sequence[int]], row: Row,
           origin: Sequence[tuple[int, int]] | None) -> None:
    for f in (_NAME, _DESC, _VALUE, _BASIS):
        more = text[f]
        if not more:
            continue
        name = FIELDS[f]
        old = getattr(prev, name)
        if old.endswith(more):
            continue
        setattr(prev, name, old + more)
        if name not in prev.locs and parts[f]:
            only = [p if g == f else [] for g, p in enumerate(parts)]
            prev.locs[name] = _part_locs(row, origin, only)[name]
    prev.parsed = parse_value(prev.value)


def _finish(st: _State) -> None:
    card = st.card
    if st.goal_texts and st.goal_loc is not None:
        card.goal_text = " ".join(t.strip() for t in st.goal_texts).strip()
        card.locs["goal_text"] = st.goal_loc
    if st.layout == "ocr" and card.title:
        card.project_name = _name_from_title(card.title)
        card.locs["project_name"] = card.locs["title"]
    elif not card.project_name and card.title:
        card.project_name = _name_from_title(card.title)
        card.locs["project_name"] = card.locs["title"]
