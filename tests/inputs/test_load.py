"""targets.load: every bad input becomes an exact, located message; all of them are reported at once."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import REPO
from targets.core.errors import ConfigError
from targets.frame.project import Project
from targets.inputs.load import combined_digest, data_paths, load_project, read_input, resolve_config

G, S, C = "data/grain.yaml", "data/sewer.yaml", "config.yaml"


def problems_of(mini) -> list[str]:
    mini.chdir()
    with pytest.raises(ConfigError) as err:
        mini.load()
    lines = str(err.value).splitlines()
    assert lines == [p.render("en") for p in sorted(err.value.problems)]
    return lines


def test_the_mini_project_loads(mini):
    mini.chdir()
    project = mini.load()
    assert isinstance(project, Project)
    assert set(project.data) == {"grain", "sewer"}
    assert len(project.frame) == 18
    assert set(project.files) == {C, G, S}


FORMAT_HELP = ('write [width][,][.precision] and one of f, g, e or %, with width and precision at most 20 '
               '(e.g. ".2f", ",.0f" or "g")')

# (file, text to replace, replacement, exact messages)
BAD_INPUTS = {
    "unknown-county-in-row": (
        G, "      离石: [20.07, 21]", "      太原: [20.07, 21]",
        ["data/grain.yaml:14:11: tables[0].rows.太原: unknown county '太原'; "
         "add it under counties: in config.yaml (or as an alias)"]),
    "unknown-theme-in-data-file": (
        G, "theme: grain", "theme: grian",
        ["data/grain.yaml:1:8: theme: this file is named for theme 'grain' in config.yaml but says theme 'grian'; "
         "make them match"]),
    "unknown-indicator": (
        G, '{indicator: sown_area, period: "2022"', '{indicator: sown_yield, period: "2022"',
        ["data/grain.yaml:12:21: tables[0].columns[1].indicator: unknown indicator 'sown_yield' for theme grain; "
         "declare it in config.yaml or use one of 'sown_area'; did you mean 'sown_area'?"]),
    "unknown-unit-in-config": (
        C, "unit: 万亩, format", "unit: 亩, format",
        ["config.yaml:22:64: themes[0].indicators[0].unit: unknown unit '亩'; "
         "declare it under units: or use one of '万亩' or '公里'; did you mean '万亩'?"]),
    "unknown-period": (
        G, '{indicator: sown_area, period: "2022"', '{indicator: sown_area, period: "2024"',
        ["data/grain.yaml:12:40: tables[0].columns[1].period: unknown period '2024'; "
         "declare it under periods: in config.yaml or use one of '2021', '2022' or 'overall'"]),
    "unquoted-year-period": (
        G, '{indicator: sown_area, period: "2022"', "{indicator: sown_area, period: 2022",
        ['data/grain.yaml:12:40: tables[0].columns[1].period: got the number 2022; '
         'expected text: write it in quotes ("2022")']),
    "number-written-as-text": (
        G, "[20.07, 21]", '["20.07", 21]',
        ["data/grain.yaml:14:12: tables[0].rows.离石[0]: got text '20.07', a number written as text; remove the quotes"]),
    "text-that-is-no-number": (
        G, "[20.07, 21]", '["约20", 21]',
        ["data/grain.yaml:14:12: tables[0].rows.离石[0]: got text '约20'; expected a number, '-' (no task that year), "
         "null (blank in the gazette), {at_least: N}, {at_most: N}, {about: N} or {range: [low, high]}"]),
    "negative-value": (
        G, "[20.07, 21]", "[-20.07, 21]",
        ["data/grain.yaml:14:12: tables[0].rows.离石[0]: got the negative value -20.07; "
         "targets are never negative: check the sign"]),
    "boolean-value": (
        S, "[8.4, 6]", "[true, 6]",
        ["data/sewer.yaml:15:12: tables[0].rows.交城[0]: got the boolean true; expected a number"]),
    "range-low-above-high": (
        S, "[8.4, 6]", "[{range: [9, 6]}, 6]",
        ["data/sewer.yaml:15:12: tables[0].rows.交城[0]: range [9, 6] has low above high; write [low, high]"]),
    "missing-required-field": (
        G, "    ref: 附件 粮食播种面积任务分解表\n", "",
        ["data/grain.yaml:8:5: tables[0].ref: missing required field 'ref'; add it"]),
    "missing-field-of-block-mapping": (
        G, '  issued: "2021-03-05"\n', "",
        ["data/grain.yaml:2:1: source: missing issued; a document source needs doc_number, title, issued"]),
    "unknown-key-lists-allowed-keys": (
        G, "value: {at_least: 88}, ref:", "value: {at_least: 88}, note: 以上, ref:",
        ["data/grain.yaml:19:88: figures[0].note: unknown key 'note'; "
         "allowed keys here: id, indicator, period, value, county, ref, quote, scope, completed, source"]),
    "misspelt-top-level-key-points-at-its-line": (
        G, "tables:\n", "tabels:\n",
        ["data/grain.yaml:7:1: tabels: unknown key 'tabels'; "
         "allowed keys here: theme, source, tables, figures, deadlines, checks, standards, revisions; did you mean 'tables'?"]),
    "row-shorter-than-columns": (
        G, "[20.07, 21]", "[20.07]",
        ["data/grain.yaml:14:11: tables[0].rows.离石: row has 1 values but the table has 2 columns; "
         "add null for blank cells"]),
    "row-longer-than-columns": (
        S, "[8.4, 6]", "[8.4, 6, 2.4]",
        ["data/sewer.yaml:15:11: tables[0].rows.交城: row has 3 values but the table has 2 columns; "
         "add null for blank cells"]),
    "same-county-via-alias": (
        G, "      兴县: [57.08, 58]\n", "      兴县: [57.08, 58]\n      交城: [11.33, 12]\n",
        ["data/grain.yaml:17:11: tables[0].rows.交城: '交城' and '交城县' are the same county (交城县); keep one row"]),
    "same-key-twice": (
        G, "      兴县: [57.08, 58]\n", "      兴县: [57.08, 58]\n      离石: [1, 2]\n",
        ["data/grain.yaml:17:7: tables[0].rows.离石: duplicate key '离石': first on line 14, again on line 17; "
         "keep only one"]),
    "check-names-no-such-figure": (
        G, "left: [figure:area_goal]", "left: [figure:area_gaol]",
        ["data/grain.yaml:24:12: checks[0].left[0]: no figure with id 'area_gaol' in this file; "
         "expected one of 'area_goal'; did you mean 'area_goal'?"]),
    "check-names-a-total-not-stated": (
        S, "quote: 全市共完成约18公里}\n",
        "quote: 全市共完成约18公里}\nchecks:\n  - {id: c, zh: 核对, en: Check, left: [figure:plan_2021], "
        "right: [total:sewer_km@overall]}\n",
        # No table has an overall column: a hint to sewer_km@2022 would compare another year (issue 17).
        ["data/sewer.yaml:21:66: checks[0].right[0]: this check refers to 'total:sewer_km@overall', but no table has "
         "a column of sewer_km for overall (deleted, or never there); remove the reference or rewrite the check"]),
    "check-reference-malformed": (
        G, "right: [total:sown_area@2021]", "right: [totl:sown_area]",
        ["data/grain.yaml:25:12: checks[0].right: 'totl:sown_area' is not a reference; "
         "write figure:<id>, total:<indicator>@<period> or sum:<indicator>@<period>"]),
    "bad-colour": (
        C, 'color: "#44AA99"', "color: teal",
        ["config.yaml:5:70: counties[1].color: 'teal' is not a colour; write it as \"#RRGGBB\" in quotes"]),
    "short-colour": (
        C, 'color: "#44AA99"', 'color: "#4A9"',
        ["config.yaml:5:70: counties[1].color: '#4A9' is not a colour; write it as \"#RRGGBB\" in quotes"]),
    "bad-date": (
        G, 'issued: "2021-03-05"', 'issued: "2021-02-30"',
        ["data/grain.yaml:5:11: source.issued: '2021-02-30' is not a date; write it as \"YYYY-MM-DD\" in quotes"]),
    "date-without-leading-zeros": (
        G, 'issued: "2021-03-05"', "issued: 2021-3-5",
        ["data/grain.yaml:5:11: source.issued: '2021-3-5' is not a date; write it as \"YYYY-MM-DD\" in quotes"]),
    "kind-not-allowed": (
        C, "kind: city_level", "kind: district",
        ["config.yaml:7:38: counties[3].kind: got 'district'; expected 'county', 'city_level', 'new_district' or 'city'; "
         "did you mean 'new_district'?"]),
    "period-declared-twice": (
        C, '  - {id: "2022", zh: 2022年, en: "2022"}\n',
        '  - {id: "2022", zh: 2022年, en: "2022"}\n  - {id: "2022", zh: 2022年度, en: "2022"}\n',
        ["config.yaml:11:10: periods[1].id: id '2022' is declared twice; ids must be unique",
         "config.yaml:12:10: periods[2].id: id '2022' is declared twice; ids must be unique"]),
    "alias-used-twice": (
        C, "aliases: [交城]", "aliases: [离石]",
        ["config.yaml:4:103: counties[0].aliases[0]: alias '离石' is used twice; each name must be unique",
         "config.yaml:5:105: counties[1].aliases[0]: alias '离石' is used twice; each name must be unique"]),
    # ---- sanity at the door: formats and numbers that would break rendering, or are not what they look like
    "format-too-wide": (
        C, 'format: ".2f"}', 'format: "100000000.2f"}',
        ["config.yaml:22:76: themes[0].indicators[0].format: '100000000.2f' is not an allowed number format; "
         + FORMAT_HELP]),
    "format-precision-too-large": (
        C, 'format: ".2f"}', 'format: ".21f"}',
        ["config.yaml:22:76: themes[0].indicators[0].format: '.21f' is not an allowed number format; " + FORMAT_HELP]),
    "format-not-a-spec": (
        C, 'format: ".2f"}', 'format: "{:.2f}"}',
        ["config.yaml:22:76: themes[0].indicators[0].format: '{:.2f}' is not an allowed number format; " + FORMAT_HELP]),
    "format-d-breaks-on-decimals": (
        C, 'format: ".2f"}', 'format: ",d"}',
        ["config.yaml:22:76: themes[0].indicators[0].format: ',d' is not an allowed number format; " + FORMAT_HELP]),
    "huge-exponent-in-cell": (
        G, "[20.07, 21]", "[1.0e+308, 21]",
        ["data/grain.yaml:14:12: tables[0].rows.离石[0]: '1.0e+308' is too large; a number must be below 1e+15: "
         "check it for a typo"]),
    "40-digit-integer-in-cell": (
        G, "[20.07, 21]", "[1234567890123456789012345678901234567890, 21]",
        ["data/grain.yaml:14:12: tables[0].rows.离石[0]: '1234567890123456789012345678901234567890' has 40 digits "
         "before the decimal point; a number has at most 15: check it for a typo"]),
    "5000-digit-integer-in-cell": (
        G, "[20.07, 21]", "[" + "7" * 5000 + ", 21]",
        ["data/grain.yaml:14:12: tables[0].rows.离石[0]: '" + "7" * 58 + "… has 5,000 digits before the decimal point; "
         "a number has at most 15: check it for a typo"]),
    "hex-in-cell": (
        G, "[20.07, 21]", "[0x75, 21]",
        ["data/grain.yaml:14:12: tables[0].rows.离石[0]: '0x75' is read by YAML 1.1 as the hexadecimal number 117; "
         "write the number in decimal (117), or quote it if it is a code"]),
    "octal-in-cell": (
        G, "[20.07, 21]", "[017, 21]",
        ["data/grain.yaml:14:12: tables[0].rows.离石[0]: '017' is read by YAML 1.1 as the octal number 15; "
         "remove the leading zero, or quote it if it is a code"]),
    "octal-0o-in-cell": (
        G, "[20.07, 21]", "[0o17, 21]",
        ["data/grain.yaml:14:12: tables[0].rows.离石[0]: '0o17' is read by YAML 1.1 as text, not the octal number 15; "
         "write the number in decimal (15), or quote it if it is a code"]),
    "sexagesimal-in-cell": (
        G, "[20.07, 21]", "[1:20, 21]",
        ["data/grain.yaml:14:12: tables[0].rows.离石[0]: '1:20' is read by YAML 1.1 as a base-60 number (80); "
         "write 80 if you mean that number, or quote it if you mean a ratio or a time"]),
    "underscore-in-cell": (
        G, "[20.07, 21]", "[1_17.59, 21]",
        ["data/grain.yaml:14:12: tables[0].rows.离石[0]: '1_17.59' is read by YAML 1.1 as 117.59 (it drops the underscores); "
         "write the number without underscores (117.59), or quote it if it is text"]),
    "above-the-default-unit-limit": (
        G, "[20.07, 21]", "[2000000000000, 21]",
        ["data/grain.yaml:14:12: tables[0].rows.离石[0]: 2,000,000,000,000 is above the largest value allowed in '万亩' "
         "(1,000,000,000,000); check it for a typo, or set max: for this unit under units: in config.yaml"]),
    "range-above-the-default-unit-limit": (
        S, "[8.4, 6]", "[{range: [1, 2000000000000]}, 6]",
        ["data/sewer.yaml:15:12: tables[0].rows.交城[0]: 2,000,000,000,000 is above the largest value allowed in '公里' "
         "(1,000,000,000,000); check it for a typo, or set max: for this unit under units: in config.yaml"]),
    "above-a-unit-max": (
        C, '  - {id: 万亩, en: "10,000 mu"}', '  - {id: 万亩, en: "10,000 mu", max: 90}',
        ["data/grain.yaml:17:48: tables[0].stated_total.values[1]: 91 is above the largest value allowed in '万亩' (90); "
         "check it for a typo, or set max: for this unit under units: in config.yaml"]),
    "unit-max-not-positive": (
        C, '  - {id: 万亩, en: "10,000 mu"}', '  - {id: 万亩, en: "10,000 mu", max: 0}',
        ["config.yaml:14:36: units[0].max: got 0; expected a number above 0 and at most 1e+15"]),
    "yes-for-a-boolean": (
        C, "on_map: true, aliases: [离石]", "on_map: yes, aliases: [离石]",
        ["config.yaml:4:87: counties[0].on_map: 'yes' is read by YAML 1.1 as the boolean true; "
         "write true/false, or quote it if you mean the text"]),
}


@pytest.mark.parametrize("name, old, new, expected", list(BAD_INPUTS.values()), ids=list(BAD_INPUTS))
def test_bad_input_is_reported_exactly(mini, name, old, new, expected):
    mini.edit(name, old, new)
    assert problems_of(mini) == expected


def test_problems_in_two_files_are_all_reported_together(mini):
    mini.edit(G, "[20.07, 21]", '["20.07", 21]')          # schema problems in grain.yaml …
    mini.edit(G, "[11.33, 12]", "[11.33, -12]")
    mini.edit(G, 'issued: "2021-03-05"', 'issued: "2021-13-05"')
    mini.edit(S, "      交城: [8.4, 6]", "      太原: [8.4, 6]")  # … and cross-reference problems in sewer.yaml
    mini.edit(S, 'period: "2022", header', 'period: "2024", header')
    problems = problems_of(mini)
    assert len(problems) == 5
    assert problems == [
        "data/grain.yaml:5:11: source.issued: '2021-13-05' is not a date; write it as \"YYYY-MM-DD\" in quotes",
        "data/grain.yaml:14:12: tables[0].rows.离石[0]: got text '20.07', a number written as text; remove the quotes",
        "data/grain.yaml:15:20: tables[0].rows.交城县[1]: got the negative value -12; "
        "targets are never negative: check the sign",
        "data/sewer.yaml:12:39: tables[0].columns[1].period: unknown period '2024'; "
        "declare it under periods: in config.yaml or use one of '2021', '2022' or 'overall'",
        "data/sewer.yaml:15:11: tables[0].rows.太原: unknown county '太原'; "
        "add it under counties: in config.yaml (or as an alias)",
    ]


def test_missing_data_file_is_reported_and_the_others_still_checked(mini):
    mini.path(S).unlink()
    mini.edit(G, "theme: grain", "theme: grian")
    assert problems_of(mini) == [
        "data/grain.yaml:1:8: theme: this file is named for theme 'grain' in config.yaml but says theme 'grian'; "
        "make them match",
        "data/sewer.yaml:1:1: file not found; check the path in config.yaml",
    ]


def test_missing_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as err:
        load_project()
    assert str(err.value) == "config.yaml:1:1: file not found; check the path in config.yaml"


@pytest.mark.parametrize("content, expected", [
    ("- a\n- b\n", ["config.yaml:1:1: expected a mapping of keys at the top, got a list"]),
    ("---\n", ["config.yaml:1:1: expected a mapping of keys at the top, got nothing (an empty document)"]),
    ("title: x\n", ["config.yaml:1:1: counties: missing required field 'counties'; add it",
                    "config.yaml:1:1: gazette: missing required field 'gazette'; add it",
                    "config.yaml:1:1: periods: missing required field 'periods'; add it",
                    "config.yaml:1:1: themes: missing required field 'themes'; add it",
                    "config.yaml:1:1: units: missing required field 'units'; add it",
                    "config.yaml:1:8: title: got 'x'; expected a mapping of keys (key: value)"]),
], ids=["list", "document-marker-only", "scalar-title"])
def test_config_top_level_shape(mini, content, expected):
    mini.write(C, content)
    assert problems_of(mini) == expected


def test_number_read_key_is_an_unknown_key(mini):
    mini.edit(C, "  - {id: 公里, en: km}", "  - {id: 公里, en: km, 2021: x}")
    assert problems_of(mini) == ["config.yaml:15:28: units[1][2021]: unknown key 2021; allowed keys here: id, en, summable, max"]


def test_paths_render_absolute_outside_the_working_folder(mini, tmp_path_factory, monkeypatch):
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    mini.edit(G, "theme: grain", "theme: grian")
    with pytest.raises(ConfigError) as err:
        mini.load()
    assert str(err.value).startswith(f"{mini.path(G)}:1:8: theme: ")


def test_resolve_config_accepts_a_folder(mini):
    assert resolve_config(mini.root) == mini.config
    assert resolve_config(mini.config) == mini.config
    assert load_project(mini.root).config_path == mini.config


def fingerprint(config) -> str:
    """The digest the Store keys snapshots on: every input file's bytes (a missing one with its reason)."""
    path = resolve_config(config)
    return combined_digest({p: read_input(p, path) for p in data_paths(path)})


