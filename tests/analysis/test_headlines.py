"""Headline figures: overview cards name each theme's main target; metrics keep the sign of minimums."""

from __future__ import annotations

import math

import pytest

from targets.analysis import headlines, tables, views
from tests.analysis.capped import capped  # noqa: F401  (the fixture)


def test_cards_headline_each_themes_target_with_its_source(shipped):
    cards = {c["theme"]: c for c in headlines.cards(shipped)}
    assert cards["grain"]["label"] == "500" and cards["grain"]["row"]["source"] == "吕政办发〔2021〕13号"
    # The sewer card is the 2020–2023 goal named in config (card:), not the 2020 completion.
    assert (cards["sewer"]["label"], cards["sewer"]["period"], cards["sewer"]["completed"]) == ("385", "2020-2023", False)
    # No whole-city team size is stated: the card is the sum of the county minimums, itself a minimum.
    assert cards["forest_fire"]["label"] == "≥1,100" and cards["forest_fire"]["computed"]


def test_a_card_falls_back_to_a_completion_only_when_no_target_is_stated(mini):
    mini.edit("config.yaml", "file: data/sewer.yaml\n", "file: data/sewer.yaml\n    card: {indicator: sewer_km, period: \"2021\"}\n")
    mini.edit("data/sewer.yaml", "value: {about: 18},", "value: {about: 18}, completed: true,")
    card = next(c for c in headlines.cards(mini.load()) if c["theme"] == "sewer")
    assert card["label"] == "18.3" and not card["completed"]  # the table's stated total is a target


def test_theme_metrics_of_minimums_keep_their_sign(shipped):
    f, cfg = shipped.frame, shipped.config
    rows = views.indicator_slice(f, cfg, "forest_fire", "pro_team_size", "2021")
    m = headlines.theme_metrics(f, cfg, "forest_fire", "pro_team_size", "2021", rows)
    assert m["total"] == "≥1,100" and m["total_key"] == "computed_total"
    assert m["groups"] == [(9, "≥100"), (4, "≥50")]
    nb = "\u00a0"  # each group holds together when the metric wraps
    assert headlines.groups_text(m["groups"], "人", "县", " · ") == f"9{nb}县{nb}≥100{nb}人 · 4{nb}县{nb}≥50{nb}人"


def test_rates_are_never_summed(mini):
    mini.edit("config.yaml", "  - {id: 公里, en: km}", "  - {id: 公里, en: km, summable: false}")
    mini.edit("data/sewer.yaml", "    stated_total: {label: 合计, values: [18.3, 6]}\n", "")
    project = mini.load()
    rows = views.indicator_slice(project.frame, project.config, "sewer", "sewer_km", "2021")
    m = headlines.theme_metrics(project.frame, project.config, "sewer", "sewer_km", "2021", rows)
    assert m["total"] is None


def test_the_planners_member_total_keeps_its_sign_at_the_minimums(shipped):
    from targets.analysis import planner, planner_views

    plan = planner.plan(shipped)
    assert headlines.team_total(planner_views.sizes_frame(plan)) == "≥1,100"  # the sum of minimums is a minimum
    edited = planner.plan(shipped, {"临县": 70})
    assert headlines.team_total(planner_views.sizes_frame(edited)) == "1,120"  # a planned number once a size is edited
    figures = headlines.planner_figures(plan, planner_views.sizes_frame(plan))
    assert (figures["teams"], figures["minimum_total"], figures["barracks_unit"]) == ("13", "1,100", "平方米")


@pytest.mark.parametrize("indicator, reason, help_zh, help_en", [
    # The old "县均值 26.7 分钟" averaged caps and took 10–20 as 10: (30+30+45+20+10+25)/6.
    ("semi_assembly_minutes", "not_summable", "不计算县均值：单位不可相加（如分钟、%）。",
     "No county average: the unit does not add up (e.g. minutes, %)."),
    ("enterprise_teams", "mixed", "不计算县均值：各县目标形式不一（≥、≤、区间与确数混合）。",
     "No county average: the targets mix forms (≥, ≤, ranges and exact values)."),
    ("enterprise_team_size", "range", "不计算县均值：目标为区间，不是单一数值。",
     "No county average: the targets are ranges, not single values."),
])
def test_no_county_average_of_minutes_mixed_forms_or_ranges(capped, indicator, reason, help_zh, help_en):
    f, cfg = capped.frame, capped.config
    rows = views.indicator_slice(f, cfg, "forest_fire", indicator, "2021")
    m = headlines.theme_metrics(f, cfg, "forest_fire", indicator, "2021", rows)
    assert m["average"] is None and math.isnan(m["average_value"]) and m["average_reason"] == reason
    assert m["total"] is None and m["groups"] == []
    assert (tables.average_help(reason, "zh"), tables.average_help(reason, "en")) == (help_zh, help_en)


def test_a_county_average_of_plain_figures_stays(shipped):
    f, cfg = shipped.frame, shipped.config
    rows = views.indicator_slice(f, cfg, "sewer", "sewer_km", "2022")
    m = headlines.theme_metrics(f, cfg, "sewer", "sewer_km", "2022", rows)
    assert m["average_reason"] == "" and m["average"] == "9.7"  # 96.7 km over the 10 counties with a task
    assert tables.average_help(m["average_reason"], "zh") is None
