"""The words and sizes every chart reads: one small frozen object instead of a dozen keyword arguments.

A page builds one `ChartOptions` from its page context (language, presenter mode, highlight, the no-value words,
the county and period names, the source word) and gives each chart a copy with what is its own:
`options.but(unit=..., indicator=..., source=..., width=...)`. A chart function is
`(df, *, options, ...the few arguments only it has) -> go.Figure`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

_EMPTY: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class ChartOptions:
    lang: str = "zh"
    unit: str = ""                    # the unit label, as shown (e.g. 万亩)
    indicator: str = ""               # the indicator's label
    source: str = ""                  # the source line drawn under the chart, inside the figure
    source_word: str = ""             # the word before a citation in hovers (出处 / Source)
    no_value: Mapping[str, str] = field(default_factory=lambda: _EMPTY)  # cell status -> the words shown instead of a value
    width: float | None = None        # px the page gives the chart; None: the chart's own default
    height: int | None = None         # px; None: the chart sizes itself
    large: bool = False               # presenter mode: fonts that read from the back of a room
    highlight: str | None = None      # the highlighted id (a county name; an adcode on the map)
    names: Mapping[str, str] = field(default_factory=lambda: _EMPTY)         # id -> the name shown (counties; adcodes on the map)
    period_names: Mapping[str, str] = field(default_factory=lambda: _EMPTY)  # period id -> the name shown

    def but(self, **changes) -> ChartOptions:
        """A copy with some fields changed (a chart's own unit, source, width …)."""
        return replace(self, **changes)

    def name(self, key: str) -> str:
        return self.names.get(key, key)

    def period(self, key: str) -> str:
        return self.period_names.get(key, key)

    def size(self, width: float, height: int | None = None) -> tuple[float, int | None]:
        """(width, height) with a chart's own defaults where the page gave none."""
        return (self.width if self.width is not None else width), (self.height if self.height is not None else height)
