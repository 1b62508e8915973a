"""Pydantic models of the data files (data/*.yaml): one model per concept.

Cross-references (an indicator or county named in a data file must exist in config.yaml) are checked in
`targets/inputs/refs.py`, because they need both files at once.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from targets.core.messages import Invalid, Names, msg
from targets.schema.cells import CellIn
from targets.schema.progress import Revision
from targets.schema.types import IsoDate, Refs, Strict, Text


class Source(Strict):
    """A document (doc_number, title, issued) or an analyst's entry (entered_by, entered_on, note)."""

    # For editors: the keys of one of the two (validate also refuses a mix of both).
    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": ["doc_number", "title", "issued"]},
                                                           {"required": ["entered_by", "entered_on"]}]})

    doc_number: Text | None = None
    """公文的文号，如 吕政办发〔2021〕13号；与 title、issued 一起写。
    The document's number, e.g. 吕政办发〔2021〕13号; give it with title and issued."""
    title: Text | None = None
    """公文标题。
    Title of the document."""
    issued: IsoDate | None = None
    """成文日期，写成带引号的 "YYYY-MM-DD"。
    Date issued, written "YYYY-MM-DD" in quotes."""
    gazette: Text | None = None
    """刊载该文件的公报，如 吕梁市人民政府公报 2021年第2期（可选）。
    The gazette issue that printed it (optional)."""
    entered_by: Text | None = None
    """分析员录入的数字：录入人；与 entered_on 一起写，不写文号。
    An analyst's entry: who entered it; give it with entered_on, and no doc_number."""
    entered_on: IsoDate | None = None
    """录入日期，写成带引号的 "YYYY-MM-DD"。
    Date entered, written "YYYY-MM-DD" in quotes."""
    note: Text | None = None
    """说明：数字从哪里来。
    Note: where the numbers come from."""

    @model_validator(mode="after")
    def document_or_analyst(self) -> "Source":
        return _document_or_analyst(self)

    @property
    def is_document(self) -> bool:
        return self.doc_number is not None


def _document_or_analyst(src: Source) -> Source:
    doc = {"doc_number": src.doc_number, "title": src.title, "issued": src.issued}
    analyst = {"entered_by": src.entered_by, "entered_on": src.entered_on}
    has_doc, has_analyst = any(v is not None for v in doc.values()), any(v is not None for v in analyst.values())
    if has_doc and has_analyst:
        raise Invalid(msg("source_both"))
    keys = doc if has_doc or not has_analyst else analyst
    missing = [k for k, v in keys.items() if v is None]
    if missing:
        code = "source_document_missing" if keys is doc else "source_analyst_missing"
        raise Invalid(msg(code, missing=Names(missing), needs=Names(keys)))
    return src


class Column(Strict):
    indicator: Text
    """本列的指标 id。
    Indicator id of this column."""
    period: Text
    """本列的期间 id，带引号，如 "2021"。
    Period id of this column, quoted, e.g. "2021"."""
    header: Text
    """公报中的列标题，照录。
    The column's header as printed in the gazette."""


class StatedTotal(Strict):
    label: Text
    """公报中合计行的名称，如 合计、吕梁市。
    The total row's label in the gazette, e.g. 合计 or 吕梁市."""
    values: list[CellIn]
    """公报所列的合计，每列一个（没有写 null）；照录，不重新计算。
    The totals as stated, one per column (null if none); never recomputed."""


class Table(Strict):
    id: str
    """表的 id。
    Table id."""
    ref: Text
    """表在文件中的位置，如 附件 ……任务分解表。
    Where the table is in the document, e.g. the annex's title."""
    columns: list[Column] = Field(min_length=1)
    """各列：一个指标和一个期间，顺序与每行的数值相同。
    Columns: an indicator and a period each, in the order of each row's values."""
    rows: dict[str, list[CellIn]] = Field(min_length=1)
    """各行 —— 县名（或别名）: [每列一个数值]。
    Rows — county name (or alias): [one value per column]."""
    stated_total: StatedTotal | None = None
    """公报所列的合计行（可选）。
    The total row as stated in the gazette (optional)."""
    source: Source | None = None  # when the table is not from the file's document (e.g. an analyst's entry)
    """本表的出处，若不是本文件的公文（如分析员录入）。
    This table's source, when not the file's document (e.g. an analyst's entry)."""


