"""The chart block every page uses: a figure with its source line, and 'Show data' with downloads."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from .. import export, tables
from ..i18n import Labels, t
from ..plotstyle import plotly_config
from .session import lang
from .text import plain

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


def figure(fig: go.Figure, *, filename: str, key: str) -> None:
    st.plotly_chart(fig, config=plotly_config(filename), key=key, width="stretch", theme=None)


def source_line(text: str) -> None:
    if text:
        st.caption(plain(text))


def downloads(rows: pd.DataFrame, *, name: str, key: str, labels: Labels | None = None) -> None:
    """CSV and XLSX buttons; files are made only when clicked, and a click does not rerun the page."""
    lg = lang()
    out = tables.export_frame(rows, labels) if labels is not None else rows
    srcs = tables.sources_frame(rows, labels) if labels is not None else None
    c1, c2 = st.columns(2)
    c1.download_button(t("download_csv", lg), lambda: export.to_csv(out), file_name=f"{name}.csv",
                       mime="text/csv", key=f"{key}:csv", on_click="ignore")
    c2.download_button(t("download_xlsx", lg), lambda: export.to_xlsx(out, sources_sheet=srcs, sources_name=t("sources_sheet", lg)),
                       file_name=f"{name}.xlsx", mime=XLSX_MIME, key=f"{key}:xlsx", on_click="ignore")


def data_table(rows: pd.DataFrame, lab: Labels, *, name: str, key: str) -> None:
    """'Show data': exactly the rows on screen, as a table and as CSV/XLSX downloads."""
    with st.expander(t("show_data", lang())):
        if len(rows) > TABLE_ROWS:
            st.caption(t("top_only", lang(), n=TABLE_ROWS, total=len(rows)))
        st.dataframe(tables.display_frame(rows.head(TABLE_ROWS), lab), hide_index=True, width="stretch")
        downloads(rows, name=name, key=key, labels=lab)
