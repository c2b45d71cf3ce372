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
