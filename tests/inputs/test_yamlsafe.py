"""targets.yamlsafe: each YAML trap becomes one located problem, never a silent value."""

from __future__ import annotations

from pathlib import Path

import pytest

from targets.inputs import yamlsafe
from targets.inputs.yamlsafe import Parsed, read_yaml
from targets.core.quote import dotted


def read(tmp_path: Path, content: str | bytes, name: str = "x.yaml") -> tuple[Parsed | None, list[str]]:
    p = tmp_path / name
    if isinstance(content, str):
        p.write_text(content, encoding="utf-8")
    else:
        p.write_bytes(content)
    parsed, problems = read_yaml(p, name)
    return parsed, [x.render("en") for x in problems]


def only_problem(tmp_path: Path, content: str | bytes) -> str:
    parsed, problems = read(tmp_path, content)
    assert parsed is None
    assert len(problems) == 1, problems
    return problems[0]


def test_plain_document_is_read_with_values_as_written(tmp_path):
    parsed, problems = read(tmp_path, 'a: 1\nb: [1.5, "-", null, ~]\nc: 2021-03-05\nd: "010"\ne: true\nf: "1_000"\n')
    assert problems == []
    assert parsed.data == {"a": 1, "b": [1.5, "-", None, None], "c": "2021-03-05", "d": "010", "e": True, "f": "1_000"}
    assert isinstance(parsed.data["c"], str)  # dates stay text; validated where a date is expected


def test_syntax_error_is_located_where_it_starts_in_plain_words(tmp_path):
    assert only_problem(tmp_path, "rows:\n  离石: [20.07, 0.27\n  文水: [45.91, 2.27]\n") == (
        "x.yaml:2:7: the list that starts here with '[' is not closed: end it with ']' "
        "(values are separated by commas)")


def test_duplicate_key_reports_the_key_and_both_lines(tmp_path):
    assert only_problem(tmp_path, "rows:\n  离石: [1, 2]\n  文水: [3, 4]\n  离石: [5, 6]\n") == (
        "x.yaml:4:3: rows.离石: duplicate key '离石': first on line 2, again on line 4; keep only one")


def test_alias_is_refused(tmp_path):
    assert only_problem(tmp_path, "a: &row [1, 2]\nb: *row\n") == (
        "x.yaml:2:4: alias '*row' is not allowed; write the value out in full")


def test_billion_laughs_fails_fast_without_expanding(tmp_path, monkeypatch):
    levels = "abcdefghij"
    doc = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{k}: &{k} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, k in zip(levels, levels[1:]))
    # Expanded, this would be 9**10 (3.5 billion) strings. Nothing may even build it.
    monkeypatch.setattr(yamlsafe._Builder, "build", lambda *a: pytest.fail("aliases reached the value builder"))
    parsed, problems = read(tmp_path, doc)  # nothing built (above) is what keeps it fast; timing is bench/'s
    assert parsed is None
    assert len(problems) == 9 * 9  # every alias, each located
    assert problems[0] == "x.yaml:2:8: alias '*a' is not allowed; write the value out in full"
    assert problems[-1] == "x.yaml:10:40: alias '*i' is not allowed; write the value out in full"


@pytest.mark.parametrize("word, meaning", [("yes", True), ("no", False), ("on", True), ("off", False),
                                           ("Yes", True), ("OFF", False)])
def test_yaml11_booleans_are_refused(tmp_path, word, meaning):
    assert only_problem(tmp_path, f"on_map: {word}\n") == (
        f"x.yaml:1:9: on_map: '{word}' is read by YAML 1.1 as the boolean {str(meaning).lower()}; "
        "write true/false, or quote it if you mean the text")


def test_yaml11_boolean_key_is_reported_once(tmp_path):
    assert only_problem(tmp_path, "a:\n  yes: 1\n") == (
        "x.yaml:2:3: a: 'yes' is read by YAML 1.1 as the boolean true; write true/false, or quote it if you mean the text")


def test_true_false_and_quoted_yes_are_fine(tmp_path):
    parsed, problems = read(tmp_path, 'a: true\nb: false\nc: "yes"\n')
    assert problems == []
    assert parsed.data == {"a": True, "b": False, "c": "yes"}


def test_sexagesimal_is_refused(tmp_path):
    assert only_problem(tmp_path, "ratio: 1:20\n") == (
        "x.yaml:1:8: ratio: '1:20' is read by YAML 1.1 as a base-60 number (80); "
        "write 80 if you mean that number, or quote it if you mean a ratio or a time")


def test_octal_is_refused(tmp_path):
    assert only_problem(tmp_path, "code: 010\n") == (
        "x.yaml:1:7: code: '010' is read by YAML 1.1 as the octal number 8; "
        "remove the leading zero, or quote it if it is a code")


def test_exponent_without_dot_read_as_text_is_refused(tmp_path):
    assert only_problem(tmp_path, "rows:\n  离石: [1e3, 2]\n") == (
        "x.yaml:2:8: rows.离石[0]: '1e3' is read by YAML 1.1 as text, not a number; "
        "write it out in full (e.g. 1000) or with a dot and sign (1.0e+3)")


