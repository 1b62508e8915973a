"""Tables as people read them: translated headers and labels, no ids, every value with its sign and unit.

Pure pandas, no Streamlit: pages pass these frames to st.dataframe and the downloads.
"""

from __future__ import annotations

import pandas as pd

from targets.analysis import semantics
from targets.frame.fmt import localize, number
from targets.frame.i18n import Labels, t
from targets.core.memo import per_snapshot

KINDS = ("county", "stated_total", "text", "standard")


def target_text(label: str, status: str, lang: str) -> str:
    """A cell as it reads: '≥100', '约205' (≈205 in English), '无任务' for '-', '空白' for a blank."""
    if status == "value":
        return localize(label, lang)
    if status == "no_task":
        return t("no_task", lang)
    return label or t("blank", lang)


def amount(label: str, unit: str) -> str:
    """A value with its unit as it reads: '500 万亩', '23.5%', and in English '500 × 10,000 mu' (a unit that
    starts with a number multiplies: '500 10,000 mu' would read as two numbers)."""
    if not label or not unit:
        return label
    if unit == "%":
        return f"{label}%"
    if unit[0].isdigit():
        return f"{label} × {unit}"
    return f"{label} {unit}"


def metric(label: str, value: str, unit: str, *, lang: str, after: str = "") -> tuple[str, str]:
    """A metric's (label, value): the unit follows the value, except a multiplying unit ('10,000 mu'), which
    goes into the label ('Grain sown area (10,000 mu)' / '500'), after `after` when given (the indicator's name).
    The value is a label as stored ('约205'), read in `lang` ('≈205')."""
    value = localize(value, lang)
    if unit and unit[0].isdigit() and value:
        if after and after in label:
            return label.replace(after, f"{after} ({unit})", 1), value
        return f"{label} ({unit})", value
    return label, amount(value, unit) if value else value


def whole(values) -> list:
    """Numbers as people count them: 4.0 -> 4 (a count of farms or people is whole); 107.142 stays."""
    out = []
    for v in values:
        if isinstance(v, float) and v == v and v.is_integer() and abs(v) < 2**53:
            out.append(int(v))
        else:
            out.append(v)
    return out


@per_snapshot()
def display_frame(rows: pd.DataFrame, lab: Labels) -> pd.DataFrame:
    """The tidy rows with readable, translated column names and labels."""
    lg = lab.lang
    kinds = {k: t(f"kind_{k}", lg) for k in KINDS}
    return pd.DataFrame({
        t("theme", lg): rows["theme"].astype(str).map(lambda x: lab.themes.get(x, x)),
        t("indicator", lg): rows["indicator_zh" if lg == "zh" else "indicator_en"].astype(str),
        t("county", lg): rows["county"].astype(str).map(lambda x: lab.counties.get(x, x)),
        t("period", lg): rows["period"].astype(str).map(lambda x: lab.periods.get(x, x)),
        t("target", lg): [target_text(lbl, s, lg) for lbl, s in zip(rows["label"].astype(str), rows["status"].astype(str))],
        t("unit", lg): rows["unit"].astype(str).map(lab.unit),
        t("kind", lg): rows["kind"].astype(str).map(kinds),
        t("source", lg): rows["source"].astype(str) + " " + rows["source_ref"].astype(str),
    })


def export_frame(rows: pd.DataFrame, lab: Labels) -> pd.DataFrame:
    """What a download holds: the readable columns in the chosen language, then the number and the ids.

    The ids stay as extra columns so a file can be joined back to the data; the headers people read are
    translated (CSV and XLSX opened in Excel by an official).
    """
    out = display_frame(rows, lab)
    lg = lab.lang
    out[t("value", lg)] = pd.Series(whole(rows["value"].tolist()), dtype=object).to_numpy()
    if "upper" in rows:
        out[t("upper", lg)] = pd.Series(whole(rows["upper"].tolist()), dtype=object).to_numpy()
    for col in ("source_title", "source_date", "source_ref", "quote"):
        if col in rows:
            out[t(f"col_{col}", lg)] = rows[col].astype(str).to_numpy()
    for col in ("theme", "indicator", "county", "period", "kind", "status", "comparator"):
        if col in rows:
            out[f"{col}_id"] = rows[col].astype(str).to_numpy()
    return out


@per_snapshot()
def sources_frame(rows: pd.DataFrame, lab: Labels) -> pd.DataFrame:
    """The documents (or analysts' entries) the rows come from, for an XLSX 'sources' sheet."""
    lg = lab.lang
    cols = [c for c in ("source", "source_title", "source_date", "source_kind") if c in rows]
    out = rows[cols].astype(str).drop_duplicates().reset_index(drop=True)
    if "source_kind" in out:
        out["source_kind"] = [t(f"source_kind_{k}", lg) if k in ("document", "analyst") else k for k in out["source_kind"]]
    return out.rename(columns={"source": t("source", lg), "source_title": t("col_source_title", lg),
                               "source_date": t("col_source_date", lg), "source_kind": t("col_source_kind", lg)})


