"""Pydantic models of config.yaml: one model per concept.

Cross-references (a theme's card naming one of its indicators, a slide naming a page) are checked in
`targets/inputs/refs.py`, because they need the whole file.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from targets.core.messages import Invalid, msg
from targets.schema.progress import ProgressRule, Tracking

from targets.schema.types import Adcode, Colour, Format, Id, IsoDate, Strict, Text, UnitMax


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
    color: Colour
    """图表中的颜色，写成带引号的 "#RRGGBB"。
    Colour in charts, written "#RRGGBB" in quotes."""
    on_map: bool
    """是否画在地图上（有边界的县写 true）。
    Whether the unit is drawn on the map (true for units with a boundary)."""
    # The administrative-division code: the map joins on it, so renaming a county never breaks a chart.
    adcode: Adcode | None = None
    """行政区划代码，带引号的六位数字，如 "141124"；地图按它连接县界，改名不影响地图。
    Administrative-division code, six digits in quotes, e.g. "141124"; maps join on it, so a rename never breaks them."""
    aliases: list[Text] = []
    """别名：数据文件里也可以用的名称，如 交城。
    Other names data files may use, e.g. the short form 交城."""


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
    start: IsoDate | None = None
    """第一天，写成带引号的 "YYYY-MM-DD"（判断进度用；年份如 "2021" 或 "2020-2023" 可不写，即整年）。
    First day, "YYYY-MM-DD" in quotes (for progress; a year such as "2021" or a span "2020-2023" may omit it)."""
    end: IsoDate | None = None
    """最后一天，写成带引号的 "YYYY-MM-DD"；与 start 一起写。
    Last day, "YYYY-MM-DD" in quotes; give it with start."""

    @model_validator(mode="after")
    def dates_in_order(self) -> "Period":
        if (self.start is None) != (self.end is None):
            raise Invalid(msg("period_half_dated", given="start" if self.start else "end"))
        if self.start and self.end and self.end < self.start:
            raise Invalid(msg("period_end_before_start", start=self.start, end=self.end))
        return self


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
    max: UnitMax | None = None  # largest value allowed in this unit; DEFAULT_MAX_VALUE when not given
    """该单位允许的最大值（防止笔误，如多写了几个 0）；不写时为 1e12。
    Largest value allowed in this unit (catches typos such as extra zeros); 1e12 when not given."""


class Indicator(Strict):
    id: Id
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
    format: Format = "g"
    """数字格式（Python 格式），如 ".2f"、",.0f"、"g"。
    Number format (a Python format spec), e.g. ".2f", ",.0f" or "g"."""
    progress: ProgressRule | None = None
    """如何判断完成进度：{kind: flow}、level、at_least 或 at_most（可选；不写则没有进度视图）。
    How progress is judged: {kind: flow}, level, at_least or at_most (optional; without it, no progress view)."""


class Card(Strict):
    """The overview card's headline: one whole-city figure of the theme (its main target)."""

    indicator: Text
    """总览卡片显示的指标 id（取全市数字）。
    Indicator id the overview card shows (its whole-city figure)."""
    period: Text | None = None
    """期间 id（可选；不写则不限期间）。
    Period id (optional; absent means any period)."""


class Theme(Strict):
    id: Id
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
    view: Literal["targets", "progress"] | None = None
    """专题页显示目标（targets）还是完成进度（progress）。
    A theme page's view: its targets, or how they are going (progress)."""
    as_of: IsoDate | None = None
    """进度视图的截至日期，写成带引号的 "YYYY-MM-DD"（进度页或 view: progress 的专题页）。
    The as-of date of a progress view, "YYYY-MM-DD" in quotes (the progress page, or a theme page in progress view)."""


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
    tracking: Tracking = Tracking()
    """完成情况报送：文件夹与判断阈值（可选）。
    Completion reports: their folder and the pace thresholds (optional)."""

