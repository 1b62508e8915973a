"""装备测算 Equipment planner: what the forest-fire team standard asks of each county's professional team, and of a township team."""

from targets import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/coldstart.py)

import streamlit as st

from targets import export, planner, planner_charts, ui
from targets.i18n import t

snap = ui.current()
project, lab, lg = snap.project, ui.labels(snap), ui.lang()
data = project.data[planner.THEME]
big = st.session_state.get("present", False)
hl = st.session_state.get("hl") or None
ui.publish()

st.title(t("nav_planner", lg))
st.caption(ui.plain(ui.caption(snap, data.source.doc_number, data.standards.ref)))
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
    st.error(ui.plain(bad_size(err)))
    st.stop()

sized = planner.sizes_frame(plan)
with right:
    sfig = planner_charts.size_bars(sized, title=t("planner_size_title", lg), names=lab.counties, unit_label=lab.unit("人"),
                                    size_word=t("planner_size_word", lg), minimum_word=t("planner_minimum_word", lg),
                                    below_word=t("planner_below_word", lg), source_word=t("source", lg),
                                    highlight=hl, large=big)
    ui.figure(sfig, filename="planner_team_sizes", key="planner:sizes_chart")
    st.caption(ui.plain(t("planner_size_source", lg, cites=planner.minimum_cites(plan))))

for r in planner.shortfalls(project, sizes).itertuples(index=False):
    st.warning(ui.plain(t("planner_below", lg, county=lab.counties.get(r.county, r.county), size=r.size,
                          minimum=r.minimum_label, cites=r.minimum_cites)), icon="⚠️")

# ---- city totals ----------------------------------------------------------------------------------------------
head = planner.headline(plan)
m = st.columns(4)
m[0].metric(t("planner_metric_teams", lg), head["teams"])
m[1].metric(t("planner_metric_people", lg), f"{head['people']:,}")
m[2].metric(t("planner_metric_barracks", lg), f"{head['barracks']} {lab.unit('平方米')}")
m[3].metric(t("planner_metric_training", lg), f"{head['training']} {lab.unit('平方米')}")

# ---- the chart of the main items by county ----------------------------------------------------------------------
options = planner.item_options(plan)
legend = planner.item_labels(plan, lab)
if "w:planner:items" not in st.session_state:
    st.session_state["w:planner:items"] = planner.default_chart_items(project)
picked = st.multiselect(t("planner_items_pick", lg), options, key="w:planner:items", max_selections=8,
                        format_func=lambda i: legend.get(i, i))
if picked:
    rows = planner.chart_rows(plan, picked)
    fig = planner_charts.item_bars(rows, title=t("planner_chart_title", lg), names=lab.counties, item_names=legend,
                                   units=lab.units, y_title=t("planner_chart_y", lg), size_word=t("planner_size_word", lg),
                                   source_word=t("source", lg), highlight=hl, lang=lg, large=big)
    ui.figure(fig, filename="planner_items_by_county", key="planner:items_chart")
    st.caption(ui.plain(ui.caption(snap, data.source.doc_number, rows["source_ref"].iloc[0])))

# ---- the table: items × counties, with the city total ---------------------------------------------------------------
st.subheader(t("planner_table", lg))
st.dataframe(planner.matrix(plan, lab, item=t("planner_col_item", lg), unit=t("unit", lg), basis=t("planner_col_basis", lg)),
             hide_index=True, width="stretch", height="content", key="planner:table",
             column_config={t("planner_col_item", lg): st.column_config.TextColumn(pinned=True),
                            **{lab.counties.get(c, c): st.column_config.TextColumn(alignment="right")
                               for c in [planner.CITY, *sized["county"]]}})
st.caption(t("planner_table_note", lg))
st.caption(ui.plain(ui.caption(snap, data.source.doc_number, data.standards.ref)))
c1, c2 = st.columns(2)
c1.download_button(t("download_csv", lg), lambda: export.to_csv(plan), file_name="planner_professional_teams.csv",
                   mime="text/csv", key="planner:csv", on_click="ignore")
c2.download_button(t("download_xlsx", lg), lambda: export.to_xlsx(plan, sheet="planner"), file_name="planner_professional_teams.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="planner:xlsx", on_click="ignore")
with st.expander(t("planner_notes", lg)):
    for note in planner.notes(project, planner.PROFESSIONAL):
        st.markdown(f"- {ui.plain(note)}")

# ---- one township (semi-professional) team ----------------------------------------------------------------------------
st.subheader(t("planner_township", lg))
st.markdown(t("planner_township_intro", lg))
rule = planner.township_minimum(project)
default = int(rule["minimum"]) if rule else 1
if rule:
    st.caption(ui.plain(t("planner_township_rule", lg, scope=rule["scope"], quote=rule["quote"], cites=rule["cites"])))
n1, _ = st.columns([1, 3])
size = n1.number_input(t("planner_township_size", lg), min_value=1, value=default, step=1, key="planner:township_size")
if rule and size < rule["minimum"]:
    st.warning(ui.plain(t("planner_township_below", lg, quote=rule["quote"], cites=rule["cites"])), icon="⚠️")
semi = planner.semi_professional(project, size)
st.dataframe(planner.semi_table(semi, lab, item=t("planner_col_item", lg), unit=t("unit", lg), basis=t("planner_col_basis", lg),
                                quantity=t("planner_col_quantity", lg), working=t("planner_col_working", lg)),
             hide_index=True, width="stretch")
st.caption(ui.plain(ui.caption(snap, data.source.doc_number, semi["source_ref"].iloc[0])))
c3, c4 = st.columns(2)
c3.download_button(t("download_csv", lg), lambda: export.to_csv(semi), file_name=f"planner_township_team_{size}.csv",
                   mime="text/csv", key="planner:township_csv", on_click="ignore")
c4.download_button(t("download_xlsx", lg), lambda: export.to_xlsx(semi, sheet="township"), file_name=f"planner_township_team_{size}.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="planner:township_xlsx", on_click="ignore")
