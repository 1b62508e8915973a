"""targets/ui/paging.py on the pages (AppTest): a project with more counties than a page shows a page of them,
says how many, pages on, and filters by name; the gazette's 13 counties show no paging at all."""

from __future__ import annotations

import pytest

from targets.analysis import progress_views, tracking
from targets.inputs.load import load_project
from tests.conftest import script
from tests.pagetest import app, arr, specs

COUNTIES = 60  # the shipped 13 and 47 generated (with the city's own units, 62 columns): three scorecard pages


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    out = tmp_path_factory.mktemp("many")
    script("gen_national", "bench").generate(out, n_counties=COUNTIES, n_years=2, n_indicators=8, n_reports=3)
    return out / "config.yaml"


@pytest.fixture
def on_many(many, monkeypatch):
    monkeypatch.setenv("TARGETS_CONFIG", str(many))
    return many


def _columns(config) -> int:
    """Counties with a target in force at the default date: the scorecard's columns."""
    project = load_project(config)
    rows = progress_views.current(project, tracking.default_as_of(project))
    return rows.loc[rows["level"] == "county", "county"].nunique()


def _scorecard_columns(at) -> set[str]:
    card = next(s for s in specs(at) if s["layout"].get("xaxis", {}).get("type") == "category")
    return {x for tr in card["data"] for x in arr(tr.get("x", []))}


def _captions(at) -> list[str]:
    return [c.value for c in at.caption]


def test_the_gazette_shows_no_paging():
    at = app("progress")
    assert not at.exception, [e.value for e in at.exception]
    assert not at.number_input and not at.text_input
    assert not any("显示第" in c for c in _captions(at))


@pytest.mark.slow
def test_the_scorecard_pages_and_filters(on_many):
    at = app("progress")
    assert not at.exception, [e.value for e in at.exception]
    n = _columns(on_many)
    assert n > 50
    assert f"显示第 1–25 个县，共 {n} 个县；下载含全部。" in _captions(at)
    first = _scorecard_columns(at)
    assert len(first) == 25
    at.number_input(key="w:page:scorecard").set_value(3).run()
    assert f"显示第 51–{n} 个县，共 {n} 个县；下载含全部。" in _captions(at)
    last = _scorecard_columns(at)
    assert len(last) == n - 50 and not first & last
    at.text_input(key="w:filter:progress").input("县00").run()  # 县0001 … 县0047: two pages now, page 3 is gone
    assert not at.exception and not at.warning[1:], [w.value for w in at.warning]
    assert at.number_input(key="w:page:scorecard").value == 2
    assert any(c.startswith("显示第 26–") and c.endswith("个县；下载含全部。") for c in _captions(at))
    at.text_input(key="w:filter:progress").input("县001").run()  # 县0010 … 县0019: one page, no pager
    assert not at.exception, [e.value for e in at.exception]
    assert not any(c.startswith("显示第 1–") and "个县" in c for c in _captions(at))
    assert len(_scorecard_columns(at)) == 10
    at.text_input(key="w:filter:progress").input("没有这个县").run()
    assert not at.exception, [e.value for e in at.exception]  # no column at all: the page still draws
    assert "没有县名含“没有这个县”。" in _captions(at)


@pytest.mark.slow
def test_the_attention_list_shows_a_page_of_rows(on_many):
    at = app("progress", lang="en")
    assert not at.exception, [e.value for e in at.exception]
    shown = [c for c in _captions(at) if c.startswith("Showing") and c.endswith("rows; the downloads hold them all.")]
    if shown:  # more overdue-and-behind rows than a page: 50 drawn
        assert len(at.dataframe[0].value) == 50
    else:
        assert len(at.dataframe[0].value) <= 50


@pytest.mark.slow
def test_theme_progress_bullets_page(on_many):
    at = app("sewer", view="progress", ind="sewer_n1", period="2025")  # a generated indicator: every county has it
    assert not at.exception, [e.value for e in at.exception]
    project = load_project(on_many)
    rows = tracking.status_table(project, tracking.default_as_of(project), "sewer")
    n = int(((rows["indicator"] == "sewer_n1") & (rows["period"] == "2025") & (rows["level"] == "county")).sum())
    assert n > 30
    assert f"显示第 1–30 个县，共 {n} 个县；下载含全部。" in _captions(at)
    bars = next(s for s in specs(at) if any(tr.get("type") == "bar" for tr in s["data"]))
    assert len(arr(next(tr for tr in bars["data"] if tr.get("type") == "bar")["y"])) == 30
