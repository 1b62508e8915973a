"""Bar charts of one indicator: counties ranked, each county per period, the whole city per period.

One chart per function: (df, *, options) -> go.Figure. No Streamlit here.
Every text that comes from config or data goes through `plotstyle.esc`
(plotly.js renders a subset of HTML in titles, labels and hovers); every word
around the data comes in as an option (from i18n.yaml via the page).
`width` is the px the page gives a chart: titles wrap to it and labels that
would collide are moved or left out (plotly.js does neither by itself).
The compare heatmap and the profile's share bars are in charts/compare.py, the year-by-year animation in
charts/animation.py.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from targets.frame.fmt import label as value_label
from targets.frame.fmt import localize, number
from targets.charts.options import ChartOptions
from targets.charts.style import GOAL, GREY, LINE, PERIOD_COLORS, esc, frame, plot_height, sizes, text_px
TEXT_PAD = 4  # px between a bar's end and its outside text (plotly.js)


def _colors(df: pd.DataFrame, highlight: str | None) -> list[str]:
    if not highlight:
        return list(df["color"])
    return [c if n == highlight else GREY for n, c in zip(df["county"], df["color"])]


def _cite(word: str, source: str, ref: str) -> str:
    return f"{esc(word)}: {esc(source)} {esc(ref)}" if word else f"{esc(source)} {esc(ref)}"


def _hover(df: pd.DataFrame, names, unit_label: str, indicator_label: str, source_word: str) -> list[list[str]]:
    return [[esc(n), esc(lbl) if lbl else "", esc(unit_label), _cite(source_word, s, r), esc(indicator_label)]
            for n, lbl, s, r in zip(names, df["label_shown"], df["source"], df["source_ref"])]


HOVER = "<b>%{customdata[0]}</b><br>%{customdata[4]}: %{customdata[1]} %{customdata[2]}<br>%{customdata[3]}<extra></extra>"


def label_margin(labels, size: float) -> float:
    """px the y tick labels need (plotly's automargin may still add a little)."""
    return max((text_px(str(x), size) for x in labels), default=0.0) + 14


def ranked_bars(df: pd.DataFrame, *, options: ChartOptions, title: str, fmt: str = "g",
                reference: list[tuple[str, float]] = (), ref_fmt: str | None = None) -> go.Figure:
    """Horizontal bars in `df`'s order (views.ranked: best on top). Minimums (≥) and ranges keep their sign in
    the bar's text; a range's bar spans from its low to its high end.

    `df` has columns county, value, upper, comparator, status, label, color, source, source_ref;
    `names` are the display names in the chosen language. A reference line (the county average) is labelled
    above the plot and leaves a gap wherever it would cross a bar's text.
    """
    width, height = options.size(600)
    lang, large, highlight = options.lang, options.large, options.highlight
    names = [options.name(c) for c in df["county"]]
    df = df.copy()
    fs = sizes(large)
    df["label_shown"] = [lbl if st == "value" else options.no_value.get(st, "") for lbl, st in zip(df["label"], df["status"])]
    shown = [value_label(v, u, c, fmt, lang) if st == "value" else df_lbl
             for v, u, c, st, df_lbl in zip(df["value"], df["upper"], df["comparator"], df["status"], df["label_shown"])]
    y = [esc(n) for n in names]
    # A range is drawn as a range: a bar from its low end to its high end (never a bar of its low end alone).
    is_range = [c == "range" and st == "value" for c, st in zip(df["comparator"], df["status"])]
    lows = [float(v) if r else 0.0 for v, r in zip(df["value"].fillna(0), is_range)]
    values = [float(u) if r else float(v) for v, u, r in zip(df["value"].fillna(0), df["upper"], is_range)]
    left = label_margin(names, fs["base"])
    plot_w = max(100.0, width - left - 24)
    # The x range leaves room for the longest outside text at the end of its bar.
    text_w = [text_px(s, fs["base"]) + TEXT_PAD + 6 for s in shown]
    refs = [(txt, float(v)) for txt, v in reference if v is not None and not math.isnan(v)]
    need = max([v * plot_w / max(plot_w - w, 20) for v, w in zip(values, text_w)] + [0.0])
    xmax = max(need, max(values + [0.0]) * 1.05, *(v * 1.05 for _, v in refs), 1.0)
    fig = go.Figure(go.Bar(
        x=[v - lo for v, lo in zip(values, lows)], y=y, orientation="h", **({"base": lows} if any(is_range) else {}),
        marker={"color": _colors(df, highlight),
                "pattern": {"shape": ["/" if c in ("ge", "range") else "" for c in df["comparator"]],
                            "fgcolor": "white", "size": 6}},
        text=[esc(s) for s in shown], textposition="outside", cliponaxis=False, textfont={"size": fs["base"]},
        customdata=_hover(df, names, options.unit, options.indicator, options.source_word), hovertemplate=HOVER,
        name=esc(options.indicator),
    ))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(range=[0, xmax])
    top_extra = _reference_lines(fig, refs, values, text_w, ppu=plot_w / xmax, plot_w=plot_w, size=fs["note"],
                                 fmt=ref_fmt or fmt)
    rows = max(1, len(df))
    height = height or max(300, int(rows * fs["base"] * 2.3 + 120))
    fig = frame(fig, title, height=height, width=width, large=large, source=options.source, left=left, top_extra=top_extra)
    return fit_text(fig, rows, fs["base"])


def _reference_lines(fig: go.Figure, refs: list[tuple[str, float]], values: list[float], text_w: list[float], *,
                     ppu: float, plot_w: float, size: float, fmt: str) -> float:
    """Dashed reference lines (e.g. the county average), labelled above the plot; returns the px they need there.

    `ppu` is px per data unit; `text_w` the px of each bar's outside text (a line leaves a gap where it crosses one).
    """
    shapes, top_extra = [], 0.0
    for text, value in refs:
        # Gaps where the dashed line would cross a bar's text (the text starts just after the bar's end).
        crossed = [v * ppu + 1 <= value * ppu <= v * ppu + w + 4 for v, w in zip(values, text_w)]
        start = None
        for i, c in enumerate(crossed + [True]):
            if not c and start is None:
                start = i
            elif c and start is not None:
                shapes.append({"type": "line", "xref": "x", "yref": "y", "x0": value, "x1": value, "y0": start - 0.5,
                               "y1": i - 0.5, "line": {"dash": "dash", "color": "#444444", "width": 1.5}, "name": "reference"})
                start = None
        label_right = value * ppu + text_px(f"{text} {number(value, fmt)}", size) > plot_w
        fig.add_annotation(text=esc(f"{text} {number(value, fmt)}"), x=value, xref="x", y=1, yref="paper",
                           yanchor="bottom", xanchor="right" if label_right else "left", showarrow=False,
                           font={"size": size, "color": "#444444"}, name="reference")
        top_extra = size * LINE + 2
    fig.update_layout(shapes=shapes)
    return top_extra


def fit_text(fig: go.Figure, rows: int, size: float) -> go.Figure:
    """Outside bar text at one size that fits each bar's band (plotly.js would shrink each label differently)."""
    band = plot_height(fig) / max(1, rows)
    fig.update_traces(selector={"type": "bar"}, constraintext="none", textfont={"size": max(9.0, min(size, band * 0.72))})
    return fig


def _period_text_mode(bar_px: float, label_px: float, size: float) -> str:
    """How a by-period bar shows its value: across, upright, or not at all (the hover still has it)."""
    if bar_px >= label_px + 2:
        return "across"
    if bar_px >= size * 1.1:
        return "upright"
    return "none"


def period_bars(df: pd.DataFrame, *, options: ChartOptions, title: str) -> go.Figure:
    """Grouped bars: one group per county, one bar per period. '-' cells show their meaning, not 0.

    Value labels never overprint: across the bar when it is wide enough, upright when it is at least one line
    tall, else left to the hover.
    """
    width, height = options.size(900)
    unit_label, indicator_label, lang, large = options.unit, options.indicator, options.lang, options.large
    names, period_names, highlight, no_value_text = options.names, options.period_names, options.highlight, options.no_value
    fs = sizes(large)
    fig = go.Figure()
    counties = list(dict.fromkeys(df["county"]))
    periods = list(dict.fromkeys(df["period"]))
    x_names = [esc(names.get(c, c)) for c in counties]
    left = fs["base"] * 3 + 24  # y tick numbers and the unit title
    plot_w = max(100.0, width - left - 24)
    group_px = plot_w / max(1, len(counties))
    bar_px = group_px * (1 - 0.25) / max(1, len(periods))
    text_size = fs["note"]
    labels = df["label"].fillna("").astype(str).map(lambda x: localize(x, lang))
    mode = _period_text_mode(bar_px, max((text_px(s, text_size) for s in labels), default=0.0), text_size)
    for i, (period, part) in enumerate(df.groupby("period", sort=False)):
        part = part.set_index("county").reindex(counties).reset_index()
        part["label_shown"] = [lbl if st == "value" else (no_value_text or {}).get(st, "")
                               for lbl, st in zip(part["label"].fillna("").map(lambda x: localize(x, lang)), part["status"].fillna("blank"))]
        opacity = [1.0 if not highlight or c == highlight else 0.35 for c in part["county"]]
        value_text = [esc(s) if st == "value" else "" for s, st in zip(part["label_shown"], part["status"].fillna(""))]
        # A range stands from its low end to its high end, as in ranked_bars.
        is_range = (part["comparator"] == "range") & (part["status"] == "value")
        lows, tops = part["value"].where(is_range, 0.0), part["upper"].where(is_range, part["value"])
        spans = {"y": tops - lows, "base": lows.tolist()} if is_range.any() else {"y": part["value"]}
        fig.add_trace(go.Bar(
            x=x_names, **spans,
            name=esc(period_names.get(period, period)), marker={"color": PERIOD_COLORS[i % len(PERIOD_COLORS)], "opacity": opacity},
            text=value_text if mode != "none" else None, textposition="outside", cliponaxis=False, constraintext="none",
            textangle=-90 if mode == "upright" else 0, textfont={"size": text_size},
            customdata=_hover(part.fillna({"source": "", "source_ref": ""}), part["county"].map(lambda c: names.get(c, c)),
                              unit_label, f"{indicator_label} · {period_names.get(period, period)}", options.source_word),
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
    # County names across when they fit their group, else slanted (and the axis given their room).
    name_px = max((text_px(n, fs["base"]) for n in x_names), default=0.0)
    slanted = name_px > group_px - 4
    bottom = (name_px * 0.72 + fs["base"] + 14) if slanted else fs["base"] * LINE + 12
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_yaxes(title_text=esc(unit_label), rangemode="tozero")
    fig.update_xaxes(type="category", tickangle=-45 if slanted else 0)
    fig = frame(fig, title, height=height or (520 if large else 440), width=width, large=large, source=options.source,
                bottom=bottom, left=left, legend=True)
    # Head room for the labels above the tallest bar.
    tops = df["upper"].where(df["comparator"] == "range", df["value"])  # a range's bar reaches its high end
    ymax = float(tops.max()) if tops.notna().any() else 1.0
    room = {"across": text_size * LINE + 6, "upright": max((text_px(s, text_size) for s in labels), default=0.0) + 8,
            "none": 4.0}[mode]
    ph = max(80.0, plot_height(fig))
    fig.update_yaxes(range=[0, max(ymax, 1e-9) / max(0.3, 1 - room / ph)])
    return fig


def city_periods(df: pd.DataFrame, *, options: ChartOptions, title: str, kind_names: dict[str, str],
                 goal: tuple[str, float] | None = None, cumulative: bool = False) -> go.Figure:
    """Whole-city value per period (stated totals, or the text's figures), optionally cumulative against a goal."""
    width, _ = options.size(600)
    unit_label, indicator_label, lang, large = options.unit, options.indicator, options.lang, options.large
    period_names = options.period_names
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
    return frame(fig, title, height=400 if large else 380, width=width, large=large, source=options.source,
                 left=sizes(large)["base"] * 3 + 24, legend=True)
