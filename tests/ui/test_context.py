"""The page context: one object per run with everything a page reads, and the key of every cached figure."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

import pytest

from targets.frame.i18n import Labels, t
from targets.ops.store import Snapshot
from targets.schema import pages as registry
from targets.ui import context, session


@pytest.fixture(scope="module")
def snapshot(shipped) -> Snapshot:
    return Snapshot(project=shipped, findings=(), fingerprint="fp-1", loaded_at=datetime(2026, 1, 1))


def _ctx(snapshot, *, page="grain", lang="zh", presenting=False, slide=None, highlight=None) -> context.PageContext:
    return context.PageContext(snapshot=snapshot, page_id=page, lang=lang, labels=Labels(snapshot.project.config, lang),
                               presenting=presenting, slide=slide, highlight=highlight,
                               no_value=context.no_value_texts(lang))


def test_page_reads_the_session_once(snapshot, monkeypatch):
    slide = SimpleNamespace(top=5, charts=["ranked"])
    for name, value in {"current": snapshot, "page_id": "sewer", "lang": "en", "presenting": True,
                        "slide_spec": slide, "highlight": "临县"}.items():
        monkeypatch.setattr(session, name, lambda value=value: value)
    monkeypatch.setattr(session, "labels", lambda: Labels(snapshot.project.config, "en"))
    ctx = context.page()
    assert (ctx.snapshot, ctx.page_id, ctx.lang, ctx.presenting, ctx.slide, ctx.highlight) == (
        snapshot, "sewer", "en", True, slide, "临县")
    assert ctx.labels.lang == "en" and ctx.top == 5 and ctx.slide_charts == ("ranked",)
    assert ctx.project is snapshot.project and ctx.config is snapshot.project.config
    assert ctx.frame is snapshot.project.frame


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_value_words_are_built_once_from_i18n(snapshot, lang):
    ctx = _ctx(snapshot, lang=lang)
    assert dict(ctx.no_value) == {status: t(key, lang) for status, key in context.NO_VALUE_KEYS.items()}
    with pytest.raises(TypeError):
        ctx.no_value["no_task"] = "x"  # read-only: shared by every chart of the page


def test_key_starts_with_the_snapshot_and_the_view_state(snapshot):
    ctx = _ctx(snapshot)
    key = ctx.key("ind", "2021", "bars")
    assert key[0] == "fp-1" and key[-3:] == ("ind", "2021", "bars")
    assert ctx.key("a") == _ctx(snapshot).key("a")  # the same view: the same figure


@pytest.mark.parametrize("change", [
    {"lang": "en"}, {"highlight": "临县"}, {"presenting": True}, {"page": "sewer"},
    {"slide": SimpleNamespace(top=3, charts=[])}, {"slide": SimpleNamespace(top=None, charts=["map", "ranked"])},
])
def test_every_view_state_a_figure_depends_on_changes_its_key(snapshot, change):
    assert _ctx(snapshot, **change).key("a") != _ctx(snapshot).key("a")


def test_a_new_snapshot_changes_every_key(snapshot):
    newer = Snapshot(project=snapshot.project, findings=(), fingerprint="fp-2", loaded_at=snapshot.loaded_at)
    assert _ctx(newer).key("a") != _ctx(snapshot).key("a")


@pytest.mark.parametrize("presenting", [False, True])
def test_chart_options_carry_the_pages_words_and_sizes(snapshot, presenting):
    ctx = _ctx(snapshot, lang="en", presenting=presenting, highlight="临县")
    options = ctx.chart_options(0.5, unit="km", source="src")
    assert (options.lang, options.large, options.highlight, options.unit, options.source) == ("en", presenting, "临县", "km", "src")
    assert options.source_word == t("source", "en") and options.no_value == ctx.no_value
    assert options.names == ctx.labels.counties and options.period_names == ctx.labels.periods
    assert options.width == ctx.width(0.5) == context.chart_width(presenting, 0.5)
    assert ctx.width(1.0) > ctx.width(0.5)


def test_presenting_widths_are_the_screen_shares():
    assert context.chart_width(False) == context.CONTENT_PX - 16
    assert context.chart_width(True, 0.5) == context.PRESENT_PX * 0.5 - 16


def test_the_title_is_the_navigations(snapshot):
    for page_id, tool in registry.TOOLS.items():
        assert _ctx(snapshot, page=page_id, lang="en").title == t(tool.title_key, "en")
    theme = snapshot.project.config.themes[0]
    assert _ctx(snapshot, page=theme.id, lang="en").title == theme.en
