"""File descriptors: how many this process may open, how many are free, and raising the limit at start.

Every open tab costs the app server descriptors (its socket, and the event loop Streamlit gives each
session: docs/deploy.md has the measured figure), and a systemd service gets a soft limit of 1024 unless
its unit says otherwise. When they run out, new visitors' pages fail and the data loader's open() fails with
"Too many open files". The connection guard (guard.py) refuses new sessions before that, the store waits
instead of reporting the files (store.py), and the health check answers 503 (health.py).
"""

from __future__ import annotations

import os
import resource
import time

FDS_PER_SESSION = 4  # measured on Streamlit 1.67: the websocket, and the session's own event loop (epoll + 2 for its self-pipe)
RESERVE = 64  # descriptors kept free for the loader, the snapshot cache, health probes and a page's static files
CAP = 65536  # raise the soft limit at most to this (a hard limit of "infinity" is not a target)
_CACHE_FOR = 0.2  # seconds a count of /proc/self/fd is reused (a probe and a burst of connects share one)
_cached: tuple[float, int] | None = None


def soft_limit() -> int | None:
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    return None if soft == resource.RLIM_INFINITY else soft


def open_count() -> int | None:
    """Descriptors open in this process now (None where /proc is not there)."""
    global _cached
    now = time.monotonic()
    if _cached is not None and now - _cached[0] < _CACHE_FOR:
        return _cached[1]
    try:
        n = len(os.listdir("/proc/self/fd")) - 1  # less the one listdir itself opened
    except OSError:
        return None
    _cached = (now, n)
    return n


def headroom() -> int | None:
    """Descriptors that can still be opened (None: unknown, or no limit)."""
    limit, used = soft_limit(), open_count()
    return None if limit is None or used is None else limit - used


def can_take_session() -> bool:
    """True while a new session would still leave RESERVE descriptors free."""
    free = headroom()
    return free is None or free >= RESERVE + FDS_PER_SESSION


def raise_limit(cap: int = CAP) -> tuple[int, int]:
    """Raise the soft open-files limit to the hard one (at most `cap`), as far as the system allows.
    Returns (soft, hard) after. A service manager's LimitNOFILE (deploy/targets.service) sets both."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = cap if hard == resource.RLIM_INFINITY else min(hard, cap)
    if soft != resource.RLIM_INFINITY and soft < want:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
        except (ValueError, OSError):
            pass
    return resource.getrlimit(resource.RLIMIT_NOFILE)
