"""targets.planner: the forest-fire team standard applied to team sizes, checked against hand-computed rows."""

from __future__ import annotations

import math
import shutil

import pandas as pd
import pytest

from tests.conftest import REPO
from targets.analysis import planner, planner_views
from targets.frame.i18n import Labels
from targets.inputs.load import load_project

DOC = "吕政办发〔2021〕14号"
STD_REF = "附件 森林草原消防队伍建设参考标准（试行）"
BIG = ["离石区", "文水县", "交城县", "兴县", "岚县", "方山县", "中阳县", "交口县", "汾阳市"]  # ≥100
SMALL = ["临县", "柳林县", "石楼县", "孝义市"]                                            # ≥50


def by_item(rows: pd.DataFrame) -> dict[str, pd.Series]:
    return {r["item_id"]: r for _, r in rows.iterrows()}


def qty(rows: pd.DataFrame, item: str) -> float:
    return by_item(rows)[item]["quantity"]


# ---- one professional team, by hand --------------------------------------------------------------------------


def test_a_100_person_team(shipped):
    rows = by_item(planner.team_standard(shipped, "professional", 100))
    hand = {  # ⌈100 ÷ N⌉ × qty, worked by hand
        "radio": 20,        # ⌈100/5⌉
        "gps": 34,          # ⌈100/3⌉ = ⌈33.3⌉
        "blower": 34,
        "wind_water": 20,
        "water_mist": 20,
        "chainsaw": 17,     # ⌈100/6⌉ = ⌈16.7⌉
        "water_gun": 34,
        "hand_tools": 100,
        "igniter": 5,       # ⌈100/20⌉
        "suits": 200,       # 2 × 100
        "personal_kit": 200,
        "bedding_set": 100,
        "desk": 50,         # ⌈100/2⌉
        "chair": 100, "quilt": 100, "coat": 100,
        "command_vehicle": 1, "troop_carrier": 2, "water_truck": 1, "duty_phone": 1,
        "portable_cooker": 1, "fixed_cooker": 1,
        "barracks_area": 2000,  # 20 m² × 100
    }
    for item, expected in hand.items():
        assert rows[item]["quantity"] == expected, item
        assert rows[item]["comparator"] == "eq", item
    assert rows["barracks_area"]["unit"] == "平方米" and rows["barracks_area"]["label"] == "2,000"


def test_a_50_person_team(shipped):
    rows = planner.team_standard(shipped, "professional", 50)
    assert qty(rows, "gps") == 17        # ⌈50/3⌉ = ⌈16.7⌉
    assert qty(rows, "chainsaw") == 9    # ⌈50/6⌉ = ⌈8.3⌉
    assert qty(rows, "radio") == 10
    assert qty(rows, "igniter") == 3     # ⌈50/20⌉ = ⌈2.5⌉
    assert qty(rows, "desk") == 25
    assert qty(rows, "suits") == 100
    assert qty(rows, "barracks_area") == 1000


def test_minimums_stay_minimums_and_as_needed_has_no_number(shipped):
    rows = by_item(planner.team_standard(shipped, "professional", 100))
    bomb, ground, other = rows["fire_bomb"], rows["training_ground"], rows["other"]
    assert (bomb["quantity"], bomb["comparator"], bomb["label"], bomb["basis_zh"]) == (1000, "ge", "≥1,000", "≥1,000 枚/队")
    assert (ground["quantity"], ground["comparator"], ground["label"]) == (500, "ge", "≥500")
    assert math.isnan(other["quantity"]) and other["status"] == "as_needed"
    assert other["label"] == other["note"] == "按需配置"


def test_basis_working_and_source_on_every_row(shipped):
    rows = planner.team_standard(shipped, "professional", 100)
    items = by_item(rows)
    assert items["radio"]["basis_zh"] == "1 部/5人" and items["radio"]["basis_en"] == "1 per 5 people"
    assert items["suits"]["basis_zh"] == "2 套/人" and items["suits"]["basis_en"] == "2 per person"
    assert items["command_vehicle"]["basis_zh"] == "1 辆/队"
    assert items["barracks_area"]["basis_zh"] == "20 平方米/人"
    assert items["gps"]["working"] == "⌈100 ÷ 3⌉ × 1 = 34"
    assert items["suits"]["working"] == "100 × 2 = 200"
    assert (rows["source"] == DOC).all()
    assert rows["source_ref"].str.startswith(STD_REF).all()
    assert items["radio"]["source_ref"] == f"{STD_REF} · 专业森林草原消防队伍装备"


@pytest.mark.parametrize("size", [1, 2, 3, 19, 20, 21, 49, 50, 51, 99, 100, 101, 137, 250])
def test_rounding_is_always_up(shipped, size):
    rows = planner.team_standard(shipped, "professional", size)
    per = {i.id: i for g in shipped.data["forest_fire"].standards.equipment if g.team == "professional" for i in g.items}
    for _, r in rows[rows["group"] == "professional"].iterrows():
        item = per[r["item_id"]]
        if item.per_persons is None or item.qty is None:
            continue
        n = r["quantity"] / item.qty.value
        assert n == math.ceil(size / item.per_persons), (size, item.id)
        assert n * item.per_persons >= size > (n - 1) * item.per_persons  # enough, and not one set too many


