"""县域档案 County profile: everything the config's documents ask of one county, with rank, share, deadline and source."""

import streamlit as st

from targets import charts, tables, views
from targets.i18n import t
from targets.ui import blocks, session
from targets.ui.text import plain

snap = session.current()
f, cfg, lab, lg = snap.project.frame, snap.project.config, session.labels(), session.lang()
names = views.county_names(cfg)
title = st.empty()  # filled once the county is known, so the title stands above the picker
county = session.select(t("county", lg), names, key="county", default=session.highlight() or names[0],
                        format_func=lambda x: lab.counties.get(x, x))
session.publish(county=county)
title.title(plain(f"{t('nav_profile', lg)} · {lab.counties[county]}"))

rows = views.profile_values(snap.project, county, snap.ranks)
if rows.empty:
    st.info(t("no_data", lg))
    st.stop()
st.dataframe(tables.profile_table(rows, lab), hide_index=True, width="stretch")

share = views.share_rows(rows, tables.compare_keys(rows, lab))
if len(share):
    fig = blocks.cached((snap.fingerprint, "profile", county, lg, session.presenting()),
                        lambda: charts.share_bars(share, title=t("profile_title", lg, county=lab.counties[county]),
                                                  color=views.county_colors(cfg)[county], lang=lg, large=session.presenting()))
    blocks.figure(fig, filename=f"profile_{county}_share", key="profile:share")
blocks.data_table(rows[list(f.columns)], lab, name=f"profile_{county}", key="profile:data")

rules = views.citywide_rules(f)
if len(rules):
    st.subheader(t("citywide_rules", lg))
    st.dataframe(tables.rules_table(rules, lab), hide_index=True, width="stretch")
deadlines = views.deadlines(snap.project)
if deadlines:
    st.subheader(t("deadlines", lg))
    st.dataframe(tables.deadlines_table(deadlines, lab), hide_index=True, width="stretch")
