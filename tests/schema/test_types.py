"""targets.schema.types: each shared check refuses with its exact message (zh and en), and the adcode and date
types accept exactly what the editors' JSON Schema accepts, over generated strings."""

from __future__ import annotations

import json
import os
import re
from datetime import date, timedelta

import jsonschema
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from targets.schema import jsonschema as editor
from targets.schema.config import County
from targets.schema.data import Deadline
from targets.schema.types import Adcode, Colour, Format, Id, IsoDate, Refs, Text, UnitMax
from tests.schema.refusal import accepts, refusals

# Small by default, as the hypothesis profile in tests/conftest.py; full under CI=true.
EXAMPLES = 1000 if os.environ.get("CI") == "true" else 200

SCHEMAS = {name: json.loads(text) for name, text in editor.render().items()}
# The schemas of the two fields, as generated (an adcode may also be null: its string member is the check).
ADCODE_SCHEMA = next(s for s in SCHEMAS["config.schema.json"]["definitions"]["County"]["properties"]["adcode"]["anyOf"]
                     if s.get("type") == "string")
DATE_SCHEMA = SCHEMAS["data.schema.json"]["definitions"]["Deadline"]["properties"]["date"]
FORMATS = jsonschema.Draft7Validator.FORMAT_CHECKER

COUNTY = {"name": "交城县", "en": "Jiaocheng County", "kind": "county", "order": 1, "color": "#44AA99", "on_map": True}
DEADLINE = {"id": "d", "zh": "完成", "en": "Done", "date": "2021-06-30", "ref": "一、", "quote": "6月底前完成"}


def model_takes_adcode(value: str) -> bool:
    return accepts(County, {**COUNTY, "adcode": value})


def model_takes_date(value: str) -> bool:
    return accepts(Deadline, {**DEADLINE, "date": value})


def pattern_takes(schema: dict, value: str) -> bool:
    """The pattern as the jsonschema package applies it: Python's re.search."""
    return re.search(schema["pattern"], value) is not None


def editor_takes(schema: dict, value: str) -> bool:
    """The field's whole JSON Schema (type, pattern and, for dates, format: date), with jsonschema's format checks."""
    return EDITOR[id(schema)].is_valid(value)


EDITOR = {id(s): jsonschema.Draft7Validator(s, format_checker=FORMATS) for s in (ADCODE_SCHEMA, DATE_SCHEMA)}


# ---- generated strings -------------------------------------------------------------------------------------

WIDE = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DIGITS = "0123456789" + "０１２３４５６７８９" + "٠١٢٣٤٥٦٧٨٩" + "߀߁" + "²¹" + "〇"
SPACE = ["", " ", "\t", "\n", "\r\n", "\u3000", "\u00a0"]


