"""One chart per function: (df, *, options) -> go.Figure. No Streamlit here.

Every text that comes from config or data goes through `plotstyle.esc`
(plotly.js renders a subset of HTML in titles, labels and hovers).
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .fmt import label as value_label
from .fmt import localize, number
from .plotstyle import FONT, GOAL, GREY, HIGHLIGHT, PERIOD_COLORS, esc


def _style(fig: go.Figure, title: str, *, height: int = 420, large: bool = False) -> go.Figure:
    size = 20 if large else 14
    fig.update_layout(
        title={"text": esc(title), "x": 0, "xanchor": "left", "font": {"size": size + 4}},
        font={"family": FONT, "size": size},
        height=height, margin={"l": 10, "r": 30, "t": 60, "b": 40},
        plot_bgcolor="white", paper_bgcolor="white",
        hoverlabel={"font": {"family": FONT}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
    )
    fig.update_xaxes(gridcolor="#EEEEEE", zerolinecolor="#BBBBBB", automargin=True)
    fig.update_yaxes(gridcolor="#EEEEEE", automargin=True)
    return fig


def _colors(df: pd.DataFrame, highlight: str | None) -> list[str]:
    if not highlight:
        return list(df["color"])
    return [c if n == highlight else GREY for n, c in zip(df["county"], df["color"])]


def _hover(df: pd.DataFrame, names: pd.Series, unit_label: str, indicator_label: str, lang: str) -> list[list[str]]:
    src = "来源" if lang == "zh" else "Source"
    return [[esc(n), esc(lbl) if lbl else "", esc(unit_label), f"{src}: {esc(s)} {esc(r)}", esc(indicator_label)]
            for n, lbl, s, r in zip(names, df["label_shown"], df["source"], df["source_ref"])]


HOVER = "<b>%{customdata[0]}</b><br>%{customdata[4]}: %{customdata[1]} %{customdata[2]}<br>%{customdata[3]}<extra></extra>"


def ranked_bars(df: pd.DataFrame, *, title: str, unit_label: str, indicator_label: str, names: pd.Series,
                fmt: str = "g", highlight: str | None = None, reference: list[tuple[str, float]] = (),
                no_value_text: dict[str, str] | None = None, lang: str = "zh", large: bool = False,
                height: int | None = None, ref_fmt: str | None = None) -> go.Figure:
    """Horizontal bars, largest on top. Minimums (≥) and ranges keep their sign in the bar's text.

    `df` has columns county, value, upper, comparator, status, label, color, source, source_ref;
    `names` are the display names in the chosen language.
    """
    df = df.copy()
    df["label_shown"] = [lbl if st == "value" else (no_value_text or {}).get(st, "") for lbl, st in zip(df["label"], df["status"])]
    shown = [value_label(v, u, c, fmt, lang) if st == "value" else df_lbl
             for v, u, c, st, df_lbl in zip(df["value"], df["upper"], df["comparator"], df["status"], df["label_shown"])]
    # Bars go top-down in the given order.
    y = [esc(n) for n in names]
    fig = go.Figure(go.Bar(
        x=df["value"].fillna(0), y=y, orientation="h", marker={"color": _colors(df, highlight),
                                                               "pattern": {"shape": ["/" if c in ("ge", "range") else "" for c in df["comparator"]],
                                                                           "fgcolor": "white", "size": 6}},
        text=[esc(s) for s in shown], textposition="outside", cliponaxis=False,
        customdata=_hover(df, names, unit_label, indicator_label, lang), hovertemplate=HOVER, name=esc(indicator_label),
    ))
    fig.update_yaxes(autorange="reversed", type="category")
    vmax = df["value"].max()
    vmax = 1.0 if not vmax or math.isnan(vmax) else float(vmax)
    for text, value in reference:
        if value is None or math.isnan(value):
            continue
        fig.add_vline(x=value, line_dash="dash", line_color="#444444",
                      annotation_text=esc(f"{text} {number(value, ref_fmt or fmt)}"), annotation_position="bottom right")
        vmax = max(vmax, value)
    fig.update_xaxes(range=[0, vmax * 1.22], title_text=esc(unit_label))
    return _style(fig, title, height=height or max(320, 34 * len(df) + 110), large=large)


def period_bars(df: pd.DataFrame, *, title: str, unit_label: str, indicator_label: str, names: dict[str, str],
                period_names: dict[str, str], highlight: str | None = None, lang: str = "zh",
                no_value_text: dict[str, str] | None = None, large: bool = False) -> go.Figure:
    """Grouped bars: one group per county, one bar per period. '-' cells show their meaning, not 0."""
    fig = go.Figure()
    counties = list(dict.fromkeys(df["county"]))
    for i, (period, part) in enumerate(df.groupby("period", sort=False)):
        part = part.set_index("county").reindex(counties).reset_index()
        part["label_shown"] = [lbl if st == "value" else (no_value_text or {}).get(st, "")
                               for lbl, st in zip(part["label"].fillna("").map(lambda x: localize(x, lang)), part["status"].fillna("blank"))]
        opacity = [1.0 if not highlight or c == highlight else 0.35 for c in part["county"]]
        fig.add_trace(go.Bar(
            x=[esc(names.get(c, c)) for c in part["county"]], y=part["value"],
            name=esc(period_names.get(period, period)), marker={"color": PERIOD_COLORS[i % len(PERIOD_COLORS)], "opacity": opacity},
            text=[esc(s) for s in part["label_shown"]], textposition="outside", cliponaxis=False,
            customdata=_hover(part.fillna({"source": "", "source_ref": ""}), part["county"].map(lambda c: names.get(c, c)),
                              unit_label, f"{indicator_label} · {period_names.get(period, period)}", lang),
            hovertemplate=HOVER))
    # '-' cells: a mark on the baseline, so "no task" is visible and never drawn as a zero bar.
    gaps = df[df["status"] == "no_task"]
    if len(gaps):
        word = (no_value_text or {}).get("no_task", "-")
        fig.add_trace(go.Scatter(
            x=[esc(names.get(c, c)) for c in gaps["county"]], y=[0] * len(gaps), mode="markers",
            marker={"symbol": "line-ew-open", "size": 14, "color": "#555555", "line": {"width": 2}},
            name=esc(f"- = {word}"),
            customdata=[[esc(names.get(c, c)), esc(period_names.get(p, p))] for c, p in zip(gaps["county"], gaps["period"])],
            hovertemplate="%{customdata[0]} · %{customdata[1]}: " + esc(word) + "<extra></extra>"))
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_yaxes(title_text=esc(unit_label), rangemode="tozero")
    fig.update_xaxes(type="category")
    return _style(fig, title, height=440, large=large)


def city_periods(df: pd.DataFrame, *, title: str, unit_label: str, indicator_label: str, period_names: dict[str, str],
                 kind_names: dict[str, str], goal: tuple[str, float] | None = None, cumulative: bool = False,
                 lang: str = "zh", large: bool = False) -> go.Figure:
    """Whole-city value per period (stated totals, or the text's figures), optionally cumulative against a goal."""
    x_all = [esc(period_names.get(p, p)) for p in df["period"]]
    values = df["value"].cumsum() if cumulative else df["value"]
    df = df.assign(shown=values)
    fig = go.Figure()
    # One trace per kind, so the legend says which bars are table totals and which the text's figures.
    for kind, color in (("stated_total", PERIOD_COLORS[2]), ("text", PERIOD_COLORS[0])):
        part = df[df["kind"] == kind]
        if part.empty:
            continue
        fig.add_trace(go.Bar(
            x=[esc(period_names.get(p, p)) for p in part["period"]], y=part["shown"], marker={"color": color},
            text=[esc(number(v)) if cumulative else esc(localize(lbl, lang)) for v, lbl in zip(part["shown"], part["label"])],
            textposition="outside", cliponaxis=False, name=esc(kind_names.get(kind, kind)),
            customdata=[[esc(period_names.get(p, p)), esc(localize(lbl, lang)), esc(unit_label), f"{esc(s)} {esc(r)}", esc(indicator_label)]
                        for p, lbl, s, r in zip(part["period"], part["label"], part["source"], part["source_ref"])],
            hovertemplate=HOVER))
    fig.update_layout(barmode="overlay")
    ymax = float(values.max()) if len(values) else 1.0
    if goal is not None:
        fig.add_hline(y=goal[1], line_dash="dash", line_color=GOAL,
                      annotation_text=esc(f"{goal[0]} {number(goal[1])} {unit_label}"), annotation_position="top left")
        ymax = max(ymax, goal[1])
    fig.update_yaxes(title_text=esc(unit_label), range=[0, ymax * 1.2])
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=x_all)
    return _style(fig, title, height=380, large=large)


