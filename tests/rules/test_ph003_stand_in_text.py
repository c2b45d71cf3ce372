from __future__ import annotations

from tests.conftest import WORD
from tests.rules import at, run


def test_zero_description_in_004_card_1(word_doc):
    # 004 lines 317-322: 成本指标 / 控制成本 / 0 / ≥90百分比 / 对设备维修及时情况.
    [f] = at(run(word_doc, "PH003"), 321)
    assert (f.code, f.line, f.column, f.field, f.text) == ("PH003", 321, 2, "description", "0")
    assert f.indicator == "控制成本"


def test_filled_row_above_is_clean(word_doc):
    # 004 lines 297-302: 数量指标 / 政府院内等设施正常使用率 (name and description) / 100百分比.
    assert at(run(word_doc, "PH003"), 300) == []


def test_every_zero_cell_of_004_and_only_those(word_doc):
    # Oracle from the text itself: cells that are exactly `0` inside the cards (from line 252 on),
    # except the 其他资金 amount of each header, are the `0` descriptions.
    lines = WORD.read_text(encoding="utf-8").split("\n")
    zero_cells = [
        n for n, text in enumerate(lines, 1)
        if n >= 252 and text == "\t0" and lines[n - 2].strip() != "其他资金"
    ]
    found = run(word_doc, "PH003")
    assert sorted(f.line for f in found) == zero_cells
    assert {f.field for f in found} == {"description"}


def test_zero_value_is_not_a_stand_in(md_doc):
    # 002 line 1065 `返贫户数 | 0户`, line 1283 `…重大群体性事件数量 | 0 起`: real targets.
    assert run(md_doc, "PH003") == []
