"""From a validated Project to the status engine's three inputs, and the status table at an as-of date.

Targets are the gazette's cells (tables and text figures) of every indicator that declares `progress:`, with
their period's dates and the due date (an earlier `deadlines:` entry of the data file wins). The gazette's own
completions (`completed: true` figures) count as reports, dated on their document's issue date. Everything is
computed once per snapshot and as-of date.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from targets.analysis import progress
from targets.core.memo import per_snapshot
from targets.frame.i18n import t
from targets.frame.project import REPORT_FRAME_COLUMNS, Project
from targets.schema.cells import parse_cell
from targets.schema.lookups import city_name, county_lookup
from targets.schema.progress import period_dates

_TARGET_KINDS = ("county", "stated_total", "text")


def rules(project: Project) -> progress.Rules:
    t = project.config.tracking
    return progress.Rules(on_track=t.on_track, at_risk=t.at_risk, stale_after_days=t.stale_after_days)


def tracked(project: Project) -> dict[str, object]:
    """Indicator id -> its ProgressRule, for every indicator that declares one."""
    return {x.id: x.progress for t in project.config.themes for x in t.indicators if x.progress is not None}


def _required(value: np.ndarray, upper: np.ndarray, comparator: np.ndarray, kind: np.ndarray) -> np.ndarray:
    # A range "30–50" must reach its low end (an upper bound for at_most); ≥, ≤, ≈ and exact values as stated.
    return np.where((comparator == "range") & (kind == "at_most"), upper, value)


KEY = progress.KEY


@per_snapshot()
def key_types(project: Project) -> dict[str, pd.CategoricalDtype]:
    """One categorical type per key column, shared by the targets, the reports and the revisions: merging and
    grouping a million reported values on integer codes, not on text."""
    f, r = project.frame, project.reports
    lookup = county_lookup(project.config)
    extra = {"theme": set(), "indicator": set(), "period": set(), "county": set()}
    for theme, data in project.data.items():
        for rev in data.revisions:
            extra["theme"].add(theme)
            extra["indicator"].add(rev.indicator)
            extra["period"].add(rev.period)
            extra["county"].add(lookup.get(rev.county, rev.county))
    out = {}
    for c in KEY:
        values = set(_values(f[c])) | (set(_values(r[c])) if len(r) else set()) | extra[c]
        out[c] = pd.CategoricalDtype(sorted(str(v) for v in values))
    return out


def _values(column: pd.Series) -> list:
    return list(column.cat.categories) if isinstance(column.dtype, pd.CategoricalDtype) else list(pd.unique(column))


def _as(column: pd.Series, dtype: pd.CategoricalDtype) -> pd.Categorical:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.astype(object).astype(dtype) if len(column) < 1000 else \
            pd.Categorical.from_codes(_recode(column, dtype), dtype=dtype)
    return pd.Categorical(column, dtype=dtype)


def _recode(column: pd.Series, dtype: pd.CategoricalDtype) -> np.ndarray:
    # Categories mapped once, then the codes taken: no per-row text.
    where = pd.Index(dtype.categories).get_indexer([str(c) for c in column.cat.categories])
    codes = column.cat.codes.to_numpy()
    return np.where(codes >= 0, where[codes], -1)


@per_snapshot()
def targets(project: Project) -> pd.DataFrame:
    """One row per (theme, indicator, period, county) with a target to judge: progress.TARGET_COLUMNS + labels."""
    rules_of = tracked(project)
    cfg = project.config
    city = city_name(cfg)
    f = project.frame
    # A `completed: true` figure is a report of work done (tracking.reports), not a target the gazette set.
    rows = f[f["indicator"].isin(list(rules_of)) & f["kind"].isin(_TARGET_KINDS) & (f["status"] != "no_task")
             & ~f["completed"].astype(bool)]
    if not len(rows):
        return progress.empty(progress.TARGET_COLUMNS + ["label", "comparator", "source", "source_ref"])
    rows = rows.assign(_pref=rows["kind"].map({"county": 0, "stated_total": 1, "text": 2}).astype(int))
    # One target per key: a table's cell before a text figure of the same county and period.
    rows = rows.sort_values("_pref", kind="stable").drop_duplicates(KEY)
    types = key_types(project)
    kind = rows["indicator"].map({k: r.kind for k, r in rules_of.items()}).astype(object).to_numpy()
    periods = {p.id: period_dates(p) for p in cfg.periods}
    start = pd.to_datetime(rows["period"].map({k: v[0] for k, v in periods.items() if v}).astype(object).to_numpy())
    due = pd.to_datetime(rows["period"].map({k: v[1] for k, v in periods.items() if v}).astype(object).to_numpy())
    due = _due(project, rows, due)
    summable = {u.id: u.summable for u in cfg.units}
    baseline = rows["indicator"].map({k: (r.baseline.value if r.baseline else np.nan) for k, r in rules_of.items()})
    baseline_date = rows["indicator"].map({k: (r.baseline.date if r.baseline else None) for k, r in rules_of.items()})
    value = rows["value"].to_numpy(dtype=float)
    comparator = rows["comparator"].astype(object).to_numpy()
    out = pd.DataFrame({
        **{c: _as(rows[c], types[c]) for c in KEY},
        "target": _required(value, rows["upper"].to_numpy(dtype=float), comparator, kind),
        "kind": kind, "unit": rows["unit"].astype(object).to_numpy(),
        "summable": rows["unit"].map(summable).astype(object).fillna(True).astype(bool).to_numpy(),
        "start": start, "due": due,
        "baseline": baseline.astype(float).to_numpy(),
        "baseline_date": pd.to_datetime(baseline_date.astype(object).to_numpy()),
        "is_city": (rows["county"] == city).to_numpy(),
        "label": rows["label"].to_numpy(), "comparator": comparator,
        "source": rows["source"].astype(object).to_numpy(), "source_ref": rows["source_ref"].astype(object).to_numpy(),
    })
    # Periods without dates cannot be judged: validation refuses reports for them, and they are left out here.
    return out[out["start"].notna() & out["due"].notna()].reset_index(drop=True)


def _due(project: Project, rows: pd.DataFrame, end: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """The period's last day, or an earlier deadline the data file links to (indicator, period)."""
    due = pd.Series(end)
    for theme, data in project.data.items():
        for dl in data.deadlines:
            if dl.indicator and dl.period:
                hit = ((rows["theme"] == theme) & (rows["indicator"] == dl.indicator) & (rows["period"] == dl.period)).to_numpy()
                due[hit] = due[hit].where(due[hit] <= pd.Timestamp(dl.date), pd.Timestamp(dl.date))
    return pd.DatetimeIndex(due)


