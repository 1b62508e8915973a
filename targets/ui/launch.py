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

Limits (docs/deploy.md has the figures): at import, the open-files soft limit is raised to the hard one
(deploy/targets.service sets both); uvicorn gets a slow-header timeout, a header size and a concurrency
bound (targets/ops/serve.py) through Streamlit's own uvicorn options; the middleware refuses foreign hosts,
bounds websocket sessions per client and per process (targets/ops/guard.py), and closed tabs give their
descriptors back within seconds (targets/ops/sessions.py). Client-caused errors log one line, rate-limited
(targets/ops/logguard.py).

The run goes through Streamlit's script health check
(`Runtime.does_script_run_without_error`, what `/_stcore/script-health-check`
calls); tests/browser/test_coldstart.py fails if that stops ending the fallback.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from pathlib import Path

import streamlit
from starlette.middleware import Middleware
from streamlit import config, runtime
from streamlit.logger import get_logger

from targets.ops import limits, logguard, serve
from targets.ops.guard import ConnectionGuard
from targets.ops.hardening import Hardening, allowed_hosts, content_security_policy
from targets.ops.health import DataHealth
from targets.ops.sessions import ReleasingStorage
from targets.ui.session import config_path

log = get_logger(__name__)
SWEEP_EVERY = 2.0  # seconds between sweeps of the disconnected sessions


def _uvicorn_options() -> None:
    """Apply serve.options() to the server's uvicorn.Config as it starts. Streamlit builds that Config itself
    with only its own options, and imports app.py (so this module) while loading it: the options go on at
    Server.startup, which runs after. tests/ops/test_limits_server.py fails if they stop applying."""
    import uvicorn.server

    own = uvicorn.server.Server.startup
    if getattr(own, "targets", False):
        return

    async def startup(self, sockets=None):
        serve.apply(self.config)
        return await own(self, sockets=sockets)

    startup.targets = True
    uvicorn.server.Server.startup = startup


def prepare() -> None:
    """Once, when app.py is imported as the server: descriptors, log guard, uvicorn options."""
    soft, hard = limits.raise_limit()
    logguard.install()
    try:
        _uvicorn_options()
    except (ImportError, AttributeError) as exc:  # another Streamlit: serve without, and say so
        log.warning("uvicorn limits not applied (%s); pass them on uvicorn's command line (docs/deploy.md)", exc)
    log.info("open-files limit %s (hard %s)", soft, hard)


def _install_session_storage() -> ReleasingStorage | None:
    manager = getattr(runtime.get_instance(), "_session_mgr", None)
    if manager is None or not hasattr(manager, "_session_storage"):
        log.warning("disconnected sessions: Streamlit's storage kept (no session manager found)")
        return None
    storage = ReleasingStorage()
    manager._session_storage = storage
    return storage


async def _sweep(storage: ReleasingStorage) -> None:
    while True:
        await asyncio.sleep(SWEEP_EVERY)
        storage.sweep()


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
    storage = _install_session_storage()
    sweeper = asyncio.create_task(_sweep(storage)) if storage is not None else None
    try:
        yield None
    finally:
        if sweeper is not None:
            sweeper.cancel()


def csp() -> str:
    """The CSP for the index.html of the Streamlit installed (its inline script's hash)."""
    index = Path(streamlit.__file__).parent / "static" / "index.html"
    return content_security_policy(index.read_text(encoding="utf-8"))


def middleware() -> list[Middleware]:
    """ASGI middleware for the App, outermost first: hosts, closed paths, safety headers and CSP; the session
    bounds and frame check; the process-aware health check, for the store every session reads. app.py calls
    it once, as it builds the server: the process limits are prepared here too."""
    prepare()
    hosts = allowed_hosts(config.get_option("browser.serverAddress"))
    return [Middleware(Hardening, csp=csp(), hosts=hosts), Middleware(ConnectionGuard),
            Middleware(DataHealth, config_path=config_path())]
