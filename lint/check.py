"""Run the selected rules over documents and collect findings in a deterministic order.

A run streams: each document is read, parsed and checked on its own (`check_document`), and only
its findings, the small features cross-document rules collect (copy-paste) and an outline of its
cards stay in memory. `check_paths` spreads documents over `jobs` processes; results are merged in
argument order and findings sorted, so the output does not depend on `jobs`.
"""

from __future__ import annotations

import gc
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, groupby, repeat, starmap
from operator import attrgetter, is_, itemgetter
from typing import Any

from lint.model import Document
from lint.rules import select_rules
from lint.rules.base import CardRef, Context, Finding, Rule, by_fields, quick_init


@quick_init
@dataclass(frozen=True, slots=True)
class CardOutline:
    """What reports need of a card after the document is gone (JUnit test cases)."""

    __reduce__ = by_fields  # sent back by every worker with its document's result: a card's worth each

    seq: int | None
    title: str
    project_name: str
    line: int | None


@dataclass(slots=True)
class DocResult:
    """One document's share of a run: findings, collected features and an outline of its cards."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    collected: dict[str, list[Any]] = field(default_factory=dict)
    cards: list[CardOutline] = field(default_factory=list)

    def __reduce__(self) -> tuple:
        # Sent back by every worker (`--jobs`), and unpickled in this process's result thread while
        # it checks files of its own: its records go as tuples of their fields, taken by C-level
        # getters, instead of one Python `__reduce__` call each; what the cross-document rules
        # collected as (CardRef, feature) pairs goes as columns, each card reference once.
        return _unpacked, (self.path, list(map(_FINDING_FIELDS, self.findings)),
                           _packed(self.collected), list(map(_OUTLINE_FIELDS, self.cards)))


_FINDING_FIELDS = attrgetter(*Finding.__match_args__)
_OUTLINE_FIELDS = attrgetter(*CardOutline.__match_args__)
_REF_FIELDS = attrgetter(*CardRef.__match_args__)
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def _packed(collected: dict[str, list[Any]]) -> dict[str, tuple]:
    """`collected` for `_unpacked`: a rule's (CardRef, feature) pairs as the references' fields and
    the features, or the name of an earlier rule that kept the same references (CP102 and CP105
    keep one per card, `title_ref`); any other items as they are."""
    out: dict[str, tuple] = {}
    kept: list[tuple[str, list[CardRef]]] = []
    for code, items in collected.items():
        if not (type(items) is list and set(map(type, items)) == {tuple} and set(map(len, items)) == {2}
                and set(map(type, refs := list(map(_FIRST, items)))) == {CardRef}):
            out[code] = ("items", items)
            continue
        same = next((c for c, earlier in kept if len(earlier) == len(refs) and all(map(is_, earlier, refs))), None)
        out[code] = ("pairs", same if same is not None else list(map(_REF_FIELDS, refs)), list(map(_SECOND, items)))
        kept.append((code, refs))
    return out


def _unpacked(path: str, findings: list[tuple], collected: dict[str, tuple], cards: list[tuple]) -> DocResult:
    """The `DocResult` that `DocResult.__reduce__` sent."""
    made: dict[str, list[CardRef]] = {}
    items: dict[str, list[Any]] = {}
    for code, (kind, *parts) in collected.items():
        if kind == "items":
            items[code] = parts[0]
            continue
        refs, features = parts
        refs = made[code] = made[refs] if type(refs) is str else list(starmap(CardRef, refs))
        items[code] = list(zip(refs, features, strict=True))
    return DocResult(path, list(starmap(Finding, findings)), items, list(starmap(CardOutline, cards)))


def _is_cross(rule: Rule) -> bool:
    return hasattr(rule, "check_collected")


def check_document(doc: Document, rules: list[Rule], settings: dict[str, Any]) -> DocResult:
    """Per-document rules on `doc`, and the features cross-document rules collect from it.

    The findings come back settled (`settle`: severity overrides, deduplicated, sorted), so that
    with `--jobs` this work is done in parallel and `finish` only adds the cross-document ones."""
    ctx = Context(document=doc, budget_year=settings.get("budget_year") or doc.budget_year, settings=settings,
                  memo={})
    result = DocResult(path=doc.path, cards=[CardOutline(c.seq, c.title, c.project_name, c.line) for c in doc.cards])
    findings = result.findings
    for rule in rules:
        if _is_cross(rule):
            try:
                result.collected[rule.code] = list(rule.collect(doc, ctx))
            except Exception as exc:  # the rule's bug: reported, and the other rules still run
                findings.append(_rule_failure(rule, doc.path, exc))
        elif type(rule).check_document is Rule.check_document:
            # A per-card rule: its cards walked here, by C-level `map` and `chain`, rather than by the
            # generator of Rule.check_document, which costs a frame and a `yield from` per card and
            # rule. The same findings in the same order.
            findings.extend(_guarded(rule, doc.path, _each_card, rule, doc, ctx))
        else:
            findings.extend(_guarded(rule, doc.path, rule.check_document, doc, ctx))
    result.findings = settle(findings, settings.get("severity", {}))
    return result


def settle(findings: Iterable[Finding], overrides: dict[str, str]) -> list[Finding]:
    """Findings as a report lists them: severity overrides applied, equal findings once (the first
    kept), sorted by `Finding.sort_key` (a stable sort: ties keep their order)."""
    found = [_with_severity(f, overrides) for f in findings] if overrides else list(findings)
    # `sorted(dict.fromkeys(found), key=Finding.sort_key)` without hashing every finding (a Python
    # `__hash__` each, most of this): equal findings have equal sort keys, so after a stable sort
    # they are in one run of equal keys, in input order, and only such a run (nearly always of one)
    # is searched for an equal one kept before. 5.0 k -> 3.9 k instructions a finding (callgrind).
    # The keys by a C-level getter of the fields where no finding's `field` is None (which the key
    # reads as ""): 0.3 k instead of 1.5 k instructions a finding.
    keys = list(map(_SORT_FIELDS if not any(map(is_, map(_FIELD, found), repeat(None))) else Finding.sort_key,
                    found))
    order = sorted(range(len(found)), key=keys.__getitem__)
    if len(set(keys)) == len(keys):
        # No two keys alike (nearly always: a set of them tells, in C): no equal findings, and
        # no loop in Python to take them in order.
        return list(map(found.__getitem__, order))
    out: list[Finding] = []
    run_key: tuple | None = None
    run: list[Finding] = []
    for i in order:
        f = found[i]
        if keys[i] != run_key:
            run_key, run = keys[i], [f]
            out.append(f)
        elif f not in run:
            run.append(f)
            out.append(f)
    return out


def _each_card(rule: Rule, doc: Document, ctx: Context) -> Iterator[Finding]:
    return chain.from_iterable(map(rule.check_card, doc.cards, repeat(ctx, len(doc.cards))))


def finish(results: Iterable[DocResult], rules: list[Rule], settings: dict[str, Any]) -> list[Finding]:
    """Cross-document rules over everything collected, then every finding, sorted and deduplicated.

    `results` hold settled findings (`check_document`), so this is the serial tail of a run: only
    the cross-document findings are settled here and put into their documents' lists. The result
    is `settle` of every document's findings followed by the cross-document ones."""
    # Documents in path order: what cross-document rules see (and so which card a group names
    # first) does not depend on the order of the arguments or of the workers.
    results = sorted(results, key=lambda r: r.path)
    cross: list[Finding] = []
    for rule in rules:
        if _is_cross(rule):
            items = list(chain.from_iterable(r.collected.get(rule.code, ()) for r in results))
            where = results[0].path if results else "<run>"
            cross.extend(_guarded(rule, where, rule.check_collected, items, settings))
    overrides = settings.get("severity", {})
    paths = [r.path for r in results]
    if len(set(paths)) != len(paths):  # a file checked twice: its findings deduplicated across both
        return settle([f for r in results for f in r.findings] + cross, overrides)
    # The cross-document findings by path: settled, so sorted by path first (`groupby`, no loop
    # over each finding here).
    by_path = {path: list(found) for path, found in groupby(settle(cross, overrides), _PATH)}
    out: list[Finding] = []
    for r in results:
        extra = by_path.pop(r.path, None)
        out.extend(_merged(r.findings, extra) if extra else r.findings)
    for extra in by_path.values():  # at a path no result has (a rule's failure at "<run>")
        out.extend(extra)
    if by_path:
        out.sort(key=Finding.sort_key)
    return out


