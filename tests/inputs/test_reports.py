"""targets.inputs.reports: completion reports and revisions are checked against config.yaml, and against each other,
with exact located messages in Chinese and English; valid reports become the reported-values frame."""

from __future__ import annotations

import pytest

from targets.core.errors import ConfigError

TRACKED = ('format: ".1f"}', 'format: ".1f", progress: {kind: flow}}')  # the mini project's sewer_km, tracked

REPORT = """\
theme: sewer
as_of: "2021-09-30"
source: {title: 2021年三季度雨污分流改造进展, reporter: 市住建局, received: "2021-10-08"}
values:
  - indicator: sewer_km
    period: "2021"
    rows: {交城: 6.1, 兴县: 4}
"""
LATER = REPORT.replace('"2021-09-30"', '"2021-12-31"').replace("交城: 6.1", "交城: 8.4")


@pytest.fixture
def tracked(mini):
    mini.edit("config.yaml", *TRACKED)
    mini.write("data/reports/2021-q3.yaml", REPORT)
    mini.chdir()
    return mini


def problems(mini, lang: str) -> list[str]:
    with pytest.raises(ConfigError) as err:
        mini.load()
    return [p.render(lang) for p in sorted(err.value.problems)]


def test_valid_reports_become_rows_with_official_names(tracked):
    tracked.write("data/reports/2021-q4.yaml", LATER)
    rows = tracked.load().reports
    assert sorted(zip(rows["as_of"].astype(str), rows["county"].astype(str), rows["value"])) == [
        ("2021-09-30", "交城县", 6.1), ("2021-09-30", "兴县", 4.0), ("2021-12-31", "交城县", 8.4), ("2021-12-31", "兴县", 4.0)]
    assert set(rows["file"].astype(str)) == {"data/reports/2021-q3.yaml", "data/reports/2021-q4.yaml"}
    assert set(rows["reporter"].astype(str)) == {"市住建局"} and not rows["sample"].any()


def test_no_reports_folder_is_no_reports(mini):
    assert len(mini.load().reports) == 0


# (file, old, new) edits of the report (or of another file), and the exact messages in zh and en.
BAD = {
    "unknown-county": ("data/reports/2021-q3.yaml", "兴县: 4", "新县: 4",
                       ["data/reports/2021-q3.yaml:7:25: values[0].rows.新县: 未知的县 '新县'；请在 config.yaml 的 counties: 下添加它（或作为别名）；你是不是想写 '兴县'？"],
                       ["data/reports/2021-q3.yaml:7:25: values[0].rows.新县: unknown county '新县'; add it under counties: in config.yaml (or as an alias); did you mean '兴县'?"]),
    "unknown-indicator": ("data/reports/2021-q3.yaml", "indicator: sewer_km", "indicator: sewer_kms",
                          ["data/reports/2021-q3.yaml:5:16: values[0].indicator: 主题 sewer 没有指标 'sewer_kms'；请在 config.yaml 中声明它，或使用 'sewer_km'；你是不是想写 'sewer_km'？"],
                          ["data/reports/2021-q3.yaml:5:16: values[0].indicator: unknown indicator 'sewer_kms' for theme sewer; declare it in config.yaml or use one of 'sewer_km'; did you mean 'sewer_km'?"]),
    "unknown-period": ("data/reports/2021-q3.yaml", 'period: "2021"', 'period: "2031"',
                       ["data/reports/2021-q3.yaml:6:13: values[0].period: 未知的期间 '2031'；请在 config.yaml 的 periods: 下声明它，或使用 '2021'、'2022' 或 'overall' 之一"],
                       ["data/reports/2021-q3.yaml:6:13: values[0].period: unknown period '2031'; declare it under periods: in config.yaml or use one of '2021', '2022' or 'overall'"]),
    "before-the-period": ("data/reports/2021-q3.yaml", 'period: "2021"', 'period: "2022"',
                          ["data/reports/2021-q3.yaml:2:8: as_of: as_of 2021-09-30 早于期间 '2022' 的开始（2022-01-01）；请核对日期或期间"],
                          ["data/reports/2021-q3.yaml:2:8: as_of: as_of 2021-09-30 is before period '2022' starts (2022-01-01); check the date or the period"]),
    "in-the-future": ("data/reports/2021-q3.yaml", 'as_of: "2021-09-30"', 'as_of: "2999-09-30"',
                      None, None),  # today's date is in the message: checked below
    "a-unit-in-the-value": ("data/reports/2021-q3.yaml", "兴县: 4", '兴县: "4公里"',
                            ["data/reports/2021-q3.yaml:7:25: values[0].rows.兴县: '4公里' 不是数字；完成数只写数字，单位是该指标的单位（例如写 12，不写 \"12公里\"）"],
                            ["data/reports/2021-q3.yaml:7:25: values[0].rows.兴县: '4公里' is not a number; write the amount only, in the indicator's unit (e.g. 12, not \"12公里\")"]),
    "untracked-indicator": ("config.yaml", 'format: ".1f", progress: {kind: flow}}', 'format: ".1f"}',
                            ["data/reports/2021-q3.yaml:5:16: values[0].indicator: 指标 'sewer_km' 没有声明进度的判断方式；请在 config.yaml 中为它加 progress: {kind: flow}（或 level、at_least、at_most）"],
                            ["data/reports/2021-q3.yaml:5:16: values[0].indicator: indicator 'sewer_km' does not say how its progress is judged; give it progress: {kind: flow} (or level, at_least, at_most) in config.yaml"]),
    "period-without-dates": ("data/reports/2021-q3.yaml", 'period: "2021"', "period: overall",
                             ["data/reports/2021-q3.yaml:6:13: values[0].period: 期间 'overall' 没有起止日期，无法判断进度；请在 config.yaml 的 periods: 中为它写 start 和 end"],
                             ["data/reports/2021-q3.yaml:6:13: values[0].period: period 'overall' has no dates, so progress cannot be judged; give it start and end under periods: in config.yaml"]),
}


