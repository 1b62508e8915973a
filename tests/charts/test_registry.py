"""The chart kinds are named once: the schema's CHART_KINDS, the registry and the theme page's draw table agree."""

from __future__ import annotations

import ast

import pydantic
import pytest

from tests.conftest import REPO
from targets.charts import registry
from targets.schema.config import CHART_KINDS, Slide

SLIDE = {"page": "overview", "caption": {"zh": "说明", "en": "Caption"}}


def _draw_keys() -> set[str]:
    """The keys of DRAW in pages/theme.py (read from its source: the page is a Streamlit script, not importable)."""
    tree = ast.parse((REPO / "pages" / "theme.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "DRAW" for t in node.targets):
            assert isinstance(node.value, ast.Dict), "DRAW is a dict literal"
            return {ast.literal_eval(k) for k in node.value.keys}
    raise AssertionError("pages/theme.py has no DRAW table")


def test_the_registry_has_exactly_the_schema_kinds():
    assert set(registry.KINDS) == set(CHART_KINDS)
    assert registry.kinds() == CHART_KINDS


def test_the_theme_page_draws_every_schema_kind_once():
    """A kind has a draw step of its own in pages/theme.py's DRAW, or its registry entry says its rows and title."""
    own = _draw_keys()
    by_registry = set(registry.drawn_by_registry())
    assert own <= set(CHART_KINDS), own - set(CHART_KINDS)
    assert own | by_registry == set(CHART_KINDS), set(CHART_KINDS) - own - by_registry
    assert not own & by_registry, own & by_registry  # one way each


def test_a_kind_drawn_by_the_registry_has_its_title_in_both_languages():
    import yaml

    texts = yaml.safe_load((REPO / "i18n.yaml").read_text(encoding="utf-8"))
    for kind in registry.drawn_by_registry():
        key = registry.KINDS[kind].title_key
        assert key and texts[key].get("zh") and texts[key].get("en"), kind


def test_every_kind_names_itself_and_a_chart_function():
    for name, kind in registry.KINDS.items():
        assert kind.name == name and callable(kind.draw) and kind.shows
        assert registry.chart(name) is kind.draw


@pytest.mark.parametrize("kind", CHART_KINDS)
def test_a_slide_accepts_every_kind(kind):
    assert Slide.model_validate({**SLIDE, "charts": [kind]}).charts == [kind]


def test_a_slide_refuses_a_kind_not_in_the_registry():
    with pytest.raises(pydantic.ValidationError):
        Slide.model_validate({**SLIDE, "charts": ["no_such_kind"]})


@pytest.mark.slow  # two AppTest runs of a theme page
def test_a_new_kind_is_drawn_from_its_registry_entry_alone(monkeypatch):
    """One chart function plus one entry: the theme page draws the kind (here under its other charts)."""
    from targets.analysis import views
    from targets.charts import bars
    from tests.pagetest import app, specs

    before = len(specs(app("sewer")))
    entry = registry.ChartKind("demo", bars.ranked_bars, "a test kind", rows=lambda s: views.ranked(s.rows),
                               title_key="map_title")
    monkeypatch.setitem(registry.KINDS, "demo", entry)
    monkeypatch.setattr(registry, "drawn_by_registry", lambda: ("demo",))
    at = app("sewer")
    assert not at.exception, [e.value for e in at.exception]
    drawn = specs(at)
    assert len(drawn) == before + 1
    ranked = [s for s in drawn if s["data"][0]["type"] == "bar" and s["data"][0].get("orientation") == "h"]
    assert len(ranked) == 2  # the page's own ranked bars, and the demo kind's, titled from its title_key
    maps = [s for s in drawn if s["data"][0]["type"] == "choropleth"]
    assert ranked[1]["layout"]["title"]["text"] == maps[0]["layout"]["title"]["text"]  # map_title, same words
