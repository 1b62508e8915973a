"""Benchmarks against a floor measured in the same run; writes docs/benchmarks.md.

    make bench                      # = .venv/bin/python bench/run.py
    .venv/bin/python bench/run.py --quick            # fewer runs, shorter concurrency phase (a smoke run)
    .venv/bin/python bench/run.py --only a,b         # some sections only (the file then holds only those)

a. time to first chart in headless Chromium: overview and sewer (map) pages vs bench/floor_app.py
   (one plotly bar chart), warm servers, fresh browser context per load; goal ≤ 1.2× the floor.
b. server-side rerun per page with AppTest on the gazette data; goal median ≤ 50 ms. A cProfile of
   separate runs says where the time goes.
c. national scale (bench/gen_national.py: 2,844 counties × 10 years × 30 indicators): cold
   load+validate (goal ≤ 10 s), the cached check after it, rerun per page (goal ≤ 300 ms), and the
   server's RSS as sessions are added (the frame is held once per process).
d. 20 browser sessions at once changing filters for 60 s: errors (goal 0), p50/p95 time to the
   updated chart, server RSS per extra session (goal ≤ 5 MiB).

Everything stays on 127.0.0.1; Chromium is Debian's (/usr/bin/chromium) with every other host
unresolvable. Medians are of ≥ 5 runs unless a row says otherwise. Nothing here is a test: misses
are reported, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime as dt
import io
import os
import platform
import pstats
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # `targets` when run as bench/run.py

CHROMIUM = os.environ.get("TARGETS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
OUT = REPO / "docs" / "benchmarks.md"
LOGS = REPO / "artifacts" / "bench"
APP = REPO / "app.py"
FLOOR = REPO / "bench" / "floor_app.py"
N_MAP = 13


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def pct(xs, q):
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(q / 100 * (len(s) - 1))))]


def ms(x: float) -> str:
    if x == float("inf"):
        return "over AppTest's timeout"
    return "—" if x != x else (f"{x:,.0f} ms" if x >= 10 else f"{x:.1f} ms")


def secs(x: float) -> str:
    return "—" if x != x else f"{x:,.1f} s"


def mib(x: float) -> str:
    return "—" if x != x else f"{x:,.1f} MiB"


def verdict(value: float, goal: float) -> str:
    if value != value:
        return "not measured"
    if value == float("inf"):
        return "**missed** (over the run timeout)"
    return "met" if value <= goal else f"**missed** ({value / goal:.1f}× the goal)"


# ---- servers ---------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, name: str, argv: list[str], config: Path | None = None):
        self.name, self.argv, self.config = name, argv, config
        self.proc: subprocess.Popen | None = None
        self.port = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        LOGS.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        env = dict(os.environ)
        env.pop("TARGETS_CONFIG", None)
        if self.config:
            env["TARGETS_CONFIG"] = str(self.config)
        with open(LOGS / f"server-{self.name}.log", "wb") as out:
            self.proc = subprocess.Popen(self.argv + ["--server.address", "127.0.0.1", "--server.port", str(self.port)],
                                         cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                         start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} server exited; see {LOGS / f'server-{self.name}.log'}")
            try:
                with urllib.request.urlopen(self.base + "/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} server not healthy in 120 s")

    def rss(self) -> float:
        """Resident memory of the server process, MiB."""
        text = Path(f"/proc/{self.proc.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+) kB", text).group(1)) / 1024

    def cpu_seconds(self) -> float:
        """User + system CPU time the server process has used."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def dashboard(name: str, config: Path | None = None) -> Server:
    return Server(name, [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py")], config)


def floor_server() -> Server:
    return Server("floor", [sys.executable, "-m", "streamlit", "run", str(FLOOR)])


@contextmanager
def running(*servers: Server):
    try:
        for s in servers:
            s.start()
        yield servers
    finally:
        for s in servers:
            s.stop()


# ---- the browser side --------------------------------------------------------------------------------------

# Installed before any page script: the first chart's SVG and a complete map are stamped with performance.now()
# (milliseconds since navigation start).
STAMP = """
window.__t = {};
const __mark = () => {
  const t = window.__t;
  if (!t.firstChart && document.querySelector('.js-plotly-plot .main-svg')) t.firstChart = performance.now();
  if (!t.map) {
    let n = 0;
    for (const p of document.querySelectorAll('path.choroplethlocation')) if ((p.getAttribute('d') || '').length) n++;
    if (n >= %d) t.map = performance.now();
  }
};
new MutationObserver(__mark).observe(document, {childList: true, subtree: true, attributes: true, attributeFilter: ['d']});
""" % N_MAP

# The run is over and every chart has drawn; stamps `done` the first time it is true.
DONE = """(sel) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testScriptState !== 'notRunning' || app.dataset.testConnectionState !== 'CONNECTED') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  if (charts.some(c => !c.querySelector('.main-svg'))) return false;
  if (sel && !document.querySelector(sel)) return false;
  window.__t = window.__t || {};
  window.__t.done = window.__t.done || performance.now();
  return true;
}"""
CONTENT = '.js-plotly-plot .main-svg, [data-testid="stDataFrame"]'


def launch(pw):
    return pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def load_once(browser, url: str, *, timeout_ms: int = 120_000, want_map: bool = False) -> dict:
    """One page load in a fresh context: ms since navigation start to first chart, map, and all drawn."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    received = [0]
    try:
        ctx.add_init_script(STAMP)
        page = ctx.new_page()
        page.on("websocket", lambda ws: ws.on("framereceived", lambda f: received.__setitem__(0, received[0] + len(f))))
        cdp = ctx.new_cdp_session(page)
        cdp.send("Performance.enable")  # the renderer's main-thread time, to split browser work from waiting
        page.goto(url, wait_until="commit")
        page.wait_for_function(DONE, arg=CONTENT, timeout=timeout_ms, polling="raf")
        if want_map:
            page.wait_for_function("() => window.__t.map", timeout=timeout_ms, polling="raf")
        perf = {x["name"]: x["value"] for x in cdp.send("Performance.getMetrics")["metrics"]}
        return {**page.evaluate("() => window.__t"), "ws_kib": received[0] / 1024,
                "task_ms": perf.get("TaskDuration", float("nan")) * 1000, "script_ms": perf.get("ScriptDuration", float("nan")) * 1000}
    finally:
        ctx.close()


# ---- a. time to first chart ---------------------------------------------------------------------------------


def new_session_runs(runs: int) -> dict:
    """Server time of a new session's first run (app.py + the page), AppTest, per page of section a."""
    from streamlit.testing.v1 import AppTest

    _navigation_from_app_py()
    os.environ.pop("TARGETS_CONFIG", None)
    out = {}
    for name, script in (("overview", None), ("sewer (map)", "pages/sewer.py")):  # the floor's first run: a few ms
        times = []
        for _ in range(runs + 1):
            at = AppTest.from_file(str(APP), default_timeout=120)
            if script:
                at.switch_page(script)  # before the first run: a session opened on this page's URL
            t0 = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t0)
        out[name] = times[1:]  # the first warms the process (imports, caches shared by sessions)
    return out


def bench_ttfc(runs: int, warmups: int) -> dict:
    from playwright.sync_api import sync_playwright

    ours, floor = dashboard("ttfc"), floor_server()
    targets = [("floor: one bar chart", floor, "/", False), ("overview", ours, "/", True), ("sewer (map)", ours, "/sewer", True)]
    samples: dict[str, list[dict]] = {name: [] for name, *_ in targets}
    with running(ours, floor), sync_playwright() as pw:
        browser = launch(pw)
        for name, srv, path, want_map in targets:
            for _ in range(warmups):
                load_once(browser, srv.base + path, want_map=want_map)
        for i in range(runs):  # interleaved, so a change in machine load hits every target alike
            for name, srv, path, want_map in targets:
                samples[name].append(load_once(browser, srv.base + path, want_map=want_map))
            log(f"a. run {i + 1}/{runs}: " + ", ".join(f"{n} {samples[n][-1]['firstChart']:.0f} ms" for n in samples))
        browser.close()
    out = {}
    for name, xs in samples.items():
        out[name] = {k: [x[k] for x in xs if k in x] for k in ("firstChart", "map", "done", "ws_kib", "task_ms", "script_ms")}
    return out


# ---- b. / c. server reruns with AppTest ------------------------------------------------------------------------

_PROFILE = {"on": False, "prof": None}


def _navigation_from_app_py() -> None:
    """Every AppTest run goes straight through app.py, as a warm server's runs do.

    A `pages/` folder beside app.py makes Streamlit treat the app as old-style multipage, and AppTest
    resets that flag before each run: each sub-page run would start in that fallback, which
    targets/coldstart.py turns into an extra rerun through app.py. A server pays that once per
    process, so the bench skips it to measure what a user waits for on every click.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager, "_bench_patched", False):
        return
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    PagesManager._bench_patched = True


def _install_profiler() -> None:
    """cProfile the script thread only (AppTest runs scripts in a thread cProfile would not see)."""
    import streamlit.runtime.scriptrunner.script_runner as sr

    if getattr(sr, "_bench_wrapped", False):
        return
    orig = sr.exec_func_with_error_handling

    def wrapped(func, ctx):
        def run():
            prof = _PROFILE["prof"] if _PROFILE["on"] else None
            if prof:
                prof.enable()
            try:
                return func()
            finally:
                if prof:
                    prof.disable()
        return orig(run, ctx)

    sr.exec_func_with_error_handling = wrapped
    sr._bench_wrapped = True


PAGE_LAYER = ("app.py", "targets/ui.py")  # plus pages/*.py: the code that calls the library and Streamlit
ELEMENTS = {("streamlit/elements/plotly_chart.py", "plotly_chart"): "st.plotly_chart (figure → JSON)",
            ("streamlit/elements/arrow.py", "dataframe"): "st.dataframe",
            ("streamlit/elements/widgets/data_editor.py", "data_editor"): "st.data_editor",
            ("streamlit/elements/widgets/button.py", "download_button"): "st.download_button"}


def _in_page_layer(file: str) -> bool:
    return file.endswith(PAGE_LAYER) or "/pages/" in file


def _buckets(stats: pstats.Stats) -> dict[str, float]:
    """Seconds per callee of the page layer: each targets/ module (calls from app.py, pages/, targets/ui.py into it),
    and the heavy Streamlit elements (all calls). Nested calls are inside their bucket, never counted twice."""
    out: dict[str, float] = {}
    for (file, _, func), (_, _, _, ct, callers) in stats.stats.items():
        for (suffix, name), label in ELEMENTS.items():
            if file.endswith(suffix) and func == name:
                out[label] = out.get(label, 0.0) + ct
        if "/targets/" in file and not _in_page_layer(file):
            label = "targets/" + file.rsplit("/targets/", 1)[1]
            for (cfile, _, _), edge in callers.items():
                if _in_page_layer(cfile):
                    out[label] = out.get(label, 0.0) + edge[3]
    return out


def _total_seconds(stats: pstats.Stats) -> float:
    return sum(v[3] for (f, _, fn), v in stats.stats.items()
               if f.endswith("scriptrunner/script_runner.py") and fn == "code_to_exec")


def rerun_times(pages: list[tuple[str, str]], runs: int, *, config: Path | None = None, profile_runs: int = 3,
                timeout: float = 120, budget_s: float = float("inf"), warm_runs: int = 1) -> dict:
    """Per page: AppTest rerun times (s) and a profile of separate runs, bucketed.

    `budget_s` bounds the timed runs of a slow page (at least one run); a page whose run exceeds `timeout`
    is reported as such (its script thread cannot be stopped, so slow pages should come last).
    """
    from streamlit.testing.v1 import AppTest

    _install_profiler()
    if any(script for _, script in pages):
        _navigation_from_app_py()
    if config:
        os.environ["TARGETS_CONFIG"] = str(config)
    else:
        os.environ.pop("TARGETS_CONFIG", None)
    out = {}
    try:
        for page_id, script in pages:
            at = AppTest.from_file(str(APP if script else FLOOR), default_timeout=timeout)
            try:
                t0 = time.perf_counter()
                at.run()  # the entry script first (st.navigation), as a browser session starts
                first = time.perf_counter() - t0
                if script and page_id != "overview":
                    at.switch_page(script)
                    at.run()
                for _ in range(warm_runs):
                    at.run()
                if at.exception:
                    out[page_id] = {"error": at.exception[0].value}
                    log(f"rerun {page_id}: exception {at.exception[0].value[:200]}")
                    continue
                times = []
                spent = 0.0
                while len(times) < runs and (not times or spent < budget_s):
                    t0 = time.perf_counter()
                    at.run()
                    times.append(time.perf_counter() - t0)
                    spent += times[-1]
            except RuntimeError as exc:  # AppTest's timeout
                out[page_id] = {"error": f"a run took over {timeout:.0f} s ({str(exc).splitlines()[0][:60]})"}
                log(f"rerun {page_id}: over {timeout:.0f} s")
                continue
            buckets = {}
            if profile_runs and median(times) < 30:
                prof = cProfile.Profile()
                _PROFILE.update(on=True, prof=prof)
                try:
                    for _ in range(profile_runs):
                        at.run()
                finally:
                    _PROFILE.update(on=False, prof=None)
                stats = pstats.Stats(prof, stream=io.StringIO())
                total = _total_seconds(stats)
                buckets = {label: v / total for label, v in _buckets(stats).items()} if total else {}
            out[page_id] = {"times": times, "first": first, "shares": buckets}
            log(f"rerun {page_id}: median {median(times) * 1000:.0f} ms over {len(times)} runs")
    finally:
        os.environ.pop("TARGETS_CONFIG", None)
    return out


def app_pages() -> list[tuple[str, str]]:
    from targets import ui

    return [(url, script) for url, script, *_ in ui.PAGES if (REPO / script).is_file()]


# ---- c. national scale ---------------------------------------------------------------------------------------------


def cold_loads(config: Path, runs: int) -> dict:
    """Fresh Store per run: fingerprint, parse, validate, frame, consistency report — what a server's first session pays."""
    from targets import frames, load
    from targets.state import Store

    times = []
    split = {}
    real_read, real_build = load.read_yaml, frames.build
    spent = {"parse": 0.0, "frame": 0.0}

    def timed_read(*a, **k):
        t = time.perf_counter()
        try:
            return real_read(*a, **k)
        finally:
            spent["parse"] += time.perf_counter() - t

    def timed_build(*a, **k):
        t = time.perf_counter()
        try:
            return real_build(*a, **k)
        finally:
            spent["frame"] += time.perf_counter() - t

    store = None
    for i in range(runs):
        if i == 0:
            load.read_yaml, frames.build = timed_read, timed_build
        try:
            store = Store(config)
            t0 = time.perf_counter()
            view = store.current()
            times.append(time.perf_counter() - t0)
        finally:
            load.read_yaml, frames.build = real_read, real_build
        if view.snapshot is None:
            raise RuntimeError("the national project does not load: " + "; ".join(p.render() for p in view.problems[:5]))
        if i == 0:
            split = {"parse (targets.yamlsafe.read_yaml)": spent["parse"], "tidy frame (targets.frames.build)": spent["frame"],
                     "validate, cross-check, fingerprint, report": times[0] - spent["parse"] - spent["frame"]}
        log(f"c. cold load {i + 1}/{runs}: {times[-1]:.1f} s")
    cached = []  # the last store again: loaded, nothing changed
    for _ in range(max(5, runs)):
        t0 = time.perf_counter()
        store.current()
        cached.append(time.perf_counter() - t0)
    snap = store.current().snapshot
    frame_mib = snap.project.frame.memory_usage(deep=True).sum() / 2**20
    return {"times": times, "split": split, "cached": cached, "rows": len(snap.project.frame), "frame_mib": frame_mib}


def _open(browser, url: str, timeout_ms: int):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    t0 = time.perf_counter()
    try:
        page.goto(url, wait_until="commit")
        page.wait_for_function(DONE, arg=CONTENT, timeout=timeout_ms, polling=250)
        return ctx, time.perf_counter() - t0
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        log(f"{url}: not drawn within {timeout_ms / 1000:.0f} s ({str(exc).splitlines()[0]})")
        return ctx, float("nan")


def server_memory(config: Path, pages: list[str], extra: int, timeout_ms: int) -> dict:
    """RSS of a server on `config`: idle; after one session per page (data loaded, each page's caches warm);
    then after `extra` more sessions on the same pages, all kept open (what one more user costs)."""
    from playwright.sync_api import sync_playwright

    srv = dashboard("national", config)
    points = []
    with running(srv), sync_playwright() as pw:
        browser = launch(pw)
        points.append(("server started, no session", srv.rss(), float("nan")))
        contexts = []
        for page_id in pages:
            ctx, took = _open(browser, srv.base + ("/" if page_id == "overview" else f"/{page_id}"), timeout_ms)
            contexts.append(ctx)
            time.sleep(1)
            points.append((f"first session on /{page_id}", srv.rss(), took))
            log(f"c. national /{page_id}: {took:.1f} s, RSS {points[-1][1]:.0f} MiB")
        warm = srv.rss()
        for i in range(extra):
            page_id = pages[i % len(pages)]
            ctx, took = _open(browser, srv.base + ("/" if page_id == "overview" else f"/{page_id}"), timeout_ms)
            contexts.append(ctx)
            time.sleep(1)
            points.append((f"+ session {i + 1} on /{page_id} (same view as before)", srv.rss(), took))
        for ctx in contexts:
            ctx.close()
        browser.close()
    return {"points": points, "warm": warm, "extra": extra, "per_session": (points[-1][1] - warm) / extra if extra else float("nan")}


# ---- d. concurrency ---------------------------------------------------------------------------------------------------


async def _session(i: int, browser, base: str, page_id: str, think: float, rec: dict) -> None:
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await ctx.new_page()
    errors = rec["errors"]
    known = re.compile(re.escape(base) + r"/[^/?#]+/_stcore/(health|host-config)")

    def on_console(msg):
        if msg.type == "error" and not known.fullmatch((msg.location or {}).get("url", "")):
            errors.append(f"s{i} console: {msg.text[:160]}")

    page.on("console", on_console)
    page.on("pageerror", lambda e: errors.append(f"s{i} uncaught: {str(e)[:160]}"))
    page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:")) else errors.append(f"s{i} external: {r.url}"))
    try:
        try:
            await page.goto(f"{base}/{page_id}", wait_until="commit")
            await page.wait_for_function(DONE, arg=CONTENT, timeout=300_000, polling=100)
        finally:
            rec["ready"] += 1
            if rec["ready"] == rec["n"]:
                rec["all_ready"].set()
        await rec["go"].wait()  # memory is read with every session open, before the loop starts
        k = 0
        while time.monotonic() < rec["deadline"]:
            box = None
            for name in ("年度", "指标"):
                cand = page.get_by_role("combobox", name=name)
                if await cand.count():
                    current = await cand.input_value()
                    await cand.click()
                    await page.get_by_role("option").first.wait_for(timeout=30_000)  # the list renders after the click
                    options = [t.strip() for t in await page.get_by_role("option").all_inner_texts()]
                    choices = [o for o in options if o and o != current]
                    if choices:
                        box = choices[k % len(choices)]
                        break
                    await page.keyboard.press("Escape")
                    await page.get_by_role("option").first.wait_for(state="detached", timeout=30_000)
            if box is None:
                errors.append(f"s{i} /{page_id}: nothing to change")
                return
            t0 = time.perf_counter()
            await page.get_by_role("option", name=box, exact=True).click()
            try:
                await page.wait_for_function(
                    "([label, sel]) => [...document.querySelectorAll('.js-plotly-plot .gtitle')].some(t => t.textContent.includes(label))"
                    f" && ({DONE})(sel)", arg=[box, CONTENT], timeout=120_000, polling="raf")
                rec["latency"].append(time.perf_counter() - t0)
            except Exception as exc:  # noqa: BLE001 - counted as an error
                errors.append(f"s{i} /{page_id}: no updated chart for {box!r} in 120 s ({str(exc).splitlines()[0][:80]})")
            if await page.query_selector('[data-testid="stException"]'):
                errors.append(f"s{i} /{page_id}: exception box on the page")
            k += 1
            await asyncio.sleep(think)
    except Exception as exc:  # noqa: BLE001 - counted as an error
        errors.append(f"s{i} /{page_id}: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
    finally:
        await ctx.close()


async def _concurrency(base: str, srv: Server, n: int, seconds: float, think: float) -> dict:
    from playwright.async_api import async_playwright

    pages = ["sewer", "grain", "pigs"]  # theme pages with more than one period to pick (forest_fire offers one)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        # One session first, then closed: data loaded and every page's code imported before the baseline.
        warm = await browser.new_context()
        wp = await warm.new_page()
        for p in pages:
            await wp.goto(f"{base}/{p}", wait_until="commit")
            await wp.wait_for_function(DONE, arg=CONTENT, timeout=180_000, polling=100)
        await warm.close()
        await asyncio.sleep(3)
        rss_base = srv.rss()
        rec = {"errors": [], "latency": [], "ready": 0, "n": n, "all_ready": asyncio.Event(), "go": asyncio.Event(),
               "deadline": 0.0}
        tasks = [asyncio.create_task(_session(i, browser, base, pages[i % len(pages)], think, rec)) for i in range(n)]
        t0 = time.perf_counter()
        try:
            await asyncio.wait_for(rec["all_ready"].wait(), timeout=900)
        except asyncio.TimeoutError:
            rec["errors"].append(f"only {rec['ready']}/{n} sessions loaded in 900 s")
        all_loaded = time.perf_counter() - t0
        await asyncio.sleep(2)
        rss_loaded = srv.rss()
        cpu0, machine0, t_loop = srv.cpu_seconds(), _machine_busy(), time.monotonic()
        rec["deadline"] = time.monotonic() + seconds
        rec["go"].set()
        await asyncio.gather(*tasks, return_exceptions=True)
        wall = time.monotonic() - t_loop
        server_cpu = (srv.cpu_seconds() - cpu0) / wall
        m1 = _machine_busy()
        machine_cpu = (m1[0] - machine0[0]) / max(1e-9, m1[1] - machine0[1])
        rss_after = srv.rss()
        await browser.close()
    return {"rss_base": rss_base, "rss_loaded": rss_loaded, "rss_after": rss_after, "latency": rec["latency"],
            "errors": rec["errors"], "n": n, "seconds": seconds, "think": think, "all_loaded": all_loaded,
            "server_cpu": server_cpu, "machine_cpu": machine_cpu}


def _machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all CPUs since boot, from /proc/stat."""
    f = [float(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = f[3] + (f[4] if len(f) > 4 else 0)
    return sum(f) - idle, sum(f)


def bench_concurrency(n: int, seconds: float, think: float) -> dict:
    srv = dashboard("concurrency")
    with running(srv):
        return asyncio.run(_concurrency(srv.base, srv, n, seconds, think))


# ---- machine facts and the report ------------------------------------------------------------------------------------


APP_PATHS = ["app.py", "targets", "pages", "scripts", "config.yaml", "i18n.yaml", "data", ".streamlit", "requirements.txt"]


def machine_rev() -> str:
    """The last commit that touched the measured app (not the harness), and whether it has uncommitted edits."""
    try:
        rev = subprocess.run(["git", "log", "-1", "--format=%h", "--", *APP_PATHS], cwd=REPO, capture_output=True,
                             text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", *APP_PATHS], cwd=REPO,
                               capture_output=True, text=True).stdout.strip()
        return f"{rev}{' with uncommitted changes' if dirty else ''}"
    except OSError:
        return "?"


def machine() -> dict:
    import pandas
    import plotly
    import streamlit
    import yaml

    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor() or "?")
    mem = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) / 2**20
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=20).stdout.strip()
    except OSError:
        chromium = "not found"
    return {"rev": machine_rev(), "nproc": os.cpu_count(), "usable": len(os.sched_getaffinity(0)), "cpu": cpu, "mem": f"{mem:.1f} GiB",
            "python": platform.python_version(), "streamlit": streamlit.__version__, "plotly": plotly.__version__,
            "pandas": pandas.__version__, "yaml": f"{yaml.__version__} (libyaml binding {'present' if yaml.__with_libyaml__ else 'absent'})",
            "chromium": chromium, "os": platform.platform()}


def loadavg() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def report(args, facts: dict, res: dict, started: str, load_start: str, wall: float) -> str:
    L = []
    cmd = "`make bench` (i.e. `.venv/bin/python bench/run.py`)" if not sys.argv[1:] else \
        f"`.venv/bin/python bench/run.py {' '.join(sys.argv[1:])}`"
    L += ["# Benchmarks", "",
          f"Generated by {cmd} on {started}, in {wall / 60:.1f} min. Each goal is measured against a "
          "floor or a fixed budget in the same run; the numbers are medians of ≥ 5 runs unless a row says otherwise. "
          "Regenerate with `make bench`; nothing here is asserted by the tests.", "",
          "## Machine", "",
          "| | |", "|---|---|",
          f"| CPUs (`nproc`) | {facts['usable']} usable of {facts['nproc']} — {facts['cpu']} |",
          f"| memory | {facts['mem']} |", f"| OS | {facts['os']} |",
          f"| app code (app.py, targets/, pages/, data, config) | git {facts['rev']}"
          + ("" if machine_rev() == facts["rev"] else f" at the start, {machine_rev()} at the end") + " |",
          f"| Python | {facts['python']} |", f"| Streamlit | {facts['streamlit']} |", f"| Plotly | {facts['plotly']} |",
          f"| pandas | {facts['pandas']} |", f"| PyYAML | {facts['yaml']} |", f"| browser | {facts['chromium']}, headless |",
          f"| load average (1/5/15 min) | {load_start} at the start, {loadavg()} at the end |", "",
          "The machine is shared (other work runs on it); the floor and our pages are measured interleaved, so load "
          "changes hit both, but absolute numbers carry that noise.", ""]

    summary = []
    if "a" in res:
        a = res["a"]
        floor = median(a["floor: one bar chart"]["firstChart"])
        L += ["## a. Time to first chart (headless Chromium, warm server)", "",
              f"Fresh browser context per load (no cache), server warmed by {args.warmups} loads per page, "
              f"{args.runs} interleaved runs. Times are from navigation start (`performance.now()` stamped in the page).", "",
              "| page | first chart | × floor | all charts drawn, run over | × floor | map complete (13 counties) | "
              "received over the websocket | browser main thread busy (of which JS) |",
              "|---|---|---|---|---|---|---|---|"]
        floor_done = median(a["floor: one bar chart"]["done"])
        for name, m in a.items():
            fc, dn, mp = median(m["firstChart"]), median(m["done"]), median(m["map"])
            L.append(f"| {name} | {ms(fc)} (p90 {ms(pct(m['firstChart'], 90))}) | {fc / floor:.2f}× | {ms(dn)} | "
                     f"{dn / floor_done:.2f}× | {ms(mp) if m['map'] else '—'} | {median(m['ws_kib']):,.0f} KiB | "
                     f"{ms(median(m['task_ms']))} ({ms(median(m['script_ms']))}) |")
            if not name.startswith("floor"):
                summary.append((f"a. first chart, {name}", "≤ 1.2× floor", f"{fc / floor:.2f}× ({ms(fc)} vs {ms(floor)})",
                                verdict(fc / floor, 1.2)))
        server = res.get("a_server", {})
        fl = a["floor: one bar chart"]
        lines = []
        for name, m in a.items():
            if name.startswith("floor"):
                continue
            extra = median(m["firstChart"]) - median(fl["firstChart"])
            busy = median(m["task_ms"]) - median(fl["task_ms"])
            srv = median(server.get(name, [])) * 1000 if server.get(name) else float("nan")
            lines.append(f"{name}: {ms(extra)} later than the floor; the browser's main thread was busy {ms(busy)} longer "
                         f"(parsing and drawing the figures), and the server's first run of a new session on this page "
                         f"takes {ms(srv)} (AppTest, median of {args.runs}) against the floor's few ms")
        if lines:
            L += ["", "Where the extra time goes: " + "; ".join(lines) + ". Most of the floor's own time is the browser "
                  "loading Streamlit's frontend (the main thread is busy for most of it): the gap is what our pages add on top."]
        L.append("")

    def rerun_table(rr: dict, goal_ms: float, floor_ms: float | None) -> list[str]:
        rows = ["| page | median rerun | p90 | runs | × floor | goal | where a rerun's time goes (share of profiled run) |",
                "|---|---|---|---|---|---|---|"]
        for page_id, r in rr.items():
            if "error" in r:
                rows.append(f"| {page_id} | {r['error'][:90]} | | | | **missed** | |")
                continue
            med = median(r["times"]) * 1000
            shares = sorted(((v, k) for k, v in r["shares"].items() if v >= 0.03), reverse=True)
            where = "; ".join(f"{k} {v:.0%}" for v, k in shares[:4]) or "—"
            rel = f"{med / floor_ms:.1f}×" if floor_ms else "—"
            rows.append(f"| {page_id} | {ms(med)} | {ms(pct(r['times'], 90) * 1000)} | {len(r['times'])} | {rel} | "
                        f"{'met' if med <= goal_ms else f'missed ({med / goal_ms:.1f}×)'} | {where} |")
        return rows

    if "b" in res:
        b = res["b"]
        floor_ms = median(b.pop("floor", {}).get("times", [])) * 1000
        L += ["## b. Server-side rerun per page (AppTest, gazette data)", "",
              f"`AppTest.from_file('app.py')`, entry run, `switch_page`, then {args.runs} timed `run()`s of the same "
              f"session (a widget interaction costs the same rerun). Floor: bench/floor_app.py in AppTest, {ms(floor_ms)}. "
              "Goal: median ≤ 50 ms. The shares come from cProfile over 3 further runs (script thread only).", ""]
        L += rerun_table(b, 50, floor_ms)
        worst = max((median(r["times"]) * 1000 for r in b.values() if "times" in r), default=float("nan"))
        over = [p for p, r in b.items() if "times" in r and median(r["times"]) * 1000 > 50]
        summary.append(("b. rerun per page (gazette)", "median ≤ 50 ms",
                        f"{len(b) - len(over)}/{len(b)} pages within; worst {ms(worst)}", verdict(worst, 50)))
        L.append("")

    if "c" in res:
        c = res["c"]
        cold = median(c["cold"]["times"])
        cached = median(c["cold"]["cached"]) * 1000
        facts_c = c["facts"]
        L += ["## c. National scale", "",
              f"`bench/gen_national.py`: {facts_c['counties']:,} counties × {facts_c['years']} years × {facts_c['indicators']} "
              f"indicators = {facts_c['county_rows']:,} county rows ({c['cold']['rows']:,} frame rows with the shipped "
              f"figures), {sum(facts_c['bytes'].values()) / 2**20:.1f} MiB of YAML in {len(facts_c['bytes'])} files "
              f"(largest {max(facts_c['bytes'].values()) / 2**10:,.0f} KiB; the loader's limit is 2 MiB per file). "
              f"The tidy frame takes {c['cold']['frame_mib']:.0f} MiB.", "",
              "| step | median | runs | goal |", "|---|---|---|---|",
              f"| cold load + validate + consistency report (a fresh `Store.current()`) | {secs(cold)} | "
              f"{len(c['cold']['times'])} | ≤ 10 s: {verdict(cold, 10)} |"]
        for k, v in c["cold"]["split"].items():
            L.append(f"| — of which {k} (first run) | {secs(v)} ({v / c['cold']['times'][0]:.0%}) | 1 | |")
        L.append(f"| cached: `Store.current()` once loaded (every page run pays it) | {ms(cached)} | "
                 f"{len(c['cold']['cached'])} | cached after: {'met' if cached < 50 else f'**missed** ({ms(cached)} per run)'} |")
        L.append("")
        summary.append(("c. cold load + validate (national)", "≤ 10 s", secs(cold), verdict(cold, 10)))
        summary.append(("c. cached check per run (national)", "cached after cold load", ms(cached),
                        "met" if cached < 50 else "**missed**"))
        if c.get("rerun"):
            L += [f"Rerun per page at national scale (AppTest, up to {args.national_runs} runs, fewer when they exceed 90 s "
                  f"in total; the first AppTest run loaded the data again through the app's own cache: "
                  f"{secs(c['rerun_first'])}). Goal ≤ 300 ms:", ""]
            L += rerun_table(c["rerun"], 300, None)
            worst = max((median(r["times"]) * 1000 if "times" in r else float("inf") for r in c["rerun"].values()),
                        default=float("nan"))
            over = [p for p, r in c["rerun"].items() if "times" not in r or median(r["times"]) * 1000 > 300]
            summary.append(("c. rerun per page (national)", "≤ 300 ms",
                            f"{len(c['rerun']) - len(over)}/{len(c['rerun'])} pages within; worst {ms(worst)}",
                            verdict(worst, 300)))
            L.append("")
        if c.get("memory"):
            m = c["memory"]
            pts = m["points"]
            L += ["Server memory on the national config (RSS of the `scripts/serve.py` process; every session stays open):", "",
                  "| after | RSS | page drawn in |", "|---|---|---|"]
            L += [f"| {what} | {mib(r)} | {secs(t) if t == t else '—'} |" for what, r, t in pts]
            per = m["per_session"]
            L += ["", f"Loading the data and warming each page's caches took the server from {mib(pts[0][1])} to "
                  f"{mib(m['warm'])} (a {c['cold']['frame_mib']:.0f} MiB frame, the figures cached per view, and what the "
                  f"allocator keeps from parsing). {m['extra']} more sessions on the same pages then added "
                  f"{mib(per)} each: the snapshot is held once per process (targets/state.py via `st.cache_resource`), "
                  f"and a session holds only its own state."]
            summary.append(("c. frame held once per process", "no per-session copy",
                            f"+{mib(per)} per extra session vs a {c['cold']['frame_mib']:.0f} MiB frame",
                            "met" if per < c["cold"]["frame_mib"] / 4 else "**missed**"))
            L.append("")

    if "d" in res:
        d = res["d"]
        lat = d["latency"]
        per = (d["rss_loaded"] - d["rss_base"]) / d["n"]
        L += [f"## d. Concurrency: {d['n']} sessions changing filters", "",
              f"{d['n']} browser contexts in one headless Chromium on this machine (browser and server share its CPUs), "
              f"on the theme pages (sewer, grain, pigs in turn), each changing the period (or indicator) "
              f"select, waiting for the chart titled with the new choice, then {d['think']:.0f} s of think time, for "
              f"{d['seconds']:.0f} s.", "",
              "| | |", "|---|---|",
              f"| all {d['n']} sessions opened at once: last one drawn after | {secs(d['all_loaded'])} |",
              f"| interactions completed | {len(lat)} |",
              f"| errors (console, uncaught, external requests, timeouts, exception boxes) | {len(d['errors'])} |",
              f"| time to updated chart, p50 / p95 / max | {secs(median(lat))} / {secs(pct(lat, 95))} / "
              f"{secs(max(lat) if lat else float('nan'))} |",
              f"| server RSS: warm, no session → {d['n']} sessions open → after the loop | {mib(d['rss_base'])} → "
              f"{mib(d['rss_loaded'])} → {mib(d['rss_after'])} |",
              f"| RSS per extra session | {mib(per)} (goal ≤ 5 MiB: {verdict(per, 5)}) |",
              f"| CPU during the loop: server process / whole machine ({os.cpu_count()} CPUs) | "
              f"{d['server_cpu']:.0%} of one CPU / {d['machine_cpu']:.0%} busy |", ""]
        if d["errors"]:
            L += ["Errors (first 10):", ""] + [f"- `{e}`" for e in d["errors"][:10]] + [""]
        summary.append((f"d. {d['n']} sessions, errors", "0", str(len(d["errors"])), "met" if not d["errors"] else "**missed**"))
        summary.append(("d. time to updated chart", "(reported)", f"p50 {secs(median(lat))}, p95 {secs(pct(lat, 95))}", "—"))
        summary.append(("d. RSS per extra session", "≤ 5 MiB", mib(per), verdict(per, 5)))

    head = ["## Summary", "", "| goal | target | measured | verdict |", "|---|---|---|---|"]
    head += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in summary] + [""]
    cut = L.index("## Machine")
    L[cut:cut] = head
    L += ["## Reading the numbers", "", *notes(res), ""]
    return "\n".join(L)


def notes(res: dict) -> list[str]:
    """What dominates, from this run's profiles (not hand-written claims)."""
    out = []
    if "b" in res:
        totals: dict[str, float] = {}
        n = 0
        for r in res["b"].values():
            if "shares" in r:
                n += 1
                for k, v in r["shares"].items():
                    totals[k] = totals.get(k, 0) + v
        if n:
            ranked = sorted(((v / n, k) for k, v in totals.items()), reverse=True)
            out.append("- Gazette reruns, averaged over pages, go to: " + "; ".join(f"{k} {v:.0%}" for v, k in ranked[:5])
                       + ". The rest is Streamlit's own element and widget handling and the page scripts.")
    if "c" in res:
        c = res["c"]
        sp = c["cold"]["split"]
        if sp:
            big = max(sp, key=sp.get)
            out.append(f"- National cold load: the largest part is {big} ({sp[big] / c['cold']['times'][0]:.0%} of the first run).")
        cached = median(c["cold"]["cached"]) * 1000
        if cached >= 50:
            out.append(f"- `Store.current()` costs {ms(cached)} per page run at national scale although nothing changed: "
                       "its change check (`targets/load.py: data_paths`) parses config.yaml with `yaml.safe_load` on every "
                       "call, so every rerun pays a parse of the config.")
    if "d" in res:
        d = res["d"]
        if d["latency"]:
            out.append(f"- Concurrency: during the loop the machine's CPUs were {d['machine_cpu']:.0%} busy and the server "
                       f"process used {d['server_cpu']:.0%} of one CPU (its reruns share one interpreter under the GIL); "
                       f"the rest is {d['n']} Chromium renderers drawing charts on the same {os.cpu_count()} CPUs. The time "
                       "to an updated chart is mostly waiting for a CPU: on a server with its own cores and users on their "
                       "own machines it would be the rerun time of section b plus the browser's redraw.")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description="Benchmarks; writes docs/benchmarks.md")
    ap.add_argument("--only", default="a,b,c,d", help="sections to run, e.g. a,b")
    ap.add_argument("--runs", type=int, default=7, help="runs per measurement (≥5)")
    ap.add_argument("--warmups", type=int, default=2)
    ap.add_argument("--national-runs", type=int, default=5, help="cold loads and reruns at national scale")
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--think", type=float, default=1.0, help="pause between a session's interactions (s)")
    ap.add_argument("--quick", action="store_true", help="smoke run: 5 runs, 1 national cold load, 15 s concurrency")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if args.quick:
        args.runs, args.warmups, args.national_runs, args.seconds = 5, 1, 1, 15
    only = set(args.only.split(","))
    started = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    load_start = loadavg()
    t_start = time.perf_counter()
    facts = machine()
    log(f"machine: {facts['usable']} CPUs, Python {facts['python']}, Streamlit {facts['streamlit']}; load {load_start}")
    res: dict = {}
    if "a" in only:
        log("a. time to first chart")
        res["a"] = bench_ttfc(args.runs, args.warmups)
        res["a_server"] = new_session_runs(args.runs)
    if "b" in only:
        log("b. reruns (gazette)")
        pages = app_pages()
        res["b"] = {"floor": rerun_times([("floor", "")], args.runs)["floor"], **rerun_times(pages, args.runs)}
    if "c" in only:
        from gen_national import generate

        tmp = Path(tempfile.mkdtemp(prefix="targets-national-"))
        try:
            log(f"c. generating the national project in {tmp}")
            c = {"facts": generate(tmp)}
            c["cold"] = cold_loads(tmp / "config.yaml", args.national_runs)
            log("c. reruns (national)")
            t0 = time.perf_counter()
            pages = app_pages()
            # The unfiltered data page is by far the slowest at this scale: last, so a run that outlives
            # AppTest's timeout cannot slow the pages measured after it.
            pages = [p for p in pages if p[0] != "data"] + [p for p in pages if p[0] == "data"]
            c["rerun"] = rerun_times(pages, args.national_runs, config=tmp / "config.yaml", profile_runs=1,
                                     timeout=300, budget_s=90, warm_runs=0)
            c["rerun_first"] = next((r["first"] for r in c["rerun"].values() if "first" in r), float("nan"))
            log("c. server memory (national)")
            c["memory"] = server_memory(tmp / "config.yaml", ["overview", "sewer", "compare", "profile"], extra=8,
                                        timeout_ms=600_000)
            res["c"] = c
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if "d" in only:
        log(f"d. concurrency: {args.sessions} sessions × {args.seconds:.0f} s")
        res["d"] = bench_concurrency(args.sessions, args.seconds, args.think)
    text = report(args, facts, res, started, load_start, time.perf_counter() - t_start)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
