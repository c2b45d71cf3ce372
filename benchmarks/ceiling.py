"""The machine's own parallel ceiling: how much faster two processes finish a pure-Python loop than one.

    python -m benchmarks.ceiling              # 7 alternating rounds, 2 processes
    python -m benchmarks.ceiling --procs 2 --rounds 11 --steps 40000000

`jxlint check --jobs 2` can be no faster than the machine lets two processes be. On a shared VM that
is less than 2×: the hypervisor takes time from a busy vCPU (/proc/stat's `steal`), and tenants on
the same host come and go. This measures the ceiling with nothing of jxlint in it: a loop of
`--steps` steps in this process, then the same steps split over `--procs` forked processes that share
nothing and send nothing back, alternately, `--rounds` times; each round's speed-up, their median,
and the share of CPU time stolen while the forked processes ran. A `--jobs` speed-up is then read
against this ceiling, measured in the same minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--steps", type=int, default=20_000_000)
    parser.add_argument("--json", action="store_true", help="print the measurement as JSON")
    args = parser.parse_args()
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
