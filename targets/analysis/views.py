"""Pure pandas selections behind each page, so pages only lay out widgets.

All functions take the tidy frame (and config for order and colours) and
return small frames; none of them changes a value.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from targets.analysis import semantics
from targets.frame.fmt import number
from targets.core.memo import per_snapshot
from targets.frame.project import Project
from targets.schema.lookups import city_name
from targets.schema.config import Config

COUNTY_KINDS = ("county",)  # units that are ranked; 市级/新区 are listed but not ranked


def county_meta(cfg: Config) -> pd.DataFrame:
    return pd.DataFrame([{"county": c.name, "county_kind": c.kind, "order": c.order, "color": c.color,
                          "on_map": c.on_map, "adcode": c.adcode or ""} for c in cfg.counties])


def county_names(cfg: Config) -> list[str]:
    """Units a person picks (every unit but the whole city), in config order."""
    return [c.name for c in sorted(cfg.counties, key=lambda c: c.order) if c.kind != "city"]


def all_units(cfg: Config) -> list[str]:
    return [c.name for c in sorted(cfg.counties, key=lambda c: c.order)]


def county_colors(cfg: Config) -> dict[str, str]:
    return {c.name: c.color for c in cfg.counties}


def adcode_of(cfg: Config, county: str | None) -> str | None:
    return next((c.adcode for c in cfg.counties if c.name == county and c.on_map), None)


def map_names(cfg: Config, names: dict[str, str]) -> dict[str, str]:
    """adcode -> the name shown on the map (config's name in the chosen language)."""
    return {c.adcode: names.get(c.name, c.name) for c in cfg.counties if c.adcode}


def map_rows(slice_: pd.DataFrame, no_value_text: dict[str, str], unit: str) -> pd.DataFrame:
    """The on-map counties of a slice, with the text drawn under each name ('无任务' for '-')."""
    rows = slice_[slice_["on_map"].astype(bool) & (slice_["adcode"] != "")]
    return rows.assign(label_shown=[lbl if s == "value" else no_value_text.get(s, "")
                                    for lbl, s in zip(rows["label"], rows["status"])], unit_shown=unit)


@per_snapshot()
def on_screen(frame: pd.DataFrame, parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The rows a page shows (several charts), each once, in the frame's columns: what 'Show data' holds."""
    columns = list(frame.columns)
    parts = [p[columns] for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=columns)
    out = pd.concat([p.astype({c: str for c in ("theme", "indicator", "county", "period", "kind", "item_id")}) for p in parts],
                    ignore_index=True)
    return out.drop_duplicates(subset=["theme", "indicator", "county", "period", "kind", "item_id"]).reset_index(drop=True)


def indicator(cfg: Config, indicator_id: str):
    return next(i for t in cfg.themes for i in t.indicators if i.id == indicator_id)


def default_indicator(cfg: Config, theme: str) -> str | None:
    return cfg.display.default_indicator.get(theme)


def progress_specs(cfg: Config, theme: str) -> list:
    return [p for p in cfg.progress if p.theme == theme]


def file_source(data) -> tuple[str, str, str, str]:
    """(source, title, date, kind) of a data file's own source, for cite.document_line."""
    s = data.source
    if s.is_document:
        return s.doc_number, s.title, s.issued, "document"
    return s.entered_by, s.note or "", s.entered_on, "analyst"


def boundary_path(project: Project):
    return project.config_path.parent / project.config.map.boundaries


def short_names(lab) -> dict[str, str]:
    """County names for the map: English drops 'County/District/City' (a map has no room for it)."""
    if lab.lang != "en":
        return lab.counties
    return {k: re.sub(r" (County|District|City)$", "", v) for k, v in lab.counties.items()}


def _plain(rows: pd.DataFrame) -> pd.DataFrame:
    """Categoricals as plain text: a page's small selection is filled and combined freely (NaN -> '' etc.)."""
    cats = [c for c in rows.columns if isinstance(rows[c].dtype, pd.CategoricalDtype)]
    return rows.astype({c: object for c in cats}) if cats else rows


def _is(frame: pd.DataFrame, **eq: str) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for col, value in eq.items():
        mask &= frame[col] == value
    return mask


@per_snapshot()
def indicator_options(frame: pd.DataFrame, cfg: Config, theme: str) -> list[str]:
    """Indicators of a theme that have county values, in config order."""
    rows = frame[_is(frame, theme=theme, kind="county")]
    present = set(rows["indicator"].astype(str))
    order = [i.id for t in cfg.themes if t.id == theme for i in t.indicators]
    return [i for i in order if i in present]


@per_snapshot()
def period_options(frame: pd.DataFrame, cfg: Config, theme: str, indicator: str) -> list[str]:
    rows = frame[_is(frame, theme=theme, indicator=indicator, kind="county")]
    present = set(rows["period"].astype(str))
    return [p.id for p in cfg.periods if p.id in present]


@per_snapshot()
def indicator_slice(frame: pd.DataFrame, cfg: Config, theme: str, indicator: str, period: str) -> pd.DataFrame:
    """County rows of one indicator and period, in config order, with each unit's colour and map flag.

    `rank_dir` says which way is best (semantics.direction: a cap smallest first) and `rank_value` what each
    row ranks and is coloured by (a range's binding end).
    """
    rows = frame[_is(frame, theme=theme, indicator=indicator, period=period, kind="county")]
    out = _plain(rows).merge(county_meta(cfg), on="county", how="left").sort_values("order").reset_index(drop=True)
    rule = next((i.progress for t in cfg.themes for i in t.indicators if i.id == indicator), None)
    way = semantics.direction(out.loc[out["status"] == "value", "comparator"], rule.kind if rule else None)
    asc = np.full(len(out), way == semantics.ASC)
    return out.assign(rank_dir=way, rank_value=semantics.rank_values(out["value"], out["upper"], out["comparator"], asc))


def rank_direction(slice_: pd.DataFrame) -> str:
    """The slice's semantics.direction (DESC for a slice made without indicator_slice)."""
    return str(slice_["rank_dir"].iloc[0]) if "rank_dir" in slice_ and len(slice_) else semantics.DESC


def ranked(slice_: pd.DataFrame) -> pd.DataFrame:
    """Best first: largest first, or smallest first for caps (≤); units with no task or a blank cell at the end.

    Caps beside minimums are not ranked: they keep config order (valued rows first).
    """
    way = rank_direction(slice_)
    if way == semantics.UNRANKED:
        return slice_.assign(_v=slice_["status"] != "value").sort_values(["_v", "order"]).drop(columns="_v").reset_index(drop=True)
    by = slice_["rank_value"] if "rank_value" in slice_ else slice_["value"]
    return (slice_.assign(_by=by).sort_values(["_by", "order"], ascending=[way == semantics.ASC, True], na_position="last")
            .drop(columns="_by").reset_index(drop=True))


def city_figures(frame: pd.DataFrame, cfg: Config, theme: str, indicator: str | None = None) -> pd.DataFrame:
    """Whole-city figures stated in the text or as table totals (the unit with kind: city)."""
    mask = _is(frame, theme=theme, county=city_name(cfg)) & frame["kind"].isin(["text", "stated_total"])
    if indicator is not None:
        mask &= frame["indicator"] == indicator
    return frame[mask].reset_index(drop=True)


@per_snapshot()
def text_figures(frame: pd.DataFrame, theme: str) -> pd.DataFrame:
    return frame[_is(frame, theme=theme, kind="text")].reset_index(drop=True)


@per_snapshot()
def by_period(frame: pd.DataFrame, cfg: Config, theme: str, indicator: str) -> pd.DataFrame:
    """County rows of one indicator across all its periods (periods in config order)."""
    rows = frame[_is(frame, theme=theme, indicator=indicator, kind="county")]
    out = _plain(rows).merge(county_meta(cfg), on="county", how="left")
    porder = {p.id: i for i, p in enumerate(cfg.periods)}
    out["period_order"] = out["period"].map(porder)
    return out.sort_values(["period_order", "order"]).reset_index(drop=True)


@per_snapshot()
def city_by_period(frame: pd.DataFrame, cfg: Config, theme: str, indicator: str) -> pd.DataFrame:
    """One whole-city value per period: the stated total where there is one, else the text's figure."""
    rows = _plain(city_figures(frame, cfg, theme, indicator))
    rows = rows[rows["status"] == "value"].copy()
    rows["pref"] = rows["kind"].map({"stated_total": 0, "text": 1})
    porder = {p.id: i for i, p in enumerate(cfg.periods)}
    rows["period_order"] = rows["period"].astype(str).map(porder)
    rows = rows.sort_values(["period_order", "pref"]).drop_duplicates("period")
    for c in ("indicator", "period", "kind"):
        rows[c] = rows[c].astype(str)
    return rows.reset_index(drop=True)


def share_and_rank(frame: pd.DataFrame, cfg: Config) -> pd.DataFrame:
    """County rows with their share of the city total and their rank among counties.

    Share uses the stated total where the table has one, else the sum of the
    rows; rank is among county-kind units with a value (1 = largest). Columns
    keep the frame's categoricals (a national frame has 850k rows: turning them
    into text costs seconds); callers take plain text of the few rows they show.
    """
    keys = ["theme", "item_id", "indicator", "period"]
    rows = frame[frame["kind"] == "county"].reset_index(drop=True)
    rows["county_kind"] = rows["county"].map({c.name: c.kind for c in cfg.counties}).astype("category")
    groups = rows.groupby(keys, observed=True, sort=False)
    gid = groups.ngroup().to_numpy()
    # One row per (table, indicator, period): small, so its stated total is joined as plain text.
    uniq = _plain(groups.size().reset_index()[keys]).astype(str)
    totals = frame[(frame["kind"] == "stated_total") & (frame["status"] == "value")][keys + ["value"]]
    totals = _plain(totals).astype({k: str for k in keys}).rename(columns={"value": "stated"})
    stated = uniq.merge(totals.drop_duplicates(keys), on=keys, how="left")["stated"].to_numpy()
    valued = (rows["status"] == "value").to_numpy()
    values = rows["value"].where(valued)
    by_group = values.groupby(gid)
    rows["stated"] = stated[gid]
    rows["summed"] = by_group.transform("sum").to_numpy()
    base = rows["stated"].fillna(rows["summed"])
    capped = rows["indicator"].isin([i.id for t in cfg.themes for i in t.indicators
                                     if i.progress is not None and i.progress.kind == "at_most"]).to_numpy()
    summable = ~rows["unit"].isin([u.id for u in cfg.units if not u.summable]).to_numpy()
    directions, reasons = semantics.group_semantics(gid, valued, rows["comparator"], capped, summable)
    # No share of minutes, rates, ranges or mixed forms (semantics.py): '—' with the reason instead.
    shareable = (reasons == "")[gid] if len(gid) else np.zeros(0, dtype=bool)
    rows["share"] = np.where(valued & (base > 0) & shareable, rows["value"] / base * 100, np.nan)
    rows["share_none"] = semantics.per_row(reasons, gid, keep=valued)
    asc = (directions == semantics.ASC)[gid] if len(gid) else np.zeros(0, dtype=bool)
    unranked = (directions == semantics.UNRANKED)[gid] if len(gid) else np.zeros(0, dtype=bool)
    rankable = valued & rows["county_kind"].isin(COUNTY_KINDS).to_numpy() & ~unranked
    # A cap ranks smallest first: ranking the negated value of the others keeps one ascending rank for both.
    by = semantics.rank_values(rows["value"], rows["upper"], rows["comparator"], asc)
    signed = pd.Series(np.where(asc, by, -by)).where(rankable)
    rows["rank"] = signed.groupby(gid).rank(ascending=True, method="min").to_numpy()
    rows["rank_n"] = pd.Series(rankable).groupby(gid).transform("sum").to_numpy()
    rows["rank_dir"] = semantics.per_row(directions, gid)
    return rows


@per_snapshot()
def compare(ranked: pd.DataFrame, cfg: Config, counties: list[str]) -> pd.DataFrame:
    """Every (indicator, period) that any picked county has, with value, share and rank per county.

    `ranked` is `share_and_rank(frame, cfg)`, computed once per snapshot (Snapshot.ranks).
    """
    rows = ranked
    picked = _plain(rows[rows["county"].isin(counties)])
    have = picked[picked["status"] == "value"][["indicator", "period"]].drop_duplicates()
    out = picked.merge(have, on=["indicator", "period"])
    theme_order = {t.id: i for i, t in enumerate(cfg.themes)}
    ind_order = {i.id: n for n, i in enumerate(x for t in cfg.themes for x in t.indicators)}
    porder = {p.id: i for i, p in enumerate(cfg.periods)}
    corder = {c: i for i, c in enumerate(counties)}
    out = out.assign(_t=out["theme"].map(theme_order), _i=out["indicator"].map(ind_order),
                     _p=out["period"].map(porder), _c=out["county"].map(corder))
    return out.sort_values(["_t", "_i", "_p", "_c"]).drop(columns=["_t", "_i", "_p", "_c"]).reset_index(drop=True)


def profile(project: Project, county: str, ranked: pd.DataFrame) -> pd.DataFrame:
    """Everything the gazette asks of one county: each target, its rank, share and source.

    `ranked` is `share_and_rank(project.frame, project.config)`, computed once per snapshot.
    """
    rows = ranked
    mine = _plain(rows[rows["county"] == county])
    deadlines = {theme: "；".join(f"{d.date} {d.zh}" for d in data.deadlines) for theme, data in project.data.items()}
    mine["deadline"] = mine["theme"].map(deadlines).fillna("")
    theme_order = {t.id: i for i, t in enumerate(project.config.themes)}
    ind_order = {i.id: n for n, i in enumerate(x for t in project.config.themes for x in t.indicators)}
    porder = {p.id: i for i, p in enumerate(project.config.periods)}
    mine = mine.assign(_t=mine["theme"].map(theme_order), _i=mine["indicator"].map(ind_order), _p=mine["period"].map(porder))
    # A county's own figures stated in the text (e.g. a pig cluster) belong in its profile too.
    text = project.frame[(project.frame["kind"] == "text") & (project.frame["county"] == county)].copy()
    for c in ("theme", "indicator", "period", "county"):
        text[c] = text[c].astype(str)
    text = text.assign(_t=text["theme"].map(theme_order), _i=text["indicator"].map(ind_order), _p=text["period"].map(porder),
                       share=np.nan, rank=np.nan, rank_n=np.nan, share_none="", rank_dir="",
                       deadline=text["theme"].map(deadlines).fillna(""))
    out = pd.concat([mine, text], ignore_index=True)
    return out.sort_values(["_t", "_i", "_p"]).drop(columns=["_t", "_i", "_p"]).reset_index(drop=True)


@per_snapshot()
def profile_values(project: Project, county: str, ranked: pd.DataFrame) -> pd.DataFrame:
    """A county's profile rows that carry a value ('-' and blanks are not targets to list)."""
    rows = profile(project, county, ranked)
    return rows[rows["status"] == "value"].reset_index(drop=True)


def share_rows(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Profile rows with a share of the city total, keyed for the share chart."""
    return rows.assign(key=keys)[lambda d: d["share"].notna()].reset_index(drop=True)


def deadlines(project: Project) -> list[tuple[str, str, str, str]]:
    """(date, zh, en, cites) of every deadline in the data files."""
    out = []
    for data in project.data.values():
        src = data.source.doc_number if data.source.is_document else data.source.entered_by
        out += [(d.date, d.zh, d.en, f"{src} {d.ref}") for d in data.deadlines]
    return out


@per_snapshot()
def citywide_rules(frame: pd.DataFrame) -> pd.DataFrame:
    """Whole-city requirements that apply to every county (text figures with a scope)."""
    rows = frame[(frame["kind"] == "text") & (frame["scope"].astype(str) != "")]
    return rows.reset_index(drop=True)


def filter_rows(frame: pd.DataFrame, *, themes=(), counties=(), periods=(), kinds=()) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    for col, picked in (("theme", themes), ("county", counties), ("period", periods), ("kind", kinds)):
        if picked:
            mask &= frame[col].isin(list(picked))
    return frame[mask].reset_index(drop=True)


@per_snapshot()
def special_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells that are not plain numbers: '-' (no task), blanks, minimums, maximums, ranges and 'about'."""
    return frame[(frame["status"] != "value") | (frame["comparator"] != "eq")].reset_index(drop=True)


__all__ = ["number"]


@per_snapshot()
def progress(frame: pd.DataFrame, cfg: Config, spec) -> pd.DataFrame:
    """Year rows for a progress animation: the accumulated city value, the goal and the yearly targets.

    Only years stated in the gazette appear; a year with a target but no new
    value keeps no bar (nothing is carried forward or interpolated).
    """
    city = city_by_period(frame, cfg, spec.theme, spec.cumulative)
    city = city[city["period"].str.fullmatch(r"\d{4}")]
    rows = {p: {"period": p, "added": v, "added_label": lbl, "added_kind": k, "source": s, "source_ref": r}
            for p, v, lbl, k, s, r in zip(city["period"], city["value"], city["label"], city["kind"], city["source"],
                                          city["source_ref"])}
    targets = {}
    if spec.targets:
        tgt = city_by_period(frame, cfg, spec.theme, spec.targets)
        tgt = tgt[(tgt["period"].str.fullmatch(r"\d{4}")) & (tgt["kind"] == "text")]
        targets = {p: (v, lbl, f"{s} {r}") for p, v, lbl, s, r in zip(tgt["period"], tgt["value"], tgt["label"], tgt["source"], tgt["source_ref"])}
    years = sorted(set(rows) | set(targets))
    out = pd.DataFrame([{**rows.get(y, {"period": y, "added": np.nan, "added_label": "", "added_kind": "", "source": "", "source_ref": ""}),
                         "target": targets.get(y, (np.nan, "", ""))[0], "target_label": targets.get(y, (np.nan, "", ""))[1],
                         "target_cites": targets.get(y, (np.nan, "", ""))[2]} for y in years])
    if out.empty:
        return out
    # Accumulate only over years that have a value; other years show no bar.
    out["cumulative"] = out["added"].cumsum().where(out["added"].notna())
    goal = np.nan
    goal_label = goal_cites = ""
    if spec.goal is not None:
        g = frame[(frame["theme"] == spec.theme) & (frame["indicator"] == spec.goal.indicator)
                  & (frame["period"] == spec.goal.period) & (frame["status"] == "value")]
        if len(g):
            goal, goal_label, goal_cites = float(g.iloc[0]["value"]), str(g.iloc[0]["label"]), f"{g.iloc[0]['source']} {g.iloc[0]['source_ref']}"
    return out.assign(goal=goal, goal_label=goal_label, goal_cites=goal_cites)


MAX_BARS = 30  # a chart of more units than this is unreadable; the table and downloads keep every row


def top(ranked_rows: pd.DataFrame, keep: str | None = None, n: int = MAX_BARS) -> pd.DataFrame:
    """The first n of a ranked slice, plus the highlighted unit if it falls below the cut."""
    if len(ranked_rows) <= n:
        return ranked_rows
    head = ranked_rows.head(n)
    if keep and keep not in set(head["county"]):
        head = pd.concat([head, ranked_rows[ranked_rows["county"] == keep]])
    return head.reset_index(drop=True)


def top_by_period(rows: pd.DataFrame, keep: str | None = None, n: int = MAX_BARS) -> pd.DataFrame:
    """by_period rows limited to the n units with the largest sum over periods (plus the highlighted one)."""
    units = rows["county"].unique()
    if len(units) <= n:
        return rows
    totals = rows.groupby("county", observed=True)["value"].sum().sort_values(ascending=False)
    chosen = set(totals.index[:n]) | ({keep} if keep else set())
    return rows[rows["county"].isin(chosen)].reset_index(drop=True)
