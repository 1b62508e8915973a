"""吕梁目标看板 · entry point: page config, the shared sidebar and navigation only."""

from targets.ui import coldstart

coldstart.entry()  # first: a fresh server never shows Streamlit's file-name navigation (targets/ui/coldstart.py)

import streamlit as st  # noqa: E402

from targets.ui import session, shell  # noqa: E402

st.set_page_config(page_title="吕梁目标看板 Lüliang Targets", page_icon="📊", layout="wide")

snap = session.snapshot()
session.init_state(snap)
page = shell.navigation(snap)
shell.apply_slide(snap, page)
shell.sidebar(snap)
shell.presenter_bar(snap)
shell.run(page)
