"""The year-by-year animation: a frame per year, the goal line named in the legend, years above the goal marked."""

from __future__ import annotations

from targets.charts import animation as charts
from targets.charts.options import ChartOptions
from targets.analysis import views

SOURCE = "来源：吕政办发〔2021〕17号（2021-04-05）附件 表"
SEWER = ChartOptions(unit="公里", indicator="改造")  # the words of the sewer charts; ids shown as they are


def _annotations(fig, name):
    return [a for a in fig.layout.annotations if a.name == name]


def _progress(shipped, theme="sewer"):
    spec = next(p for p in shipped.config.progress if p.theme == theme)
    return views.progress(shipped.frame, shipped.config, spec)


def test_progress_animation_has_a_frame_per_year_and_the_goal(shipped):
    fig = charts.progress_animation(_progress(shipped), options=SEWER, title="t", bar_name="累计", target_name="",
                                    goal_name="总任务", play="播放", pause="暂停")
    assert len(fig.frames) == 4
    assert [round(v, 3) for v in fig.frames[1].data[0].y] == [107.142, 312.242]
    assert any(s.y0 == 385 for s in fig.layout.shapes)
    assert [s.label for s in fig.layout.sliders[0].steps] == ["2020", "2021", "2022", "2023"]


def test_progress_legend_names_every_entry_and_buttons_are_plain_text(shipped):
    """No unnamed legend entry (the sewer has no yearly targets, so no diamonds); no ⏸ glyph (a box in CJK fonts)."""
    fig = charts.progress_animation(_progress(shipped), options=SEWER, title="t", bar_name="累计", target_name="",
                                    goal_name="总任务", play="播放", pause="暂停")
    in_legend = [t for t in fig.data if t.showlegend is not False]
    assert [t.name for t in in_legend] == ["累计", "总任务 385 公里"]
    assert not [t for t in fig.data if t.type == "scatter" and t.mode == "markers+text"]
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == ["播放", "暂停"]


def test_progress_marks_the_years_above_the_goal_and_draws_the_note(shipped):
    note = "* 总任务与已完成加三年计划不一致"
    fig = charts.progress_animation(_progress(shipped), options=SEWER.but(source=SOURCE), title="t", bar_name="累计",
                                    target_name="", goal_name="总任务", play="播放", pause="暂停", note=note)
    assert list(fig.data[0].text) == ["107.142", "312.242", "408.942*", "447.042*"]
    assert _annotations(fig, "note")[0].text.replace("<br>", "") == note
    assert _annotations(fig, "source")[0].yshift < _annotations(fig, "note")[0].yshift  # the source line last


def test_progress_with_yearly_targets_draws_and_names_them(shipped):
    fig = charts.progress_animation(_progress(shipped, "pigs"), options=ChartOptions(unit="万头"), title="t", bar_name="累计",
                                    target_name="出栏产能目标", goal_name="", play="播放", pause="暂停")
    diamonds = [t for t in fig.data if t.type == "scatter" and t.mode == "markers+text"]
    assert len(diamonds) == 1 and diamonds[0].name == "出栏产能目标"
