"""A long report made by several processes at once (`--jobs`), written in order by this one.

After a parallel check, the report was the longest part of the run that only one process did: at
100× the JSON report of 45,000 findings takes about 0.3 s and SARIF longer, while the other
processes had nothing left to do. Findings render one after another with nothing carried between
them but caches (the bytes do not depend on where a list is cut), so the findings are cut into
shares: this process makes the first share and writes it as it goes, and a child forked for each
of the others makes its share at the same time into an unlinked temporary file, which this process
copies out after its own. A child that fails (killed, out of memory, a full disk) costs only time:
its share is made here instead, so the report is always the same bytes. Where there is no `fork`
(Windows), or for a report too short to pay for one, every share is made here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any

Maker = Callable[[], Iterable[Any]]  # a share's pieces: str (written as UTF-8) or bytes

_CHUNK = 1 << 20  # bytes copied out of a child's file at a time


def cuts(count: int, jobs: int, min_share: int) -> list[tuple[int, int]]:
    """`range(count)` cut into at most `jobs` shares of nearly equal size, none under `min_share`
    items (a fork and a copy cost a few milliseconds): one share when `count` is small."""
    shares = max(1, min(jobs, count // max(1, min_share)))
    bounds = [count * k // shares for k in range(shares + 1)]
    return list(zip(bounds, bounds[1:], strict=False))


def in_order(makers: Sequence[Maker], between: bytes = b"") -> Iterator[Any]:
    """The pieces of `makers[0]()`, `between`, the pieces of `makers[1]()`, … as if all were made
    here one after another: the first made here as it is consumed, the others at the same time by
    forked children (their pieces come back as UTF-8 bytes)."""
    if len(makers) < 2 or not hasattr(os, "fork"):
        for k, make in enumerate(makers):
            if k and between:
                yield between
            yield from make()
        return
    children: list[tuple[int, IO[bytes]] | None] = []
    try:
        for make in makers[1:]:
            children.append(_forked(make))
        yield from makers[0]()
        for k, make in enumerate(makers[1:]):
            if between:
                yield between
            child, children[k] = children[k], None
            yield from _share(make, child)
    finally:  # this process stopped reading early (an error, a closed pipe, Ctrl-C): end the others
        for child in children:
            if child is not None:
                _end(child, kill=True)


def _forked(make: Maker) -> tuple[int, IO[bytes]] | None:
    """A child making `make()` into a temporary file: (its pid, the file), or None when no child
    could be started (the share is then made here)."""
    import tempfile

    try:
        fh = tempfile.TemporaryFile()  # unlinked: nothing is left behind, whatever happens
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        fh.close()
        return None
    if pid == 0:  # the child: never returns
        _child(make, fh)
    return pid, fh


def _child(make: Maker, fh: IO[bytes]) -> None:
    code = 1
    try:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which ends this
        write = fh.write
        for piece in make():
            write(piece if type(piece) is bytes else piece.encode("utf-8"))
        fh.flush()
        code = 0
    finally:
        # No clean-up of the parent's state (its atexit handlers, its buffered output): the child
        # only wrote its file.
        os._exit(code)


def _share(make: Maker, child: tuple[int, IO[bytes]] | None) -> Iterator[Any]:
    """A child's share out of its file once it has ended well; made here otherwise."""
    if child is None or not _end(child, kill=False):
        yield from make()
        return
    fh = child[1]
    try:
        fh.seek(0)
        read = fh.read
        carry = b""
        while chunk := read(_CHUNK):
            # Whole characters only: a reader of text pieces decodes each one.
            chunk = carry + chunk
            cut = _whole(chunk)
            carry = chunk[cut:]
            yield chunk[:cut]
        if carry:
            yield carry
    finally:
        fh.close()


def _whole(data: bytes) -> int:
    """The length of `data` without a UTF-8 character cut off at its end."""
    i = len(data) - 1
    while i >= 0 and len(data) - i <= 4 and data[i] & 0xC0 == 0x80:  # continuation bytes
        i -= 1
    if i < 0 or data[i] < 0xC0:  # ASCII (or nothing but continuation bytes): nothing is cut
        return len(data)
    needs = 2 if data[i] < 0xE0 else 3 if data[i] < 0xF0 else 4
    return len(data) if len(data) - i >= needs else i


def _end(child: tuple[int, IO[bytes]], *, kill: bool) -> bool:
    """Wait for a child (killed first with `kill`); whether it ended well. Its file stays open
    when it did, to be read."""
    pid, fh = child
    if kill:
        import signal

        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    try:
        _, status = os.waitpid(pid, 0)
        ok = os.waitstatus_to_exitcode(status) == 0
    except ChildProcessError:
        ok = False
    if kill or not ok:
        fh.close()
    return ok and not kill

