"""One look for every chart: fonts, colours, HTML escaping, the chart frame and the offline plotly config.

plotly.js renders a subset of HTML in titles, labels and hovers, so every
text that comes from config or data goes through `esc`: a county named
`<b>x</b>` shows those characters, not bold text.

plotly.js neither wraps titles nor makes room for notes under a chart, and a
chart's width is only known in the browser. `frame` therefore lays a figure
out for the width the page gives it (an estimate, `width`): the title wraps to
fit, the source line (and any note) sits under the x axis inside the figure,
so the PNG the camera button saves carries its citation.
"""

from __future__ import annotations

import html
import unicodedata
from typing import Any

import plotly.graph_objects as go

from targets.frame.i18n import t

# Chinese in a Simplified-Chinese face on Linux (fonts-noto-cjk), Windows and macOS; Latin falls through.
FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
GREY = "#D0D0D0"
NO_DATA_COLOR = "#d9d9d9"
HIGHLIGHT = "#d62728"
GOAL = "#B2182B"
INK = "#1f2d3d"
SOURCE_INK = "#555555"
# Colour-blind-safe sequential blues for periods (ColorBrewer Blues, printable).
PERIOD_COLORS = ["#9ECAE1", "#6BAED6", "#3182BD", "#08519C", "#08306B", "#C6DBEF", "#4292C6"]

# plotly.js fetches `<topojsonURL>/world_110m.json` for every geo subplot, even with a custom geojson;
# the default is a CDN, which hangs offline. A data: URL answers in-browser; the trailing '#' puts the
# appended file name into the fragment, so the payload stays this empty topology.
OFFLINE_TOPOJSON_URL = 'data:application/json,{"type":"Topology","objects":{},"arcs":[]}#'

# The modebar's words (plotly.js's own English, the dictionary keys) and their i18n.yaml entries.
MODEBAR_KEYS = ("modebar_png", "modebar_download", "modebar_zoom", "modebar_pan", "modebar_zoom_in", "modebar_zoom_out",
                "modebar_autoscale", "modebar_reset_axes", "modebar_reset_view", "modebar_reset_views", "modebar_reset",
                "modebar_spikes", "modebar_closest", "modebar_compare", "modebar_toggle_closest", "modebar_box",
                "modebar_lasso", "modebar_preparing", "modebar_done", "modebar_failed", "modebar_dblclick")
LOCALE = "zh-CN"


def esc(text: object) -> str:
    return html.escape(str(text), quote=False)


def plotly_config(filename: str, lang: str = "zh") -> dict[str, Any]:
    """Config for st.plotly_chart: offline maps, no logo, a sharp PNG named for its content, no scroll-zoom.

    In Chinese the modebar speaks Chinese: plotly.js takes a locale's dictionary in its config (no script to
    load, so it works offline).
    """
    config: dict[str, Any] = {
        "topojsonURL": OFFLINE_TOPOJSON_URL,
        "displaylogo": False,
        "scrollZoom": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }
    if lang == "zh":
        config["locale"] = LOCALE
        config["locales"] = {LOCALE: {"dictionary": {t(k, "en"): t(k, "zh") for k in MODEBAR_KEYS}}}
    return config


# ---- text measure: how wide a line draws, so titles and notes wrap before the figure's edge --------------------


def char_em(ch: str) -> float:
    """Approximate advance of one character in em (Noto Sans CJK SC; a little generous for Latin)."""
    if unicodedata.east_asian_width(ch) in ("W", "F") or ch in "✔✖●○▲▼◔？":  # status shapes draw wide in a CJK font
        return 1.0
    if ch == " ":
        return 0.28
    if ch.isupper() or ch in "≥≤≈–—%":
        return 0.68
    if ch.isdigit():
        return 0.57
    if ch.isalpha():
        return 0.54
    return 0.36


def text_px(text: str, size: float) -> float:
    """Width in px of `text` drawn at `size` px: the widest of its lines (split at newlines)."""
    return max((sum(char_em(c) for c in line) * size for line in str(text).split("\n")), default=0.0)


def _tokens(text: str) -> list[str]:
    """Pieces a line may break between: a Latin word with its trailing space, or one wide (CJK) character."""
    out: list[str] = []
    word = ""
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        else:
            word += ch
            if ch == " ":
                out.append(word)
                word = ""
    if word:
        out.append(word)
    # A separator starts the next line rather than ending this one: "… (people)" / "· 2021 · ranked".
    glued: list[str] = []
    for tok in out:
        if glued and glued[-1].strip() in SEPARATORS:
            glued[-1] += tok
        else:
            glued.append(tok)
    return glued


