"""装备测算 Equipment planner: what the forest-fire standard asks of a team of a given size.

Pure functions, no Streamlit. Every quantity is derived from the data file's
`standards:` block (附件 森林草原消防队伍建设参考标准) and a team size:

- per team (no `per_persons`): qty × 1 team;
- per N persons: ⌈size ÷ N⌉ × qty, always rounded up (a 100-person team
  needs ⌈100 ÷ 3⌉ = 34 GPS locators, not 33.3);
- a minimum such as {at_least: 1000} stays a minimum ("≥") and keeps its sign
  in the city total;
- `qty: null` (其他装备 按需配置) is listed with its note and no number.

Team sizes default to each county's required minimum from the `pro_teams`
table. One professional team per county is assumed. Nothing here changes a
value of the gazette; the planner only multiplies and adds what it states.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from targets.frame.fmt import label as value_label
from targets.frame.build import standard_unit
from targets.frame.i18n import Labels
from targets.frame.project import Project
from targets.core.memo import per_snapshot
from targets.schema.lookups import city_name
from targets.schema.data import StandardItem

PROFESSIONAL, SEMI = "professional", "semi_professional"
BARRACKS = "barracks"

COLUMNS = [
    "county", "county_en", "order", "teams", "size", "minimum", "minimum_label", "minimum_cites",
    "group", "group_zh", "group_en", "item_id", "item_zh", "item_en", "unit",
    "quantity", "upper", "comparator", "status", "label", "basis_zh", "basis_en", "working", "note",
    "source", "source_title", "source_date", "source_ref", "is_total",
]


class PlannerError(ValueError):
    """A team size the planner cannot use. `reason` is missing | not_whole | not_positive | unknown_county."""

    def __init__(self, county: str, size: object, reason: str) -> None:
        self.county, self.size, self.reason = county, size, reason
        who = f" for {county}" if county else ""
        why = {
            "missing": "is empty; enter the number of people",
            "not_whole": "must be a whole number of people",
            "not_positive": "must be at least 1 person (0 or a negative size is not a team)",
            "unknown_county": "names a county that has no professional-team requirement in the pro_teams table",
        }[reason]
        super().__init__(f"team size{who} {why}; got {size!r}")


def check_size(size: object, county: str = "") -> int:
    """A team size as a positive whole number of people, or PlannerError saying what is wrong."""
    if size is None or size is pd.NA or isinstance(size, bool):
        raise PlannerError(county, size, "missing" if not isinstance(size, bool) else "not_whole")
    if isinstance(size, str):
        raise PlannerError(county, size, "not_whole")
    try:
        value = float(size)  # numpy and pandas integers and floats
    except (TypeError, ValueError):
        raise PlannerError(county, size, "not_whole") from None
    if math.isnan(value):
        raise PlannerError(county, size, "missing")
    if not math.isfinite(value) or value != int(value):
        raise PlannerError(county, size, "not_whole")
    if value < 1:
        raise PlannerError(county, size, "not_positive")
    return int(value)


def units_needed(size: int, per_persons: int | None) -> int:
    """How many times an item's quantity applies: 1 per team, or ⌈size ÷ N⌉ (integer arithmetic, always up)."""
    if per_persons is None:
        return 1
    return -(-size // per_persons)


# ---- the standard ---------------------------------------------------------------------------------


def theme(project: Project) -> str:
    """The planner's theme (config.yaml planner.theme); validation guarantees it has `standards:`."""
    return project.config.planner.theme


def _standards(project: Project):
    data = project.data.get(theme(project))
    if data is None or data.standards is None:
        raise LookupError(f"the '{theme(project)}' data file has no standards: block; the planner has nothing to compute")
    return data


def groups(project: Project, team: str) -> list[tuple[str, str, str, list[StandardItem]]]:
    """(group id, zh, en, items) that apply to one team: barracks only for professional teams.

    The standard's own note says 半专业森林草原消防队伍可根据实际情况提供营房, so semi-professional
    teams get no barracks figures.
    """
    std = _standards(project).standards
    out = []
    if team == PROFESSIONAL and std.barracks:
        out.append((BARRACKS, "营房", "Barracks", list(std.barracks)))
    for g in std.equipment:
        if g.team == team:
            out.append((team, g.zh, g.en, list(g.items)))
    if not out:
        raise LookupError(f"the standard has no items for team '{team}'")
    return out


def notes(project: Project, team: str) -> list[str]:
    """The standard's notes that apply to a team (as written in the data file)."""
    std = _standards(project).standards
    out = [g.note for g in std.equipment if g.team == team and g.note]
    if team == PROFESSIONAL:
        out += list(std.barracks_notes)
    else:
        out += [n for n in std.barracks_notes if "半专业" in n]
    return out


def _basis_en(item: StandardItem, qty: str) -> str:
    if item.per_persons is None:
        return f"{qty} per team"
    return f"{qty} per person" if item.per_persons == 1 else f"{qty} per {item.per_persons} people"


def item_row(item: StandardItem, size: int) -> dict:
    """One standard item for one team of `size` people."""
    cell = item.qty
    if cell is None or cell.status != "value":
        return {"unit": item.unit, "quantity": np.nan, "upper": np.nan, "comparator": "", "status": "as_needed",
                "label": item.note or "", "basis_zh": item.note or "", "basis_en": item.note or "",
                "working": "", "note": item.note or ""}
    n = units_needed(size, item.per_persons)
    qty = value_label(cell.value, cell.upper, cell.comparator)
    quantity = n * cell.value
    upper = n * cell.upper if cell.upper is not None else np.nan
    shown = value_label(quantity, upper, cell.comparator)
    if item.per_persons is None:
        working = shown
    elif item.per_persons == 1:
        working = f"{size} × {qty} = {shown}"
    else:
        working = f"⌈{size} ÷ {item.per_persons}⌉ × {qty} = {shown}"
    return {"unit": item.unit, "quantity": quantity, "upper": upper, "comparator": cell.comparator, "status": "value",
            "label": shown, "basis_zh": f"{qty} {standard_unit(item)}", "basis_en": _basis_en(item, qty),
            "working": working, "note": item.note or ""}


def team_standard(project: Project, team: str, size: object, *, county: str = "") -> pd.DataFrame:
    """Every item the standard asks of ONE team of `size` people (team: professional | semi_professional)."""
    size = check_size(size, county)
    data = _standards(project)
    ref = data.standards.ref
    rows = []
    for gid, gzh, gen, items in groups(project, team):
        for item in items:
            rows.append({"group": gid, "group_zh": gzh, "group_en": gen, "item_id": item.id, "item_zh": item.zh,
                         "item_en": item.en, **item_row(item, size), "size": size, "teams": 1,
                         "source": data.source.doc_number, "source_title": data.source.title,
                         "source_date": data.source.issued,
                         "source_ref": ref if gid == BARRACKS else f"{ref} · {gzh}"})
    return pd.DataFrame(rows)


@per_snapshot()
def semi_professional(project: Project, size: object) -> pd.DataFrame:
    """One township (semi-professional) team of `size` people: the 半专业及群众队伍 items."""
    out = team_standard(project, SEMI, size)
    return out.assign(county="", is_total=False, county_en="", order=0, minimum=np.nan, minimum_label="", minimum_cites="")[COLUMNS]


# ---- team sizes -------------------------------------------------------------------------------------


@per_snapshot()
def required_sizes(project: Project) -> pd.DataFrame:
    """Each county's required minimum professional-team size from the gazette, in config order.

    Columns: county, county_en, order, minimum, comparator, minimum_label, minimum_cites.
    """
    f = project.frame
    spec = project.config.planner
    rows = f[(f["theme"] == spec.theme) & (f["indicator"] == spec.team_size) & (f["kind"] == "county") & (f["status"] == "value")]
    meta = {c.name: (c.en, c.order) for c in project.config.counties}
    out = pd.DataFrame({
        "county": rows["county"].astype(str),
        "minimum": rows["value"].astype(float),
        "comparator": rows["comparator"].astype(str),
        "minimum_label": rows["label"].astype(str),
        "minimum_cites": rows["source"].astype(str) + " " + rows["source_ref"].astype(str),
    })
    out["county_en"] = out["county"].map(lambda c: meta[c][0])
    out["order"] = out["county"].map(lambda c: meta[c][1])
    cols = ["county", "county_en", "order", "minimum", "comparator", "minimum_label", "minimum_cites"]
    return out.sort_values("order")[cols].reset_index(drop=True)


@per_snapshot()
def township_minimum(project: Project) -> dict | None:
    """The text's minimum size of a township semi-professional team (建立 20 人以上…), with its source."""
    f = project.frame
    spec = project.config.planner
    if spec.township_size is None:
        return None
    rows = f[(f["theme"] == spec.theme) & (f["indicator"] == spec.township_size) & (f["kind"] == "text") & (f["status"] == "value")]
    if rows.empty:
        return None
    r = rows.iloc[0]
    return {"minimum": float(r["value"]), "label": str(r["label"]), "cites": f"{r['source']} {r['source_ref']}",
            "quote": str(r["quote"]), "scope": str(r["scope"])}


@per_snapshot()
def default_sizes(project: Project) -> dict[str, int]:
    """Each county's required minimum as a whole number of people (rounded up if the gazette had a fraction)."""
    req = required_sizes(project)
    return {c: int(math.ceil(m)) for c, m in zip(req["county"], req["minimum"])}


@per_snapshot()
def size_table(project: Project, lab: Labels) -> pd.DataFrame:
    """The editable table of team sizes: county id, display name, the required minimum (with unit), size."""
    req = required_sizes(project)
    people = lab.unit("人")
    return pd.DataFrame({
        "county": req["county"],
        "name": req["county"].map(lambda c: lab.counties.get(c, c)),
        "minimum": [f"{lbl} {people}" for lbl in req["minimum_label"]],
        "size": [int(math.ceil(m)) for m in req["minimum"]],
        "source": req["minimum_cites"],
    })


def sizes_from_table(table: pd.DataFrame) -> dict[str, object]:
    """The sizes as the user left them in the editor (unchecked: `plan` checks them)."""
    return {str(c): (None if pd.isna(s) else s) for c, s in zip(table["county"], table["size"])}


@per_snapshot()
def shortfalls(project: Project, sizes: Mapping[str, object]) -> pd.DataFrame:
    """Counties whose size is below the gazette's minimum: county, size, minimum, minimum_label, minimum_cites."""
    req = required_sizes(project)
    rows = []
    for r in req.itertuples(index=False):
        size = sizes.get(r.county)
        try:
            size = check_size(size, r.county)
        except PlannerError:
            continue  # reported by plan() with its own message
        if r.comparator in ("ge", "eq", "range", "approx") and size < r.minimum:
            rows.append({"county": r.county, "size": size, "minimum": r.minimum, "minimum_label": r.minimum_label,
                         "minimum_cites": r.minimum_cites})
    return pd.DataFrame(rows, columns=["county", "size", "minimum", "minimum_label", "minimum_cites"])


# ---- the plan -----------------------------------------------------------------------------------------


@per_snapshot()
def plan(project: Project, sizes: Mapping[str, object] | None = None) -> pd.DataFrame:
    """The professional-team standard per county (one team each) and the city total, as a tidy frame.

    `sizes` maps county -> people; counties left out keep their required minimum. Raises
    PlannerError (naming the county) for an empty, fractional, zero or negative size.
    """
    req = required_sizes(project)
    known = set(req["county"])
    sizes = dict(sizes or {})
    for c in sizes:
        if c not in known:
            raise PlannerError(c, sizes[c], "unknown_county")
    defaults = default_sizes(project)
    parts = []
    for r in req.itertuples(index=False):
        size = check_size(sizes.get(r.county, defaults[r.county]), r.county)
        part = team_standard(project, PROFESSIONAL, size, county=r.county)
        parts.append(part.assign(county=r.county, is_total=False, county_en=r.county_en, order=r.order, minimum=r.minimum,
                                 minimum_label=r.minimum_label, minimum_cites=r.minimum_cites))
    counties = pd.concat(parts, ignore_index=True)
    return pd.concat([counties, city_total(project, counties)], ignore_index=True)[COLUMNS]


def city_total(project: Project, counties: pd.DataFrame) -> pd.DataFrame:
    """Sum each item over the counties; a minimum stays a minimum (≥), a note-only item stays a note."""
    city = city_name(project.config)
    en = next(c.en for c in project.config.counties if c.name == city)
    order = max((c.order for c in project.config.counties), default=0) + 1
    n = counties["county"].nunique()
    size = int(counties.drop_duplicates("county")["size"].sum())
    req = required_sizes(project)
    minimum = float(req["minimum"].sum())
    comps = set(req["comparator"])
    # A sum of minimums is a minimum; a sum of exact sizes is exact.
    min_label = value_label(minimum, None, "ge" if comps == {"ge"} or comps == {"ge", "eq"} else "eq")
    min_cites = "；".join(dict.fromkeys(req["minimum_cites"]))
    rows = []
    for item_id, part in counties.groupby("item_id", sort=False):
        first = part.iloc[0].to_dict()
        if first["status"] != "value":
            quantity, upper, shown = np.nan, np.nan, first["label"]
        else:
            quantity = float(part["quantity"].sum())
            upper = float(part["upper"].sum()) if part["upper"].notna().all() else np.nan
            shown = value_label(quantity, upper, first["comparator"])
        rows.append({**first, "county": city, "is_total": True, "county_en": en, "order": order, "teams": n, "size": size,
                     "minimum": minimum, "minimum_label": min_label,
                     "minimum_cites": min_cites, "quantity": quantity, "upper": upper, "label": shown,
                     "working": ""})
    return pd.DataFrame(rows)
