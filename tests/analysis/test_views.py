"""Page selections: order, ranks, shares, profile, progress — all from the gazette's numbers."""

from __future__ import annotations

import math

import pytest

from targets.analysis import semantics, views
from tests.analysis.capped import capped  # noqa: F401  (the fixture)


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


# ---- target semantics on an analyst's edit (tests/analysis/capped.py, hand-worked there) --------------------


def _ranks(project, indicator):
    rows = views.share_and_rank(project.frame, project.config)
    rows = rows[rows["indicator"] == indicator]
    return {c: (None if r != r else int(r), n, str(way)) for c, r, n, way in
            zip(rows["county"], rows["rank"], rows["rank_n"], rows["rank_dir"])}


def test_the_strictest_cap_ranks_first_and_a_range_by_its_upper_end(capped):
    assert _ranks(capped, "semi_assembly_minutes") == {
        "中阳县": (1, 6, "asc"), "兴县": (1, 6, "asc"), "文水县": (3, 6, "asc"),
        "交城县": (4, 6, "asc"), "离石区": (4, 6, "asc"), "方山县": (6, 6, "asc")}  # ≤45 is last, not first
    rows = views.indicator_slice(capped.frame, capped.config, "forest_fire", "semi_assembly_minutes", "2021")
    assert views.rank_direction(rows) == semantics.ASC
    ranked = views.ranked(rows)
    assert list(ranked["label"]) == ["10–20", "≤20", "25", "≤30", "≤30", "≤45"]
    assert list(ranked["rank_value"]) == [20, 20, 25, 30, 30, 45]


def test_minimums_still_rank_largest_first_and_ranges_by_their_low_end(capped):
    assert _ranks(capped, "semi_attendance") == {"交城县": (1, 3, "desc"), "方山县": (2, 3, "desc"), "离石区": (3, 3, "desc")}
    ranks = _ranks(capped, "enterprise_team_size")
    assert (ranks["离石区"], ranks["交城县"]) == ((1, 2, "desc"), (2, 2, "desc"))


def test_caps_beside_minimums_are_not_ranked(capped):
    assert _ranks(capped, "enterprise_teams") == {c: (None, 0, "") for c in ("交城县", "离石区", "方山县")}
    rows = views.indicator_slice(capped.frame, capped.config, "forest_fire", "enterprise_teams", "2021")
    assert views.rank_direction(rows) == semantics.UNRANKED
    assert list(views.ranked(rows)["county"]) == list(rows["county"])  # config order


@pytest.mark.parametrize("indicator, reason", [
    ("semi_assembly_minutes", "not_summable"),   # 分钟: summable false
    ("semi_attendance", "not_summable"),         # %
    ("enterprise_teams", "mixed"),               # ≥3, 4, ≤5
    ("enterprise_team_size", "range"),           # 30–50, 40–60
])
def test_no_share_where_a_share_means_nothing(capped, indicator, reason):
    rows = views.share_and_rank(capped.frame, capped.config)
    rows = rows[(rows["indicator"] == indicator) & (rows["status"] == "value")]
    assert rows["share"].isna().all() and set(rows["share_none"]) == {reason}


def test_shares_of_plain_figures_and_of_minimums_stay(shipped):
    rows = views.share_and_rank(shipped.frame, shipped.config)
    team = rows[(rows["indicator"] == "pro_team_size") & (rows["county"] == "临县")].iloc[0]
    assert math.isclose(team["share"], 50 / 1100 * 100) and team["share_none"] == ""  # ≥50 of the ≥1,100 summed
    assert (rows.loc[rows["status"] == "value", "share_none"] == "").all()  # the shipped data has no such case


def test_the_profile_carries_rank_direction_and_share_reason(capped):
    p = views.profile_values(capped, "方山县", views.share_and_rank(capped.frame, capped.config))
    row = p[p["indicator"] == "semi_assembly_minutes"].iloc[0]
    assert (row["rank"], row["rank_n"], row["rank_dir"], row["share_none"]) == (6, 6, "asc", "not_summable")
    assert math.isnan(row["share"])
    assert "semi_assembly_minutes" not in set(views.share_rows(p, list(p["indicator"]))["indicator"])
