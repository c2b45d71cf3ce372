"""Inputs are never touched (opened read-only, unchanged, nothing written beside them), and the
output does not depend on the order of the arguments (docs/robustness.md)."""

from __future__ import annotations

import builtins
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main
from tests.conftest import CORPUS, MARKDOWN, WORD
from tests.robustness.conftest import office_bytes, snapshot


@pytest.fixture()
def office_folder(tmp_path) -> Path:
    folder = tmp_path / "office"
    folder.mkdir()
    for kind in ("docx", "xlsx", "pdf"):
        if kind == "pdf":
            pytest.importorskip("reportlab")
        (folder / f"card.{kind}").write_bytes(office_bytes(kind))
    (folder / "cut.xlsx").write_bytes(office_bytes("xlsx")[:3000])
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_a_full_run_leaves_every_input_as_it_was(tmp_path, office_folder, monkeypatch):
    """A whole `jxlint check` over the corpus and office files (good, cut, empty): every input is
    opened read-only by jxlint and by the libraries, keeps its bytes and time stamp, and no file
    appears beside it."""
    inputs = {str(p) for p in [*CORPUS.iterdir(), *office_folder.iterdir()]}
    before = snapshot(CORPUS, office_folder)
    modes: list[tuple[str, str]] = []
    real_open, real_os_open = builtins.open, os.open

    def spy_open(file, mode="r", *args, **kwargs):
        if isinstance(file, str | os.PathLike) and os.fspath(file) in inputs:
            modes.append((os.fspath(file), mode))
        return real_open(file, mode, *args, **kwargs)

    def spy_os_open(path, flags, *args, **kwargs):
        if os.fspath(path) in inputs:
            modes.append((os.fspath(path), "w" if flags & (os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT) else "r"))
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    report = tmp_path / "out" / "report.sarif"
    report.parent.mkdir()
    # --jobs 1: the spies are patched into this process only (worker processes read the same way).
    r = CliRunner().invoke(main, ["check", str(CORPUS), str(office_folder), "--format", "sarif", "-o", str(report),
                                  "--fail-on", "never", "-q", "--jobs", "1"])
    monkeypatch.undo()
    assert r.exit_code == 2, r.output  # 2: the cut and the empty file
    assert {path for path, _ in modes} == inputs  # every input read (the README too: skipped as no card)
    assert all(mode in ("r", "rb") for _, mode in modes), modes
    assert snapshot(CORPUS, office_folder) == before  # same files, same bytes, nothing new beside them
    assert [p.name for p in report.parent.iterdir()] == ["report.sarif"]


# -- order of the arguments ------------------------------------------------------------------------
@pytest.fixture()
def mixed(tmp_path, office_folder) -> list[str]:
    """Cards that repeat across files (002 cards 1–2 are also on the xlsx), a bad and a missing file."""
    md = tmp_path / "md.txt"
    md.write_text("\n".join(MARKDOWN.read_text(encoding="utf-8").splitlines()[1029:1300]), encoding="utf-8")
    word = tmp_path / "word.txt"
    word.write_text("\n".join(WORD.read_text(encoding="utf-8").splitlines()[247:657]), encoding="utf-8")
    return [str(md), str(word), str(office_folder / "card.docx"), str(office_folder / "card.xlsx"),
            str(office_folder / "empty.txt"), "missing.txt"]


def test_same_bytes_whatever_the_order_of_the_arguments(mixed):
    """Copy-paste rules compare cards across files: which card of a group is reported, and what it
    names as related, once depended on the order of the files. Now every format is byte-identical
    for any order of distinct inputs."""
    orders = [mixed, mixed[::-1], [mixed[3], mixed[0], mixed[5], mixed[2], mixed[4], mixed[1]]]
    for fmt, count in (("json", 3), ("junit", 2), ("text", 2), ("sarif", 2), ("github", 2)):
        outputs = set()
        for order in orders[:count]:
            r = CliRunner().invoke(main, ["check", *order, "--format", fmt, "--fail-on", "never", "-q"])
            assert r.exit_code == 2
            outputs.add(r.stdout)
        assert len(outputs) == 1, fmt
    # 002 card 1's copied grid is reported on the file that comes first by path.
    r = CliRunner().invoke(main, ["check", *orders[1], "--select", "CP102", "-q"])
    hits = [ln for ln in r.stdout.splitlines() if "CP102" in ln and "组织人社运转保障工作经费" in ln]
    assert hits and hits[0].startswith(min(mixed[0], mixed[3]) + ":")
