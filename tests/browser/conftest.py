"""Browser fixtures: a real server (plain `streamlit run app.py`) and Debian's Chromium driven by Playwright.

Nothing here downloads a browser (no `playwright install`) or lets the page
reach past localhost: Chromium starts with every host name mapped to
NOTFOUND except 127.0.0.1, and `Guard` records every request, websocket,
console error, uncaught exception and dialog so a test can assert there were
none.

Chromium missing: the tests fail when the `CI` environment variable is set
(the CI machine must have it: `scripts/ensure_browser.sh`), and skip with the
reason otherwise.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from tests.conftest import free_port  # tests/conftest.py
from tests.drawn import DRAWN  # the page is drawn: the same check bench/ waits for

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("TARGETS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
ARTIFACTS = REPO / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
SERVER_START_TIMEOUT = 60.0
WAIT_MS = 30_000  # per element; a cold server draws its first chart in 3–6 s on 2 cores


_H1 = """() => { const h = document.querySelector('[data-testid="stMain"] h1'); return h ? h.textContent : ''; }"""


# ---- server ---------------------------------------------------------------------------------------


@dataclass
class Server:
    """One `streamlit run app.py` process in its own process group, on a free localhost port.

    `root` is the project folder it runs in (app.py, .streamlit/config.toml, config.yaml); `prefix` is
    its `server.baseUrlPath` (served under /<prefix>/); `port` is kept when given (a restart).
    """

    config: Path | None = None
    name: str = "app"
    port: int = 0
    proc: subprocess.Popen | None = None
    log: Path | None = None
    root: Path = REPO
    prefix: str = ""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}" + (f"/{self.prefix}" if self.prefix else "")

    def url(self, path: str = "/") -> str:
        return self.base + (path if path.startswith("/") else "/" + path)

    def start(self) -> Server:
        ARTIFACTS.mkdir(exist_ok=True)
        last = ""
        fixed = self.port
        for _ in range(3):  # a free port can be taken between the probe and the bind: try another
            self.port = fixed or free_port()
            self.log = ARTIFACTS / f"server-{self.name}-{self.port}.log"
            env = dict(os.environ, PYTHONUNBUFFERED="1")
            env.pop("TARGETS_CONFIG", None)
            if self.config is not None:
                env["TARGETS_CONFIG"] = str(self.config)
            with open(self.log, "wb") as out:
                self.proc = subprocess.Popen(
                    [sys.executable, "-m", "streamlit", "run", str(self.root / "app.py"),
                     "--server.address", "127.0.0.1", "--server.port", str(self.port),
                     *(["--server.baseUrlPath", self.prefix] if self.prefix else [])],
                    cwd=self.root, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                    start_new_session=True,  # its own process group: stop() ends it and its children
                )
            if self._wait_healthy():
                return self
            last = self.tail()
            self.stop()
        raise RuntimeError(f"the dashboard server did not become healthy; its log ends:\n{last}")

    def _wait_healthy(self) -> bool:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(self.url("/_stcore/health"), timeout=2) as r:
                    if r.status == 200 and r.read().strip() == b"ok":
                        return True
            except OSError:
                pass
            time.sleep(0.2)
        return False

    def tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
        except (OSError, AttributeError):
            return ""

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        except ProcessLookupError:
            pass


# ---- browser ----------------------------------------------------------------------------------------


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run on CI: {reason}. Run scripts/ensure_browser.sh "
                    "(installs Debian's chromium and fonts-noto-cjk).", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason} (run scripts/ensure_browser.sh; on CI this fails)")


@pytest.fixture(scope="session")
def browser():
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"{CHROMIUM} not found")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -r requirements-test.txt)")
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    except Exception as exc:  # noqa: BLE001 - any launch failure means "no usable browser"
        pw.stop()
        _unavailable(f"{CHROMIUM} does not start: {str(exc).splitlines()[0]}")
    yield b
    b.close()
    pw.stop()


@pytest.fixture(scope="session")
def start_server() -> Iterator[Callable[..., Server]]:
    """start_server(config=None, name=..., root=..., prefix=...) -> a running Server; all stop at the session's end."""
    started: list[Server] = []

    def start(config: Path | None = None, name: str = "app", **kw) -> Server:
        server = Server(config=config, name=name, **kw)
        started.append(server)
        return server.start()

    yield start
    for s in started:
        s.stop()


@pytest.fixture(scope="session")
def server(start_server) -> Server:
    """The dashboard on the shipped config.yaml."""
    return start_server(name="shipped")


# ---- one page visit, guarded ---------------------------------------------------------------------------


