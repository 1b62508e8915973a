"""Every theme's page (URL path = theme id): ranked bars, county map, change by period, city figures.

Presenting, the page is a slide: the one or two charts the slide names (default ranked bars and map), sized
for a 1280×720 screen, each with its source line inside the figure.
"""

from targets.ui import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/ui/coldstart.py)

import streamlit as st

from targets.charts import bars as charts
from targets.analysis import cite, headlines, tables, views
from targets.frame.i18n import t
from targets.ui import blocks, session
from targets.ui.text import plain

snap = session.current()
theme = session.page_id()
f, cfg, lab, lg = snap.project.frame, snap.project.config, session.labels(), session.lang()
data = snap.project.data[theme]
big = session.presenting()
slide = session.slide_spec()
hl = session.highlight()
blocks.title(lab.themes[theme])
if not big:
    st.caption(plain(cite.document_line(*views.file_source(data), lg)))

indicators = views.indicator_options(f, cfg, theme)
texts = views.text_figures(f, theme)
if not indicators:
    st.info(t("no_county_data", lg))
    if len(texts):
        st.table(tables.text_figures_table(texts, lab), hide_index=True)
    st.stop()
if big:  # the slide sets the filters; no widgets on a slide
    ind = session.chosen(indicators, key=f"ind:{theme}", default=views.default_indicator(cfg, theme))
    periods = views.period_options(f, cfg, theme, ind)
    period = session.chosen(periods, key=f"period:{theme}", default=periods[-1])
else:
    c1, c2 = st.columns(2)
    with c1:
        ind = session.select(t("indicator", lg), indicators, key=f"ind:{theme}", default=views.default_indicator(cfg, theme),
                             format_func=lambda x: lab.indicators.get(x, x))
    periods = views.period_options(f, cfg, theme, ind)
    with c2:
        period = session.select(t("period", lg), periods, key=f"period:{theme}", default=periods[0],
                                format_func=lambda x: lab.periods.get(x, x))
session.publish(ind=ind, period=period)
indicator = views.indicator(cfg, ind)
unit = lab.unit(indicator.unit)
no_value = {"no_task": t("no_task", lg), "blank": t("blank", lg)}
rows = views.indicator_slice(f, cfg, theme, ind, period)
head = headlines.theme_metrics(f, cfg, theme, ind, period, rows)
fields = {"indicator": lab.indicators[ind], "unit": unit, "period": lab.periods.get(period, period)}

if not big:
    m = st.columns(3)
    if head["total"] is not None:
        m[0].metric(*tables.metric(t(head["total_key"], lg), head["total"], unit))
    if head["groups"]:
        m[1].metric(t("by_requirement", lg), headlines.groups_text(head["groups"], unit, t("counties_word", lg), " · "))
    else:
        m[1].metric(*tables.metric(t("city_average", lg), head["average"] or "—", unit if head["average"] else ""))
    m[2].metric(t("units_with_target", lg), f"{head['with_target']} / {head['units']}")

top = slide.top if slide and slide.top else None
ranked = views.top(views.ranked(rows), keep=hl, n=top) if top else views.top(views.ranked(rows), keep=hl)
if len(ranked) < len(rows) and not big:
    st.caption(t("top_only", lg, n=len(ranked), total=len(rows)))
shown_charts = list(slide.charts) if slide and slide.charts else ["ranked", "map"]
# Figures depend only on the data snapshot and these choices: built once, reused by every rerun and session.
k = (snap.fingerprint, theme, ind, period, hl, lg, big, tuple(shown_charts), top)
source = cite.short_caption(rows, lg)
height = blocks.slide_height() if big else None


def ranked_bars(share: float) -> None:
    title = t("ranked_title", lg, **fields)
    if len(ranked) < len(rows):
        title += " · " + t("top_n", lg, n=len(ranked), total=len(rows))
    fig = blocks.cached(k + ("bars", share), lambda: charts.ranked_bars(
        ranked, title=title, unit_label=unit, indicator_label=lab.indicators[ind],
        names=ranked["county"].map(lab.counties), fmt=indicator.format, ref_fmt=head["average_fmt"], highlight=hl,
        no_value_text=no_value, lang=lg, large=big, reference=[] if head["groups"] else [(t("city_average", lg), head["average_value"])],
        height=height, source=source, source_word=t("source", lg), width=blocks.width(share)))
    blocks.figure(fig, filename=f"{theme}_{ind}_{period}_ranked", key=f"bars:{theme}")