def test_python_tag_is_refused(tmp_path):
    assert only_problem(tmp_path, "a: !!python/object/apply:os.system ['echo owned']\n") == (
        "x.yaml:1:4: a: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed; "
        "remove it (only plain values, lists and mappings)")


def test_gbk_file_is_refused_with_how_to_fix(tmp_path):
    content = "theme: grain\nsource:\n  title: 粮食生产\n".encode("gbk")
    assert only_problem(tmp_path, content) == (
        "x.yaml:3:10: not UTF-8: byte 0xC1 cannot be read; it looks like GBK (a Windows editor's default). "
        "Save the file as UTF-8")


def test_binary_junk_is_refused_as_not_utf8(tmp_path):
    assert only_problem(tmp_path, b"a: \xff\xfe\xff\n") == (
        "x.yaml:1:4: not UTF-8: byte 0xFF cannot be read; it is not text in UTF-8. Save the file as UTF-8")


@pytest.mark.parametrize("content", ["", "\n  \n", "# 配置\n# only comments\n\n  # indented comment\n"],
                         ids=["empty", "blank-lines", "comments-only"])
def test_empty_or_comments_only_file(tmp_path, content):
    assert only_problem(tmp_path, content) == (
        "x.yaml:1:1: file is empty; expected a mapping of keys (see config.yaml's comments)")


def test_oversized_file_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlsafe, "MAX_BYTES", 100)
    assert only_problem(tmp_path, "a: " + "x" * 200 + "\n") == (
        "x.yaml:1:1: file is 204 bytes; the limit is 100: split it into several data files")


def test_file_at_the_limit_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlsafe, "MAX_BYTES", 100)
    parsed, problems = read(tmp_path, "a: " + "x" * 96 + "\n")  # exactly 100 bytes
    assert problems == [] and parsed.data == {"a": "x" * 96}


def test_control_character_is_located_on_one_line(tmp_path):
    assert only_problem(tmp_path, "a: 1\nb: x\x07y\n") == (
        "x.yaml:2:5: character #x0007 is not allowed in YAML (special characters are not allowed); "
        "delete it (it may be invisible: retype the line)")


def test_missing_file(tmp_path):
    parsed, problems = read_yaml(tmp_path / "nope.yaml", "data/nope.yaml")
    assert parsed is None
    assert [p.render("en") for p in problems] == ["data/nope.yaml:1:1: file not found; check the path in config.yaml"]


def test_utf8_bom_is_accepted_and_positions_unchanged(tmp_path):
    parsed, problems = read(tmp_path, "\ufefftheme: 粮食\nrows:\n  离石: [1, 2]\n".encode("utf-8"))
    assert problems == []
    assert parsed.data == {"theme": "粮食", "rows": {"离石": [1, 2]}}
    assert parsed.locate(("theme",)) == (1, 8)
    assert parsed.locate(("rows", "离石", 1)) == (3, 11)


def test_positions_are_recorded(tmp_path):
    parsed, problems = read(tmp_path, (
        "theme: grain\n"                       # 1
        "tables:\n"                            # 2
        "  - id: annex\n"                      # 3
        "    rows:\n"                          # 4
        "      离石: [20.07, 0.27]\n"          # 5
        "      文水:\n"                        # 6
        "        - 45.91\n"                    # 7
        "        - 2.27\n"))                   # 8
    assert problems == []
    assert parsed.file == "x.yaml"
    assert parsed.locate(()) == (1, 1)
    assert parsed.locate(("theme",)) == (1, 8)                      # a scalar: where its value is
    assert parsed.locate(("tables",)) == (2, 1)                     # a block value: its key's line
    assert parsed.locate(("tables", 0)) == (3, 5)
    assert parsed.locate(("tables", 0, "rows")) == (4, 5)
    assert parsed.locate(("tables", 0, "rows", "离石")) == (5, 11)   # a flow value on its key's line
    assert parsed.locate(("tables", 0, "rows", "离石", 1)) == (5, 19)
    assert parsed.locate(("tables", 0, "rows", "文水")) == (6, 7)
    assert parsed.locate(("tables", 0, "rows", "文水", 1)) == (8, 11)
    # a path that is not in the file falls back to its nearest ancestor
    assert parsed.locate(("tables", 0, "stated_total", "values")) == (3, 5)
    assert parsed.locate(("tables", 0, "rows", "文水", 5)) == (6, 7)
    assert parsed.locate(("nowhere",)) == (1, 1)


def test_dotted_key_paths():
    assert dotted(()) == ""
    assert dotted(("theme",)) == "theme"
    assert dotted(("tables", 0, "rows", "离石", 1)) == "tables[0].rows.离石[1]"


def test_the_editor_schema_line_is_read_as_a_comment(tmp_path):
    """Line 1 of every shipped file names its JSON Schema for editors; values and their lines are unchanged."""
    parsed, problems = read(tmp_path, "# yaml-language-server: $schema=../schemas/data.schema.json\ntheme: grain\n")
    assert problems == []
    assert parsed.data == {"theme": "grain"}
    assert parsed.locate(("theme",)) == (2, 8)


