"""The grid parser's per-header map from cells to fields (field numbers, cached per row shape)."""

from lint.model import Card
from lint.parse.cards import FIELDS, _cell_fields, _columns, _State


def _names(fields: tuple[int, ...]) -> list[str]:
    return [FIELDS[f] for f in fields]


def test_columns_continue_the_field_before_an_unlabelled_cell():
    keys = ["一级指标", "二级指标", "三级指标", "", "指标值", "评(扣)分标准"]
    assert _names(_columns(keys)) == ["level1", "level2", "name", "name", "value", "value"]


def test_cell_fields_shift_and_clamp_to_the_header():
    st = _State(card=Card(), layout="word")
    st.columns = _columns(["一级指标", "二级指标", "三级指标", "指标值", "依据"])
    assert _names(_cell_fields(st, 0, 5)) == ["level1", "level2", "name", "value", "basis"]
    # One cell short at the front (the merged 一级 is missing): every cell moves one column right.
    assert _names(_cell_fields(st, -1, 4)) == ["level2", "name", "value", "basis"]
    # One cell more at the front, and more cells than columns: clamped to the first and last.
    assert _names(_cell_fields(st, 1, 7)) == ["level1", "level1", "level2", "name", "value", "basis", "basis"]
    # Cached per (shift, cells) until the next header clears it.
    assert _cell_fields(st, 0, 5) is _cell_fields(st, 0, 5)
