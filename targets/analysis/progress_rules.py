"""The statuses, their thresholds and how the first that applies is chosen; the export's columns. Shared by the
county engine (progress.py) and the city roll-up (progress_city.py)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from targets.analysis import progress_layout as layout

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


def _take(values: np.ndarray, at: np.ndarray, fill) -> np.ndarray:
    """values[at], `fill` where at is -1 (or values is empty)."""
    if not len(values):
        return np.full(len(at), fill, dtype=np.asarray(fill).dtype if not isinstance(fill, float) else float)
    return np.where(at >= 0, values[np.maximum(at, 0)], fill)


_STATUS_NAMES = np.array(STATUSES, dtype=object)
_REASONS = np.array(["met", "no_target", "past_due", "no_report", "stale", "not_started", "no_baseline", "no_pace",
                     "pace"], dtype=object)


def _decide(*, met, no_target, past_due, started, has, stale, cannot, level_blind, ratio, rules: Rules):
    """The first status that applies (STATUSES' order), and why: as codes, then their names (no string per row)."""
    s = {name: i for i, name in enumerate(STATUSES)}
    conditions = [met, no_target, past_due & ~met, started & ~has, stale, cannot,
                  ratio >= rules.on_track, ratio >= rules.at_risk]
    status = np.select(conditions, [s["done"], s["unassessable"], s["overdue"], s["not_reported"], s["stale"],
                                    s["unassessable"], s["on_track"], s["at_risk"]], s["behind"])
    reason = np.select([met, no_target, past_due & ~met, started & ~has, stale, ~started, level_blind, cannot],
                       list(range(8)), 8)
    return layout.Coded(status, _STATUS_NAMES), layout.Coded(reason, _REASONS)


def _iso_dates(values) -> layout.Coded:
    """Dates (datetime-like, NaT for none) as YYYY-MM-DD strings, "" for none."""
    return layout.iso(layout.as_float(layout.days(values)))
