"""The machine's own parallel ceiling: how much faster two processes finish a pure-Python loop than one.

    python -m benchmarks.ceiling              # 7 alternating rounds, 2 processes
    python -m benchmarks.ceiling --procs 2 --rounds 11 --steps 40000000
    python -m benchmarks.ceiling --workload /tmp/jxlint-bench-corpora/x100 --rounds 5

`jxlint check --jobs 2` can be no faster than the machine lets two processes be. On a shared VM that
is less than 2×: the hypervisor takes time from a busy vCPU (/proc/stat's `steal`), and tenants on
the same host come and go. This measures the ceiling with nothing of jxlint in it: a loop of
`--steps` steps in this process, then the same steps split over `--procs` forked processes that share
nothing and send nothing back, alternately, `--rounds` times; each round's speed-up, their median,
and the share of CPU time stolen while the forked processes ran. A `--jobs` speed-up is then read
against this ceiling, measured in the same minutes.

A loop touches almost no memory; jxlint's checking does (millions of small records per 100×), and
two such processes on two vCPUs can slow each other through the caches and memory they share.
`--workload DIR` measures that ceiling: DIR's files split into `--procs` shares of equal bytes,
each share checked by its own `jxlint check --jobs 1` (the whole per-document and cross-document
check of its files, and its report), the shares one after another and then all at once,
alternately. The speed-up of at once over one after another is what `--procs` processes can give
this work with no coordination at all: nothing sent between them, no merge.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _loop(n: int) -> int:
    x = 0
    for i in range(n):
        x += i * i % 7
    return x


def _cpu_ticks() -> tuple[int, int] | None:
    """(steal, total) jiffies of all CPUs from /proc/stat, or None where there is none."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    # user nice system idle iowait irq softirq steal [guest guest_nice: already counted in user]
    return (fields[7] if len(fields) > 7 else 0), sum(fields[:8])


def _serial(n: int) -> float:
    start = time.perf_counter()
    _loop(n)
    return time.perf_counter() - start


def shares(n: int, procs: int) -> list[int]:
    """`n` steps split over `procs` processes as evenly as whole steps allow."""
    return [n // procs + (1 if k < n % procs else 0) for k in range(procs)]


def _forked(n: int, procs: int) -> float:
    start = time.perf_counter()
    pids = []
    for share in shares(n, procs):
        pid = os.fork()
        if pid == 0:  # the child: its share of the loop, then out without Python's clean-up
            _loop(share)
            os._exit(0)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)
    return time.perf_counter() - start


def measure(procs: int = 2, rounds: int = 7, steps: int = 20_000_000) -> dict | None:
    """Alternating serial and forked runs of the loop; None where there is no fork (Windows)."""
    if not hasattr(os, "fork"):
        return None
    serial, forked, stolen = [], [], []
    for _ in range(rounds):
        serial.append(_serial(steps))
        before = _cpu_ticks()
        forked.append(_forked(steps, procs))
        after = _cpu_ticks()
        if before and after and after[1] > before[1]:
            stolen.append((after[0] - before[0]) / (after[1] - before[1]))
    speedups = [s / f for s, f in zip(serial, forked, strict=True)]
    return {
        "procs": procs, "rounds": rounds, "steps": steps,
        "serial_s": [round(x, 3) for x in serial], "forked_s": [round(x, 3) for x in forked],
        "speedups": [round(x, 2) for x in speedups], "speedup_median": round(statistics.median(speedups), 2),
        "steal_share_forked": [round(x, 3) for x in stolen],
    }


def split_by_size(files: list[Path], procs: int) -> list[list[Path]]:
    """`files` in `procs` shares of about equal bytes (largest first, each to the lightest share);
    each share in path order."""
    loads = [0] * procs
    out: list[list[Path]] = [[] for _ in range(procs)]
    for f in sorted(files, key=lambda f: (-f.stat().st_size, str(f))):
        k = loads.index(min(loads))
        out[k].append(f)
        loads[k] += f.stat().st_size
    return [sorted(share) for share in out]


def _check_commands(shares: list[list[Path]], workdir: Path) -> list[list[str]]:
    return [[sys.executable, "-m", "lint", "check", *map(str, share), "--jobs", "1", "--format", "json",
             "-o", str(workdir / f"share{k}.json"), "-q"] for k, share in enumerate(shares)]


