"""AppTest helpers shared by the page tests: open the app at a page id (as a shared link would), read figures."""

from __future__ import annotations

import base64
import json
from functools import lru_cache
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.app_test import calc_hash

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@lru_cache(maxsize=1)
def shipped_config():
    """The shipped config.yaml, so a page test derives what it expects (pages, colours, slides) instead of copying it."""
    from targets.inputs.load import load_project

    return load_project(Path(APP).parent / "config.yaml").config


def page_ids() -> list[str]:
    """Every page of the shipped app, from the one page registry."""
    from targets.schema import pages as registry

    return registry.page_ids(shipped_config())


def county_color(name: str) -> str:
    return next(c.color for c in shipped_config().counties if c.name == name)


def goto(at: AppTest, page_id: str) -> AppTest:
    """Open the page whose URL path is `page_id` on the next run.

    Several pages share one script (pages/theme.py), so AppTest.switch_page(<file>) cannot tell them apart;
    Streamlit identifies an st.Page by the hash of its url_path, which is what a browser's link resolves to.
    """
    at._page_hash = calc_hash(page_id)
    return at


def app(page: str | None = None, timeout: float = 60, **params) -> AppTest:
    """A fresh session opened on `page` (an id: 'sewer', 'compare', …) with a link's query parameters."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if page:
        goto(at, page)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def arr(value) -> list:
    """A plotly spec array: plain JSON list, or plotly's typed array {dtype, bdata}."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value)


def specs(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def titles(at: AppTest) -> list[str]:
    return [s["layout"].get("title", {}).get("text", "") for s in specs(at)]


def _unwrapped(text: str) -> str:
    """A title as read, whatever its line breaks (charts wrap titles to the width they get)."""
    return text.replace("<br>", "").replace(" ", "")


def trace(at: AppTest, title_part: str, n: int = 0) -> dict:
    for spec in specs(at):
        if _unwrapped(title_part) in _unwrapped(spec["layout"].get("title", {}).get("text", "")):
            return spec["data"][n]
    raise AssertionError(f"no chart titled with {title_part!r}: {titles(at)}")


def page_title(at: AppTest) -> str:
    return at.title[0].value if at.title else ""


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
