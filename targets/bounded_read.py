"""Read one input file whole, or refuse it with a message, without ever blocking or reading without bound.

Only regular files are read: the type is checked with stat before opening, and
again on the open descriptor (opened non-blocking, so a FIFO swapped in between
cannot block). The size is checked before reading and the read itself stops
one byte past the limit, so a file that grows meanwhile (or a device) costs at
most `limit` bytes. A data file must resolve inside the project folder, so a
link to /dev/zero or to a file elsewhere is refused by name.

The stat before and after the read tell whether the file changed while it was
read (`steady`); the Store uses that to take only files that stopped changing.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import show

_CHUNK = 1 << 20
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)

NOT_FOUND = "file not found; check the path in config.yaml"
SPLIT_HINT = "split it into several data files"


@dataclass(frozen=True)
class FileRead:
    """What one read of a path found: its bytes, or why it was refused; and whether it held still meanwhile."""

    path: Path
    data: bytes | None = None
    refusal: str | None = None  # analyst-facing message when there are no bytes
    mtime: float | None = None  # seconds since the epoch, for the quiet-window check
    steady: bool = True  # False: the file changed during the read, or the read ran out of time
    timed_out: bool = False  # the read was abandoned at its deadline

    @cached_property
    def digest(self) -> str:
        """sha256 of the bytes, or the refusal: both are content as far as change detection goes."""
        if self.data is not None:
            return hashlib.sha256(self.data).hexdigest()
        return "refused:" + hashlib.sha256((self.refusal or "").encode()).hexdigest()


def stat_key(path: Path) -> tuple | None:
    """What a save changes in a file's stat: type, size, times and identity (ctime catches a restored mtime)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):  # ValueError: a NUL in the path
        return None
    return _key(st)


def _key(st: os.stat_result) -> tuple:
    return (stat.S_IFMT(st.st_mode), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def _not_a_file(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file; check the path in config.yaml"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a file; put the YAML file itself here"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file; put the YAML file itself here"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file; put the YAML file itself here"
    return "is not a regular file; put the YAML file itself here"


def _outside(path: Path, inside: Path) -> str | None:
    """Why `path` is refused for resolving outside the folder `inside`, or None when it is inside."""
    real = Path(os.path.realpath(path))
    root = Path(os.path.realpath(inside))
    if real == root or real.is_relative_to(root):
        return None
    if Path(os.path.normpath(os.path.abspath(path))).is_relative_to(os.path.normpath(os.path.abspath(inside))):
        return (f"is a link to {show(str(real))}, outside the project folder; "
                "copy the file into the folder that holds config.yaml instead")
    return "is outside the project folder; keep data files in the folder that holds config.yaml (or below it)"


def read_file(path: Path, *, limit: int, inside: Path | None = None, deadline: float | None = None,
              too_big_hint: str = SPLIT_HINT) -> FileRead:
    """Read `path` whole if it is a regular file of at most `limit` bytes (inside `inside`, when given).

    `deadline` is a time.monotonic() value: a read still going then is abandoned
    and reported as not steady, so the caller keeps what it had.
    """
    path = Path(path)

    def refused(message: str, st: os.stat_result | None = None, steady: bool = True, timed_out: bool = False) -> FileRead:
        return FileRead(path, refusal=message, mtime=st.st_mtime if st else None, steady=steady, timed_out=timed_out)

    try:
        if inside is not None and (why := _outside(path, inside)):
            return refused(why)
        before = os.stat(path)
    except FileNotFoundError:
        return refused(NOT_FOUND)
    except ValueError:  # e.g. a NUL character in a path written in config.yaml
        return refused("the file name is not usable (it contains a NUL character); check the path in config.yaml")
    except OSError as exc:
        return refused(f"cannot read the file ({exc.strerror})")
    if why := _not_a_file(before.st_mode):
        return refused(why, before)
    if before.st_size > limit:
        return refused(f"file is {before.st_size:,} bytes; the limit is {limit:,}: {too_big_hint}", before)

    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:  # removed between stat and open: a save in progress
        return refused(NOT_FOUND, steady=False)
    except OSError as exc:
        return refused(f"cannot read the file ({exc.strerror})", before)
    try:
        opened = os.fstat(fd)
        if why := _not_a_file(opened.st_mode):  # swapped between stat and open
            return refused(why, opened, steady=False)
        chunks: list[bytes] = []
        total = 0
        while True:
            if deadline is not None and time.monotonic() > deadline:
                return refused("reading the file took too long", before, steady=False, timed_out=True)
            try:
                chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            except BlockingIOError:
                return refused("the file was not ready to read", before, steady=False)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # grew after the size check
                grown = max(os.fstat(fd).st_size, total)
                return refused(f"file is {grown:,} bytes; the limit is {limit:,}: {too_big_hint}", before, steady=False)
    except OSError as exc:
        return refused(f"cannot read the file ({exc.strerror})", before, steady=False)
    finally:
        os.close(fd)
    try:
        after = os.stat(path)
    except OSError:  # removed or replaced right after the read
        return FileRead(path, data=b"".join(chunks), steady=False)
    steady = _key(before) == _key(opened) == _key(after) and total == after.st_size
    return FileRead(path, data=b"".join(chunks), mtime=after.st_mtime, steady=steady)
