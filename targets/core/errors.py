"""The one error type for bad input, and the one place it is rendered.

Every problem names where it is (file:line:col), the key path, the offending
value and what was expected, so an analyst can fix it without reading code.
Problems are collected, never raised one at a time. The words come from
messages.yaml, in the reader's language (`render(lang)`), Chinese first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from targets.core.messages import Msg

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
