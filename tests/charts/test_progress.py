"""targets/charts/progress.py: the scorecard's squares fit the plot they are drawn in — on a slide, whose height
is fixed, the rows of squares must fit the height left above the county names (in English the names are long)."""

from __future__ import annotations

from datetime import date

import pytest

from targets.analysis import progress_views
from targets.charts import progress as progress_charts
from targets.charts.options import ChartOptions
from targets.frame.i18n import Labels
from targets.inputs.load import load_project
from targets.ui.context import BAR_PX, PRESENT_PX, SLIDE_PX, CONTENT_PX
from tests.conftest import script


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return load_project(script("make_example").build(tmp_path_factory.mktemp("sample") / "project"))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("slide", [True, False])
def test_scorecard_squares_fit_their_rows_and_columns(sample, lang, slide):
    labels = Labels(sample.config, lang)
    rows = progress_views.current(sample, date(2021, 9, 30))
    order = progress_views.county_order(sample)
    grid = progress_views.scorecard_rows(rows, [c for c in order if c in set(rows["county"].astype(object))])
    indicators = [i for i in progress_views.indicator_order(sample) if i in set(grid["indicator"].astype(object))]
    options = ChartOptions(lang=lang, large=slide, width=(PRESENT_PX if slide else CONTENT_PX) - 16,
                           height=SLIDE_PX - BAR_PX if slide else None, names=labels.counties)
    fig = progress_charts.scorecard(grid, options=options, title="t", rows=indicators, row_names=labels.indicators,
                                    status_names=progress_views.status_words(lang), hovers=[""] * len(grid))
    cell = fig.data[0].marker.size
    m = fig.layout.margin
    plot_h = fig.layout.height - m.t - m.b
    plot_w = options.width - m.l - m.r  # the figure is as wide as its column: the width it was laid out for
    columns = grid["county"].nunique()
    assert cell * len(indicators) <= plot_h, (cell, len(indicators), plot_h)   # no square over the next row's
    assert cell * columns <= plot_w, (cell, columns, plot_w)
