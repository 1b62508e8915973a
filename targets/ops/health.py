"""Make Streamlit's `/_stcore/health` answer for the whole process: 503 while it cannot serve a new session.

Streamlit's own handler only says whether its runtime is up (a FIFO that hung
every page still answered "ok", and so did a process out of file descriptors).
Streamlit 1.67 lets an app add ASGI middleware through its public `st.App` API,
and middleware runs before Streamlit's routes, so this one answers the health
path itself when the process cannot serve and otherwise lets Streamlit answer.
503 when:

* the data store cannot serve a valid snapshot, or its loader is stuck;
* too few file descriptors are free for one more session (limits.py), or the
  connection guard is full (guard.py): new visitors' pages would fail.

The 503 text says which, with the loader's last error when there is one. Wiring:

    app = st.App("app.py", middleware=[Middleware(DataHealth, config_path=CONFIG)])

The store must be the one the sessions use: `Store.shared(CONFIG)`.
Plain ASGI, no Streamlit import: the UI layer stays the only one that imports it.
"""

from __future__ import annotations

from pathlib import Path

from targets.ops import limits
from targets.ops.guard import GUARD
from targets.ops.store import Store

HEALTH_PATH = "/_stcore/health"


def unhealthy(status, *, descriptors_ok: bool, sessions_ok: bool) -> str | None:
    """Why a new session cannot be served (the 503 text), or None. Never contains "ok" (the old HAProxy check
    matched that string)."""
    why = []
    if status.stuck:
        why.append("data loader stuck")
    elif not status.serving:
        why.append("no valid data loaded")
    if not descriptors_ok:
        why.append(f"too few file descriptors free (need {limits.RESERVE + limits.FDS_PER_SESSION})")
    if not sessions_ok:
        why.append("session limit reached")
    if not why:
        return None
    if status.last_error:
        why.append(f"last error: {status.last_error}")
    return "; ".join(why)


class DataHealth:
    """ASGI middleware: `/_stcore/health` (under any base URL) answers 503 while the process cannot serve a new session."""

    def __init__(self, app, config_path: str | Path) -> None:
        self.app = app
        self.config_path = config_path

    async def __call__(self, scope, receive, send) -> None:
        if scope.get("type") == "http" and scope.get("path", "").rstrip("/").endswith(HEALTH_PATH):
            store = Store.shared(self.config_path)
            store.refresh()  # never waits: a probe must not block the event loop
            why = unhealthy(store.status(), descriptors_ok=limits.can_take_session(), sessions_ok=GUARD.has_room())
            if why is not None:
                await send({"type": "http.response.start", "status": 503,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"cache-control", b"no-cache")]})
                await send({"type": "http.response.body", "body": why.encode()})
                return
        await self.app(scope, receive, send)
