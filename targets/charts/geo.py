"""Geometry of the county boundaries: rings, bounding box and label points. No plotting here.

The boundary file itself is read by `targets.boundaries`; the map is drawn by
`targets.charts.map`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any


def rings(geometry: Mapping[str, Any]) -> Iterator[list[list[float]]]:
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon
    else:
        raise ValueError(f"unsupported geometry type {geometry['type']!r}")


def bbox(geojson: Mapping[str, Any]) -> tuple[float, float, float, float]:
    """``(min_lon, min_lat, max_lon, max_lat)`` over all features (GeoJSON bbox order).

    Used to frame the map explicitly, so the view never depends on plotly's
    default world extent.
    """
    lons: list[float] = []
    lats: list[float] = []
    for feature in geojson["features"]:
        for ring in rings(feature["geometry"]):
            lons.extend(p[0] for p in ring)
            lats.extend(p[1] for p in ring)
    if not lons:
        raise ValueError("geojson has no coordinates")
    return (min(lons), min(lats), max(lons), max(lats))


def _ring_area_centroid(ring: Sequence[Sequence[float]]) -> tuple[float, float, float]:
    """Signed shoelace area and area centroid of a closed ring."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if a == 0:
        return 0.0, ring[0][0], ring[0][1]
    return a / 2, cx / (3 * a), cy / (3 * a)


def label_point(feature: Mapping[str, Any]) -> tuple[float, float]:
    """Where to draw a county's name.

    Prefers ``properties.label_point`` (precomputed by scripts/build_geojson.py
    as the point farthest inside the county); falls back to the area centroid
    of the largest outer ring for other GeoJSON files.
    """
    lp = feature.get("properties", {}).get("label_point")
    if lp:
        return float(lp[0]), float(lp[1])
    geometry = feature["geometry"]
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    best = max((_ring_area_centroid(poly[0]) for poly in polygons), key=lambda t: abs(t[0]))
    return best[1], best[2]


