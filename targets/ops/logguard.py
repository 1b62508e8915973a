"""Log lines nobody outside can multiply: at most a few per interval per kind, then one line that counts the rest.

A client that sends garbage (text frames, broken protobufs, a flood of connections past the descriptor
limit) made the server log a multi-kilobyte traceback per attempt: 1.6 MB/s from one client. Our own
refusals log through `RateLimited`; `OneLine` is a logging.Filter for Streamlit's, uvicorn's and asyncio's
loggers that drops the traceback of the known client-caused errors and rate-limits them.
"""

from __future__ import annotations

import logging
import threading
import time

EVERY = 10.0  # seconds per window
PER_WINDOW = 3  # lines of one kind per window; the rest are counted in the next line


class RateLimited:
    """`allow(kind)` -> (log it?, how many of this kind were suppressed since the last line)."""

    def __init__(self, every: float = EVERY, per_window: int = PER_WINDOW) -> None:
        self.every, self.per_window = every, per_window
        self._lock = threading.Lock()
        self._windows: dict[str, list[float | int]] = {}  # kind -> [window start, lines in it, suppressed]

    def allow(self, kind: str) -> tuple[bool, int]:
        now = time.monotonic()
        with self._lock:
            w = self._windows.get(kind)
            if w is None or now - w[0] >= self.every:
                suppressed = int(w[2]) if w is not None else 0
                self._windows[kind] = [now, 1, 0]
                if len(self._windows) > 256:  # bounded: kinds are ours, but never let the table grow
                    self._windows = {kind: self._windows[kind]}
                return True, suppressed
            if w[1] < self.per_window:
                w[1] += 1
                return True, 0
            w[2] += 1
            return False, 0

    def log(self, logger: logging.Logger, kind: str, message: str, *args, level: int = logging.WARNING) -> None:
        ok, suppressed = self.allow(kind)
        if ok:
            more = f" ({suppressed} more like this not logged)" if suppressed else ""
            logger.log(level, message + more, *args)


# Messages (their start) of records a client can cause at will: kept to one line, rate-limited.
CLIENT_CAUSED = (
    "Error deserializing back message",  # Streamlit: a binary frame that is no BackMsg
    "Exception in ASGI application",  # uvicorn: e.g. Starlette's KeyError 'bytes' on a text frame
    "socket.accept() out of system resource",  # asyncio: the descriptor limit reached
    "Invalid HTTP request received",  # uvicorn h11: garbage instead of HTTP
    "Exceeded concurrency limit",  # uvicorn: limit_concurrency
    "Client WebSocket message size",  # Streamlit: an oversized frame
    "ASGI callable returned without completing handshake",  # uvicorn, after every websocket refused with HTTP 503
)


class OneLine(logging.Filter):
    """For third-party loggers: the known client-caused records lose their traceback and are rate-limited."""

    def __init__(self, limiter: RateLimited | None = None) -> None:
        super().__init__()
        self.limiter = limiter or RateLimited()

    def filter(self, record: logging.LogRecord) -> bool:
        text = str(record.msg)
        kind = next((k for k in CLIENT_CAUSED if text.startswith(k)), None)
        if kind is None:
            return True
        ok, suppressed = self.limiter.allow(kind)
        if not ok:
            return False
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None:
            record.msg = f"{text} ({type(exc).__name__}: {str(exc)[:200]})"
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        if suppressed:
            record.msg = f"{record.msg} ({suppressed} more like this not logged)"
        return True


# A logger's filters see only records logged on it, not its children's (and Streamlit's loggers do not
# propagate), so the loggers that write these records are named one by one.
LOGGERS = ("streamlit.web.server.starlette.starlette_websocket", "uvicorn.error", "asyncio")


def install(names: tuple[str, ...] = LOGGERS) -> OneLine:
    """Put one OneLine filter on each of these loggers (idempotent)."""
    shared = OneLine()
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, OneLine) for f in logger.filters):
            logger.addFilter(shared)
    return shared