def test_units_needed_uses_whole_numbers():
    assert planner.units_needed(100, 3) == 34
    assert planner.units_needed(99, 3) == 33
    assert planner.units_needed(1, 20) == 1
    assert planner.units_needed(7, None) == 1
    # no float rounding: 10**17 + 1 people per 1 is exact
    assert planner.units_needed(10**17 + 1, 1) == 10**17 + 1


# ---- sizes the planner refuses ----------------------------------------------------------------------------------


@pytest.mark.parametrize("size, reason", [
    (0, "not_positive"), (-5, "not_positive"), (-0.0, "not_positive"), (2.5, "not_whole"), ("100", "not_whole"),
    (True, "not_whole"), (None, "missing"), (float("nan"), "missing"), (pd.NA, "missing"), (float("inf"), "not_whole"),
])
def test_bad_sizes_are_rejected_with_a_clear_message(shipped, size, reason):
    with pytest.raises(planner.PlannerError) as err:
        planner.team_standard(shipped, "professional", size, county="离石区")
    assert err.value.reason == reason and err.value.county == "离石区"
    assert "离石区" in str(err.value) and "team size" in str(err.value)


def test_zero_in_the_plan_names_the_county(shipped):
    with pytest.raises(planner.PlannerError, match=r"team size for 临县 must be at least 1 person.*got 0"):
        planner.plan(shipped, {"临县": 0})
    with pytest.raises(planner.PlannerError, match="got -3"):
        planner.semi_professional(shipped, -3)


def test_whole_floats_and_numpy_integers_are_accepted(shipped):
    import numpy as np

    assert planner.check_size(120.0) == 120
    assert planner.check_size(np.int64(75)) == 75
    assert planner.plan(shipped, {"离石区": np.float64(150.0)}).query("county == '离石区' and item_id == 'radio'")["quantity"].item() == 30


def test_unknown_county_is_rejected(shipped):
    with pytest.raises(planner.PlannerError) as err:
        planner.plan(shipped, {"市级": 30})
    assert err.value.reason == "unknown_county"


# ---- the plan for all counties ---------------------------------------------------------------------------------------


def test_default_sizes_are_the_gazettes_minimums(shipped):
    req = planner.required_sizes(shipped)
    assert list(req["county"]) == ["离石区", "文水县", "交城县", "兴县", "临县", "柳林县", "石楼县", "岚县", "方山县",
                                   "中阳县", "交口县", "孝义市", "汾阳市"]  # config order
    sizes = planner.default_sizes(shipped)
    assert {c: sizes[c] for c in BIG} == dict.fromkeys(BIG, 100)
    assert {c: sizes[c] for c in SMALL} == dict.fromkeys(SMALL, 50)
    assert (req["minimum_label"].isin(["≥100", "≥50"])).all()
    assert req["minimum_cites"].str.startswith(f"{DOC} 三、（二）建设标准 1.").all()


def test_plan_rows_and_city_total(shipped):
    p = planner.plan(shipped)
    assert list(p.columns) == planner.COLUMNS
    n_items = 2 + 24  # barracks + professional equipment
    assert len(p) == (13 + 1) * n_items
    assert list(dict.fromkeys(p["county"]))[-1] == "全市"
    tot = by_item(planner_views.totals(p))
    assert tot["radio"]["quantity"] == 9 * 20 + 4 * 10 == 220
    assert tot["gps"]["quantity"] == 9 * 34 + 4 * 17 == 374
    assert tot["chainsaw"]["quantity"] == 9 * 17 + 4 * 9 == 189
    assert tot["igniter"]["quantity"] == 9 * 5 + 4 * 3 == 57
    assert tot["barracks_area"]["quantity"] == 20 * 1100 == 22000
    assert (tot["fire_bomb"]["label"], tot["fire_bomb"]["comparator"]) == ("≥13,000", "ge")
    assert tot["training_ground"]["label"] == "≥6,500"
    assert tot["other"]["label"] == "按需配置" and math.isnan(tot["other"]["quantity"])
    assert tot["radio"]["teams"] == 13 and tot["radio"]["size"] == 1100 and tot["radio"]["minimum_label"] == "≥1,100"
    assert planner_views.headline(p) == {"teams": 13, "people": 1100, "barracks": "22,000", "training": "≥6,500"}


def test_editing_a_size_changes_that_county_and_the_total(shipped):
    p = planner.plan(shipped, {"离石区": 150})
    lishi = by_item(p[p["county"] == "离石区"])
    assert lishi["radio"]["quantity"] == 30 and lishi["gps"]["quantity"] == 50 and lishi["barracks_area"]["quantity"] == 3000
    assert by_item(planner_views.totals(p))["radio"]["quantity"] == 230
    assert by_item(p[p["county"] == "文水县"])["radio"]["quantity"] == 20


