"""The one error type for bad input, and the one place it is rendered.

Every problem names where it is (file:line:col), the key path, the offending
value and what was expected, so an analyst can fix it without reading code.
Problems are collected, never raised one at a time. The words come from
messages.yaml, in the reader's language (`render(lang)`), Chinese first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .messages import Msg

DEFAULT_LANG = "zh"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    col: int
    path: str
    msg: Msg

    def __post_init__(self) -> None:
        if not isinstance(self.msg, Msg):  # every message must have its words in every language
            raise TypeError(f"Problem needs a messages.Msg, got {type(self.msg).__name__}")

    @property
    def message(self) -> str:
        """The message in English (for logs and callers that predate languages)."""
        return self.msg.text("en")

    def render(self, lang: str = DEFAULT_LANG) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        text = self.msg.text(lang)
        return f"{where}: {self.path}: {text}" if self.path else f"{where}: {text}"

    def _key(self) -> tuple:
        return (self.file, self.line, self.col, self.path, self.message)

    def __lt__(self, other: Problem) -> bool:  # reading order: file, then place in it
        return self._key() < other._key()


@dataclass
class ConfigError(Exception):
    """All problems found in config.yaml and the data files, together."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.render("en"))

    def render(self, lang: str = DEFAULT_LANG) -> str:
        return "\n".join(p.render(lang) for p in sorted(self.problems))

    def __str__(self) -> str:  # dataclass would otherwise print the repr; English, as in a log
        return self.render("en")


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
