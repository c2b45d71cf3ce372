"""Guards against bad and hostile input files: size, cell count, zip bombs, XML entities.

Every guard raises `InputError` with one line that names the file, what is wrong and what to do,
so a refused file becomes an IN001 finding and the run goes on. The limits are configurable
(`[limits]` in jxlint.toml, `--limit KEY=VALUE`; docs/configuration.md, docs/robustness.md).

Files are read once, read-only and bounded, into memory: the zip checks and the office libraries
then see the same bytes (no window in which the file can change between check and use), and no
library is ever handed the path, so nothing can be written next to an input.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import zipfile
from dataclasses import dataclass, fields
from typing import BinaryIO

from lint.errors import InputError

MB = 1024 * 1024

# Config key → (Limits attribute, lowest, highest allowed value). Keys are kebab-case like the rest
# of the configuration; docs/configuration.md lists them with their defaults.
LIMIT_KEYS: dict[str, tuple[str, float, float]] = {
    "max-file-mb": ("max_file_mb", 0.001, 4096),
    "max-cells": ("max_cells", 100, 100_000_000),
    "max-unzipped-mb": ("max_unzipped_mb", 1, 65536),
    "max-xml-mb": ("max_xml_mb", 0.1, 65536),
    "max-zip-ratio": ("max_zip_ratio", 2, 100_000),
    "max-zip-members": ("max_zip_members", 10, 10_000_000),
    "max-pdf-pages": ("max_pdf_pages", 1, 1_000_000),
    "max-pdf-seconds": ("max_pdf_seconds", 0.1, 86400),
    "max-pdf-page-objects": ("max_pdf_page_objects", 100, 100_000_000),
}


@dataclass(frozen=True)
class Limits:
    """What one input file may cost. Defaults sit far above any real disclosure (the corpus's
    largest file is 124 KB and 8,220 cells) and far below what exhausts a laptop."""

    max_file_mb: float = 64  # any input file, and standard input
    max_cells: int = 500_000  # rows and cells visited in one file, empty ones included
    max_unzipped_mb: float = 200  # .docx/.xlsx members inflated; PDF streams decoded
    max_xml_mb: float = 16  # XML a library parses whole into a tree (python-docx: ~25× in memory)
    max_zip_ratio: float = 100  # one member's inflated / compressed size (members over 1 MB)
    max_zip_members: int = 10_000
    max_pdf_pages: int = 500
    max_pdf_seconds: float = 60  # wall clock for one PDF
    max_pdf_page_objects: int = 50_000  # characters, lines and forms drawn on one PDF page

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MB)

    @property
    def max_unzipped_bytes(self) -> int:
        return int(self.max_unzipped_mb * MB)

    @property
    def max_xml_bytes(self) -> int:
        return int(self.max_xml_mb * MB)

    @classmethod
    def from_table(cls, table: dict[str, float]) -> Limits:
        """Limits from `{config key: value}` (already validated by `check_limit`)."""
        values = {}
        for key, value in table.items():
            attr = LIMIT_KEYS[key][0]
            kind = next(f.type for f in fields(cls) if f.name == attr)
            values[attr] = int(value) if kind == "int" else float(value)
        return cls(**values)


DEFAULT_LIMITS = Limits()


def check_limit(key: str, value: object) -> float:
    """A validated limit value; ValueError (one line) names the key and the allowed range."""
    if key not in LIMIT_KEYS:
        import difflib

        close = difflib.get_close_matches(key, list(LIMIT_KEYS), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(LIMIT_KEYS)})"
        raise ValueError(f"unknown limit '{key}'{hint}")
    _, low, high = LIMIT_KEYS[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ValueError(f"limit '{key}' must be a number from {_num(low)} to {_num(high)}, not {_num(value)}")
    return float(value)


def _num(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else repr(value)


def parse_limit_options(options: tuple[str, ...] | list[str]) -> dict[str, float]:
    """`--limit KEY=VALUE` options as a validated table; ValueError for a bad one."""
    table: dict[str, float] = {}
    for option in options:
        key, sep, raw = option.partition("=")
        key = key.strip()
        if not sep:
            raise ValueError(f"--limit {option}: expected KEY=VALUE, e.g. max-file-mb=100")
        try:
            value = float(raw)
        except ValueError:
            raise ValueError(f"--limit {option}: '{raw.strip()}' is not a number") from None
        try:
            table[key] = check_limit(key, value)
        except ValueError as exc:
            raise ValueError(f"--limit {option}: {exc}") from None
    return table


def size_text(n: float) -> str:
    """`3.2 GB`, `200 MB`, `12 KB`: sizes in messages, in binary units as the limits are."""
    for unit, scale in (("GB", MB * 1024), ("MB", MB), ("KB", 1024)):
        if n >= scale:
            value = n / scale
            return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
    return f"{int(n)} bytes"


def _limit_hint(key: str) -> str:
    return f"if the file is genuine raise limits.{key}"


# -- reading a file ------------------------------------------------------------------------------
def os_error_message(exc: OSError, path: str | None = None) -> str:
    """The reason an OSError gives, in words that say what to do."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (too many levels of symbolic links): fix or remove the link"
    if isinstance(exc, PermissionError):
        return "permission denied: make it readable for this user, or leave it out"
    if isinstance(exc, FileNotFoundError):
        if path is not None and os.path.lexists(path):
            return "broken symbolic link (its target does not exist): fix or remove the link"
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {exc.strerror or exc}"


