"""targets.schema.data: the models of a data file refuse a bad value at its key with its exact message (zh and en):
a source is a document or an analyst's entry, dates are real YYYY-MM-DD dates, a check's sides are references."""

from __future__ import annotations

import pytest
import yaml

from targets.schema.data import Check, DataFile, Deadline, EquipmentGroup, Figure, Source, StandardItem, Table
from tests.conftest import MINI_GRAIN, MINI_SEWER
from tests.schema.refusal import refusals

DOCUMENT = {"doc_number": "吕政办发〔2021〕13号", "title": "粮食生产意见", "issued": "2021-03-05"}
ENTRY = {"entered_by": "分析员", "entered_on": "2024-05-01"}
DEADLINE = {"id": "d", "zh": "完成", "en": "Done", "date": "2021-06-30", "ref": "一、", "quote": "6月底前完成"}
CHECK = {"id": "c", "zh": "核对", "en": "Check", "left": ["figure:area_goal"], "right": ["total:sown_area@2021"]}
FIGURE = {"id": "area_goal", "indicator": "sown_area", "period": "2021", "value": {"at_least": 88}, "ref": "一、",
          "quote": "播种面积稳定在 88 万亩以上"}
TABLE = {"id": "annex", "ref": "附件", "columns": [{"indicator": "sown_area", "period": "2021", "header": "2021年"}],
         "rows": {"交城": [11.33]}}

DATE_ZH, DATE_EN = '不是日期；请写成带引号的 "YYYY-MM-DD"', 'is not a date; write it as "YYYY-MM-DD" in quotes'
REF_ZH = "不是引用；请写成 figure:<id>、total:<指标>@<期间> 或 sum:<指标>@<期间>"
REF_EN = "is not a reference; write figure:<id>, total:<indicator>@<period> or sum:<indicator>@<period>"
BOTH_ZH = "请写公文（doc_number、title、issued）或分析员录入（entered_by、entered_on）其中之一，不要两者都写"
BOTH_EN = "give either a document (doc_number, title, issued) or an analyst's entry (entered_by, entered_on), not both"
DOC_NEEDS_ZH, DOC_NEEDS_EN = "公文出处需要 doc_number、title、issued", "a document source needs doc_number, title, issued"
ENTRY_NEEDS_ZH, ENTRY_NEEDS_EN = "分析员录入需要 entered_by、entered_on", "an analyst's entry needs entered_by, entered_on"

