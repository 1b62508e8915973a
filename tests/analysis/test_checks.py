"""targets.checks: stated totals vs sums, text figures vs tables; every finding cites both places."""

from __future__ import annotations

import math

import pytest

from targets.frame.i18n import Labels
from targets.analysis import checks
from targets.analysis.checks import MISMATCH, OK, compare
from tests.analysis.capped import capped  # noqa: F401  (the fixture)

# Every stated total in the shipped gazette tables: (theme, indicator, period, stated, rows summed)
SHIPPED_TOTALS = [
    ("grain", "sown_area", "2021", 500, 13),
    ("grain", "grain_output", "2021", 10.5, 13),
    ("sewer", "sewer_km", "2021", 205.1, 14),
    ("sewer", "sewer_km", "2022", 96.7, 10),
    ("sewer", "sewer_km", "2023", 38.1, 7),
    ("pigs", "sows_new", "overall", 20, 7),
    ("pigs", "pig_capacity", "overall", 510, 7),
    ("pigs", "parks_100k", "overall", 20, 6),
    ("pigs", "farms_2000", "overall", 1000, 7),
    ("pigs", "sows_new", "2021", 20, 7),
    ("pigs", "pig_capacity_new", "2021", 260, 7),
    ("pigs", "breeding_farms", "2021", 100, 7),
    ("pigs", "parks_100k", "2021", 14, 6),
    ("pigs", "farms_2000", "2021", 600, 7),
    ("pigs", "tech_training", "2021", 10000, 8),
    ("pigs", "pig_capacity_new", "2022", 140, 7),
    ("pigs", "parks_100k", "2022", 6, 6),
    ("pigs", "farms_2000", "2022", 400, 7),
    ("pigs", "tech_training", "2022", 10000, 8),
]


@pytest.fixture(scope="module")
def shipped_report(shipped):
    return checks.report(shipped)


def test_every_stated_total_is_compared_with_its_sum(shipped, shipped_report):
    totals = [x for x in shipped_report if x.check == "total_vs_sum"]
    assert len(totals) == 19 == len(SHIPPED_TOTALS)
    zh = {x.id: x.zh for t in shipped.config.themes for x in t.indicators}
    shipped_period_zh = {p.id: p.zh for p in shipped.config.periods}
    for finding, (theme, indicator, period, stated, n) in zip(totals, SHIPPED_TOTALS):
        assert finding.theme == theme
        assert finding.title_zh == f"{zh[indicator]}（{shipped_period_zh[period]}）合计与各县之和"
        assert finding.left == stated
        assert math.isclose(finding.right, stated)
        assert finding.status == OK and finding.relation_zh == "一致"
        assert finding.right_cites.endswith(f"各行之和（{n} 行）")
        assert finding.left_cites.startswith(finding.right_cites.rsplit(" · ", 1)[0])


def test_grain_total_finding_renders_both_citations(shipped_report):
    assert shipped_report[0].render() == (
        "✓ [grain] 粮食播种面积（2021年）合计与各县之和: 500 万亩 "
        "[吕政办发〔2021〕13号 附件 全市2021年粮食播种面积和产量任务分解表 · 播种面积(万亩) · 吕梁市] vs 500 万亩 "
        "[吕政办发〔2021〕13号 附件 全市2021年粮食播种面积和产量任务分解表 · 播种面积(万亩) · 各行之和（13 行）] → 一致")


def test_sewer_goal_is_reported_as_a_mismatch_citing_both_places(shipped_report):
    goal = next(x for x in shipped_report if x.check == "goal_vs_done_plus_plan")
    assert goal.status == MISMATCH
    assert (goal.left, goal.left_label) == (385, "385")
    assert math.isclose(goal.right, 107.142 + 205.1 + 96.7 + 38.1)
    assert goal.right_label == "107.142 + 205.1 + 96.7 + 38.1 = 447.042"
    assert math.isclose(goal.difference, 62.042)
    assert "一、工作目标" in goal.left_cites and "附件" in goal.right_cites and "一、工作目标" in goal.right_cites
    text = goal.render()
    assert text.startswith("✗ [sewer] 2020–2023年总任务与2020年已完成加三年计划: 385 公里 [吕政办发〔2021〕17号 一、工作目标")
    assert " vs 107.142 + 205.1 + 96.7 + 38.1 = 447.042 公里 [" in text
    assert text.endswith("→ 不一致 (diff 62.042 公里)")
    assert goal.render("en").endswith("→ differs (diff 62.042 公里)")


