"""The grid parser's per-header map from cells to fields (field numbers, cached per row shape)."""

import sys
import unicodedata
from pathlib import Path

import pytest

from lint.parse.cards import FIELDS, _cell_fields, _columns, _join, _shape
from lint.readers import read_text
from lint.readers.rows import split_rows

CORPUS = sorted(Path(__file__).parent.joinpath("data", "corpus").glob("0*.txt"))


def _names(fields: tuple[int, ...]) -> list[str]:
    return [FIELDS[f] for f in fields]


def test_columns_continue_the_field_before_an_unlabelled_cell():
    keys = ["一级指标", "二级指标", "三级指标", "", "指标值", "评(扣)分标准"]
    assert _names(_columns(keys)) == ["level1", "level2", "name", "name", "value", "value"]


def test_cell_fields_shift_and_clamp_to_the_header():
    columns = _columns(["一级指标", "二级指标", "三级指标", "指标值", "依据"])
    assert _names(_cell_fields(columns, 0, 5)) == ["level1", "level2", "name", "value", "basis"]
    # One cell short at the front (the merged 一级 is missing): every cell moves one column right.
    assert _names(_cell_fields(columns, -1, 4)) == ["level2", "name", "value", "basis"]
    # One cell more at the front, and more cells than columns: clamped to the first and last.
    assert _names(_cell_fields(columns, 1, 7)) == ["level1", "level1", "level2", "name", "value", "basis", "basis"]
    # Cached per (header, shift, cells).
    assert _cell_fields(columns, 0, 5) is _cell_fields(columns, 0, 5)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_a_shapes_getter_gives_the_general_join(path: Path) -> None:
    """Each field's cells are the cells the header puts under it, and where every field is at most
    one cell, the shape's getter gives the texts the general per-field join gives."""
    columns = _columns(["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"])
    picked = 0
    for row in split_rows(read_text(str(path)))[1]:
        texts = row.texts
        filled = tuple(bool(t.strip()) for t in texts)
        for shift in (-1, 0, 1):
            parts, pick = _shape(columns, shift, filled)
            under = _cell_fields(columns, shift, len(texts))
            assert parts == tuple(tuple(i for i in range(len(texts)) if filled[i] and under[i] == f)
                                  for f in range(len(FIELDS)))
            if pick is not None:
                picked += 1
                general = ["" if not p else _join(f, texts, list(p)) for f, p in enumerate(parts)]
                assert list(map(str.strip, pick((*texts, "")))) == general
    assert picked


def test_only_xiang_and_ji_normalise_to_themselves():
    """The grid loop skips a row's keys when its texts hold no 项 and no 级: exact because no other
    character's NFKC form (what `compact` applies) holds either."""
    others = [c for c in map(chr, range(sys.maxunicode + 1))
              if c not in "项级" and ("项" in (n := unicodedata.normalize("NFKC", c)) or "级" in n)]
    assert others == []
