"""targets.health: /_stcore/health answers 503 while the shared Store cannot serve, else Streamlit answers."""

from __future__ import annotations

import asyncio
import concurrent.futures
import time

import pytest

from targets.ops.health import DataHealth
from targets.ops.store import Store


def call(middleware: DataHealth, path: str) -> tuple[int, bytes]:
    sent: list[dict] = []

    async def inner(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    middleware.app = inner
    # In a thread of its own: a browser test earlier in the session may hold this thread's event loop.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, middleware({"type": "http", "path": path}, receive, send)).result()
    return sent[0]["status"], sent[1]["body"]


def probe_until(middleware: DataHealth, path: str, status: int) -> bytes:
    """A load balancer's probes: the first one starts the load, a later one sees its outcome (liveness bound only)."""
    end = time.monotonic() + 30
    while time.monotonic() < end:
        got, body = call(middleware, path)
        if got == status:
            return body
        time.sleep(0.05)
    pytest.fail(f"{path} never answered {status}")


@pytest.mark.slow
def test_a_store_that_serves_lets_streamlit_answer(mini):
    health = DataHealth(None, mini.config)
    Store.shared(mini.config).current()
    assert call(health, "/_stcore/health") == (200, b"ok")
    assert call(health, "/base/_stcore/health") == (200, b"ok")  # under a base URL too


def test_no_valid_data_answers_503(mini):
    mini.write("config.yaml", "title: [")
    health = DataHealth(None, mini.root)
    assert probe_until(health, "/_stcore/health", 503) == b"no valid data loaded"


def test_other_paths_are_passed_through(mini):
    mini.write("config.yaml", "title: [")
    assert call(DataHealth(None, mini.config), "/") == (200, b"ok")
