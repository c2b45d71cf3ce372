"""Where the wall time of a parallel check goes: the check of a folder, in this process, with marks.

    python -m benchmarks.timeline /tmp/jxlint-bench-corpora/x100 --jobs 2

Prints when the first, middle and last documents' results landed, when `finish` (the cross-document
rules and the merge) started and how long it took, how many files this process checked itself
(with `--jobs N` it checks files beside its N − 1 workers) and in how long, and the CPU time of
this process and of its workers. No report is written: add the report's time from
`benchmarks.report_gc`.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import lint.check as check
from lint.rules import select_rules

_HERE = os.getpid()
_OWN = {"files": 0, "s": 0.0}
_WORK = check._work


def _timed_work(path: str):
    """`lint.check._work`, timed in this process. Module-level: the pool pickles it by name."""
    start = time.perf_counter()
    out = _WORK(path)
    if os.getpid() == _HERE:  # (forked workers run this too)
        _OWN["files"] += 1
        _OWN["s"] += time.perf_counter() - start
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    paths = sorted(str(p) for p in args.folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    t0 = time.perf_counter()
    landed: list[float] = []
    marks: dict[str, float] = {}
    finish = check.finish

    def timed_finish(*a, **k):
        marks["finish"] = time.perf_counter() - t0
        out = finish(*a, **k)
        marks["finish_s"] = time.perf_counter() - t0 - marks["finish"]
        return out

    check._work, check.finish = _timed_work, timed_finish
    cpu0 = os.times()
    _, results = check.check_paths(paths, select_rules(), {}, jobs=args.jobs,
                                   on_result=lambda *_: landed.append(time.perf_counter() - t0))
    end = time.perf_counter() - t0
    cpu = os.times()
    if len(results) != len(paths):
        raise SystemExit(f"only {len(results)} of {len(paths)} files were checked")
    print(f"--jobs {args.jobs}, {len(paths)} files: results landed first {landed[0]:.2f} s, middle "
          f"{landed[len(landed) // 2]:.2f} s, last {landed[-1]:.2f} s; finish from {marks['finish']:.2f} s "
          f"for {marks['finish_s']:.2f} s; end {end:.2f} s")
    print(f"this process checked {_OWN['files']} files in {_OWN['s']:.2f} s; CPU: this process "
          f"{cpu.user - cpu0.user + cpu.system - cpu0.system:.2f} s, workers "
          f"{cpu.children_user - cpu0.children_user + cpu.children_system - cpu0.children_system:.2f} s")


if __name__ == "__main__":
    main()
