"""Progress at national scale: 2,844 counties × 30 indicators with 12 monthly reports each (≈ 1M reported values,
bench/gen_national.py --reports 12, sample data), measured against floors of the same run.

    .venv/bin/python bench/progress.py                      # writes the "Progress at national scale" section
    .venv/bin/python bench/progress.py --quick              # a smoke run (fewer runs)
    .venv/bin/python bench/progress.py --project DIR        # reuse a project generated before (else a temp copy)

a. cold load with reports: a fresh Store (snapshot cache off) reads, validates and frames everything; the floor
   is the same project with an empty reports folder, loaded in the same rounds, interleaved.
b. every status for one as-of date: `tracking.status_table(project, as_of)` on a fresh Project (nothing
   memoized: the targets, revisions and reports frames are derived too), then at a new date on a warm one (what
   a date change pays), and `progress_views.current`; the floor is one pandas pass over the reports frame
   (the latest value per key), in the same rounds. Budget 300 ms.
c. the /progress page's reruns (AppTest through app.py, as bench/reruns.py times pages), interleaved with the
   floor page (bench/floor_app.py): the same view again, a new as-of date (a view nothing cached), a new theme
   filter, and a new county for the trajectory; then a theme page in its progress view (rerun, new as-of date)
   and the county profile (rerun). Budget 300 ms per rerun. cProfile of /progress's views over budget.

The section replaces itself in docs/benchmarks.md (bench/run.py keeps it when it rewrites the file).
Nothing here is a test: misses are reported, never asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import io
import os
import pstats
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import common  # noqa: F401 - puts the repo on sys.path first
from common import REPO, cores, load_text, loadavg, log, median, ms, pct, quiet_streamlit, secs, timed

HEADING = "## Progress at national scale"
OUT = REPO / "docs" / "benchmarks.md"
BUDGET_MS = 300.0
PAGE = "progress"
NO_REPORTS = "config.noreports.yaml"
LOAD_TIMEOUT = 900  # seconds a load may take on a busy machine before a Store says "still being written"  # the floor of the cold load: the same project, its reports folder empty


# ---- the project ------------------------------------------------------------------------------------------


def prepare(out: Path, counties: int = 2844) -> dict:
    """The national copy with 12 monthly reports per theme, and a config naming an empty reports folder."""
    import yaml

    from gen_national import generate

    facts = generate(out, n_counties=counties, n_reports=12)
    cfg = yaml.safe_load((out / "config.yaml").read_text(encoding="utf-8"))
    cfg.setdefault("tracking", {})["reports"] = "data/no_reports"
    (out / "data" / "no_reports").mkdir(exist_ok=True)
    (out / NO_REPORTS).write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False, width=100_000), encoding="utf-8")
    old = time.time() - 3600  # long unchanged: a store does not wait for the files to settle
    for p in out.rglob("*"):
        if p.is_file():
            os.utime(p, (old, old))
    return facts


# ---- a. cold load -----------------------------------------------------------------------------------------


def cold_loads(project: Path, runs: int) -> dict:
    """Interleaved: the project without its reports (floor), then with them; a fresh Store each, cache off.
    The first load with reports is split: parsing the report files, validating them (models and references),
    the checks across reports, and the reports frame."""
    from targets.inputs import load, reports
    from targets.ops.store import Store

    spent = {"parse reports (read_yaml)": 0.0, "validate reports (models, refs)": 0.0,
             "checks across reports (cross_refs)": 0.0, "reports frame (reports.frame)": 0.0}
    real = {"read": load.read_yaml, "reports": load._reports, "cross": reports.cross_refs, "frame": reports.frame}
    folder = str(project / "data" / "reports")

    def read_yaml(path, *a, **k):
        t = time.perf_counter()
        try:
            return real["read"](path, *a, **k)
        finally:
            if str(path).startswith(folder):
                spent["parse reports (read_yaml)"] += time.perf_counter() - t

    out = {"floor": [], "floor_cpu": [], "with": [], "with_cpu": [], "split": {}}
    snap = None
    for i in range(runs):
        for which, config in (("floor", project / NO_REPORTS), ("with", project / "config.yaml")):
            split = which == "with" and i == 0
            if split:
                load.read_yaml, load._reports = read_yaml, timed(real["reports"], "validate reports (models, refs)", spent)
                reports.cross_refs, reports.frame = timed(real["cross"], "checks across reports (cross_refs)", spent), \
                    timed(real["frame"], "reports frame (reports.frame)", spent)
            try:
                store = Store(config, cache=False, read_timeout=LOAD_TIMEOUT)  # a busy machine reads slowly
                c0, t0 = time.process_time(), time.perf_counter()
                view = store.current()
                out[which].append(time.perf_counter() - t0)
                out[which + "_cpu"].append(time.process_time() - c0)
            finally:
                load.read_yaml, load._reports = real["read"], real["reports"]
                reports.cross_refs, reports.frame = real["cross"], real["frame"]
            if view.snapshot is None:
                raise RuntimeError(f"{config.name} does not load: " + "; ".join(p.render() for p in view.problems[:5]))
            if split:
                # _reports contains the parse and the cross checks; what is left of it is the models and refs.
                v = spent["validate reports (models, refs)"]
                spent["validate reports (models, refs)"] = v - spent["parse reports (read_yaml)"] - \
                    spent["checks across reports (cross_refs)"]
                out["split"] = dict(spent)
            if which == "with":
                snap = view.snapshot
            log(f"  cold load {i + 1}/{runs} {'with reports' if which == 'with' else 'without (floor)'}: "
                f"{out[which][-1]:.1f} s (CPU {out[which + '_cpu'][-1]:.1f} s)")
            del view, store
    rep = snap.project.reports
    out.update(report_rows=len(rep), report_mib=rep.memory_usage(deep=True).sum() / 2**20,
               frame_rows=len(snap.project.frame))
    return out, snap


# ---- b. every status at one date ------------------------------------------------------------------------


def _fresh(project):
    """The same inputs as a new Project object: every per-snapshot memo misses (they key on the object)."""
    return dataclasses.replace(project)


def _floor_pass(reports) -> None:
    """The floor: one pandas pass over the reports frame, the latest value per (theme, indicator, period, county)."""
    reports.sort_values("as_of", kind="stable").groupby(["theme", "indicator", "period", "county"], observed=True).tail(1)


def statuses(project, dates: list[date], runs: int) -> dict:
    from targets.analysis import progress_views, tracking

    out = {k: [] for k in ("floor", "inputs", "fresh", "new_date", "current", "export")}
    rows = {}
    for i in range(runs):
        t0 = time.perf_counter()
        _floor_pass(project.reports)
        out["floor"].append(time.perf_counter() - t0)
        p = _fresh(project)
        t0 = time.perf_counter()
        tracking.targets(p), tracking.revisions(p), tracking.reports(p)
        out["inputs"].append(time.perf_counter() - t0)
        p = _fresh(project)
        d0, d1 = dates[i % len(dates)], dates[(i + 1) % len(dates)]
        t0 = time.perf_counter()
        table = tracking.status_table(p, d0)
        out["fresh"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        tracking.status_table(p, d1)
        out["new_date"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        cur = progress_views.current(p, d1)
        out["current"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        tracking.export_table(p, d1)
        out["export"].append(time.perf_counter() - t0)
        rows = {"status_rows": len(table), "current_rows": len(cur),
                "statuses": cur[cur["level"] == "county"]["status"].value_counts().to_dict()}
        log(f"  statuses {i + 1}/{runs}: fresh {out['fresh'][-1] * 1000:,.0f} ms, new date "
            f"{out['new_date'][-1] * 1000:,.0f} ms, current {out['current'][-1] * 1000:,.0f} ms "
            f"(floor {out['floor'][-1] * 1000:,.0f} ms)")
    out.update(rows)
    out["profile"] = _profile_call(lambda: (tracking.status_table(_fresh(project), dates[0]),))
    p = _fresh(project)
    tracking.status_table(p, dates[0])
    out["profile_new_date"] = _profile_call(lambda: (tracking.status_table(p, dates[1]), progress_views.current(p, dates[1])))
    return out


def _profile_call(fn) -> dict:
    from reruns import summarize

    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.runcall(fn)
    took = time.perf_counter() - t0
    s = summarize(pstats.Stats(prof, stream=io.StringIO()), 1)
    s["ms_per_run"] = took * 1000
    s["top"] = _top(prof)
    return s


def _top(prof: cProfile.Profile, n: int = 12) -> list[tuple[str, float, float]]:
    """(function, own ms, cumulative ms), by cumulative time: the frames to read first."""
    from reruns import short

    st = pstats.Stats(prof, stream=io.StringIO())
    rows = sorted(((v[3], v[2], k) for k, v in st.stats.items()), reverse=True)
    return [(short(*k), own * 1000, cum * 1000) for cum, own, k in rows[:n]]


# ---- c. the page's reruns (AppTest) ----------------------------------------------------------------------


def page_reruns(config: Path, dates: list[date], runs: int, clicks: int, timeout: float = 300) -> dict:
    """The /progress page and the floor page, each a session; rounds interleave them."""
    import reruns
    from reruns import open_session

    reruns._install_profiler()
    reruns._share_script_cache()
    os.environ["TARGETS_CONFIG"] = str(config)
    try:
        from targets.ops.store import Store

        shared, t0 = Store.shared(config), time.monotonic()
        while shared.current().snapshot is None and time.monotonic() - t0 < LOAD_TIMEOUT:
            time.sleep(2)  # the process's shared snapshot, loaded before any page run is timed
        log(f"  shared snapshot loaded in {time.monotonic() - t0:.1f} s")
        reruns._warm_imports(timeout)
        floor = open_session("floor", None, timeout, [])
        page = open_session(PAGE, PAGE, timeout, [])
        log(f"  opened {PAGE}: first run {page.first:,.1f} s")
        if page.error:
            raise RuntimeError(f"{PAGE}: {page.error}")
        at = page.at
        from targets.analysis import progress_views, tracking

        project = Store.shared(config).current().snapshot.project
        tracked = set(progress_views.indicator_order(project))
        themes = [th.id for th in project.config.themes if any(i.id in tracked for i in th.indicators)]
        counties = [tracking.city(project)] + progress_views.county_order(project)
        kinds = {"rerun": [], "new as-of date": [], "new theme filter": [], "new trajectory county": []}
        cpu = {k: [] for k in kinds}
        floor_times: list[float] = []
        seen_dates = iter(dates)
        theme_values = iter(themes + ["all"])
        county_values = iter(counties[1:])

        def clicked(kind, action):
            c0, t0 = time.process_time(), time.perf_counter()
            action()
            kinds[kind].append(time.perf_counter() - t0)
            cpu[kind].append(time.process_time() - c0)
            if at.exception:
                raise RuntimeError(f"{PAGE} ({kind}): {at.exception[0].value[:300]}")

        actions = {
            "rerun": lambda: at.run(),
            "new as-of date": lambda: at.date_input(key="w:asof").set_value(next(seen_dates)).run(),
            "new theme filter": lambda: at.selectbox(key="w:theme").set_value(next(theme_values)).run(),
            "new trajectory county": lambda: at.selectbox(key="w:trajectory_county").set_value(next(county_values)).run(),
        }
        plan = ["rerun"] * runs + [k for _ in range(clicks) for k in list(actions)[1:]]
        for k, kind in enumerate(plan):
            order = (("floor", None), (kind, actions[kind])) if k % 2 == 0 else ((kind, actions[kind]), ("floor", None))
            for name, action in order:
                if action is None:
                    t0 = time.perf_counter()
                    floor.at.run()
                    floor_times.append(time.perf_counter() - t0)
                else:
                    clicked(name, action)
        # The other progress views: a theme page switched to 进度 and the county profile's progress section, their
        # reruns (same view) and, on the theme page, a new as-of date; interleaved with the floor likewise.
        theme = "sewer" if "sewer" in themes else themes[0]
        others = []
        tv = open_session(f"/{theme} progress", theme, timeout, [])
        if not tv.error:
            tv.at.radio(key=f"w:view:{theme}").set_value("progress").run()
            tv.at.run()
            others += [(f"/{theme} progress view, rerun", lambda: tv.at.run()),
                       (f"/{theme} progress view, new as-of date",
                        lambda: tv.at.date_input(key="w:asof").set_value(next(seen_dates)).run())]
        pv = open_session("/profile", "profile", timeout, [])
        if not pv.error:
            others.append(("/profile (progress section and history), rerun", lambda: pv.at.run()))
        for name, action in others:
            kinds[name], cpu[name] = [], []
        other_plan = [n for n, _ in others if n.endswith("rerun") for _ in range(runs)] + \
            [n for n, _ in others if not n.endswith("rerun") for _ in range(clicks)]
        other_actions = dict(others)
        for k, name in enumerate(other_plan):
            t0 = time.perf_counter()
            floor.at.run()
            floor_times.append(time.perf_counter() - t0)
            c0, t0 = time.process_time(), time.perf_counter()
            other_actions[name]()
            kinds[name].append(time.perf_counter() - t0)
            cpu[name].append(time.process_time() - c0)
        log("  " + ", ".join(f"{k} {median(v) * 1000:,.0f} ms" for k, v in kinds.items() if v) +
            f"; floor {median(floor_times) * 1000:,.1f} ms (medians)")
        out = {"floor": floor_times, "times": kinds, "cpu": cpu, "first": page.first, "payload": page.payload(),
               "themes": len(themes), "counties": len(counties)}
        profiles = {}
        for kind, xs in kinds.items():
            if kind not in actions:
                continue
            if xs and median(xs) * 1000 > BUDGET_MS or kind in ("rerun", "new as-of date"):
                profiles[kind] = _profile_page(actions[kind], runs=1)
        out["profiles"] = profiles
        return out
    finally:
        os.environ.pop("TARGETS_CONFIG", None)


def _profile_page(action, runs: int) -> dict:
    import reruns

    prof = cProfile.Profile()
    reruns._PROFILE["prof"] = prof
    t0 = time.perf_counter()
    done = 0
    try:
        for _ in range(runs):
            try:
                action()
            except StopIteration:
                break
            done += 1
    finally:
        reruns._PROFILE["prof"] = None
    if not done:
        return {}
    s = reruns.summarize(pstats.Stats(prof, stream=io.StringIO()), done)
    s["wall_ms"] = (time.perf_counter() - t0) / done * 1000
    s["top"] = [(n, o / done, c / done) for n, o, c in _top(prof)]
    return s


# ---- the section of docs/benchmarks.md ------------------------------------------------------------------


def _m(xs) -> float:
    return median(xs) * 1000


def _verdict(x_ms: float) -> str:
    return "met" if x_ms <= BUDGET_MS else f"**missed** ({x_ms / BUDGET_MS:.1f}× the budget)"


def _top_table(prof: dict, title: str) -> list[str]:
    if not prof or not prof.get("top"):
        return []
    lines = [f"**{title}** ({prof.get('wall_ms', prof.get('ms_per_run', 0)):,.0f} ms per profiled run; cProfile slows "
             "Python-heavy code, read the shares):", "",
             "| function (by cumulative time) | own ms | cumulative ms |", "|---|---|---|"]
    lines += [f"| `{name}` | {own:,.0f} | {cum:,.0f} |" for name, own, cum in prof["top"]]
    if prof.get("own"):
        lines += ["", "Most time of their own: " + "; ".join(f"`{n}` {share:.0%}" for n, share in prof["own"][:6]) + "."]
    return lines + [""]


def section(command: str, facts: dict, res: dict, loads: dict, started: str, took: float) -> str:
    out = [HEADING, "",
           f"Generated by `{command}` on {started}, in {took / 60:.1f} min ({cores()} CPUs; load average 1/5/15 min "
           f"{load_text(loads['start'])} at the start, {load_text(loads['end'])} at the end). The project is "
           f"bench/gen_national.py with `--reports 12`: {facts['counties']:,} counties × {facts['indicators']} indicators × "
           f"{facts['years']} years of targets ({facts['county_rows']:,} county rows), and {facts['report_files']} monthly "
           f"report files ({facts['report_year']}, 12 per theme) holding {facts['report_values']:,} values "
           f"({facts['report_bytes'] / 2**20:.1f} MiB of YAML, largest file {facts['largest_report'] / 2**10:,.0f} KiB). "
           "The numbers are synthetic: every report says `sample: true`. Medians; floors are measured in the same run, "
           "interleaved; nothing here is asserted by the tests.", ""]
    if res.get("failed"):
        out += ["Failed steps: " + "; ".join(f"{k}: {v}" for k, v in res["failed"].items()), ""]
    rows = ["| measure | floor (same run) | measured | × floor | budget | verdict |", "|---|---|---|---|---|---|"]
    if "cold" in res:
        c = res["cold"]
        f, w = median(c["floor"]), median(c["with"])
        fc, wc = median(c["floor_cpu"]), median(c["with_cpu"])
        rows.append(f"| a. cold load with reports (validate + frame + reports frame; cache off; CPU {secs(wc)}, "
                    f"{wc / fc:.2f}× the floor's CPU) | {secs(f)} (CPU {secs(fc)}; same project, empty reports folder) "
                    f"| {secs(w)} | {w / f:.2f}× | — | reported |")
    if "statuses" in res:
        s = res["statuses"]
        fl = _m(s["floor"])
        for key, label in (("fresh", "b. `tracking.status_table(project, as_of)`, fresh project (targets, revisions, reports derived too)"),
                           ("inputs", "b. … of which the three input frames (`targets`, `revisions`, `reports`)"),
                           ("new_date", "b. `status_table` at a new as-of date (warm project)"),
                           ("current", "b. `progress_views.current(project, as_of)` (it calls `status_table(project, as_of, None)`: "
                                       "another memo key than `(project, as_of)`, so one more status table is in it, as on a page's new date)"),
                           ("export", "b. `tracking.export_table` (the download)")):
            v = _m(s[key])
            verdict = _verdict(v) if key in ("fresh", "new_date", "current") else "reported"
            rows.append(f"| {label} | {ms(fl)} (latest value per key over the reports frame) | {ms(v)} | {v / fl:.1f}× | "
                        f"{'300 ms' if verdict != 'reported' else '—'} | {verdict} |")
    if "page" in res:
        p = res["page"]
        fl = _m(p["floor"])
        for kind, xs in p["times"].items():
            if not xs:
                continue
            v, cpu = _m(xs), _m(p["cpu"][kind])
            where = kind if kind.startswith("/") else f"/progress, {kind}"
            rows.append(f"| c. {where} ({len(xs)} runs; p90 {ms(pct(xs, 90) * 1000)}; CPU {ms(cpu)}) | "
                        f"{ms(fl)} (bench/floor_app.py) | {ms(v)} | {v / fl:.0f}× | 300 ms | {_verdict(v)} |")
    out += rows + [""]
    if "cold" in res:
        c = res["cold"]
        out += [f"Cold load runs (s): with reports {', '.join(f'{x:.1f}' for x in c['with'])}; without "
                f"{', '.join(f'{x:.1f}' for x in c['floor'])}. Reports frame: {c['report_rows']:,} rows, "
                f"{c['report_mib']:.1f} MiB; tidy frame {c['frame_rows']:,} rows. Split of the first load with reports "
                "(wall time inside each step):", "",
                "| step | time |", "|---|---|"]
        out += [f"| {k} | {secs(v)} |" for k, v in c["split"].items()]
        out += [""]
    if "statuses" in res:
        s = res["statuses"]
        out += [f"Status table: {s['status_rows']:,} rows (every tracked target of every period); current view "
                f"{s['current_rows']:,} rows; county statuses in it: "
                + ", ".join(f"{k} {v:,}" for k, v in sorted(s["statuses"].items(), key=lambda kv: -kv[1])) + ".", ""]
        out += _top_table(s.get("profile", {}), "status_table on a fresh project, profiled")
        out += _top_table(s.get("profile_new_date", {}), "status_table + current at a new date (warm project), profiled")
    if "page" in res:
        p = res["page"]
        figs, tables = p["payload"]
        out += [f"/progress page: first run of the session {secs(p['first'])} (the snapshot was loaded before; this computes "
                f"the default date's status table); sent per run {figs / 1024:,.0f} KiB of figures + {tables / 1024:,.0f} KiB of tables. "
                "A new as-of date is a date this process has not shown: status table, current view, scorecard figure "
                "and export all computed anew; a new theme filter likewise; a new trajectory county reuses the status "
                "table and builds the trajectory.", ""]
        for kind, prof in p.get("profiles", {}).items():
            out += _top_table(prof, f"/progress, {kind}, profiled (script thread)")
    return "\n".join(out).rstrip() + "\n"


def splice(text: str, new_section: str) -> str:
    """`text` with its "Progress at national scale" section replaced by `new_section` (appended if absent)."""
    old = extract(text)
    if old:
        return text.replace(old, new_section)
    return text.rstrip() + "\n\n" + new_section


def extract(text: str) -> str:
    """The section as it stands in `text` (its heading up to the next `## ` heading), or ''."""
    at = text.find("\n" + HEADING + "\n")
    if at < 0:
        return text[: len(HEADING) + 1] if text.startswith(HEADING + "\n") else ""
    start = at + 1
    nxt = text.find("\n## ", start + len(HEADING))
    return text[start: nxt + 1 if nxt >= 0 else len(text)]


def as_of_dates(year: int, n: int) -> list[date]:
    """Dates within the reports' year that no run has shown yet: every 7th day from early February."""
    first = date(year, 2, 3)
    return [first + timedelta(days=7 * i) for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--project", type=Path, default=None, help="a folder generated before (by this script) to reuse")
    ap.add_argument("--cold", type=int, default=2, help="cold loads of each kind")
    ap.add_argument("--runs", type=int, default=7, help="status-table rounds, and page reruns")
    ap.add_argument("--clicks", type=int, default=3, help="new views of each kind on the page (≤ 4)")
    ap.add_argument("--only", default="a,b,c")
    ap.add_argument("--counties", type=int, default=2844, help="fewer for a smoke run of the script itself")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if args.quick:
        args.cold, args.runs, args.clicks = 1, 3, 2
    args.clicks = min(args.clicks, 4)
    quiet_streamlit()
    command = ".venv/bin/python bench/progress.py" + (" " + " ".join(sys.argv[1:]) if sys.argv[1:] else "")
    started, t0 = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), time.perf_counter()
    loads = {"start": loadavg()}
    log(f"{command}: load {load_text(loads['start'])}")
    tmp = None
    if args.project is None:
        tmp = Path(tempfile.mkdtemp(prefix="targets-progress-"))
        project_dir = tmp
    else:
        project_dir = args.project
    res: dict = {}
    os.environ.setdefault("TARGETS_CACHE_DIR", str(project_dir / "cache"))  # never the user's cache
    try:
        if tmp is not None or not (project_dir / NO_REPORTS).exists():
            log(f"generating the project in {project_dir}")
            facts = prepare(project_dir, args.counties)
        else:
            from gen_national import generate  # noqa: F401 - facts of a reused folder are read back

            facts = reused_facts(project_dir)
        log(f"  {facts['report_values']:,} report values in {facts['report_files']} files")
        dates = as_of_dates(int(facts["report_year"]), 40)
        only = set(args.only.split(","))
        snap = None
        steps = []
        if "a" in only:
            def step_a():
                nonlocal snap
                res["cold"], snap = cold_loads(project_dir, args.cold)
            steps.append(("cold", step_a))
        if "b" in only:
            def step_b():
                nonlocal snap
                if snap is None:
                    from targets.ops.store import Store
                    snap = Store(project_dir / "config.yaml", cache=False, read_timeout=LOAD_TIMEOUT).current().snapshot
                res["statuses"] = statuses(snap.project, dates[:8], args.runs)
            steps.append(("statuses", step_b))
        if "c" in only:
            steps.append(("page", lambda: res.update(page=page_reruns(project_dir / "config.yaml", dates[10:], args.runs,
                                                                        args.clicks))))
        def write() -> str:  # after every step: a run stopped later keeps what was measured
            loads["end"] = loadavg()
            text = section(command, facts, res, loads, started, time.perf_counter() - t0)
            old = args.out.read_text(encoding="utf-8") if args.out.exists() else "# Benchmarks\n"
            args.out.write_text(splice(old, text), encoding="utf-8")
            return text

        for name, fn in steps:
            log(f"{name} (load {load_text(loadavg())})")
            try:
                fn()
            except Exception as exc:  # noqa: BLE001 - one step failing must not lose the others' numbers
                import traceback

                log(f"{name} failed:\n{traceback.format_exc()}")
                res.setdefault("failed", {})[name] = f"{type(exc).__name__}: {str(exc)[:300]}"
            write()
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    print(write())
    log(f"wrote the section to {args.out}")


def reused_facts(folder: Path) -> dict:
    import yaml

    cfg = yaml.safe_load((folder / "config.yaml").read_text(encoding="utf-8"))
    files = sorted((folder / "data" / "reports").glob("*.yaml"))
    values = 0
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for f in files:
        values += sum(len(v["rows"]) for v in yaml.load(f.read_text(encoding="utf-8"), Loader=loader)["values"])
    years = [p["id"] for p in cfg["periods"] if p["id"].isdigit()]
    added = sum(1 for t in cfg["themes"] for i in t["indicators"] if i["id"].startswith(t["id"] + "_n"))
    counties = sum(1 for c in cfg["counties"] if c["kind"] == "county")
    sizes = [f.stat().st_size for f in files]
    return {"counties": counties, "indicators": added, "years": len(years), "county_rows": counties * added * len(years),
            "report_files": len(files), "report_values": values, "report_bytes": sum(sizes),
            "largest_report": max(sizes, default=0), "report_year": files[-1].stem.rsplit("-", 2)[1] if files else years[-1]}


if __name__ == "__main__":
    main()
