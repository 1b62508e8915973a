"""Models of progress tracking: how an indicator's progress is judged, the thresholds, completion reports
(data/reports/*.yaml) and target revisions (a theme data file's `revisions:`).

A report says what counties have achieved toward a target as of a date; a revision says that a later
document changed one county's target from a date on. Neither overwrites the gazette's numbers: the status
engine (targets/analysis/progress.py) reads the target in force at an as-of date and keeps the original.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from targets.core.messages import Invalid, msg
from targets.schema.cells import CellIn
from targets.schema.types import IsoDate, Strict, Text

# How progress toward an indicator's target is judged (README: 进度 · Progress):
# flow      an amount done within the period (sewer km in 2022): expected = target × elapsed share;
# level     a stock reached by the due date (pig capacity): expected on the straight line from a baseline;
# at_least  the value must reach at least the target (a team of ≥ 100 people);
# at_most   the value must stay at or below the target (assembly within 10 minutes).
ProgressKind = Literal["flow", "level", "at_least", "at_most"]
PROGRESS_KINDS: tuple[str, ...] = ("flow", "level", "at_least", "at_most")

_YEAR = re.compile(r"([0-9]{4})")
_SPAN = re.compile(r"([0-9]{4})-([0-9]{4})")


def period_dates(period) -> tuple[date, date] | None:
    """A period's (targets.schema.config.Period) first and last day: as config.yaml gives them, else read off a year ("2021": the calendar
    year) or a span of years ("2020-2023"); None for a period such as `overall` with no dates given."""
    if period.start and period.end:
        return date.fromisoformat(period.start), date.fromisoformat(period.end)
    if m := _YEAR.fullmatch(period.id):
        return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    if (m := _SPAN.fullmatch(period.id)) and m[1] <= m[2]:
        return date(int(m[1]), 1, 1), date(int(m[2]), 12, 31)
    return None


class Baseline(Strict):
    """Where a level starts: the value every county had on a date (e.g. 0 new capacity on 2020-12-31)."""

    value: float = Field(ge=0)
    """起点数值（指标的单位）。
    The starting value, in the indicator's unit."""
    date: IsoDate
    """起点日期，写成带引号的 "YYYY-MM-DD"。
    The date of the starting value, "YYYY-MM-DD" in quotes."""


class ProgressRule(Strict):
    """How progress toward this indicator's targets is judged; without it the indicator has no progress view."""

    kind: ProgressKind
    """flow（期内完成量）、level（到期达到的存量）、at_least（至少达到）或 at_most（不超过）。
    flow (an amount done within the period), level (a stock reached by the due date), at_least or at_most."""
    baseline: Baseline | None = None
    """level 的起点（可选）；不写时用该县最早的一次报送作起点，报送少于两次则无法评估。
    A level's start (optional); without it a county's first report is the start (two reports needed)."""


class Tracking(Strict):
    """Where completion reports are and how pace is judged (all optional)."""

    reports: Text = "data/reports"
    """完成情况报送所在的文件夹（相对于 config.yaml）；其中每个 *.yaml 都会读取。
    The folder of completion reports, relative to config.yaml; every *.yaml in it is read."""
    on_track: float = Field(default=0.95, gt=0, le=1)
    """进度比（实际 ÷ 应完成）不低于此值为“正常”。
    A pace ratio (actual ÷ expected) at or above this is on track."""
    at_risk: float = Field(default=0.75, gt=0, le=1)
    """进度比不低于此值（且低于 on_track）为“滞后”，更低为“严重滞后”。
    A pace ratio at or above this (and below on_track) is at risk; below it, behind."""
    stale_after_days: int = Field(default=90, ge=1)
    """最近一次报送早于这么多天即为“数据过期”。
    A latest report older than this many days is stale."""

    @model_validator(mode="after")
    def thresholds_in_order(self) -> "Tracking":
        if self.at_risk > self.on_track:
            raise Invalid(msg("thresholds_out_of_order", at_risk=self.at_risk, on_track=self.on_track))
        return self


