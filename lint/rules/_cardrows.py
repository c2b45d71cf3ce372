"""Helpers shared by the structure (ST*) and inside-card copy_paste (CP001, CP002) rules.

Not a rule module: the registry only loads modules named like `st001_*.py`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import starmap
from operator import attrgetter

from lint.dicts import load_toml
from lint.model import Card, Document, Indicator, Loc
from lint.parse import levels
from lint.rules._words import Sections, from_sections
from lint.rules.base import Related, row_place
from lint.text import compact, normalize


@from_sections("placeholders.txt")
def placeholder_words(sections: Sections) -> frozenset[str]:
    """Every word of `placeholders.txt` ([redacted], [template], [empty]), compacted."""
    return frozenset(compact(w) for words in sections.values() for w in words)


def is_placeholder(text: str) -> bool:
    key = compact(text)
    return bool(key) and key in placeholder_words()


def is_placeholder_row(ind: Indicator) -> bool:
    """A row whose name, description and value are all placeholders (`涉密` × 3): PH rules own it."""
    # Cell by cell, stopping at the first real text: nearly every row has a real name.
    words = placeholder_words()
    name = compact(ind.name)
    if name and name not in words:
        return False
    desc = compact(ind.description)
    if desc and desc not in words:
        return False
    value = compact(ind.value)
    if value and value not in words:
        return False
    return bool(name or desc or value)


def row_key(ind: Indicator) -> tuple[str, str, str]:
    """(name, description, value) compacted: two rows with the same key are the same row."""
    return compact(ind.name), compact(ind.description), compact(ind.value)


_NAME = attrgetter("name")


def has_repeated_name(card: Card) -> bool:
    """Two rows of the card have the same name, compacted: a cheap test that must pass before any
    two rows can have the same `row_key` (CP001, CP002 ask it of every card; one in twenty passes).
    C-level `map`s, no loop over the rows in Python."""
    names = list(map(compact, map(_NAME, card.indicators)))
    return len(set(names)) < len(names)


def effective_level1(ind: Indicator) -> str:
    """The row's 一级: the 一级 text when it is a known 一级, else the parent of its 二级."""
    return effective_level1_of(ind.level1, ind.level2)


_LEVELS = attrgetter("level1", "level2")


def level_pairs(card: Card) -> tuple[tuple[str, str], ...]:
    """(一级, 二级) of every row, as they stand: the key under which ST001 and ST002 cache what a
    card's structure lacks (a province has a few hundred distinct structures, not one per card)."""
    return tuple(map(_LEVELS, card.indicators))


def level1s(card: Card) -> list[str]:
    """`effective_level1` of every row of the card, in order, by C-level `map`s (ST001, ST002)."""
    return list(starmap(effective_level1_of, map(_LEVELS, card.indicators)))


# ST001 and ST002 ask it of every row, of a few dozen distinct pairs. Bounded (OCR garbles).
@lru_cache(maxsize=1 << 12)
def effective_level1_of(level1: str, level2: str) -> str:
    """`effective_level1` of a row with these 一级 and 二级 cells."""
    if level1 and levels.is_level1(level1):
        return levels.canonical(level1)
    return levels.parent_of(level2) or ""


def row_loc(ind: Indicator, *fields: str) -> Loc | None:
    """The location of the first of `fields` that has a cell of its own in the source."""
    for f in fields:
        if f in ind.locs:
            return ind.locs[f]
    return None


def related_row(doc: Document, card: Card, ind: Indicator, message: str) -> Related:
    # `row_loc(...) or Loc(line=ind.line, column=1)`, by `row_place`: the row's deferred locations
    # stay unbuilt.
    line, column, office = row_place(ind, "name", "description", "value", "level2") or (ind.line, 1, ())
    return Related(doc.path, line, column, card.seq, card.title or card.project_name, message, office)


def short_level(name: str) -> str:
    """`数量指标` → `数量` for messages."""
    key = levels.canonical(name)
    return key[:-2] if key.endswith("指标") else key


# -- ST007: a value with text where the unit should be --------------------------------------------
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:\s*(?:-|~|至|到)\s*\d+(?:\.\d+)?)?")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def value_tail(ind: Indicator) -> str | None:
    """The words after the number of a 指标值 that has no unit (`100维修情况` → `维修情况`), when they
    are long enough to be another cell's text rather than a makeshift unit."""
    pv = ind.parsed
    if pv.number is None or pv.unit is not None or pv.kind not in ("count", "number"):
        return None
    text = normalize(ind.value)
    m = _NUMBER.search(text)
    if not m:
        return None
    tail = text[m.end():].strip()
    cfg = load_toml("structure.toml")["value_tail"]
    if len(compact(tail)) < int(cfg["min_chars"]) or not _HAN.search(tail):
        return None
    if tail.startswith(tuple(cfg["allowed_prefixes"])):
        return None
    return tail
