"""The widgets of a long list: a county filter and a page number, with the count of what is shown.

Nothing is drawn while a list fits one page (the gazette's 13 counties), so small projects look as before.
"""

from __future__ import annotations

import streamlit as st

from targets.analysis import paging
from targets.ui.context import PageContext


def county_filter(ctx: PageContext, counties: list[str], *, key: str, size: int) -> list[str]:
    """The counties a typed filter keeps (shown only when they do not fit one page)."""
    if len(counties) <= size or ctx.presenting:
        return counties
    query = st.text_input(ctx.text("page_filter"), key=f"w:filter:{key}", placeholder=ctx.text("page_filter_hint"))
    kept = paging.matching(counties, ctx.labels.counties, query or "")
    if query and not kept:
        st.caption(ctx.text("page_filter_none", query=query))
    return kept


def page(ctx: PageContext, total: int, *, key: str, size: int, noun: str) -> slice:
    """Which of `total` items to draw: a page number under the list when there is more than one page, and
    "第 1–40 项，共 2,844 项". While presenting, the first page (a slide is frozen)."""
    if total <= size:
        return slice(0, total)
    widget = f"w:page:{key}"
    pages = paging.bounds(total, 1, size)[2]
    if ctx.presenting:
        chosen = 1
    else:
        # A narrower filter has fewer pages: the page kept from before must stay within them.
        if int(st.session_state.get(widget, 1) or 1) > pages:
            st.session_state[widget] = pages
        # The first value only when the session has none: a widget given both logs a warning with its stack.
        first = {} if widget in st.session_state else {"value": 1}
        chosen = st.number_input(ctx.text("page_number", pages=f"{pages:,}"), min_value=1, max_value=pages, step=1,
                                 key=widget, **first)
    start, stop, _ = paging.bounds(total, chosen, size)
    st.caption(ctx.text("page_shown", first=f"{start + 1:,}", last=f"{stop:,}", total=f"{total:,}",
                        noun=ctx.text(noun)))
    return slice(start, stop)
