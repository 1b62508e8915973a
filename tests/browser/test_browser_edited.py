"""After an analyst's edit, every page in a real browser: a new theme by YAML only, a renamed county, a new year.

The invariant test (tests/test_invariant.py) checks generated edits with AppTest; this drives one such edit
through a real server and Chromium, page by page through the app's own navigation.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from targets.schema import pages as registry
from targets.inputs.load import load_project

from .conftest import REPO

CHART = ".js-plotly-plot .main-svg"


def edited_project(root: Path) -> Path:
    shutil.copytree(REPO / "data", root / "data")
    cfg = yaml.safe_load((REPO / "config.yaml").read_text(encoding="utf-8"))
    cfg["themes"].append({"id": "water", "zh": "供水", "en": "Water supply", "file": "data/water.yaml",
                          "indicators": [{"id": "water_km", "zh": "供水管网改造", "en": "Water mains renewed", "unit": "公里"}]})
    lin = next(c for c in cfg["counties"] if c["name"] == "临县")
    lin.update(name="临县新", aliases=[*lin.get("aliases", []), "临县"])
    cfg["periods"].append({"id": "2024", "zh": "2024年", "en": "2024"})
    cfg["presentation"].append({"page": "water", "caption": {"zh": "供水管网改造", "en": "Water mains"}})
    (root / "config.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    water = {"theme": "water", "source": {"entered_by": "张三", "entered_on": "2024-03-01", "note": "县级上报汇总"},
             "tables": [{"id": "plan", "ref": "县级上报表", "columns": [{"indicator": "water_km", "period": "2024", "header": "公里"}],
                         "rows": {"临县": [12.5], "孝义": [20], "新区": ["-"]}}]}
    (root / "data" / "water.yaml").write_text(yaml.safe_dump(water, allow_unicode=True, sort_keys=False), encoding="utf-8")
    load_project(root / "config.yaml")  # valid, or the test proves nothing
    return root / "config.yaml"


@pytest.fixture(scope="module")
def edited(tmp_path_factory, start_server):
    return start_server(edited_project(tmp_path_factory.mktemp("edited")), name="edited")


def test_every_page_renders_after_an_analysts_edit(visit, edited):
    cfg = load_project(edited.config).config
    pages = registry.page_ids(cfg)
    assert "water" in pages
    v = visit("/", on=edited)
    v.wait(CHART)
    assert "供水" in v.text() and "临县新" in v.text()  # the new theme's card; the renamed county on the map
    for page_id in pages[1:]:
        v.navigate(page_id)  # waits for the page, fails on any exception box
    v.navigate("water", CHART)
    assert "临县新" in v.text() and "分析员录入" in v.text()  # the renamed county's bar; the analyst's source
    v.guard.assert_clean()
