"""The per-row helpers several rules share (`_cardrows`): a row's key, whether it is a placeholder
row, its effective 一级, on full-width and spaced cells, and again after the row is changed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lint.model import Indicator
from lint.rules._cardrows import effective_level1, is_placeholder_row, placeholder_words, row_key
from lint.text import compact


def test_key_of_full_width_and_spaced_cells():
    # Full-width digits and percent sign, ideographic and no-break spaces inside the cells.
    ind = Indicator(level1="产出指标", level2="数量指标", name="培训　人次", description="全年\u00a0培训",
                    value="≥１００％")
    assert row_key(ind) == ("培训人次", "全年培训", "≥100%")
    assert not is_placeholder_row(ind)
    assert effective_level1(ind) == "产出指标"


def test_placeholder_row_with_spaces_and_an_empty_cell():
    # `涉 密` with a full-width space is the redacted word; an empty cell does not spoil it.
    assert is_placeholder_row(Indicator(name="涉　密", description="涉密", value=""))
    # All empty: nothing to own.
    assert not is_placeholder_row(Indicator(name=" ", description="", value="　"))
    # One real cell: not a placeholder row.
    assert not is_placeholder_row(Indicator(name="涉密", description="涉密", value="10人"))


def test_level1_from_the_parent_of_the_level2_when_level1_is_not_one():
    # `数量` is an alias of 数量指标, under 产出指标; the 一级 cell holds a 二级 by mistake.
    assert effective_level1(Indicator(level1="数量指标", level2="数 量")) == "产出指标"
    # `服务对象 满意度` (spaced, short form) is 服务对象满意度指标, under 满意度指标.
    assert effective_level1(Indicator(level1="", level2="服务对象 满意度")) == "满意度指标"
    # 满意度指标 is a 一级, not a 二级: it has no parent.
    assert effective_level1(Indicator(level1="", level2="满意度指标")) == ""
    assert effective_level1(Indicator(level1="", level2="不存在的指标")) == ""


def test_a_row_changed_in_place_is_worked_out_again():
    ind = Indicator(level1="", level2="数量指标", name="涉密", description="涉密", value="涉密")
    assert is_placeholder_row(ind)
    assert effective_level1(ind) == "产出指标"
    ind.value = "１２次"
    ind.level2 = "时效指标"
    assert not is_placeholder_row(ind)
    assert row_key(ind) == ("涉密", "涉密", "12次")
    assert effective_level1(ind) == "产出指标"
    ind.level2 = "服务对象满意度指标"
    assert effective_level1(ind) == "满意度指标"


_CELLS = st.sampled_from(["", " ", "　", "涉密", "涉　密", "0", "无", "/", "培训人次", "１２次", "≥95%"])


@given(_CELLS, _CELLS, _CELLS)
def test_placeholder_row_is_every_filled_cell_a_placeholder(name: str, description: str, value: str):
    # The definition, cell by cell: every cell empty or a placeholder word, and one cell filled.
    keys = [compact(t) for t in (name, description, value)]
    expected = all(not k or k in placeholder_words() for k in keys) and any(keys)
    assert is_placeholder_row(Indicator(name=name, description=description, value=value)) == expected


def test_repeated_name_is_needed_for_a_repeated_row(ocr_doc, md_doc, word_doc):
    from lint.model import Card
    from lint.rules._cardrows import has_repeated_name

    # Names equal once compacted (a full-width space) count as repeated.
    assert has_repeated_name(Card(indicators=[Indicator(name="培训　人次"), Indicator(name="培训人次")]))
    assert not has_repeated_name(Card(indicators=[Indicator(name="培训人次"), Indicator(name="培训天数")]))
    assert not has_repeated_name(Card())
    # On the corpus: a card with two rows of one key always passes the test, and some cards fail it.
    cards = [card for doc in (ocr_doc, md_doc, word_doc) for card in doc.cards]
    for card in cards:
        keys = [row_key(ind) for ind in card.indicators]
        if len(set(keys)) < len(keys):
            assert has_repeated_name(card)
    assert any(has_repeated_name(c) for c in cards) and not all(has_repeated_name(c) for c in cards)


def test_rows_picked_by_map_are_the_rows_the_predicates_accept(ocr_doc, md_doc, word_doc):
    # The C-level pickers must select exactly the rows, in order, that the per-row tests select.
    from lint.rules._cardrows import level1s
    from lint.rules._kinds import (
        cost_rows,
        is_cost_row,
        is_timeliness_row,
        money_rows,
        percent_rows,
        rows_of_kind,
        timeliness_rows,
    )

    cards = [card for doc in (ocr_doc, md_doc, word_doc) for card in doc.cards]
    for card in cards:
        inds = card.indicators
        assert level1s(card) == [effective_level1(ind) for ind in inds]
        assert cost_rows(card) == [ind for ind in inds if is_cost_row(ind)]
        assert timeliness_rows(card) == [ind for ind in inds if is_timeliness_row(ind)]
        for kind in ("money", "qualitative", "percent"):
            assert rows_of_kind(card, kind) == [ind for ind in inds if ind.parsed.kind == kind]
        assert money_rows(card) == rows_of_kind(card, "money")
        assert percent_rows(card) == rows_of_kind(card, "percent")
    # Each picker picks something somewhere, and not every row.
    rows = [ind for card in cards for ind in card.indicators]
    for picked in ([i for c in cards for i in cost_rows(c)], [i for c in cards for i in timeliness_rows(c)],
                   [i for c in cards for i in rows_of_kind(c, "money")]):
        assert 0 < len(picked) < len(rows)


def test_cost_row_from_either_level_and_a_row_changed_in_place():
    from lint.rules._kinds import cost_rows, is_cost_row

    ind = Indicator(level1="产出指标", level2="成本 指标")
    assert is_cost_row(ind)
    assert is_cost_row(Indicator(level1="成本指标", level2="经济成本指标"))
    ind.level2 = "数量指标"
    assert not is_cost_row(ind)
    from lint.model import Card

    assert cost_rows(Card(indicators=[ind, Indicator(level1="成本指标")])) == [Indicator(level1="成本指标")]


def test_level2_keys_are_all_accepted_by_is_level2(ocr_doc, md_doc, word_doc):
    # ST004 skips a card whose 二级 keys are all in level2_keys(): each must be a known 二级.
    from lint.parse import levels

    assert all(levels.is_level2(k) for k in levels.level2_keys())
    # And the corpus' own 二级 cells that is_level2 accepts are (nearly all) found in the set.
    keys = {compact(ind.level2) for doc in (ocr_doc, md_doc, word_doc) for c in doc.cards for ind in c.indicators}
    known = {k for k in keys if k and levels.is_level2(k)}
    assert known and known <= levels.level2_keys()


def test_money_unit_only_values():
    from lint.rules._kinds import is_money_unit_only

    assert is_money_unit_only(Indicator(value="万元"))
    assert is_money_unit_only(Indicator(value=" 万 元 "))
    assert is_money_unit_only(Indicator(value="元"))
    assert not is_money_unit_only(Indicator(value="100万元"))
    assert not is_money_unit_only(Indicator(value=""))
    assert not is_money_unit_only(Indicator(value="人次"))
