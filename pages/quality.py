"""数据质量 Data quality: every consistency check with both places in the gazette (to review first), and the special cells."""

from targets.ui import coldstart

coldstart.require_shell(__file__)  # first: a fresh server may start this script alone (targets/ui/coldstart.py)

import streamlit as st

from targets.analysis import change_list, cite, export, quality, views
from targets.analysis.changes import MAX_DETAILS
from targets.frame.i18n import t
from targets.ops.snapshot import HISTORY
from targets.ui import context, session
from targets.ui.text import plain

ctx = context.page()
frame, config, labels, lang = ctx.frame, ctx.config, ctx.labels, ctx.lang
snapshot = ctx.snapshot
theme_ids = [x.id for x in config.themes]
session.publish()

st.title(ctx.title)
st.caption(t("quality_intro", lang))

theme = st.radio(t("theme", lang), [""] + theme_ids, key="w:quality:theme", horizontal=True,
                 format_func=lambda x: labels.themes.get(x, x) if x else t("all", lang))
findings = quality.ordered(quality.only_theme(snapshot.findings, theme), theme_ids)
special = quality.specials(frame, theme, theme_ids)
totals = quality.counts(findings)

st.subheader(t("quality_summary", lang, total=totals["total"], ok=totals["ok"], bad=totals["mismatch"]))
metric_cols = st.columns(4)
metric_cols[0].metric(t("quality_metric_total", lang), totals["total"])
metric_cols[1].metric(t("quality_metric_ok", lang), totals["ok"])
metric_cols[2].metric(t("quality_metric_bad", lang), totals["mismatch"])
metric_cols[3].metric(t("quality_metric_special", lang), len(special))

# ---- the last updates: what each added, removed and changed, so a save that lost rows is seen at once -------------
st.subheader(t("changes_title", lang))
fmt = "%Y-%m-%d %H:%M:%S"
history = snapshot.history
if snapshot.previous_loaded_at is None:
    st.caption(t("changes_first", lang, now=snapshot.loaded_at.strftime(fmt)))
else:
    st.caption(t("changes_when", lang, now=snapshot.loaded_at.strftime(fmt), before=snapshot.previous_loaded_at.strftime(fmt))
               + " " + t("changes_kept", lang, n=len(history), most=HISTORY))
    if any(c.lost_rows for c in snapshot.changes):
        st.warning(t("changes_lost", lang), icon="⚠️")
    total = change_list.count(history)
    if not total:
        st.caption(t("changes_none", lang))
    else:
        st.dataframe(change_list.summary(snapshot, labels), hide_index=True, width="stretch", key="quality:changes")
        st.markdown(f"**{t('changes_values', lang)}**")
        listed = change_list.change_list(snapshot, labels)
        shown_n = min(len(listed), change_list.SHOWN)
        count_text = t("changes_shown", lang, total=total, shown=shown_n) if total > shown_n else t("changes_all", lang, total=total)
        st.caption(count_text + (" " + t("changes_capped", lang, kept=MAX_DETAILS) if len(listed) < total else ""))
        st.dataframe(listed.head(shown_n), hide_index=True, width="stretch", key="quality:change_list",
                     column_config={t("changes_place", lang): st.column_config.TextColumn(width="medium")})
        if total > shown_n:
            st.download_button(t("changes_download", lang), lambda: export.to_csv(listed), file_name="changes.csv",
                               mime="text/csv", key="quality:changes_csv", on_click="ignore")


