"""Benchmark of the copy-paste rules (CP1xx) on a synthetic corpus of 1×, 10×, 100× the shared cards.

    python -m benchmarks.copypaste_bench            # 1, 10, 100
    python -m benchmarks.copypaste_bench 1 10 100 300

Each scale runs in a fresh process (so peak memory is that scale's own): it parses the shared
documents, builds the synthetic corpus (benchmarks/synth.py), loads jieba (timed apart: a one-off
cost), then times `run_rules` with the CP rules only. Peak memory is the process's maximum resident
set size (ru_maxrss), which includes the parsed documents.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests/data/corpus").glob("0*.txt"))


def one(copies: int) -> dict:
    from benchmarks.synth import load_corpus, synthesize
    from lint.check import run_rules
    from lint.rules import select_rules
    from lint.similarity import tokens

    docs = synthesize(load_corpus(CORPUS), copies)
    cards = sum(len(d.cards) for d in docs)
    t0 = time.perf_counter()
    tokens("加载词典")
    jieba_s = time.perf_counter() - t0
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    findings = run_rules(docs, select_rules(["copy_paste"]))
    elapsed = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"copies": copies, "cards": cards, "seconds": round(elapsed, 2), "jieba_load_s": round(jieba_s, 2),
            "peak_rss_mb": round(peak_mb, 1), "rss_before_rules_mb": round(before_mb, 1), "findings": dict(sorted(Counter(f.code for f in findings).items()))}


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        print(json.dumps(one(int(argv[1]))))
        return
    scales = [int(a) for a in argv] or [1, 10, 100]
    rows = []
    for n in scales:
        out = subprocess.run([sys.executable, "-m", "benchmarks.copypaste_bench", "--one", str(n)],
                             cwd=ROOT, check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(out))
        r = rows[-1]
        print(f"{r['copies']:>5}x {r['cards']:>7} cards  {r['seconds']:>8.2f} s  peak {r['peak_rss_mb']:>7.1f} MB "
              f"(before the rules {r['rss_before_rules_mb']:.1f} MB)  "
              f"(jieba load {r['jieba_load_s']} s)  {r['findings']}", flush=True)
    by = {r["copies"]: r for r in rows}
    if 10 in by and 100 in by:
        print(f"time(100x)/time(10x) = {by[100]['seconds'] / by[10]['seconds']:.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
