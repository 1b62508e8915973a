"""targets/analysis/progress_views.py: a theme filter is the all-themes judgement filtered (nothing judged anew),
the overdue list keeps earlier periods, and the scorecard's rows follow the columns asked for."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from targets.analysis import progress_views, tracking
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
def test_late_is_every_overdue_county_target_of_the_theme(sample, as_of, theme):
    table = tracking.status_table(sample, as_of, theme)
    expected = table[(table["status"] == "overdue") & (table["level"] == "county")]
    late = progress_views.late(sample, as_of, theme)
    assert sorted(zip(late["indicator"], late["period"], late["county"])) == \
        sorted(zip(expected["indicator"], expected["period"], expected["county"]))


def test_earlier_overdue_periods_stay_on_the_list(sample):
    at = date(2022, 6, 30)
    listed = progress_views.attention(progress_views.current(sample, at), progress_views.late(sample, at))
    assert "2021" in set(listed["period"])  # 2021's unmet sewer targets are overdue in mid-2022
    assert list(listed["status"]) == sorted(listed["status"], key=progress_views.SEVERITY.get)


def test_scorecard_rows_follow_the_columns_asked_for(sample):
    rows = progress_views.current(sample, date(2021, 9, 30))
    picked = ["兴县", "临县", "交城县"]
    grid = progress_views.scorecard_rows(rows, picked)
    assert list(dict.fromkeys(grid["county"])) == picked
    assert list(grid.index) == list(range(len(grid)))
    assert set(grid["level"]) == {"county"}
