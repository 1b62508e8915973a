"""Pydantic models of config.yaml and the data files: one model per concept.

Structure and value checks live here as named validators. Cross-references
(an indicator or county named in a data file must exist in config.yaml) are
checked in `refs.py`, because they need both files at once.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, WithJsonSchema, field_validator,
                      model_validator)

from targets.core.quote import show
from targets.core.messages import Invalid, Names, kind_of, msg, near

_ID = re.compile(r"[a-z][a-z0-9_]*")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")

# Values are at most this large unless config.yaml raises it for a unit (`units: - {id: 元, en: yuan, max: 1e14}`);
# past it a value is a typo that would only print a huge label. The YAML reader refuses anything from 1e15 on.
DEFAULT_MAX_VALUE = 1e12
MAX_UNIT_MAX = 1e15

# [width][,][.precision]type: what a label needs. Width and precision are bounded because Python's format
# builds the whole padded string first: "100000000.2f" asks for a 100-million-character label per value.
_FORMAT = re.compile(r"(?P<width>[0-9]+)?,?(?:\.(?P<precision>[0-9]+))?[fge%]")
MAX_FORMAT_WIDTH = 20


class Strict(BaseModel):
    # use_attribute_docstrings: the string under a field is its description, the hover text of the
    # editor schemas (targets/jsonschema.py); Chinese line first, then English. Validation ignores it.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)


# ---- values ---------------------------------------------------------------------------

Comparator = Literal["eq", "ge", "le", "range", "approx"]
Status = Literal["value", "no_task", "blank"]


@dataclass(frozen=True, slots=True)
class Cell:
    """One value as the gazette states it: exact, at least, at most, about, a range, '-' or blank.

    A plain dataclass, built only by `parse_cell` (which checks every form): a
    national table has ~850k cells, and a pydantic model per cell costs seconds.
    """

    value: float | None = None
    upper: float | None = None
    comparator: Comparator = "eq"
    status: Status = "value"


def _number(raw: object) -> float:
    if isinstance(raw, bool):
        raise Invalid(msg("cell_boolean", value=show(raw)))
    if isinstance(raw, str):
        try:
            float(raw.replace(",", ""))
        except ValueError:
            raise Invalid(msg("cell_text", value=show(raw), help=msg("cell_help"))) from None
        raise Invalid(msg("cell_number_as_text", value=show(raw)))
    if not isinstance(raw, (int, float)) or isinstance(raw, bool):
        raise Invalid(msg("cell_not_a_value", kind=kind_of(raw), value=show(raw), help=msg("cell_help")))
    if not math.isfinite(raw):
        raise Invalid(msg("cell_not_finite", value=show(raw)))
    if raw < 0:
        raise Invalid(msg("cell_negative", value=raw))
    return float(raw)


def parse_cell(raw: object) -> Cell:
    """Read a cell as written in YAML. Named so the error says exactly which forms are allowed."""
    if isinstance(raw, Cell):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 0 <= raw < math.inf:
        return Cell(value=float(raw))  # the common case first
    if raw is None:
        return Cell(status="blank")
    if raw == "-":
        return Cell(status="no_task")
    if isinstance(raw, dict):
        if len(raw) != 1:
            raise Invalid(msg("cell_one_key", value=show(raw)))
        (kind, inner), = raw.items()
        if kind == "range":
            if not isinstance(inner, list) or len(inner) != 2:
                raise Invalid(msg("cell_range_shape", value=show(inner)))
            low, high = _number(inner[0]), _number(inner[1])
            if low > high:
                raise Invalid(msg("cell_range_reversed", value=show(inner)))
            return Cell(value=low, upper=high, comparator="range")
        comparators = {"at_least": "ge", "at_most": "le", "about": "approx"}
        if kind not in comparators:
            raise Invalid(msg("cell_unknown_key", key=show(kind), near=near(kind, comparators)))
        return Cell(value=_number(inner), comparator=comparators[kind])
    return Cell(value=_number(raw))


def hover_text(zh: str, en: str) -> str:
    """Hover text of the editor schemas: Chinese line first, then English (the form of the field docstrings)."""
    return f"{zh}\n{en}"


_AMOUNT = {"type": "number", "minimum": 0, "description": hover_text("不小于 0 的数字。", "A number, 0 or more.")}


def _one_key(key: str, value: dict, zh: str, en: str) -> dict:
    return {"type": "object", "properties": {key: value}, "required": [key], "additionalProperties": False,
            "description": hover_text(zh, en)}


# What parse_cell accepts, for editors only (a JSON Schema cannot say low <= high; parse_cell still does).
CELL_JSON_SCHEMA = {
    "description": hover_text(
        "数值：数字；\"-\"（当年无任务）；null（公报中空白）；{at_least: N} 不少于；{at_most: N} 不超过；"
        "{about: N} 约；{range: [低, 高]} 范围。",
        "A value: a number, \"-\" (no task that year), null (blank in the gazette), {at_least: N}, {at_most: N}, "
        "{about: N} or {range: [low, high]}."),
    "anyOf": [
        _AMOUNT,
        {"type": "string", "enum": ["-"], "description": hover_text("\"-\"：当年无任务（不同于 0）。", "\"-\": no task that year (not 0).")},
        {"type": "null", "description": hover_text("null：公报中空白。", "null: blank in the gazette.")},
        _one_key("at_least", _AMOUNT, "不少于 N（“以上”）。", "At least N."),
        _one_key("at_most", _AMOUNT, "不超过 N（“以内”）。", "At most N."),
        _one_key("about", _AMOUNT, "约 N。", "About N."),
        _one_key("range", {"type": "array", "items": _AMOUNT, "minItems": 2, "maxItems": 2,
                           "description": hover_text("[低, 高]", "[low, high]")},
                 "范围 [低, 高]，如 [3, 5]。", "A range [low, high], e.g. [3, 5]."),
    ],
}

# PlainValidator: parse_cell is the whole validation of a cell; pydantic adds nothing per cell.
# WithJsonSchema only describes it to editors.
def cell_as_written(cell: Cell) -> object:
    """A cell back in the form an analyst writes it, so a dumped model validates again (the snapshot cache)."""
    if cell.status == "no_task":
        return "-"
    if cell.status == "blank":
        return None
    if cell.comparator == "range":
        return {"range": [cell.value, cell.upper]}
    key = {"ge": "at_least", "le": "at_most", "approx": "about"}.get(cell.comparator)
    return {key: cell.value} if key else cell.value


CellIn = Annotated[Cell, PlainValidator(parse_cell), PlainSerializer(cell_as_written), WithJsonSchema(CELL_JSON_SCHEMA)]


def _is_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise Invalid(msg("bad_id", value=show(value)))
    return value


def _is_iso_date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise Invalid(msg("bad_date", value=show(value))) from None
    return value


Text = Annotated[str, Field(min_length=1)]


# Schema-only metadata for editors: json_schema_extra changes no validation; the named
# validators stay the only checks, and these patterns accept everything they accept.
# patternErrorMessage is the Red Hat YAML extension's message for a value that does not match.
def _editor_pattern(pattern: str, zh: str, en: str, **extra: str) -> Any:
    return Field(json_schema_extra={"pattern": pattern, "patternErrorMessage": hover_text(zh, en), **extra})


IdText = Annotated[str, _editor_pattern(f"^{_ID.pattern}$", "id 只用小写字母、数字和 _，以字母开头，如 sown_area。",
                                        "Use lower-case letters, digits and _, starting with a letter (e.g. sown_area).")]
ColourText = Annotated[str, _editor_pattern(f"^{_COLOUR.pattern}$", "颜色写成带引号的 \"#RRGGBB\"。",
                                            "Write the colour as \"#RRGGBB\" in quotes.")]
DateText = Annotated[str, _editor_pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "日期写成带引号的 \"YYYY-MM-DD\"。",
                                          "Write the date as \"YYYY-MM-DD\" in quotes.", format="date")]
AdcodeText = Annotated[str, _editor_pattern("^[0-9]{6}$", "行政区划代码：带引号的六位数字，如 \"141124\"。",
                                            "Administrative-division code: six digits in quotes, e.g. \"141124\".")]


def _is_adcode(value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"\d{6}", value):
        raise Invalid(msg("bad_adcode", value=show(value)))
    return value


# ---- config.yaml ----------------------------------------------------------------------


class Bilingual(Strict):
    zh: Text
    """中文。
    Chinese text."""
    en: Text
    """英文。
    English text."""


class County(Strict):
    """A unit that targets are set for. `kind: city` marks the whole city (its totals); exactly one unit has it."""

    name: Text
    """县（市、区）的正式名称，各页面和数据文件都用它，如 交城县。
    The unit's official name, used on every page and in data files, e.g. 交城县."""
    en: Text
    """英文名称。
    Name in English."""
    kind: Literal["county", "city_level", "new_district", "city"]
    """类别：county 县（市、区）、city_level 市级、new_district 新区、city 全市。
    Kind: county, city_level (市级), new_district (新区) or city (全市, the whole city)."""
    order: int
    """显示顺序，小的在前。
    Display order, smallest first."""
    color: ColourText
    """图表中的颜色，写成带引号的 "#RRGGBB"。
    Colour in charts, written "#RRGGBB" in quotes."""
    on_map: bool
    """是否画在地图上（有边界的县写 true）。
    Whether the unit is drawn on the map (true for units with a boundary)."""
    # The administrative-division code: the map joins on it, so renaming a county never breaks a chart.
    adcode: AdcodeText | None = None
    """行政区划代码，带引号的六位数字，如 "141124"；地图按它连接县界，改名不影响地图。
    Administrative-division code, six digits in quotes, e.g. "141124"; maps join on it, so a rename never breaks them."""
    aliases: list[Text] = []
    """别名：数据文件里也可以用的名称，如 交城。
    Other names data files may use, e.g. the short form 交城."""

    @field_validator("adcode")
    @classmethod
    def adcode_is_six_digits(cls, v: str | None) -> str | None:
        return _is_adcode(v)

    @field_validator("color")
    @classmethod
    def color_is_hex(cls, v: str) -> str:
        if not _COLOUR.fullmatch(v):
            raise Invalid(msg("bad_colour", value=show(v)))
        return v


