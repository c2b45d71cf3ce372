"""From command-line paths to parsed documents: walk folders, read stdin and office files, report bad
input.

- Text files (.txt, .md …) in UTF-8 (with or without BOM), UTF-16 or GB18030, any line ends.
- Word .docx, Excel .xlsx and PDF (with a text layer) through `lint.readers.docx/xlsx/pdf`; their
  libraries are imported only when such a file is read.
- A folder is walked recursively in sorted order; `include`/`exclude` globs filter it. Files of
  other types are skipped with a note (`on_skip`), never an error; hidden files and Office lock files
  (`~$x.docx`) are passed over silently.
- Every file is opened read-only and read once, bounded, into memory; the guards of
  `lint.readers.guards` (size, cells, zip bombs, DTDs) and `lint.readers.pdfguard` run on those bytes
  before and while a library reads them (docs/robustness.md).
"""

from __future__ import annotations

import fnmatch
import io
import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path, PurePosixPath

from lint.errors import InputError, NotACardDocument
from lint.model import Document, Loc
from lint.parse.cards import parse_cards
from lint.parse.document import budget_year_of, department_of, narrative_of, parse_text
from lint.readers.decode import decode_bytes
from lint.readers.guards import (
    DEFAULT_LIMITS,
    Limits,
    check_text_cells,
    check_zip,
    is_regular_file,
    os_error_message,
    read_input,
    read_stream,
)
from lint.readers.office import LEGACY_SUFFIXES, OFFICE_SUFFIXES, OfficeRows, locate, office_kind, zip_kind

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
READABLE_SUFFIXES = TEXT_SUFFIXES + tuple(OFFICE_SUFFIXES)
STDIN = "-"


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    """A glob matches the path relative to the folder (`sub/*.docx`, `**/draft*`) or its name."""
    name = PurePosixPath(rel).name
    for pat in patterns:
        if fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(name, pat):
            return True
        if pat.startswith("**/") and fnmatch.fnmatch(rel, pat[3:]):
            return True
    return False


def expand_paths(
    paths: list[str],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    on_skip: Callable[[str, str], None] | None = None,
) -> Iterator[tuple[str, InputError | None]]:
    """Yield (path, None) for every file to read, or (path, error) for an argument that fails.

    Folders are walked in sorted order (deterministic output). Inside folders a file is read when it
    matches `include` (default: every readable type) and no `exclude` glob; an excluded folder is not
    entered. Files given by name are always read. `on_skip(path, reason)` hears of skipped files.
    A folder that cannot be listed (permission denied) is an error, never a silent gap; symbolic
    links to folders are not followed (no loops), a pipe or device inside a folder is skipped.
    """
    for arg in paths:
        if arg == STDIN:
            yield arg, None
            continue
        try:
            is_dir = stat.S_ISDIR(os.stat(arg).st_mode)
        except (OSError, ValueError) as exc:
            yield arg, InputError(arg, _missing(arg, exc))
            continue
        p = Path(arg)
        if is_dir:
            found = False
            unreadable: list[InputError] = []

            def walk_error(exc: OSError, unreadable: list[InputError] = unreadable, top: str = arg) -> None:
                where = exc.filename if isinstance(exc.filename, str) else top
                unreadable.append(InputError(where, f"cannot list the folder: {os_error_message(exc, where)}"))

            for root, dirs, files in os.walk(p, onerror=walk_error, followlinks=False):
                yield from ((e.path, e) for e in unreadable)
                unreadable.clear()
                rel_root = os.path.relpath(root, p)
                rel_root = "" if rel_root == "." else PurePosixPath(Path(rel_root)).as_posix() + "/"
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _matches(rel_root + d, exclude))
                for name in sorted(files):
                    if name.startswith((".", "~$")):
                        continue
                    rel = rel_root + name
                    full = os.path.join(root, name)
                    if exclude and _matches(rel, exclude):
                        continue
                    if include and not _matches(rel, include):
                        continue
                    suffix = Path(name).suffix.lower()
                    if suffix not in READABLE_SUFFIXES:
                        if on_skip is not None:
                            reason = LEGACY_SUFFIXES.get(suffix, "unknown file type")
                            on_skip(full, reason)
                        continue
                    if not is_regular_file(full):
                        if on_skip is not None:
                            on_skip(full, "not a regular file (a pipe, socket or device)")
                        continue
                    found = True
                    yield full, None
            failed = bool(unreadable)
            yield from ((e.path, e) for e in unreadable)
            if not found and not failed:
                yield arg, InputError(arg, "folder holds no documents to read (.txt, .md, .docx, .xlsx, .pdf)")
        else:
            yield arg, None


def _missing(path: str, exc: OSError | ValueError) -> str:
    """Why a command-line path cannot be read: missing, a broken link, a loop, no permission."""
    if isinstance(exc, ValueError):
        return f"invalid path ({exc})"
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        return "no such file or folder" if not os.path.lexists(path) else os_error_message(exc, path)
    return os_error_message(exc, path)


