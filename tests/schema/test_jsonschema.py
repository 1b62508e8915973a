"""targets.jsonschema: the editors' schemas are what the models generate, accept the shipped files,
underline what `targets validate` refuses, and say every field's meaning in Chinese, then English."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import REPO
from targets.schema import jsonschema as editor
from targets.core.errors import ConfigError
from targets.inputs.load import data_paths
from targets.schema.cells import CELL_JSON_SCHEMA, parse_cell
from targets.inputs.yamlsafe import read_yaml

MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")
CJK = re.compile(r"[\u4e00-\u9fff]")
SHIPPED = ["config.yaml"] + sorted(str(p.relative_to(REPO)) for p in data_paths(REPO / "config.yaml") if p.suffix == ".yaml")
SCHEMA_OF = {"config.yaml": "config.schema.json", "data": "data.schema.json"}


def validator(name: str) -> jsonschema.Draft7Validator:
    schema = json.loads(editor.render()[name])
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def schema_errors(path: Path, shown_as: str, schema: str) -> list[str]:
    """Schema errors as `key.path: message`, for a file read as `targets validate` reads it."""
    parsed, problems = read_yaml(path, shown_as)
    assert not problems, problems
    return sorted(f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(schema).iter_errors(parsed.data))


def validate_problems(mini) -> list[str]:
    try:
        mini.load()
    except ConfigError as err:
        return [p.render("en") for p in sorted(err.problems)]
    return []


# ---- the committed files ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(editor.SCHEMAS))
def test_committed_schema_is_what_the_models_generate(name):
    committed = (REPO / editor.OUT_DIR / name).read_text(encoding="utf-8")
    assert committed == editor.render()[name], (
        f"{editor.OUT_DIR}/{name} is out of date with the models in targets/schema/; "
        "regenerate it with `python -m targets schema` and commit it")


@pytest.mark.parametrize("name", sorted(editor.SCHEMAS))
def test_schema_is_draft_07_for_the_yaml_extension(name):
    schema = json.loads(editor.render()[name])
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    assert "$defs" not in json.dumps(schema)  # draft-07 spells it `definitions`; the extension ignores $defs


@pytest.mark.parametrize("shown_as", SHIPPED)
def test_shipped_file_names_its_schema_on_line_1_and_matches_it(shown_as):
    path = REPO / shown_as
    first = path.read_text(encoding="utf-8").splitlines()[0]
    want = SCHEMA_OF.get(shown_as, SCHEMA_OF["data"])
    m = MODELINE.fullmatch(first)
    assert m, f"{shown_as}: line 1 must be `# yaml-language-server: $schema=<path to schemas/{want}>`, got {first!r}"
    target = (path.parent / m.group(1)).resolve()
    assert target == (REPO / editor.OUT_DIR / want).resolve(), f"{shown_as} points at {m.group(1)}; expected schemas/{want}"
    assert schema_errors(path, shown_as, want) == []


def test_every_data_file_in_data_is_shipped_with_its_schema_line():
    for path in sorted((REPO / "data").glob("*.yaml")):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schemas/data.schema.json\n"), path.name


# ---- hover text ---------------------------------------------------------------------------------


def _properties(node, where=""):
    """Every property schema, with its JSON-pointer-like place (for the message)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties":
                for name, prop in value.items():
                    yield f"{where}/{name}", prop
                    yield from _properties(prop, f"{where}/{name}")
            else:
                yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, x in enumerate(node):
            yield from _properties(x, f"{where}/{i}")


@pytest.mark.parametrize("name", sorted(editor.SCHEMAS))
def test_every_key_has_hover_text_in_chinese_then_english(name):
    schema = json.loads(editor.render()[name])
    props = list(_properties(schema))
    assert len(props) > 10  # the walk reached the keys (the smallest schema, a report, has 17)
    for where, prop in props:
        desc = prop.get("description", "")
        lines = desc.split("\n")
        assert len(lines) == 2 and CJK.search(lines[0]) and re.match(r'[A-Za-z"\[{]', lines[1]), (
            f"{where}: {desc!r}; add a docstring under the field in targets/schema/, a Chinese line then an "
            "English line, and run `python -m targets schema`")


# ---- the schema underlines what validate refuses ---------------------------------------------------


