"""An on-disk cache of the validated data, so a restart with unchanged files takes a second, not a full load.

Keyed by the content of every input (config.yaml, the data files it names, the
boundary file) and by the code that validates and builds them, so a changed
file or a new version of the app is a miss. Nothing in it is trusted: the frame
is Parquet (data, not code) whose sha256 is checked against the manifest, the
models are validated again from plain JSON, and any problem (missing, corrupt,
half-written, another version) means the cache is ignored and rebuilt. Writes
go to a temporary file and are renamed into place, so a reader never sees half
of one.
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

VERSION = 1
ENV = "TARGETS_CACHE_DIR"
# The modules whose code decides what a valid project and its frame are: a change to one is a miss.
# Every module that shapes a snapshot: a change to any of them makes old cache entries unreadable.
_CODE = ("core", "schema", "frame", "inputs", "analysis")
MAX_MANIFEST = 64 * 1024 * 1024


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


def _paths(folder: Path, k: str) -> tuple[Path, Path, Path]:
    return folder / f"{k}.json", folder / f"{k}.frame.parquet", folder / f"{k}.ranks.parquet"


def _parquet(path: Path, sha256: str) -> pd.DataFrame:
    raw = path.read_bytes()
    if hashlib.sha256(raw).hexdigest() != sha256:
        raise ValueError(f"{path.name} does not match its manifest")
    return pd.read_parquet(io.BytesIO(raw))


def _to_parquet(frame: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    return buf.getvalue()


def load(config_path: Path, k: str) -> tuple[Project, tuple[Finding, ...], pd.DataFrame] | None:
    """The cached (project, findings, ranks) for key `k`, or None for any miss or doubt."""
    manifest_path, frame_path, ranks_path = _paths(cache_dir(config_path), k)
    try:
        if not manifest_path.is_file() or manifest_path.stat().st_size > MAX_MANIFEST:
            return None
        manifest = json.loads(manifest_path.read_bytes())
        if manifest.get("key") != k:
            return None
        frame = _parquet(frame_path, manifest["frame_sha256"])
        ranks = _parquet(ranks_path, manifest["ranks_sha256"])
        config = Config.model_validate(manifest["config"])
        data = {t: DataFile.model_validate(d) for t, d in manifest["data"].items()}
        findings = tuple(Finding(**f) for f in manifest["findings"])
        project = Project(config_path=config_path, config=config, data=data, frame=frame, files=manifest["files"])
        return project, findings, ranks
    except Exception as exc:  # corrupt, half-written, another version: rebuild, never trust
        log.info("targets: snapshot cache not used (%s: %s)", type(exc).__name__, exc)
        return None


def save(config_path: Path, k: str, project: Project, findings: tuple[Finding, ...], ranks: pd.DataFrame) -> None:
    """Best effort: a cache that cannot be written only costs the next restart its speed."""
    folder = cache_dir(config_path)
    manifest_path, frame_path, ranks_path = _paths(folder, k)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        frame_raw, ranks_raw = _to_parquet(project.frame), _to_parquet(ranks)
        manifest = {
            "key": k, "frame_sha256": hashlib.sha256(frame_raw).hexdigest(),
            "ranks_sha256": hashlib.sha256(ranks_raw).hexdigest(),
            "config": project.config.model_dump(mode="json"),
            "data": {t: d.model_dump(mode="json") for t, d in project.data.items()},
            "findings": [dataclasses.asdict(f) for f in findings],
            "files": project.files, "config_path": shown(config_path),
        }
        _atomic_write(frame_path, frame_raw)
        _atomic_write(ranks_path, ranks_raw)
        _atomic_write(manifest_path, json.dumps(manifest, ensure_ascii=False).encode("utf-8"))  # last: the entry is whole
        _prune(folder, keep=manifest_path.name)
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
    """Keep the newest few entries: each edit of the data makes a new key."""
    entries = sorted((p for p in folder.glob("*.json") if p.name != keep), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[max_entries - 1:]:
        for p in _paths(folder, old.stem):
            p.unlink(missing_ok=True)
