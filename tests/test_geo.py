"""The county map: shipped boundaries, offline plot config and the choropleth figure's data."""

from __future__ import annotations

import ast
import importlib.util
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from targets.geo import (
    DEFAULT_GEOJSON_PATH,
    NO_DATA_TEXT,
    OFFLINE_TOPOJSON_URL,
    bbox,
    feature_names,
    load_counties,
    map_figure,
    plotly_config,
)

ROOT = Path(__file__).resolve().parent.parent
COUNTIES = {
    "离石区", "文水县", "交城县", "兴县", "临县", "柳林县", "石楼县",
    "岚县", "方山县", "中阳县", "交口县", "孝义市", "汾阳市",
}  # fmt: skip


@pytest.fixture(scope="module")
def geojson() -> dict:
    return load_counties(DEFAULT_GEOJSON_PATH)


def _polygons(geometry: dict) -> list:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def _signed_area(ring: list) -> float:
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))


def _inside(x: float, y: float, ring: list) -> bool:
    inside = False
    for (ax, ay), (bx, by) in zip(ring, ring[1:]):
        if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
            inside = not inside
    return inside


def _choropleths(fig) -> list:
    return [t for t in fig.data if t.type == "choropleth"]


def _small_df() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "county": ["兴县", "离石区", "孝义市", "交口县"],
            "value": [12.5, 30.0, np.nan, 7.25],
            "unit": ["亿元"] * 4,
            "source": ["市统计局", "市统计局", None, "县政府"],
        }
    )


# --- the shipped GeoJSON --------------------------------------------------------------


def test_thirteen_counties_with_exact_names(geojson):
    names = feature_names(geojson)
    assert len(geojson["features"]) == 13
    assert len(names) == 13
    assert set(names) == COUNTIES


def test_geometries_are_valid_clockwise_polygons(geojson):
    for feature in geojson["features"]:
        geometry = feature["geometry"]
        assert geometry["type"] in ("Polygon", "MultiPolygon"), feature["properties"]["name"]
        for polygon in _polygons(geometry):
            for k, ring in enumerate(polygon):
                assert len(ring) >= 4
                assert ring[0] == ring[-1], "ring not closed"
                area = _signed_area(ring)
                # plotly's go.Choropleth needs clockwise outer rings (negative shoelace area
                # with x=lon, y=lat); counter-clockwise ones fill the rest of the globe.
                assert (area < 0) if k == 0 else (area > 0)


def test_coordinates_rounded_to_three_decimals(geojson):
    # 0.001° (~100 m) is below a pixel on the map; scripts/build_geojson.py DECIMALS.
    for feature in geojson["features"]:
        for polygon in _polygons(feature["geometry"]):
            for ring in polygon:
                for lon, lat in ring:
                    assert round(lon, 3) == lon and round(lat, 3) == lat


def test_bbox_is_lvliang(geojson):
    west, south, east, north = bbox(geojson)
    assert 110.2 < west < 110.6 and 112.1 < east < 112.5
    assert 36.5 < south < 36.9 and 38.5 < north < 38.9


def test_label_points_lie_inside_their_county(geojson):
    for feature in geojson["features"]:
        x, y = feature["properties"]["label_point"]
        assert any(_inside(x, y, poly[0]) for poly in _polygons(feature["geometry"]))


def test_source_md_names_origin_and_licence():
    text = (ROOT / "data" / "geo" / "SOURCE.md").read_text(encoding="utf-8")
    for needle in ("echarts-china-cities-pypkg", "0.0.9", "shan1_xi1_lv3_liang2.js", "MIT", "C.W.",
                   "python scripts/build_geojson.py"):  # fmt: skip
        assert needle in text


def test_load_counties_is_cached_per_path(geojson):
    assert load_counties(str(DEFAULT_GEOJSON_PATH)) is geojson
    assert load_counties(DEFAULT_GEOJSON_PATH) is geojson


# --- the build script's decoder ------------------------------------------------------


