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
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, field_validator, model_validator

_ID = re.compile(r"[a-z][a-z0-9_]*")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# ---- values ---------------------------------------------------------------------------

Comparator = Literal["eq", "ge", "le", "range", "approx"]
Status = Literal["value", "no_task", "blank"]

_CELL_HELP = "a number, '-' (no task that year), null (blank in the gazette), {at_least: N}, {at_most: N}, {about: N} or {range: [low, high]}"


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
        raise ValueError(f"got the boolean {raw}; expected a number")
    if isinstance(raw, str):
        try:
            float(raw.replace(",", ""))
        except ValueError:
            raise ValueError(f"got text '{raw}'; expected {_CELL_HELP}") from None
        raise ValueError(f"got text '{raw}', a number written as text; remove the quotes")
    if not isinstance(raw, (int, float)) or isinstance(raw, bool):
        raise ValueError(f"got {type(raw).__name__} {raw!r}; expected {_CELL_HELP}")
    if not math.isfinite(raw):
        raise ValueError(f"got {raw}; expected a finite number")
    if raw < 0:
        raise ValueError(f"got the negative value {raw}; targets are never negative: check the sign")
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
            raise ValueError(f"got {raw!r}; expected one of at_least, at_most, about or range")
        (kind, inner), = raw.items()
        if kind == "range":
            if not isinstance(inner, list) or len(inner) != 2:
                raise ValueError(f"range needs [low, high], got {inner!r}")
            low, high = _number(inner[0]), _number(inner[1])
            if low > high:
                raise ValueError(f"range [{inner[0]}, {inner[1]}] has low above high; write [low, high]")
            return Cell(value=low, upper=high, comparator="range")
        comparators = {"at_least": "ge", "at_most": "le", "about": "approx"}
        if kind not in comparators:
            raise ValueError(f"unknown key '{kind}'; expected at_least, at_most, about or range")
        return Cell(value=_number(inner), comparator=comparators[kind])
    return Cell(value=_number(raw))


# PlainValidator: parse_cell is the whole validation of a cell; pydantic adds nothing per cell.
CellIn = Annotated[Cell, PlainValidator(parse_cell)]


def _is_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise ValueError(f"'{value}' is not a valid id; use lower-case letters, digits and _ (e.g. sown_area)")
    return value


def _is_iso_date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a date; write it as \"YYYY-MM-DD\" in quotes") from None
    return value


Text = Annotated[str, Field(min_length=1)]


def _is_adcode(value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"\d{6}", value):
        raise ValueError(f"'{value}' is not an administrative-division code; write its six digits in quotes, e.g. \"141124\"")
    return value


# ---- config.yaml ----------------------------------------------------------------------


class Bilingual(Strict):
    zh: Text
    en: Text


class County(Strict):
    """A unit that targets are set for. `kind: city` marks the whole city (its totals); exactly one unit has it."""

    name: Text
    en: Text
    kind: Literal["county", "city_level", "new_district", "city"]
    order: int
    color: str
    on_map: bool
    # The administrative-division code: the map joins on it, so renaming a county never breaks a chart.
    adcode: str | None = None
    aliases: list[Text] = []

    @field_validator("adcode")
    @classmethod
    def adcode_is_six_digits(cls, v: str | None) -> str | None:
        return _is_adcode(v)

    @field_validator("color")
    @classmethod
    def color_is_hex(cls, v: str) -> str:
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", v):
            raise ValueError(f"'{v}' is not a colour; write it as \"#RRGGBB\" in quotes")
        return v


class Period(Strict):
    id: Text
    zh: Text
    en: Text


class Unit(Strict):
    id: Text
    en: Text
    # false for rates and times (%, minutes, yuan/mu): adding them up across counties means nothing.
    summable: bool = True


class Indicator(Strict):
    id: str
    zh: Text
    en: Text
    unit: Text
    format: str = "g"

    @field_validator("id")
    @classmethod
    def id_is_identifier(cls, v: str) -> str:
        return _is_id(v)

    @field_validator("format")
    @classmethod
    def format_is_valid(cls, v: str) -> str:
        try:
            format(1234.5, v)
        except ValueError:
            raise ValueError(f"'{v}' is not a number format; use a Python format spec such as \".2f\" or \",.0f\"") from None
        return v


class Card(Strict):
    """The overview card's headline: one whole-city figure of the theme (its main target)."""

    indicator: Text
    period: Text | None = None


class Theme(Strict):
    id: str
    zh: Text
    en: Text
    file: Text
    indicators: list[Indicator] = Field(min_length=1)
    card: Card | None = None

    @field_validator("id")
    @classmethod
    def id_is_identifier(cls, v: str) -> str:
        return _is_id(v)


SlideChart = Literal["ranked", "map", "periods", "progress", "city"]


class Slide(Strict):
    """One step of the scripted presentation: a page, its filters, a highlighted county and a caption.

    Layout rules, so a slide fits a 1280×720 screen share: `charts` names the one or two charts a theme slide
    shows side by side (default: ranked bars and the map); `top` keeps the largest N units of the ranked bars
    (the highlighted county always stays) or the first N rows of a compare or profile chart.
    """

    page: Text
    caption: Bilingual
    theme: str | None = None
    indicator: str | None = None
    period: str | None = None
    county: str | None = None
    counties: list[str] = []
    mode: Literal["raw", "share", "rank"] | None = None
    charts: list[SlideChart] = []
    top: Annotated[int, Field(ge=1)] | None = None