class Period(Strict):
    id: Text
    """期间 id，数据文件用它，写成带引号的文字："2021"、"2020-2023" 或 overall。
    Period id used in data files, as quoted text: "2021", "2020-2023" or overall."""
    zh: Text
    """中文名称，如 2021年。
    Label in Chinese, e.g. 2021年."""
    en: Text
    """英文名称。
    Label in English."""


class Unit(Strict):
    id: Text
    """计量单位，按中文写法，如 万亩；指标的 unit 引用它。
    Unit of measure as written in Chinese, e.g. 万亩; an indicator's unit names it."""
    en: Text
    """单位的英文写法。
    The unit in English."""
    # false for rates and times (%, minutes, yuan/mu): adding them up across counties means nothing.
    summable: bool = True
    """各县数值能否相加；比率和时间（%、分钟、元/亩）写 false。
    Whether values add up across counties; false for rates and times (%, minutes, yuan/mu)."""
    max: float | None = None  # largest value allowed in this unit; DEFAULT_MAX_VALUE when not given
    """该单位允许的最大值（防止笔误，如多写了几个 0）；不写时为 1e12。
    Largest value allowed in this unit (catches typos such as extra zeros); 1e12 when not given."""

    @field_validator("max")
    @classmethod
    def max_is_sensible(cls, v: float | None) -> float | None:
        if v is not None and not (0 < v <= MAX_UNIT_MAX):
            raise Invalid(msg("bad_unit_max", value=v, max=MAX_UNIT_MAX))
        return v


