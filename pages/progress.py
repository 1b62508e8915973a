"""进度 Progress: how each county is doing against its targets at an as-of date (`asof=` in the URL).

First the overdue-and-behind list, then the county × indicator scorecard (a click on a cell opens that county's
trajectory), then the trajectory, and the whole status table with every input as a download.
"""

from targets.ui import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/ui/coldstart.py)

import streamlit as st

from targets.analysis import progress_views, tracking, trajectory
from targets.charts import progress as progress_charts
from targets.ui import blocks, context, paging, progress_blocks, session

CARD_COUNTIES = 25  # scorecard columns a 900 px chart keeps legible (18 px squares)
LIST_ROWS = 50      # rows of the overdue-and-behind list per page

ctx = context.page()
project, config, labels, lang = ctx.project, ctx.config, ctx.labels, ctx.lang
blocks.title(ctx.text("nav_progress"))

indicators = progress_views.indicator_order(project)
if not indicators:
    st.info(ctx.text("progress_no_targets"))
    st.stop()
themes = [th.id for th in config.themes if any(i.id in indicators for i in th.indicators)]
first, last = progress_views.date_range(project)
default = min(max(tracking.default_as_of(project), first), last)
if ctx.presenting:  # the slide sets the date and the theme
    as_of = session.chosen_date(key="asof", default=default, first=first, last=last)
    theme = session.chosen(["all"] + themes, key="theme", default="all")
else:
    c1, c2 = st.columns([1, 2])
    with c1:
        as_of = session.pick_date(ctx.text("progress_as_of"), key="asof", default=default, first=first, last=last)
    with c2:
        theme = session.select(ctx.text("theme"), ["all"] + themes, key="theme", default="all",
                               format_func=lambda x: ctx.text("progress_theme_all") if x == "all" else labels.themes[x])
session.publish(asof=as_of.isoformat(), theme=None if theme == "all" else theme)

rows = progress_views.current(project, as_of, None if theme == "all" else theme)
present = set(rows["indicator"].astype(object))
shown_indicators = [i for i in indicators if i in present]
sample = tracking.is_sample(rows)
if sample and not ctx.presenting:  # a slide says it in its caption and chart title; the banner would take its height
    st.warning(ctx.text("progress_sample_banner"))
if not (rows["reports"] > 0).any():
    st.info(ctx.text("progress_no_reports", as_of=as_of.isoformat()))

counts = progress_views.counts(rows)
good, total = progress_views.card(rows)
if not ctx.presenting:
    m = st.columns(4)
    m[0].metric(progress_views.status_label("on_track", lang), f"{good} / {total}")
    m[1].metric(progress_views.status_label("at_risk", lang) + " · " + progress_views.status_label("behind", lang),
                str(counts["at_risk"] + counts["behind"]))
    listed = progress_views.attention_list(rows, tracking.status_table(project, as_of), None if theme == "all" else theme)
    m[2].metric(progress_views.status_label("overdue", lang), str(listed.count("overdue")))
    m[3].metric(progress_views.status_label("not_reported", lang), str(counts["not_reported"]))

formats = {i.id: i.format for th in config.themes for i in th.indicators}
units = {i.id: i.unit for th in config.themes for i in th.indicators}
words = {**{f"status_{s}": w for s, w in progress_views.status_words(lang).items()},
         **{k: ctx.text(f"progress_{k}") for k in ("target", "target_original", "revision", "expected", "ratio",
                                                     "thresholds", "due", "report", "met_of")},
         "actual": ctx.text("progress_actual_short"), "as_of": ctx.text("progress_as_of_short")}
sample_mark = f" · {ctx.text('progress_sample')}" if sample else ""

