from __future__ import annotations

from collections.abc import Iterator

from lint.errors import InputError
from lint.model import Document
from lint.rules.base import Context, Finding, Rule


class InputErrorRule(Rule):
    """A file could not be read as a disclosure: it is reported, and the run goes on.

    **What it checks.** Not a card rule: `jxlint check` turns every per-file failure into an `IN001`
    finding at line 1 of that file — an empty or binary file, an unknown encoding, a file that is
    too large or has too many cells, a folder without documents or that cannot be listed, a file in
    which no 绩效目标表 was found, a permission error, a broken or looping symbolic link, a damaged
    .docx/.xlsx/PDF, a zip bomb, an XML part declaring a DTD, a PDF that exceeds its time, page or
    size limits (docs/robustness.md). The other files are still read and checked. A rule that
    fails on a file (a bug) is reported the same way, naming the rule; the other rules' findings
    for that file are kept.

    **Why a reviewer cares.** A bureau that runs the tool over a folder of submissions must see which
    files were not checked at all; a silent skip would look like a clean result.

    **Exit code.** A run with unreadable inputs exits 2, unless findings at or above `--fail-on`
    already make it exit 1 (the findings are the more useful signal; the unreadable files are
    still named on stderr and listed as IN001).

    **Bad** (an upload truncated to zero bytes):

        submissions/empty.txt:1:1: IN001 [error] empty file: no text to read

    **Good**: any corpus file, e.g. `tests/data/corpus/004_067c5885c1f51251.txt` (48 cards read).
    """

    code = "IN001"
    name = "input-error"
    family = "input"
    severity = "error"
    message = "{text}"

    def check_document(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        return iter(())


def input_finding(err: InputError) -> Finding:
    return Finding(
        code=InputErrorRule.code, name=InputErrorRule.name, family=InputErrorRule.family,
        severity=InputErrorRule.severity, message=err.message, path=err.path, line=1, column=1,
        text=err.message,
    )
