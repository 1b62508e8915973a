"""targets.syntax: a file YAML cannot read is explained in plain words, in Chinese and English.

Each row is an edit of the mini project (tests/conftest.py) an analyst could make by mistake; the
problems are exact, located, and name the key at the wrong depth (never the parser's own words).
"""

from __future__ import annotations

import pytest
import yaml

from targets.inputs import syntax
from targets.core.errors import ConfigError

# name: (file, text to replace, replacement, problems in Chinese, problems in English)
EDITS = {
    'config-key-too-deep': (
        'config.yaml', '    file: data/grain.yaml\n', '      file: data/grain.yaml\n',
        ["config.yaml:20:7: themes[0].file: 键 'file' 的层级不对：这一行缩进了 6 个空格；请改为缩进 4 个空格，使 'file' 与第 19 行的 'en' 对齐"],
        ["config.yaml:20:7: themes[0].file: the key 'file' sits at the wrong depth: its line is indented 6 spaces; indent it 4 spaces so that 'file' lines up with 'en' on line 19"]),
    'config-key-too-shallow': (
        'config.yaml', '    file: data/grain.yaml\n', '  file: data/grain.yaml\n',
        ["config.yaml:20:3: themes[0].file: 键 'file' 的层级不对：这一行缩进了 2 个空格；请改为缩进 4 个空格，使 'file' 与第 19 行的 'en' 对齐"],
        ["config.yaml:20:3: themes[0].file: the key 'file' sits at the wrong depth: its line is indented 2 spaces; indent it 4 spaces so that 'file' lines up with 'en' on line 19"]),
    'config-key-one-space-too-deep': (
        'config.yaml', '    en: Grain\n', '     en: Grain\n',
        ["config.yaml:19:6: themes[0].en: 键 'en' 的层级不对：这一行缩进了 5 个空格；请改为缩进 4 个空格，使 'en' 与第 18 行的 'zh' 对齐"],
        ["config.yaml:19:6: themes[0].en: the key 'en' sits at the wrong depth: its line is indented 5 spaces; indent it 4 spaces so that 'en' lines up with 'zh' on line 18"]),
    'config-key-one-space-too-shallow': (
        'config.yaml', '    en: Grain\n', '   en: Grain\n',
        ["config.yaml:19:4: themes[0].en: 键 'en' 的层级不对：这一行缩进了 3 个空格；请改为缩进 4 个空格，使 'en' 与第 18 行的 'zh' 对齐"],
        ["config.yaml:19:4: themes[0].en: the key 'en' sits at the wrong depth: its line is indented 3 spaces; indent it 4 spaces so that 'en' lines up with 'zh' on line 18"]),
    'config-list-item-too-deep': (
        'config.yaml', '  - id: sewer\n', '    - id: sewer\n',
        ["config.yaml:23:5: themes[1]: 列表项 '- id: sewer' 的层级不对：这一行缩进了 4 个空格；请改为缩进 2 个空格，使它与第 17 行的列表项对齐"],
        ["config.yaml:23:5: themes[1]: the list item '- id: sewer' sits at the wrong depth: its line is indented 4 spaces; indent it 2 spaces so that it lines up with the list item on line 17"]),
    'config-list-item-too-shallow': (
        'config.yaml', '  - id: sewer\n', '- id: sewer\n',
        ["config.yaml:23:1: themes[1]: 列表项 '- id: sewer' 的层级不对：这一行缩进了 0 个空格（顶格写）；请改为缩进 2 个空格，使它与第 17 行的列表项对齐"],
        ["config.yaml:23:1: themes[1]: the list item '- id: sewer' sits at the wrong depth: its line is indented 0 spaces (at the start of the line); indent it 2 spaces so that it lines up with the list item on line 17"]),
    'config-flow-item-one-space-off': (
        'config.yaml', '  - {id: 公里, en: km}', ' - {id: 公里, en: km}',
        ["config.yaml:15:2: units[1]: 列表项 '- {id: 公里, en: km}' 的层级不对：这一行缩进了 1 个空格；请改为缩进 2 个空格，使它与第 14 行的列表项对齐"],
        ["config.yaml:15:2: units[1]: the list item '- {id: 公里, en: km}' sits at the wrong depth: its line is indented 1 space; indent it 2 spaces so that it lines up with the list item on line 14"]),
    'config-section-indented': (
        'config.yaml', 'display:\n', '  display:\n',
        ["config.yaml:29:3: display: 键 'display' 的层级不对：这一行缩进了 2 个空格；请改为缩进 0 个空格（顶格写），使 'display' 与第 16 行的 'themes' 对齐"],
        ["config.yaml:29:3: display: the key 'display' sits at the wrong depth: its line is indented 2 spaces; indent it 0 spaces (at the start of the line) so that 'display' lines up with 'themes' on line 16"]),
    'config-nested-key-too-deep': (
        'config.yaml', '  default_indicator:', '    default_indicator:',
        ["config.yaml:31:5: display.default_indicator: 键 'default_indicator' 的层级不对：这一行缩进了 4 个空格；请改为缩进 2 个空格，使 'default_indicator' 与第 30 行的 'default_language' 对齐"],
        ["config.yaml:31:5: display.default_indicator: the key 'default_indicator' sits at the wrong depth: its line is indented 4 spaces; indent it 2 spaces so that 'default_indicator' lines up with 'default_language' on line 30"]),
    'config-tab': (
        'config.yaml', '    en: Grain\n', '\ten: Grain\n',
        ['config.yaml:19:1: 这一行用了制表符（Tab）缩进；请只用空格缩进（YAML 不允许 Tab）'],
        ['config.yaml:19:1: this line is indented with a tab; indent with spaces only (YAML does not allow tabs)']),
    'table-key-too-deep': (
        'data/grain.yaml', '    ref: 附件 粮食播种面积任务分解表\n', '      ref: 附件 粮食播种面积任务分解表\n',
        ["data/grain.yaml:9:7: tables[0].ref: 键 'ref' 的层级不对：这一行缩进了 6 个空格；请改为缩进 4 个空格，使 'ref' 与第 8 行的 'id' 对齐"],
        ["data/grain.yaml:9:7: tables[0].ref: the key 'ref' sits at the wrong depth: its line is indented 6 spaces; indent it 4 spaces so that 'ref' lines up with 'id' on line 8"]),
    'table-key-too-shallow': (
        'data/grain.yaml', '    rows:\n', '  rows:\n',
        ["data/grain.yaml:13:3: tables[0].rows: 键 'rows' 的层级不对：这一行缩进了 2 个空格；请改为缩进 4 个空格，使 'rows' 与第 10 行的 'columns' 对齐"],
        ["data/grain.yaml:13:3: tables[0].rows: the key 'rows' sits at the wrong depth: its line is indented 2 spaces; indent it 4 spaces so that 'rows' lines up with 'columns' on line 10"]),
    'table-row-too-deep': (
        'data/grain.yaml', '      兴县: [57.08, 58]', '        兴县: [57.08, 58]',
        ["data/grain.yaml:16:9: tables[0].rows.兴县: 键 '兴县' 的层级不对：这一行缩进了 8 个空格；请改为缩进 6 个空格，使 '兴县' 与第 15 行的 '交城县' 对齐"],
        ["data/grain.yaml:16:9: tables[0].rows.兴县: the key '兴县' sits at the wrong depth: its line is indented 8 spaces; indent it 6 spaces so that '兴县' lines up with '交城县' on line 15"]),
    'table-first-row-too-shallow': (
        'data/grain.yaml', '      离石: [20.07, 21]', '    离石: [20.07, 21]',
        ["data/grain.yaml:14:5: tables[0].rows.离石: 键 '离石' 的层级不对：这一行缩进了 4 个空格；请改为缩进 6 个空格，使 '离石' 与第 15 行的 '交城县' 对齐"],
        ["data/grain.yaml:14:5: tables[0].rows.离石: the key '离石' sits at the wrong depth: its line is indented 4 spaces; indent it 6 spaces so that '离石' lines up with '交城县' on line 15"]),
    'table-column-item-too-shallow': (
        'data/grain.yaml', '      - {indicator: sown_area, period: "2022"', '    - {indicator: sown_area, period: "2022"',
        ["data/grain.yaml:12:5: tables[0].columns[1]: 列表项 '- {indicator: sown_area, per… 的层级不对：这一行缩进了 4 个空格；请改为缩进 6 个空格，使它与第 11 行的列表项对齐"],
        ["data/grain.yaml:12:5: tables[0].columns[1]: the list item '- {indicator: sown_area, per… sits at the wrong depth: its line is indented 4 spaces; indent it 6 spaces so that it lines up with the list item on line 11"]),
    'table-column-item-too-deep': (
        'data/grain.yaml', '      - {indicator: sown_area, period: "2022"', '        - {indicator: sown_area, period: "2022"',
        ["data/grain.yaml:12:9: tables[0].columns[1]: 列表项 '- {indicator: sown_area, per… 的层级不对：这一行缩进了 8 个空格；请改为缩进 6 个空格，使它与第 11 行的列表项对齐"],
        ["data/grain.yaml:12:9: tables[0].columns[1]: the list item '- {indicator: sown_area, per… sits at the wrong depth: its line is indented 8 spaces; indent it 6 spaces so that it lines up with the list item on line 11"]),
    'table-total-too-shallow': (
        'data/grain.yaml', '    stated_total:', '  stated_total:',
        ["data/grain.yaml:17:3: tables[0].stated_total: 键 'stated_total' 的层级不对：这一行缩进了 2 个空格；请改为缩进 4 个空格，使 'stated_total' 与第 13 行的 'rows' 对齐"],
        ["data/grain.yaml:17:3: tables[0].stated_total: the key 'stated_total' sits at the wrong depth: its line is indented 2 spaces; indent it 4 spaces so that 'stated_total' lines up with 'rows' on line 13"]),
    'table-item-dash-at-column-1': (
        'data/grain.yaml', '  - id: annex\n', '- id: annex\n',
        ["data/grain.yaml:8:1: tables[0]: 列表项 '- id: annex' 的层级不对：这一行缩进了 0 个空格（顶格写）；请改为缩进 2 个空格，使 'id' 与第 9 行的 'ref' 对齐"],
        ["data/grain.yaml:8:1: tables[0]: the list item '- id: annex' sits at the wrong depth: its line is indented 0 spaces (at the start of the line); indent it 2 spaces so that 'id' lines up with 'ref' on line 9"]),
    'source-key-at-column-1': (
        'data/grain.yaml', '  title: 测试：粮食生产意见', 'title: 测试：粮食生产意见',
        ["data/grain.yaml:4:1: source.title: 键 'title' 的层级不对：这一行缩进了 0 个空格（顶格写）；请改为缩进 2 个空格，使 'title' 与第 3 行的 'doc_number' 对齐"],
        ["data/grain.yaml:4:1: source.title: the key 'title' sits at the wrong depth: its line is indented 0 spaces (at the start of the line); indent it 2 spaces so that 'title' lines up with 'doc_number' on line 3"]),
    'check-key-too-deep': (
        'data/grain.yaml', '    zh: 文中播种面积目标与附件合计', '      zh: 文中播种面积目标与附件合计',
        ["data/grain.yaml:22:7: checks[0].zh: 键 'zh' 的层级不对：这一行缩进了 6 个空格；请改为缩进 4 个空格，使 'zh' 与第 21 行的 'id' 对齐"],
        ["data/grain.yaml:22:7: checks[0].zh: the key 'zh' sits at the wrong depth: its line is indented 6 spaces; indent it 4 spaces so that 'zh' lines up with 'id' on line 21"]),
    'row-tab': (
        'data/grain.yaml', '      兴县: [57.08, 58]', '\t兴县: [57.08, 58]',
        ['data/grain.yaml:16:1: 这一行用了制表符（Tab）缩进；请只用空格缩进（YAML 不允许 Tab）'],
        ['data/grain.yaml:16:1: this line is indented with a tab; indent with spaces only (YAML does not allow tabs)']),
    'two-mistakes-in-one-file': (
        'data/grain.yaml', '    ref: 附件 粮食播种面积任务分解表\n    columns:\n', '      ref: 附件 粮食播种面积任务分解表\n   columns:\n',
        ["data/grain.yaml:9:7: tables[0].ref: 键 'ref' 的层级不对：这一行缩进了 6 个空格；请改为缩进 4 个空格，使 'ref' 与第 8 行的 'id' 对齐", "data/grain.yaml:10:4: tables[0].columns: 键 'columns' 的层级不对：这一行缩进了 3 个空格；请改为缩进 4 个空格，使 'columns' 与第 9 行的 'ref' 对齐"],
        ["data/grain.yaml:9:7: tables[0].ref: the key 'ref' sits at the wrong depth: its line is indented 6 spaces; indent it 4 spaces so that 'ref' lines up with 'id' on line 8", "data/grain.yaml:10:4: tables[0].columns: the key 'columns' sits at the wrong depth: its line is indented 3 spaces; indent it 4 spaces so that 'columns' lines up with 'ref' on line 9"]),
    'row-without-space-after-colon': (
        'data/grain.yaml', '      兴县: [57.08, 58]', '      兴县:[57.08, 58]',
        ["data/grain.yaml:16:9: tables[0].rows.兴县: '兴县' 的冒号后面要有一个空格：请写成 '兴县: [57.08, 58]'"],
        ["data/grain.yaml:16:9: tables[0].rows.兴县: '兴县' needs a space after its colon: write '兴县: [57.08, 58]'"]),
    'key-without-colon': (
        'data/grain.yaml', '    rows:\n', '    rows\n',
        ["data/grain.yaml:13:9: tables[0].rows: 'rows' 后面缺少冒号：请写成 'rows:'"],
        ["data/grain.yaml:13:9: tables[0].rows: 'rows' needs a colon after it: write 'rows:'"]),
    'row-list-not-closed': (
        'data/grain.yaml', '      兴县: [57.08, 58]', '      兴县: [57.08, 58',
        ["data/grain.yaml:16:11: 这里以 '[' 开始的列表没有结束：请在末尾写 ']'（数值之间用逗号分隔）"],
        ["data/grain.yaml:16:11: the list that starts here with '[' is not closed: end it with ']' (values are separated by commas)"]),
    'quote-not-closed': (
        'data/grain.yaml', '  issued: "2021-03-05"', '  issued: "2021-03-05',
        ['data/grain.yaml:5:11: source.issued: 这里开始的引号没有结束：请在文字末尾再写一个 "'],
        ['data/grain.yaml:5:11: source.issued: the quoted text that starts here is not closed: end it with another "']),
    'colon-in-a-value': (
        'data/grain.yaml', '  title: 测试：粮食生产意见', '  title: 测试: 粮食生产意见',
        ["data/grain.yaml:4:12: 'title' 的值中含有 ': '；请给整个值加上引号"],
        ["data/grain.yaml:4:12: the value of 'title' contains ': '; put the whole value in quotes"]),
    'value-starting-with-at': (
        'data/grain.yaml', '  title: 测试：粮食生产意见', '  title: @测试',
        ["data/grain.yaml:4:10: 值不能以 '@' 开头：请给整个值加上引号"],
        ["data/grain.yaml:4:10: a value cannot start with '@': put the whole value in quotes"]),
    'second-document': (
        'data/sewer.yaml', 'figures:\n', '---\nfigures:\n',
        ["data/sewer.yaml:18:1: 这里开始了第二个文档（'---'）；每个文件只写一个文档"],
        ["data/sewer.yaml:18:1: a second document starts here ('---'); keep one document per file"]),
}


