"""A county's (or the city's) cumulative progress over an indicator's periods: the targets' yearly path, what
was reported by each date, a straight-line projection over the current period and the rate still needed."""

from __future__ import annotations

from datetime import date

import pandas as pd

from targets.analysis.progress import in_force
from targets.analysis.tracking import reports, revisions, targets
from targets.core.memo import per_snapshot
from targets.frame.project import Project
from targets.schema.lookups import city_name
from targets.schema.progress import period_dates


@per_snapshot()
def trajectory(project: Project, theme: str, indicator: str, county: str, as_of: date) -> dict:
    """A county's (or the city's) cumulative path over an indicator's periods: what the targets add up to by
    each period's end, what was reported by each report date, a straight-line projection over the current period,
    and the rate still needed to meet it.

    Returns {"path": frame(date, value, period), "actual": frame(date, value, report), "projection": frame(date,
    value), "needed": {...} or None, "sample": bool}. Only periods whose start is known are on it.
    """
    city = city_name(project.config)
    at = pd.Timestamp(as_of)
    tgt = targets(project)
    tgt = tgt[(tgt["theme"] == theme) & (tgt["indicator"] == indicator)]
    # The targets in force at the date (a revision changes the path and the rate still needed), as the status has.
    tgt = in_force(tgt, revisions(project), as_of).astype({"county": object, "period": object})
    rep = reports(project)
    rep = rep[(rep["theme"] == theme) & (rep["indicator"] == indicator)].astype({"county": object, "period": object})
    # The gazette's completions (`completed: true`) are done work: their period's step on the path is what was done.
    done = rep[rep["completed"].astype(bool) & (rep["county"] == county)].groupby("period")["value"].max()
    if county == city:
        own = tgt[tgt["county"] == city]
        counties = tgt[~tgt["is_city"]]
        by_period = (own.set_index("period")["target"] if len(own) else pd.Series(dtype=float))
        summed = counties.groupby("period")["target"].sum(min_count=1)
        per_target = by_period.combine_first(summed).combine_first(done)
        # Only counties with a target count, as in the status's roll-up.
        with_target = set(zip(counties["county"], counties["period"]))
        county_reps = rep[[(c, p) in with_target for c, p in zip(rep["county"], rep["period"])]] if len(rep) else rep
        city_reps = rep[rep["county"] == city]
    else:
        per_target = tgt[tgt["county"] == county].set_index("period")["target"].combine_first(done)
        county_reps = rep[rep["county"] == county]
        city_reps = rep.iloc[0:0]
    spans = {p.id: period_dates(p) for p in project.config.periods}
    periods = pd.DataFrame([(p, pd.Timestamp(spans[p][0]), pd.Timestamp(spans[p][1])) for p in per_target.index
                            if spans.get(p)], columns=["period", "start", "due"]).sort_values("start")
    empty_out = {"path": pd.DataFrame(columns=["date", "value", "period"]), "actual": pd.DataFrame(columns=["date", "value", "report"]),
                 "projection": pd.DataFrame(columns=["date", "value"]), "needed": None, "sample": False}
    if not len(periods):
        return empty_out
    first = periods["start"].min() - pd.Timedelta(days=1)
    path_rows = [(first, 0.0, "")]
    total = 0.0
    for _, p in periods.iterrows():
        value = per_target.get(p["period"])
        total += 0.0 if value is None or value != value else float(value)
        path_rows.append((p["due"], total, p["period"]))
    path = pd.DataFrame(path_rows, columns=["date", "value", "period"])

    def done_by(day: pd.Timestamp, period: str | None = None) -> float:
        """Reported to date: each period's latest amount on or before `day` (summed over counties for the city)."""
        value = 0.0
        for source in (county_reps, city_reps):
            r = source[pd.to_datetime(source["as_of"]) <= day]
            if period is not None:
                r = r[r["period"] == period]
            if not len(r):
                continue
            r = r.assign(_at=pd.to_datetime(r["as_of"])).sort_values("_at").groupby(["period", "county"]).tail(1)
            if source is city_reps and len(county_reps[pd.to_datetime(county_reps["as_of"]) <= day]):
                r = r[~r["period"].isin(set(county_reps[pd.to_datetime(county_reps["as_of"]) <= day]["period"]))]
            value += float(r["value"].sum())
        return value

    dates = sorted({pd.Timestamp(d) for d in pd.to_datetime(pd.concat([county_reps["as_of"], city_reps["as_of"]]))
                    if pd.Timestamp(d) <= at})
    actual = pd.DataFrame([(d, done_by(d)) for d in dates], columns=["date", "value"])
    sample = bool(pd.concat([county_reps["sample"], city_reps["sample"]]).astype(bool).any()) if len(dates) else False
    out = {"path": path, "actual": actual, "projection": pd.DataFrame(columns=["date", "value"]), "needed": None,
           "sample": sample}
    now = periods[(periods["start"] <= at) & (at <= periods["due"])]
    if not len(now) or not len(actual):
        return out
    p = now.iloc[0]
    before = float(path.loc[path["date"] < p["start"], "value"].max()) if (path["date"] < p["start"]).any() else 0.0
    done_now = done_by(at, p["period"])
    goal_now = float(per_target.get(p["period"]) or 0.0)
    days_in = max((at - (p["start"] - pd.Timedelta(days=1))).days, 1)
    days_left = (p["due"] - at).days
    rate = done_now / days_in
    end_value = float(actual["value"].iloc[-1]) + rate * max(days_left, 0)
    out["projection"] = pd.DataFrame([(actual["date"].iloc[-1], float(actual["value"].iloc[-1])), (p["due"], end_value)],
                                     columns=["date", "value"])
    months_left = days_left / 30.4375  # an average month: the rate is a guide, not a schedule
    remaining = max(goal_now - done_now, 0.0)
    out["needed"] = {"period": p["period"], "remaining": remaining, "months_left": months_left,
                     "per_month": (remaining / months_left) if months_left > 0 else None,
                     "projected": end_value - before, "target": goal_now}
    return out