def test_a_misspelt_key_is_underlined_and_refused(mini):
    mini.edit("config.yaml", 'color: "#332288"', 'colour: "#332288"')
    assert schema_errors(mini.config, "config.yaml", "config.schema.json") == [
        "counties.0: 'color' is a required property",
        "counties.0: Additional properties are not allowed ('colour' was unexpected)"]
    assert any("counties[0].colour: unknown key 'colour'" in p for p in validate_problems(mini))


# (file, text to replace, replacement): both the schema and validate refuse the result
BOTH_REFUSE = {
    "top-level-typo": ("data/grain.yaml", "tables:", "tabels:"),
    "colour-name": ("config.yaml", '"#44AA99"', "teal"),
    "colour-short": ("config.yaml", '"#44AA99"', '"#4A9"'),
    "kind-unknown": ("config.yaml", "kind: city_level", "kind: town"),
    "order-as-text": ("config.yaml", "order: 2,", 'order: "2",'),
    "on-map-as-text": ("config.yaml", "color: \"#332288\", on_map: true", "color: \"#332288\", on_map: \"true\""),
    "indicator-id-capitals": ("config.yaml", "id: sown_area", "id: Sown_Area"),
    "theme-id-dash": ("config.yaml", "  - id: sewer\n", "  - id: sewer-km\n"),
    "empty-name": ("config.yaml", "zh: 粮食\n", 'zh: ""\n'),
    "language-unknown": ("config.yaml", "default_language: zh", "default_language: fr"),
    "no-indicators": ("config.yaml", '    indicators:\n      - {id: sewer_km, zh: 雨污合流制管网改造, en: Combined sewer separated, '
                      'unit: 公里, format: ".1f"}\n', "    indicators: []\n"),
    "period-as-number": ("data/grain.yaml", 'period: "2022", header', "period: 2022, header"),
    "date-unpadded": ("data/grain.yaml", '"2021-03-05"', '"2021-3-5"'),
    "date-missing": ("data/grain.yaml", '  issued: "2021-03-05"\n', ""),
    "cell-chinese-text": ("data/grain.yaml", "[20.07, 21]", '["约20", 21]'),
    "cell-number-as-text": ("data/grain.yaml", "[20.07, 21]", '["20.07", 21]'),
    "cell-negative": ("data/grain.yaml", "[20.07, 21]", "[-20.07, 21]"),
    "cell-boolean": ("data/grain.yaml", "[20.07, 21]", "[true, 21]"),
    "cell-unknown-form": ("data/grain.yaml", "{at_least: 88}", "{approx: 88}"),
    "cell-two-forms": ("data/grain.yaml", "{at_least: 88}", "{at_least: 88, at_most: 90}"),
    "cell-range-one-end": ("data/sewer.yaml", "{about: 18}", "{range: [18]}"),
    "figure-extra-key": ("data/grain.yaml", "quote: 播种面积", "note: x, quote: 播种面积"),
    "stated-total-extra-key": ("data/grain.yaml", "{label: 吕梁市,", "{label: 吕梁市, unit: 万亩,"),
    "check-ref-typo": ("data/grain.yaml", "[total:sown_area@2021]", "[totl:sown_area@2021]"),
    "table-ref-missing": ("data/sewer.yaml", "    ref: 附件 雨污分流改造任务表\n", ""),
    "adcode-five-digits": ("config.yaml", 'adcode: "141102"', 'adcode: "14110"'),
    "adcode-as-number": ("config.yaml", 'adcode: "141102"', "adcode: 141102"),
    # Once taken by validate alone (Python's \d and date.fromisoformat); tests/schema/test_types.py generates more.
    "adcode-full-width": ("config.yaml", 'adcode: "141102"', 'adcode: "１４１１０２"'),
    "date-basic-format": ("data/grain.yaml", '"2021-03-05"', '"20210305"'),
    "date-iso-week": ("data/grain.yaml", '"2021-03-05"', '"2021-W09-5"'),
    "analyst-entry-without-date": ("data/sewer.yaml", "quote: 全市共完成约18公里}", "quote: 全市共完成约18公里, source: {entered_by: 分析员}}"),
}


