"""Benchmarks against a floor measured in the same run; prints progress and writes docs/benchmarks.md.

    make bench                                   # = .venv/bin/python bench/run.py
    .venv/bin/python bench/run.py --quick        # a smoke run: fewer runs, no waiting for a quiet machine
    .venv/bin/python bench/run.py --only 1,3     # some sections only (the file then holds only those)

1. gazette: every page of the registry, median AppTest rerun as ms and × the floor page (bench/floor_app.py,
   measured in the same rounds); goal ≤ 12×. Also a click to a new view, and a profile per page.   (bench/reruns.py)
2. first_chart: overview and a theme page with its map in a fresh headless-Chromium context vs the floor app
   served the same way; goal ≤ 1.2×.                                                                 (bench/browser.py)
3. national: bench/gen_national.py (853k rows): cold load with the snapshot cache off (goal ≤ 10 s), warm
   restart in a new process from the on-disk cache (goal ≤ 1 s), a corrupt cache (rebuilt), and every page's
   rerun at national scale (goal ≤ 300 ms).                                                          (bench/national.py)
4. memory: server RSS per extra browser session on the national config (goal ≤ 5 MiB; the frame held once).
Many sessions at once: bench/capacity.py, not here. Progress at national scale: bench/progress.py (its section of
docs/benchmarks.md is kept when this rewrites the file).

Everything stays on 127.0.0.1; Chromium is Debian's (/usr/bin/chromium) with every other host unresolvable.
The machine may be shared: each section first waits (bounded) for the load average to drop, and reports it.
Nothing here is a test: misses are reported, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

import common  # noqa: F401 - puts the repo on sys.path first
from common import REPO, cores, load_text, loadavg, log, quiet_streamlit, wait_for_quiet

OUT = REPO / "docs" / "benchmarks.md"
SECTIONS = {"1": "gazette", "2": "first_chart", "3": "national", "4": "memory"}


def shipped_snapshot(config: Path | None = None):
    """The process's shared snapshot of `config` (the one AppTest sessions will use too)."""
    from targets.ops.store import Store

    view = Store.shared(config or REPO / "config.yaml").current()
    if view.snapshot is None:
        raise RuntimeError("the data does not load: " + "; ".join(p.render() for p in view.problems[:5]))
    return view.snapshot


def page_ids(snap) -> list[str]:
    from targets.schema import pages as registry

    return registry.page_ids(snap.project.config)


def highlights(snap) -> list[str]:
    """The sidebar's highlight choices (targets/ui/shell.py sidebar), in its order, without 'none'."""
    return [c.name for c in sorted(snap.project.config.counties, key=lambda c: c.order) if c.kind != "city"]


def heaviest_theme(theme_ids: list[str]) -> str:
    """The theme page that sends the most figure JSON (the strictest test of a theme page with its map)."""
    from reruns import open_session

    sizes = {}
    for tid in theme_ids:
        s = open_session(tid, tid, 120, [])
        sizes[tid] = s.payload()[0] if not s.error else -1
    return max(theme_ids, key=lambda t: sizes[t])


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="Benchmarks; writes docs/benchmarks.md")
    ap.add_argument("--only", default="1,2,3,4", help="sections: 1 gazette, 2 first_chart, 3 national, 4 memory")
    ap.add_argument("--runs", type=int, default=9, help="rerun rounds (gazette) and browser loads per page (≥ 7)")
    ap.add_argument("--clicks", type=int, default=7, help="new-view rounds per page (gazette)")
    ap.add_argument("--profile-runs", type=int, default=3, help="profiled runs of each kind per page")
    ap.add_argument("--warmups", type=int, default=2, help="browser loads per page before the timed ones")
    ap.add_argument("--map-page", default=None, help="theme page for section 2 (default: the one with the most figure JSON)")
    ap.add_argument("--national-cold", type=int, default=3, help="cold loads at national scale")
    ap.add_argument("--restarts", type=int, default=5, help="warm restarts (new processes) at national scale")
    ap.add_argument("--national-runs", type=int, default=7, help="rerun rounds at national scale")
    ap.add_argument("--national-clicks", type=int, default=3, help="new-view rounds at national scale")
    ap.add_argument("--national-budget", type=float, default=60, help="seconds of timed runs per page at national scale")
    ap.add_argument("--memory-extra", type=int, default=8, help="extra browser sessions in section 4")
    ap.add_argument("--max-load", type=float, default=None, help="wait before a section until the 1-min load is ≤ this "
                    "(default: the CPU count)")
    ap.add_argument("--wait-load", type=float, default=300, help="longest wait for that, seconds per section")
    ap.add_argument("--quick", action="store_true", help="smoke run: few runs of each kind, no waiting for load")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if args.quick:
        args.runs, args.clicks, args.profile_runs, args.warmups = 5, 3, 2, 1
        args.national_cold, args.restarts, args.national_runs, args.national_clicks = 1, 2, 3, 2
        args.national_budget, args.memory_extra, args.wait_load = 20, 3, 0
    args.max_load = args.max_load if args.max_load is not None else float(cores())
    args.sections = {SECTIONS.get(s.strip(), s.strip()) for s in args.only.split(",")}
    unknown = args.sections - set(SECTIONS.values())
    if unknown:
        ap.error(f"unknown section(s) {', '.join(sorted(unknown))}; use 1-4 or {', '.join(SECTIONS.values())}")
    return args


