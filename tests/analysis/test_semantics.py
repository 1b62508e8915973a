"""Target semantics: which way is best, and when an average or a share means something (hand-worked tables)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from targets.analysis import semantics
from targets.analysis.semantics import ASC, DESC, MIXED, NOT_SUMMABLE, RANGE, UNRANKED


@pytest.mark.parametrize("comparators, kind, expected", [
    (["eq", "eq"], None, DESC),               # plain figures: the largest first, as before
    (["ge", "eq"], None, DESC),               # minimums: the largest first
    (["range"], None, DESC),
    (["le", "le"], None, ASC),                # caps: the strictest (smallest) first
    (["le", "eq", "range"], None, ASC),
    (["eq"], "at_most", ASC),                 # an at_most indicator written as exact minutes is still a cap
    (["approx"], "at_least", DESC),
    (["le", "ge"], None, UNRANKED),           # caps beside minimums: no order means anything
    (["ge"], "at_most", UNRANKED),
    ([], None, DESC),
])
def test_direction(comparators, kind, expected):
    assert semantics.direction(comparators, kind) == expected


@pytest.mark.parametrize("comparators, summable, expected", [
    (["eq", "eq"], True, ""),
    (["eq", "approx"], True, ""),             # 'about N' is an exact figure, approximately
    (["ge", "ge"], True, ""),                 # minimums average to a minimum
    (["le"], True, ""),
    (["eq"], False, NOT_SUMMABLE),            # minutes, %, 元/亩: never averaged or shared
    (["le", "range"], False, NOT_SUMMABLE),   # the unit's reason comes first
    (["ge", "eq"], True, MIXED),
    (["le", "eq"], True, MIXED),
    (["ge", "le", "range", "eq"], True, MIXED),
    (["range", "range"], True, RANGE),        # a range's low end is not its target
])
def test_no_aggregate(comparators, summable, expected):
    assert semantics.no_aggregate(comparators, summable) == expected


@pytest.mark.parametrize("comparators, expected", [
    ({"eq"}, "eq"), ({"eq", "approx"}, "approx"), ({"ge"}, "ge"), ({"le"}, "le"),
])
def test_aggregate_sign(comparators, expected):
    assert semantics.aggregate_sign(comparators) == expected


def test_rank_values_take_a_ranges_binding_end():
    values = pd.Series([10.0, 30.0, 10.0, np.nan])
    uppers = pd.Series([20.0, np.nan, 20.0, np.nan])
    comps = pd.Series(["range", "le", "range", "eq"], dtype="category")
    got = semantics.rank_values(values, uppers, comps, [True, True, False, True])  # the first two and last are caps
    assert got[:3].tolist() == [20.0, 30.0, 10.0] and np.isnan(got[3])  # among caps 10–20 is 'at most 20'


def test_group_semantics_per_group_and_per_row():
    # groups: 0 = caps (one a range), 1 = a minimum beside a cap, 2 = figures in a unit that does not add up,
    # 3 = plain figures (the blank row does not count)
    gid = np.array([0, 0, 1, 1, 2, 2, 3, 3])
    valued = np.array([True, True, True, True, True, False, True, False])
    comps = pd.Series(["le", "range", "ge", "le", "eq", "eq", "eq", "ge"], dtype="category")
    capped = np.zeros(8, dtype=bool)
    summable = np.array([True, True, True, True, False, False, True, True])
    way, why = semantics.group_semantics(gid, valued, comps, capped, summable)
    assert way.tolist() == [ASC, UNRANKED, DESC, DESC]
    assert why.tolist() == [MIXED, MIXED, NOT_SUMMABLE, ""]
    rows = semantics.per_row(why, gid, keep=valued)
    assert rows.tolist() == [MIXED, MIXED, MIXED, MIXED, NOT_SUMMABLE, "", "", ""]
    assert semantics.per_row(way, gid).tolist() == [ASC, ASC, UNRANKED, UNRANKED, DESC, DESC, DESC, DESC]


def test_an_at_most_indicator_is_a_cap_even_in_exact_figures():
    gid = np.array([0, 0])
    way, _ = semantics.group_semantics(gid, np.array([True, True]), pd.Series(["eq", "eq"], dtype="category"),
                                       np.array([True, True]), np.array([True, True]))
    assert way.tolist() == [ASC]