def _merged(settled: list[Finding], extra: list[Finding]) -> list[Finding]:
    """`settle(settled + extra)` for two settled lists of findings of one path, in one pass: each of
    `extra` goes after the findings it ties with (a stable sort's order), unless one of them equals
    it (deduplicated)."""
    key = Finding.sort_key
    # Where each of `extra` goes, found by bisection on the lines of the settled findings (ints,
    # taken once for each by a C-level map); by (column, code) only among the settled findings of
    # its line, and by the whole sort key (a Python call) only where those tie too, which is rare.
    # (At 100×, 34,435 settled and 10,726 cross-document findings in 300 documents: 46 M
    # instructions, where bisecting on leads of four fields taken for every settled finding cost
    # 118 M, and one sort of both lists by those leads 143 M.)
    lines = list(map(_LINE, settled))
    out: list[Finding] = []
    pos = 0
    for f in extra:
        line = f.line
        hi = bisect_right(lines, line, pos)
        if hi and lines[hi - 1] == line:
            place = _PLACE(f)
            while hi > pos and lines[hi - 1] == line and _PLACE(settled[hi - 1]) > place:
                hi -= 1
            if hi and lines[hi - 1] == line and _PLACE(settled[hi - 1]) == place:
                # (A settled finding before `pos` is in `out` already, and not after `f` in order.)
                k = key(f)
                while hi > pos and _PLACE(settled[hi - 1]) == place and key(settled[hi - 1]) > k:
                    hi -= 1
                out.extend(settled[pos:hi])
                pos = hi
                if not _tied_equal(out, f, k, place):
                    out.append(f)
                continue
        out.extend(settled[pos:hi])
        pos = hi
        out.append(f)  # no settled finding with its leading fields: none equal to it either
    out.extend(settled[pos:])
    return out


