"""The one tidy frame: a row per (theme, indicator, county, period, kind).

`kind` says where a row comes from: `county` (a county's cell in a table),
`stated_total` (a table's total row, kept as the gazette states it), `text`
(a figure stated in the document's text) or `standard` (an item of the
forest-fire equipment standard). Values are never recomputed here.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from targets.frame.fmt import cell_label
from targets.schema.lookups import city_name, county_lookup
from targets.schema.cells import Cell
from targets.schema.config import Config
from targets.schema.data import DataFile, Source, StandardItem


def source_fields(src: Source) -> dict[str, str]:
    """A row's provenance: the document, or the analyst's entry (who, when, note)."""
    if src.is_document:
        return {"source": src.doc_number, "source_title": src.title, "source_date": src.issued, "source_kind": "document"}
    return {"source": src.entered_by, "source_title": src.note or "", "source_date": src.entered_on, "source_kind": "analyst"}

# The export contract's columns first, then the provenance and meaning of each value.
COLUMNS = [
    "theme", "indicator", "county", "period", "value", "unit", "source",
    "upper", "comparator", "status", "label", "kind",
    "indicator_zh", "indicator_en", "county_en", "gazette_label",
    "source_title", "source_date", "source_ref", "quote", "scope", "item_id", "source_kind", "completed",
]
CATEGORICAL = ["theme", "indicator", "county", "period", "unit", "source", "comparator", "status", "kind",
               "indicator_zh", "indicator_en", "county_en", "source_title", "source_date", "source_ref", "source_kind"]


def build(cfg: Config, data: dict[str, DataFile]) -> pd.DataFrame:
    rows: list[dict] = []
    parts: list[pd.DataFrame] = []
    lookup = county_lookup(cfg)
    city = city_name(cfg)
    county_en = {c.name: c.en for c in cfg.counties}
    indicators = {x.id: x for t in cfg.themes for x in t.indicators}
    for theme in cfg.themes:
        d = data.get(theme.id)
        if d is None:
            continue
        src = {"theme": theme.id, **source_fields(d.source)}

        def row(indicator: str, county: str, period: str, cell: Cell, kind: str, ref: str, *, source: dict,
                gazette_label: str, quote: str = "", scope: str = "", item_id: str = "", completed: bool = False) -> dict:
            ind = indicators[indicator]
            return {**source, "completed": completed, "indicator": indicator, "county": county, "period": period,
                    "value": np.nan if cell.value is None else cell.value,
                    "upper": np.nan if cell.upper is None else cell.upper,
                    "comparator": cell.comparator, "status": cell.status, "unit": ind.unit,
                    "label": cell_label(cell),  # the gazette's digits, not the display format
                    "kind": kind, "indicator_zh": ind.zh, "indicator_en": ind.en,
                    "county_en": county_en[county], "gazette_label": gazette_label,
                    "source_ref": ref, "quote": quote, "scope": scope, "item_id": item_id}

        for table in d.tables:
            tsrc = {"theme": theme.id, **source_fields(table.source)} if table.source else src
            parts.append(pd.DataFrame(rows, columns=COLUMNS))
            rows = []
            parts.append(_county_block(tsrc, table, lookup, county_en, indicators))
            if table.stated_total is not None:
                for col, cell in zip(table.columns, table.stated_total.values):
                    rows.append(row(col.indicator, city, col.period, cell, "stated_total",
                                    f"{table.ref} · {col.header} · {table.stated_total.label}", source=tsrc,
                                    gazette_label=table.stated_total.label, item_id=table.id))
        for fig in d.figures:
            fsrc = {"theme": theme.id, **source_fields(fig.source)} if fig.source else src
            county = lookup[fig.county] if fig.county else city
            rows.append(row(fig.indicator, county, fig.period, fig.value, "text", fig.ref, source=fsrc,
                            gazette_label=fig.county or city, quote=fig.quote, scope=fig.scope or "", item_id=fig.id,
                            completed=fig.completed))
        if d.standards is not None:
            rows.extend(_standard_rows(src, d, county_en, city))

    parts.append(pd.DataFrame(rows, columns=COLUMNS))
    frame = pd.concat([p for p in parts if len(p)], ignore_index=True)[COLUMNS]
    frame["value"] = frame["value"].astype("float64")
    frame["upper"] = frame["upper"].astype("float64")
    frame["completed"] = frame["completed"].astype(bool)
    for c in CATEGORICAL:
        frame[c] = frame[c].astype("category")
    return frame


def _county_block(src: dict, table, lookup: dict[str, str], county_en: dict[str, str], indicators: dict) -> pd.DataFrame:
    """A table's county cells, column by column: a national table has ~850k of them."""
    names = list(table.rows)
    n_cols = len(table.columns)
    cells = [cell for name in names for cell in table.rows[name]]
    official = [lookup[n] for n in names]
    inds = [indicators[c.indicator] for c in table.columns]

    def tile(values: list) -> list:
        return values * len(names)

    def repeat(values: list) -> np.ndarray:
        return np.repeat(np.array(values, dtype=object), n_cols)

    return pd.DataFrame({
        **src,
        "indicator": tile([c.indicator for c in table.columns]),
        "county": repeat(official),
        "period": tile([c.period for c in table.columns]),
        "value": [np.nan if c.value is None else c.value for c in cells],
        "upper": [np.nan if c.upper is None else c.upper for c in cells],
        "comparator": [c.comparator for c in cells],
        "status": [c.status for c in cells],
        "unit": tile([i.unit for i in inds]),
        "label": _labels(cells),  # the gazette's digits, not the display format
        "kind": "county",
        "indicator_zh": tile([i.zh for i in inds]),
        "indicator_en": tile([i.en for i in inds]),
        "county_en": repeat([county_en[o] for o in official]),
        "gazette_label": repeat(names),
        "source_ref": tile([f"{table.ref} · {c.header}" for c in table.columns]),
        "quote": "", "scope": "", "item_id": table.id, "completed": False,
    }, columns=COLUMNS)


