"""Progress tracking in a real browser, on the sample reports (scripts/make_example.py; 示例数据（非真实）).

The 进度 page in Chinese and English at 1400×900 (drawn, the sample banner, nothing clipped, no Chinese left in
the English page but names and citations), the two sample progress slides fit the screen, and a report file
added while the app runs shows on the next click. Screenshots of every view go to
artifacts/screenshots/progress-*.png, to be opened and judged by a person.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from targets.analysis import progress_views
from targets.frame.i18n import t
from targets.inputs.load import load_project

from .conftest import REPO, SCREENSHOTS, WAIT_MS
from .test_browser_slides import _FIT, MAX_SCROLL
from tests.drawn import DRAWN

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHART = ".js-plotly-plot .main-svg"
SIZE = {"width": 1400, "height": 900}
SLOW = 3 * WAIT_MS  # a bound, not a timing: 2 cores shared with other work draw a cold page in well over 30 s
# Chinese as shown: Han characters, CJK punctuation (。，：〔〕) and full-width forms (（）).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")
# A progress chart's zh source line starts 出处： where the other charts' start 来源： (t("source_prefix")): both count.
HAN = re.compile(r"[\u3400-\u9fff]")
SOURCE_PREFIXES = {"zh": [t("source_prefix", "zh"), "出处："], "en": [t("source_prefix", "en")]}


def build_sample(root: Path) -> Path:
    out = root / "sample"
    subprocess.run([sys.executable, str(REPO / "scripts" / "make_example.py"), "--out", str(out)], check=True,
                   capture_output=True, timeout=120)
    load_project(out / "config.yaml")  # valid, or every test here proves nothing
    return out / "config.yaml"


@pytest.fixture(scope="module")
def sample(tmp_path_factory, start_server):
    return start_server(build_sample(tmp_path_factory.mktemp("progress")), name="progress-sample")


def progress_slides(config: Path) -> list[tuple[int, object]]:
    """(position in the presentation, slide) of each slide that shows progress (page progress, or view: progress)."""
    slides = load_project(config).config.presentation
    return [(n, s) for n, s in enumerate(slides, 1) if s.page == "progress" or getattr(s, "view", None) == "progress"]


# ---- measuring a page --------------------------------------------------------------------------------------------

_LAYOUT = """() => {
  const out = {clipped: [], wide: [], scorecard: 0, text: ''};
  for (const e of document.querySelectorAll('[data-testid="stMetricLabel"] p, [data-testid="stMetricValue"] p, [data-testid="stMetricValue"] > div')) {
    if (e.scrollWidth > e.clientWidth + 1) out.clipped.push(e.innerText);
  }
  for (const c of document.querySelectorAll('[data-testid="stMain"] [data-testid="stPlotlyChart"]')) {
    const r = c.getBoundingClientRect();
    for (const g of c.querySelectorAll('.gtitle')) {
      const b = g.getBoundingClientRect();
      if (b.right > r.right + 1 || b.left < r.left - 1) out.wide.push(g.textContent);
    }
  }
  return out;
}"""

# What is read on screen (as test_browser_pages' _READING): visible text nodes outside icon ligatures, and chart text.
_SHOWN = """() => {
  const parts = [];
  for (const root of ['[data-testid="stMain"]', '[data-testid="stSidebar"]'].map(s => document.querySelector(s)).filter(Boolean)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('[data-testid="stIconMaterial"], template, style, script')) continue;
      if (el.closest('svg') || !el.getClientRects().length) continue;
      parts.push(n.data);
    }
  }
  const svg = [...document.querySelectorAll('.js-plotly-plot .main-svg text')].map(e => e.textContent);
  return parts.concat(svg);
}"""

# The scorecard: the chart whose title is the scorecard's, with its status squares drawn.
_SCORECARD = """(title) => {
  const plot = [...document.querySelectorAll('.js-plotly-plot')].find(p => [...p.querySelectorAll('.gtitle')].some(g => g.textContent.startsWith(title)));
  return plot ? plot.querySelectorAll('.scatterlayer path.point').length : -1;
}"""

_METRICS = """() => Object.fromEntries([...document.querySelectorAll('[data-testid="stMetric"]')].map(m => [
  (m.querySelector('[data-testid="stMetricLabel"]') || {innerText: ''}).innerText.trim(),
  (m.querySelector('[data-testid="stMetricValue"]') || {innerText: ''}).innerText.trim()]))"""


def _strings(node) -> list[str]:
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return [node] if isinstance(node, str) else []


def exempt_chinese(config: Path) -> list[str]:
    """What an English page may still show in Chinese: names the config gives in Chinese (counties and their aliases,
    indicators, periods, the gazette), the language switch, and citations (every string of the data files and the reports: document numbers,
    titles, table refs, quotes, reporters, revision reasons). Theme names, units and UI words are not exempt."""
    cfg = yaml.safe_load(config.read_text(encoding="utf-8"))
    out = [cfg["gazette"]["zh"], t("language", "en"), "中文"]  # and the language switch, bilingual on purpose
    for c in cfg["counties"]:
        out += [c["name"], *c.get("aliases", [])]
    out += [p["zh"] for p in cfg["periods"] if "zh" in p]
    out += [i["zh"] for th in cfg["themes"] for i in th["indicators"]]
    data = config.parent / "data"
    for path in [*data.glob("*.yaml"), *(data / "reports").glob("*.yaml")]:
        out += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    return [s for s in out if CJK.search(s)]


def foreign_chinese(texts: list[str], exempt: list[str]) -> list[str]:
    """Each run of Chinese in `texts` that is not part of an exempt name or citation, with its line."""
    found = []
    for text in texts:
        for line in text.splitlines():
            for run in CJK.findall(line):
                if HAN.search(run) and not any(run in e for e in exempt):  # a lone （ or ？ is a mark, not Chinese
                    found.append(f"{run!r} in {line.strip()[:120]!r}")
    return list(dict.fromkeys(found))


def tall_screenshot(v, name: str, width: int) -> Path:
    """The whole page: Streamlit scrolls its own container, so grow the viewport to the content, redraw, then shoot."""
    height = v.page.evaluate("""() => { const b = document.querySelector('[data-testid="stMainBlockContainer"]');
                                       return Math.ceil((b ? b.scrollHeight : document.body.scrollHeight) + 40); }""")
    v.page.set_viewport_size({"width": width, "height": min(max(height, 600), 12_000)})
    v.page.wait_for_timeout(300)  # plotly redraws on resize: let it start, then wait for the drawn state
    v.wait(timeout=SLOW)
    path = v.screenshot(name)
    v.page.set_viewport_size({"width": width, "height": SIZE["height"]})
    return path


# ---- 2. the progress page at 1400×900 -------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_progress_page_renders_in_both_languages(visit, sample, lang):
    v = visit(f"/progress?lang={lang}", on=sample, viewport=SIZE, timeout=SLOW)
    v.wait(CHART, timeout=SLOW)
    page = v.page
    title = t("progress_scorecard_title", lang, as_of="\x00").split("\x00")[0]  # the title up to its date
    try:
        page.wait_for_function(f"(t) => ({_SCORECARD})(t) > 0", arg=title, timeout=SLOW, polling=200)
    except Exception as exc:  # noqa: BLE001 - say what is drawn instead
        titles = page.eval_on_selector_all(".js-plotly-plot .gtitle", "es => es.map(e => e.textContent)")
        raise AssertionError(f"{lang}: no scorecard ({title!r}) with cells: {str(exc).splitlines()[0]}; "
                             f"chart titles: {titles}") from None
    assert page.evaluate(_SCORECARD, title) > 0, f"{lang}: the scorecard drew no cells"

    alerts = " ".join(page.eval_on_selector_all('[data-testid="stAlert"]', "es => es.map(e => e.innerText)"))
    banner = t("progress_sample", lang)
    assert banner.lower() in alerts.lower(), f"{lang}: no sample-data banner ({banner!r}); alerts: {alerts!r}"

    layout = page.evaluate(_LAYOUT)
    assert not layout["clipped"], f"{lang}: metric value or label clipped: {layout['clipped']}"
    assert not layout["wide"], f"{lang}: chart title wider than its chart: {layout['wide']}"
    if lang == "en":
        # Exempt: names and citations in Chinese (exempt_chinese). Checked: everything else on screen and in the charts.
        left = foreign_chinese(page.evaluate(_SHOWN), exempt_chinese(sample.config))
        assert not left, f"/progress?lang=en shows Chinese that is not a name or a citation:\n  " + "\n  ".join(left)
    v.guard.assert_clean()


# ---- 3. + 5. the sample progress slides fit the screen -----------------------------------------------------------

_ON_SLIDE = """([counter, path]) => {
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || !main.innerText.includes(counter) || location.pathname !== path) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  return (""" + DRAWN + """)(null);
}"""


# Square markers (the scorecard's cells) against the plot area plotly really drew (after automargin and the
# slide's stretch): n rows (columns) of squares must fit its height (width), or the squares overprint each other.
_SQUARES = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(gd => {
  const fl = gd._fullLayout, out = [];
  for (const tr of gd.data) {
    if (!tr.marker || tr.marker.symbol !== 'square' || !fl.yaxis || !fl.yaxis._categories) continue;
    const size = tr.marker.size, rows = fl.yaxis._categories.length, cols = fl.xaxis._categories.length;
    out.push({size, rows, cols, h: fl._size.h, w: fl._size.w, fits: size * rows <= fl._size.h && size * cols <= fl._size.w});
    break;
  }
  return out;
})"""


