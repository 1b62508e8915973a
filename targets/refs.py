"""Cross-references: every name a file uses must be declared in config.yaml.

Each check is a named function returning (key path, message) pairs; the loader
turns them into located Problems. Nothing here raises.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator

from . import registry
from .errors import show
from .schema import DEFAULT_MAX_VALUE, Cell, Config, DataFile

Found = Iterator[tuple[tuple, str]]


def near(value: object, options: Iterable[str]) -> str:
    """'; did you mean 'x'?' for a near miss of a name, unit, period or indicator; '' otherwise."""
    if not isinstance(value, str):
        return ""
    hit = difflib.get_close_matches(value, list(options), n=1, cutoff=0.5)
    return f"; did you mean '{hit[0]}'?" if hit else ""


def city_name(cfg: Config) -> str:
    """The unit with kind: city (the whole city): stated totals and city-wide figures belong to it."""
    return next(c.name for c in cfg.counties if c.kind == "city")


def county_lookup(cfg: Config) -> dict[str, str]:
    """Every name or alias an analyst may write, mapped to the official name."""
    out: dict[str, str] = {}
    for c in cfg.counties:
        out[c.name] = c.name
        for a in c.aliases:
            out[a] = c.name
    return out


def _duplicates(values: list[str]) -> set[str]:
    return {v for v, n in Counter(values).items() if n > 1}


def config_refs(cfg: Config) -> Found:
    yield from _unique_names(cfg)
    yield from _one_city(cfg)
    yield from _adcodes(cfg)
    yield from _indicator_units(cfg)
    yield from _display_defaults(cfg)
    yield from _cards(cfg)
    yield from _navigation(cfg)
    yield from _planner(cfg)
    yield from _slides(cfg)
    yield from _progress(cfg)


def _one_city(cfg: Config) -> Found:
    cities = [i for i, c in enumerate(cfg.counties) if c.kind == "city"]
    if not cities:
        yield ("counties",), "no unit has kind: city; add the whole city (e.g. {name: 全市, kind: city, ...}) to hold its totals"
    for i in cities[1:]:
        yield ("counties", i, "kind"), f"'{cfg.counties[i].name}' is a second unit with kind: city; only one unit is the whole city"


def _adcodes(cfg: Config) -> Found:
    codes = [c.adcode for c in cfg.counties if c.adcode]
    dup = _duplicates(codes)
    for i, c in enumerate(cfg.counties):
        if c.on_map and not c.adcode:
            yield ("counties", i), f"'{c.name}' is on_map but has no adcode; add its administrative-division code (e.g. adcode: \"141124\") or set on_map: false"
        if c.adcode in dup:
            yield ("counties", i, "adcode"), f"adcode '{c.adcode}' is used by two units; each code belongs to one county"


def map_refs(cfg: Config, known: dict[str, str]) -> Found:
    """Every on-map county's adcode must be a feature of the boundary file ({adcode: name})."""
    for i, c in enumerate(cfg.counties):
        if c.on_map and c.adcode and c.adcode not in known:
            yield ("counties", i, "adcode"), (f"adcode '{c.adcode}' is not in the map's boundary file ({cfg.map.boundaries}); "
                                              f"expected one of {sorted(known)}{near(c.adcode, known)}")


def _cards(cfg: Config) -> Found:
    periods = {p.id for p in cfg.periods}
    for ti, t in enumerate(cfg.themes):
        if t.card is None:
            continue
        known = [x.id for x in t.indicators]
        if t.card.indicator not in known:
            yield ("themes", ti, "card", "indicator"), f"unknown indicator {show(t.card.indicator)} for theme {t.id}; expected one of {known}{near(t.card.indicator, known)}"
        if t.card.period is not None and t.card.period not in periods:
            yield ("themes", ti, "card", "period"), f"unknown period {show(t.card.period)}; expected one of {sorted(periods)}{near(t.card.period, periods)}"


def _navigation(cfg: Config) -> Found:
    themes = [t.id for t in cfg.themes]
    for ti, t in enumerate(cfg.themes):
        if t.id in registry.TOOL_SCRIPTS or t.id == registry.THEMES_TOKEN:
            yield ("themes", ti, "id"), f"theme id '{t.id}' is the name of a page of the app; choose another id (it becomes the page's address)"
    allowed = [registry.THEMES_TOKEN, *themes, *registry.TOOL_SCRIPTS]
    seen: set[str] = set()
    for si, sec in enumerate(cfg.navigation):
        for pi, pid in enumerate(sec.pages):
            at = ("navigation", si, "pages", pi)
            if pid not in allowed:
                yield at, f"unknown page {show(pid)}; expected '{registry.THEMES_TOKEN}' (every theme), a theme id or one of {list(registry.TOOL_SCRIPTS)}{near(pid, allowed)}"
            elif pid == "planner" and cfg.planner is None:
                yield at, "the planner page needs a planner: section (theme, team_size) in config.yaml; add it or remove the page"
            elif pid in seen:
                yield at, f"page '{pid}' is listed twice; list each page once"
            seen.add(pid)
    if cfg.navigation and not registry.pages(cfg):
        yield ("navigation",), "no page to show; list at least one page (e.g. overview)"