class GoalRef(Strict):
    indicator: Text
    period: Text


class Progress(Strict):
    """A year-by-year animation: a city value accumulated over the years, against a goal or yearly targets."""

    theme: Text
    zh: Text
    en: Text
    cumulative: Text
    goal: GoalRef | None = None
    targets: str | None = None


class Display(Strict):
    default_language: Literal["zh", "en"] = "zh"
    default_indicator: dict[str, str] = {}


class NavSection(Strict):
    """A group of pages in the navigation. `themes` in `pages` stands for every theme, in config order."""

    zh: str = ""
    en: str = ""
    pages: list[Text] = Field(min_length=1)


class MapSpec(Strict):
    """The county boundaries the maps draw; counties join them on `adcode`."""

    boundaries: Text = "data/geo/lvliang_counties.geojson"


class PlannerSpec(Strict):
    """The equipment planner: the theme whose data file holds `standards:`, and its team-size indicators."""

    theme: Text
    team_size: Text
    township_size: Text | None = None


class Config(Strict):
    title: Bilingual
    gazette: Bilingual
    counties: list[County] = Field(min_length=1)
    periods: list[Period] = Field(min_length=1)
    units: list[Unit] = Field(min_length=1)
    themes: list[Theme] = Field(min_length=1)
    display: Display = Display()
    navigation: list[NavSection] = []
    map: MapSpec = MapSpec()
    planner: PlannerSpec | None = None
    presentation: list[Slide] = []
    progress: list[Progress] = []


# ---- data files -----------------------------------------------------------------------


class Source(Strict):
    """A document (doc_number, title, issued) or an analyst's entry (entered_by, entered_on, note)."""

    doc_number: Text | None = None
    title: Text | None = None
    issued: str | None = None
    gazette: Text | None = None
    entered_by: Text | None = None
    entered_on: str | None = None
    note: Text | None = None

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
        raise ValueError("give either a document (doc_number, title, issued) or an analyst's entry (entered_by, "
                         "entered_on), not both")
    keys = doc if has_doc or not has_analyst else analyst
    missing = [k for k, v in keys.items() if v is None]
    if missing:
        kind = "a document source" if keys is doc else "an analyst's entry"
        raise ValueError(f"missing {', '.join(missing)}; {kind} needs {', '.join(keys)}")
    return src


class Column(Strict):
    indicator: Text
    period: Text
    header: Text


class StatedTotal(Strict):
    label: Text
    values: list[CellIn]


class Table(Strict):
    id: str
    ref: Text
    columns: list[Column] = Field(min_length=1)
    rows: dict[str, list[CellIn]] = Field(min_length=1)
    stated_total: StatedTotal | None = None
    source: Source | None = None  # when the table is not from the file's document (e.g. an analyst's entry)


class Figure(Strict):
    id: str
    indicator: Text
    period: Text
    value: CellIn
    county: Text | None = None  # None: the whole city (the unit with kind: city)
    ref: Text
    quote: Text
    scope: str | None = None
    completed: bool = False  # a figure of work already done (e.g. 2020 已完成), not a target
    source: Source | None = None


class Deadline(Strict):
    id: str
    zh: Text
    en: Text
    date: str
    ref: Text
    quote: Text

    @field_validator("date")
    @classmethod
    def date_is_date(cls, v: str) -> str:
        return _is_iso_date(v)


_REF = re.compile(r"(figure:[a-z0-9_]+|(total|sum):[a-z0-9_]+@[\w-]+)")


def _check_refs(refs: list[str]) -> list[str]:
    for r in refs:
        if not _REF.fullmatch(r):
            raise ValueError(f"'{r}' is not a reference; write figure:<id>, total:<indicator>@<period> or sum:<indicator>@<period>")
    return refs


class Check(Strict):
    id: str
    zh: Text
    en: Text
    left: list[str] = Field(min_length=1)
    right: list[str] = Field(min_length=1)

    @field_validator("left", "right")
    @classmethod
    def refs_are_well_formed(cls, v: list[str]) -> list[str]:
        return _check_refs(v)


class StandardItem(Strict):
    id: str
    zh: Text
    en: Text
    unit: Text
    qty: CellIn | None
    per_persons: int | None = Field(default=None, ge=1)
    note: str | None = None


class EquipmentGroup(Strict):
    team: Literal["professional", "semi_professional"]
    zh: Text
    en: Text
    note: str | None = None
    items: list[StandardItem] = Field(min_length=1)


class Standards(Strict):
    ref: Text
    barracks: list[StandardItem] = []
    barracks_notes: list[str] = []
    equipment: list[EquipmentGroup] = []


class DataFile(Strict):
    theme: Text
    source: Source
    tables: list[Table] = []
    figures: list[Figure] = []
    deadlines: list[Deadline] = []
    checks: list[Check] = []
    standards: Standards | None = None