def problems(mini, lang: str) -> list[str]:
    mini.chdir()
    with pytest.raises(ConfigError) as err:
        mini.load()
    return [p.render(lang) for p in sorted(err.value.problems)]


@pytest.mark.parametrize("name, old, new, zh, en", list(EDITS.values()), ids=list(EDITS))
def test_a_mistake_yaml_cannot_read_is_said_in_plain_words(mini, name, old, new, zh, en):
    mini.edit(name, old, new)
    assert problems(mini, "zh") == zh
    assert problems(mini, "en") == en


PARSER_WORDS = ("mapping values", "block end", "block mapping", "simple key", "flow sequence", "scanning",
                "parsing", "token", "<", "Error", "None")


@pytest.mark.parametrize("name, old, new", [v[:3] for v in EDITS.values()], ids=list(EDITS))
def test_no_parser_jargon_reaches_the_analyst(mini, name, old, new):
    mini.edit(name, old, new)
    for text in problems(mini, "en") + problems(mini, "zh"):
        assert not any(w in text for w in PARSER_WORDS), text


def test_a_large_file_gets_the_plain_reading_without_repairs(tmp_path, monkeypatch):
    from targets.inputs.yamlsafe import read_yaml

    monkeypatch.setattr(syntax, "REPAIR_LIMIT", 10)
    (tmp_path / "x.yaml").write_text("a:\n  b: 1\n    c: 2\n", encoding="utf-8")
    _, found = read_yaml(tmp_path / "x.yaml", "x.yaml")
    assert [p.render("en") for p in found] == [
        "x.yaml:3:5: 'c' is indented 4 spaces, but 'b' on line 2 is indented 2 spaces: "
        "line 'c' up with the keys it belongs beside"]


