"""Citations: where a value comes from, as one line a reader can check.

Every row of the tidy frame carries its own provenance (source, source_title,
source_date, source_kind, source_ref): a document of the gazette, or an
analyst's entry with who and when. Captions are built from the rows shown,
never from the file's default document.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .i18n import t


def caption(source: str, title: str, date: str, kind: str, ref: str, lang: str) -> str:
    if kind == "analyst":
        return t("source_analyst", lang, who=source, date=date, note=title, ref=ref)
    return t("source_caption", lang, doc=source, title=title, date=date, ref=ref)


def row_caption(row: Mapping, lang: str) -> str:
    return caption(str(row["source"]), str(row["source_title"]), str(row["source_date"]), str(row["source_kind"]),
                   str(row["source_ref"]), lang)


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
