"""The status engine: how each county is doing against its target at an as-of date. Plain pandas, no Streamlit.

Inputs are three tidy frames (see `target_rows`, `targets/inputs/reports.py`): the targets with their dates and
how they are judged, the revisions, and the reported actuals. `assess` returns one row per
(theme, indicator, period, county) with every input of its status, so a status can be checked by hand:

    elapsed  = (as_of − base) ÷ (due − base), clipped to 0…1; base = the day before the period starts
               (or a level's baseline date)
    expected = flow: target × elapsed · level: baseline + (target − baseline) × elapsed
               at_least / at_most: the target itself (a level that must hold)
    ratio    = actual ÷ expected (at_most: target ÷ actual, so that higher is better for every kind)

The status is the first that applies of: done (target met), overdue (due date passed, not met), not_reported
(started, no report), stale (latest report older than stale_after_days), unassessable (not enough to judge),
then on_track (ratio ≥ on_track), at_risk (ratio ≥ at_risk), behind.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

# Precedence order: when several apply, the first wins (the pace statuses last).
STATUSES = ("done", "overdue", "not_reported", "stale", "unassessable", "on_track", "at_risk", "behind")
PACE = ("on_track", "at_risk", "behind")
KEY = ["theme", "indicator", "period", "county"]

# The export contract's columns first (README: progress), then every input of the status.
COLUMNS = ["theme", "indicator", "period", "county", "target", "actual", "expected", "ratio", "status",
           "target_original", "revision", "report", "as_of_report", "due",
           "kind", "unit", "start", "elapsed", "baseline", "baseline_date", "reports", "reason",
           "on_track_at", "at_risk_at", "stale_after_days", "as_of",
           "county_target_sum", "reported", "met", "of", "sample", "level"]

TARGET_COLUMNS = ["theme", "indicator", "period", "county", "target", "kind", "unit", "summable", "start", "due",
                  "baseline", "baseline_date", "is_city"]
REVISION_COLUMNS = ["theme", "indicator", "period", "county", "value", "effective", "revision", "sample"]
REPORT_COLUMNS = ["theme", "indicator", "period", "county", "as_of", "value", "report", "completed", "sample"]


@dataclass(frozen=True)
class Rules:
    """The thresholds (config.yaml `tracking:`)."""

    on_track: float = 0.95
    at_risk: float = 0.75
    stale_after_days: int = 90


def empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def _day(value) -> pd.Timestamp:
    return pd.Timestamp(value).normalize()


def _positions(frame: pd.DataFrame, keys: pd.DataFrame) -> np.ndarray:
    """For each row of `frame`, the row of `keys` with the same KEY (-1 for none): a lookup, not a merge, so a
    national frame is not copied column by column."""
    if not len(keys):
        return np.full(len(frame), -1)
    shared = all(isinstance(keys[c].dtype, pd.CategoricalDtype) and keys[c].dtype == frame[c].dtype for c in KEY)
    if shared:  # the same categoricals on both sides (tracking's frames): one int per key, compared as ints
        return pd.Index(_codes(keys)).get_indexer(_codes(frame))
    index = pd.MultiIndex.from_arrays([keys[c].astype(object).to_numpy() for c in KEY])
    probe = pd.MultiIndex.from_arrays([frame[c].astype(object).to_numpy() for c in KEY])
    return index.get_indexer(probe)


def _codes(frame: pd.DataFrame) -> np.ndarray:
    """The four categorical key columns as one int64 per row (mixed radix over their categories)."""
    out = np.zeros(len(frame), dtype=np.int64)
    for c in KEY:
        col = frame[c]
        out = out * (len(col.cat.categories) + 1) + (col.cat.codes.to_numpy().astype(np.int64) + 1)
    return out


def in_force(targets: pd.DataFrame, revisions: pd.DataFrame, as_of) -> pd.DataFrame:
    """Each target with the revision in force at `as_of` applied: `target_original` keeps the gazette's value."""
    out = targets.copy()
    out["target_original"] = out["target"]
    out["revision"] = ""
    out["revision_sample"] = False
    if revisions is None or not len(revisions):
        return out
    rev = revisions[pd.to_datetime(revisions["effective"]) <= _day(as_of)]
    if not len(rev):
        return out
    rev = rev.assign(_eff=pd.to_datetime(rev["effective"])).sort_values("_eff").groupby(KEY, observed=True).tail(1)
    rev = rev.reset_index(drop=True)
    at = _positions(out, rev)
    hit = at >= 0
    out.loc[hit, "target"] = rev["value"].astype(float).to_numpy()[at[hit]]
    out.loc[hit, "revision"] = rev["revision"].astype(object).to_numpy()[at[hit]]
    out.loc[hit, "revision_sample"] = rev["sample"].astype(bool).to_numpy()[at[hit]]
    return out


