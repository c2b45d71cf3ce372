"""Bounds on reading one PDF with pdfplumber/pdfminer, which were not written for hostile files.

- **Wall clock** (`max-pdf-seconds`): a watchdog timer raises an exception in the reading thread when
  the budget is spent. pdfminer is pure Python, so the exception lands within microseconds wherever
  it is (a page-tree walk, a page with a million glyphs, forms drawing forms). Works on every OS and
  thread (CPython's `PyThreadState_SetAsyncExc`), costs one timer thread per PDF, nothing per page.
- **Decoded streams** (`max-unzipped-mb`): pdfminer inflates every content stream whole
  (`zlib.decompress`), so a 1 MB stream of zeros could become 1 GB. Its Flate, LZW and RunLength
  decoders are replaced, for the duration of a jxlint read only, by ones that stop at the budget.
- **Objects per page** (`max-pdf-page-objects`): characters, paths and images are counted while the
  page is interpreted, so a page cannot grow without bound before the table finder sees it.
- **Pages** (`max-pdf-pages`): checked in `lint.readers.pdf`.

The stop is a `BaseException` so that pdfminer's own `except Exception` clauses cannot swallow it;
`read_bounded` turns it into an `InputError`.
"""

from __future__ import annotations

import contextvars
import ctypes
import sys
import threading
import time
import zlib
from collections.abc import Callable
from typing import Any, TypeVar

from lint.errors import InputError
from lint.readers.guards import Limits, size_text

T = TypeVar("T")


