"""Views of a plan (targets/analysis/planner.py): the item × county matrix, the rows a chart draws, labels,
totals and the headline figures; pure pandas, computed once per plan."""

from __future__ import annotations

import pandas as pd

from targets.analysis.planner import PROFESSIONAL, groups, plan
from targets.core.memo import per_snapshot
from targets.frame.fmt import number
from targets.frame.i18n import Labels
from targets.frame.project import Project


@per_snapshot()
def matrix(plan_: pd.DataFrame, lab: Labels, *, item: str, unit: str, basis: str) -> pd.DataFrame:
    """Items as rows; the city total, then each county, as columns; cells keep their sign ('≥1,000') or note.

    The total comes first so it is on screen without scrolling across thirteen counties.
    """
    zh = lab.lang == "zh"
    counties = matrix_counties(plan_)
    first = plan_.drop_duplicates("item_id")
    out = pd.DataFrame({
        item: first["item_zh" if zh else "item_en"].to_numpy(),
        unit: first["unit"].map(lab.unit).to_numpy(),
        basis: first["basis_zh" if zh else "basis_en"].to_numpy(),
    })
    for c in counties:
        part = plan_[plan_["county"] == c].set_index("item_id").reindex(first["item_id"])
        out[lab.counties.get(c, c)] = part["label"].to_numpy()
    return out


def matrix_counties(plan_: pd.DataFrame) -> list[str]:
    """The matrix's county columns: the city total first, then the counties in order."""
    counties = list(dict.fromkeys(plan_.sort_values("order", kind="stable")["county"]))
    total = set(plan_[plan_["is_total"]]["county"])
    return [c for c in counties if c in total] + [c for c in counties if c not in total]


@per_snapshot()
def chart_rows(plan_: pd.DataFrame, items: list[str], *, with_total: bool = False) -> pd.DataFrame:
    """The rows a chart shows: the picked items (in the picked order) per county, without the city total."""
    rows = plan_[plan_["item_id"].isin(items) & (plan_["status"] == "value")]
    if not with_total:
        rows = rows[~rows["is_total"]]
    order = {i: n for n, i in enumerate(items)}
    return rows.assign(_i=rows["item_id"].map(order)).sort_values(["_i", "order"]).drop(columns="_i").reset_index(drop=True)


@per_snapshot()
def item_labels(plan_: pd.DataFrame, lab: Labels) -> dict[str, str]:
    """Item id -> name with its unit, for legends and pickers: 对讲机（部） / Two-way radio (sets)."""
    first = plan_.drop_duplicates("item_id")
    zh = lab.lang == "zh"
    return {i: (f"{n}（{lab.unit(u)}）" if zh else f"{n} ({lab.unit(u)})")
            for i, n, u in zip(first["item_id"], first["item_zh" if zh else "item_en"], first["unit"])}


@per_snapshot()
def item_options(plan_: pd.DataFrame) -> list[str]:
    """Items that have a number (note-only items cannot be charted), in the standard's order."""
    return list(dict.fromkeys(plan_[plan_["status"] == "value"]["item_id"]))


@per_snapshot()
def sizes_frame(plan_: pd.DataFrame) -> pd.DataFrame:
    """One row per county (no city total): county, size, minimum, minimum_label, minimum_cites, in order."""
    rows = plan_[~plan_["is_total"]].drop_duplicates("county").sort_values("order", kind="stable")
    return rows[["county", "size", "minimum", "minimum_label", "minimum_cites"]].reset_index(drop=True)


@per_snapshot()
def default_chart_items(project: Project, limit: int = 6) -> list[str]:
    """The chart's first items: professional items counted per N ≥ 2 people (they change most with size)."""
    items = [i for _, _, _, its in groups(project, PROFESSIONAL) for i in its]
    picked = [i.id for i in items if i.per_persons is not None and i.per_persons >= 2 and i.qty is not None]
    return picked[:limit]


@per_snapshot()
def minimum_cites(plan_: pd.DataFrame) -> str:
    """Where the gazette sets the minimum sizes (each place once)."""
    return "；".join(dict.fromkeys(sizes_frame(plan_)["minimum_cites"]))


def totals(plan_: pd.DataFrame) -> pd.DataFrame:
    """The city-total rows only."""
    return plan_[plan_["is_total"]].reset_index(drop=True)


@per_snapshot()
def headline(plan_: pd.DataFrame) -> dict:
    """Teams, people and barracks area for the city (the three figures shown as metrics)."""
    tot = totals(plan_)
    if tot.empty:
        return {"teams": 0, "people": 0, "barracks": "", "training": ""}
    r = tot.iloc[0]
    by_id = tot.set_index("item_id")["label"]
    return {"teams": int(r["teams"]), "people": int(r["size"]), "barracks": by_id.get("barracks_area", ""),
            "training": by_id.get("training_ground", "")}


@per_snapshot()
def semi_table(rows: pd.DataFrame, lab: Labels, *, item: str, unit: str, basis: str, quantity: str,
               working: str) -> pd.DataFrame:
    """One team's items as a readable table (the township calculator)."""
    zh = lab.lang == "zh"
    return pd.DataFrame({
        item: rows["item_zh" if zh else "item_en"].to_numpy(),
        quantity: rows["label"].to_numpy(),
        unit: rows["unit"].map(lab.unit).to_numpy(),
        basis: rows["basis_zh" if zh else "basis_en"].to_numpy(),
        working: rows["working"].to_numpy(),
    })


__all__ = ["PlannerError", "check_size", "units_needed", "plan", "team_standard", "semi_professional",
           "required_sizes", "default_sizes", "size_table", "sizes_from_table", "shortfalls", "matrix",
           "chart_rows", "default_chart_items", "item_labels", "item_options", "minimum_cites", "sizes_frame",
           "totals", "headline", "township_minimum", "notes", "number"]