def _planner(cfg: Config) -> Found:
    p = cfg.planner
    if p is None:
        return
    themes = {t.id: [x.id for x in t.indicators] for t in cfg.themes}
    if p.theme not in themes:
        yield ("planner", "theme"), f"unknown theme {show(p.theme)}; expected one of {sorted(themes)}{near(p.theme, themes)}"
        return
    for key in ("team_size", "township_size"):
        ind = getattr(p, key)
        if ind is not None and ind not in themes[p.theme]:
            yield ("planner", key), f"unknown indicator {show(ind)} for theme {p.theme}; expected one of {themes[p.theme]}{near(ind, themes[p.theme])}"




def _unique_names(cfg: Config) -> Found:
    names = [c.name for c in cfg.counties] + [a for c in cfg.counties for a in c.aliases]
    dup = _duplicates(names)
    for i, c in enumerate(cfg.counties):
        if c.name in dup:
            yield ("counties", i, "name"), f"county name or alias '{c.name}' is used twice; each name must be unique"
        for j, a in enumerate(c.aliases):
            if a in dup:
                yield ("counties", i, "aliases", j), f"alias '{a}' is used twice; each name must be unique"
    for key, ids in (("periods", [p.id for p in cfg.periods]), ("units", [u.id for u in cfg.units]),
                     ("themes", [t.id for t in cfg.themes])):
        dup = _duplicates(ids)
        for i, v in enumerate(ids):
            if v in dup:
                yield (key, i, "id"), f"id '{v}' is declared twice; ids must be unique"
    ind = [(ti, ii, x.id) for ti, t in enumerate(cfg.themes) for ii, x in enumerate(t.indicators)]
    dup = _duplicates([x for _, _, x in ind])
    for ti, ii, x in ind:
        if x in dup:
            yield ("themes", ti, "indicators", ii, "id"), f"indicator id '{x}' is declared twice; ids must be unique across themes"


def _indicator_units(cfg: Config) -> Found:
    units = {u.id for u in cfg.units}
    for ti, t in enumerate(cfg.themes):
        for ii, x in enumerate(t.indicators):
            if x.unit not in units:
                yield ("themes", ti, "indicators", ii, "unit"), f"unknown unit {show(x.unit)}; declare it under units: or use one of {sorted(units)}{near(x.unit, units)}"


def _display_defaults(cfg: Config) -> Found:
    themes = {t.id: {x.id for x in t.indicators} for t in cfg.themes}
    for theme, ind in cfg.display.default_indicator.items():
        if theme not in themes:
            yield ("display", "default_indicator", theme), f"unknown theme {show(theme)}; expected one of {sorted(themes)}"
        elif ind not in themes[theme]:
            yield ("display", "default_indicator", theme), f"unknown indicator {show(ind)} for theme {theme}; expected one of {sorted(themes[theme])}"


def _slides(cfg: Config) -> Found:
    counties = county_lookup(cfg)
    themes = {t.id: {x.id for x in t.indicators} for t in cfg.themes}
    periods = {p.id for p in cfg.periods}
    page_ids = registry.page_ids(cfg)
    for i, s in enumerate(cfg.presentation):
        at = ("presentation", i)
        if s.page not in page_ids:
            yield at + ("page",), f"unknown page {show(s.page)}; expected one of {page_ids}{near(s.page, page_ids)}"
        if s.theme is not None and s.theme not in themes:
            yield at + ("theme",), f"unknown theme {show(s.theme)}; expected one of {sorted(themes)}"
        if s.indicator is not None and not any(s.indicator in v for v in themes.values()):
            yield at + ("indicator",), f"unknown indicator {show(s.indicator)}; declare it under themes: first"
        if s.period is not None and s.period not in periods:
            yield at + ("period",), f"unknown period {show(s.period)}; expected one of {sorted(periods)}"
        yield from _slide_layout(at, s, set(themes))
        for key, names in (("county", [s.county] if s.county else []), ("counties", s.counties)):
            for j, name in enumerate(names):
                if name not in counties:
                    where = at + ((key,) if key == "county" else (key, j))
                    yield where, f"unknown county {show(name)}; expected a name under counties: in config.yaml{near(name, counties)}"


