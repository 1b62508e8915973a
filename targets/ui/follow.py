"""Open pages follow the files: a save is shown, and so is a broken file's banner, with no click.

The shared store watches the files from a thread of its own and publishes once a save has settled
(targets/ops/store.py). Each page run records the store's version next to the snapshot it drew
(`watch`, called by app.py right after `session.snapshot()`); a small fragment then compares that
number with the store's every `EVERY` seconds. Nothing changed: two attribute reads, nothing drawn.
A change waiting to settle: a quiet caption "正在读取刚保存的更改…". Published: the whole page reruns
with the new snapshot (or the banner), within about a second of the settle.
"""

from __future__ import annotations

import streamlit as st

from targets.frame.i18n import t
from targets.ui import session

EVERY = 0.5  # seconds between looks from an open page
_SEEN = "_follow_version"  # the store's version this page run was drawn from
_IN_PAGE_RUN = "_follow_in_page_run"  # the follower is being drawn by the page's own run, not by its timer


def _store():
    return session._store(session.config_path())


def watch(snap) -> None:
    """Record the version `snap` belongs to and place the follower (once per page run, after the snapshot)."""
    store = _store()
    version, _ = store.pulse()
    # A publish between session.snapshot() and here: that run drew the older snapshot, so redraw at once.
    same = store.current_snapshot() is snap
    st.session_state[_SEEN] = version if same else -1  # -1: the follower's first tick redraws the page
    st.session_state[_IN_PAGE_RUN] = True
    try:
        _follower()
    finally:
        st.session_state[_IN_PAGE_RUN] = False


@st.fragment(run_every=EVERY)
def _follower() -> None:
    version, settling = _store().pulse()
    if not st.session_state.get(_IN_PAGE_RUN) and st.session_state.get(_SEEN, version) != version:
        st.rerun(scope="app")  # new data or a new banner: the whole page, from the new snapshot
    if settling:
        st.caption(t("reading_saved_changes", session.lang()))
