"""The app shell: navigation built from the page registry, the shared sidebar, and presenter mode.

app.py calls these in order; pages never do. Every page comes from
`targets.schema.pages` (itself read from config.yaml), so a theme added in YAML
gets its page, its place in the navigation and its slides with no code.
"""

from __future__ import annotations

import streamlit as st

from targets.schema import pages as registry
from targets.frame.i18n import t
from targets.ops.store import Snapshot
from targets.ui import coldstart, session
from targets.ui.session import ROOT, lang, labels, presenting
from targets.ui.text import plain

_PAGES_KEY = "_pages"  # page id -> st.Page of this run (for links and slide switches)


def navigation(snap: Snapshot):
    """st.navigation over the registry's pages, titled in the chosen language (and the app's base style)."""
    base_style()
    cfg = snap.project.config
    lab = labels()
    secs = registry.sections(cfg)
    grouped: dict[str, list] = {}
    pages = {}
    default = registry.default_page(cfg)
    for spec in registry.pages(cfg):
        title = lab.themes[spec.theme] if spec.theme else t(registry.title_key(spec.id), lab.lang)
        page = st.Page(str(ROOT / spec.script), title=title, url_path=spec.id, default=spec.id == default)
        sec = secs[spec.section]
        name = (t(sec.i18n_key, lab.lang) if sec.i18n_key else sec.title(lab.lang)) or ""
        grouped.setdefault(name, []).append(page)
        pages[spec.id] = page
    st.session_state[_PAGES_KEY] = pages
    page = st.navigation(grouped, position="hidden" if presenting() else "sidebar")
    session.set_page_id(page.url_path or default)
    session.claim_seed(session.page_id())
    return page


def page_link(page_id: str, label: str, icon: str | None = None) -> None:
    """A link to a page of this run's navigation; nothing if the page is not in it."""
    page = st.session_state.get(_PAGES_KEY, {}).get(page_id)
    if page is not None:
        st.page_link(page, label=label, icon=icon)


def run(page) -> None:
    """Run the page; then show this run's link notices (a page may add some while it reads the link)."""
    try:
        coldstart.run(page)  # marks the run as the shell's, for the page script's require_shell()
    finally:
        session.show_notices()


# ---- presenter mode -----------------------------------------------------------------------------


def go_to_slide(n: int) -> None:
    """Button callback: the next run applies slide n (filters, highlight, page)."""
    slides = session.current().project.config.presentation
    st.session_state["slide"] = min(max(1, n), max(1, len(slides)))
    st.session_state["slide_applied"] = None


def stop_presenting() -> None:
    st.session_state["present"] = False


def apply_slide(snap: Snapshot, page) -> None:
    """Put the current slide's filters into session state and switch to its page, once per slide change."""
    ss = st.session_state
    slides = snap.project.config.presentation
    n = ss.get("slide")
    if not presenting() or not slides:
        return
    if not n:
        n = ss["slide"] = 1
    if ss.get("slide_applied") == n:
        return
    n = min(max(1, n), len(slides))
    s = slides[n - 1]
    themes = {x.id for x in snap.project.config.themes}
    theme = s.theme or (s.page if s.page in themes else None)
    mem = ss.setdefault("mem", {})

    def put(key: str, value) -> None:
        mem[key] = value
        ss[f"w:{key}"] = value

    if theme and s.indicator:
        put(f"ind:{theme}", s.indicator)
    if theme and s.period:
        put(f"period:{theme}", s.period)
    if s.counties:
        put("counties", list(s.counties))
    if s.mode:
        put("mode", s.mode)
    if s.page == "profile" and s.county:
        put("county", s.county)
    if s.page == "overview" and theme:
        put("theme:overview", theme)
    if s.as_of:  # a progress slide is frozen at its date (kept as text; the date widget starts from it)
        mem["asof"] = s.as_of
        ss.pop("w:asof", None)
    if theme and s.view:
        put(f"view:{theme}", s.view)
    ss["hl"] = s.county if s.county and s.page != "profile" else ""
    ss["slide"] = n
    ss["slide_applied"] = n
    pages = ss.get(_PAGES_KEY, {})
    if page.url_path != s.page and s.page in pages:
        st.switch_page(pages[s.page])


# Every run: metric labels and values wrap instead of ending in an ellipsis ("107.142 …" hid the number).
BASE_CSS = """
<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *, [data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; overflow-wrap: break-word; }
[data-testid="stMetricValue"] { font-size: 1.9rem; line-height: 1.2; }
</style>
"""

