"""ASGI middleware that bounds websocket sessions: per client, per process, and by free file descriptors.

Each Streamlit session is one websocket (`/_stcore/stream`) plus descriptors of its own (limits.py). One
client opening hundreds of them exhausted the process: new visitors' pages failed, and so did the data
loader. This guard refuses a new session (HTTP 503 before the upgrade, or a close) when

* its client already holds `per_client` sessions (TARGETS_MAX_SESSIONS_PER_CLIENT, default 30);
* the process holds `max_sessions` (TARGETS_MAX_SESSIONS; default: what the descriptor limit allows);
* fewer than limits.RESERVE + FDS_PER_SESSION descriptors are free.

The client is the peer address; behind a proxy listed in TARGETS_TRUSTED_PROXIES (deploy/run_replicas.py
names HAProxy's 127.0.0.1) it is the last X-Forwarded-For hop that proxy added. Text frames (Streamlit speaks
only binary protobuf) close the socket with 1003 and one rate-limited log line, instead of Starlette's
`KeyError: 'bytes'` traceback per frame. Plain ASGI, no Streamlit import.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import Counter

from targets.ops import limits
from targets.ops.logguard import RateLimited

log = logging.getLogger(__name__)

STREAM_PATH = "/_stcore/stream"
PER_CLIENT_ENV, MAX_ENV, PROXIES_ENV = "TARGETS_MAX_SESSIONS_PER_CLIENT", "TARGETS_MAX_SESSIONS", "TARGETS_TRUSTED_PROXIES"
DEFAULT_PER_CLIENT = 30  # tabs of one browser, or of one office behind one NAT address
_LIMITED = RateLimited()


def _env_int(name: str) -> int | None:
    try:
        value = int(os.environ.get(name, ""))
    except ValueError:
        return None
    return value if value > 0 else None


class Guard:
    """Open sessions by client. Thread-safe; one per process (`GUARD`), read by the health check."""

    def __init__(self, per_client: int | None = None, max_sessions: int | None = None) -> None:
        self.per_client = per_client
        self.max_sessions = max_sessions
        self._lock = threading.Lock()
        self._open: Counter[str] = Counter()

    def limits(self) -> tuple[int, int | None]:
        """(per client, per process); read at each connect, so a limit raised at start counts."""
        per_client = self.per_client or _env_int(PER_CLIENT_ENV) or DEFAULT_PER_CLIENT
        most = self.max_sessions or _env_int(MAX_ENV)
        if most is None and (soft := limits.soft_limit()) is not None:
            most = max(1, (soft - 2 * limits.RESERVE) // limits.FDS_PER_SESSION)
        return per_client, most

    @property
    def total(self) -> int:
        return sum(self._open.values())

    def has_room(self) -> bool:
        _, most = self.limits()
        return most is None or self.total < most

    def admit(self, client: str) -> str | None:
        """Take a session for `client`, or say why not."""
        per_client, most = self.limits()
        with self._lock:
            if self._open[client] >= per_client:
                return "client_limit"
            if most is not None and sum(self._open.values()) >= most:
                return "session_limit"
            if not limits.can_take_session():
                return "descriptors"
            self._open[client] += 1
        return None

    def release(self, client: str) -> None:
        with self._lock:
            self._open[client] -= 1
            if self._open[client] <= 0:
                del self._open[client]


GUARD = Guard()


def client_of(scope, trusted: frozenset[str]) -> str:
    peer = (scope.get("client") or ("?", 0))[0]
    if peer in trusted:
        # The proxy's own entry is the last hop of the last header: anything before it the client may have written.
        forwarded = [v for k, v in scope.get("headers", []) if k == b"x-forwarded-for"]
        if forwarded:
            return forwarded[-1].decode("latin-1").split(",")[-1].strip() or peer
    return peer


class ConnectionGuard:
    """Admit websocket sessions within the limits; close text frames with one rate-limited line."""

    def __init__(self, app, guard: Guard = GUARD, trusted_proxies: tuple[str, ...] | None = None) -> None:
        self.app = app
        self.guard = guard
        names = trusted_proxies if trusted_proxies is not None else os.environ.get(PROXIES_ENV, "").split(",")
        self.trusted = frozenset(n.strip() for n in names if n.strip())

    async def __call__(self, scope, receive, send) -> None:
        if scope.get("type") != "websocket" or not scope.get("path", "").rstrip("/").endswith(STREAM_PATH):
            await self.app(scope, receive, send)
            return
        client = client_of(scope, self.trusted)
        why = self.guard.admit(client)
        if why is not None:
            _LIMITED.log(log, why, "targets: websocket from %s refused (%s)", client, why)
            await refuse(scope, send, 503, b"too many sessions; try again later")
            return
        closed = False

        async def checked_receive():
            nonlocal closed
            if closed:
                return {"type": "websocket.disconnect", "code": 1003}
            message = await receive()
            if message.get("type") == "websocket.receive" and message.get("bytes") is None:
                closed = True  # Streamlit speaks binary protobuf only: a text frame is a broken or hostile client
                _LIMITED.log(log, "text_frame", "targets: websocket from %s sent a text frame; closed", client)
                await send({"type": "websocket.close", "code": 1003})
                return {"type": "websocket.disconnect", "code": 1003}
            return message

        async def checked_send(message):
            if closed and message.get("type") in ("websocket.send", "websocket.close"):
                return  # the socket is closed already
            await send(message)

        try:
            await self.app(scope, checked_receive, checked_send)
        finally:
            self.guard.release(client)


async def refuse(scope, send, status: int, body: bytes) -> None:
    """Refuse a websocket before the upgrade: an HTTP answer where the server supports it, else a close (403)."""
    if "websocket.http.response" in scope.get("extensions", {}):
        await send({"type": "websocket.http.response.start", "status": status,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
        await send({"type": "websocket.http.response.body", "body": body})
    else:
        await send({"type": "websocket.close", "code": 1013})