def test_fingerprint_changes_with_any_data_file(mini):
    before = fingerprint(mini.config)
    assert fingerprint(mini.root) == fingerprint(mini.config) == before  # same inputs, same fingerprint
    mini.edit(S, "[8.4, 6]", "[8.5, 6]")
    after = fingerprint(mini.config)
    assert after != before
    mini.path(S).unlink()  # a missing file counts too
    assert fingerprint(mini.config) not in (before, after)


def run_validate(mini) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "targets", "validate", "config.yaml", "--lang", "en"], cwd=mini.root, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("name, old, new, first", [
    (G, "[20.07, 21]", '["20.07", 21]', "data/grain.yaml:14:12: tables[0].rows.离石[0]: got text '20.07'"),
    (C, "units:\n", "units:\n  - {id: 斤, en: jin, extra: 1}\n",
     "config.yaml:14:29: units[0].extra: unknown key 'extra'; allowed keys here: id, en, summable, max"),
], ids=["data-file", "config"])
@pytest.mark.slow  # a fresh interpreter per run
def test_validate_cli_prints_problems_without_traceback(mini, name, old, new, first):
    mini.edit(name, old, new)
    result = run_validate(mini)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines and lines[0].startswith(first)
    assert all(line.startswith(name + ":") for line in lines)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert result.stderr.strip() == f"{len(lines)} problem(s) found; fix them and run again."


