"""Lookups every stage needs from a valid config: the city unit, and each name or alias to its official name."""

from __future__ import annotations

from targets.schema.config import Config


def city_name(cfg: Config) -> str:
    """The unit with kind: city (the whole city): stated totals and city-wide figures belong to it."""
    return next(c.name for c in cfg.counties if c.kind == "city")


def county_lookup(cfg: Config) -> dict[str, str]:
    """Every name or alias an analyst may write, mapped to the official name."""
    out: dict[str, str] = {}
    for c in cfg.counties:
        out[c.name] = c.name
        for a in c.aliases:
            out[a] = c.name
    return out
