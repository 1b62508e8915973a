"""The chart registry: every chart kind a slide may name, mapped to the one function that draws it.

The kinds are named once, in the schema (`CHART_KINDS`, which config.yaml's `charts:` of a slide is checked
against); this table maps each to its chart function, and the theme page's draw table is keyed by the same
kinds. tests/charts/test_registry.py fails when the three sets differ.

A new chart kind: its name in CHART_KINDS, one chart function `(df, *, options, ...) -> go.Figure`, one entry
below, and the theme page's draw step for it (which picks the rows and calls `chart(kind)`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go

from targets.charts import bars
from targets.charts import map as map_charts
from targets.schema.config import CHART_KINDS


@dataclass(frozen=True)
class ChartKind:
    name: str                          # as in CHART_KINDS and a slide's `charts:`
    draw: Callable[..., go.Figure]     # (df, *, options, ...) -> go.Figure
    shows: str                         # one line: what the chart shows


KINDS: dict[str, ChartKind] = {k.name: k for k in (
    ChartKind("ranked", bars.ranked_bars, "counties ranked by one indicator in one period"),
    ChartKind("map", map_charts.map_figure, "the county map of one indicator in one period"),
    ChartKind("periods", bars.period_bars, "each county's value per period, grouped"),
    ChartKind("progress", bars.progress_animation, "the city's accumulated value year by year, against its goal"),
    ChartKind("city", bars.city_periods, "the whole city's value per period"),
)}


def chart(kind: str) -> Callable[..., go.Figure]:
    """The chart function of a kind (KeyError for a kind not in the registry)."""
    return KINDS[kind].draw


def kinds() -> tuple[str, ...]:
    return CHART_KINDS
