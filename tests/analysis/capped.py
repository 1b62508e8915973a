"""An analyst's edit of the shipped project with county targets of every form, as in issue 17 §3.

A copy of config.yaml and data/ with four county tables added to data/forest_fire.yaml (nothing else
changed), worked by hand:

- semi_assembly_minutes (分钟, not summable; city rule ≤30 in 三、（一）2.): caps ≤30, ≤30, ≤45, ≤20, a range
  10–20 and an exact 25. Smallest first, a range by its upper end: 中阳县 20 → 1, 兴县 10–20 → 1, 文水县 25 → 3,
  交城县/离石区 30 → 4, 方山县 45 → 6 of 6. The old code ranked 方山县 1 and averaged (30+30+45+20+10+25)/6 = 26.7.
  方山县 ≤45 is looser than the city's ≤30 by 15.
- semi_attendance (%, not summable; city rule ≥80): ≥85, ≥75, 80. 离石区 ≥75 is below the city's minimum by 5.
- enterprise_teams (支, summable; city rule ≥3 per county): ≥3, 4 and ≤5: caps beside minimums, so no rank, no
  average, no share; against the rule ≥3 the ≤5 is not compared and the loosest of the others is 交城县 ≥3 (✓).
- enterprise_team_size (人, summable; the city's 30–50 is a range, no rule to check): ranges 30–50 and 40–60:
  no average or share (ranges), ranked by their low end: 离石区 1, 交城县 2.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from targets.frame.project import Project
from targets.inputs.load import load_project
from tests.conftest import REPO

TABLES = '''  - id: semi_assembly_county
    ref: 各县半专业队伍集结时间（分析员补录）
    source: {entered_by: 张三, entered_on: "2021-02-01", note: 分析员补录示例}
    columns:
      - {indicator: semi_assembly_minutes, period: "2021", header: 集结时间（分钟内）}
    rows:
      交城县: [{at_most: 30}]
      离石区: [{at_most: 30}]
      方山县: [{at_most: 45}]
      中阳县: [{at_most: 20}]
      兴县:   [{range: [10, 20]}]
      文水县: [25]
  - id: attendance_county
    ref: 各县半专业队伍出勤率（分析员补录）
    source: {entered_by: 张三, entered_on: "2021-02-01", note: 分析员补录示例}
    columns:
      - {indicator: semi_attendance, period: "2021", header: 出勤率（%）}
    rows:
      交城县: [{at_least: 85}]
      离石区: [{at_least: 75}]
      方山县: [80]
  - id: enterprise_county
    ref: 各县企业队伍数（分析员补录）
    source: {entered_by: 张三, entered_on: "2021-02-01", note: 分析员补录示例}
    columns:
      - {indicator: enterprise_teams, period: "2021", header: 企业队伍（支）}
      - {indicator: enterprise_team_size, period: "2021", header: 每队人数}
    rows:
      交城县: [{at_least: 3}, {range: [30, 50]}]
      离石区: [4, {range: [40, 60]}]
      方山县: [{at_most: 5}, "-"]

'''


def capped_copy(dest: Path) -> Path:
    """The edited copy in `dest`; returns its config.yaml."""
    shutil.copytree(REPO / "data", dest / "data")
    shutil.copy(REPO / "config.yaml", dest / "config.yaml")
    path = dest / "data" / "forest_fire.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("\nfigures:\n") == 1
    path.write_text(text.replace("\nfigures:\n", "\n" + TABLES + "figures:\n"), encoding="utf-8")
    return dest / "config.yaml"


@pytest.fixture(scope="session")
def capped(tmp_path_factory) -> Project:
    """The edited copy, loaded once (a test module imports this fixture: `from tests.analysis.capped import capped`)."""
    return load_project(capped_copy(tmp_path_factory.mktemp("capped")))
