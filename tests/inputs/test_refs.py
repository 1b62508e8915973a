"""Cross-references: a slide's layout rules must fit its page; a near-miss hint never makes a file mean something else."""

from __future__ import annotations

import pytest

from targets.core.errors import ConfigError
from targets.core.quote import show
from tests.conftest import MINI_GRAIN, MINI_SEWER

SLIDES = """\
presentation:
  - {page: sewer, caption: {zh: 雨污分流, en: Sewer}, charts: [ranked, periods], top: 5}
  - {page: compare, caption: {zh: 对比, en: Compare}, counties: [兴县, 交城县], top: 3}
"""


def problems_of(mini) -> list[str]:
    mini.chdir()
    with pytest.raises(ConfigError) as err:
        mini.load()
    return [p.render("en") for p in sorted(err.value.problems)]


def test_layout_rules_that_fit_their_pages_load(mini):
    mini.append("config.yaml", SLIDES)
    slides = mini.load().config.presentation
    assert (slides[0].charts, slides[0].top, slides[1].top) == (["ranked", "periods"], 5, 3)


BAD = {
    "charts-on-a-tool-page": (
        "counties: [兴县, 交城县], top: 3}", "counties: [兴县, 交城县], charts: [map]}",
        ["config.yaml:34:82: presentation[1].charts: charts: applies to theme pages only, and this slide shows page "
         "'compare'; remove charts: or point page: at a theme ('grain' or 'sewer')"]),
    "three-charts": (
        "charts: [ranked, periods]", "charts: [ranked, map, periods]",
        ["config.yaml:33:59: presentation[0].charts: got 3 charts [ranked, map, periods]; a slide shows at most 2 "
         "side by side, so it fits the screen; split them over two slides"]),
    "a-chart-twice": (
        "charts: [ranked, periods]", "charts: [map, map]",
        ["config.yaml:33:59: presentation[0].charts: chart 'map' is listed twice; list each chart once"]),
    "unknown-chart": (
        "charts: [ranked, periods]", "charts: [ranked, pie]",
        ["config.yaml:33:68: presentation[0].charts[1]: got 'pie'; expected 'ranked', 'map', 'periods', 'progress' or 'city'"]),
    "top-zero": (
        "top: 5}", "top: 0}",
        ["config.yaml:33:83: presentation[0].top: got 0; expected how many bars or rows to keep, 1 or more"]),
}


@pytest.mark.parametrize("old, new, expected", list(BAD.values()), ids=list(BAD))
def test_layout_rules_that_do_not_fit_are_located(mini, old, new, expected):
    mini.append("config.yaml", SLIDES)
    mini.edit("config.yaml", old, new)
    assert problems_of(mini) == expected


def test_top_on_a_page_without_rows_is_refused(mini):
    mini.append("config.yaml", "presentation:\n  - {page: data, caption: {zh: 数据, en: Data}, top: 3}\n")
    assert problems_of(mini) == ["config.yaml:33:52: presentation[0].top: top: shortens a ranked, compare or profile "
                                 "chart, and page 'data' has none; remove top: from this slide"]


# ---- issue 17: following a hint never makes a refused file mean something else ----------------------------

import yaml  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.conftest import MINI_CONFIG  # noqa: E402

_UNITS = yaml.safe_load(MINI_CONFIG)["counties"]
KIND = {n: u["kind"] for u in _UNITS for n in (u["name"], *u.get("aliases", []))}  # every name and alias → its kind
UNIT_LINE = {u["name"]: next(ln + "\n" for ln in MINI_CONFIG.splitlines() if f"name: {u['name']}," in ln) for u in _UNITS}
OFFICIAL = {n: u["name"] for u in _UNITS for n in (u["name"], *u.get("aliases", []))}
ROWS = [("data/sewer.yaml", "市级"), ("data/sewer.yaml", "交城"), ("data/sewer.yaml", "兴县"),
        ("data/grain.yaml", "离石"), ("data/grain.yaml", "交城县"), ("data/grain.yaml", "兴县")]
# Characters of the declared names and a few more a typo brings in: a corruption lands near other units' names.
ALPHABET = sorted(set("".join(KIND)) - {" "} | set("州市区县级新全吕梁城石兴"))


def _hints(mini, code: str) -> list:
    mini.chdir()
    with pytest.raises(ConfigError) as err:
        mini.load()
    return [dict(p.msg.fields) for p in err.value.problems if p.msg.code == code]


def _hit(fields: dict) -> str | None:
    near = fields.get("near")
    return dict(near.fields)["hit"] if near is not None else None


@st.composite
def _corruption(draw):
    """(file, row name, what the file now says, whether the unit is taken out of config.yaml instead).

    One mistake: a name mistyped, or (the 市级 case) the unit no longer declared; with both, the meant unit is
    gone and no hint can know it."""
    file, name = draw(st.sampled_from(ROWS))
    op = draw(st.sampled_from(["undeclare", "insert", "delete", "replace"]))
    undeclare = op == "undeclare"
    i = draw(st.integers(0, len(name) - (op != "insert")))
    char = draw(st.sampled_from(ALPHABET))
    new = {"undeclare": name, "insert": name[:i] + char + name[i:], "delete": name[:i] + name[i + 1:],
           "replace": name[:i] + char + name[i + 1:]}[op]
    return file, name, new, undeclare


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=_corruption())
def test_following_a_county_hint_never_lands_on_another_kind_of_unit(mini, case):
    file, name, new, undeclare = case
    mini.write("config.yaml", MINI_CONFIG)
    for f, text in (("data/sewer.yaml", MINI_SEWER), ("data/grain.yaml", MINI_GRAIN)):
        mini.write(f, text)
    if undeclare:  # the 市级 case: the unit itself is no longer declared
        mini.edit("config.yaml", UNIT_LINE[OFFICIAL[name]], "")
        declared = {n for n in KIND if OFFICIAL[n] != OFFICIAL[name]}
    else:
        declared = set(KIND)
    if not new or new in declared or any(OFFICIAL.get(r) == OFFICIAL.get(new) for f, r in ROWS if f == file):
        return  # another declared name (or a row the table has): accepted or refused for another reason
    mini.edit(file, f"      {name}: [", f"      {new}: [")
    hints = [_hit(f) for f in _hints(mini, "unknown_county") if f["name"] == show(new)]
    assert hints, "the corrupted name is refused"
    hit = hints[0]
    if hit is None:
        return
    assert KIND[hit] != "city", f"{new!r} (meant {name!r}) is hinted at the whole city {hit!r}"
    mini.edit(file, f"      {new}: [", f"      {hit}: [")
    mini.chdir()
    try:
        mini.load()
    except ConfigError:
        return  # still refused (e.g. the hinted row is already there): it does not mean something else
    assert KIND[hit] == KIND[name], f"{new!r} (meant {name!r}, a {KIND[name]}) is hinted at {hit!r}, a {KIND[hit]}"


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(period=st.text(st.sampled_from("0123456789-"), min_size=1, max_size=6))
def test_a_number_or_code_written_for_a_period_is_never_hinted(mini, period):
    mini.write("data/grain.yaml", MINI_GRAIN)
    if period in ("2021", "2022"):
        return
    mini.edit("data/grain.yaml", '{indicator: sown_area, period: "2022"', f'{{indicator: sown_area, period: "{period}"')
    hints = _hints(mini, "unknown_data_period")
    assert hints and all(_hit(f) is None for f in hints)