class Figure(Strict):
    id: str
    """数字的 id，文件内唯一；检查中写 figure:<id>。
    Figure id, unique in the file; checks refer to it as figure:<id>."""
    indicator: Text
    """指标 id。
    Indicator id."""
    period: Text
    """期间 id，带引号，如 "2021"。
    Period id, quoted, e.g. "2021"."""
    value: CellIn
    """数值。
    The value."""
    county: Text | None = None  # None: the whole city (the unit with kind: city)
    """所属单位；不写表示全市（kind: city 的单位）。
    The unit it is for; absent means the whole city (the unit with kind: city)."""
    ref: Text
    """在文件中的位置（章节）。
    Where in the document (the section)."""
    quote: Text
    """文件原文。
    The document's words, quoted."""
    scope: str | None = None
    """适用对象，如 每支专业队伍（可选）。
    What it applies to, e.g. 每支专业队伍 (optional)."""
    completed: bool = False  # a figure of work already done (e.g. 2020 已完成), not a target
    """true：已完成的工作量（如 2020 年已完成），不是目标。
    true: work already done (e.g. done in 2020), not a target."""
    source: Source | None = None
    """本数字的出处，若不是本文件的公文。
    This figure's source, when not the file's document."""


class Deadline(Strict):
    id: str
    """时限的 id。
    Deadline id."""
    zh: Text
    """事项（中文）。
    The task, in Chinese."""
    en: Text
    """事项（英文）。
    The task, in English."""
    date: IsoDate
    """截止日期，写成带引号的 "YYYY-MM-DD"。
    Due date, written "YYYY-MM-DD" in quotes."""
    indicator: Text | None = None
    """此时限所限定的目标的指标 id（可选，与 period 一起写：该目标的到期日提前到 date）。
    The indicator of the target this deadline applies to (optional, with period: that target is due on date)."""
    period: Text | None = None
    """此时限所限定的目标的期间 id（可选，与 indicator 一起写）。
    The period of the target this deadline applies to (optional, with indicator)."""
    ref: Text
    """在文件中的位置（章节）。
    Where in the document (the section)."""
    quote: Text
    """文件原文。
    The document's words, quoted."""


class Check(Strict):
    id: str
    """检查的 id。
    Check id."""
    zh: Text
    """检查名称（中文）。
    Name of the check in Chinese."""
    en: Text
    """检查名称（英文）。
    Name of the check in English."""
    left: Refs
    """一边：figure:<id>、total:<指标>@<期间> 或 sum:<指标>@<期间>，多项相加。
    One side: figure:<id>, total:<indicator>@<period> or sum:<indicator>@<period>; several are added up."""
    right: Refs
    """另一边，写法同 left。
    The other side, written as left."""


class StandardItem(Strict):
    id: str
    """条目 id。
    Item id."""
    zh: Text
    """名称（中文）。
    Name in Chinese."""
    en: Text
    """名称（英文）。
    Name in English."""
    unit: Text
    """单位：units 中的一个 id。
    Unit: an id under units."""
    qty: CellIn | None
    """数量（数值的各种写法都可以；null 表示公报未给）。
    Quantity (any form of value; null when the gazette gives none)."""
    per_persons: int | None = Field(default=None, ge=1)
    """每 N 人配 qty（规划时向上取整）；不写表示每队。
    qty per N people (rounded up when planning); absent means per team."""
    note: str | None = None
    """备注（可选）。
    Note (optional)."""


class EquipmentGroup(Strict):
    team: Literal["professional", "semi_professional"]
    """队伍类别：professional 专业、semi_professional 半专业。
    Kind of team: professional or semi_professional."""
    zh: Text
    """组名（中文）。
    Group name in Chinese."""
    en: Text
    """组名（英文）。
    Group name in English."""
    note: str | None = None
    """备注（可选）。
    Note (optional)."""
    items: list[StandardItem] = Field(min_length=1)
    """装备条目，至少一项。
    Equipment items; at least one."""


class Standards(Strict):
    ref: Text
    """标准在文件中的位置，如 附件 ……参考标准。
    Where the standard is in the document, e.g. the annex's title."""
    barracks: list[StandardItem] = []
    """营房与场地。
    Barracks and grounds."""
    barracks_notes: list[str] = []
    """营房的文字说明。
    Notes on barracks, as text."""
    equipment: list[EquipmentGroup] = []
    """各类队伍的装备。
    Equipment by kind of team."""


class DataFile(Strict):
    theme: Text
    """主题 id，与 config.yaml 中指向本文件的主题相同。
    Theme id: the theme in config.yaml that names this file."""
    source: Source
    """本文件数字出自的文件。
    The document this file's numbers come from."""
    tables: list[Table] = []
    """表格，如附件的分县任务表。
    Tables, e.g. an annex's targets by county."""
    figures: list[Figure] = []
    """正文中的单个数字。
    Single numbers stated in the text."""
    deadlines: list[Deadline] = []
    """时限。
    Deadlines."""
    checks: list[Check] = []
    """一致性检查：比较文件中两处的数字。
    Consistency checks: compare numbers from two places in the document."""
    standards: Standards | None = None
    """配备标准（可选）。
    Equipment standards (optional)."""
    revisions: list[Revision] = []
    """后续文件对某县目标的调整：原目标保留，自 effective 起按新目标判断进度。
    Later documents' changes of a county's target: the original is kept; the new one counts from effective on."""
