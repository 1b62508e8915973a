"""Tables people read: translated headers, signs kept, ids only as extra columns in downloads."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from targets.analysis import export, tables, views
from targets.frame.i18n import Labels
from tests.analysis.capped import capped  # noqa: F401  (the fixture)


def test_downloads_read_in_the_chosen_language_with_ids_kept(mini):
    project = mini.load()
    rows = views.filter_rows(project.frame, themes=["sewer"])
    zh = tables.export_frame(rows, Labels(project.config, "zh"))
    assert list(zh.columns[:8]) == ["专题", "指标", "县（市、区）", "年度", "目标", "单位", "类别", "出处"]
    assert {"theme_id", "indicator_id", "county_id", "period_id"} <= set(zh.columns)
    assert "无任务" in set(zh["目标"])                      # '-' reads as its meaning
    en = tables.export_frame(rows, Labels(project.config, "en"))
    assert "≈18" in set(en["Target"]) and set(en["Theme"]) == {"Sewer separation"}


def test_xlsx_download_has_a_translated_sources_sheet(mini):
    project = mini.load()
    lab = Labels(project.config, "zh")
    rows = views.filter_rows(project.frame, themes=["grain"])
    book = pd.read_excel(io.BytesIO(export.to_xlsx(tables.export_frame(rows, lab), sources_sheet=tables.sources_frame(rows, lab),
                                                   sources_name="来源")), sheet_name=None)
    assert set(book) == {"targets", "来源"}
    assert book["来源"]["出处"].tolist() == ["吕政办发〔2021〕13号"]


def test_units_off_the_map_are_listed_with_their_meaning(mini):
    project = mini.load()
    rows = views.indicator_slice(project.frame, project.config, "sewer", "sewer_km", "2022")
    assert tables.off_map(rows, Labels(project.config, "zh"), "公里") == "不在地图上：市级 无任务"
    rows = views.indicator_slice(project.frame, project.config, "sewer", "sewer_km", "2021")
    assert tables.off_map(rows, Labels(project.config, "en"), "km") == "Not on the map: City level 2.5 km"


def test_a_multiplying_unit_reads_right_in_english():
    """'500 10,000 mu' read as two numbers: the value and a unit that starts with a number are joined by ×, or
    the unit goes into the metric's label."""
    assert tables.amount("500", "万亩") == "500 万亩"
    assert tables.amount("500", "10,000 mu") == "500 × 10,000 mu"
    assert tables.amount("23.5", "%") == "23.5%"
    assert tables.metric("目标", "500", "万亩", lang="zh") == ("目标", "500 万亩")
    assert tables.metric("Grain sown area · 2021 · target", "500", "10,000 mu", lang="en", after="Grain sown area") == \
        ("Grain sown area (10,000 mu) · 2021 · target", "500")
    assert tables.metric("Total", "385", "km", lang="en") == ("Total", "385 km")


def test_counts_download_as_whole_numbers(mini):
    project = mini.load()
    rows = views.filter_rows(project.frame, themes=["sewer"])
    out = tables.export_frame(rows, Labels(project.config, "zh"))
    csv = export.to_csv(out).decode("utf-8-sig")
    assert ",6," in csv and ",6.0," not in csv and ",8.4," in csv  # 6 km stays 6; 8.4 stays 8.4
    assert tables.whole([4.0, 107.142, float("nan"), None]) [:2] == [4, 107.142]


def test_planner_download_is_translated_with_ids_kept(shipped):
    from targets.analysis import planner

    plan = planner.plan(shipped)
    zh = tables.planner_export(plan, Labels(shipped.config, "zh"))
    assert list(zh.columns[:8]) == ["县（市、区）", "项目", "数量", "单位", "配备标准", "算法", "测算人数（人）", "出处"]
    assert {"county_id", "item_id_id", "unit_id"} <= set(zh.columns) and "数值" in zh.columns
    first = zh.iloc[0]
    assert (first["县（市、区）"], first["测算人数（人）"], first["数值"]) == ("离石区", 100, 2000)  # whole numbers
    en = tables.planner_export(plan, Labels(shipped.config, "en"))
    assert en.iloc[0]["County"] == "Lishi District" and en.iloc[0]["Unit"] == "m²"


