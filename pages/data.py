"""数据 Data: the tidy table with filters, the consistency report, and downloads."""

from targets.ui import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/ui/coldstart.py)

import streamlit as st

from targets.analysis import checks, tables, views
from targets.frame.i18n import t
from targets.ui import blocks, context, session

ctx = context.page()
frame, config, labels, lang = ctx.frame, ctx.config, ctx.labels, ctx.lang
st.title(ctx.title)

c1, c2, c3, c4 = st.columns(4)
many = t("placeholder_many", lang)
themes = c1.multiselect(t("theme", lang), [x.id for x in config.themes], format_func=lambda x: labels.themes.get(x, x),
                        key="w:data:themes", placeholder=many)
counties = c2.multiselect(t("county", lang), views.all_units(config), format_func=lambda x: labels.counties.get(x, x),
                          key="w:data:counties", placeholder=many)
periods = c3.multiselect(t("period", lang), [p.id for p in config.periods], format_func=lambda x: labels.periods.get(x, x),
                         key="w:data:periods", placeholder=many)
kinds = c4.multiselect(t("kind", lang), list(tables.KINDS), format_func=lambda x: t(f"kind_{x}", lang),
                       key="w:data:kinds", placeholder=many)
session.publish()
rows = views.filter_rows(frame, themes=themes, counties=counties, periods=periods, kinds=kinds)
st.caption(t("rows_shown", lang, n=len(rows)))
if len(rows) > blocks.TABLE_ROWS:
    st.caption(t("top_only", lang, n=blocks.TABLE_ROWS, total=len(rows)))
st.dataframe(tables.display_frame(rows.head(blocks.TABLE_ROWS), labels), hide_index=True, width="stretch", height=420)
blocks.downloads(rows, name="targets_filtered", key="data:rows", labels=labels)

st.subheader(t("consistency", lang))
st.dataframe(checks.findings_frame(list(ctx.snapshot.findings), labels), hide_index=True, width="stretch")
