"""Presenter mode in a real browser: every slide fits the screen, and the keyboard (or a clicker) drives it.

At 1280×720 (the common screen-share size) in Chinese and English, and at 1920×1080: no main container scrolls
(more than 4 px), every chart, its source line (drawn inside the figure) and the slide's title are on screen,
and no title, chart title or metric is clipped. A clicker sends PageDown/PageUp; → ← Space Home End Esc work too.
"""

from __future__ import annotations

import pytest

from targets.frame.i18n import t
from targets.inputs.load import load_project
from tests.drawn import DRAWN

from .conftest import REPO

SLIDES = load_project(REPO / "config.yaml").config.presentation
N = len(SLIDES)
MAX_SCROLL = 4  # px: "fits" allows sub-pixel rounding, never a scroll bar's worth

# The slide on screen is slide n of page `path`, its run is over, and nothing stale is left from the last one.
_ON_SLIDE = """([counter, path]) => {
  const bar = document.querySelector('[data-testid="stMain"]');
  if (!bar || !bar.innerText.includes(counter) || location.pathname !== path) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  return (""" + DRAWN + """)(null);
}"""

# What "fits" means, measured: scroll of the main containers, and every piece of the slide inside the viewport.
_FIT = """(prefix) => {
  const vw = innerWidth, vh = innerHeight;
  const inside = r => r.width > 0 && r.top >= -1 && r.left >= -1 && r.bottom <= vh + 1 && r.right <= vw + 1;
  const sels = ['[data-testid="stMain"]', '[data-testid="stMainBlockContainer"]', '[data-testid="stAppViewContainer"]',
                '[data-testid="stApp"]'];
  const boxes = sels.map(s => document.querySelector(s)).filter(Boolean).concat([document.scrollingElement]);
  const scroll = Math.max(...boxes.map(e => e.scrollHeight - e.clientHeight));
  const charts = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stPlotlyChart"]')];
  const out = {scroll, charts: [], sources: [], clipped: []};
  for (const c of charts) {
    const r = c.getBoundingClientRect();
    out.charts.push(inside(r));
    for (const a of c.querySelectorAll('g.annotation')) {
      if (a.textContent.startsWith(prefix)) out.sources.push(inside(a.getBoundingClientRect()));
    }
    for (const g of c.querySelectorAll('.gtitle')) {  // a chart title wider than its chart is cut by the SVG
      const b = g.getBoundingClientRect();
      if (b.right > r.right + 1 || b.left < r.left - 1) out.clipped.push('chart title: ' + g.textContent);
    }
  }
  const title = document.querySelector('.st-key-slide-title');
  out.title = title ? title.innerText.trim() : '';
  out.titleInside = title ? inside(title.getBoundingClientRect()) : false;
  for (const e of document.querySelectorAll('.st-key-slide-title p, [data-testid="stMetricLabel"] p, [data-testid="stMetricValue"] p, [data-testid="stMetricValue"] > div')) {
    if (e.scrollWidth > e.clientWidth + 1) out.clipped.push(e.innerText);
  }
  return out;
}"""


def _path(n: int) -> str:
    page = SLIDES[n - 1].page
    return "/" if page == "overview" else f"/{page}"


def wait_slide(v, n: int) -> None:
    """Slide n is on screen: its counter, its page, its charts drawn."""
    try:
        v.page.wait_for_function(_ON_SLIDE, arg=[f"{n} / {N}", _path(n)], timeout=45_000, polling=100)
    except Exception as exc:  # noqa: BLE001 - say what is on screen instead
        raise AssertionError(f"slide {n} of {N} ({_path(n)}) did not open: {str(exc).splitlines()[0]}\n"
                             f"url: {v.page.url}\npage text: {v.text()[:800]}") from None
    v.wait()


def check_fits(v, n: int, lang: str) -> None:
    fit = v.page.evaluate(_FIT, t("source_prefix", lang))
    caption = SLIDES[n - 1].caption.zh if lang == "zh" else SLIDES[n - 1].caption.en
    where = f"slide {n} ({lang}, {v.page.viewport_size})"
    assert fit["scroll"] <= MAX_SCROLL, f"{where}: the page scrolls by {fit['scroll']} px"
    assert fit["title"] == caption and fit["titleInside"], f"{where}: the slide's title is not shown whole: {fit['title']!r}"
    assert fit["charts"] and all(fit["charts"]), f"{where}: a chart is (partly) off screen: {fit['charts']}"
    assert fit["sources"] and all(fit["sources"]), f"{where}: a source line is off screen or missing: {fit['sources']}"
    assert not fit["clipped"], f"{where}: clipped text: {fit['clipped']}"


@pytest.mark.parametrize("lang, width, height", [("zh", 1280, 720), ("en", 1280, 720), ("zh", 1920, 1080)])
def test_every_slide_fits_the_screen_and_the_clicker_walks_them(visit, lang, width, height):
    """?present=1 opens on slide 1 ("1 / N"); PageDown (a clicker) and → go forward through every slide."""
    v = visit(f"/?present=1&lang={lang}", viewport={"width": width, "height": height})
    for n in range(1, N + 1):
        wait_slide(v, n)
        v.screenshot(f"slide{n}-{lang}-{width}x{height}")
        check_fits(v, n, lang)
        if n < N:
            v.page.keyboard.press("PageDown" if n % 2 else "ArrowRight")
    v.guard.assert_clean()


def test_keys_go_back_jump_and_leave(visit):
    """Space goes forward; PageUp and ← go back; Home and End jump; Esc leaves presenter mode (the buttons for
    PageDown, PageUp, Space, Home and End are hidden: Streamlit still fires their shortcuts)."""
    v = visit("/?present=1&slide=2", viewport={"width": 1280, "height": 720})
    wait_slide(v, 2)
    for key, n in (("Space", 3), ("PageUp", 2), ("ArrowLeft", 1), ("End", N), ("Home", 1)):
        v.page.keyboard.press(key)
        wait_slide(v, n)
    v.page.keyboard.press("Escape")
    v.page.wait_for_function("() => !!document.querySelector('[data-testid=\"stSidebar\"] [data-testid=\"stSidebarNav\"]')",
                             timeout=30_000)
    v.wait()
    assert "present" not in v.page.url and f"1 / {N}" not in v.text()
    v.guard.assert_clean()
