"""Domain word lists, loaded from the data files in `dictionaries/` (never literals in code)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TypeVar

# A bureau's own word lists (configuration `[tool.jxlint.dictionaries]`), merged after the built-in
# file of the same name. Set for one run by `extra_dictionaries`; rules read lists at check time.
_EXTRA: dict[str, tuple[Path, ...]] = {}

# `cache_clear` of every cache holding something made from the lists (a tokenizer, a compacted set,
# per-text results): emptied with the lists when a run's extra lists come or go, or a run after one
# with extras would keep them (and one before would never see them).
_DERIVED: list[Callable[[], None]] = []

F = TypeVar("F", bound=Callable)


def follows_lists(cached: F) -> F:
    """Register a `functools.cache`/`lru_cache` function whose results depend on the word lists,
    so that `extra_dictionaries` empties it with the lists. Costs nothing per call."""
    _DERIVED.append(cached.cache_clear)  # type: ignore[attr-defined]
    return cached


def dictionaries_dir() -> Path:
    """The installed copy (wheel) or the source tree's `dictionaries/` (editable install, checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "dictionaries", here.parent / "dictionaries"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("jxlint dictionaries not found next to the package")


@cache
def load_toml(name: str) -> dict:
    with open(dictionaries_dir() / name, "rb") as fh:
        return tomllib.load(fh)


@cache
def load_list(name: str) -> tuple[str, ...]:
    """A word list: one entry per line, `#` starts a comment, blank lines ignored."""
    out: list[str] = []
    for path in _files(name):
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("\\#") else raw.strip()[1:]
            if line:
                out.append(line)
    return tuple(out)


@cache
def load_sections(name: str) -> dict[str, tuple[str, ...]]:
    """A word list in `[section]` blocks (see `dictionaries/placeholders.txt`)."""
    out: dict[str, list[str]] = {}
    for path in _files(name):
        current = ""  # each file starts outside any section
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]") and len(line) > 2:
                current = line[1:-1].strip()
                out.setdefault(current, [])
                continue
            out.setdefault(current, []).append(line)
    return {k: tuple(v) for k, v in out.items()}


def _files(name: str) -> list[Path]:
    return [dictionaries_dir() / name, *_EXTRA.get(name, ())]


@contextmanager
def extra_dictionaries(extra: Mapping[str, Sequence[str | Path]]) -> Iterator[None]:
    """Within the block, `load_list(name)` and `load_sections(name)` also read the files in `extra[name]`."""
    saved = dict(_EXTRA)
    _EXTRA.clear()
    _EXTRA.update({name: tuple(Path(p) for p in paths) for name, paths in extra.items()})
    _clear_lists()
    try:
        yield
    finally:
        _EXTRA.clear()
        _EXTRA.update(saved)
        _clear_lists()


def _clear_lists() -> None:
    load_list.cache_clear()
    load_sections.cache_clear()
    for clear in _DERIVED:
        clear()
