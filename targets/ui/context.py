"""One page context: everything a page reads from the session, in one object built once per run.

A page starts with `ctx = context.page()` and reads the snapshot, the config, the labels, the language and the
presenter state from it, never from raw session_state keys or from separate accessors. `ctx.key(...)` builds the
key of a cached figure: it starts with the snapshot's fingerprint and the view state every figure depends on,
so a page names only what is its own (an indicator, a period, the chart).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Mapping

import pandas as pd

from targets.charts.options import ChartOptions
from targets.frame.i18n import Labels, t
from targets.frame.project import Project
from targets.ops.store import Snapshot
from targets.schema import pages as registry
from targets.schema.config import Config
from targets.ui import session

# The statuses a cell may have without a value, and the words charts show for them ("missing": no row at all).
# "grey": the map's note saying what its grey counties mean.
NO_VALUE_KEYS = {"no_task": "no_task", "blank": "blank", "missing": "map_no_data", "grey": "map_grey_note"}

# The main column's width in px on the smallest screens the app is designed for: a 1280 px laptop with the
# sidebar open (measured in Chromium: 980 px block, less Streamlit's 80 px padding each side), and a 1280×720
# screen share while presenting. Charts wrap titles and source lines and keep labels apart for it.
CONTENT_PX = 820
PRESENT_PX = 1230
SLIDE_PX = 720   # the presenter's screen height
BAR_PX = 84      # the presenter bar (a caption may wrap to two lines), gaps and padding around the slide


def chart_width(presenting: bool, share: float = 1.0) -> float:
    """px a chart gets when it takes `share` of the main column (columns leave a 16 px gap)."""
    return (PRESENT_PX if presenting else CONTENT_PX) * share - 16


@dataclass(frozen=True)
class PageContext:
    snapshot: Snapshot
    page_id: str                # the URL path; a theme page's id is its theme id
    lang: str
    labels: Labels
    presenting: bool
    slide: Any                  # the slide on screen while presenting (its layout: charts, top), else None
    highlight: str | None       # the highlighted county
    no_value: Mapping[str, str]  # status -> the words shown instead of a value

    @property
    def project(self) -> Project:
        return self.snapshot.project

    @property
    def config(self) -> Config:
        return self.snapshot.project.config

    @property
    def frame(self) -> pd.DataFrame:
        return self.snapshot.project.frame

    @property
    def top(self) -> int | None:
        """How many rows the slide shows (its `top:`), else None."""
        return self.slide.top if self.slide is not None and self.slide.top else None

    @property
    def slide_charts(self) -> tuple[str, ...]:
        """The chart kinds the slide names, else ()."""
        return tuple(self.slide.charts) if self.slide is not None and self.slide.charts else ()

    @property
    def title(self) -> str:
        """The page's title as the navigation shows it (a tool page's from the registry, a theme page's its name)."""
        key = registry.title_key(self.page_id)
        return self.text(key) if key else self.labels.themes.get(self.page_id, self.page_id)

    def text(self, key: str, **fields) -> str:
        """A word from i18n.yaml in the page's language."""
        return t(key, self.lang, **fields)

    def width(self, share: float = 1.0) -> float:
        """px a chart gets when it takes `share` of the main column."""
        return chart_width(self.presenting, share)

    def chart_options(self, share: float = 1.0, **changes) -> ChartOptions:
        """The words and sizes a chart of this page reads, `share` of the column wide; `changes` are its own
        (unit, indicator, source, height …)."""
        return ChartOptions(lang=self.lang, source_word=self.text("source"), no_value=self.no_value,
                            width=self.width(share), large=self.presenting, highlight=self.highlight,
                            names=self.labels.counties, period_names=self.labels.periods).but(**changes)

    def key(self, *parts) -> tuple:
        """A cached figure's key: the snapshot, the page and the view state every figure depends on, then `parts`."""
        return (self.snapshot.fingerprint, self.page_id, self.lang, self.highlight, self.presenting, self.top,
                self.slide_charts, *parts)


def no_value_texts(lang: str) -> Mapping[str, str]:
    return MappingProxyType({status: t(word, lang) for status, word in NO_VALUE_KEYS.items()})


def page() -> PageContext:
    """This run's page context (app.py took the snapshot; the shell set the page id)."""
    lang = session.lang()
    return PageContext(snapshot=session.current(), page_id=session.page_id(), lang=lang, labels=session.labels(),
                       presenting=session.presenting(), slide=session.slide_spec(), highlight=session.highlight(),
                       no_value=no_value_texts(lang))