def latest(reports: pd.DataFrame, as_of) -> pd.DataFrame:
    """Per key, the latest report on or before `as_of`, the first one, and how many there are."""
    cols = KEY + ["actual", "as_of_report", "report", "completed", "first_value", "first_date", "reports", "sample"]
    if reports is None or not len(reports):
        return empty(cols)
    rep = reports if "_at" in reports else reports.assign(_at=pd.to_datetime(reports["as_of"]))
    rep = rep[rep["_at"] <= _day(as_of)]
    if not len(rep):
        return empty(cols)
    if not rep["_at"].is_monotonic_increasing:  # tracking.reports comes sorted; hand-made frames may not
        rep = rep.sort_values("_at", kind="stable")
    groups = rep.groupby(KEY, observed=True, sort=False)
    last = groups.tail(1).set_index(KEY)
    first = groups.head(1).set_index(KEY)
    out = pd.DataFrame({
        "actual": last["value"].astype(float), "as_of_report": last["_at"], "report": last["report"],
        "completed": last["completed"].astype(bool),
        "first_value": first["value"].astype(float).reindex(last.index),
        "first_date": first["_at"].reindex(last.index),
        "reports": groups["_at"].nunique().reindex(last.index).astype(int),  # dates, not rows: a copy is no 2nd point
        "sample": groups["sample"].any().reindex(last.index).astype(bool),
    })
    return out.reset_index()


