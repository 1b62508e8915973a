"""targets.misplaced: a key YAML reads at a depth the files do not expect is named, with where it belongs.

The rows are edits of the mini project that YAML accepts (the text is well formed) but that put a key
inside the block above it, or outside the block it belongs to.
"""

from __future__ import annotations

import pytest

from targets.core.errors import ConfigError

# name: (file, text to replace, replacement, problems in Chinese, problems in English)
EDITS = {
    'row-one-level-too-shallow': (
        'data/grain.yaml', '      兴县: [57.08, 58]', '    兴县: [57.08, 58]',
        ["data/grain.yaml:16:5: tables[0].兴县: '兴县' 不是这一层的键；它似乎属于第 13 行的 'rows' 之下：请缩进 6 个空格"],
        ["data/grain.yaml:16:5: tables[0].兴县: '兴县' is not a key at this depth; it seems to belong under 'rows' on line 13: indent it 6 spaces"]),
    'total-one-level-too-deep': (
        'data/grain.yaml', '    stated_total:', '      stated_total:',
        ["data/grain.yaml:17:7: tables[0].rows.stated_total: 'stated_total' 被放进了第 13 行的 'rows' 里面，但它与 'rows' 同级：请像 'rows' 一样缩进 4 个空格"],
        ["data/grain.yaml:17:7: tables[0].rows.stated_total: 'stated_total' sits inside 'rows' (line 13), but it belongs beside 'rows': indent it 4 spaces like 'rows'"]),
    'config-key-left-its-section': (
        'config.yaml', '  default_indicator:', 'default_indicator:',
        ["config.yaml:31:1: default_indicator: 'default_indicator' 不是这一层的键；它似乎属于第 29 行的 'display' 之下：请缩进 2 个空格"],
        ["config.yaml:31:1: default_indicator: 'default_indicator' is not a key at this depth; it seems to belong under 'display' on line 29: indent it 2 spaces"]),
    'config-section-inside-the-one-above': (
        'config.yaml', 'display:\n  default_language: zh\n  default_indicator: {grain: sown_area, sewer: sewer_km}\n', 'display:\n  default_language: zh\n  default_indicator: {grain: sown_area, sewer: sewer_km}\n  navigation: []\n',
        ["config.yaml:32:3: display.navigation: 'navigation' 被放进了第 29 行的 'display' 里面，但它与 'display' 同级：请像 'display' 一样缩进 0 个空格（顶格写）"],
        ["config.yaml:32:3: display.navigation: 'navigation' sits inside 'display' (line 29), but it belongs beside 'display': indent it 0 spaces (at the start of the line) like 'display'"]),
    'source-keys-left-their-block': (
        'data/sewer.yaml', '  doc_number: 吕政办发〔2021〕17号\n  title: 测试：雨污分流行动方案\n  issued: "2021-04-05"\n  gazette: 测试公报 2021年第2期\n', 'doc_number: 吕政办发〔2021〕17号\ntitle: 测试：雨污分流行动方案\nissued: "2021-04-05"\ngazette: 测试公报 2021年第2期\n',
        ['data/sewer.yaml:2:8: source: 这里什么也没写；应当是“键: 值”形式的映射（如果下面几行属于这里，请把它们缩进到这个键之下）', "data/sewer.yaml:3:1: doc_number: 'doc_number' 不是这一层的键；它似乎属于第 2 行的 'source' 之下：请缩进 2 个空格", "data/sewer.yaml:4:1: title: 'title' 不是这一层的键；它似乎属于第 2 行的 'source' 之下：请缩进 2 个空格", "data/sewer.yaml:5:1: issued: 'issued' 不是这一层的键；它似乎属于第 2 行的 'source' 之下：请缩进 2 个空格", "data/sewer.yaml:6:1: gazette: 'gazette' 不是这一层的键；它似乎属于第 2 行的 'source' 之下：请缩进 2 个空格"],
        ['data/sewer.yaml:2:8: source: nothing is written here; expected a mapping of keys (key: value) (if the lines below belong here, indent them under this key)', "data/sewer.yaml:3:1: doc_number: 'doc_number' is not a key at this depth; it seems to belong under 'source' on line 2: indent it 2 spaces", "data/sewer.yaml:4:1: title: 'title' is not a key at this depth; it seems to belong under 'source' on line 2: indent it 2 spaces", "data/sewer.yaml:5:1: issued: 'issued' is not a key at this depth; it seems to belong under 'source' on line 2: indent it 2 spaces", "data/sewer.yaml:6:1: gazette: 'gazette' is not a key at this depth; it seems to belong under 'source' on line 2: indent it 2 spaces"]),
}


@pytest.mark.parametrize("name, old, new, zh, en", list(EDITS.values()), ids=list(EDITS))
def test_a_key_at_the_wrong_depth_says_where_it_belongs(mini, name, old, new, zh, en):
    mini.edit(name, old, new)
    mini.chdir()
    with pytest.raises(ConfigError) as err:
        mini.load()
    found = sorted(err.value.problems)
    assert [p.render("zh") for p in found] == zh
    assert [p.render("en") for p in found] == en


def test_a_misspelt_key_is_not_taken_for_a_misplaced_one(mini):
    mini.edit("data/grain.yaml", "    stated_total:", "    stated_totl:")
    mini.chdir()
    with pytest.raises(ConfigError) as err:
        mini.load()
    assert [p.render("en") for p in err.value.problems] == [
        "data/grain.yaml:17:18: tables[0].stated_totl: unknown key 'stated_totl'; "
        "allowed keys here: id, ref, columns, rows, stated_total, source; did you mean 'stated_total'?"]