@per_snapshot()
def revisions(project: Project) -> pd.DataFrame:
    """Every revision of every theme: the value it sets (as the engine reads a target) and its document."""
    lookup = county_lookup(project.config)
    rules_of = tracked(project)
    rows = []
    for theme, data in project.data.items():
        for rev in data.revisions:
            cell = parse_cell(rev.value) if not hasattr(rev.value, "status") else rev.value
            kind = rules_of.get(rev.indicator)
            # "-" (the task removed) or a blank leave no target to judge from `effective` on: NaN, never dropped.
            value = (np.nan if cell.status != "value" else
                     cell.upper if cell.comparator == "range" and kind is not None and kind.kind == "at_most" else cell.value)
            rows.append({"theme": theme, "indicator": rev.indicator, "period": rev.period,
                         "county": lookup.get(rev.county, rev.county), "value": float(value), "effective": rev.effective,
                         "revision": rev.source.doc_number, "sample": rev.sample, "title": rev.source.title,
                         "title_en": rev.source.title_en or "", "issued": rev.source.issued, "reason": rev.reason or "",
                         "label": rev.value if isinstance(rev.value, str) else cell.value})
    cols = progress.REVISION_COLUMNS + ["title", "title_en", "issued", "reason", "label"]
    return pd.DataFrame(rows, columns=cols) if rows else progress.empty(cols)


@per_snapshot()
def reports(project: Project) -> pd.DataFrame:
    """The reports folder's values plus the gazette's own completions (`completed: true` figures), oldest first,
    keys as the shared categoricals and `_at` the as-of date parsed (once per distinct date)."""
    f = project.frame
    done = f[f["completed"].astype(bool) & f["indicator"].isin(list(tracked(project)))]
    gazette = pd.DataFrame({
        "theme": done["theme"].astype(str), "indicator": done["indicator"].astype(str),
        "period": done["period"].astype(str), "county": done["county"].astype(str),
        "as_of": done["source_date"].astype(str), "value": done["value"].astype(float),
        "report": done["source"].astype(str), "completed": True, "sample": False, "file": "",
        "title": done["source_title"].astype(str), "title_en": "", "reporter": done["source"].astype(str),
        "received": done["source_date"].astype(str), "doc_number": done["source"].astype(str), "source_kind": "gazette",
    }, columns=REPORT_FRAME_COLUMNS)
    types = key_types(project)
    parts = [gazette.astype({c: types[c] for c in KEY})]
    files = project.reports
    if len(files):
        parts.append(files.assign(**{c: _as(files[c], types[c]) for c in KEY}))
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    for c in KEY:  # concat keeps a categorical only when both sides share its type
        out[c] = out[c].astype(types[c])
    codes, dates = pd.factorize(out["as_of"].astype(object))
    out["_at"] = pd.to_datetime(pd.Series(dates)).to_numpy()[codes] if len(out) else pd.Series(dtype="datetime64[ns]")
    return out.sort_values("_at", kind="stable").reset_index(drop=True)


