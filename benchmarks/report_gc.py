"""Time the cyclic collector spends while `jxlint check` makes its report, after the check itself.

    python -m benchmarks.report_gc /tmp/jxlint-bench-corpora/x1000 --jobs 2           # as the CLI runs
    python -m benchmarks.report_gc /tmp/jxlint-bench-corpora/x1000 --jobs 2 --no-freeze  # as before

Runs the `check` command in this process (JSON report to a temporary file) and prints the seconds
from the end of the check to the report written, and the collections (by generation) and their time
in that span. `--no-freeze` turns `lint.cli._keep_heap_out_of_collections` off, to compare.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from pathlib import Path

import lint.check
import lint.cli


def main(argv: list[str]) -> None:
    freeze = "--no-freeze" not in argv
    args = [a for a in argv if a != "--no-freeze"]
    span = {"gc": 0.0, "start": 0.0, "on": False, "by_gen": [0, 0, 0]}

    def on_gc(phase: str, info: dict) -> None:
        if not span["on"]:
            return
        if phase == "start":
            span["start"] = time.perf_counter()
        else:
            span["gc"] += time.perf_counter() - span["start"]
            span["by_gen"][info["generation"]] += 1

    gc.callbacks.append(on_gc)
    check_paths, write = lint.check.check_paths, lint.cli._write

    def timed_check(*a, **k):
        out = check_paths(*a, **k)
        span["on"], span["t0"] = True, time.perf_counter()
        return out

    def timed_write(text, output) -> None:
        write(text, output)
        span["report"] = time.perf_counter() - span["t0"]

    lint.check.check_paths, lint.cli._write = timed_check, timed_write
    if not freeze:
        lint.cli._keep_heap_out_of_collections = lambda: None
    with tempfile.TemporaryDirectory() as tmp:
        try:
            lint.cli.main(["check", *args, "-q", "--format", "json", "-o", str(Path(tmp) / "r.json")],
                          standalone_mode=False)
        except SystemExit:
            pass
    print(f"{'frozen' if freeze else 'not frozen'}: report {span['report']:.2f} s after the check, "
          f"of which collections {span['gc']:.2f} s (by generation {span['by_gen']})")


if __name__ == "__main__":
    main(sys.argv[1:])
