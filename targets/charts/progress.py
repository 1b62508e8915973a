"""Progress charts: the county × indicator scorecard, bullet bars (actual, target, expected to date) and the
cumulative trajectory. Each status has a colour AND a symbol, so no reading depends on colour alone.

Every status's inputs are in its hover (target in force, revision, actual, report date, expected, ratio), so an
official can check it by hand; a chart made from sample reports says 示例数据 in its title.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from targets.analysis.progress import STATUSES
from targets.charts.options import ChartOptions
from targets.charts.style import FONT, GOAL, INK, esc, frame, sizes, text_px, wrap
from targets.frame.fmt import number

# Colour-blind-safe (Tol) colours and a shape for each status, worst last in the legend's reading order.
STYLE: dict[str, tuple[str, str]] = {
    "done": ("#117733", "✔"),
    "on_track": ("#44AA99", "●"),
    "at_risk": ("#DDCC77", "▲"),
    "behind": ("#CC6677", "▼"),
    "overdue": ("#882255", "✖"),
    "not_reported": ("#BBBBBB", "○"),
    "stale": ("#AA4499", "◔"),
    "unassessable": ("#EEEEEE", "？"),
}
assert set(STYLE) == set(STATUSES)  # a status without a look would draw blank
LEGEND_ORDER = ("done", "on_track", "at_risk", "behind", "overdue", "stale", "not_reported", "unassessable")


def _fmt(value, fmt: str = "g") -> str:
    return "—" if value is None or (isinstance(value, float) and np.isnan(value)) else number(float(value), fmt)


def legend_extra(names: list[str], width: float, fs: Mapping[str, int]) -> float:
    """px more than one legend row takes above the plot: plotly wraps a long horizontal legend onto more rows."""
    entry = [text_px(n, fs["note"]) + 56 for n in names]  # the symbol, its gap and plotly's item padding
    rows, used = 1, 0.0
    for px in entry:
        if used and used + px > width - 60:
            rows, used = rows + 1, 0.0
        used += px
    return (rows - 1) * fs["note"] * 1.9 + 4


def hover(row: Mapping, *, words: Mapping[str, str], unit: str, fmt: str = "g") -> str:
    """Every input of one status, as lines an official can check (words: i18n texts keyed by input)."""
    lines = [f"<b>{esc(words['status_' + row['status']])}</b>"]
    lines.append(f"{esc(words['target'])}: {_fmt(row['target'], fmt)} {esc(unit)}")
    if row.get("revision"):
        lines.append(f"{esc(words['target_original'])}: {_fmt(row['target_original'], fmt)} {esc(unit)} · "
                     f"{esc(words['revision'])}: {esc(row['revision'])}")
    lines.append(f"{esc(words['actual'])}: {_fmt(row['actual'], fmt)} {esc(unit)}"
                 + (f" ({esc(words['as_of'])} {esc(row['as_of_report'])})" if row.get("as_of_report") else ""))
    lines.append(f"{esc(words['expected'])}: {_fmt(row['expected'], fmt)} {esc(unit)} · {esc(words['due'])} {esc(row['due'])}")
    ratio = row.get("ratio")
    if ratio is not None and not (isinstance(ratio, float) and np.isnan(ratio)) and np.isfinite(ratio):
        lines.append(f"{esc(words['ratio'])}: {ratio:.2f} ({esc(words['thresholds'])} {row['on_track_at']:g} / {row['at_risk_at']:g})")
    if row.get("level") == "city" and int(row.get("of") or 0) > 1:
        lines.append(esc(words["met_of"].format(met=int(row["met"]), of=int(row["of"]), reported=int(row["reported"]))))
    if row.get("report"):
        lines.append(f"{esc(words['report'])}: {esc(row['report'])}")
    return "<br>".join(lines)


def scorecard(df: pd.DataFrame, *, options: ChartOptions, title: str, rows: list[str], row_names: Mapping[str, str],
              status_names: Mapping[str, str], hovers: list[str]) -> go.Figure:
    """Indicators down (their long names fit on the left), counties across; each cell a square in its status's
    colour with its symbol. A click on a cell selects (county, indicator), the point's customdata."""
    fs = sizes(options.large)
    width, _ = options.size(900)
    counties = list(dict.fromkeys(df["county"]))
    col_names = [options.name(c) for c in counties]
    label_px = width * 0.34  # long indicator names wrap onto two lines rather than squeeze the grid
    ylabels = {r: "<br>".join(esc(x) for x in wrap(row_names.get(r, r), label_px, fs["base"])) for r in rows}
    left = max([min(text_px(row_names.get(r, r), fs["base"]), label_px) for r in rows] + [40]) + 14
    cell = max(18, min(40, (width - left - 30) / max(len(counties), 1) * 0.8))
    widest = max((text_px(n, fs["base"]) for n in col_names), default=0)

    def names_below(cell: float) -> tuple[int, float]:  # the county names' angle, and the height they take
        angle = 0 if widest < cell * 1.2 else -45
        return angle, (widest * 0.75 if angle else fs["base"] * 1.6) + 14

    angle, bottom = names_below(cell)
    if options.height:  # a slide fixes the height: the squares must fit the rows it leaves above the names
        rows_h = sum(max(1, ylabels[r].count("<br>") + 1) for r in rows) or 1
        for _ in range(2):  # smaller squares may tilt the names, which then take more height: settle once more
            plot_h = options.height - fs["title"] * 2.6 - fs["note"] * 5 - legend_extra(list(status_names.values()), width, fs) \
                - bottom - 40
            cell = max(12, min(cell, plot_h / max(len(rows), 1) * 0.82, plot_h / rows_h * 1.4))
            angle, bottom = names_below(cell)
    fig = go.Figure()
    for status in LEGEND_ORDER:
        part = df[df["status"] == status]
        colour, mark = STYLE[status]
        fig.add_trace(go.Scatter(
            x=[options.name(c) for c in part["county"]], y=[ylabels[i] for i in part["indicator"]],
            mode="markers+text", name=f"{mark} {status_names[status]}", text=[mark] * len(part),
            textfont={"size": max(10, int(cell * 0.45)), "color": INK if status in ("at_risk", "not_reported", "unassessable") else "white"},
            marker={"symbol": "square", "size": cell, "color": colour, "line": {"color": "#888888", "width": 1}},
            customdata=np.stack([part["county"].to_numpy(), part["indicator"].to_numpy()], axis=-1) if len(part) else None,
            hovertext=[hovers[i] for i in part.index], hoverinfo="text", showlegend=True))
    label_lines = sum(max(1, ylabels[r].count("<br>") + 1) for r in rows)
    height = options.height or int(140 + max(cell + 10, 16) * max(len(rows), 1) + 6 * label_lines + fs["title"] * 3)
    frame(fig, title, height=height, width=width, large=options.large, source=options.source, left=left, legend=True,
          bottom=bottom, top_extra=legend_extra(list(status_names.values()), width, fs) + fs["note"] * 0.8)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=col_names, showgrid=False, tickangle=angle,
                     automargin=True)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=[ylabels[r] for r in reversed(rows)],
                     showgrid=False, automargin=True)
    fig.update_layout(legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "xanchor": "left",
                              "font": {"size": fs["note"]}}, clickmode="event+select", dragmode=False)
    return fig


