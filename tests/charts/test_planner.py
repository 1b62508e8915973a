"""The planner's charts: sizes against the gazette's minimum, and the planned items by county."""

from __future__ import annotations

import pandas as pd

from targets.charts import planner as planner_charts
from targets.charts.options import ChartOptions
from targets.charts.style import GREY

SIZES = pd.DataFrame({"county": ["甲县", "乙县"], "size": [120, 40], "minimum": [100, 50],
                      "minimum_label": ["≥100", "≥50"], "minimum_cites": ["表1", "表1"]})


def _sizes(**changes):
    return planner_charts.size_bars(SIZES, options=ChartOptions(unit="人", source_word="出处", **changes), title="t",
                                    size_word="人数", minimum_word="最低", below_word="低于最低")


def test_a_size_below_the_minimum_is_its_own_red_trace_and_the_minimum_a_tick():
    fig = _sizes()
    bars = [t for t in fig.data if t.type == "bar"]
    assert [t.name for t in bars] == ["人数", "人数 · 低于最低"]
    assert list(bars[0].x) == [120, None] and list(bars[1].x) == [None, 40]
    assert bars[1].marker.color[1] == planner_charts.BELOW
    tick = next(t for t in fig.data if t.type == "scatter")
    assert tick.name == "最低" and list(tick.x) == [100, 50]


def test_sizes_highlight_greys_the_others_and_names_come_from_the_options():
    fig = _sizes(highlight="甲县", names={"甲县": "Jia"})
    ok = fig.data[0]
    assert list(ok.y) == ["Jia", "乙县"] and ok.marker.color[1] == GREY


def test_item_bars_one_trace_per_item_with_the_quantity_as_text():
    rows = pd.DataFrame({
        "county": ["甲县", "乙县", "甲县", "乙县"], "item_id": ["a", "a", "b", "b"], "quantity": [2, 1, 10, 4],
        "label": ["2", "1", "10", "4"], "unit": ["台"] * 4, "basis_zh": ["每队"] * 4, "basis_en": ["per team"] * 4,
        "working": ["1×2"] * 4, "size": [120, 40, 120, 40], "source": ["标准"] * 4, "source_ref": ["表2"] * 4})
    fig = planner_charts.item_bars(rows, options=ChartOptions(lang="en", source_word="Source"), title="t",
                                   item_names={"a": "Pumps (units)", "b": "Tools"}, units={"台": "units"},
                                   y_title="Quantity", size_word="team")
    assert [t.name for t in fig.data] == ["Pumps (units)", "Tools"]
    assert list(fig.data[1].text) == ["10", "4"]
    assert fig.data[0].customdata[0][4] == "per team"  # the basis in the chosen language


def test_item_bars_of_a_plan_draw_the_plans_quantities(shipped):
    """From a small input (two counties' team sizes) through the planner to the figure: each bar is the plan's number."""
    from targets.analysis import planner, planner_views

    plan = planner.plan(shipped, {"离石区": 120, "临县": 60})
    items = planner_views.item_options(plan)[:2]
    rows = planner_views.chart_rows(plan, items)
    fig = planner_charts.item_bars(rows, options=ChartOptions(source_word="出处"), title="t",
                                   item_names={i: i for i in items}, units={}, y_title="数量", size_word="人数")
    assert [t.name for t in fig.data] == items
    for trace, item in zip(fig.data, items):
        want = rows[rows["item_id"] == item].set_index("county")["quantity"]
        assert dict(zip(trace.x, trace.y)) == {c: want[c] for c in want.index}
