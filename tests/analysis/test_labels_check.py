"""validate warns on labels a spreadsheet would run (=, +, -, @, tab, CR at the start); the data still loads."""

from __future__ import annotations

import pytest

from targets.__main__ import main
from targets.analysis.labels_check import formula_labels
from targets.inputs.load import load_project

HYPERLINK = '=HYPERLINK("http://evil.example","点击")'


def test_the_shipped_project_has_none(shipped):
    assert formula_labels(shipped.config_path) == []


@pytest.mark.parametrize("file,old,new,where", [
    ("data/grain.yaml", "title: 测试：粮食生产意见", f"title: '{HYPERLINK}'", "data/grain.yaml:4:10: source.title"),
    ("data/grain.yaml", "quote: 播种面积稳定在 88 万亩以上", "quote: \"@SUM(1+1)\"", "data/grain.yaml:19:102: figures[0].quote"),
    ("data/grain.yaml", "      兴县: [57.08, 58]", "      \"+cmd|' /C calc'!A0\": [57.08, 58]", "data/grain.yaml:16:29: tables[0].rows.+cmd|' /C calc'!A0"),
    ("config.yaml", "en: Sewer separation", "en: '-2+3+cmd|x'", "config.yaml:"),
], ids=["source-title", "quote", "county-key", "theme-english-name"])
def test_each_formula_label_is_named_with_its_place(mini, file, old, new, where):
    mini.chdir()
    mini.edit(file, old, new)
    found = formula_labels(mini.config)
    assert len(found) == 1, [p.render("en") for p in found]
    text = found[0].render("en")
    assert text.startswith(where), text
    assert "a spreadsheet opening a download would take it for a formula" in text


def test_dashes_and_negative_numbers_are_no_warning(mini):
    mini.chdir()
    mini.edit("data/sewer.yaml", "交城: [8.4, 6]", "交城: [-8.4, \"-\"]")
    assert formula_labels(mini.config) == []


def test_validate_prints_the_warning_and_still_succeeds(mini, capsys):
    mini.chdir()
    mini.edit("data/grain.yaml", "title: 测试：粮食生产意见", f"title: '{HYPERLINK}'")
    load_project(mini.config)  # accepted: text is text
    assert main(["validate", str(mini.config), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "data/grain.yaml:4:10: source.title: '=HYPERLINK(" in out
