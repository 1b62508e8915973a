"""县域对比 Compare: 2–6 counties side by side across indicators, as values, shares of the city total, or ranks."""

from targets import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/coldstart.py)

import streamlit as st

from targets import charts, ui, views
from targets.i18n import t

snap = ui.current()
f, cfg, lab, lg = snap.project.frame, snap.project.config, ui.labels(snap), ui.lang()
st.title(t("nav_compare", lg))

names = [c.name for c in sorted(cfg.counties, key=lambda c: c.order) if c.kind != "city"]
c1, c2 = st.columns([3, 2])
with c1:
    picked = ui.multiselect(t("counties_pick", lg), names, key="counties", page="compare",
                            default=names[:3], format_func=lambda x: lab.counties.get(x, x))
with c2:
    mode = ui.select(t("mode", lg), ["raw", "share", "rank"], key="mode", page="compare", widget=st.radio,
                     horizontal=True, format_func=lambda x: t(f"mode_{x}", lg))
ui.publish(counties=picked or None, mode=mode)
if len(picked) < 2:
    st.info(t("counties_pick", lg))
    st.stop()

rows = views.compare(snap.ranks, cfg, picked)
rows["key"] = [f"{lab.indicators.get(i, i)}·{lab.periods.get(p, p)}（{lab.unit(u)}）" if lg == "zh" else
               f"{lab.indicators.get(i, i)} · {lab.periods.get(p, p)} ({lab.unit(u)})"
               for i, p, u in zip(rows["indicator"], rows["period"], rows["unit"])]
colors = {c.name: c.color for c in cfg.counties}
fig = charts.compare_bars(rows, title=t("compare_title", lg, mode=t(f"mode_{mode}", lg)), mode=mode,
                          names=lab.counties, colors=colors, row_labels=list(rows["key"]), lang=lg,
                          large=st.session_state.get("present", False))
ui.figure(fig, filename=f"compare_{'_'.join(picked)}_{mode}", key="compare:chart")
st.caption(ui.plain("；".join(sorted(set(rows["source"].astype(str))))))
ui.data_table(rows[list(f.columns)], lab, name=f"compare_{'_'.join(picked)}", key="compare:data")