def compare_bars(df: pd.DataFrame, *, title: str, mode: str, names: dict[str, str], colors: dict[str, str],
                 row_labels: list[str], lang: str = "zh", large: bool = False, highlight: str | None = None) -> go.Figure:
    """Picked counties side by side across indicators.

    mode 'raw': one small panel per indicator (units differ); 'share': % of city total; 'rank': 1 = largest.
    `df` has columns county, key (indicator·period label with unit), value, share, rank, rank_n, label.
    """
    df = df.assign(key=row_labels)
    counties = list(dict.fromkeys(df["county"]))
    if mode == "raw":
        keys = list(dict.fromkeys(df["key"]))
        fig = make_subplots(rows=len(keys), cols=1, subplot_titles=[esc(k) for k in keys],
                            vertical_spacing=min(0.08, 0.9 / max(1, len(keys))))
        for r, key in enumerate(keys, start=1):
            part = df[df["key"] == key].set_index("county").reindex(counties).reset_index()
            fig.add_trace(go.Bar(x=part["value"], y=[esc(names.get(c, c)) for c in part["county"]], orientation="h",
                                 marker={"color": [colors.get(c, GREY) for c in part["county"]]},
                                 text=[esc(x) for x in part["label"].fillna("")], textposition="outside", cliponaxis=False,
                                 showlegend=False, hovertemplate="%{y}: %{text}<extra></extra>"), row=r, col=1)
            fig.update_yaxes(autorange="reversed", row=r, col=1)
        height = max(360, len(keys) * (26 * len(counties) + 60) + 80)
        return _style(fig, title, height=height, large=large)
    # Shares and ranks share one scale, so a table-like heatmap reads best: a row per target, a column per county.
    keys = list(dict.fromkeys(df["key"]))
    grid = df.pivot_table(index="key", columns="county", values="share" if mode == "share" else "rank", aggfunc="first",
                          dropna=False).reindex(index=keys, columns=counties)
    rank_n = df.pivot_table(index="key", columns="county", values="rank_n", aggfunc="first", dropna=False).reindex(index=keys, columns=counties)
    if mode == "share":
        text = [[f"{number(v, '.1f')}%" if v == v else "" for v in row] for row in grid.to_numpy()]
        scale, bar_title = "Blues", ("占全市比重（%）" if lang == "zh" else "Share of city total (%)")
    else:
        text = [[f"{int(v)}/{int(n)}" if v == v else "" for v, n in zip(row, nrow)] for row, nrow in zip(grid.to_numpy(), rank_n.to_numpy())]
        scale, bar_title = "Blues_r", ("排名（1 = 最大）" if lang == "zh" else "Rank (1 = largest)")
    fig = go.Figure(go.Heatmap(
        z=grid.to_numpy(), x=[esc(names.get(c, c)) for c in counties], y=[esc(k) for k in keys], text=text,
        texttemplate="%{text}", colorscale=scale, xgap=2, ygap=2, colorbar={"title": {"text": bar_title, "side": "right"}},
        hovertemplate="%{x}<br>%{y}: %{text}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(side="top", type="category")
    if highlight in counties:  # the highlighted county's column framed, as on every other chart
        i = counties.index(highlight)
        fig.add_shape(type="rect", xref="x", yref="paper", x0=i - 0.5, x1=i + 0.5, y0=0, y1=1,
                      line={"color": HIGHLIGHT, "width": 3}, fillcolor="rgba(0,0,0,0)")
    return _style(fig, title, height=max(360, 30 * len(keys) + 140), large=large)


def share_bars(df: pd.DataFrame, *, title: str, color: str, lang: str = "zh", large: bool = False) -> go.Figure:
    """A county's share of the city total per target (profile page). `df`: key, share, label."""
    df = df[df["share"].notna()]
    fig = go.Figure(go.Bar(x=df["share"], y=[esc(k) for k in df["key"]], orientation="h", marker={"color": color},
                           text=[f"{number(s, '.1f')}%" for s in df["share"]], textposition="outside", cliponaxis=False,
                           customdata=[[esc(x)] for x in df["label"]],
                           hovertemplate="%{y}<br>%{customdata[0]} · %{x:.1f}%<extra></extra>"))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(title_text="占全市比重（%）" if lang == "zh" else "Share of city total (%)",
                     range=[0, max(10.0, float(df["share"].max() if len(df) else 10) * 1.25)])
    return _style(fig, title, height=max(300, 30 * len(df) + 120), large=large)


def progress_animation(df: pd.DataFrame, *, title: str, unit_label: str, bar_name: str, target_name: str,
                       goal_name: str, period_names: dict[str, str], lang: str = "zh", large: bool = False) -> go.Figure:
    """Accumulated city value year by year, with a slider and a play button, against a goal line or yearly targets.

    `df` comes from views.progress: period, added, cumulative, added_label, target, target_label, goal, goal_label.
    The figure opens on the last year (everything visible); play replays from the first year.
    """
    x_all = [esc(period_names.get(p, p)) for p in df["period"]]
    top = max([v for v in list(df["cumulative"]) + list(df["target"]) + list(df["goal"]) if v == v] or [1.0])

    def traces(k: int) -> list:
        part = df.iloc[: k + 1]
        shown = [esc(period_names.get(p, p)) for p in part["period"]]
        out = [go.Bar(x=shown, y=part["cumulative"], name=esc(bar_name), marker={"color": PERIOD_COLORS[2]},
                      text=[esc(number(v)) if v == v else "" for v in part["cumulative"]], textposition="outside",
                      cliponaxis=False,
                      customdata=[[esc(a), esc(s), esc(r)] for a, s, r in zip(part["added_label"], part["source"], part["source_ref"])],
                      hovertemplate="%{x}: %{y:,.3~f} " + esc(unit_label) + "<br>+%{customdata[0]} · %{customdata[1]} %{customdata[2]}<extra></extra>")]
        out.append(go.Scatter(x=shown, y=part["target"], name=esc(target_name), mode="markers+text",
                              marker={"symbol": "diamond", "size": 14, "color": GOAL},
                              text=[esc(lbl) for lbl in part["target_label"]], textposition="middle right",
                              customdata=[[esc(c)] for c in part["target_cites"]],
                              hovertemplate="%{x}: %{text} " + esc(unit_label) + "<br>%{customdata[0]}<extra></extra>"))
        return out

    last = len(df) - 1
    fig = go.Figure(data=traces(last), frames=[go.Frame(data=traces(k), name=str(k)) for k in range(len(df))])
    goal = df["goal"].iloc[0] if len(df) else math.nan
    if goal == goal:
        fig.add_hline(y=goal, line_dash="dash", line_color=GOAL,
                      annotation_text=esc(f"{goal_name} {df['goal_label'].iloc[0]} {unit_label}"), annotation_position="top left")
    play, pause = ("▶ 播放", "⏸ 暂停") if lang == "zh" else ("▶ Play", "⏸ Pause")
    fig.update_layout(
        updatemenus=[{"type": "buttons", "showactive": False, "x": 0, "y": -0.18, "xanchor": "left", "yanchor": "top",
                      "buttons": [{"label": play, "method": "animate",
                                   "args": [None, {"frame": {"duration": 900, "redraw": True}, "fromcurrent": False,
                                                   "transition": {"duration": 300}}]},
                                  {"label": pause, "method": "animate",
                                   "args": [[None], {"mode": "immediate", "frame": {"duration": 0}}]}]}],
        sliders=[{"active": last, "x": 0.18, "len": 0.8, "y": -0.12, "currentvalue": {"prefix": ""},
                  "steps": [{"label": x, "method": "animate",
                             "args": [[str(k)], {"mode": "immediate", "frame": {"duration": 0, "redraw": True}}]}
                            for k, x in enumerate(x_all)]}])
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=x_all, range=[-0.5, len(x_all) - 0.5])
    fig.update_yaxes(title_text=esc(unit_label), range=[0, top * 1.2])
    fig = _style(fig, title, height=460, large=large)
    fig.update_layout(margin={"b": 120})
    return fig
