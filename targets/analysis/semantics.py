"""What a target's form allows: which way is best, and whether values may be averaged or taken as shares.

A cap (≤, `at_most`, e.g. "30 分钟内集结") is best when smallest: the strictest cap ranks 1 and is drawn
darkest. A minimum (≥) or an exact figure is best when largest, as before. Caps and minimums in one set are
not ranked at all. A range ranks by its binding end: its upper end among caps (10–20 is "at most 20"), its
lower end otherwise.

An average or a share of the city total is computed only when the unit adds up (`summable` in config) and
every value has one form (all exact, all ≥, all ≤). Ranges and mixed forms get none, with the reason:
averaging a range's low end, or minutes across counties, would be a number the gazette never meant.
Plain pandas and numpy, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

ASC, DESC, UNRANKED = "asc", "desc", ""   # a cap: smallest first · largest first · caps and minimums mixed
# Why an average or a share is left out (i18n keys no_average_<reason> and share_none_<reason>).
NOT_SUMMABLE, MIXED, RANGE = "not_summable", "mixed", "range"
REASONS = (NOT_SUMMABLE, MIXED, RANGE)
# The forms a value takes for aggregation: 'about N' is an exact figure, approximately.
_FORM = {"eq": "eq", "approx": "eq", "ge": "ge", "le": "le", "range": "range"}


def direction(comparators: Iterable[str], progress_kind: str | None = None) -> str:
    """ASC (a cap: the smallest is best), DESC (the largest is best) or UNRANKED (caps beside minimums).

    An indicator whose progress rule is `at_most` counts as capped even where the gazette gives exact figures.
    """
    forms = {_FORM.get(c, c) for c in comparators}
    capped = "le" in forms or progress_kind == "at_most"
    if capped and "ge" in forms:
        return UNRANKED
    return ASC if capped else DESC


def no_aggregate(comparators: Iterable[str], summable: bool) -> str:
    """'' when values may be averaged or shared, else why not: NOT_SUMMABLE, MIXED or RANGE."""
    if not summable:
        return NOT_SUMMABLE
    forms = {_FORM.get(c, c) for c in comparators}
    if len(forms) > 1:
        return MIXED
    return RANGE if forms == {"range"} else ""


def aggregate_sign(comparators: Iterable[str]) -> str:
    """The comparator an average of values of one form keeps: ≥ stays ≥, ≤ stays ≤, 'about' stays 'about'."""
    comps = set(comparators)
    for c in ("ge", "le"):
        if c in comps:
            return c
    return "approx" if "approx" in comps else "eq"


def rank_values(values: pd.Series, uppers: pd.Series, comparators: pd.Series, asc) -> np.ndarray:
    """The value each target ranks (and is coloured) by: a range's upper end among caps (`asc` rows), else its value."""
    use_upper = np.asarray(asc, dtype=bool) & (comparators == "range").to_numpy()
    return np.where(use_upper, uppers.to_numpy(dtype=float), values.to_numpy(dtype=float))


def group_semantics(gid: np.ndarray, valued: np.ndarray, comparators: pd.Series, capped_kind: np.ndarray,
                    summable: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per group: its direction, and its reason for no average or share ('' when allowed).

    `gid` numbers each row's group (0…n-1); `valued` marks rows with a value; `capped_kind` rows whose indicator's
    progress rule is at_most; `summable` rows whose unit adds up. Vectorised: a national frame has 850k rows
    (comparisons on the categorical, counts by bincount; `per_row` spreads the result back as categoricals).
    """
    n = int(gid.max()) + 1 if len(gid) else 0

    def has(mask: np.ndarray) -> np.ndarray:
        return np.bincount(gid, weights=mask & valued, minlength=n) > 0

    le, ge, rng = (has((comparators == c).to_numpy()) for c in ("le", "ge", "range"))
    exact = has(comparators.isin(["eq", "approx"]).to_numpy())
    capped = le | (np.bincount(gid, weights=capped_kind, minlength=n) > 0)
    directions = np.where(capped & ge, UNRANKED, np.where(capped, ASC, DESC)).astype(object)
    forms = le.astype(int) + ge.astype(int) + rng.astype(int) + exact.astype(int)
    adds = np.bincount(gid, weights=~summable, minlength=n) == 0
    reasons = np.where(~adds, NOT_SUMMABLE, np.where(forms > 1, MIXED, np.where(rng, RANGE, ""))).astype(object)
    return directions, reasons


def per_row(per_group: np.ndarray, gid: np.ndarray, keep: np.ndarray | None = None) -> pd.Categorical:
    """A per-group text spread to its rows as a categorical ('' where `keep` is False), without text per row."""
    categories = list(dict.fromkeys(["", *per_group]))
    index = {c: i for i, c in enumerate(categories)}
    codes = np.array([index[v] for v in per_group], dtype=np.int64)[gid] if len(gid) else np.zeros(0, dtype=np.int64)
    if keep is not None:
        codes = np.where(keep, codes, 0)
    return pd.Categorical.from_codes(codes, categories=categories)
