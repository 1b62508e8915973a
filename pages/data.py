"""数据 Data: the tidy table with filters, the consistency report, and downloads."""

from targets import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/coldstart.py)

import streamlit as st

from targets import checks, ui, views
from targets.i18n import t

snap = ui.current()
f, cfg, lab, lg = snap.project.frame, snap.project.config, ui.labels(snap), ui.lang()
st.title(t("nav_data", lg))

c1, c2, c3, c4 = st.columns(4)
themes = c1.multiselect(t("theme", lg), [x.id for x in cfg.themes], format_func=lambda x: lab.themes.get(x, x), key="w:data:themes")
counties = c2.multiselect(t("county", lg), [c.name for c in sorted(cfg.counties, key=lambda c: c.order)],
                          format_func=lambda x: lab.counties.get(x, x), key="w:data:counties")
periods = c3.multiselect(t("period", lg), [p.id for p in cfg.periods], format_func=lambda x: lab.periods.get(x, x), key="w:data:periods")
kinds = c4.multiselect(t("kind", lg), ["county", "stated_total", "text", "standard"],
                       format_func=lambda x: t(f"kind_{x}", lg), key="w:data:kinds")
ui.publish()
rows = views.filter_rows(f, themes=themes, counties=counties, periods=periods, kinds=kinds)
st.caption(t("rows_shown", lg, n=len(rows)))
if len(rows) > ui.TABLE_ROWS:
    st.caption(t("top_only", lg, n=ui.TABLE_ROWS, total=len(rows)))
st.dataframe(ui.display_frame(rows.head(ui.TABLE_ROWS), lab), hide_index=True, width="stretch", height=420)
ui.data_table(rows, lab, name="targets_filtered", key="data:rows")

st.subheader(t("consistency", lg))
st.dataframe(checks.findings_frame(list(snap.findings), lg), hide_index=True, width="stretch")
