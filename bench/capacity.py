"""Capacity of one replica: N sessions clicking at once, p50/p95 click-to-chart; the sessions per replica where p95 ≤ 1 s.

    .venv/bin/python bench/capacity.py                              # levels 4,8,12,16,24,32; 40 s each
    .venv/bin/python bench/capacity.py --levels 4,8 --seconds 15    # a smoke run

One replica of the dashboard behind HAProxy (deploy/run_replicas.py, as in production), pinned to
CPU 0 with taskset; everything else (the sessions, Chromium, HAProxy, this script) runs on the
other CPU(s). At each level, N sessions open a theme page (粮食, 雨污分流, 生猪 in turn) and each,
on its own, changes the period every `--think` seconds (uniformly 0.5×–1.5×), like officials
exploring during a meeting:

* N − 1 of them speak Streamlit's own websocket protocol (what a browser sends for that click: a
  rerun with the widget's new value; what comes back: every delta of the run, read whole). A real
  browser per session would need a CPU of its own to draw (each official has one); here 20 of them
  on one shared core would measure the browsers, not the replica.
  Their time: click → the run's last message received ("click → server done").
* 1 is a real Chromium session (the probe): click → its charts show the new period and the run is
  over, drawing included ("click → chart", what an official waits for).

The capacity is the largest N whose click → server done p95 stays ≤ 1 s with no error: what a replica
can promise, whatever the officials' own PCs add by drawing (the probe shows how much that is here).
The climb stops after a level whose p95 is over 2 s. Prints a markdown table for docs/deploy.md and
writes artifacts/capacity.json. Nothing here is a test; the load average of the (shared) machine is
printed with the table, and `--dedicated` keeps other work on it from standing in line with the replica.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "deploy"))
import run_replicas  # noqa: E402

sys.path.insert(0, str(REPO))
from tests.drawn import DRAWN, SOME_CHART  # noqa: E402 - one definition of "drawn" for bench and tests

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

CHROMIUM = os.environ.get("TARGETS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
PAGES = ["grain", "sewer", "pigs"]  # theme pages offering more than one choice to click
WIDGETS = ("年度", "指标")  # the period select, else the indicator select
OUT = REPO / "artifacts" / "capacity.json"
GOAL = 1.0  # seconds

# Drawn as the browser tests mean it (tests/drawn.py), with at least one chart on the page.
DONE = f"() => ({DRAWN})({SOME_CHART!r})"
SHOWS = ("([label]) => [...document.querySelectorAll('.js-plotly-plot .gtitle')].some(t => t.textContent.includes(label))"
         f" && ({DONE})()")


def pct(xs: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, -(-q * len(xs) // 100) - 1))]


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def sched(pid: int) -> tuple[float, float]:
    """(seconds on a CPU, seconds runnable but waiting for one) summed over the process's threads (schedstat)."""
    run = wait = 0.0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            on, queued, _ = (int(x) for x in (task / "schedstat").read_text().split())
        except (OSError, ValueError):
            continue
        run, wait = run + on / 1e9, wait + queued / 1e9
    return run, wait


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ---- a session over Streamlit's websocket protocol -----------------------------------------------------------------


