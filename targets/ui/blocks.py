"""The chart block every page uses: a figure with its source line, and 'Show data' with downloads."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from targets.inputs import boundaries
from targets.analysis import export, semantics, tables, views
from targets.charts.registry import chart
from targets.frame.i18n import Labels, t
from targets.charts.style import plotly_config
from targets.charts.options import ChartOptions
from targets.ui.context import BAR_PX, SLIDE_PX, PageContext, chart_width
from targets.ui.session import lang, presenting
from targets.ui.text import plain

TABLE_ROWS = 5_000  # rows drawn in a browser table; the downloads always hold every row
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_FIGURES = 256

_FIGURES: OrderedDict = OrderedDict()
_FIGURES_LOCK = threading.Lock()


def cached(key: tuple, build: Callable[[], go.Figure]) -> go.Figure:
    """A chart built once per key (which starts with the snapshot's fingerprint) and shared read-only.

    The lock guards only the dict, never the build: a slow figure must not stall other sessions.
    """
    with _FIGURES_LOCK:
        if key in _FIGURES:
            _FIGURES.move_to_end(key)
            return _FIGURES[key]
    fig = build()
    with _FIGURES_LOCK:
        _FIGURES[key] = fig
        while len(_FIGURES) > MAX_FIGURES:
            _FIGURES.popitem(last=False)
    return fig


def width(share: float = 1.0) -> float:
    """px a chart gets when it takes `share` of the main column (targets/ui/context.py says which screens)."""
    return chart_width(presenting(), share)


def slide_height(used: float = 0) -> int:
    """px left for a slide's chart(s) under the presenter bar, after `used` px of other content."""
    return int(SLIDE_PX - BAR_PX - used)


def title(text: str) -> None:
    """The page's title; while presenting, the slide's caption in the presenter bar is the title."""
    if not presenting():
        st.title(plain(text))


def figure(fig: go.Figure, *, filename: str, key: str, select: bool = False):
    """A chart; while presenting it fills the height its slide gives it (the figure is laid out for 1280×720, and
    a bigger screen gets a bigger chart). `select`: a click on a point reruns the page, and the clicked point's
    customdata is returned (None when nothing is selected)."""
    kw = {"on_select": "rerun", "selection_mode": "points"} if select and not presenting() else {}
    event = st.plotly_chart(fig, config=plotly_config(filename, lang()), key=key, width="stretch", theme=None,
                            height="stretch" if presenting() else "content", **kw)
    if not kw:
        return None
    points = (event or {}).get("selection", {}).get("points", []) if isinstance(event, dict) or hasattr(event, "get") else []
    data = points[0].get("customdata") if points else None
    return tuple(data) if data is not None else None


def slide_body():
    """The container of a slide's charts: it takes the screen's height left under the presenter bar (and the
    cards, on the overview); outside presenter mode an ordinary container."""
    return st.container(key="slide-body") if presenting() else st.container()


def county_map(ctx: PageContext, rows: pd.DataFrame, *, options: ChartOptions, cache_key: tuple, fields: dict,
               filename: str, key: str) -> None:
    """The county map of one indicator and period (on-map units by adcode, the others in its note), drawn
    once per view and shared; nothing when no unit of `rows` is on the map. `options` carry the unit, source
    and size; the map's ids are adcodes, so its highlight and names are set here."""
    lang, labels, config = ctx.lang, ctx.labels, ctx.config
    on_map = views.map_rows(rows, ctx.no_value, options.unit)
    if not len(on_map):
        return
    map_options = options.but(highlight=views.adcode_of(config, ctx.highlight),
                              names=views.map_names(config, views.short_names(labels)))
    way = views.rank_direction(rows)  # caps (≤): the smallest darkest, and the title says so
    title = " · ".join(x for x in (t("map_title", lang, **fields), tables.direction_note(way, lang, on_map=True)) if x)
    capped = {"value_col": "rank_value", "colorscale": "Blues_r"} if way == semantics.ASC else {}
    fig = cached(cache_key, lambda: chart("map")(
        on_map, geojson=boundaries.load(views.boundary_path(ctx.project)), options=map_options, label_col="label_shown",
        title=title, hover_cols={"unit_shown": t("unit", lang), "source": t("source", lang)},
        note=tables.off_map(rows, labels, options.unit), **capped))
    figure(fig, filename=filename, key=key)


def source_line(text: str) -> None:
    if text:
        st.caption(plain(text))


def downloads(rows: pd.DataFrame | Callable[[], pd.DataFrame], *, name: str, key: str, labels: Labels,
              sheet: str | None = None, readable: Callable[[pd.DataFrame, Labels], pd.DataFrame] = tables.export_frame,
              sources: pd.DataFrame | Callable[[], pd.DataFrame] | None = None) -> None:
    """CSV and XLSX buttons; files are made only when clicked, and a click does not rerun the page.

    Headers are in the chosen language (`readable`, by default tables.export_frame); the XLSX 'sources'
    sheet lists the documents the rows come from. `rows` and `sources` may be functions, called only when a
    file is made (a national status table is too big to copy on every rerun).
    """
    lg = lang()
    sheet = sheet or t("nav_data", lg)
    table = rows if callable(rows) else (lambda: rows)

    def sources_sheet(shown: pd.DataFrame) -> pd.DataFrame:
        return tables.sources_frame(shown, labels) if sources is None else sources() if callable(sources) else sources

    def xlsx() -> bytes:
        shown = table()
        return export.to_xlsx(readable(shown, labels), sheet=sheet[:31], sources_sheet=sources_sheet(shown),
                              sources_name=t("sources_sheet", lg)[:31])

    c1, c2 = st.columns(2)
    c1.download_button(t("download_csv", lg), lambda: export.to_csv(readable(table(), labels)), file_name=f"{name}.csv",
                       mime="text/csv", key=f"{key}:csv", on_click="ignore")
    c2.download_button(t("download_xlsx", lg), xlsx, file_name=f"{name}.xlsx", mime=XLSX_MIME, key=f"{key}:xlsx",
                       on_click="ignore")


def data_table(rows: pd.DataFrame, lab: Labels, *, name: str, key: str) -> None:
    """'Show data': exactly the rows on screen, as a table and as CSV/XLSX downloads (not while presenting)."""
    if presenting():
        return
    # Drawn only once opened: a page's first paint is its charts alone (the browser loads the table's code
    # on demand). Opening it reruns the page, whose figures come from the cache.
    box = st.expander(t("show_data", lang()), key=f"{key}:open", on_change="rerun")
    with box:
        if not box.open:
            return
        # The buttons above the table: the table draws a moment after the expander opens, and would push
        # buttons below it away from a quick click.
        downloads(rows, name=name, key=key, labels=lab)
        if len(rows) > TABLE_ROWS:
            st.caption(t("top_only", lang(), n=TABLE_ROWS, total=len(rows)))
        st.dataframe(tables.display_frame(rows.head(TABLE_ROWS), lab), hide_index=True, width="stretch")
