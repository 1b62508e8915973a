"""What every bench section shares: paths, logging, statistics, number formats, the machine's load."""

from __future__ import annotations

import logging
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # `targets` when run as bench/run.py

APP = REPO / "app.py"
FLOOR = REPO / "bench" / "floor_app.py"
LOGS = REPO / "artifacts" / "bench"
CHROMIUM = os.environ.get("TARGETS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
NAN = float("nan")


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def quiet_streamlit() -> None:
    """AppTest in bare mode warns about a missing ScriptRunContext on every run; the bench prints its own lines.
    A filter, not a level: AppTest's config patching resets the loggers' levels."""
    from streamlit import logger  # noqa: F401 - creates streamlit's loggers

    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage())


def median(xs) -> float:
    xs = [x for x in xs if x == x]
    return statistics.median(xs) if xs else NAN


def pct(xs, q: float) -> float:
    s = sorted(x for x in xs if x == x)
    if not s:
        return NAN
    return s[min(len(s) - 1, max(0, round(q / 100 * (len(s) - 1))))]


def ms(x: float) -> str:
    if x == float("inf"):
        return "over the run timeout"
    return "—" if x != x else (f"{x:,.0f} ms" if x >= 10 else f"{x:.1f} ms")


def secs(x: float) -> str:
    return "—" if x != x else (f"{x:,.1f} s" if x >= 1 else f"{x * 1000:,.0f} ms")


def mib(x: float) -> str:
    return "—" if x != x else f"{x:,.1f} MiB"


def verdict(value: float, goal: float) -> str:
    if value != value:
        return "not measured"
    if value == float("inf"):
        return "**missed** (over the run timeout)"
    return "met" if value <= goal else f"**missed** ({value / goal:.1f}× the goal)"


# ---- the machine is shared: its load is reported, and a section can wait for a quieter moment ---------


def cores() -> int:
    return len(os.sched_getaffinity(0))


def loadavg() -> tuple[float, float, float]:
    return os.getloadavg()


def load_text(load: tuple[float, float, float]) -> str:
    return " / ".join(f"{x:.2f}" for x in load)


def wait_for_quiet(max_load: float, max_wait: float, what: str) -> dict:
    """Wait (bounded) until the 1-minute load average is at most `max_load`; returns the load seen and the wait."""
    t0 = time.monotonic()
    first = loadavg()
    while loadavg()[0] > max_load and time.monotonic() - t0 < max_wait:
        if time.monotonic() - t0 < 1:
            log(f"{what}: load {loadavg()[0]:.1f} > {max_load:g}; waiting up to {max_wait:.0f} s for a quieter machine")
        time.sleep(5)
    now = loadavg()
    return {"load_before_wait": first, "waited": time.monotonic() - t0, "load_start": now}


def busy_note(load: tuple[float, float, float]) -> str:
    n = cores()
    return f"busy (1-min load {load[0]:.1f} on {n} CPUs)" if load[0] > n else f"quiet enough (1-min load {load[0]:.1f} on {n} CPUs)"


def timed(fn, key: str, spent: dict):
    """`fn` wrapped so each call adds its wall time to spent[key] (a split of a load into its steps)."""
    import time

    def wrapper(*a, **k):
        t = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            spent[key] += time.perf_counter() - t
    return wrapper
