"""A long list read a page at a time: which counties a filter keeps, and which rows a page holds.

At national scale the scorecard, the overdue-and-behind list and the bullet bars hold thousands of counties,
more than a screen can show or a county intranet can send per click; a page of them is drawn, and the downloads
keep every row. Pure functions: the widgets are in targets/ui/paging.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from math import ceil


def matching(counties: Iterable[str], names: Mapping[str, str], query: str) -> list[str]:
    """The counties whose config name or shown name contains `query` (case and surrounding spaces ignored), in
    their given order; every county for an empty query."""
    q = query.strip().casefold()
    items = list(dict.fromkeys(counties))
    if not q:
        return items
    return [c for c in items if q in c.casefold() or q in str(names.get(c, c)).casefold()]


def bounds(total: int, page: int, size: int) -> tuple[int, int, int]:
    """(start, stop, pages) of page `page` (from 1) of `total` items, `size` per page; a page past the end
    is the last one, a page before the first is the first."""
    if size < 1:
        raise ValueError(f"a page holds at least one item, not {size}")
    pages = max(1, ceil(total / size))
    page = min(max(int(page), 1), pages)
    start = (page - 1) * size
    return start, min(start + size, total), pages
