"""Headless Chromium against served pages: time to first chart vs the floor, and server memory per session."""

from __future__ import annotations

import os
import time
from pathlib import Path

from common import APP, CHROMIUM, CHROMIUM_ARGS, FLOOR, NAN, log
from servers import dashboard, floor_server, running

from tests.drawn import DRAWN  # one definition of "drawn" for bench and tests (common puts the repo on sys.path)

# Installed before any page script: the first chart's SVG and a complete map are stamped with performance.now()
# (milliseconds since navigation start). The map counts county shapes that have a path drawn.
STAMP = """
window.__t = {};
const __need = %d;
const __mark = () => {
  const t = window.__t;
  if (!t.firstChart && document.querySelector('.js-plotly-plot .main-svg')) t.firstChart = performance.now();
  if (!t.map) {
    let n = 0;
    for (const p of document.querySelectorAll('path.choroplethlocation')) if ((p.getAttribute('d') || '').length) n++;
    if (n >= __need) t.map = performance.now();
  }
};
new MutationObserver(__mark).observe(document, {childList: true, subtree: true, attributes: true, attributeFilter: ['d']});
"""

# The page is drawn (tests/drawn.py: the browser tests' own check); stamps `done` the first time it is true.
DONE = """(sel) => {
  if (!(""" + DRAWN + """)(sel)) return false;
  window.__t = window.__t || {};
  window.__t.done = window.__t.done || performance.now();
  return true;
}"""
CONTENT = '.js-plotly-plot .main-svg, [data-testid="stDataFrame"]'
FLOOR_NAME = "floor: one bar chart"
# The renderer's main-thread time by kind (Chrome DevTools Protocol Performance.getMetrics, seconds).
CDP_TIMES = {"task_ms": "TaskDuration", "script_ms": "ScriptDuration", "layout_ms": "LayoutDuration",
             "style_ms": "RecalcStyleDuration"}


def launch(pw):
    return pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def load_once(browser, url: str, *, n_map: int, timeout_ms: int = 120_000, want_map: bool = False) -> dict:
    """One page load in a fresh context: ms since navigation start to first chart, map, and all drawn."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    received = [0]
    try:
        ctx.add_init_script(STAMP % n_map)
        page = ctx.new_page()
        page.on("websocket", lambda ws: ws.on("framereceived", lambda f: received.__setitem__(0, received[0] + len(f))))
        cdp = ctx.new_cdp_session(page)
        cdp.send("Performance.enable")  # the renderer's main-thread time, to split browser work from waiting
        page.goto(url, wait_until="commit")
        page.wait_for_function(DONE, arg=CONTENT, timeout=timeout_ms, polling="raf")
        if want_map:
            page.wait_for_function("() => window.__t.map", timeout=timeout_ms, polling="raf")
        perf = {x["name"]: x["value"] for x in cdp.send("Performance.getMetrics")["metrics"]}
        charts = page.evaluate("() => document.querySelectorAll('.js-plotly-plot').length")
        return {**page.evaluate("() => window.__t"), "ws_kib": received[0] / 1024, "charts": charts,
                **{k: perf.get(m, NAN) * 1000 for k, m in CDP_TIMES.items()}}
    finally:
        ctx.close()


def profile_once(browser, url: str, *, n_map: int, timeout_ms: int = 120_000) -> dict[str, float]:
    """One load in a fresh context under Chrome's sampling profiler, stopped at the first chart: ms of the main
    thread's own time per script file (chunks of Streamlit's frontend by name; '(native)' is parse, compile,
    style and layout; idle left out)."""
    import collections

    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        ctx.add_init_script(STAMP % n_map)
        page = ctx.new_page()
        cdp = ctx.new_cdp_session(page)
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 200})
        cdp.send("Profiler.start")
        page.goto(url, wait_until="commit")
        page.wait_for_function("() => window.__t && window.__t.firstChart", timeout=timeout_ms, polling="raf")
        prof = cdp.send("Profiler.stop")["profile"]
    finally:
        ctx.close()
    frames = {n["id"]: n["callFrame"] for n in prof["nodes"]}
    out: collections.Counter = collections.Counter()
    for node, dt_us in zip(prof["samples"], prof["timeDeltas"]):
        f = frames[node]
        if f["functionName"] == "(idle)":
            continue
        name = f["url"].rsplit("/", 1)[-1].split(".")[0] if f["url"] else "(native)"
        out[name] += dt_us / 1000
    return dict(out)


def first_chart(runs: int, warmups: int, map_page: str, n_map: int, profiles: int = 3) -> dict:
    """Overview and `map_page` on a warm dashboard server vs the floor app on its own server, interleaved."""
    from playwright.sync_api import sync_playwright

    ours, floor = dashboard("first-chart"), floor_server()
    targets = [(FLOOR_NAME, floor, "/", False), ("overview", ours, "/", True), (f"{map_page} (map)", ours, f"/{map_page}", True)]
    samples: dict[str, list[dict]] = {name: [] for name, *_ in targets}
    with running(ours, floor), sync_playwright() as pw:
        browser = launch(pw)
        for name, srv, path, want_map in targets:  # overview before the theme page: app.py has run once on the server
            for _ in range(warmups):
                load_once(browser, srv.base + path, n_map=n_map, want_map=want_map)
        for i in range(runs):  # interleaved, so a change in machine load hits every target alike
            for name, srv, path, want_map in targets:
                samples[name].append(load_once(browser, srv.base + path, n_map=n_map, want_map=want_map))
            log(f"  run {i + 1}/{runs}: " + ", ".join(f"{n} {samples[n][-1]['firstChart']:.0f} ms" for n in samples))
        profiled: dict[str, list[dict]] = {name: [] for name, *_ in targets}
        for _ in range(profiles):  # apart from the timed loads: the profiler slows the page
            for name, srv, path, _want in targets:
                profiled[name].append(profile_once(browser, srv.base + path, n_map=n_map))
        browser.close()
    out = {name: {k: [x[k] for x in xs if k in x] for k in ("firstChart", "map", "done", "ws_kib", "charts", *CDP_TIMES)}
           for name, xs in samples.items()}
    for name, ps in profiled.items():
        files = sorted({f for p in ps for f in p})
        out[name]["profile"] = {f: [p.get(f, 0.0) for p in ps] for f in files}
    return out


def new_session_runs(runs: int, page_ids: list[str]) -> dict:
    """Server time of a new session's first run (app.py + the page) per page, AppTest; the floor for reference."""
    from streamlit.testing.v1 import AppTest
    from streamlit.testing.v1.app_test import calc_hash

    from reruns import _share_script_cache

    _share_script_cache()
    os.environ.pop("TARGETS_CONFIG", None)
    out: dict[str, list[float]] = {"floor": []}
    for _ in range(runs + 1):  # the first round warms the process (imports, caches shared by sessions)
        for name in ["floor", *page_ids]:
            at = AppTest.from_file(str(FLOOR if name == "floor" else APP), default_timeout=120)
            if name != "floor":
                at._page_hash = calc_hash(name)  # a session opened on this page's URL
            t0 = time.perf_counter()
            at.run()
            out.setdefault(name, []).append(time.perf_counter() - t0)
    return {k: v[1:] for k, v in out.items()}


