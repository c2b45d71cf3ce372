"""The parser's per-row caches (`_read_grid`, `_read_keys`, `_money_fields`, `_num`,
`_code_name_fields`, `_header`) give what the uncached functions give, over every row of the
corpus documents and of a 10× synthetic corpus, and what they hand out is immutable: the cards of a
document parsed with warm caches, after the cards of earlier parses were changed, are the cards of an
uncached parse, locations included."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from benchmarks.synth_files import write_corpus
from lint.parse import cards as cards_mod
from lint.parse.cards import _DEFAULT_COLUMNS, _columns, parse_cards
from lint.readers import read_text
from lint.readers.rows import Row, split_rows

CORPUS = sorted(Path(__file__).parent.joinpath("data", "corpus").glob("0*.txt"))
CACHED = ("_read_grid", "_read_keys", "_money_fields", "_num", "_code_name_fields", "_header")


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, list[Row]]]:
    """(layout, rows) of the three corpus documents and of every file of a 10× corpus."""
    folder = tmp_path_factory.mktemp("x10")
    write_corpus(10, folder)
    paths = [*CORPUS, *sorted(folder.rglob("*.txt"))]
    return [split_rows(read_text(str(p))) for p in paths]


@contextmanager
def _uncached() -> Iterator[None]:
    saved = {name: getattr(cards_mod, name) for name in CACHED}
    try:
        for name, fn in saved.items():
            setattr(cards_mod, name, fn.__wrapped__)
        yield
    finally:
        for name, fn in saved.items():
            setattr(cards_mod, name, fn)


def _dump(cards: list) -> list[dict]:
    return [c.model_dump() for c in cards]  # (locations included: they are read here)


def _immutable(value: object) -> bool:
    if isinstance(value, tuple):
        return all(map(_immutable, value))
    return value is None or isinstance(value, (str, int, float, bool))


def test_the_caches_are_the_functions_the_test_undoes():
    for name in CACHED:
        fn = getattr(cards_mod, name)
        assert fn.cache_info().maxsize, name  # bounded
        assert callable(fn.__wrapped__)


def test_cached_parse_is_the_uncached_parse_even_after_cards_are_changed(documents):
    with _uncached():
        expected = [_dump(parse_cards(rows, layout)) for layout, rows in documents]
    for name in CACHED:
        getattr(cards_mod, name).cache_clear()
    for _ in range(2):  # cold caches, then warm ones
        for (layout, rows), want in zip(documents, expected, strict=True):
            cards = parse_cards(rows, layout)
            assert _dump(cards) == want
            parsed = [i.parsed for c in cards for i in c.indicators]
            assert len(set(map(id, parsed))) == len(parsed)  # each indicator its own ParsedValue
            # What a rule or a caller might do to its records must not reach the next parse.
            for c in cards:
                for ind in c.indicators:
                    ind.name += "x"
                    ind.parsed.kind = "changed"
                    ind.parsed.number = -1.0
                    ind.locs.clear()
                c.locs.clear()
                c.indicators.reverse()
    assert cards_mod._read_grid.cache_info().hits  # (the warm pass did use the cache)


def test_every_row_reads_the_same_through_the_caches(documents):
    headers = {_DEFAULT_COLUMNS}
    for _, rows in documents:
        for row in rows:
            keys = tuple(map(cards_mod.compact, row.texts))
            if any("一级" in k for k in keys) and any("二级" in k for k in keys):
                headers.add(_columns(list(keys)))
                assert cards_mod._header(keys) == cards_mod._header.__wrapped__(keys)
    assert len(headers) > 1
    rows_read = 0
    for _, rows in documents:
        for row in rows:
            texts = tuple(row.texts)
            keys = cards_mod._read_keys(texts)
            assert keys == cards_mod._read_keys.__wrapped__(texts) and _immutable(keys)
            money = cards_mod._money_fields(keys[0])
            assert money == cards_mod._money_fields.__wrapped__(keys[0]) and _immutable(money)
            code_name = cards_mod._code_name_fields(texts, keys[0])
            assert code_name == cards_mod._code_name_fields.__wrapped__(texts, keys[0]) and _immutable(code_name)
            for text in texts:
                assert cards_mod._num(text) == cards_mod._num.__wrapped__(text)
            if not row.is_table:
                continue
            for columns in headers:
                l2_col = columns.index(1) if 1 in columns else 1
                for ocr in (False, True):
                    got = cards_mod._read_grid(texts, columns, l2_col, ocr)
                    assert got == cards_mod._read_grid.__wrapped__(texts, columns, l2_col, ocr)
                    assert _immutable(got)
                    rows_read += 1
    assert rows_read > 10_000
