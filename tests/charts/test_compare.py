"""The compare heatmap (a row per target, a column per county) and the profile's share bars."""

from __future__ import annotations

import pandas as pd
import pytest

from targets.charts import compare as charts
from targets.charts.options import ChartOptions
from targets.analysis import views


def _compare(shipped, counties, mode):
    rows = views.compare(views.share_and_rank(shipped.frame, shipped.config), shipped.config, counties)
    keys = list(rows["indicator"] + "@" + rows["period"])
    return charts.compare_bars(rows, options=ChartOptions(highlight="兴县", no_value={"no_task": "无任务", "missing": "无数据"}),
                               title="t", mode=mode, row_labels=keys)


def test_compare_share_mode(shipped):
    heat = _compare(shipped, ["临县", "兴县"], "share").data[0]
    assert list(heat.x) == ["临县", "兴县"] and heat.y[0] == "sown_area@2021"
    assert round(heat.z[0][0], 2) == round(117.59 / 5, 2) and heat.text[0][0] == "23.5%"


@pytest.mark.parametrize("mode", ["raw", "share", "rank"])
def test_compare_labels_every_county_once_and_frames_the_highlight(shipped, mode):
    counties = ["离石区", "临县", "兴县", "石楼县", "交口县", "孝义市"]
    fig = _compare(shipped, counties, mode)
    assert list(fig.data[0].x) == counties and fig.layout.xaxis.side == "top"
    frame = [s for s in fig.layout.shapes if s.name == "highlight"]
    assert len(frame) == 1 and (frame[0].x0, frame[0].x1) == (1.5, 2.5)


def test_compare_raw_values_read_as_stated_coloured_within_their_row(shipped):
    fig = _compare(shipped, ["离石区", "临县"], "raw")
    heat = fig.data[0]
    rows = list(heat.y)
    sown = rows.index("sown_area@2021")
    assert list(heat.text[sown]) == ["20.07", "117.59"] and heat.z[sown][1] == 100  # the row's largest is 100
    team = rows.index("pro_team_size@2021")
    assert list(heat.text[team]) == ["≥100", "≥50"]                                # minimums keep their sign
    sewer = rows.index("sewer_km@2021")
    assert heat.text[sewer][0] == "无数据"  # 离石区 has no row in the sewer table: said, not left blank


def test_share_bars_say_share_and_rank(shipped):
    df = pd.DataFrame({"key": ["a", "b"], "share": [23.5, float("nan")], "label": ["117.59", "1"],
                       "text": ["117.59 · 23.5% · 排名 1 / 13", "x"]})
    fig = charts.share_bars(df, options=ChartOptions(), title="t", color="#999933")
    assert list(fig.data[0].text) == ["117.59 · 23.5% · 排名 1 / 13"]  # rows without a share are left out
