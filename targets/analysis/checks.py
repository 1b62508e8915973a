"""The consistency report: warnings, never errors.

Stated totals are compared with the sums of their county rows, the
figures a document states in its text are compared with its tables (as each
data file's `checks:` declares), and each county target with the city's rule
for it (a county cap looser than the city's is flagged). Every finding cites
both places.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from targets.frame.fmt import label, number
from targets.frame.i18n import Labels, t
from targets.frame.project import Project
from targets.schema.lookups import city_name

OK, MISMATCH = "ok", "mismatch"


@dataclass(frozen=True)
class Finding:
    theme: str
    check: str          # "total_vs_sum" or the data file's check id
    title_zh: str
    title_en: str
    left: float
    left_label: str     # as stated, e.g. '≥500', '约205', '385'
    left_cites: str
    right: float
    right_label: str
    right_cites: str
    status: str         # ok | mismatch
    relation_zh: str    # 一致, 满足（≥）, 约等, 不一致
    relation_en: str
    unit: str

    @property
    def difference(self) -> float:
        return self.right - self.left

    def render(self, lang: str = "zh") -> str:
        mark = "✓" if self.status == OK else "✗"
        title = self.title_zh if lang == "zh" else self.title_en
        rel = self.relation_zh if lang == "zh" else self.relation_en
        diff = "" if self.status == OK else f" (diff {number(self.difference)} {self.unit})"
        return (f"{mark} [{self.theme}] {title}: {self.left_label} {self.unit} [{self.left_cites}] vs "
                f"{self.right_label} {self.unit} [{self.right_cites}] → {rel}{diff}")


def compare(left: float, comparator: str, right: float, upper: float = math.nan) -> tuple[str, str, str]:
    """Is `right` (a sum) consistent with `left` stated with `comparator`? -> status, zh, en."""
    close = math.isclose(left, right, rel_tol=1e-9, abs_tol=1e-9)
    if comparator == "ge":
        return (OK, "满足（≥）", "satisfies ≥") if right >= left - 1e-9 else (MISMATCH, "不满足（≥）", "below the minimum")
    if comparator == "le":
        return (OK, "满足（≤）", "satisfies ≤") if right <= left + 1e-9 else (MISMATCH, "超出（≤）", "above the maximum")
    if comparator == "range":
        return (OK, "在范围内", "within range") if left - 1e-9 <= right <= upper + 1e-9 else (MISMATCH, "超出范围", "out of range")
    if comparator == "approx":
        # 'about N' in the text: consistent within half a unit of its last digit's place or 2 %
        return (OK, "约等", "approximately equal") if abs(left - right) <= max(0.5, 0.02 * abs(left)) else (MISMATCH, "不一致", "differs")
    return (OK, "一致", "equal") if close else (MISMATCH, "不一致", "differs")


def report(project: Project) -> list[Finding]:
    return totals_vs_sums(project) + declared_checks(project) + looser_than_city(project)


def _cite(source: str, ref: str) -> str:
    return f"{source} {ref}"


def totals_vs_sums(project: Project) -> list[Finding]:
    f = project.frame
    out = []
    totals = f[(f["kind"] == "stated_total") & (f["status"] == "value")]
    rows = f[(f["kind"] == "county") & (f["status"] == "value")]
    period_zh = {p.id: p.zh for p in project.config.periods}
    period_en = {p.id: p.en for p in project.config.periods}
    for _, t in totals.iterrows():
        part = rows[(rows["theme"] == t["theme"]) & (rows["item_id"] == t["item_id"])
                    & (rows["indicator"] == t["indicator"]) & (rows["period"] == t["period"])]
        total = float(part["value"].sum())
        status, zh, en = compare(t["value"], t["comparator"], total, t["upper"])
        out.append(Finding(
            theme=t["theme"], check="total_vs_sum",
            title_zh=f"{t['indicator_zh']}（{period_zh.get(t['period'], t['period'])}）合计与各县之和",
            title_en=f"{t['indicator_en']} ({period_en.get(t['period'], t['period'])}): stated total vs sum of rows",
            left=float(t["value"]), left_label=t["label"], left_cites=_cite(t["source"], t["source_ref"]),
            right=total, right_label=number(total),
            right_cites=_cite(t["source"], f"{str(t['source_ref']).rsplit(' · ', 1)[0]} · 各行之和（{len(part)} 行）"),
            status=status, relation_zh=zh, relation_en=en, unit=t["unit"]))
    return out


def _resolve(project: Project, theme: str, ref: str, figures: pd.DataFrame) -> tuple[float, str, str, str, float, str]:
    """A check reference -> (value, label, citation, comparator, upper, unit)."""
    f = project.frame
    kind, _, rest = ref.partition(":")
    if kind == "figure":
        r = figures[figures["item_id"] == rest].iloc[0]
        return float(r["value"]), r["label"], _cite(r["source"], f"{r['source_ref']}「{r['quote']}」"), r["comparator"], r["upper"], r["unit"]
    indicator, _, period = rest.partition("@")
    sel = f[(f["theme"] == theme) & (f["indicator"] == indicator) & (f["period"] == period) & (f["status"] == "value")]
    if kind == "total":
        r = sel[sel["kind"] == "stated_total"].iloc[0]
        return float(r["value"]), r["label"], _cite(r["source"], r["source_ref"]), r["comparator"], r["upper"], r["unit"]
    part = sel[sel["kind"].isin(["county", "text"]) & (sel["county"] != city_name(project.config))]
    total = float(part["value"].sum())
    src = part["source"].iloc[0] if len(part) else ""
    # Name the places the summed figures stand in the gazette, not only the indicator.
    places = "、".join(dict.fromkeys(str(r) for r in part["source_ref"]))
    name = part["indicator_zh"].iloc[0] if len(part) else indicator
    return (total, number(total), _cite(src, f"{places}：{name}，{len(part)} 项之和"), "eq", math.nan,
            part["unit"].iloc[0] if len(part) else "")


def declared_checks(project: Project) -> list[Finding]:
    out = []
    f = project.frame
    for theme_id, d in project.data.items():
        figures = f[(f["theme"] == theme_id) & (f["kind"] == "text")]
        for chk in d.checks:
            left = [_resolve(project, theme_id, r, figures) for r in chk.left]
            right = [_resolve(project, theme_id, r, figures) for r in chk.right]
            lv = sum(x[0] for x in left)
            rv = sum(x[0] for x in right)
            # A single stated figure keeps its meaning (≥, about); a sum of several is exact.
            comparator, upper = (left[0][3], left[0][4]) if len(left) == 1 else ("eq", math.nan)
            status, zh, en = compare(lv, comparator, rv, upper)
            out.append(Finding(
                theme=theme_id, check=chk.id, title_zh=chk.zh, title_en=chk.en,
                left=lv, left_label=" + ".join(x[1] for x in left) if len(left) > 1 else left[0][1],
                left_cites="；".join(x[2] for x in left),
                right=rv, right_label=(" + ".join(x[1] for x in right) + f" = {number(rv)}") if len(right) > 1 else right[0][1],
                right_cites="；".join(x[2] for x in right),
                status=status, relation_zh=zh, relation_en=en, unit=left[0][5]))
    return out


RULE_CHECK = "county_vs_city_rule"


def city_rules(project: Project) -> pd.DataFrame:
    """The city's rules for every county: its text figures with ≤ or ≥ that apply to each unit (a `scope`,
    e.g. 每支半专业队伍) or are in a unit that does not add up (minutes, %), so are no sum of county parts."""
    f = project.frame
    summable = {u.id: u.summable for u in project.config.units}
    rules = f[(f["kind"] == "text") & (f["status"] == "value") & f["comparator"].isin(["le", "ge"])
              & (f["county"] == city_name(project.config))]
    per_unit = (rules["scope"].astype(str) != "") | ~rules["unit"].astype(str).map(summable).fillna(True).astype(bool)
    return rules[per_unit]


def looser_than_city(project: Project) -> list[Finding]:
    """A county target looser than the city's rule for the same indicator and period: a cap above the city's cap
    (≤45 against ≤30), a minimum below its minimum. One finding per looser county; one ✓ per rule whose county
    targets all keep it. Compared are targets of the rule's own direction, exact figures and ranges (by their
    binding end: a range's upper end against a cap, its lower end against a minimum)."""
    f = project.frame
    counties = f[(f["kind"] == "county") & (f["status"] == "value")]
    out = []
    for _, rule in city_rules(project).iterrows():
        cap = rule["comparator"] == "le"
        part = counties[(counties["theme"] == rule["theme"]) & (counties["indicator"] == rule["indicator"])
                        & (counties["period"] == rule["period"])
                        & counties["comparator"].isin(["le" if cap else "ge", "eq", "approx", "range"])]
        if part.empty:
            continue
        binding = part["upper"].where(part["comparator"] == "range", part["value"]) if cap else part["value"]
        looser = binding > rule["value"] + 1e-9 if cap else binding < rule["value"] - 1e-9
        rule_cites = _cite(rule["source"], f"{rule['source_ref']}「{rule['quote']}」")
        names = {"indicator_zh": rule["indicator_zh"], "indicator_en": rule["indicator_en"]}
        for (_, row), value in zip(part[looser].iterrows(), binding[looser]):
            out.append(_rule_finding(project, rule, names, rule_cites, float(value), str(row["label"]),
                                     _cite(row["source"], f"{row['source_ref']} · {row['gazette_label']}"),
                                     MISMATCH, _relation(cap, False, "zh"), _relation(cap, False, "en"),
                                     county=(str(row["county"]), str(row["county_en"]))))
        if not looser.any():
            i = binding.idxmax() if cap else binding.idxmin()
            row = part.loc[i]
            n = len(part)
            out.append(_rule_finding(project, rule, names, rule_cites, float(binding[i]), str(row["label"]),
                                     _cite(row["source"], f"{row['source_ref']} · {row['gazette_label']}"
                                                          f"（{t('check_rule_loosest', 'zh', n=n)}）"),
                                     OK, _relation(cap, True, "zh"), _relation(cap, True, "en")))
    return out