class ProtocolSession:
    """One dashboard session driven the way the browser drives it: rerun requests in, forward messages out."""

    def __init__(self, ws_url: str, page: str) -> None:
        self.ws_url, self.page = ws_url, page
        self.ws = None
        self.page_hash = ""
        self.query = ""
        self.widget: tuple[str, list[str], str] | None = None  # (id, options, current value)

    async def open(self) -> None:
        import websockets

        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                           open_timeout=60, ping_interval=None)
        await self.run(page_name=self.page)

    async def run(self, *, page_name: str = "", widget: tuple[str, str] | None = None) -> bytes:
        """Request a run (a click when `widget` = (id, value)); return once it is over, with its payload."""
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.page_script_hash = self.page_hash
        cs.page_name = page_name
        if widget is not None:
            w = cs.widget_states.widgets.add()
            w.id, w.string_value = widget
        await self.ws.send(msg.SerializeToString())
        seen = []
        self.first = None
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=120)
            if not isinstance(raw, bytes):
                continue
            if self.first is None:  # the run has started on the replica: before this, the click waited
                self.first = time.perf_counter()
            seen.append(raw)
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            kind = fm.WhichOneof("type")
            if kind == "navigation":  # the page st.navigation resolved (new_session's hash is the entry script's)
                self.page_hash = fm.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = fm.page_info_changed.query_string
            elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                if el.WhichOneof("type") == "selectbox" and el.selectbox.label in WIDGETS and len(el.selectbox.options) > 1:
                    sb = el.selectbox
                    if self.widget is None or WIDGETS.index(sb.label) <= WIDGETS.index(self._label):
                        current = sb.raw_value if sb.HasField("raw_value") else sb.options[sb.default[0]] if sb.default else sb.options[0]
                        self.widget, self._label = (sb.id, list(sb.options), current), sb.label
            elif kind == "script_finished":
                if fm.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                return b"".join(seen)

    async def click(self, k: int) -> tuple[str, bytes]:
        wid, options, current = self.widget
        choices = [o for o in options if o != current]
        label = choices[k % len(choices)]
        payload = await self.run(widget=(wid, label))
        self.widget = (wid, options, label)
        return label, payload

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


def shows(payload: bytes, label: str) -> bool:
    """Whether a run's messages carry `label` (as UTF-8, or escaped as in Plotly's JSON)."""
    return label.encode() in payload or json.dumps(label)[1:-1].encode() in payload


async def protocol_user(i: int, base: str, rec: dict) -> None:
    page = PAGES[i % len(PAGES)]
    ws_url = base.replace("http://", "ws://") + "/_stcore/stream"
    s = ProtocolSession(ws_url, page)
    try:
        await s.open()
        if s.widget is None:
            rec["errors"].append(f"p{i} /{page}: no period or indicator select found")
            return
        rec["ready"] += 1
        await rec["go"].wait()
        await asyncio.sleep(random.uniform(0, rec["think"]))
        k = 0
        while time.monotonic() < rec["deadline"]:
            t0 = time.perf_counter()
            label, payload = await s.click(k)
            rec["server"].append(time.perf_counter() - t0)
            rec["waited"].append(s.first - t0)
            if not shows(payload, label):  # the run's charts carry the chosen period or indicator
                rec["errors"].append(f"p{i} /{page}: the run after choosing {label!r} does not show it")
            k += 1
            await asyncio.sleep(rec["think"] * random.uniform(0.5, 1.5))
    except Exception as exc:  # noqa: BLE001 - counted as an error
        rec["errors"].append(f"p{i} /{page}: {type(exc).__name__}: {str(exc)[:160]}")
    finally:
        await s.close()


# ---- the browser probe ------------------------------------------------------------------------------------------


async def pick(page, k: int) -> str | None:
    """Open the period (else indicator) list and return another option to click, or None."""
    for name in WIDGETS:
        box = page.get_by_role("combobox", name=name)
        if not await box.count():
            continue
        current = await box.input_value()
        await box.click()
        await page.get_by_role("option").first.wait_for(timeout=30_000)
        options = [t.strip() for t in await page.get_by_role("option").all_inner_texts()]
        choices = [o for o in options if o and o != current]
        if choices:
            return choices[k % len(choices)]
        await page.keyboard.press("Escape")
        await page.get_by_role("option").first.wait_for(state="detached", timeout=30_000)
    return None


