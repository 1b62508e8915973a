"""targets.frame.fmt: how a value reads, table-tested against hand-worked cases."""

from __future__ import annotations

import math

import pytest

from targets.frame.fmt import cell_label, label, localize, number
from targets.schema.cells import Cell


@pytest.mark.parametrize("value, fmt, expected", [
    (107.142, "g", "107.142"),              # the gazette's digits, kept
    (500.0, "g", "500"),                    # no trailing .0
    (0.0, "g", "0"),
    (12345.5, "g", "12,345.5"),             # thousands separated
    (1_000_000.0, "g", "1,000,000"),
    (62.04199999999997, "g", "62.042"),     # float noise of a sum rounded away (6 places)
    (0.1 + 0.2, "g", "0.3"),
    (117.59, ".1f", "117.6"),               # an indicator's own format wins
    (1234.5, ",.0f", "1,234"),              # banker's rounding, as Python formats
    (0.235, ".1%", "23.5%"),
    (7, "g", "7"),                          # an int reads as itself
    (math.nan, "g", ""),                    # no value: nothing, never 'nan'
    (None, ".2f", ""),
])
def test_number(value, fmt, expected):
    assert number(value, fmt) == expected


@pytest.mark.parametrize("value, upper, comparator, lang, expected", [
    (100.0, None, "eq", "zh", "100"),
    (100.0, None, "ge", "zh", "≥100"),
    (10.0, None, "le", "en", "≤10"),
    (205.0, None, "approx", "zh", "约205"),
    (205.0, None, "approx", "en", "≈205"),
    (30.0, 50.0, "range", "zh", "30–50"),
    (1500.0, 2500.5, "range", "en", "1,500–2,500.5"),
])
def test_label(value, upper, comparator, lang, expected):
    assert label(value, upper, comparator, lang=lang) == expected


def test_label_uses_the_format_for_both_ends_of_a_range():
    assert label(3.0, 5.0, "range", ".1f") == "3.0–5.0"


@pytest.mark.parametrize("cell, lang, expected", [
    (Cell(value=117.59), "zh", "117.59"),
    (Cell(value=100.0, comparator="ge"), "zh", "≥100"),
    (Cell(value=205.0, comparator="approx"), "en", "≈205"),
    (Cell(value=30.0, upper=50.0, comparator="range"), "zh", "30–50"),
    (Cell(status="no_task"), "zh", "-"),                 # '-' in the gazette: no task that year, not 0
    (Cell(status="no_task"), "en", "-"),
    (Cell(status="blank"), "zh", ""),                    # blank in the gazette stays blank
])
def test_cell_label(cell, lang, expected):
    assert cell_label(cell, lang=lang) == expected


def test_cell_label_passes_the_format_on():
    assert cell_label(Cell(value=2.5), ".2f") == "2.50"


@pytest.mark.parametrize("text, lang, expected", [
    ("约205", "en", "≈205"),
    ("约205", "zh", "约205"),
    ("≥100", "en", "≥100"),
    ("", "en", ""),
    (None, "en", None),                                  # not text: returned as it is
    (3.5, "en", 3.5),
])
def test_localize(text, lang, expected):
    assert localize(text, lang) == expected