def check_slide_fits(v, n: int, caption: str, lang: str) -> None:
    """test_browser_slides.check_fits for a slide of another presentation (its _FIT measure, both source prefixes)."""
    where = f"slide {n} ({lang}, {v.page.viewport_size})"
    fits = [v.page.evaluate(_FIT, prefix) for prefix in SOURCE_PREFIXES[lang]]
    fit = fits[0]
    sources = [s for f in fits for s in f["sources"]]
    assert fit["scroll"] <= MAX_SCROLL, f"{where}: the page scrolls by {fit['scroll']} px"
    assert fit["title"] == caption and fit["titleInside"], f"{where}: the slide's title is not shown whole: {fit['title']!r}"
    assert fit["charts"] and all(fit["charts"]), f"{where}: a chart is (partly) off screen: {fit['charts']}"
    assert sources and all(sources), f"{where}: a source line is off screen or missing: {sources}"
    assert not fit["clipped"], f"{where}: clipped text: {fit['clipped']}"
    squares = v.page.evaluate(_SQUARES)
    assert all(q["fits"] for q in squares), f"{where}: the scorecard's squares overprint each other: {squares}"


@pytest.mark.parametrize("lang, width, height", [("zh", 1280, 720), ("en", 1280, 720), ("zh", 1920, 1080),
                                                 ("en", 1920, 1080)])