def _build_module():
    spec = importlib.util.spec_from_file_location("build_geojson", ROOT / "scripts" / "build_geojson.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_decode_ring_zigzag_deltas():
    build = _build_module()
    # '@' = 0, 'A' = zigzag(1) = -1, 'B' = zigzag(2) = +1, 'D' = +2; deltas accumulate from the offset.
    assert build.decode_ring("@@BAAD", [1024, 2048]) == [[1.0, 2.0], [1025 / 1024, 2047 / 1024], [1.0, 2049 / 1024]]


def test_js_literal_parser_handles_echarts_syntax():
    build = _build_module()
    name, obj = build.extract_registered_map(
        'x.registerMap("吕梁",{type:"FeatureCollection",features:[{id:"1",properties:{name:"兴县",cp:[1.5,-2]},'
        'geometry:{type:"Polygon",coordinates:["@\\\\A@"],encodeOffsets:[[1,2]]}}],UTF8Encoding:!0})'
    )
    assert name == "吕梁"
    assert obj["UTF8Encoding"] is True
    feature = obj["features"][0]
    assert feature["properties"] == {"name": "兴县", "cp": [1.5, -2]}
    assert feature["geometry"]["coordinates"] == ["@\\A@"]


# --- offline plot config -------------------------------------------------------------


def test_plotly_config_is_offline():
    config = plotly_config("吕梁地图")
    url = config["topojsonURL"]
    assert url == OFFLINE_TOPOJSON_URL
    assert not url.lower().startswith(("http:", "https:", "//"))
    assert config["displaylogo"] is False
    assert config["toImageButtonOptions"] == {"format": "png", "filename": "吕梁地图", "scale": 2}


def test_offline_topojson_url_survives_plotly_appending_a_file_name():
    # plotly.js requests f"{topojsonURL}/world_110m.json"; what follows '#' is a fragment,
    # which a data: URL's payload excludes, so the payload stays a valid (empty) topology.
    requested = OFFLINE_TOPOJSON_URL + "/world_110m.json"
    assert requested.startswith("data:application/json,")
    payload = requested[len("data:application/json,") :].split("#", 1)[0]
    assert json.loads(payload) == {"type": "Topology", "objects": {}, "arcs": []}


# --- the figure ----------------------------------------------------------------------


def test_map_figure_choropleth_holds_input_rows(geojson):
    df = _small_df()
    fig = map_figure(df, geojson=geojson, hover_cols=("unit", "source"), title="测试")
    main = _choropleths(fig)[0]
    assert list(main.locations) == list(df["county"])
    np.testing.assert_array_equal(np.asarray(main.z, dtype=float), df["value"].to_numpy(dtype=float))
    assert math.isnan(main.z[2])  # the NaN row is kept
    assert main.featureidkey == "properties.name"
    assert main.geojson is not None
    geo = fig.layout.geo
    assert geo.visible is False
    assert geo.projection.type == "mercator"


def test_no_value_counties_are_grey_and_all_thirteen_are_drawn(geojson):
    df = _small_df()
    fig = map_figure(df, geojson=geojson)
    main, grey = _choropleths(fig)
    drawn = [loc for loc, z in zip(main.locations, main.z) if not math.isnan(z)] + list(grey.locations)
    assert sorted(drawn) == sorted(COUNTIES)
    assert "孝义市" in grey.locations  # NaN value
    assert "临县" in grey.locations  # not in df at all
    assert grey.showscale is False
    assert {c for _, c in grey.colorscale} == {"#d9d9d9"}
    hover = dict(zip(grey.locations, grey.customdata))
    assert hover["孝义市"][0] == NO_DATA_TEXT


def test_hover_shows_value_and_hover_cols(geojson):
    df = _small_df()
    fig = map_figure(df, geojson=geojson, hover_cols={"unit": "单位", "source": "来源"})
    main = _choropleths(fig)[0]
    # value, the hover columns, then the county's shown name
    assert [list(row) for row in main.customdata][:2] == [["12.5", "亿元", "市统计局", "兴县"], ["30", "亿元", "市统计局", "离石区"]]
    assert "单位" in main.hovertemplate and "来源" in main.hovertemplate
    assert "%{customdata[2]}" in main.hovertemplate and "%{customdata[3]}" in main.hovertemplate


def test_display_names_and_markup_are_shown_as_text(geojson):
    df = _small_df().assign(unit="<b>亿元</b>")
    fig = map_figure(df, geojson=geojson, hover_cols={"unit": "单位"}, title="<img src=x onerror=alert(1)>",
                     display_names={"离石区": "Lishi <script>"}, no_data_text="no data")
    main, grey = _choropleths(fig)
    assert main.customdata[0][1] == "&lt;b&gt;亿元&lt;/b&gt;"
    assert main.customdata[1][-1] == "Lishi &lt;script&gt;"
    assert fig.layout.title.text == "&lt;img src=x onerror=alert(1)&gt;"
    labels = next(t for t in fig.data if t.name == "labels")
    assert any("Lishi &lt;script&gt;" in x for x in labels.text)
    assert grey.name == "no data"


def test_label_col_text_is_used(geojson):
    df = _small_df().assign(label=["≥12.5", "30", "", "约7.25"])
    fig = map_figure(df, geojson=geojson, label_col="label")
    main = _choropleths(fig)[0]
    assert main.customdata[0][0] == "≥12.5"
    labels = next(t for t in fig.data if t.type == "scattergeo" and t.mode == "text")
    assert any("约7.25" in text for text in labels.text)


def test_county_names_drawn_as_text(geojson):
    fig = map_figure(_small_df(), geojson=geojson)
    labels = [t for t in fig.data if t.type == "scattergeo" and t.mode == "text"]
    assert len(labels) == 1
    texts = labels[0].text
    assert len(texts) == 13
    assert all(any(name in text for text in texts) for name in COUNTIES)


def test_highlight_thickens_that_countys_outline(geojson):
    df = _small_df()
    plain = _choropleths(map_figure(df, geojson=geojson))[0]
    lit = _choropleths(map_figure(df, geojson=geojson, highlight="离石区"))[0]
    i = list(df["county"]).index("离石区")
    plain_w = np.broadcast_to(np.asarray(plain.marker.line.width, dtype=float), (len(df),))
    lit_w = np.asarray(lit.marker.line.width, dtype=float)
    assert lit_w[i] > plain_w[i]
    assert lit_w[i] > max(w for k, w in enumerate(lit_w) if k != i)


def test_highlight_of_grey_county_is_outlined_too(geojson):
    fig = map_figure(_small_df(), geojson=geojson, highlight="临县")
    grey = _choropleths(fig)[1]
    widths = dict(zip(grey.locations, grey.marker.line.width))
    assert widths["临县"] > widths["岚县"]


@pytest.mark.parametrize(
    "kwargs, df",
    [
        ({}, pd.DataFrame({"county": ["离石"], "value": [1.0]})),  # not the map's name
        ({}, pd.DataFrame({"county": ["兴县", "兴县"], "value": [1.0, 2.0]})),  # repeated
        ({"highlight": "吕梁市"}, pd.DataFrame({"county": ["兴县"], "value": [1.0]})),
        ({"value_col": "target"}, pd.DataFrame({"county": ["兴县"], "value": [1.0]})),
    ],
)
def test_map_figure_rejects_bad_input(geojson, kwargs, df):
    with pytest.raises(ValueError):
        map_figure(df, geojson=geojson, **kwargs)


def test_all_nan_and_single_value_still_build(geojson):
    fig = map_figure(pd.DataFrame({"county": ["兴县"], "value": [np.nan]}), geojson=geojson)
    assert _choropleths(fig)[0].showscale is False
    fig = map_figure(pd.DataFrame({"county": ["兴县"], "value": [5.0]}), geojson=geojson)
    main = _choropleths(fig)[0]
    assert main.zmin < 5.0 < main.zmax


def test_geo_module_does_not_import_streamlit():
    tree = ast.parse((ROOT / "targets" / "geo.py").read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    } | {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert "streamlit" not in imported