def test_a_unit_max_raises_the_limit_for_that_unit(mini):
    mini.edit(C, '  - {id: 万亩, en: "10,000 mu"}', '  - {id: 万亩, en: "10,000 mu", max: 1.0e+14}')
    mini.edit(G, "[20.07, 21]", "[2000000000000, 21]")
    f = mini.load().frame
    assert f[(f["county"] == "离石区") & (f["period"] == "2021")]["value"].iloc[0] == 2e12


@pytest.mark.parametrize("make, message", [
    (lambda p: (p.unlink(), os.mkfifo(p)), "is a named pipe (FIFO), not a file; put the YAML file itself here"),
    (lambda p: (p.unlink(), p.symlink_to("/dev/zero")),
     "is a link to '/dev/zero', outside the project folder; copy the file into the folder that holds config.yaml instead"),
], ids=["fifo", "link-to-dev-zero"])
def test_a_data_path_that_is_no_regular_file_is_refused_at_once(mini, make, message):
    make(mini.path(G))
    assert problems_of(mini) == [f"data/grain.yaml:1:1: {message}"]


def test_an_oversized_config_is_refused_before_it_is_read(mini, monkeypatch):
    from targets.inputs import yamlsafe

    monkeypatch.setattr(yamlsafe, "MAX_BYTES", 5000)
    mini.append(C, "#" + "x" * 5000 + "\n")
    size = mini.path(C).stat().st_size
    assert problems_of(mini) == [f"config.yaml:1:1: file is {size:,} bytes; the limit is 5,000: "
                                 "config.yaml holds settings only: remove what is not needed (e.g. long comments)"]


