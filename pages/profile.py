"""县域档案 County profile: everything the gazette asks of one county, with rank, share, deadline and source."""

from targets import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/coldstart.py)

import pandas as pd
import streamlit as st

from targets import charts, ui, views
from targets.fmt import number
from targets.i18n import t

snap = ui.current()
f, cfg, lab, lg = snap.project.frame, snap.project.config, ui.labels(snap), ui.lang()
names = [c.name for c in sorted(cfg.counties, key=lambda c: c.order) if c.kind != "city"]
title = st.empty()  # filled once the county is known, so the title stands above the picker
county = ui.select(t("county", lg), names, key="county", page="profile",
                   default=st.session_state.get("hl") or names[0], format_func=lambda x: lab.counties.get(x, x))
ui.publish(county=county)
title.title(ui.plain(f"{t('nav_profile', lg)} · {lab.counties[county]}"))

rows = views.profile(snap.project, county, snap.ranks)
rows = rows[rows["status"] == "value"]
if rows.empty:
    st.info(t("no_data", lg))
    st.stop()
zh = lg == "zh"
table = pd.DataFrame({
    t("theme", lg): rows["theme"].map(lab.themes),
    t("indicator", lg): rows["indicator_zh" if zh else "indicator_en"].astype(str),
    t("period", lg): rows["period"].map(lambda p: lab.periods.get(p, p)),
    t("target", lg): [f"{lbl} {lab.unit(u)}" for lbl, u in zip(rows["label"].astype(str), rows["unit"].astype(str))],
    t("rank", lg): [t("rank_of", lg, rank=int(r), n=int(n)) if r == r else t("not_ranked", lg)
                    for r, n in zip(rows["rank"], rows["rank_n"])],
    t("share", lg): [f"{number(s, '.1f')}%" if s == s else "" for s in rows["share"]],
    t("deadline", lg): rows["deadline"].astype(str),
    t("source", lg): rows["source"].astype(str) + " " + rows["source_ref"].astype(str),
})
st.dataframe(table, hide_index=True, width="stretch")

share = rows.assign(key=[f"{lab.indicators.get(i, i)} · {lab.periods.get(p, p)}" for i, p in zip(rows["indicator"], rows["period"])])
color = next(c.color for c in cfg.counties if c.name == county)
fig = charts.share_bars(share, title=t("profile_title", lg, county=lab.counties[county]), color=color, lang=lg,
                        large=st.session_state.get("present", False))
ui.figure(fig, filename=f"profile_{county}_share", key="profile:share")
ui.data_table(rows[list(f.columns)], lab, name=f"profile_{county}", key="profile:data")

rules = views.citywide_rules(f)
if len(rules):
    st.subheader(t("citywide_rules", lg))
    st.dataframe(ui.display_frame(rules, lab).assign(**{("适用" if zh else "Applies to"): rules["scope"].astype(str)}),
                 hide_index=True, width="stretch")
deadlines = [(d.date, d.zh if zh else d.en, f"{data.source.doc_number} {d.ref}")
             for data in snap.project.data.values() for d in data.deadlines]
if deadlines:
    st.subheader(t("deadlines", lg))
    st.dataframe(pd.DataFrame(sorted(deadlines), columns=[t("deadline", lg), t("target", lg), t("source", lg)]),
                 hide_index=True, width="stretch")
