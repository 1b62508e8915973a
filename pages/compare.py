"""县域对比 Compare: 2–6 counties side by side across indicators, as values, shares of the city total, or ranks."""

import streamlit as st

from targets import charts, cite, tables, views
from targets.i18n import t
from targets.ui import blocks, session
from targets.ui.text import plain

snap = session.current()
f, cfg, lab, lg = snap.project.frame, snap.project.config, session.labels(), session.lang()
st.title(t("nav_compare", lg))

names = views.county_names(cfg)
c1, c2 = st.columns([3, 2])
with c1:
    picked = session.multiselect(t("counties_pick", lg), names, key="counties", default=names[:3],
                                 format_func=lambda x: lab.counties.get(x, x))
with c2:
    mode = session.select(t("mode", lg), ["raw", "share", "rank"], key="mode", widget=st.radio, horizontal=True,
                          format_func=lambda x: t(f"mode_{x}", lg))
session.publish(counties=picked or None, mode=mode)
if len(picked) < 2:
    st.info(t("counties_pick", lg))
    st.stop()

rows = views.compare(snap.ranks, cfg, picked)
if rows.empty:
    st.info(t("no_data", lg))
    st.stop()
fig = blocks.cached((snap.fingerprint, "compare", tuple(picked), mode, lg, session.presenting(), session.highlight()),
                    lambda: charts.compare_bars(rows, title=t("compare_title", lg, mode=t(f"mode_{mode}", lg)), mode=mode,
                                                names=lab.counties, colors=views.county_colors(cfg),
                                                row_labels=tables.compare_keys(rows, lab), lang=lg,
                                                large=session.presenting(), highlight=session.highlight()))
blocks.figure(fig, filename=f"compare_{'_'.join(picked)}_{mode}", key="compare:chart")
blocks.source_line(cite.rows_caption(rows, lg, with_ref=False))
blocks.data_table(rows[list(f.columns)], lab, name=f"compare_{'_'.join(picked)}", key="compare:data")
