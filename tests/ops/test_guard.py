"""targets.ops.guard, hardening's host check, health's reasons and logguard, at the ASGI level (no server)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging

import pytest

from targets.ops import guard as guard_mod
from targets.ops import limits, logguard
from targets.ops.guard import ConnectionGuard, Guard, client_of
from targets.ops.hardening import Hardening, allowed_hosts, host_allowed, hostname
from targets.ops.health import unhealthy
from targets.ops.store import Status


def run(coro):
    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # a loop of its own (a browser test may hold this one's)
        return pool.submit(asyncio.run, coro).result()


def ws_scope(client="127.0.0.1", headers=()):
    return {"type": "websocket", "path": "/_stcore/stream", "client": (client, 5000), "headers": list(headers),
            "extensions": {"websocket.http.response": {}}}


def test_sessions_per_client_are_bounded_and_released():
    g = Guard(per_client=2, max_sessions=3)
    assert [g.admit("a"), g.admit("a"), g.admit("a")] == [None, None, "client_limit"]
    assert g.admit("b") is None and g.admit("c") == "session_limit" and not g.has_room()
    g.release("a")
    assert g.has_room() and g.admit("c") is None


def test_the_default_process_bound_follows_the_descriptor_limit(monkeypatch):
    monkeypatch.setattr(limits, "soft_limit", lambda: 1024)
    monkeypatch.delenv(guard_mod.MAX_ENV, raising=False)
    assert Guard().limits()[1] == (1024 - 2 * limits.RESERVE) // limits.FDS_PER_SESSION == 224


def test_a_refused_session_gets_503_before_the_upgrade():
    sent, reached = [], []

    async def app(scope, receive, send):
        reached.append(1)

    async def send(m):
        sent.append(m)

    g = Guard(per_client=1, max_sessions=10)
    g.admit("127.0.0.1")
    run(ConnectionGuard(app, guard=g, trusted_proxies=())(ws_scope(), None, send))
    assert not reached and sent[0]["type"] == "websocket.http.response.start" and sent[0]["status"] == 503


def test_a_text_frame_closes_the_socket_and_the_app_sees_a_disconnect():
    sent, got = [], []
    frames = iter([{"type": "websocket.connect"}, {"type": "websocket.receive", "text": "{}"}])

    async def receive():
        return next(frames)

    async def send(m):
        sent.append(m)

    async def app(scope, rcv, snd):
        got.append(await rcv())
        got.append(await rcv())
        await snd({"type": "websocket.send", "bytes": b"late"})  # after the close: dropped

    g = Guard(per_client=5, max_sessions=5)
    run(ConnectionGuard(app, guard=g, trusted_proxies=())(ws_scope(), receive, send))
    assert got[1] == {"type": "websocket.disconnect", "code": 1003}
    assert sent == [{"type": "websocket.close", "code": 1003}]
    assert g.total == 0  # released


def test_the_client_behind_a_trusted_proxy_is_its_last_forwarded_hop():
    scope = ws_scope("127.0.0.1", [(b"x-forwarded-for", b"6.6.6.6"), (b"x-forwarded-for", b"1.2.3.4, 10.0.0.7")])
    assert client_of(scope, frozenset({"127.0.0.1"})) == "10.0.0.7"  # the proxy's own entry, not the client's
    assert client_of(scope, frozenset()) == "127.0.0.1"


@pytest.mark.parametrize("host,origin,ok", [
    (b"127.0.0.1:8501", None, True), (b"localhost", b"http://localhost:8501", True), (b"[::1]:8501", None, True),
    (b"dash.example.gov", b"https://dash.example.gov", True), (b"evil.example", None, False),
    (b"127.0.0.1:8501", b"http://evil.example", False), (None, None, True),  # an HTTP/1.0 probe: no Host at all
])
def test_hosts_and_origins(host, origin, ok):
    headers = [(b"host", host)] if host else []
    headers += [(b"origin", origin)] if origin else []
    assert host_allowed({"type": "websocket", "headers": headers}, allowed_hosts("dash.example.gov")) is ok


def test_hostname():
    assert [hostname(h) for h in ("Example.org:8501", "[::1]:80", "::1", "a")] == ["example.org", "::1", "::1", "a"]


def test_a_foreign_host_gets_403_with_the_headers_and_csp():
    sent = []

    async def send(m):
        sent.append(m)

    async def app(*_):
        raise AssertionError("reached the app")

    mw = Hardening(app, csp="default-src 'self'", hosts=allowed_hosts())
    run(mw({"type": "http", "path": "/", "headers": [(b"host", b"evil.example")]}, None, send))
    headers = dict(sent[0]["headers"])
    assert sent[0]["status"] == 403 and headers[b"content-security-policy"] == b"default-src 'self'"
    sent.clear()
    run(mw({"type": "websocket", "path": "/_stcore/stream", "headers": [(b"host", b"evil.example")]}, None, send))
    assert sent == [{"type": "websocket.close", "code": 1008}]


def _status(**kw) -> Status:
    base = dict(serving=True, problems=0, settling=False, loading_since=None, stuck=False, last_checked=None, last_error=None)
    return Status(**{**base, **kw})


def test_health_says_why_and_never_says_ok_in_its_503():
    assert unhealthy(_status(), descriptors_ok=True, sessions_ok=True) is None
    why = unhealthy(_status(serving=False, last_error="OSError: [Errno 24] Too many open files"),
                    descriptors_ok=False, sessions_ok=True)
    assert why == ("no valid data loaded; too few file descriptors free (need 68); "
                   "last error: OSError: [Errno 24] Too many open files")
    assert unhealthy(_status(stuck=True), descriptors_ok=True, sessions_ok=False) == "data loader stuck; session limit reached"


def test_client_caused_records_lose_their_traceback_and_are_rate_limited():
    f = logguard.OneLine(logguard.RateLimited(every=3600, per_window=2))
    try:
        raise KeyError("bytes")
    except KeyError:
        import sys
        info = sys.exc_info()
    records = [logging.LogRecord("uvicorn.error", logging.ERROR, __file__, 1, "Exception in ASGI application\n", (), info)
               for _ in range(5)]
    kept = [r for r in records if f.filter(r)]
    assert len(kept) == 2 and all(r.exc_info is None for r in kept)
    assert kept[0].getMessage().startswith("Exception in ASGI application") and "KeyError" in kept[0].getMessage()
    other = logging.LogRecord("uvicorn.error", logging.ERROR, __file__, 1, "something else", (), info)
    assert f.filter(other) and other.exc_info is info  # only the known client-caused kinds are touched
