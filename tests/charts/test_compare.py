"""The compare heatmap (a row per target, a column per county) and the profile's share bars."""

from __future__ import annotations

import pandas as pd
import pytest

from targets.charts import compare as charts
from targets.charts.options import ChartOptions
from targets.analysis import views
from tests.analysis.capped import capped  # noqa: F401  (the fixture)


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


REASONS = {"not_summable": "单位不可相加", "mixed": "形式不一", "range": "区间", "": "不排名"}


def _capped_compare(capped, mode):
    from targets.analysis import tables
    from targets.frame.i18n import Labels

    rows = views.compare(views.share_and_rank(capped.frame, capped.config), capped.config, ["交城县", "方山县"])
    keys = tables.compare_keys(rows, Labels(capped.config, "zh"))
    fig = charts.compare_bars(rows, options=ChartOptions(no_value={"no_task": "无任务"}), title="t", mode=mode,
                              row_labels=keys, reasons=REASONS)
    heat = fig.data[0]
    return {k: (list(text), list(why)) for k, text, why in zip(heat.y, heat.text, heat.customdata)}


def test_compare_shares_of_minutes_mixed_forms_and_ranges_read_a_dash_and_say_why(capped):
    cells = _capped_compare(capped, "share")
    assert cells["半专业队伍集结时间·2021年（分钟）"] == (["—", "—"], ["<br>单位不可相加", "<br>单位不可相加"])
    assert cells["每县企业兼职半专业扑火队伍数·2021年（支）"] == (["—", "—"], ["<br>形式不一", "<br>形式不一"])
    assert cells["企业兼职半专业扑火队伍人数·2021年（人）"] == (["—", "无任务"], ["<br>区间", ""])
    assert cells["县级专业森林草原消防队伍人数·2021年（人）"] == (["9.1%", "9.1%"], ["", ""])


def test_compare_ranks_caps_smallest_first_and_leaves_mixed_forms_unranked(capped):
    cells = _capped_compare(capped, "rank")
    assert cells["半专业队伍集结时间·2021年（分钟）"] == (["4/6", "6/6"], ["", ""])  # ≤30 before ≤45
    assert cells["每县企业兼职半专业扑火队伍数·2021年（支）"] == (["—", "—"], ["<br>不排名", "<br>不排名"])
