"""Decode a text file without guessing in a way that silently corrupts Chinese."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lint.errors import InputError

# The default `max-file-mb` (lint.readers.guards.Limits): kept for callers of this name.
MAX_TEXT_BYTES = 64 * 1024 * 1024


def decode_bytes(data: bytes, path: str = "<input>") -> str:
    """UTF-8 (with or without BOM), UTF-16 (BOM, or NUL pattern), else GB18030 (a superset of GBK).

    A decoder is accepted only if it decodes the whole input strictly; binary data is refused.
    """
    # `not data.strip()` without copying the file: `isspace` stops at the first other byte.
    if not data or data.isspace():
        raise InputError(path, "empty file: no text to read")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path)
    sample = data[:4096]
    nul = sample.count(0)
    if nul:
        # UTF-16 without BOM: every other byte is NUL for ASCII text.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > len(sample) // 8 and even == 0:
            return _strict(data, "utf-16-le", path)
        if even > len(sample) // 8 and odd == 0:
            return _strict(data, "utf-16-be", path)
        raise InputError(path, "binary file (contains NUL bytes): not a text document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(path, "unknown text encoding (not UTF-8, UTF-16 or GB18030)") from None
    if _looks_binary(text):
        raise InputError(path, "binary file (control characters): not a text document")
    return text


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(path, f"invalid {encoding} text") from None
    if not text or text.isspace():  # (`not text.strip()`, without the copy)
        raise InputError(path, "empty file: no text to read")
    return text


# Control characters other than whitespace: 0–31 but \t \n \v \f \r.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")  # (what `_control_count` counts)
_CONTROL_BYTES = bytes(range(0x09)) + bytes(range(0x0E, 0x20))


def _control_count(sample: str) -> int:
    """How many characters of `sample` `_CONTROLS` matches, counted without a regex scan (some 60
    instructions a character): its ASCII characters as bytes (C-level; a Chinese text has few),
    less those left when the control bytes are deleted."""
    ascii_ = sample.encode("ascii", "ignore")
    return len(ascii_) - len(ascii_.translate(None, _CONTROL_BYTES))


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    bad = _control_count(sample)
    return bad > max(8, len(sample) // 100)


def read_text(path: str | Path) -> str:
    """Read and decode one text file (opened read-only, bounded). Raises InputError with a one-line reason."""
    from lint.readers.guards import read_input

    return decode_bytes(read_input(str(path)), str(path))
