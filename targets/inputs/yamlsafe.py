"""Read one YAML file safely, keeping where every value came from.

PyYAML's own loaders are unsafe for analysts' files in quiet ways: a duplicate
key silently keeps the last value, YAML 1.1 reads `yes` as true, `1:20` as 80,
`010` as 8, `0x75` as 117, `1_17.59` as 117.59 and `1e3` as text, and aliases
can expand without bound. We compose the node tree with SafeLoader and build
values ourselves so each of those becomes a located Problem instead. Numbers
are also kept to a size a person can mean (at most 15 digits before the point),
so a 5,000-digit integer or `1.0e+308` is refused here, with the value cut short.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from targets.inputs import syntax
from targets.inputs.bounded_read import FileRead, read_file
from targets.core.errors import Problem
from targets.core.quote import dotted, show
from targets.core.messages import Msg, msg

log = logging.getLogger(__name__)

MAX_BYTES = 2 * 1024 * 1024  # the shipped files are a few KiB; 2 MiB leaves room for national scale per file
MAX_PROBLEMS = 100  # per file: past this, more lines only slow the report down and bury the first fix

Path_ = tuple[str | int, ...]

_T = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_T + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")
_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_OCTAL_12 = re.compile(r"[-+]?0o[0-7]+")  # YAML 1.2's octal, which 1.1 reads as text
_OTHER_BASE = {"x": ("yaml11_hexadecimal", re.compile(r"[-+]?0x[0-9a-fA-F_]+")),  # (message id, how it is written)
               "b": ("yaml11_binary", re.compile(r"[-+]?0b[01_]+"))}
_INT, _FLOAT = _T + "int", _T + "float"
_PLAIN_DECIMAL = re.compile(r"-?[0-9]+\.[0-9]*")  # what YAML 1.1 and float() read alike
_SURROGATE = re.compile("[\ud800-\udfff]")
_FAST_DECIMAL_LEN = 15  # a plain decimal this short is below 1e14: no size check needed
MAX_DIGITS = 15  # digits before the decimal point: past this a value is a typo, and float loses whole units
MAX_NUMBER = 10.0 ** MAX_DIGITS
_MAX_NUMBER_TEXT = 40  # characters: past this a number is refused before it is converted or printed
_INF_NAN = re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_EXP_AS_TEXT = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)[eE][-+]?[0-9]+")
_THOUSANDS = re.compile(r"[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")  # 1,000 or 1,117.59: a separator, not two values
_GROUP_HEAD, _GROUP = re.compile(r"[-+]?[0-9]{1,3}"), re.compile(r"[0-9]{3}(\.[0-9]+)?")
_NUMBERS_FULLWIDTH_COMMA = re.compile(r"\s*[-+]?[0-9.]+(\s*，\s*[-+]?[0-9.]+)+\s*")  # 43，30 in a list


# libyaml's parser when PyYAML has it (the wheels do): about 7× faster at national scale; same nodes and marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Parsed:
    file: str
    data: Any
    root: Node

    def locate(self, path: Path_) -> tuple[int, int]:
        """Line and column of `path`, or of its nearest ancestor present in the file.

        Found by walking the node tree only when a problem needs a place, so a
        large valid file pays nothing for positions. A block value written
        below its key is located at the key's line.
        """
        node, key = self.root, None
        for part in path:
            if isinstance(node, MappingNode):
                hit = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(part)), None)
                if hit is None:
                    break
                key, node = hit
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                key, node = None, node.value[part]
            else:
                break
        mark = key.start_mark if key is not None and node.start_mark.line > key.start_mark.line else node.start_mark
        return mark.line + 1, mark.column + 1


def read_yaml(path: Path, shown_as: str, source: FileRead | None = None, inside: Path | None = None,
              fits: syntax.Fits | None = None) -> tuple[Parsed | None, list[Problem]]:
    """Parse `path` (or the bytes already read in `source`); return the data with positions, or None and every problem.

    `inside`: the project folder a data file must resolve into (see bounded_read).
    `fits`: how many problems the file's model finds in some values; helps tell where a misplaced line belongs.
    """

    def problem(line: int, col: int, message: Msg, where: Path_ = ()) -> Problem:
        return Problem(shown_as, line, col, dotted(where), message)

    if source is None:
        source = read_file(path, limit=MAX_BYTES, inside=inside)
    if source.data is None:
        return None, [problem(1, 1, source.refusal or msg("file_unreadable_plain"))]
    raw = source.data
    if len(raw) > MAX_BYTES:  # bytes read elsewhere, under another limit
        return None, [problem(1, 1, msg("file_too_big", size=len(raw), limit=MAX_BYTES, hint=msg("file_split_hint")))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        code = "not_utf8_gbk" if _decodes_as_gbk(raw) else "not_utf8"
        return None, [problem(line, col, msg(code, byte=f"0x{raw[exc.start]:02X}"))]
    if not text.strip() or all(ln.strip().startswith("#") or not ln.strip() for ln in text.splitlines()):
        return None, [problem(1, 1, msg("file_empty"))]

    try:
        try:
            problems, node = _compose(text, _LOADER, problem)
        except yaml.YAMLError:
            if _LOADER is yaml.SafeLoader:
                raise
            # The same error again from the pure-Python parser, whose errors carry more (a reader error's
            # position, the character that cannot start a value); targets/syntax.py words them.
            problems, node = _compose(text, yaml.SafeLoader, problem)
        if problems:
            return None, problems
    except RecursionError:
        return None, [problem(1, 1, msg("nested_too_deep"))]
    except yaml.MarkedYAMLError as exc:
        return None, _explained(text, exc, shown_as, fits, problem) + _other_blocks(text, exc, shown_as, fits, problem)
    except yaml.reader.ReaderError as exc:  # a control character, often invisible
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return None, [problem(line, col, msg("control_character", char=f"#x{exc.character:04X}"))]
    except yaml.YAMLError:
        return None, [problem(1, 1, msg("yaml_unreadable"))]
    if node is None:
        return None, [problem(1, 1, msg("file_empty"))]

    builder = _Builder(shown_as)
    try:
        data = builder.build(node, ())
    except _TooMany as stop:
        builder.problems.append(_too_many(shown_as, *stop.args))
    except RecursionError:
        return None, [problem(1, 1, msg("nested_too_deep"))]
    if builder.problems:
        return None, builder.problems
    return Parsed(shown_as, data, node), []


def _other_blocks(text: str, exc: yaml.MarkedYAMLError, shown_as: str, fits, problem) -> list[Problem]:
    """Syntax errors of the other top-level blocks, each parsed on its own (the others blanked, so lines stay):
    one bad line does not hide the rest of the file. The blocks the error spans are left out (no follow-ons)."""
    lines = text.split("\n")
    starts = [i for i, ln in enumerate(lines) if ln[:1] not in ("", " ", "\t", "#", "-")]
    marks = [m.line for m in (exc.context_mark, exc.problem_mark) if m is not None]
    out: list[Problem] = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        if not marks or any(start <= m < end for m in marks) or (min(marks) < start and max(marks) >= end):
            continue
        alone = "\n".join(ln if start <= i < end else "" for i, ln in enumerate(lines))
        try:
            for _ in yaml.parse(alone, Loader=yaml.SafeLoader):
                pass
        except yaml.MarkedYAMLError as err:
            out.extend(_explained(alone, err, shown_as, fits, problem))
        except yaml.YAMLError:
            continue
    return out


def _explained(text: str, exc: yaml.MarkedYAMLError, shown_as: str, fits, problem) -> list[Problem]:
    """The syntax error in plain words; if explaining it fails, still a located problem, never a traceback."""
    try:
        return syntax.explain(text, exc, shown_as, fits)
    except RecursionError:
        return [problem(1, 1, msg("nested_too_deep"))]
    except Exception:  # noqa: BLE001 - the explanation is a guess; the place is known regardless
        log.exception("targets: explaining a YAML syntax error failed")
        m = exc.problem_mark or exc.context_mark
        return [problem(m.line + 1 if m else 1, m.column + 1 if m else 1, msg("yaml_syntax"))]


def _compose(text: str, loader, problem) -> tuple[list[Problem], Node | None]:
    """Refuse aliases (before anything can expand), then compose the node tree."""
    problems: list[Problem] = []
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            m = event.start_mark
            problems.append(problem(m.line + 1, m.column + 1, msg("alias_refused", alias=f"*{event.anchor}")))
            if len(problems) >= MAX_PROBLEMS:
                problems.append(_too_many(problems[0].file, m.line + 1, m.column + 1))
                break
    if problems:
        return problems, None
    return [], yaml.compose(text, Loader=loader)


class _TooMany(Exception):
    """Raised inside the builder once a file has MAX_PROBLEMS problems."""


def _too_many(file: str, line: int, col: int) -> Problem:
    return Problem(file, line, col, "", msg("too_many_problems", n=MAX_PROBLEMS))


def _glued_group(items: list[Node], j: int) -> bool:
    """Whether list items j and j+1 are a number and a 3-digit group with only a comma between them (1,000)."""
    if j + 1 >= len(items):
        return False
    a, b = items[j], items[j + 1]
    if not (isinstance(a, ScalarNode) and isinstance(b, ScalarNode)) or a.style or b.style:
        return False
    if b.start_mark.index != a.end_mark.index + 1:  # a space after the comma: two values
        return False
    return bool((_GROUP_HEAD.fullmatch(a.value) or _GROUP.fullmatch(a.value)) and _GROUP.fullmatch(b.value))


def _decodes_as_gbk(raw: bytes) -> bool:
    try:
        raw.decode("gbk")
    except UnicodeDecodeError:
        return False
    return True


class _Builder:
    """Turn a composed node tree into plain Python values, noting problems where they are."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self._scalars = SafeConstructor()

    def _problem(self, node: Node, where: Path_, message: Msg) -> None:
        m = node.start_mark
        self.problems.append(Problem(self.file, m.line + 1, m.column + 1, dotted(where), message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooMany(m.line + 1, m.column + 1)

    def build(self, node: Node, where: Path_) -> Any:
        if node.tag not in _ALLOWED_TAGS:
            self._problem(node, where, msg("tag_refused", tag=show(node.tag)))
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, where)
        if isinstance(node, SequenceNode):
            return self._sequence(node, where)
        return self._scalar(node, where)

    def _sequence(self, node: SequenceNode, where: Path_) -> list:
        """A list's values; in [a, b], `1,000` is one number with a thousands separator, which YAML reads as
        two items (the second, 000, as octal 0): named here as a separator, not as two values or an octal."""
        out, items, i = [], node.value, 0
        while i < len(items):
            j = i
            while _glued_group(items, j):
                j += 1
            if j > i:
                written = ",".join(n.value for n in items[i:j + 1])
                self._problem(items[i], where + (len(out),), msg("thousands_separator", value=show(written),
                                                                  fixed=written.replace(",", "")))
                out.append(None)
            else:
                out.append(self.build(items[i], where + (len(out),)))
            i = j + 1
        return out

    def _mapping(self, node: MappingNode, where: Path_) -> dict:
        out: dict = {}
        first_line: dict = {}
        for n, (key_node, value_node) in enumerate(node.value):
            if n and _glued_group([node.value[n - 1][1], key_node], 0) and value_node.value == "":
                # {value: 1,000}: YAML reads a second key 000; it is the number's thousands separator
                prev_key, prev = node.value[n - 1]
                written = f"{prev.value},{key_node.value}"
                self._problem(prev, where + (prev_key.value,), msg("thousands_separator", value=show(written),
                                                                    fixed=written.replace(",", "")))
                continue
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node, where, msg("key_not_text"))
                continue
            if not key_node.style and "：" in key_node.value and value_node.value == "":  # {label：合计}: one key
                fixed = key_node.value.replace("：", ": ", 1)
                self._problem(key_node, where, msg("fullwidth_colon", fixed=show(fixed, 40)))
                continue
            before = len(self.problems)
            key = self._scalar(key_node, where)
            if len(self.problems) > before:  # already reported (e.g. `yes:` read as a boolean)
                continue
            if isinstance(key, (list, dict)) or key is None:
                self._problem(key_node, where, msg("key_unusable", key=show(key)))
                continue
            key = str(key) if not isinstance(key, (int, str)) else key
            line = key_node.start_mark.line + 1
            if key in out:
                self._problem(key_node, where + (key,), msg("duplicate_key", key=show(key), first=first_line[key], again=line))
                continue
            first_line[key] = line
            out[key] = self.build(value_node, where + (key,))
        return out

    def _scalar(self, node: ScalarNode, where: Path_) -> Any:
        text = node.value
        # "\ud800" in a quoted scalar makes half a character: no UTF-8 can hold it (printing it would crash).
        if node.style == '"' and (half := _SURROGATE.search(text)):
            self._problem(node, where, msg("lone_surrogate", escape=f"\\u{ord(half.group()):04x}"))
            return None
        plain = not node.style  # None from PyYAML's parser, '' from libyaml's
        tag = node.tag
        # Fast path for the plain decimals that fill the tables (national scale: ~850k of them).
        if tag == _FLOAT and len(text) <= _FAST_DECIMAL_LEN and _PLAIN_DECIMAL.fullmatch(text):
            return float(text)
        if plain and tag == _T + "bool" and text.lower() not in ("true", "false"):
            self._problem(node, where, msg("yaml11_boolean", value=show(text), meaning=show(text.lower() in ('yes', 'on', 'y'))))
            return None
        if plain and tag == _T + "str" and _EXP_AS_TEXT.fullmatch(text):
            self._problem(node, where, msg("yaml11_exponent_text", value=show(text)))
            return None
        if plain and tag == _T + "str" and len(text) <= _MAX_NUMBER_TEXT and _THOUSANDS.fullmatch(text):
            self._problem(node, where, msg("thousands_separator", value=show(text), fixed=text.replace(",", "")))
            return None
        if plain and tag == _T + "str" and len(text) <= _MAX_NUMBER_TEXT and _NUMBERS_FULLWIDTH_COMMA.fullmatch(text):
            fixed = ", ".join(part.strip() for part in text.split("，"))
            self._problem(node, where, msg("fullwidth_comma", value=show(text), fixed=show(fixed)))
            return None
        if plain and tag == _T + "str" and len(text) <= _MAX_NUMBER_TEXT and _OCTAL_12.fullmatch(text):
            self._problem(node, where, msg("yaml11_octal_text", value=show(text), number=int(text, 8)))
            return None
        if tag in (_INT, _FLOAT):
            return self._number(node, where, text, plain)
        if tag == _T + "bool":
            try:
                return self._scalars.construct_yaml_bool(node)
            except Exception:  # an explicit tag on a value that is not of that type, e.g. `!!bool "abc"`
                self._problem(node, where, msg("tagged_value_unreadable", value=show(text), kind=msg("kind_boolean")))
                return None
        if tag == _T + "null":
            return None
        # Timestamps stay text: dates are validated where a date is expected.
        return text

    def _number(self, node: ScalarNode, where: Path_, text: str, plain: bool) -> Any:
        """An int or float scalar, unless YAML 1.1 would read it as something other than what it looks like."""
        tag = node.tag
        read = self._scalars.construct_yaml_int if tag == _INT else self._scalars.construct_yaml_float
        other_base = next(((name, p) for name, p in _OTHER_BASE.values() if p.fullmatch(text)), None)
        sexagesimal = _SEXAGESIMAL.fullmatch(text)
        if not (other_base or sexagesimal):
            # Checked before converting: int() refuses past 4,300 digits, and the message must not print them all.
            digits = sum(c.isdigit() for c in re.split(r"[.eE]", text, maxsplit=1)[0])
            if digits > MAX_DIGITS:
                self._problem(node, where, msg("number_too_many_digits", value=show(text), digits=digits, max=MAX_DIGITS))
                return None
        if len(text) > _MAX_NUMBER_TEXT:
            self._problem(node, where, msg("number_too_long", value=show(text), length=len(text), max=MAX_DIGITS))
            return None
        if plain and sexagesimal:
            value = read(node)
            self._problem(node, where, msg("yaml11_sexagesimal", value=show(text), number=value))
            return None
        if plain and tag == _INT and _OCTAL.fullmatch(text):
            self._problem(node, where, msg("yaml11_octal", value=show(text), number=read(node)))
            return None
        if plain and tag == _INT and other_base:
            value = read(node)
            self._problem(node, where, msg(other_base[0], value=show(text), number=value))
            return None
        if plain and "_" in text:
            value = read(node)
            self._problem(node, where, msg("yaml11_underscore", value=show(text), number=value))
            return None
        try:
            value = read(node)
        except Exception:  # an explicit tag on a value that is not of that type, e.g. `!!float abc`
            self._problem(node, where, msg("tagged_value_unreadable", value=show(text),
                                                   kind=msg("kind_whole_number" if tag == _INT else "kind_number")))
            return None
        # e.g. 1.0e+308, or 1.0e+999 (inf); a written .inf or .nan is refused where a number is expected
        if abs(value) >= MAX_NUMBER if math.isfinite(value) else not _INF_NAN.fullmatch(text):
            self._problem(node, where, msg("number_too_large", value=show(text), max=MAX_NUMBER))
            return None
        return value
