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


def test_the_theme_page_draws_exactly_the_schema_kinds():
    assert _draw_keys() == set(CHART_KINDS)


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
