"""Open pages follow the files: a save is shown, and so is a broken file's banner, with no click.

The shared store watches the files from a thread of its own and publishes once a save has settled
(targets/ops/store.py). Every page run registers its session here (`watch`, called by app.py right after
`session.snapshot()`); when the store starts settling a change, and when it publishes, it calls `_push`,
which asks each registered session that is still connected to run its page again, with the browser's
current page and widget values, as Streamlit's own run-on-save does. While a change settles the page
shows a quiet "正在读取刚保存的更改…"; once published it redraws with the new snapshot (or the banner)
at once. Nothing runs, and nothing goes to any browser, while nothing changes.

Uses Streamlit's session manager and AppSession.request_rerun (internal API of Streamlit 1.67, the same
path `runOnSave` takes); tests/browser/test_follow.py fails if that stops working.
"""

from __future__ import annotations

import threading

import streamlit as st
from streamlit import runtime
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime.scriptrunner import get_script_run_ctx

from targets.frame.i18n import t
from targets.ui import session

_SESSIONS: set[str] = set()  # ids of the sessions that drew a page (pruned when they are gone)
_LOCK = threading.Lock()
_SUBSCRIBED: set[int] = set()


def _store():
    return session._store(session.config_path())


def watch(snap) -> None:
    """Register this session for pushes, and say so while a change is being read."""
    store = _store()
    if id(store) not in _SUBSCRIBED:
        store.subscribe(_push)
        _SUBSCRIBED.add(id(store))
    ctx = get_script_run_ctx()
    if ctx is not None:
        with _LOCK:
            _SESSIONS.add(ctx.session_id)
    _, settling = store.pulse()
    if settling:
        st.caption(t("reading_saved_changes", session.lang()))


def _push() -> None:
    """From the loader thread: every connected page runs again (on its own event loop's thread)."""
    if not runtime.exists():
        return
    manager = getattr(runtime.get_instance(), "_session_mgr", None)
    if manager is None:
        return
    with _LOCK:
        ids = list(_SESSIONS)
    for sid in ids:
        info = manager.get_active_session_info(sid)
        if info is None:  # closed, or waiting for a reconnect: it gets the new data when it runs
            with _LOCK:
                _SESSIONS.discard(sid)
            continue
        app_session = info.session
        app_session._event_loop.call_soon_threadsafe(_rerun, app_session)


def _rerun(app_session) -> None:
    state = ClientState()
    state.CopyFrom(app_session._client_state)  # the browser's page, query string and widget values
    state.fragment_id = ""  # the whole page, not the last fragment that ran
    app_session.request_rerun(state)
