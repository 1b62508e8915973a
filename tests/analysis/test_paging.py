"""targets/analysis/paging.py: which counties a filter keeps and which rows a page holds, hand-worked."""

from __future__ import annotations

import pytest

from targets.analysis import paging

NAMES = {"临县": "Linxian", "兴县": "Xingxian", "离石区": "Lishi District"}


@pytest.mark.parametrize(("query", "kept"), [
    ("", ["临县", "兴县", "离石区"]),
    ("   ", ["临县", "兴县", "离石区"]),
    ("县", ["临县", "兴县"]),                 # the config name
    ("xian", ["临县", "兴县"]),               # the shown name, case ignored
    (" LISHI ", ["离石区"]),                  # surrounding spaces ignored
    ("柳林", []),
])
def test_matching(query, kept):
    assert paging.matching(["临县", "兴县", "离石区", "临县"], NAMES, query) == kept


@pytest.mark.parametrize(("total", "page", "size", "expected"), [
    (0, 1, 25, (0, 0, 1)),
    (13, 1, 25, (0, 13, 1)),
    (25, 1, 25, (0, 25, 1)),
    (26, 2, 25, (25, 26, 2)),
    (2844, 1, 25, (0, 25, 114)),
    (2844, 114, 25, (2825, 2844, 114)),
    (2844, 500, 25, (2825, 2844, 114)),   # past the end: the last page
    (2844, 0, 25, (0, 25, 114)),          # before the first: the first page
])
def test_bounds(total, page, size, expected):
    assert paging.bounds(total, page, size) == expected


def test_a_page_holds_something():
    with pytest.raises(ValueError, match="a page holds at least one item, not 0"):
        paging.bounds(10, 1, 0)