@pytest.mark.parametrize(("written", "message"), [
    ("two", "got 'two'; expected a whole number"),                        # a word: no quotes to remove
    ('"2"', "got '2'; expected a whole number; remove the quotes"),        # a quoted number: removing them fixes it
    ('" 3 "', "got ' 3 '; expected a whole number; remove the quotes"),
    ('"2.5"', "got '2.5'; expected a whole number"),                     # still no whole number without quotes
    ('"2号"', "got '2号'; expected a whole number"),
])
def test_remove_the_quotes_only_when_that_is_the_fix(mini, written, message):
    mini.edit(C, "kind: county, order: 2,", f"kind: county, order: {written},")
    assert problems_of(mini) == [f"config.yaml:5:60: counties[1].order: {message}"]


def test_config_and_data_problems_in_one_run(mini):
    """Issue 17: an undeclared unit and an invalid county entry in config.yaml hide no data-file problem."""
    mini.edit(C, "unit: 万亩", "unit: 万平方米")
    mini.edit(C, "kind: county, order: 2,", "kind: county, order: two,")
    mini.edit(G, '{indicator: sown_area, period: "2022"', '{indicator: sown_area, period: 2022')
    mini.edit(S, "[8.4, 6]", '["8.4公里", 6]')
    assert problems_of(mini) == [
        "config.yaml:5:60: counties[1].order: got 'two'; expected a whole number",  # no quotes to remove from a word
        "config.yaml:22:64: themes[0].indicators[0].unit: unknown unit '万平方米'; declare it under units: or use one of"
        " '万亩' or '公里'",
        'data/grain.yaml:12:40: tables[0].columns[1].period: got the number 2022; expected text: write it in quotes ("2022")',
        "data/sewer.yaml:15:12: tables[0].rows.交城[0]: got text '8.4公里'; expected a number, '-' (no task that year),"
        " null (blank in the gazette), {at_least: N}, {at_most: N}, {about: N} or {range: [low, high]}",
    ]  # the row 交城 names the refused county: no second 'unknown county' message


