"""The county map: a choropleth joined on administrative-division codes. No Streamlit here.

Counties are matched to the boundary file by `adcode` (config.yaml gives each
on-map county its code), so renaming a county or adding an alias never
breaks a map; names are display matters. Everything works offline: the
boundaries ship with the app and plotstyle.OFFLINE_TOPOJSON_URL stops
plotly.js fetching its world basemap.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.colors as pc
import plotly.graph_objects as go

from targets.charts.geo import bbox, label_point, rings
from targets.charts.style import FONT, HIGHLIGHT, INK, LINE, NO_DATA_COLOR, esc, frame, sizes, text_px, wrap

NO_DATA_TEXT = "无数据"
_BORDER_COLOR = "#ffffff"
_LIGHT_TEXT = "#ffffff"


def _is_missing(v: Any) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _format_value(v: float) -> str:
    """Thousands separators and the value's own digits (107.142 stays 107.142): targets are quoted, never rounded."""
    if _is_missing(v):
        return NO_DATA_TEXT
    return f"{v:,.6f}".rstrip("0").rstrip(".")


def _text(v: Any) -> str:
    return "—" if _is_missing(v) else str(v)


def _colorscale_list(colorscale: str | Sequence[Any]) -> list[list[Any]]:
    """A named scale as an explicit list; its near-white low end is cut so a low county never reads as 'no data'."""
    if not isinstance(colorscale, str):
        return [list(x) for x in colorscale]
    name, reverse = (colorscale[:-2], True) if colorscale.endswith("_r") else (colorscale, False)
    scale = [list(x) for x in pc.get_colorscale(name)]
    if reverse:
        scale = [[1 - s, c] for s, c in reversed(scale)]
    if _luminance(scale[0][1]) > 0.8:
        stops = [0.15 + 0.85 * k / 10 for k in range(11)]
        scale = [[k / 10, c] for k, c in enumerate(pc.sample_colorscale(scale, stops))]
    return scale


