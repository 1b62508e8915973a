"""A theme page's progress view (目标 / 进度 switch): how its counties are doing at an as-of date.

The map coloured by % of target with each county's status symbol and percentage written on it (so it reads
without colour), bullet bars (actual, target tick, expected-to-date diamond), and the city's trajectory with the
rate still needed. Presenting, the bars and the map side by side, frozen at the slide's date.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from targets.analysis import progress_views, tracking, trajectory, views
from targets.charts import progress as progress_charts
from targets.charts.registry import chart
from targets.frame.i18n import t
from targets.inputs import boundaries
from targets.ui import blocks, paging, session
from targets.ui.context import PageContext

BARS = 30  # bullet bars per page: a half-width chart keeps their names and values legible


def tracked_indicators(ctx: PageContext, theme: str) -> list[str]:
    theme_ids = {i.id for th in ctx.config.themes if th.id == theme for i in th.indicators}
    return [i for i in progress_views.indicator_order(ctx.project) if i in theme_ids]


def _words(ctx: PageContext) -> dict[str, str]:
    lang = ctx.lang
    return {**{f"status_{s}": w for s, w in progress_views.status_words(lang).items()},
            **{k: ctx.text(f"progress_{k}") for k in ("target", "target_original", "revision", "expected", "ratio",
                                                        "thresholds", "due", "report", "met_of")},
            "actual": ctx.text("progress_actual_short"), "as_of": ctx.text("progress_as_of_short")}


def _map_rows(ctx: PageContext, rows: pd.DataFrame) -> pd.DataFrame:
    """On-map counties with their % of target, and the status symbol and % written under each name."""
    adcode = {c.name: c.adcode or "" for c in ctx.config.counties}
    on_map = {c.name: c.on_map for c in ctx.config.counties}
    part = rows[rows["county"].map(on_map).fillna(False).astype(bool)]
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(part["target"] > 0, part["actual"] / part["target"] * 100, np.nan)
    pct = np.where(part["kind"] == "at_most", np.where(part["actual"] > 0, part["target"] / part["actual"] * 100, np.nan), pct)
    labels = [f"{progress_views.SYMBOLS[s]} {p:.0f}%" if p == p else f"{progress_views.SYMBOLS[s]} {ctx.text('status_' + s)}"
              for s, p in zip(part["status"], pct)]
    return pd.DataFrame({"county": part["county"].to_numpy(), "adcode": part["county"].map(adcode).to_numpy(),
                         "value": np.clip(pct, 0, 150), "label_shown": labels,
                         "status_shown": [progress_views.status_label(s, ctx.lang) for s in part["status"]]})


def theme_view(ctx: PageContext, theme: str) -> None:
    project, labels, lang = ctx.project, ctx.labels, ctx.lang
    indicators = tracked_indicators(ctx, theme)
    if not indicators:
        st.info(ctx.text("progress_no_targets"))
        return
    first, last = progress_views.date_range(project)
    default = min(max(tracking.default_as_of(project), first), last)
    tgt = tracking.targets(project)
    if ctx.presenting:
        indicator = session.chosen(indicators, key=f"ind:{theme}", default=indicators[0])
        as_of = session.chosen_date(key="asof", default=default, first=first, last=last)
    else:
        c1, c2, c3 = st.columns(3)
        with c1:
            indicator = session.select(ctx.text("indicator"), indicators, key=f"ind:{theme}", default=indicators[0],
                                       format_func=lambda x: labels.indicators.get(x, x))
        with c3:
            as_of = session.pick_date(ctx.text("progress_as_of"), key="asof", default=default, first=first, last=last)
    periods = [p.id for p in ctx.config.periods if p.id in set(tgt.loc[tgt["indicator"] == indicator, "period"])]
    now = tracking.current_period(project, indicator, as_of)
    if ctx.presenting:
        period = session.chosen(periods, key=f"period:{theme}", default=now)
    else:
        with c2:
            period = session.select(ctx.text("period"), periods, key=f"period:{theme}", default=now,
                                    format_func=lambda x: labels.periods.get(x, x))
    session.publish(ind=indicator, period=period, asof=as_of.isoformat(), view="progress")

    table = tracking.status_table(project, as_of, theme)
    rows = table[(table["indicator"] == indicator) & (table["period"] == period)]
    county_rows = rows[rows["level"] == "county"].sort_values("ratio", ascending=False, kind="stable").reset_index(drop=True)
    city_rows = rows[rows["level"] == "city"]
    sample = tracking.is_sample(rows)
    if sample and not ctx.presenting:
        st.warning(ctx.text("progress_sample_banner"))
    ind_cfg = views.indicator(ctx.config, indicator)
    unit = labels.unit(ind_cfg.unit)
    mark = f" · {ctx.text('progress_sample')}" if sample else ""
    if not ctx.presenting and len(city_rows):
        city = city_rows.iloc[0]
        m = st.columns(3)
        m[0].metric(f"{labels.counties.get(city['county'], city['county'])} · {ctx.text('progress_actual_short')}",
                    f"{progress_views.number_text(city['actual'], ind_cfg.format) if city['actual'] == city['actual'] else '—'} {unit}")
        m[1].metric(ctx.text("progress_target"), f"{progress_views.number_text(city['target'], ind_cfg.format) if city['target'] == city['target'] else '—'} {unit}")
        m[2].metric(ctx.text("progress_status"), progress_views.status_label(city["status"], lang))

    words = _words(ctx)
    fields = {"indicator": labels.indicators[indicator], "unit": unit, "period": labels.periods.get(period, period),
              "as_of": as_of.isoformat()}
    source = tracking.source_line(project, rows, lang, as_of)
    height = blocks.slide_height() if ctx.presenting else None

    def bullets(share: float) -> None:
        if not len(county_rows):
            return
        # At national scale a page of bars (best pace first), with the count; the download holds every county.
        names = paging.county_filter(ctx, list(county_rows["county"].astype(object)), key=f"pbullets:{theme}", size=BARS)
        part = county_rows[county_rows["county"].isin(names)] if len(names) < len(county_rows) else county_rows
        part = part.iloc[paging.page(ctx, len(part), key=f"pbullets:{theme}", size=BARS, noun="page_noun_counties")]
        part = part.reset_index(drop=True)
        if not len(part):
            return
        fig = blocks.cached(ctx.key(theme, indicator, period, as_of, "bullets", share, tuple(part["county"].astype(object))),
                            lambda: progress_charts.bullets(
            part, options=ctx.chart_options(share, unit=unit, source=source, height=height),
            title=ctx.text("progress_bullets_title", **fields) + mark, status_names=progress_views.status_words(lang),
            words=words, hovers=[progress_charts.hover(r, words=words, unit=unit, fmt=ind_cfg.format)
                                 for r in part.to_dict("records")], fmt=ind_cfg.format))
        blocks.figure(fig, filename=f"{theme}_{indicator}_{period}_progress", key=f"pbullets:{theme}")

    def status_map(share: float) -> None:
        if not county_rows["county"].isin([c.name for c in ctx.config.counties if c.on_map]).any():
            return
        options = ctx.chart_options(share, unit=ctx.text("progress_pct_unit"), source=source, height=height or 520)
        options = options.but(highlight=views.adcode_of(ctx.config, ctx.highlight),
                              names=views.map_names(ctx.config, views.short_names(labels)))
        fig = blocks.cached(ctx.key(theme, indicator, period, as_of, "pmap", share), lambda: chart("map")(
            _map_rows(ctx, county_rows), geojson=boundaries.load(views.boundary_path(project)), options=options, label_col="label_shown",
            title=ctx.text("progress_map_title", **fields) + mark, hover_cols={"status_shown": ctx.text("progress_status")},
            note=ctx.text("progress_map_note")))
        blocks.figure(fig, filename=f"{theme}_{indicator}_{period}_progress_map", key=f"pmap:{theme}")

    if ctx.presenting:
        with blocks.slide_body():
            left, right = st.columns([1.15, 1.0])
            with left:
                bullets(1.15 / 2.15)
            with right:
                status_map(1 / 2.15)
        return
    left, right = st.columns(2)
    with left:
        bullets(0.5)
    with right:
        status_map(0.5)
    _trajectory(ctx, theme, indicator, as_of, unit, ind_cfg.format)

    def export():
        table = tracking.export_table(project, as_of, theme)
        return table[table["indicator"] == indicator]

    blocks.downloads(export, name=f"{theme}_{indicator}_progress_{as_of.isoformat()}", key=f"pdownload:{theme}",
                     labels=labels, sheet=ctx.text("nav_progress"), readable=progress_views.export_frame,
                     sources=lambda: tracking.report_sources(project, theme))


def _trajectory(ctx: PageContext, theme: str, indicator: str, as_of, unit: str, fmt: str) -> None:
    """The city's cumulative amount against the targets' yearly path, the projection and the rate needed."""
    project, labels = ctx.project, ctx.labels
    city = tracking.city(project)
    path = trajectory.trajectory(project, theme, indicator, city, as_of)
    if len(path["path"]) < 2:
        return
    note = progress_note(ctx, path, unit, fmt)
    goal = None
    for spec in views.progress_specs(ctx.config, theme):
        if spec.cumulative == indicator and spec.goal is not None:
            f = ctx.frame
            hit = f[(f["indicator"] == spec.goal.indicator) & (f["period"] == spec.goal.period) & (f["county"] == city)]
            if len(hit) and hit["value"].notna().any():
                goal = (f"{labels.indicators.get(spec.goal.indicator, spec.goal.indicator)} "
                        f"{progress_views.number_text(float(hit['value'].dropna().iloc[0]), 'g')} {unit}", float(hit["value"].dropna().iloc[0]))
    end = float(path["path"]["value"].iloc[-1])
    if goal is not None and abs(end - goal[1]) > 1e-9:  # the gazette's yearly tasks and its goal disagree: say so
        note = (note + " " if note else "") + ctx.text("progress_path_vs_goal", path=progress_views.number_text(end, "g"),
                                                       goal=progress_views.number_text(goal[1], "g"), unit=unit)
    title = ctx.text("progress_trajectory_title", county=labels.counties.get(city, city), indicator=labels.indicators[indicator],
                     unit=unit) + (f" · {ctx.text('progress_sample')}" if path["sample"] else "")
    rows = tracking.status_table(project, as_of, theme)
    fig = blocks.cached(ctx.key(theme, indicator, as_of, "ptrajectory"), lambda: progress_charts.trajectory(
        path["path"], path["actual"], path["projection"], options=ctx.chart_options(unit=unit, source=tracking.source_line(
            project, rows[rows["indicator"] == indicator], ctx.lang, as_of)), title=title, note=note, goal=goal,
        words={k: ctx.text(f"progress_{k}") for k in ("path", "actual", "projection")}))
    blocks.figure(fig, filename=f"{theme}_{indicator}_trajectory", key=f"ptrajectory:{theme}")


def progress_note(ctx: PageContext, path: dict, unit: str, fmt: str) -> str:
    """"每月需完成 X 公里": what is still to do in the current period, per month left."""
    needed = path["needed"]
    if not needed:
        return ""
    period = ctx.labels.periods.get(needed["period"], needed["period"])
    if needed["remaining"] <= 0:
        return ctx.text("progress_needed_done", period=period)
    if needed["per_month"] is None:
        return ""
    return ctx.text("progress_needed", period=period, remaining=progress_views.number_text(needed["remaining"], fmt),
                    unit=unit, per_month=progress_views.number_text(needed["per_month"], fmt),
                    months=f"{needed['months_left']:.1f}")


def view_switch(ctx: PageContext, theme: str) -> str:
    """目标 / 进度: shown when the theme tracks something; the view is in the URL (`view=`)."""
    if not tracked_indicators(ctx, theme):
        return "targets"
    views_ = ["targets", "progress"]
    if ctx.presenting:
        return session.chosen(views_, key=f"view:{theme}", default="targets")
    return session.select(t("progress_view", ctx.lang), views_, key=f"view:{theme}", default="targets", widget=st.radio,
                          horizontal=True, format_func=lambda x: t(f"view_{x}", ctx.lang))