def test_shipped_report_summary(shipped, shipped_report):
    # one finding per stated total and one per declared check (the counts themselves: tests/test_gazette.py)
    declared = sum(len(d.checks) for d in shipped.data.values())
    assert len(shipped_report) == (shipped.frame["kind"] == "stated_total").sum() + declared
    assert sorted(x.check for x in shipped_report if x.status != OK) == ["clusters_vs_capacity", "goal_vs_done_plus_plan"]
    by_id = {x.check: x for x in shipped_report}
    assert by_id["text_2021_vs_table"].relation_zh == "约等"                 # 约205 vs 205.1
    assert by_id["area_text_vs_table"].relation_zh == "满足（≥）"            # ≥500 vs 500
    assert by_id["training_parts"].right_label == "1 + 4 = 5"


@pytest.mark.parametrize("left, comparator, right, upper, expected", [
    (10, "eq", 10, math.nan, (OK, "一致", "equal")),
    (88.48, "eq", 20.07 + 11.33 + 57.08, math.nan, (OK, "一致", "equal")),  # float noise is not a difference
    (10, "eq", 10.01, math.nan, (MISMATCH, "不一致", "differs")),
    (500, "ge", 500, math.nan, (OK, "满足（≥）", "satisfies ≥")),
    (500, "ge", 600, math.nan, (OK, "满足（≥）", "satisfies ≥")),
    (500, "ge", 499.9, math.nan, (MISMATCH, "不满足（≥）", "below the minimum")),
    (10, "le", 10, math.nan, (OK, "满足（≤）", "satisfies ≤")),
    (10, "le", 3, math.nan, (OK, "满足（≤）", "satisfies ≤")),
    (10, "le", 10.5, math.nan, (MISMATCH, "超出（≤）", "above the maximum")),
    (3, "range", 3, 5, (OK, "在范围内", "within range")),
    (3, "range", 5, 5, (OK, "在范围内", "within range")),
    (3, "range", 2.9, 5, (MISMATCH, "超出范围", "out of range")),
    (3, "range", 5.1, 5, (MISMATCH, "超出范围", "out of range")),
    (205, "approx", 205.1, math.nan, (OK, "约等", "approximately equal")),
    (97, "approx", 96.7, math.nan, (OK, "约等", "approximately equal")),
    (10, "approx", 10.5, math.nan, (OK, "约等", "approximately equal")),      # half a unit
    (10, "approx", 10.6, math.nan, (MISMATCH, "不一致", "differs")),
    (1000, "approx", 1020, math.nan, (OK, "约等", "approximately equal")),    # 2 %
    (1000, "approx", 1021, math.nan, (MISMATCH, "不一致", "differs")),
    (385, "approx", 447.042, math.nan, (MISMATCH, "不一致", "differs")),
])
def test_compare(left, comparator, right, upper, expected):
    assert compare(left, comparator, right, upper) == expected


def test_total_that_differs_from_the_sum_is_a_mismatch_with_the_difference(mini):
    mini.edit("data/grain.yaml", "values: [88.48, 91]", "values: [88.48, 90]")
    report = checks.report(mini.load())
    bad = [x for x in report if x.status != OK]
    assert len(bad) == 1
    (x,) = bad
    assert (x.check, x.left, x.right, x.difference) == ("total_vs_sum", 90, 91, 1)
    assert x.render() == (
        "✗ [grain] 粮食播种面积（2022年）合计与各县之和: 90 万亩 [吕政办发〔2021〕13号 附件 粮食播种面积任务分解表 · "
        "2022年(万亩) · 吕梁市] vs 91 万亩 [吕政办发〔2021〕13号 附件 粮食播种面积任务分解表 · 2022年(万亩) · "
        "各行之和（3 行）] → 不一致 (diff 1 万亩)")
    table = checks.findings_frame(report, Labels(mini.load().config, "en"))
    assert list(table.columns) == ["Theme", "Check", "Stated", "Source A", "Compared with", "Source B", "Result",
                                   "Difference"]
    assert table["Difference"].tolist().count("1 万亩") == 1
    assert set(table["Theme"]) == {"Grain", "Sewer separation"}  # theme names, never ids