class Indicator(Strict):
    id: IdText
    """指标 id：小写字母、数字和 _，如 sown_area；数据文件用它。
    Indicator id: lower-case letters, digits and _, e.g. sown_area; data files use it."""
    zh: Text
    """指标的中文名称。
    Name of the indicator in Chinese."""
    en: Text
    """指标的英文名称。
    Name of the indicator in English."""
    unit: Text
    """单位：units 中的一个 id，如 万亩。
    Unit: an id under units, e.g. 万亩."""
    format: str = "g"
    """数字格式（Python 格式），如 ".2f"、",.0f"、"g"。
    Number format (a Python format spec), e.g. ".2f", ",.0f" or "g"."""

    @field_validator("id")
    @classmethod
    def id_is_identifier(cls, v: str) -> str:
        return _is_id(v)

    @field_validator("format")
    @classmethod
    def format_is_valid(cls, v: str) -> str:
        m = _FORMAT.fullmatch(v)
        if m is None or int(m["width"] or 0) > MAX_FORMAT_WIDTH or int(m["precision"] or 0) > MAX_FORMAT_WIDTH:
            raise Invalid(msg("bad_format", value=show(v), max=MAX_FORMAT_WIDTH))
        return v


class Card(Strict):
    """The overview card's headline: one whole-city figure of the theme (its main target)."""

    indicator: Text
    """总览卡片显示的指标 id（取全市数字）。
    Indicator id the overview card shows (its whole-city figure)."""
    period: Text | None = None
    """期间 id（可选；不写则不限期间）。
    Period id (optional; absent means any period)."""


