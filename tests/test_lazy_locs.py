"""The parser leaves each grid row's `Indicator.locs` as a `deferred` worked out on first read: every
way of reading the record (attribute, `==`, `repr`, copies, pydantic's dump) sees the same dict an
eager parse gives, on the corpus documents."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

import lint.parse.cards as cards_module
from lint.model import Indicator, Loc, deferred
from lint.parse.cards import parse_cards
from lint.readers import read_text
from lint.readers.rows import split_rows

CORPUS = sorted(Path(__file__).parent.joinpath("data", "corpus").glob("0*.txt"))


def _eager_cards(text: str, monkeypatch: pytest.MonkeyPatch):
    """The cards with every `deferred` called at once, as the parser did before."""

    def eager(*args: object) -> Indicator:
        ind = Indicator(*args)
        ind.locs  # noqa: B018 (worked out now)
        return ind

    with monkeypatch.context() as m:
        m.setattr(cards_module, "Indicator", eager)
        layout, rows = split_rows(text)
        return parse_cards(rows, layout)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_deferred_locs_are_the_eager_ones(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = read_text(str(path))
    eager = _eager_cards(text, monkeypatch)
    layout, rows = split_rows(text)
    lazy = parse_cards(rows, layout)
    inds = [ind for card in lazy for ind in card.indicators]
    slot = Indicator.locs  # (on the class: the slot itself, which holds what was stored)
    # (A row continued on the next row has its locations worked out when the continuation adds one.)
    assert inds and any(type(slot.__get__(i)) is tuple for i in inds)
    # Compared field by field first (a clearer failure), then as whole records and their dumps.
    for a, b in zip((i for c in eager for i in c.indicators), inds, strict=True):
        assert a.locs == b.locs
    assert eager == lazy
    assert [c.model_dump(mode="json") for c in eager] == [c.model_dump(mode="json") for c in lazy]


def test_deferred_locs_are_built_once_on_first_read() -> None:
    calls = []

    def build(line: int) -> dict[str, Loc]:
        calls.append(line)
        return {"value": Loc(line, 3)}

    ind = Indicator(name="x", locs=deferred(build, 7))
    assert calls == []
    assert ind.locs["value"] == Loc(7, 3)
    assert ind.locs is ind.locs and calls == [7]
    assert ind == Indicator(name="x", locs={"value": Loc(7, 3)})
    assert "locs={'value': Loc(line=7" in repr(ind)


def test_deferred_locs_survive_copies_and_dumps() -> None:
    for make in (copy.copy, copy.deepcopy, lambda i: i.model_copy(), lambda i: i.model_copy(deep=True)):
        ind = Indicator(name="x", locs=deferred(lambda: {"name": Loc(2, 5)}))
        assert make(ind).locs == {"name": Loc(2, 5)}
    ind = Indicator(name="x", locs=deferred(lambda: {"name": Loc(2, 5)}))
    assert ind.model_dump()["locs"] == {"name": {"line": 2, "column": 5, "end_column": None}}
    # Set afterwards, a dict replaces whatever was there.
    ind.locs = {"value": Loc(1)}
    assert ind.locs == {"value": Loc(1)}
