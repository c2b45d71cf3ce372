"""`value_fields` (tuples built directly, a short cut for texts without a digit) gives what the
record-building parse it replaced gives (`_reference` below, the parse as it was), over every cell of
the corpus documents and of a 10× synthetic corpus, the operator words next to digit-free text, and
arbitrary strings."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.model import ParsedValue
from lint.parse import values
from lint.parse.values import _OPS_CACHE, _PER, _tables
from lint.text import normalize

CORPUS = sorted(Path(__file__).parent.joinpath("data", "corpus").glob("0*.txt"))
_FIELDS = ("op", "number", "number2", "unit", "kind", "money_wan", "unit_raw")


# The reference matches with the `regex` module, as the parse did, the patterns (same text) now
# compiled by the standard library's `re` in `values`.
_DATE = regex.compile(values._DATE.pattern)
_YEAR_END = regex.compile(values._YEAR_END.pattern)
_NUM_START = regex.compile(values._NUM_START.pattern)


@cache
def _reference_tables() -> tuple:
    number_re, op_re, spelling, factor = _tables()
    return regex.compile(number_re.pattern), regex.compile(op_re.pattern), spelling, factor


def _reference(raw: str) -> tuple:
    pv = _reference_record(raw)
    return tuple(getattr(pv, f) for f in _FIELDS)


def _reference_record(raw: str) -> ParsedValue:
    text = normalize(raw or "")
    if not text:
        return ParsedValue(kind="empty")
    number_re, op_re, spelling, factor = _reference_tables()
    if len(text) > 200:
        return ParsedValue(kind="qualitative")
    body = text
    op = None
    m = op_re.match(body)
    if m and not _NUM_START.match(body):
        op = _OPS_CACHE["prefix"][m.group("op")]
        body = body[m.end():].lstrip()
    d = _DATE.match(body)
    if d:
        if d.group(0).rstrip().endswith("前") or "前" in body[d.end(): d.end() + 2]:
            op = op or "≤"
        year = d.group("year")
        return ParsedValue(
            op=op, number=float(d.group("month")), number2=float(year) if year else None,
            unit="月", kind="date", unit_raw=d.group(0),
        )
    y = _YEAR_END.match(body)
    if y:
        return ParsedValue(op=op, number=12.0, number2=float(y.group("year")), unit="月", kind="date",
                           unit_raw=y.group(0))
    m = number_re.match(body)
    if not m:
        return ParsedValue(op=op, kind="qualitative")
    if m.group("op"):
        op = _OPS_CACHE["prefix"][m.group("op")]
    if m.group("sfx") and op is None:
        op = _OPS_CACHE["suffix"][m.group("sfx")]
    number = float(m.group("num"))
    number2 = float(m.group("num2")) if m.group("num2") else None
    unit_raw = m.group("unit")
    rest = body[m.end():].strip()
    if unit_raw is None:
        # A number followed by words (`2个村`, `3类人员`) that are not a unit: still a count.
        if rest and not rest[0].isdigit():
            return ParsedValue(op=op, number=number, number2=number2, kind="count", unit_raw=None)
        return ParsedValue(op=op, number=number, number2=number2, kind="number")
    unit, kind = spelling[unit_raw]
    if unit == "万元" and unit_raw == "万" and rest:
        # `20 万件`, `2万人次`: 万 is a multiplier of the count unit that follows, not money.
        after = number_re.match(f"1{rest}")
        if after and after.group("unit") and spelling[after.group("unit")][1] != "money":
            unit, kind = spelling[after.group("unit")]
            return ParsedValue(op=op, number=number, number2=number2, unit=f"万{unit}", kind=kind,
                               unit_raw=unit_raw + after.group("unit"))
    per = _PER.match(rest)
    money = None
    if kind == "money":
        money = round(number * float(factor.get(unit, 1.0)), 8)
    if per:
        # `1.1元/平方米`, `350元/人`: a rate; the unit keeps its denominator.
        unit = f"{unit}/{per.group(1)}"
    return ParsedValue(op=op, number=number, number2=number2, unit=unit, kind=kind, money_wan=money,
                       unit_raw=unit_raw)



def _same(raw: str) -> None:
    got = values.value_fields.__wrapped__(raw)
    assert got == _reference(raw), raw
    assert got == values.value_fields(raw)


def test_the_fields_are_the_records_fields():
    assert tuple(f for f in ParsedValue.__dataclass_fields__) == _FIELDS


def test_every_corpus_cell_parses_as_before(cells):
    assert len(cells) > 5_000
    digit_free = 0
    for text in cells:
        _same(text)
        digit_free += values._ANY_DIGIT.search(normalize(text)) is None
    assert digit_free > 1_000  # (the short cut was taken)


_tables()  # (fills _OPS_CACHE)


@pytest.mark.parametrize("op", sorted(_OPS_CACHE["prefix"]))
@pytest.mark.parametrize("tail", ["", "提高", " 良好", "95%", "一百", "１２月", "②", "¹", "x" * 199, "x" * 200])
def test_operator_words_before_text_and_numbers(op, tail):
    _same(op + tail)
    _same(tail + op)


@settings(max_examples=1000, deadline=None)
@given(st.text())
def test_any_string_parses_as_before(raw):
    _same(raw)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from("≥≤<>=至到~-.%万元人天年月日底前个次 0123456789０１２３①¹提高不低于以上内/平方米")))
def test_value_like_strings_parse_as_before(raw):
    _same(raw)


@pytest.mark.parametrize("raw", ["350元/人", "1.1元/平方米", "5 元 / 人次", "3万元/", "/人", "12月/年", "2024年底/", "大于5"])
def test_rates_dates_and_operators_parse_as_before(raw):
    # (`_PER`, `_DATE`, `_YEAR_END` and `op_re` run only where their literal is.)
    _same(raw)
    _same(f"≥{raw}")


def test_groups_are_read_in_the_order_the_patterns_name_them():
    # (`value_fields` unpacks `groups()` by position.)
    number_re = _tables()[0]
    assert type(_reference_tables()[0]) is not type(number_re)  # (the reference is the other module's)
    assert number_re.groupindex == {"op": 1, "num": 2, "num2": 3, "unit": 4, "sfx": 5}
    assert _DATE.groupindex == {"year": 1, "month": 2, "day": 3}
    assert _YEAR_END.groupindex == {"year": 1}
