"""An on-disk cache of the validated data, so a restart with unchanged files takes a second, not a full load.

Keyed by the content of every input (config.yaml, the data files it names, the
boundary file) and by the code that validates and builds them, so a changed
file or a new version of the app is a miss. Nothing in it is trusted: one
sha256 seal (`<key>.seal`, written last) covers the key, the JSON manifest and
its Parquet frames, so an edited label in the manifest is a miss like a
flipped byte in a frame; the frames are Parquet (data, not code), the models are
validated again from plain JSON, and any problem (missing, corrupt, half-written,
another version) means the cache is ignored and rebuilt. Writes go to a
temporary file and are renamed into place, so a reader never sees half of one.
Files of no sealed entry (a write that failed halfway) are removed once they are
a minute old (a replica sharing the folder may be writing them right now).

The seal detects edits and damage, not a forger: whoever can write this folder
(beside config.yaml) can also recompute it, and could as well edit the data.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import json
import logging
import os
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from targets.inputs.bounded_read import FileRead
from targets.analysis.checks import Finding
from targets.frame.project import Project
from targets.core.quote import shown
from targets.schema.config import Config
from targets.schema.data import DataFile

log = logging.getLogger(__name__)

VERSION = 2  # 2: one seal over manifest and frames
ENV = "TARGETS_CACHE_DIR"
# The modules whose code decides what a valid project and its frame are: a change to one is a miss.
# Every module that shapes a snapshot: a change to any of them makes old cache entries unreadable.
_CODE = ("core", "schema", "frame", "inputs", "analysis")
MAX_MANIFEST = 64 * 1024 * 1024
ORPHAN_AGE = 60.0  # seconds before a file of no sealed entry is taken for the rest of a failed write


def cache_dir(config_path: Path) -> Path:
    return Path(os.environ.get(ENV) or config_path.parent / ".cache" / "targets")


@functools.cache  # the code does not change under a running process
def _code_version() -> str:
    h = hashlib.sha256(f"v{VERSION} pandas {pd.__version__}".encode())
    here = Path(__file__).resolve().parents[1]
    for package in _CODE:
        for path in sorted((here / package).glob("*.py")):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def key(config_path: Path, reads: Mapping[Path, FileRead]) -> str:
    """The inputs' content (every file read, named relative to config.yaml's folder) and the code's version."""
    h = hashlib.sha256(_code_version().encode())
    base = config_path.absolute().parent
    for name, digest in sorted((os.path.relpath(p.absolute(), base), r.digest) for p, r in reads.items()):
        h.update(name.encode() + b"\0" + digest.encode() + b"\0")
    return h.hexdigest()


def _paths(folder: Path, k: str) -> tuple[Path, Path, Path, Path]:
    return (folder / f"{k}.json", folder / f"{k}.frame.parquet", folder / f"{k}.ranks.parquet",
            folder / f"{k}.reports.parquet")


def _seal_path(folder: Path, k: str) -> Path:
    return folder / f"{k}.seal"


def seal(k: str, *parts: bytes) -> str:
    """One sha256 over the entry's key and every byte of its files, manifest first (lengths framed: no shifting)."""
    h = hashlib.sha256(f"targets-cache v{VERSION}\0{k}\0".encode())
    for part in parts:
        h.update(len(part).to_bytes(8, "big") + part)
    return h.hexdigest()


def _to_parquet(frame: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    return buf.getvalue()


def load(config_path: Path, k: str) -> tuple[Project, tuple[Finding, ...], pd.DataFrame] | None:
    """The cached (project, findings, ranks) for key `k`, or None for any miss or doubt."""
    folder = cache_dir(config_path)
    paths = _paths(folder, k)
    try:
        if not paths[0].is_file() or paths[0].stat().st_size > MAX_MANIFEST:
            return None
        raws = [p.read_bytes() for p in paths]
        if _seal_path(folder, k).read_text(encoding="ascii").strip() != seal(k, *raws):
            raise ValueError("the entry does not match its seal (edited or damaged)")
        manifest = json.loads(raws[0])
        if manifest.get("key") != k:
            return None
        frame, ranks, reports = (pd.read_parquet(io.BytesIO(raw)) for raw in raws[1:])
        config = Config.model_validate(manifest["config"])
        data = {t: DataFile.model_validate(d) for t, d in manifest["data"].items()}
        findings = tuple(Finding(**f) for f in manifest["findings"])
        project = Project(config_path=config_path, config=config, data=data, frame=frame, files=manifest["files"],
                          reports=reports)
        return project, findings, ranks
    except Exception as exc:  # corrupt, half-written, edited, another version: rebuild, never trust
        log.info("targets: snapshot cache not used (%s: %s)", type(exc).__name__, exc)
        return None


def save(config_path: Path, k: str, project: Project, findings: tuple[Finding, ...], ranks: pd.DataFrame) -> None:
    """Best effort: a cache that cannot be written only costs the next restart its speed."""
    folder = cache_dir(config_path)
    paths = _paths(folder, k)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        frames = [_to_parquet(project.frame), _to_parquet(ranks), _to_parquet(project.reports)]
        manifest = {
            "key": k,
            "config": project.config.model_dump(mode="json"),
            "data": {t: d.model_dump(mode="json") for t, d in project.data.items()},
            "findings": [dataclasses.asdict(f) for f in findings],
            "files": project.files, "config_path": shown(config_path),
        }
        raws = [json.dumps(manifest, ensure_ascii=False).encode("utf-8"), *frames]
        for path, raw in zip(paths, raws):
            _atomic_write(path, raw)
        _atomic_write(_seal_path(folder, k), seal(k, *raws).encode("ascii"))  # last: the entry is whole
        _prune(folder, keep=k)
    except Exception as exc:
        log.warning("targets: snapshot cache not written (%s: %s)", type(exc).__name__, exc)


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _prune(folder: Path, keep: str, max_entries: int = 4) -> None:
    """Keep the newest few entries (each edit of the data makes a new key); remove the files of no sealed entry."""
    entries = sorted((p for p in folder.glob("*.json") if p.stem != keep), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[max_entries - 1:]:
        for p in (*_paths(folder, old.stem), _seal_path(folder, old.stem)):
            p.unlink(missing_ok=True)
    sealed = {p.name[:-len(".seal")] for p in folder.glob("*.seal")}
    now = time.time()
    for p in folder.iterdir():
        stem = p.name.split(".", 1)[0]
        if p.is_file() and stem not in sealed and stem != keep:
            try:
                if now - p.stat().st_mtime > ORPHAN_AGE:  # the rest of a failed write, or an old version's
                    p.unlink()
            except OSError:
                pass
