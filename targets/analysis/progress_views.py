"""What the progress views show: the current targets at an as-of date, the overdue-and-behind list, the counts
for a card, a county's history of reports and revisions, and their tables in the reader's language.

Pure pandas on the status table (targets/analysis/tracking.py); the pages only lay these out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from targets.analysis import tracking
from targets.analysis.progress import STATUSES
from targets.core.memo import per_snapshot
from targets.frame.fmt import number
from targets.frame.i18n import Labels, t
from targets.frame.project import Project

SEVERITY = {"overdue": 0, "behind": 1, "at_risk": 2}  # the list officials read first, worst first
GOOD = ("done", "on_track")
SYMBOLS = {"done": "✔", "on_track": "●", "at_risk": "▲", "behind": "▼", "overdue": "✖", "not_reported": "○",
           "stale": "◔", "unassessable": "？"}
assert set(SYMBOLS) == set(STATUSES)


def status_label(status: str, lang: str) -> str:
    """The status as read: its shape, then its words (never colour alone)."""
    return f"{SYMBOLS[status]} {t('status_' + status, lang)}"


def status_words(lang: str) -> dict[str, str]:
    return {s: t("status_" + s, lang) for s in STATUSES}


@per_snapshot(maxsize=64)
def current(project: Project, as_of: date, theme: str | None = None) -> pd.DataFrame:
    """Each tracked indicator's rows for its period in force at `as_of` (the one the date falls in, else the
    latest started), county rows then the city row."""
    if theme is not None:  # one judgement of every theme serves each theme filter (no layout per theme)
        rows = current(project, as_of, None)
        return rows[rows["theme"] == theme].reset_index(drop=True)
    indicators = list(tracking.tracked(project))
    # The periods in force are judged alone (a national table has ten years of targets: filtering the whole table
    # copied every column; judging a tenth of it is cheaper). Periods change once a year, so the layout is reused.
    only = tuple(sorted((ind, p) for ind in indicators if (p := tracking.current_period(project, ind, as_of)) is not None))
    return tracking.status_table(project, as_of, theme, only).reset_index(drop=True)


def indicator_order(project: Project) -> list[str]:
    """Tracked indicators in config order (themes, then their indicators)."""
    rules = tracking.tracked(project)
    return [i.id for th in project.config.themes for i in th.indicators if i.id in rules]


def county_order(project: Project) -> list[str]:
    return [c.name for c in sorted(project.config.counties, key=lambda c: c.order) if c.kind != "city"]


def scorecard_rows(rows: pd.DataFrame, counties: list[str]) -> pd.DataFrame:
    """The county rows of `counties`, in that order (a scorecard's columns), indexed from 0."""
    part = rows[(rows["level"] == "county") & rows["county"].isin(counties)]
    place = pd.Series(range(len(counties)), index=list(counties))
    part = part.assign(_o=part["county"].astype(object).map(place).to_numpy())
    return part.sort_values("_o", kind="stable").drop(columns="_o").reset_index(drop=True)


@dataclass(frozen=True)
class Listing:
    """The overdue-and-behind list as positions into the status tables it comes from, worst first: at national
    scale it holds most of a million rows, so only the rows a page shows are ever taken."""
    parts: tuple[tuple[pd.DataFrame, np.ndarray], ...]  # (table, sorted positions): overdue first, then the rest

    def __len__(self) -> int:
        return sum(len(pos) for _, pos in self.parts)

    def count(self, status: str) -> int:
        return sum(int(_codes(table["status"], lambda cats: [c == status for c in cats], missing=False)[pos].sum())
                   for table, pos in self.parts if len(pos))

    def rows(self, start: int = 0, stop: int | None = None) -> pd.DataFrame:
        """Rows `start` to `stop` of the list (all by default), as one frame indexed from 0."""
        stop = len(self) if stop is None else min(stop, len(self))
        pieces, offset = [], 0
        for table, pos in self.parts:
            a, b = max(start - offset, 0), min(stop - offset, len(pos))
            if a < b or not pieces:
                pieces.append(table.iloc[pos[a:max(a, b)]])
            offset += len(pos)
        out = pieces[0]
        for piece in pieces[1:]:
            out = _joined(out, piece)
        return out.reset_index(drop=True)


def _worst_first(table: pd.DataFrame, mask: np.ndarray) -> np.ndarray:
    """Positions of `mask` in `table`, by severity, then the lowest pace ratio, then the county (its categorical
    order, as the frame sorts it)."""
    pos = np.flatnonzero(mask)
    if not len(pos):
        return pos
    severity = _codes(table["status"], lambda cats: [SEVERITY.get(c, len(SEVERITY)) for c in cats])[pos]
    county = _codes(table["county"], lambda cats: range(len(cats)))[pos]
    ratio = np.nan_to_num(table["ratio"].to_numpy(float)[pos], nan=-1.0)
    return pos[np.lexsort((county, ratio, severity))]


def _codes(col: pd.Series, rank, missing=-1) -> np.ndarray:
    """`rank(categories)[code]` per row (`missing` for a missing value): one lookup per category, never one per
    row (a million at national scale). A column that is not categorical is coded by its sorted values."""
    cat = col if isinstance(col.dtype, pd.CategoricalDtype) else col.astype(str).astype("category")
    return np.asarray(list(rank(list(cat.cat.categories))) + [missing])[cat.cat.codes.to_numpy()]


@per_snapshot()
def attention_list(rows: pd.DataFrame, everything: pd.DataFrame | None = None, theme: str | None = None,
                   counties: tuple[str, ...] | None = None) -> Listing:
    """Overdue, behind and at-risk county targets of `rows`, worst first. `everything`, judged at the same date
    (the whole status table), adds the overdue targets of earlier periods, which the current rows no longer hold;
    its overdue rows include the current rows' own. `theme` and `counties` keep only theirs."""
    def keep(table: pd.DataFrame, statuses: list[str]) -> np.ndarray:
        mask = (table["level"] == "county").to_numpy() & \
            _codes(table["status"], lambda cats: [c in statuses for c in cats], missing=False).astype(bool)
        if theme is not None:
            mask &= (table["theme"] == theme).to_numpy()
        if counties is not None:
            mask &= table["county"].isin(list(counties)).to_numpy()
        return mask

    if everything is None or not len(everything):
        return Listing(((rows, _worst_first(rows, keep(rows, list(SEVERITY)))),))
    return Listing(((everything, _worst_first(everything, keep(everything, ["overdue"]))),
                    (rows, _worst_first(rows, keep(rows, [s for s in SEVERITY if s != "overdue"])))))


def attention(rows: pd.DataFrame, everything: pd.DataFrame | None = None) -> pd.DataFrame:
    """The whole overdue-and-behind list as a frame (`attention_list` for a page of it)."""
    return attention_list(rows, everything).rows()


def _joined(first: pd.DataFrame, then: pd.DataFrame) -> pd.DataFrame:
    """`first` then `then`, keeping categorical columns categorical (their categories unite when they differ)."""
    if not len(then):
        return first
    if not len(first):
        return then
    then = then.copy()
    first = first.copy()
    for col in first.columns:
        a, b = first[col], then[col]
        if isinstance(a.dtype, pd.CategoricalDtype) and isinstance(b.dtype, pd.CategoricalDtype) and \
                not a.cat.categories.equals(b.cat.categories):
            union = a.cat.categories.union(b.cat.categories, sort=False)
            first[col], then[col] = a.cat.set_categories(union), b.cat.set_categories(union)
    return pd.concat([first, then], ignore_index=True)


def counts(rows: pd.DataFrame) -> dict[str, int]:
    part = rows[rows["level"] == "county"]
    found = part["status"].value_counts()
    return {s: int(found.get(s, 0)) for s in STATUSES}


def card(rows: pd.DataFrame) -> tuple[int, int]:
    """(targets done or on track, targets that have started or are due) among county rows: "正常 9 / 13"."""
    part = rows[(rows["level"] == "county") & (rows["reason"] != "not_started") & (rows["reason"] != "no_target")]
    return int(part["status"].isin(GOOD).sum()), int(len(part))


def _value(v, fmt: str = "g") -> str:
    return "" if v is None or (isinstance(v, float) and np.isnan(v)) else number(float(v), fmt)


@per_snapshot()
def display(rows: pd.DataFrame, labels: Labels, formats: dict[str, str], reports: dict[str, str] | None = None) -> pd.DataFrame:
    """The rows as an official reads them: names and statuses in the language, numbers as the indicator writes
    them, the ratio to two places; every input of the status is a column. `reports`: how a report is named in
    the language (tracking.report_names)."""
    reports = reports or {}
    lang = labels.lang
    fmt = [formats.get(i, "g") for i in rows["indicator"]]
    ratio = rows["ratio"].astype(float)
    return pd.DataFrame({
        t("progress_county", lang): [labels.counties.get(c, c) for c in rows["county"]],
        t("progress_indicator", lang): [labels.indicators.get(i, i) for i in rows["indicator"]],
        t("progress_period", lang): [labels.periods.get(p, p) for p in rows["period"]],
        t("progress_status", lang): [status_label(s, lang) for s in rows["status"]],
        t("progress_actual_short", lang): [_value(v, f) for v, f in zip(rows["actual"], fmt)],
        t("progress_target", lang): [_value(v, f) for v, f in zip(rows["target"], fmt)],
        t("progress_expected", lang): [number_text(v, f) if v == v else "" for v, f in zip(rows["expected"].astype(float), fmt)],
        t("progress_ratio", lang): ["" if np.isnan(r) or not np.isfinite(r) else f"{r:.2f}" for r in ratio],
        t("unit", lang): [labels.unit(u) for u in rows["unit"]],
        t("progress_due_header", lang): list(rows["due"]),
        t("progress_report", lang): [f"{a} {reports.get(r, r)}".strip() for a, r in zip(rows["as_of_report"], rows["report"])],
        t("progress_revision", lang): list(rows["revision"]),
    })


def export_frame(rows: pd.DataFrame, labels: Labels) -> pd.DataFrame:
    """The download: the contract's id columns and every input, then the readable status and the sample note."""
    out = rows.copy()
    out["status_label"] = [t("status_" + s, labels.lang) for s in rows["status"]]
    out["note"] = tracking.SAMPLE_NOTE if tracking.is_sample(rows) else ""
    return out


@per_snapshot(maxsize=64)
def history(project: Project, county: str) -> pd.DataFrame:
    """A county's timeline: every report value and every revision of its targets, oldest first, each with its
    source (the report's title and reporter, or the revising document)."""
    rep = tracking.reports(project)
    rep = rep[(rep["county"] == county).to_numpy()]  # compared as a category (a national frame has a million rows)
    rev = tracking.revisions(project)
    rev = rev[(rev["county"] == county).to_numpy()]
    tgt = tracking.targets(project)
    original = {(r.theme, r.indicator, r.period): r.target for r in tgt[tgt["county"] == county].itertuples()}
    rows = [{"date": str(r.as_of), "kind": "report", "theme": str(r.theme), "indicator": str(r.indicator),
             "period": str(r.period), "value": float(r.value), "old": np.nan, "source": str(r.title), "source_en": str(r.title_en),
             "by": str(r.reporter), "document": str(r.doc_number), "file": str(r.file), "sample": bool(r.sample)}
            for r in rep.itertuples()]
    rows += [{"date": str(r.effective), "kind": "revision", "theme": str(r.theme), "indicator": str(r.indicator),
              "period": str(r.period), "value": float(r.value), "old": original.get((r.theme, r.indicator, r.period), np.nan),
              "source": str(r.title), "source_en": str(r.title_en), "by": str(r.reason), "document": str(r.revision), "file": "",
              "sample": bool(r.sample)}
             for r in rev.itertuples()]
    cols = ["date", "kind", "theme", "indicator", "period", "value", "old", "source", "source_en", "by", "document", "file",
            "sample"]
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["date", "kind"], kind="stable").reset_index(drop=True)