class PdfStop(BaseException):  # BaseException: pdfminer's `except Exception` must not catch it
    """A PDF guard fired: `message` is the one-line reason."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


class _Timeout(PdfStop):
    """Raised asynchronously in the reading thread by the watchdog (a class, as the C API wants)."""


class _Budget:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.stream_left = limits.max_unzipped_bytes
        self.page = 0  # the page being read, for messages
        self.pages = 0

    def spend(self, n: int) -> None:
        self.stream_left -= n
        if self.stream_left < 0:
            raise self.stream_stop()

    def stream_stop(self) -> PdfStop:
        limit = self.limits.max_unzipped_bytes
        return PdfStop(f"decompression bomb guard: the PDF's streams would decode to over {size_text(limit)} "
                       f"(limit {size_text(limit)}); if the file is genuine raise limits.max-unzipped-mb")


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("jxlint_pdf_budget", default=None)


def current_budget() -> _Budget | None:
    return _budget.get()


def read_bounded(path: str, limits: Limits, read: Callable[[_Budget], T]) -> T:
    """Run `read(budget)` under the PDF guards; a guard that fires becomes an InputError."""
    _install()
    budget = _Budget(limits)

    def run() -> T:
        _budget.set(budget)  # in a copied context: gone when `run` returns, whatever happens
        dog = _Watchdog(limits.max_pdf_seconds)
        try:
            dog.start()
            return read(budget)
        finally:
            if _stop(dog):
                raise _Timeout()

    start = time.monotonic()
    try:
        return contextvars.copy_context().run(run)
    except _Timeout:
        where = f" at page {budget.page}" + (f" of {budget.pages}" if budget.pages else "") if budget.page else ""
        raise InputError(path, f"PDF reading stopped after {time.monotonic() - start:.0f} s{where} "
                               f"(limit {limits.max_pdf_seconds:g} s): a damaged or hostile PDF? if the file "
                               f"is genuine raise limits.max-pdf-seconds") from None
    except PdfStop as stop:
        raise InputError(path, stop.message) from None


def _stop(dog: _Watchdog) -> bool:
    """`dog.stop()`, retried when a shot lands before it took effect: a shot raised at the call
    itself would leave the watchdog running, firing into this thread every 50 ms for the rest of
    the process (seen once in the test suite as a hang in a later, unrelated test)."""
    while True:
        try:
            return dog.stop()
        except _Timeout:
            continue


class _Watchdog:
    """Raise `_Timeout` in the starting thread after `seconds`, and again every 50 ms until stopped:
    an exception that lands in a `__del__` or a garbage-collector callback is printed and dropped
    by Python, so one shot is not enough."""

    def __init__(self, seconds: float) -> None:
        self.thread_id = threading.get_ident()
        self.seconds = seconds
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.active = True
        self.fired = False
        self.thread = threading.Thread(target=self._run, name="jxlint-pdf-watchdog", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _run(self) -> None:
        if self.stopped.wait(self.seconds):
            return
        while True:
            with self.lock:
                if not self.active:
                    return
                self.fired = True
                _set_async_exc(self.thread_id, _Timeout)
            if self.stopped.wait(0.05):
                return

    def stop(self) -> bool:
        """Whether the watchdog fired. A pending exception not yet delivered is withdrawn (one
        that was delivered is already unwinding the reader, to `read_bounded`)."""
        self.stopped.set()
        with self.lock:
            self.active = False
            fired = self.fired
        if fired:
            _set_async_exc(self.thread_id, None)
        return fired


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


# -- bounded decoders ----------------------------------------------------------------------------
_installed = False
_install_lock = threading.Lock()


def _install() -> None:
    """Replace pdfminer's stream decoders and pdfplumber's page device by bounded ones. They behave
    exactly as the originals when no jxlint read is under way (no budget in the context)."""
    with _install_lock:  # readers running in threads must not wrap the device twice
        _install_once()


def _install_once() -> None:
    global _installed
    if _installed:
        return
    import pdfminer.pdftypes as pdftypes
    import pdfplumber.page as plumber_page

    originals = {name: getattr(pdftypes, name) for name in ("decompress_corrupted", "lzwdecode", "rldecode")}
    pdftypes.zlib = _BoundedZlib()  # pdftypes calls zlib.decompress(data) for /FlateDecode
    pdftypes.decompress_corrupted = _bounded_corrupted(originals["decompress_corrupted"])
    pdftypes.lzwdecode = _bounded_lzw(originals["lzwdecode"])
    pdftypes.rldecode = _bounded_rl(originals["rldecode"])
    plumber_page.PDFPageAggregatorWithMarkedContent = _counting_device(plumber_page.PDFPageAggregatorWithMarkedContent)
    previous = sys.unraisablehook

    def unraisable(info: Any) -> None:
        # A timeout that lands in a finaliser is dropped by Python with a message; the watchdog fires
        # again, so the message would only be noise.
        if info.exc_type is not None and issubclass(info.exc_type, PdfStop):
            return
        previous(info)

    sys.unraisablehook = unraisable
    _installed = True


_STEP = 4 * 1024 * 1024


class _BoundedZlib:
    """The `zlib` module as pdfminer sees it: `decompress` stops at the budget."""

    error = zlib.error

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def decompress(data: bytes, *args: Any, **kwargs: Any) -> bytes:
        budget = _budget.get()
        if budget is None or args or kwargs:
            return zlib.decompress(data, *args, **kwargs)
        # In steps of 4 MB, so a bomb is stopped with at most the budget in memory.
        # Pieces are joined only once the whole stream is known to fit (a growing buffer would be
        # copied as it grows, twice the memory).
        d = zlib.decompressobj()
        pieces: list[bytes] = []
        size = 0
        tail = data
        while True:
            piece = d.decompress(tail, min(_STEP, budget.stream_left + 1 - size))
            pieces.append(piece)
            size += len(piece)
            if size > budget.stream_left:
                raise budget.stream_stop()
            tail = d.unconsumed_tail
            if not tail:
                break
        pieces.append(d.flush())  # at most a window's worth still held by the decompressor
        size += len(pieces[-1])
        if size > budget.stream_left:
            raise budget.stream_stop()
        if not d.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        budget.spend(size)
        return pieces[0] if len(pieces) == 1 else b"".join(pieces)


def _bounded_corrupted(original: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    def decompress_corrupted(data: bytes) -> bytes:
        """pdfminer's fallback for a stream with a bad checksum, which feeds the stream byte by byte
        and appends to a bytes object (quadratic); here in small chunks, bounded, same result."""
        budget = _budget.get()
        if budget is None:
            return original(data)
        d = zlib.decompressobj()
        out = bytearray()
        pos = 0
        while pos < len(data):
            chunk = data[pos:pos + 4096]
            saved = d.copy()
            try:
                out += d.decompress(chunk)
                pos += len(chunk)
            except zlib.error:
                d = saved  # find the failing byte: fine before the last 3 bytes (the checksum) only
                for k in range(len(chunk)):
                    try:
                        out += d.decompress(chunk[k:k + 1])
                    except zlib.error:
                        if pos + k < len(data) - 3:
                            raise
                        budget.spend(len(out))
                        return bytes(out)
                pos += len(chunk)
            if len(out) > budget.stream_left:
                raise budget.stream_stop()
        budget.spend(len(out))
        return bytes(out)

    return decompress_corrupted


def _bounded_lzw(original: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    def lzwdecode(data: bytes) -> bytes:
        budget = _budget.get()
        if budget is None:
            return original(data)
        import io

        from pdfminer.lzw import LZWDecoder

        out = bytearray()
        for piece in LZWDecoder(io.BytesIO(data)).run():
            out += piece
            if len(out) > budget.stream_left:
                raise budget.stream_stop()
        budget.spend(len(out))
        return bytes(out)

    return lzwdecode


def _bounded_rl(original: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    def rldecode(data: bytes) -> bytes:
        """RunLength expands up to 64×: the output size is summed from the run headers first."""
        budget = _budget.get()
        if budget is None:
            return original(data)
        size, pos = 0, 0
        while pos < len(data) and data[pos] != 128:
            length = data[pos]
            size += length + 1 if length < 128 else 257 - length
            pos += length + 2 if length < 128 else 2
        if size > budget.stream_left:
            raise budget.stream_stop()
        out = original(data)
        budget.spend(len(out))
        return out

    return rldecode


def _counting_device(base: type) -> type:
    """pdfplumber's page device, counting what the page draws."""

    class CountingDevice(base):  # type: ignore[misc, valid-type]
        _jxlint_objects = 0

        def _count(self) -> None:
            budget = _budget.get()
            if budget is None:
                return
            self._jxlint_objects += 1
            if self._jxlint_objects > budget.limits.max_pdf_page_objects:
                raise PdfStop(f"page {budget.page} draws over {budget.limits.max_pdf_page_objects:,} characters, "
                              f"lines and forms (limit limits.max-pdf-page-objects): not a card table? if the file is "
                              f"genuine raise the limit")

        def render_char(self, *args: Any, **kwargs: Any) -> Any:
            self._count()
            return super().render_char(*args, **kwargs)

        def paint_path(self, *args: Any, **kwargs: Any) -> Any:
            self._count()
            return super().paint_path(*args, **kwargs)

        def render_image(self, *args: Any, **kwargs: Any) -> Any:
            self._count()
            return super().render_image(*args, **kwargs)

        def begin_figure(self, *args: Any, **kwargs: Any) -> Any:
            self._count()  # a form drawn: forms drawing forms multiply without drawing a glyph
            return super().begin_figure(*args, **kwargs)

    CountingDevice.__name__ = base.__name__
    CountingDevice.__qualname__ = base.__qualname__
    return CountingDevice