@pytest.mark.parametrize("text, expected", [
    ("a: {x: 1, y: 2\nb: 3\n", "x.yaml:1:4: the mapping that starts here with '{' is not closed: end it with '}' "
                                "(entries are separated by commas)"),
    ("a: 1\n---\nb: 2\n", "x.yaml:2:1: a second document starts here ('---'); keep one document per file"),
    ("a: `x\n", "x.yaml:1:4: a value cannot start with '`': put the whole value in quotes"),
], ids=["mapping-not-closed", "second-document", "backtick"])
def test_other_syntax_errors_in_plain_words(tmp_path, text, expected):
    from targets.inputs.yamlsafe import read_yaml

    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    _, found = read_yaml(tmp_path / "x.yaml", "x.yaml")
    assert [p.render("en") for p in found] == [expected]


def test_the_number_of_mistakes_reported_per_file_is_bounded(tmp_path):
    lines = ["a:"] + [f"  k{i}: 1\n     j{i}: 2" for i in range(30)]  # 30 keys one level too deep
    text = "\n".join(lines) + "\n"
    with pytest.raises(yaml.MarkedYAMLError) as exc:
        yaml.compose(text, Loader=yaml.SafeLoader)
    found = syntax.explain(text, exc.value, "x.yaml")
    assert len(found) == syntax.MAX_ROUNDS
    assert all("sits at the wrong depth" in p.render("en") for p in found)
