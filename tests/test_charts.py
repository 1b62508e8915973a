"""Charts are tested by their figure's data, not images."""

from __future__ import annotations

import pandas as pd

from targets import charts, views


def _sewer(shipped, period="2021"):
    rows = views.indicator_slice(shipped.frame, shipped.config, "sewer", "sewer_km", period)
    return views.ranked(rows)


def test_ranked_bars_order_text_and_hover(shipped):
    rows = _sewer(shipped)
    fig = charts.ranked_bars(rows, title="t", unit_label="公里", indicator_label="改造", names=rows["county"], fmt=".1f")
    bar = fig.data[0]
    assert list(bar.y[:2]) == ["新区", "孝义市"] and bar.x[0] == 62
    assert bar.text[0] == "62.0"
    assert "吕政办发〔2021〕17号" in bar.customdata[0][3]


def test_no_task_rows_have_no_bar_and_say_so(shipped):
    rows = _sewer(shipped, "2023")
    fig = charts.ranked_bars(rows, title="t", unit_label="公里", indicator_label="改造", names=rows["county"],
                             no_value_text={"no_task": "无任务"})
    texts = dict(zip(fig.data[0].y, fig.data[0].text))
    assert texts["新区"] == "无任务" and fig.data[0].x[list(fig.data[0].y).index("新区")] == 0


def test_highlight_keeps_one_colour(shipped):
    rows = _sewer(shipped)
    fig = charts.ranked_bars(rows, title="t", unit_label="公里", indicator_label="改造", names=rows["county"], highlight="石楼县")
    colors = dict(zip(fig.data[0].y, fig.data[0].marker.color))
    assert colors["石楼县"] == "#CC6677" and colors["新区"] == charts.GREY


def test_markup_in_labels_is_escaped():
    df = pd.DataFrame({"county": ["<b>x</b>"], "value": [1.0], "upper": [float("nan")], "comparator": ["eq"],
                       "status": ["value"], "label": ["1"], "color": ["#000000"], "source": ["<script>"], "source_ref": ["r"]})
    fig = charts.ranked_bars(df, title="<img src=x onerror=alert(1)>", unit_label="u", indicator_label="i", names=df["county"])
    assert fig.layout.title.text == "&lt;img src=x onerror=alert(1)&gt;"
    assert fig.data[0].y[0] == "&lt;b&gt;x&lt;/b&gt;"
    assert "&lt;script&gt;" in fig.data[0].customdata[0][3]


def test_period_bars_one_trace_per_period_and_no_task_marks(shipped):
    per = views.by_period(shipped.frame, shipped.config, "sewer", "sewer_km")
    fig = charts.period_bars(per, title="t", unit_label="公里", indicator_label="改造", names={}, period_names={})
    assert [t.name for t in fig.data if t.type == "bar"] == ["2021", "2022", "2023"]
    marks = [t for t in fig.data if t.type == "scatter"][0]
    assert len(marks.x) == 4 + 7  # '-' cells: 4 in 2022, 7 in 2023


def test_progress_animation_has_a_frame_per_year_and_the_goal(shipped):
    spec = next(p for p in shipped.config.progress if p.theme == "sewer")
    prog = views.progress(shipped.frame, shipped.config, spec)
    fig = charts.progress_animation(prog, title="t", unit_label="公里", bar_name="累计", target_name="", goal_name="总任务",
                                    period_names={})
    assert len(fig.frames) == 4
    assert [round(v, 3) for v in fig.frames[1].data[0].y] == [107.142, 312.242]
    assert any(s.y0 == 385 for s in fig.layout.shapes)
    assert [s.label for s in fig.layout.sliders[0].steps] == ["2020", "2021", "2022", "2023"]


def test_compare_share_mode(shipped):
    rows = views.compare(views.share_and_rank(shipped.frame, shipped.config), shipped.config, ["临县", "兴县"])
    keys = list(rows["indicator"] + "@" + rows["period"])
    fig = charts.compare_bars(rows, title="t", mode="share", names={}, colors={"临县": "#999933", "兴县": "#117733"},
                              row_labels=keys, highlight="兴县")
    heat = fig.data[0]
    assert list(heat.x) == ["临县", "兴县"] and heat.y[0] == "sown_area@2021"
    assert round(heat.z[0][0], 2) == round(117.59 / 5, 2) and heat.text[0][0] == "23.5%"
    frame = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(frame) == 1 and (frame[0].x0, frame[0].x1) == (0.5, 1.5)  # the highlighted county's column
