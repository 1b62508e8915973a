"""targets.ui.session through AppTest: the data banner is in the reader's language from the very first request,
and a link's as-of date is read, kept and published."""

from __future__ import annotations

import pytest

from targets.frame.i18n import t
from tests.pagetest import app

pytestmark = pytest.mark.slow  # waits for saves to settle / runs the app: make test, not test-fast


@pytest.fixture
def broken(mini, monkeypatch):
    mini.edit("data/grain.yaml", "离石: [20.07, 21]", "离石县城: [20.07, 21]")  # an unknown county: no valid data
    monkeypatch.setenv("TARGETS_CONFIG", str(mini.config))
    return mini


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_banner_speaks_the_links_language_on_the_first_request(broken, lang):
    at = app("grain", lang=lang)
    assert [e.value for e in at.error] == [t("no_data_loaded", lang)]
    problems = " ".join(m.value for m in at.markdown)
    assert ("unknown county" in problems) == (lang == "en") and ("未知的县" in problems) == (lang == "zh")


def test_without_a_language_the_banner_uses_chinese_first(broken):
    at = app("grain")
    assert [e.value for e in at.error] == [t("no_data_loaded", "zh")]