def bullets(df: pd.DataFrame, *, options: ChartOptions, title: str, status_names: Mapping[str, str],
            words: Mapping[str, str], hovers: list[str], fmt: str = "g") -> go.Figure:
    """One bar per county: the actual (in its status's colour, symbol at its end), a target tick and an
    expected-to-date diamond."""
    fs = sizes(options.large)
    names = [options.name(c) for c in df["county"]]
    width, _ = options.size(600)
    colours = [STYLE[s][0] for s in df["status"]]
    marks = [f"{STYLE[s][1]} {_fmt(a, fmt)}" for s, a in zip(df["status"], df["actual"])]
    fig = go.Figure()
    fig.add_trace(go.Bar(y=names, x=df["actual"].fillna(0), orientation="h", marker={"color": colours, "line": {"color": "#666666", "width": 0.5}},
                         name=words["actual"], hovertext=hovers, hoverinfo="text"))
    # The value is written right of whatever reaches furthest (bar, target tick, expected diamond): never under them.
    reach = np.nanmax(np.vstack([df["actual"].fillna(0).to_numpy(float), df["target"].to_numpy(float),
                                 df["expected"].to_numpy(float)]), axis=0) if len(df) else []
    fig.add_trace(go.Scatter(y=names, x=reach, mode="text", text=marks, textposition="middle right", cliponaxis=False,
                             textfont={"size": fs["note"]}, hoverinfo="skip", showlegend=False))
    fig.add_trace(go.Scatter(y=names, x=df["target"], mode="markers", name=words["target"],
                             marker={"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": INK}},
                             hovertext=hovers, hoverinfo="text"))
    fig.add_trace(go.Scatter(y=names, x=df["expected"], mode="markers", name=words["expected"],
                             marker={"symbol": "diamond-open", "size": 12, "line": {"width": 2, "color": GOAL}},
                             hovertext=hovers, hoverinfo="text"))
    left = max((text_px(n, fs["base"]) for n in names), default=40) + 14
    height = options.height or int(120 + 30 * max(len(df), 1) + fs["title"] * 3)
    frame(fig, title, height=height, width=width, large=options.large, source=options.source, left=left, legend=True,
          right=90, bottom=fs["base"] * 2 * 1.3 + 28)  # tick labels and the unit under the axis
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(title={"text": options.unit}, rangemode="tozero")
    fig.update_layout(barmode="overlay", showlegend=True)
    return fig


