"""Shared annotated types of the config and data models: ids, dates, codes, colours, formats, and the Strict base.

Each value check is written once here and named by every model that needs it; its message is in
messages.yaml. The editor patterns (json_schema_extra) describe the same checks to editors.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from targets.core.quote import show
from targets.core.messages import Invalid, msg

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
    # editor schemas (targets/schema/jsonschema.py); Chinese line first, then English. Validation ignores it.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)


def hover_text(zh: str, en: str) -> str:
    """Hover text of the editor schemas: Chinese line first, then English (the form of the field docstrings)."""
    return f"{zh}\n{en}"


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