# ---- memory -------------------------------------------------------------------------------------------------------


def _open(browser, url: str, timeout_ms: int):
    """A new session on `url`, kept open: (its context, seconds until drawn, KiB received over its websocket)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = ctx.new_page()
    received = [0]
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: received.__setitem__(0, received[0] + len(f))))
    t0 = time.perf_counter()
    try:
        page.goto(url, wait_until="commit")
        page.wait_for_function(DONE, arg=CONTENT, timeout=timeout_ms, polling=250)
        return ctx, time.perf_counter() - t0, received[0] / 1024
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        log(f"{url}: not drawn within {timeout_ms / 1000:.0f} s ({str(exc).splitlines()[0]})")
        return ctx, NAN, received[0] / 1024


def server_memory(config: Path, pages: list[str], extra: int, timeout_ms: int) -> dict:
    """RSS of a server on `config`: idle; after one session per page (data loaded, each page's caches warm);
    then after `extra` more sessions on the same pages, all kept open (what one more user costs)."""
    from playwright.sync_api import sync_playwright

    srv = dashboard("memory", config)
    points = []
    with running(srv), sync_playwright() as pw:
        browser = launch(pw)
        points.append(("server started, no session", srv.rss(), NAN, NAN))
        contexts = []
        for page_id in pages:
            ctx, took, kib = _open(browser, srv.base + ("/" if page_id == "overview" else f"/{page_id}"), timeout_ms)
            contexts.append(ctx)
            time.sleep(1)
            points.append((f"first session on /{page_id}", srv.rss(), took, kib))
            log(f"  /{page_id}: drawn in {took:.1f} s, {kib:,.0f} KiB received, RSS {points[-1][1]:.0f} MiB")
        warm = srv.rss()
        for i in range(extra):
            page_id = pages[i % len(pages)]
            ctx, took, kib = _open(browser, srv.base + ("/" if page_id == "overview" else f"/{page_id}"), timeout_ms)
            contexts.append(ctx)
            time.sleep(1)
            points.append((f"+ session {i + 1} on /{page_id} (same view as before)", srv.rss(), took, kib))
        for ctx in contexts:
            ctx.close()
        browser.close()
    return {"points": points, "warm": warm, "extra": extra,
            "per_session": (points[-1][1] - warm) / extra if extra else NAN}

