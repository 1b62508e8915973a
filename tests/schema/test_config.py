"""targets.schema.config: the models of config.yaml refuse a bad value at its key with its exact message (zh and en),
and fill in what an analyst may leave out."""

from __future__ import annotations

import typing

import pytest
import yaml

from targets.schema.config import CHART_KINDS, Config, County, Indicator, Slide, SlideChart, Theme, Unit
from tests.conftest import MINI_CONFIG
from tests.schema.refusal import refusals

COUNTY = {"name": "交城县", "en": "Jiaocheng County", "kind": "county", "order": 2, "color": "#44AA99", "on_map": True}
INDICATOR = {"id": "sown_area", "zh": "粮食播种面积", "en": "Grain sown area", "unit": "万亩"}
THEME = {"id": "grain", "zh": "粮食", "en": "Grain", "file": "data/grain.yaml", "indicators": [INDICATOR]}
SLIDE = {"page": "grain", "caption": {"zh": "粮食", "en": "Grain"}}

ID_ZH = "不是有效的 id；只能用小写字母、数字和 _（如 sown_area）"
ID_EN = "is not a valid id; use lower-case letters, digits and _ (e.g. sown_area)"
FORMAT_ZH = '不是允许的数字格式；请写成 [宽度][,][.精度] 再加 f、g、e 或 % 之一，宽度和精度都不超过 20（如 ".2f"、",.0f" 或 "g"）'
FORMAT_EN = ('is not an allowed number format; write [width][,][.precision] and one of f, g, e or %, '
             'with width and precision at most 20 (e.g. ".2f", ",.0f" or "g")')
ADCODE_ZH = '不是行政区划代码；请写成带引号的六位数字，如 "141124"'
ADCODE_EN = 'is not an administrative-division code; write its six digits in quotes, e.g. "141124"'

# (model, input, [(key, Chinese, English)]): every refusal, in pydantic's order
BAD = {
    "county-colour-name": (County, {**COUNTY, "color": "teal"},
                           [("color", "'teal' 不是颜色；请写成带引号的 \"#RRGGBB\"", "'teal' is not a colour; write it as \"#RRGGBB\" in quotes")]),
    "county-adcode-full-width": (County, {**COUNTY, "adcode": "１４１１２２"},
                                 [("adcode", "'１４１１２２' 用了全角数字；请改用半角数字 0-9，写成 '141122'",
                                   "'１４１１２２' has full-width digits; use the digits 0-9: '141122'")]),
    "county-adcode-short": (County, {**COUNTY, "adcode": "14112"}, [("adcode", f"'14112' {ADCODE_ZH}", f"'14112' {ADCODE_EN}")]),
    "county-adcode-spaced": (County, {**COUNTY, "adcode": "141 122"},
                             [("adcode", f"'141 122' {ADCODE_ZH}", f"'141 122' {ADCODE_EN}")]),
    "unit-max-negative": (Unit, {"id": "元", "en": "yuan", "max": -1},
                          [("max", "写的是 -1；这里应当是大于 0、不超过 1e+15 的数字", "got -1; expected a number above 0 and at most 1e+15")]),
    "indicator-id-capitals": (Indicator, {**INDICATOR, "id": "Sown_Area"},
                              [("id", f"'Sown_Area' {ID_ZH}", f"'Sown_Area' {ID_EN}")]),
    "indicator-format-d": (Indicator, {**INDICATOR, "format": ".2d"}, [("format", f"'.2d' {FORMAT_ZH}", f"'.2d' {FORMAT_EN}")]),
    # One id check for themes and indicators (it was written twice): the same words, each at its own key.
    "theme-and-indicator-ids": (Theme, {**THEME, "id": "grain-2", "indicators": [{**INDICATOR, "id": "2021"}]},
                                [("id", f"'grain-2' {ID_ZH}", f"'grain-2' {ID_EN}"),
                                 ("indicators[0].id", f"'2021' {ID_ZH}", f"'2021' {ID_EN}")]),
    # pydantic's own refusals: the loader words them (tests/inputs/test_load.py).
    "county-kind-unknown": (County, {**COUNTY, "kind": "town"}, [("kind", "literal_error", "literal_error")]),
    "county-adcode-number": (County, {**COUNTY, "adcode": 141122}, [("adcode", "string_type", "string_type")]),
    "county-key-misspelt": (County, {**{k: v for k, v in COUNTY.items() if k != "color"}, "colour": "#44AA99"},
                            [("color", "missing", "missing"), ("colour", "extra_forbidden", "extra_forbidden")]),
    "theme-no-indicators": (Theme, {**THEME, "indicators": []}, [("indicators", "too_short", "too_short")]),
    "slide-chart-unknown": (Slide, {**SLIDE, "charts": ["bars"]}, [("charts[0]", "literal_error", "literal_error")]),
}


@pytest.mark.parametrize("model,data,want", BAD.values(), ids=BAD.keys())
def test_a_bad_value_is_refused_at_its_key(model, data, want):
    assert refusals(model, data) == want


GOOD = {
    "county-with-adcode-and-aliases": (County, {**COUNTY, "adcode": "141122", "aliases": ["交城"]}),
    "county-colour-lower-case": (County, {**COUNTY, "color": "#44aa99"}),
    "unit-not-summable-with-max": (Unit, {"id": "%", "en": "%", "summable": False, "max": 100}),
    "indicator-format": (Indicator, {**INDICATOR, "format": ",.0f"}),
    "theme-with-card": (Theme, {**THEME, "card": {"indicator": "sown_area"}}),
    "slide-every-chart-kind": (Slide, {**SLIDE, "charts": list(CHART_KINDS), "top": 5}),
}


@pytest.mark.parametrize("model,data", GOOD.values(), ids=GOOD.keys())
def test_a_good_value_is_taken(model, data):
    assert refusals(model, data) == []


def test_what_an_analyst_leaves_out_is_filled_in():
    cfg = Config.model_validate(yaml.safe_load(MINI_CONFIG))
    grain = cfg.themes[0]
    assert (grain.indicators[0].format, grain.card, cfg.units[0].summable, cfg.units[0].max) == (".2f", None, True, None)
    assert cfg.counties[-1].adcode is None and cfg.counties[-1].aliases == ["吕梁市"]
    assert (cfg.map.boundaries, cfg.planner, cfg.presentation, cfg.progress) == ("data/geo/lvliang_counties.geojson", None, [], [])
    assert Indicator.model_validate(INDICATOR).format == "g"


def test_a_slide_names_exactly_the_chart_kinds():
    assert typing.get_args(SlideChart) == CHART_KINDS
