"""`_read_grid` (a row's texts stripped once, OCR's alignment reading its fields' texts directly and
asking the cells right to left what they read as) gives what it gave before (`_reference` below,
the function as it was), over every row of the corpus documents and of a 10× synthetic corpus under
every header they have, and over made-up OCR rows (a 二级 run into its name, a 二级 far right,
specks, blanks, several measurable cells)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synth_files import write_corpus
from lint.parse import cards as cards_mod
from lint.parse import levels
from lint.parse.cards import (
    _DEFAULT_COLUMNS,
    _DESC,
    _KIND,
    _L1,
    _L2,
    _MEASURABLE,
    _OCR_SPECK,
    _columns,
    _join,
    _shape,
    _split_level2_cell,
)
from lint.parse.values import value_fields
from lint.readers import read_text
from lint.readers.rows import split_rows
from lint.text import compact

CORPUS = sorted(Path(__file__).parent.joinpath("data", "corpus").glob("0*.txt"))


def _reference(texts: tuple[str, ...], columns: tuple[int, ...], l2_col: int, ocr: bool):
    shift = 0
    level2_keys = levels.level2_keys()
    for i, text in enumerate(texts[:4]):
        if compact(text) in level2_keys:
            shift = i - l2_col
            break
    stripped = tuple(map(str.strip, texts))
    parts, pick = _shape(columns, shift, tuple(map(bool, stripped)))
    origin = None
    if ocr:
        aligned = _reference_align(parts, texts, l2_col + shift)
        if aligned is not None:
            fields, texts, at = aligned
            parts = tuple(map(tuple, fields))
            origin = tuple(at) if at is not None else None
            pick = None
    if pick is not None:
        text = pick((*stripped, ""))
    else:
        text = tuple("" if not p else texts[p[0]].strip() if len(p) == 1 else _join(f, texts, p)
                     for f, p in enumerate(parts))
    l1_text, l2_text, name, description, value, basis = text
    count = bool(name) + bool(description) + bool(value) + bool(basis)
    is_l2 = bool(l2_text) and compact(l2_text) in level2_keys
    explicit_l1 = l1_text if l1_text and compact(l1_text) in levels.level1_keys() else ""
    return text, parts, origin, count, is_l2, explicit_l1, value_fields(value)


def _reference_align(parts: Sequence[Sequence[int]], texts: Sequence[str], l2_at: int):
    origin = None
    if not 0 <= l2_at < len(texts) or compact(texts[l2_at]) not in levels.level2_keys():
        split = _split_level2_cell(texts)
        if split is None:
            return None
        l2_at, texts, origin = split
    after = [k for k in range(l2_at + 1, len(texts))
             if (t := texts[k].strip()) and not (len(t) <= 3 and _OCR_SPECK.match(t))]
    if len(after) < 2:
        return None
    name, rest = after[0], after[1:]
    value_like = [n for n, k in enumerate(rest) if value_fields(texts[k])[_KIND] in _MEASURABLE]
    if value_like:
        inner = [n for n in value_like if n < len(rest) - 1]
        v = max(inner) if inner else max(value_like)
    elif len(rest) >= 3:
        v = len(rest) - 2
    elif len(rest) == 2:
        v = 0 if not parts[_DESC] else 1
    else:
        return None
    fields = [[k for k in range(l2_at) if texts[k].strip()], [l2_at], [name], rest[:v], [rest[v]], rest[v + 1:]]
    return fields, texts, origin


def _same(texts: tuple[str, ...], columns: tuple[int, ...], l2_col: int, ocr: bool) -> None:
    assert cards_mod._read_grid.__wrapped__(texts, columns, l2_col, ocr) == _reference(texts, columns, l2_col, ocr), texts


@pytest.fixture(scope="module")
def table_rows(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[tuple[str, ...]], set[tuple[int, ...]]]:
    """Every distinct table row's texts of the corpus and of a 10× corpus, and every header's columns."""
    folder = tmp_path_factory.mktemp("x10")
    write_corpus(10, folder)
    rows: set[tuple[str, ...]] = set()
    headers = {_DEFAULT_COLUMNS}
    for p in [*CORPUS, *sorted(folder.rglob("*.txt"))]:
        for row in split_rows(read_text(str(p)))[1]:
            if not row.is_table:
                continue
            rows.add(tuple(row.texts))
            keys = tuple(map(compact, row.texts))
            if any("一级" in k for k in keys) and any("二级" in k for k in keys):
                headers.add(_columns(keys))
    return rows, headers


def test_every_row_reads_as_before_under_every_header(table_rows):
    rows, headers = table_rows
    assert len(rows) > 3_000 and len(headers) > 3
    aligned = 0
    for texts in rows:
        for columns in headers:
            l2_col = columns.index(_L2) if _L2 in columns else 1
            for ocr in (False, True):
                _same(texts, columns, l2_col, ocr)
            aligned += cards_mod._read_grid.__wrapped__(texts, columns, l2_col, True)[2] is not None
    assert aligned  # (OCR's split 二级 cell was met)


_LEVEL2 = levels.level2_names()
_CELLS = st.one_of(
    st.sampled_from(["", " ", "  ", "\t", "t", "È", "! E", "*r ** 1k 1-", "|", "x y"]),  # blanks, specks
    st.sampled_from(_LEVEL2),
    st.sampled_from(["产出指标", "效益指标", "满意度指标", "一级指标"]),
    st.sampled_from(["≥95%", "100%", "12月底", "≤3万元", "16 人", "提高", "良好", "0.1万元", "2024年底"]),
    st.sampled_from(["补助人数", "离休干部就医的比例", "满意度调查", " 政策清单 ", "冀财社【2022】156号"]),
    st.builds(lambda l2, tail: f"{l2}{tail}", st.sampled_from(_LEVEL2), st.sampled_from(["", " ", "培训时长", " 人数 "])),
    st.text(alphabet="指标值人%0123456789 ", max_size=6),
)


@settings(max_examples=3000, deadline=None)
@given(texts=st.lists(_CELLS, min_size=1, max_size=12).map(tuple),
       header=st.sampled_from([_DEFAULT_COLUMNS, (_L1, _L2, 2, 3, 3, 4, 5), (_L1, _L1, _L1, _L1, _L2, 2, 4, 5),
                               (_L2, 2, 4), (_L1, 2, 3, 4, 5)]),
       ocr=st.booleans())
def test_made_up_rows_read_as_before(texts, header, ocr):
    l2_col = header.index(_L2) if _L2 in header else 1
    _same(texts, header, l2_col, ocr)
