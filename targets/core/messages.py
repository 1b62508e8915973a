"""Messages about bad input, worded once per language in messages.yaml.

A producer says *what* is wrong as a message id and named fields
(`msg("unknown_county", name=show(name), near=near(name, known))`); the words
are chosen only when the message is rendered, in the reader's language. So a
message exists in every language or not at all (tests/test_messages.py checks
the catalog and every id the code uses).

Field values render the same in every language, except: a nested Msg (rendered
in the same language), a list or tuple (the options, quoted and joined the
language's way: 'a', 'b', 'c' or 'a'、'b'、'c'; long lists are cut) and None
(nothing, e.g. no "did you mean").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from targets.core.quote import show

CATALOG_FILE = Path(__file__).resolve().parents[2] / "messages.yaml"
NEAR_CUTOFF = 0.5  # difflib similarity above which a known name is offered as "did you mean"
KEY_CUTOFF = 0.75  # stricter for key names: short English words look alike (note, quote)
_NUMERAL = re.compile(r"[-+]?[0-9][0-9.,:/\-–]*")  # codes, numbers, years and year ranges (2020-2023)
MAX_OPTIONS = 12  # options listed in one message; more are counted ("… and 40 more")


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    """{message id: {language: template}}; our own file, shipped with the code: safe_load is enough."""
    return yaml.safe_load(CATALOG_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Msg:
    """One message: its id in messages.yaml and the values of its fields (hashable, so Problems can be sets)."""

    code: str
    fields: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str = "en") -> str:
        entry = catalog()[self.code]
        template = entry.get(lang) or entry["zh"]
        return template.format(**{k: _field(v, lang) for k, v in self.fields})

    def __str__(self) -> str:  # English, for logs and exceptions; users get text(lang)
        return self.text("en")


def msg(code: str, /, **fields: Any) -> Msg:
    if code not in catalog():
        raise KeyError(f"message id {code!r} is not in {CATALOG_FILE.name}")  # a bug in our code, found by the tests
    return Msg(code, tuple((k, _frozen(v)) for k, v in fields.items()))


class Invalid(ValueError):
    """A validator's refusal, carrying its message (pydantic keeps the exception; load.py reads .msg back)."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.msg = message


class Names(tuple):
    """Key names for a message: listed as written, unquoted (id, en, summable)."""


def _frozen(value: Any) -> Any:
    if isinstance(value, Names):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return tuple(_frozen(v) for v in items)
    return value


def _field(value: Any, lang: str) -> Any:
    if value is None:
        return ""
    if isinstance(value, Msg):
        return value.text(lang)
    if isinstance(value, Names):
        return ("、" if lang == "zh" else ", ").join(value)
    if isinstance(value, tuple):
        return options(value, lang)
    return value


def options(values: tuple, lang: str) -> str:
    """'a', 'b' or 'c' (en) or 'a'、'b' 或 'c' (zh), each quoted as errors.show does; long lists are cut and counted."""

    shown = [show(v) for v in values[:MAX_OPTIONS]]
    sep = "、" if lang == "zh" else ", "
    if len(values) > MAX_OPTIONS:
        return sep.join(shown) + msg("more_options", n=len(values) - MAX_OPTIONS).text(lang)
    if len(shown) < 2:
        return "".join(shown)
    return sep.join(shown[:-1]) + msg("or_last", last=shown[-1]).text(lang)


def near(value: object, known: Iterable[object], cutoff: float = NEAR_CUTOFF) -> Msg | None:
    """"did you mean 'x'?" for a near miss of a name, unit, period, indicator, page or key; None otherwise."""
    if not isinstance(value, str):
        value = str(value)
    names = [k for k in known if isinstance(k, str)]
    # A code or a number (an adcode, a year) is never a near miss: 141199 is not a typo of 141129, nor 2024 of 2022.
    # A typo keeps one end of the word (交成 → 交城, sown_aera → sown_area); 市级 and 全市 share only a middle.
    ends = [k for k in names if k and value and (k[0] == value[0] or k[-1] == value[-1])]
    hit = [] if _NUMERAL.fullmatch(value.strip()) else difflib.get_close_matches(value, ends, n=2, cutoff=cutoff)
    if len(hit) == 2 and _ratio(value, hit[0]) == _ratio(value, hit[1]):
        hit = []  # two names as near (202l: 2021 or 2022?): a guess, not a hint
    hit = hit[:1]
    if not hit:  # a different case or stray spaces are near misses too, however short the name
        folded = {k.strip().casefold(): k for k in names}
        hit = [folded[value.strip().casefold()]] if value.strip().casefold() in folded else []
    return msg("did_you_mean", hit=hit[0]) if hit and hit[0] != value else None


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def spaces(n: int) -> Msg:
    """An amount of indentation: 1 space, 4 spaces."""
    return msg("no_space") if n == 0 else msg("one_space") if n == 1 else msg("n_spaces", n=n)


def kind_of(value: object) -> Msg:
    """What kind of value was written, in words (never a Python type name)."""
    if value is None:
        return msg("kind_null")
    if isinstance(value, bool):
        return msg("kind_boolean")
    if isinstance(value, (int, float)):
        return msg("kind_number")
    if isinstance(value, str):
        return msg("kind_text")
    if isinstance(value, dict):
        return msg("kind_mapping")
    if isinstance(value, (list, tuple)):
        return msg("kind_list")
    return msg("kind_other")
