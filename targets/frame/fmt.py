"""How a value reads to a person: '≥100', '30–50', '约205', '—' for no task."""

from __future__ import annotations

import math

from targets.frame.i18n import t
from targets.schema.cells import Cell


def number(value: float, fmt: str = "g") -> str:
    """Format with thousands separators; 'g' keeps the gazette's digits (107.142 stays 107.142)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if fmt == "g":
        # Shortest digits with separators: 107.142 stays 107.142, 500.0 reads 500; rounding to 6 places
        # drops float noise from sums (62.04199999999997 reads 62.042).
        text = f"{round(value, 6):,}"
        return text[:-2] if text.endswith(".0") else text
    return format(value, fmt)


def cell_label(cell: Cell, fmt: str = "g", lang: str = "zh") -> str:
    if cell.status == "no_task":
        return "-"
    if cell.status == "blank":
        return ""
    return label(cell.value, cell.upper, cell.comparator, fmt, lang)


def label(value: float, upper: float | None, comparator: str, fmt: str = "g", lang: str = "zh") -> str:
    v = number(value, fmt)
    if comparator == "ge":
        return f"≥{v}"
    if comparator == "le":
        return f"≤{v}"
    if comparator == "approx":
        return f"{t('about_sign', lang)}{v}"
    if comparator == "range":
        return f"{v}–{number(upper, fmt)}"
    return v


def localize(text: str, lang: str) -> str:
    """Labels are stored as the gazette writes them ('约205'); English readers see '≈205' (i18n.yaml about_sign)."""
    if lang == "zh" or not isinstance(text, str):
        return text
    return text.replace(t("about_sign", "zh"), t("about_sign", lang))
