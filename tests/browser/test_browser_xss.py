"""Hostile labels in config.yaml and a data file stay text, in every page and both languages.

A copy of the shipped project gets HTML/JS payloads as a county's English
name, a unit row's English name, a county alias used as a data row, an
indicator's Chinese and English names, a theme's English name and a source
title. A server runs on that copy; each page is opened in both languages and
must open no dialog, inject no element, and show the payloads literally
(never half-stripped) in charts, tables and captions. The CSV download must
carry them byte for byte.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from targets.inputs.load import load_project

from .conftest import REPO, app_pages

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
JS = "javascript:alert(1)"
PAYLOADS = (IMG, SCRIPT, JS)
CHART = ".js-plotly-plot .main-svg"
TABLE = '[data-testid="stDataFrame"]'
PAGES = app_pages()


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    # safe_dump quotes whatever needs quoting, so the payloads stay valid YAML strings.
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096), encoding="utf-8")


def hostile_project(root: Path) -> Path:
    shutil.copy(REPO / "config.yaml", root / "config.yaml")
    shutil.copytree(REPO / "data", root / "data")  # boundaries included: config.yaml's map.boundaries must exist

    def config(cfg: dict) -> None:
        counties = {c["name"]: c for c in cfg["counties"]}
        counties["孝义市"]["en"] = IMG
        counties["市级"]["en"] = SCRIPT
        counties["兴县"]["aliases"] = [*counties["兴县"].get("aliases", []), JS]
        sewer = next(t for t in cfg["themes"] if t["id"] == "sewer")
        sewer["en"] = IMG
        ind = next(i for i in sewer["indicators"] if i["id"] == "sewer_km")
        ind["zh"], ind["en"] = SCRIPT, JS

    def sewer_data(d: dict) -> None:
        d["source"]["title"] = IMG
        rows = d["tables"][0]["rows"]
        d["tables"][0]["rows"] = {(JS if k == "兴县" else k): v for k, v in rows.items()}
        assert JS in d["tables"][0]["rows"], "data/sewer.yaml's first table has no row 兴县 to rename"

    _edit(root / "config.yaml", config)
    _edit(root / "data" / "sewer.yaml", sewer_data)
    load_project(root / "config.yaml")  # the hostile copy must be a valid project, or the test proves nothing
    return root / "config.yaml"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, start_server):
    return start_server(hostile_project(tmp_path_factory.mktemp("hostile")), name="hostile")


# What the DOM holds after the run: injected elements, and any 'alert(' left once the literal payloads are removed.
_INSPECT = """(payloads) => {
  const texts = [document.body.innerText,
                 ...[...document.querySelectorAll('svg text')].map(t => t.textContent),
                 ...[...document.querySelectorAll('[data-testid="stDataFrame"] table')].map(t => t.textContent)];
  const residue = texts.map(t => payloads.reduce((s, p) => s.split(p).join(''), t))
                       .flatMap(t => { const i = t.indexOf('alert('); return i < 0 ? [] : [t.slice(Math.max(0, i - 60), i + 40)]; });
  const urlAttr = /^(href|xlink:href|src|srcdoc|action|formaction|data|poster)$/i;
  const attrs = [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
      .filter(a => /^on/i.test(a.name) || (urlAttr.test(a.name) && /^\s*javascript:/i.test(a.value)))
      .map(a => `<${e.tagName.toLowerCase()} ${a.name}="${a.value}">`));
  return {img: document.querySelectorAll('img[src="x"]').length,
          scripts: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('alert(')).length,
          attrs, residue};
}"""


def _inspect(v) -> dict:
    return v.page.evaluate(_INSPECT, list(PAYLOADS))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_payloads_never_run_or_inject(visit, hostile, lang):
    """Every page, reached as a user does (link, then the sidebar), in one language."""
    failures = []
    v = visit(f"/?lang={lang}", on=hostile)
    for i, page_id in enumerate(PAGES):
        seen = len(v.guard.problems())
        if i == 0 and page_id == "overview":
            v.wait(f"{CHART}, {TABLE}")
        else:
            v.navigate(page_id, f"{CHART}, {TABLE}")
        found = _inspect(v)
        if found["img"] or found["scripts"] or found["attrs"] or found["residue"]:
            failures.append(f"/{page_id}?lang={lang}: {found}")
        failures += [f"/{page_id}?lang={lang}: {p}" for p in v.guard.problems()[seen:]]
        v.screenshot(f"xss-{page_id}-{lang}")
    assert not failures, "hostile labels escaped their text:\n" + "\n".join(failures)


def _texts(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "es => es.map(e => e.textContent)")


def test_payloads_show_as_text_in_charts_tables_and_captions(visit, hostile):
    zh = visit("/sewer?lang=zh", on=hostile)
    en = visit("/sewer?lang=en&period=2021", on=hostile)

    zh.wait(CHART)
    titles = _texts(zh.page, ".js-plotly-plot .gtitle")
    assert any(SCRIPT in t and "各县排序" in t for t in titles), f"ranked chart title lost the indicator's name: {titles}"
    map_titles = zh.page.eval_on_selector_all(".js-plotly-plot", "ps => ps.filter(p => p.querySelector('.choroplethlayer'))"
                                                                  ".map(p => (p.querySelector('.gtitle') || {}).textContent)")
    assert map_titles and all(t and SCRIPT in t for t in map_titles), f"map title lost the indicator's name: {map_titles}"
    captions = " ".join(_texts(zh.page, '[data-testid="stCaptionContainer"]'))
    assert IMG in captions, f"source title not shown literally in the captions: {captions[:500]}"

    en.wait(CHART)
    assert en.page.locator('[data-testid="stMain"] h1').first.text_content().strip() == IMG
    ticks = _texts(en.page, ".js-plotly-plot .ytick text")
    assert IMG in ticks and SCRIPT in ticks, f"county names not shown literally on the bars: {ticks}"
    titles = _texts(en.page, ".js-plotly-plot .gtitle")
    assert any(JS in t for t in titles), titles
    # 市级 is off the map: the note under the map names it, as typed.
    notes = " ".join(_texts(en.page, ".js-plotly-plot g.annotation"))
    assert SCRIPT in notes, f"the off-map unit is not named literally under the map: {notes[:300]}"
    nav = " ".join(_texts(en.page, '[data-testid="stSidebarNav"] a'))
    assert IMG in nav, f"theme name not shown literally in the navigation: {nav}"
    for v in (zh, en):
        v.guard.assert_clean()


def test_csv_download_carries_the_payloads_verbatim(visit, hostile):
    # In English: the download reads in the chosen language, and the payloads sit in the English names.
    v = visit("/sewer?lang=en&period=2021", on=hostile)
    v.wait(CHART)
    page = v.page
    page.locator('[data-testid="stExpander"] summary').filter(has_text="Show data").first.click()
    # The table inside loads after the expander opens and pushes the buttons down: click once it is drawn.
    page.wait_for_selector('[data-testid="stExpander"] details[open] [data-testid="stDataFrame"] canvas')
    button = page.locator('[data-testid="stDownloadButton"] button').filter(has_text="CSV").first
    with page.expect_download() as info:
        button.click()
    body = Path(info.value.path()).read_bytes()
    assert body.startswith(b"\xef\xbb\xbf"), "CSV lost its UTF-8 BOM"
    text = body.decode("utf-8-sig")
    for p in PAYLOADS:
        assert p in text, f"{p!r} not in the CSV download"
    v.guard.assert_clean()