def load_document(path: str, layout: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and parse one document. Raises InputError (one line) for anything unreadable.

    The file is opened read-only and read once, bounded by `limits.max_file_mb`; every reader works
    on those bytes in memory (docs/robustness.md)."""
    if path == STDIN:
        data = read_stream(sys.stdin.buffer, "<stdin>", limits)
        kind = office_kind("", data[:8]) or zip_kind(data)
        if kind:
            doc = _office_document(data, "<stdin>", kind, limits)
        else:
            text = decode_bytes(data, "<stdin>")
            check_text_cells(text, "<stdin>", limits)
            doc = parse_text(text, "<stdin>", layout)
    else:
        suffix = Path(path).suffix.lower()
        if suffix in LEGACY_SUFFIXES:
            raise InputError(path, LEGACY_SUFFIXES[suffix])
        data = read_input(path, limits)
        kind = office_kind(path, data[:8])
        if kind is None and suffix not in TEXT_SUFFIXES and data.startswith(b"PK\x03\x04"):
            kind = zip_kind(data)
        if kind:
            doc = _office_document(data, path, kind, limits)
        else:
            text = decode_bytes(data, path)
            check_text_cells(text, path, limits)
            doc = parse_text(text, path, layout)
            if not doc.cards and not _mentions_cards(text):
                raise NotACardDocument(doc.path, "not a performance-target document (no 项目名称, 三级指标 or 指标值 in it)")
    if not doc.cards:
        raise InputError(doc.path, "no performance-target cards (绩效目标表) found")
    return doc


def load_or_error(path: str, layout: str | None = None,
                  limits: Limits = DEFAULT_LIMITS) -> tuple[Document | None, InputError | None]:
    """`load_document`, with every failure turned into the InputError to report (one line, no
    traceback kept: stored errors must not hold the file's bytes until the end of the run)."""
    try:
        return load_document(path, layout, limits), None
    except InputError as exc:
        return None, exc.detach()
    except Exception as exc:  # a parser bug must not hide the other files' results
        return None, InputError(path, f"internal error while parsing ({type(exc).__name__}: {exc})")


def _mentions_cards(text: str) -> bool:
    from lint.dicts import load_toml

    return any(word in text for word in load_toml("levels.toml")["card_markers"]["words"])


def read_office(source, path: str, kind: str, limits: Limits = DEFAULT_LIMITS) -> OfficeRows:
    """Rows of a .docx, .xlsx or .pdf (`kind`), from a path or a binary file object. No guards on
    the package here: `load_document` checks the bytes first (`guards.check_zip`)."""
    if kind == "docx":
        from lint.readers.docx import read_docx

        return read_docx(source, path, limits)
    if kind == "xlsx":
        from lint.readers.xlsx import read_xlsx

        return read_xlsx(source, path, limits)
    from lint.readers.pdf import read_pdf

    return read_pdf(source, path, limits)


def _office_document(data: bytes, path: str, kind: str, limits: Limits) -> Document:
    if not data:
        raise InputError(path, "empty file: no document to read")
    if kind in ("docx", "xlsx"):
        check_zip(data, path, kind, limits)
    office = read_office(io.BytesIO(data), path, kind, limits)
    if not office.has_text:
        raise InputError(path, f"the {kind} file holds no text")
    cards = parse_cards(office.rows, office.layout)
    locate(cards, office.positions)
    doc = Document(path=path, layout=office.layout, cards=cards)
    doc.department_code, doc.department = department_of(office.rows)
    doc.budget_year = budget_year_of(office.rows, cards)
    doc.narrative = narrative_of(office.rows)
    for para in doc.narrative:
        pos = office.positions.get((para.line, 1))
        if pos:
            para.loc = Loc(line=para.line, column=1, **pos)
    if not cards and office.tables == 0:
        raise InputError(path, f"no tables found in the {kind} file: no performance-target cards to read")
    return doc


class Progress:
    """A progress bar on stderr, shown only when stderr is a terminal, not quiet, and many files."""

    MIN_FILES = 5

    def __init__(self, total: int, quiet: bool = False, stream=None) -> None:
        self.stream = stream or sys.stderr
        isatty = getattr(self.stream, "isatty", lambda: False)
        self.active = not quiet and total >= self.MIN_FILES and isatty()
        self.total = total
        self.done = 0

    def step(self, path: str) -> None:
        if not self.active:
            return
        self.done += 1
        width = 30
        filled = width * self.done // max(self.total, 1)
        name = os.path.basename(path)[-40:]
        self.stream.write(f"\r\x1b[K[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {name}")
        self.stream.flush()

    def clear(self) -> None:
        """Wipe the bar (before a message, and at the end)."""
        if self.active:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
