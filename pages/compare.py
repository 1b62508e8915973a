"""县域对比 Compare: 2–6 counties side by side across targets, as values, shares of the city total, or ranks.

One table-like heatmap in every mode: a row per target, a column per county, each county named once at the
top; values keep their sign (≥, 约) and the colour reads across a row.
"""

from targets.ui import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/ui/coldstart.py)

import streamlit as st

from targets.charts import bars as charts
from targets.analysis import cite, tables, views
from targets.frame.i18n import t
from targets.ui import blocks, session

snap = session.current()
f, cfg, lab, lg = snap.project.frame, snap.project.config, session.labels(), session.lang()
present = session.presenting()
slide = session.slide_spec()
blocks.title(t("nav_compare", lg))

names = views.county_names(cfg)
modes = ["raw", "share", "rank"]
if present:  # the slide picks the counties and the mode
    picked = session.chosen_many(names, key="counties", default=names[:3])
    mode = session.chosen(modes, key="mode")
else:
    c1, c2 = st.columns([3, 2])
    with c1:
        picked = session.multiselect(t("counties_pick", lg), names, key="counties", default=names[:3],
                                     format_func=lambda x: lab.counties.get(x, x))
    with c2:
        mode = session.select(t("mode", lg), modes, key="mode", widget=st.radio, horizontal=True,
                              format_func=lambda x: t(f"mode_{x}", lg))
session.publish(counties=picked or None, mode=mode)
if len(picked) < 2:
    st.info(t("counties_pick", lg))
    st.stop()

rows = views.compare(snap.ranks, cfg, picked)
if rows.empty:
    st.info(t("no_data", lg))
    st.stop()
keys = tables.compare_keys(rows, lab)
top = slide.top if slide and slide.top else None
if top:
    rows, keys = tables.first_targets(rows, keys, top)
hl = session.highlight()
fig = blocks.cached((snap.fingerprint, "compare", tuple(picked), mode, lg, present, hl, top),
                    lambda: charts.compare_bars(rows, title=t("compare_title", lg, mode=t(f"mode_{mode}", lg)), mode=mode,
                                                names=lab.counties, colors=views.county_colors(cfg), row_labels=keys,
                                                scale_title=t(f"compare_scale_{mode}", lg), large=present, highlight=hl,
                                                source=cite.short_caption(rows, lg, with_ref=False), width=blocks.width(),
                                                height=blocks.slide_height() if present else None,
                                                no_value_text={"no_task": t("no_task", lg), "blank": t("blank", lg),
                                                               "missing": t("map_no_data", lg)}))
with blocks.slide_body():
    blocks.figure(fig, filename=f"compare_{'_'.join(picked)}_{mode}", key="compare:chart")
blocks.data_table(rows[list(f.columns)], lab, name=f"compare_{'_'.join(picked)}", key="compare:data")
