"""Charts are tested by their figure's data, not images: what is drawn, where labels go, what the legend says."""

from __future__ import annotations

import pandas as pd
import pytest

from targets.charts import bars as charts, style as plotstyle
from targets.charts.options import ChartOptions
from targets.analysis import views
from tests.analysis.capped import capped  # noqa: F401  (the fixture)

SOURCE = "来源：吕政办发〔2021〕17号（2021-04-05）附件 表"
SEWER = ChartOptions(unit="公里", indicator="改造")  # the words of the sewer charts; ids shown as they are


def _sewer(shipped, period="2021"):
    rows = views.indicator_slice(shipped.frame, shipped.config, "sewer", "sewer_km", period)
    return views.ranked(rows)


def _annotations(fig, name):
    return [a for a in fig.layout.annotations if a.name == name]


def test_ranked_bars_order_text_and_hover(shipped):
    rows = _sewer(shipped)
    fig = charts.ranked_bars(rows, options=SEWER.but(source_word="来源"), title="t", fmt=".1f")
    bar = fig.data[0]
    assert list(bar.y[:2]) == ["新区", "孝义市"] and bar.x[0] == 62
    assert bar.text[0] == "62.0"
    assert bar.customdata[0][3].startswith("来源: 吕政办发〔2021〕17号")


def test_ranked_bars_leave_room_for_the_longest_text(shipped):
    rows = _sewer(shipped)
    narrow, wide = (charts.ranked_bars(rows, options=SEWER.but(width=w), title="t") for w in (300, 1200))
    assert narrow.layout.xaxis.range[1] > wide.layout.xaxis.range[1] > 62  # the text "62" needs more of a narrow axis
    assert narrow.data[0].constraintext == "none"  # one text size, never shrunk bar by bar


def test_no_task_rows_have_no_bar_and_say_so(shipped):
    rows = _sewer(shipped, "2023")
    fig = charts.ranked_bars(rows, options=SEWER.but(no_value={"no_task": "无任务"}), title="t")
    texts = dict(zip(fig.data[0].y, fig.data[0].text))
    assert texts["新区"] == "无任务" and fig.data[0].x[list(fig.data[0].y).index("新区")] == 0


def test_highlight_keeps_one_colour(shipped):
    rows = _sewer(shipped)
    fig = charts.ranked_bars(rows, options=SEWER.but(highlight="石楼县"), title="t")
    colors = dict(zip(fig.data[0].y, fig.data[0].marker.color))
    own = next(c.color for c in shipped.config.counties if c.name == "石楼县")  # its colour in config.yaml
    assert colors["石楼县"] == own and colors["新区"] == charts.GREY


def test_average_line_is_labelled_above_the_bars_and_never_crosses_a_value(shipped):
    rows = _sewer(shipped, "2022")  # average 9.7: 9.0 (文水县) and 8.5 (临县) have their text where the line is
    fig = charts.ranked_bars(rows, options=SEWER.but(width=600), title="t", fmt=".1f",
                             reference=[("县均值", 9.7)], ref_fmt=".1f")
    label = _annotations(fig, "reference")[0]
    assert (label.text, label.yref, label.y, label.yanchor) == ("县均值 9.7", "paper", 1, "bottom")  # above the plot
    segments = [s for s in fig.layout.shapes if s.name == "reference"]
    covered = {i for s in segments for i in range(int(s.y0 + 0.5), int(s.y1 + 0.5))}
    y = list(fig.data[0].y)
    assert y.index("文水县") not in covered and y.index("临县") not in covered   # gaps at the crossed texts
    assert y.index("孝义市") in covered                                          # the line crosses long bars


def test_markup_in_labels_is_escaped():
    df = pd.DataFrame({"county": ["<b>x</b>"], "value": [1.0], "upper": [float("nan")], "comparator": ["eq"],
                       "status": ["value"], "label": ["1"], "color": ["#000000"], "source": ["<script>"], "source_ref": ["r"]})
    fig = charts.ranked_bars(df, options=ChartOptions(unit="u", indicator="i", source="<i>src</i>"),
                             title="<img src=x onerror=alert(1)>")
    assert fig.layout.title.text == "&lt;img src=x onerror=alert(1)&gt;"
    assert fig.data[0].y[0] == "&lt;b&gt;x&lt;/b&gt;"
    assert "&lt;script&gt;" in fig.data[0].customdata[0][3]
    assert _annotations(fig, "source")[0].text == "&lt;i&gt;src&lt;/i&gt;"


