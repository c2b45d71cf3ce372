"""The parser runs some regexes only where a cheap test says they can match (a literal they need, a
first digit, a length): the test never turns a match away, checked here over every cell of the
corpus documents and of a 10× synthetic corpus, over every code point for the tests made of a
character class, and over strings built around each regex's literal. Likewise the rows `parse_cards`
hands `budget_year_of` as the only ones that may state the year."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synth_files import write_corpus
from lint.parse import cards
from lint.parse.document import budget_year_of
from lint.readers import read_text
from lint.readers.rows import Row, split_rows
from lint.text import compact

CORPUS = sorted(Path(__file__).parent.joinpath("data", "corpus").glob("0*.txt"))

# (regex, the guard the parser runs first, how the parser calls the regex)
GUARDS = {
    "field code": (cards._FIELD_CODE, lambda t: "TC" in t or "\\f" in t, "search"),
    "table of contents": (cards._TOC, lambda t: "...." in t or "……" in t or "·" in t, "search"),
    "unit line": (cards._UNIT_LINE, lambda t: t[:1].isdecimal(), "match"),
    "name label": (cards._NAME_LABEL, lambda t: t.startswith("项目名称"), "search"),
    "goal label": (cards._GOAL_LABEL, lambda t: t.startswith("绩效目标"), "search"),
    "OCR speck": (cards._OCR_SPECK, lambda t: len(t) <= 3, "match"),
}


def _never_turns_a_match_away(text: str) -> None:
    for name, (regex, guard, how) in GUARDS.items():
        # (The unit line and the speck are matched against stripped text.)
        probe = text.strip() if name in ("unit line", "OCR speck") else text
        if getattr(regex, how)(probe) is not None:
            assert guard(probe), (name, text)


def test_every_corpus_cell(cells):
    for text in cells:
        _never_turns_a_match_away(text)


def test_a_digit_to_the_regex_is_a_decimal_character():
    digit = re.compile(r"\d")
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        assert (digit.match(ch) is not None) == ch.isdecimal(), hex(cp)


LITERALS = ["TC", "\\f", "....", "……", "·", "项目名称", "绩效目标", "123456", "１２３４５６", "表"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(LITERALS), st.text(max_size=4),
                          st.sampled_from([" ", "\t", "\n", "\u3000", ":", "：", "A", "Z", ".", "…"])),
                max_size=8))
def test_strings_around_the_literals(parts):
    _never_turns_a_match_away("".join(parts))


@pytest.mark.parametrize("text", ["5、门卫经费绩效目标表", "5、门卫经费绩效目标表 TC \"1\"", "目录........绩效目标表",
                                  "绩效目标表 \\f C", "3、·· 绩效目标表", " 12、 村级组织运转经费绩效目标表 ", "表"])
def test_card_title_is_the_unguarded_one(text):
    row = Row(line=1, is_table=False, texts=[text])
    expected = cards._FIELD_CODE.sub("", text).strip()
    expected = None if len(expected) > 160 or cards._TOC.search(expected) else expected
    if expected is not None and not cards.compact(expected).endswith("绩效目标表"):
        expected = None
    assert cards.card_title(row) == expected


def test_the_year_rows_parse_cards_collects_hold_every_row_stating_a_year(tmp_path):
    write_corpus(10, tmp_path)
    docs = 0
    for p in [*CORPUS, *sorted(tmp_path.rglob("*.txt"))]:
        layout, rows = split_rows(read_text(str(p)))
        year_rows: list[Row] = []
        found = cards.parse_cards(rows, layout, year_rows)
        assert [c.model_dump() for c in found] == [c.model_dump() for c in cards.parse_cards(rows, layout)]
        stating = [r for r in rows if any("预算年度" in t for t in r.texts)]
        assert len(set(map(id, year_rows))) == len(year_rows)  # each once
        assert [r for r in year_rows if r in stating] == stating  # all of them, in order
        assert budget_year_of(rows, found, year_rows) == budget_year_of(rows, found)
        docs += bool(stating)
    assert docs > 10


@settings(max_examples=2000, deadline=None)
@given(st.text(max_size=6), st.text(max_size=6))
def test_a_key_keeps_the_year_label(before, after):
    # (Why `parse_cards` may look for 预算年度 in a row's joined keys instead of its texts.)
    assert "预算年度" in compact(before + "预算年度" + after)
