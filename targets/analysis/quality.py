"""数据质量 Data quality: the consistency report and the special cells, arranged for officials to read.

Pure helpers, no Streamlit: count, order (to review first), and lay out the
findings of `checks.report` and the cells of `views.special_cells` as
translated tables, plus the report as text and XLSX. Nothing here changes or
recomputes a gazette value; the differences come from the findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from targets.analysis import export
from targets.analysis.checks import MISMATCH, OK, Finding
from targets.frame.fmt import localize, number
from targets.frame.i18n import Labels, t
from targets.analysis.views import special_cells
from targets.analysis.tables import amount

TOTAL_VS_SUM = "total_vs_sum"
# Special cells: the order they are listed in, and the i18n key suffix of each.
SPECIAL_KINDS = ("no_task", "blank", "as_needed", "range", "ge", "le", "approx")
MISMATCH_BG = "background-color: #FDE0DD"


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    """total, ok and mismatch counts."""
    findings = list(findings)
    bad = sum(1 for x in findings if x.status == MISMATCH)
    return {"total": len(findings), "ok": sum(1 for x in findings if x.status == OK), "mismatch": bad}


def category(finding: Finding) -> str:
    """'total' for a stated total vs the sum of its rows, 'text' for a figure in the text vs a table."""
    return "total" if finding.check == TOTAL_VS_SUM else "text"


def ordered(findings: Iterable[Finding], theme_order: Sequence[str] = ()) -> list[Finding]:
    """To review first; then text-vs-table before totals-vs-sums; then by theme (config order); stable otherwise."""
    rank = {th: i for i, th in enumerate(theme_order)}
    return sorted(findings, key=lambda x: (x.status != MISMATCH, category(x) != "text", rank.get(x.theme, len(rank))))


def only_theme(findings: Iterable[Finding], theme: str | None) -> list[Finding]:
    return [x for x in findings if not theme or x.theme == theme]


def signed(value: float) -> str:
    return ("+" if value > 0 else "") + number(value)


def _with_unit(text: str, unit: str) -> str:
    return amount(text, unit)  # '500 万头/年', and in English '500 × 10,000 head/yr' (never '500 10,000 …')


def card(finding: Finding, lab: Labels) -> dict[str, str]:
    """One finding as the lines of a card: title, stated/compared with their places, result, difference."""
    zh = lab.lang == "zh"
    unit = lab.unit(finding.unit)
    return {
        "theme": lab.themes.get(finding.theme, finding.theme),
        "title": finding.title_zh if zh else finding.title_en,
        "stated": _with_unit(localize(finding.left_label, lab.lang), unit),
        "stated_cites": finding.left_cites,
        "compared": _with_unit(localize(finding.right_label, lab.lang), unit),
        "compared_cites": finding.right_cites,
        "result": finding.relation_zh if zh else finding.relation_en,
        "difference": "" if finding.status == OK else _with_unit(signed(finding.difference), unit),
        "status": finding.status,
    }


FINDING_KEYS = ("quality_result", "theme", "quality_check", "quality_stated", "quality_compared", "quality_diff",
                "quality_source_a", "quality_source_b", "quality_cat")


def findings_table(findings: Sequence[Finding], lab: Labels) -> pd.DataFrame:
    """The findings, in the given order, as a translated table with both places of each.

    The first column carries the mark and the result ('✗ 不一致', '✓ 满足（≥）'); the check type is last.
    """
    lg = lab.lang
    rows = []
    for x in findings:
        c = card(x, lab)
        mark = "✗" if x.status == MISMATCH else "✓"
        rows.append(dict(zip((t(k, lg) for k in FINDING_KEYS), (
            f"{mark} {c['result']}", c["theme"], c["title"], c["stated"], c["compared"], c["difference"],
            c["stated_cites"], c["compared_cites"], t(f"quality_cat_{category(x)}", lg)))))
    return pd.DataFrame(rows, columns=[t(k, lg) for k in FINDING_KEYS])


def by_category(findings: Sequence[Finding]) -> list[tuple[str, list[Finding]]]:
    """('text' | 'total', findings) in that order, keeping each group's order; empty groups left out."""
    return [(c, [x for x in findings if category(x) == c]) for c in ("text", "total")
            if any(category(x) == c for x in findings)]


def mismatch_styles(findings: Sequence[Finding], table: pd.DataFrame) -> pd.DataFrame:
    """CSS per cell of `table`: a light red background on the rows to review (for pandas Styler.apply axis=None)."""
    css = [MISMATCH_BG if x.status == MISMATCH else "" for x in findings]
    return pd.DataFrame({c: css for c in table.columns}, index=table.index)


