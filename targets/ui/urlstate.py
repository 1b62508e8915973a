"""The view's state in the URL, so a copied link reopens exactly the same view.

`parse` never raises: a malformed or unknown parameter falls back to the
default and yields a notice for the page to show.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from targets.frame.i18n import LANGS
from targets.schema.config import Config

MODES = ("raw", "share", "rank")
VIEWS = ("targets", "progress")  # a theme page shows what was asked, or how it is going


@dataclass(frozen=True)
class Notice:
    key: str
    value: str


def _one_of(options: Callable[[Config], list[str]]) -> Callable[[Config, str], str]:
    def check(cfg: Config, raw: str) -> str:
        if raw not in options(cfg):
            raise ValueError(raw)
        return raw
    return check


def _counties(cfg: Config) -> list[str]:
    return [c.name for c in cfg.counties if c.kind != "city"]


def _county_list(cfg: Config, raw: str) -> list[str]:
    names = [x for x in raw.split(",") if x]
    known = set(_counties(cfg))
    if not 1 <= len(names) <= 6 or any(n not in known for n in names) or len(set(names)) != len(names):
        raise ValueError(raw)
    return names


def _flag(cfg: Config, raw: str) -> bool:
    if raw not in ("0", "1"):
        raise ValueError(raw)
    return raw == "1"


def _slide(cfg: Config, raw: str) -> int:
    if not raw.isdigit() or not 1 <= int(raw) <= max(1, len(cfg.presentation)):
        raise ValueError(raw)
    return int(raw)


def _date(cfg: Config, raw: str) -> str:
    # Exactly YYYY-MM-DD and a real day; whether the data has anything for it is the page's to say.
    try:
        if len(raw) != 10:
            raise ValueError(raw)
        date.fromisoformat(raw)
    except ValueError:
        raise ValueError(raw) from None
    return raw


PARAMS: dict[str, Callable[[Config, str], object]] = {
    "lang": _one_of(lambda cfg: list(LANGS)),
    "hl": _one_of(lambda cfg: [""] + _counties(cfg)),
    "ind": _one_of(lambda cfg: [i.id for t in cfg.themes for i in t.indicators]),
    "period": _one_of(lambda cfg: [p.id for p in cfg.periods]),
    "counties": _county_list,
    "mode": _one_of(lambda cfg: list(MODES)),
    "county": _one_of(_counties),
    "theme": _one_of(lambda cfg: [t.id for t in cfg.themes]),
    "present": _flag,
    "slide": _slide,
    "asof": _date,
    "view": _one_of(lambda cfg: list(VIEWS)),
}


def parse(params: Mapping[str, str | list[str]], cfg: Config) -> tuple[dict[str, object], list[Notice]]:
    state: dict[str, object] = {}
    notices: list[Notice] = []
    for key, raw in params.items():
        value = raw[-1] if isinstance(raw, list) else raw
        check = PARAMS.get(key)
        if check is None:
            notices.append(Notice(key, str(value)))
            continue
        try:
            state[key] = check(cfg, str(value))
        except ValueError:
            notices.append(Notice(key, str(value)))
    return state, notices


def to_params(state: Mapping[str, object]) -> dict[str, str]:
    out = {}
    for key, value in state.items():
        if key not in PARAMS or value is None:
            continue
        if isinstance(value, bool):
            out[key] = "1" if value else "0"
        elif isinstance(value, (list, tuple)):
            out[key] = ",".join(value)
        else:
            out[key] = str(value)
    return out
