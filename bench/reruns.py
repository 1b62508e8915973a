"""Server-side reruns per page with AppTest, interleaved with the floor page, and a profile of where the time goes.

Every page is a session of its own, opened at its URL path as a browser would (tests/pagetest.py `goto`),
through app.py (the data check, sidebar, navigation). The floor (bench/floor_app.py: one bar chart) is a
session too. Each round runs the floor and every page once, in a rotating order, so a change in the
machine's load hits every page alike; the medians are compared with the floor's of the same rounds.

Two kinds of run per page:
- rerun: the same view again (what a widget interaction costs when the view was seen before: the figure
  and selection caches answer);
- new view: the sidebar's highlight set to a county this process has not shown on this page yet (a click
  that misses the per-view figure cache).
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import time
from dataclasses import dataclass
from pathlib import Path

from common import APP, FLOOR, REPO, log, median

HIGHLIGHT_KEY = "hl"  # the highlighted county, which the sidebar's select sets (targets/ui/shell.py)
_PROFILE: dict = {"prof": None}


def _share_script_cache() -> None:
    """Compile each script once per process, as a server does (one ScriptCache per runtime). AppTest makes a new
    ScriptCache for every run, so each rerun would recompile app.py and the page (with Streamlit's magic AST pass),
    a cost no browser session pays."""
    import streamlit.testing.v1.app_test as app_test
    import streamlit.testing.v1.local_script_runner as local_runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    if getattr(app_test, "_bench_shared", False):
        return
    shared = ScriptCache()
    app_test.ScriptCache = local_runner.ScriptCache = lambda: shared
    app_test._bench_shared = True


def _install_profiler() -> None:
    """cProfile the script thread only: AppTest runs each script in a thread of its own, which a profiler
    enabled in the main thread would not see, so the profiler is switched on inside the function the script
    runner executes the page with (`exec_func_with_error_handling`, called once per run)."""
    import streamlit.runtime.scriptrunner.script_runner as sr

    if getattr(sr, "_bench_wrapped", False):
        return
    orig = sr.exec_func_with_error_handling

    def wrapped(func, ctx):
        def run():
            prof = _PROFILE["prof"]
            if prof is not None:
                prof.enable()  # in this (the script) thread
            try:
                return func()
            finally:
                if prof is not None:
                    prof.disable()
        return orig(run, ctx)

    sr.exec_func_with_error_handling = wrapped
    sr._bench_wrapped = True


# ---- reading a profile ---------------------------------------------------------------------------------------

ELEMENTS = {("streamlit/elements/plotly_chart.py", "plotly_chart"): "st.plotly_chart (figure → JSON)",
            ("streamlit/elements/arrow.py", "dataframe"): "st.dataframe",
            ("streamlit/elements/widgets/data_editor.py", "data_editor"): "st.data_editor",
            ("streamlit/elements/widgets/button.py", "download_button"): "st.download_button"}
# Our functions that only run the page (the scripts' module code, the shell running the page), not a cause.
WRAPPERS = (("targets/ui/shell.py", "run"),)


def _ours(file: str) -> bool:
    """The app's code (app.py, pages/, targets/); not the bench's own."""
    return file.startswith(str(REPO) + os.sep) and not file.startswith((str(REPO / ".venv"), str(REPO / "bench")))


def _in_page_layer(file: str) -> bool:
    return file.endswith("/app.py") or "/pages/" in file or "/targets/ui/" in file


def short(file: str, line: int, func: str) -> str:
    if _ours(file):
        where = os.path.relpath(file, REPO)
    elif "site-packages/" in file:
        where = file.rsplit("site-packages/", 1)[1]
    elif file == "~":
        return func  # a builtin, e.g. <method 'dumps' of ...>
    else:
        where = Path(file).name
    return f"{where}:{line} {func}"


def summarize(stats: pstats.Stats, runs: int) -> dict:
    """Per profiled run: its length, buckets (each targets/ module the page layer calls, and the heavy Streamlit
    elements), the functions with the most time of their own, and our functions with the most time in all."""
    entries = stats.stats  # (file, line, func) -> (cc, nc, tottime, cumtime, callers)
    total = max((v[3] for (f, _, fn), v in entries.items() if fn == "code_to_exec"), default=0.0) or \
        max((v[3] for v in entries.values()), default=0.0)
    if not total:
        return {}
    buckets: dict[str, float] = {}
    for (file, _, func), (_, _, _, ct, callers) in entries.items():
        for (suffix, name), label in ELEMENTS.items():
            if file.endswith(suffix) and func == name:
                buckets[label] = buckets.get(label, 0.0) + ct
        if "/targets/" in file and _ours(file) and not _in_page_layer(file):
            label = "targets/" + file.rsplit("/targets/", 1)[1]
            for (cfile, _, _), edge in callers.items():
                if _in_page_layer(cfile):
                    buckets[label] = buckets.get(label, 0.0) + edge[3]
    own = sorted(((v[2], k) for k, v in entries.items()), reverse=True)[:8]
    ours = sorted(((v[3], k) for k, v in entries.items() if _ours(k[0]) and k[2] != "<module>"
                   and not any(k[0].endswith(f) and k[2] == fn for f, fn in WRAPPERS)), reverse=True)[:8]
    return {"ms_per_run": total / runs * 1000,
            "buckets": {k: v / total for k, v in buckets.items()},
            "own": [(short(*k), t / total) for t, k in own],
            "ours": [(short(*k), t / total) for t, k in ours]}


# ---- sessions -----------------------------------------------------------------------------------------------------


@dataclass
class Session:
    name: str
    at: object  # AppTest
    highlights: list[str]
    times: list[float]
    cpu: list[float]
    click_times: list[float]
    click_cpu: list[float]
    first: float = float("nan")
    error: str | None = None
    spent: float = 0.0
    clicked: int = 0

    def timed(self, action, wall: list[float], cpu: list[float]) -> None:
        c0, t0 = time.process_time(), time.perf_counter()
        action()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)  # the whole process: the script thread and the loader, if any
        self.spent += wall[-1]

    def rerun(self) -> None:
        self.timed(self.at.run, self.times, self.cpu)
        self._check()

    def next_view(self) -> bool:
        """Highlight a county not shown on this page yet; False when none is left."""
        if not self.highlights or self.clicked >= len(self.highlights):
            return False
        name = self.highlights[self.clicked]
        self.clicked += 1

        def click():
            # What the sidebar select's on_change does (targets/ui/shell.py _copy). Set through session state: AppTest's
            # element tree holds no sidebar on the tool pages (a browser shows it), so the widget cannot be reached there.
            self.at.session_state[HIGHLIGHT_KEY] = name
            self.at.run()
        self.timed(click, self.click_times, self.click_cpu)
        self._check()
        return True

    def payload(self) -> tuple[int, int]:
        """Bytes of the last run's figures (plotly JSON) and tables (Arrow): what goes to the browser per run."""
        figs = sum(len(e.proto.spec) for e in self.at.get("plotly_chart"))
        tables = sum(len(e.proto.arrow_data.data) for e in self.at.dataframe)
        return figs, tables

    def _check(self) -> None:
        if self.at.exception:
            self.error = "exception: " + self.at.exception[0].value[:200]


def open_session(name: str, page_id: str | None, timeout: float, highlights: list[str]) -> Session:
    """A fresh session on `page_id` (None: the floor app): its first run timed, then one warm rerun."""
    from streamlit.testing.v1 import AppTest
    from streamlit.testing.v1.app_test import calc_hash

    at = AppTest.from_file(str(APP if page_id else FLOOR), default_timeout=timeout)
    if page_id:
        at._page_hash = calc_hash(page_id)  # as tests/pagetest.py goto(): the page a link to /<page_id> opens
    s = Session(name, at, highlights if page_id else [], [], [], [], [])
    try:
        t0 = time.perf_counter()
        at.run()
        s.first = time.perf_counter() - t0
        s._check()
        if not s.error:
            at.run()  # the page's own first-run work (e.g. widget defaults) is not a rerun
            s._check()
    except RuntimeError as exc:  # AppTest's timeout
        s.error = f"a run took over {timeout:.0f} s ({str(exc).splitlines()[0][:60]})"
    return s


def _round(sessions: list[Session], k: int, step, budget_s: float, timeout: float) -> None:
    """One run of each session, the floor first, the pages in an order rotated by `k`."""
    floor, pages = sessions[0], sessions[1:]
    order = [floor] + (pages[k % len(pages):] + pages[:k % len(pages)] if pages else [])
    for s in order:
        if s.error or (s is not floor and s.spent > budget_s):
            continue
        try:
            step(s)
        except RuntimeError as exc:
            s.error = f"a run took over {timeout:.0f} s ({str(exc).splitlines()[0][:60]})"
            log(f"  {s.name}: {s.error}")


def _profile(s: Session, runs: int, action) -> dict:
    prof = cProfile.Profile()
    _PROFILE["prof"] = prof
    try:
        done = 0
        for _ in range(runs):
            if action(s) is False:
                break
            done += 1
    finally:
        _PROFILE["prof"] = None
    return summarize(pstats.Stats(prof, stream=io.StringIO()), done) if done else {}


def _warm_imports(timeout: float) -> None:
    """Import what the pages import, and run AppTest once, so no page's first run pays the process's imports."""
    import importlib
    import pkgutil

    import targets

    for pkg in pkgutil.iter_modules(targets.__path__):
        if pkg.ispkg:
            for mod in pkgutil.iter_modules([str(Path(targets.__path__[0]) / pkg.name)]):
                importlib.import_module(f"targets.{pkg.name}.{mod.name}")
    open_session("warm-up", None, timeout, [])


def bench_pages(page_ids: list[str], highlights: list[str], runs: int, *, config: Path | None = None,
                clicks: int = 0, profile_runs: int = 3, timeout: float = 120, budget_s: float = float("inf")) -> dict:
    """Reruns (and new-view clicks) of every page, interleaved with the floor; then a profile of each.

    `budget_s` bounds the timed runs of a slow page (at least one of each kind runs). A page whose run exceeds
    `timeout` is reported as such; its script thread cannot be stopped, so it is dropped from later rounds.
    """
    _install_profiler()
    _share_script_cache()
    if config:
        os.environ["TARGETS_CONFIG"] = str(config)
    else:
        os.environ.pop("TARGETS_CONFIG", None)
    try:
        _warm_imports(timeout)
        sessions = [open_session("floor", None, timeout, [])]
        for pid in page_ids:
            sessions.append(open_session(pid, pid, timeout, highlights))
            s = sessions[-1]
            log(f"  opened {pid}: first run {s.first * 1000:,.0f} ms" + (f" — {s.error}" if s.error else ""))
        for k in range(runs):
            _round(sessions, k, Session.rerun, budget_s, timeout)
        for k in range(clicks):
            # The floor reruns in these rounds too: its medians cover the whole measuring time.
            _round(sessions, k, lambda s: s.rerun() if s.name == "floor" else s.next_view(), 2 * budget_s, timeout)
        log("  " + ", ".join(f"{s.name} {median(s.times) * 1000:,.0f}" for s in sessions if s.times) + " ms (median rerun)")
        out = {}
        for s in sessions:
            # Copies: the profiled runs below must not count as timed ones.
            r = {"times": list(s.times), "cpu": list(s.cpu), "first": s.first, "click_times": list(s.click_times),
                 "click_cpu": list(s.click_cpu), "payload": s.payload() if s.times else (0, 0)}
            if s.error:
                r["error"] = s.error
            elif profile_runs and s.name != "floor":
                try:
                    r["profile"] = _profile(s, profile_runs, Session.rerun)
                    if clicks:
                        r["click_profile"] = _profile(s, profile_runs, Session.next_view)
                except RuntimeError as exc:  # AppTest's timeout: the timed runs above still count
                    log(f"  {s.name}: profiled run over {timeout:.0f} s ({str(exc).splitlines()[0][:60]})")
            out[s.name] = r
        return out
    finally:
        os.environ.pop("TARGETS_CONFIG", None)
