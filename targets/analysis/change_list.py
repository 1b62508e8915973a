"""The data-quality page's change list: which values the last updates changed, old → new, file and line.

Pure pandas, no Streamlit. Newest update first; within one, in config order, changed values first. The
tables take the snapshot (anything with `history`, a tuple of changes.Update, newest first) and are built once
per snapshot and language: up to HISTORY × MAX_DETAILS rows are not rebuilt on every rerun.
"""

from __future__ import annotations

import pandas as pd

from targets.analysis.changes import Detail, Update
from targets.analysis.tables import amount
from targets.frame.fmt import label
from targets.core.memo import per_snapshot
from targets.frame.i18n import Labels, t

SHOWN = 20  # rows of the list on the page (its bytes stay small); every row is in the download
WHEN = "%m-%d %H:%M:%S"  # an update's time in the tables: the day matters only for a server up since yesterday


def value_text(values: tuple, lab: Labels) -> str:
    """What a row stated, as it reads: '≥100 人', '无任务', '空白'; '—' for a row that was not there."""
    if not values:
        return "—"
    out = []
    for status, comparator, value, upper, unit in values:
        if status == "value":
            out.append(amount(label(value, upper, str(comparator), "g", lab.lang), lab.unit(str(unit or ""))))
        else:
            out.append(t("no_task" if status == "no_task" else "blank", lab.lang))
    return "；".join(out) if lab.lang == "zh" else "; ".join(out)


def count(history: tuple[Update, ...]) -> int:
    """Rows changed, added and removed over `history` (exact, even past the details kept)."""
    return sum(len(c.added) + len(c.removed) + len(c.changed) for u in history for c in u.changes)


@per_snapshot(maxsize=4)
def change_list(snapshot, lab: Labels) -> pd.DataFrame:
    """One row per changed value over the snapshot's history (newest update first): when, what, where, before
    and after. Rows past changes.MAX_DETAILS in one update are counted (count()) but not listed."""
    lg, history = lab.lang, snapshot.history
    cols = [t(k, lg) for k in ("changes_at", "changes_what", "theme", "indicator", "county", "period",
                               "changes_old", "changes_new", "changes_place", "kind")]

    def row(u: Update, file: str, theme: str, d: Detail) -> list:
        r = d.row
        return [u.loaded_at.strftime(WHEN), t(f"changes_what_{d.what}", lg), lab.themes.get(theme, theme),
                lab.indicators.get(r.indicator, r.indicator), lab.counties.get(r.county, r.county),
                lab.periods.get(r.period, r.period), value_text(d.old, lab), value_text(d.new, lab),
                f"{file}:{d.line}" if d.line else file, t(f"kind_{r.kind}", lg)]

    rows = [row(u, c.file, c.theme, d) for u in history for c in u.changes for d in c.details]
    return pd.DataFrame(rows, columns=cols)


@per_snapshot(maxsize=4)
def summary(snapshot, lab: Labels) -> pd.DataFrame:
    """Per update and data file (newest first): rows added, removed and changed, the first removed rows named.

    A save that lost rows (a deleted block, a file cut short) shows here at a glance.
    """
    lg, history = lab.lang, snapshot.history
    sep = "；" if lg == "zh" else "; "

    def name(r) -> str:
        return " · ".join(x for x in (lab.indicators.get(r.indicator, r.indicator), lab.counties.get(r.county, r.county),
                                      lab.periods.get(r.period, r.period)) if x)

    return pd.DataFrame([{
        t("changes_at", lg): u.loaded_at.strftime(WHEN),
        t("changes_file", lg): c.file,
        t("theme", lg): lab.themes.get(c.theme, c.theme),
        t("changes_added", lg): len(c.added),
        t("changes_removed", lg): len(c.removed),
        t("changes_changed", lg): len(c.changed),
        t("changes_removed_rows", lg): sep.join(name(r) for r in c.removed[:5]) + ("…" if len(c.removed) > 5 else ""),
    } for u in history for c in u.changes])
