"""The progress page (AppTest): on the gazette alone, and on the sample reports of examples/progress, whose every
view says 示例数据. What it shows is derived from the status engine, so the page and the CLI agree."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from targets.analysis import progress_views, tracking
from targets.inputs.load import load_project
from targets.schema import pages as registry
from tests.conftest import script
from tests.pagetest import app, specs

REPO = Path(__file__).resolve().parents[2]


def _example_builder():
    return script("make_example")


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    return _example_builder().build(tmp_path_factory.mktemp("example") / "project")


@pytest.fixture
def on_example(example, monkeypatch) -> Path:
    monkeypatch.setenv("TARGETS_CONFIG", str(example))
    return example


def test_the_gazette_alone_opens_at_its_own_completion():
    at = app("progress")
    assert not at.exception, [e.value for e in at.exception]
    assert at.date_input(key="w:asof").value == date(2021, 4, 5)  # 吕政办发〔2021〕17号: 107.142 km done in 2020
    assert not at.warning  # no sample data, no sample banner
    assert "示例" not in " ".join(s["layout"]["title"]["text"] for s in specs(at))


def test_sample_reports_are_marked_and_judged(on_example):
    at = app("progress", asof="2021-09-30")
    assert not at.exception, [e.value for e in at.exception]
    assert any("示例数据（非真实）" in w.value for w in at.warning)
    titles = [s["layout"]["title"]["text"] for s in specs(at)]
    assert all("示例数据" in t.replace("<br>", "") for t in titles), titles
    project = load_project(on_example)
    rows = progress_views.current(project, date(2021, 9, 30))
    urgent = progress_views.attention(rows, tracking.status_table(project, date(2021, 9, 30)))
    table = at.dataframe[0].value
    assert len(table) == len(urgent) and len(urgent) > 0
    assert list(table.iloc[:, 0]) == list(urgent["county"])  # zh labels are the config names, worst first
    good, total = progress_views.card(rows)
    assert at.metric[0].value == f"{good} / {total}"
    assert at.query_params["asof"] in (["2021-09-30"], "2021-09-30")


def test_a_later_date_changes_the_statuses(on_example):
    at = app("progress", asof="2021-06-30")
    before = at.metric[0].value
    at.date_input(key="w:asof").set_value(date(2021, 12, 31)).run()
    assert not at.exception
    project = load_project(on_example)
    good, total = progress_views.card(progress_views.current(project, date(2021, 12, 31)))
    assert at.metric[0].value == f"{good} / {total}" != before


def test_english_reads_english(on_example):
    at = app("progress", asof="2021-09-30", lang="en")
    assert not at.exception
    assert any("Sample data (not real)" in w.value for w in at.warning)
    assert [m.label for m in at.metric][0] == "● On track"


def test_a_bad_date_in_the_link_falls_back_with_a_notice(on_example):
    at = app("progress", asof="2021-02-30")
    assert not at.exception
    assert at.date_input(key="w:asof").value == tracking.default_as_of(load_project(on_example))


def test_a_theme_page_switches_to_progress_and_back(on_example):
    at = app("sewer", view="progress", asof="2021-09-30")
    assert not at.exception, [e.value for e in at.exception]
    assert at.radio(key="w:view:sewer").value == "progress"
    project = load_project(on_example)
    table = tracking.status_table(project, date(2021, 9, 30), "sewer")
    rows = table[(table["indicator"] == "sewer_km") & (table["period"] == "2021")]
    bars = next(s for s in specs(at) if "完成情况" in s["layout"]["title"]["text"].replace("<br>", ""))
    assert sorted(bars["data"][0]["y"]) == sorted(rows.loc[rows["level"] == "county", "county"])  # zh names = config names
    city = rows[rows["level"] == "city"].iloc[0]
    assert at.metric[2].value == progress_views.status_label(city["status"], "zh")
    assert any("示例数据" in w.value for w in at.warning)
    at.radio(key="w:view:sewer").set_value("targets").run()
    assert not at.exception
    assert any("各县排序" in s["layout"]["title"]["text"].replace("<br>", "") for s in specs(at))


def test_a_theme_without_tracked_indicators_has_no_switch(tmp_path, monkeypatch):
    config = _example_builder().build(tmp_path / "project")
    text = config.read_text(encoding="utf-8")
    for kind in ("flow", "level", "at_least", "at_most"):
        text = text.replace(f", progress: {{kind: {kind}}}}}", "}")
    text = text.replace("\n  - page: progress\n", "\n  - page: overview\n").replace("    view: progress\n", "")
    config.write_text(text, encoding="utf-8")
    for report in (config.parent / "data" / "reports").glob("*.yaml"):
        report.unlink()
    monkeypatch.setenv("TARGETS_CONFIG", str(config))
    at = app("sewer")
    assert not at.exception, [e.value for e in at.exception]
    assert not [r for r in at.radio if r.key == "w:view:sewer"]
    assert "progress" not in registry.page_ids(load_project(config).config)  # nothing tracked: no progress page
