"""From command-line paths to parsed documents: walk folders, read stdin, report bad input."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

from lint.errors import InputError
from lint.model import Document
from lint.parse.document import parse_text
from lint.readers.decode import decode_bytes, read_text

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
STDIN = "-"


def expand_paths(paths: list[str]) -> Iterator[tuple[str, InputError | None]]:
    """Yield (path, None) for every file to read, or (path, error) for an argument that fails.

    Folders are walked in sorted order (deterministic output); inside folders only text files are
    read, files given by name are always read.
    """
    for arg in paths:
        if arg == STDIN:
            yield arg, None
            continue
        p = Path(arg)
        if p.is_dir():
            found = False
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(TEXT_SUFFIXES) and not name.startswith("."):
                        found = True
                        yield os.path.join(root, name), None
            if not found:
                yield arg, InputError(arg, "folder holds no text documents (.txt, .md)")
        elif p.exists():
            yield arg, None
        else:
            yield arg, InputError(arg, "no such file or folder")


def load_document(path: str, layout: str | None = None) -> Document:
    """Read and parse one document. Raises InputError (one line) for anything unreadable."""
    if path == STDIN:
        text = decode_bytes(sys.stdin.buffer.read(), "<stdin>")
    else:
        text = read_text(path)
    doc = parse_text(text, path if path != STDIN else "<stdin>", layout)
    if not doc.cards:
        raise InputError(doc.path, "no performance-target cards (绩效目标表) found")
    return doc