def test_no_task_cells_are_not_summed_as_zero(mini):
    report = checks.report(mini.load())
    sewer_2022 = next(x for x in report if x.theme == "sewer" and "（2022年）" in x.title_zh)
    assert sewer_2022.status == OK and sewer_2022.right == 6
    assert sewer_2022.right_cites.endswith("各行之和（2 行）")  # 市级's '-' is not a row


def test_text_figure_below_the_table_total_is_reported(mini):
    mini.edit("data/grain.yaml", "value: {at_least: 88}", "value: {at_least: 90}")
    finding = next(x for x in checks.report(mini.load()) if x.check == "area_text_vs_table")
    assert (finding.status, finding.left_label, finding.right_label) == (MISMATCH, "≥90", "88.48")
    assert finding.relation_zh == "不满足（≥）"
    assert "一、目标任务「播种面积稳定在 88 万亩以上」" in finding.left_cites


# ---- county targets against the city's rule (tests/analysis/capped.py) ----------------------------------------


def test_a_county_cap_looser_than_the_citys_is_flagged_citing_both_places(capped):
    found = [x for x in checks.report(capped) if x.check == checks.RULE_CHECK]
    assert [(x.title_zh, x.status) for x in found] == [
        ("每县企业兼职半专业扑火队伍数（2021年）各县目标与全市要求", OK),
        ("半专业队伍集结时间（2021年）方山县目标与全市要求", MISMATCH),
        ("半专业队伍出勤率（2021年）离石区目标与全市要求", MISMATCH),
    ]
    cap = found[1]
    assert cap.render() == (
        "✗ [forest_fire] 半专业队伍集结时间（2021年）方山县目标与全市要求: ≤30 分钟 "
        "[吕政办发〔2021〕14号 三、（一）队伍类别职责 2.「接到扑火任务后能在 30 分钟内完成集结」] vs ≤45 分钟 "
        "[张三 各县半专业队伍集结时间（分析员补录） · 集结时间（分钟内） · 方山县] → 宽于全市上限（≤） (diff 15 分钟)")
    assert cap.render("en").startswith(
        "✗ [forest_fire] Semi-professional assembly time (2021): Fangshan County's target vs the city's rule: ≤30 分钟 [")
    assert cap.render("en").endswith("→ looser than the city's cap (≤) (diff 15 分钟)")
    low = found[2]
    assert (low.left_label, low.right_label, low.difference) == ("≥80", "≥75", -5)
    assert (low.relation_zh, low.relation_en) == ("低于全市要求（≥）", "below the city's minimum (≥)")
    ok = found[0]
    assert (ok.left_label, ok.right_label, ok.relation_zh, ok.relation_en) == ("≥3", "≥3", "不低于全市要求（≥）", "meets the city's minimum (≥)")
    assert ok.right_cites.endswith("交城县（各县目标中最宽的一项，共 2 项）")  # ≤5 beside the minimum is not compared


@pytest.mark.parametrize("cell, status", [
    ("{at_most: 45}", MISMATCH),   # a looser cap
    ("{at_most: 30}", OK),         # the city's own cap
    ("{at_most: 20}", OK),         # stricter
    ("35", MISMATCH),              # an exact 35 minutes is past the cap
    ("{range: [20, 40]}", MISMATCH),  # its upper end is past the cap
    ("{range: [10, 30]}", OK),
])
def test_against_a_cap_a_target_is_looser_by_its_binding_end(tmp_path, cell, status):
    from targets.inputs.load import load_project
    from tests.analysis.capped import capped_copy

    config = capped_copy(tmp_path)
    path = tmp_path / "data" / "forest_fire.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("方山县: [{at_most: 45}]", f"方山县: [{cell}]"), encoding="utf-8")
    found = [x for x in checks.looser_than_city(load_project(config)) if "集结" in x.title_zh]
    assert [x.status for x in found] == [status]


def test_the_shipped_data_has_no_county_target_beside_a_city_rule(shipped):
    rules = checks.city_rules(shipped)  # ≥ or ≤ with a scope (forest fire: 8), or in a unit that does not add up
    assert sorted(rules["indicator"].astype(str)) == sorted([
        "township_team_size", "enterprise_teams", "enterprise_staff", "pro_assembly_minutes", "pro_attendance",
        "semi_assembly_minutes", "semi_attendance", "recruit_training_days", "tech_adoption"])  # grain: ≥95 %
    assert checks.looser_than_city(shipped) == []
