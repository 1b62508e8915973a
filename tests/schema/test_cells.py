"""targets.schema.cells: every form of a cell is read as the gazette states it, every other value is refused with
its exact message (zh and en), and a cell written back (cell_as_written) reads as the same cell."""

from __future__ import annotations

import pytest

from targets.core.messages import Invalid
from targets.schema.cells import Cell, cell_as_written, parse_cell
from targets.schema.data import StatedTotal
from tests.schema.refusal import refusals

# (as written in YAML, the cell)
GOOD = {
    "number": (20.07, Cell(value=20.07)),
    "whole-number": (3, Cell(value=3.0)),
    "zero": (0, Cell(value=0.0)),
    "no-task": ("-", Cell(status="no_task")),
    "blank": (None, Cell(status="blank")),
    "at-least": ({"at_least": 88}, Cell(value=88.0, comparator="ge")),
    "at-most": ({"at_most": 10}, Cell(value=10.0, comparator="le")),
    "about": ({"about": 18}, Cell(value=18.0, comparator="approx")),
    "range": ({"range": [3, 5]}, Cell(value=3.0, upper=5.0, comparator="range")),
    "range-of-one-value": ({"range": [3, 3]}, Cell(value=3.0, upper=3.0, comparator="range")),
}


@pytest.mark.parametrize("raw,cell", GOOD.values(), ids=GOOD.keys())
def test_each_form_is_read_as_stated(raw, cell):
    assert parse_cell(raw) == cell


@pytest.mark.parametrize("raw,cell", GOOD.values(), ids=GOOD.keys())
def test_a_cell_written_back_reads_as_the_same_cell(raw, cell):
    assert parse_cell(cell_as_written(cell)) == cell


def test_a_cell_is_read_once():
    cell = Cell(value=1.0)
    assert parse_cell(cell) is cell


HELP_ZH = "数字、'-'（当年无任务）、null（公报中空白）、{at_least: N}、{at_most: N}、{about: N} 或 {range: [低, 高]}"
HELP_EN = ("a number, '-' (no task that year), null (blank in the gazette), {at_least: N}, {at_most: N}, {about: N} "
           "or {range: [low, high]}")
FORMS_ZH, FORMS_EN = "这里应当是 at_least、at_most、about 或 range 之一", "expected one of at_least, at_most, about or range"
NEGATIVE_ZH, NEGATIVE_EN = "目标不会是负数：请检查正负号", "targets are never negative: check the sign"

# (as written, Chinese, English)
BAD = {
    "boolean": (True, "写的是布尔值 true；这里应当是数字", "got the boolean true; expected a number"),
    "chinese-text": ("约20", f"写的是文字 '约20'；这里应当是{HELP_ZH}", f"got text '约20'; expected {HELP_EN}"),
    "two-dashes": ("--", f"写的是文字 '--'；这里应当是{HELP_ZH}", f"got text '--'; expected {HELP_EN}"),
    "empty-text": ("", f"写的是文字 ''；这里应当是{HELP_ZH}", f"got text ''; expected {HELP_EN}"),
    "number-as-text": ("20.07", "写的是文字 '20.07'，是加了引号的数字；请去掉引号",
                       "got text '20.07', a number written as text; remove the quotes"),
    "list": ([1, 2], f"写的是列表 [1, 2]；这里应当是{HELP_ZH}", f"got a list [1, 2]; expected {HELP_EN}"),
    "infinite": (float("inf"), "写的是 inf；这里应当是有限的数字", "got inf; expected a finite number"),
    "not-a-number": (float("nan"), "写的是 nan；这里应当是有限的数字", "got nan; expected a finite number"),
    "negative": (-1, f"写的是负数 -1；{NEGATIVE_ZH}", f"got the negative value -1; {NEGATIVE_EN}"),
    "negative-inside": ({"at_least": -0.5}, f"写的是负数 -0.5；{NEGATIVE_ZH}", f"got the negative value -0.5; {NEGATIVE_EN}"),
    "two-forms": ({"at_least": 5, "at_most": 6}, f"写的是 {{at_least: 5, at_most: 6}}；{FORMS_ZH}",
                  f"got {{at_least: 5, at_most: 6}}; {FORMS_EN}"),
    "empty-mapping": ({}, f"写的是 {{}}；{FORMS_ZH}", f"got {{}}; {FORMS_EN}"),
    "range-one-end": ({"range": [3]}, "range 要写成 [低, 高]，写的是 [3]", "range needs [low, high], got [3]"),
    "range-as-text": ({"range": "3-5"}, "range 要写成 [低, 高]，写的是 '3-5'", "range needs [low, high], got '3-5'"),
    "range-reversed": ({"range": [5, 3]}, "范围 [5, 3] 的下限大于上限；请写成 [低, 高]",
                       "range [5, 3] has low above high; write [low, high]"),
    "range-boolean-end": ({"range": [3, True]}, "写的是布尔值 true；这里应当是数字", "got the boolean true; expected a number"),
    "unknown-form": ({"approx": 3}, "未知的键 'approx'；应当是 at_least、at_most、about 或 range",
                     "unknown key 'approx'; expected at_least, at_most, about or range"),
    "misspelt-form": ({"atleast": 3}, "未知的键 'atleast'；应当是 at_least、at_most、about 或 range；你是不是想写 'at_least'？",
                      "unknown key 'atleast'; expected at_least, at_most, about or range; did you mean 'at_least'?"),
    "quoted-inside": ({"at_least": "5"}, "写的是文字 '5'，是加了引号的数字；请去掉引号",
                      "got text '5', a number written as text; remove the quotes"),
}


@pytest.mark.parametrize("raw,zh,en", BAD.values(), ids=BAD.keys())
def test_a_bad_cell_gets_its_message(raw, zh, en):
    with pytest.raises(Invalid) as err:
        parse_cell(raw)
    assert (err.value.msg.text("zh"), err.value.msg.text("en")) == (zh, en)


def test_in_a_model_the_refusal_is_at_the_cell():
    assert refusals(StatedTotal, {"label": "合计", "values": [1, "-", -2]}) == [
        ("values[2]", f"写的是负数 -2；{NEGATIVE_ZH}", f"got the negative value -2; {NEGATIVE_EN}")]


def test_a_model_dumps_its_cells_as_written():
    total = StatedTotal.model_validate({"label": "合计", "values": [1, "-", None, {"range": [1, 2]}]})
    assert total.model_dump(mode="json")["values"] == [1.0, "-", None, {"range": [1.0, 2.0]}]
