"""Load config.yaml and every data file it names into one validated Project.

All problems in all files are collected and raised together as one ConfigError.
"""

from __future__ import annotations

import gc
import hashlib
import re
import types
import typing
from datetime import date
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ValidationError

from targets.inputs import boundaries, misplaced, partial, refs, reports, yamlsafe
from targets.frame import build as frames
from targets.inputs.bounded_read import FileRead, read_file
from targets.core.errors import ConfigError, Problem
from targets.core.quote import show, shown
from targets.core.messages import KEY_CUTOFF, Invalid, Msg, Names, kind_of, msg, near
from targets.frame.project import Project
from targets.schema.progress import ReportFile
from targets.schema.config import Config, MapSpec
from targets.schema.data import DataFile
from targets.inputs.yamlsafe import Parsed, read_yaml
from targets.core.quote import dotted

CONFIG_TOO_BIG = "config_too_big_hint"  # message id: what to do with an oversized config.yaml


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
    """The files config.yaml names (data files, then the map's boundaries), then the completion reports, found
    without validating it (libyaml, aliases refused); [] if unreadable. A change to any of them, and a new file
    in the reports folder, is a change of the data."""
    named, where = named_files(config_path, config)
    return named + reports.in_folder(where)


def named_files(config_path: Path, config: FileRead) -> tuple[list[Path], Path]:
    """(the files config.yaml names, the reports folder): the part of listed_files that only config.yaml decides,
    so a watcher can keep it per version of config.yaml and list the folder on every look."""
    parsed, _ = read_yaml(config_path, shown(config_path), source=config)
    cfg = parsed.data if parsed is not None and isinstance(parsed.data, dict) else {}
    themes = cfg.get("themes")
    files = [config_path.parent / t["file"] for t in themes if isinstance(t, dict) and isinstance(t.get("file"), str)] \
        if isinstance(themes, list) else []
    spec = cfg.get("map")
    boundaries_file = spec.get("boundaries") if isinstance(spec, dict) else None
    if not isinstance(boundaries_file, str):
        boundaries_file = MapSpec().boundaries
    return files + [config_path.parent / boundaries_file], reports.raw_folder(config_path, cfg)


def data_paths(config_path: str | Path) -> list[Path]:
    """config.yaml and the files it names, for hashing."""
    config_path = resolve_config(config_path)
    return [config_path, *listed_files(config_path, read_input(config_path, config_path))]


def combined_digest(reads: Mapping[Path, FileRead]) -> str:
    """One sha256 over every file's content (a refused or missing file counts with its reason)."""
    return _combine({str(p): r.digest for p, r in reads.items()})


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

    usable: list = []  # the part of config.yaml that is valid, so the data files are checked in the same run
    cfg = _validated(config_path, source(config_path), Config, problems,
                     lambda c: [*refs.config_refs(c), *_map_refs(config_path, c)], usable=usable)
    if cfg is None and not usable:
        raise ConfigError(problems)
    cfg, broken = (cfg, set()) if cfg is not None else usable[0]
    names = [n for c in cfg.counties for n in (c.name, *c.aliases)]
    if len(names) != len(set(names)):  # which county a row means is not known: check the files' own shape only
        for path in named_files(config_path, source(config_path))[0][:-1]:
            if path.is_file():
                _validated(path, source(path), DataFile, problems, lambda d: [])
        raise ConfigError(problems)

    data: dict[str, DataFile] = {}
    for theme in cfg.themes:
        path = config_path.parent / theme.file
        d = _validated(path, source(path), DataFile, problems,
                       lambda d, t=theme.id: [*refs.data_refs(cfg, t, d), *reports.revision_refs(cfg, t, d)],
                       broken=broken)
        if d is not None:
            data[theme.id] = d
    for path in _broken_theme_files(config_path, source(config_path), cfg):  # the file's own shape, still
        _validated(path, source(path), DataFile, problems, lambda d: [])
    found = _reports(config_path, cfg, source, problems, broken)
    if problems:
        raise ConfigError(problems)
    frame = frames.build(cfg, data)
    # The tables' cells now live in the frame; the models keep everything else (sources, figures, standards…).
    data = {t: d.model_copy(update={"tables": []}) for t, d in data.items()}
    return Project(config_path=config_path, config=cfg, data=data, frame=frame, files=files,
                   reports=reports.frame(cfg, found))


