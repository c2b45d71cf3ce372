"""`Rule.finding` places a finding on a grid row without building the row's deferred locations
(`base._row_position`): over every row of the corpus documents (OCR rows with split cells among
them) and a synthetic corpus, for every field and a few that have no cell, the position is the one
`_locate` reads from the built locations, and the row's locations are left deferred."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.synth_files import write_corpus
from lint.load import expand_paths, load_document
from lint.model import Document
from lint.parse.cards import FIELDS, _part_locs
from lint.parse.document import parse_text
from lint.readers import read_text
from lint.rules.base import _LOCS_SLOT, Context, Rule, _locate, _office, _row_position, row_place
from tests.conftest import CORPUS

_ASKED = (*FIELDS, "unit", "no_such_field")


def _documents(folder: Path) -> list[Document]:
    write_corpus(1, folder)
    texts = [str(p) for p in sorted(CORPUS.glob("0*.txt"))]
    return [*(parse_text(read_text(p), p) for p in texts), *(load_document(p) for p, _ in expand_paths([str(folder)]))]


@pytest.fixture(scope="module")
def two_parses(tmp_path_factory) -> tuple[list[Document], list[Document]]:
    """The same documents parsed twice: one to ask positions of, one whose locations are built."""
    return _documents(tmp_path_factory.mktemp("a")), _documents(tmp_path_factory.mktemp("b"))


def test_row_position_is_the_built_locations(two_parses) -> None:
    lazy, built = two_parses
    split = deferred = compared = 0
    for ld, bd in zip(lazy, built, strict=True):
        for lc, bc in zip(ld.cards, bd.cards, strict=True):
            for li, bi in zip(lc.indicators, bc.indicators, strict=True):
                raw = _LOCS_SLOT.__get__(li, type(li))
                # Nearly every row's locations are the parser's deferred (a row continued on the
                # next line has them built while parsing): both kinds are compared.
                is_deferred = type(raw) is tuple and raw[0] is _part_locs
                deferred += is_deferred
                split += is_deferred and raw[2] is not None
                for field in _ASKED:
                    loc = _locate(bc, bi, field)
                    assert _row_position(li, field) == (loc.line, loc.column, _office(loc)), (ld.path, li.line, field)
                    compared += 1
                assert (type(_LOCS_SLOT.__get__(li, type(li))) is tuple) == is_deferred  # still deferred
    # OCR rows with split cells were among them
    assert split > 0 and deferred > 1_000 and compared > 10_000


class _Probe(Rule):
    code, name, family, message = "XX999", "probe", "structure", "{text} / {name} / {extra}"


def test_finding_is_the_same_built_or_deferred(two_parses) -> None:
    lazy, built = two_parses
    rule = _Probe()
    for ld, bd in zip(lazy[:3], built[:3], strict=True):
        for lc, bc in zip(ld.cards, bd.cards, strict=True):
            for li, bi in zip(lc.indicators, bc.indicators, strict=True):
                bi.locs  # noqa: B018 (built now)
                for field in ("name", "value", "level1", "unit"):
                    a = rule.finding(Context(ld), lc, field=field, indicator=li, extra=1)
                    b = rule.finding(Context(bd), bc, field=field, indicator=bi, extra=1)
                    assert a == b


_FIELD_LISTS = [("value", "description", "name"), ("name", "description", "value", "level2"), ("basis",),
                ("level1", "unit"), ()]


def test_row_place_is_row_loc_on_the_built_locations(two_parses) -> None:
    """`row_place` is `row_loc` without building the locations; a finding given it as its `place`
    is the finding at its field moved there (ST006 moves each of its findings so)."""
    from dataclasses import replace

    from lint.rules._cardrows import row_loc

    lazy, built = two_parses
    rule = _Probe()
    found = 0
    for ld, bd in zip(lazy, built, strict=True):
        for lc, bc in zip(ld.cards, bd.cards, strict=True):
            for li, bi in zip(lc.indicators, bc.indicators, strict=True):
                is_deferred = type(_LOCS_SLOT.__get__(li, type(li))) is tuple
                for fields in _FIELD_LISTS:
                    loc = row_loc(bi, *fields)
                    place = row_place(li, *fields)
                    assert place == (None if loc is None else (loc.line, loc.column, _office(loc)))
                    found += place is not None
                    if place is not None and found % 7 == 0:
                        moved = rule.finding(Context(ld), lc, field="basis", indicator=li, text="", extra=0,
                                             place=place)
                        at_field = rule.finding(Context(ld), bc, field="basis", indicator=bi, text="", extra=0)
                        assert moved == replace(at_field, line=loc.line, column=loc.column, office=_office(loc))
                assert (type(_LOCS_SLOT.__get__(li, type(li))) is tuple) == is_deferred
    assert found > 5_000