@per_snapshot()
def off_map(rows: pd.DataFrame, lab: Labels, unit: str) -> str:
    """Units not drawn on the map (市级, 新区, …) with their values, as the note under the map ('' if none)."""
    part = rows[~rows["on_map"].astype(bool)]
    if part.empty:
        return ""
    items = [f"{lab.counties.get(c, c)} {amount(target_text(lbl, s, lab.lang), unit) if s == 'value' else target_text(lbl, s, lab.lang)}"
             for c, lbl, s in zip(part["county"], part["label"].astype(str), part["status"].astype(str))]
    return t("map_off_map", lab.lang, items=("；" if lab.lang == "zh" else "; ").join(items))


@per_snapshot()
def profile_table(rows: pd.DataFrame, lab: Labels) -> pd.DataFrame:
    """A county's targets: theme, indicator, period, target with unit, rank, share, deadline, source."""
    lg = lab.lang
    return pd.DataFrame({
        t("theme", lg): rows["theme"].map(lambda x: lab.themes.get(x, x)),
        t("indicator", lg): rows["indicator_zh" if lg == "zh" else "indicator_en"].astype(str),
        t("period", lg): rows["period"].map(lambda p: lab.periods.get(p, p)),
        t("target", lg): [amount(localize(lbl, lg), lab.unit(u)) for lbl, u in zip(rows["label"].astype(str), rows["unit"].astype(str))],
        t("rank", lg): [rank_text(r, n, way, kind, lg) for r, n, way, kind in
                        zip(rows["rank"], rows["rank_n"], _col(rows, "rank_dir"), rows["kind"].astype(str))],
        # '—' where a share means nothing (minutes, rates, ranges, mixed forms): share_notes says why.
        t("share", lg): [f"{number(s, '.1f')}%" if s == s else ("—" if why else "")
                         for s, why in zip(rows["share"], _col(rows, "share_none"))],
        t("deadline", lg): rows["deadline"].astype(str),
        t("source", lg): rows["source"].astype(str) + " " + rows["source_ref"].astype(str),
    })


def _col(rows: pd.DataFrame, name: str) -> list[str]:
    """A text column that rows made before semantics (or text figures) may lack: '' there."""
    return rows[name].astype(object).fillna("").astype(str).tolist() if name in rows else [""] * len(rows)


def rank_text(rank: float, n: float, way: str, kind: str, lang: str) -> str:
    """'1 / 13'; a cap's rank says smallest first; caps beside minimums are not ranked, and say so."""
    if rank == rank:
        return t("rank_of", lang, rank=int(rank), n=int(n)) + (t("rank_cap_suffix", lang) if way == semantics.ASC else "")
    if kind == "county" and way == semantics.UNRANKED:
        return t("not_ranked_mixed", lang)
    return t("not_ranked", lang)


def share_notes(rows: pd.DataFrame, lab: Labels) -> str:
    """Why some targets have no share of the city ('—'): one sentence per reason, naming the indicators."""
    lg = lab.lang
    reasons = _col(rows, "share_none")
    names = rows["indicator_zh" if lg == "zh" else "indicator_en"].astype(str).tolist()
    out = []
    for reason in semantics.REASONS:
        which = list(dict.fromkeys(n for n, r in zip(names, reasons) if r == reason))
        if which:
            out.append(t("share_none_caption", lg, indicators=("、" if lg == "zh" else ", ").join(which),
                         reason=reason_text(reason, lg)))
    return ("" if lg == "zh" else " ").join(out)


def reason_text(reason: str, lang: str) -> str:
    """Why no average or share is computed, in words ('' when one is)."""
    if reason == semantics.NOT_SUMMABLE:
        return t("share_none_not_summable", lang)
    if reason == semantics.MIXED:
        return t("share_none_mixed", lang)
    if reason == semantics.RANGE:
        return t("share_none_range", lang)
    return ""


def compare_reasons(lang: str) -> dict[str, str]:
    """The compare heatmap's words for a cell with no share (by reason) or no rank (caps beside minimums)."""
    return {**{r: reason_text(r, lang) for r in semantics.REASONS}, semantics.UNRANKED: t("not_ranked_mixed", lang)}


def average_help(reason: str, lang: str) -> str | None:
    """The county-average metric's tooltip when there is no average ('—'), else None."""
    return t("no_average", lang, reason=reason_text(reason, lang)) if reason else None


