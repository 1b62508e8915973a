"""Validate what is valid: drop the parts a model refuses, so the rest can still be checked in the same run.

A refused list item (a county, an indicator, a report value) is removed; a refused cell becomes null. The names the
removed items defined are "broken": a later message about a reference to one of them would only repeat the
first problem, so it is left out. Key paths found on the pruned data are mapped back to the file's own indices.
"""

from __future__ import annotations

import copy
import typing
from collections.abc import Iterable

from pydantic import BaseModel, ValidationError

from targets.core.messages import Msg
from targets.core.quote import show

POSITIONAL = {"columns"}  # lists whose items other parts refer to by position
MAX_ROUNDS = 50  # each round drops every refused part found; nesting rarely needs more than a few


class Salvage:
    """The file's data with its refused parts dropped, and where each kept list item came from."""

    def __init__(self, data: typing.Any, broken: Iterable[str] = ()) -> None:
        self.work = copy.deepcopy(data)
        self.origin: dict[int, list[int]] = {}  # id(list in work) -> the file's index of each item kept
        self.broken: set[str] = set(broken)
        self.dropped = False  # whether a list item (a table, a value) is gone: checks of what it held would misfire

    def validate(self, model: type[BaseModel]) -> BaseModel | None:
        """The model of what is left once every refused part is dropped; None when nothing sensible is left."""
        for _ in range(MAX_ROUNDS):
            try:
                return model.model_validate(self.work)
            except ValidationError as exc:
                locs = [tuple(x for x in e["loc"] if x != "[key]") for e in exc.errors(include_url=False)]
                if not self.drop(locs, model):
                    return None
            except Exception:  # noqa: BLE001 - a validator surprised by partial data: nothing to salvage
                return None
        return None

    def drop(self, locs: Iterable[tuple], model: type[BaseModel] | None = None) -> bool:
        """Drop the part each key path points into; False when one cannot be dropped (a required top-level key)."""
        targets: dict[tuple[int, object], tuple[object, object, str]] = {}
        for loc in locs:
            t = self._target(loc, model)
            if t is None:
                return False
            targets[(id(t[0]), t[1])] = t
        # delete the later items of a list first, so the earlier indices stay right
        for container, key, how in sorted(targets.values(), key=lambda t: -t[1] if isinstance(t[1], int) else 0):
            if how == "null":
                container[key] = None
            elif isinstance(container, list):
                self.dropped = True
                self._names(container[key])
                keep = self.origin.get(id(container), list(range(len(container))))
                del keep[key]
                self.origin[id(container)] = keep
                del container[key]
            else:
                self.dropped = True
                container.pop(key, None)
        return bool(targets)

    def _target(self, loc: tuple, model: type[BaseModel] | None) -> tuple[object, object, str] | None:
        chain: list[tuple[object, object]] = []  # (container, key) of each node on loc that exists
        node = self.work
        for part in loc:
            if isinstance(node, dict) and part in node:
                chain.append((node, part))
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                chain.append((node, part))
                node = node[part]
            else:
                break
        for j in range(len(chain) - 2):
            if chain[j][1] == "rows" and isinstance(chain[j + 2][0], list):  # a refused cell: null keeps the row's length
                cells, i = chain[j + 2]
                if cells[i] is not None:
                    return cells, i, "null"
        for depth in range(len(chain) - 1, -1, -1):
            container, key = chain[depth]
            # a column is matched to the rows' cells by position: drop its whole table, or every row would misfit
            if isinstance(container, list) and not (depth and chain[depth - 1][1] in POSITIONAL):
                return container, key, "drop"
        if chain and model is not None:
            field = model.model_fields.get(chain[0][1]) if isinstance(chain[0][1], str) else None
            if field is None or not field.is_required():  # an unknown or optional top-level key
                return chain[0][0], chain[0][1], "drop"
        return None

    def _names(self, item: object) -> None:
        if isinstance(item, dict):
            for key in ("id", "name"):
                if isinstance(item.get(key), str):
                    self.broken.add(item[key])
            aliases = item.get("aliases")
            if isinstance(aliases, list):
                self.broken.update(a for a in aliases if isinstance(a, str))

    def original(self, where: tuple) -> tuple:
        """`where` on the pruned data, as a key path of the file."""
        out, node = [], self.work
        for i, part in enumerate(where):
            if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                keep = self.origin.get(id(node))
                out.append(keep[part] if keep else part)
                node = node[part]
            elif isinstance(node, dict) and part in node:
                out.append(part)
                node = node[part]
            else:
                return (*out, *where[i:])
        return tuple(out)


ABSENT = {"check_column_gone", "nothing_to_sum", "no_such_total"}  # what a dropped table's absence would cause


def follows(message: Msg, broken: set[str], dropped: bool = False) -> bool:
    """Whether the message is about a reference to a broken definition (so it would only repeat that problem)."""
    if dropped and message.code in ABSENT:
        return True
    if not broken:
        return False
    names = broken | {show(b) for b in broken}
    return any(isinstance(v, str) and v in names for _, v in message.fields)
