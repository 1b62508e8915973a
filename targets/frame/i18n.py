"""Words users read: interface text from i18n.yaml, data labels from config.yaml. Chinese first."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from targets.schema.config import Config

LANGS = ("zh", "en")
_TEXT_FILE = Path(__file__).resolve().parents[2] / "i18n.yaml"


@lru_cache(maxsize=1)
def _strings() -> dict[str, dict[str, str]]:
    # Our own file, shipped with the code; safe_load is enough.
    return yaml.safe_load(_TEXT_FILE.read_text(encoding="utf-8"))


def t(text_id: str, lang: str, /, **fields: object) -> str:
    entry = _strings()[text_id]
    text = entry.get(lang) or entry["zh"]
    return text.format(**fields) if fields else text


class Labels:
    """Config labels in one language; built once per (config, language)."""

    def __init__(self, cfg: Config, lang: str) -> None:
        self.lang = lang
        self.memo_key = ("labels", id(cfg), lang)  # the config lives as long as its snapshot
        zh = lang == "zh"
        self.themes = {x.id: (x.zh if zh else x.en) for x in cfg.themes}
        self.indicators = {i.id: (i.zh if zh else i.en) for x in cfg.themes for i in x.indicators}
        self.units = {u.id: (u.id if zh else u.en) for u in cfg.units}
        self.periods = {p.id: (p.zh if zh else p.en) for p in cfg.periods}
        self.counties = {c.name: (c.name if zh else c.en) for c in cfg.counties}
        self.title = cfg.title.zh if zh else cfg.title.en
        self.gazette = cfg.gazette.zh if zh else cfg.gazette.en

    def unit(self, unit: str) -> str:
        """Compound units such as '部/5人' are shown as written."""
        return self.units.get(unit, unit)
