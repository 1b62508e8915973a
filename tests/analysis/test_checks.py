"""targets.checks: stated totals vs sums, text figures vs tables; every finding cites both places."""

from __future__ import annotations

import math

import pytest

from targets.frame.i18n import Labels
from targets.analysis import checks
from targets.analysis.checks import MISMATCH, OK, compare

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