def read_input(path: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of one input file, opened read-only and read at most `max-file-mb` (+1 byte to
    tell "too large"). Regular files and pipes (`<(…)`) only: a device would never end."""
    limit = limits.max_file_bytes
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(path, "is a directory")
        if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
            raise InputError(path, "not a regular file (a device or socket): give a file instead")
        if st.st_size > limit:
            raise InputError(path, _too_large(st.st_size, limits))
        with open(path, "rb") as fh:
            data = _read_at_most(fh, limit, st.st_size)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(path, os_error_message(exc, path)) from None
    if len(data) > limit:
        raise InputError(path, _too_large(len(data), limits, at_least=True))
    return data


def read_stream(stream: BinaryIO, path: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Standard input, bounded the same way."""
    limit = limits.max_file_bytes
    data = _read_at_most(stream, limit)
    if len(data) > limit:
        raise InputError(path, _too_large(len(data), limits, at_least=True))
    return data


def _read_at_most(fh: BinaryIO, limit: int, expected: int = 0) -> bytes:
    """Up to `limit` + 1 bytes. `read(limit + 1)` would allocate the whole limit (64 MB) for every
    file; the size the file says it has is read at once instead, then 1 MB chunks (pipes, a file
    that grows)."""
    first = fh.read(min(expected, limit) + 1)
    if not first or len(first) > limit:
        return first
    chunks = [first]
    total = len(first)
    while total <= limit:
        chunk = fh.read(min(MB, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _too_large(size: int, limits: Limits, at_least: bool = False) -> str:
    more = "over " if at_least else ""
    return (f"file too large ({more}{size_text(size)}, limit {size_text(limits.max_file_bytes)}): "
            f"{_limit_hint('max-file-mb')}")


def is_regular_file(path: str) -> bool:
    """For folder walks: a FIFO or device inside a folder is skipped (reading it could block).
    A path that cannot be stat'ed (broken link, loop) counts as a file, so reading reports it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return True
    return stat.S_ISREG(mode)


# -- cells ---------------------------------------------------------------------------------------
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines splits on
def check_text_cells(text: str, path: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Lines plus TABs bound the number of cells a text splits into; counted before splitting,
    so a file of 60 MB of TABs is refused before it becomes 60 million objects. Lines are counted
    as `str.splitlines` will split them (a lone CR, form feeds, U+2028 … all end a line)."""
    if len(text) <= limits.max_cells:  # each break or TAB is a character: the usual file needs no count
        return
    breaks = sum(text.count(ch) for ch in _LINE_BREAKS) - text.count("\r\n")
    cells = breaks + text.count("\t")
    if cells > limits.max_cells:
        raise InputError(path, cells_message(cells, limits.max_cells))


def cells_message(count: int, limit: int, at_least: bool = False) -> str:
    more = "over " if at_least else ""
    return (f"too many cells ({more}{count:,}, limit {limit:,}): not one disclosure? "
            f"split the file, or {_limit_hint('max-cells')}")


# -- zip packages (.docx, .xlsx) -------------------------------------------------------------------
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A member larger than this is judged by its compression ratio (small XML parts compress at any ratio).
RATIO_GRACE_BYTES = 1 * MB
# Parts the office libraries never parse as XML; everything else is scanned for a DTD. SVG images
# may carry a DOCTYPE legitimately and are stored as opaque blobs.
_BLOB_SUFFIXES = (".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf",
                  ".svg", ".wdp", ".bin", ".ttf", ".odttf", ".otf", ".fntdata", ".ico", ".mp3", ".mp4",
                  ".wav", ".avi", ".mov", ".wmv", ".pdf")
_DTD_WORDS = (b"<!DOCTYPE", b"<!ENTITY")
# The declarations in UTF-8 / ASCII-compatible encodings and in UTF-16 (LE and BE), any case.
_DTD = re.compile(b"|".join(re.escape(w.decode().encode(enc)) for w in _DTD_WORDS
                            for enc in ("ascii", "utf-16-le", "utf-16-be")), re.IGNORECASE)
_OVERLAP = 2 * len("<!DOCTYPE")
_CHUNK = 1 * MB


def check_zip(data: bytes, path: str, kind: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a .docx/.xlsx whose zip would inflate beyond the limits, or whose XML declares a DTD,
    before python-docx/openpyxl see it. Reads the central directory, then every XML member as a
    stream (bounded: Python's zipfile never inflates a member beyond the size it declares, and the
    declared sizes were checked first)."""
    suffix = f".{kind}"
    if data.startswith(OLE_MAGIC):
        raise InputError(path, f"password-protected (encrypted) or old-format Office file, not a {suffix} "
                               f"package: remove the password and save it as {suffix}")
    check_directory(data, path, limits)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        members = zf.infolist()
    except Exception as exc:  # BadZipFile, but a hostile directory can raise others
        raise InputError(path, f"not a readable {suffix} file (damaged zip: {short_error(exc)}): "
                               f"open and save it again in Word/Excel/WPS") from None
    with zf:
        if len(members) > limits.max_zip_members:
            raise InputError(path, f"zip bomb guard: {len(members):,} members (limit {limits.max_zip_members:,}); "
                                   f"{_limit_hint('max-zip-members')}")
        total = sum(m.file_size for m in members)
        if total > limits.max_unzipped_bytes:
            raise InputError(path, f"zip bomb guard: members would inflate to {size_text(total)} "
                                   f"(limit {size_text(limits.max_unzipped_bytes)}); {_limit_hint('max-unzipped-mb')}")
        for m in members:
            if m.file_size > RATIO_GRACE_BYTES and m.file_size > limits.max_zip_ratio * max(m.compress_size, 1):
                ratio = m.file_size / max(m.compress_size, 1)
                raise InputError(path, f"zip bomb guard: member {m.filename} would inflate {ratio:,.0f}× "
                                       f"({size_text(m.compress_size)} to {size_text(m.file_size)}, limit "
                                       f"{limits.max_zip_ratio:g}×); {_limit_hint('max-zip-ratio')}")
        # python-docx parses every XML part into one tree (about 25 bytes of memory per byte of XML);
        # openpyxl in read-only mode streams the worksheets and parses the rest whole.
        whole = [m for m in members if not m.is_dir() and not m.filename.lower().endswith(_BLOB_SUFFIXES)
                 and not (kind == "xlsx" and m.filename.startswith("xl/worksheets/"))]
        xml = sum(m.file_size for m in whole)
        if xml > limits.max_xml_bytes:
            biggest = max(whole, key=lambda m: m.file_size)
            raise InputError(path, f"XML size guard: {size_text(xml)} of XML to parse whole ({biggest.filename}: "
                                   f"{size_text(biggest.file_size)}; limit {size_text(limits.max_xml_bytes)}): "
                                   f"not one disclosure? split it, or {_limit_hint('max-xml-mb')}")
        for m in members:
            if m.is_dir() or m.filename.lower().endswith(_BLOB_SUFFIXES):
                continue
            if _declares_dtd(zf, m, path, suffix):
                raise InputError(path, f"XML entity guard: member {m.filename} declares a DTD (<!DOCTYPE or "
                                       f"<!ENTITY), which Office files never do; refused to prevent entity "
                                       f"expansion: open and save it again in Word/Excel/WPS")


# Python's zipfile builds an object (about 300 bytes) per central-directory entry of 46 bytes or
# more before anything can be counted: the directory's size is judged from its end record first.
_DIRECTORY_BYTES_PER_MEMBER = 1024


def check_directory(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a zip whose end record declares more members, or a larger central directory, than
    `max-zip-members` allows, before zipfile parses the directory (a 64 MB directory of 1.4 million
    entries would cost some 400 MB of objects)."""
    declared = zip_directory(data)
    if declared is None:
        return  # no end record: zipfile will say the file is not a zip
    entries, size = declared
    if entries > limits.max_zip_members:
        raise InputError(path, f"zip bomb guard: {entries:,} members (limit {limits.max_zip_members:,}); "
                               f"{_limit_hint('max-zip-members')}")
    if size > limits.max_zip_members * _DIRECTORY_BYTES_PER_MEMBER:
        raise InputError(path, f"zip bomb guard: a central directory of {size_text(size)}, room for over "
                               f"{limits.max_zip_members:,} members (limit {limits.max_zip_members:,}); "
                               f"{_limit_hint('max-zip-members')}")


def zip_directory(data: bytes) -> tuple[int, int] | None:
    """(members, central-directory bytes) as the zip's end record declares them (zip64 too)."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))  # the record, then a comment
    if at < 0 or at + 22 > len(data):
        return None
    entries = int.from_bytes(data[at + 10:at + 12], "little")
    size = int.from_bytes(data[at + 12:at + 16], "little")
    locator = at - 20
    if (entries == 0xFFFF or size == 0xFFFFFFFF) and locator >= 0 and data[locator:locator + 4] == b"PK\x06\x07":
        record = int.from_bytes(data[locator + 8:locator + 16], "little")
        if data[record:record + 4] == b"PK\x06\x06":
            entries = int.from_bytes(data[record + 32:record + 40], "little")
            size = int.from_bytes(data[record + 40:record + 48], "little")
    return entries, size


def _declares_dtd(zf: zipfile.ZipFile, member: zipfile.ZipInfo, path: str, suffix: str) -> bool:
    try:
        with zf.open(member) as fh:
            tail = b""
            while chunk := fh.read(_CHUNK):
                if _DTD.search(tail + chunk):
                    return True
                tail = chunk[-_OVERLAP:]
    except Exception as exc:  # CRC, zlib, truncation, encryption, unsupported method: a damaged member
        raise InputError(path, f"not a readable {suffix} file (member {member.filename}: {short_error(exc)}): "
                               f"open and save it again in Word/Excel/WPS") from None
    return False


def short_error(exc: BaseException) -> str:
    """An exception as a short single line."""
    text = " ".join(str(exc).split())
    if len(text) > 120:
        text = text[:117] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
