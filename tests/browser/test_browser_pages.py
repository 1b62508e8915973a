"""Every page in a real browser: it draws, stays on localhost, logs no error, renders Chinese in a CJK font.

Also: a shared link reopens the same view in a fresh browser, and presenter
mode fits the main chart in a 1280×720 projector screen.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import app_pages

PAGES = app_pages()
TABLE_PAGES = {"data"}  # pages whose main content is a table, not a chart
CHART_PAGES = {"overview", "grain", "sewer", "pigs", "forest_fire", "compare", "profile"}  # others: a chart or a table
MAP_PAGES = {"overview", "grain", "sewer", "pigs", "forest_fire"}  # pages that must draw the county map
N_COUNTIES = 13
CHART = ".js-plotly-plot .main-svg"
TABLE = '[data-testid="stDataFrame"]'
HAN = re.compile(r"[\u3400-\u9fff]")
# Faces that draw Han characters in their Simplified-Chinese forms (Debian, Windows, macOS). A Japanese or
# Traditional face (e.g. "Noto Sans CJK JP", fontconfig's default pick for bare "sans-serif") fails.
CJK_FAMILY = re.compile(r"CJK SC|Sans SC|Serif SC|Han Sans SC|Han Serif SC|WenQuanYi|Droid Sans Fallback|YaHei|DengXian|"
                        r"SimSun|SimHei|PingFang SC|Heiti SC|Songti SC|Hiragino Sans GB|AR PL", re.I)

# Non-empty choropleth paths in each map on the page (plotly writes an empty path for a NaN row).
_MAP_COUNTS = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter(p => p.querySelector('.choroplethlayer'))
  .map(p => [...p.querySelectorAll('path.choroplethlocation')].filter(x => (x.getAttribute('d') || '').trim().length > 0).length)"""

# Tofu check: two Han characters must draw different, non-blank glyphs, unlike the box a font
# draws for code points it lacks (U+0378/U+0379 are unassigned, so every font draws .notdef).
_TOFU = """(sel) => {
  const el = document.querySelector(sel);
  const family = getComputedStyle(el).fontFamily;
  const c = document.createElement('canvas'); c.width = 48; c.height = 48;
  const g = c.getContext('2d', {willReadFrequently: true});
  const draw = (ch) => { g.clearRect(0, 0, 48, 48); g.font = `32px ${family}`; g.fillStyle = '#000';
                         g.fillText(ch, 4, 38); return g.getImageData(0, 0, 48, 48).data.join(','); };
  const a = draw('吕'), b = draw('梁'), box1 = draw('\\u0378'), box2 = draw('\\u0379'), blank = draw(' ');
  g.font = `32px ${family}`;
  return {family, width: g.measureText('吕梁').width, differ: a !== b,
          notBox: a !== box1 && b !== box1 && a !== box2 && b !== box2, notBlank: a !== blank && b !== blank};
}"""


def platform_fonts(page, selector: str) -> tuple[str, list[dict]]:
    """The fonts Chromium really used for the text directly inside `selector` (DevTools CSS domain)."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, f"{selector} not on the page"
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()
    text = page.eval_on_selector(selector, "e => [...e.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join('')")
    return text, fonts


def assert_cjk(page, selector: str) -> None:
    text, fonts = platform_fonts(page, selector)
    han = len(HAN.findall(text))
    assert han, f"{selector} holds no Chinese text: {text!r}"
    cjk_glyphs = sum(f["glyphCount"] for f in fonts if CJK_FAMILY.search(f["familyName"]))
    assert cjk_glyphs >= han, (f"{selector} {text!r}: {han} Han characters, {cjk_glyphs} drawn by a Simplified-Chinese "
                               f"face; fonts used: {fonts}")
    tofu = page.evaluate(_TOFU, selector)
    assert tofu["width"] > 0 and tofu["differ"] and tofu["notBox"] and tofu["notBlank"], \
        f"{selector}: Chinese draws as boxes or nothing in {tofu['family']}: {tofu}"


def first_chinese(page, selectors: list[str]) -> str | None:
    """The first selector whose element's own text holds Chinese."""
    for sel in selectors:
        ok = page.evaluate("""([sel, re]) => { const e = document.querySelector(sel); if (!e) return false;
            return new RegExp(re).test([...e.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join('')); }""",
                           [sel, HAN.pattern])
        if ok:
            return sel
    return None