@pytest.mark.parametrize("file,old,new", BOTH_REFUSE.values(), ids=BOTH_REFUSE.keys())
def test_the_schema_underlines_what_validate_refuses(mini, file, old, new):
    mini.edit(file, old, new)
    schema = SCHEMA_OF.get(file, SCHEMA_OF["data"])
    assert schema_errors(mini.path(file), file, schema), "the schema accepts it"
    assert validate_problems(mini), "validate accepts it"


# Edits both accept: the schema never underlines what validate takes.
BOTH_ACCEPT = {
    "range": ("data/sewer.yaml", "{about: 18}", "{range: [17, 19]}"),
    "at-most": ("data/sewer.yaml", "{about: 18}", "{at_most: 18}"),
    "no-task-and-blank": ("data/grain.yaml", "[20.07, 21]", '["-", null]'),
    "zero": ("data/grain.yaml", "[20.07, 21]", "[0, 21]"),
    "whole-number": ("data/grain.yaml", "[20.07, 21]", "[20, 21]"),
    "alias-row": ("data/grain.yaml", "交城县: [11.33, 12]", "交城: [11.33, 12]"),
    "figure-scope-and-county": ("data/grain.yaml", "quote: 播种面积", "scope: 全市, county: 吕梁市, quote: 播种面积"),
    "colour-lower-case": ("config.yaml", '"#44AA99"', '"#44aa99"'),
    "optional-keys-left-out": ("config.yaml", "display:\n  default_language: zh\n", "display:\n"),
    "sum-ref": ("data/grain.yaml", "[total:sown_area@2021]", "[sum:sown_area@2021]"),
    "analyst-entry": ("data/sewer.yaml", "quote: 全市共完成约18公里}",
                      'quote: 全市共完成约18公里, source: {entered_by: 分析员, entered_on: "2024-05-01", note: 电话核实}}'),
}


@pytest.mark.parametrize("file,old,new", BOTH_ACCEPT.values(), ids=BOTH_ACCEPT.keys())
def test_the_schema_accepts_what_validate_accepts(mini, file, old, new):
    mini.edit(file, old, new)
    schema = SCHEMA_OF.get(file, SCHEMA_OF["data"])
    assert validate_problems(mini) == []
    assert schema_errors(mini.path(file), file, schema) == []


# What only validate can judge: names declared elsewhere, calendar and ordering rules, finite numbers.
VALIDATE_ONLY = {
    "unknown-county": ("data/grain.yaml", "      离石: [20.07, 21]", "      太原: [20.07, 21]"),
    "unknown-indicator": ("data/grain.yaml", "indicator: sown_area, period: \"2022\"", "indicator: sown_yield, period: \"2022\""),
    "range-high-first": ("data/sewer.yaml", "{about: 18}", "{range: [19, 17]}"),
    "bad-number-format": ("config.yaml", 'format: ".2f"', 'format: "x"'),
    "infinite-value": ("data/grain.yaml", "[20.07, 21]", "[.inf, 21]"),
}


@pytest.mark.parametrize("file,old,new", VALIDATE_ONLY.values(), ids=VALIDATE_ONLY.keys())
def test_what_only_validate_refuses(mini, file, old, new):
    mini.edit(file, old, new)
    schema = SCHEMA_OF.get(file, SCHEMA_OF["data"])
    assert schema_errors(mini.path(file), file, schema) == []
    assert validate_problems(mini)


# ---- cells ---------------------------------------------------------------------------------------

CELLS = [0, 3, 20.07, -1, -0.5, True, False, "-", None, "5", "约20", "--", "", [1, 2], {},
         {"at_least": 5}, {"at_most": 0}, {"about": 2.5}, {"range": [3, 5]}, {"range": [3, 3]},
         {"range": [3]}, {"range": [3, 5, 7]}, {"range": "3-5"}, {"range": [3, True]}, {"range": [-1, 5]},
         {"approx": 3}, {"at_least": 5, "at_most": 6}, {"at_least": -1}, {"at_least": "5"}, {"at_least": None}]


@pytest.mark.parametrize("raw", CELLS, ids=repr)
def test_cell_schema_accepts_exactly_what_parse_cell_accepts(raw):
    cell = jsonschema.Draft7Validator(CELL_JSON_SCHEMA)
    try:
        parse_cell(raw)
        parsed = True
    except ValueError:
        parsed = False
    assert cell.is_valid(raw) == parsed
