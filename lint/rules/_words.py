"""What rules derive from a sectioned word list of `dictionaries/` (compacted sets, compiled patterns,
per-text verdicts), kept only while that list is the one in force.

A run's extra word lists (`[dictionaries]` in the configuration, `lint.dicts.extra_dictionaries`)
change what `load_sections(name)` returns, and `extra_dictionaries` clears its cache on the way in
and out: a new object from `load_sections` is a new state of the list. A plain `@cache` over the
derivation would keep the first state seen in the process for good (a run without extras, then one
with them: the extra words ignored; then one without: the old extras still in force).

(`lint.dicts.follows_lists` does the same for `functools` caches outside the rules, by emptying
them when the extras come or go; this check by identity serves derivations that are rebuilt
whole, at the cost of one `load_sections` call per use.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from lint.dicts import load_sections

T = TypeVar("T")
Sections = dict[str, tuple[str, ...]]


def from_sections(name: str) -> Callable[[Callable[[Sections], T]], Callable[[], T]]:
    """Decorate `build(sections) -> value`: the result is a function of no arguments returning
    `build(load_sections(name))`, built again only when `load_sections(name)` is a new object."""

    def wrap(build: Callable[[Sections], T]) -> Callable[[], T]:
        # The sections object is kept with its value, so its identity cannot be reused by another.
        memo: tuple[Sections | None, T | None] = (None, None)

        def current() -> T:
            nonlocal memo
            sections = load_sections(name)
            kept, value = memo
            if kept is not sections:
                value = build(sections)
                memo = (sections, value)
            return value  # type: ignore[return-value]

        current.__name__ = build.__name__
        current.__qualname__ = build.__qualname__
        current.__doc__ = build.__doc__
        return current

    return wrap
