"""Smoke tests of the 装备测算 (planner) and 数据质量 (quality) pages through the real app shell (AppTest).

AppTest cannot type into a st.data_editor cell, so team-size edits are driven the
way Streamlit documents for keyed editors: the edit state (edited_rows,
added_rows, deleted_rows) is assigned to `at.session_state["planner:sizes"]`
before `run()`, exactly what the browser sends when a cell is edited.
"""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO
from tests.pagetest import goto
from targets.analysis import checks

APP = str(REPO / "app.py")
EDITOR = "planner:sizes"
ROW = {"离石区": 0, "兴县": 3, "临县": 4}  # rows of the size table (config order)


def open_page(page: str, *, lang: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    if lang:  # the sidebar's language radio (found by its options, whatever its key)
        next(r for r in at.sidebar.radio if "English" in r.options).set_value(lang).run()
    goto(at, page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def edit_sizes(at: AppTest, edits: dict[str, object]) -> AppTest:
    at.session_state[EDITOR] = {"edited_rows": {ROW[c]: {"size": v} for c, v in edits.items()},
                                "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def values(v) -> list:
    """A plotly data array, plain or binary-encoded ({dtype, bdata})."""
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).tolist()
    return list(v)


def trace(spec: dict, name: str) -> dict:
    return next(t for t in spec["data"] if t.get("name") == name)


# ---- 装备测算 --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def planner_page() -> AppTest:
    return open_page("planner")


def test_planner_page_renders_with_its_widgets(planner_page):
    at = planner_page
    assert at.title[0].value == "装备测算"
    assert [e.key for e in at.data_editor] == [EDITOR]
    editor = at.data_editor[0].value
    assert list(editor["county"])[:2] == ["离石区", "文水县"] and list(editor["size"])[:2] == [100, 100]
    assert at.number_input(key="planner:township_size").value == 20
    assert at.multiselect(key="w:planner:items").value == ["radio", "gps", "blower", "wind_water", "water_mist", "chainsaw"]
    assert {d.key for d in at.get("download_button")} == {"planner:csv", "planner:xlsx", "planner:township:csv",
                                                          "planner:township:xlsx"}
    assert len(at.get("plotly_chart")) == 2
    assert not at.warning and not at.error
    captions = " ".join(c.value for c in at.caption)
    assert "吕政办发〔2021〕14号" in captions and "附件 森林草原消防队伍建设参考标准（试行）" in captions


def test_planner_chart_shows_units_and_hand_computed_quantities(planner_page):
    sizes, items = specs(planner_page)
    radio = trace(items, "对讲机（部）")
    assert radio["x"][:2] == ["离石区", "文水县"]
    assert values(radio["y"])[:5] == [20, 20, 20, 20, 10]  # ⌈100/5⌉ ×4, then 临县 ⌈50/5⌉
    gps = trace(items, "GPS定位仪（部）")
    assert values(gps["y"])[4] == 17                         # 临县 ⌈50/3⌉
    assert items["layout"]["yaxis"]["title"]["text"] == "数量（单位见图例）"
    assert values(trace(sizes, "测算人数")["x"])[:5] == [100, 100, 100, 100, 50]
    assert [t["name"] for t in sizes["data"]] == ["测算人数", "最低要求"]  # no red trace while every size is enough


def test_editing_a_team_size_changes_the_figures_and_warns_below_minimum():
    at = open_page("planner")
    before = specs(at)
    edit_sizes(at, {"离石区": 40, "临县": 75})
    sizes, items = specs(at)
    assert sizes != before[0] and items != before[1]
    radio = values(trace(items, "对讲机（部）")["y"])
    assert radio[0] == 8 and radio[4] == 15                  # ⌈40/5⌉, ⌈75/5⌉
    assert values(trace(sizes, "测算人数")["x"])[:5] == [None, 100, 100, 100, 75]
    assert values(trace(sizes, "测算人数 · 低于最低要求")["x"])[:2] == [40, None]   # the red bar, named in the legend
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1 and "离石区" in warnings[0] and "≥100" in warnings[0] and "40" in warnings[0]
    table = at.dataframe[1].value.set_index("项目")
    assert table.loc["对讲机", "离石区"] == "8" and table.loc["对讲机", "全市"] == str(220 - 20 + 8 - 10 + 15)
    assert list(table.columns)[:3] == ["单位", "配备标准", "全市"]


def test_a_cleared_size_is_an_error_naming_the_county():
    at = edit_sizes(open_page("planner"), {"兴县": None})
    assert len(at.error) == 1 and "兴县" in at.error[0].value
    assert not at.get("plotly_chart")  # nothing computed from an incomplete table


def test_township_calculator_follows_the_number_input():
    at = open_page("planner")
    semi = at.dataframe[-1].value.set_index("项目")
    assert semi.loc["对讲机", "数量"] == "2" and semi.loc["扑火服", "数量"] == "40"
    at.number_input(key="planner:township_size").set_value(35).run()
    semi = at.dataframe[-1].value.set_index("项目")
    assert semi.loc["对讲机", "数量"] == "4" and semi.loc["灭火水枪", "数量"] == "12"   # ⌈35/10⌉, ⌈35/3⌉
    assert not at.warning
    at.number_input(key="planner:township_size").set_value(12).run()
    assert len(at.warning) == 1 and "20 人以上" in at.warning[0].value


def test_planner_page_in_english():
    at = open_page("planner", lang="en")
    assert at.title[0].value == "Equipment planner"
    _, items = specs(at)
    assert trace(items, "Two-way radio (sets)")["x"][0] == "Lishi District"


# ---- 数据质量 ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def expected(shipped):
    fs = checks.report(shipped)
    return {"total": len(fs), "ok": sum(x.status == "ok" for x in fs), "bad": sum(x.status == "mismatch" for x in fs)}


def test_quality_page_counts_and_marks_mismatches_first(expected):
    at = open_page("quality")
    assert at.title[0].value == "数据质量"
    assert at.subheader[0].value == f"{expected['total']} 项核对，{expected['ok']} 项一致，{expected['bad']} 项待核"
    assert [m.value for m in at.metric][:3] == [str(expected["total"]), str(expected["ok"]), str(expected["bad"])]
    cards = [e.value for e in at.error]
    assert len(cards) == expected["bad"]
    sewer = next(c for c in cards if "385" in c)
    assert "447" in sewer and "一、工作目标" in sewer and "附件 全市城镇排水管网雨污分流改造任务表" in sewer
    tables = [d.value for d in at.dataframe if "结论" in d.value.columns]  # one per check type
    assert sum(len(x) for x in tables) == expected["total"]
    marks = [r[0] for x in tables for r in x["结论"]]
    assert marks.count("✗") == expected["bad"]
    for x in tables:  # within each type, to review first
        assert list(x["结论"].str[0]) == sorted(x["结论"].str[0], key=lambda m: m != "✗")
    assert {d.key for d in at.get("download_button")} == {"quality:csv", "quality:xlsx", "quality:txt"}
    assert at.radio(key="w:quality:theme").value == ""


def test_ticking_a_row_shows_both_places_in_full():
    at = open_page("quality")
    assert not at.info
    # What the browser sends when rows 1 and 3 of the totals table are ticked.
    at.session_state["quality:checks:total"] = {"selection": {"rows": [0, 2], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    cards = [i.value for i in at.info]
    assert len(cards) == 2 and cards[0].startswith("**✓ 粮食 · 粮食播种面积（2021年）合计与各县之和**")
    assert "吕政办发〔2021〕13号 附件 全市2021年粮食播种面积和产量任务分解表" in cards[0] and "各行之和（13 行）" in cards[0]


def test_quality_theme_filter(shipped):
    at = open_page("quality")
    at.radio(key="w:quality:theme").set_value("grain").run()
    assert not at.exception
    grain = [x for x in checks.report(shipped) if x.theme == "grain"]
    assert at.subheader[0].value.startswith(f"{len(grain)} 项核对")
    assert not at.error and at.success  # grain's checks are all consistent
    assert {v for d in at.dataframe if "专题" in d.value.columns for v in d.value["专题"]} == {"粮食"}


def test_quality_page_in_english(expected):
    at = open_page("quality", lang="en")
    assert at.title[0].value == "Data quality"
    assert all("**Stated:** " in e.value and "**Compared with:** " in e.value for e in at.error)  # bold renders
    assert at.subheader[0].value == f"{expected['total']} checks: {expected['ok']} consistent, {expected['bad']} to review"

