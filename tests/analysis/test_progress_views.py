"""targets/analysis/progress_views.py: a theme filter is the all-themes judgement filtered (nothing judged anew),
the overdue list keeps earlier periods, and the scorecard's rows follow the columns asked for."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from targets.analysis import progress_views, tracking
from targets.frame.i18n import Labels
from targets.inputs.load import load_project
from tests.conftest import script

DATES = [date(2021, 4, 5), date(2021, 9, 30), date(2022, 6, 30), date(2023, 12, 31)]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return load_project(script("make_example").build(tmp_path_factory.mktemp("sample") / "project"))


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    return df.astype(object).reset_index(drop=True)


@pytest.mark.parametrize("as_of", DATES)
@pytest.mark.parametrize("theme", ["grain", "sewer", "pigs", "forest_fire"])
def test_a_theme_filter_equals_judging_the_theme_alone(sample, as_of, theme):
    themes = {i.id: th.id for th in sample.config.themes for i in th.indicators}
    only = tuple(sorted((i, p) for i in tracking.tracked(sample) if themes[i] == theme
                        and (p := tracking.current_period(sample, i, as_of)) is not None))
    alone = tracking.status_table(sample, as_of, theme, only)
    pd.testing.assert_frame_equal(_plain(progress_views.current(sample, as_of, theme)), _plain(alone))


@pytest.mark.parametrize("as_of", DATES)
@pytest.mark.parametrize("theme", [None, "sewer", "forest_fire"])
def test_a_theme_list_from_the_whole_table_equals_the_themes_own(sample, as_of, theme):
    """The page lists from the all-themes status table with a theme mask; judged per theme it is the same list."""
    own = progress_views.attention(progress_views.current(sample, as_of, theme), tracking.status_table(sample, as_of, theme))
    listing = progress_views.attention_list(progress_views.current(sample, as_of, theme),
                                            tracking.status_table(sample, as_of), theme)
    keys = ["theme", "indicator", "period", "county", "status", "ratio"]
    assert len(listing) == len(own)
    assert listing.rows()[keys].astype(object).equals(own[keys].astype(object))
    assert listing.count("overdue") == int((own["status"] == "overdue").sum())


def test_a_page_of_the_list_is_its_slice(sample):
    at = date(2022, 6, 30)
    listing = progress_views.attention_list(progress_views.current(sample, at), tracking.status_table(sample, at))
    whole = listing.rows()
    n_overdue = listing.count("overdue")
    assert 0 < n_overdue < len(listing)  # the slice below crosses from the overdue part into the rest
    a, b = n_overdue - 2, n_overdue + 3
    assert listing.rows(a, b)[["indicator", "county", "status"]].astype(object).equals(
        whole.iloc[a:b].reset_index(drop=True)[["indicator", "county", "status"]].astype(object))
    assert len(listing.rows(len(listing) + 5, len(listing) + 10)) == 0


def test_a_county_filter_keeps_only_those_counties(sample):
    at = date(2022, 6, 30)
    listing = progress_views.attention_list(progress_views.current(sample, at), tracking.status_table(sample, at),
                                            counties=("临县", "兴县"))
    assert set(listing.rows()["county"].astype(object)) <= {"临县", "兴县"} and len(listing) > 0


def test_earlier_overdue_periods_stay_on_the_list(sample):
    at = date(2022, 6, 30)
    listed = progress_views.attention(progress_views.current(sample, at), tracking.status_table(sample, at))
    assert "2021" in set(listed["period"])  # 2021's unmet sewer targets are overdue in mid-2022
    assert list(listed["status"]) == sorted(listed["status"], key=progress_views.SEVERITY.get)


def test_scorecard_rows_follow_the_columns_asked_for(sample):
    rows = progress_views.current(sample, date(2021, 9, 30))
    picked = ["兴县", "临县", "交城县"]
    grid = progress_views.scorecard_rows(rows, picked)
    assert list(dict.fromkeys(grid["county"])) == picked
    assert list(grid.index) == list(range(len(grid)))
    assert set(grid["level"]) == {"county"}


def test_english_readers_get_a_reports_english_title(sample):
    at = date(2021, 9, 30)
    rows = progress_views.current(sample, at, "sewer")
    assert "(Sample) Sewer separation progress, Q3 2021" in tracking.source_line(sample, rows, "en", at)
    assert "（示例）2021年三季度雨污分流改造进展" in tracking.source_line(sample, rows, "zh", at)
    assert "Q3 2021" not in tracking.source_line(sample, rows, "en", date(2021, 9, 29))  # not yet reported then
    labels_en = Labels(sample.config, "en")
    lines = progress_views.history_lines(progress_views.history(sample, "临县"), labels_en, {}, {})
    assert any("(Sample) Notice adjusting" in line for line in lines)
    assert not any("（示例）关于调整" in line for line in lines)



def test_the_table_names_a_report_by_its_english_title_in_english(sample):
    rows = progress_views.current(sample, date(2021, 9, 30), "sewer")
    rows = rows[rows["county"] == "临县"]
    formats = {}
    en = progress_views.display(rows, Labels(sample.config, "en"), formats, tracking.report_names(sample, "en"))
    zh = progress_views.display(rows, Labels(sample.config, "zh"), formats, tracking.report_names(sample, "zh"))
    assert list(en["Report"]) == ["2021-09-30 (Sample) Sewer separation progress, Q3 2021"]
    assert list(zh["报送"]) == ["2021-09-30 （示例）2021年三季度雨污分流改造进展"]
