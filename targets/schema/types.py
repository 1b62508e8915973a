"""Shared annotated types of the config and data models: ids, dates, codes, colours, formats, and the Strict base.

Each value check is written once here, as an annotated type (`Annotated[str, AfterValidator(...)]`) that every
model needing it names; its message is in messages.yaml. Where an editor can check the same thing, the type also
carries the editor pattern (json_schema_extra), built from the same regular expression, so the editor and
`targets validate` accept the same strings (tests/schema/test_types.py checks this over generated strings).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from targets.core.quote import show
from targets.core.messages import Invalid, msg

# ASCII only ([0-9], not \d): the editors' patterns are ASCII, and Python's \d would also take "１４１１２４".
_ID = re.compile(r"[a-z][a-z0-9_]*")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_ADCODE = re.compile(r"[0-9]{6}")
# Then a real calendar date: date.fromisoformat alone would also take "20210510" and "2021-W19-1".
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A check's side: figure:<id>, total:<indicator>@<period> or sum:<indicator>@<period>.
_REF = re.compile(r"(figure:[a-z0-9_]+|(total|sum):[a-z0-9_]+@[\w-]+)")

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
    # editor schemas (targets/schema/jsonschema.py); Chinese line first, then English. Validation ignores it.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)


def hover_text(zh: str, en: str) -> str:
    """Hover text of the editor schemas: Chinese line first, then English (the form of the field docstrings)."""
    return f"{zh}\n{en}"


Text = Annotated[str, Field(min_length=1)]


# Schema-only metadata for editors: json_schema_extra changes no validation; the validators below stay the only
# checks. patternErrorMessage is the Red Hat YAML extension's message for a value that does not match.
def _editor_pattern(pattern: str, zh: str, en: str, **extra: str) -> Any:
    return Field(json_schema_extra={"pattern": pattern, "patternErrorMessage": hover_text(zh, en), **extra})


def _whole(regex: re.Pattern[str]) -> str:
    r"""`regex` as an editor pattern matching the whole string. `(?!\n)`: in Python (the jsonschema package) `$` also
    matches before a final newline, in editors (ECMAScript) it does not; with it, both refuse "141124\n"."""
    return f"^{regex.pattern}$(?!\\n)"


def _ascii_digits(value: str) -> str:
    """`value` with full-width (or other Unicode) decimal digits as 0-9, as an input method in full-width mode
    would have typed them in half-width mode."""
    return "".join(str(unicodedata.decimal(c)) if not c.isascii() and unicodedata.decimal(c, None) is not None else c
                   for c in value)


def _refuse(code: str, value: str, valid: Callable[[str], object]) -> Invalid:
    """The refusal of `value`; when only its digits are wrong (full-width), say so and show it fixed."""
    fixed = _ascii_digits(value)
    if fixed != value and valid(fixed):
        return Invalid(msg("wide_digits", value=show(value), fixed=show(fixed)))
    return Invalid(msg(code, value=show(value)))


def _is_id(value: str) -> str:
    if not _ID.fullmatch(value):
        raise Invalid(msg("bad_id", value=show(value)))
    return value


def _is_real_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:  # e.g. 2021-02-30, or year 0000
        return False
    return True


def _is_iso_date(value: str) -> str:
    if not _is_real_date(value):
        raise _refuse("bad_date", value, _is_real_date)
    return value


def _is_adcode(value: str) -> str:
    if not _ADCODE.fullmatch(value):
        raise _refuse("bad_adcode", value, _ADCODE.fullmatch)
    return value


def _is_colour(value: str) -> str:
    if not _COLOUR.fullmatch(value):
        raise Invalid(msg("bad_colour", value=show(value)))
    return value


def _is_format(value: str) -> str:
    m = _FORMAT.fullmatch(value)
    if m is None or int(m["width"] or 0) > MAX_FORMAT_WIDTH or int(m["precision"] or 0) > MAX_FORMAT_WIDTH:
        raise Invalid(msg("bad_format", value=show(value), max=MAX_FORMAT_WIDTH))
    return value


def _is_unit_max(value: float) -> float:
    if not (0 < value <= MAX_UNIT_MAX):
        raise Invalid(msg("bad_unit_max", value=value, max=MAX_UNIT_MAX))
    return value


def _are_refs(refs: list[str]) -> list[str]:
    # On the whole list, not each item: the problem is reported at the key (checks[0].right), as before.
    for r in refs:
        if not _REF.fullmatch(r):
            raise Invalid(msg("bad_check_ref", value=show(r)))
    return refs


Id = Annotated[str, AfterValidator(_is_id),
               _editor_pattern(_whole(_ID), "id 只用小写字母、数字和 _，以字母开头，如 sown_area。",
                               "Use lower-case letters, digits and _, starting with a letter (e.g. sown_area).")]
Colour = Annotated[str, AfterValidator(_is_colour),
                   _editor_pattern(_whole(_COLOUR), "颜色写成带引号的 \"#RRGGBB\"。",
                                   "Write the colour as \"#RRGGBB\" in quotes.")]
# The editor also checks the calendar (format: date, e.g. no 2021-02-30), as validate does. DateText is the
# editor's half alone (targets/schema/progress.py builds on it); models name IsoDate.
DateText = Annotated[str, _editor_pattern(_whole(_DATE), "日期写成带引号的 \"YYYY-MM-DD\"。",
                                          "Write the date as \"YYYY-MM-DD\" in quotes.", format="date")]
IsoDate = Annotated[DateText, AfterValidator(_is_iso_date)]
Adcode = Annotated[str, AfterValidator(_is_adcode),
                   _editor_pattern(_whole(_ADCODE), "行政区划代码：带引号的六位数字，如 \"141124\"。",
                                   "Administrative-division code: six digits in quotes, e.g. \"141124\".")]
# No editor pattern: validate alone judges a number format and a unit's max.
Format = Annotated[str, AfterValidator(_is_format)]
UnitMax = Annotated[float, AfterValidator(_is_unit_max)]
# The editor pattern of a reference; \w is ASCII-only in editors' (ECMAScript) patterns, so any non-ASCII
# character is let through there and left to _are_refs.
Ref = Annotated[str, _editor_pattern(r"^(figure:[a-z0-9_]+|(total|sum):[a-z0-9_]+@[\w\u0080-\uffff-]+)$(?!\n)",
                                     "写成 figure:<id>、total:<指标>@<期间> 或 sum:<指标>@<期间>。",
                                     "Write figure:<id>, total:<indicator>@<period> or sum:<indicator>@<period>.")]
Refs = Annotated[list[Ref], Field(min_length=1), AfterValidator(_are_refs)]
