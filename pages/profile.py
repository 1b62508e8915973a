"""县域档案 County profile: everything the config's documents ask of one county, with rank, share, deadline and source.

Presenting, the table gives way to its chart (each target's share of the city with the county's rank) beside
the deadlines, so the slide fits a 1280×720 screen.
"""

from targets.ui import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/ui/coldstart.py)

import streamlit as st

from targets.charts import bars as charts
from targets.analysis import cite, tables, views
from targets.frame.i18n import t
from targets.ui import blocks, session
from targets.ui.text import plain

snap = session.current()
f, cfg, lab, lg = snap.project.frame, snap.project.config, session.labels(), session.lang()
present = session.presenting()
slide = session.slide_spec()
names = views.county_names(cfg)
title = st.empty()  # filled once the county is known, so the title stands above the picker
if present:
    county = session.chosen(names, key="county", default=names[0])
else:
    county = session.select(t("county", lg), names, key="county", default=session.highlight() or names[0],
                            format_func=lambda x: lab.counties.get(x, x))
session.publish(county=county)
if not present:
    title.title(plain(f"{t('nav_profile', lg)} · {lab.counties[county]}"))

rows = views.profile_values(snap.project, county, snap.ranks)
if rows.empty:
    st.info(t("no_data", lg))
    st.stop()
if not present:
    st.table(tables.profile_table(rows, lab), hide_index=True)  # a few rows of text: wrapped whole, not clipped

share = views.share_rows(rows, tables.compare_keys(rows, lab))
share = share.assign(text=tables.share_texts(share, lab))
top = slide.top if slide and slide.top else None
if top:
    share = share.head(top)
deadlines = views.deadlines(snap.project)


def share_chart(width_share: float) -> None:
    if not len(share):
        return
    fig = blocks.cached((snap.fingerprint, "profile", county, lg, present, top),
                        lambda: charts.share_bars(share, title=t("profile_title", lg, county=lab.counties[county]),
                                                  color=views.county_colors(cfg)[county],
                                                  large=present, source=cite.short_caption(share, lg, with_ref=False),
                                                  width=blocks.width(width_share),
                                                  height=blocks.slide_height() if present else None))
    blocks.figure(fig, filename=f"profile_{county}_share", key="profile:share")


if present:
    body = blocks.slide_body()
    left, right = body.columns([2, 1]) if deadlines else (body, None)
    with left:
        share_chart(2 / 3 if deadlines else 1)
    if right is not None:
        with right:
            with st.container(key="slide-deadlines"):
                st.markdown(f"**{t('deadlines', lg)}**")
                for date, what, where in tables.deadlines_table(deadlines, lab).itertuples(index=False):
                    st.markdown(f"**{plain(date)}** {plain(what)}")
                    st.caption(plain(where))
    st.stop()

share_chart(1)
blocks.data_table(rows[list(f.columns)], lab, name=f"profile_{county}", key="profile:data")

rules = views.citywide_rules(f)
if len(rules):
    st.subheader(t("citywide_rules", lg))
    st.table(tables.rules_table(rules, lab), hide_index=True)
if deadlines:
    st.subheader(t("deadlines", lg))
    st.table(tables.deadlines_table(deadlines, lab), hide_index=True)
