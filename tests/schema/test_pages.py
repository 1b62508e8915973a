"""targets.schema.pages, the one page registry: pages(), page_ids, default_page and sections, from small configs.

Each case starts from the small project of tests/conftest.py (themes grain and sewer, no navigation:,
no planner:) and changes only what it is about, so every expected list is worked out by hand below.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from targets.schema import pages as registry
from targets.schema.config import NavSection, PlannerSpec
from targets.schema.pages import PageSpec, Section

TOOLS_WITHOUT_PLANNER = ["compare", "profile", "data", "quality"]


@pytest.fixture
def config(mini):
    return mini.load().config


def nav(config, *sections: tuple[str, str, list[str]]):
    """The config with these navigation sections (zh, en, pages); unvalidated, as the registry takes any config."""
    return config.model_copy(update={"navigation": [NavSection(zh=zh, en=en, pages=p) for zh, en, p in sections]})


def with_planner(config, theme: str = "grain"):
    return config.model_copy(update={"planner": PlannerSpec(theme=theme, team_size="sown_area")})


def test_default_navigation_lists_overview_then_themes_then_tools(config):
    assert registry.page_ids(config) == ["overview", "grain", "sewer", *TOOLS_WITHOUT_PLANNER]
    assert registry.sections(config) == [Section("", "", None), Section("", "", "nav_themes"), Section("", "", "nav_tools")]
    assert [p.section for p in registry.pages(config)] == [0, 1, 1, 2, 2, 2, 2]


def test_theme_pages_share_one_script_and_tool_pages_have_their_own(config):
    by_id = {p.id: p for p in registry.pages(config)}
    assert by_id["grain"] == PageSpec("grain", registry.THEME_SCRIPT, "grain", 1)
    assert by_id["sewer"].script == registry.THEME_SCRIPT and by_id["sewer"].theme == "sewer"
    assert by_id["data"] == PageSpec("data", registry.TOOL_SCRIPTS["data"], None, 2)
    assert all(p.theme is None for p in registry.pages(config) if p.script != registry.THEME_SCRIPT)


def test_the_planner_shows_only_with_a_planner_section_naming_a_theme(config):
    assert "planner" not in registry.page_ids(config)
    assert registry.page_ids(with_planner(config))[-1] == "planner"
    assert "planner" not in registry.page_ids(with_planner(config, theme="no_such_theme"))
    assert registry.tool_available(with_planner(config), "planner") and not registry.tool_available(config, "planner")


def test_navigation_groups_and_orders_the_pages(config):
    cfg = nav(config, ("工具", "Tools", ["data", "compare"]), ("专题", "Themes", ["themes"]), ("", "", ["overview"]))
    assert registry.page_ids(cfg) == ["data", "compare", "grain", "sewer", "overview"]
    assert registry.sections(cfg) == [Section("工具", "Tools", None), Section("专题", "Themes", None), Section("", "", None)]
    assert [s.title("zh") for s in registry.sections(cfg)] == ["工具", "专题", None]  # untitled: None
    assert registry.sections(cfg)[0].title("en") == "Tools"


def test_a_theme_listed_alone_and_then_under_themes_appears_once(config):
    cfg = nav(config, ("", "", ["sewer"]), ("专题", "Themes", ["themes", "sewer"]))
    assert registry.page_ids(cfg) == ["sewer", "grain"]
    assert [p.section for p in registry.pages(cfg)] == [0, 1]


def test_unknown_and_repeated_names_are_skipped(config):
    # validation reports these; the registry must still give the app a page list
    cfg = nav(config, ("", "", ["overview", "nowhere", "overview", "planner", "compare", "compare"]))
    assert registry.page_ids(cfg) == ["overview", "compare"]


def test_default_page_is_the_overview_else_the_first_page(config):
    assert registry.default_page(config) == "overview"
    assert registry.default_page(nav(config, ("", "", ["sewer", "data"]), ("", "", ["overview"]))) == "overview"
    assert registry.default_page(nav(config, ("", "", ["data", "grain"]))) == "data"


def test_a_theme_added_in_config_is_a_page_with_no_code(mini):
    mini.edit("config.yaml", "  - id: sewer\n", "  - id: water\n    zh: 供水\n    en: Water\n    file: data/water.yaml\n"
              "    indicators:\n      - {id: water_km, zh: 供水管网, en: Water mains, unit: 公里}\n  - id: sewer\n")
    mini.write("data/water.yaml", mini.read("data/sewer.yaml").replace("theme: sewer", "theme: water")
               .replace("sewer_km", "water_km"))
    assert registry.page_ids(mini.load().config) == ["overview", "grain", "water", "sewer", *TOOLS_WITHOUT_PLANNER]


def test_every_tool_script_exists_and_is_in_the_default_navigation():
    from tests.conftest import REPO

    listed = {pid for _, ids in registry.DEFAULT_NAVIGATION for pid in ids}
    assert set(registry.TOOL_SCRIPTS) <= listed
    assert registry.THEMES_TOKEN in listed
    for script in [*registry.TOOL_SCRIPTS.values(), registry.THEME_SCRIPT]:
        assert (REPO / script).is_file(), script


def test_the_shipped_navigation_gives_every_theme_and_tool_a_page(shipped):
    ids = registry.page_ids(shipped.config)
    assert set(ids) == {t.id for t in shipped.config.themes} | set(registry.TOOL_SCRIPTS)
    assert len(ids) == len(set(ids))


# ---- a tool page is declared once: its TOOLS entry carries its script, title key and what it needs -----------------


def test_every_tool_page_is_declared_once_with_its_title_in_both_languages():
    import yaml

    from tests.conftest import REPO

    texts = yaml.safe_load((REPO / "i18n.yaml").read_text(encoding="utf-8"))
    for page_id, tool in registry.TOOLS.items():
        assert tool.id == page_id and registry.TOOL_SCRIPTS[page_id] == tool.script
        assert registry.title_key(page_id) == tool.title_key
        assert texts[tool.title_key].get("zh") and texts[tool.title_key].get("en"), tool.title_key
    assert {p.name for p in (REPO / "pages").glob("*.py")} == {
        Path(s).name for s in [*registry.TOOL_SCRIPTS.values(), registry.THEME_SCRIPT]}  # no script without an entry


def test_a_theme_page_has_no_title_key():
    assert registry.title_key("grain") is None


def test_the_default_navigation_is_read_from_the_tools_sections():
    assert registry.DEFAULT_NAVIGATION == (
        (None, tuple(t.id for t in registry.TOOLS.values() if t.section is None)),
        ("nav_themes", (registry.THEMES_TOKEN,)),
        ("nav_tools", tuple(t.id for t in registry.TOOLS.values() if t.section == "nav_tools")),
    )


def test_a_tool_that_needs_config_is_shown_only_with_it(config):
    needy = [t.id for t in registry.TOOLS.values() if t.needs is not None]
    assert needy  # the planner needs a `planner:` section
    assert all(not registry.tool_available(config, pid) for pid in needy if not registry.TOOLS[pid].needs(config))
    assert all(registry.tool_available(config, t.id) for t in registry.TOOLS.values() if t.needs is None)
