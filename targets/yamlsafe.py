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

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .bounded_read import FileRead, read_file
from .errors import Problem, show

MAX_BYTES = 2 * 1024 * 1024  # the shipped files are a few KiB; 2 MiB leaves room for national scale per file
MAX_PROBLEMS = 100  # per file: past this, more lines only slow the report down and bury the first fix

Path_ = tuple[str | int, ...]

_T = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_T + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")
_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_OCTAL_12 = re.compile(r"[-+]?0o[0-7]+")  # YAML 1.2's octal, which 1.1 reads as text
_OTHER_BASE = {"x": ("hexadecimal", re.compile(r"[-+]?0x[0-9a-fA-F_]+")), "b": ("binary", re.compile(r"[-+]?0b[01_]+"))}
_INT, _FLOAT = _T + "int", _T + "float"
_PLAIN_DECIMAL = re.compile(r"-?[0-9]+\.[0-9]*")  # what YAML 1.1 and float() read alike
_FAST_DECIMAL_LEN = 15  # a plain decimal this short is below 1e14: no size check needed
MAX_DIGITS = 15  # digits before the decimal point: past this a value is a typo, and float loses whole units
MAX_NUMBER = 10.0 ** MAX_DIGITS
_MAX_NUMBER_TEXT = 40  # characters: past this a number is refused before it is converted or printed
_INF_NAN = re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_EXP_AS_TEXT = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)[eE][-+]?[0-9]+")


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


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_yaml(path: Path, shown_as: str, source: FileRead | None = None,
              inside: Path | None = None) -> tuple[Parsed | None, list[Problem]]:
    """Parse `path` (or the bytes already read in `source`); return the data with positions, or None and every problem.

    `inside`: the project folder a data file must resolve into (see bounded_read).
    """

    def problem(line: int, col: int, msg: str, where: Path_ = ()) -> Problem:
        return Problem(shown_as, line, col, dotted(where), msg)

    if source is None:
        source = read_file(path, limit=MAX_BYTES, inside=inside)
    if source.data is None:
        return None, [problem(1, 1, source.refusal or "cannot read the file")]
    raw = source.data
    if len(raw) > MAX_BYTES:  # bytes read elsewhere, under another limit
        return None, [problem(1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}: split it into several data files")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = "it looks like GBK (a Windows editor's default)" if _decodes_as_gbk(raw) else "it is not text in UTF-8"
        return None, [problem(line, col, f"not UTF-8: byte 0x{raw[exc.start]:02X} cannot be read; {hint}. Save the file as UTF-8")]
    if not text.strip() or all(ln.strip().startswith("#") or not ln.strip() for ln in text.splitlines()):
        return None, [problem(1, 1, "file is empty; expected a mapping of keys (see config.yaml's comments)")]

    try:
        try:
            problems, node = _compose(text, _LOADER, problem)
        except yaml.YAMLError:
            if _LOADER is yaml.SafeLoader:
                raise
            # The same error again from the pure-Python parser, whose messages say more.
            problems, node = _compose(text, yaml.SafeLoader, problem)
        if problems:
            return None, problems
    except RecursionError:
        return None, [problem(1, 1, "lists or mappings are nested too deeply; no data file needs more than a few levels")]
    except yaml.MarkedYAMLError as exc:
        m = exc.problem_mark or exc.context_mark
        line, col = (m.line + 1, m.column + 1) if m else (1, 1)
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        return None, [problem(line, col, f"YAML syntax error: {what}; check indentation, colons and quotes")]
    except yaml.reader.ReaderError as exc:  # a control character, often invisible
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return None, [problem(line, col, f"character #x{exc.character:04X} is not allowed in YAML ({exc.reason}); "
                                         "delete it (it may be invisible: retype the line)")]
    except yaml.YAMLError as exc:
        return None, [problem(1, 1, f"YAML error: {' '.join(str(exc).split())}")]
    if node is None:
        return None, [problem(1, 1, "file is empty; expected a mapping of keys")]

    builder = _Builder(shown_as)
    try:
        data = builder.build(node, ())
    except _TooMany as stop:
        builder.problems.append(_too_many(shown_as, *stop.args))
    except RecursionError:
        return None, [problem(1, 1, "lists or mappings are nested too deeply; no data file needs more than a few levels")]
    if builder.problems:
        return None, builder.problems
    return Parsed(shown_as, data, node), []


def _compose(text: str, loader, problem) -> tuple[list[Problem], Node | None]:
    """Refuse aliases (before anything can expand), then compose the node tree."""
    problems: list[Problem] = []
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            m = event.start_mark
            problems.append(problem(m.line + 1, m.column + 1, f"alias '*{event.anchor}' is not allowed; write the value out in full"))
            if len(problems) >= MAX_PROBLEMS:
                problems.append(_too_many(problems[0].file, m.line + 1, m.column + 1))
                break
    if problems:
        return problems, None
    return [], yaml.compose(text, Loader=loader)


class _TooMany(Exception):
    """Raised inside the builder once a file has MAX_PROBLEMS problems."""


def _too_many(file: str, line: int, col: int) -> Problem:
    return Problem(file, line, col, "", f"more than {MAX_PROBLEMS} problems in this file; fix these first, then run again")


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

    def _problem(self, node: Node, where: Path_, msg: str) -> None:
        m = node.start_mark
        self.problems.append(Problem(self.file, m.line + 1, m.column + 1, dotted(where), msg))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooMany(m.line + 1, m.column + 1)

    def build(self, node: Node, where: Path_) -> Any:
        if node.tag not in _ALLOWED_TAGS:
            self._problem(node, where, f"tag '{node.tag}' is not allowed; remove it (only plain values, lists and mappings)")
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, where)
        if isinstance(node, SequenceNode):
            return [self.build(child, where + (i,)) for i, child in enumerate(node.value)]
        return self._scalar(node, where)

    def _mapping(self, node: MappingNode, where: Path_) -> dict:
        out: dict = {}
        first_line: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node, where, "a key must be plain text, not a list or mapping")
                continue
            before = len(self.problems)
            key = self._scalar(key_node, where)
            if len(self.problems) > before:  # already reported (e.g. `yes:` read as a boolean)
                continue
            if isinstance(key, (list, dict)) or key is None:
                self._problem(key_node, where, f"key {show(key)} is not usable; write a plain name")
                continue
            key = str(key) if not isinstance(key, (int, str)) else key
            line = key_node.start_mark.line + 1
            if key in out:
                self._problem(key_node, where + (key,),
                              f"duplicate key {show(key)}: first on line {first_line[key]}, again on line {line}; keep only one")
                continue
            first_line[key] = line
            out[key] = self.build(value_node, where + (key,))
        return out

    def _scalar(self, node: ScalarNode, where: Path_) -> Any:
        text = node.value
        plain = not node.style  # None from PyYAML's parser, '' from libyaml's
        tag = node.tag
        # Fast path for the plain decimals that fill the tables (national scale: ~850k of them).
        if tag == _FLOAT and len(text) <= _FAST_DECIMAL_LEN and _PLAIN_DECIMAL.fullmatch(text):
            return float(text)
        if plain and tag == _T + "bool" and text.lower() not in ("true", "false"):
            self._problem(node, where, f"{show(text)} is read by YAML 1.1 as the boolean {text.lower() in ('yes', 'on', 'y')}; "
                                       "write true/false, or quote it if you mean the text")
            return None
        if plain and tag == _T + "str" and _EXP_AS_TEXT.fullmatch(text):
            self._problem(node, where, f"{show(text)} is read by YAML 1.1 as text, not a number; "
                                       "write it out in full (e.g. 1000) or with a dot and sign (1.0e+3)")
            return None
        if plain and tag == _T + "str" and len(text) <= _MAX_NUMBER_TEXT and _OCTAL_12.fullmatch(text):
            self._problem(node, where, f"{show(text)} is read by YAML 1.1 as text, not the octal number {int(text, 8)}; "
                                       f"write the number in decimal ({int(text, 8)}), or quote it if it is a code")
            return None
        if tag in (_INT, _FLOAT):
            return self._number(node, where, text, plain)
        if tag == _T + "bool":
            try:
                return self._scalars.construct_yaml_bool(node)
            except Exception:  # an explicit tag on a value that is not of that type, e.g. `!!bool "abc"`
                self._problem(node, where, f"{show(text)} cannot be read as bool; remove the '!!' tag")
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
                self._problem(node, where, f"{show(text)} has {digits:,} digits before the decimal point; "
                                           f"a number has at most {MAX_DIGITS}: check it for a typo")
                return None
        if len(text) > _MAX_NUMBER_TEXT:
            self._problem(node, where, f"{show(text)} is {len(text):,} characters long; "
                                       f"a number has at most {MAX_DIGITS} digits before the decimal point: check it for a typo")
            return None
        if plain and sexagesimal:
            value = read(node)
            self._problem(node, where, f"{show(text)} is read by YAML 1.1 as a base-60 number ({value}); "
                                       f"write {value} if you mean that number, or quote it if you mean a ratio or a time")
            return None
        if plain and tag == _INT and _OCTAL.fullmatch(text):
            self._problem(node, where, f"{show(text)} is read by YAML 1.1 as the octal number {read(node)}; "
                                       "remove the leading zero, or quote it if it is a code")
            return None
        if plain and tag == _INT and other_base:
            value = read(node)
            self._problem(node, where, f"{show(text)} is read by YAML 1.1 as the {other_base[0]} number {value}; "
                                       f"write the number in decimal ({value}), or quote it if it is a code")
            return None
        if plain and "_" in text:
            value = read(node)
            self._problem(node, where, f"{show(text)} is read by YAML 1.1 as {value} (it drops the underscores); "
                                       f"write the number without underscores ({value}), or quote it if it is text")
            return None
        try:
            value = read(node)
        except Exception:  # an explicit tag on a value that is not of that type, e.g. `!!float abc`
            self._problem(node, where, f"{show(text)} cannot be read as {tag.rsplit(':', 1)[-1]}; remove the '!!' tag")
            return None
        # e.g. 1.0e+308, or 1.0e+999 (inf); a written .inf or .nan is refused where a number is expected
        if abs(value) >= MAX_NUMBER if math.isfinite(value) else not _INF_NAN.fullmatch(text):
            self._problem(node, where, f"{show(text)} is too large; a number must be below {MAX_NUMBER:g}: check it for a typo")
            return None
        return value
