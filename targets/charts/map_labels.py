"""Where the map's county names go: kept apart at the px the map is drawn in, inside their own county when there
is room (charts/map.py draws them, with a leader line for a label moved out of its county).

The map is scaled as plotly.js scales a Mercator geo subplot to fit its box, so positions computed here in px
land where plotly.js draws them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from targets.charts.geo import rings
from targets.charts.style import LINE, sizes, text_px, wrap


def _merc(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _lat(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


STEPS = (3, 6, 9, 12, 16, 20, 25, 30, 36)  # px tried, nearest first
MIN_LABEL, MAX_LABEL = 9.5, 13.0  # label font px: small maps get small labels (presenter maps one size up)
VALUES_FROM_PX = 330  # a map shorter than this shows names only (the bars beside it give the values)


def _inside(lon: float, lat: float, feature: Mapping[str, Any]) -> bool:
    """Even-odd point-in-polygon over all rings of the county."""
    hit = False
    for ring in rings(feature["geometry"]):
        for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
            if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                hit = not hit
    return hit


def _area(feature: Mapping[str, Any]) -> float:
    total = 0.0
    for ring in rings(feature["geometry"]):
        total += sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])) / 2
    return abs(total)


def map_px(bbox: tuple[float, float, float, float], box: tuple[float, float]) -> tuple[float, float]:
    """(px per radian, map height px) when plotly.js fits this Mercator box into `box` px."""
    west, south, east, north = bbox
    dx = math.radians(east - west) * 1.06
    dy = (_merc(north) - _merc(south)) * 1.06
    scale = min(box[0] / max(dx, 1e-9), box[1] / max(dy, 1e-9))
    return scale, dy * scale


def map_box(width: float, height: float, *, title: str, colorbar_px: float, large: bool) -> tuple[float, float]:
    """The px box the map itself is drawn in: the figure less its title, colour bar and the notes under it."""
    fs = sizes(large)
    title_lines = len(wrap(title, width - 16, fs["title"])) if title else 0
    return max(120.0, width - 20 - colorbar_px), max(120.0, height - (title_lines * fs["title"] * LINE + 26) - 60)


def place_labels(points: Sequence[tuple[float, float]], texts: Sequence[Sequence[str]], *,
                 bbox: tuple[float, float, float, float], size: float, box: tuple[float, float],
                 features: Sequence[Mapping[str, Any]] | None = None) -> list[tuple[float, float, bool]]:
    """Label positions (lon, lat, outside its county) so that no two labels overlap on a map drawn in `box` px.

    The map is scaled as plotly.js scales a Mercator geo subplot to fit its box. The smallest counties are
    placed first, at their own point; each later label takes the nearest free place, preferring places inside
    its own county (a big county has room to give). A label that ends outside its county gets a leader line.
    """
    west, south, east, north = bbox
    scale, _ = map_px(bbox, box)
    centers = [(math.radians(lon - west) * scale, (_merc(north) - _merc(lat)) * scale) for lon, lat in points]
    half = [(max(text_px(x, size) * 1.08 for x in lines) / 2 + 1.5, len(lines) * size * 1.18 / 2 + 0.5) for lines in texts]
    taken: list[tuple[float, float, float, float]] = []

    def free(cx: float, cy: float, hw: float, hh: float) -> bool:
        return all(cx + hw <= a or cx - hw >= b or cy + hh <= c or cy - hh >= d for a, b, c, d in taken)

    def lonlat(i: int, ox: float, oy: float) -> tuple[float, float]:
        return points[i][0] + math.degrees(ox / scale), _lat(_merc(points[i][1]) - oy / scale)

    offsets = [(0.0, 0.0)] + [(ox * r, oy * r) for r in STEPS
                              for ox, oy in ((0, -1), (0, 1), (-1, 0), (1, 0), (-0.7, -0.7), (0.7, -0.7), (-0.7, 0.7), (0.7, 0.7))]
    out: list[tuple[float, float, bool]] = [(p[0], p[1], False) for p in points]
    order = sorted(range(len(points)), key=lambda i: _area(features[i]) if features else 0.0)
    for i in order:
        (cx, cy), (hw, hh) = centers[i], half[i]
        best = None
        for ox, oy in offsets:
            if not free(cx + ox, cy + oy, hw, hh):
                continue
            lon, lat = lonlat(i, ox, oy)
            inside = features is None or _inside(lon, lat, features[i])
            if inside:
                best = (ox, oy, lon, lat, False)
                break
            if best is None:
                best = (ox, oy, lon, lat, True)
        if best is None:
            best = (0.0, 0.0, points[i][0], points[i][1], False)
        ox, oy, lon, lat, outside = best
        taken.append((cx + ox - hw, cx + ox + hw, cy + oy - hh, cy + oy + hh))
        out[i] = (lon, lat, outside and math.hypot(ox, oy) > 0)
    return out
