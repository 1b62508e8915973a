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

import errno
import hashlib
import os
import stat
import time
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from targets.core.quote import show
from targets.core.messages import Msg, msg

_CHUNK = 1 << 20
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)

SPLIT_HINT = "file_split_hint"  # message id of what to do with a file over the limit


@dataclass(frozen=True)
class FileRead:
    """What one read of a path found: its bytes, or why it was refused; and whether it held still meanwhile."""

    path: Path
    data: bytes | None = None
    refusal: Msg | None = None  # analyst-facing message when there are no bytes
    mtime: float | None = None  # seconds since the epoch, for the quiet-window check
    steady: bool = True  # False: the file changed during the read, or the read ran out of time
    timed_out: bool = False  # the read was abandoned at its deadline

    @cached_property
    def digest(self) -> str:
        """sha256 of the bytes, or the refusal: both are content as far as change detection goes."""
        if self.data is not None:
            return hashlib.sha256(self.data).hexdigest()
        return "refused:" + hashlib.sha256(str(self.refusal or "").encode()).hexdigest()


def stat_key(path: Path) -> tuple | None:
    """What a save changes in a file's stat: type, size, times and identity (ctime catches a restored mtime)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):  # ValueError: a NUL in the path
        return None
    return _key(st)


def _key(st: os.stat_result) -> tuple:
    return (stat.S_IFMT(st.st_mode), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


_OS_REASONS = {errno.EACCES: "os_no_permission", errno.EPERM: "os_no_permission", errno.ELOOP: "os_link_loop",
               errno.ENAMETOOLONG: "os_name_too_long", errno.ENOTDIR: "os_not_a_folder", errno.EIO: "os_io_error"}


def os_reason(exc: OSError) -> Msg | str:
    """Why the system refused, in the reader's language when it is a common reason (else the system's words)."""
    code = _OS_REASONS.get(exc.errno or 0)
    return msg(code) if code else (exc.strerror or type(exc).__name__)


def _not_a_file(mode: int) -> Msg | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return msg("path_is_folder")
    if stat.S_ISFIFO(mode):
        return msg("path_is_fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return msg("path_is_device")
    if stat.S_ISSOCK(mode):
        return msg("path_is_socket")
    return msg("path_not_regular")


def _outside(path: Path, inside: Path) -> Msg | None:
    """Why `path` is refused for resolving outside the folder `inside`, or None when it is inside."""
    real = Path(os.path.realpath(path))
    root = Path(os.path.realpath(inside))
    if real == root or real.is_relative_to(root):
        return None
    if Path(os.path.normpath(os.path.abspath(path))).is_relative_to(os.path.normpath(os.path.abspath(inside))):
        return msg("path_link_outside", target=show(str(real)))
    return msg("path_outside")


def read_file(path: Path, *, limit: int, inside: Path | None = None, deadline: float | None = None,
              too_big_hint: str = SPLIT_HINT) -> FileRead:
    """Read `path` whole if it is a regular file of at most `limit` bytes (inside `inside`, when given).

    `deadline` is a time.monotonic() value: a read still going then is abandoned
    and reported as not steady, so the caller keeps what it had.
    """
    path = Path(path)

    def refused(message: Msg, st: os.stat_result | None = None, steady: bool = True, timed_out: bool = False) -> FileRead:
        return FileRead(path, refusal=message, mtime=st.st_mtime if st else None, steady=steady, timed_out=timed_out)

    try:
        if inside is not None and (why := _outside(path, inside)):
            return refused(why)
        before = os.stat(path)
    except FileNotFoundError:
        return refused(msg("file_not_found"))
    except ValueError:  # e.g. a NUL character in a path written in config.yaml
        return refused(msg("path_has_nul"))
    except OSError as exc:
        return refused(msg("file_unreadable", reason=os_reason(exc)))
    if why := _not_a_file(before.st_mode):
        return refused(why, before)
    if before.st_size > limit:
        return refused(msg("file_too_big", size=before.st_size, limit=limit, hint=msg(too_big_hint)), before)

    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:  # removed between stat and open: a save in progress
        return refused(msg("file_not_found"), steady=False)
    except OSError as exc:
        return refused(msg("file_unreadable", reason=os_reason(exc)), before)
    try:
        opened = os.fstat(fd)
        if why := _not_a_file(opened.st_mode):  # swapped between stat and open
            return refused(why, opened, steady=False)
        chunks: list[bytes] = []
        total = 0
        while True:
            if deadline is not None and time.monotonic() > deadline:
                return refused(msg("file_read_too_slow"), before, steady=False, timed_out=True)
            try:
                chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            except BlockingIOError:
                return refused(msg("file_not_ready"), before, steady=False)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # grew after the size check
                grown = max(os.fstat(fd).st_size, total)
                return refused(msg("file_too_big", size=grown, limit=limit, hint=msg(too_big_hint)), before, steady=False)
    except OSError as exc:
        return refused(msg("file_unreadable", reason=os_reason(exc)), before, steady=False)
    finally:
        os.close(fd)
    try:
        after = os.stat(path)
    except OSError:  # removed or replaced right after the read
        return FileRead(path, data=b"".join(chunks), steady=False)
    steady = _key(before) == _key(opened) == _key(after) and total == after.st_size
    return FileRead(path, data=b"".join(chunks), mtime=after.st_mtime, steady=steady)
