"""The shipped county boundaries: thirteen valid polygons, label points inside, the build script's decoder."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from targets.inputs import boundaries
from targets.charts.geo import bbox

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GEOJSON_PATH = ROOT / "data" / "geo" / "lvliang_counties.geojson"
COUNTIES = {
    "离石区", "文水县", "交城县", "兴县", "临县", "柳林县", "石楼县",
    "岚县", "方山县", "中阳县", "交口县", "孝义市", "汾阳市",
}  # fmt: skip


@pytest.fixture(scope="module")
def geojson() -> dict:
    return boundaries.load(DEFAULT_GEOJSON_PATH)


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


# --- the shipped GeoJSON --------------------------------------------------------------


def test_thirteen_counties_with_exact_names(geojson):
    names = [f["properties"]["name"] for f in geojson["features"]]
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


def test_boundaries_are_read_once_per_file_version(geojson):
    assert boundaries.load(str(DEFAULT_GEOJSON_PATH)) is geojson
    assert boundaries.load(DEFAULT_GEOJSON_PATH) is geojson


def test_every_county_carries_its_adcode(geojson):
    codes = boundaries.adcodes(geojson)
    assert len(codes) == 13 and set(codes.values()) == COUNTIES
    assert codes["141124"] == "临县"


@pytest.mark.parametrize("content, says", [
    (b"not json", "is not valid GeoJSON"),
    (b'{"type": "FeatureCollection", "features": [{"properties": {"name": "x"}}]}', "properties.adcode"),
])
def test_unusable_boundary_files_are_refused_with_a_reason(tmp_path, content, says):
    p = tmp_path / "b.geojson"
    p.write_bytes(content)
    with pytest.raises(boundaries.BoundaryError, match=says):
        boundaries.load(p)


def test_a_directory_or_missing_file_is_refused(tmp_path):
    with pytest.raises(boundaries.BoundaryError, match="not a regular file"):
        boundaries.load(tmp_path)
    with pytest.raises(boundaries.BoundaryError, match="does not exist"):
        boundaries.load(tmp_path / "none.geojson")


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