def _run_all(commands: list[list[str]], at_once: bool) -> float:
    """Wall time of `commands`, one after another or all started at once; a failure (exit code
    other than 0 and 1, the findings exit) stops the measurement. Their stderr goes to files (a
    pipe nobody reads while they run could fill and stop them)."""
    with tempfile.TemporaryDirectory(prefix="jxlint-ceiling-err-") as tmp:
        errs = [Path(tmp) / f"stderr{k}" for k in range(len(commands))]
        start = time.perf_counter()
        procs = []
        for cmd, err in zip(commands, errs, strict=True):
            with err.open("wb") as fh:
                p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=fh)
            procs.append(p)
            if not at_once:
                p.wait()
        for p in procs:
            p.wait()
        wall = time.perf_counter() - start
        for p, cmd, err in zip(procs, commands, errs, strict=True):
            if p.returncode not in (0, 1):
                raise SystemExit(f"{' '.join(cmd[:5])} ... failed ({p.returncode}): "
                                 f"{err.read_text(errors='replace')[-2000:]}")
    return wall


def measure_workload(folder: Path, procs: int = 2, rounds: int = 5) -> dict:
    """The ceiling for jxlint's own work: `procs` independent checks of equal shares of `folder`,
    one after another against all at once, alternately, `rounds` times."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    if len(files) < procs:
        raise SystemExit(f"{folder}: {len(files)} file(s), fewer than {procs} shares")
    shares = split_by_size(files, procs)
    serial, parallel, stolen = [], [], []
    with tempfile.TemporaryDirectory(prefix="jxlint-ceiling-") as tmp:
        commands = _check_commands(shares, Path(tmp))
        for _ in range(rounds):
            serial.append(_run_all(commands, at_once=False))
            before = _cpu_ticks()
            parallel.append(_run_all(commands, at_once=True))
            after = _cpu_ticks()
            if before and after and after[1] > before[1]:
                stolen.append((after[0] - before[0]) / (after[1] - before[1]))
    speedups = [s / p for s, p in zip(serial, parallel, strict=True)]
    return {
        "folder": str(folder), "procs": procs, "rounds": rounds, "files": [len(s) for s in shares],
        "bytes": [sum(f.stat().st_size for f in s) for s in shares],
        "one_after_another_s": [round(x, 3) for x in serial], "at_once_s": [round(x, 3) for x in parallel],
        "speedups": [round(x, 2) for x in speedups], "speedup_median": round(statistics.median(speedups), 2),
        "steal_share_at_once": [round(x, 3) for x in stolen],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--steps", type=int, default=20_000_000)
    parser.add_argument("--json", action="store_true", help="print the measurement as JSON")
    parser.add_argument("--workload", type=Path, metavar="DIR",
                        help="measure with jxlint's own check of DIR's files instead of a loop")
    args = parser.parse_args()
    if args.workload is not None:
        w = measure_workload(args.workload, args.procs, args.rounds)
        if args.json:
            print(json.dumps(w, indent=2))
            return
        print(f"{args.procs} shares of {args.workload} ({' + '.join(map(str, w['files']))} files, "
              f"{' + '.join(f'{b / 1e6:.1f}' for b in w['bytes'])} MB), each checked by `jxlint check --jobs 1`, "
              f"{args.rounds} alternating rounds")
        for i, (s, p, x) in enumerate(zip(w["one_after_another_s"], w["at_once_s"], w["speedups"], strict=True), 1):
            steal = f", steal {w['steal_share_at_once'][i - 1]:.0%}" if i <= len(w["steal_share_at_once"]) else ""
            print(f"round {i}: one after another {s:.2f} s, at once {p:.2f} s: {x:.2f}×{steal}")
        print(f"median speed-up {w['speedup_median']}× (the ceiling of this work for --jobs {args.procs})")
        return
    m = measure(args.procs, args.rounds, args.steps)
    if m is None:
        print("no fork on this platform: no ceiling measured")
        return
    if args.json:
        print(json.dumps(m, indent=2))
        return
    print(f"{args.procs} processes over {args.steps:,} loop steps, {args.rounds} alternating rounds")
    for i, (s, f, x) in enumerate(zip(m["serial_s"], m["forked_s"], m["speedups"], strict=True), 1):
        steal = f", steal {m['steal_share_forked'][i - 1]:.0%}" if i <= len(m["steal_share_forked"]) else ""
        print(f"round {i}: one process {s:.2f} s, {args.procs} processes {f:.2f} s: {x:.2f}×{steal}")
    print(f"median speed-up {m['speedup_median']}× (the ceiling for --jobs {args.procs})")


if __name__ == "__main__":
    main()