def county_map(share: float) -> None:
    blocks.county_map(snap, rows, cache_key=k + ("map", share), unit=unit, fields=fields, height=height or 520,
                      share=share, source=source, filename=f"{theme}_{ind}_{period}_map", key=f"map:{theme}")


def by_period(share: float) -> list:
    if len(periods) < 2:
        return []
    per = views.top_by_period(views.by_period(f, cfg, theme, ind), keep=hl)
    pfig = blocks.cached(k + ("periods", share), lambda: charts.period_bars(
        per, title=t("periods_title", lg, **fields), unit_label=unit, indicator_label=lab.indicators[ind],
        names=views.short_names(lab), period_names=lab.periods, highlight=hl, lang=lg, no_value_text=no_value, large=big,
        source=cite.short_caption(per, lg, with_ref=False), source_word=t("source", lg), width=blocks.width(share),
        height=height))
    blocks.figure(pfig, filename=f"{theme}_{ind}_by_period", key=f"periods:{theme}")
    return [per]


def progress(share: float) -> None:
    for spec in views.progress_specs(cfg, theme):
        prog = views.progress(f, cfg, spec)
        if not len(prog):
            continue
        cum_unit = lab.unit(views.indicator(cfg, spec.cumulative).unit)
        goal = float(prog["goal"].iloc[0])
        last = prog["cumulative"].dropna()
        note = ""
        if goal == goal and len(last) and float(last.iloc[-1]) != goal:
            note = cite.discrepancy(snap.findings, theme=theme, values=(goal, float(last.iloc[-1])), unit=cum_unit, lang=lg, mark="*")
        has_targets = bool(prog["target"].notna().any())
        afig = blocks.cached(k + ("progress", spec.cumulative, share), lambda: charts.progress_animation(
            prog, title=spec.zh if lg == "zh" else spec.en, unit_label=cum_unit,
            bar_name=t("progress_cumulative", lg, indicator=lab.indicators[spec.cumulative]),
            target_name=lab.indicators.get(spec.targets, "") if spec.targets else "",
            goal_name=lab.indicators[spec.goal.indicator] if spec.goal else "", period_names=lab.periods,
            play=t("progress_play", lg), pause=t("progress_pause", lg), large=big, note=note, mark="*",
            source=cite.short_caption(views.city_by_period(f, cfg, theme, spec.cumulative), lg, with_ref=False),
            width=blocks.width(share), height=height))
        blocks.figure(afig, filename=f"{theme}_{spec.cumulative}_progress", key=f"progress:{theme}:{spec.cumulative}")
        if not big:
            parts = [t("progress_caption_bars", lg)] + ([t("progress_caption_targets", lg)] if has_targets else [])
            parts += [t("progress_caption_goal", lg)] if goal == goal else []
            parts += [t("progress_caption_play", lg)]
            st.caption(plain(("，" if lg == "zh" else "; ").join(parts) + ("。" if lg == "zh" else ".")))


def city(share: float) -> list:
    rows_city = views.city_by_period(f, cfg, theme, ind)
    if len(rows_city) < 2:
        return []
    kinds = {x: t(f"kind_{x}", lg) for x in ("stated_total", "text")}
    cfig = blocks.cached(k + ("city", share), lambda: charts.city_periods(
        rows_city, title=t("city_title", lg, **fields), unit_label=unit, indicator_label=lab.indicators[ind],
        period_names=lab.periods, kind_names=kinds, lang=lg, large=big, source=cite.short_caption(rows_city, lg),
        width=blocks.width(share)))
    blocks.figure(cfig, filename=f"{theme}_{ind}_city_by_period", key=f"city:{theme}")
    return [rows_city]


DRAW = {"ranked": ranked_bars, "map": county_map, "periods": by_period, "progress": progress, "city": city}
shown = [rows]
if big:  # a slide: its charts side by side, nothing else
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
blocks.data_table(views.on_screen(f, shown), lab, name=f"{theme}_{ind}_{period}", key=f"data:{theme}")

if len(texts):
    st.subheader(t("text_figures", lg))
    st.table(tables.text_figures_table(texts, lab), hide_index=True)