def test_the_source_line_is_drawn_in_the_figure_under_the_x_axis(shipped):
    """The camera button's PNG carries the citation: it is an annotation below the plot, clear of the ticks."""
    rows = _sewer(shipped)
    fig = charts.ranked_bars(rows, options=SEWER.but(source=SOURCE), title="t")
    src = _annotations(fig, "source")[0]
    assert src.text.replace("<br>", "") == SOURCE
    assert (src.yref, src.y, src.yanchor) == ("paper", 0, "top") and src.yshift <= -20  # below the tick labels
    assert fig.layout.margin.b >= -src.yshift + 14                                     # and inside the figure


def test_long_titles_wrap_to_the_charts_width():
    title = "County professional team size (people) · 2021 · counties ranked"
    df = pd.DataFrame({"county": ["a"], "value": [1.0], "upper": [float("nan")], "comparator": ["eq"], "status": ["value"],
                       "label": ["1"], "color": ["#000000"], "source": ["s"], "source_ref": ["r"]})
    narrow = charts.ranked_bars(df, options=ChartOptions(unit="u", indicator="i", width=450), title=title)
    wide = charts.ranked_bars(df, options=ChartOptions(unit="u", indicator="i", width=1200), title=title)
    assert narrow.layout.title.text.count("<br>") == 1 and "<br>" not in wide.layout.title.text
    assert narrow.layout.margin.t > wide.layout.margin.t


def test_period_bars_one_trace_per_period_and_no_task_marks(shipped):
    per = views.by_period(shipped.frame, shipped.config, "sewer", "sewer_km")
    fig = charts.period_bars(per, options=SEWER, title="t")
    assert [t.name for t in fig.data if t.type == "bar"] == ["2021", "2022", "2023"]
    marks = [t for t in fig.data if t.type == "scatter"][0]
    assert len(marks.x) == 4 + 7  # '-' cells: 4 in 2022, 7 in 2023


@pytest.mark.parametrize("width, angle, shown", [(3000, 0, True), (900, -90, True), (300, 0, False)])
def test_period_labels_turn_upright_or_hide_rather_than_overprint(shipped, width, angle, shown):
    """'3.43.4': neighbouring labels collided. Across when a bar is wide enough, upright when it is a line tall,
    else none (the hover keeps the number)."""
    per = views.by_period(shipped.frame, shipped.config, "sewer", "sewer_km")
    fig = charts.period_bars(per, options=SEWER.but(width=width), title="t")
    bars = [t for t in fig.data if t.type == "bar"]
    assert all((t.text is not None) == shown for t in bars)
    if shown:
        assert {t.textangle for t in bars} == {angle}


def test_frame_fonts_grow_for_presenting():
    assert plotstyle.sizes(True)["base"] > plotstyle.sizes(False)["base"]


def test_caps_are_drawn_strictest_on_top_and_a_range_as_a_range(capped):
    rows = views.ranked(views.indicator_slice(capped.frame, capped.config, "forest_fire", "semi_assembly_minutes", "2021"))
    fig = charts.ranked_bars(rows, options=ChartOptions(unit="分钟", indicator="集结"), title="t")
    bar = fig.data[0]
    assert list(bar.y) == ["兴县", "中阳县", "文水县", "离石区", "交城县", "方山县"]  # ≤45, the loosest, last
    assert list(bar.text) == ["10–20", "≤20", "25", "≤30", "≤30", "≤45"]
    # 10–20 spans 10 to 20 (base 10, length 10); every other bar starts at 0
    assert (list(bar.base), list(bar.x)) == ([10, 0, 0, 0, 0, 0], [10, 20, 25, 30, 30, 45])


def test_bars_without_a_range_have_no_base(shipped):
    assert charts.ranked_bars(_sewer(shipped), options=SEWER, title="t").data[0].base is None


def test_period_bars_stand_a_range_from_its_low_to_its_high_end():
    df = pd.DataFrame({"county": ["甲", "乙"] * 2, "period": ["2021", "2021", "2022", "2022"],
                       "value": [30.0, 40.0, 5.0, 6.0], "upper": [50.0, float("nan"), float("nan"), float("nan")],
                       "comparator": ["range", "eq", "eq", "eq"], "status": ["value"] * 4,
                       "label": ["30–50", "40", "5", "6"], "source": ["s"] * 4, "source_ref": ["r"] * 4})
    fig = charts.period_bars(df, options=ChartOptions(unit="人", indicator="i"), title="t")
    first, second = fig.data[:2]
    assert (list(first.base), list(first.y), list(first.text)) == ([30, 0], [20, 40], ["30–50", "40"])
    assert second.base is None and list(second.y) == [5, 6]
    assert fig.layout.yaxis.range[1] > 50  # room for the range's high end
