"""Every theme's page (URL path = theme id): ranked bars, county map, change by period, city figures.

Presenting, the page is a slide: the one or two charts the slide names (default ranked bars and map), sized
for a 1280×720 screen, each with its source line inside the figure.
"""

from targets.ui import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/ui/coldstart.py)

import streamlit as st

from targets.charts import registry
from targets.charts.registry import chart
from targets.analysis import cite, headlines, tables, views
from targets.frame.i18n import t
from targets.ui import blocks, context, progress_blocks, session
from targets.ui.text import plain

ctx = context.page()
theme = ctx.page_id
frame, config, labels, lang = ctx.frame, ctx.config, ctx.labels, ctx.lang
data = ctx.project.data[theme]
presenting, highlight = ctx.presenting, ctx.highlight
blocks.title(ctx.title)
if not presenting:
    st.caption(plain(cite.document_line(*views.file_source(data), lang)))
if progress_blocks.view_switch(ctx, theme) == "progress":  # 目标 / 进度: how the counties are doing
    progress_blocks.theme_view(ctx, theme)
    st.stop()

indicators = views.indicator_options(frame, config, theme)
texts = views.text_figures(frame, theme)
if not indicators:
    st.info(t("no_county_data", lang))
    if len(texts):
        st.table(tables.text_figures_table(texts, labels), hide_index=True)
    st.stop()
if presenting:  # the slide sets the filters; no widgets on a slide
    ind = session.chosen(indicators, key=f"ind:{theme}", default=views.default_indicator(config, theme))
    periods = views.period_options(frame, config, theme, ind)
    period = session.chosen(periods, key=f"period:{theme}", default=periods[-1])
else:
    c1, c2 = st.columns(2)
    with c1:
        ind = session.select(t("indicator", lang), indicators, key=f"ind:{theme}", default=views.default_indicator(config, theme),
                             format_func=lambda x: labels.indicators.get(x, x))
    periods = views.period_options(frame, config, theme, ind)
    with c2:
        period = session.select(t("period", lang), periods, key=f"period:{theme}", default=periods[0],
                                format_func=lambda x: labels.periods.get(x, x))
session.publish(ind=ind, period=period)
indicator = views.indicator(config, ind)
unit = labels.unit(indicator.unit)
rows = views.indicator_slice(frame, config, theme, ind, period)
head = headlines.theme_metrics(frame, config, theme, ind, period, rows)
fields = {"indicator": labels.indicators[ind], "unit": unit, "period": labels.periods.get(period, period)}

if not presenting:
    metric_cols = st.columns(3)
    if head["total"] is not None:
        metric_cols[0].metric(*tables.metric(t(head["total_key"], lang), head["total"], unit, lang=lang))
    if head["groups"]:
        metric_cols[1].metric(t("by_requirement", lang), headlines.groups_text(head["groups"], unit, t("counties_word", lang), " · ", lang))
    else:
        metric_cols[1].metric(*tables.metric(t("city_average", lang), head["average"] or "—", unit if head["average"] else "", lang=lang),
                              help=tables.average_help(head["average_reason"], lang))
    metric_cols[2].metric(t("units_with_target", lang), f"{head['with_target']} / {head['units']}")

ranked = views.top(views.ranked(rows), keep=highlight, n=ctx.top) if ctx.top else views.top(views.ranked(rows), keep=highlight)
if len(ranked) < len(rows) and not presenting:
    st.caption(t("top_only", lang, n=len(ranked), total=len(rows)))
shown_charts = list(ctx.slide_charts) or ["ranked", "map"]
# Figures depend only on the data snapshot and these choices: built once, reused by every rerun and session.
source = cite.short_caption(rows, lang)
height = blocks.slide_height() if presenting else None
chart_options = ctx.chart_options(unit=unit, indicator=labels.indicators[ind], source=source, height=height)


def sized(share: float):
    """The page's chart options for a chart `share` of the column wide."""
    return chart_options.but(width=ctx.width(share))


def ranked_bars(share: float) -> None:
    title = t("ranked_title", lang, **fields)
    if note := tables.direction_note(views.rank_direction(rows), lang):  # caps: the strictest first, and said so
        title += " · " + note
    if len(ranked) < len(rows):
        title += " · " + t("top_n", lang, n=len(ranked), total=len(rows))
    reference = [] if head["groups"] else [(t("city_average", lang), head["average_value"])]
    fig = blocks.cached(ctx.key(ind, period, "bars", share), lambda: chart("ranked")(
        ranked, options=sized(share), title=title, fmt=indicator.format, ref_fmt=head["average_fmt"], reference=reference))
    blocks.figure(fig, filename=f"{theme}_{ind}_{period}_ranked", key=f"bars:{theme}")


def county_map(share: float) -> None:
    blocks.county_map(ctx, rows, options=sized(share).but(height=height or 520), cache_key=ctx.key(ind, period, "map", share),
                      fields=fields, filename=f"{theme}_{ind}_{period}_map", key=f"map:{theme}")


