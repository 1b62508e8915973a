"""The status engine's inputs laid out once as arrays, so that judging at a new as-of date is a few binary searches
and array sums, not a sort, merge or groupby of the reports (a national project has a million reported values).

`prepare` matches every report and revision to the row of its target (by the four key columns) and sorts the
reports by (row, date): the latest report of a row on or before a date is then one `searchsorted`. It also numbers
each row's (theme, indicator, period) group for the city roll-up. Dates are whole days (int64 since the epoch,
NaN-able float where arithmetic needs them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

KEY = ["theme", "indicator", "period", "county"]
GROUP = ["theme", "indicator", "period"]
NAT = np.iinfo(np.int64).min  # how datetime64[D] spells NaT as an integer


def days(values) -> np.ndarray:
    """Dates (strings, Timestamps, datetime64, None) as int64 days since the epoch, NAT for none."""
    if values is None or not len(values):
        return np.zeros(0, dtype=np.int64)
    return pd.to_datetime(pd.Series(values).to_numpy()).to_numpy().astype("datetime64[D]").astype(np.int64)


def day(value) -> int:
    return int(np.datetime64(pd.Timestamp(value).date(), "D").astype(np.int64))


def as_float(d: np.ndarray) -> np.ndarray:
    """Days as floats, NaN for none: arithmetic and comparisons on them treat a missing date as unknown."""
    return np.where(d == NAT, np.nan, d.astype(float))


@dataclass(frozen=True, eq=False)
class Coded:
    """A text column as codes into its distinct values: taken, stacked and framed as a categorical without a
    string per row (a national table has 850k rows; object columns cost more than judging them)."""

    codes: np.ndarray   # every row has a value ("" stands for none)
    values: np.ndarray  # object, distinct

    @classmethod
    def of(cls, values) -> "Coded":
        if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
            codes, uniques = values.cat.codes.to_numpy(), values.cat.categories.to_numpy(dtype=object)
        else:
            codes, uniques = pd.factorize(np.asarray(values, dtype=object))
            uniques = np.asarray(uniques, dtype=object)
        return cls._filled(np.asarray(codes), uniques)

    @classmethod
    def const(cls, n: int, value: str) -> "Coded":
        return cls(np.zeros(n, dtype=np.int8), np.array([value], dtype=object))

    @classmethod
    def _filled(cls, codes: np.ndarray, uniques: np.ndarray) -> "Coded":
        if (codes < 0).any():  # none -> ""
            blank = np.nonzero(uniques == "")[0]
            if len(blank):
                codes = np.where(codes < 0, blank[0], codes)
            else:
                codes = np.where(codes < 0, len(uniques), codes)
                uniques = np.append(uniques, "")
        return cls(codes, uniques)

    def take(self, at: np.ndarray) -> "Coded":
        """The rows `at`; -1 reads as "" (a label list ends with one, see `labels`)."""
        return Coded(self.codes[at], self.values)

    def plain(self, at: np.ndarray | None = None) -> np.ndarray:
        """The values as an object array (of the rows `at`): for small frames only."""
        return self.values[self.codes if at is None else self.codes[at]]

    def __len__(self) -> int:
        return len(self.codes)


def labels(values) -> Coded:
    """A label column with one "" row appended, so that taking row -1 reads "" (no report, no revision)."""
    coded = Coded.of(np.append(np.asarray(values, dtype=object), ""))
    return coded


def iso(values: np.ndarray) -> Coded:
    """Float days (NaN for none) as YYYY-MM-DD strings ("" for none), each distinct day formatted once."""
    values = np.asarray(values, dtype=float)
    ok = ~np.isnan(values)
    codes = np.full(len(values), -1, dtype=np.int64)
    if not ok.any():
        return Coded._filled(codes, np.zeros(0, dtype=object))
    distinct, at = np.unique(values[ok].astype(np.int64), return_inverse=True)
    codes[ok] = at
    return Coded._filled(codes, np.datetime_as_string(distinct.astype("datetime64[D]")).astype(object))


def positions(frame: pd.DataFrame, keys: pd.DataFrame, columns=KEY) -> np.ndarray:
    """For each row of `frame`, the row of `keys` with the same key columns (-1 for none): a lookup, not a merge.
    The keys are unique (one target per key)."""
    if not len(keys) or not len(frame):
        return np.full(len(frame), -1)
    shared = all(isinstance(keys[c].dtype, pd.CategoricalDtype) and keys[c].dtype == frame[c].dtype for c in columns)
    if shared:  # the same categoricals on both sides (tracking's frames): one int per key, compared as ints
        return pd.Index(codes(keys, columns)).get_indexer(codes(frame, columns))
    index = pd.MultiIndex.from_arrays([keys[c].astype(object).to_numpy() for c in columns])
    probe = pd.MultiIndex.from_arrays([frame[c].astype(object).to_numpy() for c in columns])
    return index.get_indexer(probe)


def codes(frame: pd.DataFrame, columns=KEY) -> np.ndarray:
    """Categorical key columns as one int64 per row (mixed radix over their categories)."""
    out = np.zeros(len(frame), dtype=np.int64)
    for c in columns:
        col = frame[c]
        out = out * (len(col.cat.categories) + 1) + (col.cat.codes.to_numpy().astype(np.int64) + 1)
    return out


@dataclass(frozen=True, eq=False)
class Reports:
    """The reports of a set of target rows, sorted by (row, date, file order)."""

    row: np.ndarray      # the target row of each report
    day: np.ndarray      # its as-of day
    value: np.ndarray
    label: Coded         # the report's document; one "" appended, so index -1 reads as "no report"
    dated: Coded         # its as-of date as text, formatted once; "" appended likewise
    completed: np.ndarray
    comb: np.ndarray     # row × span + (day − day0): sorted, so a row's reports up to a day are one searchsorted
    day0: int
    span: int
    first: np.ndarray    # per target row: index of its first report, -1 for none
    new_day: np.ndarray  # cumulative count of distinct (row, day): two copies of one report are one point
    samples: np.ndarray  # cumulative count of sample reports
    padded: dict         # value, day (float) and completed with a "none" appended: taking index -1 reads it

    @staticmethod
    def pad(value: np.ndarray, d: np.ndarray, completed: np.ndarray) -> dict:
        return {"value": np.append(value, np.nan), "day": np.append(as_float(d), np.nan),
                "completed": np.append(completed, False)}

    @classmethod
    def of(cls, rows: int, reports: pd.DataFrame | None, at: np.ndarray) -> "Reports":
        hit = at >= 0
        if reports is None or not len(reports) or not hit.any():
            z = np.zeros(0, dtype=np.int64)
            return cls(z, z, z.astype(float), labels([]), labels([]), z.astype(bool), z, 0, 1,
                       np.full(rows, -1), z, z, cls.pad(z.astype(float), z, z.astype(bool)))
        rep = reports[hit]
        row = at[hit].astype(np.int64)
        d = days(rep["_at"] if "_at" in rep else rep["as_of"])
        order = np.lexsort((d, row))  # stable: among one row's reports of a day, file order is kept (the last wins)
        row, d = row[order], d[order]
        day0 = int(d.min())
        span = int(d.max()) - day0 + 2
        comb = row * span + (d - day0)
        first = np.full(rows, -1)
        starts = np.r_[True, row[1:] != row[:-1]]
        first[row[starts]] = np.nonzero(starts)[0]
        new = starts | np.r_[True, d[1:] != d[:-1]]
        label = labels(rep["report"].astype(object).to_numpy()[order])
        value, completed = rep["value"].astype(float).to_numpy()[order], rep["completed"].astype(bool).to_numpy()[order]
        return cls(row, d, value, label, iso(np.append(d.astype(float), np.nan)), completed, comb, day0, span, first,
                   np.cumsum(new), np.cumsum(rep["sample"].astype(bool).to_numpy()[order]), cls.pad(value, d, completed))

    @cached_property
    def reported(self) -> np.ndarray:
        """The target rows with any report (at national scale about a tenth): the only rows a date's search and
        gathers need to visit; the others read "none" at every date."""
        return np.flatnonzero(self.first >= 0)

    def latest(self, as_of: int) -> tuple[np.ndarray, np.ndarray]:
        """Per target row: the index of its latest report on or before `as_of` (-1 for none), and its first."""
        first = self.first
        out = np.full(len(first), -1)
        if not len(self.row) or as_of < self.day0:
            return out, first
        rows = self.reported
        q = rows * self.span + min(as_of - self.day0, self.span - 1)
        last = np.searchsorted(self.comb, q, side="right") - 1
        out[rows] = np.where(last >= first[rows], last, -1)
        return out, first

    def count(self, last: np.ndarray, first: np.ndarray, cumulative: np.ndarray) -> np.ndarray:
        """How many of `cumulative`'s events fall in each row's reports first…last (0 for none)."""
        out = np.zeros(len(last), dtype=np.int64)
        rows = self.reported[last[self.reported] >= 0] if len(self.row) else self.reported
        if not len(rows):
            return out
        lo, hi = first[rows], last[rows]
        out[rows] = cumulative[hi] - np.where(lo > 0, cumulative[np.maximum(lo - 1, 0)], 0)
        return out

    def gather(self, column: str, at: np.ndarray) -> np.ndarray:
        """padded[column][at] (at -1: "none"), visiting only the rows with reports."""
        pad = self.padded[column]
        out = np.full(len(at), pad[-1], dtype=pad.dtype)
        rows = self.reported
        if len(rows):
            out[rows] = pad[at[rows]]
        return out


@dataclass(frozen=True, eq=False)
class Revisions:
    row: np.ndarray
    day: np.ndarray
    value: np.ndarray
    label: Coded         # "" appended (index -1)
    sample: np.ndarray
    padded: dict         # value and sample with a "none" appended (index -1)

    @classmethod
    def of(cls, revisions: pd.DataFrame | None, at: np.ndarray) -> "Revisions":
        if revisions is None or not len(revisions) or not (at >= 0).any():
            z = np.zeros(0, dtype=np.int64)
            return cls(z, z, z.astype(float), labels([]), z.astype(bool),
                       {"value": np.array([np.nan]), "sample": np.array([False])})
        hit = at >= 0
        rev = revisions[hit]
        value, sample = rev["value"].astype(float).to_numpy(), rev["sample"].astype(bool).to_numpy()
        return cls(at[hit].astype(np.int64), days(rev["effective"]), value,
                   labels(rev["revision"].astype(object).to_numpy()), sample,
                   {"value": np.append(value, np.nan), "sample": np.append(sample, False)})

    def in_force(self, rows: int, as_of: int) -> np.ndarray:
        """Per target row, the index of the revision in force at `as_of` (the latest effective by then), -1 for none."""
        out = np.full(rows, -1)
        sel = np.nonzero(self.day <= as_of)[0]
        if not len(sel):
            return out
        sel = sel[np.lexsort((self.day[sel], self.row[sel]))]
        last = np.r_[self.row[sel][1:] != self.row[sel][:-1], True]
        out[self.row[sel][last]] = sel[last]
        return out


@dataclass(frozen=True, eq=False)
class Layout:
    """A set of target rows (all of one level: counties, or city targets judged alone) with their reports and
    revisions matched, and their (theme, indicator, period) groups numbered in order of first appearance."""

    rows: pd.DataFrame   # the target frame (progress.TARGET_COLUMNS), index 0…n-1
    target: np.ndarray
    kind: np.ndarray     # object (the masks in `kinds` are what the engine reads)
    start: np.ndarray    # float days
    due: np.ndarray
    baseline: np.ndarray
    baseline_day: np.ndarray
    reports: Reports
    revisions: Revisions
    group: np.ndarray    # per row, its group number
    group_rows: np.ndarray  # per group, its first row
    group_order: np.ndarray  # rows sorted by group (stable)
    group_starts: np.ndarray  # where each group starts in group_order
    kinds: dict          # kind -> bool mask, compared once rather than per date
    start_iso: Coded     # the dates as text, formatted once
    text: dict           # the key columns, the unit and the kind as Coded, and as object arrays (`plain`)
    due_iso: Coded
    ordered: bool        # the rows are already in group order (tracking's targets are): no gather before a sum
    constants: dict = field(default_factory=dict)  # columns of one value, made once per value and shared

    def constant(self, value, dtype=float) -> np.ndarray:
        """A column holding `value` on every row (read-only: frames share it)."""
        key = (value, np.dtype(dtype).str)
        if key not in self.constants:
            column = np.full(self.n, value, dtype=dtype)
            column.flags.writeable = False
            self.constants[key] = column
        return self.constants[key]

    @property
    def n(self) -> int:
        return len(self.target)

    @classmethod
    def of(cls, targets: pd.DataFrame, revisions: pd.DataFrame | None, reports: pd.DataFrame | None) -> "Layout":
        rows = targets.reset_index(drop=True)
        n = len(rows)
        if n and all(isinstance(rows[c].dtype, pd.CategoricalDtype) for c in GROUP):
            group, firsts = pd.factorize(codes(rows, GROUP))
        else:
            group, firsts = pd.factorize(pd.MultiIndex.from_arrays([rows[c].astype(object).to_numpy() for c in GROUP])) \
                if n else (np.zeros(0, dtype=np.int64), [])
        group = np.asarray(group, dtype=np.int64)
        ng = len(firsts)
        order = np.argsort(group, kind="stable")
        if n and not (np.diff(group) >= 0).all():
            # Each (theme, indicator, period) together, in order of first appearance, counties in the given order:
            # a group's sums are then reductions over a slice, with no gather of the whole column per date.
            rows, group = rows.take(order).reset_index(drop=True), group[order]
            order = np.arange(n)
        rep_at = positions(reports, rows) if reports is not None and len(reports) else np.zeros(0, dtype=np.int64)
        rev_at = positions(revisions, rows) if revisions is not None and len(revisions) else np.zeros(0, dtype=np.int64)
        starts = np.searchsorted(group[order], np.arange(ng))
        group_rows = order[starts]  # stable: each group's first row in the frame's order
        kind = rows["kind"].astype(object).to_numpy() if n else np.zeros(0, dtype=object)
        start, due = as_float(days(rows["start"])), as_float(days(rows["due"]))
        return cls(rows, rows["target"].astype(float).to_numpy(), kind, start, due,
                   rows["baseline"].astype(float).to_numpy(), as_float(days(rows["baseline_date"])),
                   Reports.of(n, reports, rep_at), Revisions.of(revisions, rev_at), group, group_rows, order, starts,
                   {k: kind == k for k in ("flow", "level", "at_least", "at_most")}, iso(start),
                   {c: Coded.of(rows[c]) if n else Coded.of([]) for c in KEY + ["unit", "kind"]}, iso(due),
                   bool((np.diff(group) >= 0).all()))

    def per_group(self, ufunc: np.ufunc, values: np.ndarray) -> np.ndarray:
        """`ufunc.reduceat` of `values` over each group (e.g. np.fmax: the largest, NaN only if all are NaN)."""
        if not len(self.group_starts):
            return np.zeros(0, dtype=values.dtype)
        # Rows already in group order (tracking's targets are) need no gather of the whole column first.
        return ufunc.reduceat(values if self.ordered else values[self.group_order], self.group_starts)