async def browser_probe(browser, base: str, rec: dict) -> None:
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await ctx.new_page()
    try:
        await page.goto(f"{base}/sewer", wait_until="commit")
        await page.wait_for_function(DONE, timeout=300_000, polling=100)
        rec["ready"] += 1
        await rec["go"].wait()
        k = 0
        while time.monotonic() < rec["deadline"]:
            label = await pick(page, k)
            if label is None:
                rec["errors"].append("browser: nothing to change")
                return
            t0 = time.perf_counter()
            await page.get_by_role("option", name=label, exact=True).click()
            try:
                await page.wait_for_function(SHOWS, arg=[label], timeout=60_000, polling="raf")
                rec["chart"].append(time.perf_counter() - t0)
            except Exception as exc:  # noqa: BLE001 - counted as an error
                rec["errors"].append(f"browser: no updated chart for {label!r} in 60 s ({str(exc).splitlines()[0][:80]})")
            k += 1
            await asyncio.sleep(rec["probe_think"] * random.uniform(0.5, 1.5))
    except Exception as exc:  # noqa: BLE001 - counted as an error
        rec["errors"].append(f"browser: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
    finally:
        await ctx.close()


# ---- levels ---------------------------------------------------------------------------------------------------


async def level(browser, rs, n: int, seconds: float, think: float, probe_think: float) -> dict:
    rec = {"ready": 0, "go": asyncio.Event(), "deadline": 0.0, "think": think, "probe_think": probe_think,
           "chart": [], "server": [], "waited": [], "errors": []}
    tasks = [asyncio.create_task(browser_probe(browser, rs.base, rec))]
    tasks += [asyncio.create_task(protocol_user(i, rs.base, rec)) for i in range(n - 1)]
    t0 = time.monotonic()
    while rec["ready"] + len(rec["errors"]) < n and time.monotonic() - t0 < 600:
        await asyncio.sleep(0.2)
    pid = rs.members[0].proc.pid
    cpu0, wall0, sched0 = cpu_seconds(pid), time.monotonic(), sched(pid)
    rec["deadline"] = time.monotonic() + seconds
    rec["go"].set()
    await asyncio.gather(*tasks, return_exceptions=True)
    wall = time.monotonic() - wall0
    cpu = cpu_seconds(pid) - cpu0
    sched1 = sched(pid)
    clicks = len(rec["server"]) + len(rec["chart"])
    return {"sessions": n, "clicks": clicks, "server_p50": median(rec["server"]), "server_p95": pct(rec["server"], 95),
            "waited_p50": median(rec["waited"]), "waited_p95": pct(rec["waited"], 95),
            "chart_n": len(rec["chart"]), "chart_p50": median(rec["chart"]), "chart_p95": pct(rec["chart"], 95),
            "replica_cpu": cpu / wall, "cpu_per_click_ms": 1000 * cpu / clicks if clicks else float("nan"),
            # Time the replica's threads were ready to run but another process had the CPU: the machine's share.
            "cpu_wait_per_click_ms": 1000 * (sched1[1] - sched0[1]) / clicks if clicks else float("nan"),
            "errors": rec["errors"], "opened_in": wall0 - t0}


async def measure(levels: list[int], seconds: float, think: float, probe_think: float, replica_cpu: str,
                  dedicated: bool) -> list[dict]:
    from playwright.async_api import async_playwright

    # --dedicated: the replica gets its CPU whenever it wants it (real-time FIFO priority), as on a server of
    # its own; the kernel still keeps 5% of the CPU for everything else (sched_rt_runtime_us).
    rs = run_replicas.ReplicaSet(replicas=1, cpus=[replica_cpu], launcher=["chrt", "-f", "10"] if dedicated else [],
                                 run_dir=REPO / "artifacts" / "capacity-run")
    rs.start()
    results = []
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            warm = await browser.new_context()  # imports, data and figure caches ready before the first level
            wp = await warm.new_page()
            for p in PAGES:
                await wp.goto(f"{rs.base}/{p}", wait_until="commit")
                await wp.wait_for_function(DONE, timeout=300_000, polling=100)
            await warm.close()
            for n in levels:
                r = await level(browser, rs, n, seconds, think, probe_think)
                results.append(r)
                print(f"{n:>3} sessions: {r['clicks']} clicks; click→server done p50 {r['server_p50']:.2f} s "
                      f"p95 {r['server_p95']:.2f} s; browser click→chart p50 {r['chart_p50']:.2f} s p95 {r['chart_p95']:.2f} s "
                      f"({r['chart_n']}); until the run's first message p50 {r['waited_p50']:.2f} s p95 {r['waited_p95']:.2f} s; "
                      f"replica CPU {r['replica_cpu']:.0%}, {r['cpu_per_click_ms']:.0f} ms/click, waited for the CPU "
                      f"{r['cpu_wait_per_click_ms']:.0f} ms/click; "
                      f"errors {len(r['errors'])}", file=sys.stderr, flush=True)
                if r["server_p95"] > 2 * GOAL:
                    break
            await browser.close()
    finally:
        rs.stop()
    return results


def within(r: dict) -> bool:
    return r["server_p95"] <= GOAL and not [e for e in r["errors"] if not e.startswith("browser")]


def table(rows: list[dict], args, load_start: str, load_end: str) -> str:
    ok = [r["sessions"] for r in rows if within(r)]
    lines = ["| sessions on one replica | clicks | click → server done p50 | p95 | click → chart in Chromium p50 | p95 | "
             "replica CPU busy | CPU per click | errors |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['sessions']} | {r['clicks']} | {r['server_p50']:.2f} s | {r['server_p95']:.2f} s | "
                     f"{r['chart_p50']:.2f} s | {r['chart_p95']:.2f} s | {r['replica_cpu']:.0%} | "
                     f"{r['cpu_per_click_ms']:.0f} ms | {len(r['errors'])} |")
    lines += ["", f"Sessions per replica with click → server done p95 ≤ {GOAL:.0f} s: "
              f"**{max(ok) if ok else 'none of the levels measured'}**.",
              "", f"Each session clicks every {args.think:g} s on average (the browser probe every {args.probe_think:g} s), "
              f"{args.seconds:g} s per level; {os.cpu_count()} CPUs, the replica alone on CPU {args.replica_cpu}"
              + (" with real-time priority (`--dedicated`: as on a core of its own; the load generator at nice -5)"
                 if args.dedicated else "")
              + f"; load average {load_start} at the start, {load_end} at the end."]
    for r in rows:
        for e in r["errors"][:3]:
            lines.append(f"- error at {r['sessions']} sessions: {e}")
    return "\n".join(lines)


def loadavg() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--levels", default="4,8,12,16,24,32", help="sessions per level, comma-separated")
    ap.add_argument("--seconds", type=float, default=40, help="clicking time per level")
    ap.add_argument("--think", type=float, default=5, help="mean seconds between a session's clicks")
    ap.add_argument("--probe-think", type=float, default=2.5, help="mean seconds between the browser probe's clicks")
    ap.add_argument("--replica-cpu", default="0", help="CPU the replica is pinned to; the rest run everything else")
    ap.add_argument("--dedicated", action="store_true",
                    help="on a shared machine: give the replica real-time priority on its CPU and the load generator "
                         "nice -5, so other work there does not stand in line with the replica (needs root)")
    args = ap.parse_args()
    others = sorted(os.sched_getaffinity(0) - {int(args.replica_cpu)})
    if others:  # the sessions, Chromium and HAProxy (started from here) stay off the replica's CPU
        os.sched_setaffinity(0, others)
    if args.dedicated:
        os.nice(-5)
    load_start = loadavg()
    rows = asyncio.run(measure([int(x) for x in args.levels.split(",")], args.seconds, args.think, args.probe_think,
                               args.replica_cpu, args.dedicated))
    text = table(rows, args, load_start, loadavg())
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps({"levels": rows, "args": vars(args), "load_start": load_start}, indent=1), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
