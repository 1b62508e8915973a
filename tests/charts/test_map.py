"""The county map figure: joined on adcode, grey for no data, names and values drawn, highlight outlined."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from targets.inputs import boundaries
from targets.charts.map import NO_DATA_TEXT, map_figure
from targets.charts.options import ChartOptions
from targets.charts.style import NO_DATA_COLOR
from tests.analysis.capped import capped  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parents[2]
CODES = {"141102", "141121", "141122", "141123", "141124", "141125", "141126", "141127", "141128", "141129", "141130",
         "141181", "141182"}
NAMES = {"离石区", "文水县", "交城县", "兴县", "临县", "柳林县", "石楼县", "岚县", "方山县", "中阳县", "交口县", "孝义市", "汾阳市"}


@pytest.fixture(scope="module")
def geojson() -> dict:
    return boundaries.load(ROOT / "data" / "geo" / "lvliang_counties.geojson")


def _choropleths(fig) -> list:
    return [t for t in fig.data if t.type == "choropleth"]


def _small_df() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "adcode": ["141123", "141102", "141181", "141130"],  # 兴县, 离石区, 孝义市, 交口县
            "value": [12.5, 30.0, np.nan, 7.25],
            "unit": ["亿元"] * 4,
            "source": ["市统计局", "市统计局", None, "县政府"],
        }
    )


def test_map_figure_choropleth_holds_input_rows(geojson):
    df = _small_df()
    fig = map_figure(df, geojson=geojson, options=ChartOptions(), hover_cols=("unit", "source"), title="测试")
    main = _choropleths(fig)[0]
    assert list(main.locations) == list(df["adcode"])
    np.testing.assert_array_equal(np.asarray(main.z, dtype=float), df["value"].to_numpy(dtype=float))
    assert math.isnan(main.z[2])  # the NaN row is kept
    assert main.featureidkey == "properties.adcode"
    assert main.geojson is not None
    geo = fig.layout.geo
    assert geo.visible is False
    assert geo.projection.type == "mercator"


def test_no_value_counties_are_grey_and_all_thirteen_are_drawn(geojson):
    df = _small_df()
    fig = map_figure(df, geojson=geojson, options=ChartOptions())
    main, grey = _choropleths(fig)
    drawn = [loc for loc, z in zip(main.locations, main.z) if not math.isnan(z)] + list(grey.locations)
    assert sorted(drawn) == sorted(CODES)
    assert "141181" in grey.locations  # 孝义市: NaN value
    assert "141124" in grey.locations  # 临县: not in df at all
    assert grey.showscale is False
    assert {c for _, c in grey.colorscale} == {NO_DATA_COLOR}
    hover = dict(zip(grey.locations, grey.customdata))
    assert hover["141181"][0] == NO_DATA_TEXT


def test_hover_shows_value_and_hover_cols(geojson):
    df = _small_df()
    fig = map_figure(df, geojson=geojson, options=ChartOptions(), hover_cols={"unit": "单位", "source": "来源"})
    main = _choropleths(fig)[0]
    # value, the hover columns, then the county's shown name
    assert [list(row) for row in main.customdata][:2] == [["12.5", "亿元", "市统计局", "兴县"], ["30", "亿元", "市统计局", "离石区"]]
    assert "单位" in main.hovertemplate and "来源" in main.hovertemplate
    assert "%{customdata[2]}" in main.hovertemplate and "%{customdata[3]}" in main.hovertemplate


def test_display_names_and_markup_are_shown_as_text(geojson):
    df = _small_df().assign(unit="<b>亿元</b>")
    fig = map_figure(df, geojson=geojson, hover_cols={"unit": "单位"}, title="<img src=x onerror=alert(1)>",
                     options=ChartOptions(names={"141102": "Lishi <script>"}, no_value={"missing": "no data"}))
    main, grey = _choropleths(fig)
    assert main.customdata[0][1] == "&lt;b&gt;亿元&lt;/b&gt;"
    assert main.customdata[1][-1] == "Lishi &lt;script&gt;"
    assert fig.layout.title.text == "&lt;img src=x onerror=alert(1)&gt;"
    labels = next(t for t in fig.data if t.name == "labels")
    assert any("Lishi &lt;script&gt;" in x for x in labels.text)
    assert grey.name == "no data"


def test_label_col_text_is_used(geojson):
    df = _small_df().assign(label=["≥12.5", "30", "", "约7.25"])
    fig = map_figure(df, geojson=geojson, options=ChartOptions(), label_col="label")
    main = _choropleths(fig)[0]
    assert main.customdata[0][0] == "≥12.5"
    labels = next(t for t in fig.data if t.type == "scattergeo" and t.mode == "text")
    assert any("约7.25" in text for text in labels.text)


def test_county_names_drawn_as_text(geojson):
    fig = map_figure(_small_df(), geojson=geojson, options=ChartOptions())
    labels = [t for t in fig.data if t.type == "scattergeo" and t.mode == "text"]
    assert len(labels) == 1
    texts = labels[0].text
    assert len(texts) == 13
    assert all(any(name in text for text in texts) for name in NAMES)  # the file's names by default


def test_highlight_thickens_that_countys_outline(geojson):
    df = _small_df()
    plain = _choropleths(map_figure(df, geojson=geojson, options=ChartOptions()))[0]
    lit = _choropleths(map_figure(df, geojson=geojson, options=ChartOptions(highlight="141102")))[0]
    i = list(df["adcode"]).index("141102")
    plain_w = np.broadcast_to(np.asarray(plain.marker.line.width, dtype=float), (len(df),))
    lit_w = np.asarray(lit.marker.line.width, dtype=float)
    assert lit_w[i] > plain_w[i]
    assert lit_w[i] > max(w for k, w in enumerate(lit_w) if k != i)


def test_highlight_of_grey_county_is_outlined_too(geojson):
    fig = map_figure(_small_df(), geojson=geojson, options=ChartOptions(highlight="141124"))  # 临县, not in df
    grey = _choropleths(fig)[1]
    widths = dict(zip(grey.locations, grey.marker.line.width))
    assert widths["141124"] > widths["141127"]


@pytest.mark.parametrize(
    "kwargs, df",
    [
        ({}, pd.DataFrame({"adcode": ["141199"], "value": [1.0]})),  # not a code in the map
        ({}, pd.DataFrame({"adcode": ["141123", "141123"], "value": [1.0, 2.0]})),  # repeated
        ({"options": ChartOptions(highlight="141100")}, pd.DataFrame({"adcode": ["141123"], "value": [1.0]})),
        ({"value_col": "target"}, pd.DataFrame({"adcode": ["141123"], "value": [1.0]})),
    ],
)
def test_map_figure_rejects_bad_input(geojson, kwargs, df):
    with pytest.raises(ValueError):
        map_figure(df, geojson=geojson, **{"options": ChartOptions(), **kwargs})


def test_all_nan_and_single_value_still_build(geojson):
    fig = map_figure(pd.DataFrame({"adcode": ["141123"], "value": [np.nan]}), geojson=geojson, options=ChartOptions())
    assert _choropleths(fig)[0].showscale is False
    fig = map_figure(pd.DataFrame({"adcode": ["141123"], "value": [5.0]}), geojson=geojson, options=ChartOptions())
    main = _choropleths(fig)[0]
    assert main.zmin < 5.0 < main.zmax


def test_a_renamed_county_keeps_its_shape(geojson):
    """Names are display matters: the join is on the code, so a new name draws the same county."""
    df = pd.DataFrame({"adcode": ["141124"], "value": [117.59]})
    fig = map_figure(df, geojson=geojson, options=ChartOptions(names={"141124": "临县新"}))
    main = _choropleths(fig)[0]
    assert list(main.locations) == ["141124"] and main.customdata[0][-1] == "临县新"


# ---- labels that never overlap, notes and the source line inside the figure -----------------------------------------

ENGLISH = {"141102": "Lishi", "141121": "Wenshui", "141122": "Jiaocheng", "141123": "Xing", "141124": "Lin",
           "141125": "Liulin", "141126": "Shilou", "141127": "Lan", "141128": "Fangshan", "141129": "Zhongyang",
           "141130": "Jiaokou", "141181": "Xiaoyi", "141182": "Fenyang"}


def _all_counties(values=None) -> pd.DataFrame:
    codes = sorted(CODES)
    return pd.DataFrame({"adcode": codes, "value": values or [10.0 + i for i in range(len(codes))],
                         "label": [f"{10.0 + i:g}" for i in range(len(codes))]})


@pytest.mark.parametrize("width, height", [(300, 330), (480, 420), (620, 600)])
def test_english_labels_do_not_overlap(geojson, width, height):
    """Fangshan sat under Lin at small sizes: labels are moved apart (with a leader line when outside their county)."""
    from targets.charts.geo import bbox
    from targets.charts.map_labels import _merc, map_box, map_px
    from targets.charts.style import text_px

    fig = map_figure(_all_counties(), geojson=geojson, label_col="label", title="Grain sown area",
                     options=ChartOptions(names=ENGLISH, unit="10,000 mu", width=width, height=height))
    labels = next(t for t in fig.data if t.name == "labels")
    size = labels.textfont.size
    west, south, east, north = bbox(geojson)
    box = map_box(width, height, title="Grain sown area", colorbar_px=max(56.0, text_px("10,000 mu", 12) + 16), large=False)
    scale, _ = map_px((west, south, east, north), box)
    px = []
    for lon, lat, text in zip(labels.lon, labels.lat, labels.text):
        lines = text.replace("<b>", "").replace("</b>", "").split("<br>")
        px.append((math.radians(lon - west) * scale, (_merc(north) - _merc(lat)) * scale,
                   max(text_px(x, size) for x in lines) / 2, len(lines) * size * 1.1 / 2))
    for i, (x1, y1, w1, h1) in enumerate(px):
        for x2, y2, w2, h2 in px[i + 1:]:
            assert abs(x1 - x2) >= w1 + w2 or abs(y1 - y2) >= h1 + h2, (labels.text[i], x1, y1, x2, y2)
    moved = [t for t in fig.data if t.name == "leaders"]
    assert not moved or len(moved[0].lon) % 3 == 0  # each leader: from the county's point to its label


def test_small_maps_use_small_labels_and_names_only(geojson):
    small = map_figure(_all_counties(), geojson=geojson, label_col="label", options=ChartOptions(width=300, height=330))
    big = map_figure(_all_counties(), geojson=geojson, label_col="label", options=ChartOptions(width=700, height=700))
    small_labels = next(t for t in small.data if t.name == "labels")
    big_labels = next(t for t in big.data if t.name == "labels")
    assert small_labels.textfont.size < big_labels.textfont.size
    assert not any("<br>" in x for x in small_labels.text)  # the bars beside it give the values
    assert all("<br>" in x for x in big_labels.text)


def test_notes_and_source_are_drawn_under_the_map(geojson):
    fig = map_figure(_small_df(), geojson=geojson, note="不在地图上：新区 62 公里",
                     options=ChartOptions(no_value={"grey": "灰色 = 无数据"}, source="来源：吕政办发〔2021〕17号"))
    notes = {a.name: a.text for a in fig.layout.annotations}
    assert notes["note"].replace("<br>", "") == "灰色 = 无数据  ·  不在地图上：新区 62 公里"
    assert notes["source"] == "来源：吕政办发〔2021〕17号"
    assert fig.layout.margin.b > 30


@pytest.mark.parametrize("colorscale", ["Blues", "Blues_r"])
def test_neither_end_of_the_scale_reads_as_no_data(geojson, colorscale):
    """Caps are drawn 'Blues_r' (the smallest, strictest darkest): the near-white end is cut there too."""
    from targets.charts.map import _luminance

    fig = map_figure(_small_df(), geojson=geojson, options=ChartOptions(), colorscale=colorscale)
    scale = _choropleths(fig)[0].colorscale
    ends = [_luminance(scale[0][1]), _luminance(scale[-1][1])]
    assert max(ends) <= 0.8 and (ends[0] < ends[1]) == (colorscale == "Blues_r")  # reversed: the low end dark


def test_a_cap_map_colours_the_strictest_darkest(capped, geojson):
    """The page's map of caps (targets/ui/blocks.county_map): rank_value on 'Blues_r', ≤20 darker than ≤45."""
    from targets.analysis import views
    from targets.charts.map import _luminance
    import plotly.colors as pc

    rows = views.indicator_slice(capped.frame, capped.config, "forest_fire", "semi_assembly_minutes", "2021")
    on_map = views.map_rows(rows, {}, "分钟")
    fig = map_figure(on_map, geojson=geojson, options=ChartOptions(), value_col="rank_value", colorscale="Blues_r",
                     label_col="label_shown")
    main = _choropleths(fig)[0]
    z = dict(zip(rows["county"], main.z))
    assert (z["兴县"], z["方山县"]) == (20, 45)  # 10–20 coloured as the cap it is (at most 20), not as 10
    scale = [list(x) for x in main.colorscale]

    def fill(v):
        return _luminance(pc.sample_colorscale(scale, [(v - main.zmin) / (main.zmax - main.zmin)])[0])

    assert fill(z["中阳县"]) < fill(z["交城县"]) < fill(z["方山县"])
    assert dict(zip(rows["county"], main.customdata))["兴县"][0] == "10–20"  # drawn and hovered as a range