def trajectory(path: pd.DataFrame, actual: pd.DataFrame, projection: pd.DataFrame, *, options: ChartOptions,
               title: str, words: Mapping[str, str], note: str = "", goal: tuple[str, float] | None = None) -> go.Figure:
    """Cumulative amount over time: the targets' yearly path (a step at each period end), what was reported,
    the straight-line projection to the current period's end, and an overall goal line when there is one."""
    fs = sizes(options.large)
    width, _ = options.size(900)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=path["date"], y=path["value"], mode="lines+markers", name=words["path"],
                             line={"color": "#777777", "dash": "dot", "width": 2}, marker={"symbol": "square", "size": 8},
                             hovertemplate="%{x|%Y-%m-%d}: %{y:,.6~g} " + esc(options.unit) + "<extra>" + esc(words["path"]) + "</extra>"))
    if len(actual):
        fig.add_trace(go.Scatter(x=actual["date"], y=actual["value"], mode="lines+markers", name=words["actual"],
                                 line={"color": "#3182BD", "width": 3}, marker={"symbol": "circle", "size": 9},
                                 hovertemplate="%{x|%Y-%m-%d}: %{y:,.6~g} " + esc(options.unit) + "<extra>" + esc(words["actual"]) + "</extra>"))
    if len(projection):
        fig.add_trace(go.Scatter(x=projection["date"], y=projection["value"], mode="lines", name=words["projection"],
                                 line={"color": "#3182BD", "dash": "dash", "width": 2},
                                 hovertemplate="%{x|%Y-%m-%d}: %{y:,.6~g} " + esc(options.unit) + "<extra>" + esc(words["projection"]) + "</extra>"))
    if goal is not None:
        fig.add_hline(y=goal[1], line={"color": GOAL, "width": 2}, annotation_text=esc(goal[0]),
                      annotation_position="top left", annotation_font={"size": fs["note"], "color": GOAL, "family": FONT})
    height = options.height or 460
    frame(fig, title, height=height, width=width, large=options.large, source=options.source, note=note, legend=True,
          top_extra=fs["note"] * 1.5 if goal else 0)
    fig.update_yaxes(title={"text": options.unit}, rangemode="tozero")
    fig.update_xaxes(type="date", tickformat="%Y-%m")
    return fig
