"""Citations drawn inside charts: short enough for a figure, complete enough to check (document, date, place)."""

from __future__ import annotations

from targets.analysis import checks, cite, views


def test_short_caption_names_document_date_and_places(shipped):
    rows = views.indicator_slice(shipped.frame, shipped.config, "sewer", "sewer_km", "2021")
    zh = cite.short_caption(rows, "zh")
    assert zh.startswith("来源：吕政办发〔2021〕17号（2021-04-05）附件")
    assert "《" not in zh  # the title is on the page; the figure keeps number, date and place
    assert cite.short_caption(rows, "en").startswith("Source: 吕政办发〔2021〕17号 (2021-04-05)")
    assert cite.short_caption(rows, "zh", with_ref=False) == "来源：吕政办发〔2021〕17号（2021-04-05）"
    assert cite.short_caption(rows.iloc[:0], "zh") == ""


def test_short_cites_keep_each_document_once_without_quotes():
    cites = ("吕政办发〔2021〕17号 一、工作目标「全市 2020 年已完成 107.142 公里」；"
             "吕政办发〔2021〕17号 附件 任务表 · 2021年（公里） · 合计；吕政办发〔2021〕17号 附件 任务表 · 2022年（公里） · 合计")
    assert cite.short_cites(cites) == "吕政办发〔2021〕17号 一、工作目标、附件 任务表"


def test_the_sewer_goal_discrepancy_is_explained_from_the_check(shipped):
    """385 against 447.042: the note comes from the data-quality finding, citing both places; never hard-coded."""
    spec = next(p for p in shipped.config.progress if p.theme == "sewer")
    prog = views.progress(shipped.frame, shipped.config, spec)
    goal, last = float(prog["goal"].iloc[0]), float(prog["cumulative"].iloc[-1])
    findings = checks.report(shipped)
    note = cite.discrepancy(findings, theme="sewer", values=(goal, last), unit="公里", lang="zh", mark="*")
    assert note.startswith("* 2020–2023年总任务与2020年已完成加三年计划不一致：385 公里（吕政办发〔2021〕17号 一、工作目标）")
    assert "107.142 + 205.1 + 96.7 + 38.1 = 447.042 公里" in note and "数据质量" in note
    assert cite.discrepancy(findings, theme="sewer", values=(385, 400), unit="公里", lang="zh", mark="*") == ""
    en = cite.discrepancy(findings, theme="sewer", values=(last, goal), unit="km", lang="en", mark="*")
    assert en.startswith("* The 2020–2023 goal vs 2020 done plus the three yearly totals differ: 385 km")
