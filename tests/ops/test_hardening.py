"""targets.hardening: closed paths answer 403 under any spelling; every other answer gets the safety headers."""

from __future__ import annotations

import asyncio
import concurrent.futures

import pytest

from targets.ops.hardening import HEADERS, Hardening


def run(coro) -> None:
    """In a thread of its own: a browser test earlier in the session may hold this thread's event loop."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coro).result()


def call(path: str, inner_headers=()) -> tuple[int, dict[bytes, bytes], bytes, bool]:
    """(status, headers, body, whether the app behind was reached) for one GET of `path`."""
    sent: list[dict] = []
    reached = []

    async def inner(scope, receive, send):
        reached.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html"), *inner_headers]})
        await send({"type": "http.response.body", "body": b"page"})

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    run(Hardening(inner)({"type": "http", "path": path}, receive, send))
    return sent[0]["status"], dict(sent[0]["headers"]), sent[1]["body"], bool(reached)


@pytest.mark.parametrize("path", ["/_stcore/metrics", "/_stcore/metrics/", "/_STCORE/Metrics", "/%5Fstcore/metrics",
                                  "/%255Fstcore/metrics", "/targets/_stcore/metrics", "/_stcore/agent",
                                  "/_stcore/agent/openapi.json", "/targets/_stcore/agent/tools"])
def test_closed_paths_answer_403_and_never_reach_streamlit(path):
    status, headers, body, reached = call(path)
    assert (status, body, reached) == (403, b"forbidden", False)
    assert headers[b"x-content-type-options"] == b"nosniff"


@pytest.mark.parametrize("path", ["/", "/sewer", "/_stcore/health", "/_stcore/host-config", "/media/abc.csv",
                                  "/_stcore/metricsx", "/_stcore/agentx", "/metrics"])
def test_other_paths_reach_streamlit_with_the_safety_headers(path):
    status, headers, body, reached = call(path, inner_headers=[(b"X-Frame-Options", b"ALLOWALL")])
    assert (status, body, reached) == (200, b"page", True)
    assert {k: headers[k] for k, _ in HEADERS} == dict(HEADERS)
    assert b"X-Frame-Options" not in headers, "one value per header: ours replaces the app's"
    assert headers[b"content-type"] == b"text/html"


def test_websockets_pass_untouched():
    seen = []

    async def inner(scope, receive, send):
        seen.append(scope["type"])

    async def noop(*_):
        return None

    run(Hardening(inner)({"type": "websocket", "path": "/_stcore/stream"}, noop, noop))
    assert seen == ["websocket"]
