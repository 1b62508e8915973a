"""A cell: one value as the gazette states it, read by `parse_cell`, and its editor schema."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

from targets.core.quote import show
from targets.core.messages import Invalid, kind_of, msg, near
from targets.schema.types import hover_text

# ---- values ---------------------------------------------------------------------------

Comparator = Literal["eq", "ge", "le", "range", "approx"]
CellStatus = Literal["value", "no_task", "blank"]


@dataclass(frozen=True, slots=True)
class Cell:
    """One value as the gazette states it: exact, at least, at most, about, a range, '-' or blank.

    A plain dataclass, built only by `parse_cell` (which checks every form): a
    national table has ~850k cells, and a pydantic model per cell costs seconds.
    """

    value: float | None = None
    upper: float | None = None
    comparator: Comparator = "eq"
    status: CellStatus = "value"


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


