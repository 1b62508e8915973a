"""The city's accumulated value year by year, as a plotly animation (slider and play button). No Streamlit here;
texts escaped as in charts/bars.py.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from targets.frame.fmt import number
from targets.charts.options import ChartOptions
from targets.charts.style import GOAL, LINE, PERIOD_COLORS, esc, frame, plot_height, sizes


def progress_animation(df: pd.DataFrame, *, options: ChartOptions, title: str, bar_name: str, target_name: str,
                       goal_name: str, play: str, pause: str, note: str = "", mark: str = "*") -> go.Figure:
    """Accumulated city value year by year, with a slider and a play button, against a goal line or yearly targets.

    `df` comes from views.progress: period, added, cumulative, added_label, target, target_label, goal, goal_label.
    The figure opens on the last year (everything visible); play replays from the first year. Bars above the
    goal carry `mark`, which `note` (under the chart, with its citation) explains. The yearly targets are drawn
    (and named in the legend) only when there are some.
    """
    width, height = options.size(900)
    unit_label, period_names, large = options.unit, options.period_names, options.large
    fs = sizes(large)
    x_all = [esc(period_names.get(p, p)) for p in df["period"]]
    goal = float(df["goal"].iloc[0]) if len(df) else math.nan
    has_targets = bool(df["target"].notna().any()) if len(df) else False
    top = max([v for v in list(df["cumulative"]) + list(df["target"]) + [goal] if v == v] or [1.0])

    def bar_text(v: float) -> str:
        if v != v:
            return ""
        return esc(number(v)) + (esc(mark) if note and goal == goal and v > goal + 1e-9 else "")

    def traces(k: int) -> list:
        part = df.iloc[: k + 1]
        shown = [esc(period_names.get(p, p)) for p in part["period"]]
        out = [go.Bar(x=shown, y=part["cumulative"], name=esc(bar_name), marker={"color": PERIOD_COLORS[2]},
                      text=[bar_text(v) for v in part["cumulative"]], textposition="outside", cliponaxis=False,
                      customdata=[[esc(a), esc(s), esc(r)] for a, s, r in zip(part["added_label"], part["source"], part["source_ref"])],
                      hovertemplate="%{x}: %{y:,.3~f} " + esc(unit_label) + "<br>+%{customdata[0]} · %{customdata[1]} %{customdata[2]}<extra></extra>")]
        if has_targets:
            out.append(go.Scatter(x=shown, y=part["target"], name=esc(target_name), mode="markers+text",
                                  marker={"symbol": "diamond", "size": 14, "color": GOAL},
                                  text=[esc(lbl) for lbl in part["target_label"]], textposition="middle right",
                                  customdata=[[esc(c)] for c in part["target_cites"]],
                                  hovertemplate="%{x}: %{text} " + esc(unit_label) + "<br>%{customdata[0]}<extra></extra>"))
        return out

    last = len(df) - 1
    fig = go.Figure(data=traces(last), frames=[go.Frame(data=traces(k), name=str(k)) for k in range(len(df))])
    if goal == goal:
        # The goal line, and a legend entry naming it (a line with no points), so every mark says what it is.
        fig.add_hline(y=goal, line_dash="dash", line_color=GOAL, line_width=2)
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=esc(f"{goal_name} {df['goal_label'].iloc[0]} {unit_label}"),
                                 line={"dash": "dash", "color": GOAL, "width": 2}, hoverinfo="skip"))
    axis_px = fs["base"] * LINE + 12
    controls_px = 68  # the play buttons and the slider with its year labels
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=x_all, range=[-0.5, len(x_all) - 0.5])
    fig.update_yaxes(title_text=esc(unit_label), range=[0, top * 1.2])
    fig = frame(fig, title, height=height or (500 if large else 470), width=width, large=large, source=options.source, note=note,
                bottom=axis_px + controls_px, left=fs["base"] * 3 + 24, legend=True)
    ph = max(80.0, plot_height(fig))
    y = -(axis_px + 4) / ph
    fig.update_layout(
        updatemenus=[{"type": "buttons", "direction": "left", "showactive": False, "x": 0, "y": y, "xanchor": "left",
                      "yanchor": "top", "pad": {"t": 0, "r": 6},
                      "buttons": [{"label": esc(play), "method": "animate",
                                   "args": [None, {"frame": {"duration": 900, "redraw": True}, "fromcurrent": False,
                                                   "transition": {"duration": 300}}]},
                                  {"label": esc(pause), "method": "animate",
                                   "args": [[None], {"mode": "immediate", "frame": {"duration": 0}}]}]}],
        sliders=[{"active": last, "x": 0.22, "len": 0.78, "y": y, "yanchor": "top", "pad": {"t": 0, "b": 0},
                  "currentvalue": {"visible": False},
                  "steps": [{"label": x, "method": "animate",
                             "args": [[str(k)], {"mode": "immediate", "frame": {"duration": 0, "redraw": True}}]}
                            for k, x in enumerate(x_all)]}])
    return fig
