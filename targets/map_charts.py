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

from .geo import bbox, label_point, rings
from .plotstyle import FONT, HIGHLIGHT, INK, NO_DATA_COLOR, esc

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

    # County names (and value text when label_col is given) at a point inside each county.
    label_lon, label_lat, label_text, label_color = [], [], [], []
    for name in names_in_map:
        x, y = label_point(features[name])
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
            label_color.append(_LIGHT_TEXT if _luminance(fill) < 0.35 else INK)
        else:
            label_color.append(INK)
    fig.add_trace(
        go.Scattergeo(
            name="labels",
            lon=label_lon,
            lat=label_lat,
            text=label_text,
            mode="text",
            textfont={"size": 12, "color": label_color, "family": FONT},
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
                "text": esc(grey_note or f"灰色 = {no_data_text}"),
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
        title={"text": esc(title).replace("\n", "<br>"), "x": 0.02, "xanchor": "left"} if title else None,
        font={"family": FONT, "size": 13},
        hoverlabel={"font": {"family": FONT}},
        margin={"l": 10, "r": 10, "t": 56 if title else 10, "b": 10},
        height=height,
        showlegend=False,
        dragmode=False,
        paper_bgcolor="rgba(0,0,0,0)",
        annotations=annotations,
    )
    return fig
