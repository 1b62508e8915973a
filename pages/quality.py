"""数据质量 Data quality: every consistency check with both places in the gazette (to review first), and the special cells."""

from targets.ui import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/ui/coldstart.py)

import streamlit as st

from targets.analysis import cite, export, quality, tables, views
from targets.frame.i18n import t
from targets.ui import session
from targets.ui.text import plain

snap = session.current()
f, cfg, lab, lg = snap.project.frame, snap.project.config, session.labels(), session.lang()
theme_ids = [x.id for x in cfg.themes]
session.publish()

st.title(t("nav_quality", lg))
st.caption(t("quality_intro", lg))

theme = st.radio(t("theme", lg), [""] + theme_ids, key="w:quality:theme", horizontal=True,
                 format_func=lambda x: lab.themes.get(x, x) if x else t("all", lg))
findings = quality.ordered(quality.only_theme(snap.findings, theme), theme_ids)
special = quality.specials(f, theme, theme_ids)
n = quality.counts(findings)

st.subheader(t("quality_summary", lg, total=n["total"], ok=n["ok"], bad=n["mismatch"]))
m = st.columns(4)
m[0].metric(t("quality_metric_total", lg), n["total"])
m[1].metric(t("quality_metric_ok", lg), n["ok"])
m[2].metric(t("quality_metric_bad", lg), n["mismatch"])
m[3].metric(t("quality_metric_special", lg), len(special))

# ---- the last update: what it added, removed and changed, so a save that lost rows is seen at once ----------------
st.subheader(t("changes_title", lg))
fmt = "%Y-%m-%d %H:%M:%S"
if snap.previous_loaded_at is None:
    st.caption(t("changes_first", lg, now=snap.loaded_at.strftime(fmt)))
else:
    st.caption(t("changes_when", lg, now=snap.loaded_at.strftime(fmt), before=snap.previous_loaded_at.strftime(fmt)))
    if any(c.lost_rows for c in snap.changes):
        st.warning(t("changes_lost", lg), icon="⚠️")
    if snap.changes:
        st.dataframe(tables.changes_table(snap.changes, lab), hide_index=True, width="stretch", key="quality:changes")
    else:
        st.caption(t("changes_none", lg))




def show_card(x) -> None:
    """One check in full: what is stated and where, what it is compared with and where, the result."""
    c = quality.card(x, lab)
    mark = "✗" if x.status == quality.MISMATCH else "✓"
    # Bold labels end with the colon inside the ** (markdown bold cannot end in a space).
    colon, where, semi = ("：", "：", "；") if lg == "zh" else (":", ": ", "; ")
    lines = [
        f"**{mark} {plain(c['theme'])} · {plain(c['title'])}**",
        f"**{t('quality_stated', lg)}{colon}** {plain(c['stated'])} — {t('quality_where', lg)}{where}{plain(c['stated_cites'])}",
        f"**{t('quality_compared', lg)}{colon}** {plain(c['compared'])} — "
        f"{t('quality_where', lg)}{where}{plain(c['compared_cites'])}",
        f"**{t('quality_result', lg)}{colon}** {plain(c['result'])}"
        + (f"{semi}**{t('quality_diff', lg)}{colon}** {plain(c['difference'])}" if c["difference"] else ""),
    ]
    (st.error if x.status == quality.MISMATCH else st.info)("  \n".join(lines))


# ---- the checks to review, one card each, citing both places ---------------------------------------------------------
st.subheader(t("quality_mismatches", lg))
bad = [x for x in findings if x.status == quality.MISMATCH]
if not bad:
    st.success(t("quality_none_bad", lg), icon="✅")
for x in bad:
    show_card(x)

# ---- every check, by type, to review first and marked; pick rows to read both places in full ------------------------------
st.subheader(t("quality_all_checks", lg))
st.caption(t("quality_pick_rows", lg))
table = quality.findings_table(findings, lab)
widths = {t("quality_result", lg): st.column_config.TextColumn(pinned=True, width=120 if lg == "zh" else 150),
          t("theme", lg): st.column_config.TextColumn(width=80 if lg == "zh" else 120),
          t("quality_check", lg): st.column_config.TextColumn(width=300),
          t("quality_source_a", lg): st.column_config.TextColumn(width="large"),
          t("quality_source_b", lg): st.column_config.TextColumn(width="large")}
shown = [c for c in table.columns if c != t("quality_cat", lg)]  # one table per check type
for cat, group in quality.by_category(findings):
    k = quality.counts(group)
    st.markdown(f"**{t(f'quality_cat_{cat}', lg)}** · {t('quality_group', lg, total=k['total'], bad=k['mismatch'])}")
    part = quality.findings_table(group, lab)
    event = st.dataframe(quality.styled(group, part), hide_index=True, width="stretch", height="content",
                         key=f"quality:checks:{cat}", column_order=shown, column_config=widths,
                         on_select="rerun", selection_mode="multi-row")
    for i in event.selection.rows:
        show_card(group[i])

# ---- special cells ---------------------------------------------------------------------------------------------------
st.subheader(t("quality_special", lg))
st.caption(t("quality_special_intro", lg))
st.dataframe(quality.special_counts(special, lab), hide_index=True, width=360)
cells = quality.special_table(special, lab)
st.dataframe(cells, hide_index=True, width="stretch", height=460, key="quality:special",
             column_config={t("quality_sp_kind", lg): st.column_config.TextColumn(width=150),
                            t("indicator", lg): st.column_config.TextColumn(width=220),
                            t("source", lg): st.column_config.TextColumn(width="large"),
                            t("quality_quote", lg): st.column_config.TextColumn(width="large")})

# ---- the report as files ---------------------------------------------------------------------------------------------
st.subheader(t("quality_download", lg))
name = f"quality_report_{theme}" if theme else "quality_report"
d1, d2, d3 = st.columns(3)
d1.download_button(t("download_csv", lg), lambda: export.to_csv(table), file_name=f"{name}.csv", mime="text/csv", key="quality:csv",
                   on_click="ignore")
d2.download_button(t("download_xlsx", lg),
                   lambda: quality.report_xlsx(table, cells, checks_sheet=t("consistency", lg), special_sheet=t("quality_metric_special", lg)),
                   file_name=f"{name}.xlsx", key="quality:xlsx", on_click="ignore",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
d3.download_button(t("quality_download_txt", lg), lambda: quality.report_text(findings, lab), file_name=f"{name}.txt",
                   mime="text/plain", key="quality:txt", on_click="ignore")
st.caption(plain("；".join(cite.document_line(*views.file_source(d), lg) for d in snap.project.data.values())))
