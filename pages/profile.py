"""县域档案 County profile: everything the config's documents ask of one county, with rank, share, deadline and source.

Presenting, the table gives way to its chart (each target's share of the city with the county's rank) beside
the deadlines, so the slide fits a 1280×720 screen.
"""

from targets.ui import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/ui/coldstart.py)

import streamlit as st

from targets.charts import compare as charts
from targets.analysis import cite, progress_views, tables, tracking, views
from targets.frame.i18n import t
from targets.ui import blocks, context, session
from targets.ui.text import plain

ctx = context.page()
frame, config, labels, lang = ctx.frame, ctx.config, ctx.labels, ctx.lang
presenting = ctx.presenting
names = views.county_names(config)
title = st.empty()  # filled once the county is known, so the title stands above the picker
if presenting:
    county = session.chosen(names, key="county", default=names[0])
else:
    county = session.select(t("county", lang), names, key="county", default=ctx.highlight or names[0],
                            format_func=lambda x: labels.counties.get(x, x))
session.publish(county=county)
if not presenting:
    title.title(plain(f"{ctx.title} · {labels.counties[county]}"))

rows = views.profile_values(ctx.project, county, ctx.snapshot.ranks)
if rows.empty:
    st.info(t("no_data", lang))
    st.stop()
if not presenting:
    st.table(tables.profile_table(rows, labels), hide_index=True)  # a few rows of text: wrapped whole, not clipped
    if note := tables.share_notes(rows, labels):  # why some shares read '—' (minutes, rates, ranges, mixed forms)
        st.caption(plain(note))

share = views.share_rows(rows, tables.compare_keys(rows, labels))
share = share.assign(text=tables.share_texts(share, labels))
if ctx.top:
    share = share.head(ctx.top)
deadlines = views.deadlines(ctx.project)


def share_chart(width_share: float) -> None:
    if not len(share):
        return
    chart_options = ctx.chart_options(width_share, source=cite.short_caption(share, lang, with_ref=False),
                                      height=blocks.slide_height() if presenting else None)
    fig = blocks.cached(ctx.key(county, width_share),
                        lambda: charts.share_bars(share, options=chart_options, color=views.county_colors(config)[county],
                                                  title=t("profile_title", lang, county=labels.counties[county])))
    blocks.figure(fig, filename=f"profile_{county}_share", key="profile:share")


if presenting:
    body = blocks.slide_body()
    left, right = body.columns([2, 1]) if deadlines else (body, None)
    with left:
        share_chart(2 / 3 if deadlines else 1)
    if right is not None:
        with right:
            with st.container(key="slide-deadlines"):
                st.markdown(f"**{t('deadlines', lang)}**")
                for date, what, where in tables.deadlines_table(deadlines, labels).itertuples(index=False):
                    st.markdown(f"**{plain(date)}** {plain(what)}")
                    st.caption(plain(where))
    st.stop()

share_chart(1)
blocks.data_table(rows[list(frame.columns)], labels, name=f"profile_{county}", key="profile:data")

# How the county is doing: its current targets at the as-of date, then every report and revision with its source.
if progress_views.indicator_order(ctx.project):
    as_of = session.chosen_date(key="asof", default=tracking.default_as_of(ctx.project),
                                first=progress_views.date_range(ctx.project)[0], last=progress_views.date_range(ctx.project)[1])
    mine = progress_views.current(ctx.project, as_of)
    mine = mine[mine["county"] == county]
    st.subheader(f"{t('progress_section', lang)} · {t('progress_as_of_short', lang)} {as_of.isoformat()}")
    if tracking.is_sample(mine):
        st.warning(t("progress_sample_banner", lang))
    if len(mine):
        formats = {i.id: i.format for th in config.themes for i in th.indicators}
        # The county is the page's own: its column would only narrow the others (dates and statuses wrapped).
        shown = progress_views.display(mine, labels, formats, tracking.report_names(ctx.project, lang))
        shown = shown.drop(columns=[t("progress_county", lang)])
        st.table(shown, hide_index=True)
    st.subheader(t("progress_history", lang))
    events = progress_views.history(ctx.project, county)
    if len(events):
        units = {i.id: i.unit for th in config.themes for i in th.indicators}
        formats = {i.id: i.format for th in config.themes for i in th.indicators}
        st.markdown("\n".join(f"- {plain(line)}" for line in progress_views.history_lines(events, labels, units, formats)))
    else:
        st.caption(t("progress_history_none", lang))

rules = views.citywide_rules(frame)
if len(rules):
    st.subheader(t("citywide_rules", lang))
    st.table(tables.rules_table(rules, labels), hide_index=True)
if deadlines:
    st.subheader(t("deadlines", lang))
    st.table(tables.deadlines_table(deadlines, labels), hide_index=True)
