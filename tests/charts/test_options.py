"""ChartOptions: one frozen object of the words and sizes a chart reads; a chart's own values are a copy."""

from __future__ import annotations

import dataclasses

import pytest

from targets.charts.options import ChartOptions


def test_but_returns_a_changed_copy_and_leaves_the_page_options_alone():
    page = ChartOptions(lang="en", unit="km", large=True)
    chart = page.but(unit="t", width=300)
    assert (chart.lang, chart.unit, chart.width, chart.large) == ("en", "t", 300, True)
    assert (page.unit, page.width) == ("km", None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.unit = "x"


def test_size_keeps_a_charts_own_default_where_the_page_gave_none():
    assert ChartOptions().size(600) == (600, None)
    assert ChartOptions().size(520, 620) == (520, 620)
    assert ChartOptions(width=300, height=200).size(520, 620) == (300, 200)


def test_names_fall_back_to_the_id():
    options = ChartOptions(names={"a": "Alpha"}, period_names={"2021": "Year 2021"})
    assert (options.name("a"), options.name("b")) == ("Alpha", "b")
    assert (options.period("2021"), options.period("2022")) == ("Year 2021", "2022")


def test_defaults_are_empty_and_shared_read_only():
    options = ChartOptions()
    assert dict(options.no_value) == {} and dict(options.names) == {} and options.highlight is None
    with pytest.raises(TypeError):
        options.names["x"] = "y"