def assess(targets: pd.DataFrame, revisions: pd.DataFrame, reports: pd.DataFrame, as_of, rules: Rules) -> pd.DataFrame:
    """Every county target's status at `as_of` with its inputs (the city rows come from `roll_up`)."""
    as_of = _day(as_of)
    rows = in_force(targets, revisions, as_of).reset_index(drop=True)
    if not len(rows):
        return empty(COLUMNS)
    rep = latest(reports, as_of)
    at = _positions(rows, rep)
    hit = at >= 0
    for col in ("actual", "as_of_report", "report", "completed", "first_value", "first_date", "reports", "sample"):
        values = rep[col].to_numpy() if len(rep) else np.array([], dtype=object)
        filled = np.empty(len(rows), dtype=object) if values.dtype == object or not len(values) else np.empty(len(rows), dtype=values.dtype)
        if len(values):
            filled[hit] = values[at[hit]]
        rows[col] = _missing(filled, hit, col)
    n = len(rows)
    kind = rows["kind"].to_numpy(dtype=object)
    target = rows["target"].astype(float).to_numpy()
    actual = rows["actual"].astype(float).to_numpy()
    count = rows["reports"].fillna(0).astype(int).to_numpy()
    start = pd.to_datetime(rows["start"])
    due = pd.to_datetime(rows["due"])
    has = count > 0

    # A level's start: the declared baseline, else the county's first report (only with two or more).
    declared = rows["baseline"].astype(float).to_numpy()
    declared_at = pd.to_datetime(rows["baseline_date"])
    is_level = kind == "level"
    use_first = is_level & np.isnan(declared) & (count >= 2)
    baseline = np.where(is_level, np.where(np.isnan(declared), np.where(use_first, rows["first_value"].astype(float), np.nan),
                                           declared), np.where(kind == "flow", 0.0, np.nan))
    base_at = start - pd.Timedelta(days=1)
    base_at = base_at.where(~(is_level & ~np.isnan(declared)), declared_at)
    base_at = base_at.where(~use_first, pd.to_datetime(rows["first_date"]))
    span = (due - base_at).dt.days.to_numpy(dtype=float)
    gone = (as_of - base_at).dt.days.to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        elapsed = np.clip(np.where(span > 0, gone / span, np.nan), 0.0, 1.0)
        expected = np.select([kind == "flow", is_level, np.isin(kind, ("at_least", "at_most"))],
                             [target * elapsed, baseline + (target - baseline) * elapsed, target], np.nan)
        ratio = np.where(kind == "at_most", np.where(actual > 0, target / actual, np.nan),
                         np.where(expected > 0, actual / expected, np.nan))
    ratio = np.where(has, ratio, np.nan)
    met = has & np.where(kind == "at_most", actual <= target, actual >= target)
    met |= has & rows["completed"].fillna(False).astype(bool).to_numpy()

    started = (as_of >= start).to_numpy()
    past_due = (as_of > due).to_numpy()
    no_target = np.isnan(target)
    age = (as_of - pd.to_datetime(rows["as_of_report"])).dt.days.to_numpy(dtype=float)
    stale = has & (age > rules.stale_after_days)
    level_blind = is_level & np.isnan(baseline)
    cannot = ~started | np.isnan(ratio) | level_blind | (elapsed <= 0) & np.isin(kind, ("flow", "level"))

    status, reason = _decide(n, met=met, no_target=no_target, past_due=past_due, started=started, has=has,
                             stale=stale, cannot=cannot, level_blind=level_blind, ratio=ratio, rules=rules)
    out = pd.DataFrame({
        **{c: rows[c] for c in KEY},
        "target": target, "actual": actual, "expected": expected, "ratio": ratio, "status": status,
        "target_original": rows["target_original"].astype(float), "revision": rows["revision"].fillna(""),
        "report": rows["report"].fillna(""), "as_of_report": _iso(rows["as_of_report"]), "due": _iso(due),
        "kind": kind, "unit": rows["unit"], "start": _iso(start), "elapsed": elapsed, "baseline": baseline,
        "baseline_date": _iso(base_at.where(is_level)), "reports": count, "reason": reason,
        "on_track_at": rules.on_track, "at_risk_at": rules.at_risk, "stale_after_days": rules.stale_after_days,
        "as_of": as_of.date().isoformat(), "county_target_sum": np.nan, "reported": has.astype(int),
        "met": met.astype(int), "of": 1,
        "sample": rows["sample"].fillna(False).astype(bool).to_numpy() | rows["revision_sample"].to_numpy(),
        "level": "county", "summable": rows["summable"].to_numpy(), "is_city": rows["is_city"].to_numpy(),
    })
    return out


def _missing(values: np.ndarray, hit: np.ndarray, col: str) -> np.ndarray:
    """A column of the latest report, with what a target no report reached has instead."""
    if col in ("actual", "first_value"):
        return np.where(hit, values, np.nan).astype(float)
    if col in ("as_of_report", "first_date"):
        return pd.to_datetime(pd.Series(np.where(hit, values, None))).to_numpy()
    if col == "reports":
        return np.where(hit, values, 0).astype(int)
    if col in ("completed", "sample"):
        return np.where(hit, values, False).astype(bool)
    return np.where(hit, values, "").astype(object)


def _decide(n: int, *, met, no_target, past_due, started, has, stale, cannot, level_blind, ratio, rules: Rules):
    conditions = [
        met,
        no_target,
        past_due & ~met,
        started & ~has,
        stale,
        cannot,
        ratio >= rules.on_track,
        ratio >= rules.at_risk,
    ]
    status = np.select(conditions, ["done", "unassessable", "overdue", "not_reported", "stale", "unassessable",
                                    "on_track", "at_risk"], "behind")
    reason = np.select([met, no_target, past_due & ~met, started & ~has, stale, ~started, level_blind, cannot],
                       ["met", "no_target", "past_due", "no_report", "stale", "not_started", "no_baseline",
                        "no_pace"], "pace")
    return status.astype(object), reason.astype(object)


def _iso(values) -> pd.Series:
    """Dates as YYYY-MM-DD ("" for none), each distinct date formatted once."""
    codes, uniques = pd.factorize(pd.Series(values).to_numpy(), use_na_sentinel=True)
    text = pd.to_datetime(pd.Series(uniques)).dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
    return pd.Series(np.where(codes >= 0, text[np.maximum(codes, 0)] if len(text) else "", ""), dtype=object)


