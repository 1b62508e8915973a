"""How a value, a key path and a file name are quoted in a message: as the analyst wrote them, on one line."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

Path_ = Sequence[str | int]


def dotted(path: Path_) -> str:
    """A key path as text: themes[0].indicators[2].unit."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def shown(path: Path) -> str:
    """A path as the analyst would type it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def show(value: object, limit: int = 60) -> str:
    """The offending value as the analyst wrote it (YAML's way: null, true, {a: 1}), shortened for one line."""
    text = f"'{value}'" if isinstance(value, str) else _flow(value, limit + 1)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _flow(value: object, budget: int) -> str:
    """YAML flow style, built only as far as `budget` characters (a national table is large)."""
    out: list[str] = []
    size = 0

    def put(s: str) -> None:
        nonlocal size
        out.append(s)
        size += len(s)
        if size > budget:
            raise _Full

    def walk(v: object) -> None:
        if v is None:
            put("null")
        elif isinstance(v, bool):
            put("true" if v else "false")
        elif isinstance(v, dict):
            put("{")
            for i, (k, x) in enumerate(v.items()):
                put(", " if i else "")
                walk(k)
                put(": ")
                walk(x)
            put("}")
        elif isinstance(v, (list, tuple)):
            put("[")
            for i, x in enumerate(v):
                put(", " if i else "")
                walk(x)
            put("]")
        else:
            put(str(v))

    try:
        walk(value)
    except _Full:
        pass
    return "".join(out)


class _Full(Exception):
    """The shown value is already longer than it can be printed."""
