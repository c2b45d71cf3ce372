"""Read a 指标值 (`≥95%`, `≤3万元`, `12月底`, `提高`) into operator, number(s), unit and kind.

The operator and unit vocabularies come from `dictionaries/operators.toml` and `units.toml`.
Any string gives a result; text that is not a measurable value has kind ``qualitative``.
"""

from __future__ import annotations

import re
from dataclasses import fields
from functools import cache, lru_cache

import regex

from lint.dicts import load_toml
from lint.model import ParsedValue
from lint.text import normalize

_OP_SYMBOL = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}
# Digits as [0-9], not \d: the `regex` module's Unicode data is newer than float()'s, so \d takes
# digits float() refuses (U+11BF9). Cells are NFKC'd first, so full-width digits are ASCII here.
_NUM = r"(?P<num>[0-9]+(?:\.[0-9]+)?)"
# The patterns without `\p{...}` are the standard library's: its matcher costs half the `regex`
# module's on these (a value's number pattern, an alternation of every unit spelling, 7 k against
# 15.6 k instructions a match; the `regex` module also releases and retakes the GIL each call).
# Values are normalised first (their only whitespace is " "), so `\s` means the same to both.
_DATE = re.compile(
    r"^(?:(?P<year>[0-9]{4})\s*年\s*)?(?P<month>[0-9]{1,2})\s*月\s*"
    r"(?:(?P<day>[0-9]{1,2})\s*日|底|末|份|前|上旬|中旬|下旬|中|初)"
)
_YEAR_END = re.compile(r"^(?P<year>[0-9]{4})\s*年\s*(?:底|末|年底)")


@cache
def _tables() -> tuple[re.Pattern, re.Pattern, dict[str, tuple[str, str]], dict[str, float]]:
    ops = load_toml("operators.toml")
    prefix = {sp: _OP_SYMBOL[k] for k, spellings in ops["prefix"].items() for sp in spellings}
    suffix = {sp: _OP_SYMBOL[k] for k, spellings in ops["suffix"].items() for sp in spellings}
    units = load_toml("units.toml")
    spelling: dict[str, tuple[str, str]] = {}
    for kind, table in units.items():
        if kind == "money_factor":
            continue
        for canonical, spellings in table.items():
            for sp in [canonical, *spellings]:
                spelling.setdefault(normalize(sp), (canonical, kind))
    alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    number_re = re.compile(
        rf"^(?P<op>{alt(prefix)})?\s*{_NUM}\s*(?:(?:-|~|至|到)\s*(?P<num2>[0-9]+(?:\.[0-9]+)?))?\s*"
        rf"(?P<unit>{alt(spelling)})?\s*(?P<sfx>{alt(suffix)})?"
    )
    op_re = re.compile(rf"^(?P<op>{alt(prefix)})")
    tables = (number_re, op_re, spelling, units["money_factor"])
    _OPS_CACHE.update(prefix=prefix, suffix=suffix)
    _OP_FIRST.clear()
    _OP_FIRST.update(sp[0] for sp in prefix)
    return tables


_OPS_CACHE: dict[str, dict[str, str]] = {}
# The first characters of the prefix operators: `op_re` (anchored, an alternation of literals) can
# match only a text starting with one. Most values start with their number.
_OP_FIRST: set[str] = set()


_FIELDS = tuple(f.name for f in fields(ParsedValue))


def parse_value(raw: str) -> ParsedValue:
    """Parse one 指标值. Never raises: unknown forms come back as ``qualitative``."""
    # A new record per call (a caller may change its copy); the parse itself once per distinct text.
    return ParsedValue(*value_fields(raw))


# `ParsedValue`'s fields, in order, for the forms that need few of them.
_EMPTY = (None, None, None, None, "empty", None, None)
_QUALITATIVE = (None, None, None, None, "qualitative", None, None)
# Every form with a number (a date, a year, an amount) has an ASCII digit once normalised.
_ANY_DIGIT = re.compile("[0-9]")


