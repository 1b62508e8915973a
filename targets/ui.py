"""The thin Streamlit layer: the only module in targets/ that imports streamlit.

It holds the shared pieces every page uses — the data snapshot with its
error banner, the language and highlight state mirrored in the URL, and the
chart block (figure, caption with source, data table, downloads) — so pages
stay a list of widgets.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from pathlib import Path

import pandas as pd
import streamlit as st

from . import export, geo
from .fmt import localize
from .i18n import Labels, t
from .state import Snapshot, Store
from .urlstate import Notice, parse, to_params

ROOT = Path(__file__).resolve().parent.parent
CONFIG_ENV = "TARGETS_CONFIG"
GLOBAL_KEYS = ("lang", "hl", "present")
TABLE_ROWS = 5_000  # rows drawn in a browser table; the downloads always hold every row
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def plain(text: object) -> str:
    """Text from config or data, made inert for st.markdown/st.caption (no links, HTML or formatting)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


@st.cache_resource(show_spinner=False)
def _store(config_path: str) -> Store:
    # One store per process: every session reads the same immutable snapshot.
    return Store(config_path)


def config_path() -> str:
    return os.environ.get(CONFIG_ENV) or str(ROOT / "config.yaml")


def snapshot() -> Snapshot:
    """The current data; shows the error banner when the files are broken, stops the page if nothing valid exists."""
    view = _store(config_path()).current()
    lang = st.session_state.get("lang", "zh")
    if view.problems:
        lines = "\n".join(p.render() for p in view.problems[:50])
        if view.snapshot is None:
            st.error(t("no_data_loaded", lang))
            st.code(lines, language=None)
            st.stop()
        st.warning(t("stale_banner", lang, time=view.snapshot.loaded_at.strftime("%Y-%m-%d %H:%M:%S")))
        st.code(lines, language=None)
    # Pages read this run's snapshot, so one run never mixes two versions of the data.
    st.session_state["_snap"] = view.snapshot
    return view.snapshot


def current() -> Snapshot:
    """The snapshot app.py took for this run."""
    return st.session_state.get("_snap") or snapshot()


# ---- state shared through the URL ----------------------------------------------------------


def init_state(snap: Snapshot) -> None:
    """On a session's first run, read the link's parameters once; later runs keep session state."""
    ss = st.session_state
    if "seed" in ss:
        return
    state, notices = parse(st.query_params.to_dict(), snap.project.config)
    ss["seed"] = dict(state)
    ss["notices"] = notices
    ss["lang"] = state.get("lang", snap.project.config.display.default_language)
    ss["hl"] = state.get("hl", "")
    ss["present"] = bool(state.get("present", False))
    ss["slide"] = state.get("slide")
    ss["mem"] = {}


def show_notices() -> None:
    notices: list[Notice] = st.session_state.pop("notices", [])
    for n in notices:
        st.toast(t("bad_param", lang(), key=plain(n.key), value=plain(n.value[:40])))


def lang() -> str:
    return st.session_state.get("lang", "zh")


def labels(snap: Snapshot) -> Labels:
    return Labels(snap.project.config, lang())


def remembered(key: str, options: list, default, page: str):
    """The value a page widget starts with: what this session chose before, else the link's, else the default."""
    ss = st.session_state
    mem = ss.setdefault("mem", {})
    seed = ss.get("seed", {})
    if key in mem and _valid(mem[key], options):
        return mem[key]
    param = key.split(":")[0]
    if seed.get("page") == page and param in seed:
        if _valid(seed[param], options):
            return seed[param]
        # Well-formed but not offered here (e.g. an indicator of another theme): default, with a notice.
        ss.setdefault("notices", []).append(Notice(param, str(seed[param])))
        del seed[param]
    return default


def _valid(value, options: list) -> bool:
    return all(v in options for v in value) if isinstance(value, list) else value in options


def claim_seed(page: str) -> None:
    """The link's page-level parameters belong to the page the link opened."""
    seed = st.session_state.get("seed", {})
    seed.setdefault("page", page)


def select(label: str, options: list, *, key: str, page: str, default=None, format_func=str, widget=None, **kw):
    """A selectbox (or radio/segmented control) that survives page switches and lives in the URL."""
    if not options:
        return None
    wkey = f"w:{key}"
    if wkey not in st.session_state or st.session_state[wkey] not in options:
        st.session_state[wkey] = remembered(key, options, default if default in options else options[0], page)
    value = (widget or st.selectbox)(label, options, key=wkey, format_func=format_func, **kw)
    st.session_state["mem"][key] = value
    return value


