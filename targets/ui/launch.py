"""The server that `streamlit run app.py` starts: app.py's `st.App`, warmed before its first visitor.

Why app.py is also an ASGI entry
--------------------------------
Until `st.navigation` has run once in a process, Streamlit serves a `pages/`
folder beside the entry script with its old file-name fallback (see
coldstart.py). Every theme page is served by one script, `pages/theme.py`,
from config, so a theme link as a fresh server's first request met
Streamlit's "Page not found" dialog before any code of ours ran.

`streamlit run app.py` looks in app.py for an assignment `app = st.App(...)`
(public API) and, when it finds one, serves that ASGI app with uvicorn; app.py
stays the script each session runs (`__name__ == "__main__"` there). The App
brings two things plain `streamlit run` cannot:

* `warm_start`, its lifespan: runs app.py once in this process before the
  server accepts its first connection. The fallback is over and the data is
  loaded before anyone asks, so a cold shared link to any page opens in the
  app's own shell, and the first visitor does not wait for the load.
* `middleware()`: `/_stcore/health` answers 503 while the data store cannot
  serve (targets/health.py), so a load balancer routes around such a replica;
  `/_stcore/metrics` is closed and every answer carries the browser's safety
  headers (targets/hardening.py), with or without a proxy in front.

The run goes through Streamlit's script health check
(`Runtime.does_script_run_without_error`, what `/_stcore/script-health-check`
calls); tests/browser/test_coldstart.py fails if that stops ending the fallback.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator

from starlette.middleware import Middleware
from streamlit import runtime
from streamlit.logger import get_logger

from targets.ops.hardening import Hardening
from targets.ops.health import DataHealth
from targets.ui.session import config_path

log = get_logger(__name__)


@contextlib.asynccontextmanager
async def warm_start(_app) -> AsyncIterator[None]:
    """st.App lifespan: one run of app.py (fallback ended, data loaded) before the first connection."""
    started = time.monotonic()
    try:
        ok, outcome = await runtime.get_instance().does_script_run_without_error()
    except Exception as exc:  # noqa: BLE001 - the server starts anyway: coldstart still opens every link right
        ok, outcome = False, f"not run: {type(exc).__name__}: {exc}"
    # A failed run still ended the fallback (coldstart.entry() is app.py's first statement); the page shows why.
    log.info("warm start: app.py ran once in %.1f s (%s)", time.monotonic() - started, outcome if not ok else "ok")
    yield None


def middleware() -> list[Middleware]:
    """ASGI middleware for the App, outermost first: closed paths and safety headers; the data-aware health
    check, for the store every session reads."""
    return [Middleware(Hardening), Middleware(DataHealth, config_path=config_path())]
