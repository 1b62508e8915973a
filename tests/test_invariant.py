"""The invariant of 'config is the app', tested with generated analyst edits of the shipped project.

If `validate` accepts an edit, every page runs (AppTest, no exception) and shows the new item; if it
refuses, every message is located (file:line:col) and none is a traceback. The edits are the ones analysts
make: a new theme, a theme removed or renamed, a new year as its own table or as a column, an indicator
declared before its numbers, a county renamed (old name kept as an alias), a county taken off the map, a new
unit, a new non-county unit with a number, a slide pointing at the new theme.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.pagetest import app, specs
from targets.schema import pages as registry
from targets.core.errors import ConfigError
from targets.inputs.load import load_project

REPO = Path(__file__).resolve().parent.parent
LOCATED = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): ")
EXAMPLES = max(2, settings().max_examples // 25)  # each example runs every page: a 25th of the fuzz profile
pytestmark = pytest.mark.slow  # every page of several whole-project copies: about a minute


def _read(root: Path, name: str) -> dict:
    return yaml.safe_load((root / name).read_text(encoding="utf-8"))


def _write(root: Path, name: str, data: dict) -> None:
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@dataclass
class Project:
    """A copy of the shipped project, edited as YAML, with what each edit expects a page to show."""

    root: Path
    cfg: dict = field(init=False)
    data: dict[str, dict] = field(default_factory=dict)
    expect: list[tuple[str, str]] = field(default_factory=list)  # (page id, text that page must show)
    done: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.cfg = _read(self.root, "config.yaml")
        for t in self.cfg["themes"]:
            self.data[t["file"]] = _read(self.root, t["file"])

    def theme(self, theme_id: str) -> dict | None:
        return next((t for t in self.cfg["themes"] if t["id"] == theme_id), None)

    def save(self) -> None:
        _write(self.root, "config.yaml", self.cfg)
        for name, d in self.data.items():
            _write(self.root, name, d)


# ---- the edits ----------------------------------------------------------------------------------------


def new_theme(p: Project, draw) -> None:
    counties = [c["name"] for c in p.cfg["counties"] if c["kind"] == "county"]
    picked = draw(st.lists(st.sampled_from(counties), min_size=1, max_size=len(counties), unique=True))
    period = draw(st.sampled_from([x["id"] for x in p.cfg["periods"]]))
    values = draw(st.lists(st.one_of(st.floats(0, 1e4, allow_nan=False).map(lambda v: round(v, 2)), st.just("-"), st.none()),
                           min_size=len(picked), max_size=len(picked)))
    p.cfg["themes"].append({"id": "water", "zh": "供水", "en": "Water supply", "file": "data/water.yaml",
                            "indicators": [{"id": "water_km", "zh": "供水管网改造", "en": "Water mains renewed", "unit": "公里"}]})
    p.data["data/water.yaml"] = {
        "theme": "water",
        "source": {"entered_by": "张三", "entered_on": "2024-03-01", "note": "县级上报汇总"},
        "tables": [{"id": "county_plan", "ref": "县级上报表", "columns": [{"indicator": "water_km", "period": period, "header": "公里"}],
                    "rows": {c: [v] for c, v in zip(picked, values)}}],
    }
    p.expect += [("water", "供水"), ("overview", "供水")]
    if any(isinstance(v, float) for v in values):
        p.expect.append(("water", "分析员录入"))  # the analyst's entry is cited, not a gazette document


def _drop_theme_refs(p: Project, theme_id: str, indicators: set[str]) -> None:
    p.cfg.get("display", {}).get("default_indicator", {}).pop(theme_id, None)
    p.cfg["progress"] = [x for x in p.cfg.get("progress", []) if x["theme"] != theme_id]
    if p.cfg.get("planner", {}) and p.cfg["planner"]["theme"] == theme_id:
        del p.cfg["planner"]
        for sec in p.cfg.get("navigation", []):
            sec["pages"] = [x for x in sec["pages"] if x != "planner"]
    p.cfg["presentation"] = [s for s in p.cfg.get("presentation", [])
                             if s["page"] != theme_id and s.get("theme") != theme_id and s.get("indicator") not in indicators
                             and not (s["page"] == "planner" and "planner" not in p.cfg)]


def remove_theme(p: Project, draw) -> None:
    theme = draw(st.sampled_from([t["id"] for t in p.cfg["themes"] if t["id"] != "water"]))
    tidy = draw(st.booleans())  # an analyst who also removes what pointed at it, or one who does not
    t = p.theme(theme)
    p.cfg["themes"].remove(t)
    if tidy:
        _drop_theme_refs(p, theme, {i["id"] for i in t["indicators"]})
    del p.data[t["file"]]


def rename_theme(p: Project, draw) -> None:
    theme = draw(st.sampled_from([t["id"] for t in p.cfg["themes"] if t["id"] != "water"]))
    new = theme + "_v2"
    t = p.theme(theme)
    t["id"] = new
    p.data[t["file"]]["theme"] = new
    dd = p.cfg.get("display", {}).get("default_indicator", {})
    if theme in dd:
        dd[new] = dd.pop(theme)
    for x in p.cfg.get("progress", []):
        if x["theme"] == theme:
            x["theme"] = new
    if p.cfg.get("planner", {}).get("theme") == theme:
        p.cfg["planner"]["theme"] = new
    for s in p.cfg.get("presentation", []):
        if s["page"] == theme:
            s["page"] = new
        if s.get("theme") == theme:
            s["theme"] = new
    p.expect.append((new, t["zh"]))


def _sewer(p: Project) -> dict | None:
    t = next((t for t in p.cfg["themes"] if any(i["id"] == "sewer_km" for i in t["indicators"])), None)
    return p.data.get(t["file"]) if t else None


def _add_period(p: Project, pid: str) -> None:
    if all(x["id"] != pid for x in p.cfg["periods"]):
        p.cfg["periods"].append({"id": pid, "zh": f"{pid}年", "en": pid})


def new_period_table(p: Project, draw) -> None:
    d = _sewer(p)
    if d is None:
        return
    _add_period(p, "2024")
    counties = draw(st.lists(st.sampled_from(["孝义", "汾阳", "临县", "新区", "市级"]), min_size=1, max_size=3, unique=True))
    d["tables"].append({"id": "plan_2024", "ref": "2024年补充任务表", "columns": [{"indicator": "sewer_km", "period": "2024", "header": "2024年"}],
                        "rows": {c: [float(i + 1)] for i, c in enumerate(counties)},
                        "source": {"entered_by": "李四", "entered_on": "2024-01-15", "note": "补充任务"}})
    p.expect.append((_theme_of(p, "sewer_km"), "2024年"))


def new_period_column(p: Project, draw) -> None:
    d = _sewer(p)
    if d is None:
        return
    _add_period(p, "2025")
    table = d["tables"][0]
    table["columns"].append({"indicator": "sewer_km", "period": "2025", "header": "2025年（公里）"})
    for name in table["rows"]:
        table["rows"][name].append(draw(st.sampled_from([1.5, "-", None])))
    if table.get("stated_total"):
        table["stated_total"]["values"].append(None)
    p.expect.append((_theme_of(p, "sewer_km"), "2025年"))


def _theme_of(p: Project, indicator: str) -> str:
    return next(t["id"] for t in p.cfg["themes"] if any(i["id"] == indicator for i in t["indicators"]))


def indicator_before_numbers(p: Project, draw) -> None:
    t = draw(st.sampled_from(p.cfg["themes"]))
    t["indicators"].append({"id": "future_target", "zh": "待定指标", "en": "Target to come", "unit": t["indicators"][0]["unit"]})


def rename_county(p: Project, draw) -> None:
    c = draw(st.sampled_from([c for c in p.cfg["counties"] if c["kind"] == "county"]))
    old = c["name"]
    c["name"] = old + "新"
    c["aliases"] = [*c.get("aliases", []), old]
    p.expect.append(("overview", old + "新") if c.get("on_map") else ("compare", old + "新"))


def county_off_map(p: Project, draw) -> None:
    c = draw(st.sampled_from([c for c in p.cfg["counties"] if c.get("on_map")]))
    c["on_map"] = False


def new_unit(p: Project, draw) -> None:
    p.cfg["units"].append({"id": "吨", "en": "tonnes"})
    t = draw(st.sampled_from(p.cfg["themes"]))
    t["indicators"].append({"id": "new_tonnes", "zh": "新增吨数", "en": "New tonnes", "unit": "吨"})


def new_non_county_unit(p: Project, draw) -> None:
    d = _sewer(p)
    if d is None:
        return
    order = max(c["order"] for c in p.cfg["counties"]) + 1
    p.cfg["counties"].append({"name": "经开区", "en": "Development Zone", "kind": "new_district", "order": order,
                              "color": "#123456", "on_map": False})
    table = d["tables"][0]
    table["rows"]["经开区"] = [draw(st.sampled_from([4.2, "-", None])) for _ in table["columns"]]
    p.expect.append((_theme_of(p, "sewer_km"), "经开区"))


def slide_to_new_theme(p: Project, draw) -> None:
    if p.theme("water") is None:
        new_theme(p, draw)
    p.cfg.setdefault("presentation", []).append({"page": "water", "caption": {"zh": "供水管网改造", "en": "Water mains"}})


EDITS = [new_theme, remove_theme, rename_theme, new_period_table, new_period_column, indicator_before_numbers,
         rename_county, county_off_map, new_unit, new_non_county_unit, slide_to_new_theme]


# ---- the invariant --------------------------------------------------------------------------------------


def _copy(tmp: Path) -> Path:
    # A folder of its own per hypothesis example (they share tmp_path): the same folder would keep the last
    # example's shared Store, which then reads this example's save as a live edit, and a page run before it
    # settles rightly shows the previous data ("正在读取刚保存的更改…"); under load that failed CI once.
    root = Path(tempfile.mkdtemp(prefix="project-", dir=tmp))
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "config.yaml", root / "config.yaml")
    return root


def _shown(at) -> str:
    """Every text an official reads on the page: titles, captions, markdown, metrics, widget options, chart text."""
    parts = [e.value for e in (*at.title, *at.caption, *at.markdown, *at.subheader, *at.info)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [str(o) for w in (*at.selectbox, *at.radio, *at.multiselect) for o in w.options]
    parts += [df.value.to_string() for df in (*at.dataframe, *at.table)]
    parts += [str(s) for s in specs(at)]
    return "\n".join(parts).replace("\\", "")


def check_invariant(root: Path, monkeypatch, expect: list[tuple[str, str]]) -> None:
    monkeypatch.chdir(root)
    try:
        project = load_project(root / "config.yaml")
    except ConfigError as err:
        assert err.problems
        for p in err.problems:
            text = p.render()
            m = LOCATED.match(text)
            assert m, f"not located: {text}"
            assert (root / m["file"]).exists() and int(m["line"]) >= 1 and int(m["col"]) >= 1, text
            assert "Traceback" not in text and "Error(" not in text, text
        return
    monkeypatch.setenv("TARGETS_CONFIG", str(root / "config.yaml"))
    shown = {}
    for page in registry.page_ids(project.config):
        at = app(page)
        assert not at.exception, (page, [e.value for e in at.exception])
        shown[page] = _shown(at)
    for page, text in expect:
        if page in shown:
            assert text in shown[page], (page, text)
    if project.config.presentation:  # the last slide (an analyst's new one goes last) opens its page
        at = app(present="1", slide=str(len(project.config.presentation)))
        assert not at.exception, [e.value for e in at.exception]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])
@given(data=st.data())
def test_an_edit_that_validates_renders_on_every_page(tmp_path, monkeypatch, data):
    root = _copy(tmp_path)
    p = Project(root)
    for edit in data.draw(st.lists(st.sampled_from(EDITS), min_size=1, max_size=3, unique=True), label="edits"):
        edit(p, data.draw)
    p.save()
    check_invariant(root, monkeypatch, p.expect)


def remove_a_theme_and_what_pointed_at_it(p: Project, draw) -> None:
    """Today's crash: forest_fire removed (with its slides, planner and defaults) broke every page."""
    t = p.theme("forest_fire")
    p.cfg["themes"].remove(t)
    _drop_theme_refs(p, "forest_fire", {i["id"] for i in t["indicators"]})
    del p.data[t["file"]]
    p.expect.append(("overview", "生猪"))


@pytest.mark.parametrize("edit", [*EDITS, remove_a_theme_and_what_pointed_at_it], ids=lambda e: e.__name__)
def test_each_analyst_edit_alone(tmp_path, monkeypatch, edit):
    """Every edit of the menu at least once per run, whatever the fuzz budget."""
    root = _copy(tmp_path)
    p = Project(root)

    def first(strategy, label=None):  # the simplest example of each choice
        from hypothesis import find
        return find(strategy, lambda _: True)

    edit(p, first)
    p.save()
    check_invariant(root, monkeypatch, p.expect)