def test_progress_slides_fit_the_screen(visit, sample, lang, width, height):
    slides = progress_slides(sample.config)
    total = len(load_project(sample.config).config.presentation)
    assert len(slides) == 2, f"the sample should add two progress slides: {slides}"
    problems = []
    for n, slide in slides:
        v = visit(f"/?present=1&slide={n}&lang={lang}", on=sample, viewport={"width": width, "height": height}, timeout=SLOW)
        path = "/" if slide.page == "overview" else f"/{slide.page}"
        try:
            v.page.wait_for_function(_ON_SLIDE, arg=[f"{n} / {total}", path], timeout=SLOW, polling=100)
        except Exception as exc:  # noqa: BLE001 - say what is on screen instead
            raise AssertionError(f"slide {n} ({path}) did not open: {str(exc).splitlines()[0]}\n"
                                 f"page text: {v.text()[:800]}") from None
        v.wait(timeout=SLOW)
        v.screenshot(f"progress-slide{n}-{slide.page}-{lang}-{width}x{height}")
        caption = slide.caption.zh if lang == "zh" else slide.caption.en
        try:
            check_slide_fits(v, n, caption, lang)
        except AssertionError as exc:  # check the other slide too, then report both
            problems.append(str(exc))
        v.guard.assert_clean()
    assert not problems, "\n".join(problems)


# ---- 5. screenshots of the pages -------------------------------------------------------------------------------

