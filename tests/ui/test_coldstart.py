"""targets.ui.coldstart through AppTest, which starts every run in Streamlit's pages/ fallback (like a fresh server).

AppTest resets Streamlit's "pages/ folder" flag before each run, so each run
on a sub-page is the case a cold server meets on its first request. The
browser side (a real `streamlit run`) is tests/browser/test_coldstart.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = """\
from targets.ui import coldstart

coldstart.entry()

import streamlit as st

st.sidebar.markdown("SHELL")
pages = [st.Page("pages/home.py", title="Home", url_path="home", default=True),
         st.Page("pages/sewer.py", title="Sewer", url_path="sewer"),
         st.Page("pages/theme.py", title="Grain", url_path="grain")]
page = st.navigation(pages)
st.session_state["shown"] = page.title  # what the shell chose in its last run
coldstart.run(page)
"""
PAGE = """\
from targets.ui import coldstart

coldstart.require_shell(__file__)

import streamlit as st

st.markdown(f"PAGE {st.session_state.get('shown')} {st.query_params.get('hl', '-')}")
"""
PAGE_WITHOUT_BOOTSTRAP = """\
import streamlit as st

st.markdown(f"PAGE {st.session_state.get('shown')} {st.query_params.get('hl', '-')}")
"""


def write_app(root: Path, page: str = PAGE) -> str:
    (root / "pages").mkdir()
    (root / "app.py").write_text(APP, encoding="utf-8")
    for name in ("home", "sewer", "theme"):
        (root / "pages" / f"{name}.py").write_text(page, encoding="utf-8")
    return str(root / "app.py")


def texts(at: AppTest) -> tuple[list[str], list[str]]:
    return [m.value for m in at.main.markdown], [m.value for m in at.sidebar.markdown]


@pytest.mark.parametrize("page, title", [("pages/sewer.py", "Sewer"), ("pages/home.py", "Home")])
def test_a_page_started_alone_reruns_through_the_shell_with_the_link(tmp_path, page, title):
    at = AppTest.from_file(write_app(tmp_path), default_timeout=30)
    at.run()
    at.switch_page(page)
    at.query_params["hl"] = "孝义市"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    main, side = texts(at)
    assert side == ["SHELL"]
    assert main == [f"PAGE {title} 孝义市"]


def test_the_shell_runs_the_default_page_once(tmp_path):
    at = AppTest.from_file(write_app(tmp_path), default_timeout=30).run()
    assert not at.exception, [e.value for e in at.exception]
    assert texts(at) == (["PAGE Home -"], ["SHELL"])


def test_streamlit_still_runs_a_page_alone_without_the_bootstrap(tmp_path):
    """Pins the Streamlit behaviour coldstart exists for. If this fails, Streamlit no longer starts a
    pages/ script alone before st.navigation has run: targets/ui/coldstart.py and its calls can go."""
    at = AppTest.from_file(write_app(tmp_path, PAGE_WITHOUT_BOOTSTRAP), default_timeout=30)
    at.run()
    at.switch_page("pages/sewer.py")
    at.run()
    assert texts(at) == (["PAGE Home -"], [])  # no shell in this run: the title is the last run's