SEPARATORS = ("·", "•", "-", "–", "—", "/")


def wrap(text: str, max_px: float, size: float) -> list[str]:
    """Greedy line breaks so no line draws wider than `max_px` (a Latin word longer than a line stays whole)."""
    lines: list[str] = []
    for para in str(text).split("\n"):
        line = ""
        for tok in _tokens(para):
            if line and text_px(line + tok.rstrip(), size) > max_px:
                lines.append(line.rstrip())
                line = tok.lstrip() if tok.strip() else ""
            else:
                line += tok
        lines.append(line.rstrip())
    return [x for x in lines if x] or []


def wrapped(text: str, max_px: float, size: float) -> str:
    """`wrap`, escaped and joined with plotly's <br>."""
    return "<br>".join(esc(x) for x in wrap(text, max_px, size))


# ---- the chart frame ---------------------------------------------------------------------------------------------


def sizes(large: bool) -> dict[str, int]:
    """Font sizes: presenter mode (large) reads from the back of a room."""
    base = 17 if large else 13
    return {"base": base, "title": base + 4, "note": base - 2 if large else 12}


LINE = 1.3  # line height in em


def frame(fig: go.Figure, title: str, *, height: int, width: float = 600, large: bool = False, source: str = "",
          note: str = "", bottom: float | None = None, left: float = 10, right: float = 24, top_extra: float = 0,
          legend: bool = False) -> go.Figure:
    """Title, fonts, margins, and the note and source line under the plot (inside the figure).

    `width` is the width the page gives the chart (px, an estimate); `bottom` the px the x axis needs under the
    plot (tick labels, rotated labels, axis title); `left` the px the y tick labels need; `top_extra` px of room
    above the plot for labels placed there (e.g. an average line's label); `legend` a legend row above the plot.
    """
    fs = sizes(large)
    title_lines = wrap(title, width - 16, fs["title"])
    title_px = len(title_lines) * fs["title"] * LINE
    legend_px = fs["base"] * 2 if legend else 0
    top = 10 + title_px + legend_px + top_extra + 8
    axis_px = fs["base"] * LINE + 12 if bottom is None else bottom
    text_w = width - 16
    note_lines = wrap(note, text_w, fs["note"]) if note else []
    src_lines = wrap(source, text_w, fs["note"]) if source else []
    notes_px = (len(note_lines) + len(src_lines)) * fs["note"] * LINE
    margin_b = axis_px + notes_px + (10 if notes_px else 0)
    annotations = list(fig.layout.annotations or [])
    y_shift = -axis_px
    for lines, color in ((note_lines, INK), (src_lines, SOURCE_INK)):
        if not lines:
            continue
        annotations.append(go.layout.Annotation(
            text="<br>".join(esc(x) for x in lines), xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top",
            xshift=-left + 6, yshift=y_shift, showarrow=False, align="left",
            font={"size": fs["note"], "color": color, "family": FONT}, name="source" if color == SOURCE_INK else "note"))
        y_shift -= len(lines) * fs["note"] * LINE
    fig.update_layout(
        # Anchored on the plot's top edge: plotly.js puts the first line's baseline there and the next lines
        # below it, so the padding lifts the title by its extra lines (1.3 em each, plotly's line spacing).
        title={"text": "<br>".join(esc(x) for x in title_lines), "x": 0, "xref": "container", "xanchor": "left",
               "y": 1, "yref": "paper", "yanchor": "bottom",
               "pad": {"b": legend_px + top_extra + 6 + (len(title_lines) - 1) * fs["title"] * LINE, "l": 8},
               "font": {"size": fs["title"]}},
        font={"family": FONT, "size": fs["base"]},
        height=height, margin={"l": left, "r": right, "t": top, "b": margin_b, "autoexpand": True},
        plot_bgcolor="white", paper_bgcolor="white",
        hoverlabel={"font": {"family": FONT}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        annotations=annotations,
    )
    fig.update_xaxes(gridcolor="#EEEEEE", zerolinecolor="#BBBBBB", automargin=True)
    fig.update_yaxes(gridcolor="#EEEEEE", automargin=True)
    return fig


def plot_height(fig: go.Figure) -> float:
    """The plot area's height in px under `frame`'s margins (automargin may still take a little more)."""
    m = fig.layout.margin
    return float(fig.layout.height) - float(m.t or 0) - float(m.b or 0)