def _relation(cap: bool, ok: bool, lang: str) -> str:
    if cap:
        return t("check_rule_ok_le", lang) if ok else t("check_rule_bad_le", lang)
    return t("check_rule_ok_ge", lang) if ok else t("check_rule_bad_ge", lang)


def _rule_finding(project: Project, rule, names: dict, rule_cites: str, value: float, value_label: str, cites: str,
                  status: str, zh: str, en: str, county: tuple[str, str] | None = None) -> Finding:
    period_zh = {p.id: p.zh for p in project.config.periods}
    period_en = {p.id: p.en for p in project.config.periods}
    p = str(rule["period"])
    if county is None:
        title_zh = t("check_rule_all_title", "zh", indicator=names["indicator_zh"], period=period_zh.get(p, p))
        title_en = t("check_rule_all_title", "en", indicator=names["indicator_en"], period=period_en.get(p, p))
    else:
        title_zh = t("check_rule_title", "zh", indicator=names["indicator_zh"], period=period_zh.get(p, p), county=county[0])
        title_en = t("check_rule_title", "en", indicator=names["indicator_en"], period=period_en.get(p, p), county=county[1])
    return Finding(theme=str(rule["theme"]), check=RULE_CHECK, title_zh=title_zh, title_en=title_en,
                   left=float(rule["value"]), left_label=str(rule["label"]), left_cites=rule_cites,
                   right=value, right_label=value_label, right_cites=cites, status=status,
                   relation_zh=zh, relation_en=en, unit=str(rule["unit"]))


def findings_frame(findings: list[Finding], lab: Labels) -> pd.DataFrame:
    """The report as a table in the chosen language (theme names from config, not ids)."""
    zh = lab.lang == "zh"
    return pd.DataFrame([{
        ("主题" if zh else "Theme"): lab.themes.get(x.theme, x.theme),
        ("核对项" if zh else "Check"): x.title_zh if zh else x.title_en,
        ("所述" if zh else "Stated"): f"{x.left_label} {x.unit}",
        ("出处一" if zh else "Source A"): x.left_cites,
        ("对照" if zh else "Compared with"): f"{x.right_label} {x.unit}",
        ("出处二" if zh else "Source B"): x.right_cites,
        ("结论" if zh else "Result"): x.relation_zh if zh else x.relation_en,
        ("差额" if zh else "Difference"): "" if x.status == OK else f"{number(x.difference)} {x.unit}",
    } for x in findings])


__all__ = ["Finding", "report", "compare", "findings_frame", "label"]