@dataclass
class Guard:
    """Everything a page must never do: console errors, uncaught errors, dialogs, non-local requests."""

    base: str
    errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, context, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        page.on("dialog", self._dialog)
        page.on("websocket", lambda ws: self._check(ws.url))
        context.on("request", lambda req: self._check(req.url))

    def _console(self, msg) -> None:
        if msg.type != "error":
            return
        if self._known_probe(msg):
            return
        where = (msg.location or {}).get("url", "")
        self.errors.append(f"console error: {msg.text} ({where})")

    def _known_probe(self, msg) -> bool:
        """Streamlit's frontend probes <page>/_stcore/health and <page>/_stcore/host-config when a
        sub-page URL is opened directly; those two 404 (a known Streamlit behaviour). Only those."""
        url = (msg.location or {}).get("url", "")
        return (msg.text.startswith("Failed to load resource: the server responded with a status of 404")
                and re.fullmatch(re.escape(self.base) + r"/[^/?#]+/_stcore/(health|host-config)", url) is not None)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        try:
            dialog.dismiss()
        except Exception:  # noqa: BLE001 - the page may already be closing
            pass

    def _check(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob"):
            return
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in LOCAL_HOSTS:
            return
        self.external.append(url)

    def problems(self) -> list[str]:
        return ([*self.errors] + [f"request outside localhost: {u}" for u in self.external]
                + [f"dialog opened: {d}" for d in self.dialogs])

    def assert_clean(self) -> None:
        found = self.problems()
        assert not found, "the page misbehaved:\n  " + "\n  ".join(found)


@dataclass
class Visit:
    page: object
    guard: Guard
    server: Server

    def wait(self, selector: str | None = None, timeout: int = WAIT_MS) -> None:
        """Wait until the run is over, every chart has drawn, and `selector` (if any) is on the page."""
        try:
            self.page.wait_for_function(DRAWN, arg=selector, timeout=timeout, polling=100)
        except Exception as exc:  # noqa: BLE001 - add what the page shows to the timeout
            raise AssertionError(f"{self.page.url}: page not ready ({selector}) within {timeout} ms: "
                                 f"{str(exc).splitlines()[0]}\npage text: {self.text()[:1500]}\n"
                                 f"server log:\n{self.server.tail(15)}") from None
        exc_box = self.page.query_selector('[data-testid="stException"]')
        assert exc_box is None, f"{self.page.url}: the app raised an exception:\n{exc_box.inner_text()[:2000]}"

    def navigate(self, page_id: str, selector: str | None = None, timeout: int = WAIT_MS) -> None:
        """Open another page through the sidebar navigation (same session), then wait as `wait` does."""
        path = "/" if page_id == "overview" else f"/{page_id}"
        before = self.page.evaluate(_H1)
        self.page.locator(f'[data-testid="stSidebarNav"] a[href="{self.server.url(path)}"]').click()
        expected = urlsplit(self.server.url(path)).path  # with the server's sub-path, if any
        try:  # every page has its own title: the new one is on screen once the h1 changed
            self.page.wait_for_function(f"([path, before]) => location.pathname === path && ({_H1})() !== before",
                                        arg=[expected, before], timeout=timeout, polling=100)
        except Exception as exc:  # noqa: BLE001
            raise AssertionError(f"{path}: navigation did not arrive: {str(exc).splitlines()[0]}\n"
                                 f"page text: {self.text()[:1000]}") from None
        self.wait(selector, timeout)

    def text(self) -> str:
        try:
            return self.page.evaluate("() => document.body ? document.body.innerText : ''")
        except Exception:  # noqa: BLE001
            return ""

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def visit(browser, server) -> Iterator[Callable[..., Visit]]:
    """visit(path, on=..., viewport=..., init_script=..., timeout=...) opens `path` in a fresh browser context, guarded.

    Each visit is a new context (no cookies, storage or session shared with the others). The
    guard is checked again when the test ends, so nothing slips through a test that forgot to.
    """
    opened: list[tuple[object, Visit]] = []

    def open_(path: str, *, on: Server | None = None, viewport: dict | None = None, init_script: str | None = None,
              timeout: int = WAIT_MS) -> Visit:
        srv = on or server
        context = browser.new_context(viewport=viewport or {"width": 1400, "height": 1000}, locale="zh-CN",
                                      accept_downloads=True, service_workers="block")
        page = context.new_page()
        page.set_default_timeout(timeout)  # the page's own waits, the first load included
        guard = Guard(srv.base)
        guard.attach(context, page)
        if init_script:  # runs before the app's own scripts, e.g. to record what the page shows on the way
            page.add_init_script(init_script)
        v = Visit(page, guard, srv)
        opened.append((context, v))
        page.goto(srv.url(path), wait_until="domcontentloaded")
        return v

    yield open_
    problems = [f"{v.page.url}: {p}" for _, v in opened for p in v.guard.problems()]
    for context, _ in opened:
        context.close()
    assert not problems, "\n".join(problems)


def app_pages() -> list[str]:
    """The page ids (url paths) the app navigates to: the one page registry, read from the shipped config.yaml."""
    from targets.schema import pages as registry
    from targets.inputs.load import load_project

    return registry.page_ids(load_project(REPO / "config.yaml").config)


def clear_screenshots() -> None:
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
