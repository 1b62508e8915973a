"""Figure → JSON on the theme pages: Python's json vs orjson, and what st.plotly_chart does per rerun.

    .venv/bin/python bench/json_encoding.py              # median of 41 runs per figure, 15 AppTest reruns per page
    .venv/bin/python bench/json_encoding.py --runs 11 --reruns 5 --pages sewer

The figures are the ones the shipped pages really draw: each page runs once under AppTest on the
gazette data and every figure it passes to st.plotly_chart is captured.  Then, per figure, the two
steps st.plotly_chart takes on every rerun (streamlit/elements/plotly_chart.py):

    figure = plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True)  # fig.to_dict(): a deep copy
    spec = plotly.io.to_json(figure, validate=False)                                   # engine: json or orjson

are timed with plotly's "json" engine and with "orjson" (plotly picks orjson by itself when it is
installed), interleaved, and the two outputs are checked to parse to the same value.  Last, whole
AppTest reruns of each page are timed with either engine, interleaved.  Nothing here is a test:
numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

THEME_PAGES = ("sewer", "pigs", "grain", "forest_fire")


def capture(page: str) -> list:
    """The figures one run of the page at /<page> hands to st.plotly_chart, in order."""
    import plotly.tools
    from common import APP
    from streamlit.testing.v1 import AppTest
    from streamlit.testing.v1.app_test import calc_hash

    seen: list = []
    real = plotly.tools.return_figure_from_figure_or_data

    def spy(fig, validate_figure):
        seen.append(fig)
        return real(fig, validate_figure)

    plotly.tools.return_figure_from_figure_or_data = spy
    try:
        at = AppTest.from_file(str(APP), default_timeout=120)
        at._page_hash = calc_hash(page)  # opened at /<page>, as tests/pagetest.py goto()
        at.run()
        if at.exception:
            raise SystemExit(f"{page}: {at.exception[0].value}")
    finally:
        plotly.tools.return_figure_from_figure_or_data = real
    return seen


def time_figure(fig, engine: str) -> tuple[float, float, int]:
    """Seconds for to_dict and to_json (Streamlit's two steps), and the JSON's size in bytes."""
    import plotly.io
    import plotly.tools

    t0 = time.perf_counter()
    d = plotly.tools.return_figure_from_figure_or_data(fig, True)
    t1 = time.perf_counter()
    spec = plotly.io.to_json(d, validate=False, engine=engine)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, len(spec.encode())


def rerun_medians(page: str, reruns: int, engines: list[str]) -> dict[str, float]:
    import plotly.io
    from common import APP
    from streamlit.testing.v1 import AppTest
    from streamlit.testing.v1.app_test import calc_hash

    at = AppTest.from_file(str(APP), default_timeout=120)
    at._page_hash = calc_hash(page)
    at.run()
    at.run()
    times: dict[str, list[float]] = {e: [] for e in engines}
    for _ in range(reruns):
        for engine in engines:  # interleaved: machine load hits both alike
            plotly.io.json.config.default_engine = engine
            t0 = time.perf_counter()
            at.run()
            times[engine].append(time.perf_counter() - t0)
    plotly.io.json.config.default_engine = "auto"
    return {e: statistics.median(v) for e, v in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=41, help="timed serialisations per figure and engine")
    ap.add_argument("--reruns", type=int, default=15, help="timed AppTest reruns per page and engine")
    ap.add_argument("--pages", default=",".join(THEME_PAGES))
    args = ap.parse_args()
    os.chdir(REPO)
    os.environ.pop("TARGETS_CONFIG", None)

    import plotly
    import plotly.io
    import streamlit

    try:
        import orjson

        engines = ["json", "orjson"]
        orjson_version = orjson.__version__
    except ImportError:
        engines, orjson_version = ["json"], "not installed"
    print(f"python {sys.version.split()[0]}, plotly {plotly.__version__}, streamlit {streamlit.__version__}, "
          f"orjson {orjson_version}; load average {os.getloadavg()[0]:.1f}")
    print(f"median of {args.runs} runs per figure; ms per rerun = the sum over the page's figures\n")
    header = f"{'page':<12} {'figure':<24} {'KiB':>6} {'to_dict':>8}" + "".join(f" {'to_json ' + e:>15}" for e in engines)
    print(header)
    for page in args.pages.split(","):
        figs = capture(page)
        totals = {"to_dict": 0.0, **{e: 0.0 for e in engines}, "kib": 0.0}
        for k, fig in enumerate(figs):
            samples = {e: [] for e in engines}
            size = 0
            for _ in range(args.runs):
                for engine in engines:
                    to_dict, to_json, size = time_figure(fig, engine)
                    samples[engine].append((to_dict, to_json))
            if len(engines) == 2:
                d = plotly.tools.return_figure_from_figure_or_data(fig, True)
                a, b = (json.loads(plotly.io.to_json(d, validate=False, engine=e)) for e in engines)
                if a != b:
                    print(f"  !! {page} figure {k}: json and orjson outputs differ")
            to_dict = statistics.median(x[0] for e in engines for x in samples[e]) * 1000
            to_json = {e: statistics.median(x[1] for x in samples[e]) * 1000 for e in engines}
            name = (fig.layout.title.text or f"figure {k}")[:22] if fig.layout.title else f"figure {k}"
            kinds = "+".join(sorted({t.type for t in fig.data}))
            print(f"{page:<12} {kinds[:24]:<24} {size / 1024:>6.1f} {to_dict:>8.2f}"
                  + "".join(f" {to_json[e]:>15.2f}" for e in engines) + f"   {name}")
            totals["to_dict"] += to_dict
            totals["kib"] += size / 1024
            for e in engines:
                totals[e] += to_json[e]
        print(f"{page:<12} {'= per rerun':<24} {totals['kib']:>6.1f} {totals['to_dict']:>8.2f}"
              + "".join(f" {totals[e]:>15.2f}" for e in engines) + "\n")
    print(f"whole AppTest rerun, median of {args.reruns} per engine (interleaved):")
    for page in args.pages.split(","):
        med = rerun_medians(page, args.reruns, engines)
        print(f"  {page:<12}" + "".join(f"  {e}: {v * 1000:6.1f} ms" for e, v in med.items()))


if __name__ == "__main__":
    main()
