"""A session's state: the data snapshot of this run, and the view state mirrored in the URL.

Pages read shared state only through the accessors here (`current`, `lang`,
`highlight`, `presenting`, `page_id`, `labels`), never through raw
session_state keys, so the keys can change in one place.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import streamlit as st

from targets.core.quote import show
from targets.frame.i18n import LANGS, Labels, t
from targets.ops.store import Snapshot, Store
from targets.ui.urlstate import Notice, parse, to_params
from targets.ui.text import plain

ROOT = Path(__file__).resolve().parents[2]
CONFIG_ENV = "TARGETS_CONFIG"
GLOBAL_KEYS = ("lang", "hl", "present")
MAX_NOTICES = 5  # link problems listed in the one notice; more are counted


def _store(config_path: str) -> Store:
    # One store per process and config (shared with the health check): every session reads the same snapshot.
    return Store.shared(config_path)


def config_path() -> str:
    return os.environ.get(CONFIG_ENV) or str(ROOT / "config.yaml")


def snapshot() -> Snapshot:
    """Take this run's snapshot (app.py, once per run); shows the error banner, stops if nothing valid exists."""
    view = _store(config_path()).current()
    lg = lang() if "lang" in st.session_state else _first_language(view.snapshot)
    if view.problems:
        lines = "\n".join(p.render(lg) for p in view.problems[:50])  # in the session's language
        if view.snapshot is None:
            st.error(t("no_data_loaded", lg))
            st.markdown(_problem_list(lines))
            st.stop()
        st.warning(t("stale_banner", lg, time=view.snapshot.loaded_at.strftime("%Y-%m-%d %H:%M:%S")))
        st.markdown(_problem_list(lines))
    # Pages read this run's snapshot, so one run never mixes two versions of the data.
    st.session_state["_snap"] = view.snapshot
    return view.snapshot


def _first_language(snap: Snapshot | None) -> str:
    """A session's first run, before init_state: the link's language (?lang=en), else the config's default, so
    a banner on the very first page is in the reader's language."""
    asked = st.query_params.get("lang")
    if asked in LANGS:
        return asked
    return snap.project.config.display.default_language if snap is not None else LANGS[0]


def _problem_list(lines: str) -> str:
    # A wrapped list, not a code block: long messages must not scroll sideways.
    return "\n".join(f"- {plain(line)}" for line in lines.splitlines())


def current() -> Snapshot:
    """The snapshot app.py took for this run."""
    return st.session_state.get("_snap") or snapshot()


def lang() -> str:
    return st.session_state.get("lang", "zh")


def labels() -> Labels:
    return Labels(current().project.config, lang())


def highlight() -> str | None:
    """The highlighted county, or None."""
    return st.session_state.get("hl") or None


def presenting() -> bool:
    return bool(st.session_state.get("present"))


def page_id() -> str:
    """The id (URL path) of the page this run shows; a theme page's id is its theme id."""
    return st.session_state.get("_page", "")


def set_page_id(pid: str) -> None:
    st.session_state["_page"] = pid


def slide() -> int | None:
    return st.session_state.get("slide")


def slide_spec():
    """The slide on screen while presenting (its layout rules: charts, top), else None."""
    if not presenting():
        return None
    slides = current().project.config.presentation
    n = slide()
    return slides[min(max(1, n), len(slides)) - 1] if slides and n else None


# ---- the link's parameters ----------------------------------------------------------------------


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
    # A presentation always shows a slide: ?present=1 alone opens slide 1.
    ss["slide"] = state.get("slide") or (1 if ss["present"] and snap.project.config.presentation else None)
    ss["mem"] = {}


def show_notices() -> None:
    """Every link problem of this run in one notice (never a toast per parameter)."""
    notices: list[Notice] = st.session_state.pop("notices", [])
    if not notices:
        return
    lg = lang()
    shown = [f"{plain(n.key)}={plain(show(n.value, 40).strip(chr(39)))}" for n in notices[:MAX_NOTICES]]
    more = len(notices) - len(shown)
    text = t("bad_params", lg, params="、".join(shown) if lg == "zh" else ", ".join(shown))
    if more:
        text += t("bad_params_more", lg, n=more)
    st.toast(text, icon="⚠️")


def _remembered(key: str, options: list, default, page: str):
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
    st.session_state.get("seed", {}).setdefault("page", page)


def select(label: str, options: list, *, key: str, default=None, format_func=str, widget=None, **kw):
    """A selectbox (or radio) that survives page switches and lives in the URL."""
    if not options:
        return None
    wkey = f"w:{key}"
    if wkey not in st.session_state or st.session_state[wkey] not in options:
        st.session_state[wkey] = _remembered(key, options, default if default in options else options[0], page_id())
    if widget is None:  # a selectbox; radios have no placeholder
        value = st.selectbox(label, options, key=wkey, format_func=format_func, placeholder=t("placeholder_one", lang()), **kw)
    else:
        value = widget(label, options, key=wkey, format_func=format_func, **kw)
    st.session_state["mem"][key] = value
    return value


def chosen(options: list, *, key: str, default=None):
    """What `select` would show, without drawing it (presenter mode: the slide sets the filters)."""
    if not options:
        return None
    value = _remembered(key, options, default if default in options else options[0], page_id())
    st.session_state.setdefault("mem", {})[key] = value
    return value


def chosen_many(options: list, *, key: str, default: list) -> list:
    """What `multiselect` would show, without drawing it."""
    value = _remembered(key, options, default, page_id())
    st.session_state.setdefault("mem", {})[key] = value
    return value


def multiselect(label: str, options: list, *, key: str, default: list, format_func=str, max_selections=6):
    wkey = f"w:{key}"
    if wkey not in st.session_state:
        st.session_state[wkey] = _remembered(key, options, default, page_id())
    value = st.multiselect(label, options, key=wkey, format_func=format_func, max_selections=max_selections,
                           placeholder=t("placeholder_many", lang()))
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


# ---- dates (the progress views' as-of date, `asof=` in the URL) --------------------------------------------


def _start_date(key: str, default: date, first: date, last: date) -> date:
    """What a date widget starts with: this session's choice, else the link's, else the default; within range."""
    ss = st.session_state
    mem = ss.setdefault("mem", {})
    seed = ss.get("seed", {})
    raw = mem.get(key)
    if raw is None and key in seed and seed.get("page") == page_id():
        raw = seed[key]
    try:
        value = date.fromisoformat(raw) if isinstance(raw, str) else default
    except ValueError:
        value = default
    if not first <= value <= last:
        if raw is not None:  # a date the data has nothing for: the default, with a notice
            ss.setdefault("notices", []).append(Notice(key, str(raw)))
            seed.pop(key, None)
        value = min(max(default, first), last)
    return value


def pick_date(label: str, *, key: str, default: date, first: date, last: date) -> date:
    """A date picker that survives page switches and lives in the URL (as YYYY-MM-DD)."""
    wkey = f"w:{key}"
    held = st.session_state.get(wkey)
    if not isinstance(held, date) or not first <= held <= last:
        st.session_state[wkey] = _start_date(key, default, first, last)
    value = st.date_input(label, key=wkey, min_value=first, max_value=last, format="YYYY-MM-DD")
    st.session_state["mem"][key] = value.isoformat()
    return value


def chosen_date(*, key: str, default: date, first: date, last: date) -> date:
    """What `pick_date` would show, without drawing it (presenter mode: the slide sets the date)."""
    value = _start_date(key, default, first, last)
    st.session_state.setdefault("mem", {})[key] = value.isoformat()
    return value
