"""Reports made in shares by forked processes (`lint.report.shards`) are the same bytes as made in
one, whatever happens to the children."""

from __future__ import annotations

import os
import signal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import lint.report.findings as findings_report
import lint.report.github as github_report
from lint.report import shards
from lint.report.findings import iter_json_bytes, iter_text, iter_text_bytes
from lint.report.github import iter_github
from tests.formats.test_report_runs import _findings

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="shares are made by forked processes")


@given(st.integers(0, 10_000), st.integers(1, 8), st.integers(1, 3_000))
def test_cuts_cover_the_range_in_order_in_nearly_equal_shares(count, jobs, min_share):
    got = shards.cuts(count, jobs, min_share)
    assert got[0][0] == 0 and got[-1][1] == count
    assert all(a[1] == b[0] for a, b in zip(got, got[1:], strict=False))
    assert 1 <= len(got) <= jobs
    sizes = [b - a for a, b in got]
    assert max(sizes) - min(sizes) <= 1
    if len(got) > 1:
        assert min(sizes) >= min_share


def _makers(parts: list[list[str | bytes]]):
    return [lambda p=p: iter(p) for p in parts]


def _joined(pieces) -> bytes:
    return b"".join(p if type(p) is bytes else p.encode() for p in pieces)


PARTS = [["头", b"{\n", "甲乙丙" * 50], ["\U00020000𠀀€", b"\xe2\x82\xac" * 9, "x"], [], ["末\n" * 40]]


@needs_fork
@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7, 1 << 20])
def test_shares_come_back_in_order_in_whole_characters(chunk, monkeypatch):
    """Read back a few bytes at a time, every piece still decodes on its own (text reports decode
    each piece), and the whole is what one process makes."""
    monkeypatch.setattr(shards, "_CHUNK", chunk)
    pieces = list(shards.in_order(_makers(PARTS), b",\n"))
    for p in pieces:
        if type(p) is bytes:
            p.decode("utf-8")
    want = b",\n".join(_joined(p) for p in PARTS)
    assert _joined(pieces) == want


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12), st.data())
def test_whole_never_cuts_a_character(text, data):
    raw = text.encode("utf-8")
    k = data.draw(st.integers(0, len(raw)))
    cut = shards._whole(raw[:k])
    raw[:cut].decode("utf-8")  # whole characters
    assert k - 3 <= cut <= k
    boundaries = {len(text[:i].encode("utf-8")) for i in range(len(text) + 1)}
    assert cut == max(b for b in boundaries if b <= k)


def _dies(how: str, parent: int):
    def make():
        if os.getpid() != parent:  # only in the child: the share made here again is whole
            if how == "raises":
                raise MemoryError("a child out of memory")
            if how == "killed":
                os.kill(os.getpid(), signal.SIGKILL)
            if how == "exits":
                os._exit(3)
        yield "第二份" * 10
    return make


@needs_fork
@pytest.mark.parametrize("how", ["raises", "killed", "exits"])
def test_a_child_that_fails_costs_only_time(how):
    makers = [lambda: iter(["一"]), _dies(how, os.getpid()), lambda: iter([b"\xe4\xb8\x89"])]
    assert _joined(shards.in_order(makers, b"|")) == "一|第二份第二份第二份第二份第二份第二份第二份第二份第二份第二份|三".encode()


@needs_fork
def test_no_child_is_left_when_the_reader_stops_early(monkeypatch):
    forked: list[int] = []
    fork = os.fork

    def recording_fork():
        pid = fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recording_fork)

    def slow():
        import time

        time.sleep(60)  # killed long before
        yield "never"

    pieces = shards.in_order([lambda: iter(["first", "second"]), slow, slow], b"")
    assert next(pieces) == "first"
    pieces.close()
    assert len(forked) == 2
    for pid in forked:
        with pytest.raises(ChildProcessError):  # already waited for: no zombie, no orphan
            os.waitpid(pid, os.WNOHANG)


@needs_fork
def test_without_fork_every_share_is_made_here(monkeypatch):
    monkeypatch.delattr(os, "fork")
    assert _joined(shards.in_order(_makers(PARTS), b"|")) == b"|".join(_joined(p) for p in PARTS)


@needs_fork
@pytest.mark.parametrize("jobs", [2, 3, 7])
def test_reports_made_in_shares_are_the_same_bytes(jobs, monkeypatch):
    """Over real findings of the three corpus layouts (and shuffled, perturbed copies: neighbours
    that share nothing), cut into shares as small as 1 finding."""
    findings = _findings()
    args = (findings, 3, 40, ["an unreadable file"])
    one = {"json": _joined(iter_json_bytes(*args)), "text": _joined(iter_text_bytes(*args, ("a note",))),
           "str": "".join(iter_text(*args, ("a note",))), "github": _joined(iter_github(*args, ("a note",)))}
    for module, name in ((findings_report, "_JSON_SHARE"), (findings_report, "_TEXT_SHARE"), (github_report, "_SHARE")):
        monkeypatch.setattr(module, name, 1)
    assert len(shards.cuts(len(findings), jobs, 1)) == jobs
    assert _joined(iter_json_bytes(*args, jobs=jobs)) == one["json"]
    assert _joined(iter_text_bytes(*args, ("a note",), jobs)) == one["text"]
    assert "".join(iter_text(*args, ("a note",), jobs)) == one["str"]
    assert _joined(iter_github(*args, ("a note",), jobs)) == one["github"]


def test_a_short_report_is_made_in_one_share():
    assert shards.cuts(4_999, 2, findings_report._JSON_SHARE) == [(0, 4_999)]
    assert shards.cuts(10_000, 2, findings_report._JSON_SHARE) == [(0, 5_000), (5_000, 10_000)]


@needs_fork
def test_empty_reports_in_shares():
    for jobs in (1, 2):
        assert _joined(iter_json_bytes([], 0, 0, [], jobs=jobs)).endswith(b'"findings": []\n}\n')
        assert _joined(iter_text_bytes([], 0, 0, [], jobs=jobs)) == b"Found 0 finding(s) (0 errors, 0 warnings, " \
                                                                    b"0 infos) in 0 card(s) of 0 file(s).\n"