order = progress_views.county_order(project)
with_rows = set(rows.loc[rows["level"] == "county", "county"].astype(object))
columns = [c for c in order if c in with_rows]  # a county with no target in force has no column
# At national scale a page of counties is drawn (targets/ui/paging.py); the downloads below hold every row.
kept = paging.county_filter(ctx, columns, key="progress", size=CARD_COUNTIES)
if not ctx.presenting:
    st.subheader(ctx.text("progress_attention"))
    # The whole status table (all themes, judged once per date) adds the overdue targets of earlier periods.
    urgent = progress_views.attention_list(rows, tracking.status_table(project, as_of), None if theme == "all" else theme,
                                           tuple(kept) if len(kept) < len(columns) else None)
    if len(urgent):
        part = paging.page(ctx, len(urgent), key="attention", size=LIST_ROWS, noun="page_noun_rows")
        st.dataframe(progress_views.display(urgent.rows(part.start, part.stop), labels, formats,
                                            tracking.report_names(project, lang)), hide_index=True,
                     width="stretch")
    else:
        st.caption(ctx.text("progress_attention_none"))

card_counties = kept[paging.page(ctx, len(kept), key="scorecard", size=CARD_COUNTIES, noun="page_noun_counties")] \
    if not ctx.presenting else kept[:CARD_COUNTIES]
grid = progress_views.scorecard_rows(rows, card_counties)


def hovers() -> list[str]:  # only a new figure needs them: built inside the cached build
    return [progress_charts.hover(r, words=words, unit=labels.unit(units[r["indicator"]]), fmt=formats[r["indicator"]])
            for r in grid.to_dict("records")]


title = ctx.text("progress_scorecard_title", as_of=as_of.isoformat()) + sample_mark
height = blocks.slide_height() if ctx.presenting else None
fig = blocks.cached(ctx.key(as_of, theme, "scorecard", tuple(card_counties)), lambda: progress_charts.scorecard(
    grid, options=ctx.chart_options(source=tracking.source_line(project, grid, lang, as_of), height=height), title=title,
    rows=[i for i in shown_indicators if i in set(grid["indicator"])], row_names=labels.indicators,
    status_names=progress_views.status_words(lang), hovers=hovers()))
with blocks.slide_body():
    picked = blocks.figure(fig, filename=f"progress_{as_of.isoformat()}", key="progress:scorecard", select=True)
if ctx.presenting:
    st.stop()
st.caption(ctx.text("progress_scorecard_hint"))

# The trajectory: the clicked cell, else the highlighted county (or the city) and the first indicator.
city = tracking.city(project)
options = [city] + order
if picked:
    st.session_state["w:trajectory_county"], st.session_state["w:trajectory_indicator"] = picked
c1, c2 = st.columns(2)
with c1:
    county = session.select(ctx.text("progress_pick_county"), options, key="trajectory_county",
                            default=ctx.highlight or city, format_func=lambda x: labels.counties.get(x, x))
with c2:
    indicator = session.select(ctx.text("progress_pick_indicator"), shown_indicators, key="trajectory_indicator",
                               default=shown_indicators[0], format_func=lambda x: labels.indicators.get(x, x))
session.publish(asof=as_of.isoformat(), theme=None if theme == "all" else theme)
theme_of = {i.id: th.id for th in config.themes for i in th.indicators}
unit = labels.unit(units[indicator])
path = trajectory.trajectory(project, theme_of[indicator], indicator, county, as_of)
note = progress_blocks.progress_note(ctx, path, unit, formats[indicator])
traj_title = ctx.text("progress_trajectory_title", county=labels.counties.get(county, county),
                      indicator=labels.indicators[indicator], unit=unit) + (f" · {ctx.text('progress_sample')}" if path["sample"] else "")
tfig = blocks.cached(ctx.key(as_of, county, indicator, "trajectory"), lambda: progress_charts.trajectory(
    path["path"], path["actual"], path["projection"], options=ctx.chart_options(unit=unit, source=tracking.source_line(
        project, rows[rows["indicator"] == indicator], lang, as_of)), title=traj_title, note=note,
    words={k: ctx.text(f"progress_{k}") for k in ("path", "actual", "projection")}))
blocks.figure(tfig, filename=f"progress_{county}_{indicator}", key="progress:trajectory")

only = None if theme == "all" else theme
blocks.downloads(lambda: tracking.export_table(project, as_of, only), name=f"progress_{as_of.isoformat()}",
                 key="progress:download", labels=labels, sheet=ctx.text("nav_progress"), readable=progress_views.export_frame,
                 sources=lambda: tracking.report_sources(project, only))
