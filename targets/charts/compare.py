"""Counties side by side: the compare page's heatmap (a row per target, a column per county) and the
profile page's bars of one county's share of each city total. No Streamlit here; texts escaped as in charts/bars.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pandas as pd
import plotly.graph_objects as go

from targets.analysis import semantics
from targets.frame.fmt import number
from targets.charts.bars import fit_text, label_margin
from targets.charts.options import ChartOptions
from targets.charts.style import HIGHLIGHT, LINE, esc, frame, sizes, text_px, wrapped


def compare_bars(df: pd.DataFrame, *, options: ChartOptions, title: str, mode: str, row_labels: list[str],
                 scale_title: str = "", reasons: Mapping[str, str] = MappingProxyType({})) -> go.Figure:
    """Picked counties side by side across targets: a table-like heatmap, a row per target, a column per county.

    mode 'raw': each cell shows the target as stated (with its sign); the colour is its size against the row's
    largest value (units differ between rows). 'share': % of the city total; 'rank': 1 = best (the largest, or
    the smallest of caps). `df` has columns county, key, value, share, rank, rank_n, label, status, and from
    views.share_and_rank share_none and rank_dir. Every county is labelled once, at the top; a '-' cell says
    'no task' (never an empty square that reads as missing data). A target with no share (minutes, rates,
    ranges, mixed forms) or no rank (caps beside minimums) reads '—', its hover saying why: `reasons` maps
    semantics.REASONS and semantics.UNRANKED ('') to those words.
    """
    width, height = options.size(900)
    names, large, highlight = options.names, options.large, options.highlight
    fs = sizes(large)
    df = df.assign(key=row_labels)
    counties = list(dict.fromkeys(df["county"]))
    keys = list(dict.fromkeys(df["key"]))

    def grid(col: str) -> pd.DataFrame:
        return df.pivot_table(index="key", columns="county", values=col, aggfunc="first", dropna=False).reindex(index=keys, columns=counties)

    if mode == "raw":
        values = grid("value")
        labels = df.pivot(index="key", columns="county", values="label").reindex(index=keys, columns=counties)
        row_max = values.max(axis=1).replace(0, float("nan"))
        z = values.div(row_max, axis=0) * 100
        text = [[esc(x) if isinstance(x, str) and v == v else "" for x, v in zip(lrow, vrow)]
                for lrow, vrow in zip(labels.to_numpy(), values.to_numpy())]
        scale = "Blues"
    elif mode == "share":
        z = grid("share")
        text = [[f"{number(v, '.1f')}%" if v == v else "" for v in row] for row in z.to_numpy()]
        scale = "Blues"
    else:
        z = grid("rank")
        rank_n = grid("rank_n")
        text = [[f"{int(v)}/{int(n)}" if v == v else "" for v, n in zip(row, nrow)] for row, nrow in zip(z.to_numpy(), rank_n.to_numpy())]
        scale = "Blues_r"
    words = options.no_value
    status = df.pivot(index="key", columns="county", values="status").reindex(index=keys, columns=counties)
    why = _why(df, mode, keys, counties, reasons)
    text = [[x if x else ("—" if w else esc(words.get(st if isinstance(st, str) else "missing", "")))
             for x, st, w in zip(row, srow, wrow)] for row, srow, wrow in zip(text, status.to_numpy(), why)]
    left = label_margin(keys, fs["base"])
    cell = fs["base"] + (6 if large else 10)
    if height is None:
        height = int(len(keys) * (cell + 4) + 2 * fs["base"] * LINE + 110)
    fig = go.Figure(go.Heatmap(
        z=z.to_numpy(), x=[esc(names.get(c, c)) for c in counties], y=[esc(k) for k in keys], text=text,
        texttemplate="%{text}", textfont={"size": fs["base"] - (1 if large else 0)}, colorscale=scale, xgap=2, ygap=2,
        colorbar={"title": {"text": wrapped(scale_title, 110, fs["note"]), "side": "top", "font": {"size": fs["note"]}},
                  "thickness": 12, "len": 0.8},
        customdata=[[f"<br>{esc(w)}" if w else "" for w in row] for row in why],
        hovertemplate="%{x}<br>%{y}: %{text}%{customdata}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(side="top", type="category", showgrid=False)
    fig.update_yaxes(showgrid=False)
    if highlight in counties:  # the highlighted county's column framed, as on every other chart
        i = counties.index(highlight)
        fig.add_shape(type="rect", xref="x", yref="paper", x0=i - 0.5, x1=i + 0.5, y0=0, y1=1,
                      line={"color": HIGHLIGHT, "width": 3}, fillcolor="rgba(0,0,0,0)", name="highlight")
    return frame(fig, title, height=height, width=width, large=large, source=options.source, left=left, bottom=6,
                 top_extra=fs["base"] * LINE + 8)


def _why(df: pd.DataFrame, mode: str, keys: list[str], counties: list[str], reasons: Mapping[str, str]) -> list[list[str]]:
    """Per cell, why a valued target has no share (share mode) or no rank (rank mode); '' where it has one."""
    col = {"share": "share_none", "rank": "rank_dir"}.get(mode)
    if col is None or col not in df:
        return [["" for _ in counties] for _ in keys]
    missing = df["share" if mode == "share" else "rank"].isna() & (df["status"] == "value")
    code = df[col].astype(object).fillna("").astype(str)
    if mode == "rank":  # only caps beside minimums say why; 市级 and 新区 are simply not ranked
        missing &= code == semantics.UNRANKED
    else:
        missing &= code != ""
    words = [reasons.get(c, "") if m else "" for c, m in zip(code, missing)]
    grid = df.assign(_why=words).pivot_table(index="key", columns="county", values="_why", aggfunc="first")
    grid = grid.reindex(index=keys, columns=counties)
    return [[w if isinstance(w, str) else "" for w in row] for row in grid.to_numpy()]


def share_bars(df: pd.DataFrame, *, options: ChartOptions, title: str, color: str) -> go.Figure:
    """A county's share of the city total per target (profile page). `df`: key, share, label, and optionally
    `text` (what each bar says; default the share)."""
    width, height = options.size(900)
    large = options.large
    fs = sizes(large)
    df = df[df["share"].notna()]
    texts = list(df["text"]) if "text" in df else [f"{number(s, '.1f')}%" for s in df["share"]]
    left = label_margin(df["key"], fs["base"])
    plot_w = max(100.0, width - left - 24)
    top = float(df["share"].max()) if len(df) else 10.0
    need = max([s * plot_w / max(plot_w - text_px(x, fs["base"]) - 10, 20) for s, x in zip(df["share"], texts)] + [10.0])
    fig = go.Figure(go.Bar(x=df["share"], y=[esc(k) for k in df["key"]], orientation="h", marker={"color": color},
                           text=[esc(x) for x in texts], textposition="outside", cliponaxis=False,
                           customdata=[[esc(x)] for x in df["label"]],
                           hovertemplate="%{y}<br>%{customdata[0]} · %{x:.1f}%<extra></extra>"))
    fig.update_yaxes(autorange="reversed", type="category")
    # No axis title: the chart's title says what the bars are (…占全市比重（%）).
    fig.update_xaxes(range=[0, max(need, top * 1.05)])
    height = height or max(300, int(len(df) * fs["base"] * 2.2 + 130))
    fig = frame(fig, title, height=height, width=width, large=large, source=options.source, left=left)
    return fit_text(fig, len(df), fs["base"])
