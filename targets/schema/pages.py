"""The one page registry: every page of the app, read from config.yaml.

Theme pages come from `themes:` (URL path = theme id, one shared script);
tool pages are the scripts in pages/ named below. `navigation:` in config.yaml
groups and orders them; without it, the default groups are used. Slides,
links and the app shell all take their page list from `pages(cfg)`.
No Streamlit here, so validation can check a slide's page without the app.
"""

from __future__ import annotations

from dataclasses import dataclass

from targets.schema.config import Config

THEMES_TOKEN = "themes"  # in navigation: every theme, in config order
THEME_SCRIPT = "pages/theme.py"
# Tool pages: id -> script. A tool page is shown when navigation lists it (or by default) and, for the
# planner, when config.yaml has a `planner:` section.
TOOL_SCRIPTS = {
    "overview": "pages/overview.py",
    "compare": "pages/compare.py",
    "profile": "pages/profile.py",
    "data": "pages/data.py",
    "quality": "pages/quality.py",
    "planner": "pages/planner.py",
}
DEFAULT_NAVIGATION = (  # (i18n key of the section title or None, page ids)
    (None, ("overview",)),
    ("nav_themes", (THEMES_TOKEN,)),
    ("nav_tools", ("compare", "profile", "data", "quality", "planner")),
)


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
    if page_id == "planner":
        return cfg.planner is not None and any(t.id == cfg.planner.theme for t in cfg.themes)
    return page_id in TOOL_SCRIPTS


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
            elif pid in TOOL_SCRIPTS and tool_available(cfg, pid) and pid not in seen:
                out.append(PageSpec(pid, TOOL_SCRIPTS[pid], None, i))
                seen.add(pid)
    return out


def page_ids(cfg: Config) -> list[str]:
    return [p.id for p in pages(cfg)]


def default_page(cfg: Config) -> str:
    ids = page_ids(cfg)
    return "overview" if "overview" in ids else ids[0]
