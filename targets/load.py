"""Load config.yaml and every data file it names into one validated Project.

All problems in all files are collected and raised together as one ConfigError.
"""

from __future__ import annotations

import gc
import hashlib
import os
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ValidationError

from . import boundaries, frames, refs, yamlsafe
from .bounded_read import FileRead, read_file
from .errors import ConfigError, Problem, show
from .schema import Config, DataFile, MapSpec
from .yamlsafe import Parsed, dotted, read_yaml

CONFIG_TOO_BIG = "config.yaml holds settings only: remove what is not needed (e.g. long comments)"


@dataclass(frozen=True)
class Project:
    """One immutable snapshot of the validated inputs and the tidy frame built from them.

    The tables' cells are in `frame` only (`data[theme].tables` is emptied once the frame is built), so a
    national project does not hold its 850k cells twice.
    """

    config_path: Path
    config: Config
    data: dict[str, DataFile]
    frame: pd.DataFrame = field(repr=False)
    files: dict[str, str] = field(default_factory=dict)  # shown path -> sha256 of its bytes (or of why it was refused)

    @property
    def fingerprint(self) -> str:
        return _combine(self.files)


def shown(path: Path) -> str:
    """A path as the analyst would type it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def resolve_config(path: str | Path | None) -> Path:
    p = Path(path) if path else Path("config.yaml")
    return p / "config.yaml" if p.is_dir() else p


def _combine(hashes: dict[str, str]) -> str:
    h = hashlib.sha256()
    for name in sorted(hashes):
        h.update(name.encode() + b"\0" + hashes[name].encode() + b"\0")
    return h.hexdigest()


def read_input(path: Path, config_path: Path, deadline: float | None = None) -> FileRead:
    """Read config.yaml or one of its data files, bounded (see bounded_read).

    config.yaml is where the operator pointed the app, so only its type and size
    are checked; a data file must also resolve inside config.yaml's folder.
    """
    if path == config_path:
        return read_file(path, limit=yamlsafe.MAX_BYTES, deadline=deadline, too_big_hint=CONFIG_TOO_BIG)
    return read_file(path, limit=yamlsafe.MAX_BYTES, inside=config_path.parent, deadline=deadline)


def listed_files(config_path: Path, config: FileRead) -> list[Path]:
    """The files config.yaml names (data files, then the map's boundaries), found without validating it
    (libyaml, aliases refused); [] if unreadable. A change to any of them is a change of the data."""
    parsed, _ = read_yaml(config_path, shown(config_path), source=config)
    cfg = parsed.data if parsed is not None and isinstance(parsed.data, dict) else {}
    themes = cfg.get("themes")
    files = [config_path.parent / t["file"] for t in themes if isinstance(t, dict) and isinstance(t.get("file"), str)] \
        if isinstance(themes, list) else []
    spec = cfg.get("map")
    boundaries_file = spec.get("boundaries") if isinstance(spec, dict) else None
    if not isinstance(boundaries_file, str):
        boundaries_file = MapSpec().boundaries
    return files + [config_path.parent / boundaries_file]


def data_paths(config_path: str | Path) -> list[Path]:
    """config.yaml and the files it names, for hashing."""
    config_path = resolve_config(config_path)
    return [config_path, *listed_files(config_path, read_input(config_path, config_path))]


def combined_digest(reads: Mapping[Path, FileRead]) -> str:
    """One sha256 over every file's content (a refused or missing file counts with its reason)."""
    return _combine({str(p): r.digest for p, r in reads.items()})


def fingerprint(config_path: str | Path) -> str:
    """sha256 over the bytes of config.yaml and the data files it names (missing files count too)."""
    config_path = resolve_config(config_path)
    return combined_digest({p: read_input(p, config_path) for p in data_paths(config_path)})


def load_project(config_path: str | Path | None = None, reads: Mapping[Path, FileRead] | None = None) -> Project:
    """Validate config.yaml and its data files into one Project, or raise ConfigError with every problem.

    `reads`: files already read (by the Store, which took them once they had
    stopped changing); each is parsed from exactly those bytes. Others are read here.
    """
    config_path = resolve_config(config_path)
    # A national project builds about a million objects: the cyclic collector's full passes over them would
    # take a third of the load, and nothing built here forms a cycle worth collecting early.
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        return _load(config_path, reads)
    finally:
        if gc_was_on:
            gc.enable()


def _load(config_path: Path, reads: Mapping[Path, FileRead] | None) -> Project:
    problems: list[Problem] = []
    files: dict[str, str] = {}
    done: dict[Path, FileRead] = dict(reads or {})

    def source(p: Path) -> FileRead:
        if p not in done:
            done[p] = read_input(p, config_path)
        files[shown(p)] = done[p].digest
        return done[p]

    cfg = _validated(config_path, source(config_path), Config, problems,
                     lambda c: [*refs.config_refs(c), *_map_refs(config_path, c)])
    if cfg is None:
        raise ConfigError(problems)

    data: dict[str, DataFile] = {}
    for theme in cfg.themes:
        path = config_path.parent / theme.file
        d = _validated(path, source(path), DataFile, problems, lambda d, t=theme.id: refs.data_refs(cfg, t, d))
        if d is not None:
            data[theme.id] = d
    if problems:
        raise ConfigError(problems)
    frame = frames.build(cfg, data)
    # The tables' cells now live in the frame; the models keep everything else (sources, figures, standards…).
    data = {t: d.model_copy(update={"tables": []}) for t, d in data.items()}
    return Project(config_path=config_path, config=cfg, data=data, frame=frame, files=files)


def _map_refs(config_path: Path, cfg: Config) -> list[tuple[tuple, str]]:
    """On-map counties must name features of the boundary file; the file itself must be usable."""
    try:
        geo = boundaries.load(config_path.parent / cfg.map.boundaries)
    except boundaries.BoundaryError as err:
        return [(("map", "boundaries"), str(err))]
    return list(refs.map_refs(cfg, boundaries.adcodes(geo)))


def _validated(path: Path, read: FileRead, model: type[BaseModel], problems: list[Problem], cross) -> typing.Any:
    parsed, found = read_yaml(path, shown(path), source=read)
    problems.extend(found)
    if parsed is None:
        return None
    if not isinstance(parsed.data, dict):
        got = "nothing (an empty document)" if parsed.data is None else type(parsed.data).__name__
        problems.append(Problem(parsed.file, 1, 1, "", f"expected a mapping of keys at the top, got {got}"))
        return None
    try:
        obj = model.model_validate(parsed.data)
    except ValidationError as exc:
        problems.extend(_from_pydantic(exc, parsed, model))
        return None
    located = [_locate(parsed, where, msg) for where, msg in cross(obj)]
    problems.extend(located)
    return None if located else obj


def _locate(parsed: Parsed, where: tuple, message: str) -> Problem:
    line, col = parsed.locate(where)
    return Problem(parsed.file, line, col, dotted(where), message)


def _from_pydantic(exc: ValidationError, parsed: Parsed, model: type[BaseModel]) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(x for x in err["loc"] if x != "[key]")
        # Unions report the member type in loc (e.g. 'float'); keep only real keys
        loc = tuple(x for x in loc if not (isinstance(x, str) and x in _TYPE_WORDS))
        out.append(_locate(parsed, loc, _message(err, model, loc)))
    # pydantic may report one bad value under several union members; keep each message once per place
    return sorted(set(out))


_TYPE_WORDS = {"float", "int", "str", "bool", "none", "list[str]", "Cell", "function-before[parse_cell(), Cell]", "nullable[function-before[parse_cell(), Cell]]"}


def _message(err: dict, model: type[BaseModel], loc: tuple) -> str:
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        return f"missing required field '{loc[-1]}'; add it"
    if kind in ("extra_forbidden", "invalid_key"):  # invalid_key: a key YAML read as a number, e.g. `2021:`
        allowed = _allowed_keys(model, loc[:-1])
        hint = f"; allowed keys here: {', '.join(allowed)}" if allowed else ""
        return f"unknown key {show(loc[-1])}{hint}"
    if kind == "value_error":
        return str(err["ctx"]["error"]) if "ctx" in err else err["msg"]
    if kind == "string_type":
        if isinstance(value, (int, float)) and not isinstance(value, bool):  # e.g. a year: id: 2023
            return f"got the number {value}; expected text: write it in quotes (\"{value}\")"
        return f"got {show(value)}; expected text"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"got {show(value)}; expected a whole number" + ("; remove the quotes" if isinstance(value, str) else "")
    if kind in ("float_type", "float_parsing"):
        return f"got {show(value)}; expected a number" + ("; remove the quotes" if isinstance(value, str) else "")
    if kind == "bool_type":
        return f"got {show(value)}; expected true or false"
    if kind == "literal_error":
        return f"got {show(value)}; expected {err['ctx']['expected']}"
    if kind == "too_short":
        return "must not be empty; add at least one entry"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"got {show(value)}; expected a mapping of keys (key: value)"
    if kind == "list_type":
        return f"got {show(value)}; expected a list ([a, b] or lines starting with '- ')"
    if kind in ("greater_than_equal", "greater_than"):
        return f"got {show(value)}; expected a number {err['ctx']}"
    return f"{err['msg']} (got {show(value)})"


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """Walk the model along loc to list the keys allowed where an unknown one was written."""
    current: typing.Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(tp: typing.Any) -> typing.Any:
    """Optional[X] -> X, Annotated[X, ...] -> X."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp
