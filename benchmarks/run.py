"""The performance harness of issue 8: startup, throughput, parallel speed-up and peak memory of `jxlint check`.

    python -m benchmarks.run                                  # scales 1,10,100; --jobs 1 and 2
    python -m benchmarks.run --scales 1000 --jobs 1           # the peak-memory target
    python -m benchmarks.run --profile --out benchmarks/results/DATE.json

It generates the synthetic corpora (benchmarks/synth_files.py: N copies of each shared document, as
files of the three layouts) into a temporary folder, or into --keep DIR where they are reused from
run to run, then measures:

- startup: median wall time of 7 runs of `jxlint --version`, and of `jxlint check DOC` for each
  shared document (the console script beside this Python, else `python -m lint`);
- per scale: the bare reading pass, in this process: `read_text(path)` then `split_rows(text)` over
  every file (best of 3), the floor any full check stands on; then the full check (all rules,
  copy-paste included) as a child process, `python -m lint check DIR --jobs N --format json -o FILE
  -q` (where this environment forbids caching bytecode and jxlint is an editable install, with the
  bytecode cached as an installed jxlint has it: `cached_env`), once per --jobs value (median of 3
  runs below 100×, 1 run from 100×; with --pairs K, K more rounds alternating the --jobs values,
  each round's speed-up and their median, and beside each round the machine's own speed-up for that many processes, benchmarks/ceiling.py, for a loop and for
  independent checks of equal shares of the files, unless --no-workload-ceiling): wall time, peak RSS of
  the largest process (the kernel's ru_maxrss, from wait4, covering every waited-for descendant) and
  the sampled peak of the summed PSS of the child's process tree (every 50 ms: worker processes share
  pages with their parent, PSS counts a shared page once); cards from the JSON summary.
- derived: cards/s, cards/s per core (cards/s ÷ min(jobs, CPUs)), check ÷ bare read, the --jobs
  speed-up over --jobs 1, and time(100×) ÷ time(10×).

`--jobs` is new in the CLI: when the CLI rejects it (exit 2, "no such option") the harness runs the
check without it, once per scale, and marks the rows `jobs: -` ("single process, no --jobs option").

`--profile` runs the check of the 100× corpus (or --profile-scale) in this process under cProfile
with --jobs 1 and writes the top 25 functions by cumulative and by own time to FILE.profile.txt
beside --out (or prints them).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from tabulate import tabulate

from benchmarks.synth_files import CORPUS, templates, write_corpus

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- the machine


def machine() -> dict[str, Any]:
    """The facts a figure depends on: CPUs, CPU model, Python, jxlint version, commit."""
    model = ""
    try:
        for ln in Path("/proc/cpuinfo").read_text().splitlines():
            if ln.startswith("model name"):
                model = ln.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 1
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, timeout=10).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                                    capture_output=True, text=True, timeout=10).stdout.strip())
    except (OSError, subprocess.SubprocessError):
        commit, dirty = "", False
    from lint import __version__

    return {"date": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "nproc": usable,
            "cpu_count": os.cpu_count(), "cpu_model": model, "python": platform.python_version(),
            "implementation": platform.python_implementation(), "platform": platform.platform(),
            "jxlint": __version__, "commit": commit + ("-dirty" if dirty else ""), "loadavg": _load(),
            "calibration_s": calibrate(), "install": _install_kind(), "bytecode_cache": _bytecode_cache()}


def _install_kind() -> str:
    """`editable` when lint is imported from this checkout, else `installed` (site-packages)."""
    import lint

    return "editable" if Path(lint.__file__).resolve().is_relative_to(ROOT) else "installed"


def _bytecode_cache() -> bool:
    """Whether this environment lets Python cache compiled modules (PYTHONDONTWRITEBYTECODE unset).

    Without the cache an editable install compiles every jxlint module on every start (measured:
    a quarter of a one-document check); `pip install .` compiles them once, at install time."""
    return not (sys.flags.dont_write_bytecode or os.environ.get("PYTHONDONTWRITEBYTECODE"))


def calibrate(n: int = 5_000_000) -> float:
    """CPU seconds of a fixed pure-Python loop, best of 3: this VM's speed drifts by half over a day
    (other tenants), so figures of two runs compare only in units of it."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        x = 0
        for i in range(n):
            x += i * i % 7
        best = min(best, time.process_time() - start)
    return round(best, 3)


def _load() -> list[float]:
    """The 1/5/15-minute load averages: other jobs on a shared machine slow every figure down."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def jxlint_command() -> list[str]:
    """The console script of THIS Python's environment (not another venv's on PATH), else -m."""
    beside = Path(sys.executable).parent / "jxlint"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("jxlint")
    return [found] if found else [sys.executable, "-m", "lint"]


# ---------------------------------------------------------------- measuring a child


def _tree(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return pids


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for ln in fh:
                if ln.startswith("Pss:"):
                    return int(ln.split()[1])
    except OSError:
        pass
    return 0


def run_child(cmd: list[str], sample: bool = True, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run `cmd`; wall time, exit code, ru_maxrss of the child (wait4) and sampled tree PSS peak."""
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    peak = [0]
    done = threading.Event()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env)

    def sampler() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], sum(_pss_kb(p) for p in _tree(proc.pid)))

    thread = threading.Thread(target=sampler, daemon=True) if sample else None
    if thread:
        thread.start()
    # wait4, not Popen.wait: it returns the child's own rusage (ru_maxrss covers its descendants).
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    if thread:
        thread.join()
    out.seek(0)
    err.seek(0)
    return {"wall_s": wall, "rc": proc.returncode, "maxrss_mb": usage.ru_maxrss / 1024,
            "tree_pss_peak_mb": peak[0] / 1024 if sample else None,
            "user_s": usage.ru_utime, "sys_s": usage.ru_stime,
            "stdout": out.read().decode("utf-8", "replace"), "stderr": err.read().decode("utf-8", "replace")}


def _no_jobs_option(result: dict[str, Any]) -> bool:
    return result["rc"] == 2 and "no such option" in result["stderr"].lower() and "--jobs" in result["stderr"]


# ---------------------------------------------------------------- the measures


def startup(runs: int, cache_dir: Path) -> list[dict[str, Any]]:
    """Median wall time of `runs` starts per case. Where this environment forbids caching bytecode
    and jxlint runs from an editable install, each case is measured twice: as the environment is
    (every module compiled at every start), and with the cache in `cache_dir` (PYTHONPYCACHEPREFIX,
    after one warm-up start), which is what an installed jxlint (`pip install .`) or any environment
    without PYTHONDONTWRITEBYTECODE gives."""
    base = jxlint_command()
    rows = []
    cases = [("--version", [*base, "--version"])]
    cases += [(f"check {p.relative_to(ROOT)}", [*base, "check", str(p), "-q", "--format", "json", "-o", os.devnull])
              for p in CORPUS]
    variants: list[tuple[str, dict[str, str] | None]] = [("", None)]
    cached = cached_env(cache_dir)
    if cached is not None:
        variants = [(" (no bytecode cache)", None), (" (bytecode cached)", cached)]
    for suffix, env in variants:
        for label, cmd in cases:
            if env is not None:
                run_child(cmd, sample=False, env=env)  # writes the cache
            rows.append(_startup_case(label + suffix, cmd, runs, env))
    return rows


def cached_env(cache_dir: Path) -> dict[str, str] | None:
    """Where this environment forbids caching bytecode and jxlint runs from an editable install: an
    environment for child processes with the cache in `cache_dir` (PYTHONPYCACHEPREFIX), as an
    installed jxlint has it (`pip install .` compiles every module at install time). Else None:
    children run as the environment is."""
    if _bytecode_cache() or _install_kind() != "editable":
        return None
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache_dir)
    return env


def _startup_case(label: str, cmd: list[str], runs: int, env: dict[str, str] | None) -> dict[str, Any]:
    times, cpu = [], []
    for _ in range(runs):
        r = run_child(cmd, sample=False, env=env)
        if r["rc"] not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed ({r['rc']}): {r['stderr'][-2000:]}")
        times.append(r["wall_s"])
        cpu.append(r["user_s"] + r["sys_s"])
    row = {"what": label, "command": " ".join(cmd), "runs": runs,
           "median_ms": round(statistics.median(times) * 1000, 1),
           "min_ms": round(min(times) * 1000, 1), "max_ms": round(max(times) * 1000, 1),
           "cpu_median_ms": round(statistics.median(cpu) * 1000, 1)}
    print(f"  startup {label}: {row['median_ms']} ms (median of {runs})", flush=True)
    return row


def corpus(scale: int, parent: Path, seed: int) -> tuple[Path, dict[str, Any]]:
    """The scale× corpus under parent/x<scale>, generated unless a complete one is there."""
    target = parent / f"x{scale}"
    marker = parent / f"x{scale}.json"  # beside, not inside: jxlint would try to read it
    want = {"copies": scale, "seed": seed, "sources": [p.name for p in CORPUS]}
    if marker.exists() and target.is_dir():
        info = json.loads(marker.read_text())
        if {k: info.get(k) for k in want} == want:
            print(f"  reusing {target} ({info['files']} files, {info['cards']} cards)", flush=True)
            return target, info
    if target.exists():
        shutil.rmtree(target)
    print(f"  generating {scale}× into {target} …", flush=True)
    info = write_corpus(scale, target, CORPUS, seed)
    info.update(want)
    marker.write_text(json.dumps(info))
    print(f"  {info['files']} files, {info['bytes'] / 1e6:.1f} MB, {info['cards']} cards ({info['seconds']} s)",
          flush=True)
    return target, info


def bare_read(folder: Path, repeats: int = 3) -> float:
    """Best time of read_text + split_rows over every file: the reading floor of a check."""
    from lint.readers.decode import read_text
    from lint.readers.rows import split_rows

    files = sorted(folder.rglob("*.txt"))
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for f in files:
            split_rows(read_text(f))
        best = min(best, time.perf_counter() - t0)
    return best


def read_summary(output: Path) -> dict[str, Any]:
    """The report's `summary`, read from its head. Loading a 1000× report whole (580 MB of JSON, a
    few GB as objects) would leave this process that big, and the next check it starts would
    inherit that high-water mark in its `ru_maxrss` (Linux keeps it across exec)."""
    with output.open(encoding="utf-8") as fh:
        head = fh.read(1 << 16)
    at = head.find('"summary":')
    if at < 0:  # not the streamed layout: read it all
        return json.loads(output.read_text(encoding="utf-8"))["summary"]
    start = head.index("{", at)
    return json.JSONDecoder().raw_decode(head, start)[0]


def check_cmd(folder: Path, jobs: int | None, output: Path) -> list[str]:
    cmd = [sys.executable, "-m", "lint", "check", str(folder)]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    return cmd + ["--format", "json", "-o", str(output), "-q"]


class Harness:
    def __init__(self, workdir: Path, seed: int, env: dict[str, str] | None = None) -> None:
        self.workdir = workdir
        self.seed = seed
        self.jobs_option: bool | None = None  # unknown until the CLI is first asked
        # The checks' environment (`cached_env`: bytecode cached as an installed jxlint has it), and
        # one check of a corpus document first, which writes that cache.
        self.env = env
        if env is not None:
            run_child([sys.executable, "-m", "lint", "check", str(CORPUS[0]), "-q", "--format", "json",
                       "-o", os.devnull], sample=False, env=env)

    def check(self, folder: Path, jobs: int, repeats: int) -> dict[str, Any]:
        output = self.workdir / "check-output.json"
        load_before = _load()
        runs = []
        for _ in range(repeats):
            cmd = check_cmd(folder, jobs if self.jobs_option is not False else None, output)
            output.unlink(missing_ok=True)
            r = run_child(cmd, env=self.env)
            if self.jobs_option is None:
                self.jobs_option = not _no_jobs_option(r)
                if not self.jobs_option:
                    print("  note: the CLI has no --jobs option: checks run without it (single process)", flush=True)
                    cmd = check_cmd(folder, None, output)
                    r = run_child(cmd, env=self.env)
            if r["rc"] not in (0, 1) or not output.exists():
                raise SystemExit(f"{' '.join(cmd)} failed ({r['rc']}, output written: {output.exists()}): "
                                 f"{r['stderr'][-3000:]}")
            summary = read_summary(output)
            r.update(command=" ".join(cmd), cards=summary["cards"], files=summary["files"],
                     findings=summary["findings"], input_errors=len(summary.get("input_errors", [])))
            runs.append(r)
        output.unlink(missing_ok=True)
        walls = [r["wall_s"] for r in runs]
        last = runs[-1]
        return {"jobs": jobs if self.jobs_option else None, "command": last["command"], "runs": len(runs),
                "wall_s": round(statistics.median(walls), 3), "walls_s": [round(w, 3) for w in walls],
                "user_s": round(statistics.median(r["user_s"] for r in runs), 2),
                "sys_s": round(statistics.median(r["sys_s"] for r in runs), 2),
                "maxrss_mb": round(max(r["maxrss_mb"] for r in runs), 1),
                "tree_pss_peak_mb": round(max(r["tree_pss_peak_mb"] for r in runs), 1),
                "cpu_s": round(statistics.median(r["user_s"] + r["sys_s"] for r in runs), 2),
                "loadavg_before": load_before,
                "cards": last["cards"], "files": last["files"], "findings": last["findings"],
                "input_errors": last["input_errors"]}


_RULE_FILE = re.compile(r"([a-z]{2}\d{3})_\w+\.py$")
# The report is rendered while it is written (text and JSON are streamed), so one stage covers both.
_STAGES = {("load.py", "load_document"): "read and parse (load_document)",
           ("rows.py", "split_rows"): "  of which: split into rows (split_rows)",
           ("cards.py", "parse_cards"): "  of which: cards (parse_cards)",
           ("check.py", "check_document"): "per-document rules (check_document)",
           ("check.py", "finish"): "cross-document rules, sort (finish)",
           ("cli.py", "_write"): "render and write the report (_write)"}


def by_stage_and_rule(stats: pstats.Stats) -> tuple[dict[str, float], dict[str, float]]:
    """Cumulative seconds of the pipeline's stages and of each rule's check_* methods."""
    stages: dict[str, float] = {}
    rules: dict[str, float] = {}
    for (filename, _, func), (_, _, _, cum, _) in stats.stats.items():  # type: ignore[attr-defined]
        base = os.path.basename(filename)
        if (base, func) in _STAGES:
            stages[_STAGES[base, func]] = round(stages.get(_STAGES[base, func], 0) + cum, 2)
        m = _RULE_FILE.search(filename)
        if m and "rules" in filename and func in ("check_card", "check_document", "check_run"):
            # check_document may call the same rule's check_card: the larger one, not the sum.
            code = m.group(1).upper()
            rules[code] = round(max(rules.get(code, 0.0), cum), 2)
    order = list(_STAGES.values())
    return (dict(sorted(stages.items(), key=lambda kv: order.index(kv[0]))),
            dict(sorted(rules.items(), key=lambda kv: -kv[1])))


def profile(folder: Path, jobs_option: bool, out_file: Path | None,
            top: int = 25) -> tuple[str, float, dict[str, float], dict[str, float]]:
    """The check of `folder` in this process under cProfile; the top entries by cumulative and own time."""
    from lint.cli import main

    output = Path(tempfile.mkstemp(suffix=".json")[1])
    args = ["check", str(folder), *(["--jobs", "1"] if jobs_option else []), "--format", "json",
            "-o", str(output), "-q"]
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    try:
        main.main(args, standalone_mode=False)
    except SystemExit:
        pass
    finally:
        prof.disable()
    wall = time.perf_counter() - t0
    output.unlink(missing_ok=True)
    buf = io.StringIO()
    shown = " ".join("OUT.json" if a == str(output) else a for a in args)
    buf.write(f"cProfile of `jxlint {shown}` in one process: {wall:.1f} s under the profiler\n\n")
    stages, rules = by_stage_and_rule(pstats.Stats(prof))
    buf.write("== by stage (cumulative s under the profiler) ==\n")
    buf.write(tabulate(list(stages.items()), headers=["stage", "s"], tablefmt="github") + "\n\n")
    buf.write("== by rule (cumulative s of its check_card / check_document / check_run) ==\n")
    buf.write(tabulate(list(rules.items()), headers=["rule", "s"], tablefmt="github") + "\n\n")
    for key in ("cumulative", "tottime"):
        buf.write(f"== top {top} by {key} ==\n")
        stats = pstats.Stats(prof, stream=buf)
        stats.strip_dirs().sort_stats(key).print_stats(top)
    text = buf.getvalue()
    if out_file:
        out_file.write_text(text, encoding="utf-8")
    return text, wall, stages, rules


# ---------------------------------------------------------------- report


def alternating(harness: Harness, folder: Path, scale: int, jobs_values: list[int], rounds: int,
                workload: bool = True) -> dict[str, Any]:
    """`rounds` rounds of one check per --jobs value, back to back: this VM's speed drifts by half
    within minutes, so a speed-up is only honest between runs made in the same minute. Each
    round's speed-up over the first --jobs value, and their median."""
    from benchmarks import ceiling

    walls: list[dict[int, float]] = []
    ceilings: list[float] = []
    workloads: list[float] = []
    procs = min(max(jobs_values), os.cpu_count() or 1)
    for k in range(rounds):
        walls.append({jobs: harness.check(folder, jobs, 1)["wall_s"] for jobs in jobs_values})
        # The machine's own speed-up for `procs` processes in the same minute (benchmarks/ceiling.py):
        # on a shared VM a --jobs speed-up is bounded by it, and it moves. Twice: for a loop, and
        # for jxlint's own work in independent processes (the caches and memory they share).
        roof = ceiling.measure(procs, rounds=1) if procs > 1 else None
        work = ceiling.measure_workload(folder, procs, rounds=1) if procs > 1 and workload else None
        if roof:
            ceilings.append(roof["speedup_median"])
        if work:
            workloads.append(work["speedup_median"])
        print(f"  round {k + 1}: " + ", ".join(f"jobs={j} {w} s" for j, w in walls[-1].items())
              + (f"; machine ceiling for {procs} processes {ceilings[-1]}×" if roof else "")
              + (f", for {procs} independent checks of halves {workloads[-1]}×" if work else ""), flush=True)
    base = jobs_values[0]
    speedups = {j: [round(w[base] / w[j], 2) for w in walls] for j in jobs_values[1:]}
    out = {"scale": scale, "walls_s": [{str(j): w for j, w in r.items()} for r in walls],
           "speedups": {str(j): v for j, v in speedups.items()},
           "speedup_median": {str(j): round(statistics.median(v), 2) for j, v in speedups.items()},
           "wall_median_s": {str(j): round(statistics.median(r[j] for r in walls), 3) for j in jobs_values}}
    if ceilings:
        out["ceiling_procs"] = procs
        out["ceilings"] = ceilings
        out["ceiling_median"] = round(statistics.median(ceilings), 2)
    if workloads:
        out["workload_ceilings"] = workloads
        out["workload_ceiling_median"] = round(statistics.median(workloads), 2)
    return out


def derive(rows: list[dict[str, Any]], nproc: int) -> None:
    """Add cards/s, per core, ratio to the bare read and the --jobs speed-up to each row."""
    by_scale: dict[int, dict[Any, dict[str, Any]]] = {}
    for r in rows:
        by_scale.setdefault(r["scale"], {})[r["jobs"]] = r
    for r in rows:
        cores = min(r["jobs"] or 1, nproc)
        r["cards_per_s"] = round(r["cards"] / r["wall_s"], 1)
        r["cards_per_s_per_core"] = round(r["cards_per_s"] / cores, 1)
        # Per CPU-second of the process tree: what a core does when no other job competes for it.
        r["cards_per_cpu_s"] = round(r["cards"] / r["cpu_s"], 1) if r["cpu_s"] else None
        r["check_over_bare_read"] = round(r["wall_s"] / r["bare_read_s"], 1) if r["bare_read_s"] else None
        one = by_scale[r["scale"]].get(1)
        r["speedup_over_jobs1"] = round(one["wall_s"] / r["wall_s"], 2) if one and r["jobs"] not in (1, None) else None


def scaling(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """time(10a) / time(a) for each pair of scales ten times apart, per --jobs."""
    out = []
    index = {(r["scale"], r["jobs"]): r for r in rows}
    for (scale, jobs), r in sorted(index.items(), key=lambda kv: (str(kv[0][1]), kv[0][0])):
        small = index.get((scale // 10, jobs)) if scale % 10 == 0 else None
        if small:
            out.append({"jobs": jobs, "ratio": f"time({scale}×)/time({scale // 10}×)",
                        "value": round(r["wall_s"] / small["wall_s"], 1)})
    return out


def render(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [f"jxlint {m['jxlint']} @ {m['commit']}  {m['date']}",
             f"{m['nproc']} CPUs usable ({m['cpu_count']} online), {m['cpu_model']}, "
             f"{m['implementation']} {m['python']}, {m['platform']}",
             f"load average at the start: {m['loadavg']} (1, 5, 15 min); jxlint {m.get('install', '?')}, "
             f"bytecode cache {'allowed' if m.get('bytecode_cache', True) else 'off (PYTHONDONTWRITEBYTECODE)'}; "
             f"checks run with bytecode {result.get('check_bytecode', 'as this environment has it')}",
             f"calibration: {m.get('calibration_s', '-')} s of CPU for a 5-million-step Python loop", ""]
    if result.get("startup"):
        lines.append(tabulate([[s["what"], s["median_ms"], s["min_ms"], s["max_ms"], s.get("cpu_median_ms", ""), s["runs"]]
                               for s in result["startup"]],
                              headers=["startup", "median ms", "min ms", "max ms", "cpu ms (median)", "runs"],
                              tablefmt="github"))
        lines.append("")
    if result.get("checks"):
        columns = [  # (header, row key); "jobs" '-' = the CLI had no --jobs option
            ("scale", "scale"), ("cards", "cards"), ("files", "files"), ("jobs", "jobs"),
            ("bare read s", "bare_read_s"), ("check s", "wall_s"), ("cpu s", "cpu_s"), ("runs", "runs"),
            ("cards/s", "cards_per_s"), ("cards/s/core", "cards_per_s_per_core"), ("cards/cpu-s", "cards_per_cpu_s"),
            ("check/bare", "check_over_bare_read"), ("speed-up", "speedup_over_jobs1"),
            ("max RSS MB", "maxrss_mb"), ("tree PSS MB", "tree_pss_peak_mb"), ("findings", "findings")]
        table = []
        for r in result["checks"]:
            cells = {k: ("" if r.get(k) is None else r[k]) for _, k in columns}
            cells["scale"] = f"{r['scale']}×"
            cells["jobs"] = "-" if r["jobs"] is None else r["jobs"]
            table.append([cells[k] for _, k in columns])
        lines.append(tabulate(table, headers=[h for h, _ in columns], tablefmt="github"))
        if result.get("scaling"):
            lines.append("")
            lines += [f"{s['ratio']} = {s['value']}  (jobs {'-' if s['jobs'] is None else s['jobs']})"
                      for s in result["scaling"]]
        for p in result.get("pairs", ()):
            lines.append("")
            lines.append(f"{p['scale']}×, {len(p['walls_s'])} alternating rounds: median wall "
                         + ", ".join(f"jobs {j} {w} s" for j, w in p["wall_median_s"].items()) + "; speed-up "
                         + "; ".join(f"jobs {j}: {', '.join(map(str, v))} (median {p['speedup_median'][j]})"
                                     for j, v in p["speedups"].items()))
            if p.get("ceilings"):
                lines.append(f"  the machine's ceiling for {p['ceiling_procs']} processes in the same rounds "
                             f"(python -m benchmarks.ceiling): {', '.join(map(str, p['ceilings']))}× "
                             f"(median {p['ceiling_median']}×)")
            if p.get("workload_ceilings"):
                lines.append(f"  {p['ceiling_procs']} independent `check --jobs 1` of equal shares, at once against one "
                             f"after another, in the same rounds (python -m benchmarks.ceiling --workload): "
                             f"{', '.join(map(str, p['workload_ceilings']))}× (median {p['workload_ceiling_median']}×)")
        if result.get("jobs_option") is False:
            lines.append("\njobs '-': the CLI has no --jobs option yet; the check ran without it, in one process.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    ap.add_argument("--scales", default="1,10,100", help="comma-separated copies of the corpus [1,10,100]")
    ap.add_argument("--jobs", default="1,2", help="comma-separated --jobs values to measure [1,2]")
    ap.add_argument("--out", type=Path, help="write the results as JSON here (and the table beside, .txt)")
    ap.add_argument("--keep", type=Path, help="generate the corpora here and reuse them in later runs")
    ap.add_argument("--repeats", type=int, default=3, help="runs per check below 100× (median) [3]")
    ap.add_argument("--bare-repeats", type=int, default=3, help="runs of the bare read (best) [3]")
    ap.add_argument("--startup-runs", type=int, default=7, help="runs per startup measure (median) [7]")
    ap.add_argument("--no-startup", action="store_true", help="skip the startup measures")
    ap.add_argument("--profile", action="store_true", help="also profile the check of --profile-scale in-process")
    ap.add_argument("--profile-scale", type=int, default=100)
    ap.add_argument("--pairs", type=int, default=0,
                    help="per scale, also K alternating rounds over the --jobs values (speed-up per round) [0]")
    ap.add_argument("--no-workload-ceiling", action="store_true",
                    help="in --pairs rounds, skip the ceiling measured with independent checks of shares")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",") if s]
    jobs_values = [int(j) for j in args.jobs.split(",") if j]

    result: dict[str, Any] = {"machine": machine(), "arguments": vars(args) | {"out": str(args.out),
                                                                               "keep": str(args.keep)}}
    result["corpus"] = {"sources": [str(p.relative_to(ROOT)) for p in CORPUS],
                        "cards_per_copy": sum(t.cards for t in templates(CORPUS)[0])}
    print(f"{result['machine']['nproc']} CPUs, {result['machine']['cpu_model']}, Python {result['machine']['python']}",
          flush=True)
    with tempfile.TemporaryDirectory(prefix="jxlint-bench-") as tmp:
        workdir = Path(tmp)
        corpora = args.keep or workdir
        corpora.mkdir(parents=True, exist_ok=True)
        if not args.no_startup:
            print("startup", flush=True)
            result["startup"] = startup(args.startup_runs, workdir / "pycache")
        harness = Harness(workdir, args.seed, cached_env(workdir / "pycache"))
        result["check_bytecode"] = ("cached (PYTHONPYCACHEPREFIX), as an installed jxlint has it"
                                    if harness.env is not None else "as this environment has it")
        rows: list[dict[str, Any]] = []
        for scale in scales:
            print(f"scale {scale}×", flush=True)
            folder, info = corpus(scale, corpora, args.seed)
            bare = bare_read(folder, args.bare_repeats)
            print(f"  bare read (read_text + split_rows, best of {args.bare_repeats}): {bare:.3f} s", flush=True)
            repeats = args.repeats if scale < 100 else 1
            for jobs in jobs_values:
                if harness.jobs_option is False and jobs != jobs_values[0]:
                    continue  # without --jobs every value is the same run
                row = harness.check(folder, jobs, repeats)
                row.update(scale=scale, bare_read_s=round(bare, 3), corpus_mb=round(info["bytes"] / 1e6, 1))
                rows.append(row)
                print(f"  check jobs={row['jobs'] if row['jobs'] is not None else '-'}: {row['wall_s']} s, "
                      f"{row['cards']} cards, max RSS {row['maxrss_mb']} MB, tree PSS {row['tree_pss_peak_mb']} MB",
                      flush=True)
            if args.pairs and len(jobs_values) > 1 and harness.jobs_option:
                result.setdefault("pairs", []).append(alternating(harness, folder, scale, jobs_values, args.pairs,
                                                                        not args.no_workload_ceiling))
        derive(rows, result["machine"]["nproc"])
        result["checks"] = rows
        result["jobs_option"] = harness.jobs_option
        result["scaling"] = scaling(rows)
        if args.profile:
            print(f"profile of the {args.profile_scale}× check (jobs 1) …", flush=True)
            folder, _ = corpus(args.profile_scale, corpora, args.seed)
            if harness.jobs_option is None:
                harness.jobs_option = not _no_jobs_option(
                    run_child([sys.executable, "-m", "lint", "check", "--jobs", "1", "--help"], sample=False))
            prof_file = args.out.with_suffix(".profile.txt") if args.out else None
            if prof_file:
                prof_file.parent.mkdir(parents=True, exist_ok=True)
            text, wall, stages, rules = profile(folder, bool(harness.jobs_option), prof_file)
            result["profile"] = {"scale": args.profile_scale, "file": str(prof_file) if prof_file else None,
                                 "wall_s_under_profiler": round(wall, 1), "stages_s": stages, "rules_s": rules}
            if not prof_file:
                print(text)
    table = render(result)
    print()
    print(table)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        args.out.with_suffix(".txt").write_text(table + "\n", encoding="utf-8")
        print(f"\nwrote {args.out} and {args.out.with_suffix('.txt')}"
              + (f" and {result['profile']['file']}" if result.get("profile", {}).get("file") else ""))


if __name__ == "__main__":
    main()
