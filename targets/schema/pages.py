"""The one page registry: every page of the app, read from config.yaml.

Theme pages come from `themes:` (URL path = theme id, one shared script);
tool pages are the scripts in pages/ declared in TOOLS below (one entry each). `navigation:` in config.yaml
groups and orders them; without it, the default groups are used. Slides,
links and the app shell all take their page list from `pages(cfg)`.
No Streamlit here, so validation can check a slide's page without the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from targets.schema.config import Config

THEMES_TOKEN = "themes"  # in navigation: every theme, in config order
THEME_SCRIPT = "pages/theme.py"


@dataclass(frozen=True)
class ToolPage:
    """A tool page: its script in pages/, its title in i18n.yaml, and where the default navigation puts it."""
    id: str                         # URL path, and its name in config.yaml's navigation: and slides
    script: str                     # relative to the project root
    title_key: str                  # i18n.yaml key of its title in the navigation
    section: str | None = "nav_tools"                # i18n key of its default section; None: the untitled first one
    needs: Callable[[Config], bool] | None = None    # shown only when the config has what it needs


def _progress_tracked(cfg: Config) -> bool:
    return any(i.progress is not None for t in cfg.themes for i in t.indicators)


def _planner_configured(cfg: Config) -> bool:
    return cfg.planner is not None and any(t.id == cfg.planner.theme for t in cfg.themes)


# Every tool page, in default navigation order. A new tool page: its script in pages/ and one entry here
# (plus its title in i18n.yaml); navigation, links, slides and the config checks (inputs/refs.py) read this table.
TOOLS: dict[str, ToolPage] = {p.id: p for p in (
    ToolPage("overview", "pages/overview.py", "nav_overview", section=None),
    ToolPage("progress", "pages/progress.py", "nav_progress", section=None, needs=_progress_tracked),
    ToolPage("compare", "pages/compare.py", "nav_compare"),
    ToolPage("profile", "pages/profile.py", "nav_profile"),
    ToolPage("data", "pages/data.py", "nav_data"),
    ToolPage("quality", "pages/quality.py", "nav_quality"),
    ToolPage("planner", "pages/planner.py", "nav_planner", needs=_planner_configured),
)}
TOOL_SCRIPTS = {p.id: p.script for p in TOOLS.values()}  # id -> script


def _default_navigation() -> tuple[tuple[str | None, tuple[str, ...]], ...]:
    """(i18n key of the section title or None, page ids): the untitled section's tools, the themes, then each
    section's tools in the order TOOLS lists them."""
    sections: dict[str | None, list[str]] = {None: [], "nav_themes": [THEMES_TOKEN]}
    for tool in TOOLS.values():
        sections.setdefault(tool.section, []).append(tool.id)
    return tuple((key, tuple(ids)) for key, ids in sections.items() if ids)


DEFAULT_NAVIGATION = _default_navigation()


@dataclass(frozen=True)
class PageSpec:
    id: str                 # URL path
    script: str             # relative to the project root
    theme: str | None       # the theme a theme page shows
    section: int            # index into sections(cfg)


@dataclass(frozen=True)
class Section:
    zh: str
    en: str
    i18n_key: str | None    # default sections are titled from i18n.yaml

    def title(self, lang: str) -> str | None:
        """The section title, or None for an untitled section (Streamlit shows its pages first)."""
        return (self.zh if lang == "zh" else self.en) or None


def tool_available(cfg: Config, page_id: str) -> bool:
    tool = TOOLS.get(page_id)
    return tool is not None and (tool.needs is None or tool.needs(cfg))


def title_key(page_id: str) -> str | None:
    """The i18n.yaml key of a tool page's title (None for a theme page: its title is the theme's name)."""
    tool = TOOLS.get(page_id)
    return tool.title_key if tool else None


def _layout(cfg: Config) -> list[tuple[Section, list[str]]]:
    if cfg.navigation:
        return [(Section(s.zh, s.en, None), list(s.pages)) for s in cfg.navigation]
    return [(Section("", "", key), list(ids)) for key, ids in DEFAULT_NAVIGATION]


def sections(cfg: Config) -> list[Section]:
    return [sec for sec, _ in _layout(cfg)]


def pages(cfg: Config) -> list[PageSpec]:
    """Every page, in navigation order; unknown names are skipped (validation reports them)."""
    out: list[PageSpec] = []
    seen: set[str] = set()
    theme_ids = [t.id for t in cfg.themes]
    for i, (_, ids) in enumerate(_layout(cfg)):
        for pid in ids:
            if pid == THEMES_TOKEN:
                out += [PageSpec(t, THEME_SCRIPT, t, i) for t in theme_ids if t not in seen]
                seen.update(theme_ids)
            elif pid in theme_ids and pid not in seen:
                out.append(PageSpec(pid, THEME_SCRIPT, pid, i))
                seen.add(pid)
            elif pid in TOOLS and tool_available(cfg, pid) and pid not in seen:
                out.append(PageSpec(pid, TOOLS[pid].script, None, i))
                seen.add(pid)
    return out


def page_ids(cfg: Config) -> list[str]:
    return [p.id for p in pages(cfg)]


def default_page(cfg: Config) -> str:
    ids = page_ids(cfg)
    return "overview" if "overview" in ids else ids[0]