def show_card(x) -> None:
    """One check in full: what is stated and where, what it is compared with and where, the result."""
    c = quality.card(x, labels)
    mark = "✗" if x.status == quality.MISMATCH else "✓"
    # Bold labels end with the colon inside the ** (markdown bold cannot end in a space).
    colon, where, semi = ("：", "：", "；") if lang == "zh" else (":", ": ", "; ")
    lines = [
        f"**{mark} {plain(c['theme'])} · {plain(c['title'])}**",
        f"**{t('quality_stated', lang)}{colon}** {plain(c['stated'])} — {t('quality_where', lang)}{where}{plain(c['stated_cites'])}",
        f"**{t('quality_compared', lang)}{colon}** {plain(c['compared'])} — "
        f"{t('quality_where', lang)}{where}{plain(c['compared_cites'])}",
        f"**{t('quality_result', lang)}{colon}** {plain(c['result'])}"
        + (f"{semi}**{t('quality_diff', lang)}{colon}** {plain(c['difference'])}" if c["difference"] else ""),
    ]
    (st.error if x.status == quality.MISMATCH else st.info)("  \n".join(lines))


# ---- the checks to review, one card each, citing both places ---------------------------------------------------------
st.subheader(t("quality_mismatches", lang))
bad = [x for x in findings if x.status == quality.MISMATCH]
if not bad:
    st.success(t("quality_none_bad", lang), icon="✅")
for x in bad:
    show_card(x)

# ---- every check, by type, to review first and marked; pick rows to read both places in full ------------------------------
st.subheader(t("quality_all_checks", lang))
st.caption(t("quality_pick_rows", lang))
table = quality.findings_table(findings, labels)
widths = {t("quality_result", lang): st.column_config.TextColumn(pinned=True, width=120 if lang == "zh" else 150),
          t("theme", lang): st.column_config.TextColumn(width=80 if lang == "zh" else 120),
          t("quality_check", lang): st.column_config.TextColumn(width=300),
          t("quality_source_a", lang): st.column_config.TextColumn(width="large"),
          t("quality_source_b", lang): st.column_config.TextColumn(width="large")}
shown = [c for c in table.columns if c != t("quality_cat", lang)]  # one table per check type
for cat, group in quality.by_category(findings):
    group_counts = quality.counts(group)
    st.markdown(f"**{t(f'quality_cat_{cat}', lang)}** · "
                f"{t('quality_group', lang, total=group_counts['total'], bad=group_counts['mismatch'])}")
    part = quality.findings_table(group, labels)
    event = st.dataframe(quality.styled(group, part), hide_index=True, width="stretch", height="content",
                         key=f"quality:checks:{cat}", column_order=shown, column_config=widths,
                         on_select="rerun", selection_mode="multi-row")
    for i in event.selection.rows:
        show_card(group[i])

# ---- special cells ---------------------------------------------------------------------------------------------------
st.subheader(t("quality_special", lang))
st.caption(t("quality_special_intro", lang))
st.dataframe(quality.special_counts(special, labels), hide_index=True, width=360)
cells = quality.special_table(special, labels)
st.dataframe(cells, hide_index=True, width="stretch", height=460, key="quality:special",
             column_config={t("quality_sp_kind", lang): st.column_config.TextColumn(width=150),
                            t("indicator", lang): st.column_config.TextColumn(width=220),
                            t("source", lang): st.column_config.TextColumn(width="large"),
                            t("quality_quote", lang): st.column_config.TextColumn(width="large")})

# ---- the report as files ---------------------------------------------------------------------------------------------
st.subheader(t("quality_download", lang))
name = f"quality_report_{theme}" if theme else "quality_report"
d1, d2, d3 = st.columns(3)
d1.download_button(t("download_csv", lang), lambda: export.to_csv(table), file_name=f"{name}.csv", mime="text/csv", key="quality:csv",
                   on_click="ignore")
d2.download_button(t("download_xlsx", lang),
                   lambda: quality.report_xlsx(table, cells, checks_sheet=t("consistency", lang), special_sheet=t("quality_metric_special", lang)),
                   file_name=f"{name}.xlsx", key="quality:xlsx", on_click="ignore",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
d3.download_button(t("quality_download_txt", lang), lambda: quality.report_text(findings, labels), file_name=f"{name}.txt",
                   mime="text/plain", key="quality:txt", on_click="ignore")
st.caption(plain("；".join(cite.document_line(*views.file_source(d), lang) for d in snapshot.project.data.values())))