# Values recur massively (`100%`, `≥95%`, `12月底`): the parse costs more than all the per-card
# rules together when done again for each. Bounded, so a province-wide run keeps flat memory.
@lru_cache(maxsize=1 << 14)
def value_fields(raw: str) -> tuple:
    """`parse_value(raw)`'s fields in order: `ParsedValue(*value_fields(raw))` is `parse_value(raw)`.
    The tuple is shared (cached), never changed."""
    # Built as tuples, not as a ParsedValue read back field by field: a new text is parsed once per
    # run, but a cold run (and OCR's alignment, which asks for every cell) parses thousands.
    text = normalize(raw or "")
    if not text:
        return _EMPTY
    number_re, op_re, spelling, factor = _tables()
    if len(text) > 200:
        return _QUALITATIVE
    body = text
    op = None
    m = op_re.match(body) if body[0] in _OP_FIRST else None
    if _ANY_DIGIT.search(body) is None:
        # No date, year or number can match (each needs a digit): at most an operator word is read,
        # as below (`_NUM_START` cannot match either). Most OCR cells the grid tries are text.
        return (_OPS_CACHE["prefix"][m[0]], *_QUALITATIVE[1:]) if m else _QUALITATIVE
    if m and not _NUM_START.match(body):
        op = _OPS_CACHE["prefix"][m[0]]
        body = body[m.end():].lstrip()
    # Groups are read by position (`groups()`, in the order the patterns name them): cheaper than by
    # name, and the `regex` module (these were its patterns) tried a name as an index first, the
    # failed conversion (an exception with its message) costing more than the match.
    # Each pattern only where its literal is (`月`, `年`, a leading `/`): most values are amounts.
    d = _DATE.match(body) if "月" in body else None
    if d:
        if d[0].rstrip().endswith("前") or "前" in body[d.end(): d.end() + 2]:
            op = op or "≤"
        year, month, _ = d.groups()
        return (op, float(month), float(year) if year else None, "月", "date", None, d[0])
    y = _YEAR_END.match(body) if "年" in body else None
    if y:
        return (op, 12.0, float(y[1]), "月", "date", None, y[0])
    m = number_re.match(body)
    if not m:
        return (op, *_QUALITATIVE[1:])
    m_op, num, num2, unit_raw, sfx = m.groups()
    if m_op:
        op = _OPS_CACHE["prefix"][m_op]
    if sfx and op is None:
        op = _OPS_CACHE["suffix"][sfx]
    number = float(num)
    number2 = float(num2) if num2 else None
    rest = body[m.end():].strip()
    if unit_raw is None:
        # A number followed by words (`2个村`, `3类人员`) that are not a unit: still a count.
        if rest and not rest[0].isdigit():
            return (op, number, number2, None, "count", None, None)
        return (op, number, number2, None, "number", None, None)
    unit, kind = spelling[unit_raw]
    if unit == "万元" and unit_raw == "万" and rest:
        # `20 万件`, `2万人次`: 万 is a multiplier of the count unit that follows, not money.
        after = number_re.match(f"1{rest}")
        after_unit = after.groups()[3] if after else None
        if after_unit and spelling[after_unit][1] != "money":
            unit, kind = spelling[after_unit]
            return (op, number, number2, f"万{unit}", kind, None, unit_raw + after_unit)
    per = _PER.match(rest) if rest[:1] == "/" else None
    money = None
    if kind == "money":
        money = round(number * float(factor.get(unit, 1.0)), 8)
    if per:
        # `1.1元/平方米`, `350元/人`: a rate; the unit keeps its denominator.
        unit = f"{unit}/{per.group(1)}"
    return (op, number, number2, unit, kind, money, unit_raw)


_NUM_START = re.compile(r"^[0-9]")
_PER = regex.compile(r"^/\s*([\p{Han}A-Za-z²]{1,4})")


_KIND = _FIELDS.index("kind")


def value_kind(raw: str) -> str:
    """`parse_value(raw).kind` without building the record (the OCR grid tries every cell)."""
    return value_fields(raw)[_KIND]
