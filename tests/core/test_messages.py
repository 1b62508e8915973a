"""targets.messages + messages.yaml: every message exists in Chinese and English, worded in one place.

The catalog is checked whole (both languages, the same fields, no English left in the Chinese), the code
is checked to name only catalog ids (and every id to be used), and the bad inputs of test_load.py are
rendered in Chinese: exactly, for a representative set, and free of English words for all of them.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pydantic
import pytest

from targets.schema.config import Config
from targets.schema.data import DataFile
from targets.schema.progress import ReportFile
from targets.core.errors import ConfigError, Problem
from targets.core.quote import show
from targets.frame.i18n import LANGS
from targets.core.messages import MAX_OPTIONS, Msg, Names, catalog, msg, near, options
from tests.inputs.test_load import BAD_INPUTS

ROOT = Path(__file__).resolve().parents[2]
CODE = sorted((ROOT / "targets").rglob("*.py"))


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _model_keys() -> set[str]:
    """Every key name of config.yaml and the data files: Chinese messages may name them as written."""
    seen: set[type] = set()
    keys: set[str] = set()

    def walk(model: type[pydantic.BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            keys.add(name)
            for tp in _types(info.annotation):
                walk(tp)

    walk(Config)
    walk(DataFile)
    walk(ReportFile)
    return keys


def _types(tp) -> list[type]:
    import typing

    found = [tp] if isinstance(tp, type) and issubclass(tp, pydantic.BaseModel) else []
    for arg in typing.get_args(tp):
        found += _types(arg)
    return found


# English words a Chinese message may hold: YAML's own words and values, file names and formats, proper names.
YAML_WORDS = {"YAML", "null", "true", "false", "city", "figure", "total", "sum", "at_least", "at_most", "about",
              "range", "flow", "level", "overview", "sown_area", "config", "yaml", "scripts", "build_geojson", "py", "properties",
              "verbose", "a", "b", "e", "f", "g", "N"}
NAMES = {"UTF", "GBK", "Windows", "Tab", "FIFO", "NUL", "GeoJSON", "FeatureCollection", "YYYY", "MM", "DD", "RRGGBB", "git"}


def _english_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z_]*", text)) - _model_keys() - YAML_WORDS - NAMES


# ---- the catalog ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(catalog()))
def test_every_message_has_every_language_with_the_same_fields(code):
    entry = catalog()[code]
    assert set(entry) == set(LANGS)
    assert all(isinstance(t, str) and t for t in entry.values())
    assert _fields(entry["zh"]) == _fields(entry["en"])


@pytest.mark.parametrize("code", sorted(catalog()))
def test_no_english_words_in_chinese_messages(code):
    template = catalog()[code]["zh"]
    bare = re.sub(r"\{\w+(:[^}]*)?\}", " ", template)
    assert not _english_words(bare), template


def _msg_ids_in_code() -> set[str]:
    """The ids named where a message is made: the literal strings in the first argument of every msg() call."""
    ids = set()
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "msg":
                if node.args:
                    ids |= _literal_ids(node.args[0])
    return ids


def _literal_ids(expr: ast.expr) -> set[str]:
    """"a" -> {a}; "a" if … else "b" -> {a, b}; anything else is chosen at run time (see the next test)."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    if isinstance(expr, ast.IfExp):
        return _literal_ids(expr.body) | _literal_ids(expr.orelse)
    return set()