def styled(findings: Sequence[Finding], table: pd.DataFrame):
    """The findings table with the rows to review marked."""
    return table.style.apply(lambda _: mismatch_styles(findings, table), axis=None)


# ---- special cells ---------------------------------------------------------------------------------------


def special_kind(status: str, comparator: str, kind: str) -> str:
    if status == "no_task":
        return "no_task"
    if status == "blank":
        return "as_needed" if kind == "standard" else "blank"
    return comparator  # ge | le | range | approx


def specials(frame: pd.DataFrame, theme: str | None = None, theme_order: Sequence[str] = ()) -> pd.DataFrame:
    """`views.special_cells` with a `special` column (see SPECIAL_KINDS), ordered by kind, theme, then as stated."""
    rows = special_cells(frame)
    if theme:
        rows = rows[rows["theme"] == theme]
    rows = rows.assign(special=[special_kind(s, c, k) for s, c, k in
                                zip(rows["status"].astype(str), rows["comparator"].astype(str), rows["kind"].astype(str))])
    kind_rank = {k: i for i, k in enumerate(SPECIAL_KINDS)}
    theme_rank = {th: i for i, th in enumerate(theme_order)}
    rows = rows.assign(_k=rows["special"].map(kind_rank), _t=rows["theme"].astype(str).map(theme_rank).fillna(len(theme_rank)),
                       _n=range(len(rows)))
    return rows.sort_values(["_k", "_t", "_n"]).drop(columns=["_k", "_t", "_n"]).reset_index(drop=True)


def special_counts(rows: pd.DataFrame, lab: Labels) -> pd.DataFrame:
    """How many special cells of each kind (kinds that occur only), translated."""
    lg = lab.lang
    n = rows["special"].value_counts()
    return pd.DataFrame([{t("quality_sp_kind", lg): t(f"quality_sp_{k}", lg), t("quality_sp_count", lg): int(n[k])}
                         for k in SPECIAL_KINDS if k in n.index])


def special_table(rows: pd.DataFrame, lab: Labels) -> pd.DataFrame:
    """The special cells as officials read them: what kind, where, as written, and the place in the gazette."""
    lg = lab.lang
    zh = lg == "zh"
    written = []
    for lbl, status in zip(rows["label"].astype(str), rows["status"].astype(str)):
        if status == "no_task":
            written.append("-")
        elif status == "blank" and not lbl:
            written.append(t("blank", lg))
        else:
            written.append(lbl)
    return pd.DataFrame({
        t("quality_sp_kind", lg): [t(f"quality_sp_{k}", lg) for k in rows["special"]],
        t("theme", lg): rows["theme"].astype(str).map(lambda x: lab.themes.get(x, x)),
        t("indicator", lg): rows["indicator_zh" if zh else "indicator_en"].astype(str),
        t("county", lg): rows["county"].astype(str).map(lambda x: lab.counties.get(x, x)),
        t("period", lg): rows["period"].astype(str).map(lambda x: lab.periods.get(x, x)),
        t("quality_written", lg): written,
        t("unit", lg): rows["unit"].astype(str).map(lab.unit),
        t("source", lg): rows["source"].astype(str) + " " + rows["source_ref"].astype(str),
        t("quality_quote", lg): rows["quote"].astype(str),
    })


# ---- the report as files -----------------------------------------------------------------------------------


def report_text(findings: Sequence[Finding], lab: Labels) -> bytes:
    """One line per finding (to review first), under the counts line; UTF-8 with BOM for Windows editors."""
    c = counts(findings)
    head = t("quality_summary", lab.lang, total=c["total"], ok=c["ok"], bad=c["mismatch"])
    lines = [head, ""] + [_line(x, lab) for x in findings]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")


def _line(x: Finding, lab: Labels) -> str:
    """'✓ [theme] title: stated [where] vs compared [where] → result (difference)', in the reader's language
    (Finding.render keeps ids and the gazette's unit words, for the CLI's log)."""
    c = card(x, lab)
    mark = "✗" if x.status == MISMATCH else "✓"
    diff = f" ({t('quality_diff', lab.lang)}: {c['difference']})" if c["difference"] else ""
    return (f"{mark} [{c['theme']}] {c['title']}: {c['stated']} [{c['stated_cites']}] vs "
            f"{c['compared']} [{c['compared_cites']}] → {c['result']}{diff}")


def report_xlsx(checks_table: pd.DataFrame, special: pd.DataFrame, *, checks_sheet: str = "checks",
                special_sheet: str = "special_cells") -> bytes:
    # Through export.to_xlsx: a label that looks like a formula is written as text there (OWASP rule).
    return export.to_xlsx(checks_table, sheet=checks_sheet[:31], sources_sheet=special, sources_name=special_sheet[:31])
