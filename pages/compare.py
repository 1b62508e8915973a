"""县域对比 Compare: 2–6 counties side by side across targets, as values, shares of the city total, or ranks.

One table-like heatmap in every mode: a row per target, a column per county, each county named once at the
top; values keep their sign (≥, 约) and the colour reads across a row.
"""

from targets.ui import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/ui/coldstart.py)

import streamlit as st

from targets.charts import compare as charts
from targets.analysis import cite, tables, views
from targets.frame.i18n import t
from targets.ui import blocks, context, session

ctx = context.page()
frame, config, labels, lang = ctx.frame, ctx.config, ctx.labels, ctx.lang
presenting = ctx.presenting
blocks.title(ctx.title)

names = views.county_names(config)
modes = ["raw", "share", "rank"]
if presenting:  # the slide picks the counties and the mode
    picked = session.chosen_many(names, key="counties", default=names[:3])
    mode = session.chosen(modes, key="mode")
else:
    c1, c2 = st.columns([3, 2])
    with c1:
        picked = session.multiselect(t("counties_pick", lang), names, key="counties", default=names[:3],
                                     format_func=lambda x: labels.counties.get(x, x))
    with c2:
        mode = session.select(t("mode", lang), modes, key="mode", widget=st.radio, horizontal=True,
                              format_func=lambda x: t(f"mode_{x}", lang))
session.publish(counties=picked or None, mode=mode)
if len(picked) < 2:
    st.info(t("counties_pick", lang))
    st.stop()

rows = views.compare(ctx.snapshot.ranks, config, picked)
if rows.empty:
    st.info(t("no_data", lang))
    st.stop()
keys = tables.compare_keys(rows, labels)
if ctx.top:
    rows, keys = tables.first_targets(rows, keys, ctx.top)
chart_options = ctx.chart_options(source=cite.short_caption(rows, lang, with_ref=False),
                                  height=blocks.slide_height() if presenting else None)
fig = blocks.cached(ctx.key(tuple(picked), mode),
                    lambda: charts.compare_bars(rows, options=chart_options, title=t("compare_title", lang, mode=t(f"mode_{mode}", lang)),
                                                mode=mode, row_labels=keys, scale_title=t(f"compare_scale_{mode}", lang),
                                                reasons=tables.compare_reasons(lang)))
with blocks.slide_body():
    blocks.figure(fig, filename=f"compare_{'_'.join(picked)}_{mode}", key="compare:chart")
blocks.data_table(rows[list(frame.columns)], labels, name=f"compare_{'_'.join(picked)}", key="compare:data")
