"""Cross-references of config.yaml that concern the presentation: a slide's layout rules must fit its page."""

from __future__ import annotations

import pytest

from targets.core.errors import ConfigError

SLIDES = """\
presentation:
  - {page: sewer, caption: {zh: 雨污分流, en: Sewer}, charts: [ranked, periods], top: 5}
  - {page: compare, caption: {zh: 对比, en: Compare}, counties: [兴县, 交城县], top: 3}
"""


def problems_of(mini) -> list[str]:
    mini.chdir()
    with pytest.raises(ConfigError) as err:
        mini.load()
    return [p.render("en") for p in sorted(err.value.problems)]


def test_layout_rules_that_fit_their_pages_load(mini):
    mini.append("config.yaml", SLIDES)
    slides = mini.load().config.presentation
    assert (slides[0].charts, slides[0].top, slides[1].top) == (["ranked", "periods"], 5, 3)


BAD = {
    "charts-on-a-tool-page": (
        "counties: [兴县, 交城县], top: 3}", "counties: [兴县, 交城县], charts: [map]}",
        ["config.yaml:34:82: presentation[1].charts: charts: applies to theme pages only, and this slide shows page "
         "'compare'; remove charts: or point page: at a theme ('grain' or 'sewer')"]),
    "three-charts": (
        "charts: [ranked, periods]", "charts: [ranked, map, periods]",
        ["config.yaml:33:59: presentation[0].charts: got 3 charts [ranked, map, periods]; a slide shows at most 2 "
         "side by side, so it fits the screen; split them over two slides"]),
    "a-chart-twice": (
        "charts: [ranked, periods]", "charts: [map, map]",
        ["config.yaml:33:59: presentation[0].charts: chart 'map' is listed twice; list each chart once"]),
    "unknown-chart": (
        "charts: [ranked, periods]", "charts: [ranked, pie]",
        ["config.yaml:33:68: presentation[0].charts[1]: got 'pie'; expected 'ranked', 'map', 'periods', 'progress' or 'city'"]),
    "top-zero": (
        "top: 5}", "top: 0}",
        ["config.yaml:33:83: presentation[0].top: got 0; expected how many bars or rows to keep, 1 or more"]),
}


@pytest.mark.parametrize("old, new, expected", list(BAD.values()), ids=list(BAD))
def test_layout_rules_that_do_not_fit_are_located(mini, old, new, expected):
    mini.append("config.yaml", SLIDES)
    mini.edit("config.yaml", old, new)
    assert problems_of(mini) == expected


def test_top_on_a_page_without_rows_is_refused(mini):
    mini.append("config.yaml", "presentation:\n  - {page: data, caption: {zh: 数据, en: Data}, top: 3}\n")
    assert problems_of(mini) == ["config.yaml:33:52: presentation[0].top: top: shortens a ranked, compare or profile "
                                 "chart, and page 'data' has none; remove top: from this slide"]