def history_lines(rows: pd.DataFrame, labels: Labels, units: dict[str, str], formats: dict[str, str]) -> list[str]:
    """One sentence per entry of `history`, with its source."""
    lang = labels.lang
    out = []
    for r in rows.itertuples():
        fmt = formats.get(r.indicator, "g")
        unit = labels.unit(units.get(r.indicator, ""))
        fields = {"indicator": labels.indicators.get(r.indicator, r.indicator), "period": labels.periods.get(r.period, r.period),
                  "unit": unit}
        title = r.source_en if lang != "zh" and r.source_en else r.source  # the English title where there is one
        if r.kind == "report":
            text = t("progress_history_report", lang, as_of=r.date, value=_value(r.value, fmt), **fields)
            src = " · ".join(x for x in (title, r.by, r.document) if x)
        else:
            text = t("progress_history_revision", lang, effective=r.date, old=_value(r.old, fmt), new=_value(r.value, fmt), **fields)
            src = " · ".join(x for x in (r.document, title, r.by) if x)
        sample = f" · {t('progress_sample', lang)}" if r.sample else ""
        out.append(f"{text} · {src}{sample}")
    return out


def date_range(project: Project) -> tuple[date, date]:
    """The dates an as-of picker offers: from the earliest tracked period's start to today."""
    tgt = tracking.targets(project)
    first = pd.Timestamp(tgt["start"].min()).date() if len(tgt) else date(2000, 1, 1)
    return first, max(date.today(), first)


def number_text(value: float, fmt: str = "g") -> str:
    """A computed amount (a rate, a remainder) to the indicator's precision; 'g' keeps two decimals at most."""
    return number(round(float(value), 2), fmt) if fmt == "g" else number(float(value), fmt)


def theme_card(project: Project, theme: str, as_of: date) -> tuple[int, int, bool] | None:
    """(on track or done, judged, made from sample data) of a theme's current county targets; None when the
    theme tracks nothing or nothing has been reported for it."""
    if not any(i.id in tracking.tracked(project) for th in project.config.themes if th.id == theme for i in th.indicators):
        return None
    rows = current(project, as_of, theme)
    if not len(rows) or not (rows["reports"] > 0).any():
        return None
    good, total = card(rows)
    return good, total, tracking.is_sample(rows)
