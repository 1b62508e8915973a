"""targets.frames: every gazette cell is in the tidy frame, with its status, provenance and official county name."""

from __future__ import annotations

import csv
import io
import math
import re

import pandas as pd

from targets.analysis import export
from targets.frame import build as frames

GRAIN_COUNTIES = ["离石区", "文水县", "交城县", "兴县", "临县", "柳林县", "石楼县", "岚县", "方山县", "中阳县",
                  "交口县", "孝义市", "汾阳市"]
SEWER_ROWS = ["市级", "交城县", "文水县", "汾阳市", "孝义市", "兴县", "岚县", "临县", "方山县", "中阳县", "柳林县",
              "交口县", "石楼县", "新区"]
PIG_ROWS = ["中阳县", "交口县", "石楼县", "兴县", "岚县", "临县", "方山县", "市级"]
PARK_CELLS = {("parks_100k", "overall"), ("parks_100k", "2021"), ("parks_100k", "2022")}


def cells(frame: pd.DataFrame, theme: str, kind: str = "county") -> pd.DataFrame:
    return frame[(frame["theme"] == theme) & (frame["kind"] == kind)]


def one(frame: pd.DataFrame, **where) -> pd.Series:
    sel = frame
    for k, v in where.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, f"{where}: {len(sel)} rows"
    return sel.iloc[0]


def test_columns_follow_the_contract(shipped):
    assert list(shipped.frame.columns) == frames.COLUMNS
    assert frames.COLUMNS[:7] == ["theme", "indicator", "county", "period", "value", "unit", "source"]
    assert shipped.frame["value"].dtype == "float64"


def test_grain_table_every_cell_and_the_stated_total(shipped):
    g = cells(shipped.frame, "grain")
    assert len(g) == 13 * 2
    assert sorted(map(tuple, g[["indicator", "county", "period"]].astype(str).values)) == sorted(
        (ind, c, "2021") for c in GRAIN_COUNTIES for ind in ("sown_area", "grain_output"))
    assert (g["status"] == "value").all()
    assert one(g, county="临县", indicator="sown_area")["value"] == 117.59
    assert one(g, county="汾阳市", indicator="grain_output")["value"] == 1.78
    totals = cells(shipped.frame, "grain", "stated_total")
    assert {(r.indicator, r.value, r.county, r.gazette_label) for r in totals.itertuples()} == {
        ("sown_area", 500.0, "全市", "吕梁市"), ("grain_output", 10.5, "全市", "吕梁市")}


def test_sewer_table_no_task_is_distinct_from_zero(shipped):
    s = cells(shipped.frame, "sewer")
    assert len(s) == 14 * 3
    assert set(s["county"]) == set(SEWER_ROWS)
    assert set(s["period"]) == {"2021", "2022", "2023"}
    no_task = s[s["status"] == "no_task"]
    assert sorted(zip(no_task["county"], no_task["period"])) == sorted([
        ("市级", "2022"), ("市级", "2023"), ("岚县", "2023"), ("方山县", "2023"), ("中阳县", "2022"),
        ("中阳县", "2023"), ("柳林县", "2022"), ("柳林县", "2023"), ("交口县", "2023"), ("新区", "2022"),
        ("新区", "2023")])
    assert no_task["value"].isna().all()
    assert (no_task["label"] == "-").all()
    assert not (s["value"] == 0).any()  # '-' never became 0
    assert one(s, county="孝义市", period="2022")["value"] == 30
    assert one(s, county="新区", period="2021")["value"] == 62


def test_no_task_and_zero_stay_different(mini):
    s = cells(mini.load().frame, "sewer")
    dash = one(s, county="市级", period="2022")
    zero = one(s, county="兴县", period="2022")
    assert (dash["status"], math.isnan(dash["value"]), dash["label"]) == ("no_task", True, "-")
    assert (zero["status"], zero["value"], zero["label"]) == ("value", 0.0, "0")