# Presenter mode: no chrome, tight gaps, the slide's caption as its title; a page draws its slide layout
# (charts sized for 1280×720, sources inside the figures), so nothing scrolls.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], #MainMenu, footer, .modebar-container { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 0.5rem 1.5rem 0.25rem 1.5rem !important; max-width: 100% !important; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.5rem; }
/* The slide fills the screen: the page is one screen high and the charts' row takes what the bar leaves. */
[data-testid="stMainBlockContainer"] { height: 100vh; box-sizing: border-box; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { height: 100%; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > [data-testid="stLayoutWrapper"]:has(> .st-key-slide-body) { flex: 1 1 0; min-height: 0; }
.st-key-slide-body { height: 100%; }
.st-key-slide-body > [data-testid="stLayoutWrapper"] { flex: 1 1 0; min-height: 0; }
.st-key-slide-body [data-testid="stHorizontalBlock"] { height: 100%; }
.st-key-slide-body [data-testid="stColumn"] > [data-testid="stVerticalBlock"] { height: 100%; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] label { font-size: 1.1rem !important; }
.st-key-slide-title p { font-size: 1.3rem !important; font-weight: 700; line-height: 1.3; margin: 0; }
.st-key-present-keys { display: none !important; }
.st-key-slide-deadlines p { font-size: 1rem !important; line-height: 1.35; }
.st-key-slide-deadlines [data-testid="stCaptionContainer"] p { font-size: 0.9rem !important; }
[data-testid="stMetricValue"] { font-size: 1.7rem; }
</style>
"""

# Keys a presentation clicker or keyboard sends: (button key, shortcut, step). Visible buttons take ← → Esc.
# Streamlit fires a button's shortcut even when the button is hidden (display: none), checked in the browser suite.
_HIDDEN_KEYS = (("present:pagedown", "PageDown", +1), ("present:space", "Space", +1),
                ("present:pageup", "PageUp", -1))


# Streamlit adds its own modebar button (Fullscreen) with an English title that plotly's locale does not reach;
# plotly draws every tooltip from the button's data-title, so CSS can say it in Chinese.
STREAMLIT_MODEBAR_KEYS = ("modebar_fullscreen", "modebar_close_fullscreen")


def base_style() -> None:
    css = BASE_CSS
    if lang() == "zh":
        css += "<style>" + "".join(
            f'.modebar-btn[data-title="{t(k, "en")}"]::after {{ content: "{t(k, "zh")}" !important; }}'
            for k in STREAMLIT_MODEBAR_KEYS) + "</style>"
    st.html(css)


def presenter_bar(snap: Snapshot) -> None:
    """In presenter mode: chrome hidden, one line with the slide's caption as its title, Prev, 'n / N', Next, Exit."""
    if not presenting():
        return
    st.html(PRESENT_CSS)
    slides = snap.project.config.presentation
    lg = lang()
    if not slides:
        st.button(t("present_exit", lg), on_click=stop_presenting, key="present:exit", shortcut="Esc")
        return
    n = min(max(1, st.session_state.get("slide") or 1), len(slides))
    s = slides[n - 1]
    cols = st.columns([6.6, 1.25, 0.75, 1.25, 1.15], vertical_alignment="center")
    with cols[0].container(key="slide-title"):
        st.markdown(plain(s.caption.zh if lg == "zh" else s.caption.en))
    cols[1].button(t("slide_prev", lg), on_click=go_to_slide, args=(n - 1,), disabled=n <= 1, key="present:prev",
                   shortcut="Left", width="stretch")
    cols[2].markdown(f"**{n} / {len(slides)}**")
    cols[3].button(t("slide_next", lg), on_click=go_to_slide, args=(n + 1,), disabled=n >= len(slides), key="present:next",
                   shortcut="Right", width="stretch")
    cols[4].button(t("present_exit", lg), on_click=stop_presenting, key="present:exit", shortcut="Esc", width="stretch")
    with st.container(key="present-keys"):
        for key, shortcut, step in _HIDDEN_KEYS:
            st.button(shortcut, key=key, on_click=go_to_slide, args=(n + step,), shortcut=shortcut)
        st.button("Home", key="present:home", on_click=go_to_slide, args=(1,), shortcut="Home")
        st.button("End", key="present:end", on_click=go_to_slide, args=(len(slides),), shortcut="End")


# ---- the shared sidebar ---------------------------------------------------------------------------


def _copy(key: str) -> None:
    st.session_state[key] = st.session_state[f"w:{key}"]


def _switch_language() -> None:
    """The language radio's callback: every widget shows its options in the new language on this same click.

    A selectbox keeps the option text it showed last until its value is set again; setting each widget's
    value to itself makes this run send it with the new labels.
    """
    _copy("lang")
    ss = st.session_state
    for key in [k for k in ss if isinstance(k, str) and k.startswith("w:") and k not in ("w:lang", "w:present")]:
        ss[key] = ss[key]


def sidebar(snap: Snapshot) -> None:
    cfg = snap.project.config
    lab = labels()
    ss = st.session_state
    names = [""] + [c.name for c in sorted(cfg.counties, key=lambda c: c.order) if c.kind != "city"]
    if ss.get("hl") not in names:
        ss["hl"] = ""
    # The state lives in plain keys (never purged when a widget is not drawn, e.g. while presenting);
    # each widget starts from it and copies its new value back.
    for key in session.GLOBAL_KEYS:
        ss[f"w:{key}"] = ss.get(key)
    with st.sidebar:
        st.radio(t("language", lang()), ["zh", "en"], key="w:lang", horizontal=True, on_change=_switch_language,
                 format_func=lambda x: {"zh": "中文", "en": "English"}[x])
        none = t("highlight_none", lang())  # bound now: format_func may be called after the run
        st.selectbox(t("highlight", lang()), names, key="w:hl", on_change=_copy, args=("hl",),
                     format_func=lambda x: lab.counties.get(x, x) if x else none, placeholder=t("placeholder_one", lang()))
        st.toggle(t("present", lang()), key="w:present", on_change=_copy, args=("present",))
        st.caption(plain(lab.gazette))
        st.caption(t("share_link", lang()))
