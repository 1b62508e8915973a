"""总览 Overview: one card per theme (its main city-wide target and source), and a county map of one theme."""

from targets.ui import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/ui/coldstart.py)

import streamlit as st

from targets.charts import bars as charts
from targets.analysis import cite, headlines, tables, views
from targets.frame.i18n import t
from targets.ui import blocks, session, shell
from targets.ui.text import plain

snap = session.current()
f, cfg, lab, lg = snap.project.frame, snap.project.config, session.labels(), session.lang()
present = session.presenting()  # compact cards and side-by-side charts that fit a 1280×720 screen share
slide = session.slide_spec()
hl = session.highlight()
blocks.title(lab.title)
if not present:
    st.caption(plain(t("overview_intro", lg, gazette=lab.gazette)))

cards = headlines.cards(snap.project)
per_row = 4
for start in range(0, len(cards), per_row):
    cols = st.columns(per_row)
    for col, card in zip(cols, cards[start:start + per_row]):
        with col.container(border=True):
            word = t("card_computed" if card["computed"] else "card_done" if card["completed"] else "card_target", lg)
            period = lab.periods.get(card["period"], card["period"]) if card["period"] else ""
            name = f"{lab.indicators[card['indicator']]} · {period} · {word}" if period else lab.indicators[card["indicator"]]
            if present:  # one line less per card: the theme leads the label
                name = f"{lab.themes[card['theme']]} · {name}"
            else:
                st.markdown(f"**{plain(lab.themes[card['theme']])}**")
            st.metric(*tables.metric(name, card["label"] or "—", lab.unit(card["unit"]) if card["label"] else "",
                                     after=lab.indicators[card["indicator"]]))
            if card["row"] is not None and not present:
                st.caption(plain(cite.row_caption(card["row"], lg)))
            if not present:
                shell.page_link(card["theme"], label=t("kpi_more", lg), icon="➡️")

themes = [x.id for x in cfg.themes if views.indicator_options(f, cfg, x.id)]
if not themes:
    st.stop()
if present:  # the slide picks the theme (its `theme:`), no widget on a slide
    theme = session.chosen(themes, key="theme:overview")
else:
    theme = session.select(t("theme", lg), themes, key="theme:overview", format_func=lambda x: lab.themes.get(x, x),
                           widget=st.radio, horizontal=True)
ind = views.default_indicator(cfg, theme)
ind = ind if ind in views.indicator_options(f, cfg, theme) else views.indicator_options(f, cfg, theme)[0]
period = views.period_options(f, cfg, theme, ind)[0]
session.publish(theme=theme)
rows = views.indicator_slice(f, cfg, theme, ind, period)
unit = lab.unit(views.indicator(cfg, ind).unit)
fields = {"indicator": lab.indicators[ind], "unit": unit, "period": lab.periods.get(period, period)}
no_value = {"no_task": t("no_task", lg), "blank": t("blank", lg)}
source = cite.short_caption(rows, lg)
# Presenting, the cards take about 200 px of the slide (wrapped English labels included).
height = blocks.slide_height(used=140) if present else 500
ratios = [1, 1]
key = (snap.fingerprint, "overview", theme, hl, lg, present, slide.top if slide else None)
body = blocks.slide_body()
left, right = body.columns(ratios)
with left:
    blocks.county_map(snap, rows, cache_key=key + ("map",), unit=unit, fields=fields, height=height, share=0.5,
                      source=source, filename=f"overview_{theme}_{ind}_map", key="overview:map")
with right:
    ranked = views.top(views.ranked(rows), keep=hl, n=slide.top) if slide and slide.top else views.top(views.ranked(rows), keep=hl)
    bars = blocks.cached(key + ("bars",), lambda: charts.ranked_bars(
        ranked, title=t("ranked_title", lg, **fields), unit_label=unit, indicator_label=lab.indicators[ind],
        names=ranked["county"].map(lab.counties), highlight=hl, no_value_text=no_value, lang=lg,
        height=height, large=present, source=source, source_word=t("source", lg), width=blocks.width(0.5)))
    blocks.figure(bars, filename=f"overview_{theme}_{ind}_ranked", key="overview:bars")
blocks.data_table(rows[list(f.columns)], lab, name=f"overview_{theme}_{ind}_{period}", key="overview:data")
