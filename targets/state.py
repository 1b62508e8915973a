"""One immutable snapshot of the data per process, replaced whole when the files change.

The snapshot is keyed on the files' content (sha256), so an analyst's save is
seen on the next interaction whatever the file watcher does, and a save done
by rename (as editors do) is seen too. If the new files are invalid, the last
valid snapshot keeps being served together with the problems.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path

import pandas as pd

from . import checks, views
from .errors import ConfigError, Problem
from .load import Project, data_paths, fingerprint, load_project


@dataclass(frozen=True)
class Snapshot:
    project: Project
    findings: tuple[checks.Finding, ...]
    fingerprint: str
    loaded_at: datetime

    @cached_property
    def ranks(self) -> pd.DataFrame:
        """Share of the city total and rank of every county cell: once per snapshot, not per rerun."""
        return views.share_and_rank(self.project.frame, self.project.config)


@dataclass(frozen=True)
class View:
    """What a page run sees: the last good snapshot (or None) and the current problems."""

    snapshot: Snapshot | None
    problems: tuple[Problem, ...] = ()
    checked_at: datetime = field(default_factory=datetime.now)

    @property
    def stale(self) -> bool:
        return bool(self.problems) and self.snapshot is not None


def _file_key(p: Path) -> tuple:
    try:
        st = os.stat(p)
        return (str(p), st.st_size, st.st_mtime_ns, st.st_ino)
    except (OSError, ValueError):  # ValueError: a NUL in the path
        return (str(p), None)


class Store:
    """Thread-safe holder of the current snapshot. Sessions only ever read whole snapshots."""

    def __init__(self, config_path: str | Path) -> None:
        self.config_path = Path(config_path)
        self._lock = threading.Lock()
        self._good: Snapshot | None = None
        self._failed: tuple[str, tuple[Problem, ...]] | None = None
        self._stat_key: tuple | None = None
        self._fingerprint: str | None = None
        self._config_key: tuple | None = None
        self._paths: list[Path] = []

    def _stat(self) -> tuple:
        """Cheap change detector (size, mtime, inode); the content hash decides.

        The list of data files comes from config.yaml, re-read only when config.yaml itself
        changes: parsing it on every rerun would put YAML work on the hot path.
        """
        config_key = _file_key(self.config_path)
        if config_key != self._config_key:
            self._paths = data_paths(self.config_path)
            self._config_key = config_key
        return tuple(_file_key(p) for p in self._paths)

    def current(self) -> View:
        with self._lock:
            stat = self._stat()
            if stat != self._stat_key or self._fingerprint is None:
                self._fingerprint = fingerprint(self.config_path)
                self._stat_key = stat
            fp = self._fingerprint
            if self._good is not None and fp == self._good.fingerprint:
                return View(self._good)
            if self._failed is not None and self._failed[0] == fp:
                return View(self._good, self._failed[1])
            try:
                project = load_project(self.config_path)
            except ConfigError as err:
                self._failed = (fp, tuple(sorted(err.problems)))
                return View(self._good, self._failed[1])
            self._good = Snapshot(project, tuple(checks.report(project)), fp, datetime.now())
            self._failed = None
            return View(self._good)
