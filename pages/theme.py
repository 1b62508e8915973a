"""Every theme's page (URL path = theme id): ranked bars, county map, change by period, city figures."""

import streamlit as st

from targets import boundaries, charts, cite, headlines, map_charts, tables, views
from targets.i18n import t
from targets.ui import blocks, session
from targets.ui.text import plain

snap = session.current()
theme = session.page_id()
f, cfg, lab, lg = snap.project.frame, snap.project.config, session.labels(), session.lang()
data = snap.project.data[theme]
big = session.presenting()
hl = session.highlight()
st.title(plain(lab.themes[theme]))
if not big:
    st.caption(plain(cite.document_line(*views.file_source(data), lg)))

indicators = views.indicator_options(f, cfg, theme)
texts = views.text_figures(f, theme)
if not indicators:
    st.info(t("no_county_data", lg))
    if len(texts):
        st.dataframe(tables.text_figures_table(texts, lab), hide_index=True, width="stretch")
    st.stop()
# Presenting: filters fold away so the main chart fits a 1280×720 screen share.
c1, c2 = (st.expander(t("filters", lg)) if big else st.container()).columns(2)
with c1:
    ind = session.select(t("indicator", lg), indicators, key=f"ind:{theme}", default=views.default_indicator(cfg, theme),
                         format_func=lambda x: lab.indicators.get(x, x))
periods = views.period_options(f, cfg, theme, ind)
with c2:
    period = session.select(t("period", lg), periods, key=f"period:{theme}", default=periods[-1] if big else periods[0],
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
        m[0].metric(t(head["total_key"], lg), f"{head['total']} {unit}")
    if head["groups"]:
        m[1].metric(t("by_requirement", lg), headlines.groups_text(head["groups"], unit, t("counties_word", lg), " · "))
    else:
        m[1].metric(t("city_average", lg), f"{head['average']} {unit}" if head["average"] else "—")
    m[2].metric(t("units_with_target", lg), f"{head['with_target']} / {head['units']}")

ranked = views.top(views.ranked(rows), keep=hl)
if len(ranked) < len(rows):
    st.caption(t("top_only", lg, n=len(ranked), total=len(rows)))
# Figures depend only on the data snapshot and these choices: built once, reused by every rerun and session.
k = (snap.fingerprint, theme, ind, period, hl, lg, big)
left, right = st.columns([3, 2])
with left:
    fig = blocks.cached(k + ("bars",), lambda: charts.ranked_bars(
        ranked, title=t("ranked_title", lg, **fields), unit_label=unit, indicator_label=lab.indicators[ind],
        names=ranked["county"].map(lab.counties), fmt=indicator.format, ref_fmt=head["average_fmt"], highlight=hl,
        no_value_text=no_value, lang=lg, large=big, reference=[] if head["groups"] else [(t("city_average", lg), head["average_value"])],
        height=500 if big else None))
    blocks.figure(fig, filename=f"{theme}_{ind}_{period}_ranked", key=f"bars:{theme}")
    blocks.source_line(cite.rows_caption(rows, lg))
with right:
    on_map = views.map_rows(rows, no_value, unit)
    if len(on_map):
        mfig = blocks.cached(k + ("map",), lambda: map_charts.map_figure(
            on_map, geojson=boundaries.load(views.boundary_path(snap.project)), label_col="label_shown",
            title=t("map_title", lg, **fields), hover_cols={"unit_shown": t("unit", lg), "source": t("source", lg)},
            highlight=views.adcode_of(cfg, hl), colorbar_title=unit, height=500 if big else 460,
            display_names=views.map_names(cfg, views.short_names(lab)), no_data_text=t("map_no_data", lg),
            grey_note=t("map_grey_note", lg)))
        blocks.figure(mfig, filename=f"{theme}_{ind}_{period}_map", key=f"map:{theme}")
    off = tables.off_map(rows, lab, unit)
    if len(off):
        st.markdown(f"**{t('not_on_map', lg)}**")
        st.dataframe(off, hide_index=True, width="stretch")
shown = [rows]

if len(periods) > 1:
    per = views.top_by_period(views.by_period(f, cfg, theme, ind), keep=hl)
    pfig = blocks.cached(k + ("periods",), lambda: charts.period_bars(
        per, title=t("periods_title", lg, **fields), unit_label=unit, indicator_label=lab.indicators[ind],
        names=lab.counties, period_names=lab.periods, highlight=hl, lang=lg, no_value_text=no_value, large=big))
    blocks.figure(pfig, filename=f"{theme}_{ind}_by_period", key=f"periods:{theme}")
    blocks.source_line(cite.rows_caption(per, lg, with_ref=False))
    shown.append(per)
for spec in views.progress_specs(cfg, theme):
    prog = views.progress(f, cfg, spec)
    if len(prog):
        afig = blocks.cached(k + ("progress", spec.cumulative), lambda: charts.progress_animation(
            prog, title=spec.zh if lg == "zh" else spec.en, unit_label=lab.unit(views.indicator(cfg, spec.cumulative).unit),
            bar_name=t("progress_cumulative", lg, indicator=lab.indicators[spec.cumulative]),
            target_name=lab.indicators.get(spec.targets, "") if spec.targets else "",
            goal_name=lab.indicators[spec.goal.indicator] if spec.goal else "", period_names=lab.periods, lang=lg, large=big))
        blocks.figure(afig, filename=f"{theme}_{spec.cumulative}_progress", key=f"progress:{theme}:{spec.cumulative}")
        st.caption(plain(t("progress_caption", lg)))
city = views.city_by_period(f, cfg, theme, ind)
if len(city) > 1:
    kinds = {x: t(f"kind_{x}", lg) for x in ("stated_total", "text")}
    cfig = blocks.cached(k + ("city",), lambda: charts.city_periods(
        city, title=t("city_title", lg, **fields), unit_label=unit, indicator_label=lab.indicators[ind],
        period_names=lab.periods, kind_names=kinds, lang=lg, large=big))
    blocks.figure(cfig, filename=f"{theme}_{ind}_city_by_period", key=f"city:{theme}")
    blocks.source_line(cite.rows_caption(city, lg))
    shown.append(city)
blocks.data_table(views.on_screen(shown, list(f.columns)), lab, name=f"{theme}_{ind}_{period}", key=f"data:{theme}")

if len(texts):
    st.subheader(t("text_figures", lg))
    st.dataframe(tables.text_figures_table(texts, lab), hide_index=True, width="stretch")