def _labels(cells: list[Cell]) -> list[str]:
    """cell_label of each cell, formatting each distinct cell once: national tables repeat values a lot."""
    memo: dict[tuple, str] = {}
    out = []
    for c in cells:
        # Keyed with the sign of zero, since 0.0 == -0.0 would otherwise share a label.
        key = (c.value, c.upper, c.comparator, c.status, c.value is not None and math.copysign(1, c.value))
        text = memo.get(key)
        if text is None:
            text = memo[key] = cell_label(c)
        out.append(text)
    return out


def _standard_rows(src: dict, d: DataFile, county_en: dict[str, str], city: str) -> list[dict]:
    """The equipment standard as rows: indicator `std.<team>.<item>`, unit per team or per N people."""
    std = d.standards
    out = []
    groups = [("barracks", "营房标准", "Barracks", std.barracks)] + [
        (g.team, g.zh, g.en, g.items) for g in std.equipment]
    for team, team_zh, team_en, items in groups:
        for item in items:
            cell = item.qty or Cell(status="blank")
            out.append({**src, "completed": False, "indicator": f"std.{team}.{item.id}", "county": city, "period": "overall",
                        "value": np.nan if cell.value is None else cell.value,
                        "upper": np.nan if cell.upper is None else cell.upper,
                        "comparator": cell.comparator, "status": cell.status, "unit": standard_unit(item),
                        "label": item.note if item.qty is None and item.note else cell_label(cell, "g"),
                        "kind": "standard", "indicator_zh": f"{team_zh}·{item.zh}",
                        "indicator_en": f"{team_en}: {item.en}", "county_en": county_en[city],
                        "gazette_label": item.zh, "source_ref": std.ref, "quote": item.note or "", "scope": "",
                        "item_id": item.id})
    return out


def standard_unit(item: StandardItem) -> str:
    if item.per_persons is None:
        return f"{item.unit}/队"
    return f"{item.unit}/人" if item.per_persons == 1 else f"{item.unit}/{item.per_persons}人"
