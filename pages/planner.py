"""装备测算 Equipment planner: what the forest-fire team standard asks of each county's professional team, and of a township team."""

from targets.ui import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/ui/coldstart.py)

import streamlit as st

from targets.analysis import cite, headlines, planner, tables, views
from targets.charts import planner as planner_charts
from targets.frame.i18n import t
from targets.ui import blocks, session
from targets.ui.text import plain

snap = session.current()
project, lab, lg = snap.project, session.labels(), session.lang()
data = project.data[planner.theme(project)]
big = session.presenting()
hl = session.highlight()
session.publish()
doc, title, issued, kind = views.file_source(data)


def cited(ref: str) -> str:
    return cite.caption(doc, title, issued, kind, ref, lg)


blocks.title(t("nav_planner", lg))
st.caption(plain(cited(data.standards.ref)))
st.markdown(t("planner_intro", lg))


def bad_size(err: planner.PlannerError) -> str:
    return t(f"planner_bad_{err.reason}", lg, county=lab.counties.get(err.county, err.county), size=err.size)


# ---- team sizes: an editable table and the chart of sizes against the minimums ------------------------------
left, right = st.columns([2, 3])
with left:
    st.subheader(t("planner_sizes", lg))
    edited = st.data_editor(
        planner.size_table(project, lab), key="planner:sizes", hide_index=True, width="stretch", height="content", num_rows="fixed",
        column_order=["name", "minimum", "size"], disabled=["county", "name", "minimum", "source"],
        column_config={
            "name": st.column_config.TextColumn(t("county", lg), width=100 if lg == "zh" else 135),
            "minimum": st.column_config.TextColumn(t("planner_col_minimum", lg), width=105),
            "size": st.column_config.NumberColumn(t("planner_col_size", lg), width=135 if lg == "zh" else 115, min_value=1, step=1, format="%d",
                                                  required=True, help=t("planner_sizes_help", lg)),
        })
    st.caption(t("planner_sizes_help", lg))
sizes = planner.sizes_from_table(edited)
try:
    plan = planner.plan(project, sizes)
except planner.PlannerError as err:
    st.error(plain(bad_size(err)))
    st.stop()

sized = planner.sizes_frame(plan)
# Figures depend only on the snapshot, the sizes and these choices: built once, reused by every rerun.
view = (snap.fingerprint, "planner", tuple(sorted(sizes.items())), hl, lg, big, blocks.width(0.6))
with right:
    sfig = blocks.cached(view + ("sizes",), lambda: planner_charts.size_bars(sized, title=t("planner_size_title", lg), names=lab.counties, unit_label=lab.unit("人"),
                                    size_word=t("planner_size_word", lg), minimum_word=t("planner_minimum_word", lg),
                                    below_word=t("planner_below_word", lg), source_word=t("source", lg),
                                    highlight=hl, large=big, width=blocks.width(0.6),
                                    source=t("source_prefix", lg) + cite.short_cites(planner.minimum_cites(plan))))
    blocks.figure(sfig, filename="planner_team_sizes", key="planner:sizes_chart")

for r in planner.shortfalls(project, sizes).itertuples(index=False):
    st.warning(plain(t("planner_below", lg, county=lab.counties.get(r.county, r.county), size=r.size,
                          minimum=r.minimum_label, cites=r.minimum_cites)), icon="⚠️")

# ---- city totals ----------------------------------------------------------------------------------------------
head = headlines.planner_figures(plan, sized)
m = st.columns(4)
m[0].metric(t("planner_metric_teams", lg), head["teams"])
m[1].metric(t("planner_metric_people", lg), head["people"], help=t("planner_minimum_total", lg, total=head["minimum_total"]))
m[2].metric(*tables.metric(t("planner_metric_barracks", lg), head["barracks"], lab.unit(head["barracks_unit"])))
m[3].metric(*tables.metric(t("planner_metric_training", lg), head["training"], lab.unit(head["training_unit"])))

# ---- the chart of the main items by county ----------------------------------------------------------------------
options = planner.item_options(plan)
legend = planner.item_labels(plan, lab)
if "w:planner:items" not in st.session_state:
    st.session_state["w:planner:items"] = planner.default_chart_items(project)
picked = st.multiselect(t("planner_items_pick", lg), options, key="w:planner:items", max_selections=8,
                        format_func=lambda i: legend.get(i, i), placeholder=t("placeholder_many", lg))
if picked:
    rows = planner.chart_rows(plan, picked)
    fig = blocks.cached(view + ("items", tuple(picked), blocks.width()), lambda: planner_charts.item_bars(rows, title=t("planner_chart_title", lg), names=lab.counties, item_names=legend,
                                   units=lab.units, y_title=t("planner_chart_y", lg), size_word=t("planner_size_word", lg),
                                   source_word=t("source", lg), highlight=hl, lang=lg, large=big, width=blocks.width(),
                                   source=cite.short_caption(rows, lg)))
    blocks.figure(fig, filename="planner_items_by_county", key="planner:items_chart")

# ---- the table: items × counties, with the city total ---------------------------------------------------------------
st.subheader(t("planner_table", lg))
st.dataframe(planner.matrix(plan, lab, item=t("planner_col_item", lg), unit=t("unit", lg), basis=t("planner_col_basis", lg)),
             hide_index=True, width="stretch", height="content", key="planner:table",
             column_config={t("planner_col_item", lg): st.column_config.TextColumn(pinned=True),
                            **{lab.counties.get(c, c): st.column_config.TextColumn(alignment="right")
                               for c in planner.matrix_counties(plan)}})
st.caption(t("planner_table_note", lg))
st.caption(plain(cited(data.standards.ref)))
blocks.downloads(plan, name="planner_professional_teams", key="planner", labels=lab, sheet=t("nav_planner", lg),
                 readable=tables.planner_export)
with st.expander(t("planner_notes", lg)):
    for note in planner.notes(project, planner.PROFESSIONAL):
        st.markdown(f"- {plain(note)}")

# ---- one township (semi-professional) team ----------------------------------------------------------------------------
st.subheader(t("planner_township", lg))
st.markdown(t("planner_township_intro", lg))
rule = planner.township_minimum(project)
default = int(rule["minimum"]) if rule else 1
if rule:
    st.caption(plain(t("planner_township_rule", lg, scope=rule["scope"], quote=rule["quote"], cites=rule["cites"])))
n1, _ = st.columns([1, 3])
size = n1.number_input(t("planner_township_size", lg), min_value=1, value=default, step=1, key="planner:township_size")
if rule and size < rule["minimum"]:
    st.warning(plain(t("planner_township_below", lg, quote=rule["quote"], cites=rule["cites"])), icon="⚠️")
semi = planner.semi_professional(project, size)
st.dataframe(planner.semi_table(semi, lab, item=t("planner_col_item", lg), unit=t("unit", lg), basis=t("planner_col_basis", lg),
                                quantity=t("planner_col_quantity", lg), working=t("planner_col_working", lg)),
             hide_index=True, width="stretch")
st.caption(plain(cited(semi["source_ref"].iloc[0])))
blocks.downloads(semi, name=f"planner_township_team_{size}", key="planner:township", labels=lab,
                 sheet=t("planner_township", lg), readable=tables.planner_export)
