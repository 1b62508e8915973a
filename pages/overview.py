"""总览 Overview: one card per theme (its main city-wide target and source), and a county map of one theme."""

from targets.ui import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/ui/coldstart.py)

import streamlit as st

from targets.charts.registry import chart
from targets.analysis import cite, headlines, progress_views, tables, tracking, views
from targets.frame.i18n import t
from targets.ui import blocks, context, session, shell
from targets.ui.text import plain

ctx = context.page()
frame, config, labels, lang = ctx.frame, ctx.config, ctx.labels, ctx.lang
presenting, highlight = ctx.presenting, ctx.highlight  # compact cards and side-by-side charts that fit a 1280×720 screen share
blocks.title(labels.title)
if not presenting:
    st.caption(plain(t("overview_intro", lang, gazette=labels.gazette)))

cards = headlines.cards(ctx.project)
first, last = progress_views.date_range(ctx.project)
as_of = session.chosen_date(key="asof", default=min(max(tracking.default_as_of(ctx.project), first), last), first=first, last=last)
per_row = 4
for start in range(0, len(cards), per_row):
    cols = st.columns(per_row)
    for col, card in zip(cols, cards[start:start + per_row]):
        with col.container(border=True):
            word = t("card_computed" if card["computed"] else "card_done" if card["completed"] else "card_target", lang)
            period = labels.periods.get(card["period"], card["period"]) if card["period"] else ""
            name = f"{labels.indicators[card['indicator']]} · {period} · {word}" if period else labels.indicators[card["indicator"]]
            if presenting:  # one line less per card: the theme leads the label
                name = f"{labels.themes[card['theme']]} · {name}"
            else:
                st.markdown(f"**{plain(labels.themes[card['theme']])}**")
            st.metric(*tables.metric(name, card["label"] or "—", labels.unit(card["unit"]) if card["label"] else "", lang=lang,
                                     after=labels.indicators[card["indicator"]]))
            if (pace := progress_views.theme_card(ctx.project, card["theme"], as_of)) is not None:
                good, total, sample = pace
                st.markdown(plain(f"{t('progress_section', lang)}：{progress_views.status_label('on_track', lang)} {good} / {total}"
                                  f" · {t('progress_as_of_short', lang)} {as_of.isoformat()}"
                                  + (f" · {t('progress_sample', lang)}" if sample else "")))
            if card["row"] is not None and not presenting:
                st.caption(plain(cite.row_caption(card["row"], lang)))
            if not presenting:
                shell.page_link(card["theme"], label=t("kpi_more", lang), icon="➡️")

themes = [x.id for x in config.themes if views.indicator_options(frame, config, x.id)]
if not themes:
    st.stop()
if presenting:  # the slide picks the theme (its `theme:`), no widget on a slide
    theme = session.chosen(themes, key="theme:overview")
else:
    theme = session.select(t("theme", lang), themes, key="theme:overview", format_func=lambda x: labels.themes.get(x, x),
                           widget=st.radio, horizontal=True)
ind = views.default_indicator(config, theme)
ind = ind if ind in views.indicator_options(frame, config, theme) else views.indicator_options(frame, config, theme)[0]
period = views.period_options(frame, config, theme, ind)[0]
session.publish(theme=theme)
rows = views.indicator_slice(frame, config, theme, ind, period)
unit = labels.unit(views.indicator(config, ind).unit)
fields = {"indicator": labels.indicators[ind], "unit": unit, "period": labels.periods.get(period, period)}
source = cite.short_caption(rows, lang)
# Presenting, the cards take about 200 px of the slide (wrapped English labels included).
height = blocks.slide_height(used=140) if presenting else 500
chart_options = ctx.chart_options(0.5, unit=unit, indicator=labels.indicators[ind], source=source, height=height)
ratios = [1, 1]
body = blocks.slide_body()
left, right = body.columns(ratios)
with left:
    blocks.county_map(ctx, rows, options=chart_options, cache_key=ctx.key(theme, "map"), fields=fields,
                      filename=f"overview_{theme}_{ind}_map", key="overview:map")
with right:
    ranked = views.top(views.ranked(rows), keep=highlight, n=ctx.top) if ctx.top else views.top(views.ranked(rows), keep=highlight)
    bars = blocks.cached(ctx.key(theme, "bars"), lambda: chart("ranked")(
        ranked, options=chart_options, title=t("ranked_title", lang, **fields)))
    blocks.figure(bars, filename=f"overview_{theme}_{ind}_ranked", key="overview:bars")
blocks.data_table(rows[list(frame.columns)], labels, name=f"overview_{theme}_{ind}_{period}", key="overview:data")
