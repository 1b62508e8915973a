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

import numpy as np
import pandas as pd

from dataclasses import dataclass, field

from targets.analysis import progress_layout as layout
from targets.analysis.progress_city import roll_up
from targets.analysis.progress_rules import (  # noqa: F401 (the engine's names, imported from here by its users)
    COLUMNS, KEY, PACE, REPORT_COLUMNS, REVISION_COLUMNS, STATUSES, TARGET_COLUMNS, Rules, _day, _decide,
    empty)


def in_force(targets: pd.DataFrame, revisions: pd.DataFrame, as_of) -> pd.DataFrame:
    """Each target with the revision in force at `as_of` applied: `target_original` keeps the gazette's value."""
    out = targets.copy()
    out["target_original"] = out["target"]
    out["revision"] = ""
    out["revision_sample"] = False
    if revisions is None or not len(revisions) or not len(out):
        return out
    lay = layout.Revisions.of(revisions, layout.positions(revisions, out.reset_index(drop=True)))
    at = lay.in_force(len(out), layout.day(as_of))
    hit = at >= 0
    out.loc[hit, "target"] = lay.value[at[hit]]
    out.loc[hit, "revision"] = lay.label.plain(at[hit])
    out.loc[hit, "revision_sample"] = lay.sample[at[hit]]
    return out


def assess(lay: layout.Layout, as_of, rules: Rules) -> dict:
    """Every target row's status at `as_of` with its inputs, as columns (arrays) in `lay.rows`' order."""
    d = layout.day(as_of)
    now = float(d)
    n = lay.n
    kinds = lay.kinds
    rev = lay.revisions.in_force(n, d)
    revised = lay.revisions.padded
    target = np.where(rev >= 0, revised["value"][rev], lay.target)
    rep = lay.reports
    last, first = rep.latest(d)
    has = last >= 0
    first = np.where(has, first, -1)
    # Index -1 (no report) reads NaN / False; only rows with reports are visited (most rows have none).
    actual, report_day, completed = rep.gather("value", last), rep.gather("day", last), rep.gather("completed", last)
    first_value, first_day = rep.gather("value", first), rep.gather("day", first)
    count = rep.count(last, first, rep.new_day)
    sample = (rep.count(last, first, rep.samples) > 0) | revised["sample"][rev]

    # A level's start: the declared baseline, else the county's first report (only with two or more).
    flow, level, at_most = kinds["flow"], kinds["level"], kinds["at_most"]
    declared = lay.baseline
    no_declared = np.isnan(declared)
    use_first = level & no_declared & (count >= 2)
    baseline = np.where(level, np.where(no_declared, np.where(use_first, first_value, np.nan), declared),
                        np.where(flow, 0.0, np.nan))
    base_at = lay.start - 1.0
    base_at = np.where(level & ~no_declared, lay.baseline_day, base_at)
    base_at = np.where(use_first, first_day, base_at)
    span = lay.due - base_at
    gone = now - base_at
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        elapsed = np.clip(np.where(span > 0, gone / span, np.nan), 0.0, 1.0)
        expected = np.select([flow, level, kinds["at_least"] | at_most],
                             [target * elapsed, baseline + (target - baseline) * elapsed, target], np.nan)
        ratio = np.where(at_most, np.where(actual > 0, target / actual, np.nan),
                         np.where(expected > 0, actual / expected, np.nan))
    ratio = np.where(has, ratio, np.nan)
    met = has & np.where(at_most, actual <= target, actual >= target)
    met |= has & completed

    started = now >= lay.start
    past_due = now > lay.due
    stale = has & ((now - report_day) > rules.stale_after_days)
    level_blind = level & np.isnan(baseline)
    cannot = ~started | np.isnan(ratio) | level_blind | (elapsed <= 0) & (flow | level)

    status, reason = _decide(met=met, no_target=np.isnan(target), past_due=past_due, started=started, has=has,
                             stale=stale, cannot=cannot, level_blind=level_blind, ratio=ratio, rules=rules)
    return {
        **{c: lay.text[c] for c in KEY},
        "target": target, "actual": actual, "expected": expected, "ratio": ratio, "status": status,
        "target_original": lay.target, "revision": lay.revisions.label.take(rev),
        "report": rep.label.take(last), "as_of_report": rep.dated.take(last), "due": lay.due_iso,
        "kind": lay.text["kind"], "unit": lay.text["unit"], "start": lay.start_iso, "elapsed": elapsed,
        "baseline": baseline, "baseline_date": layout.iso(np.where(level, base_at, np.nan)), "reports": count,
        "reason": reason, "on_track_at": lay.constant(rules.on_track), "at_risk_at": lay.constant(rules.at_risk),
        "stale_after_days": lay.constant(rules.stale_after_days, int),
        "as_of": layout.Coded.const(n, _day(as_of).date().isoformat()),
        "county_target_sum": lay.constant(np.nan), "reported": has.astype(int), "met": met.astype(int),
        "of": lay.constant(1, int), "sample": sample, "level": layout.Coded.const(n, "county"),
        "_elapsed": elapsed, "_report_day": report_day,
    }




@dataclass(frozen=True, eq=False)
class Prepared:
    """What judging at any date needs, laid out once (per snapshot and theme in tracking.py)."""

    county: layout.Layout       # the county targets with their reports and revisions
    alone: layout.Layout        # city targets with no county targets beside them, with the city's own reports
    stated: layout.Layout       # stated city targets beside county targets (compared with the roll-up), revised
    stated_at: np.ndarray       # per county group, its stated city target's row in `stated` (-1 for none)
    own: layout.Reports         # the city's own reports of each county group (standing where no county reported)
    city_name: str
    static: dict = field(default_factory=dict)  # rules -> the date-independent columns, stacked once (_stack)


def prepare(targets: pd.DataFrame, revisions: pd.DataFrame, reports: pd.DataFrame, *, city_name: str) -> Prepared:
    is_city = targets["is_city"].astype(bool).to_numpy() if len(targets) else np.zeros(0, bool)
    on_city = (reports["county"] == city_name).to_numpy() if len(reports) else np.zeros(0, bool)
    county_reports, city_reports = (reports[~on_city], reports[on_city]) if len(reports) else (reports, reports)
    county = layout.Layout.of(targets[~is_city], revisions, county_reports)
    city_targets = targets[is_city]
    groups = county.rows.take(county.group_rows)
    # A city target is compared with the roll-up where counties have targets of its (theme, indicator, period).
    at = layout.positions(city_targets, groups, layout.GROUP) if len(city_targets) else np.zeros(0, dtype=np.int64)
    beside = at >= 0
    alone = layout.Layout.of(city_targets[~beside], revisions, city_reports)
    stated = layout.Layout.of(city_targets[beside], revisions, None)
    stated_at = np.full(len(groups), -1)
    stated_at[at[beside]] = np.arange(int(beside.sum()))
    own_at = layout.positions(city_reports, groups, layout.GROUP) if len(city_reports) else np.zeros(0, dtype=np.int64)
    own = layout.Reports.of(len(groups), city_reports, own_at)
    return Prepared(county, alone, stated, stated_at, own, city_name)


def judge(prep: Prepared, as_of, rules: Rules = Rules()) -> pd.DataFrame:
    """Every county row, then one city row per (theme, indicator, period), in the export contract's columns."""
    parts = []
    if prep.county.n:
        county = assess(prep.county, as_of, rules)
        parts.append(county)
        parts.append(roll_up(prep.county, county, prep.stated, prep.stated_at, prep.own, prep.city_name, as_of, rules))
    if prep.alone.n:
        alone = assess(prep.alone, as_of, rules)
        alone["level"] = layout.Coded.const(prep.alone.n, "city")
        parts.append(alone)
    if not parts:
        return empty(COLUMNS)
    static = prep.static.setdefault((rules.on_track, rules.at_risk, rules.stale_after_days), {})
    return _stack(parts, static)