def test_pig_table_every_cell_and_fangshan_blanks(shipped):
    p = cells(shipped.frame, "pigs")
    assert len(p) == 8 * 14
    assert p.groupby("county", observed=True).size().to_dict() == {c: 14 for c in PIG_ROWS}
    assert len(p.drop_duplicates(["indicator", "period"])) == 14
    fangshan = p[p["county"] == "方山县"]
    blanks = fangshan[fangshan["status"] == "blank"]
    assert set(zip(blanks["indicator"], blanks["period"])) == PARK_CELLS
    assert blanks["value"].isna().all() and (blanks["label"] == "").all()
    assert (fangshan[fangshan["status"] != "blank"]["value"].notna()).all()
    assert one(fangshan, indicator="pig_capacity", period="overall")["value"] == 10
    assert one(p, county="中阳县", indicator="breeding_farms", period="2021")["value"] == 34
    city = p[p["county"] == "市级"]
    present = city[city["status"] == "value"]
    assert sorted(zip(present["indicator"], present["period"], present["value"])) == [
        ("tech_training", "2021", 2000.0), ("tech_training", "2022", 2000.0)]
    assert (city[city["status"] != "value"]["status"] == "blank").all()
    assert len(cells(shipped.frame, "pigs", "stated_total")) == 14


def test_forest_fire_team_sizes_are_minimums(shipped):
    f = cells(shipped.frame, "forest_fire")
    assert len(f) == 13
    assert (f["indicator"] == "pro_team_size").all() and (f["comparator"] == "ge").all()
    assert sorted(f[f["value"] == 100]["county"]) == sorted(
        ["交城县", "离石区", "方山县", "中阳县", "兴县", "文水县", "汾阳市", "交口县", "岚县"])
    assert sorted(f[f["value"] == 50]["county"]) == sorted(["临县", "柳林县", "石楼县", "孝义市"])
    assert set(f["label"]) == {"≥100", "≥50"}


def test_every_row_cites_its_source(shipped):
    f = shipped.frame
    assert f["source"].astype(str).str.fullmatch(r"吕政办发〔2021〕\d+号").all()
    assert (f["source_ref"].astype(str).str.strip() != "").all()
    assert (f["source_title"].astype(str).str.strip() != "").all()
    assert f["source_date"].astype(str).str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    docs = f.drop_duplicates("theme").set_index("theme")["source"].astype(str).to_dict()
    assert docs == {"grain": "吕政办发〔2021〕13号", "forest_fire": "吕政办发〔2021〕14号",
                    "sewer": "吕政办发〔2021〕17号", "pigs": "吕政办发〔2021〕18号"}
    row = one(f, theme="grain", kind="county", county="临县", indicator="sown_area")
    assert row["source_ref"] == "附件 全市2021年粮食播种面积和产量任务分解表 · 播种面积(万亩)"


def test_periods_are_text(shipped):
    assert all(isinstance(p, str) for p in shipped.frame["period"])
    assert {"2021", "2022", "overall", "2020-2023"} <= set(shipped.frame["period"])


def test_county_names_are_official(shipped):
    f = shipped.frame
    official = {c.name for c in shipped.config.counties}
    assert set(f["county"]) <= official
    assert {"兴县", "孝义市", "交城县", "市级", "新区", "全市"} <= set(f["county"])
    assert not {"交城", "孝义", "方山", "柳林", "吕梁市"} & set(f["county"])
    # the gazette's own label is kept alongside
    row = one(f, theme="sewer", kind="county", county="孝义市", period="2021")
    assert row["gazette_label"] == "孝义"


def test_text_figures_and_standards_keep_their_meaning(shipped):
    f = shipped.frame
    plan = one(f, theme="sewer", kind="text", item_id="plan_2021")
    assert (plan["value"], plan["comparator"], plan["label"]) == (205, "approx", "约205")
    guides = one(f, theme="forest_fire", kind="text", item_id="township_guides")
    assert (guides["value"], guides["upper"], guides["comparator"], guides["label"]) == (3, 5, "range", "3–5")
    radio = one(f, kind="standard", indicator="std.professional.radio")
    assert (radio["value"], radio["unit"]) == (1, "部/5人")


# ---- extensibility: a county, a year and an indicator added in YAML only ------------------------

def test_new_county_year_and_indicator_need_only_yaml(mini):
    mini.edit("config.yaml", '  - {name: 市级,',
              '  - {name: 汾阳市, en: Fenyang City, kind: county, order: 6, color: "#009E73", on_map: true, '
              'aliases: [汾阳], adcode: "141182"}\n  - {name: 市级,')
    mini.edit("config.yaml", "  - {id: overall,", '  - {id: "2023", zh: 2023年, en: "2023"}\n  - {id: overall,')
    mini.edit("config.yaml", "  - {id: 公里, en: km}\n", "  - {id: 公里, en: km}\n  - {id: 亿公斤, en: 100 million kg}\n")
    mini.edit("config.yaml", '      - {id: sown_area, zh: 粮食播种面积, en: Grain sown area, unit: 万亩, format: ".2f"}\n',
              '      - {id: sown_area, zh: 粮食播种面积, en: Grain sown area, unit: 万亩, format: ".2f"}\n'
              '      - {id: grain_output, zh: 粮食产量, en: Grain output, unit: 亿公斤, format: ".2f"}\n')
    mini.edit("data/grain.yaml", "      兴县: [57.08, 58]\n", "      兴县: [57.08, 58]\n      汾阳: [60.44, 61]\n")
    mini.edit("data/grain.yaml", "figures:\n", (
        "  - id: output\n"
        "    ref: 附件二 产量任务表\n"
        "    columns:\n"
        '      - {indicator: grain_output, period: "2023", header: 2023年产量(亿公斤)}\n'
        "    rows:\n"
        "      汾阳市: [1.78]\n"
        "      离石区: [0.27]\n"
        "figures:\n"))
    project = mini.load()
    f = project.frame

    new_county = f[f["county"] == "汾阳市"]
    assert set(zip(new_county["indicator"], new_county["period"], new_county["value"])) == {
        ("sown_area", "2021", 60.44), ("sown_area", "2022", 61.0), ("grain_output", "2023", 1.78)}
    assert set(new_county["county_en"]) == {"Fenyang City"}
    assert set(new_county["gazette_label"]) == {"汾阳", "汾阳市"}
    new_year = f[f["period"] == "2023"]
    assert sorted(new_year["county"]) == ["汾阳市", "离石区"]
    assert set(new_year["unit"]) == {"亿公斤"} and set(new_year["indicator_zh"]) == {"粮食产量"}
    assert set(new_year["source_ref"]) == {"附件二 产量任务表 · 2023年产量(亿公斤)"}

    rows = list(csv.DictReader(io.StringIO(export.to_csv(f).decode("utf-8-sig"))))
    exported = {(r["indicator"], r["county"], r["period"], r["value"], r["unit"], r["source"]) for r in rows}
    assert ("sown_area", "汾阳市", "2021", "60.44", "万亩", "吕政办发〔2021〕13号") in exported
    assert ("grain_output", "汾阳市", "2023", "1.78", "亿公斤", "吕政办发〔2021〕13号") in exported
    assert ("grain_output", "离石区", "2023", "0.27", "亿公斤", "吕政办发〔2021〕13号") in exported
    assert len(rows) == len(f)


def test_categoricals_follow_the_data_not_a_fixed_list(mini):
    f = mini.load().frame
    for c in frames.CATEGORICAL:
        assert isinstance(f[c].dtype, pd.CategoricalDtype), c
    assert set(f["county"].cat.categories) == {"离石区", "交城县", "兴县", "市级", "全市"}
    assert not any(re.search(r"\d+\.0$", p) for p in f["period"].astype(str))


def test_county_cell_labels_match_cell_label_for_repeated_values():
    # frames formats each distinct cell once; the labels must be what cell_label gives each cell.
    from targets.frame.fmt import cell_label
    from targets.frame.build import _labels
    from targets.schema.cells import Cell

    cells = [Cell(value=1.5), Cell(value=0.0), Cell(value=-0.0), Cell(value=1.5), Cell(value=1.5, comparator="ge"),
             Cell(value=3.0, upper=5.0, comparator="range"), Cell(value=3.0, upper=6.0, comparator="range"),
             Cell(status="no_task"), Cell(status="blank"), Cell(value=205.0, comparator="approx"), Cell(value=0.0)]
    assert _labels(cells) == [cell_label(c) for c in cells]
