"""The city's row per (theme, indicator, period): the county rows rolled up (sums of summable amounts, n of N met
for thresholds), beside the stated city target and the sum of county targets, both kept, never overwritten."""

from __future__ import annotations

import numpy as np
import pandas as pd

from targets.analysis import progress_layout as layout
from targets.analysis.progress_rules import Rules, _day, _decide, _iso_dates, _take


def roll_up(lay: layout.Layout, county: dict, stated: layout.Layout, stated_at: np.ndarray, own: layout.Reports,
            city_name: str, as_of, rules: Rules) -> dict:
    """One city row per (theme, indicator, period) that has county targets: the sum of county actuals (summable
    units), compared with the stated city target (`target_original`) and with the sum of county targets
    (`county_target_sum`), both kept; at_least/at_most give n of N met (`met`, `of`). `stated` holds the stated city
    targets (`stated_at` per group), `own` the city's own reports per group."""
    if not lay.n:
        return {}
    d = layout.day(as_of)
    firsts = lay.group_rows

    def total(x: np.ndarray) -> np.ndarray:  # a group's sum, NaN when it has no number (sum(min_count=1))
        known = ~np.isnan(x)
        return np.where(lay.per_group(np.add, known.astype(int)) > 0, lay.per_group(np.add, np.where(known, x, 0.0)), np.nan)

    # The stated city target in force at the date, its original and the revising document.
    rev = stated.revisions.in_force(stated.n, d)
    in_force = np.where(rev >= 0, stated.revisions.padded["value"][rev], stated.target)
    revision = np.append(stated.revisions.label.plain(rev), "")
    revised_sample = stated.revisions.padded["sample"][rev]
    last, first = own.latest(d)
    expected = county["expected"]
    rows = pd.DataFrame({
        **{c: pd.Series(lay.text[c].plain(firsts), dtype=object) for c in ("theme", "indicator", "period")},
        "county_target_sum": total(county["target"]), "county_actual_sum": total(county["actual"]),
        "county_expected_sum": total(expected),
        "expected_missing": lay.per_group(np.logical_or, np.isnan(expected)),
        "reported": lay.per_group(np.add, county["reported"]), "met": lay.per_group(np.add, county["met"]),
        "of": np.diff(np.r_[lay.group_starts, lay.n]),
        "sample": lay.per_group(np.logical_or, county["sample"]), "kind": lay.kind[firsts],
        "unit": pd.Series(lay.text["unit"].plain(firsts), dtype=object), "summable": lay.rows["summable"].to_numpy()[firsts],
        "start": pd.to_datetime(lay.start[firsts], unit="D"), "due": pd.to_datetime(lay.due[firsts], unit="D"),
        "elapsed": lay.per_group(np.fmax, county["_elapsed"]),
        "latest_report": pd.to_datetime(lay.per_group(np.fmax, county["_report_day"]), unit="D"),
        "stated": _take(in_force, stated_at, np.nan), "stated_original": _take(stated.target, stated_at, np.nan),
        "stated_revision": pd.Series(revision[stated_at], dtype=object),
        "revision_sample": _take(revised_sample, stated_at, False).astype(bool),
        "own_actual": own.padded["value"][last], "own_as_of": pd.to_datetime(own.padded["day"][last], unit="D"),
        "own_report": pd.Series(own.label.plain(last), dtype=object), "own_completed": own.padded["completed"][last],
        "own_sample": own.count(last, np.where(last >= 0, first, -1), own.samples) > 0,
    })
    return _city_status(rows, city_name, _day(as_of), rules)


def _city_status(rows: pd.DataFrame, city_name: str, as_of: pd.Timestamp, rules: Rules) -> dict:
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
    status, reason = _decide(met=met, no_target=np.isnan(target) & ~completed, past_due=past_due,
                             started=started, has=has, stale=stale, cannot=~started | np.isnan(ratio) | ~(amounts | threshold),
                             level_blind=zeros, ratio=ratio, rules=rules)
    report = np.where(reported > 0, "", rows["own_report"].fillna("").astype(str))
    n = len(rows)
    return {  # the columns (text as arrays or one string for all; _stack codes them)
        "theme": rows["theme"], "indicator": rows["indicator"], "period": rows["period"], "county": city_name,
        "target": target, "actual": actual, "expected": expected, "ratio": ratio, "status": status,
        "target_original": rows["stated_original"].astype(float).to_numpy(),
        "revision": rows["stated_revision"].fillna("").astype(object).to_numpy(), "report": report,
        "as_of_report": _iso_dates(freshest), "due": _iso_dates(due),
        "kind": kind, "unit": rows["unit"], "start": _iso_dates(start), "elapsed": elapsed, "baseline": np.full(n, np.nan),
        "baseline_date": "", "reports": reported, "reason": reason,
        "on_track_at": np.full(n, rules.on_track), "at_risk_at": np.full(n, rules.at_risk),
        "stale_after_days": np.full(n, rules.stale_after_days),
        "as_of": as_of.date().isoformat(), "county_target_sum": county_sum, "reported": reported,
        "met": met_n, "of": of, "level": "city",
        "sample": (rows["sample"].fillna(False).astype(bool).to_numpy() | rows["own_sample"].fillna(False).astype(bool).to_numpy()
                   | rows["revision_sample"].fillna(False).astype(bool).to_numpy()),
    }


