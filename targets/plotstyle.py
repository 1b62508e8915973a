"""One look for every chart: fonts, colours, HTML escaping and the offline plotly config.

plotly.js renders a subset of HTML in titles, labels and hovers, so every
text that comes from config or data goes through `esc`: a county named
`<b>x</b>` shows those characters, not bold text.
"""

from __future__ import annotations

import html
from typing import Any

# Chinese in a Simplified-Chinese face on Linux (fonts-noto-cjk), Windows and macOS; Latin falls through.
FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
GREY = "#D0D0D0"
NO_DATA_COLOR = "#d9d9d9"
HIGHLIGHT = "#d62728"
GOAL = "#B2182B"
INK = "#1f2d3d"
# Colour-blind-safe sequential blues for periods (ColorBrewer Blues, printable).
PERIOD_COLORS = ["#9ECAE1", "#6BAED6", "#3182BD", "#08519C", "#08306B", "#C6DBEF", "#4292C6"]

# plotly.js fetches `<topojsonURL>/world_110m.json` for every geo subplot, even with a custom geojson;
# the default is a CDN, which hangs offline. A data: URL answers in-browser; the trailing '#' puts the
# appended file name into the fragment, so the payload stays this empty topology.
OFFLINE_TOPOJSON_URL = 'data:application/json,{"type":"Topology","objects":{},"arcs":[]}#'


def esc(text: object) -> str:
    return html.escape(str(text), quote=False)


def plotly_config(filename: str) -> dict[str, Any]:
    """Config for st.plotly_chart: offline maps, no logo, a sharp PNG named for its content, no scroll-zoom."""
    return {
        "topojsonURL": OFFLINE_TOPOJSON_URL,
        "displaylogo": False,
        "scrollZoom": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }
