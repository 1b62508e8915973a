"""targets/analysis/catalog.py: what a config declares, as tables (hand-checked against a small config)."""

from __future__ import annotations

import pandas as pd
import pytest

from targets.analysis.catalog import catalog, text_table
from targets.inputs.load import load_project
from tests.conftest import REPO


@pytest.fixture(scope="module")
def config():
    return load_project(REPO / "config.yaml").config


def test_counties_in_their_order_with_ids_and_aliases(config):
    rows = catalog(config, "counties")
    assert list(rows.columns) == ["name", "en", "kind", "order", "on_map", "adcode", "aliases"]
    assert list(rows["order"]) == sorted(rows["order"])
    first = rows.iloc[0].to_dict()
    assert first == {"name": "离石区", "en": "Lishi District", "kind": "county", "order": 1, "on_map": True,
                     "adcode": "141102", "aliases": "离石"}
    assert (rows["kind"] == "city").sum() == 1


def test_units_say_which_indicators_use_them(config):
    rows = catalog(config, "units").set_index("id")
    assert rows.loc["万亩", "en"] == "10,000 mu" and bool(rows.loc["万亩", "summable"])
    assert "sown_area" in rows.loc["万亩", "indicators"].split(", ")
    assert not bool(rows.loc["%", "summable"])


def test_indicators_and_periods(config):
    ind = catalog(config, "indicators").set_index("id")
    assert ind.loc["sewer_km", ["theme", "unit", "progress"]].tolist() == ["sewer", "公里", "flow"]
    assert len(ind) == sum(len(th.indicators) for th in config.themes)
    per = catalog(config, "periods").set_index("id")
    assert per.loc["2021", ["start", "end"]].tolist() == ["2021-01-01", "2021-12-31"]


def test_something_else_is_refused(config):
    with pytest.raises(ValueError, match="'towns': list one of counties, periods, units, indicators"):
        catalog(config, "towns")


def test_text_table_aligns_wide_characters():
    text = text_table(pd.DataFrame({"name": ["临县", "Lin"], "n": [1, 22]}))
    assert text.splitlines() == ["name  n", "临县  1", "Lin   22"]