class Theme(Strict):
    id: IdText
    """主题 id：小写字母、数字和 _，如 grain；也是页面的网址。
    Theme id: lower-case letters, digits and _, e.g. grain; also the page's address."""
    zh: Text
    """主题的中文名称（页面标题）。
    Name of the theme in Chinese (the page title)."""
    en: Text
    """主题的英文名称。
    Name of the theme in English."""
    file: Text
    """本主题的数据文件，相对于 config.yaml，如 data/grain.yaml。
    The theme's data file, relative to config.yaml, e.g. data/grain.yaml."""
    indicators: list[Indicator] = Field(min_length=1)
    """本主题的指标，至少一个。
    The theme's indicators; at least one."""
    card: Card | None = None
    """总览页上本主题卡片的主要数字（可选）。
    The headline figure of the theme's overview card (optional)."""

    @field_validator("id")
    @classmethod
    def id_is_identifier(cls, v: str) -> str:
        return _is_id(v)


# The chart kinds a theme page draws and a slide may name: named here once; targets/charts/registry.py maps each
# kind to its chart function and the theme page draws by them (a test keeps the two sets equal).
CHART_KINDS = ("ranked", "map", "periods", "progress", "city")
SlideChart = Literal[CHART_KINDS]


class Slide(Strict):
    """One step of the scripted presentation: a page, its filters, a highlighted county and a caption.

    Layout rules, so a slide fits a 1280×720 screen share: `charts` names the one or two charts a theme slide
    shows side by side (default: ranked bars and the map); `top` keeps the largest N units of the ranked bars
    (the highlighted county always stays) or the first N rows of a compare or profile chart.
    """

    page: Text
    """页面：overview、主题 id（如 grain）、compare、profile、data、quality 或 planner。
    Page: overview, a theme id (e.g. grain), compare, profile, data, quality or planner."""
    caption: Bilingual
    """这一步的说明文字。
    Caption of this step."""
    theme: str | None = None
    """打开的主题 id（可选）。
    Theme id to open (optional)."""
    indicator: str | None = None
    """显示的指标 id（可选）。
    Indicator id to show (optional)."""
    period: str | None = None
    """显示的期间 id（可选）。
    Period id to show (optional)."""
    county: str | None = None
    """突出显示的县（可选）。
    County to highlight (optional)."""
    counties: list[str] = []
    """县域对比页选中的县。
    Counties selected on the comparison page."""
    mode: Literal["raw", "share", "rank"] | None = None
    """对比方式：raw 原值、share 占全市比重、rank 排名。
    Comparison mode: raw values, share of the city total, or rank."""
    charts: list[SlideChart] = []
    """主题页幻灯片并排显示的图（最多两个）：ranked 排序、map 地图、periods 分年度、progress 累计进度、city 全市分年度；默认 ranked 和 map。
    Charts a theme slide shows side by side (at most two): ranked, map, periods, progress, city; default ranked and map."""
    top: int | None = None
    """只显示前 N 个县（排序图，突出显示的县总保留）或前 N 行（县域对比、县域档案）。
    Show only the first N units (ranked bars; the highlighted county always stays) or rows (compare, profile)."""


