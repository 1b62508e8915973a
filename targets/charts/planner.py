"""Charts of the equipment planner: one chart per function, (df, *, options) -> go.Figure. No Streamlit here.

Same conventions as charts.py: every text from config, data or the user goes
through `esc`, and `plotstyle.frame` gives the shared look (title, margins, the source line in the figure).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from targets.frame.fmt import number
from targets.charts.options import ChartOptions
from targets.charts.style import GREY, esc, frame, sizes, text_px

# Okabe–Ito, colour-blind safe, one colour per item (yellow last: weak on white).
ITEM_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"]
TEXT_ON = {"#E69F00": "black", "#56B4E9": "black", "#F0E442": "black", "#CC79A7": "black"}  # dark text on light bars
BELOW = "#B2182B"   # a size below the gazette's minimum
OK_SIZE = "#4393C3"


def item_bars(df: pd.DataFrame, *, options: ChartOptions, title: str, item_names: dict[str, str],
              units: dict[str, str], y_title: str, size_word: str) -> go.Figure:
    """Grouped bars: one group per county, one bar per picked item; each bar's text is the planned quantity.

    `df` (planner_views.chart_rows) has columns county, item_id, quantity, label, unit, basis_zh, basis_en, working,
    size, source, source_ref. `item_names` are the legend labels (with unit), `units` the display units.
    """
    width, _ = options.size(1000)
    names, highlight, lang, large, source_word = options.names, options.highlight, options.lang, options.large, options.source_word
    fig = go.Figure()
    counties = list(dict.fromkeys(df["county"]))
    x = [esc(names.get(c, c)) for c in counties]
    basis_col = "basis_zh" if lang == "zh" else "basis_en"
    for i, (item, part) in enumerate(df.groupby("item_id", sort=False)):
        part = part.set_index("county").reindex(counties).reset_index()
        opacity = [1.0 if not highlight or c == highlight else 0.35 for c in part["county"]]
        custom = [[esc(names.get(c, c)), esc(item_names.get(item, item)), esc(lbl), esc(units.get(u, u)), esc(b), esc(w),
                   esc(number(s)), f"{esc(source_word)}: {esc(src)} {esc(ref)}"]
                  for c, lbl, u, b, w, s, src, ref in zip(part["county"], part["label"], part["unit"], part[basis_col],
                                                           part["working"], part["size"], part["source"], part["source_ref"])]
        fig.add_trace(go.Bar(
            x=x, y=part["quantity"], name=esc(item_names.get(item, item)),
            marker={"color": ITEM_COLORS[i % len(ITEM_COLORS)], "opacity": opacity},
            # Numbers inside each bar, turned upright to fit narrow bars; plotly hides any that cannot fit.
            text=[esc(s) for s in part["label"]], textposition="inside", textangle=-90, insidetextanchor="end",
            textfont={"size": 11, "color": TEXT_ON.get(ITEM_COLORS[i % len(ITEM_COLORS)], "white")}, customdata=custom,
            hovertemplate=("<b>%{customdata[0]}</b> · " + esc(size_word) + " %{customdata[6]}<br>"
                           "%{customdata[1]}: %{customdata[2]} %{customdata[3]}<br>"
                           "%{customdata[4]} → %{customdata[5]}<br>%{customdata[7]}<extra></extra>")))
    ymax = float(df["quantity"].max()) if len(df) else 1.0
    fig.update_layout(barmode="group", bargap=0.2, bargroupgap=0.05, uniformtext={"minsize": 9, "mode": "hide"})
    fig.update_yaxes(title_text=esc(y_title), range=[0, ymax * 1.08 if ymax > 0 else 1])
    fig.update_xaxes(type="category")
    # The legend names the items with their units (long in English): a column at the right never covers the title.
    legend_px = max((text_px(item_names.get(i, i), sizes(large)["base"]) for i in df["item_id"].unique()), default=0) + 50
    names_px = max((text_px(n, sizes(large)["base"]) for n in x), default=0)
    slanted = names_px > (width - legend_px - 80) / max(1, len(x)) - 4
    fig.update_xaxes(tickangle=-45 if slanted else 0)
    bottom = names_px * 0.72 + sizes(large)["base"] + 14 if slanted else None
    fig = frame(fig, title, height=480 if not large else 580, width=width, large=large, source=options.source, bottom=bottom,
                left=sizes(large)["base"] * 3 + 24, right=min(legend_px, width * 0.4))
    fig.update_layout(legend={"orientation": "v", "yanchor": "top", "y": 1.0, "xanchor": "left", "x": 1.01})
    return fig


def size_bars(df: pd.DataFrame, *, options: ChartOptions, title: str, size_word: str, minimum_word: str,
              below_word: str) -> go.Figure:
    """Planned team size per county (bars) against the gazette's minimum (a tick); below the minimum is red.

    `df` has columns county, size, minimum, minimum_label, minimum_cites (one row per county). Sizes at or
    above the minimum and sizes below it are two traces, so the legend names both colours.
    """
    width, _ = options.size(600)
    names, unit_label, source_word = options.names, options.unit, options.source_word
    highlight, large = options.highlight, options.large
    y = [esc(names.get(c, c)) for c in df["county"]]
    below = [s < m for s, m in zip(df["size"], df["minimum"])]
    custom = [[esc(names.get(c, c)), esc(number(s)), esc(m), f"{esc(source_word)}: {esc(ref)}"]
              for c, s, m, ref in zip(df["county"], df["size"], df["minimum_label"], df["minimum_cites"])]
    hover = ("<b>%{customdata[0]}</b><br>" + esc(size_word) + ": %{customdata[1]} " + esc(unit_label)
             + "<br>" + esc(minimum_word) + ": %{customdata[2]} " + esc(unit_label) + "<br>%{customdata[3]}<extra></extra>")
    fig = go.Figure()
    for name, color, want in ((size_word, OK_SIZE, False), (f"{size_word} · {below_word}", BELOW, True)):
        if want and not any(below):
            continue
        x = [s if b == want else None for s, b in zip(df["size"], below)]
        colors = [color if not highlight or c == highlight else GREY for c in df["county"]]
        fig.add_trace(go.Bar(
            x=x, y=y, orientation="h", name=esc(name), marker={"color": colors},
            text=[(f"{number(s)} ⚠" if want else number(s)) if b == want else "" for s, b in zip(df["size"], below)],
            textposition="auto", textangle=0, insidetextanchor="end", insidetextfont={"color": "white"},
            outsidetextfont={"color": "#222222"}, cliponaxis=False,
            customdata=custom, hovertemplate=hover))
    fig.add_trace(go.Scatter(
        x=df["minimum"], y=y, mode="markers", name=esc(minimum_word),
        marker={"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": "#222222"}, "color": "#222222"},
        customdata=custom, hovertemplate=hover))
    xmax = max(float(df["size"].max()), float(df["minimum"].max())) if len(df) else 1.0
    fig.update_layout(barmode="overlay")
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(range=[0, xmax * 1.15])  # the unit is in the title: an axis title would crowd the source line
    left = max((text_px(n, sizes(large)["base"]) for n in y), default=0) + 14
    return frame(fig, title, height=max(320, 30 * len(df) + 150), width=width, large=large, source=options.source, left=left,
                 legend=True)