def test_shortfalls_name_the_county_and_its_minimum(shipped):
    short = planner.shortfalls(shipped, {"离石区": 80, "临县": 50, "孝义市": 60})
    assert list(short["county"]) == ["离石区"]
    assert short.iloc[0]["minimum_label"] == "≥100" and short.iloc[0]["size"] == 80
    assert planner.shortfalls(shipped, planner.default_sizes(shipped)).empty


def test_size_table_and_editor_round_trip(shipped):
    lab = Labels(shipped.config, "zh")
    table = planner.size_table(shipped, lab)
    assert list(table.columns) == ["county", "name", "minimum", "size", "source"]
    assert table.iloc[0].to_dict()["minimum"] == "≥100 人"
    sizes = planner.sizes_from_table(table.assign(size=table["size"].where(table["county"] != "兴县")))
    assert sizes["兴县"] is None and sizes["离石区"] == 100
    en = planner.size_table(shipped, Labels(shipped.config, "en"))
    assert en.iloc[0]["name"] == "Lishi District" and en.iloc[0]["minimum"] == "≥100 people"


def test_matrix_items_by_county_keeps_signs_and_units(shipped):
    p = planner.plan(shipped)
    m = planner_views.matrix(p, Labels(shipped.config, "zh"), item="项目", unit="单位", basis="标准")
    assert list(m.columns)[:5] == ["项目", "单位", "标准", "全市", "离石区"] and m.columns[-1] == "汾阳市"
    row = m.set_index("项目")
    assert row.loc["GPS定位仪", "离石区"] == "34" and row.loc["GPS定位仪", "临县"] == "17"
    assert row.loc["灭火弹", "全市"] == "≥13,000" and row.loc["固定营房面积", "单位"] == "平方米"
    assert row.loc["其他装备", "全市"] == "按需配置"
    en = planner_views.matrix(p, Labels(shipped.config, "en"), item="Item", unit="Unit", basis="Standard")
    assert "Whole city" in en.columns and "GPS locator" in set(en["Item"])


def test_chart_rows_and_options(shipped):
    p = planner.plan(shipped)
    assert "other" not in planner_views.item_options(p)
    assert planner_views.default_chart_items(shipped) == ["radio", "gps", "blower", "wind_water", "water_mist", "chainsaw"]
    rows = planner_views.chart_rows(p, ["gps", "radio"])
    assert list(dict.fromkeys(rows["item_id"])) == ["gps", "radio"] and "全市" not in set(rows["county"])
    assert len(rows) == 26
    labels = planner_views.item_labels(p, Labels(shipped.config, "zh"))
    assert labels["radio"] == "对讲机（部）" and labels["barracks_area"] == "固定营房面积（平方米）"


# ---- one township (semi-professional) team -----------------------------------------------------------------------


def test_a_township_team_of_20(shipped):
    rows = planner.semi_professional(shipped, 20)
    items = by_item(rows)
    assert set(rows["group"]) == {"semi_professional"}  # no barracks: 可根据实际情况提供营房
    assert items["radio"]["quantity"] == 2          # ⌈20/10⌉
    assert items["water_gun"]["quantity"] == 7      # ⌈20/3⌉
    assert items["shovel"]["quantity"] == 20 and items["bucket"]["quantity"] == 20
    assert items["suits"]["quantity"] == 40 and items["personal_kit"]["quantity"] == 20
    assert (items["fire_bomb"]["label"], items["fire_bomb"]["comparator"]) == ("≥300", "ge")
    assert rows["source_ref"].iloc[0] == f"{STD_REF} · 半专业及群众森林草原消防队伍装备"
    rule = planner.township_minimum(shipped)
    assert rule["minimum"] == 20 and rule["label"] == "≥20" and "20 人以上" in rule["quote"]


# ---- the numbers come from the data file, never from code -----------------------------------------------------------


def test_the_standard_is_read_from_the_data_file(tmp_path):
    shutil.copy(REPO / "config.yaml", tmp_path / "config.yaml")
    shutil.copytree(REPO / "data", tmp_path / "data")
    path = tmp_path / "data" / "forest_fire.yaml"
    text = path.read_text(encoding="utf-8")
    old = "unit: 部, qty: 1, per_persons: 5}"
    assert text.count(old) == 1
    text = text.replace(old, "unit: 部, qty: 2, per_persons: 4}")
    text = text.replace("      临县:   [{at_least: 50}]", "      临县:   [{at_least: 70}]")
    path.write_text(text, encoding="utf-8")
    project = load_project(tmp_path / "config.yaml")
    p = planner.plan(project)
    lin = by_item(p[p["county"] == "临县"])
    assert lin["radio"]["size"] == 70 and lin["radio"]["quantity"] == 2 * math.ceil(70 / 4) == 36
    assert lin["radio"]["basis_zh"] == "2 部/4人"