def status_table(targets: pd.DataFrame, revisions: pd.DataFrame, reports: pd.DataFrame, *, city_name: str,
                 as_of, rules: Rules = Rules()) -> pd.DataFrame:
    """Every county row, then one city row per (theme, indicator, period), in the export contract's columns.

    A city target with no county targets beside it (e.g. the city's capacity by 2025) is judged like a county's,
    from the city's own reports."""
    if not len(targets):
        return empty(COLUMNS)
    return judge(prepare(targets, revisions, reports, city_name=city_name), as_of, rules)


# Columns that do not depend on the as-of date (the keys, the rules, the targets as set): stacked once per layout
# and shared, read-only, by every date's table (a national table's 14 such columns cost 0.1 s per date).
STATIC = (*KEY, "kind", "unit", "due", "start", "level", "target_original", "on_track_at", "at_risk_at",
          "stale_after_days", "of")


def _stack(parts: list[dict], static: dict | None = None) -> pd.DataFrame:
    """The parts' columns end to end, as one frame built without copying or re-inferring its columns: text as
    categoricals from codes (a national table has 850k rows: object columns cost more than judging them).
    `static` holds the STATIC columns stacked before (for the same layout), and takes them the first time."""
    out = {}
    sizes = [len(p["target"]) for p in parts]
    for c in COLUMNS:
        if static is not None and c in static:
            out[c] = static[c]
            continue
        cols = [p[c] for p in parts]
        if any(isinstance(x, layout.Coded) or isinstance(x, str) or _is_text(x) for x in cols):
            coded = [x if isinstance(x, layout.Coded) else layout.Coded.const(n, x) if isinstance(x, str)
                     else layout.Coded.of(x) for x, n in zip(cols, sizes)]
            out[c] = _categorical(coded)
        else:
            arrays = [x.to_numpy() if isinstance(x, pd.Series) else np.asarray(x) for x in cols]
            out[c] = arrays[0] if len(arrays) == 1 else np.concatenate(arrays)
        if static is not None and c in STATIC:
            if isinstance(out[c], np.ndarray):
                out[c] = out[c].copy() if out[c].flags.writeable and len(parts) == 1 else out[c]
                out[c].flags.writeable = False
            static[c] = out[c]
    return pd.DataFrame(out, copy=False)


def _is_text(x) -> bool:
    return np.asarray(x).dtype.kind in "OUS" if not isinstance(x, pd.Series) else not pd.api.types.is_numeric_dtype(x) \
        and not pd.api.types.is_bool_dtype(x)


def _categorical(parts: list[layout.Coded]) -> pd.Categorical:
    """Coded parts as one categorical: the first (the large county part) keeps its codes, the others' values are
    added to its categories."""
    first = parts[0]
    values = pd.Index(first.values, dtype=object)
    extra = pd.Index(np.concatenate([p.values for p in parts[1:]]), dtype=object).unique().difference(values, sort=False) \
        if len(parts) > 1 else values[:0]
    values = values.append(extra)
    dtype = np.int8 if len(values) < 127 else np.int16 if len(values) < 32_000 else np.int32
    codes = [first.codes.astype(dtype, copy=False)] + [values.get_indexer(p.values)[p.codes].astype(dtype) for p in parts[1:]]
    return pd.Categorical.from_codes(np.concatenate(codes) if len(codes) > 1 else codes[0], categories=values)


def counts(table: pd.DataFrame) -> dict[str, int]:
    """How many county rows have each status (the overview card's "正常 9 / 13")."""
    rows = table[table["level"] == "county"]
    found = rows["status"].value_counts()
    return {s: int(found.get(s, 0)) for s in STATUSES}
