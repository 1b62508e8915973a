"""What a project declares, as tables an analyst can read or script against: its counties, periods, units and
indicators (`python -m targets list …`). Read from the validated config alone; ids as config.yaml writes them."""

from __future__ import annotations

import unicodedata

import pandas as pd

from targets.schema.config import Config

KINDS = ("counties", "periods", "units", "indicators")


def catalog(config: Config, what: str) -> pd.DataFrame:
    """One row per declared item of `what` (one of KINDS), in config order (counties by their `order`)."""
    if what == "counties":
        rows = [{"name": c.name, "en": c.en, "kind": c.kind, "order": c.order, "on_map": c.on_map,
                 "adcode": c.adcode or "", "aliases": "、".join(c.aliases)}
                for c in sorted(config.counties, key=lambda c: c.order)]
    elif what == "periods":
        rows = [{"id": p.id, "zh": p.zh, "en": p.en, "start": str(p.start or ""),
                 "end": str(p.end or "")} for p in config.periods]
    elif what == "units":
        used: dict[str, list[str]] = {}
        for th in config.themes:
            for i in th.indicators:
                used.setdefault(i.unit, []).append(i.id)
        rows = [{"id": u.id, "en": u.en, "summable": u.summable, "indicators": ", ".join(used.get(u.id, []))}
                for u in config.units]
    elif what == "indicators":
        rows = [{"id": i.id, "theme": th.id, "zh": i.zh, "en": i.en, "unit": i.unit, "format": i.format,
                 "progress": i.progress.kind if i.progress is not None else ""}
                for th in config.themes for i in th.indicators]
    else:
        raise ValueError(f"{what!r}: list one of {', '.join(KINDS)}")
    return pd.DataFrame(rows)


def text_table(frame: pd.DataFrame) -> str:
    """The frame as aligned plain text for a terminal: CJK characters count two columns wide."""
    def width(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)

    cells = [[str(c) for c in frame.columns]] + [["" if v is None else str(v) for v in row]
                                                   for row in frame.itertuples(index=False)]
    widths = [max(width(r[k]) for r in cells) for k in range(len(frame.columns))]
    lines = ["  ".join(v + " " * (w - width(v)) for v, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines) + "\n"
