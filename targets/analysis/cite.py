"""Citations: where a value comes from, as one line a reader can check.

Every row of the tidy frame carries its own provenance (source, source_title,
source_date, source_kind, source_ref): a document of the gazette, or an
analyst's entry with who and when. Captions are built from the rows shown,
never from the file's default document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from targets.frame.i18n import t
from targets.core.memo import per_snapshot


def caption(source: str, title: str, date: str, kind: str, ref: str, lang: str) -> str:
    if kind == "analyst":
        return t("source_analyst", lang, who=source, date=date, note=title, ref=ref)
    return t("source_caption", lang, doc=source, title=title, date=date, ref=ref)


def row_caption(row: Mapping, lang: str) -> str:
    return caption(str(row["source"]), str(row["source_title"]), str(row["source_date"]), str(row["source_kind"]),
                   str(row["source_ref"]), lang)


@per_snapshot()
def rows_caption(rows: pd.DataFrame, lang: str, *, with_ref: bool = True) -> str:
    """One line per distinct source among `rows` (joined), each with the places cited."""
    if rows.empty:
        return ""
    cols = ["source", "source_title", "source_date", "source_kind"]
    parts = []
    for key, group in rows.groupby([rows[c].astype(str) for c in cols], sort=False):
        refs = "、".join(dict.fromkeys(group["source_ref"].astype(str))) if with_ref else ""
        parts.append(caption(*key, refs, lang).rstrip("，, "))
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


def document_line(source: str, title: str, date: str, kind: str, lang: str) -> str:
    """The document a page is about, without a place in it: '吕政办发〔2021〕13号《…》 2021-03-05'."""
    if kind == "analyst":
        return t("source_analyst_short", lang, who=source, date=date)
    return f"{source}《{title}》 {date}"


@per_snapshot()
def short_caption(rows: pd.DataFrame, lang: str, *, with_ref: bool = True) -> str:
    """The source line drawn inside a chart (so a saved PNG keeps it): document number, date and place, no title."""
    if rows.empty:
        return ""
    defaults = {"source_title": "", "source_date": "", "source_kind": "document", "source_ref": ""}
    rows = rows.assign(**{c: v for c, v in defaults.items() if c not in rows})
    cols = ["source", "source_title", "source_date", "source_kind"]
    parts = []
    for (source, title, date, kind), group in rows.groupby([rows[c].astype(str) for c in cols], sort=False):
        refs = "、".join(dict.fromkeys(r for r in group["source_ref"].astype(str) if r)) if with_ref else ""
        key = "source_analyst_line" if kind == "analyst" else "source_line"
        parts.append(t(key, lang, doc=source, who=source, date=date, ref=refs).rstrip("，, "))
    body = "；".join(parts) if lang == "zh" else "; ".join(parts)
    return t("source_prefix", lang) + body


_QUOTE = re.compile(r"「[^」]*」")


def short_cites(cites: str) -> str:
    """'doc ref「quote」；doc ref2 · detail' -> 'doc ref、ref2': each document once, its places without quotes or detail."""
    by_doc: dict[str, list[str]] = {}
    for cite in (c.strip() for c in str(cites).split("；")):
        if not cite:
            continue
        doc, _, ref = _QUOTE.sub("", cite).partition(" ")
        place = ref.split(" · ")[0].strip()
        places = by_doc.setdefault(doc, [])
        if place and place not in places:
            places.append(place)
    return "；".join(f"{doc} {'、'.join(places)}".strip() for doc, places in by_doc.items())


def discrepancy(findings, *, theme: str, values: tuple[float, float], unit: str, lang: str, mark: str) -> str:
    """The consistency check that explains two figures a chart shows side by side (e.g. a goal and the sum of
    the yearly figures), as a note citing both places; '' when no check compares these two values."""
    want = sorted(round(v, 6) for v in values)
    for f in findings:
        if f.theme == theme and f.status == "mismatch" and sorted((round(f.left, 6), round(f.right, 6))) == want:
            return t("chart_discrepancy", lang, mark=mark, title=f.title_zh if lang == "zh" else f.title_en,
                     left=f.left_label, right=f.right_label, unit=unit, left_cites=short_cites(f.left_cites),
                     right_cites=short_cites(f.right_cites))
    return ""