class GoalRef(Strict):
    indicator: Text
    """总目标的指标 id。
    Indicator id of the goal."""
    period: Text
    """总目标的期间 id，如 "2020-2023"。
    Period id of the goal, e.g. "2020-2023"."""


class Progress(Strict):
    """A year-by-year animation: a city value accumulated over the years, against a goal or yearly targets."""

    theme: Text
    """显示在哪个主题页：主题 id。
    Theme page it appears on: a theme id."""
    zh: Text
    """标题（中文）。
    Title in Chinese."""
    en: Text
    """标题（英文）。
    Title in English."""
    cumulative: Text
    """逐年累计的指标 id。
    Indicator accumulated year by year."""
    goal: GoalRef | None = None
    """对照的总目标：指标与期间（可选）。
    Goal to compare against: an indicator and a period (optional)."""
    targets: str | None = None
    """对照的逐年目标：指标 id（可选）。
    Yearly targets to compare against: an indicator id (optional)."""


class Display(Strict):
    default_language: Literal["zh", "en"] = "zh"
    """默认界面语言：zh 或 en。
    Default interface language: zh or en."""
    default_indicator: dict[str, str] = {}
    """各主题页先显示的指标：主题 id: 指标 id。
    Indicator each theme page shows first: theme id: indicator id."""


class NavSection(Strict):
    """A group of pages in the navigation. `themes` in `pages` stands for every theme, in config order."""

    zh: str = ""
    """分组名称（中文，可以为空）。
    Group name in Chinese (may be empty)."""
    en: str = ""
    """分组名称（英文，可以为空）。
    Group name in English (may be empty)."""
    pages: list[Text] = Field(min_length=1)
    """本组的页面：overview、compare、profile、data、quality、planner；themes 表示全部主题，按配置顺序。
    Pages of this group: overview, compare, profile, data, quality, planner; themes stands for every theme, in config order."""


class MapSpec(Strict):
    """The county boundaries the maps draw; counties join them on `adcode`."""

    boundaries: Text = "data/geo/lvliang_counties.geojson"
    """县界文件（GeoJSON，含 properties.adcode），相对于 config.yaml。
    County boundaries (GeoJSON with properties.adcode), relative to config.yaml."""


class PlannerSpec(Strict):
    """The equipment planner: the theme whose data file holds `standards:`, and its team-size indicators."""

    theme: Text
    """数据文件含 standards: 的主题 id。
    Theme id whose data file holds standards:."""
    team_size: Text
    """各县专业队伍人数的指标 id。
    Indicator id of each county's professional team size."""
    township_size: Text | None = None
    """乡镇队伍人数的指标 id（可选）。
    Indicator id of a township team's size (optional)."""


