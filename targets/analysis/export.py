"""Write the tidy table as CSV (UTF-8 with BOM, for Excel on Chinese Windows), XLSX or JSON.

Formula-inert (the OWASP CSV-injection rule): a label such as `=HYPERLINK(...)`, `=WEBSERVICE(...)`,
`+cmd|' /C calc'!A0` or `@SUM(1+1)` in an indicator name, a county's English name, a source title or a
quote would run in the spreadsheet of whoever opens the download. Every text cell that starts with = + - @,
a tab or a CR is written as text: in CSV with a leading apostrophe (Excel's text marker, hidden in the cell);
in XLSX as a string cell (openpyxl would write it as a live formula). Numbers stay numbers (a negative value
is a number cell, never text), and the gazette's "-" (no task) and plain numbers written as text stay as
they are: they are no formula.
"""

from __future__ import annotations

import io
import json
import re

import pandas as pd

FORMATS = ("csv", "xlsx", "json")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Text that starts with a trigger and still is no formula: dashes alone, a plain (signed) number or percentage.
_INERT = re.compile(r"[-\u2013\u2014]+|[+-]?\d+(?:[.,]\d+)*%?")


def risky(text: str) -> bool:
    """True for text a spreadsheet would read as a formula (or a DDE call)."""
    return text.startswith(TRIGGERS) and not _INERT.fullmatch(text)


def _inert(value):
    return "'" + value if isinstance(value, str) and risky(value) else value


def inert(frame: pd.DataFrame) -> pd.DataFrame:
    """Every risky text cell with a leading apostrophe (for CSV); other cells as they were."""
    out = frame.copy()
    for c in out.columns:
        col = out[c]
        if not (pd.api.types.is_object_dtype(col) or pd.api.types.is_string_dtype(col)):
            continue
        mask = col.map(lambda v: isinstance(v, str) and risky(v)).astype(bool)
        if mask.any():  # only those cells: a mapped column of mixed numbers would come back as floats (6 -> 6.0)
            out[c] = col.astype(object)
            out.loc[mask, c] = ["'" + v for v in col[mask]]
    out.columns = [_inert(c) if isinstance(c, str) else c for c in out.columns]
    return out


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
    # CRLF, as RFC 4180 and Excel write it: a CR inside a cell is then quoted, not taken for a line end.
    return inert(plain(frame)).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


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
        for ws in xw.book.worksheets:
            _no_formulas(ws)
    return buf.getvalue()


def _no_formulas(ws) -> None:
    """openpyxl stores any text starting with "=" as a formula: make every such cell (and every risky text) a
    string cell marked as text, as Excel itself does for a value typed after an apostrophe."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f" or (isinstance(cell.value, str) and risky(cell.value)):
                cell.data_type = "s"
                cell.quotePrefix = True


def render(frame: pd.DataFrame, fmt: str) -> bytes:
    return {"csv": to_csv, "json": to_json, "xlsx": to_xlsx}[fmt](frame)
