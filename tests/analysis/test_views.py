"""Page selections: order, ranks, shares, profile, progress — all from the gazette's numbers."""

from __future__ import annotations

import math

from targets.analysis import views


def test_indicator_and_period_options_follow_config_order(shipped):
    f, cfg = shipped.frame, shipped.config
    assert views.indicator_options(f, cfg, "sewer") == ["sewer_km"]
    assert views.period_options(f, cfg, "sewer", "sewer_km") == ["2021", "2022", "2023"]
    assert views.period_options(f, cfg, "pigs", "parks_100k") == ["2021", "2022", "overall"]


def test_slice_keeps_no_task_cells_and_ranks_them_last(shipped):
    rows = views.indicator_slice(shipped.frame, shipped.config, "sewer", "sewer_km", "2022")
    assert len(rows) == 14
    ranked = views.ranked(rows)
    assert list(ranked["county"][:2]) == ["孝义市", "汾阳市"]
    assert set(ranked["status"][-4:]) == {"no_task"}


def test_stated_total_and_county_average(shipped):
    from targets.analysis import headlines

    f, cfg = shipped.frame, shipped.config
    rows = views.indicator_slice(f, cfg, "grain", "sown_area", "2021")
    m = headlines.theme_metrics(f, cfg, "grain", "sown_area", "2021", rows)
    assert m["total"] == "500" and m["total_key"] == "stated_total"  # as stated, never the sum
    assert math.isclose(m["average_value"], 500 / 13)


def test_share_uses_the_stated_total_and_rank_only_counties(shipped):
    rows = views.share_and_rank(shipped.frame, shipped.config)
    lin = rows[(rows["county"] == "临县") & (rows["indicator"] == "sown_area")].iloc[0]
    assert math.isclose(lin["share"], 117.59 / 500 * 100)
    assert lin["rank"] == 1 and lin["rank_n"] == 13
    xinqu = rows[(rows["county"] == "新区") & (rows["indicator"] == "sewer_km") & (rows["period"] == "2021")].iloc[0]
    assert math.isnan(xinqu["rank"])                       # 新区 is listed, not ranked
    assert math.isclose(xinqu["share"], 62 / 205.1 * 100)
    xiaoyi = rows[(rows["county"] == "孝义市") & (rows["indicator"] == "sewer_km") & (rows["period"] == "2021")].iloc[0]
    assert xiaoyi["rank"] == 1 and xiaoyi["rank_n"] == 12  # 12 county-kind units have a 2021 task


def test_profile_has_every_target_of_a_county(shipped):
    p = views.profile(shipped, "临县", views.share_and_rank(shipped.frame, shipped.config))
    valued = p[p["status"] == "value"]
    assert set(valued["theme"]) == {"grain", "sewer", "pigs", "forest_fire"}
    cluster = valued[valued["indicator"] == "cluster_capacity"].iloc[0]
    assert cluster["value"] == 100 and cluster["kind"] == "text"
    assert "2021-03-20" in valued[valued["theme"] == "forest_fire"]["deadline"].iloc[0]


def test_compare_keeps_counties_in_the_picked_order(shipped):
    rows = views.compare(views.share_and_rank(shipped.frame, shipped.config), shipped.config, ["兴县", "临县"])
    first = rows[(rows["indicator"] == "sown_area")]
    assert list(first["county"]) == ["兴县", "临县"]


def test_sewer_progress_accumulates_the_stated_years(shipped):
    spec = next(p for p in shipped.config.progress if p.theme == "sewer")
    prog = views.progress(shipped.frame, shipped.config, spec)
    assert list(prog["period"]) == ["2020", "2021", "2022", "2023"]
    assert [round(x, 3) for x in prog["cumulative"]] == [107.142, 312.242, 408.942, 447.042]
    assert prog["goal"].iloc[0] == 385


def test_pig_progress_does_not_invent_a_2025_value(shipped):
    spec = next(p for p in shipped.config.progress if p.theme == "pigs")
    prog = views.progress(shipped.frame, shipped.config, spec)
    assert list(prog["period"]) == ["2021", "2022", "2025"]
    assert list(prog["cumulative"][:2]) == [260, 400] and math.isnan(prog["cumulative"].iloc[2])
    assert list(prog["target_label"]) == ["400", "≥500", "800"]


def test_special_cells(shipped):
    cells = views.special_cells(shipped.frame)
    assert {"no_task", "blank"} <= set(cells["status"])
    assert {"ge", "range", "approx", "le"} <= set(cells["comparator"])