def test_a_syntax_error_hides_no_other_block(mini):
    """Issue 17: each top-level block is parsed on its own after a syntax error, so both are found in one run."""
    mini.edit(G, '{indicator: sown_area, period: "2022", header: 2022年(万亩)}', '{indicator: sown_area, period: "2022"')
    mini.edit(G, "right: [total:sown_area@2021]", "right: [total:sown_area@2021")
    assert problems_of(mini) == [
        "data/grain.yaml:12:9: the mapping that starts here with '{' is not closed: end it with '}' (entries are"
        " separated by commas)",
        "data/grain.yaml:25:12: the list that starts here with '[' is not closed: end it with ']' (values are"
        " separated by commas)",
    ]


# independent mistakes, each in its own place: (file, old, new, where its one message is located)
MISTAKES = [
    (C, "kind: county, order: 2,", "kind: county, order: two,", "config.yaml:5:60: counties[1].order"),
    (C, "unit: 万亩", "unit: 万平方米", "config.yaml:22:64: themes[0].indicators[0].unit"),
    (G, '{indicator: sown_area, period: "2022"', '{indicator: sown_area, period: 2022', "data/grain.yaml:12:40: tables[0]"),
    (S, "[8.4, 6]", '["8.4公里", 6]', "data/sewer.yaml:15:12: tables[0].rows.交城[0]"),
]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=10 if os.environ.get("CI") != "true" else 60)
@given(chosen=st.sets(st.integers(0, len(MISTAKES) - 1), min_size=1))
def test_k_mistakes_give_k_located_messages_in_one_run(mini, chosen):
    """Issue 17: k independent mistakes in k places → exactly k messages, each at its place, in one run."""
    originals = {name: mini.read(name) for name in (C, G, S)}
    try:
        for i in sorted(chosen):
            name, old, new, _ = MISTAKES[i]
            mini.edit(name, old, new)
        found = problems_of(mini)
        assert len(found) == len(chosen), found
        assert [f.startswith(MISTAKES[i][3]) for f, i in zip(found, sorted(chosen))] == [True] * len(chosen), found
    finally:
        for name, text in originals.items():
            mini.write(name, text)
