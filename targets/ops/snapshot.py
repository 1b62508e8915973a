"""What the store hands out: a snapshot of the data, a page run's view of it, and the store's status."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

import pandas as pd

from targets.analysis import changes, checks, views
from targets.core.errors import Problem
from targets.frame.project import Project
from targets.inputs.bounded_read import FileRead

# The updates a snapshot remembers (the data-quality page's change list): the analyst's last few saves, not a
# log (each keeps up to changes.MAX_DETAILS rows' values); a bound on the server's memory, so not in config.yaml.
HISTORY = 10


@dataclass(frozen=True)
class Snapshot:
    project: Project
    findings: tuple[checks.Finding, ...]
    fingerprint: str
    loaded_at: datetime
    changes: tuple[changes.FileChange, ...] = ()  # rows added/removed/changed per file vs the previous good snapshot
    previous_loaded_at: datetime | None = None  # when the snapshot this one replaced was loaded (None: the first)
    history: tuple[changes.Update, ...] = ()  # this one's update and those before it, newest first (store.HISTORY)
    ranks_frame: pd.DataFrame | None = field(default=None, repr=False, compare=False)  # computed by the loader

    @classmethod
    def after(cls, good: Snapshot | None, project: Project, findings: tuple[checks.Finding, ...], fingerprint: str,
              ranks: pd.DataFrame | None, sources: dict[str, FileRead] | None = None) -> Snapshot:
        """The snapshot that replaces `good` (None: the first): with what it changed, and the updates before it."""
        now = datetime.now()
        if good is None:
            return cls(project, findings, fingerprint, now, ranks_frame=ranks)
        diff = changes.diff(good.project, project, sources)
        history = ((changes.Update(now, good.loaded_at, diff),) + good.history)[:HISTORY]
        return cls(project, findings, fingerprint, now, changes=diff, previous_loaded_at=good.loaded_at, history=history,
                   ranks_frame=ranks)

    @cached_property
    def ranks(self) -> pd.DataFrame:
        """Share of the city total and rank of every county cell: once per snapshot (by the loader), not per rerun."""
        if self.ranks_frame is not None:
            return self.ranks_frame
        return views.share_and_rank(self.project.frame, self.project.config)


@dataclass(frozen=True)
class View:
    """What a page run sees: the last good snapshot (or None) and the current problems."""

    snapshot: Snapshot | None
    problems: tuple[Problem, ...] = ()

    @property
    def stale(self) -> bool:
        return bool(self.problems) and self.snapshot is not None


@dataclass(frozen=True)
class Status:
    """Whether the store can serve, for a health check: `healthy` is what a load balancer should act on."""

    serving: bool  # a valid snapshot is there to show
    problems: int  # problems in the files on disk (the snapshot shown is then the last good one)
    settling: bool  # a change is waiting to hold still
    loading_since: datetime | None  # a read-and-load pass is running since then
    stuck: bool  # that pass has run longer than STUCK_AFTER (e.g. a hung network share): changes are not seen
    last_checked: datetime | None  # the files were last read then
    last_error: str | None  # what went wrong in the last pass, if it failed (shown in the health check's 503)

    @property
    def healthy(self) -> bool:
        return self.serving and not self.stuck