def latest_report_date(project: Project) -> date | None:
    rep = reports(project)
    return None if not len(rep) else pd.Timestamp(rep["_at"].iloc[-1]).date()


def default_as_of(project: Project) -> date:
    """The latest report's date (the CLI's and the progress page's default), else today."""
    return latest_report_date(project) or date.today()


@per_snapshot(maxsize=16)
def prepared(project: Project, theme: str | None = None, only: tuple | None = None) -> progress.Prepared:
    """The engine's inputs laid out once per snapshot (and theme, and `only` these (indicator, period) pairs): a
    new as-of date then costs array work only."""
    tgt, rev, rep = targets(project), revisions(project), reports(project)
    if theme is not None:
        tgt, rev, rep = tgt[tgt["theme"] == theme], rev[rev["theme"] == theme], rep[rep["theme"] == theme]
    if only is not None:
        tgt, rev, rep = (_pairs_in(x, only) for x in (tgt, rev, rep))
    return progress.prepare(tgt, rev, rep, city_name=city_name(project.config))


def _pairs_in(frame: pd.DataFrame, pairs: tuple) -> pd.DataFrame:
    if not len(frame):
        return frame
    probe = pd.MultiIndex.from_arrays([frame["indicator"].astype(object), frame["period"].astype(object)])
    return frame[probe.isin(list(pairs))]


@per_snapshot(maxsize=64)
def status_table(project: Project, as_of: date, theme: str | None = None, only: tuple | None = None) -> pd.DataFrame:
    """Every status at `as_of` (county rows, then the city rows), optionally of one theme, or only of some
    (indicator, period) pairs (the periods in force: judged alone, not filtered out of the whole table)."""
    if not len(targets(project)):
        return progress.empty(progress.COLUMNS)
    return progress.judge(prepared(project, theme, only), as_of, rules(project))


def is_sample(table: pd.DataFrame) -> bool:
    """Made from example data (示例数据): every chart, table and download of it must say so."""
    return bool(len(table)) and bool(table["sample"].astype(bool).any())


@per_snapshot()
def period_spans(project: Project) -> pd.DataFrame:
    """(indicator, period, start, due): the few distinct spans of the targets."""
    tgt = targets(project)
    return tgt.drop_duplicates(["indicator", "period"])[["indicator", "period", "start", "due"]].astype(
        {"indicator": object, "period": object}).reset_index(drop=True)


def current_period(project: Project, indicator: str, as_of: date) -> str | None:
    """The period of an indicator's targets that `as_of` falls in (the latest started one if none)."""
    spans = period_spans(project)
    rows = spans[spans["indicator"] == indicator]
    if not len(rows):
        return None
    at = pd.Timestamp(as_of)
    now = rows[(rows["start"] <= at) & (at <= rows["due"])]
    if len(now):
        return str(now.sort_values("due").iloc[0]["period"])
    started = rows[rows["start"] <= at]
    return str((started if len(started) else rows).sort_values("start").iloc[-1 if len(started) else 0]["period"])


SAMPLE_NOTE = "示例数据（非真实） / sample data (not real)"


@per_snapshot()
def export_table(project: Project, as_of: date, theme: str | None = None) -> pd.DataFrame:
    """The status table as written by `python -m targets progress` and the page's downloads: the contract's
    columns first, then every input; rows made from sample data say so in `note`."""
    table = status_table(project, as_of, theme).copy()
    # Any sample report or revision in the table marks the whole table: a download is read without the page.
    table["note"] = SAMPLE_NOTE if is_sample(table) else ""
    for col in ("ratio", "elapsed", "expected"):
        table[col] = table[col].astype(float).round(6)
    return table.reset_index(drop=True)