def _broken_theme_files(config_path: Path, config: FileRead, cfg: Config) -> list[Path]:
    """The data files of themes whose entry in config.yaml was refused."""
    kept = {config_path.parent / t.file for t in cfg.themes}
    named, _ = named_files(config_path, config)
    return [p for p in named[:-1] if p not in kept and p.is_file()]


def _reports(config_path: Path, cfg: Config, source, problems: list[Problem],
             broken: set[str] = frozenset()) -> list[tuple[str, ReportFile]]:
    """Every report in the reports folder, validated on its own and then against the others."""
    where = reports.folder(config_path, cfg.tracking.reports)
    if where.exists() and not where.is_dir():
        problems.append(Problem(shown(config_path), 1, 1, "tracking.reports", msg("report_not_yaml", folder=shown(where))))
        return []
    today = date.today()
    valid: list[tuple[str, ReportFile]] = []
    parsed: list[Parsed] = []
    for path in reports.paths(config_path, {"tracking": {"reports": cfg.tracking.reports}}):
        kept: list[Parsed] = []
        rep = _validated(path, source(path), ReportFile, problems, lambda r: reports.report_refs(cfg, r, today), keep=kept,
                         broken=broken)
        if rep is not None:
            valid.append((shown(path), rep))
            parsed.append(kept[0])
    for i, where_, message in reports.cross_refs(cfg, valid):
        problems.append(_locate(parsed[i], where_, message))
    return valid


def _map_refs(config_path: Path, cfg: Config) -> list[tuple[tuple, str]]:
    """On-map counties must name features of the boundary file; the file itself must be usable."""
    try:
        geo = boundaries.load(config_path.parent / cfg.map.boundaries)
    except boundaries.BoundaryError as err:
        return [(("map", "boundaries"), err.msg)]
    return list(refs.map_refs(cfg, boundaries.adcodes(geo)))


def _validated(path: Path, read: FileRead, model: type[BaseModel], problems: list[Problem], cross,
               keep: list | None = None, broken: set[str] = frozenset(), usable: list | None = None) -> typing.Any:
    """The file's model, or None with its problems added; `keep` receives the parsed file (to locate later checks).

    A refused file is still checked: its refused parts are dropped and the rest gets the cross checks (see
    partial), leaving out messages about references to broken definitions. `usable` receives (the valid part's
    model, the names it lost) when the file is not valid but a part of it is.
    """
    parsed, found = read_yaml(path, shown(path), source=read, fits=lambda values: _misfits(model, values))
    problems.extend(found)
    if parsed is None:
        return None
    if keep is not None:
        keep.append(parsed)
    if not isinstance(parsed.data, dict):
        problems.append(Problem(parsed.file, 1, 1, "", msg("top_empty") if parsed.data is None else msg("top_not_mapping", kind=kind_of(parsed.data))))
        return None
    salvage = None
    try:
        obj = model.model_validate(parsed.data)
    except ValidationError as exc:
        problems.extend(_from_pydantic(exc, parsed, model))
        salvage = partial.Salvage(parsed.data)
        obj = salvage.validate(model)
        if obj is None:
            return None
    found = list(cross(obj))
    lost = set(broken) | (salvage.broken if salvage else set())
    place = salvage.original if salvage else (lambda where: where)
    located = [_locate(parsed, place(where), m) for where, m in found if not partial.follows(m, lost, bool(salvage and salvage.dropped))]
    problems.extend(located)
    if usable is not None and (salvage is not None or located):
        # a definition a cross check refused (an undeclared unit) is kept: the data are checked against it as written
        usable.append((obj, salvage.broken if salvage else set()))
    return None if (located or salvage is not None) else obj


def _misfits(model: type[BaseModel], values: typing.Any) -> int:
    """How many problems the model finds in values (to rank guesses at a misplaced line; never reported)."""
    try:
        model.model_validate(values)
    except ValidationError as exc:
        return exc.error_count()
    except Exception:  # noqa: BLE001 - a guess that breaks a validator is simply a bad guess
        return 1_000_000
    return 0


def _locate(parsed: Parsed, where: tuple, message: Msg) -> Problem:
    line, col = parsed.locate(where)
    return Problem(parsed.file, line, col, dotted(where), message)


