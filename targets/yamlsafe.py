"""Read one YAML file safely, keeping where every value came from.

PyYAML's own loaders are unsafe for analysts' files in quiet ways: a duplicate
key silently keeps the last value, YAML 1.1 reads `yes` as true, `1:20` as 80,
`010` as 8 and `1e3` as text, and aliases can expand without bound. We compose
the node tree with SafeLoader and build values ourselves so each of those
becomes a located Problem instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem, show

MAX_BYTES = 2 * 1024 * 1024  # the shipped files are a few KiB; 2 MiB leaves room for national scale per file
MAX_PROBLEMS = 100  # per file: past this, more lines only slow the report down and bury the first fix

Path_ = tuple[str | int, ...]

_T = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_T + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")
_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_FLOAT = _T + "float"
_PLAIN_DECIMAL = re.compile(r"-?[0-9]+\.[0-9]*")  # what YAML 1.1 and float() read alike
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


def read_yaml(path: Path, shown_as: str) -> tuple[Parsed | None, list[Problem]]:
    """Parse `path`; return the data with positions, or None and every problem found."""

    def problem(line: int, col: int, msg: str, where: Path_ = ()) -> Problem:
        return Problem(shown_as, line, col, dotted(where), msg)

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [problem(1, 1, "file not found; check the path in config.yaml")]
    except OSError as exc:
        return None, [problem(1, 1, f"cannot read the file ({exc.strerror})")]
    except ValueError:  # e.g. a NUL character in a path written in config.yaml
        return None, [problem(1, 1, "the file name is not usable (it contains a NUL character); check the path in config.yaml")]
    if len(raw) > MAX_BYTES:
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
        if tag == _FLOAT and _PLAIN_DECIMAL.fullmatch(text):
            return float(text)
        if plain and tag == _T + "bool" and text.lower() not in ("true", "false"):
            self._problem(node, where, f"'{text}' is read by YAML 1.1 as the boolean {text.lower() in ('yes', 'on', 'y')}; "
                                       "write true/false, or quote it if you mean the text")
            return None
        if plain and tag in (_T + "int", _T + "float") and _SEXAGESIMAL.fullmatch(text):
            self._problem(node, where, f"'{text}' is read by YAML 1.1 as a base-60 number "
                                       f"({self._scalars.construct_yaml_int(node) if tag == _T + 'int' else self._scalars.construct_yaml_float(node)}); "
                                       "quote it if you mean a ratio or a time")
            return None
        if plain and tag == _T + "int" and _OCTAL.fullmatch(text):
            self._problem(node, where, f"'{text}' is read by YAML 1.1 as the octal number {self._scalars.construct_yaml_int(node)}; "
                                       "remove the leading zero, or quote it if it is a code")
            return None
        if plain and tag == _T + "str" and _EXP_AS_TEXT.fullmatch(text):
            self._problem(node, where, f"'{text}' is read by YAML 1.1 as text, not a number; "
                                       "write it out in full (e.g. 1000) or with a dot and sign (1.0e+3)")
            return None
        construct = {_T + "int": self._scalars.construct_yaml_int, _T + "float": self._scalars.construct_yaml_float,
                     _T + "bool": self._scalars.construct_yaml_bool}.get(tag)
        if construct is not None:
            try:
                return construct(node)
            except Exception:  # an explicit tag on a value that is not of that type, e.g. `!!float abc`
                self._problem(node, where, f"'{text}' cannot be read as {tag.rsplit(':', 1)[-1]}; remove the '!!' tag")
                return None
        if tag == _T + "null":
            return None
        # Timestamps stay text: dates are validated where a date is expected.
        return text