MAX_SLIDE_CHARTS = 2  # side by side on a 1280×720 screen
TOP_PAGES = ("overview", "compare", "profile")  # tool pages whose main chart `top` shortens (and every theme page)


def _slide_layout(at: tuple, s, themes: set[str]) -> Found:
    """A slide's layout rules must fit its page: `charts` on a theme page only, at most two; `top` where a chart has rows."""
    if s.charts and s.page not in themes:
        yield at + ("charts",), (f"charts: applies to theme pages only, and this slide shows page {show(s.page)}; "
                                 f"remove charts: or point page: at a theme ({sorted(themes)})")
    if len(s.charts) > MAX_SLIDE_CHARTS:
        yield at + ("charts",), (f"got {len(s.charts)} charts {list(s.charts)}; a slide shows at most {MAX_SLIDE_CHARTS} "
                                 "side by side, so it fits the screen; split them over two slides")
    dupes = sorted(_duplicates(list(s.charts)))
    if dupes:
        yield at + ("charts",), f"chart {show(dupes[0])} is listed twice; list each chart once"
    if s.top is not None and s.top < 1:
        yield at + ("top",), f"got {show(s.top)}; expected how many bars or rows to keep, 1 or more"
    elif s.top is not None and s.page not in themes and s.page not in TOP_PAGES:
        yield at + ("top",), (f"top: shortens a ranked, compare or profile chart, and page {show(s.page)} has none; "
                              "remove top: from this slide")


def unit_limits(cfg: Config) -> dict[str, float]:
    """The largest value allowed in each unit: its `max:` in config.yaml, else DEFAULT_MAX_VALUE."""
    return {u.id: DEFAULT_MAX_VALUE if u.max is None else u.max for u in cfg.units}


def _above_limit(cell: Cell, unit: str, limits: dict[str, float]) -> str | None:
    """Why a cell is too large for its unit, or None. Bounded values keep labels, sums and axes sensible."""
    limit = limits.get(unit, DEFAULT_MAX_VALUE)
    for v in (cell.value, cell.upper):
        if v is not None and v > limit:
            return (f"{v:,.15g} is above the largest value allowed in {show(unit)} ({limit:,.15g}); check it for a typo, "
                    f"or set max: for this unit under units: in config.yaml")
    return None