# (model, input, [(key, Chinese, English)]): every refusal, in pydantic's order
BAD = {
    "source-both": (Source, {**DOCUMENT, **ENTRY}, [("", BOTH_ZH, BOTH_EN)]),
    "source-document-half": (Source, {"doc_number": "x"},
                             [("", f"缺少 title、issued；{DOC_NEEDS_ZH}", f"missing title, issued; {DOC_NEEDS_EN}")]),
    "source-nothing": (Source, {}, [("", f"缺少 doc_number、title、issued；{DOC_NEEDS_ZH}",
                                     f"missing doc_number, title, issued; {DOC_NEEDS_EN}")]),
    "source-entry-without-date": (Source, {"entered_by": "分析员"},
                                  [("", f"缺少 entered_on；{ENTRY_NEEDS_ZH}", f"missing entered_on; {ENTRY_NEEDS_EN}")]),
    "source-issued-basic-format": (Source, {**DOCUMENT, "issued": "20210305"},
                                   [("issued", f"'20210305' {DATE_ZH}", f"'20210305' {DATE_EN}")]),
    "source-entered-on-unpadded": (Source, {**ENTRY, "entered_on": "2024-5-1"},
                                   [("entered_on", f"'2024-5-1' {DATE_ZH}", f"'2024-5-1' {DATE_EN}")]),
    "deadline-iso-week": (Deadline, {**DEADLINE, "date": "2021-W26-3"},
                          [("date", f"'2021-W26-3' {DATE_ZH}", f"'2021-W26-3' {DATE_EN}")]),
    "deadline-no-such-day": (Deadline, {**DEADLINE, "date": "2021-06-31"},
                             [("date", f"'2021-06-31' {DATE_ZH}", f"'2021-06-31' {DATE_EN}")]),
    "deadline-full-width": (Deadline, {**DEADLINE, "date": "２０２１-06-30"},
                            [("date", "'２０２１-06-30' 用了全角数字；请改用半角数字 0-9，写成 '2021-06-30'",
                              "'２０２１-06-30' has full-width digits; use the digits 0-9: '2021-06-30'")]),
    # The refusal is at the side (checks[0].right), naming the first bad reference.
    "check-ref-without-period": (Check, {**CHECK, "right": ["total:sown_area", "sum:x"]},
                                 [("right", f"'total:sown_area' {REF_ZH}", f"'total:sown_area' {REF_EN}")]),
    "check-ref-typo": (Check, {**CHECK, "left": ["figur:area_goal"]},
                       [("left", f"'figur:area_goal' {REF_ZH}", f"'figur:area_goal' {REF_EN}")]),
    "figure-value-text": (Figure, {**FIGURE, "value": "约88"},
                          [("value", "写的是文字 '约88'；这里应当是数字、'-'（当年无任务）、null（公报中空白）、{at_least: N}、"
                            "{at_most: N}、{about: N} 或 {range: [低, 高]}",
                            "got text '约88'; expected a number, '-' (no task that year), null (blank in the gazette), "
                            "{at_least: N}, {at_most: N}, {about: N} or {range: [low, high]}")]),
    "table-row-and-source": (Table, {**TABLE, "rows": {"交城": [-1]}, "source": {"entered_by": "分析员"}},
                             [("rows.交城[0]", "写的是负数 -1；目标不会是负数：请检查正负号",
                               "got the negative value -1; targets are never negative: check the sign"),
                              ("source", f"缺少 entered_on；{ENTRY_NEEDS_ZH}", f"missing entered_on; {ENTRY_NEEDS_EN}")]),
    # pydantic's own refusals: the loader words them (tests/inputs/test_load.py).
    "check-side-empty": (Check, {**CHECK, "left": []}, [("left", "too_short", "too_short")]),
    "standard-per-no-one": (StandardItem, {"id": "i", "zh": "车", "en": "Truck", "unit": "台", "qty": 2, "per_persons": 0},
                            [("per_persons", "greater_than_equal", "greater_than_equal")]),
    "equipment-team-unknown": (EquipmentGroup, {"team": "amateur", "zh": "组", "en": "Group", "items": []},
                               [("team", "literal_error", "literal_error"), ("items", "too_short", "too_short")]),
    "table-no-rows": (Table, {**TABLE, "rows": {}}, [("rows", "too_short", "too_short")]),
}


@pytest.mark.parametrize("model,data,want", BAD.values(), ids=BAD.keys())
def test_a_bad_value_is_refused_at_its_key(model, data, want):
    assert refusals(model, data) == want


GOOD = {
    "source-document": (Source, {**DOCUMENT, "gazette": "公报 2021年第2期"}),
    "source-entry": (Source, {**ENTRY, "note": "电话核实"}),
    "deadline-leap-day": (Deadline, {**DEADLINE, "date": "2024-02-29"}),
    "check-sum-and-non-ascii-period": (Check, {**CHECK, "right": ["sum:sown_area@2020-2023", "total:sown_area@总体"]}),
    "figure-done-for-a-county": (Figure, {**FIGURE, "county": "交城", "completed": True, "scope": "全县"}),
    "table-with-analyst-source": (Table, {**TABLE, "source": ENTRY}),
}


@pytest.mark.parametrize("model,data", GOOD.values(), ids=GOOD.keys())
def test_a_good_value_is_taken(model, data):
    assert refusals(model, data) == []


def test_a_source_says_whether_it_is_a_document():
    assert Source.model_validate(DOCUMENT).is_document and not Source.model_validate(ENTRY).is_document


@pytest.mark.parametrize("text", [MINI_GRAIN, MINI_SEWER], ids=["grain", "sewer"])
def test_a_whole_data_file_validates_and_fills_in_what_is_left_out(text):
    data = DataFile.model_validate(yaml.safe_load(text))
    assert data.deadlines == [] and data.standards is None
    assert all(f.completed is False and f.source is None for f in data.figures)
