"""The synthetic FILE corpus of the benchmarks parses into N × the shared cards, each copy another unit."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from click.testing import CliRunner

from benchmarks.synth_files import CORPUS, place, write_corpus
from lint.cli import main


def _parse(*paths: Path) -> list[dict]:
    r = CliRunner().invoke(main, ["parse", *map(str, paths), "--format", "json", "-q"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)["documents"]


def test_two_copies_parse_into_twice_the_cards_with_other_names(tmp_path):
    info = write_corpus(2, tmp_path)
    assert info["files"] == 2 * len(CORPUS)
    originals = {Path(d["path"]).name: d for d in _parse(*CORPUS)}
    copies = _parse(tmp_path)
    assert sorted(Path(d["path"]).relative_to(tmp_path).as_posix() for d in copies) == sorted(
        f"{k:04d}/{p.name}" for k in range(2) for p in CORPUS)
    assert info["cards"] == 2 * sum(len(d["cards"]) for d in originals.values())

    by_source: dict[str, list[dict]] = defaultdict(list)
    for doc in copies:
        by_source[Path(doc["path"]).name].append(doc)
    for name, docs in by_source.items():
        orig = originals[name]
        assert len(docs) == 2
        for doc in docs:
            # The layout, the cards and their rows survive the perturbation.
            assert doc["layout"] == orig["layout"]
            assert len(doc["cards"]) == len(orig["cards"]), name
            assert [len(c["indicators"]) for c in doc["cards"]] == [len(c["indicators"]) for c in orig["cards"]]
            assert doc["budget_year"] == orig["budget_year"]
        first, second = (sorted(docs, key=lambda d: d["path"]))
        # Every copy is another unit with other project names.
        assert len({orig["department"], first["department"], second["department"]}) == 3, name
        assert place(0) in first["department"] and place(1) in second["department"]
        for a, b, o in zip(first["cards"], second["cards"], orig["cards"], strict=True):
            assert a["project_name"] != b["project_name"] != o["project_name"]
        # Numbers moved: the copies' values are not all the originals'.
        values = [[i["value"] for c in d["cards"] for i in c["indicators"]] for d in (orig, first, second)]
        assert values[0] != values[1] != values[2]


def test_copy_k_is_the_same_whatever_the_number_of_copies(tmp_path):
    write_corpus(1, tmp_path / "one")
    write_corpus(2, tmp_path / "two")
    for p in CORPUS:
        assert (tmp_path / "one/0000" / p.name).read_bytes() == (tmp_path / "two/0000" / p.name).read_bytes()


def test_place_names_are_distinct_and_chinese():
    names = [place(k) for k in range(5000)]
    assert len(set(names)) == len(names)
    assert all("\u4e00" <= ch <= "\u9fff" for n in names for ch in n)
