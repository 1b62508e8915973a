"""Completion reports (data/reports/*.yaml) and target revisions: the checks that need config.yaml, and the tidy
frame of reported values the status engine reads.

Every *.yaml in the reports folder is a report; none is listed in config.yaml, so a new report is a new file.
Checks that need two reports at once (a flow that falls, two reports of one date that disagree) are located in
both files' terms: the later report's line, naming the other file.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd

from targets.core.messages import Msg, msg, near
from targets.core.quote import show
from targets.frame.project import REPORT_FRAME_COLUMNS
from targets.schema.config import Config
from targets.schema.data import DataFile
from targets.schema.lookups import county_lookup
from targets.schema.progress import ReportFile, Tracking, period_dates

Found = Iterator[tuple[tuple, Msg]]



def folder(config_path: Path, reports: str | None) -> Path:
    return config_path.parent / (reports if isinstance(reports, str) and reports else Tracking().reports)


def raw_folder(config_path: Path, raw_config: object) -> Path:
    """The reports folder, read off config.yaml as written (before it is validated)."""
    spec = raw_config.get("tracking") if isinstance(raw_config, dict) else None
    return folder(config_path, spec.get("reports") if isinstance(spec, dict) else None)


def in_folder(where: Path) -> list[Path]:
    """Every *.yaml of the folder (an editor's hidden swap or backup file is not a report)."""
    try:
        return sorted(p for p in where.glob("*.yaml") if not p.name.startswith("."))
    except OSError:
        return []


def paths(config_path: Path, raw_config: object) -> list[Path]:
    """The report files, found from config.yaml as written (before it is validated): every *.yaml in the folder."""
    return in_folder(raw_folder(config_path, raw_config))


def _tracked(cfg: Config, theme_id: str) -> dict[str, object]:
    theme = next((t for t in cfg.themes if t.id == theme_id), None)
    return {} if theme is None else {x.id: x for x in theme.indicators}


def report_refs(cfg: Config, report: ReportFile, today: date) -> Found:
    """Every name a report uses is declared; its date lies within what the period allows."""
    themes = [t.id for t in cfg.themes]
    if report.theme not in themes:
        yield ("theme",), msg("unknown_theme", theme=show(report.theme), options=sorted(themes), near=near(report.theme, themes))
        return
    as_of = date.fromisoformat(report.as_of)
    if as_of > today:
        yield ("as_of",), msg("report_in_future", as_of=report.as_of, today=today.isoformat())
    indicators = _tracked(cfg, report.theme)
    periods = {p.id: p for p in cfg.periods}
    lookup = county_lookup(cfg)
    for vi, block in enumerate(report.values):
        at = ("values", vi)
        ind = indicators.get(block.indicator)
        if ind is None:
            yield at + ("indicator",), msg("unknown_data_indicator", indicator=show(block.indicator), theme=report.theme,
                                           options=sorted(indicators), near=near(block.indicator, indicators))
        elif ind.progress is None:
            yield at + ("indicator",), msg("indicator_not_tracked", indicator=show(block.indicator))
        period = periods.get(block.period)
        if period is None:
            yield at + ("period",), msg("unknown_data_period", period=show(block.period), options=sorted(periods),
                                        near=near(block.period, periods))
        elif (dates := period_dates(period)) is None:
            yield at + ("period",), msg("period_without_dates", period=show(block.period))
        elif as_of < dates[0]:
            yield ("as_of",), msg("report_before_period", as_of=report.as_of, period=show(block.period),
                                  start=dates[0].isoformat())
        seen: dict[str, str] = {}
        for name in block.rows:
            official = lookup.get(name)
            if official is None:
                yield at + ("rows", name), msg("unknown_county", name=show(name), near=near(name, lookup))
            elif official in seen:
                yield at + ("rows", name), msg("report_county_twice", name=show(name), other=show(seen[official]),
                                               official=official)
            else:
                seen[official] = name


def revision_refs(cfg: Config, theme_id: str, data: DataFile) -> Found:
    """A revision names a declared county, indicator and period that has an original target to revise."""
    indicators = _tracked(cfg, theme_id)
    periods = {p.id for p in cfg.periods}
    lookup = county_lookup(cfg)
    city = next((c.name for c in cfg.counties if c.kind == "city"), None)
    # Every (indicator, period, county) the file sets a task for: a revision changes one of these, never makes one.
    targets = {(col.indicator, col.period, lookup.get(name, name))
               for t in data.tables for name, cells in t.rows.items()
               for col, cell in zip(t.columns, cells) if cell.status != "no_task"}
    targets |= {(col.indicator, col.period, city) for t in data.tables if t.stated_total is not None for col in t.columns}
    targets |= {(f.indicator, f.period, lookup.get(f.county, f.county) if f.county else city)
                for f in data.figures if not f.completed}
    seen: dict[tuple, int] = {}
    for ri, rev in enumerate(data.revisions):
        at = ("revisions", ri)
        if rev.indicator not in indicators:
            yield at + ("indicator",), msg("unknown_data_indicator", indicator=show(rev.indicator), theme=theme_id,
                                           options=sorted(indicators), near=near(rev.indicator, indicators))
        if rev.period not in periods:
            yield at + ("period",), msg("unknown_data_period", period=show(rev.period), options=sorted(periods),
                                        near=near(rev.period, periods))
        if rev.county not in lookup:
            yield at + ("county",), msg("unknown_county", name=show(rev.county), near=near(rev.county, lookup))
        elif rev.indicator in indicators and rev.period in periods and (
                rev.indicator, rev.period, lookup[rev.county]) not in targets:
            yield at, msg("revision_no_target", county=show(rev.county), indicator=show(rev.indicator),
                          period=show(rev.period))
        else:
            key = (rev.indicator, rev.period, lookup[rev.county], rev.effective)
            if key in seen:  # which of two same-day revisions holds could only be guessed
                yield at, msg("revision_twice", county=show(rev.county), indicator=show(rev.indicator),
                              period=show(rev.period), effective=rev.effective, other=seen[key])
            seen.setdefault(key, ri)
    by_id = {p.id: p for p in cfg.periods}
    rules = {x.id: x.progress for t in cfg.themes if t.id == theme_id for x in t.indicators}
    for ti, table in enumerate(data.tables):  # a level's baseline must come before the target it starts toward
        for ci, col in enumerate(table.columns):
            rule, period = rules.get(col.indicator), by_id.get(col.period)
            if rule is None or rule.kind != "level" or rule.baseline is None or period is None:
                continue
            if (dates := period_dates(period)) is not None and date.fromisoformat(rule.baseline.date) > dates[1]:
                yield ("tables", ti, "columns", ci), msg("baseline_after_period", date=rule.baseline.date,
                                                         indicator=show(col.indicator), period=show(col.period),
                                                         end=dates[1].isoformat())
    for di, dl in enumerate(data.deadlines):
        given = [k for k in ("indicator", "period") if getattr(dl, k) is not None]
        if len(given) == 1:
            yield ("deadlines", di, given[0]), msg("deadline_half_linked", given=given[0])
        elif given:
            if dl.indicator not in indicators:
                yield ("deadlines", di, "indicator"), msg("unknown_data_indicator", indicator=show(dl.indicator),
                                                          theme=theme_id, options=sorted(indicators),
                                                          near=near(dl.indicator, indicators))
            period = by_id.get(dl.period)
            if period is None:
                yield ("deadlines", di, "period"), msg("unknown_data_period", period=show(dl.period),
                                                       options=sorted(by_id), near=near(dl.period, by_id))
            elif (dates := period_dates(period)) is not None and date.fromisoformat(dl.date) > dates[1]:
                yield ("deadlines", di, "date"), msg("deadline_after_period", date=dl.date, period=show(dl.period),
                                                     end=dates[1].isoformat())
            elif dates is not None and date.fromisoformat(dl.date) < dates[0]:
                yield ("deadlines", di, "date"), msg("deadline_before_period", date=dl.date, period=show(dl.period),
                                                     start=dates[0].isoformat())


def cross_refs(cfg: Config, reports: list[tuple[str, ReportFile]]) -> list[tuple[int, tuple, Msg]]:
    """Checks across reports: (index of the report the problem is located in, key path, message).

    A flow's reported amount never falls between two reports of the same period; two reports of one theme and
    date never disagree on a county's number.
    """
    lookup = county_lookup(cfg)
    kinds = {x.id: (x.progress.kind if x.progress else None) for t in cfg.themes for x in t.indicators}
    seen: dict[tuple, list[tuple[str, float, int, tuple, str]]] = {}
    for i, (file, rep) in enumerate(reports):
        for vi, block in enumerate(rep.values):
            for name, value in block.rows.items():
                county = lookup.get(name)
                if county is None:
                    continue
                key = (rep.theme, block.indicator, block.period, county)
                seen.setdefault(key, []).append((rep.as_of, float(value), i, ("values", vi, "rows", name), file))
    out: list[tuple[int, tuple, Msg]] = []
    for (theme, indicator, period, county), entries in seen.items():
        entries.sort(key=lambda e: (e[0], e[2]))
        for before, after in zip(entries, entries[1:]):
            if before[0] == after[0]:
                if before[1] != after[1]:
                    out.append((after[2], after[3], msg("reports_disagree", county=county, indicator=indicator,
                                                        period=period, as_of=after[0], value=after[1],
                                                        other=before[1], other_file=before[4])))
            elif kinds.get(indicator) == "flow" and after[1] < before[1]:
                out.append((after[2], after[3], msg("report_flow_decreases", county=county, indicator=indicator,
                                                    period=period, before=before[1], before_file=before[4],
                                                    before_as_of=before[0], after=after[1], as_of=after[0])))
    return out


def frame(cfg: Config, reports: list[tuple[str, ReportFile]]) -> pd.DataFrame:
    """One row per reported value, with its report's provenance; county names made official. Built column-wise:
    a national set of monthly reports holds a million values."""
    lookup = county_lookup(cfg)
    cols: dict[str, list] = {c: [] for c in REPORT_FRAME_COLUMNS}
    for file, rep in reports:
        src = rep.source
        for block in rep.values:
            n = len(block.rows)
            cols["county"] += [lookup.get(name, name) for name in block.rows]
            cols["value"] += [float(v) for v in block.rows.values()]
            for col, value in (("theme", rep.theme), ("indicator", block.indicator), ("period", block.period),
                               ("as_of", rep.as_of), ("report", src.doc_number or src.title), ("completed", False),
                               ("sample", rep.sample), ("file", file), ("title", src.title),
                               ("title_en", src.title_en or ""), ("reporter", src.reporter), ("received", src.received),
                               ("doc_number", src.doc_number or ""), ("source_kind", "report")):
                cols[col] += [value] * n
    out = pd.DataFrame(cols, columns=REPORT_FRAME_COLUMNS)
    out["value"] = out["value"].astype(float)
    out["completed"] = out["completed"].astype(bool)
    out["sample"] = out["sample"].astype(bool)
    for c in ("theme", "indicator", "period", "county", "as_of", "file", "report", "title", "reporter"):
        out[c] = out[c].astype("category")
    return out