def multiselect(label: str, options: list, *, key: str, page: str, default: list, format_func=str, max_selections=6):
    wkey = f"w:{key}"
    if wkey not in st.session_state:
        st.session_state[wkey] = remembered(key, options, default, page)
    value = st.multiselect(label, options, key=wkey, format_func=format_func, max_selections=max_selections)
    st.session_state["mem"][key] = value
    return value


def publish(**page_state) -> None:
    """Mirror the global and page state into the URL so the address bar is a share link."""
    state = {k: st.session_state.get(k) for k in GLOBAL_KEYS}
    state["hl"] = state["hl"] or None
    state["present"] = True if state["present"] else None
    state["slide"] = st.session_state.get("slide") if state["present"] else None
    state.update(page_state)
    params = to_params(state)
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


# ---- the chart block ---------------------------------------------------------------------------


def caption(snap: Snapshot, source: str, ref: str) -> str:
    """'Source: document number, title, date, table' for the first data file with that document number."""
    for data in snap.project.data.values():
        if data.source.doc_number == source:
            return t("source_caption", lang(), doc=source, title=data.source.title, date=data.source.issued, ref=ref)
    return source


def indicator_unit(cfg, indicator: str) -> str:
    return next(i.unit for x in cfg.themes for i in x.indicators if i.id == indicator)


def map_words(lab: Labels) -> dict:
    """The map's county names and no-data words in the chosen language."""
    names = lab.counties
    if lab.lang == "en":  # short names on the map ("Lin", "Xiaoyi"); the hover keeps no more room either
        names = {k: re.sub(r" (County|District|City)$", "", v) for k, v in names.items()}
    return {"display_names": names, "no_data_text": t("map_no_data", lab.lang), "grey_note": t("map_grey_note", lab.lang)}


_FIGURES: OrderedDict = OrderedDict()
_FIGURES_LOCK = threading.Lock()
MAX_FIGURES = 256


def cached(key: tuple, build):
    """A chart built once per key (which starts with the snapshot's fingerprint) and shared read-only."""
    with _FIGURES_LOCK:
        if key in _FIGURES:
            _FIGURES.move_to_end(key)
            return _FIGURES[key]
    fig = build()
    with _FIGURES_LOCK:
        _FIGURES[key] = fig
        while len(_FIGURES) > MAX_FIGURES:
            _FIGURES.popitem(last=False)
    return fig


def figure(fig, *, filename: str, key: str) -> None:
    st.plotly_chart(fig, config=geo.plotly_config(filename), key=key, width="stretch", theme=None)


def data_table(rows: pd.DataFrame, lab: Labels, *, name: str, key: str) -> None:
    """'Show data': exactly the rows on screen, as a table and as CSV/XLSX downloads."""
    with st.expander(t("show_data", lang())):
        if len(rows) > TABLE_ROWS:
            st.caption(t("top_only", lang(), n=TABLE_ROWS, total=len(rows)))
        st.dataframe(display_frame(rows.head(TABLE_ROWS), lab), hide_index=True, width="stretch")
        c1, c2 = st.columns(2)
        # Files are made only when clicked (a callable), and a click does not rerun the page.
        c1.download_button(t("download_csv", lang()), lambda: export.to_csv(rows), file_name=f"{name}.csv",
                           mime="text/csv", key=f"{key}:csv", on_click="ignore")
        c2.download_button(t("download_xlsx", lang()), lambda: export.to_xlsx(rows), file_name=f"{name}.xlsx",
                           mime=XLSX_MIME, key=f"{key}:xlsx", on_click="ignore")


def display_frame(rows: pd.DataFrame, lab: Labels) -> pd.DataFrame:
    """The tidy rows with readable, translated column names and labels."""
    zh = lab.lang == "zh"
    kinds = {k: t(f"kind_{k}", lab.lang) for k in ("county", "stated_total", "text", "standard")}
    out = pd.DataFrame({
        t("theme", lab.lang): rows["theme"].astype(str).map(lambda x: lab.themes.get(x, x)),
        t("indicator", lab.lang): rows["indicator_zh" if zh else "indicator_en"].astype(str),
        t("county", lab.lang): rows["county"].astype(str).map(lambda x: lab.counties.get(x, x)),
        t("period", lab.lang): rows["period"].astype(str).map(lambda x: lab.periods.get(x, x)),
        t("target", lab.lang): [localize(lbl, lab.lang) if st_ == "value" else (t("no_task", lab.lang) if st_ == "no_task" else (lbl or t("blank", lab.lang)))
                                for lbl, st_ in zip(rows["label"].astype(str), rows["status"].astype(str))],
        t("unit", lab.lang): rows["unit"].astype(str).map(lab.unit),
        t("kind", lab.lang): rows["kind"].astype(str).map(kinds),
        t("source", lab.lang): rows["source"].astype(str) + " " + rows["source_ref"].astype(str),
    })
    return out


