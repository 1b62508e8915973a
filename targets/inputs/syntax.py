"""Plain words for a file YAML cannot read: which key sits at the wrong depth, a tab, a colon, a bracket, a quote.

The parser's own words ("mapping values are not allowed here", "expected
<block end>, but found '?'") name its internals, not the fix, and often point
at the line after the mistake. So the text is repaired instead: one line at a
time, each line near the error is re-indented like its neighbours (or given
the space or colon it lacks) and parsed again; the repair that lets the parser
read furthest is the mistake, reported with the key it moves and the line it
lines up with. Repairs are kept and the search goes on, so several mistakes in
one file are all reported. Past REPAIR_LIMIT characters only the plain reading
of the parser's error is given (each repair parses the file again).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from targets.core.errors import Problem
from targets.core.quote import dotted, show
from targets.core.messages import msg, spaces

REPAIR_LIMIT = 256 * 1024  # characters: the shipped files are a few KiB
MAX_ROUNDS = 10  # mistakes reported per file before the analyst is asked to run again
_BEFORE = 3  # content lines above the parser's error line that may hold the mistake
_MARKERS = ("---", "...")  # document start and end: never a misplaced key

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Fits = Callable[[Any], int]
_KEY = re.compile(r"""(?P<lead>(?:- +)*)(?P<key>[^\s\-#'"{\[][^:#]*?|"[^"]*"|'[^']*')\s*:(?:\s|$)""")
_GLUED = re.compile(r"""(?P<lead>(?:- +)*)(?P<key>[^\s\-#'"{\[:][^:#\s]*):(?P<rest>[^\s:/].*)""")
_WORD = re.compile(r"""(?P<lead>(?:- +)*)(?P<key>[^\s\-#'"{\[:,][^:#,]*)""")


@dataclass(frozen=True)
class _Line:
    indent: int  # spaces before the first character
    keycol: int  # column of the first key (after any "- "), or of the first character
    key: str | None  # the key written on the line, if any
    item: bool  # the line starts a list item ("- ")
    content: bool  # not blank, not only a comment


def _read(text: str) -> _Line:
    stripped = text.lstrip(" ")
    indent = len(text) - len(stripped)
    if not stripped.strip() or stripped.startswith("#"):
        return _Line(indent, indent, None, False, False)
    m = _KEY.match(stripped)
    lead = len(m["lead"]) if m else len(re.match(r"(?:- +)*", stripped)[0])
    key = m["key"].strip().strip("'\"") if m else None
    return _Line(indent, indent + lead, key, stripped.startswith("- ") or stripped == "-", True)


def _error(lines: list[str]) -> yaml.MarkedYAMLError | None:
    try:
        yaml.compose("\n".join(lines), Loader=_LOADER)  # one document, read whole: what yamlsafe needs
    except yaml.MarkedYAMLError as exc:
        return exc
    except yaml.YAMLError:
        return None  # not a place in the text (never seen); the plain reading stands
    return None


def _line_of(exc: yaml.MarkedYAMLError) -> tuple[int, int]:
    m = exc.problem_mark or exc.context_mark
    return (m.line, m.column) if m else (0, 0)


def explain(text: str, exc: yaml.MarkedYAMLError, file: str, fits: Fits | None = None) -> list[Problem]:
    """Every problem found while repairing `text` (which failed with `exc`), each located and in plain words.

    `fits(values)`: how many problems the file's model finds in values (fewer: a likelier repair).
    """
    lines = text.splitlines()
    tabs = [i for i, ln in enumerate(lines) if "\t" in ln[: len(ln) - len(ln.lstrip(" \t"))]]
    if tabs:  # certain, and they confuse every other reading: report them alone
        return [Problem(file, i + 1, lines[i].index("\t") + 1, "", msg("tab_indent")) for i in tabs[:MAX_ROUNDS]]
    found: list[tuple] = []  # (line, column, index of the line whose key path to give, message)
    for _ in range(MAX_ROUNDS):
        problem, repaired = _diagnose(lines, exc, len(text) <= REPAIR_LIMIT, fits)
        found.append(problem)
        if repaired is None:
            break
        lines = repaired
        if (exc := _error(lines)) is None:
            break
    # Key paths come from the text with every repair made, when it then reads (a key's path needs the whole file).
    return [Problem(file, line, col, _path_of(lines, at) if at is not None and exc is None else "", message)
            for line, col, at, message in found]


def _diagnose(lines: list[str], exc: yaml.MarkedYAMLError, search: bool,
              fits: Fits | None) -> tuple[tuple, list[str] | None]:
    if search and (best := _best_repair(lines, exc, fits)) is not None:
        return best
    return _plain(lines, exc), None


# ---- repairs -------------------------------------------------------------------------------------------


def _best_repair(lines: list[str], exc: yaml.MarkedYAMLError, fits: Fits | None) -> tuple[tuple, list[str]] | None:
    at, _ = _line_of(exc)
    info = [_read(ln) for ln in lines]
    content = [i for i, x in enumerate(info) if x.content]
    before = [i for i in content if i <= at and lines[i].strip() not in _MARKERS][-(_BEFORE + 1):]
    # A quote left open runs on to wherever the parser gives up: every open quote above is a suspect.
    before = sorted(set(before) | {i for i in content if i < at and _open_quote(lines[i]) is not None})
    indents = sorted({x.indent for x in info if x.content} | {x.keycol for x in info if x.content})
    found = []  # (how far the parser reads once repaired, line, kind, repaired lines)
    for i in reversed(before):
        for kind, fixed in _candidates(lines, info, indents, i):
            err = _error(fixed)
            reach = len(lines) + 1 if err is None else _line_of(err)[0]
            if reach > at:  # else: no further than before, not the mistake
                found.append((reach, i, kind, fixed))
    if not found:
        return None
    furthest = max(f[0] for f in found)
    found = [f for f in found if f[0] == furthest]

    def rank(f) -> tuple:
        # Of repairs that read as far: the one whose values fit the file's model best (YAML alone cannot
        # tell a key one level too shallow from a new key of the level above), then the error's own line,
        # then the smallest move.
        _, i, kind, fixed = f
        misfits = fits(_values(fixed)) if fits is not None and len(found) > 1 else 0
        return (-misfits, i == at, -abs(at - i), -abs(_read(fixed[i]).indent - info[i].indent))

    _, i, kind, fixed = max(found, key=rank)
    return _describe(lines, info, i, kind, fixed), fixed


def _values(lines: list[str]):
    """The values of repaired text, only to see how well they fit the model (the file itself is read by yamlsafe)."""
    try:
        return yaml.load("\n".join(lines), Loader=_LOADER)
    except yaml.YAMLError:
        return None


def _candidates(lines: list[str], info: list[_Line], indents: list[int], i: int):
    """(kind of repair, the lines with line i repaired), for each repair worth trying on line i."""
    x = info[i]
    body = lines[i].lstrip(" ")
    tried = set(indents) | ({k - 2 for k in indents if k >= 2} if x.item else set())
    for n in sorted(tried - {x.indent}):
        yield "indent", lines[:i] + [" " * n + body] + lines[i + 1:]
    if m := _GLUED.fullmatch(body):  # key:value with no space after the colon
        yield "space", lines[:i] + [" " * x.indent + f"{m['lead']}{m['key']}: {m['rest']}"] + lines[i + 1:]
    if x.key is None and "：" in body:  # a full-width colon: before the plain "missing colon", which it also fits
        yield "fullwidth_colon", lines[:i] + [lines[i].replace("：", ": ", 1)] + lines[i + 1:]
    if x.key is None and (m := _WORD.fullmatch(body.rstrip())):  # a key without its colon
        yield "colon", lines[:i] + [lines[i].rstrip() + ":"] + lines[i + 1:]
    if (opened := _open_quote(lines[i])) is not None:  # a quoted value not closed on its line
        yield "quote", lines[:i] + [lines[i].rstrip() + lines[i][opened]] + lines[i + 1:]


def _open_quote(line: str) -> int | None:
    """The column of a quote that opens a value and is not closed on the same line, or None."""
    m = re.match(r"""\s*(?:- +)*(?:[^\s#'"{\[][^:#]*:\s+)?(['"])""", line)
    if m is None:
        return None
    start, quote = m.start(1), m[1]
    rest = line[start + 1:].replace(quote * 2, "") if quote == "'" else re.sub(r'\\.', "", line[start + 1:])
    return None if quote in rest else start


def _describe(lines: list[str], info: list[_Line], i: int, kind: str, fixed: list[str]) -> tuple:
    x = info[i]
    word = _WORD.match(lines[i].lstrip(" "))
    label = x.key or (word["key"].strip() if word else lines[i].strip())
    if kind == "space":
        m = _GLUED.fullmatch(lines[i].lstrip(" "))
        return i + 1, x.keycol + len(m["key"]) + 1, i, msg("colon_needs_space", key=show(m["key"]),
                                                               fixed=show(f"{m['key']}: {m['rest']}", 40))
    if kind == "fullwidth_colon":
        col = lines[i].index("：")
        return i + 1, col + 1, i, msg("fullwidth_colon", fixed=show(fixed[i].strip(), 40))
    if kind == "colon":
        return i + 1, len(lines[i].rstrip()) + 1, i, msg("key_needs_colon", key=show(label), fixed=show(label + ":"))
    if kind == "quote":
        opened = _open_quote(lines[i])
        return i + 1, opened + 1, i, msg("quote_unclosed", quote=lines[i][opened])
    what = msg("what_item", item=show(lines[i].strip(), 30)) if x.item else msg("what_key", key=show(label))
    new = [_read(ln) for ln in fixed]
    partner = _partner(new, i)
    if partner is None:
        relation = msg("rel_none")
    elif partner[1] == "item":
        relation = msg("rel_item", line=partner[0] + 1)
    else:
        relation = msg("rel_beside" if partner[1] == "beside" else "rel_under", key=show(label),
                       other=show(new[partner[0]].key), line=partner[0] + 1)
    return i + 1, x.indent + 1, i, msg(
        "wrong_depth", what=what, indent=spaces(x.indent), should=spaces(new[i].indent), relation=relation)


def _partner(new: list[_Line], i: int) -> tuple[int, str] | None:
    """The line that line i lines up with once repaired, and how: another item of its list ("item"),
    a key beside it ("beside"), or the key it sits under ("under")."""
    y = new[i]
    if y.item:
        for j in _outward(new, i):
            if new[j].item and new[j].indent == y.indent:
                return j, "item"
    for j in _outward(new, i):
        if new[j].key and new[j].keycol == y.keycol:
            return j, "beside"
    for j in range(i - 1, -1, -1):
        if new[j].content and new[j].keycol < y.keycol and new[j].key:
            return j, "under"
    return None


def _outward(new: list[_Line], i: int):
    """Content lines of the same block as line i: first upwards, then downwards, stopping where the block ends."""
    y = new[i]
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(new):
            if new[j].content:
                if new[j].keycol < y.keycol and not (new[j].item and new[j].indent >= y.indent):
                    break
                yield j
            j += step


def _path_of(lines: list[str], i: int) -> str:
    """The key path of line i's key, when the repaired text composes (else no path)."""

    try:
        root = yaml.compose("\n".join(lines), Loader=_LOADER)
    except yaml.YAMLError:
        return ""

    def walk(node, path):
        if node.start_mark.line == i and path and isinstance(path[-1], int):  # a list item starts on line i
            return path
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.start_mark.line == i:
                    return path + (k.value,)
                if (found := walk(v, path + (k.value,))) is not None:
                    return found
        elif isinstance(node, yaml.SequenceNode):
            for n, v in enumerate(node.value):
                if (found := walk(v, path + (n,))) is not None:
                    return found
        return None

    found = walk(root, ()) if root is not None else None
    return dotted(found) if found else ""


# ---- the parser's error, read in plain words (when no repair explains it) -------------------------------


def _plain(lines: list[str], exc: yaml.MarkedYAMLError) -> tuple:
    context, problem = exc.context or "", exc.problem or ""
    at, col = _line_of(exc)
    cm = exc.context_mark
    if "flow sequence" in context or "flow mapping" in context:
        # Inside [ ] or { }, a quote left open or a full-width ， or ： also ends in "not closed": name the real cause.
        if (found := _flow_cause(lines, cm.line, cm.column, at)) is not None:
            return found
        return cm.line + 1, cm.column + 1, None, msg("list_unclosed" if "sequence" in context else "mapping_unclosed")
    if "stream" in problem and (opened := _unclosed(lines)) is not None:  # the file ended inside [ or {
        line, column, char = opened
        return line + 1, column + 1, None, msg("list_unclosed" if char == "[" else "mapping_unclosed")
    if "quoted scalar" in context:
        quote = lines[cm.line][cm.column] if cm.line < len(lines) and cm.column < len(lines[cm.line]) else '"'
        return cm.line + 1, cm.column + 1, None, msg("quote_unclosed", quote=quote)
    if "cannot start any token" in problem:
        char = lines[at][col] if at < len(lines) and col < len(lines[at]) else "?"
        return at + 1, col + 1, None, msg("cannot_start_value", char=show(char))
    if "single document" in context:
        return at + 1, col + 1, None, msg("second_document")
    if "mapping values" in problem and at < len(lines) and (m := _KEY.match(lines[at].lstrip(" "))):
        if lines[at].index(":") < col:
            return at + 1, col + 1, None, msg("colon_in_value", key=show(m["key"].strip()))
    if "simple key" in context and cm is not None:
        return cm.line + 1, cm.column + 1, None, msg("key_without_colon")
    info = [_read(ln) for ln in lines]
    if at < len(info) and info[at].content:
        prev = next((j for j in range(at - 1, -1, -1) if info[j].content), None)
        if prev is not None and info[at].indent != info[prev].indent:
            x = info[at]
            label = x.key or lines[at].strip()
            return at + 1, x.indent + 1, None, msg("indent_unclear", key=show(label, 40), indent=spaces(x.indent),
                                                 other=show(info[prev].key or lines[prev].strip(), 40),
                                                 line=prev + 1, other_indent=spaces(info[prev].indent))
    return at + 1, col + 1, None, msg("yaml_syntax")


def _flow_cause(lines: list[str], line: int, column: int, at: int) -> tuple | None:
    """What breaks the [ ] or { } opened at (line, column), when the parser only says it is not closed:
    a quote opened and not closed on its line, or a full-width comma or colon (outside quotes)."""
    for n in range(line, min(at, len(lines) - 1) + 1):
        text = lines[n]
        quote, opened = None, None
        for c in range(column if n == line else 0, len(text)):
            ch = text[c]
            if quote:
                quote, opened = (None, None) if ch == quote else (quote, opened)
            elif ch in "'\"" and (c == 0 or text[c - 1] in " [{,:"):
                quote, opened = ch, c
            elif ch == "#" and (c == 0 or text[c - 1] == " "):
                break
            elif ch in "，：":
                return n + 1, c + 1, None, msg("fullwidth_comma_flow" if ch == "，" else "fullwidth_colon_flow")
        if quote:
            return n + 1, opened + 1, None, msg("quote_unclosed", quote=quote)
    return None


def _unclosed(lines: list[str]) -> tuple[int, int, str] | None:
    """The first '[' or '{' never closed (outside quotes and comments), as (line, column, bracket)."""
    stack: list[tuple[int, int, str]] = []
    for n, text in enumerate(lines):
        quote = None
        for c, ch in enumerate(text):
            if quote:
                quote = None if ch == quote else quote
            elif ch in "'\"" and (c == 0 or text[c - 1] in " [{,:"):
                quote = ch
            elif ch == "#" and (c == 0 or text[c - 1] == " "):
                break
            elif ch in "[{":
                stack.append((n, c, ch))
            elif ch in "]}" and stack:
                stack.pop()
    return stack[0] if stack else None