def direction_note(way: str, lang: str, *, on_map: bool = False) -> str:
    """What a ranked chart's title adds for caps (smallest first) or for caps beside minimums ('' otherwise)."""
    if way == semantics.ASC:
        return t("map_note_asc", lang) if on_map else t("ranked_note_asc", lang)
    if way == semantics.UNRANKED:
        return t("map_note_unranked", lang) if on_map else t("ranked_note_unranked", lang)
    return ""


@per_snapshot()
def rules_table(rules: pd.DataFrame, lab: Labels) -> pd.DataFrame:
    """City-wide requirements that apply to every county, with what they apply to."""
    return display_frame(rules, lab).assign(**{t("applies_to", lab.lang): rules["scope"].astype(str).to_numpy()})


def deadlines_table(deadlines: list[tuple[str, str, str, str]], lab: Labels) -> pd.DataFrame:
    """(date, zh, en, cites) -> a table in the chosen language, by date."""
    lg = lab.lang
    rows = sorted((d, zh if lg == "zh" else en, c) for d, zh, en, c in deadlines)
    return pd.DataFrame(rows, columns=[t("deadline", lg), t("target", lg), t("source", lg)])


@per_snapshot()
def text_figures_table(texts: pd.DataFrame, lab: Labels) -> pd.DataFrame:
    return display_frame(texts, lab).assign(**{t("quote_col", lab.lang): texts["quote"].astype(str).to_numpy()})


@per_snapshot()
def compare_keys(rows: pd.DataFrame, lab: Labels) -> list[str]:
    """'指标·年度（单位）' per compare row, the row label of the compare chart."""
    if lab.lang == "zh":
        return [f"{lab.indicators.get(i, i)}·{lab.periods.get(p, p)}（{lab.unit(u)}）"
                for i, p, u in zip(rows["indicator"], rows["period"], rows["unit"])]
    return [f"{lab.indicators.get(i, i)} · {lab.periods.get(p, p)} ({lab.unit(u)})"
            for i, p, u in zip(rows["indicator"], rows["period"], rows["unit"])]


@per_snapshot()
def share_texts(rows: pd.DataFrame, lab: Labels) -> list[str]:
    """What each bar of a county's share chart says: '117.59 · 23.5% · 排名 1 / 13' (the target as stated, its
    share of the city, its rank; no rank for unranked units)."""
    out = []
    for lbl, s, r, n in zip(rows["label"].astype(str), rows["share"], rows["rank"], rows["rank_n"]):
        share = number(s, ".1f")
        if r == r and n == n:
            out.append(t("profile_bar_text", lab.lang, value=localize(lbl, lab.lang), share=share,
                         rank=t("rank_of", lab.lang, rank=int(r), n=int(n))))
        else:
            out.append(f"{localize(lbl, lab.lang)} · {share}%")
    return out


PLANNER_COLUMNS = (("county", "county"), ("item", "planner_col_item"), ("label", "planner_col_quantity"),
                   ("unit", "unit"), ("basis", "planner_col_basis"), ("working", "planner_col_working"),
                   ("size", "planner_col_size"), ("source", "source"))


def planner_export(plan: pd.DataFrame, lab: Labels) -> pd.DataFrame:
    """The planner's rows as a download: readable columns in the chosen language, then the numbers and ids."""
    lg = lab.lang
    zh = lg == "zh"
    cols = {
        "county": plan["county"].astype(str).map(lambda c: lab.counties.get(c, c)) if "county" in plan else "",
        "item": plan["item_zh" if zh else "item_en"].astype(str),
        "label": plan["label"].astype(str),
        "unit": plan["unit"].astype(str).map(lab.unit),
        "basis": plan["basis_zh" if zh else "basis_en"].astype(str),
        "working": plan["working"].astype(str),
        "size": whole(plan["size"].tolist()),
        "source": plan["source"].astype(str) + " " + plan["source_ref"].astype(str),
    }
    out = pd.DataFrame({t(key, lg): cols[name] for name, key in PLANNER_COLUMNS})
    out[t("value", lg)] = pd.Series(whole(plan["quantity"].tolist()), dtype=object).to_numpy()
    for col in ("county", "item_id", "unit"):
        out[f"{col}_id"] = plan[col].astype(str).to_numpy()
    return out


def first_targets(rows: pd.DataFrame, keys: list[str], n: int) -> tuple[pd.DataFrame, list[str]]:
    """The rows (and their labels) of the first n targets, in order: a slide's `top` on a compare chart."""
    keep = list(dict.fromkeys(keys))[:n]
    mask = [k in keep for k in keys]
    return rows[mask].reset_index(drop=True), [k for k in keys if k in keep]