def roll_up(county: pd.DataFrame, city_targets: pd.DataFrame, city_reports: pd.DataFrame, city_name: str,
            as_of, rules: Rules) -> pd.DataFrame:
    """One city row per (theme, indicator, period) that has county targets: the sum of county actuals (summable
    units), compared with the stated city target (`target_original`) and with the sum of county targets
    (`county_target_sum`), both kept; at_least/at_most give n of N met (`met`, `of`)."""
    as_of = _day(as_of)
    keys = ["theme", "indicator", "period"]
    if not len(county):
        return empty(COLUMNS)
    groups = county.groupby(keys, observed=True, sort=False)
    rows = pd.DataFrame({
        "county_target_sum": groups["target"].sum(min_count=1),
        "county_actual_sum": groups["actual"].sum(min_count=1),
        "county_expected_sum": groups["expected"].sum(min_count=1),
        "expected_missing": county.assign(_nan=county["expected"].isna()).groupby(keys, observed=True, sort=False)["_nan"].any(),
        "reported": groups["reported"].sum(), "met": groups["met"].sum(), "of": groups.size(),
        "sample": groups["sample"].any(), "kind": groups["kind"].first(), "unit": groups["unit"].first(),
        "summable": groups["summable"].first(), "start": groups["start"].first(), "due": groups["due"].first(),
        "elapsed": groups["elapsed"].max(),
        "latest_report": pd.to_datetime(groups["as_of_report"].max().replace("", None)),
    }).reset_index()
    stated_cols = ["target", "target_original", "revision", "revision_sample"]
    stated = (city_targets[keys + stated_cols].rename(columns={"target": "stated", "target_original": "stated_original",
                                                               "revision": "stated_revision", "revision_sample": "revision_sample"})
              if len(city_targets) else empty(keys + ["stated", "stated_original", "stated_revision", "revision_sample"]))
    rows = rows.merge(stated, on=keys, how="left")
    own = latest(city_reports, as_of)
    own = own[keys + ["actual", "as_of_report", "report", "completed", "sample"]].rename(columns={
        "actual": "own_actual", "as_of_report": "own_as_of", "report": "own_report", "completed": "own_completed",
        "sample": "own_sample"})
    rows = rows.merge(own, on=keys, how="left")
    return _city_status(rows, city_name, as_of, rules)