def test_the_sources_sheet_names_the_kind_of_source(mini):
    project = mini.load()
    rows = views.filter_rows(project.frame, themes=["grain"])
    out = tables.sources_frame(rows, Labels(project.config, "zh"))
    assert out["来源类型"].tolist() == ["公报文件"]


def test_a_compare_slide_keeps_its_first_targets(shipped):
    rows = views.compare(views.share_and_rank(shipped.frame, shipped.config), shipped.config, ["临县", "兴县"])
    keys = list(rows["indicator"] + "@" + rows["period"])
    short, short_keys = tables.first_targets(rows, keys, 2)
    assert short_keys == ["sown_area@2021"] * 2 + ["grain_output@2021"] * 2 and len(short) == 4


def _profile(project, county, lang):
    rows = views.profile_values(project, county, views.share_and_rank(project.frame, project.config))
    return rows, tables.profile_table(rows, Labels(project.config, lang))


def test_the_profiles_rank_and_share_follow_the_targets_meaning(capped):
    rows, zh = _profile(capped, "方山县", "zh")
    by = dict(zip(rows["indicator"], zh.to_dict("records")))
    assert (by["semi_assembly_minutes"]["排名"], by["semi_assembly_minutes"]["占全市比重"]) == ("6 / 6（上限，越小越靠前）", "—")
    assert (by["enterprise_teams"]["排名"], by["enterprise_teams"]["占全市比重"]) == ("不排名（≥ 与 ≤ 混合）", "—")
    assert (by["semi_attendance"]["排名"], by["semi_attendance"]["占全市比重"]) == ("2 / 3", "—")
    assert (by["pro_team_size"]["排名"], by["pro_team_size"]["占全市比重"]) == ("1 / 13", "9.1%")  # unchanged
    _, en = _profile(capped, "方山县", "en")
    assert en["Rank"].tolist()[list(rows["indicator"]).index("semi_assembly_minutes")] == "6 of 6 (a cap: smallest first)"


def test_share_notes_say_why_a_share_is_left_out(capped):
    rows, _ = _profile(capped, "交城县", "zh")
    assert tables.share_notes(rows, Labels(capped.config, "zh")) == (
        "半专业队伍集结时间、半专业队伍出勤率不计算占全市比重（“—”）：单位不可相加（如分钟、%）。"
        "每县企业兼职半专业扑火队伍数不计算占全市比重（“—”）：各县目标形式不一（≥、≤、区间与确数混合）。"
        "企业兼职半专业扑火队伍人数不计算占全市比重（“—”）：目标为区间，不是单一数值。")
    assert tables.share_notes(rows, Labels(capped.config, "en")) == (
        "No share of the city (“—”) for Semi-professional assembly time, Semi-professional turnout: the unit does not "
        "add up (e.g. minutes, %). No share of the city (“—”) for Enterprise teams per county: the targets mix forms "
        "(≥, ≤, ranges and exact values). No share of the city (“—”) for Enterprise team size: the targets are "
        "ranges, not single values.")


def test_no_share_note_for_the_shipped_data(shipped):
    rows, _ = _profile(shipped, "临县", "zh")
    assert tables.share_notes(rows, Labels(shipped.config, "zh")) == ""


@pytest.mark.parametrize("way, lang, bars, on_map", [
    ("asc", "zh", "上限 ≤：越小越严，最严者居首", "上限 ≤：颜色越深越严"),
    ("asc", "en", "caps ≤: the strictest (smallest) first", "caps ≤: darker = stricter (smaller)"),
    ("", "zh", "≥ 与 ≤ 混合，不排名", "≥ 与 ≤ 混合，颜色只表示数值大小"),
    ("", "en", "≥ and ≤ mixed: not ranked", "≥ and ≤ mixed: colour shows size only"),
    ("desc", "zh", "", ""),
])
def test_direction_notes(way, lang, bars, on_map):
    assert (tables.direction_note(way, lang), tables.direction_note(way, lang, on_map=True)) == (bars, on_map)


def test_an_approximate_metric_reads_about_in_english_never_yue():
    """issue 17: the English metric read '约88,930'; the sign is i18n.yaml's about_sign."""
    assert tables.metric("Total", "约88,930", "km", lang="en") == ("Total", "≈88,930 km")
    assert tables.metric("合计", "约88,930", "公里", lang="zh") == ("合计", "约88,930 公里")