def _touched(s: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A string as an analyst might get it wrong: digits made full-width or Arabic-Indic, spaces around it."""
    return st.tuples(s, st.sampled_from([None, WIDE, ARABIC_INDIC]), st.sampled_from(SPACE), st.sampled_from(SPACE)) \
        .map(lambda t: t[2] + (t[0].translate(t[1]) if t[1] else t[0]) + t[3])


DAYS = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
ISO_FORMS = [
    date.isoformat,  # 2021-05-10
    lambda d: d.strftime("%Y%m%d"),  # basic format 20210510, which date.fromisoformat takes
    lambda d: "{0:04d}-W{1:02d}-{2}".format(*d.isocalendar()),  # ISO week date 2021-W19-1, which it takes too
    lambda d: "{0:04d}W{1:02d}{2}".format(*d.isocalendar()),  # 2021W191
    lambda d: f"{d.year}-{d.month}-{d.day}",  # unpadded 2021-5-10
    lambda d: d.isoformat() + "T00:00",
    lambda d: d.isoformat().replace("-", "/"),
]
DATES = st.one_of(
    _touched(st.tuples(DAYS, st.sampled_from(ISO_FORMS)).map(lambda t: t[1](t[0]))),
    _touched(st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True)),  # the pattern's shape, often no real day
    st.text(alphabet=DIGITS + "-W/T: \n", max_size=12),
    st.text(max_size=12),
)
ADCODES = st.one_of(
    _touched(st.from_regex(r"[0-9]{5,7}", fullmatch=True)),
    st.text(alphabet=DIGITS + " \n-", max_size=8),
    st.text(max_size=8),
)


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None)
@given(ADCODES)
@example("141124")
@example("１４１１２４")  # full-width digits: Python's \d took them, the editors' [0-9] does not
@example("٠١٢٣٤٥")
@example("141124\n")  # under Python's re, `$` also matches before a final newline
@example(" 141124")
@example("14112")
def test_the_model_takes_an_adcode_exactly_when_the_editor_pattern_does(value):
    assert model_takes_adcode(value) == pattern_takes(ADCODE_SCHEMA, value) == editor_takes(ADCODE_SCHEMA, value)


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None)
@given(DATES)
@example("2021-05-10")
@example("20210510")  # date.fromisoformat takes it; YYYY-MM-DD does not
@example("2021-W19-1")  # as does the ISO week date
@example("２０２１-05-10")
@example("2021-05-10\n")
@example("2021-02-30")  # the pattern's shape, no such day: format: date refuses it, as the model does
@example("0000-01-01")  # no year 0
def test_the_model_takes_a_date_exactly_when_the_editor_schema_does(value):
    # The model = the editor's pattern plus a real calendar date, which the schema says as format: date.
    assert model_takes_date(value) == editor_takes(DATE_SCHEMA, value)
    assert model_takes_date(value) == (pattern_takes(DATE_SCHEMA, value) and _is_calendar_date(value))
    if model_takes_date(value):
        assert pattern_takes(DATE_SCHEMA, value)  # the editor never underlines a date validate takes


def _is_calendar_date(value: str) -> bool:
    try:
        date(int(value[:4]), int(value[5:7]), int(value[8:10]))
    except ValueError:
        return False
    return True


def test_every_day_of_a_leap_year_and_only_those():
    day = date(2024, 1, 1)
    while day.year == 2024:
        assert model_takes_date(day.isoformat())
        day += timedelta(days=1)
    assert not model_takes_date("2023-02-29") and model_takes_date("2024-02-29")


# ---- refusals, exact, in both languages -----------------------------------------------------------------

DATE_ZH, DATE_EN = '不是日期；请写成带引号的 "YYYY-MM-DD"', 'is not a date; write it as "YYYY-MM-DD" in quotes'
ADCODE_ZH = '不是行政区划代码；请写成带引号的六位数字，如 "141124"'
ADCODE_EN = 'is not an administrative-division code; write its six digits in quotes, e.g. "141124"'
ID_ZH = "不是有效的 id；只能用小写字母、数字和 _（如 sown_area）"
ID_EN = "is not a valid id; use lower-case letters, digits and _ (e.g. sown_area)"
COLOUR_ZH, COLOUR_EN = '不是颜色；请写成带引号的 "#RRGGBB"', 'is not a colour; write it as "#RRGGBB" in quotes'
FORMAT_ZH = '不是允许的数字格式；请写成 [宽度][,][.精度] 再加 f、g、e 或 % 之一，宽度和精度都不超过 20（如 ".2f"、",.0f" 或 "g"）'
FORMAT_EN = ('is not an allowed number format; write [width][,][.precision] and one of f, g, e or %, '
             'with width and precision at most 20 (e.g. ".2f", ",.0f" or "g")')
REF_ZH = "不是引用；请写成 figure:<id>、total:<指标>@<期间> 或 sum:<指标>@<期间>"
REF_EN = "is not a reference; write figure:<id>, total:<indicator>@<period> or sum:<indicator>@<period>"
MAX_ZH, MAX_EN = "这里应当是大于 0、不超过 1e+15 的数字", "expected a number above 0 and at most 1e+15"

# (type, value, Chinese, English): the one message each refusal gets
BAD = {
    "date-basic-format": (IsoDate, "20210510", f"'20210510' {DATE_ZH}", f"'20210510' {DATE_EN}"),
    "date-iso-week": (IsoDate, "2021-W19-1", f"'2021-W19-1' {DATE_ZH}", f"'2021-W19-1' {DATE_EN}"),
    "date-no-such-day": (IsoDate, "2021-02-30", f"'2021-02-30' {DATE_ZH}", f"'2021-02-30' {DATE_EN}"),
    "date-unpadded": (IsoDate, "2021-5-10", f"'2021-5-10' {DATE_ZH}", f"'2021-5-10' {DATE_EN}"),
    "date-with-time": (IsoDate, "2021-05-10T08:00", f"'2021-05-10T08:00' {DATE_ZH}", f"'2021-05-10T08:00' {DATE_EN}"),
    "date-trailing-space": (IsoDate, "2021-05-10 ", f"'2021-05-10 ' {DATE_ZH}", f"'2021-05-10 ' {DATE_EN}"),
    "date-full-width": (IsoDate, "２０２１-05-10", "'２０２１-05-10' 用了全角数字；请改用半角数字 0-9，写成 '2021-05-10'",
                        "'２０２１-05-10' has full-width digits; use the digits 0-9: '2021-05-10'"),
    # Full-width digits, but not a date even in 0-9: no hint to fix the digits.
    "date-full-width-and-unpadded": (IsoDate, "２０２１-5-10", f"'２０２１-5-10' {DATE_ZH}", f"'２０２１-5-10' {DATE_EN}"),
    "adcode-full-width": (Adcode, "１４１１２４", "'１４１１２４' 用了全角数字；请改用半角数字 0-9，写成 '141124'",
                          "'１４１１２４' has full-width digits; use the digits 0-9: '141124'"),
    "adcode-arabic-indic": (Adcode, "١٤١١٢٤", "'١٤١١٢٤' 用了全角数字；请改用半角数字 0-9，写成 '141124'",
                            "'١٤١١٢٤' has full-width digits; use the digits 0-9: '141124'"),
    "adcode-five-digits": (Adcode, "14112", f"'14112' {ADCODE_ZH}", f"'14112' {ADCODE_EN}"),
    "adcode-full-width-five": (Adcode, "１４１１２", f"'１４１１２' {ADCODE_ZH}", f"'１４１１２' {ADCODE_EN}"),
    "adcode-newline": (Adcode, "141124\n", f"'141124\n' {ADCODE_ZH}", f"'141124\n' {ADCODE_EN}"),
    "id-capitals": (Id, "Sown_Area", f"'Sown_Area' {ID_ZH}", f"'Sown_Area' {ID_EN}"),
    "id-dash": (Id, "sewer-km", f"'sewer-km' {ID_ZH}", f"'sewer-km' {ID_EN}"),
    "id-digit-first": (Id, "2021", f"'2021' {ID_ZH}", f"'2021' {ID_EN}"),
    "colour-name": (Colour, "teal", f"'teal' {COLOUR_ZH}", f"'teal' {COLOUR_EN}"),
    "colour-short": (Colour, "#4A9", f"'#4A9' {COLOUR_ZH}", f"'#4A9' {COLOUR_EN}"),
    "format-not-a-spec": (Format, "{:.2f}", f"'{{:.2f}}' {FORMAT_ZH}", f"'{{:.2f}}' {FORMAT_EN}"),
    "format-too-wide": (Format, "21.1f", f"'21.1f' {FORMAT_ZH}", f"'21.1f' {FORMAT_EN}"),
    "format-d": (Format, ",d", f"',d' {FORMAT_ZH}", f"',d' {FORMAT_EN}"),
    "unit-max-zero": (UnitMax, 0.0, f"写的是 0；{MAX_ZH}", f"got 0; {MAX_EN}"),
    "unit-max-too-large": (UnitMax, 1e16, f"写的是 1e+16；{MAX_ZH}", f"got 1e+16; {MAX_EN}"),
    "ref-typo": (Refs, ["figure:a", "totl:x@2021"], f"'totl:x@2021' {REF_ZH}", f"'totl:x@2021' {REF_EN}"),
    "ref-no-period": (Refs, ["total:sown_area"], f"'total:sown_area' {REF_ZH}", f"'total:sown_area' {REF_EN}"),
}


@pytest.mark.parametrize("tp,value,zh,en", BAD.values(), ids=BAD.keys())
def test_a_bad_value_gets_its_message(tp, value, zh, en):
    assert refusals(tp, value) == [("", zh, en)]


GOOD = {
    "date": (IsoDate, "2024-02-29"),
    "date-first-day": (IsoDate, "0001-01-01"),
    "adcode": (Adcode, "141124"),
    "id": (Id, "sown_area_2"),
    "colour-lower-case": (Colour, "#44aa99"),
    "format-g": (Format, "g"),
    "format-widest": (Format, "20,.20f"),
    "format-percent": (Format, ".1%"),
    "unit-max-largest": (UnitMax, 1e15),
    "refs": (Refs, ["figure:a_1", "total:sown_area@2021", "sum:sewer_km@2020-2023", "total:x@总体"]),
    "text": (Text, "交城"),
}


@pytest.mark.parametrize("tp,value", GOOD.values(), ids=GOOD.keys())
def test_a_good_value_passes_unchanged(tp, value):
    assert refusals(tp, value) == []


# pydantic's own refusals, worded by the loader (tests/inputs/test_load.py): the type refuses them, strictly.
PYDANTIC = {
    "empty-text": (Text, "", "string_too_short"),
    "no-refs": (Refs, [], "too_short"),
    "adcode-as-number": (Adcode, 141124, "string_type"),
    "date-as-date": (IsoDate, date(2021, 5, 10), "string_type"),
    "unit-max-as-text": (UnitMax, "1e14", "float_type"),
}


@pytest.mark.parametrize("tp,value,kind", PYDANTIC.values(), ids=PYDANTIC.keys())
def test_a_value_of_the_wrong_kind_is_left_to_pydantic(tp, value, kind):
    assert refusals(tp, value) == [("", kind, kind)]


def test_editor_patterns_are_built_from_the_model_checks():
    assert ADCODE_SCHEMA["pattern"] == "^[0-9]{6}$(?!\\n)"
    assert DATE_SCHEMA["pattern"] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$(?!\\n)" and DATE_SCHEMA["format"] == "date"
