"""What a model or annotated type refuses, as (key path, Chinese, English): the messages of messages.yaml.

pydantic's own refusals (a missing key, an empty text) carry no message of ours: the loader words them
(tests/inputs/test_load.py); here they show as their pydantic error type in both languages.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from targets.core.messages import Invalid
from targets.core.quote import dotted


def refusals(target: Any, value: Any) -> list[tuple[str, str, str]]:
    """Every refusal of `value` by `target` (a Strict model, or an annotated type validated strictly, as in one)."""
    if isinstance(target, type) and issubclass(target, BaseModel):
        validate = target.model_validate
    else:
        validate = TypeAdapter(target, config=ConfigDict(strict=True)).validate_python
    try:
        validate(value)
    except ValidationError as exc:
        out = []
        for err in exc.errors(include_url=False):
            error = err.get("ctx", {}).get("error")
            zh, en = (error.msg.text("zh"), error.msg.text("en")) if isinstance(error, Invalid) else (err["type"],) * 2
            out.append((dotted(err["loc"]), zh, en))
        return out
    return []


def accepts(target: Any, value: Any) -> bool:
    return refusals(target, value) == []
