"""County map of Lüliang (吕梁市): boundaries, a Plotly choropleth, and offline plot config.

Kept free of Streamlit so it can be unit-tested and reused (exports, scripts);
pages pass :func:`map_figure`'s figure and :func:`plotly_config`'s dict to
``st.plotly_chart(fig, config=...)``.

Everything here works without internet access: the boundaries come from
``data/geo/lvliang_counties.geojson`` (see ``data/geo/SOURCE.md``) and
:data:`OFFLINE_TOPOJSON_URL` stops plotly.js fetching its world basemap from
its CDN.
"""

from __future__ import annotations

import functools
import html
import json
import math
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.colors as pc
import plotly.graph_objects as go

__all__ = [
    "CJK_FONT_FAMILY",
    "DEFAULT_GEOJSON_PATH",
    "NO_DATA_COLOR",
    "OFFLINE_TOPOJSON_URL",
    "bbox",
    "feature_names",
    "load_counties",
    "map_figure",
    "plotly_config",
]

DEFAULT_GEOJSON_PATH = Path(__file__).resolve().parent.parent / "data" / "geo" / "lvliang_counties.geojson"

# plotly.js (v4, both the copy in the plotly package and the one bundled in
# Streamlit) fetches ``<topojsonURL>/<scope>_<resolution>m.json`` (e.g.
# ``world_110m.json``) for every geo subplot holding a choropleth, even with
# ``geo.visible=False`` and a custom ``geojson``: the default is
# ``https://cdn.plot.ly/un/``, which hangs or fails offline.  A ``data:`` URL
# answers in-browser with no request at all.  The trailing ``#`` matters:
# plotly appends ``/world_110m.json`` to the URL, which then lands in the
# fragment, which browsers ignore for ``data:`` URLs, so the payload is still
# exactly this empty topology (without the ``#`` the payload becomes invalid
# JSON and the map never draws).
OFFLINE_TOPOJSON_URL = 'data:application/json,{"type":"Topology","objects":{},"arcs":[]}#'

# Fonts that render Chinese on Linux (fonts-noto-cjk), Windows and macOS.
CJK_FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'

NO_DATA_COLOR = "#d9d9d9"
NO_DATA_TEXT = "无数据"
_BORDER_COLOR = "#ffffff"
_HIGHLIGHT_COLOR = "#d62728"
_DARK_TEXT = "#1f2d3d"
_LIGHT_TEXT = "#ffffff"


# ---------------------------------------------------------------------------
# Boundaries
# ---------------------------------------------------------------------------
def load_counties(path: str | os.PathLike[str] = DEFAULT_GEOJSON_PATH) -> dict[str, Any]:
    """Return the county FeatureCollection stored at ``path``.

    Cached per path string because Streamlit reruns the page script on every
    interaction and the file never changes while the app runs.  The returned
    dict is shared between callers: treat it as read-only.
    """
    return _load_counties_cached(os.fspath(path))