def _city_status(rows: pd.DataFrame, city_name: str, as_of: pd.Timestamp, rules: Rules) -> pd.DataFrame:
    kind = rows["kind"].to_numpy(dtype=object)
    summable = rows["summable"].fillna(True).astype(bool).to_numpy()
    threshold = np.isin(kind, ("at_least", "at_most"))
    amounts = np.isin(kind, ("flow", "level")) & summable
    reported = rows["reported"].fillna(0).astype(int).to_numpy()
    own = rows["own_actual"].astype(float).to_numpy()
    # The roll-up is the sum of what counties reported; the city's own report stands only where none did.
    actual = np.where(amounts, np.where(reported > 0, rows["county_actual_sum"].to_numpy(dtype=float), own), np.nan)
    stated = rows["stated"].astype(float).to_numpy()
    # A sum of county targets is a city target only where the unit adds up (minutes, % do not).
    county_sum = np.where(summable, rows["county_target_sum"].astype(float).to_numpy(), np.nan)
    target = np.where(np.isnan(stated), county_sum, stated)
    elapsed = rows["elapsed"].astype(float).to_numpy()
    of = rows["of"].astype(int).to_numpy()
    met_n = rows["met"].astype(int).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        level_expected = np.where(rows["expected_missing"].astype(bool).to_numpy(), np.nan,
                                  rows["county_expected_sum"].astype(float).to_numpy())
        expected = np.select([kind == "flow", kind == "level"], [target * elapsed, level_expected], np.nan)
        share = np.where(of > 0, met_n / np.maximum(of, 1), np.nan)
        ratio = np.where(threshold, share, np.where(expected > 0, actual / expected, np.nan))
    completed = rows["own_completed"].fillna(False).astype(bool).to_numpy() & (reported == 0)
    # Reported means reported: a non-summable amount that cannot be added up is unassessable, not "not reported".
    has = np.where(threshold | ~amounts, reported > 0, ~np.isnan(actual))
    met = np.where(threshold, (of > 0) & (met_n == of), has & (actual >= target)) | completed
    start, due = pd.to_datetime(rows["start"]), pd.to_datetime(rows["due"])
    started = (as_of >= start).fillna(False).to_numpy()
    past_due = (as_of > due).fillna(False).to_numpy()
    zeros = np.zeros(len(rows), bool)
    # The freshest report the row rests on: the counties' latest, else the city's own.
    freshest = pd.to_datetime(rows["latest_report"]).where(reported > 0, pd.to_datetime(rows["own_as_of"]))
    stale = has & ((as_of - freshest).dt.days.to_numpy(dtype=float) > rules.stale_after_days)
    status, reason = _decide(len(rows), met=met, no_target=np.isnan(target) & ~completed, past_due=past_due,
                             started=started, has=has, stale=stale, cannot=~started | np.isnan(ratio) | ~(amounts | threshold),
                             level_blind=zeros, ratio=ratio, rules=rules)
    report = np.where(reported > 0, "", rows["own_report"].fillna("").astype(str))
    return pd.DataFrame({
        "theme": rows["theme"], "indicator": rows["indicator"], "period": rows["period"], "county": city_name,
        "target": target, "actual": actual, "expected": expected, "ratio": ratio, "status": status,
        "target_original": rows["stated_original"].astype(float).to_numpy(),
        "revision": rows["stated_revision"].fillna("").astype(object).to_numpy(), "report": report,
        "as_of_report": _iso(freshest), "due": _iso(due),
        "kind": kind, "unit": rows["unit"], "start": _iso(start), "elapsed": elapsed, "baseline": np.nan,
        "baseline_date": "", "reports": reported, "reason": reason,
        "on_track_at": rules.on_track, "at_risk_at": rules.at_risk, "stale_after_days": rules.stale_after_days,
        "as_of": as_of.date().isoformat(), "county_target_sum": county_sum, "reported": reported,
        "met": met_n, "of": of, "level": "city",
        "sample": (rows["sample"].fillna(False).astype(bool).to_numpy() | rows["own_sample"].fillna(False).astype(bool).to_numpy()
                   | rows["revision_sample"].fillna(False).astype(bool).to_numpy()),
    })


def status_table(targets: pd.DataFrame, revisions: pd.DataFrame, reports: pd.DataFrame, *, city_name: str,
                 as_of, rules: Rules = Rules()) -> pd.DataFrame:
    """Every county row, then one city row per (theme, indicator, period), in the export contract's columns.

    A city target with no county targets beside it (e.g. the city's capacity by 2025) is judged like a county's,
    from the city's own reports."""
    if not len(targets):
        return empty(COLUMNS)
    is_city = targets["is_city"].astype(bool).to_numpy()
    on_city = (reports["county"].astype(str) == city_name).to_numpy() if len(reports) else np.zeros(0, bool)
    county = assess(targets[~is_city], revisions, reports[~on_city] if len(reports) else reports, as_of, rules)
    keys = ["theme", "indicator", "period"]
    city_targets = targets[is_city]
    # Membership by key sets: a row-wise apply(tuple) over every county row took seconds even at 18k rows.
    with_counties = pd.Series(pd.MultiIndex.from_frame(city_targets[keys].astype(str)).isin(
        pd.MultiIndex.from_frame(county[keys].astype(str).drop_duplicates())), index=city_targets.index) \
        if len(city_targets) and len(county) else pd.Series(False, index=city_targets.index)
    city_reports = reports[on_city] if len(reports) else reports
    alone = assess(city_targets[~with_counties.to_numpy()], revisions, city_reports, as_of, rules)
    if len(alone):
        alone["level"] = "city"
    rolled = roll_up(county, in_force(city_targets[with_counties.to_numpy()], revisions, as_of), city_reports,
                     city_name, as_of, rules)
    parts = [x[COLUMNS] for x in (county, rolled, alone) if len(x)]
    return pd.concat(parts, ignore_index=True) if parts else empty(COLUMNS)


def counts(table: pd.DataFrame) -> dict[str, int]:
    """How many county rows have each status (the overview card's "正常 9 / 13")."""
    rows = table[table["level"] == "county"]
    found = rows["status"].value_counts()
    return {s: int(found.get(s, 0)) for s in STATUSES}
