"""The one error type for bad input, and the one place it is rendered.

Every problem names where it is (file:line:col), the key path, the offending
value and what was expected, so an analyst can fix it without reading code.
Problems are collected, never raised one at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    col: int
    path: str
    message: str

    def render(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


@dataclass
class ConfigError(Exception):
    """All problems found in config.yaml and the data files, together."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.render())

    def render(self) -> str:
        return "\n".join(p.render() for p in sorted(self.problems))

    def __str__(self) -> str:  # dataclass would otherwise print the repr
        return self.render()


def show(value: object, limit: int = 60) -> str:
    """The offending value as the analyst wrote it, shortened for one line."""
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= limit else text[: limit - 1] + "…"