def _tied_equal(out: list[Finding], f: Finding, k: tuple, place: tuple) -> bool:
    """Whether one of the findings at the end of `out` that tie with `f` (sort key `k`; `place`
    its line, column and code) equals it. Nearly always there is no tie at all."""
    for tie in reversed(out):
        if _PLACE(tie) != place or tie.sort_key() != k:
            return False
        if tie == f:
            return True
    return False


_LINE = attrgetter("line")
_PLACE = attrgetter("line", "column", "code")  # the start of `Finding.sort_key` after the path
_PATH = attrgetter("path")
_FIELD = attrgetter("field")
_SORT_FIELDS = attrgetter("path", "line", "column", "code", "field", "message")  # `Finding.sort_key` but for None


def run_rules(
    documents: list[Document],
    rules: Iterable[type[Rule]] | None = None,
    settings: dict[str, Any] | None = None,
) -> list[Finding]:
    """Every finding of every rule on every document, sorted by file, line, column and code."""
    settings = settings or {}
    instances = [r() for r in (list(rules) if rules is not None else select_rules())]
    return finish((check_document(d, instances, settings) for d in documents), instances, settings)


# -- whole runs over files, optionally in several processes ---------------------------------------
_WORKER: dict[str, Any] = {}


def _init_worker(rule_codes: list[str], settings: dict[str, Any], layout: str | None,
                 dictionaries: dict[str, list[Any]], limits: Any) -> None:
    from lint.dicts import extra_dictionaries
    from lint.rules import get_rule

    # The bureau's extra word lists stay active for the worker's life.
    ctx = extra_dictionaries(dictionaries)
    ctx.__enter__()
    _WORKER.update(rules=[get_rule(c)() for c in rule_codes], settings=settings, layout=layout, dicts=ctx,
                   limits=limits)


def _work(path: str) -> tuple[DocResult | None, Exception | None]:
    """Load and check one file; an unreadable file comes back as its InputError."""
    from lint.errors import InputError
    from lint.load import load_or_error

    doc, error = load_or_error(path, _WORKER["layout"], _WORKER["limits"])
    if doc is None:
        return None, error
    try:
        return check_document(doc, _WORKER["rules"], _WORKER["settings"]), None
    except Exception as exc:
        return None, InputError(path, f"internal error while checking ({type(exc).__name__}: {exc})")


def check_paths(
    paths: list[str],
    rules: Iterable[type[Rule]],
    settings: dict[str, Any],
    *,
    layout: str | None = None,
    jobs: int = 1,
    dictionaries: dict[str, list[Any]] | None = None,
    limits: Any = None,
    on_result: Callable[[str, DocResult | None, Exception | None], None] | None = None,
) -> tuple[list[Finding], list[DocResult]]:
    """Check files (`-` is stdin, read in this process), `jobs` at a time; results in `paths` order.

    `on_result(path, result, error)` hears of each file as it is done (progress, error messages).
    Returns the findings and the per-document results (their findings already merged).
    """
    with rare_collections():
        return _check_paths(paths, rules, settings, layout, jobs, dictionaries, limits, on_result)