@per_snapshot()
def report_sources(project: Project, theme: str | None = None) -> pd.DataFrame:
    """The sources sheet: every report (the gazette's completions too) and every revising document."""
    rep = reports(project)
    if theme is not None:
        rep = rep[rep["theme"] == theme]
    cols = ["kind", "theme", "document", "title", "reporter", "date", "as_of", "file", "note"]
    rows = rep.drop_duplicates(["theme", "report", "as_of", "file"])
    out = pd.DataFrame({
        "kind": rows["source_kind"].astype(str), "theme": rows["theme"].astype(str),
        "document": rows["doc_number"].astype(str), "title": rows["title"].astype(str),
        "reporter": rows["reporter"].astype(str), "date": rows["received"].astype(str),
        "as_of": rows["as_of"].astype(str), "file": rows["file"].astype(str),
        "note": np.where(rows["sample"].astype(bool), SAMPLE_NOTE, ""),
    }, columns=cols)
    rev = revisions(project)
    if theme is not None:
        rev = rev[rev["theme"] == theme]
    revs = pd.DataFrame({
        "kind": "revision", "theme": rev["theme"].astype(str), "document": rev["revision"].astype(str),
        "title": rev["title"].astype(str), "reporter": "", "date": rev["issued"].astype(str),
        "as_of": rev["effective"].astype(str), "file": "", "note": np.where(rev["sample"].astype(bool), SAMPLE_NOTE, ""),
    }, columns=cols).drop_duplicates()
    return pd.concat([out, revs], ignore_index=True).sort_values(["date", "kind"], kind="stable").reset_index(drop=True)


@per_snapshot(maxsize=4)
def report_names(project: Project, lang: str) -> dict[str, str]:
    """How a report is named in a status row (`report`: its document number, else its title) for a reader of
    `lang`: an English reader gets the English title of a report without a number, where it has one."""
    rep = reports(project)
    if lang == "zh" or not len(rep):
        return {}
    named = rep[(rep["doc_number"].astype(str) == "") & (rep["title_en"].astype(str) != "")]
    pairs = named[["report", "title_en"]].astype(str).drop_duplicates()
    return dict(zip(pairs["report"], pairs["title_en"]))


def city(project: Project) -> str:
    return city_name(project.config)


@per_snapshot(maxsize=4)
def _cited(project: Project) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What a source line can cite, small enough to filter per view: each (theme, indicator, period)'s target
    documents, and each (theme, indicator, period, report title, as-of date) in the reports' order."""
    key = ["theme", "indicator", "period"]
    tgt = targets(project)
    docs = tgt[key + ["source"]].astype(str).drop_duplicates(ignore_index=True) if len(tgt) else \
        pd.DataFrame(columns=key + ["source"])
    rep = reports(project)
    titles = rep[key + ["title", "title_en", "_at"]].astype({c: str for c in key + ["title", "title_en"]}) \
        .drop_duplicates(ignore_index=True) if len(rep) else pd.DataFrame(columns=key + ["title", "title_en", "_at"])
    return docs, titles


def source_line(project: Project, rows: pd.DataFrame, lang: str, as_of: date | None = None) -> str:
    """The sources of a progress view, inside the chart: the target documents, then the reports it read (those
    dated on or before `as_of`: a view frozen at a date cites nothing from after it)."""
    key = ["theme", "indicator", "period"]
    docs_of, titles_of = _cited(project)
    # The view's keys are few (an indicator's periods): match them against the small tables, never per row.
    keys = rows[key].drop_duplicates().astype(str) if len(rows) else pd.DataFrame(columns=key)
    shown_keys = set(map(tuple, keys.to_numpy().tolist()))
    docs = sorted({s for th, i, p, s in docs_of.itertuples(index=False) if (th, i, p) in shown_keys})
    rep = titles_of
    if as_of is not None and len(rep):
        rep = rep[rep["_at"] <= pd.Timestamp(as_of)]
    rep = rep[[(th, i, p) in shown_keys for th, i, p in zip(rep["theme"], rep["indicator"], rep["period"])]] if len(rep) else rep
    # An English reader gets a report's English title where it has one (`title_en`), else its own.
    names = rep["title"] if lang == "zh" or not len(rep) else rep["title_en"].where(rep["title_en"] != "", rep["title"])
    titles = list(dict.fromkeys(str(x) for x in names)) if len(rep) else []
    shown = "、".join(titles[-2:]) if lang == "zh" else "; ".join(titles[-2:])
    more = len(titles) - min(len(titles), 2)
    line = t("source_prefix", lang)
    if lang == "zh":
        line += "目标 " + "、".join(docs) if docs else ""
        if titles:
            line += f"；完成情况 {shown}" + (f" 等 {len(titles)} 份报送" if more else "")
        return line
    line += "targets " + ", ".join(docs) if docs else ""
    if titles:
        line += f"; done: {shown}" + (f" and {more} more report(s)" if more else "")
    return line
