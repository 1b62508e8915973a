"""A fresh `streamlit run app.py`, first request a shared link: the app's own shell, never Streamlit's fallback.

Each test starts its own server process, so the link below is the very first
request that process serves (the shared `server` fixture may be warm already).
See targets/ui/coldstart.py for the mechanism.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from targets.frame.i18n import t
from targets.inputs.load import load_project

from .conftest import REPO

CHART = ".js-plotly-plot .main-svg"

# Every navigation list and dialog the page shows on the way, recorded from the first paint on.
RECORD = """
window.__seen = {nav: [], dialogs: [], paths: []};
new MutationObserver(() => {
  const s = window.__seen;
  const nav = [...document.querySelectorAll('[data-testid="stSidebarNav"] a')].map(a => a.textContent.trim());
  if (nav.length && JSON.stringify(s.nav[s.nav.length - 1]) !== JSON.stringify(nav)) s.nav.push(nav);
  const d = document.querySelector('[role="dialog"]');
  if (d && !s.dialogs.includes(d.innerText)) s.dialogs.push(d.innerText);
  if (s.paths[s.paths.length - 1] !== location.pathname) s.paths.push(location.pathname);
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def nav_titles() -> set[str]:
    """Every title the app's own navigation shows in Chinese (the page registry, from config)."""
    from targets.schema import pages as registry

    cfg = load_project(REPO / "config.yaml").config
    themes = {x.id: x.zh for x in cfg.themes}
    return {themes.get(p.id) or t(f"nav_{p.id}", "zh") for p in registry.pages(cfg)}


def assert_only_app_navigation(v) -> None:
    seen = v.page.evaluate("window.__seen")
    titles = nav_titles()
    assert seen["nav"], "no navigation was shown"
    for nav in seen["nav"]:
        assert set(nav) <= titles, f"Streamlit's file-name navigation was shown on the way: {nav}"
    assert not seen["dialogs"], f"a dialog was shown: {seen['dialogs']}"
    assert len(seen["paths"]) == 1, f"the address changed on the way: {seen['paths']}"


def test_cold_shared_link_opens_in_the_app_shell(visit, start_server):
    """Plain `streamlit run app.py`, nothing else: a theme link (no pages/<theme>.py) is the first request.
    app.py's st.App ran the app once before accepting it (targets/ui/launch.py)."""
    cold = start_server(name="cold-sewer")
    v = visit("/sewer?hl=孝义市", on=cold, init_script=RECORD)
    v.wait(CHART)
    page = v.page

    nav = page.eval_on_selector_all('[data-testid="stSidebarNav"] a', "es => es.map(e => e.textContent.trim())")
    assert nav[0] == t("nav_overview", "zh") and set(nav) == nav_titles(), nav
    assert page.get_by_role("combobox", name=t("highlight", "zh")).input_value() == "孝义市"
    assert page.locator('[data-testid="stMain"] h1').first.inner_text().strip() == "雨污分流"
    ticks = page.eval_on_selector_all(".js-plotly-plot .ytick text", "es => es.map(e => e.textContent)")
    assert "孝义市" in ticks, f"孝义市 not among the ranked bars: {ticks}"
    parts = urlsplit(page.url)
    assert parts.path == "/sewer" and parse_qs(parts.query).get("hl") == ["孝义市"], page.url
    assert_only_app_navigation(v)
    v.guard.assert_clean()


def test_cold_first_request_to_the_overview_never_shows_file_names(visit, start_server):
    cold = start_server(name="cold-overview")
    v = visit("/?hl=孝义市", on=cold, init_script=RECORD)
    v.wait(CHART)
    assert v.page.locator('[data-testid="stMain"] h1').first.inner_text().strip()
    assert v.page.get_by_role("combobox", name=t("highlight", "zh")).input_value() == "孝义市"
    assert_only_app_navigation(v)
    v.guard.assert_clean()


# ---- one page script behind several url paths ------------------------------------------------------------------

MINI_APP = """\
from targets.ui import coldstart

coldstart.entry()

import streamlit as st

st.sidebar.write("SHELL")
pages = [st.Page("pages/home.py", title="总览", url_path="home", default=True),
         st.Page("pages/theme.py", title="雨污分流", url_path="sewer"),
         st.Page("pages/theme.py", title="粮食", url_path="grain")]
page = st.navigation(pages)
st.session_state["url_path"] = page.url_path
coldstart.run(page)
"""
MINI_PAGE = """\
from targets.ui import coldstart

coldstart.require_shell(__file__)

import streamlit as st

st.title("PAGE " + st.session_state["url_path"] + " " + st.query_params.get("hl", ""))
"""
STUB = "from targets.ui import coldstart\n\ncoldstart.require_shell(__file__)\n"


def shared_script_app(root: Path) -> Path:
    """app.py with one script (pages/theme.py) behind /sewer and /grain; only /sewer has its pages/<url>.py stub."""
    (root / "pages").mkdir(parents=True)
    (root / "app.py").write_text(MINI_APP, encoding="utf-8")
    (root / "targets").symlink_to(REPO / "targets")  # importable as in the project: Streamlit puts app.py's folder on sys.path
    (root / "pages" / "home.py").write_text(MINI_PAGE, encoding="utf-8")
    (root / "pages" / "theme.py").write_text(MINI_PAGE, encoding="utf-8")
    (root / "pages" / "sewer.py").write_text(STUB, encoding="utf-8")
    (root / ".streamlit").mkdir()
    (root / ".streamlit" / "config.toml").write_text(textwrap.dedent("""\
        [browser]
        gatherUsageStats = false
        [server]
        headless = true
        fileWatcherType = "none"
        [client]
        showSidebarNavigation = false
    """), encoding="utf-8")
    return root


def open_cold(visit, start_server, root: Path, path: str):
    v = visit(path, on=start_server(root=root, name=f"cold-mini-{path.strip('/').split('?')[0]}"), init_script=RECORD)
    v.page.wait_for_function("(p) => document.querySelector('h1')?.textContent.startsWith(p)",
                             arg=f"PAGE {urlsplit(path).path.strip('/')}", timeout=30_000)
    v.wait()
    return v


def test_cold_link_to_a_shared_page_script_with_its_stub(visit, start_server, tmp_path):
    v = open_cold(visit, start_server, shared_script_app(tmp_path / "app"), "/sewer?hl=孝义市")
    assert v.page.locator("h1").inner_text() == "PAGE sewer 孝义市"
    seen = v.page.evaluate("window.__seen")
    assert seen["nav"] and all(n == ["总览", "雨污分流", "粮食"] for n in seen["nav"]), seen["nav"]
    assert not seen["dialogs"] and seen["paths"] == ["/sewer"], seen


def test_cold_link_to_a_shared_page_script_without_stub_still_gets_streamlits_dialog(visit, start_server, tmp_path):
    """Pins why app.py is an st.App with a warm start (targets/ui/launch.py): without it (this app has no
    st.App) Streamlit's fallback knows only pages/<url path>.py, and says "Page not found" before any code of
    ours runs; coldstart alone still opens the right page. If this test fails because the dialog is gone,
    Streamlit changed and the warm start could go."""
    v = open_cold(visit, start_server, shared_script_app(tmp_path / "app"), "/grain?hl=孝义市")
    assert v.page.locator("h1").inner_text() == "PAGE grain 孝义市"
    assert v.page.url.endswith("/grain?hl=%E5%AD%9D%E4%B9%89%E5%B8%82"), v.page.url
    seen = v.page.evaluate("window.__seen")
    assert any("Page not found" in d for d in seen["dialogs"]), seen
    assert seen["nav"][-1] == ["总览", "雨污分流", "粮食"], seen["nav"]
    # Streamlit logs that dialog as a console error too: expected here, and only here.
    logged = [e for e in v.guard.errors if "requested does not seem to exist" in e]
    assert logged, v.guard.errors
    v.guard.errors[:] = [e for e in v.guard.errors if e not in logged]