def _strings_in_code() -> set[str]:
    return {n.value for p in CODE for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
            if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def test_every_message_the_code_names_is_in_the_catalog():
    assert _msg_ids_in_code() - set(catalog()) == set()


def test_every_message_in_the_catalog_is_used():
    # Ids chosen at run time (e.g. from a table of pydantic's error types) still appear as strings in the code.
    assert set(catalog()) - _strings_in_code() == set()


def test_an_unknown_message_id_is_a_bug_found_at_once():
    with pytest.raises(KeyError, match="not_a_message"):
        msg("not_a_message")


# ---- rendering --------------------------------------------------------------------------------------------


def test_a_problem_takes_only_a_message_with_words_in_every_language():
    with pytest.raises(TypeError):
        Problem("x.yaml", 1, 1, "", "an English sentence")  # type: ignore[arg-type]


def test_a_problem_renders_in_the_language_asked_for_chinese_by_default():
    p = Problem("data/x.yaml", 3, 5, "tables[0].rows.太原", msg("unknown_county", name=show("太原"), near=None))
    assert p.render() == p.render("zh") == "data/x.yaml:3:5: tables[0].rows.太原: 未知的县 '太原'；请在 config.yaml 的 counties: 下添加它（或作为别名）"
    assert p.render("en") == ("data/x.yaml:3:5: tables[0].rows.太原: unknown county '太原'; "
                              "add it under counties: in config.yaml (or as an alias)")
    assert p.message == "unknown county '太原'; add it under counties: in config.yaml (or as an alias)"
    assert str(ConfigError([p])) == p.render("en")  # logs and exceptions: English


@pytest.mark.parametrize("values, zh, en", [
    (["a"], "'a'", "'a'"),
    (["a", "b"], "'a' 或 'b' 之一", "'a' or 'b'"),
    (["2021", "2022", "overall"], "'2021'、'2022' 或 'overall' 之一", "'2021', '2022' or 'overall'"),
    ([str(i) for i in range(MAX_OPTIONS + 3)],
     "、".join(f"'{i}'" for i in range(MAX_OPTIONS)) + " 等（另有 3 个）之一",
     ", ".join(f"'{i}'" for i in range(MAX_OPTIONS)) + " … and 3 more"),
], ids=["one", "two", "three", "cut"])
def test_choices_are_joined_the_languages_way_and_cut_when_long(values, zh, en):
    assert options(tuple(values), "zh") == zh
    assert options(tuple(values), "en") == en


def test_key_names_are_listed_as_written():
    m = msg("allowed_keys", keys=Names(["id", "en", "max"]))
    assert (m.text("zh"), m.text("en")) == ("；这里允许的键：id、en、max", "; allowed keys here: id, en, max")


@pytest.mark.parametrize("value, shown", [
    ("交城", "'交城'"),
    (None, "null"),
    (True, "true"),
    (2022, "2022"),
    ({"label": "吕梁市", "values": [88.48, None]}, "{label: 吕梁市, values: [88.48, null]}"),
    ([1, [2, {"a": False}]], "[1, [2, {a: false}]]"),
    (list(range(100)), "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, …"),
], ids=["text", "null", "boolean", "number", "mapping", "nested", "long-list"])
def test_values_are_shown_as_yaml_writes_them_never_as_python_reprs(value, shown):
    assert show(value) == shown


# "did you mean": (what was written, what is known, the suggestion or None)
NEAR_MISSES = {
    "county-one-character-off": ("交成县", ["离石区", "交城县", "兴县"], "交城县"),
    "county-short-form": ("交城", ["离石区", "交城县", "兴县"], "交城县"),
    "unit": ("亩", ["万亩", "公里"], "万亩"),
    "period-a-year-is-a-number": ("2024", ["2021", "2022", "overall"], None),  # never a near miss (issue 17)
    "adcode-a-code": ("141199", ["141129", "141102"], None),
    "period-spaces": (" 2022", ["2021", "2022"], "2022"),
    "indicator": ("sown_aera", ["sown_area", "sewer_km"], "sown_area"),
    "page": ("overveiw", ["overview", "compare", "profile"], "overview"),
    "theme-id-case": ("Grain", ["grain", "sewer"], "grain"),
    "nothing-close": ("太原", ["离石区", "交城县", "兴县"], None),
}


@pytest.mark.parametrize("written, known, hit", list(NEAR_MISSES.values()), ids=list(NEAR_MISSES))
def test_near_misses_are_offered_in_both_languages(written, known, hit):
    m = near(written, known)
    if hit is None:
        assert m is None
    else:
        assert (m.text("zh"), m.text("en")) == (f"；你是不是想写 '{hit}'？", f"; did you mean '{hit}'?")


def test_messages_compare_and_hash_by_id_and_fields():
    a = msg("unknown_unit", unit="'亩'", options=["万亩", "公里"], near=near("亩", ["万亩"]))
    b = msg("unknown_unit", unit="'亩'", options=("万亩", "公里"), near=near("亩", ["万亩"]))
    assert a == b and hash(a) == hash(b) and isinstance(a, Msg)


# ---- near misses and value shapes, both languages -------------------------------------------------------

# name: (file, text to replace, replacement, problems in Chinese, problems in English)
MORE = {
    'default-indicator-theme-misspelt': (
        'config.yaml', 'default_indicator: {grain: sown_area, sewer: sewer_km}', 'default_indicator: {grian: sown_area, sewer: sewer_km}',
        ["config.yaml:31:30: display.default_indicator.grian: 未知的主题 'grian'；应当是 'grain' 或 'sewer' 之一；你是不是想写 'grain'？"],
        ["config.yaml:31:30: display.default_indicator.grian: unknown theme 'grian'; expected one of 'grain' or 'sewer'; did you mean 'grain'?"]),
    'default-indicator-misspelt': (
        'config.yaml', 'default_indicator: {grain: sown_area, sewer: sewer_km}', 'default_indicator: {grain: sown_aera, sewer: sewer_km}',
        ["config.yaml:31:30: display.default_indicator.grain: 主题 grain 没有指标 'sown_aera'；应当是 'sown_area'；你是不是想写 'sown_area'？"],
        ["config.yaml:31:30: display.default_indicator.grain: unknown indicator 'sown_aera' for theme grain; expected one of 'sown_area'; did you mean 'sown_area'?"]),
    'navigation-page-misspelt': (
        'config.yaml', 'display:\n', 'navigation:\n  - {pages: [overveiw, themes]}\ndisplay:\n',
        ["config.yaml:30:14: navigation[0].pages[0]: 未知的页面 'overveiw'；应当是 'themes'（全部主题）、某个主题 id，或 'overview'、'progress'、'compare'、'profile'、'data'、'quality' 或 'planner' 之一；你是不是想写 'overview'？"],
        ["config.yaml:30:14: navigation[0].pages[0]: unknown page 'overveiw'; expected 'themes' (every theme), a theme id or one of 'overview', 'progress', 'compare', 'profile', 'data', 'quality' or 'planner'; did you mean 'overview'?"]),
    'slide-theme-and-county-misspelt': (
        'config.yaml', 'display:\n', 'presentation:\n  - {page: grain, theme: grian, county: 交成县, caption: {zh: 一, en: One}}\ndisplay:\n',
        ["config.yaml:30:26: presentation[0].theme: 未知的主题 'grian'；应当是 'grain' 或 'sewer' 之一；你是不是想写 'grain'？", "config.yaml:30:41: presentation[0].county: 未知的县 '交成县'；应当是 config.yaml 中 counties: 下的名称；你是不是想写 '交城县'？"],
        ["config.yaml:30:26: presentation[0].theme: unknown theme 'grian'; expected one of 'grain' or 'sewer'; did you mean 'grain'?", "config.yaml:30:41: presentation[0].county: unknown county '交成县'; expected a name under counties: in config.yaml; did you mean '交城县'?"]),
    'slide-page-period-indicator-misspelt': (
        'config.yaml', 'display:\n', 'presentation:\n  - {page: gran, period: "2023", indicator: sewer_kn, caption: {zh: 一, en: One}}\ndisplay:\n',
        ["config.yaml:30:12: presentation[0].page: 未知的页面 'gran'；应当是 'overview'、'grain'、'sewer'、'compare'、'profile'、'data' 或 'quality' 之一；你是不是想写 'grain'？", "config.yaml:30:26: presentation[0].period: 未知的期间 '2023'；应当是 '2021'、'2022' 或 'overall' 之一", "config.yaml:30:45: presentation[0].indicator: 未知的指标 'sewer_kn'；请先在 themes: 下声明它；你是不是想写 'sewer_km'？"],
        ["config.yaml:30:12: presentation[0].page: unknown page 'gran'; expected one of 'overview', 'grain', 'sewer', 'compare', 'profile', 'data' or 'quality'; did you mean 'grain'?", "config.yaml:30:26: presentation[0].period: unknown period '2023'; expected one of '2021', '2022' or 'overall'", "config.yaml:30:45: presentation[0].indicator: unknown indicator 'sewer_kn'; declare it under themes: first; did you mean 'sewer_km'?"]),
    'figure-county-misspelt': (
        'data/sewer.yaml', 'value: {about: 18}, ref:', 'value: {about: 18}, county: 兴 县城, ref:',
        ["data/sewer.yaml:19:86: figures[0].county: 未知的县 '兴 县城'；应当是 config.yaml 中 counties: 下的名称；你是不是想写 '兴 县'？"],
        ["data/sewer.yaml:19:86: figures[0].county: unknown county '兴 县城'; expected a name under counties: in config.yaml; did you mean '兴 县'?"]),
    'empty-name-of-a-theme': (
        'config.yaml', '    zh: 粮食\n', '    zh:\n',
        ['config.yaml:18:8: themes[0].zh: 这里什么也没写；应当是文字'],
        ['config.yaml:18:8: themes[0].zh: nothing is written here; expected text']),
    'empty-list-of-indicators': (
        'config.yaml', '    indicators:\n      - {id: sewer_km, zh: 雨污合流制管网改造, en: Combined sewer separated, unit: 公里, format: ".1f"}\n', '    indicators: []\n',
        ['config.yaml:27:17: themes[1].indicators: 不能为空；请至少添加一项'],
        ['config.yaml:27:17: themes[1].indicators: must not be empty; add at least one entry']),
    'a-list-where-a-mapping-belongs': (
        'config.yaml', 'title: {zh: 测试看板, en: Test dashboard}', 'title: [测试看板, Test dashboard]',
        ['config.yaml:1:8: title: 写的是 [测试看板, Test dashboard]；这里应当是“键: 值”形式的映射'],
        ['config.yaml:1:8: title: got [测试看板, Test dashboard]; expected a mapping of keys (key: value)']),
    'cell-a-list': (
        'data/grain.yaml', '[20.07, 21]', '[[20.07], 21]',
        ["data/grain.yaml:14:12: tables[0].rows.离石[0]: 写的是列表 [20.07]；这里应当是数字、'-'（当年无任务）、null（公报中空白）、{at_least: N}、{at_most: N}、{about: N} 或 {range: [低, 高]}"],
        ["data/grain.yaml:14:12: tables[0].rows.离石[0]: got a list [20.07]; expected a number, '-' (no task that year), null (blank in the gazette), {at_least: N}, {at_most: N}, {about: N} or {range: [low, high]}"]),
    'cell-unknown-comparator': (
        'data/grain.yaml', 'value: {at_least: 88}', 'value: {at_lest: 88}',
        ["data/grain.yaml:19:66: figures[0].value: 未知的键 'at_lest'；应当是 at_least、at_most、about 或 range；你是不是想写 'at_least'？"],
        ["data/grain.yaml:19:66: figures[0].value: unknown key 'at_lest'; expected at_least, at_most, about or range; did you mean 'at_least'?"]),
}


@pytest.mark.parametrize("name, old, new, zh, en", list(MORE.values()), ids=list(MORE))
def test_near_misses_and_shapes_are_reported_exactly_in_both_languages(mini, name, old, new, zh, en):
    found = _problems(mini, name, old, new)
    assert [p.render("zh") for p in found] == zh
    assert [p.render("en") for p in found] == en


# ---- the bad inputs of test_load.py, in Chinese ----------------------------------------------------------

ZH = {
    "unknown-county-in-row": ["data/grain.yaml:14:11: tables[0].rows.太原: 未知的县 '太原'；请在 config.yaml 的 counties: 下添加它（或作为别名）"],
    "unknown-theme-in-data-file": ["data/grain.yaml:1:8: theme: config.yaml 中本文件属于主题 'grain'，但文件里写的是 theme: 'grian'；请改成一致"],
    "unknown-indicator": ["data/grain.yaml:12:21: tables[0].columns[1].indicator: 主题 grain 没有指标 'sown_yield'；请在 config.yaml 中声明它，或使用 'sown_area'；你是不是想写 'sown_area'？"],
    "unknown-unit-in-config": ["config.yaml:22:64: themes[0].indicators[0].unit: 未知的单位 '亩'；请在 units: 下声明它，或使用 '万亩' 或 '公里' 之一；你是不是想写 '万亩'？"],
    "unknown-period": ["data/grain.yaml:12:40: tables[0].columns[1].period: 未知的期间 '2024'；请在 config.yaml 的 periods: 下声明它，或使用 '2021'、'2022' 或 'overall' 之一"],
    "unquoted-year-period": ['data/grain.yaml:12:40: tables[0].columns[1].period: 写的是数字 2022；这里应当是文字：请加上引号（"2022"）'],
    "number-written-as-text": ["data/grain.yaml:14:12: tables[0].rows.离石[0]: 写的是文字 '20.07'，是加了引号的数字；请去掉引号"],
    "text-that-is-no-number": ["data/grain.yaml:14:12: tables[0].rows.离石[0]: 写的是文字 '约20'；这里应当是数字、'-'（当年无任务）、null（公报中空白）、{at_least: N}、{at_most: N}、{about: N} 或 {range: [低, 高]}"],
    "negative-value": ["data/grain.yaml:14:12: tables[0].rows.离石[0]: 写的是负数 -20.07；目标不会是负数：请检查正负号"],
    "boolean-value": ["data/sewer.yaml:15:12: tables[0].rows.交城[0]: 写的是布尔值 true；这里应当是数字"],
    "missing-required-field": ["data/grain.yaml:8:5: tables[0].ref: 缺少必填项 'ref'；请添加"],
    "missing-field-of-block-mapping": ["data/grain.yaml:2:1: source: 缺少 issued；公文出处需要 doc_number、title、issued"],
    "misspelt-top-level-key-points-at-its-line": ["data/grain.yaml:7:1: tabels: 未知的键 'tabels'；这里允许的键：theme、source、tables、figures、deadlines、checks、standards、revisions；你是不是想写 'tables'？"],
    "row-shorter-than-columns": ["data/grain.yaml:14:11: tables[0].rows.离石: 这一行有 1 个数值，但表格有 2 列；空白处请写 null"],
    "same-county-via-alias": ["data/grain.yaml:17:11: tables[0].rows.交城: '交城' 和 '交城县' 是同一个县（交城县）；只保留一行"],
    "same-key-twice": ["data/grain.yaml:17:7: tables[0].rows.离石: 键 '离石' 重复：第 14 行和第 17 行都有；只保留一个"],
    "check-names-no-such-figure": ["data/grain.yaml:24:12: checks[0].left[0]: 本文件中没有 id 为 'area_gaol' 的数字；应当是 'area_goal'；你是不是想写 'area_goal'？"],
    "check-reference-malformed": ["data/grain.yaml:25:12: checks[0].right: 'totl:sown_area' 不是引用；请写成 figure:<id>、total:<指标>@<期间> 或 sum:<指标>@<期间>"],
    "bad-colour": ["config.yaml:5:70: counties[1].color: 'teal' 不是颜色；请写成带引号的 \"#RRGGBB\""],
    "bad-date": ["data/grain.yaml:5:11: source.issued: '2021-02-30' 不是日期；请写成带引号的 \"YYYY-MM-DD\""],
    "kind-not-allowed": ["config.yaml:7:38: counties[3].kind: 写的是 'district'；应当是 'county'、'city_level'、'new_district' 或 'city' 之一；你是不是想写 'new_district'？"],
    "format-too-wide": ["config.yaml:22:76: themes[0].indicators[0].format: '100000000.2f' 不是允许的数字格式；请写成 [宽度][,][.精度] 再加 f、g、e 或 % 之一，宽度和精度都不超过 20（如 \".2f\"、\",.0f\" 或 \"g\"）"],
    "5000-digit-integer-in-cell": ["data/grain.yaml:14:12: tables[0].rows.离石[0]: '" + "7" * 58 + "… 的整数部分有 5,000 位；数字的整数部分最多 15 位：请检查是否写错"],
    "hex-in-cell": ["data/grain.yaml:14:12: tables[0].rows.离石[0]: '0x75' 会被 YAML 1.1 读成十六进制数 117；请写成十进制（117），如果是代码请加引号"],
    "sexagesimal-in-cell": ["data/grain.yaml:14:12: tables[0].rows.离石[0]: '1:20' 会被 YAML 1.1 读成六十进制数（80）；如果指的是这个数请写 80，如果是比例或时间请加引号"],
    "above-a-unit-max": ["data/grain.yaml:17:48: tables[0].stated_total.values[1]: 91 超过了单位 '万亩' 允许的最大值（90）；请检查是否写错，或在 config.yaml 的 units: 中为这个单位设置 max:"],
    "yes-for-a-boolean": ["config.yaml:4:87: counties[0].on_map: 'yes' 会被 YAML 1.1 读成布尔值 true；请写 true 或 false，如果指的是文字请加引号"],
}


def _problems(mini, name: str, old: str, new: str) -> list[Problem]:
    mini.edit(name, old, new)
    mini.chdir()
    with pytest.raises(ConfigError) as err:
        mini.load()
    return sorted(err.value.problems)


@pytest.mark.parametrize("case", list(ZH))
def test_bad_input_is_reported_exactly_in_chinese(mini, case):
    name, old, new, en = BAD_INPUTS[case]
    found = _problems(mini, name, old, new)
    assert [p.render("zh") for p in found] == ZH[case]
    assert [p.render("en") for p in found] == en


# Ids of the mini project, which messages quote as values even unquoted (e.g. "主题 grain 没有指标 …").
MINI_IDS = {"grain", "sewer", "sown_area", "sewer_km", "overall", "annex", "area_goal", "plan_2021", "sewer_km@2021"}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_chinese_output_holds_no_english_beyond_values_paths_and_file_names(mini, case):
    name, old, new, _ = BAD_INPUTS[case]
    for p in _problems(mini, name, old, new):
        text = p.render("zh")
        assert text.startswith(f"{p.file}:{p.line}:{p.col}: ")
        words = text.removeprefix(f"{p.file}:{p.line}:{p.col}: ").removeprefix(f"{p.path}: ")
        words = re.sub(r"'[^']*'|'[^']*…|\"[^\"]*\"", " ", words)  # offending values, quoted (or cut) by show()
        assert not _english_words(words) - MINI_IDS, text


def test_ids_chosen_at_run_time_are_in_the_catalog():
    from targets.inputs import bounded_read, load, yamlsafe

    chosen = {*load._SHAPES.values(), *bounded_read._OS_REASONS.values(), bounded_read.SPLIT_HINT,
              load.CONFIG_TOO_BIG, *(code for code, _ in yamlsafe._OTHER_BASE.values())}
    assert chosen - set(catalog()) == set()


# ---- issue 17: hints only when they are right, naming the real cause ------------------------------------
# name: ([(file, text to replace, replacement), …], problems in Chinese, problems in English)
C, G, S = "config.yaml", "data/grain.yaml", "data/sewer.yaml"
RIGHT_HINTS = {
    'unit-of-another-kind-is-never-hinted': (
        [(C, '  - {name: 市级, en: City level, kind: city_level, order: 4, color: "#666666", on_map: false}\n', '')],
        ["data/sewer.yaml:14:11: tables[0].rows.市级: 未知的县 '市级'；请在 config.yaml 的 counties: 下添加它（或作为别名）"],
        ["data/sewer.yaml:14:11: tables[0].rows.市级: unknown county '市级'; add it under counties: in config.yaml (or as an alias)"]),
    'county-row-hints-a-county': (
        [(S, '      交城: [8.4, 6]', '      交成: [8.4, 6]')],
        ["data/sewer.yaml:15:11: tables[0].rows.交成: 未知的县 '交成'；请在 config.yaml 的 counties: 下添加它（或作为别名）；你是不是想写 '交城'？"],
        ["data/sewer.yaml:15:11: tables[0].rows.交成: unknown county '交成'; add it under counties: in config.yaml (or as an alias); did you mean '交城'?"]),
    'city-alias-in-a-row-is-never-hinted': (
        [(S, '      交城: [8.4, 6]', '      吕梁: [8.4, 6]')],
        ["data/sewer.yaml:15:11: tables[0].rows.吕梁: 未知的县 '吕梁'；请在 config.yaml 的 counties: 下添加它（或作为别名）"],
        ["data/sewer.yaml:15:11: tables[0].rows.吕梁: unknown county '吕梁'; add it under counties: in config.yaml (or as an alias)"]),
    'adcode-is-never-a-near-miss': (
        [(C, 'adcode: "141123"', 'adcode: "141199"')],
        ["config.yaml:6:115: counties[2].adcode: adcode '141199' 不在地图的县界文件（data/geo/lvliang_counties.geojson）中；应当是 '141102'、'141121'、'141122'、'141123'、'141124'、'141125'、'141126'、'141127'、'141128'、'141129'、'141130'、'141181' 等（另有 1 个）之一"],
        ["config.yaml:6:115: counties[2].adcode: adcode '141199' is not in the map's boundary file (data/geo/lvliang_counties.geojson); expected one of '141102', '141121', '141122', '141123', '141124', '141125', '141126', '141127', '141128', '141129', '141130', '141181' … and 1 more"]),
    'thousands-separator-in-a-list': (
        [(G, '[20.07, 21]', '[1,000, 21]')],
        ["data/grain.yaml:14:12: tables[0].rows.离石[0]: '1,000' 用了千位分隔符：数字里不要写逗号，请写成 1000；如果是两个数值，请在逗号后加一个空格"],
        ["data/grain.yaml:14:12: tables[0].rows.离石[0]: '1,000' has a thousands separator: write numbers without commas, as 1000; if these are two values, put a space after the comma"]),
    'thousands-separator-with-decimals': (
        [(G, '[20.07, 21]', '[1,117.59, 1.58]')],
        ["data/grain.yaml:14:12: tables[0].rows.离石[0]: '1,117.59' 用了千位分隔符：数字里不要写逗号，请写成 1117.59；如果是两个数值，请在逗号后加一个空格"],
        ["data/grain.yaml:14:12: tables[0].rows.离石[0]: '1,117.59' has a thousands separator: write numbers without commas, as 1117.59; if these are two values, put a space after the comma"]),
    'thousands-separator-in-a-mapping': (
        [(G, 'value: {at_least: 88}', 'value: {at_least: 1,088}')],
        ["data/grain.yaml:19:77: figures[0].value.at_least: '1,088' 用了千位分隔符：数字里不要写逗号，请写成 1088；如果是两个数值，请在逗号后加一个空格"],
        ["data/grain.yaml:19:77: figures[0].value.at_least: '1,088' has a thousands separator: write numbers without commas, as 1088; if these are two values, put a space after the comma"]),
    'thousands-separator-in-a-plain-value': (
        [(G, '  - {id: area_goal, indicator: sown_area, period: "2021", value: {at_least: 88}, ref: 一、目标任务, quote: 播种面积稳定在 88 万亩以上}\n', '  - id: area_goal\n    indicator: sown_area\n    period: "2021"\n    value: 1,088\n    ref: 一、目标任务\n    quote: 播种面积稳定在 88 万亩以上\n')],
        ["data/grain.yaml:22:12: figures[0].value: '1,088' 用了千位分隔符：数字里不要写逗号，请写成 1088；如果是两个数值，请在逗号后加一个空格"],
        ["data/grain.yaml:22:12: figures[0].value: '1,088' has a thousands separator: write numbers without commas, as 1088; if these are two values, put a space after the comma"]),
    'quote-left-open-in-a-mapping': (
        [(S, '{label: 合计, values: [18.3, 6]}', '{label: "合计, values: [18.3, 6]}')],
        ['data/sewer.yaml:17:27: 这里开始的引号没有结束：请在文字末尾再写一个 "'],
        ['data/sewer.yaml:17:27: the quoted text that starts here is not closed: end it with another "']),
    'fullwidth-colon-after-a-key': (
        [(S, 'theme: sewer', 'theme：sewer')],
        ["data/sewer.yaml:1:6: theme: 这里用了全角冒号 '：'；键后面请用半角冒号和空格 ': '，写成 'theme: sewer'"],
        ["data/sewer.yaml:1:6: theme: this is a full-width colon '：'; a key takes an ASCII colon and a space ': ', as in 'theme: sewer'"]),
    'fullwidth-colon-in-a-mapping': (
        [(S, '{label: 合计, values: [18.3, 6]}', '{label：合计, values: [18.3, 6]}')],
        ["data/sewer.yaml:17:20: tables[0].stated_total: 这里用了全角冒号 '：'；键后面请用半角冒号和空格 ': '，写成 'label: 合计'"],
        ["data/sewer.yaml:17:20: tables[0].stated_total: this is a full-width colon '：'; a key takes an ASCII colon and a space ': ', as in 'label: 合计'"]),
    'fullwidth-comma-in-a-mapping': (
        [(S, '{label: 合计, values: [18.3, 6]}', '{label: 合计，values: [18.3, 6]}')],
        ["data/sewer.yaml:17:29: 这里用了全角逗号 '，'；在 [ ] 或 { } 中，各项之间请用半角逗号 ',' 分隔（文字中的 '，' 请加引号）"],
        ["data/sewer.yaml:17:29: this is a full-width comma '，'; inside [ ] or { }, separate the items with an ASCII comma ',' (quote text that contains '，')"]),
    'fullwidth-comma-in-a-list': (
        [(S, '[8.4, 6]', '[8.4，6]')],
        ["data/sewer.yaml:15:12: tables[0].rows.交城[0]: '8.4，6' 用了全角逗号 '，'：列表中的数值请用半角逗号 ',' 分隔，写成 '8.4, 6'"],
        ["data/sewer.yaml:15:12: tables[0].rows.交城[0]: '8.4，6' uses the full-width comma '，': separate a list's values with an ASCII comma ',', as '8.4, 6'"]),
    'check-of-a-deleted-column': (
        [(G, '      - {indicator: sown_area, period: "2021", header: 2021年(万亩)}\n', ''),
         (G, '[20.07, 21]', '[21]'),
         (G, '[11.33, 12]', '[12]'),
         (G, '[57.08, 58]', '[58]'),
         (G, '[88.48, 91]', '[91]')],
        ["data/grain.yaml:24:13: checks[0].right[0]: 这项检查引用了 'total:sown_area@2021'，但没有表格有 sown_area 的 2021 列（列已删除，或从未有过）；请删除这一项引用，或改写这项检查"],
        ["data/grain.yaml:24:13: checks[0].right[0]: this check refers to 'total:sown_area@2021', but no table has a column of sown_area for 2021 (deleted, or never there); remove the reference or rewrite the check"]),
}


@pytest.mark.parametrize("edits, zh, en", list(RIGHT_HINTS.values()), ids=list(RIGHT_HINTS))
def test_hints_name_the_real_cause_and_never_another_kind_in_both_languages(mini, edits, zh, en):
    for name, old, new in edits[:-1]:
        mini.edit(name, old, new)
    found = _problems(mini, *edits[-1])
    assert [p.render("zh") for p in found] == zh
    assert [p.render("en") for p in found] == en
