"""Cross-references: every name a file uses must be declared in config.yaml.

Each check is a named function returning (key path, message) pairs; the loader
turns them into located Problems. Nothing here raises.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from targets.schema import pages as registry
from targets.core.quote import show
from targets.core.messages import Msg, Names, msg, near
from targets.schema.lookups import county_lookup
from targets.schema.types import DEFAULT_MAX_VALUE
from targets.schema.cells import Cell
from targets.schema.config import Config
from targets.schema.data import DataFile

Found = Iterator[tuple[tuple, Msg]]


def _duplicates(values: list[str]) -> set[str]:
    return {v for v, n in Counter(values).items() if n > 1}


def _unknown_theme(theme: str, themes: Iterable[str]) -> Msg:
    return msg("unknown_theme", theme=show(theme), options=sorted(themes), near=near(theme, themes))


def _unknown_indicator(indicator: str, theme: str, known: Iterable[str]) -> Msg:
    """An indicator id that the theme does not declare (config.yaml's own references to it)."""
    known = list(known)
    return msg("unknown_indicator", indicator=show(indicator), theme=theme, options=known,
               near=near(indicator, known))


def _unknown_period(period: str, periods: Iterable[str]) -> Msg:
    return msg("unknown_period", period=show(period), options=sorted(periods), near=near(period, periods))


def _row_names(cfg: Config) -> dict[str, set[str]]:
    """{kind: its names and aliases} a table row or a county figure may hint at: never the whole city's
    (kind: city), whose figures are the stated totals; a hint to it would pass and plot the city as one bar."""
    out: dict[str, set[str]] = {}
    for c in cfg.counties:
        if c.kind != "city":
            out.setdefault(c.kind, set()).update((c.name, *c.aliases))
    return out


def _row_hint(name: str, by_kind: dict[str, set[str]]) -> Msg | None:
    """"did you mean" only when one kind of unit has a near name: a typo near a county and near 市级 alike
    does not say which was meant, and following the wrong one would change what the row is."""
    hits = [h for names in by_kind.values() if (h := near(name, names)) is not None]
    return hits[0] if len(hits) == 1 else None


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
        yield ("counties",), msg("no_city")
    for i in cities[1:]:
        yield ("counties", i, "kind"), msg("second_city", name=show(cfg.counties[i].name))


def _adcodes(cfg: Config) -> Found:
    codes = [c.adcode for c in cfg.counties if c.adcode]
    dup = _duplicates(codes)
    for i, c in enumerate(cfg.counties):
        if c.on_map and not c.adcode:
            yield ("counties", i), msg("on_map_without_adcode", name=show(c.name))
        if c.adcode in dup:
            yield ("counties", i, "adcode"), msg("adcode_twice", adcode=show(c.adcode))


def map_refs(cfg: Config, known: dict[str, str]) -> Found:
    """Every on-map county's adcode must be a feature of the boundary file ({adcode: name})."""
    for i, c in enumerate(cfg.counties):
        if c.on_map and c.adcode and c.adcode not in known:
            yield ("counties", i, "adcode"), msg("adcode_not_on_map", adcode=show(c.adcode), file=cfg.map.boundaries,
                                                 options=sorted(known), near=None)  # a code is never a near miss


def _cards(cfg: Config) -> Found:
    periods = {p.id for p in cfg.periods}
    for ti, t in enumerate(cfg.themes):
        if t.card is None:
            continue
        known = [x.id for x in t.indicators]
        if t.card.indicator not in known:
            yield ("themes", ti, "card", "indicator"), _unknown_indicator(t.card.indicator, t.id, known)
        if t.card.period is not None and t.card.period not in periods:
            yield ("themes", ti, "card", "period"), _unknown_period(t.card.period, periods)


def _navigation(cfg: Config) -> Found:
    themes = [t.id for t in cfg.themes]
    for ti, t in enumerate(cfg.themes):
        if t.id in registry.TOOLS or t.id == registry.THEMES_TOKEN:
            yield ("themes", ti, "id"), msg("theme_id_is_a_page", id=show(t.id))
    allowed = [registry.THEMES_TOKEN, *themes, *registry.TOOLS]
    seen: set[str] = set()
    for si, sec in enumerate(cfg.navigation):
        for pi, pid in enumerate(sec.pages):
            at = ("navigation", si, "pages", pi)
            if pid not in allowed:
                yield at, msg("unknown_nav_page", page=show(pid), token=show(registry.THEMES_TOKEN),
                              tools=list(registry.TOOLS), near=near(pid, allowed))
            elif pid == "planner" and cfg.planner is None:
                yield at, msg("planner_page_without_planner")
            elif pid in seen:
                yield at, msg("page_listed_twice", page=show(pid))
            seen.add(pid)
    if cfg.navigation and not registry.pages(cfg):
        yield ("navigation",), msg("no_page")


def _planner(cfg: Config) -> Found:
    p = cfg.planner
    if p is None:
        return
    themes = {t.id: [x.id for x in t.indicators] for t in cfg.themes}
    if p.theme not in themes:
        yield ("planner", "theme"), _unknown_theme(p.theme, themes)
        return
    for key in ("team_size", "township_size"):
        ind = getattr(p, key)
        if ind is not None and ind not in themes[p.theme]:
            yield ("planner", key), _unknown_indicator(ind, p.theme, themes[p.theme])


def _unique_names(cfg: Config) -> Found:
    names = [c.name for c in cfg.counties] + [a for c in cfg.counties for a in c.aliases]
    dup = _duplicates(names)
    for i, c in enumerate(cfg.counties):
        if c.name in dup:
            yield ("counties", i, "name"), msg("county_name_twice", name=show(c.name))
        for j, a in enumerate(c.aliases):
            if a in dup:
                yield ("counties", i, "aliases", j), msg("alias_twice", name=show(a))
    for key, ids in (("periods", [p.id for p in cfg.periods]), ("units", [u.id for u in cfg.units]),
                     ("themes", [t.id for t in cfg.themes])):
        dup = _duplicates(ids)
        for i, v in enumerate(ids):
            if v in dup:
                yield (key, i, "id"), msg("id_twice", id=show(v))
    ind = [(ti, ii, x.id) for ti, t in enumerate(cfg.themes) for ii, x in enumerate(t.indicators)]
    dup = _duplicates([x for _, _, x in ind])
    for ti, ii, x in ind:
        if x in dup:
            yield ("themes", ti, "indicators", ii, "id"), msg("indicator_id_twice", id=show(x))


def _indicator_units(cfg: Config) -> Found:
    units = {u.id for u in cfg.units}
    for ti, t in enumerate(cfg.themes):
        for ii, x in enumerate(t.indicators):
            if x.unit not in units:
                yield ("themes", ti, "indicators", ii, "unit"), msg("unknown_unit", unit=show(x.unit), options=sorted(units),
                                                                   near=near(x.unit, units))


def _display_defaults(cfg: Config) -> Found:
    themes = {t.id: {x.id for x in t.indicators} for t in cfg.themes}
    for theme, ind in cfg.display.default_indicator.items():
        if theme not in themes:
            yield ("display", "default_indicator", theme), _unknown_theme(theme, themes)
        elif ind not in themes[theme]:
            yield ("display", "default_indicator", theme), _unknown_indicator(ind, theme, themes[theme])


def _slides(cfg: Config) -> Found:
    counties = county_lookup(cfg)
    themes = {t.id: {x.id for x in t.indicators} for t in cfg.themes}
    periods = {p.id for p in cfg.periods}
    page_ids = registry.page_ids(cfg)
    for i, s in enumerate(cfg.presentation):
        at = ("presentation", i)
        if s.page not in page_ids:
            yield at + ("page",), msg("unknown_page", page=show(s.page), options=page_ids, near=near(s.page, page_ids))
        if s.theme is not None and s.theme not in themes:
            yield at + ("theme",), _unknown_theme(s.theme, themes)
        if s.indicator is not None and not any(s.indicator in v for v in themes.values()):
            every = {i for v in themes.values() for i in v}
            yield at + ("indicator",), msg("unknown_indicator_anywhere", indicator=show(s.indicator), near=near(s.indicator, every))
        if s.period is not None and s.period not in periods:
            yield at + ("period",), _unknown_period(s.period, periods)
        yield from _slide_layout(at, s, set(themes))
        tracked = {x.id for t in cfg.themes for x in t.indicators if x.progress is not None}
        if s.view == "progress" and not (s.page in themes and themes[s.page] & tracked):
            yield at + ("view",), msg("slide_view_untracked", page=show(s.page))
        for key, names in (("county", [s.county] if s.county else []), ("counties", s.counties)):
            for j, name in enumerate(names):
                if name not in counties:
                    where = at + ((key,) if key == "county" else (key, j))
                    yield where, msg("unknown_county_name", name=show(name), near=near(name, counties))


MAX_SLIDE_CHARTS = 2  # side by side on a 1280×720 screen
TOP_PAGES = ("overview", "compare", "profile")  # tool pages whose main chart `top` shortens (and every theme page)


def _slide_layout(at: tuple, s, themes: set[str]) -> Found:
    """A slide's layout rules must fit its page: `charts` on a theme page only, at most two; `top` where a chart has rows."""
    if s.charts and s.page not in themes:
        yield at + ("charts",), msg("slide_charts_not_theme", page=show(s.page), options=sorted(themes))
    if len(s.charts) > MAX_SLIDE_CHARTS:
        yield at + ("charts",), msg("slide_too_many_charts", n=len(s.charts), charts=show(list(s.charts)), max=MAX_SLIDE_CHARTS)
    dupes = sorted(_duplicates(list(s.charts)))
    if dupes:
        yield at + ("charts",), msg("slide_chart_twice", chart=show(dupes[0]))
    if s.top is not None and s.top < 1:
        yield at + ("top",), msg("slide_top_too_small", value=show(s.top))
    elif s.top is not None and s.page not in themes and s.page not in TOP_PAGES:
        yield at + ("top",), msg("slide_top_no_chart", page=show(s.page))


def unit_limits(cfg: Config) -> dict[str, float]:
    """The largest value allowed in each unit: its `max:` in config.yaml, else DEFAULT_MAX_VALUE."""
    return {u.id: DEFAULT_MAX_VALUE if u.max is None else u.max for u in cfg.units}


def _above_limit(cell: Cell, unit: str, limits: dict[str, float]) -> Msg | None:
    """Why a cell is too large for its unit, or None. Bounded values keep labels, sums and axes sensible."""
    limit = limits.get(unit, DEFAULT_MAX_VALUE)
    for v in (cell.value, cell.upper):
        if v is not None and v > limit:
            return msg("above_unit_limit", value=v, unit=show(unit), limit=limit)
    return None


def data_refs(cfg: Config, theme_id: str, data: DataFile) -> Found:
    theme = next(t for t in cfg.themes if t.id == theme_id)
    indicators = {x.id for x in theme.indicators}
    periods = {p.id for p in cfg.periods}
    counties = county_lookup(cfg)
    row_names = _row_names(cfg)
    units = {u.id for u in cfg.units}
    limits = unit_limits(cfg)
    unit_of = {x.id: x.unit for x in theme.indicators}

    if cfg.planner is not None and cfg.planner.theme == theme_id and data.standards is None:
        yield ("theme",), msg("planner_theme_without_standards", theme=show(theme_id))
    if data.theme != theme_id:
        yield ("theme",), msg("data_theme_mismatch", expected=show(theme_id), got=show(data.theme))

    def indicator_period(at: tuple, ind: str, period: str) -> Found:
        if ind not in indicators:
            yield at + ("indicator",), msg("unknown_data_indicator", indicator=show(ind), theme=theme_id,
                                           options=sorted(indicators), near=near(ind, indicators))
        if period not in periods:
            yield at + ("period",), msg("unknown_data_period", period=show(period), options=sorted(periods),
                                        near=near(period, periods))

    seen: dict[tuple[str, str, str], str] = {}
    columns = {(c.indicator, c.period) for table in data.tables for c in table.columns}
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
                yield at + ("rows", name), msg("unknown_county", name=show(name), near=_row_hint(name, row_names))
                continue
            official = counties[name]
            same_county = official in official_seen
            if same_county:
                yield at + ("rows", name), msg("same_county_twice", name=show(name), other=show(official_seen[official]),
                                               official=official)
            official_seen[official] = name
            if len(cells) != n:
                yield at + ("rows", name), msg("row_length", values=len(cells), columns=n)
            if same_county:  # its cells would only repeat the problem above, once per column
                continue
            for ci, (col, cell, unit) in enumerate(zip(table.columns, cells, col_units)):
                key = (col.indicator, official, col.period)
                if key in seen:
                    yield at + ("rows", name), msg("value_given_twice", indicator=col.indicator, county=official,
                                                   period=col.period, table=seen[key])
                seen[key] = table.id
                if cell.status == "value":
                    rows_present.add((col.indicator, col.period))
                    if why := _above_limit(cell, unit, limits):
                        yield at + ("rows", name, ci), why
        if table.stated_total is not None:
            if len(table.stated_total.values) != n:
                yield at + ("stated_total", "values"), msg("totals_length", totals=len(table.stated_total.values), columns=n)
            for ci, (col, cell, unit) in enumerate(zip(table.columns, table.stated_total.values, col_units)):
                if cell.status == "value":
                    totals.add((col.indicator, col.period))
                    if why := _above_limit(cell, unit, limits):
                        yield at + ("stated_total", "values", ci), why

    figure_ids = Counter(f.id for f in data.figures)
    for fi, fig in enumerate(data.figures):
        at = ("figures", fi)
        if figure_ids[fig.id] > 1:
            yield at + ("id",), msg("figure_id_twice", id=show(fig.id))
        yield from indicator_period(at, fig.indicator, fig.period)
        if fig.county is not None and fig.county not in counties:
            yield at + ("county",), msg("unknown_county_name", name=show(fig.county), near=_row_hint(fig.county, row_names))
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
                        yield at, msg("no_such_figure", id=show(rest), options=sorted(figure_ids), near=near(rest, figure_ids))
                    continue
                ind, _, period = rest.partition("@")
                # A hint only for a misspelt name: for a declared indicator and period it would name another
                # column, and the check would compare another year.
                typo = ind not in indicators or period not in periods
                if kind in ("total", "sum") and not typo and (ind, period) not in columns and (kind == "total" or not any(
                        f.indicator == ind and f.period == period for f in data.figures)):
                    yield at, msg("check_column_gone", ref=show(ref), indicator=ind, period=period)
                    continue
                if kind == "total" and (ind, period) not in totals:
                    stated = sorted(f"{i}@{p}" for i, p in totals)
                    yield at, msg("no_such_total", indicator=ind, period=period, options=Names(stated),
                                  near=near(rest, stated) if typo else None)
                if kind == "sum" and (ind, period) not in rows_present:
                    present = sorted(f"{i}@{p}" for i, p in rows_present)
                    yield at, msg("nothing_to_sum", indicator=ind, period=period, near=near(rest, present) if typo else None)

    if data.standards is not None:
        groups = [("barracks", data.standards.barracks)] + [
            (("equipment", gi, "items"), g.items) for gi, g in enumerate(data.standards.equipment)]
        for where, items in groups:
            base = where if isinstance(where, tuple) else (where,)
            for ii, item in enumerate(items):
                if item.unit not in units:
                    yield ("standards",) + base + (ii, "unit"), msg("unknown_standard_unit", unit=show(item.unit),
                                                                    near=near(item.unit, units))
                elif item.qty is not None and item.qty.status == "value" and (why := _above_limit(item.qty, item.unit, limits)):
                    yield ("standards",) + base + (ii, "qty"), why


def _progress(cfg: Config) -> Found:
    themes = {t.id: {x.id for x in t.indicators} for t in cfg.themes}
    periods = {p.id for p in cfg.periods}
    for i, spec in enumerate(cfg.progress):
        at = ("progress", i)
        if spec.theme not in themes:
            yield at + ("theme",), _unknown_theme(spec.theme, themes)
            continue
        known = themes[spec.theme]
        for key, ind in (("cumulative", spec.cumulative), ("targets", spec.targets),
                         ("goal", spec.goal.indicator if spec.goal else None)):
            if ind is not None and ind not in known:
                where = at + ((key, "indicator") if key == "goal" else (key,))
                yield where, _unknown_indicator(ind, spec.theme, known)
        if spec.goal is not None and spec.goal.period not in periods:
            yield at + ("goal", "period"), _unknown_period(spec.goal.period, periods)