SHOTS = {"page": "/progress", "sewer": "/sewer?view=progress&asof=2021-09-30", "profile": "/profile?county=岚县"}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("view", list(SHOTS))
def test_progress_screenshots(visit, sample, view, lang):
    """Whole pages for a person to judge: the 进度 page, a theme page in progress mode, the profile's history.
    One page a test: each visit's session ends with its test, so a loaded server serves one page at a time."""
    path = SHOTS[view]
    v = visit(f"{path}{'&' if '?' in path else '?'}lang={lang}", on=sample, viewport=SIZE, timeout=SLOW)
    v.wait(CHART, timeout=SLOW)
    if view == "sewer":
        v.screenshot(f"progress-sewer-{lang}-1400x900")
    if view == "profile":
        heading = t("progress_history", lang)
        found = v.page.evaluate("""(h) => { const e = [...document.querySelectorAll('[data-testid="stMain"] h1, [data-testid="stMain"] h2, '
                                       + '[data-testid="stMain"] h3, [data-testid="stMain"] h4')]
                                       .find(x => x.textContent.trim().startsWith(h));
                                       if (!e) return false; e.scrollIntoView({block: 'start'}); return true; }""", heading)
        assert found, f"{path}&lang={lang}: no {heading!r} section\npage text: {v.text()[:1500]}"
        v.page.wait_for_timeout(300)
        v.wait(timeout=SLOW)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        v.page.screenshot(path=str(SCREENSHOTS / f"progress-profile-history-{lang}-1400x900.png"))
    tall_screenshot(v, f"progress-{view}-{lang}-1400-full", SIZE["width"])
    v.guard.assert_clean()


# ---- 4. a report file added while the app runs -----------------------------------------------------------------

AS_OF = date(2021, 12, 31)
NEW_REPORT = """\
# 示例数据（非真实）· written by tests/browser/test_browser_progress.py into a temporary copy
theme: grain
as_of: "2021-12-31"
sample: true
source: {title: （测试）岚县2021年粮食产量报送, reporter: 浏览器测试（示例）, received: "2022-01-05"}
values:
  - indicator: grain_output
    period: "2021"
    rows: {岚县: 0.68}
"""


def _counts(config: Path, theme: str | None) -> tuple[str, str]:
    """What the page's metrics must show: 正常 "good / total" and 未报送 n, from the engine on the files as they are."""
    rows = progress_views.current(load_project(config), AS_OF, theme)
    good, total = progress_views.card(rows)
    return f"{good} / {total}", str(progress_views.counts(rows)["not_reported"])


@pytest.fixture
def fresh(tmp_path, start_server):
    server = start_server(build_sample(tmp_path), name="progress-follow")
    yield server
    server.stop()


def test_a_report_added_while_the_app_runs_shows_on_the_next_click(visit, fresh):
    config = fresh.config
    reports = config.parent / "data" / "reports"
    on_track, not_reported = progress_views.status_label("on_track", "zh"), progress_views.status_label("not_reported", "zh")
    before_all, before_grain = _counts(config, None), _counts(config, "grain")

    v = visit(f"/progress?asof={AS_OF.isoformat()}", on=fresh, viewport=SIZE, timeout=SLOW)
    v.wait(CHART, timeout=SLOW)
    shown = v.page.evaluate(_METRICS)
    assert (shown.get(on_track), shown.get(not_reported)) == before_all, f"before the report: {shown}, engine: {before_all}"

    tmp = reports / "grain-2021-year.yaml.part"  # not *.yaml: never read half-written
    tmp.write_text(NEW_REPORT, encoding="utf-8")
    tmp.rename(reports / "grain-2021-year.yaml")
    after_grain = _counts(config, "grain")
    assert after_grain != before_grain, "the new report changes nothing: the test would prove nothing"

    # The next click: the theme select, to 粮食 (the new report's theme). The store publishes the new file once it
    # has been quiet for the settle window; a run that finds a change waiting waits for that verdict.
    select = v.page.get_by_role("combobox", name=t("theme", "zh"))
    select.click()
    grain = next(th["zh"] for th in yaml.safe_load(config.read_text(encoding="utf-8"))["themes"] if th["id"] == "grain")
    v.page.get_by_role("option", name=grain, exact=True).click()
    try:
        v.page.wait_for_function(f"""([a, b, ga, gb]) => {{ const m = ({_METRICS})(); return m[a] === ga && m[b] === gb; }}""",
                                 arg=[on_track, not_reported, *after_grain], timeout=SLOW, polling=200)
    except Exception:  # noqa: BLE001 - say what the page shows instead
        raise AssertionError(f"the new report never showed: metrics {v.page.evaluate(_METRICS)}, engine after the report "
                             f"(grain): {after_grain}; server log:\n{fresh.tail(15)}") from None
    v.wait(CHART, timeout=SLOW)
    v.guard.assert_clean()