@pytest.mark.parametrize("name, old, new, zh, en", [v for v in BAD.values()], ids=list(BAD))
def test_bad_report_is_reported_exactly(tracked, name, old, new, zh, en):
    tracked.edit(name, old, new)
    if zh is None:
        assert any("as_of 2999-09-30 晚于今天" in p for p in problems(tracked, "zh"))
        assert any("as_of 2999-09-30 is after today" in p for p in problems(tracked, "en"))
        return
    assert problems(tracked, "zh") == zh
    assert problems(tracked, "en") == en


def test_a_flow_that_falls_between_reports_names_both(tracked):
    tracked.write("data/reports/2021-q4.yaml", LATER.replace("交城: 8.4", "交城: 5"))
    assert problems(tracked, "en") == [
        "data/reports/2021-q4.yaml:7:16: values[0].rows.交城: sewer_km (2021) of 交城县 falls from 6.1 "
        "(data/reports/2021-q3.yaml, as of 2021-09-30) to 5.0 (as of 2021-12-31); an amount done within a period can "
        "only grow: check both reports"]
    assert problems(tracked, "zh") == [
        "data/reports/2021-q4.yaml:7:16: values[0].rows.交城: 交城县 的 sewer_km（2021）从 6.1（data/reports/2021-q3.yaml，"
        "截至 2021-09-30）减少到 5.0（截至 2021-12-31）；期内完成量只能累计增加，请核对两份报送"]


def test_two_reports_of_one_date_must_agree(tracked):
    tracked.write("data/reports/2021-q3-again.yaml", REPORT.replace("兴县: 4", "兴县: 4.5"))
    assert problems(tracked, "en") == [
        "data/reports/2021-q3.yaml:7:25: values[0].rows.兴县: sewer_km (2021) of 兴县 as of 2021-09-30 is 4.0 here "
        "but 4.5 in data/reports/2021-q3-again.yaml for the same date; one date has one number"]


def test_every_problem_in_every_report_at_once(tracked):
    tracked.write("data/reports/a.yaml", REPORT.replace("兴县: 4", "新县: 4"))
    tracked.write("data/reports/b.yaml", REPORT.replace('period: "2021"', 'period: "2031"'))
    tracked.edit("data/grain.yaml", "离石: [20.07, 21]", "离石县: [20.07, 21]")
    found = problems(tracked, "en")
    assert [p.split(":")[0] for p in found] == ["data/grain.yaml", "data/reports/a.yaml", "data/reports/b.yaml"]


REVISION = """
revisions:
  - {indicator: sewer_km, period: "2022", county: 交城, value: 5, effective: "2022-03-01",
     source: {doc_number: 吕政办函〔2022〕5号, title: 关于调整雨污分流改造任务的通知, issued: "2022-02-20"}, reason: 项目合并}
"""


def test_a_revision_is_kept_beside_the_original(tracked):
    tracked.append("data/sewer.yaml", REVISION)
    rev = tracked.load().data["sewer"].revisions
    assert [(r.county, r.value.value, r.effective, r.source.doc_number) for r in rev] == [
        ("交城", 5.0, "2022-03-01", "吕政办函〔2022〕5号")]


def test_a_revision_before_its_document_is_refused(tracked):
    tracked.append("data/sewer.yaml", REVISION.replace('effective: "2022-03-01"', 'effective: "2022-02-01"'))
    assert problems(tracked, "zh") == [
        "data/sewer.yaml:22:5: revisions[0]: 生效日期 2022-02-01 早于文件成文日期 2022-02-20；请核对 effective 或 source.issued"]
    assert problems(tracked, "en") == [
        "data/sewer.yaml:22:5: revisions[0]: takes effect on 2022-02-01, before the document was issued (2022-02-20); "
        "check effective or source.issued"]


def test_a_revision_of_an_unknown_county_is_refused(tracked):
    tracked.append("data/sewer.yaml", REVISION.replace("county: 交城", "county: 交城区"))
    assert problems(tracked, "en") == [
        "data/sewer.yaml:22:51: revisions[0].county: unknown county '交城区'; add it under counties: in config.yaml "
        "(or as an alias); did you mean '交城'?"]