def _luminance(color: str) -> float:
    """Relative luminance (0 dark – 1 light) of an 'rgb(...)' or '#rrggbb' colour."""
    r, g, b = pc.unlabel_rgb(pc.convert_colors_to_same_type(color, colortype="rgb")[0][0])

    def lin(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def map_figure(
    df: pd.DataFrame,
    *,
    geojson: Mapping[str, Any],
    value_col: str = "value",
    code_col: str = "adcode",
    label_col: str | None = None,
    title: str = "",
    colorscale: str | Sequence[Any] = "Blues",
    hover_cols: Sequence[str] | Mapping[str, str] = (),
    highlight: str | None = None,
    colorbar_title: str | None = None,
    height: int = 620,
    display_names: Mapping[str, str] | None = None,
    no_data_text: str = NO_DATA_TEXT,
    grey_note: str | None = None,
    note: str = "",
    source: str = "",
    width: float = 520,
    large: bool = False,
) -> go.Figure:
    """Choropleth of one value per county, with county names drawn on the map.

    Args:
        df: one row per county; ``df[code_col]`` is its administrative-division
            code, matched to ``properties.adcode`` in ``geojson``.
        geojson: FeatureCollection from :func:`targets.boundaries.load`.
        value_col: numeric column coloured on the map; NaN means "no value".
        code_col: column with the counties' adcodes.
        label_col: optional column of ready-formatted value text (e.g.
            "12.5 亿元"). It replaces the automatic number format in the hover
            and is drawn under the county name on the map.
        title: figure title.
        colorscale: Plotly colorscale name (``"_r"`` suffix reverses) or list.
        hover_cols: extra columns shown in the hover (e.g. unit, source), in
            order; a mapping ``{column: label}`` sets the labels shown.
        highlight: adcode of the county to outline thickly; must be in ``geojson``.
        colorbar_title: colour bar title; defaults to ``value_col``.
        height: figure height in px (the county set is taller than wide).
        display_names: adcode -> name shown (from config, in the chosen language);
            default the boundary file's own names.
        no_data_text / grey_note: the words for "no data" and the grey-means note, per language.
        note / source: a note (e.g. the units not on the map, with their values) and the source line, drawn
            under the map inside the figure (so a saved PNG keeps them).
        width / large: the px the page gives the map (labels are kept apart at that size) and presenter fonts.

    Every text from data or config is HTML-escaped: plotly renders a subset of
    HTML, and a label such as "<b>x</b>" must show as typed.

    Counties whose value is NaN, and counties in ``geojson`` missing from
    ``df``, are drawn in light grey with "无数据" in the hover, so the map is
    never missing a county.  The first choropleth trace holds exactly
    ``df``'s rows in ``df``'s order (NaN rows included, which plotly does not
    paint); a second one paints the grey counties.

    Raises:
        ValueError: a name in ``df`` or ``highlight`` is not in ``geojson``,
            a name appears twice, or a column is missing.
    """
    names_in_map = [str(f["properties"]["adcode"]) for f in geojson["features"]]
    hover_labels = dict(hover_cols) if isinstance(hover_cols, Mapping) else {c: c for c in hover_cols}
    needed = [code_col, value_col, *hover_labels, *([label_col] if label_col else [])]
    missing_cols = [c for c in needed if c not in df.columns]
    if missing_cols:
        raise ValueError(f"map_figure: columns not in df: {missing_cols}")

    locations = [str(n) for n in df[code_col]]
    unknown = sorted(set(locations) - set(names_in_map))
    if unknown:
        raise ValueError(f"map_figure: codes not in the map: {unknown}; known: {names_in_map}")
    dupes = sorted({n for n in locations if locations.count(n) > 1})
    if dupes:
        raise ValueError(f"map_figure: each county must appear once; repeated: {dupes}")
    if highlight is not None and highlight not in names_in_map:
        raise ValueError(f"map_figure: highlight {highlight!r} is not a county in the map")

    z = pd.to_numeric(df[value_col], errors="coerce").astype(float).tolist()
    file_names = {str(f["properties"]["adcode"]): str(f["properties"].get("name", "")) for f in geojson["features"]}
    shown_name = {n: esc((display_names or {}).get(n) or file_names[n]) for n in names_in_map}
    value_text = (
        [esc(_text(v)) if not _is_missing(zv) else esc(no_data_text) for v, zv in zip(df[label_col], z)]
        if label_col
        else [_format_value(v) for v in z]
    )
    hover_values = [[esc(_text(v)) for v in df[c]] for c in hover_labels]
    customdata = [[value_text[i], *(col[i] for col in hover_values), shown_name[locations[i]]] for i in range(len(locations))]
    name_slot = 1 + len(hover_labels)

    hovertemplate = f"<b>%{{customdata[{name_slot}]}}</b><br>" + f"{esc(colorbar_title or value_col)}: " + "%{customdata[0]}"
    for k, label in enumerate(hover_labels.values(), start=1):
        hovertemplate += f"<br>{esc(label)}: %{{customdata[{k}]}}"
    hovertemplate += "<extra></extra>"

    scale = _colorscale_list(colorscale)
    finite = [v for v in z if not math.isnan(v)]
    zmin, zmax = (min(finite), max(finite)) if finite else (0.0, 1.0)
    if zmin == zmax:  # one value (or one county): still a valid colour range
        zmin, zmax = zmin - 1, zmax + 1

    line_width = [3.0 if n == highlight else 0.8 for n in locations]
    line_color = [HIGHLIGHT if n == highlight else _BORDER_COLOR for n in locations]

    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            name=str(value_col),
            geojson=geojson,
            featureidkey="properties.adcode",
            locations=locations,
            z=z,
            zmin=zmin,
            zmax=zmax,
            colorscale=scale,
            customdata=customdata,
            hovertemplate=hovertemplate,
            marker={"line": {"width": line_width, "color": line_color}},
            showscale=bool(finite),
            colorbar={
                "title": {"text": esc(colorbar_title or str(value_col)), "side": "top"},
                "thickness": 14,
                "len": 0.6,
                "y": 0.5,
                "outlinewidth": 0,
                "tickformat": ",~r",
            },
        )
    )

    # Grey counties: NaN values and counties absent from df.
    row_of = {n: i for i, n in enumerate(locations)}
    grey = [n for n in names_in_map if n not in row_of or math.isnan(z[row_of[n]])]
    if grey:
        empty_row = [esc(no_data_text), *("—" for _ in hover_labels)]
        fig.add_trace(
            go.Choropleth(
                name=esc(no_data_text),
                # Only the grey counties' shapes: the whole map again would double what every rerun sends.
                geojson={"type": "FeatureCollection",
                         "features": [f for f in geojson["features"] if str(f["properties"]["adcode"]) in set(grey)]},
                featureidkey="properties.adcode",
                locations=grey,
                z=[0] * len(grey),
                colorscale=[[0, NO_DATA_COLOR], [1, NO_DATA_COLOR]],
                showscale=False,
                customdata=[customdata[row_of[n]] if n in row_of else [*empty_row, shown_name[n]] for n in grey],
                hovertemplate=hovertemplate,
                marker={
                    "line": {
                        "width": [3.0 if n == highlight else 0.8 for n in grey],
                        "color": [HIGHLIGHT if n == highlight else _BORDER_COLOR for n in grey],
                    }
                },
            )
        )

    # The highlight outline again on top: inside a choropleth trace, counties
    # drawn later paint over half of an earlier county's thick border.
    features = {str(f["properties"]["adcode"]): f for f in geojson["features"]}
    if highlight is not None:
        lon: list[float | None] = []
        lat: list[float | None] = []
        for ring in rings(features[highlight]["geometry"]):
            lon.extend([p[0] for p in ring] + [None])
            lat.extend([p[1] for p in ring] + [None])
        fig.add_trace(
            go.Scattergeo(
                name="outline",
                lon=lon,
                lat=lat,
                mode="lines",
                line={"width": 3, "color": HIGHLIGHT},
                hoverinfo="skip",
                showlegend=False,
            )
        )

    # County names (and value text when label_col is given) at a point inside each county, moved apart where
    # they would overlap at this size (with a thin leader line back to the county when moved far).
    fs = sizes(large)
    colorbar_px = max(56.0, text_px(colorbar_title or str(value_col), fs["note"]) + 16) if finite else 10.0
    dom_w, dom_h = map_box(width, height, title=title, colorbar_px=colorbar_px, large=large)
    west, south, east, north = bbox(geojson)
    _, drawn_px = map_px((west, south, east, north), (dom_w, dom_h))
    label_size = min(MAX_LABEL + (1.5 if large else 0), max(MIN_LABEL, drawn_px / 30))
    with_values = drawn_px >= VALUES_FROM_PX
    texts, points, colors = [], [], []
    for name in names_in_map:
        i = row_of.get(name)
        has_value = i is not None and not math.isnan(z[i])
        lines = [shown_name[name]] + ([value_text[i]] if label_col and has_value and with_values else [])
        texts.append(lines)
        points.append(label_point(features[name]))
        if has_value:
            t = (z[i] - zmin) / (zmax - zmin)
            fill = pc.sample_colorscale(scale, [min(max(t, 0.0), 1.0)])[0]
            colors.append(_LIGHT_TEXT if _luminance(fill) < 0.35 else INK)
        else:
            colors.append(INK)
    placed = place_labels(points, texts, bbox=(west, south, east, north), size=label_size, box=(dom_w, dom_h),
                          features=[features[n] for n in names_in_map])
    lead_lon: list[float | None] = []
    lead_lat: list[float | None] = []
    for (x0, y0), (x1, y1, moved) in zip(points, placed):
        if moved:
            lead_lon += [x0, x1, None]
            lead_lat += [y0, y1, None]
    if lead_lon:
        fig.add_trace(go.Scattergeo(name="leaders", lon=lead_lon, lat=lead_lat, mode="lines",
                                    line={"width": 1, "color": "#666666"}, hoverinfo="skip", showlegend=False))
    fig.add_trace(
        go.Scattergeo(
            name="labels",
            lon=[p[0] for p in placed],
            lat=[p[1] for p in placed],
            text=["<b>" + lines[0] + "</b>" + "".join(f"<br>{x}" for x in lines[1:]) for lines in texts],
            mode="text",
            # A halo in the contrasting colour keeps a name readable where it spills over a neighbour's fill.
            textfont={"size": label_size, "color": [c if not p[2] else INK for c, p in zip(colors, placed)], "family": FONT,
                      "shadow": "auto"},
            hoverinfo="skip",
            showlegend=False,
        )
    )

    pad_lon, pad_lat = (east - west) * 0.03, (north - south) * 0.03
    fig.update_geos(
        visible=False,
        projection_type="mercator",
        lonaxis_range=[west - pad_lon, east + pad_lon],
        lataxis_range=[south - pad_lat, north + pad_lat],
        bgcolor="rgba(0,0,0,0)",
    )
    notes = [grey_note or f"灰色 = {no_data_text}"] if grey else []
    notes += [note] if note else []
    fig = frame(fig, title, height=height, width=width, large=large, source=source, note="  ·  ".join(notes), bottom=4,
                right=colorbar_px)
    fig.update_traces(selector={"type": "choropleth"}, colorbar={"x": 1.0, "xanchor": "left", "xref": "paper"})
    fig.update_layout(showlegend=False, dragmode=False)  # white paper, as frame sets it: a saved PNG is not see-through
    return fig


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
