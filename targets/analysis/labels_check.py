"""validate's warning for text a spreadsheet would run: labels that start with = + - @, a tab or a CR.

An indicator name, a county's English name, a source title or a quote such as `=HYPERLINK(...)` or
`+cmd|' /C calc'!A0` is accepted by the models (it is text), and the downloads write it inert
(analysis/export.py). It is still almost surely a mistake or a hostile edit, so `validate` names each one,
with its file, line and key path. Warnings only: the data still loads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from targets.analysis.export import risky
from targets.core.errors import Problem
from targets.core.messages import msg
from targets.core.quote import dotted, show, shown
from targets.inputs.load import data_paths, read_input, resolve_config
from targets.inputs.yamlsafe import read_yaml


def _texts(value: Any, where: tuple = ()):
    """(key path, text) of every string in parsed YAML, mapping keys included (a county row's name is a key)."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for k, v in value.items():
            if isinstance(k, str):
                yield (*where, k), k
            yield from _texts(v, (*where, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, (*where, i))


def formula_labels(config_path: str | Path | None = None) -> list[Problem]:
    """Every formula-looking text in config.yaml and the data files it names, in reading order."""
    config = resolve_config(config_path)
    found: list[Problem] = []
    for path in [config, *data_paths(config)]:
        parsed, _ = read_yaml(path, shown(path), source=read_input(path, config))
        if parsed is None:
            continue
        for where, text in _texts(parsed.data):
            if risky(text):
                line, col = parsed.locate(where)
                found.append(Problem(parsed.file, line, col, dotted(where), msg("formula_label", value=show(text, 40))))
    return sorted(set(found))
