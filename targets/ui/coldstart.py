"""Sessions that start cold go through the app shell (app.py): a fresh server's first request, a moved browser.

Why this exists
---------------
Streamlit treats a `pages/` folder beside the entry script as an old-style
("v1") multipage app until the first public `st.navigation` call in the
process. Until then a request runs Streamlit's own fallback, which lists
`pages/*.py` by file name and runs the requested page script *alone*: a
shared link `/sewer?hl=…` opened first on a fresh server would show no
sidebar, Streamlit's file-name navigation and lose the highlight.

One config line and three calls fix that with public API only:

* `.streamlit/config.toml` sets ``client.showSidebarNavigation = false``: the
  fallback's file-name navigation is hidden from the first message on.
* app.py's first statement, ``entry()``: ends the fallback for the process (a
  hidden stand-in ``st.navigation``) and turns the sidebar navigation back on
  (``st.set_option``, a public, script-settable option) for the app's own.
* app.py runs the chosen page with ``run(page)`` instead of ``page.run()``:
  it marks "the shell ran in this run" for the page script.
* each page script's first statement, ``require_shell(__file__)``: when that mark is
  missing, the fallback started this script alone. It calls the public
  ``st.navigation`` (which ends the fallback for the whole process) with a
  page at this script's url path, then ``st.rerun()``. The rerun keeps the
  URL path and query string, so it runs app.py on the same page and link.

A browser whose replica is lost (docs/deploy.md) reconnects through the load balancer to another
replica, where its session does not exist. Streamlit's frontend then keeps the page on screen but
reruns nothing until the next click, and that click would be read against an empty session (a
widget change lost, or a page change dropping the link's state). ``run(page)`` therefore also draws
an empty fragment with ``run_every`` at the end of the sidebar: Streamlit's frontend reruns the app
at once when the websocket of a page holding a timed fragment reconnects, so the new replica
rebuilds the session from the URL (and the widgets' values) before the user clicks. Its timer
(12 h) otherwise costs nothing. tests/browser/test_replicas.py fails if that behaviour changes.

The fallback can only start a page script whose file name is the url path
(`pages/sewer.py` for `/sewer`). A url path served by a script of another
name (one script for several pages) is unknown to it: Streamlit then shows
its "Page not found" dialog before any code of ours runs, and no public API
can prevent that on the first request to a fresh process. Keep a
`pages/<url path>.py` whose body is ``require_shell(__file__)`` for such pages.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import timedelta

import streamlit as st

# True while app.py runs the page it chose, in this script run only.
_shell_running: ContextVar[bool] = ContextVar("targets_shell_running", default=False)
# Set once this process has called st.navigation itself; Streamlit's fallback cannot start after that.
_navigated = False

_PLACEHOLDER_URL = "_coldstart"
_SHOW_NAV = "client.showSidebarNavigation"


def _placeholder() -> None:
    """The default page of the hidden stand-in navigation; never shown (we rerun or navigate again)."""


def _stand_in_navigation(pages: list) -> None:
    """Public st.navigation with a hidden list: ends Streamlit's pages/ fallback for the whole process."""
    global _navigated
    _navigated = True
    default = st.Page(_placeholder, title="…", url_path=_PLACEHOLDER_URL, default=True)
    st.navigation([default, *pages], position="hidden")


def entry() -> None:
    """First statement of app.py: end the fallback for the process, then let the app's navigation show."""
    if not _navigated:
        _stand_in_navigation([])
    # .streamlit/config.toml hides the sidebar navigation, so the fallback's file-name list never shows,
    # not even for the few milliseconds before a page script reaches require_shell(). The stand-in above
    # comes first: once it ran no fallback can start, so showing the navigation again (a process-wide
    # option) cannot bring a file-name list back.
    if st.get_option(_SHOW_NAV) is False:
        st.set_option(_SHOW_NAV, True)


def run(page) -> None:
    """Run the page app.py's st.navigation chose, marked as started by the shell."""
    global _navigated
    _navigated = True
    with st.sidebar:  # before the page: drawn even when the page stops early (st.stop)
        _rerun_on_reconnect()
    token = _shell_running.set(True)
    try:
        page.run()
    finally:
        _shell_running.reset(token)


@st.fragment(run_every=timedelta(hours=12))
def _rerun_on_reconnect() -> None:
    """Draws nothing. A page holding a timed fragment makes Streamlit's frontend rerun the app as soon as its
    websocket reconnects, so a browser moved to another replica gets its session rebuilt from the URL at once."""


def require_shell(script: str) -> None:
    """First statement of every page script: if the shell did not start this run, restart it through app.py."""
    if _shell_running.get():
        return
    # The fallback ran this script alone, at the url path named after the file; a page at that path
    # lets st.navigation resolve it (no "page not found") and makes the rerun land on the same page.
    _stand_in_navigation([st.Page(script)])
    st.rerun()