def by_period(share: float) -> list:
    if len(periods) < 2:
        return []
    per = views.top_by_period(views.by_period(frame, config, theme, ind), keep=highlight)
    per_options = sized(share).but(names=views.short_names(labels), source=cite.short_caption(per, lang, with_ref=False))
    pfig = blocks.cached(ctx.key(ind, period, "periods", share), lambda: chart("periods")(
        per, options=per_options, title=t("periods_title", lang, **fields)))
    blocks.figure(pfig, filename=f"{theme}_{ind}_by_period", key=f"periods:{theme}")
    return [per]


def progress(share: float) -> None:
    for spec in views.progress_specs(config, theme):
        prog = views.progress(frame, config, spec)
        if not len(prog):
            continue
        cum_unit = labels.unit(views.indicator(config, spec.cumulative).unit)
        goal = float(prog["goal"].iloc[0])
        last = prog["cumulative"].dropna()
        note = ""
        if goal == goal and len(last) and float(last.iloc[-1]) != goal:
            note = cite.discrepancy(ctx.snapshot.findings, theme=theme, values=(goal, float(last.iloc[-1])), unit=cum_unit, lang=lang, mark="*")
        has_targets = bool(prog["target"].notna().any())
        prog_options = sized(share).but(unit=cum_unit, source=cite.short_caption(
            views.city_by_period(frame, config, theme, spec.cumulative), lang, with_ref=False))
        afig = blocks.cached(ctx.key(ind, period, "progress", spec.cumulative, share), lambda: chart("progress")(
            prog, options=prog_options, title=spec.zh if lang == "zh" else spec.en,
            bar_name=t("progress_cumulative", lang, indicator=labels.indicators[spec.cumulative]),
            target_name=labels.indicators.get(spec.targets, "") if spec.targets else "",
            goal_name=labels.indicators[spec.goal.indicator] if spec.goal else "",
            play=t("progress_play", lang), pause=t("progress_pause", lang), note=note, mark="*"))
        blocks.figure(afig, filename=f"{theme}_{spec.cumulative}_progress", key=f"progress:{theme}:{spec.cumulative}")
        if not presenting:
            parts = [t("progress_caption_bars", lang)] + ([t("progress_caption_targets", lang)] if has_targets else [])
            parts += [t("progress_caption_goal", lang)] if goal == goal else []
            parts += [t("progress_caption_play", lang)]
            st.caption(plain(("，" if lang == "zh" else "; ").join(parts) + ("。" if lang == "zh" else ".")))


def city(share: float) -> list:
    rows_city = views.city_by_period(frame, config, theme, ind)
    if len(rows_city) < 2:
        return []
    kinds = {x: t(f"kind_{x}", lang) for x in ("stated_total", "text")}
    city_options = sized(share).but(source=cite.short_caption(rows_city, lang))
    cfig = blocks.cached(ctx.key(ind, period, "city", share), lambda: chart("city")(
        rows_city, options=city_options, title=t("city_title", lang, **fields), kind_names=kinds))
    blocks.figure(cfig, filename=f"{theme}_{ind}_city_by_period", key=f"city:{theme}")
    return [rows_city]


def from_registry(kind: str):
    """The draw step of a kind declared by its registry entry alone (its rows and title)."""
    entry = registry.KINDS[kind]

    def draw(share: float) -> list:
        data = entry.rows(registry.ThemeSlice(frame, config, theme, ind, period, rows, highlight))
        if not len(data):
            return []
        options = sized(share).but(source=cite.short_caption(data, lang))
        fig = blocks.cached(ctx.key(ind, period, kind, share), lambda: entry.draw(
            data, options=options, title=t(entry.title_key, lang, **fields)))
        blocks.figure(fig, filename=f"{theme}_{ind}_{period}_{kind}", key=f"{kind}:{theme}")
        return [data]
    return draw


# Keyed by the schema's chart kinds (a slide's `charts:`): the kinds with a step of their own, then every kind the
# registry declares whole; tests/charts/test_registry.py checks that every kind has exactly one of the two.
DRAW = {"ranked": ranked_bars, "map": county_map, "periods": by_period, "progress": progress, "city": city}
DRAW.update({kind: from_registry(kind) for kind in registry.drawn_by_registry()})
shown = [rows]
if presenting:  # a slide: its charts side by side, nothing else
    ratios = [1.15, 1.0][: len(shown_charts)] if len(shown_charts) > 1 else [1.0]
    with blocks.slide_body():
        for col, name, ratio in zip(st.columns(ratios), shown_charts, ratios):
            with col:
                DRAW[name](ratio / sum(ratios))
    st.stop()

left, right = st.columns(2)
with left:
    ranked_bars(0.5)
with right:
    county_map(0.5)
shown += by_period(1.0)
progress(1.0)
shown += city(1.0)
for kind in registry.drawn_by_registry():
    shown += DRAW[kind](1.0)
blocks.data_table(views.on_screen(frame, shown), labels, name=f"{theme}_{ind}_{period}", key=f"data:{theme}")

if len(texts):
    st.subheader(t("text_figures", lang))
    st.table(tables.text_figures_table(texts, labels), hide_index=True)
