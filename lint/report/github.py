"""Findings as GitHub Actions workflow commands (`::error file=…,line=…::message`), then the plain report.

GitHub shows only a few annotations per step, so the full text report follows the commands in the log.
"""

from __future__ import annotations

from collections.abc import Iterator

from lint.report.findings import iter_text_bytes
from lint.rules.base import Finding

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    props = [f"file={_escape_property(f.path)}"]
    where = ""
    if f.office:  # an office file has no lines: the annotation goes on the file, the cell in the text
        where = f"[{f.address}] "
    else:
        props += [f"line={f.line}", f"col={f.column}"]
        if f.end_column is not None:
            props += [f"endLine={f.line}", f"endColumn={f.end_column}"]
    props.append(f"title={_escape_property(f.code)}")
    message = where + f.message + (f" ({f.card_title})" if f.card_title else "")
    return f"::{COMMANDS.get(f.severity, 'warning')} {','.join(props)}::{_escape_data(message)}"


def format_github(findings: list[Finding], files_checked: int, cards_checked: int, errors: list[str],
                  notes: tuple[str, ...] = ()) -> str:
    return "".join(piece if type(piece) is str else piece.decode()
                   for piece in iter_github(findings, files_checked, cards_checked, errors, notes))


def iter_github(findings: list[Finding], files_checked: int, cards_checked: int, errors: list[str],
                notes: tuple[str, ...] = ()) -> Iterator[str | bytes]:
    """`format_github` in pieces as it is written: the commands as text, then the text report's
    UTF-8 pieces (`iter_text_bytes`), which `_write` takes as they are."""
    # In batches: at 100× the report made whole took 225 MB against the text report's 156 MB.
    for start in range(0, len(findings), _BATCH):
        yield "".join([annotation(f) + "\n" for f in findings[start:start + _BATCH]])
    if errors:
        yield "".join(f"::error::{_escape_data(e)}\n" for e in errors)
    yield from iter_text_bytes(findings, files_checked, cards_checked, errors, notes)


_BATCH = 1024  # annotations per piece written