# The cyclic collector's default (a pass every 700 new objects, a full one every 10 × 10 passes)
# walks every live record again and again: parsing makes millions of small objects and the run keeps
# the cross-document features, yet these records form no reference cycles (a full collection after
# a 100× run found nothing to free). Measured over the 100× corpus with --jobs 1, three alternating
# runs each: 24.8–26.3 s with the defaults, 15.7–18.9 s with these, the same peak memory.
_THRESHOLDS = (100_000, 50, 100)


@contextmanager
def rare_collections() -> Iterator[None]:
    """The collector's thresholds above for the block (nested blocks keep them), the caller's after."""
    saved = gc.get_threshold()
    gc.set_threshold(*_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def _check_paths(paths: list[str], rules: Iterable[type[Rule]], settings: dict[str, Any], layout: str | None,
                 jobs: int, dictionaries: dict[str, list[Any]] | None, limits: Any,
                 on_result: Callable[[str, DocResult | None, Exception | None], None] | None,
                 ) -> tuple[list[Finding], list[DocResult]]:
    rule_list = list(rules)
    codes = [r.code for r in rule_list]
    if limits is None:
        from lint.readers.guards import DEFAULT_LIMITS

        limits = DEFAULT_LIMITS
    args = (codes, settings, layout, dictionaries or {}, limits)
    results: list[DocResult] = []

    def take(outcomes: Iterator[tuple[DocResult | None, Exception | None]]) -> None:
        for path, (result, error) in zip(paths, outcomes, strict=True):
            if on_result is not None:
                on_result(path, result, error)
            if result is not None:
                results.append(result)

    if jobs > 1 and len(paths) > 1 and "-" not in paths:
        take(_shared_work(paths, min(jobs, len(paths)), args))
    else:
        _init_worker(*args)
        try:
            take(_work(p) for p in paths)
        finally:
            _WORKER["dicts"].__exit__(None, None, None)
    results.sort(key=lambda r: r.path)  # reports list documents in path order
    instances = [r() for r in rule_list]
    return finish(results, instances, settings), results


def _shared_work(paths: list[str], jobs: int, args: tuple) -> Iterator[tuple[DocResult | None, Exception | None]]:
    """`_work` over `paths` by this process and `jobs - 1` workers; the outcomes in `paths` order.

    This process checks files too, instead of waiting on `jobs` workers: its share is never
    pickled, and no third process competes for the cores. Every process takes the next file from
    a counter they share as soon as it is free, so no worker waits for this process to hand it
    work (it did, between two of this process's files, up to a few files a run), and at the end no
    file waits in a queue behind a busy process. A worker sends each outcome back pickled, with the
    file's index, on its own pipe, and this process takes in what has arrived between two files of
    its own. No threads here: a pool's result and task threads waited for the interpreter lock
    while this process checked. A worker that dies (killed, out of memory) ends its pipe: the file
    it was checking is an input error, and the others are taken by the processes left (a pool
    replaced the worker and waited for its files for ever)."""
    import multiprocessing as mp
    import pickle
    from multiprocessing.connection import wait

    n = len(paths)
    outcomes: list[tuple[DocResult | None, Exception | None] | None] = [None] * n
    # fork where there is one (fast start, rules already imported; the workers inherit the
    # collector's thresholds check_paths set); spawn elsewhere.
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    counter, lock = ctx.RawValue("q", 0), ctx.Lock()  # the index of the next file nobody has taken
    workers: dict[Any, Any] = {}  # the pipe of each worker still running -> its process
    died: list[int | None] = []  # the exit codes of workers that ended without saying they were done

    def take_in(timeout: float | None) -> None:
        for conn in wait(list(workers), timeout):
            while take_one(conn) and conn.poll():  # all that has arrived: the worker never waits on a full pipe
                pass

    def take_one(conn: Any) -> bool:
        """One message of a worker; whether its pipe is still open."""
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):  # ended without a word: killed, out of memory
            process = workers.pop(conn)
            process.join(1)
            died.append(process.exitcode)
            conn.close()
            return False
        if not data:  # no file left to take: the worker ends by itself (not waited for)
            del workers[conn]
            conn.close()
            return False
        i = int.from_bytes(data[:_INDEX], "little")
        try:
            outcomes[i] = pickle.loads(memoryview(data)[_INDEX:])
        except Exception as exc:  # that file's input error
            outcomes[i] = _lost(paths[i], exc)
        return True

    initialised = False
    done = 0
    try:
        for _ in range(jobs - 1):
            here, there = ctx.Pipe(duplex=False)
            _widened(there)
            process = ctx.Process(target=_worker_loop, args=(there, args, paths, counter, lock), daemon=True)
            process.start()
            there.close()
            workers[here] = process
        _init_worker(*args)  # after the fork: the workers set themselves up
        initialised = True
        left = True  # files not yet taken
        while done < n:
            if workers:
                take_in(0)
            i = _take(counter, lock) if left else n
            if i < n:
                outcomes[i] = _work(paths[i])
            else:
                left = False
                if outcomes[done] is None:
                    if workers:
                        take_in(None)  # nothing left to take: wait for what the workers have
                    else:  # the workers have all ended: what they had taken and not sent is lost
                        why = RuntimeError(f"worker process ended unexpectedly (exit code {died[0] if died else None})")
                        for k in range(done, n):
                            if outcomes[k] is None:
                                outcomes[k] = _lost(paths[k], why)
            while done < n and outcomes[done] is not None:
                yield outcomes[done]  # type: ignore[misc]
                done += 1
    finally:
        if initialised:
            _WORKER["dicts"].__exit__(None, None, None)
        for conn, process in workers.items():
            conn.close()
            # After a whole run, a worker still here has no file left and ends by itself (not
            # waited for); an interrupted run's workers are ended, their files are not wanted.
            if done < n and process.exitcode is None:
                process.terminate()
                process.join(1)


