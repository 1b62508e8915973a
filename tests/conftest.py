"""Shared fixtures: a small complete project written to tmp_path, and the shipped project.

The small project's files are module constants so a test can read the exact
line a message points at. Tests that assert `file:line:col` call
`mini.chdir()` (monkeypatch.chdir) so paths render relative, e.g.
`data/grain.yaml:14:13: ...`. Nothing here changes the working folder globally.
"""

from __future__ import annotations

import os
import shutil
import socket
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from targets.frame.project import Project
from targets.inputs.load import load_project

REPO = Path(__file__).resolve().parent.parent
BOUNDARIES = REPO / "data" / "geo" / "lvliang_counties.geojson"
# What a running copy of the app needs: tests that start real servers run them on such a copy.
PROJECT_FILES = ("app.py", "pages", "targets", "config.yaml", "data", "i18n.yaml", "messages.yaml", ".streamlit")

# Hypothesis budgets: small while developing, full in CI (.ci/run runs with CI=true).
# HYPOTHESIS_PROFILE=ci runs the full budget locally.  No deadline: timing is for bench/, not tests.
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("ci", max_examples=1000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev"))

# Line numbers matter: tests assert them. Append, don't insert, when extending.
MINI_CONFIG = """\
title: {zh: 测试看板, en: Test dashboard}
gazette: {zh: 测试公报 2021年第2期, en: Test gazette 2021 No. 2}
counties:
  - {name: 离石区, en: Lishi District, kind: county, order: 1, color: "#332288", on_map: true, aliases: [离石], adcode: "141102"}
  - {name: 交城县, en: Jiaocheng County, kind: county, order: 2, color: "#44AA99", on_map: true, aliases: [交城], adcode: "141122"}
  - {name: 兴县, en: Xing County, kind: county, order: 3, color: "#117733", on_map: true, aliases: ["兴 县"], adcode: "141123"}
  - {name: 市级, en: City level, kind: city_level, order: 4, color: "#666666", on_map: false}
  - {name: 全市, en: Whole city, kind: city, order: 5, color: "#000000", on_map: false, aliases: [吕梁市]}
periods:
  - {id: "2021", zh: 2021年, en: "2021"}
  - {id: "2022", zh: 2022年, en: "2022"}
  - {id: overall, zh: 总体目标, en: Overall}
units:
  - {id: 万亩, en: "10,000 mu"}
  - {id: 公里, en: km}
themes:
  - id: grain
    zh: 粮食
    en: Grain
    file: data/grain.yaml
    indicators:
      - {id: sown_area, zh: 粮食播种面积, en: Grain sown area, unit: 万亩, format: ".2f"}
  - id: sewer
    zh: 雨污分流
    en: Sewer separation
    file: data/sewer.yaml
    indicators:
      - {id: sewer_km, zh: 雨污合流制管网改造, en: Combined sewer separated, unit: 公里, format: ".1f"}
display:
  default_language: zh
  default_indicator: {grain: sown_area, sewer: sewer_km}
"""

MINI_GRAIN = """\
theme: grain
source:
  doc_number: 吕政办发〔2021〕13号
  title: 测试：粮食生产意见
  issued: "2021-03-05"
  gazette: 测试公报 2021年第2期
tables:
  - id: annex
    ref: 附件 粮食播种面积任务分解表
    columns:
      - {indicator: sown_area, period: "2021", header: 2021年(万亩)}
      - {indicator: sown_area, period: "2022", header: 2022年(万亩)}
    rows:
      离石: [20.07, 21]
      交城县: [11.33, 12]
      兴县: [57.08, 58]
    stated_total: {label: 吕梁市, values: [88.48, 91]}
figures:
  - {id: area_goal, indicator: sown_area, period: "2021", value: {at_least: 88}, ref: 一、目标任务, quote: 播种面积稳定在 88 万亩以上}
checks:
  - id: area_text_vs_table
    zh: 文中播种面积目标与附件合计
    en: Sown-area goal in the text vs the annex total
    left: [figure:area_goal]
    right: [total:sown_area@2021]
"""

MINI_SEWER = """\
theme: sewer
source:
  doc_number: 吕政办发〔2021〕17号
  title: 测试：雨污分流行动方案
  issued: "2021-04-05"
  gazette: 测试公报 2021年第2期
tables:
  - id: annex
    ref: 附件 雨污分流改造任务表
    columns:
      - {indicator: sewer_km, period: "2021", header: 2021年（公里）}
      - {indicator: sewer_km, period: "2022", header: 2022年（公里）}
    rows:
      市级: [2.5, "-"]
      交城: [8.4, 6]
      兴县: [7.4, 0]
    stated_total: {label: 合计, values: [18.3, 6]}
figures:
  - {id: plan_2021, indicator: sewer_km, period: "2021", value: {about: 18}, ref: 一、（一）2021 年任务, quote: 全市共完成约18公里}
"""


BROWSER_TESTS = Path(__file__).resolve().parent / "browser"
PAGE_TESTS = Path(__file__).resolve().parent / "pages"
PAGE_SMOKE = "test_every_page_runs_in_both_languages[zh-"  # the one page test make test-fast keeps


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Markers by place (see pytest.ini): everything under tests/browser/ is `browser`; under tests/pages/ (the whole
    app through AppTest, about a second a test) everything but the Chinese run of every page is `slow`."""
    for item in items:
        where = Path(item.fspath).parents
        if BROWSER_TESTS in where:
            item.add_marker(pytest.mark.browser)
        elif PAGE_TESTS in where and not item.name.startswith(PAGE_SMOKE):
            item.add_marker(pytest.mark.slow)


@dataclass
class MiniProject:
    """A small complete project in `root`, with helpers to change it."""

    root: Path
    monkeypatch: pytest.MonkeyPatch

    @property
    def config(self) -> Path:
        return self.root / "config.yaml"

    def path(self, name: str) -> Path:
        return self.root / name

    def read(self, name: str) -> str:
        return self.path(name).read_text(encoding="utf-8")

    def write(self, name: str, text: str | bytes) -> Path:
        """Write (or overwrite) `name` under the project; str is written as UTF-8, bytes as they are."""
        p = self.path(name)
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text, encoding="utf-8")
        return p

    def edit(self, name: str, old: str, new: str) -> Path:
        """Replace the one occurrence of `old` in `name` (fails loudly if it is not there exactly once)."""
        text = self.read(name)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
        return self.write(name, text.replace(old, new))

    def append(self, name: str, text: str) -> Path:
        return self.write(name, self.read(name) + text)

    def chdir(self) -> None:
        """Run from the project folder so problems render as `config.yaml:…`, `data/grain.yaml:…`."""
        self.monkeypatch.chdir(self.root)

    def load(self) -> Project:
        return load_project(self.config)


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MiniProject:
    project = MiniProject(tmp_path, monkeypatch)
    project.write("config.yaml", MINI_CONFIG)
    project.write("data/grain.yaml", MINI_GRAIN)
    project.write("data/sewer.yaml", MINI_SEWER)
    project.write("data/geo/lvliang_counties.geojson", BOUNDARIES.read_bytes())
    return project


@pytest.fixture(scope="session")
def shipped() -> Project:
    """The project as shipped: <repo>/config.yaml and its data files."""
    return load_project(REPO / "config.yaml")


def copy_project(dest: Path) -> Path:
    """A copy of the app in `dest` (no caches): edit its files freely while a server runs on it."""
    for name in PROJECT_FILES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", ".cache"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def free_port() -> int:
    """A localhost port free right now (a server may still lose it to another process: callers retry)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def script(name: str, folder: str = "scripts"):
    """A script of scripts/ (or bench/: not packages) imported as a module, e.g. script("make_example").build(...)."""
    import importlib.util
    import sys

    sys.path.insert(0, str(REPO / folder))  # a bench script imports its neighbours (common, gen_national)
    try:
        spec = importlib.util.spec_from_file_location(name, REPO / folder / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(REPO / folder))


def until(condition, timeout: float = 30.0, every: float = 0.05):
    """Poll until condition() is truthy and return it. A liveness bound only (generous), never a performance claim."""
    import time

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if value := condition():
            return value
        time.sleep(every)
    pytest.fail(f"not within {timeout} s")