def test_a_revision_cannot_give_a_county_a_task_it_never_had(tracked):
    tracked.append("data/sewer.yaml", REVISION.replace("county: 交城", "county: 市级"))  # 市级 2022 is "-"
    assert problems(tracked, "en") == [
        "data/sewer.yaml:22:5: revisions[0]: '市级' has no target for 'sewer_km' ('2022') to revise; check the county, "
        "indicator and period"]


def test_two_revisions_of_one_target_on_one_day_are_refused(tracked):
    second = REVISION.split("revisions:\n", 1)[1].replace("value: 5", "value: 7").replace("county: 交城", "county: 交城县")
    tracked.append("data/sewer.yaml", REVISION + second)
    found = problems(tracked, "en")
    assert len(found) == 1 and "is already revised on 2022-03-01 by revisions entry 0" in found[0]


def test_a_revision_to_no_task_leaves_nothing_to_judge(tracked):
    from datetime import date

    from targets.analysis import tracking

    tracked.append("data/sewer.yaml", REVISION.replace("value: 5", 'value: "-"'))
    table = tracking.status_table(tracked.load(), date(2022, 6, 30), "sewer")
    row = table[(table["county"] == "交城县") & (table["period"] == "2022")].iloc[0]
    assert (row["status"], row["reason"], row["target_original"], row["revision"]) == (
        "unassessable", "no_target", 6.0, "吕政办函〔2022〕5号")


def test_a_refused_value_hides_no_reference_check_of_the_others(tracked):
    """Issue 16's review: one value's model fails, and the other value's unknown county is still found."""
    two = REPORT + '  - indicator: sewer_km\n    period: "2022"\n    rows: {新县: 4}\n'
    tracked.write("data/reports/2021-q3.yaml", two.replace("交城: 6.1", '交城: "6.1公里"'))
    assert problems(tracked, "zh") == [
        "data/reports/2021-q3.yaml:2:8: as_of: as_of 2021-09-30 早于期间 '2022' 的开始（2022-01-01）；请核对日期或期间",
        "data/reports/2021-q3.yaml:7:16: values[0].rows.交城: '6.1公里' 不是数字；完成数只写数字，单位是该指标的单位"
        "（例如写 12，不写 \"12公里\"）",
        "data/reports/2021-q3.yaml:10:16: values[1].rows.新县: 未知的县 '新县'；请在 config.yaml 的 counties: 下添加它"
        "（或作为别名）；你是不是想写 '兴县'？",
    ]
    assert problems(tracked, "en") == [
        "data/reports/2021-q3.yaml:2:8: as_of: as_of 2021-09-30 is before period '2022' starts (2022-01-01); check the"
        " date or the period",
        "data/reports/2021-q3.yaml:7:16: values[0].rows.交城: '6.1公里' is not a number; write the amount only, in the"
        " indicator's unit (e.g. 12, not \"12公里\")",
        "data/reports/2021-q3.yaml:10:16: values[1].rows.新县: unknown county '新县'; add it under counties: in"
        " config.yaml (or as an alias); did you mean '兴县'?",
    ]


@pytest.mark.parametrize("when, zh, en", [
    ("2020-06-30", "时限 2020-06-30 早于期间 '2021' 的开始（2021-01-01）；请改为期间内的日期，或核对 period",
     "the deadline 2020-06-30 is before period '2021' starts (2021-01-01); write a date within the period, or check"
     " the period"),
    ("2022-03-31", "时限 2022-03-31 晚于期间 '2021' 的结束（2021-12-31）；时限只能提前到期日",
     "the deadline 2022-03-31 is after period '2021' ends (2021-12-31); a deadline can only bring the due date forward"),
])
def test_a_deadline_outside_its_period_is_refused(tracked, when, zh, en):
    tracked.edit("data/sewer.yaml", "figures:", "deadlines:\n  - {id: d1, zh: 期限, en: Due, date: \"%s\", ref: 一, quote: 期限, indicator: sewer_km,"
                 " period: \"2021\"}\nfigures:" % when)
    assert [p.split(": ", 2)[2] for p in problems(tracked, "zh")] == [zh]
    assert [p.split(": ", 2)[2] for p in problems(tracked, "en")] == [en]


def test_a_level_baseline_after_its_period_is_refused(mini):
    mini.edit("config.yaml", 'format: ".1f"}', 'format: ".1f", progress: {kind: level, baseline: {value: 0, date: "2023-01-01"}}}')
    mini.chdir()
    assert problems(mini, "zh")[0].split(": ", 2)[2] == (
        "指标 'sewer_km' 的 baseline 日期 2023-01-01 晚于期间 '2021' 的结束（2021-12-31）；请在 config.yaml 中把 baseline"
        " 改为该期间结束之前的日期")
    assert problems(mini, "en")[0].split(": ", 2)[2] == (
        "indicator 'sewer_km''s baseline 2023-01-01 is after period '2021' ends (2021-12-31); in config.yaml, date the"
        " baseline before the period ends")
