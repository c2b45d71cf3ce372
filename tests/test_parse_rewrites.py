"""Parser functions rewritten for speed give what their earlier forms gave: `_money_fields` and
`_read_keys` (plain loops, with a literal pre-test in `_money_fields`) over every table row of the
corpus documents and of a 10× synthetic corpus and over budget rows made to split, repeat and omit
labels; `is_level1`/`is_level2` by their sets of keys over every cell of those rows."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from benchmarks.synth_files import write_corpus
from lint.parse import cards as cards_mod
from lint.parse import levels
from lint.readers import read_text
from lint.readers.rows import split_rows
from lint.text import compact

CORPUS = sorted(Path(__file__).parent.joinpath("data", "corpus").glob("0*.txt"))
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _money_reference(keys: tuple[str, ...]) -> tuple:
    """`_money_fields` as it was written before the loops (the definition)."""
    out = []
    targets = cards_mod._MONEY_LABELS
    keys = list(keys)
    together, apart = "".join(keys), "\n".join(keys)
    split = any(together.count(label) != apart.count(label) for label, _ in targets)
    for i in range(len(keys) - 1 if split else 0):
        joined = keys[i] + keys[i + 1]
        for label, _ in targets:
            if label in joined and label not in keys[i] and label not in keys[i + 1] and not _NUMBER.search(keys[i + 1]):
                keys[i], keys[i + 1] = joined, ""
    for i, k in enumerate(keys):
        for label, attr in targets:
            if label not in k:
                continue
            tail = k.split(label, 1)[1].lstrip(":：")
            if tail and _NUMBER.match(tail):
                out.append((attr, cards_mod._num.__wrapped__(tail), i))
                break
            for j in range(i + 1, len(keys)):
                if not keys[j]:
                    continue
                if any(lbl in keys[j] for lbl, _ in targets):
                    break
                value = cards_mod._num.__wrapped__(keys[j])
                if value is not None:
                    out.append((attr, value, j))
                break
            break
    return tuple(out)


def _keys_reference(texts: tuple[str, ...]) -> tuple:
    keys = tuple(map(compact, texts))
    return keys, "\n" + "\n".join(keys), next((i for i, k in enumerate(keys) if k), -1)


@pytest.fixture(scope="module")
def table_rows(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, ...]]:
    folder = tmp_path_factory.mktemp("x10")
    write_corpus(10, folder)
    rows = {}
    for p in [*CORPUS, *sorted(folder.rglob("*.txt"))]:
        for row in split_rows(read_text(str(p)))[1]:
            if row.is_table:
                rows[tuple(row.texts)] = None
    return list(rows)


def test_the_pre_test_holds_every_label():
    # `_money_fields` skips a key holding neither literal: every label must hold one.
    assert all("预算数" in label or "资金" in label for label, _ in cards_mod._MONEY_LABELS)
    assert {label for label, _ in cards_mod._MONEY_LABELS} == {"预算数", "财政资金", "其他资金"}


def test_every_corpus_row_reads_as_before(table_rows):
    budget_rows = 0
    for texts in table_rows:
        keys = cards_mod._read_keys.__wrapped__(texts)
        assert keys == _keys_reference(texts)
        money = cards_mod._money_fields.__wrapped__(keys[0])
        assert money == _money_reference(keys[0])
        budget_rows += bool(money)
    assert budget_rows > 100  # (the rows above hold budget rows)


def test_budget_rows_made_to_split_repeat_and_omit_labels_read_as_before():
    pieces = ["预算数", "预算", "数", "财政资金", "其中:财政", "资金", "其他资金", "其他", "1.61", "26.54万",
              "", "预算数12", "资金:3", "x", "预算数:", "财政资金7.5"]
    n = 0
    for size in (1, 2, 3, 4):
        for keys in itertools.product(pieces, repeat=size):
            assert cards_mod._money_fields.__wrapped__(keys) == _money_reference(keys), keys
            n += 1
    assert n > 60000
    assert cards_mod._read_keys.__wrapped__(("", " ", "")) == _keys_reference(("", " ", ""))
    assert cards_mod._read_keys.__wrapped__(()) == _keys_reference(())


def test_the_level_key_sets_are_is_level1_and_is_level2(table_rows):
    # The sets stand for the functions only if every name and alias is its own `compact`.
    level1, aliases, parent = levels._system()
    names = {*level1, *aliases, *aliases.values(), *parent, "成本指标"}
    assert all(compact(name) == name for name in names)
    cells = {t for texts in table_rows for t in texts} | names | {f" {n}\u3000" for n in names} | {"", "数量", "x"}
    assert len(cells) > 5000
    for t in cells:
        assert levels.is_level1(t) == (compact(t) in levels.level1_keys()), t
        assert levels.is_level2(t) == (compact(t) in levels.level2_keys()), t
    assert levels.level1_keys() and levels.level2_keys()