def main() -> None:
    args = parse_args()
    quiet_streamlit()
    from report import machine, report

    command = "make bench" if not sys.argv[1:] else f".venv/bin/python bench/run.py {' '.join(sys.argv[1:])}"
    started, load_start, t_start = dt.datetime.now().strftime("%Y-%m-%d %H:%M"), loadavg(), time.perf_counter()
    facts = machine()
    log(f"{command}: {facts['usable']} CPUs, {facts['rev']}; load {load_text(load_start)}")
    res: dict = {"loads": {}}

    def section(key: str, fn):
        res["loads"][key] = wait_for_quiet(args.max_load, args.wait_load, key)
        log(f"{key} (load {load_text(res['loads'][key]['load_start'])})")
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - one section failing must not lose the others' numbers
            log(f"{key} failed:\n{traceback.format_exc()}")
            res.setdefault("failed", {})[key] = f"{type(exc).__name__}: {str(exc)[:300]}"
        finally:
            res["loads"][key]["load_end"] = loadavg()

    snap = shipped_snapshot()
    ids = page_ids(snap)
    theme_ids = [t.id for t in snap.project.config.themes]
    pick: list[str] = []

    def map_page() -> str:  # chosen after section 1, whose first runs must find no figure cached yet
        if not pick:
            pick.append(args.map_page or heaviest_theme(theme_ids))
            log(f"theme page with its map: {pick[0]}")
        return pick[0]

    if "gazette" in args.sections:
        from reruns import bench_pages

        section("gazette", lambda: res.update(gazette=bench_pages(
            ids, highlights(snap), args.runs, clicks=args.clicks, profile_runs=args.profile_runs)))
    if "first_chart" in args.sections:
        from browser import first_chart, new_session_runs

        n_map = sum(1 for c in snap.project.config.counties if c.on_map)

        def run_first_chart():
            res["first_chart"] = first_chart(args.runs, args.warmups, map_page(), n_map)
            res["new_session"] = new_session_runs(args.runs, ["overview", map_page()])
        section("first_chart", run_first_chart)
    if args.sections & {"national", "memory"}:
        tmp = Path(tempfile.mkdtemp(prefix="targets-national-"))
        try:
            national_sections(args, res, section, tmp, map_page)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    text = report(args, command, facts, res, started, load_start, loadavg(), time.perf_counter() - t_start)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    from progress import extract  # bench/progress.py writes its own section; a rewrite keeps it
    kept = extract(args.out.read_text(encoding="utf-8")) if args.out.exists() else ""
    if kept:
        text = text.rstrip() + "\n\n" + kept
    args.out.write_text(text, encoding="utf-8")
    print(text)
    log(f"wrote {args.out}")


def national_sections(args, res: dict, section, tmp: Path, map_page) -> None:
    import national

    config, cache = tmp / "config.yaml", tmp / "cache"
    log(f"national: generating the project in {tmp}")
    c: dict = {"facts": national.prepare(tmp)}
    # This process's Store (the AppTest sessions') and the memory section's server use the cache the restarts write.
    os.environ[national.CACHE_ENV] = str(cache)
    try:
        _national(args, res, section, c, config, cache, map_page)
    finally:
        os.environ.pop(national.CACHE_ENV, None)


def _national(args, res: dict, section, c: dict, config: Path, cache: Path, map_page) -> None:
    import national
    from browser import server_memory
    from reruns import bench_pages

    if "national" in args.sections:
        def run_national():
            res["national"] = c  # filled as it goes: a later step failing keeps the earlier ones
            c["cold"] = national.cold_loads(config, args.national_cold)
            c["restarts"] = national.restarts(config, cache, args.restarts)
            snap = shipped_snapshot(config)
            log("national: reruns")
            c["reruns"] = bench_pages(page_ids(snap), highlights(snap), args.national_runs, config=config,
                                      clicks=args.national_clicks, profile_runs=1, timeout=300,
                                      budget_s=args.national_budget)
        section("national", run_national)
    if "memory" in args.sections:
        def run_memory():
            frame = c["cold"]["frame_mib"] if "cold" in c else \
                shipped_snapshot(config).project.frame.memory_usage(deep=True).sum() / 2**20
            res["memory"] = {**server_memory(config, ["overview", map_page(), "compare", "profile"], args.memory_extra,
                                             timeout_ms=600_000), "frame_mib": frame, "scale": "national"}
        section("memory", run_memory)


if __name__ == "__main__":
    main()
