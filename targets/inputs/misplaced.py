"""Keys YAML read without complaint, but at a depth the files' models do not expect.

Indented one level too deep, a key becomes part of the block above it
(`stated_total:` under `rows:` reads as a county); one level too shallow, it
leaves its block (`兴县:` under a table instead of under `rows:`). The value
errors pydantic then reports ("expected a list", "unknown key") name the
symptom; here the model is walked to name the cause: which key sits at the
wrong depth, where it belongs, and how far to indent it.
"""

from __future__ import annotations

import typing

from pydantic import BaseModel
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from targets.core.quote import show
from targets.core.messages import KEY_CUTOFF, Msg, msg, near, spaces

Annotation = typing.Callable[[tuple], typing.Any]  # the type the model expects at a key path (unwrapped), or None


def explain(root: Node, loc: tuple, kind: str, expected: Annotation) -> tuple[tuple, int, int, Msg] | None:
    """(the misplaced key's path, its line, its column, the message), or None when the error is not about depth."""
    return _inside(root, loc, expected) or (_under(root, loc, expected) if kind == "extra_forbidden" else None)


def _inside(root: Node, loc: tuple, expected: Annotation):
    """A key of the level above, written inside one of its neighbours (indented too deep)."""
    for j in range(1, len(loc)):
        key, parent = loc[j], loc[j - 1]
        if not (isinstance(key, str) and isinstance(parent, str)):
            continue
        above, here = expected(loc[: j - 1]), expected(loc[:j])
        if _has_field(above, key) and not _has_field(here, key):
            parent_key = _key_node(root, loc[:j])
            node = _key_node(root, loc[: j + 1])
            if parent_key is None or node is None:
                continue
            m, p = node.start_mark, parent_key.start_mark
            return loc[: j + 1], m.line + 1, m.column + 1, msg(
                "misplaced_inside", key=show(key), parent=show(parent), line=p.line + 1, indent=spaces(p.column))
    return None


def _under(root: Node, loc: tuple, expected: Annotation):
    """An unknown key right after a block whose contents it fits (indented too shallow)."""
    mapping = _value_node(root, loc[:-1])
    key = loc[-1]
    if not isinstance(mapping, MappingNode):
        return None
    keys = [k for k, _ in mapping.value]
    at = next((n for n, k in enumerate(keys) if isinstance(k, ScalarNode) and k.value == str(key)), None)
    if not at:
        return None
    here = expected(loc[:-1])
    if isinstance(here, type) and issubclass(here, BaseModel) and near(key, here.model_fields, KEY_CUTOFF):
        return None  # a misspelt key of this level, not a misplaced one
    for before, value in reversed(mapping.value[:at]):  # the block it left, past keys that left it too
        if _is_block(value) and _fits_under(expected(loc[:-1] + (before.value,)), key, mapping.value[at][1]):
            break
        if _has_field(here, before.value):  # a key that belongs here: the block ended before it
            return None
    else:
        return None
    m = keys[at].start_mark
    return loc, m.line + 1, m.column + 1, msg("misplaced_under", key=show(key), parent=show(before.value),
                                             line=before.start_mark.line + 1, indent=spaces(_child_column(before, value)))


def _has_field(tp: typing.Any, key: str) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel) and key in tp.model_fields


def _fits_under(tp: typing.Any, key: str, value: Node) -> bool:
    """Whether `key` may be written inside a value of type tp: a field of it, a free key of a mapping whose
    values look like `value` (a row's list of cells), or a field of the items of a list."""
    if typing.get_origin(tp) is dict:
        args = typing.get_args(tp)
        return len(args) == 2 and _same_shape(args[1], value)
    if typing.get_origin(tp) is list:
        args = typing.get_args(tp)
        return bool(args) and _has_field(args[0], key)
    return _has_field(tp, key)


def _same_shape(tp: typing.Any, node: Node) -> bool:
    origin = typing.get_origin(typing.get_args(tp)[0] if typing.get_origin(tp) is typing.Annotated else tp)
    if origin is list:
        return isinstance(node, SequenceNode)
    if origin is dict or (isinstance(tp, type) and issubclass(tp, BaseModel)):
        return isinstance(node, MappingNode)
    return isinstance(node, ScalarNode)


def _is_block(node: Node) -> bool:
    """A value written on the lines below its key (not [..] or {..}), or nothing at all."""
    if isinstance(node, ScalarNode):
        return node.value == "" and not node.style
    return not node.flow_style


def _child_column(key: ScalarNode, value: Node) -> int:
    """The indentation of the lines under `key`: those already written, else two more than the key."""
    if isinstance(value, MappingNode) and value.value:
        return value.value[0][0].start_mark.column
    if isinstance(value, SequenceNode) and value.value:
        last = value.value[-1]
        if isinstance(last, MappingNode) and last.value:
            return last.value[0][0].start_mark.column
        return last.start_mark.column
    return key.start_mark.column + 2


def _value_node(root: Node, path: tuple) -> Node | None:
    node: Node | None = root
    for part in path:
        node = _child(node, part)[1] if node is not None else None
    return node


def _key_node(root: Node, path: tuple) -> Node | None:
    parent = _value_node(root, path[:-1])
    return _child(parent, path[-1])[0] if parent is not None and path else None


def _child(node: Node, part) -> tuple[Node | None, Node | None]:
    if isinstance(node, MappingNode):
        return next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(part)), (None, None))
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None, None
