"""Write the tidy table as CSV (UTF-8 with BOM, for Excel on Chinese Windows), XLSX or JSON."""

from __future__ import annotations

import io
import json

import pandas as pd

FORMATS = ("csv", "xlsx", "json")


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Categoricals back to text, so every format writes the same values."""
    out = frame.copy()
    for c in out.columns:
        if isinstance(out[c].dtype, pd.CategoricalDtype):
            out[c] = out[c].astype(str)
    return out


def sources(frame: pd.DataFrame) -> pd.DataFrame:
    cols = ["source", "source_title", "source_date"]
    return plain(frame[cols]).drop_duplicates().sort_values("source_date").reset_index(drop=True)


def to_csv(frame: pd.DataFrame) -> bytes:
    return plain(frame).to_csv(index=False).encode("utf-8-sig")


def to_json(frame: pd.DataFrame) -> bytes:
    records = plain(frame).to_dict(orient="records")
    for r in records:  # NaN is not JSON; an absent value is null
        for k, v in r.items():
            if isinstance(v, float) and v != v:
                r[k] = None
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")


def to_xlsx(frame: pd.DataFrame, sheet: str = "targets", sources_sheet: pd.DataFrame | None = None,
            sources_name: str = "sources") -> bytes:
    """The rows, and a sheet of the documents they come from (given, or read from the tidy columns)."""
    if sources_sheet is None and {"source", "source_title", "source_date"} <= set(frame.columns):
        sources_sheet = sources(frame)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        plain(frame).to_excel(xw, sheet_name=sheet, index=False)
        if sources_sheet is not None:
            plain(sources_sheet).to_excel(xw, sheet_name=sources_name, index=False)
    return buf.getvalue()


def render(frame: pd.DataFrame, fmt: str) -> bytes:
    return {"csv": to_csv, "json": to_json, "xlsx": to_xlsx}[fmt](frame)
