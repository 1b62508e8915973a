"""Tables people read: translated headers, signs kept, ids only as extra columns in downloads."""

from __future__ import annotations

import io

import pandas as pd

from targets import export, tables, views
from targets.i18n import Labels


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
    off = tables.off_map(rows, Labels(project.config, "zh"), "公里")
    assert off.to_dict("records") == [{"县（市、区）": "市级", "目标": "无任务"}]