class Config(Strict):
    title: Bilingual
    """看板标题。
    Title of the dashboard."""
    gazette: Bilingual
    """公报名称，用于引用。
    Name of the gazette, used in citations."""
    counties: list[County] = Field(min_length=1)
    """县级单位，按显示顺序。
    County-level units, in display order."""
    periods: list[Period] = Field(min_length=1)
    """期间：年份、时段，或 overall（没有年份的总体目标）。
    Periods: a year, a span, or overall (targets with no year)."""
    units: list[Unit] = Field(min_length=1)
    """计量单位。
    Units of measure."""
    themes: list[Theme] = Field(min_length=1)
    """主题：每个主题一个页面、一个数据文件。
    Themes: one page and one data file each."""
    display: Display = Display()
    """显示默认值。
    Display defaults."""
    navigation: list[NavSection] = []
    """导航：页面分组，按顺序。
    Navigation: groups of pages, in order."""
    map: MapSpec = MapSpec()
    """地图设置。
    Map settings."""
    planner: PlannerSpec | None = None
    """装备测算页的设置（可选）。
    Settings of the equipment planner (optional)."""
    presentation: list[Slide] = []
    """演示：按顺序播放的各步。
    The scripted presentation: its steps, in order."""
    progress: list[Progress] = []
    """主题页上的逐年进度动画。
    Year-by-year progress animations on theme pages."""


# ---- data files -----------------------------------------------------------------------


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
    issued: DateText | None = None
    """成文日期，写成带引号的 "YYYY-MM-DD"。
    Date issued, written "YYYY-MM-DD" in quotes."""
    gazette: Text | None = None
    """刊载该文件的公报，如 吕梁市人民政府公报 2021年第2期（可选）。
    The gazette issue that printed it (optional)."""
    entered_by: Text | None = None
    """分析员录入的数字：录入人；与 entered_on 一起写，不写文号。
    An analyst's entry: who entered it; give it with entered_on, and no doc_number."""
    entered_on: DateText | None = None
    """录入日期，写成带引号的 "YYYY-MM-DD"。
    Date entered, written "YYYY-MM-DD" in quotes."""
    note: Text | None = None
    """说明：数字从哪里来。
    Note: where the numbers come from."""

    @field_validator("issued", "entered_on")
    @classmethod
    def dates_are_dates(cls, v: str | None) -> str | None:
        return None if v is None else _is_iso_date(v)

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
    date: DateText
    """截止日期，写成带引号的 "YYYY-MM-DD"。
    Due date, written "YYYY-MM-DD" in quotes."""
    ref: Text
    """在文件中的位置（章节）。
    Where in the document (the section)."""
    quote: Text
    """文件原文。
    The document's words, quoted."""

    @field_validator("date")
    @classmethod
    def date_is_date(cls, v: str) -> str:
        return _is_iso_date(v)


_REF = re.compile(r"(figure:[a-z0-9_]+|(total|sum):[a-z0-9_]+@[\w-]+)")


# The same forms for editors; \w is ASCII-only in editors' (ECMAScript) patterns, so any non-ASCII
# character is let through there and left to _check_refs.
RefText = Annotated[str, _editor_pattern(r"^(figure:[a-z0-9_]+|(total|sum):[a-z0-9_]+@[\w\u0080-\uffff-]+)$",
                                         "写成 figure:<id>、total:<指标>@<期间> 或 sum:<指标>@<期间>。",
                                         "Write figure:<id>, total:<indicator>@<period> or sum:<indicator>@<period>.")]


def _check_refs(refs: list[str]) -> list[str]:
    for r in refs:
        if not _REF.fullmatch(r):
            raise Invalid(msg("bad_check_ref", value=show(r)))
    return refs


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
    left: list[RefText] = Field(min_length=1)
    """一边：figure:<id>、total:<指标>@<期间> 或 sum:<指标>@<期间>，多项相加。
    One side: figure:<id>, total:<indicator>@<period> or sum:<indicator>@<period>; several are added up."""
    right: list[RefText] = Field(min_length=1)
    """另一边，写法同 left。
    The other side, written as left."""

    @field_validator("left", "right")
    @classmethod
    def refs_are_well_formed(cls, v: list[str]) -> list[str]:
        return _check_refs(v)


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