@functools.lru_cache(maxsize=8)
def _load_counties_cached(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        geojson = json.load(fh)
    if geojson.get("type") != "FeatureCollection":
        raise ValueError(f"{path} is not a GeoJSON FeatureCollection")
    return geojson


def feature_names(geojson: Mapping[str, Any]) -> list[str]:
    """County names (``properties.name``) in file order: the keys map_figure matches on."""
    return [f["properties"]["name"] for f in geojson["features"]]


def _rings(geometry: Mapping[str, Any]) -> Iterator[list[list[float]]]:
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
        for ring in _rings(feature["geometry"]):
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


def _label_point(feature: Mapping[str, Any]) -> tuple[float, float]:
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


# ---------------------------------------------------------------------------
# Plotly
# ---------------------------------------------------------------------------
def plotly_config(filename: str) -> dict[str, Any]:
    """Config for ``st.plotly_chart(config=...)`` / ``fig.write_html(config=...)``.

    * ``topojsonURL``: offline (see :data:`OFFLINE_TOPOJSON_URL`);
    * no Plotly logo; the camera button saves ``<filename>.png`` at 2x scale
      so officials can paste a sharp image into reports;
    * scroll-zoom off so scrolling the page does not zoom the map; no
      box/lasso select buttons (nothing on the page reacts to a selection).
    """
    return {
        "topojsonURL": OFFLINE_TOPOJSON_URL,
        "displaylogo": False,
        "scrollZoom": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }


def _esc(text: object) -> str:
    return html.escape(str(text), quote=False)


def _is_missing(v: Any) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _format_value(v: float) -> str:
    """Thousands separators and the value's own digits (107.142 stays 107.142); NaN -> 无数据.

    Targets are quoted from official documents, so the hover never rounds them.
    """
    if _is_missing(v):
        return NO_DATA_TEXT
    return f"{v:,.6f}".rstrip("0").rstrip(".")


def _text(v: Any) -> str:
    return "—" if _is_missing(v) else str(v)


def _colorscale_list(colorscale: str | Sequence[Any]) -> list[list[Any]]:
    """Resolve a colorscale to an explicit list (needed to pick label colours).

    For a named scale whose low end is near-white (Blues, Greens, ...), the
    lightest 15% is cut off: a near-white county on the white page loses its
    outline and reads like "no data".  Explicit lists are used as given.
    """
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
    name_col: str = "county",
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
) -> go.Figure:
    """Choropleth of one value per county, with county names drawn on the map.

    Args:
        df: one row per county; ``df[name_col]`` must match ``properties.name``
            in ``geojson`` exactly (e.g. "离石区", not "离石").
        geojson: FeatureCollection from :func:`load_counties`.
        value_col: numeric column coloured on the map; NaN means "no value".
        name_col: column with county names.
        label_col: optional column of ready-formatted value text (e.g.
            "12.5 亿元"). It replaces the automatic number format in the hover
            and is drawn under the county name on the map.
        title: figure title.
        colorscale: Plotly colorscale name (``"_r"`` suffix reverses) or list.
        hover_cols: extra columns shown in the hover (e.g. unit, source), in
            order; a mapping ``{column: label}`` sets the labels shown.
        highlight: county name to outline thickly (e.g. the one picked in a
            table); must be a name in ``geojson``.
        colorbar_title: colour bar title; defaults to ``value_col``.
        height: figure height in px (the county set is taller than wide).
        display_names: county name -> name shown (e.g. English); default the map's names.
        no_data_text / grey_note: the words for "no data" and the grey-means note, per language.

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
    names_in_map = feature_names(geojson)
    hover_labels = dict(hover_cols) if isinstance(hover_cols, Mapping) else {c: c for c in hover_cols}
    needed = [name_col, value_col, *hover_labels, *([label_col] if label_col else [])]
    missing_cols = [c for c in needed if c not in df.columns]
    if missing_cols:
        raise ValueError(f"map_figure: columns not in df: {missing_cols}")

    locations = [str(n) for n in df[name_col]]
    unknown = sorted(set(locations) - set(names_in_map))
    if unknown:
        raise ValueError(f"map_figure: names not in the map: {unknown}; known: {names_in_map}")
    dupes = sorted({n for n in locations if locations.count(n) > 1})
    if dupes:
        raise ValueError(f"map_figure: each county must appear once; repeated: {dupes}")
    if highlight is not None and highlight not in names_in_map:
        raise ValueError(f"map_figure: highlight {highlight!r} is not a county in the map")

    z = pd.to_numeric(df[value_col], errors="coerce").astype(float).tolist()
    shown_name = {n: _esc((display_names or {}).get(n, n)) for n in names_in_map}
    value_text = (
        [_esc(_text(v)) if not _is_missing(zv) else _esc(no_data_text) for v, zv in zip(df[label_col], z)]
        if label_col
        else [_format_value(v) for v in z]
    )
    hover_values = [[_esc(_text(v)) for v in df[c]] for c in hover_labels]
    customdata = [[value_text[i], *(col[i] for col in hover_values), shown_name[locations[i]]] for i in range(len(locations))]
    name_slot = 1 + len(hover_labels)

    hovertemplate = f"<b>%{{customdata[{name_slot}]}}</b><br>" + f"{_esc(colorbar_title or value_col)}: " + "%{customdata[0]}"
    for k, label in enumerate(hover_labels.values(), start=1):
        hovertemplate += f"<br>{_esc(label)}: %{{customdata[{k}]}}"
    hovertemplate += "<extra></extra>"

    scale = _colorscale_list(colorscale)
    finite = [v for v in z if not math.isnan(v)]
    zmin, zmax = (min(finite), max(finite)) if finite else (0.0, 1.0)
    if zmin == zmax:  # one value (or one county): still a valid colour range
        zmin, zmax = zmin - 1, zmax + 1

    line_width = [3.0 if n == highlight else 0.8 for n in locations]
    line_color = [_HIGHLIGHT_COLOR if n == highlight else _BORDER_COLOR for n in locations]

    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            name=str(value_col),
            geojson=geojson,
            featureidkey="properties.name",
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
                "title": {"text": _esc(colorbar_title or str(value_col)), "side": "top"},
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
        empty_row = [_esc(no_data_text), *("—" for _ in hover_labels)]
        fig.add_trace(
            go.Choropleth(
                name=_esc(no_data_text),
                # Only the grey counties' shapes: the whole map again would double what every rerun sends.
                geojson={"type": "FeatureCollection",
                         "features": [f for f in geojson["features"] if f["properties"]["name"] in set(grey)]},
                featureidkey="properties.name",
                locations=grey,
                z=[0] * len(grey),
                colorscale=[[0, NO_DATA_COLOR], [1, NO_DATA_COLOR]],
                showscale=False,
                customdata=[customdata[row_of[n]] if n in row_of else [*empty_row, shown_name[n]] for n in grey],
                hovertemplate=hovertemplate,
                marker={
                    "line": {
                        "width": [3.0 if n == highlight else 0.8 for n in grey],
                        "color": [_HIGHLIGHT_COLOR if n == highlight else _BORDER_COLOR for n in grey],
                    }
                },
            )
        )

    # The highlight outline again on top: inside a choropleth trace, counties
    # drawn later paint over half of an earlier county's thick border.
    features = {f["properties"]["name"]: f for f in geojson["features"]}
    if highlight is not None:
        lon: list[float | None] = []
        lat: list[float | None] = []
        for ring in _rings(features[highlight]["geometry"]):
            lon.extend([p[0] for p in ring] + [None])
            lat.extend([p[1] for p in ring] + [None])
        fig.add_trace(
            go.Scattergeo(
                name=f"{highlight} outline",
                lon=lon,
                lat=lat,
                mode="lines",
                line={"width": 3, "color": _HIGHLIGHT_COLOR},
                hoverinfo="skip",
                showlegend=False,
            )
        )

    # County names (and value text when label_col is given) at a point inside each county.
    label_lon, label_lat, label_text, label_color = [], [], [], []
    for name in names_in_map:
        x, y = _label_point(features[name])
        label_lon.append(x)
        label_lat.append(y)
        i = row_of.get(name)
        has_value = i is not None and not math.isnan(z[i])
        text = f"<b>{shown_name[name]}</b>"
        if label_col and has_value:
            text += f"<br>{value_text[i]}"
        label_text.append(text)
        if has_value:
            t = (z[i] - zmin) / (zmax - zmin)
            fill = pc.sample_colorscale(scale, [min(max(t, 0.0), 1.0)])[0]
            label_color.append(_LIGHT_TEXT if _luminance(fill) < 0.35 else _DARK_TEXT)
        else:
            label_color.append(_DARK_TEXT)
    fig.add_trace(
        go.Scattergeo(
            name="labels",
            lon=label_lon,
            lat=label_lat,
            text=label_text,
            mode="text",
            textfont={"size": 12, "color": label_color, "family": CJK_FONT_FAMILY},
            hoverinfo="skip",
            showlegend=False,
        )
    )

    west, south, east, north = bbox(geojson)
    pad_lon, pad_lat = (east - west) * 0.03, (north - south) * 0.03
    fig.update_geos(
        visible=False,
        projection_type="mercator",
        lonaxis_range=[west - pad_lon, east + pad_lon],
        lataxis_range=[south - pad_lat, north + pad_lat],
        bgcolor="rgba(0,0,0,0)",
    )
    annotations = []
    if grey:
        annotations.append(
            {
                "text": _esc(grey_note or f"灰色 = {no_data_text}"),
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 12, "color": "#555"},
            }
        )
    fig.update_layout(
        # A newline in the title breaks it, so long English titles are not clipped.
        title={"text": _esc(title).replace("\n", "<br>"), "x": 0.02, "xanchor": "left"} if title else None,
        font={"family": CJK_FONT_FAMILY, "size": 13},
        hoverlabel={"font": {"family": CJK_FONT_FAMILY}},
        margin={"l": 10, "r": 10, "t": 56 if title else 10, "b": 10},
        height=height,
        showlegend=False,
        dragmode=False,
        paper_bgcolor="rgba(0,0,0,0)",
        annotations=annotations,
    )
    return fig
