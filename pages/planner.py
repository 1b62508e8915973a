"""装备测算 Equipment planner: what the forest-fire team standard asks of each county's professional team, and of a township team."""

from targets.ui import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/ui/coldstart.py)

import streamlit as st

from targets.analysis import cite, headlines, planner, planner_views, tables, views
from targets.charts import planner as planner_charts
from targets.frame.i18n import t
from targets.ui import blocks, context, session
from targets.ui.text import plain

ctx = context.page()
project, labels, lang = ctx.project, ctx.labels, ctx.lang
data = project.data[planner.theme(project)]
session.publish()
doc, title, issued, kind = views.file_source(data)


def cited(ref: str) -> str:
    return cite.caption(doc, title, issued, kind, ref, lang)


blocks.title(ctx.title)
st.caption(plain(cited(data.standards.ref)))
st.markdown(t("planner_intro", lang))


def bad_size(err: planner.PlannerError) -> str:
    return t(f"planner_bad_{err.reason}", lang, county=labels.counties.get(err.county, err.county), size=err.size)


# ---- team sizes: an editable table and the chart of sizes against the minimums ------------------------------
left, right = st.columns([2, 3])
with left:
    st.subheader(t("planner_sizes", lang))
    edited = st.data_editor(
        planner.size_table(project, labels), key="planner:sizes", hide_index=True, width="stretch", height="content", num_rows="fixed",
        column_order=["name", "minimum", "size"], disabled=["county", "name", "minimum", "source"],
        column_config={
            "name": st.column_config.TextColumn(t("county", lang), width=100 if lang == "zh" else 135),
            "minimum": st.column_config.TextColumn(t("planner_col_minimum", lang), width=105),
            "size": st.column_config.NumberColumn(t("planner_col_size", lang), width=135 if lang == "zh" else 115, min_value=1, step=1, format="%d",
                                                  required=True, help=t("planner_sizes_help", lang)),
        })
    st.caption(t("planner_sizes_help", lang))
sizes = planner.sizes_from_table(edited)
try:
    plan = planner.plan(project, sizes)
except planner.PlannerError as err:
    st.error(plain(bad_size(err)))
    st.stop()

sized = planner_views.sizes_frame(plan)
# Figures depend only on the snapshot, the sizes and these choices: built once, reused by every rerun.
sizes_key = tuple(sorted(sizes.items()))
with right:
    size_options = ctx.chart_options(0.6, unit=labels.unit("人"),
                                     source=t("source_prefix", lang) + cite.short_cites(planner_views.minimum_cites(plan)))
    sfig = blocks.cached(ctx.key(sizes_key, "sizes"), lambda: planner_charts.size_bars(
        sized, options=size_options, title=t("planner_size_title", lang), size_word=t("planner_size_word", lang),
        minimum_word=t("planner_minimum_word", lang), below_word=t("planner_below_word", lang)))
    blocks.figure(sfig, filename="planner_team_sizes", key="planner:sizes_chart")

for r in planner.shortfalls(project, sizes).itertuples(index=False):
    st.warning(plain(t("planner_below", lang, county=labels.counties.get(r.county, r.county), size=r.size,
                          minimum=r.minimum_label, cites=r.minimum_cites)), icon="⚠️")

# ---- city totals ----------------------------------------------------------------------------------------------
head = headlines.planner_figures(plan, sized)
metric_cols = st.columns(4)
metric_cols[0].metric(t("planner_metric_teams", lang), head["teams"])
metric_cols[1].metric(t("planner_metric_people", lang), head["people"], help=t("planner_minimum_total", lang, total=head["minimum_total"]))
metric_cols[2].metric(*tables.metric(t("planner_metric_barracks", lang), head["barracks"], labels.unit(head["barracks_unit"]), lang=lang))
metric_cols[3].metric(*tables.metric(t("planner_metric_training", lang), head["training"], labels.unit(head["training_unit"]), lang=lang))

# ---- the chart of the main items by county ----------------------------------------------------------------------
options = planner_views.item_options(plan)
legend = planner_views.item_labels(plan, labels)
if "w:planner:items" not in st.session_state:
    st.session_state["w:planner:items"] = planner_views.default_chart_items(project)
picked = st.multiselect(t("planner_items_pick", lang), options, key="w:planner:items", max_selections=8,
                        format_func=lambda i: legend.get(i, i), placeholder=t("placeholder_many", lang))
if picked:
    rows = planner_views.chart_rows(plan, picked)
    item_options = ctx.chart_options(source=cite.short_caption(rows, lang))
    fig = blocks.cached(ctx.key(sizes_key, "items", tuple(picked)), lambda: planner_charts.item_bars(
        rows, options=item_options, title=t("planner_chart_title", lang), item_names=legend, units=labels.units,
        y_title=t("planner_chart_y", lang), size_word=t("planner_size_word", lang)))
    blocks.figure(fig, filename="planner_items_by_county", key="planner:items_chart")

# ---- the table: items × counties, with the city total ---------------------------------------------------------------
st.subheader(t("planner_table", lang))
st.dataframe(planner_views.matrix(plan, labels, item=t("planner_col_item", lang), unit=t("unit", lang), basis=t("planner_col_basis", lang)),
             hide_index=True, width="stretch", height="content", key="planner:table",
             column_config={t("planner_col_item", lang): st.column_config.TextColumn(pinned=True),
                            **{labels.counties.get(c, c): st.column_config.TextColumn(alignment="right")
                               for c in planner_views.matrix_counties(plan)}})
st.caption(t("planner_table_note", lang))
st.caption(plain(cited(data.standards.ref)))
blocks.downloads(plan, name="planner_professional_teams", key="planner", labels=labels, sheet=ctx.title,
                 readable=tables.planner_export)
with st.expander(t("planner_notes", lang)):
    for note in planner.notes(project, planner.PROFESSIONAL):
        st.markdown(f"- {plain(note)}")

# ---- one township (semi-professional) team ----------------------------------------------------------------------------
st.subheader(t("planner_township", lang))
st.markdown(t("planner_township_intro", lang))
rule = planner.township_minimum(project)
default = int(rule["minimum"]) if rule else 1
if rule:
    st.caption(plain(t("planner_township_rule", lang, scope=rule["scope"], quote=rule["quote"], cites=rule["cites"])))
n1, _ = st.columns([1, 3])
size = n1.number_input(t("planner_township_size", lang), min_value=1, value=default, step=1, key="planner:township_size")
if rule and size < rule["minimum"]:
    st.warning(plain(t("planner_township_below", lang, quote=rule["quote"], cites=rule["cites"])), icon="⚠️")
semi = planner.semi_professional(project, size)
st.dataframe(planner_views.semi_table(semi, labels, item=t("planner_col_item", lang), unit=t("unit", lang), basis=t("planner_col_basis", lang),
                                quantity=t("planner_col_quantity", lang), working=t("planner_col_working", lang)),
             hide_index=True, width="stretch")
st.caption(plain(cited(semi["source_ref"].iloc[0])))
blocks.downloads(semi, name=f"planner_township_team_{size}", key="planner:township", labels=labels,
                 sheet=t("planner_township", lang), readable=tables.planner_export)
