"""An open page follows the files: a saved edit, then a broken file's banner, then the fix, with no reload and
no click (targets/ui/follow.py). Also the single server's CSP: the page draws with no console violation (the
visit guard fails on any console error, and a CSP violation is one).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_project

from .conftest import WAIT_MS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHART = ".js-plotly-plot .main-svg"
CSP_VIOLATIONS = """window.__csp = []; document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));"""
THEME = "themes:\n  - id: grain\n    zh: 粮食\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory, start_server):
    root = copy_project(tmp_path_factory.mktemp("follow"))
    assert THEME in (root / "config.yaml").read_text(encoding="utf-8")
    return root, start_server(root / "config.yaml", name="follow")


def _save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _shows(v, text: str, present: bool = True, timeout: int = WAIT_MS) -> None:
    """Wait (liveness bound) until the page's text has `text` (or no longer has it), with no reload meanwhile."""
    try:
        v.page.wait_for_function("([t, want]) => document.body.innerText.includes(t) === want",
                                 arg=[text, present], timeout=timeout, polling=100)
    except Exception as exc:  # noqa: BLE001
        raise AssertionError(f"{text!r} {'never appeared' if present else 'never went'}: {str(exc).splitlines()[0]}\n"
                             f"page text: {v.text()[:1500]}") from None
    assert v.page.evaluate("() => window.__same_page === true"), "the page was reloaded"


def test_an_open_page_shows_an_edit_then_the_banner_then_the_fix(visit, project):
    root, server = project
    config = root / "config.yaml"
    original = config.read_text(encoding="utf-8")
    v = visit("/", on=server, init_script=CSP_VIOLATIONS)
    v.wait(CHART)
    headers = v.page.context.request.get(server.url("/")).headers
    assert "default-src 'self'" in headers["content-security-policy"]  # the single server's own CSP
    v.page.evaluate("() => { window.__same_page = true; }")  # gone if the browser reloads the page
    assert "粮食新名" not in v.text()

    _save(config, original.replace(THEME, THEME.replace("粮食", "粮食新名")))  # a saved edit
    _shows(v, "粮食新名")

    grain = root / "data" / "grain.yaml"
    good = grain.read_text(encoding="utf-8")
    _save(grain, good.replace("tables:", "tables: [", 1))  # broken: a YAML syntax error
    _shows(v, "数据文件有错误")
    assert "粮食新名" in v.text()  # still the last good data, under the banner

    _save(grain, good)  # the fix
    _shows(v, "数据文件有错误", present=False)
    assert "粮食新名" in v.text()
    assert v.page.evaluate("window.__csp") == []  # drawn, edited and redrawn under the CSP with no violation
    v.guard.assert_clean()  # no console error: the CSP lets Streamlit and Plotly work