def _from_pydantic(exc: ValidationError, parsed: Parsed, model: type[BaseModel]) -> list[Problem]:
    out = []
    expected = lambda path: _unwrap(_annotation(model, path))  # noqa: E731
    for err in exc.errors(include_url=False):
        loc = tuple(x for x in err["loc"] if x != "[key]")
        # Unions report the member type in loc (e.g. 'float'); keep only real keys
        loc = tuple(x for x in loc if not (isinstance(x, str) and x in _TYPE_WORDS))
        if depth := misplaced.explain(parsed.root, loc, err["type"], expected):  # a key at the wrong depth
            where, line, col, message = depth
            out.append(Problem(parsed.file, line, col, dotted(where), message))
        else:
            out.append(_locate(parsed, loc, _message(err, model, loc)))
    # pydantic may report one bad value under several union members; keep each message once per place
    return sorted(set(out))


_TYPE_WORDS = {"float", "int", "str", "bool", "none", "list[str]", "Cell", "function-before[parse_cell(), Cell]", "nullable[function-before[parse_cell(), Cell]]"}


def _message(err: dict, model: type[BaseModel], loc: tuple) -> Msg:
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        return msg("missing_field", key=show(loc[-1]))
    if kind in ("extra_forbidden", "invalid_key"):  # invalid_key: a key YAML read as a number, e.g. `2021:`
        allowed = _allowed_keys(model, loc[:-1])
        return msg("unknown_key", key=show(loc[-1]), allowed=msg("allowed_keys", keys=allowed) if allowed else None,
                   near=near(loc[-1], allowed, KEY_CUTOFF))
    if kind == "value_error":
        error = err.get("ctx", {}).get("error")
        return error.msg if isinstance(error, Invalid) else msg("value_refused", value=show(value))
    if value is None and kind in _SHAPES:  # a key with nothing after it
        block = _SHAPES[kind] in ("shape_mapping", "shape_list")  # often: the lines below are not indented under it
        return msg("empty_value" if block else "empty_scalar", expected=msg(_SHAPES[kind]))
    if kind == "string_type":
        if isinstance(value, (int, float)) and not isinstance(value, bool):  # e.g. a year: id: 2023
            return msg("number_not_text", value=value)
        return msg("expected_text", value=show(value))
    if kind in ("string_too_short", "too_short"):
        return msg("empty_text") if kind == "string_too_short" else msg("empty_list")
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return msg("expected_whole_number", value=show(value), quoted=msg("remove_quotes") if _quoted_number(value, True) else None)
    if kind in ("float_type", "float_parsing"):
        return msg("expected_number", value=show(value), quoted=msg("remove_quotes") if _quoted_number(value, False) else None)
    if kind == "bool_type":
        return msg("expected_boolean", value=show(value))
    if kind == "literal_error":
        allowed = _literal_options(model, loc)
        return msg("expected_one_of", value=show(value), options=allowed, near=near(value, allowed))
    if kind in _SHAPES:
        return msg("expected_shape", value=show(value), expected=msg(_SHAPES[kind]))
    if kind in ("greater_than_equal", "greater_than"):
        bound = err["ctx"].get("ge", err["ctx"].get("gt"))
        return msg("expected_at_least" if kind == "greater_than_equal" else "expected_above", value=show(value), bound=bound)
    return msg("value_refused", value=show(value))


# pydantic's error types for a value of the wrong shape -> the message id of the shape expected
_SHAPES = {"model_type": "shape_mapping", "dict_type": "shape_mapping", "model_attributes_type": "shape_mapping",
           "list_type": "shape_list", "string_type": "shape_text", "float_type": "shape_number",
           "int_type": "shape_whole_number", "bool_type": "shape_boolean"}


_WHOLE = re.compile(r"\s*[+-]?\d+\s*")
_DECIMAL = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*")


def _quoted_number(value, whole: bool) -> bool:
    """Text that is a number once its quotes go ("2", "20.07"): only then is "remove the quotes" the fix."""
    return isinstance(value, str) and bool((_WHOLE if whole else _DECIMAL).fullmatch(value))


def _literal_options(model: type[BaseModel], loc: tuple) -> list[str]:
    """The values a Literal field allows, for "did you mean" and the list of choices."""
    tp = _unwrap(_annotation(model, loc))
    return [a for a in typing.get_args(tp) if isinstance(a, str)] if typing.get_origin(tp) is typing.Literal else []


def _allowed_keys(model: type[BaseModel], loc: tuple) -> Names:
    """The keys allowed where an unknown one was written (none when the model does not say)."""
    current = _unwrap(_annotation(model, loc))
    if isinstance(current, type) and issubclass(current, BaseModel):
        return Names(current.model_fields)
    return Names()


def _annotation(model: type[BaseModel], loc: tuple) -> typing.Any:
    """Walk the model along loc to the type expected there (None when loc leaves the model)."""
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
            return None
    return current


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
