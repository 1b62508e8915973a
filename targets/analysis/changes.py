"""What a new snapshot changed against the previous good one: rows added, removed and changed, per data file.

A save that lost rows (a half-written file that happened to validate, a
deleted block) then shows at a glance on the data-quality page instead of
passing as "the data". Only files whose bytes differ are compared (all of
them when config.yaml changed, since it can rename or drop themes). Each
changed row keeps its value before and after and the line it is written on
now, so the page can say which value changed and where (change_list.py).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

import pandas as pd

from targets.core.quote import shown
from targets.frame.project import Project
from targets.inputs.bounded_read import FileRead
from targets.inputs.yamlsafe import read_yaml
from targets.schema.lookups import county_lookup

_KEY = ["kind", "item_id", "indicator", "county", "period"]
_VALUE = ["status", "comparator", "value", "upper", "unit"]
# Values and lines are kept for this many rows of one update (counts stay exact): a config edit can touch every
# row of a national project (850k), and the page shows a few dozen anyway.
MAX_DETAILS = 10_000
WHATS = ("changed", "added", "removed")  # Detail.what, in the order a file's details are listed


class Row(NamedTuple):
    """Which value a row of the tidy frame holds: unique within a file (refs refuses a value given twice)."""

    kind: str  # county, stated_total, text or standard
    item_id: str  # the table, figure or standard item it comes from
    indicator: str
    county: str
    period: str


class Detail(NamedTuple):
    """One row's change: what it stated before and after, as (status, comparator, value, upper, unit) tuples."""

    row: Row
    what: str  # added, removed or changed
    old: tuple  # () when added
    new: tuple  # () when removed
    line: int | None  # where the row is written in the new file (None: removed, or not found)


@dataclass(frozen=True)
class FileChange:
    """One data file's rows added, removed and changed (same row, another value) since the previous snapshot."""

    file: str  # as shown to the analyst, e.g. data/grain.yaml
    theme: str
    added: tuple[Row, ...] = ()
    removed: tuple[Row, ...] = ()
    changed: tuple[Row, ...] = ()
    # The same rows with their values and lines (changed first, then added, removed; at most MAX_DETAILS in all
    # the update's files). Left out of ==: the rows above say what changed, these only say it in full.
    details: tuple[Detail, ...] = field(default=(), compare=False, repr=False)

    @property
    def lost_rows(self) -> bool:
        return bool(self.removed)


@dataclass(frozen=True)
class Update:
    """One new snapshot the running app published: when, which one it replaced, and what it changed."""

    loaded_at: datetime
    previous_loaded_at: datetime
    changes: tuple[FileChange, ...] = ()


def diff(old: Project | None, new: Project, sources: Mapping[str, FileRead] | None = None) -> tuple[FileChange, ...]:
    """Per data file, in config order, the rows `new` adds, removes or changes against `old` (none when old is None).

    Files whose rows are all the same are left out, so an empty result means no value changed. `sources`: the
    bytes `new` was loaded from, by shown path (the store's reads), to give each row its line; without them
    the files on disk are read.
    """
    if old is None:
        return ()
    config_changed = old.files.get(shown(old.config_path)) != new.files.get(shown(new.config_path))
    old_files = {t.id: shown(old.config_path.parent / t.file) for t in old.config.themes}
    new_files = {t.id: shown(new.config_path.parent / t.file) for t in new.config.themes}
    themes = list(new_files) + [t for t in old_files if t not in new_files]
    out, budget = [], MAX_DETAILS
    for theme in themes:
        file = new_files.get(theme) or old_files[theme]
        if not config_changed and theme in old_files and old.files.get(file) == new.files.get(file):
            continue  # same bytes, same config: same rows
        before = _rows(old.frame, theme) if theme in old_files else {}
        after = _rows(new.frame, theme) if theme in new_files else {}
        added = tuple(sorted(k for k in after if k not in before))
        removed = tuple(sorted(k for k in before if k not in after))
        changed = tuple(sorted(k for k in after if k in before and after[k] != before[k]))
        if not (added or removed or changed):
            continue
        keep = [(k, "changed") for k in changed] + [(k, "added") for k in added] + [(k, "removed") for k in removed]
        keep = keep[:budget]
        budget -= len(keep)
        lines = _lines(new, theme, file, [k for k, what in keep if what != "removed"], sources) if theme in new_files else {}
        details = tuple(Detail(k, what, before.get(k, ()), after.get(k, ()), lines.get(k)) for k, what in keep)
        out.append(FileChange(file=file, theme=theme, added=added, removed=removed, changed=changed, details=details))
    return tuple(out)


def _rows(frame: pd.DataFrame, theme: str) -> dict[Row, tuple]:
    """The theme's rows as {Row: what it states}; several rows under one key (not expected) are kept together."""
    part = frame[frame["theme"] == theme]
    keys = zip(*(part[c].astype(str).tolist() for c in _KEY))
    values = zip(*(part[c].tolist() for c in _VALUE))
    out: dict[Row, list] = defaultdict(list)
    for key, value in zip(keys, values):
        out[Row(*key)].append(tuple(None if isinstance(v, float) and math.isnan(v) else v for v in value))
    return {k: tuple(sorted(v, key=repr)) for k, v in out.items()}


def _lines(project: Project, theme: str, file: str, rows: list[Row], sources: Mapping[str, FileRead] | None) -> dict[Row, int]:
    """The line each row's value is written on in `file` (parsed once more, only for an update that changed it)."""
    if not rows:
        return {}
    spec = next(t for t in project.config.themes if t.id == theme)
    path = project.config_path.parent / spec.file
    source = (sources or {}).get(file)
    parsed, _ = read_yaml(path, file, source=source, inside=project.config_path.parent)
    if parsed is None or not isinstance(parsed.data, dict):
        return {}
    names = county_lookup(project.config)
    out = {}
    for row in rows:
        where = _path(parsed.data, row, names)
        if where is not None:
            out[row] = parsed.locate(where)[0]
    return out


def _path(data: dict, row: Row, names: dict[str, str]) -> tuple | None:
    """The key path of a row's value in a data file's plain data, or None when it cannot be told."""
    if row.kind in ("county", "stated_total"):
        for i, table in enumerate(data.get("tables") or []):
            if not isinstance(table, dict) or str(table.get("id")) != row.item_id:
                continue
            cols = [j for j, c in enumerate(table.get("columns") or [])
                    if isinstance(c, dict) and str(c.get("indicator")) == row.indicator and str(c.get("period")) == row.period]
            if not cols:
                return ("tables", i)
            if row.kind == "stated_total":
                return ("tables", i, "stated_total", "values", cols[0])
            key = next((k for k in (table.get("rows") or {}) if names.get(str(k), str(k)) == row.county), None)
            return ("tables", i, "rows", key, cols[0]) if key is not None else ("tables", i, "rows")
        return None
    if row.kind == "text":
        i = next((i for i, f in enumerate(data.get("figures") or []) if isinstance(f, dict) and str(f.get("id")) == row.item_id), None)
        return None if i is None else ("figures", i, "value")
    return _find_id(data.get("standards"), row.item_id, ("standards",))


def _find_id(node, item_id: str, at: tuple) -> tuple | None:
    """The path of the mapping with `id: item_id` under node (a standard item sits at any depth of standards:)."""
    if isinstance(node, dict):
        if str(node.get("id")) == item_id:
            return at
        items = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return None
    for k, v in items:
        hit = _find_id(v, item_id, at + (k,))
        if hit is not None:
            return hit
    return None
