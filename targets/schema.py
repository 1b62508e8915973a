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

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, field_validator

from .errors import show

_ID = re.compile(r"[a-z][a-z0-9_]*")

# Values are at most this large unless config.yaml raises it for a unit (`units: - {id: 元, en: yuan, max: 1e14}`);
# past it a value is a typo that would only print a huge label. The YAML reader refuses anything from 1e15 on.
DEFAULT_MAX_VALUE = 1e12
MAX_UNIT_MAX = 1e15

# [width][,][.precision]type: what a label needs. Width and precision are bounded because Python's format
# builds the whole padded string first: "100000000.2f" asks for a 100-million-character label per value.
_FORMAT = re.compile(r"(?P<width>[0-9]+)?,?(?:\.(?P<precision>[0-9]+))?[fge%]")
MAX_FORMAT_WIDTH = 20


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
            raise ValueError(f"got text {show(raw)}; expected {_CELL_HELP}") from None
        raise ValueError(f"got text {show(raw)}, a number written as text; remove the quotes")
    if not isinstance(raw, (int, float)) or isinstance(raw, bool):
        raise ValueError(f"got {type(raw).__name__} {show(raw)}; expected {_CELL_HELP}")
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
            raise ValueError(f"got {show(raw)}; expected one of at_least, at_most, about or range")
        (kind, inner), = raw.items()
        if kind == "range":
            if not isinstance(inner, list) or len(inner) != 2:
                raise ValueError(f"range needs [low, high], got {show(inner)}")
            low, high = _number(inner[0]), _number(inner[1])
            if low > high:
                raise ValueError(f"range [{inner[0]}, {inner[1]}] has low above high; write [low, high]")
            return Cell(value=low, upper=high, comparator="range")
        comparators = {"at_least": "ge", "at_most": "le", "about": "approx"}
        if kind not in comparators:
            raise ValueError(f"unknown key {show(kind)}; expected at_least, at_most, about or range")
        return Cell(value=_number(inner), comparator=comparators[kind])
    return Cell(value=_number(raw))


# PlainValidator: parse_cell is the whole validation of a cell; pydantic adds nothing per cell.
CellIn = Annotated[Cell, PlainValidator(parse_cell)]


def _is_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise ValueError(f"{show(value)} is not a valid id; use lower-case letters, digits and _ (e.g. sown_area)")
    return value


def _is_iso_date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{show(value)} is not a date; write it as \"YYYY-MM-DD\" in quotes") from None
    return value


Text = Annotated[str, Field(min_length=1)]


# ---- config.yaml ----------------------------------------------------------------------


class Bilingual(Strict):
    zh: Text
    en: Text


class County(Strict):
    name: Text
    en: Text
    kind: Literal["county", "city_level", "new_district", "city"]
    order: int
    color: str
    on_map: bool
    aliases: list[Text] = []

    @field_validator("color")
    @classmethod
    def color_is_hex(cls, v: str) -> str:
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", v):
            raise ValueError(f"{show(v)} is not a colour; write it as \"#RRGGBB\" in quotes")
        return v


class Period(Strict):
    id: Text
    zh: Text
    en: Text


class Unit(Strict):
    id: Text
    en: Text
    max: float | None = None  # largest value allowed in this unit; DEFAULT_MAX_VALUE when not given

    @field_validator("max")
    @classmethod
    def max_is_sensible(cls, v: float | None) -> float | None:
        if v is not None and not (0 < v <= MAX_UNIT_MAX):
            raise ValueError(f"got {v:g}; expected a number above 0 and at most {MAX_UNIT_MAX:g}")
        return v


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
        m = _FORMAT.fullmatch(v)
        if m is None or int(m["width"] or 0) > MAX_FORMAT_WIDTH or int(m["precision"] or 0) > MAX_FORMAT_WIDTH:
            raise ValueError(f"{show(v)} is not an allowed number format; write [width][,][.precision] and one of "
                             f"f, g, e or %, with width and precision at most {MAX_FORMAT_WIDTH} "
                             "(e.g. \".2f\", \",.0f\" or \"g\")")
        return v


class Theme(Strict):
    id: str
    zh: Text
    en: Text
    file: Text
    indicators: list[Indicator] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def id_is_identifier(cls, v: str) -> str:
        return _is_id(v)


class Slide(Strict):
    """One step of the scripted presentation: a page, its filters, a highlighted county and a caption."""

    page: Text
    caption: Bilingual
    theme: str | None = None
    indicator: str | None = None
    period: str | None = None
    county: str | None = None
    counties: list[str] = []
    mode: Literal["raw", "share", "rank"] | None = None


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


class Config(Strict):
    title: Bilingual
    gazette: Bilingual
    counties: list[County] = Field(min_length=1)
    periods: list[Period] = Field(min_length=1)
    units: list[Unit] = Field(min_length=1)
    themes: list[Theme] = Field(min_length=1)
    display: Display = Display()
    presentation: list[Slide] = []
    progress: list[Progress] = []


# ---- data files -----------------------------------------------------------------------


class Source(Strict):
    doc_number: Text
    title: Text
    issued: str
    gazette: Text

    @field_validator("issued")
    @classmethod
    def issued_is_date(cls, v: str) -> str:
        return _is_iso_date(v)


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


class Figure(Strict):
    id: str
    indicator: Text
    period: Text
    value: CellIn
    county: Text = "全市"
    ref: Text
    quote: Text
    scope: str | None = None


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
            raise ValueError(f"{show(r)} is not a reference; write figure:<id>, total:<indicator>@<period> or sum:<indicator>@<period>")
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
