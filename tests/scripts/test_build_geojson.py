"""scripts/build_geojson.py: the simplified boundaries still draw every county, and neighbours still meet."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import pytest

from tests.conftest import script

ROOT = Path(__file__).resolve().parents[2]
GEOJSON = ROOT / "data" / "geo" / "lvliang_counties.geojson"

# |shoelace area| in degrees² of each county's outer ring at full detail (the source decoded
# with no simplification, 5 decimals): the file shipped before simplification (commit 8b58d17).
UNSIMPLIFIED_AREA = {
    "141102": 0.134107, "141121": 0.108895, "141122": 0.186946, "141123": 0.326653,
    "141124": 0.305518, "141125": 0.131461, "141126": 0.175899, "141127": 0.1556,
    "141128": 0.147381, "141129": 0.146025, "141130": 0.127453, "141181": 0.094637,
    "141182": 0.119264,
}  # fmt: skip


@pytest.fixture(scope="module")
def build():
    return script("build_geojson")


@pytest.fixture(scope="module")
def features() -> list[dict]:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]


def _rings(feature: dict) -> list[list[list[float]]]:
    geometry = feature["geometry"]
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def _area(ring: list) -> float:
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))


def _edges(features: list[dict]) -> Counter:
    """Undirected edges over all rings, counted: 2 = a border two counties share."""
    return Counter(frozenset((tuple(a), tuple(b))) for f in features for r in _rings(f) for a, b in zip(r, r[1:]))


def _orient(p, q, r) -> float:
    return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])


def _touch_or_cross(s: tuple, t: tuple) -> bool:
    """Segments meet anywhere other than at an endpoint they share."""
    (p1, p2), (p3, p4) = s, t
    shared = {p1, p2} & {p3, p4}
    d1, d2, d3, d4 = _orient(p3, p4, p1), _orient(p3, p4, p2), _orient(p1, p2, p3), _orient(p1, p2, p4)
    if d1 * d2 < 0 and d3 * d4 < 0:
        return True

    def on(a, b, c) -> bool:  # c lies on segment ab (c collinear with it)
        return min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= c[1] <= max(a[1], b[1])

    return any(
        d == 0 and c not in shared and on(a, b, c)
        for d, a, b, c in ((d1, p3, p4, p1), (d2, p3, p4, p2), (d3, p1, p2, p3), (d4, p1, p2, p4))
    )


def _meeting_segments(segments: list[tuple]) -> list[tuple]:
    """Pairs of segments that cross or touch, found through a coarse grid so it stays quick."""
    cell = 0.05
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for k, ((x0, y0), (x1, y1)) in enumerate(segments):
        for gx in range(int(min(x0, x1) // cell), int(max(x0, x1) // cell) + 1):
            for gy in range(int(min(y0, y1) // cell), int(max(y0, y1) // cell) + 1):
                buckets[gx, gy].append(k)
    found = set()
    for ks in buckets.values():
        for a, b in combinations(ks, 2):
            if (a, b) not in found and _touch_or_cross(segments[a], segments[b]):
                found.add((a, b))
    return [(segments[a], segments[b]) for a, b in sorted(found)]


# --- the shipped file ------------------------------------------------------------------------


def test_every_county_has_a_six_digit_adcode_name_and_label_point(features):
    assert len(features) == 13
    adcodes = [f["properties"]["adcode"] for f in features]
    assert all(isinstance(a, str) and a.isdigit() and len(a) == 6 and a.startswith("1411") for a in adcodes)
    assert sorted(adcodes) == sorted(UNSIMPLIFIED_AREA)  # unique, and the 13 expected
    for f in features:
        assert set(f["properties"]) == {"name", "adcode", "label_point"}
        assert f["properties"]["name"]
        assert len(f["properties"]["label_point"]) == 2


def test_every_county_keeps_its_area(features):
    for f in features:
        area = sum(-_area(r) for r in _rings(f))  # outer rings clockwise (negative), holes positive
        expected = UNSIMPLIFIED_AREA[f["properties"]["adcode"]]
        assert area == pytest.approx(expected, rel=0.01), f["properties"]["name"]


def test_rings_are_closed_oriented_and_simple(features):
    for f in features:
        for k, ring in enumerate(_rings(f)):
            assert ring[0] == ring[-1] and len(ring) >= 4
            assert len({tuple(p) for p in ring}) == len(ring) - 1, "a ring passes through a point twice"
            assert (_area(ring) < 0) == (k == 0)  # plotly wants clockwise outer rings


def test_no_border_crosses_or_touches_another(features):
    segments = [tuple(sorted(e)) for e in _edges(features)]
    assert _meeting_segments(segments) == []


def test_neighbours_share_their_borders_exactly(features):
    edges = _edges(features)
    assert set(edges.values()) == {1, 2}
    # Edges drawn once are the city's outline: one closed loop.  A gap or sliver between two
    # simplified neighbours would add edges drawn once inside the city, and more loops.
    once = defaultdict(set)
    for edge, count in edges.items():
        if count == 1:
            a, b = tuple(edge)
            once[a].add(b)
            once[b].add(a)
    assert {len(v) for v in once.values()} == {2}
    start = next(iter(once))
    seen, todo = set(), [start]
    while todo:
        p = todo.pop()
        if p not in seen:
            seen.add(p)
            todo.extend(once[p])
    assert seen == set(once)


def test_file_is_small_enough_to_send_every_rerun():
    # 163 KB at full detail; the map figure sends it with every rerun.
    assert GEOJSON.stat().st_size < 50_000


# --- the simplification itself ---------------------------------------------------------------


def test_douglas_peucker_keeps_ends_and_points_beyond_tolerance(build):
    pts = [(0.0, 0.0), (1.0, 0.001), (2.0, -0.001), (3.0, 0.0), (4.0, 0.5)]
    assert build.douglas_peucker(pts, 0.0015, 1.0) == [(0.0, 0.0), (3.0, 0.0), (4.0, 0.5)]
    assert build.douglas_peucker(pts, 0.0, 1.0) == pts
    # Latitude stretched (as Mercator draws it) makes the same wiggle count.
    assert build.douglas_peucker(pts, 0.0015, 2.0) == pts


def test_shared_border_is_simplified_identically_in_both_rings(build):
    wiggle = [(1.0, y / 10) for y in range(11)]
    wiggle = [(x + (0.001 if k % 2 else 0.0), y) for k, (x, y) in enumerate(wiggle)]
    left = [(0.0, 0.0), *wiggle, (0.0, 1.0), (0.0, 0.0)]
    right = [*wiggle[::-1], (2.0, 1.0), (2.0, 0.0), (1.0, 0.0)]
    a, b = build.simplify_rings([[list(p) for p in left], [list(p) for p in right]], 0.01, 1.0)
    assert set(a) == {(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)}
    assert set(b) == {(1.0, 0.0), (1.0, 1.0), (2.0, 1.0), (2.0, 0.0)}


def test_ring_without_neighbours_is_simplified_as_a_loop(build):
    square = [(0.0, 0.0), (0.5, 0.0001), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    (ring,) = build.simplify_rings([[list(p) for p in square]], 0.01, 1.0)
    assert sorted(ring) == [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)]


def test_a_ring_simplified_away_is_an_error_naming_the_fix(build):
    sliver = [[0.0, 0.0], [1.0, 0.0001], [2.0, 0.0], [1.0, -0.0001], [0.0, 0.0]]
    with pytest.raises(ValueError, match="ring of 4 points simplified to 2: lower SIMPLIFY_TOLERANCE"):
        build.simplify_rings([sliver], 0.01, 1.0)
