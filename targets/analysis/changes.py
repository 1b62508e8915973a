"""What a new snapshot changed against the previous good one: rows added, removed and changed, per data file.

A save that lost rows (a half-written file that happened to validate, a
deleted block) then shows at a glance on the data-quality page instead of
passing as "the data". Only files whose bytes differ are compared (all of
them when config.yaml changed, since it can rename or drop themes).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from targets.frame.project import Project
from targets.core.quote import shown

_KEY = ["kind", "item_id", "indicator", "county", "period"]
_VALUE = ["status", "comparator", "value", "upper", "unit"]


class Row(NamedTuple):
    """Which value a row of the tidy frame holds: unique within a file (refs refuses a value given twice)."""

    kind: str  # county, stated_total, text or standard
    item_id: str  # the table, figure or standard item it comes from
    indicator: str
    county: str
    period: str


@dataclass(frozen=True)
class FileChange:
    """One data file's rows added, removed and changed (same row, another value) since the previous snapshot."""

    file: str  # as shown to the analyst, e.g. data/grain.yaml
    theme: str
    added: tuple[Row, ...] = ()
    removed: tuple[Row, ...] = ()
    changed: tuple[Row, ...] = ()

    @property
    def lost_rows(self) -> bool:
        return bool(self.removed)


def diff(old: Project | None, new: Project) -> tuple[FileChange, ...]:
    """Per data file, in config order, the rows `new` adds, removes or changes against `old` (none when old is None).

    Files whose rows are all the same are left out, so an empty result means no value changed.
    """
    if old is None:
        return ()
    config_changed = old.files.get(shown(old.config_path)) != new.files.get(shown(new.config_path))
    old_files = {t.id: shown(old.config_path.parent / t.file) for t in old.config.themes}
    new_files = {t.id: shown(new.config_path.parent / t.file) for t in new.config.themes}
    themes = list(new_files) + [t for t in old_files if t not in new_files]
    out = []
    for theme in themes:
        file = new_files.get(theme) or old_files[theme]
        if not config_changed and theme in old_files and old.files.get(file) == new.files.get(file):
            continue  # same bytes, same config: same rows
        before = _rows(old.frame, theme) if theme in old_files else {}
        after = _rows(new.frame, theme) if theme in new_files else {}
        change = FileChange(
            file=file, theme=theme,
            added=tuple(sorted(k for k in after if k not in before)),
            removed=tuple(sorted(k for k in before if k not in after)),
            changed=tuple(sorted(k for k in after if k in before and after[k] != before[k])))
        if change.added or change.removed or change.changed:
            out.append(change)
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