class ReportSource(Strict):
    """Who reported the figures, under what title, and when the city received them."""

    title: Text
    """报送材料的标题，如 2021年三季度雨污分流改造进展。
    Title of the report."""
    title_en: Text | None = None
    """英文标题（可选）。
    Title in English (optional)."""
    reporter: Text
    """报送单位，如 市住建局。
    Who reported it."""
    received: IsoDate
    """收到日期，写成带引号的 "YYYY-MM-DD"。
    Date received, "YYYY-MM-DD" in quotes."""
    doc_number: Text | None = None
    """文号（如有）。
    The document number, if any."""


def _is_actual(value: object) -> float:
    # An achieved amount is a plain number in the indicator's unit: "12公里" or "≥3" is not an amount.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid(msg("report_value_not_number", value=value if not isinstance(value, str) else f"'{value}'"))
    if value != value or value < 0:
        raise Invalid(msg("report_value_negative", value=value))
    return float(value)


Actual = Annotated[object, AfterValidator(_is_actual)]


class ReportValues(Strict):
    """What each county had achieved toward one (indicator, period) target."""

    indicator: Text
    """指标 id，须是该主题在 config.yaml 中声明的指标。
    Indicator id, declared under the theme in config.yaml."""
    period: Text
    """目标所属期间 id，如 "2021"。
    The target's period id, e.g. "2021"."""
    rows: dict[str, Actual] = Field(min_length=1)
    """县名（或别名）: 截至 as_of 已完成的数量（指标的单位，只写数字）。
    County name (or alias): the amount achieved as of as_of, in the indicator's unit (a number only)."""


class ReportFile(Strict):
    """One completion report: a file under data/reports/. Reports are append-only; the history is the files."""

    theme: Text
    """主题 id，如 sewer。
    Theme id, e.g. sewer."""
    as_of: IsoDate
    """数据截止日期，写成带引号的 "YYYY-MM-DD"。
    The date the figures are as of, "YYYY-MM-DD" in quotes."""
    source: ReportSource
    """报送材料：标题、报送单位、收到日期。
    The report: title, reporter, date received."""
    values: list[ReportValues] = Field(min_length=1)
    """各指标、期间的完成数。
    The achieved amounts, per indicator and period."""
    sample: bool = False
    """true 表示示例数据（非真实）：由它得出的图表、表格和下载都标注“示例数据”。
    true marks sample data (not real): every chart, table and download made from it says so."""


class Revision(Strict):
    """A later document's change of one county's target, in force from `effective` on."""

    indicator: Text
    """被调整目标的指标 id。
    Indicator id of the revised target."""
    period: Text
    """被调整目标的期间 id。
    Period id of the revised target."""
    county: Text
    """县名（或别名）。
    County name (or alias)."""
    value: CellIn
    """调整后的目标（数字、"-"、{at_least: …} 等，与数据表相同）。
    The revised target (a number, "-", {at_least: …}, as in the tables)."""
    effective: IsoDate
    """生效日期，写成带引号的 "YYYY-MM-DD"；不得早于文件成文日期。
    The date it takes effect, "YYYY-MM-DD" in quotes; not before the document was issued."""
    source: "RevisionSource"
    """调整目标的文件：文号、标题、成文日期。
    The revising document: number, title, date issued."""
    reason: Text | None = None
    """调整原因（可选）。
    Why the target changed (optional)."""
    sample: bool = False
    """true 表示示例数据（非真实）。
    true marks sample data (not real)."""

    @model_validator(mode="after")
    def effective_after_issued(self) -> "Revision":
        if self.effective < self.source.issued:
            raise Invalid(msg("revision_before_issued", effective=self.effective, issued=self.source.issued))
        return self


class RevisionSource(Strict):
    doc_number: Text
    """文号，如 吕政办函〔2023〕5号。
    Document number."""
    title: Text
    """文件标题。
    Document title."""
    title_en: Text | None = None
    """英文标题（可选）。
    Title in English (optional)."""
    issued: IsoDate
    """成文日期，写成带引号的 "YYYY-MM-DD"。
    Date issued, "YYYY-MM-DD" in quotes."""


Revision.model_rebuild()
