"""总览 Overview: one card per theme with the city-level figure and its source, a county map, links into each theme."""

from targets import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/coldstart.py)

import streamlit as st

from targets import charts, geo, ui, views
from targets.i18n import t

snap = ui.current()
f, cfg, lab, lg = snap.project.frame, snap.project.config, ui.labels(snap), ui.lang()
st.title(ui.plain(lab.title))
if not ui.presenting():
    st.caption(t("overview_intro", lg))

present = ui.presenting()  # compact cards and side-by-side charts that fit a 1280×720 screen share
cards = views.kpis(snap.project)
cols = st.columns(len(cards))
for col, k in zip(cols, cards):
    with col.container(border=not present):
        metric_label = f"{lab.indicators[k['indicator']]} · {lab.periods.get(k['period'], k['period'])}"
        if present:
            st.metric(f"{lab.themes[k['theme']]} · {metric_label}", f"{k['label']} {lab.unit(k['unit'])}")
            continue
        st.markdown(f"**{ui.plain(lab.themes[k['theme']])}**")
        st.metric(metric_label, f"{k['label']} {lab.unit(k['unit'])}")
        st.caption(ui.plain(f"{k['source']} {k['source_ref']}"))
        st.page_link(str(ui.ROOT / f"pages/{k['theme']}.py"), label=t("kpi_more", lg), icon="➡️")

theme = ui.select(t("theme", lg), [x.id for x in cfg.themes], key="theme:overview", page="overview",
                  format_func=lambda x: lab.themes.get(x, x), widget=st.radio, horizontal=True)
ind = cfg.display.default_indicator.get(theme) or views.indicator_options(f, cfg, theme)[0]
period = views.period_options(f, cfg, theme, ind)[0]
ui.publish(theme=theme)
rows = views.indicator_slice(f, cfg, theme, ind, period)
unit = lab.unit(rows["unit"].iloc[0])
fields = {"indicator": lab.indicators[ind], "unit": unit, "period": lab.periods.get(period, period)}
hl = st.session_state.get("hl") or None
left, right = st.columns([1, 1] if present else [3, 2])
with left:
    on_map = rows[rows["on_map"] == True]  # noqa: E712
    key = (snap.fingerprint, "overview", theme, hl, lg, present)
    fig = ui.cached(key + ("map",), lambda: geo.map_figure(on_map, geojson=geo.load_counties(), label_col="label",
                         hover_cols={"unit": t("unit", lg), "source": t("source", lg)},
                         title=t("map_title", lg, **fields), colorbar_title=unit,
                         highlight=hl if hl in set(on_map["county"]) else None, height=420 if present else 480,
                         **ui.map_words(lab)))
    ui.figure(fig, filename=f"overview_{theme}_{ind}_map", key="overview:map")
with right:
    ranked = views.top(views.ranked(rows), keep=hl)
    bars = ui.cached(key + ("bars",), lambda: charts.ranked_bars(ranked, title=t("ranked_title", lg, **fields), unit_label=unit,
                              indicator_label=lab.indicators[ind], names=ranked["county"].map(lab.counties),
                              highlight=hl, no_value_text={"no_task": t("no_task", lg), "blank": t("blank", lg)}, lang=lg,
                              height=420 if present else None))
    ui.figure(bars, filename=f"overview_{theme}_{ind}_ranked", key="overview:bars")
st.caption(ui.plain(ui.caption(snap, rows["source"].iloc[0], rows["source_ref"].iloc[0])))
ui.data_table(rows[list(f.columns)], lab, name=f"overview_{theme}_{ind}_{period}", key="overview:data")