_INDEX = 4  # bytes of a file's index before its pickled outcome


def _widened(conn: Any) -> None:
    """A worker's pipe made room for many outcomes where the system allows it (Linux: 1 MB, was
    64 KB): an outcome is 47 KB on average at 100×, and this process takes them in only between
    two files of its own, so the worker waited on a full pipe for most of one of them."""
    try:
        import fcntl

        fcntl.fcntl(conn.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # another system, or a lower limit: as it is
        pass


_PIPE_BYTES = 1 << 20


def _take(counter: Any, lock: Any) -> int:
    """The index of the next file nobody has taken, taken."""
    with lock:
        i = counter.value
        counter.value = i + 1
    return i


def _worker_loop(conn: Any, args: tuple, paths: list[str], counter: Any, lock: Any) -> None:
    """A worker: the next file nobody has taken until none is left, each outcome sent back pickled
    after its index; an empty message when done."""
    import signal

    # Ctrl-C is for the parent, which ends the workers; here it would only print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _init_worker(*args)
    n = len(paths)
    while (i := _take(counter, lock)) < n:
        try:
            blob = _work_pickled(paths[i])
        except Exception as exc:  # the outcome does not pickle: the file's error, and on to the next
            import pickle

            blob = pickle.dumps(_lost(paths[i], exc), pickle.HIGHEST_PROTOCOL)
        try:
            conn.send_bytes(i.to_bytes(_INDEX, "little") + blob)
        except OSError:  # the parent has gone
            return
    try:
        conn.send_bytes(b"")
    except OSError:
        pass


def _work_pickled(path: str) -> bytes:
    """`_work` in a worker, its outcome pickled there; unpickled by `_shared_work`, where a failure
    is the file's input error."""
    import pickle

    return pickle.dumps(_work(path), pickle.HIGHEST_PROTOCOL)


def _lost(path: str, exc: BaseException) -> tuple[None, Exception]:
    """A file whose worker could not send its result back (an unpicklable result, a dead worker)."""
    from lint.errors import InputError

    return None, InputError(path, f"internal error while checking ({type(exc).__name__}: {exc})")


def _guarded(rule: Rule, path: str, check: Any, *args: Any) -> list[Finding]:
    """A rule's findings, or an IN001 finding naming the rule if it raised: one bug in one rule on
    one odd file must not lose every other finding of the run."""
    try:
        return list(check(*args))
    except Exception as exc:  # reported as a finding, never hidden
        return [_rule_failure(rule, path, exc)]


def _rule_failure(rule: Rule, path: str, exc: Exception) -> Finding:
    from lint.errors import InputError
    from lint.readers.guards import short_error
    from lint.rules.in001_input_error import input_finding

    return input_finding(InputError(path, f"internal error in rule {rule.code} ({short_error(exc)}): "
                                          f"its findings for this file are missing; please report this bug"))


def _with_severity(f: Finding, overrides: dict[str, str]) -> Finding:
    from dataclasses import replace

    sev = overrides.get(f.code) or overrides.get(f.family)
    return replace(f, severity=sev) if sev else f
