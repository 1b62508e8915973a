"""Headline figures: the overview's cards and a theme page's metrics. Pure pandas, no Streamlit.

A stated total is shown as stated. Where a figure is computed (a sum or an
average of county values) it says so, and a sum of minimums stays a minimum
(≥1,100 人). Counts of people, teams and farms read as whole numbers.
"""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd

from targets.frame.fmt import label as value_label
from targets.frame.fmt import localize, number
from targets.frame.project import Project
from targets.core.memo import per_snapshot
from targets.schema.config import Config
from targets.analysis import semantics
from targets.analysis.views import COUNTY_KINDS, _is, city_by_period, indicator

MAX_GROUPS = 3  # "9 县 ≥100 · 4 县 ≥50" reads better than an average when counties share a few requirements


def _unit(cfg: Config, unit_id: str):
    return next((u for u in cfg.units if u.id == unit_id), None)


def _sign(comparators: set[str]) -> str:
    """The comparator of a sum: minimums add up to a minimum; anything else mixed is not one number."""
    if comparators <= {"eq"}:
        return "eq"
    if comparators <= {"eq", "ge"}:
        return "ge"
    if comparators <= {"eq", "le"}:
        return "le"
    return ""


@per_snapshot()
def theme_metrics(frame: pd.DataFrame, cfg: Config, theme: str, ind: str, period: str, rows: pd.DataFrame) -> dict:
    """What a theme page shows above its charts for one indicator and period.

    total: the stated total's label, else the computed sum of county values (with its sign) when the unit adds
    up; total_key says which. groups: [(n, label)] when few requirements repeat; else average (with sign), or
    none with average_reason (semantics.NOT_SUMMABLE, MIXED, RANGE) for minutes, rates, ranges and mixed forms.
    """
    spec = indicator(cfg, ind)
    unit = _unit(cfg, spec.unit)
    counties = rows[rows["county_kind"].isin(COUNTY_KINDS) & (rows["status"] == "value")]
    valued = rows[rows["status"] == "value"]
    stated = frame[_is(frame, theme=theme, indicator=ind, period=period, kind="stated_total", status="value")]
    out = {"total": None, "total_key": "stated_total", "groups": [], "average": None, "average_value": math.nan,
           "average_fmt": None, "average_reason": "", "with_target": int(len(valued)), "units": int(len(rows))}
    if len(stated):
        out["total"] = str(stated.iloc[0]["label"])
    elif len(valued) and (unit is None or unit.summable):
        sign = _sign(set(valued["comparator"].astype(str)))
        if sign:
            out["total"] = value_label(float(valued["value"].sum()), None, sign, "g")
            out["total_key"] = "computed_total"
    labels = Counter(counties["label"].astype(str))
    if counties.empty:
        return out
    if len(labels) <= MAX_GROUPS and len(counties) > len(labels):
        out["groups"] = sorted(((n, lbl) for lbl, n in labels.items()), key=lambda x: -x[0])
    comparators = set(counties["comparator"].astype(str))
    # No mean of minutes or rates, of ranges (their low end is not the target) or of mixed forms (semantics.py).
    out["average_reason"] = semantics.no_aggregate(comparators, unit is None or unit.summable)
    if out["average_reason"]:
        return out
    mean = float(counties["value"].mean())
    fmt = ",.1f" if spec.format == "g" else spec.format  # a computed mean, not a gazette figure
    out.update(average=value_label(mean, None, semantics.aggregate_sign(comparators), fmt), average_value=mean, average_fmt=fmt)
    return out


@per_snapshot()
def cards(project: Project) -> list[dict]:
    """One card per theme: the whole-city figure named by the theme's `card:` (or its default indicator).

    Each card says whether its figure is a target or a completion, and cites its source. A theme with no
    whole-city figure for that indicator gets a card with no number (it still links to its page).
    """
    cfg, f = project.config, project.frame
    out = []
    for theme in cfg.themes:
        ind = theme.card.indicator if theme.card else (cfg.display.default_indicator.get(theme.id) or theme.indicators[0].id)
        city = city_by_period(f, cfg, theme.id, ind)
        if theme.card and theme.card.period:
            city = city[city["period"] == theme.card.period]
        targets = city[~city["completed"].astype(bool)] if "completed" in city else city
        pick = targets if len(targets) else city
        card = {"theme": theme.id, "indicator": ind, "unit": indicator(cfg, ind).unit, "label": None, "period": None,
                "completed": False, "computed": False, "row": None}
        if len(pick):
            r = pick.iloc[0]
            card.update(label=str(r["label"]), period=str(r["period"]), completed=bool(r.get("completed", False)), row=r)
        else:  # no whole-city figure stated: the sum of the county targets, said to be computed
            card.update(_computed(f, cfg, theme.id, ind, theme.card.period if theme.card else None))
        out.append(card)
    return out


def _computed(frame: pd.DataFrame, cfg: Config, theme: str, ind: str, period: str | None) -> dict:
    from targets.analysis.views import indicator_slice, period_options  # local: views imports nothing from here

    periods = period_options(frame, cfg, theme, ind)
    if period not in periods:
        period = periods[0] if periods else None
    if period is None:
        return {}
    rows = indicator_slice(frame, cfg, theme, ind, period)
    m = theme_metrics(frame, cfg, theme, ind, period, rows)
    if m["total"] is None:
        return {}
    first = rows[rows["status"] == "value"].iloc[0]
    return {"label": m["total"], "period": period, "computed": True, "row": first}


def groups_text(groups: list[tuple[int, str]], unit_word: str, county_word: str, sep: str, lang: str = "zh") -> str:
    """'9 县 ≥100 人 · 4 县 ≥50 人'; each group holds together (no-break spaces), so a narrow metric wraps
    between groups, never inside one. The labels as stored ('约5') read in `lang` ('≈5')."""
    return sep.join(f"{n} {county_word} {localize(lbl, lang)} {unit_word}".strip().replace(" ", "\u00a0") for n, lbl in groups)


def team_total(sized: pd.DataFrame) -> str:
    """The planner's members in total: the sum of the planned sizes. At the gazette's minimums (≥) the sum is
    itself a minimum ('≥1,100'); once a size is edited it is the planned number ('1,120')."""
    total = float(sized["size"].sum())
    at_minimum = bool((sized["size"] == sized["minimum"]).all()) and all(str(x).startswith("≥") for x in sized["minimum_label"])
    return value_label(total, None, "ge" if at_minimum else "eq", ",.0f")


def planner_figures(plan: pd.DataFrame, sized: pd.DataFrame) -> dict:
    """The planner's city figures: teams, members (with ≥ at the minimums), the minimums' sum, and the
    barracks and training areas with their unit (from the standard; the item ids are planner_views.headline's)."""
    from targets.analysis import planner_views  # local: the planner imports views, which import nothing from here

    head = planner_views.headline(plan)
    totals = planner_views.totals(plan).set_index("item_id")
    unit_of = totals["unit"].to_dict() if "unit" in totals else {}
    return {"teams": f"{head['teams']:,}", "people": team_total(sized),
            "minimum_total": number(float(sized["minimum"].sum()), ",.0f"),
            "barracks": head["barracks"], "barracks_unit": unit_of.get("barracks_area", ""),
            "training": head["training"], "training_unit": unit_of.get("training_ground", "")}


__all__ = ["cards", "theme_metrics", "groups_text", "team_total", "planner_figures", "number"]
