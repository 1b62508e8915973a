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
    from targets.frame.i18n import t
    from targets.inputs.load import load_project

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


# ---- an official's reading of each page: Chinese only, whole numbers, labels clear of each other ----------------------

# Latin words a Chinese page may show: the language switch, file formats, and a device name the gazette writes (GPS定位仪).
LATIN_OK = {"Language", "English", "CSV", "XLSX", "TXT", "PNG", "GPS"}
METRIC_PAGES = {"overview", "grain", "sewer", "pigs", "forest_fire", "planner", "quality"}

_READING = """(prefix) => {
  // What is read on screen: text nodes outside icon ligatures (a Material icon is drawn from a word such as
  // "keyboard_arrow_right") and outside hidden parts.
  const parts = [];
  for (const root of ['[data-testid="stMain"]', '[data-testid="stSidebar"]'].map(s => document.querySelector(s)).filter(Boolean)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('[data-testid="stIconMaterial"], template, style, script')) continue;
      if (!el.getClientRects().length) continue;
      parts.push(n.data);
    }
  }
  const text = parts.join('\\n');
  const placeholders = [...document.querySelectorAll('input[placeholder], textarea[placeholder]')].map(e => e.placeholder);
  const svg = [...document.querySelectorAll('.js-plotly-plot .main-svg text')].map(e => e.textContent);
  const modebar = [...document.querySelectorAll('.modebar-btn')].map(b => {
    const after = getComputedStyle(b, '::after').content.replace(/^"|"$/g, '');
    return after && after !== 'none' && !after.startsWith('attr(') ? after : b.getAttribute('data-title'); });
  const clipped = [...document.querySelectorAll('[data-testid="stMetricLabel"] p, [data-testid="stMetricValue"] p, [data-testid="stMetricValue"] > div')]
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText);
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const overprint = [];
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const sources = [...plot.querySelectorAll('g.annotation')].filter(a => a.textContent.startsWith(prefix));
    const axis = [...plot.querySelectorAll('.xtick text, .g-xtitle text, .slider-container, .updatemenu-container')];
    for (const s of sources) {
      const r = s.getBoundingClientRect();
      for (const a of axis) if (hit(r, a.getBoundingClientRect())) overprint.push(s.textContent.slice(0, 30) + ' / ' + (a.textContent || a.className.baseVal));
    }
  }
  const sources = [...document.querySelectorAll('.js-plotly-plot g.annotation')].filter(a => a.textContent.startsWith(prefix)).length;
  return {text, placeholders, svg, modebar, clipped, overprint, sources, charts: document.querySelectorAll('.js-plotly-plot').length};
}"""


def english_words(texts) -> set[str]:
    return {w for x in texts for w in re.findall(r"[A-Za-z]{2,}", x or "") if w not in LATIN_OK}


@pytest.mark.parametrize("page_id", PAGES)
def test_a_chinese_page_reads_as_an_official_expects(visit, page_id):
    """No English (placeholders, modebar tooltips and chart text included), no metric cut off, every chart with its
    source line drawn inside the figure and clear of the x axis (so a saved PNG carries it)."""
    from targets.frame.i18n import t

    v = visit("/" if page_id == "overview" else f"/{page_id}")
    v.wait(TABLE if page_id in TABLE_PAGES else None)
    r = v.page.evaluate(_READING, t("source_prefix", "zh"))
    assert not english_words([r["text"]]), f"/{page_id}: English on a Chinese page: {english_words([r['text']])}"
    assert not english_words(r["placeholders"]), f"/{page_id}: English placeholders: {r['placeholders']}"
    assert not english_words(r["svg"]), f"/{page_id}: English in a chart: {english_words(r['svg'])}"
    assert r["modebar"] and all(HAN.search(x or "") for x in r["modebar"]) if r["charts"] else True, \
        f"/{page_id}: modebar tooltips not in Chinese: {sorted(set(r['modebar']))}"
    assert not r["clipped"], f"/{page_id}: metric cut off: {r['clipped']}"
    assert r["sources"] >= r["charts"], f"/{page_id}: {r['charts']} charts but {r['sources']} source lines in them"
    assert not r["overprint"], f"/{page_id}: a source line overprints the x axis: {r['overprint']}"
    v.guard.assert_clean()


@pytest.mark.parametrize("page_id", sorted(METRIC_PAGES & set(PAGES)))
def test_english_metrics_show_whole_values_and_labels(visit, page_id):
    v = visit(("/" if page_id == "overview" else f"/{page_id}") + "?lang=en")
    v.wait()
    r = v.page.evaluate(_READING, "Source: ")
    assert not r["clipped"], f"/{page_id}?lang=en: metric cut off: {r['clipped']}"
    assert not re.search(r"\d 10,000", r["text"]), f"/{page_id}?lang=en: a number runs into a '10,000 …' unit"
    v.guard.assert_clean()


def test_forest_fire_page_states_the_city_minimum(visit):
    v = visit("/forest_fire")
    v.wait(CHART)
    metrics = [m.replace("\u00a0", " ") for m in
               v.page.eval_on_selector_all('[data-testid="stMetricValue"]', "es => es.map(e => e.innerText.trim())")]
    assert "≥1,100 人" in metrics, metrics              # the sum of minimums is itself a minimum
    assert "9 县 ≥100 人 · 4 县 ≥50 人" in metrics, metrics  # a count by requirement, not an average of minimums
    v.guard.assert_clean()


def test_language_switch_applies_to_every_widget_on_the_same_click(visit):
    """The selectors kept their old language until another click: one click on English changes them all."""
    v = visit("/grain")
    v.wait(CHART)
    page = v.page
    assert page.get_by_role("combobox", name="指标").input_value() == "粮食播种面积"
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    page.wait_for_function("() => (document.querySelector('[data-testid=\"stMain\"] h1') || {}).textContent === 'Grain'",
                           timeout=30_000)
    v.wait(CHART)
    assert page.get_by_role("combobox", name="Indicator").input_value() == "Grain sown area"
    assert page.get_by_role("combobox", name="Period").input_value() == "2021"
    assert page.get_by_role("combobox", name="Highlight county").input_value() == "(none)"
    v.navigate("compare", CHART)
    chips = page.eval_on_selector_all('[data-testid="stMultiSelect"] .react-aria-ComboBox [data-tag]', "es => es.map(e => e.innerText)")
    assert chips and not any(HAN.search(c) for c in chips), chips
    page.locator('[data-testid="stSidebar"]').get_by_text("中文", exact=True).click()
    page.wait_for_function("() => (document.querySelector('[data-testid=\"stMain\"] h1') || {}).textContent === '县域对比'",
                           timeout=30_000)
    v.wait(CHART)
    chips = page.eval_on_selector_all('[data-testid="stMultiSelect"] .react-aria-ComboBox [data-tag]', "es => es.map(e => e.innerText)")
    assert chips and all(HAN.search(c) for c in chips), chips
    v.guard.assert_clean()