# (value written after `a: `, the exact problem): numbers YAML 1.1 would read as something else, or too large to mean
NUMBER_TRAPS = {
    "hex": ("0x75", "x.yaml:1:4: a: '0x75' is read by YAML 1.1 as the hexadecimal number 117; "
                    "write the number in decimal (117), or quote it if it is a code"),
    "binary": ("0b101", "x.yaml:1:4: a: '0b101' is read by YAML 1.1 as the binary number 5; "
                        "write the number in decimal (5), or quote it if it is a code"),
    "octal-leading-zero": ("017", "x.yaml:1:4: a: '017' is read by YAML 1.1 as the octal number 15; "
                                  "remove the leading zero, or quote it if it is a code"),
    "octal-0o": ("0o17", "x.yaml:1:4: a: '0o17' is read by YAML 1.1 as text, not the octal number 15; "
                         "write the number in decimal (15), or quote it if it is a code"),
    "sexagesimal": ("1:20", "x.yaml:1:4: a: '1:20' is read by YAML 1.1 as a base-60 number (80); "
                            "write 80 if you mean that number, or quote it if you mean a ratio or a time"),
    "underscore-decimal": ("1_17.59", "x.yaml:1:4: a: '1_17.59' is read by YAML 1.1 as 117.59 (it drops the underscores); "
                                      "write the number without underscores (117.59), or quote it if it is text"),
    "underscore-integer": ("1_000", "x.yaml:1:4: a: '1_000' is read by YAML 1.1 as 1000 (it drops the underscores); "
                                    "write the number without underscores (1000), or quote it if it is text"),
    "huge-exponent": ("1.0e+308", "x.yaml:1:4: a: '1.0e+308' is too large; a number must be below 1e+15: check it for a typo"),
    "overflow-to-inf": ("1.0e+999", "x.yaml:1:4: a: '1.0e+999' is too large; a number must be below 1e+15: check it for a typo"),
    "40-digit-integer": ("1234567890" * 4, "x.yaml:1:4: a: '1234567890123456789012345678901234567890' has 40 digits "
                                           "before the decimal point; a number has at most 15: check it for a typo"),
    "16-digit-decimal": ("1234567890123456.5", "x.yaml:1:4: a: '1234567890123456.5' has 16 digits before the decimal point; "
                                               "a number has at most 15: check it for a typo"),
    "5000-digit-integer": ("7" * 5000, "x.yaml:1:4: a: '" + "7" * 58 + "… has 5,000 digits before the decimal point; "
                                       "a number has at most 15: check it for a typo"),
    "long-hex": ("0x" + "f" * 50, "x.yaml:1:4: a: '0x" + "f" * 50 + "' is 52 characters long; "
                                  "a number has at most 15 digits before the decimal point: check it for a typo"),
    "tagged-long-text": ("!!int " + "9" * 5000, "x.yaml:1:4: a: '" + "9" * 58 + "… has 5,000 digits before the decimal point; "
                                                "a number has at most 15: check it for a typo"),
}


@pytest.mark.parametrize("value, expected", list(NUMBER_TRAPS.values()), ids=list(NUMBER_TRAPS))
def test_number_traps_are_refused_with_a_short_located_message(tmp_path, value, expected):
    message = only_problem(tmp_path, f"a: {value}\n")
    assert message == expected
    assert len(message) < 300  # the value is cut, never printed whole


@pytest.mark.parametrize("value, read_as", [("117.59", 117.59), ("12", 12), ("999999999999999", 999999999999999),
                                            ("1.5e+12", 1.5e12), ('"0x75"', "0x75"), ('"1_17.59"', "1_17.59"),
                                            ('"0o17"', "0o17"), ("-3", -3)])
def test_ordinary_numbers_and_quoted_lookalikes_are_read(tmp_path, value, read_as):
    parsed, problems = read(tmp_path, f"a: {value}\n")
    assert problems == [] and parsed.data == {"a": read_as}


def test_infinity_and_nan_are_left_to_the_schema(tmp_path):
    # Written on purpose, they are refused where a number is expected ("expected a finite number").
    parsed, problems = read(tmp_path, "a: [.inf, -.inf]\n")
    assert problems == [] and parsed.data == {"a": [float("inf"), float("-inf")]}


def test_a_fifo_is_refused_without_blocking(tmp_path):
    import os

    os.mkfifo(tmp_path / "x.yaml")
    parsed, problems = read_yaml(tmp_path / "x.yaml", "x.yaml")
    assert parsed is None
    assert [p.render("en") for p in problems] == ["x.yaml:1:1: is a named pipe (FIFO), not a file; put the YAML file itself here"]


@pytest.mark.parametrize("content, where", [('a: "x\\ud800y"\n', "x.yaml:1:4: a: "), ('"k\\udfff": 1\n', "x.yaml:1:1: ")])
def test_half_a_character_is_refused_not_printed(tmp_path, content, where):
    """A "\\ud800" escape makes a lone surrogate: no UTF-8 output can carry it, so it never reaches a message."""
    message = only_problem(tmp_path, content)
    assert message.startswith(where) and "lone surrogate" in message
    message.encode("utf-8")  # printable: the escape is named, the half character is not copied
