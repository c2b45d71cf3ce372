"""`--jobs N` spreads files over processes; the report must not depend on it."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from lint.cli import main
from tests.conftest import MARKDOWN, OCR, WORD


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_jobs_do_not_change_a_byte_of_the_report(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    files = [str(OCR), str(empty), str(MARKDOWN), str(WORD)]
    one = run("check", *files, "--jobs", "1", "--format", "json")
    three = run("check", *files, "--jobs", "3", "--format", "json")
    assert one.exit_code == three.exit_code == 1
    assert one.stdout == three.stdout
    data = json.loads(one.stdout)
    # Cross-document copy-paste still sees every document when they are checked in other processes:
    # 004 card 11 copies card 6's goal, and the 002 startup-loan group spans seven cards.
    cp101 = {(f["path"], f["card"]["seq"]) for f in data["findings"] if f["code"] == "CP101"}
    assert (str(WORD), 11) in cp101 and sum(p == str(MARKDOWN) for p, _ in cp101) >= 7
    assert [f["path"] for f in data["findings"] if f["code"] == "IN001"] == [str(empty)]
    assert data["summary"]["files"] == 3 and data["summary"]["cards"] == 35 + 44 + 48


def test_argument_order_does_not_change_the_report():
    a = run("check", str(OCR), str(MARKDOWN), str(WORD), "--jobs", "2")
    b = run("check", str(WORD), str(OCR), str(MARKDOWN), "--jobs", "2")
    assert a.stdout == b.stdout and a.stdout.count("\n") > 300


def test_records_sent_between_processes_keep_every_field():
    """Finding, Related and CardRef pickle as (class, fields): every field, set to a non-default
    value here, must come back, and equal records must still hash alike (the run deduplicates)."""
    import dataclasses
    import pickle

    from lint.rules.base import CardRef, Finding, Related

    office = (("table", 2), ("row", 5), ("cell", 3))
    rel = Related("b.docx", 7, 3, 4, "门卫经费", "same goal", office)
    ref = CardRef("a.txt", 3, "3、门卫经费绩效目标表", "门卫经费", "P001", "县委办", "县委", 2024, "goal_text",
                  12, 4, 20, "保障门卫工作", office)
    finding = Finding(code="CP101", name="copied-goal", family="copy_paste", severity="warning",
                      message="绩效目标 is the same", path="a.txt", line=12, column=4, end_column=20, card_seq=3,
                      card_title="门卫经费", project_code="P001", unit="县委办", indicator="安保人数",
                      field="goal_text", text="保障门卫工作", related=(rel,), office=office)
    for record in (rel, ref, finding):
        back = pickle.loads(pickle.dumps(record))
        assert dataclasses.astuple(back) == dataclasses.astuple(record)
        assert back == record and hash(back) == hash(record)


def test_a_result_sent_between_processes_comes_back_whole(word_doc, md_doc):
    """DocResult pickles its records as tuples of fields and the collected (CardRef, feature) pairs
    as columns: everything must come back equal, the references CP102 and CP105 share still one
    object per card, and items of another shape as they were."""
    import pickle

    from lint.check import check_document
    from lint.rules import select_rules
    from lint.rules.base import CardRef

    rules = [r() for r in select_rules()]
    for doc in (word_doc, md_doc):
        result = check_document(doc, rules, {"budget_year": 2024})
        result.collected["XX"] = [(1, 2), ("a",), result.findings[0]]  # not (CardRef, feature) pairs
        result.collected["YY"] = []
        back = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        assert (back.path, back.findings, back.cards) == (result.path, result.findings, result.cards)
        assert back.collected == result.collected and list(back.collected) == list(result.collected)
        assert {type(ref) for ref, _ in back.collected["CP101"]} == {CardRef}
        grid, year = back.collected["CP102"], back.collected["CP105"]
        assert grid and all(g[0] is y[0] for g, y in zip(grid, year, strict=True))
        assert type(back.cards[0]) is type(result.cards[0]) and type(back.findings[0]) is type(result.findings[0])


def _six_files(tmp_path) -> list[str]:
    files = []
    for n, src in enumerate([OCR, MARKDOWN, WORD] * 2):
        files.append(str(tmp_path / f"{n}_{src.name}"))
        (tmp_path / f"{n}_{src.name}").write_bytes(src.read_bytes())
    return files


def _checked_within_an_alarm(files: list[str], hung: str, jobs: int = 2) -> list[tuple[str, object, object]]:
    """What `check_paths(files, jobs=jobs)` told `on_result`, with an alarm that turns a hang into a
    failure (skipped where there is no SIGALRM)."""
    import signal

    import lint.check as ck
    from lint.rules import select_rules

    if not hasattr(signal, "SIGALRM"):
        pytest.skip("no SIGALRM to stop a hang")
    heard: list[tuple[str, object, object]] = []

    def hang(signum, frame):
        raise TimeoutError(hung)

    old = signal.signal(signal.SIGALRM, hang)
    signal.alarm(120)
    try:
        ck.check_paths(files, select_rules(), {}, jobs=jobs,
                       on_result=lambda path, result, error: heard.append((path, result, error)))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    return heard


def _in_a_worker(here: int, then, otherwise):
    """`_work` that does `then(path)` in a worker process (forked: this function goes with it)
    and, more slowly, `otherwise(path)` in this one. Both surely take files of their own (every
    process takes the next file when it is free): each one's first file waits until the other
    has taken one. On a loaded machine either could otherwise take all the files before the
    other took any (this process, back from the fork; or the worker, slow to start)."""
    import multiprocessing as mp
    import os
    import time

    ctx = mp.get_context("fork")
    taken_here, taken_there = ctx.Event(), ctx.Event()

    def slow(path):
        taken_here.set()
        taken_there.wait(30)
        time.sleep(0.3)
        return otherwise(path)

    def there(path):
        taken_there.set()
        taken_here.wait(30)
        return then(path)

    return lambda path: there(path) if os.getpid() != here else slow(path)


def test_a_file_a_worker_cannot_return_is_reported_and_the_run_ends(tmp_path, monkeypatch):
    """This process checks files too; a file whose outcome cannot come back from a worker (here
    it does not pickle) is that file's input error, the worker goes on with its next files, the
    other files are checked here, and the run does not hang."""
    import os

    import lint.check as ck

    files = _six_files(tmp_path)
    monkeypatch.setattr(ck, "_work", _in_a_worker(os.getpid(), lambda path: (lambda: path, None), ck._work))
    heard = _checked_within_an_alarm(files, "check_paths hung on an outcome that does not pickle")
    assert [p for p, _, _ in heard] == files  # each file once, in argument order
    lost = [p for p, r, e in heard if e is not None]
    assert 0 < len(lost) < len(files)  # the worker's share
    for p, r, e in heard:
        assert (r is None) == (e is not None)
        if e is not None:
            assert str(e).startswith(f"{p}: internal error while checking (")


def test_a_worker_that_dies_loses_only_the_file_it_was_checking_and_the_run_ends(tmp_path, monkeypatch):
    """A worker killed (out of memory, a signal) ends its pipe: the file it was checking is an
    input error naming what happened, and this process checks the rest. With a pool the worker
    was replaced and the run waited for its files for ever."""
    import os

    import lint.check as ck

    files = _six_files(tmp_path)
    monkeypatch.setattr(ck, "_work", _in_a_worker(os.getpid(), lambda path: os._exit(3), ck._work))
    heard = _checked_within_an_alarm(files, "check_paths hung on a dead worker")
    assert [p for p, _, _ in heard] == files
    lost = [(p, e) for p, r, e in heard if e is not None]
    assert len(lost) == 1
    for p, e in lost:
        assert str(e) == (f"{p}: internal error while checking (RuntimeError: worker process ended "
                          f"unexpectedly (exit code 3))")
    assert sum(r is not None for _, r, _ in heard) == len(files) - 1


def test_a_result_that_cannot_be_rebuilt_here_is_reported_and_the_run_ends(tmp_path, monkeypatch):
    """A worker's result that fails to unpickle in this process (here `_unpacked`, which rebuilds
    every DocResult, raises) is that file's input error; the files checked here are not affected.
    With the pool it was a hang: the exception ended the pool's result thread, and the run waited
    for the result for ever."""
    import os

    import lint.check as ck

    files = _six_files(tmp_path)

    def broken(*args):
        raise ValueError("cannot rebuild")

    # The workers (forked after this) pickle their results by naming `lint.check._unpacked`, and
    # only this process calls it.
    broken.__module__, broken.__qualname__ = ck.__name__, "_unpacked"
    monkeypatch.setattr(ck, "_unpacked", broken)
    monkeypatch.setattr(ck, "_work", _in_a_worker(os.getpid(), ck._work, ck._work))
    heard = _checked_within_an_alarm(files, "check_paths hung on a result it could not rebuild")
    assert [p for p, _, _ in heard] == files
    lost = [(p, e) for p, r, e in heard if e is not None]
    assert 0 < len(lost) < len(files)  # the worker's files lost, the rest checked here
    for p, e in lost:
        assert str(e) == f"{p}: internal error while checking (ValueError: cannot rebuild)"


def test_a_worker_still_ending_after_its_last_file_is_left_to_end(tmp_path, monkeypatch):
    """A worker that has said it is done may still be running (its interpreter ending) while this
    process waits for another worker's file: the run goes on without waiting for it, and without
    touching it (closing its process object while it ran raised ValueError)."""
    import os
    import time

    import lint.check as ck

    real_loop, real_work = ck._worker_loop, ck._work
    files = _six_files(tmp_path)

    def slow_to_end(*args):
        real_loop(*args)
        time.sleep(2)

    def one_slow_file(path):  # one worker is busy with it while the other finishes the rest
        if path == files[1]:
            time.sleep(1.5)
        return real_work(path)

    monkeypatch.setattr(ck, "_worker_loop", slow_to_end)
    monkeypatch.setattr(ck, "_work", _in_a_worker(os.getpid(), one_slow_file, real_work))
    heard = _checked_within_an_alarm(files, "check_paths waited on a worker", jobs=3)
    assert [p for p, _, _ in heard] == files and all(e is None for _, _, e in heard)


def test_a_workers_pipe_has_room_for_many_outcomes():
    """Where the system allows it, a worker can send twenty 47 KB outcomes before this process,
    busy with a file of its own, takes them in (a 64 KB pipe held one: the worker waited)."""
    import multiprocessing as mp

    fcntl = pytest.importorskip("fcntl")
    if not hasattr(fcntl, "F_GETPIPE_SZ"):
        pytest.skip("no pipe sizes on this system")
    import lint.check as ck

    here, there = mp.Pipe(duplex=False)
    try:
        ck._widened(there)
        assert fcntl.fcntl(there.fileno(), fcntl.F_GETPIPE_SZ) >= min(ck._PIPE_BYTES, _pipe_max())
    finally:
        here.close()
        there.close()


def _pipe_max() -> int:
    try:
        return int(open("/proc/sys/fs/pipe-max-size").read())
    except OSError:
        return 1 << 16
