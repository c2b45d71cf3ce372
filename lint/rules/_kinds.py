"""What an indicator measures and which way it points, from its name, level and parsed value.

Shared by the unit_mismatch (UM), illogical_operator (IO) and budget_inconsistency (BI) rules. The
word lists are data: `dictionaries/indicator_kinds.toml`, `directions.toml` and `budget.toml`.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import compress, starmap
from operator import attrgetter

from lint.dicts import load_toml
from lint.model import Card, Indicator
from lint.parse.levels import canonical, parent_of
from lint.text import compact, normalize

_PARENS = re.compile(r"\([^()]*\)")
_COST_LEVEL = "成本指标"
# What a name says is looked up by several rules for every row, and names recur across cards
# (满意度, 完成率 …): the answers are cached per name. The word lists are fixed for the process
# (`load_toml`); bounded, so a province-wide run keeps flat memory.
_NAMES = 1 << 14


@lru_cache(maxsize=_NAMES)
def name_key(name: str) -> str:
    """The name compacted, with `(%)`, `(人)`, `(年)` asides removed (they restate the unit)."""
    return _PARENS.sub("", compact(name))


@cache
def kinds() -> dict:
    return load_toml("indicator_kinds.toml")


@cache
def directions() -> dict:
    return load_toml("directions.toml")


@cache
def budget_settings() -> dict:
    return load_toml("budget.toml")


def _any(words: list[str], text: str) -> str | None:
    """The longest of `words` in `text` (the first listed on a tie), or None."""
    for w in _longest_first(tuple(words)):
        if w in text:
            return w
    return None


@lru_cache(maxsize=64)  # a few fixed lists
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=_NAMES)
def is_rate_name(name: str) -> bool:
    key = name_key(name)
    k = kinds()
    if not key or _any(k["not_rate"], key):
        return False
    return key.endswith(tuple(k["rate_suffixes"])) or _any(k["rate_anywhere"], key) is not None


@lru_cache(maxsize=_NAMES)
def is_count_name(name: str) -> bool:
    key = name_key(name)
    return bool(key) and key.endswith(tuple(kinds()["count_suffixes"]))  # (any of them)


def level2_of(ind: Indicator) -> str:
    return canonical(ind.level2)


def is_cost_row(ind: Indicator) -> bool:
    """A row of 成本指标: as a 二级 under 产出 (before 2021), or a 一级 of its own (经济成本指标 …)."""
    return is_cost_levels(ind.level1, ind.level2)


# A few dozen distinct (一级, 二级) pairs in a province. Bounded (OCR garbles).
@lru_cache(maxsize=1 << 12)
def is_cost_levels(level1: str, level2: str) -> bool:
    l1, l2 = canonical(level1), canonical(level2)
    return _COST_LEVEL in (l1, l2) or parent_of(l2) == _COST_LEVEL


def is_timeliness_row(ind: Indicator) -> bool:
    return canonical(ind.level2) == TIMELINESS_LEVEL


# -- the rows a rule looks at, picked without a loop in Python ------------------------------
# Most rules look at a few rows of each card (its money values, its 成本 rows): they are picked by
# C-level `map`s and `compress`, so the other rows cost no Python bytecode and no function call.
KIND = attrgetter("parsed.kind")
LEVELS = attrgetter("level1", "level2")
LEVEL2 = attrgetter("level2")
TIMELINESS_LEVEL = "时效指标"


def rows_of_kind(card: Card, kind: str) -> list[Indicator]:
    """The rows whose 指标值 parsed as `kind` (`money`, `qualitative` …), in order."""
    inds = card.indicators
    return list(compress(inds, map(kind.__eq__, map(KIND, inds))))


def money_rows(card: Card) -> list[Indicator]:
    """`rows_of_kind(card, "money")`: the only rows for which `money_wan` is not None."""
    return rows_of_kind(card, "money")


def percent_rows(card: Card) -> list[Indicator]:
    """`rows_of_kind(card, "percent")` (IO002, IO005, UM003 look at no other row)."""
    return rows_of_kind(card, "percent")


def cost_rows(card: Card) -> list[Indicator]:
    """The rows for which `is_cost_row` holds, in order."""
    inds = card.indicators
    return list(compress(inds, starmap(is_cost_levels, map(LEVELS, inds))))


def timeliness_rows(card: Card) -> list[Indicator]:
    """The rows for which `is_timeliness_row` holds, in order."""
    inds = card.indicators
    return list(compress(inds, map(TIMELINESS_LEVEL.__eq__, map(canonical, map(LEVEL2, inds)))))


@cache
def _count_unit_chars() -> frozenset[str]:
    spellings = load_toml("units.toml")["count"]
    return frozenset(normalize(s)[0] for table in spellings.values() for s in table if s)


def money_wan(ind: Indicator) -> float | None:
    """The value in 万元, or None when it is not money.

    `≥20万件` (200 000 items) reads as `20 万` plus junk: a `万` followed by a count unit is a count.
    """
    pv = ind.parsed
    if pv.kind != "money" or pv.money_wan is None:
        return None
    if pv.unit_raw == "万":
        text = normalize(ind.value)
        at = text.find("万")
        after = text[at + 1: at + 2] if at >= 0 else ""
        if after and after in _count_unit_chars():
            return None
    return pv.money_wan


def is_money_unit_only(ind: Indicator) -> bool:
    """A value that is a money unit with no number (`万元`, `元`): the amount was never filled in."""
    key = compact(ind.value)
    return bool(key) and key in _money_unit_keys()


@cache
def _money_unit_keys() -> frozenset[str]:
    """Every spelling of a money unit in `units.toml`, normalised."""
    return frozenset(normalize(s) for table in load_toml("units.toml")["money"].values() for s in table)


def is_per_unit(ind: Indicator) -> bool:
    """A per-unit amount (`350元/人`, `补助标准`, `平均每个村级组织每年办公费用`)."""
    if ind.parsed.unit and "/" in ind.parsed.unit:
        return True
    return _says_per_unit(name_key(ind.name)) or _says_per_unit(compact(ind.description))


# BI002 asks it of every cost row over the budget candidates: names and descriptions recur. Bounded.
@lru_cache(maxsize=_NAMES)
def _says_per_unit(key: str) -> bool:
    return _any(kinds()["per_unit"], key) is not None


@lru_cache(maxsize=_NAMES)
def _direction_match(name: str) -> tuple[str, str] | None:
    """The direction word that ends last in the name (longest on a tie), and its section.

    The head of a Chinese noun phrase is at its end: `违规基金追缴率` is a 追缴率 (positive) about
    违规 funds, `投诉办结率` a 办结率; `不合格率` beats `合格率` by length.
    """
    key = name_key(name)
    sections, longest, lasts = _direction_words()
    if longest is None:  # (an empty word in the lists: every search below would be wrong)
        return _direction_match_by_search(key)
    # From the end of the name backwards, the longest word first: the first word found ends last
    # and is the longest of those that do, as `_direction_match_by_search` picks it, in a few
    # dict lookups instead of a search for each of the ninety words. A word can end only at one of
    # the characters words end with (率, 度, 规 …).
    for end in range(len(key), 0, -1):
        if key[end - 1] not in lasts:
            continue
        for size in range(min(longest, end), 0, -1):
            section = sections.get(key[end - size:end])
            if section is not None:
                return section, key[end - size:end]
    return None


@cache
def _direction_words() -> tuple[dict[str, str], int | None, frozenset[str]]:
    """Each direction word and its section (the first of negative, positive, cost that lists it),
    the length of the longest word (None when a list holds an empty word), and their last characters."""
    d = directions()
    sections: dict[str, str] = {}
    for section in ("negative", "positive", "cost"):
        for w in d[section]:
            sections.setdefault(w, section)
    if "" in sections:
        return sections, None, frozenset()
    return sections, max(map(len, sections), default=0), frozenset(w[-1] for w in sections)


def _direction_match_by_search(key: str) -> tuple[str, str] | None:
    """`_direction_match` of a name key by searching it for every word: the definition."""
    d = directions()
    best: tuple[int, int, str, str] | None = None
    for section in ("negative", "positive", "cost"):
        for w in d[section]:
            at = key.rfind(w)
            if at < 0:
                continue
            cand = (at + len(w), len(w), w, section)
            if best is None or cand[:2] > best[:2]:
                best = cand
    return (best[3], best[2]) if best else None


# IO001/IO004 ask it of nearly every row (every floor or ceiling): one cached call, not three.
@lru_cache(maxsize=_NAMES)
def direction(name: str) -> str | None:
    """`negative`, `positive`, `cost` or None (unknown, or reversed by 降低/节约 …), from the name."""
    key = name_key(name)
    if not key or is_reversed(name):
        return None
    found = _direction_match(name)
    return found[0] if found else None


@lru_cache(maxsize=_NAMES)
def is_reversed(name: str) -> bool:
    """The name says "reduce" or "save" (`降低成本`, `节约资金`), or negates (`未…`)."""
    d = directions()
    return _any(d["savings"] + d["reversers"], name_key(name)) is not None


@lru_cache(maxsize=_NAMES)
def is_saving(name: str) -> bool:
    return _any(directions()["savings"], name_key(name)) is not None


def direction_word(name: str) -> str:
    found = _direction_match(name)
    return found[1] if found else ""


@lru_cache(maxsize=_NAMES)
def is_unbounded_share(name: str) -> bool:
    """Growth and increase shares may exceed 100% (`增长率 120%`)."""
    return _any(directions()["unbounded"], name_key(name)) is not None


@lru_cache(maxsize=_NAMES)
def is_satisfaction(name: str) -> bool:
    return _any(directions()["satisfaction"], name_key(name)) is not None


def fmt_number(x: float) -> str:
    return f"{x:g}"


# -- what the IO/UM rules ask of a row, as bits of one int ---------------------------------------
# Each of these rules looks for rows of a kind, an operator and a name such as a rate or a
# satisfaction (a few rows of a document): the rows of a document are grouped once by these bits
# (`lint.rules._docrows.rows_with_facts`), a rule takes the groups it wants, and its own
# `check_card` then sees only those cards, instead of every card walking its rows in Python.
RATE = 1 << 0  # is_rate_name
COUNT_NAME = 1 << 1  # is_count_name
SATISFACTION = 1 << 2  # is_satisfaction
REVERSED = 1 << 3  # is_reversed
UNBOUNDED = 1 << 4  # is_unbounded_share
NEGATIVE = 1 << 5  # direction(name) == "negative"
POSITIVE = 1 << 6  # direction(name) == "positive"
FLOOR = 1 << 7  # the operator is ≥ or >
CEILING = 1 << 8  # the operator is ≤ or <
PERCENT = 1 << 9  # parsed.kind == "percent"
COUNT = 1 << 10  # parsed.kind == "count"
MONEY = 1 << 11  # parsed.kind == "money"
NUMBER = 1 << 12  # parsed.kind == "number"
OP_FACTS = {"≥": FLOOR, ">": FLOOR, "≤": CEILING, "<": CEILING}
KIND_FACTS = {"percent": PERCENT, "count": COUNT, "money": MONEY, "number": NUMBER}
_DIRECTIONS = {"negative": NEGATIVE, "positive": POSITIVE}


def row_facts(ind: Indicator) -> int:
    """The bits above of a row (`lint.rules._docrows.fact_groups` works them out inline)."""
    pv = ind.parsed
    return name_facts(ind.name) | OP_FACTS.get(pv.op, 0) | KIND_FACTS.get(pv.kind, 0)  # type: ignore[arg-type]


@lru_cache(maxsize=_NAMES)
def name_facts(name: str) -> int:
    """The name's bits (RATE … POSITIVE), each the predicate's own answer."""
    return ((RATE if is_rate_name(name) else 0) | (COUNT_NAME if is_count_name(name) else 0)
            | (SATISFACTION if is_satisfaction(name) else 0) | (REVERSED if is_reversed(name) else 0)
            | (UNBOUNDED if is_unbounded_share(name) else 0) | _DIRECTIONS.get(direction(name), 0))  # type: ignore[arg-type]
