"""The county map: a choropleth joined on administrative-division codes. No Streamlit here.

Counties are matched to the boundary file by `adcode` (config.yaml gives each
on-map county its code), so renaming a county or adding an alias never
breaks a map; names are display matters. Everything works offline: the
boundaries ship with the app and plotstyle.OFFLINE_TOPOJSON_URL stops
plotly.js fetching its world basemap. Where the county names go (kept apart) is
charts/map_labels.py.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.colors as pc
import plotly.graph_objects as go

from targets.charts.options import ChartOptions
from targets.charts.geo import bbox, label_point, rings
from targets.charts.map_labels import MAX_LABEL, MIN_LABEL, VALUES_FROM_PX, map_box, map_px, place_labels
from targets.charts.style import FONT, HIGHLIGHT, INK, NO_DATA_COLOR, esc, frame, sizes, text_px

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
    """A named scale as an explicit list; its near-white end is cut so no county reads as 'no data'.

    Reversed ("Blues_r", for caps: the smallest darkest) the near-white end is the high one, and is cut there.
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
    elif _luminance(scale[-1][1]) > 0.8:
        stops = [0.85 * k / 10 for k in range(11)]
        scale = [[k / 10, c] for k, c in enumerate(pc.sample_colorscale(scale, stops))]
    return scale


def _luminance(color: str) -> float:
    """Relative luminance (0 dark – 1 light) of an 'rgb(...)' or '#rrggbb' colour."""
    r, g, b = pc.unlabel_rgb(pc.convert_colors_to_same_type(color, colortype="rgb")[0][0])

    def lin(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


@dataclass(frozen=True)
class _Rows:
    """The map's rows, checked against the boundary file: what every layer of the figure is drawn from."""
    features: dict[str, Mapping[str, Any]]   # adcode -> its feature, in the file's order
    locations: list[str]                     # the rows' adcodes, in df's order
    z: list[float]                           # the rows' values (NaN: no value)
    shown_name: dict[str, str]               # adcode -> the name drawn (escaped)
    value_text: list[str]                    # each row's value as shown (escaped)
    customdata: list[list[str]]
    hovertemplate: str
    hover_slots: int                         # hover columns after the value

    @property
    def row_of(self) -> dict[str, int]:
        return {n: i for i, n in enumerate(self.locations)}

    @property
    def finite(self) -> list[float]:
        return [v for v in self.z if not math.isnan(v)]

    def grey(self) -> list[str]:
        """Counties drawn grey: NaN values and counties absent from df."""
        row_of = self.row_of
        return [n for n in self.features if n not in row_of or math.isnan(self.z[row_of[n]])]


def map_figure(df: pd.DataFrame, *, geojson: Mapping[str, Any], options: ChartOptions, title: str = "",
               value_col: str = "value", code_col: str = "adcode", label_col: str | None = None,
               colorscale: str | Sequence[Any] = "Blues", hover_cols: Sequence[str] | Mapping[str, str] = (),
               note: str = "") -> go.Figure:
    """Choropleth of one value per county, with county names drawn on the map.

    Args:
        df: one row per county; ``df[code_col]`` is its administrative-division
            code, matched to ``properties.adcode`` in ``geojson``.
        geojson: FeatureCollection from :func:`targets.boundaries.load`.
        options: the chart's words and sizes. On the map `options.highlight` is the adcode of the county to
            outline thickly (it must be in ``geojson``), `options.names` maps adcode -> the name shown (default
            the boundary file's own names), `options.unit` titles the colour bar (default ``value_col``),
            `options.no_value["missing"]` / `["grey"]` are the words for "no data" and the grey-means note;
            `width` / `height` (default 520 × 620 px) are the px the page gives the map (labels are kept apart
            at that size), `large` the presenter fonts, `source` the source line under the map.
        value_col: numeric column coloured on the map; NaN means "no value".
        code_col: column with the counties' adcodes.
        label_col: optional column of ready-formatted value text (e.g.
            "12.5 亿元"). It replaces the automatic number format in the hover
            and is drawn under the county name on the map.
        colorscale: Plotly colorscale name (``"_r"`` suffix reverses) or list.
        hover_cols: extra columns shown in the hover (e.g. unit, source), in
            order; a mapping ``{column: label}`` sets the labels shown.
        note: a note (e.g. the units not on the map, with their values), drawn under the map inside the figure
            (so a saved PNG keeps it).

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
    hover_labels = dict(hover_cols) if isinstance(hover_cols, Mapping) else {c: c for c in hover_cols}
    rows = _rows(df, geojson, options, value_col=value_col, code_col=code_col, label_col=label_col,
                 hover_labels=hover_labels)
    colorbar_title = options.unit or str(value_col)
    fig = go.Figure()
    _value_layer(fig, rows, geojson, options, colorscale=colorscale, colorbar_title=colorbar_title, name=str(value_col))
    grey = rows.grey()
    if grey:
        _grey_layer(fig, rows, geojson, options, grey)
    if options.highlight is not None:
        _outline(fig, rows.features[options.highlight])
    width, height = options.size(520, 620)
    colorbar_px = max(56.0, text_px(colorbar_title, sizes(options.large)["note"]) + 16) if rows.finite else 10.0
    _labels(fig, rows, geojson, options, width=width, height=height, title=title, colorbar_px=colorbar_px,
            colorscale=colorscale, with_values=bool(label_col))
    return _framed(fig, geojson, options, title=title, width=width, height=height, colorbar_px=colorbar_px,
                   notes=([options.no_value.get("grey") or f"灰色 = {_no_data(options)}"] if grey else []) + ([note] if note else []))


def _no_data(options: ChartOptions) -> str:
    return options.no_value.get("missing", NO_DATA_TEXT)


def _rows(df: pd.DataFrame, geojson: Mapping[str, Any], options: ChartOptions, *, value_col: str, code_col: str,
          label_col: str | None, hover_labels: dict[str, str]) -> _Rows:
    """The rows checked against the boundary file (ValueError says what is wrong), with their texts and hover."""
    features = {str(f["properties"]["adcode"]): f for f in geojson["features"]}
    names_in_map = list(features)
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
    if options.highlight is not None and options.highlight not in names_in_map:
        raise ValueError(f"map_figure: highlight {options.highlight!r} is not a county in the map")

    z = pd.to_numeric(df[value_col], errors="coerce").astype(float).tolist()
    shown_name = {n: esc(options.names.get(n) or str(features[n]["properties"].get("name", ""))) for n in names_in_map}
    no_data = _no_data(options)
    value_text = ([esc(_text(v)) if not _is_missing(zv) else esc(no_data) for v, zv in zip(df[label_col], z)]
                  if label_col else [_format_value(v) for v in z])
    hover_values = [[esc(_text(v)) for v in df[c]] for c in hover_labels]
    customdata = [[value_text[i], *(col[i] for col in hover_values), shown_name[locations[i]]] for i in range(len(locations))]
    name_slot = 1 + len(hover_labels)
    hovertemplate = (f"<b>%{{customdata[{name_slot}]}}</b><br>" + f"{esc(options.unit or value_col)}: " + "%{customdata[0]}"
                     + "".join(f"<br>{esc(label)}: %{{customdata[{k}]}}" for k, label in enumerate(hover_labels.values(), start=1))
                     + "<extra></extra>")
    return _Rows(features, locations, z, shown_name, value_text, customdata, hovertemplate, len(hover_labels))


def _zrange(rows: _Rows) -> tuple[float, float]:
    finite = rows.finite
    zmin, zmax = (min(finite), max(finite)) if finite else (0.0, 1.0)
    if zmin == zmax:  # one value (or one county): still a valid colour range
        zmin, zmax = zmin - 1, zmax + 1
    return zmin, zmax


def _borders(codes: Sequence[str], highlight: str | None) -> dict:
    return {"line": {"width": [3.0 if n == highlight else 0.8 for n in codes],
                     "color": [HIGHLIGHT if n == highlight else _BORDER_COLOR for n in codes]}}


def _value_layer(fig: go.Figure, rows: _Rows, geojson: Mapping[str, Any], options: ChartOptions, *,
                 colorscale: str | Sequence[Any], colorbar_title: str, name: str) -> None:
    """The choropleth of df's rows, in df's order (NaN rows included, which plotly does not paint)."""
    zmin, zmax = _zrange(rows)
    fig.add_trace(go.Choropleth(
        name=name, geojson=geojson, featureidkey="properties.adcode", locations=rows.locations, z=rows.z,
        zmin=zmin, zmax=zmax, colorscale=_colorscale_list(colorscale), customdata=rows.customdata,
        hovertemplate=rows.hovertemplate, marker=_borders(rows.locations, options.highlight),
        showscale=bool(rows.finite),
        colorbar={"title": {"text": esc(colorbar_title), "side": "top"}, "thickness": 14, "len": 0.6, "y": 0.5,
                  "outlinewidth": 0, "tickformat": ",~r"}))


def _grey_layer(fig: go.Figure, rows: _Rows, geojson: Mapping[str, Any], options: ChartOptions, grey: list[str]) -> None:
    """Grey counties: NaN values and counties absent from df, with 'no data' in their hover."""
    row_of = rows.row_of
    empty_row = [esc(_no_data(options)), *("—" for _ in range(rows.hover_slots))]
    fig.add_trace(go.Choropleth(
        name=esc(_no_data(options)),
        # Only the grey counties' shapes: the whole map again would double what every rerun sends.
        geojson={"type": "FeatureCollection",
                 "features": [f for f in geojson["features"] if str(f["properties"]["adcode"]) in set(grey)]},
        featureidkey="properties.adcode", locations=grey, z=[0] * len(grey),
        colorscale=[[0, NO_DATA_COLOR], [1, NO_DATA_COLOR]], showscale=False,
        customdata=[rows.customdata[row_of[n]] if n in row_of else [*empty_row, rows.shown_name[n]] for n in grey],
        hovertemplate=rows.hovertemplate, marker=_borders(grey, options.highlight)))


def _outline(fig: go.Figure, feature: Mapping[str, Any]) -> None:
    """The highlight outline again on top: inside a choropleth trace, counties drawn later paint over half of an
    earlier county's thick border."""
    lon: list[float | None] = []
    lat: list[float | None] = []
    for ring in rings(feature["geometry"]):
        lon.extend([p[0] for p in ring] + [None])
        lat.extend([p[1] for p in ring] + [None])
    fig.add_trace(go.Scattergeo(name="outline", lon=lon, lat=lat, mode="lines", line={"width": 3, "color": HIGHLIGHT},
                                hoverinfo="skip", showlegend=False))


def _labels(fig: go.Figure, rows: _Rows, geojson: Mapping[str, Any], options: ChartOptions, *, width: float,
            height: float, title: str, colorbar_px: float, colorscale: str | Sequence[Any], with_values: bool) -> None:
    """County names (and value text when the rows carry it) at a point inside each county, moved apart where
    they would overlap at this size (with a thin leader line back to the county when moved far)."""
    large = options.large
    dom_w, dom_h = map_box(width, height, title=title, colorbar_px=colorbar_px, large=large)
    box = bbox(geojson)
    _, drawn_px = map_px(box, (dom_w, dom_h))
    label_size = min(MAX_LABEL + (1.5 if large else 0), max(MIN_LABEL, drawn_px / 30))
    with_values = with_values and drawn_px >= VALUES_FROM_PX
    scale, (zmin, zmax), row_of = _colorscale_list(colorscale), _zrange(rows), rows.row_of
    texts, points, colors = [], [], []
    for name, feature in rows.features.items():
        i = row_of.get(name)
        has_value = i is not None and not math.isnan(rows.z[i])
        texts.append([rows.shown_name[name]] + ([rows.value_text[i]] if with_values and has_value else []))
        points.append(label_point(feature))
        if has_value:
            fill = pc.sample_colorscale(scale, [min(max((rows.z[i] - zmin) / (zmax - zmin), 0.0), 1.0)])[0]
            colors.append(_LIGHT_TEXT if _luminance(fill) < 0.35 else INK)
        else:
            colors.append(INK)
    placed = place_labels(points, texts, bbox=box, size=label_size, box=(dom_w, dom_h), features=list(rows.features.values()))
    lead_lon: list[float | None] = []
    lead_lat: list[float | None] = []
    for (x0, y0), (x1, y1, moved) in zip(points, placed):
        if moved:
            lead_lon += [x0, x1, None]
            lead_lat += [y0, y1, None]
    if lead_lon:
        fig.add_trace(go.Scattergeo(name="leaders", lon=lead_lon, lat=lead_lat, mode="lines",
                                    line={"width": 1, "color": "#666666"}, hoverinfo="skip", showlegend=False))
    fig.add_trace(go.Scattergeo(
        name="labels", lon=[p[0] for p in placed], lat=[p[1] for p in placed],
        text=["<b>" + lines[0] + "</b>" + "".join(f"<br>{x}" for x in lines[1:]) for lines in texts], mode="text",
        # A halo in the contrasting colour keeps a name readable where it spills over a neighbour's fill.
        textfont={"size": label_size, "color": [c if not p[2] else INK for c, p in zip(colors, placed)], "family": FONT,
                  "shadow": "auto"},
        hoverinfo="skip", showlegend=False))


def _framed(fig: go.Figure, geojson: Mapping[str, Any], options: ChartOptions, *, title: str, width: float, height: float,
            colorbar_px: float, notes: list[str]) -> go.Figure:
    """The map framed on the boundaries (never plotly's world extent), with its title, notes and source line."""
    west, south, east, north = bbox(geojson)
    pad_lon, pad_lat = (east - west) * 0.03, (north - south) * 0.03
    fig.update_geos(visible=False, projection_type="mercator", lonaxis_range=[west - pad_lon, east + pad_lon],
                    lataxis_range=[south - pad_lat, north + pad_lat], bgcolor="rgba(0,0,0,0)")
    fig = frame(fig, title, height=height, width=width, large=options.large, source=options.source,
                note="  ·  ".join(notes), bottom=4, right=colorbar_px)
    fig.update_traces(selector={"type": "choropleth"}, colorbar={"x": 1.0, "xanchor": "left", "xref": "paper"})
    fig.update_layout(showlegend=False, dragmode=False)  # white paper, as frame sets it: a saved PNG is not see-through
    return fig
