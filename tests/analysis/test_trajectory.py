"""targets.analysis.trajectory on the sample reports: the path steps at each period end by its target in force, the
gazette's completion is the first step, and the rate still needed uses the revised target."""

from __future__ import annotations

from datetime import date

import pytest

from targets.analysis import progress_views, tracking, trajectory
from targets.inputs.load import load_project
from tests.conftest import script


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return load_project(script("make_example").build(tmp_path_factory.mktemp("sample") / "project"))


def test_the_city_path_starts_with_the_gazettes_completion(sample):
    path = trajectory.trajectory(sample, "sewer", "sewer_km", "全市", date(2021, 9, 30))
    # 107.142 done in 2020, then the annex totals 205.1, 96.7, 38.1 added at each year's end
    assert [round(v, 3) for v in path["path"]["value"]] == [0.0, 107.142, 312.242, 408.942, 447.042]
    assert path["actual"]["value"].iloc[0] == pytest.approx(107.142)
    assert path["needed"]["remaining"] == pytest.approx(205.1 - (247.742 - 107.142))


def test_the_rate_needed_uses_the_revised_target(sample):
    needed = trajectory.trajectory(sample, "sewer", "sewer_km", "孝义市", date(2022, 6, 30))["needed"]
    assert (needed["target"], needed["remaining"]) == (26.0, 10.0)  # revised 30 -> 26 from 2022-03-01; 16 done


def test_the_overdue_list_keeps_earlier_periods(sample):
    at = date(2022, 6, 30)
    rows = progress_views.current(sample, at)
    everything = tracking.status_table(sample, at)
    listed = progress_views.attention(rows, everything)
    earlier = everything[(everything["level"] == "county") & (everything["status"] == "overdue") & (everything["period"] == "2021")]
    assert len(earlier) > 0 and set(zip(earlier["indicator"], earlier["county"])) <= set(
        zip(listed.loc[listed["period"] == "2021", "indicator"], listed.loc[listed["period"] == "2021", "county"]))
    assert list(listed["status"]) == sorted(listed["status"], key=progress_views.SEVERITY.get)