def data_refs(cfg: Config, theme_id: str, data: DataFile) -> Found:
    theme = next(t for t in cfg.themes if t.id == theme_id)
    indicators = {x.id for x in theme.indicators}
    periods = {p.id for p in cfg.periods}
    counties = county_lookup(cfg)
    units = {u.id for u in cfg.units}
    limits = unit_limits(cfg)
    unit_of = {x.id: x.unit for x in theme.indicators}

    if cfg.planner is not None and cfg.planner.theme == theme_id and data.standards is None:
        yield ("theme",), (f"theme '{theme_id}' is the planner's theme (planner.theme in config.yaml) but this file has no "
                           "standards: block; add the equipment standard here or remove planner: from config.yaml")
    if data.theme != theme_id:
        yield ("theme",), f"this file is named for theme '{theme_id}' in config.yaml but says theme {show(data.theme)}; make them match"

    def indicator_period(at: tuple, ind: str, period: str) -> Found:
        if ind not in indicators:
            yield at + ("indicator",), f"unknown indicator {show(ind)} for theme {theme_id}; declare it in config.yaml or use one of {sorted(indicators)}{near(ind, indicators)}"
        if period not in periods:
            yield at + ("period",), f"unknown period {show(period)}; declare it under periods: in config.yaml or use one of {sorted(periods)}{near(period, periods)}"

    seen: dict[tuple[str, str, str], str] = {}
    totals: set[tuple[str, str]] = set()
    rows_present: set[tuple[str, str]] = set()
    for ti, table in enumerate(data.tables):
        at = ("tables", ti)
        for ci, col in enumerate(table.columns):
            yield from indicator_period(at + ("columns", ci), col.indicator, col.period)
        n = len(table.columns)
        col_units = [unit_of.get(c.indicator, "") for c in table.columns]
        official_seen: dict[str, str] = {}
        for name, cells in table.rows.items():
            if name not in counties:
                yield at + ("rows", name), f"unknown county {show(name)}; add it under counties: in config.yaml (or as an alias){near(name, counties)}"
                continue
            official = counties[name]
            same_county = official in official_seen
            if same_county:
                yield at + ("rows", name), f"'{name}' and '{official_seen[official]}' are the same county ({official}); keep one row"
            official_seen[official] = name
            if len(cells) != n:
                yield at + ("rows", name), f"row has {len(cells)} values but the table has {n} columns; add null for blank cells"
            if same_county:  # its cells would only repeat the problem above, once per column
                continue
            for ci, (col, cell, unit) in enumerate(zip(table.columns, cells, col_units)):
                key = (col.indicator, official, col.period)
                if key in seen:
                    yield at + ("rows", name), f"{col.indicator} for {official} in {col.period} is already given in {seen[key]}; give it once"
                seen[key] = f"table {table.id}"
                if cell.status == "value":
                    rows_present.add((col.indicator, col.period))
                    if why := _above_limit(cell, unit, limits):
                        yield at + ("rows", name, ci), why
        if table.stated_total is not None:
            if len(table.stated_total.values) != n:
                yield at + ("stated_total", "values"), f"{len(table.stated_total.values)} totals for {n} columns; give one per column (null if none)"
            for ci, (col, cell, unit) in enumerate(zip(table.columns, table.stated_total.values, col_units)):
                if cell.status == "value":
                    totals.add((col.indicator, col.period))
                    if why := _above_limit(cell, unit, limits):
                        yield at + ("stated_total", "values", ci), why

    figure_ids = Counter(f.id for f in data.figures)
    for fi, fig in enumerate(data.figures):
        at = ("figures", fi)
        if figure_ids[fig.id] > 1:
            yield at + ("id",), f"figure id '{fig.id}' is used twice; ids must be unique in a file"
        yield from indicator_period(at, fig.indicator, fig.period)
        if fig.county is not None and fig.county not in counties:
            yield at + ("county",), f"unknown county {show(fig.county)}; expected a name under counties: in config.yaml{near(fig.county, counties)}"
        elif fig.indicator in indicators:
            rows_present.add((fig.indicator, fig.period))
        if fig.value.status == "value" and (why := _above_limit(fig.value, unit_of.get(fig.indicator, ""), limits)):
            yield at + ("value",), why

    for ci, check in enumerate(data.checks):
        for side in ("left", "right"):
            for ri, ref in enumerate(getattr(check, side)):
                kind, _, rest = ref.partition(":")
                at = ("checks", ci, side, ri)
                if kind == "figure":
                    if rest not in figure_ids:
                        yield at, f"no figure with id {show(rest)} in this file; expected one of {sorted(figure_ids)}"
                    continue
                ind, _, period = rest.partition("@")
                if kind == "total" and (ind, period) not in totals:
                    yield at, f"no stated total for {ind} in {period}; tables with totals: {sorted(f'{i}@{p}' for i, p in totals)}"
                if kind == "sum" and (ind, period) not in rows_present:
                    yield at, f"no values of {ind} in {period} to sum; check the indicator and period"

    if data.standards is not None:
        groups = [("barracks", data.standards.barracks)] + [
            (("equipment", gi, "items"), g.items) for gi, g in enumerate(data.standards.equipment)]
        for where, items in groups:
            base = where if isinstance(where, tuple) else (where,)
            for ii, item in enumerate(items):
                if item.unit not in units:
                    yield ("standards",) + base + (ii, "unit"), f"unknown unit {show(item.unit)}; declare it under units: in config.yaml{near(item.unit, units)}"
                elif item.qty is not None and item.qty.status == "value" and (why := _above_limit(item.qty, item.unit, limits)):
                    yield ("standards",) + base + (ii, "qty"), why


def _progress(cfg: Config) -> Found:
    themes = {t.id: {x.id for x in t.indicators} for t in cfg.themes}
    periods = {p.id for p in cfg.periods}
    for i, spec in enumerate(cfg.progress):
        at = ("progress", i)
        if spec.theme not in themes:
            yield at + ("theme",), f"unknown theme {show(spec.theme)}; expected one of {sorted(themes)}"
            continue
        known = themes[spec.theme]
        for key, ind in (("cumulative", spec.cumulative), ("targets", spec.targets),
                         ("goal", spec.goal.indicator if spec.goal else None)):
            if ind is not None and ind not in known:
                where = at + ((key, "indicator") if key == "goal" else (key,))
                yield where, f"unknown indicator {show(ind)} for theme {spec.theme}; expected one of {sorted(known)}"
        if spec.goal is not None and spec.goal.period not in periods:
            yield at + ("goal", "period"), f"unknown period {show(spec.goal.period)}; expected one of {sorted(periods)}"
