"""吕梁目标看板 · entry point: page config, the shared sidebar and navigation only."""

from targets import coldstart

coldstart.entry()  # first: a fresh server never shows Streamlit's file-name navigation (targets/coldstart.py)

import streamlit as st

from targets import ui

st.set_page_config(page_title="吕梁目标看板 Lüliang Targets", page_icon="📊", layout="wide")

snap = ui.snapshot()
ui.init_state(snap)
page = ui.navigation(snap)
ui.claim_seed(page.url_path)
ui.apply_slide(snap, page)
ui.sidebar(snap)
ui.presenter_bar(snap)
ui.show_notices()
coldstart.run(page)  # not page.run(): marks the run as started by this shell for the page script
