"""数据 Data: the tidy table with filters, the consistency report, and downloads."""

from targets.ui import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/ui/coldstart.py)

import streamlit as st

from targets.analysis import checks, tables, views
from targets.frame.i18n import t
from targets.ui import blocks, session

snap = session.current()
f, cfg, lab, lg = snap.project.frame, snap.project.config, session.labels(), session.lang()
st.title(t("nav_data", lg))

c1, c2, c3, c4 = st.columns(4)
many = t("placeholder_many", lg)
themes = c1.multiselect(t("theme", lg), [x.id for x in cfg.themes], format_func=lambda x: lab.themes.get(x, x),
                        key="w:data:themes", placeholder=many)
counties = c2.multiselect(t("county", lg), views.all_units(cfg), format_func=lambda x: lab.counties.get(x, x),
                          key="w:data:counties", placeholder=many)
periods = c3.multiselect(t("period", lg), [p.id for p in cfg.periods], format_func=lambda x: lab.periods.get(x, x),
                         key="w:data:periods", placeholder=many)
kinds = c4.multiselect(t("kind", lg), list(tables.KINDS), format_func=lambda x: t(f"kind_{x}", lg),
                       key="w:data:kinds", placeholder=many)
session.publish()
rows = views.filter_rows(f, themes=themes, counties=counties, periods=periods, kinds=kinds)
st.caption(t("rows_shown", lg, n=len(rows)))
if len(rows) > blocks.TABLE_ROWS:
    st.caption(t("top_only", lg, n=blocks.TABLE_ROWS, total=len(rows)))
st.dataframe(tables.display_frame(rows.head(blocks.TABLE_ROWS), lab), hide_index=True, width="stretch", height=420)
blocks.downloads(rows, name="targets_filtered", key="data:rows", labels=lab)

st.subheader(t("consistency", lg))
st.dataframe(checks.findings_frame(list(snap.findings), lab), hide_index=True, width="stretch")
