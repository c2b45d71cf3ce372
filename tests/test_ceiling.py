"""benchmarks.ceiling: the machine's parallel speed-up, measured with nothing of jxlint in it."""

from __future__ import annotations

import os

import pytest

from benchmarks import ceiling


@pytest.mark.parametrize(("n", "procs"), [(10, 3), (9, 3), (1, 2), (7, 1)])
def test_the_shares_cover_every_step_evenly(n, procs):
    parts = ceiling.shares(n, procs)
    assert len(parts) == procs
    assert sum(parts) == n
    assert max(parts) - min(parts) <= 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the ceiling forks")
def test_each_round_pairs_a_serial_and_a_forked_run():
    m = ceiling.measure(procs=2, rounds=2, steps=200_000)
    assert m is not None
    assert len(m["serial_s"]) == len(m["forked_s"]) == len(m["speedups"]) == 2
    for s, f, x in zip(m["serial_s"], m["forked_s"], m["speedups"], strict=True):
        assert s > 0 and f > 0
        assert x == pytest.approx(s / f, rel=0.1)  # all three are rounded
    assert min(m["speedups"]) <= m["speedup_median"] <= max(m["speedups"])


def test_the_workload_shares_hold_every_file_once_in_about_equal_bytes(tmp_path):
    sizes = [900, 500, 400, 300, 300, 100]
    files = []
    for k, n in enumerate(sizes):
        (tmp_path / f"f{k}.txt").write_bytes(b"x" * n)
        files.append(tmp_path / f"f{k}.txt")
    shares = ceiling.split_by_size(files, 2)
    assert sorted(f for s in shares for f in s) == sorted(files)
    assert all(s == sorted(s) for s in shares)
    loads = sorted(sum(f.stat().st_size for f in s) for s in shares)
    assert loads == [1200, 1300]  # 900+300 against 500+400+300+100: as even as largest-first gets
    assert ceiling.split_by_size(list(reversed(files)), 2) == shares  # argument order does not matter


def test_the_workload_ceiling_runs_real_checks_of_the_corpus(tmp_path):
    from tests.conftest import MARKDOWN, OCR, WORD

    for src in (OCR, MARKDOWN, WORD):
        (tmp_path / src.name).write_bytes(src.read_bytes())
    w = ceiling.measure_workload(tmp_path, procs=2, rounds=1)
    assert sorted(w["files"]) == [1, 2]
    assert sum(w["bytes"]) == sum(src.stat().st_size for src in (OCR, MARKDOWN, WORD))
    (s,), (p,), (x,) = w["one_after_another_s"], w["at_once_s"], w["speedups"]
    assert s > 0 and p > 0 and x == pytest.approx(s / p, rel=0.1)


def test_a_workload_check_that_fails_stops_the_measurement():
    import sys

    with pytest.raises(SystemExit, match=r"failed \(2\)"):
        ceiling._run_all([[sys.executable, "-c", "raise SystemExit(2)"]] * 2, at_once=True)