# ---- app shell -----------------------------------------------------------------------------------

PAGES = [  # (url path, script, i18n key or theme id, section)
    ("overview", "pages/overview.py", "nav_overview", None),
    ("grain", "pages/grain.py", "grain", "nav_themes"),
    ("sewer", "pages/sewer.py", "sewer", "nav_themes"),
    ("pigs", "pages/pigs.py", "pigs", "nav_themes"),
    ("forest_fire", "pages/forest_fire.py", "forest_fire", "nav_themes"),
    ("compare", "pages/compare.py", "nav_compare", "nav_tools"),
    ("profile", "pages/profile.py", "nav_profile", "nav_tools"),
    ("data", "pages/data.py", "nav_data", "nav_tools"),
    ("quality", "pages/quality.py", "nav_quality", "nav_tools"),
    ("planner", "pages/planner.py", "nav_planner", "nav_tools"),
]


def navigation(snap: Snapshot):
    """st.navigation over the pages, titled in the chosen language (theme names from config)."""
    lab = labels(snap)
    sections: dict[str, list] = {}
    for url, script, title_key, section in PAGES:
        title = lab.themes[title_key] if title_key in lab.themes else t(title_key, lab.lang)
        page = st.Page(str(ROOT / script), title=title, url_path=url, default=url == "overview")
        sections.setdefault(t(section, lab.lang) if section else lab.title, []).append(page)
    _pages.update({p.url_path: p for group in sections.values() for p in group})
    return st.navigation(sections, position="hidden" if presenting() else "sidebar")


_pages: dict = {}  # url path -> st.Page of this run, for switching pages from a slide


def presenting() -> bool:
    return bool(st.session_state.get("present"))


def go_to_slide(n: int) -> None:
    """Button callback: the next run applies slide n (filters, highlight, page)."""
    st.session_state["slide"] = n
    st.session_state["slide_applied"] = None


def stop_presenting() -> None:
    st.session_state["present"] = False


def apply_slide(snap: Snapshot, page) -> None:
    """Put the current slide's filters into session state and switch to its page, once per slide change."""
    ss = st.session_state
    slides = snap.project.config.presentation
    n = ss.get("slide")
    if not presenting() or not slides or not n or ss.get("slide_applied") == n:
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
    ss["hl"] = s.county if s.county and s.page != "profile" else ""
    ss["slide"] = n
    ss["slide_applied"] = n
    if page.url_path != s.page and s.page in _pages:
        st.switch_page(_pages[s.page])


PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], #MainMenu, footer, .modebar-container { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 0.6rem 1.6rem 1rem 1.6rem !important; max-width: 100% !important; }
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] label { font-size: 1.15rem !important; }
[data-testid="stMain"] h1 { font-size: 2rem !important; padding: 0.2rem 0 !important; }
</style>
"""


def presenter_bar(snap: Snapshot) -> None:
    """In presenter mode: chrome hidden, a one-line bar with Exit, Prev, 'n / N', the caption and Next."""
    if not presenting():
        return
    st.html(PRESENT_CSS)
    slides = snap.project.config.presentation
    lg = lang()
    n = st.session_state.get("slide") or 0
    cols = st.columns([1.4, 1.3, 0.7, 6.6, 1.3], vertical_alignment="center")
    cols[0].button(t("present_exit", lg), on_click=stop_presenting, key="present:exit")
    if not slides:
        return
    cols[1].button(t("slide_prev", lg), on_click=go_to_slide, args=(n - 1,), disabled=n <= 1, key="present:prev")
    cols[2].markdown(f"**{n if n else '–'} / {len(slides)}**")
    if n:
        s = slides[n - 1]
        cols[3].markdown(f"**{plain(s.caption.zh if lg == 'zh' else s.caption.en)}**")
    cols[4].button(t("slide_next", lg), on_click=go_to_slide, args=(n + 1,), disabled=n >= len(slides), key="present:next")


def _copy(key: str) -> None:
    st.session_state[key] = st.session_state[f"w:{key}"]


def sidebar(snap: Snapshot) -> None:
    cfg = snap.project.config
    lab = labels(snap)
    ss = st.session_state
    names = [""] + [c.name for c in sorted(cfg.counties, key=lambda c: c.order) if c.kind != "city"]
    if ss.get("hl") not in names:
        ss["hl"] = ""
    # The state lives in plain keys (never purged when a widget is not drawn, e.g. while presenting);
    # each widget starts from it and copies its new value back.
    for key in GLOBAL_KEYS:
        ss[f"w:{key}"] = ss.get(key)
    with st.sidebar:
        st.radio(t("language", lang()), ["zh", "en"], key="w:lang", horizontal=True, on_change=_copy, args=("lang",),
                 format_func=lambda x: {"zh": "中文", "en": "English"}[x])
        none = t("highlight_none", lang())  # bound now: format_func may be called after the run
        st.selectbox(t("highlight", lang()), names, key="w:hl", on_change=_copy, args=("hl",),
                     format_func=lambda x: lab.counties.get(x, x) if x else none)
        st.toggle(t("present", lang()), key="w:present", on_change=_copy, args=("present",))
        st.caption(plain(lab.gazette))
        st.caption(t("share_link", lang()))


# ---- the four theme pages share one layout ---------------------------------------------------------


def theme_page(theme: str) -> None:
    from . import charts, views  # local: keeps `import targets.ui` light for the shell

    snap = current()
    f, cfg, lab = snap.project.frame, snap.project.config, labels(snap)
    lg = lang()
    data = snap.project.data[theme]
    big = presenting()
    st.title(plain(lab.themes[theme]))
    if not big:
        st.caption(plain(f"{data.source.doc_number}《{data.source.title}》 {data.source.issued}"))

    indicators = views.indicator_options(f, cfg, theme)
    if not indicators:
        st.info(t("no_data", lg))
        return
    # Presenting: filters fold away so the main chart fits a 1280×720 screen share.
    c1, c2 = (st.expander(t("filters", lg)) if big else st.container()).columns(2)
    with c1:
        ind = select(t("indicator", lg), indicators, key=f"ind:{theme}", page=theme,
                     default=cfg.display.default_indicator.get(theme), format_func=lambda x: lab.indicators.get(x, x))
    periods = views.period_options(f, cfg, theme, ind)
    with c2:
        period = select(t("period", lg), periods, key=f"period:{theme}", page=theme, default=periods[0],
                        format_func=lambda x: lab.periods.get(x, x))
    publish(ind=ind, period=period)
    indicator = next(i for x in cfg.themes for i in x.indicators if i.id == ind)
    unit = lab.unit(indicator.unit)
    hl = st.session_state.get("hl") or None
    no_value = {"no_task": t("no_task", lg), "blank": t("blank", lg)}

    rows = views.indicator_slice(f, cfg, theme, ind, period)
    total = views.stated_total(f, theme, ind, period)
    avg = views.county_average(rows)
    avg_fmt = ",.2f" if indicator.format == "g" else indicator.format  # a computed mean, not a gazette figure
    ranked = views.top(views.ranked(rows), keep=st.session_state.get("hl") or None)
    title_fields = {"indicator": lab.indicators[ind], "unit": unit, "period": lab.periods.get(period, period)}

    if not big:
        m = st.columns(3)
        if total is not None:
            m[0].metric(t("stated_total", lg), f"{total['label']} {unit}")
        m[1].metric(t("city_average", lg), f"{views.number(avg, avg_fmt)} {unit}" if avg == avg else "—")
        m[2].metric(t("units_with_target", lg), f"{int((rows['status'] == 'value').sum())} / {len(rows)}")

    if len(ranked) < len(rows):
        st.caption(t("top_only", lg, n=len(ranked), total=len(rows)))
    # Figures depend only on the data snapshot and these choices: built once, reused by every rerun and session.
    k = (snap.fingerprint, theme, ind, period, hl, lg, big)
    left, right = st.columns([3, 2])
    with left:
        fig = cached(k + ("bars",), lambda: charts.ranked_bars(ranked, title=t("ranked_title", lg, **title_fields), unit_label=unit,
                                 indicator_label=lab.indicators[ind], names=ranked["county"].map(lab.counties),
                                 fmt=indicator.format, ref_fmt=avg_fmt, highlight=hl, no_value_text=no_value, lang=lg, large=big,
                                 reference=[(t("city_average", lg), avg)], height=500 if big else None))
        figure(fig, filename=f"{theme}_{ind}_{period}_ranked", key=f"bars:{theme}")
        st.caption(plain(caption(snap, data.source.doc_number, rows["source_ref"].iloc[0])))
    with right:
        map_rows = rows[rows["on_map"] == True]  # noqa: E712 - a column of booleans
        if len(map_rows):
            mfig = cached(k + ("map",), lambda: geo.map_figure(map_rows.assign(label_shown=[lbl if s == "value" else no_value.get(s, "") for lbl, s in
                                                              zip(map_rows["label"], map_rows["status"])],
                                                  unit_shown=unit),
                                  geojson=geo.load_counties(), value_col="value", name_col="county",
                                  label_col="label_shown", title=t("map_title", lg, **title_fields),
                                  hover_cols={"unit_shown": t("unit", lg), "source": t("source", lg)},
                                  highlight=hl if hl in set(map_rows["county"]) else None, colorbar_title=unit,
                                  height=500 if big else 460,
                                  **map_words(lab)))
            figure(mfig, filename=f"{theme}_{ind}_{period}_map", key=f"map:{theme}")
        off_map = rows[rows["on_map"] == False]  # noqa: E712
        if len(off_map):
            st.markdown(f"**{t('not_on_map', lg)}**")
            st.dataframe(pd.DataFrame({t("county", lg): off_map["county"].map(lab.counties),
                                       t("target", lg): [f"{lbl} {unit}" if s == "value" else no_value.get(s, "") for lbl, s in
                                                         zip(off_map["label"], off_map["status"])]}),
                         hide_index=True, width="stretch")
    shown = [rows]

    if len(periods) > 1:
        per = views.top_by_period(views.by_period(f, cfg, theme, ind), keep=hl)
        pfig = cached(k + ("periods",), lambda: charts.period_bars(per, title=t("periods_title", lg, **title_fields), unit_label=unit,
                                  indicator_label=lab.indicators[ind], names=lab.counties, period_names=lab.periods,
                                  highlight=hl, lang=lg, no_value_text=no_value, large=big))
        figure(pfig, filename=f"{theme}_{ind}_by_period", key=f"periods:{theme}")
        shown.append(per)
    for spec in cfg.progress:
        if spec.theme != theme:
            continue
        prog = views.progress(f, cfg, spec)
        if len(prog):
            ind_names = lab.indicators
            afig = cached(k + ("progress", spec.cumulative), lambda: charts.progress_animation(
                prog, title=spec.zh if lg == "zh" else spec.en, unit_label=lab.unit(indicator_unit(cfg, spec.cumulative)),
                bar_name=t("progress_cumulative", lg, indicator=ind_names[spec.cumulative]),
                target_name=ind_names.get(spec.targets, "") if spec.targets else "",
                goal_name=ind_names[spec.goal.indicator] if spec.goal else "", period_names=lab.periods, lang=lg, large=big))
            figure(afig, filename=f"{theme}_{spec.cumulative}_progress", key=f"progress:{theme}:{spec.cumulative}")
            st.caption(plain(t("progress_caption", lg)))
    city = views.city_by_period(f, cfg, theme, ind)
    if len(city) > 1:
        kinds = {k: t(f"kind_{k}", lg) for k in ("stated_total", "text")}
        cfig = cached(k + ("city",), lambda: charts.city_periods(city, title=t("city_title", lg, **title_fields), unit_label=unit,
                                   indicator_label=lab.indicators[ind], period_names=lab.periods, kind_names=kinds,
                                   lang=lg, large=big))
        figure(cfig, filename=f"{theme}_{ind}_city_by_period", key=f"city:{theme}")
        shown.append(city)
    on_screen = pd.concat(shown, ignore_index=True)[list(f.columns)].drop_duplicates(
        subset=["theme", "indicator", "county", "period", "kind", "item_id"])
    data_table(on_screen, lab, name=f"{theme}_{ind}_{period}", key=f"data:{theme}")

    texts = views.text_figures(f, theme)
    if len(texts):
        st.subheader(t("text_figures", lg))
        st.dataframe(display_frame(texts, lab).assign(**{"原文" if lg == "zh" else "Quote": texts["quote"].astype(str)}),
                     hide_index=True, width="stretch")
