"""Headline figures: overview cards name each theme's main target; metrics keep the sign of minimums."""

from __future__ import annotations

from targets.analysis import headlines, views


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