@pytest.mark.parametrize("page_id", PAGES)
def test_page_renders_offline_in_chinese(visit, page_id):
    v = visit("/" if page_id == "overview" else f"/{page_id}")
    main = TABLE if page_id in TABLE_PAGES else (CHART if page_id in CHART_PAGES else f"{CHART}, {TABLE}")
    v.wait(main)
    page = v.page

    # Chinese in the page's own text (the title) and inside a chart's SVG, in a CJK font.
    heading = first_chinese(page, ['[data-testid="stMain"] h1', '[data-testid="stMain"] h1 span', "h1"])
    assert heading, f"/{page_id}: no Chinese heading"
    assert_cjk(page, heading)
    if page.query_selector(CHART):
        svg_text = first_chinese(page, [".js-plotly-plot text.gtitle", ".js-plotly-plot .xtick text",
                                        ".js-plotly-plot .ytick text", ".js-plotly-plot .scattergeo text"])
        assert svg_text, f"/{page_id}: no Chinese text in any chart"
        assert_cjk(page, svg_text)

    if page_id in MAP_PAGES:
        # The map draws asynchronously after its SVG exists: poll until all counties are in.
        try:
            page.wait_for_function(f"() => ({_MAP_COUNTS})().some(n => n >= {N_COUNTIES})", timeout=15_000)
        except Exception:  # noqa: BLE001 - the assertion below says what was drawn
            pass
        counts = page.evaluate(_MAP_COUNTS)
        assert counts, f"/{page_id}: no county map"
        assert all(n == N_COUNTIES for n in counts), f"/{page_id}: maps draw {counts} counties, expected {N_COUNTIES} each"

    v.screenshot(f"{page_id}-zh")
    v.guard.assert_clean()


def test_english_pages_render(visit):
    """The English view of a map page and a tool page: titles, navigation and charts switch language."""
    from targets.i18n import t
    from targets.load import load_project

    from .conftest import REPO

    cfg = load_project(REPO / "config.yaml").config
    expected = {"sewer": next(x.en for x in cfg.themes if x.id == "sewer"), "compare": t("nav_compare", "en")}
    for page_id, title in expected.items():
        if page_id not in PAGES:
            continue
        v = visit(f"/{page_id}?lang=en")
        v.wait(CHART)
        page = v.page
        assert page.locator('[data-testid="stMain"] h1').first.inner_text().strip() == title
        nav = page.eval_on_selector_all('[data-testid="stSidebarNav"] a', "es => es.map(e => e.textContent)")
        assert t("nav_overview", "en") in nav, f"navigation not in English: {nav}"
        titles = " ".join(page.eval_on_selector_all(".js-plotly-plot .gtitle", "es => es.map(e => e.textContent)"))
        assert titles, f"/{page_id}?lang=en: no chart title"
        assert not HAN.search(titles), f"/{page_id}?lang=en: chart titles still hold Chinese: {titles}"
        v.screenshot(f"{page_id}-en")
        v.guard.assert_clean()


def test_share_link_reopens_the_same_view(visit):
    link = "/sewer?lang=en&hl=孝义市&period=2022"
    v = visit(link)
    v.wait(CHART)
    page = v.page

    period = page.get_by_role("combobox", name="Period")
    assert period.count() == 1, "no 'Period' select: the page is not in English"
    assert period.input_value() == "2022", f"the period select shows {period.input_value()!r}"
    hl = page.get_by_role("combobox", name="Highlight county")
    assert hl.input_value() == "Xiaoyi City", f"the highlight select shows {hl.input_value()!r}"
    assert page.locator('[data-testid="stMain"] h1').first.inner_text().strip() == "Sewer separation"
    titles = page.eval_on_selector_all(".js-plotly-plot .gtitle", "es => es.map(e => e.textContent)")
    assert any("2022" in t and "counties ranked" in t for t in titles), titles

    query = parse_qs(urlsplit(page.url).query)
    assert urlsplit(page.url).path == "/sewer"
    assert query.get("lang") == ["en"] and query.get("hl") == ["孝义市"] and query.get("period") == ["2022"], page.url
    v.screenshot("share-link-sewer-en")
    v.guard.assert_clean()


def test_presenter_mode_fits_the_main_chart_on_a_projector(visit):
    v = visit("/?present=1", viewport={"width": 1280, "height": 720})
    v.wait(CHART)
    page = v.page
    box = page.evaluate("""() => {
        const charts = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stPlotlyChart"]')];
        const main = charts.map(c => [c, c.getBoundingClientRect()]).sort((a, b) => b[1].width * b[1].height - a[1].width * a[1].height)[0];
        const scroller = document.querySelector('[data-testid="stMain"]');
        const r = main[1];
        return {top: r.top, left: r.left, bottom: r.bottom, right: r.right, width: r.width, height: r.height,
                vw: innerWidth, vh: innerHeight, scrolled: scrollY + (scroller ? scroller.scrollTop : 0)};
    }""")
    v.screenshot("present-overview-1280x720")
    v.guard.assert_clean()
    assert box["scrolled"] == 0
    assert box["width"] > 0.4 * box["vw"], f"the main chart is too small to present: {box}"
    assert box["top"] >= 0 and box["left"] >= 0 and box["bottom"] <= box["vh"] and box["right"] <= box["vw"], \
        f"the main chart is not fully on screen at 1280×720: {box}"
