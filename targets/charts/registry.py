"""The chart registry: every chart kind a slide may name, mapped to the one function that draws it.

The kinds are named once, in the schema (`CHART_KINDS`, which config.yaml's `charts:` of a slide is checked
against); this table maps each to its chart function, and the theme page's draw table is keyed by the same
kinds. tests/charts/test_registry.py fails when the three sets differ.

A new chart kind: its name in CHART_KINDS, one chart function `(df, *, options, title) -> go.Figure`, and one
entry below with `rows` (which rows of the theme page's slice it draws) and `title_key` (its title in i18n.yaml,
formatted with the indicator, unit and period). The theme page draws such a kind by itself: on a slide that
names it, and on the page under the other charts. The five kinds below have steps of their own in
pages/theme.py (the map needs the boundaries, the progress chart one figure per progress spec, …).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from targets.charts import animation, bars
from targets.charts import map as map_charts
from targets.schema.config import CHART_KINDS, Config


@dataclass(frozen=True)
class ThemeSlice:
    """What the theme page shows: the rows a new chart kind's `rows` reads."""
    frame: pd.DataFrame                # the tidy frame (every theme)
    config: Config
    theme: str
    indicator: str
    period: str
    rows: pd.DataFrame                 # the counties' rows of this indicator and period
    highlight: str | None = None


@dataclass(frozen=True)
class ChartKind:
    name: str                          # as in CHART_KINDS and a slide's `charts:`
    draw: Callable[..., go.Figure]     # (df, *, options, title, ...) -> go.Figure
    shows: str                         # one line: what the chart shows
    # For a kind the theme page draws by itself: its rows, and the i18n key of its title.
    rows: Callable[[ThemeSlice], pd.DataFrame] | None = None
    title_key: str | None = None


KINDS: dict[str, ChartKind] = {k.name: k for k in (
    ChartKind("ranked", bars.ranked_bars, "counties ranked by one indicator in one period"),
    ChartKind("map", map_charts.map_figure, "the county map of one indicator in one period"),
    ChartKind("periods", bars.period_bars, "each county's value per period, grouped"),
    ChartKind("progress", animation.progress_animation, "the city's accumulated value year by year, against its goal"),
    ChartKind("city", bars.city_periods, "the whole city's value per period"),
)}


def chart(kind: str) -> Callable[..., go.Figure]:
    """The chart function of a kind (KeyError for a kind not in the registry)."""
    return KINDS[kind].draw


def kinds() -> tuple[str, ...]:
    return CHART_KINDS


def drawn_by_registry() -> tuple[str, ...]:
    """The kinds the theme page draws from their registry entry alone (rows + title_key), in CHART_KINDS order."""
    return tuple(k for k in CHART_KINDS if KINDS[k].rows is not None)
