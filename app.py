"""吕梁目标看板 · entry point: page config, the shared sidebar and navigation only.

Streamlit runs this file as every session's script (`__name__ == "__main__"`). `streamlit run app.py` (or
`uvicorn app:app`) first imports it as a module for `app`, the server that runs it: one warm run before the
first visitor and a data-aware health check (targets/ui/launch.py says why).
"""

import streamlit as st

if __name__ == "__main__":
    from targets.ui import coldstart

    coldstart.entry()  # first: a fresh server never shows Streamlit's file-name navigation (targets/ui/coldstart.py)

    from targets.ui import follow, session, shell

    st.set_page_config(page_title="吕梁目标看板 Lüliang Targets", page_icon="📊", layout="wide")

    snap = session.snapshot()
    session.init_state(snap)
    page = shell.navigation(snap)
    shell.apply_slide(snap, page)
    shell.sidebar(snap)
    shell.presenter_bar(snap)
    follow.watch(snap)  # open pages follow the files: a save, a broken file's banner, its fix (targets/ui/follow.py)
    shell.run(page)
else:
    from targets.ui import launch

    app = st.App(__file__, lifespan=launch.warm_start, middleware=launch.middleware())
