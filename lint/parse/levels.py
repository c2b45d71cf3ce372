"""The indicator system (一级 → 二级), from `dictionaries/levels.toml`."""

from __future__ import annotations

from functools import cache, lru_cache

from lint.dicts import load_toml
from lint.text import compact


@cache
def _system() -> tuple[dict[str, list[str]], dict[str, str], dict[str, str]]:
    data = load_toml("levels.toml")
    level1: dict[str, list[str]] = data["level1"]
    aliases: dict[str, str] = data["aliases"]
    parent: dict[str, str] = {}
    for l1, l2s in level1.items():
        for l2 in l2s:
            parent.setdefault(l2, l1)
    return level1, aliases, parent


# Every structure and copy-paste rule asks for the 一级/二级 of every row: a few dozen distinct
# spellings in a whole province. Cached (bounded: OCR can garble them into many more).
@lru_cache(maxsize=1 << 12)
def canonical(name: str) -> str:
    """`数量` → `数量指标`, `进度指标` → `时效指标`; unknown names come back compacted."""
    key = compact(name)
    _, aliases, _ = _system()
    return aliases.get(key, key)


def is_level1(name: str) -> bool:
    return canonical(name) in _system()[0]


def is_level2(name: str) -> bool:
    key = canonical(name)
    return key in _system()[2] or key == "成本指标"


@lru_cache(maxsize=1 << 12)
def parent_of(level2: str) -> str | None:
    """The 一级 a 二级 belongs under (`数量指标` → `产出指标`)."""
    return _system()[2].get(canonical(level2))


def allowed_level2(level1: str) -> list[str]:
    return list(_system()[0].get(canonical(level1), []))


def required() -> dict[str, list[str]]:
    return load_toml("levels.toml")["required"]


@cache
def level2_names() -> tuple[str, ...]:
    """All canonical 二级 names, longest first (for prefix matching)."""
    names = set(_system()[2]) | {"成本指标"}
    return tuple(sorted(names, key=len, reverse=True))


@cache
def level2_keys() -> frozenset[str]:
    """Every `compact()` text that `is_level2` accepts: `is_level2(t)` is `compact(t) in level2_keys()`
    (every name and alias is its own `compact`), a set lookup for the parser's hot loop."""
    _, aliases, parent = _system()
    candidates = set(parent) | set(aliases) | {"成本指标"}
    return frozenset(k for k in candidates if is_level2(k))


@cache
def level1_keys() -> frozenset[str]:
    """Every `compact()` text that `is_level1` accepts: `is_level1(t)` is `compact(t) in level1_keys()`
    (every name and alias is its own `compact`), a set lookup for the parser's hot loop."""
    level1, aliases, _ = _system()
    return frozenset(k for k in set(level1) | set(aliases) if is_level1(k))
