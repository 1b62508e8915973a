"""Make Streamlit's `/_stcore/health` answer for the data store too: 503 while it cannot serve a valid snapshot.

Streamlit's own handler only says whether its runtime is up (a FIFO that hung
every page still answered "ok"). Streamlit 1.67 lets an app add ASGI
middleware through its public `st.App` API, and middleware runs before
Streamlit's routes, so this one answers the health path itself when the store
is unhealthy and otherwise lets Streamlit answer. Wiring (a launcher module run
with `streamlit run launch.py`, or served by uvicorn):

    app = st.App("app.py", middleware=[Middleware(DataHealth, config_path=CONFIG)])

The store must be the one the sessions use: `Store.shared(CONFIG)` (see state.py).
Plain ASGI, no Streamlit import: the UI layer stays the only one that imports it.
"""

from __future__ import annotations

from pathlib import Path

from targets.ops.store import Store

HEALTH_PATH = "/_stcore/health"


class DataHealth:
    """ASGI middleware: `/_stcore/health` (under any base URL) answers 503 while `Store.shared(config_path)` is unhealthy."""

    def __init__(self, app, config_path: str | Path) -> None:
        self.app = app
        self.config_path = config_path

    async def __call__(self, scope, receive, send) -> None:
        if scope.get("type") == "http" and scope.get("path", "").rstrip("/").endswith(HEALTH_PATH):
            store = Store.shared(self.config_path)
            store.refresh()  # never waits: a probe must not block the event loop
            status = store.status()
            if not status.healthy:
                why = "data loader stuck" if status.stuck else "no valid data loaded"
                await send({"type": "http.response.start", "status": 503,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"cache-control", b"no-cache")]})
                await send({"type": "http.response.body", "body": why.encode()})
                return
        await self.app(scope, receive, send)
