"""One immutable snapshot of the data per process, replaced whole once changed files have settled.

No session ever waits on a lock held during file I/O. `Store.current()`
returns the published snapshot; when the files look changed (stat, or a
content hash every few seconds), one loader thread at a time reads them,
bounded (bounded_read), and takes the new content only once it has stopped
changing: two reads a whole window (`settle`) apart with the same bytes and an
unchanged stat. File times are never trusted (a file share whose clock runs
behind made every file look "already quiet"). Until then
every session keeps the current snapshot, with no banner: a half-written file
is never validated, so it can neither replace the data nor raise a spurious
error. Content that settles invalid is reported (the banner) next to the last
good snapshot. A session that finds a change waiting waits for the loader's
verdict, a bounded time (about the window); with nothing changed, all answer at once.

Limit: a writer that pauses longer than the window in mid-file has its prefix
taken if that validates; `Snapshot.changes` then shows the rows it lost (`Snapshot.history`: the last few updates).

`Store.shared` stores also watch the files from a thread of their own (a stat
every `WATCH_EVERY` seconds), so a save settles and is published with nobody
browsing; `subscribe()` listeners are told when a change starts settling and
when it is published (targets/ui/follow.py pushes a rerun to open pages).
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from targets.analysis import checks, views
from targets.ops import limits, snapshot_cache
from targets.ops.snapshot import Snapshot, Status, View  # noqa: F401 - the store's API, defined there
from targets.inputs.bounded_read import FileRead, stat_key
from targets.core.errors import ConfigError, Problem
from targets.core.messages import msg
from targets.frame.project import Project
from targets.inputs import reports
from targets.inputs.load import combined_digest, load_project, named_files, read_input, resolve_config
from targets.core.quote import shown

log = logging.getLogger(__name__)

SETTLE_ENV = "TARGETS_SETTLE_SECONDS"
DEFAULT_SETTLE = 0.75  # seconds a changed file must hold still; editors' and copy tools' saves take milliseconds
HASH_EVERY = 2.0  # seconds between content hashes when stat shows no change (a save can keep size, mtime and inode)
READ_TIMEOUT = 10.0  # seconds for reading all files once; a slower read is abandoned and the snapshot kept
FIRST_WAIT = 120.0  # seconds a session waits for the very first load (nothing to show before it; national scale: ~20-40 s)
MAX_SETTLING = 30.0  # a loader stops waiting for files that keep changing; the next request starts it again
STUCK_AFTER = 60.0  # one read-and-load pass running longer than this makes the store unhealthy
WATCH_EVERY = 0.25  # seconds between the shared store's looks (a stat per file; the hash only every HASH_EVERY)
FD_RESERVE = 32  # descriptors a pass needs (a file at a time, the cache's few); with fewer free it waits, it never reports the files


@dataclass(frozen=True)
class _Published:
    snapshot: Snapshot | None
    problems: tuple[Problem, ...]
    fingerprint: str  # the content on disk this state answers for (good or broken)


@dataclass(frozen=True)
class _Pending:
    fingerprint: str
    keys: tuple
    since: float  # time.monotonic() when this content was first seen


_SETTLING, _CHANGED_AGAIN, _DONE, _NO_DESCRIPTORS = "settling", "changed again", "done", "no descriptors"
_SHARED: dict[Path, Store] = {}
_SHARED_LOCK = threading.Lock()
_LOADERS: set[threading.Thread] = set()
_EXITING = threading.Event()
EXIT_WAIT = 30.0  # seconds the interpreter waits at exit for a loader mid-pass


@atexit.register
def _let_loaders_finish() -> None:
    """Stop loaders between passes and let a running pass end: a daemon thread killed at exit inside
    pydantic-core (Rust) aborts the whole process ("FATAL: exception not rethrown")."""
    _EXITING.set()
    for thread in list(_LOADERS):
        thread.join(EXIT_WAIT)


def _settle_from_env() -> float:
    try:
        return float(os.environ.get(SETTLE_ENV, DEFAULT_SETTLE))
    except ValueError:
        log.warning("targets: %s=%r is not a number of seconds; using %s", SETTLE_ENV, os.environ[SETTLE_ENV], DEFAULT_SETTLE)
        return DEFAULT_SETTLE


class Store:
    """Thread-safe holder of the current snapshot. Sessions only ever read whole snapshots.

    settle: seconds a change must hold still (default: $TARGETS_SETTLE_SECONDS or 0.75).
    hash_every: seconds between content hashes when stat shows nothing. read_timeout: seconds
    for reading every file once.
    """

    def __init__(self, config_path: str | Path, *, settle: float | None = None, hash_every: float = HASH_EVERY,
                 read_timeout: float = READ_TIMEOUT, cache: bool | None = None) -> None:
        self.config_path = resolve_config(config_path)
        # The on-disk snapshot cache (targets/snapshot_cache.py); TARGETS_SNAPSHOT_CACHE=0 turns it off.
        self.use_cache = os.environ.get("TARGETS_SNAPSHOT_CACHE", "1") != "0" if cache is None else cache
        self.settle = max(0.0, _settle_from_env() if settle is None else float(settle))
        self.hash_every = hash_every
        self.read_timeout = read_timeout
        self._published: _Published | None = None
        self._first = threading.Event()  # set once anything is published
        # Held by the one loader thread; sessions only ever try it without blocking.
        self._loader = threading.Lock()
        # Written by the loader only; sessions read them without a lock (each is replaced whole).
        self._watched: tuple[Path, ...] = (self.config_path,)
        self._seen_keys: tuple | None = None
        self._next_hash = 0.0
        self._listed: tuple[str, list[Path], Path] | None = None  # (config.yaml digest, files it names, reports folder)
        self._reports_seen: tuple[Path, ...] = ()  # the reports folder's files at the last read
        self._pending: _Pending | None = None
        self._pass_since: float | None = None
        self._pass_since_wall: datetime | None = None
        self._last_checked: datetime | None = None
        self._last_error: str | None = None
        self._version = 0  # bumped on every publish: what open pages compare (pulse)
        self._watcher: threading.Thread | None = None
        self._verdict: threading.Event | None = None  # set by the running (or last) loader on its verdict
        self._listeners: list = []  # called (no arguments, loader thread) when the version or settling changes

    # ---- what sessions call --------------------------------------------------------------------------

    def current(self) -> View:
        pub = self._published
        if pub is None:  # nothing to show yet: wait for the first load (bounded), without holding anything
            end = time.monotonic() + FIRST_WAIT
            while not self._first.is_set() and time.monotonic() < end:
                self._start()  # again if a loader gave up on files that kept changing
                self._first.wait(min(1.0, max(end - time.monotonic(), 0)))
            pub = self._published
            if pub is None:
                return View(None, (Problem(shown(self.config_path), 1, 1, "", msg("still_being_written")),))
        elif self._due():
            # A change is seen or waiting to settle: wait for the verdict (bounded), whether this session started
            # the loader or the watcher did, so a page run right after a save shows it.
            verdict = self._start() or self._verdict
            if verdict is not None:
                verdict.wait(self.settle + self.read_timeout)
                pub = self._published
        return View(pub.snapshot, pub.problems)

    def refresh(self) -> None:
        """Start a look at the files if one is due, without waiting (for a health probe: nobody may be browsing)."""
        if self._published is None or self._due():
            self._start()

    @classmethod
    def shared(cls, config_path: str | Path) -> Store:
        """The one Store of this process for `config_path`, so a health check sees the store the sessions use."""
        path = resolve_config(config_path).absolute()
        store = _SHARED.get(path)
        if store is None:
            candidate = cls(path)  # built outside the lock: resolving the path is a stat
            with _SHARED_LOCK:  # held only to keep one object per path
                store = _SHARED.setdefault(path, candidate)
                if store is candidate:
                    store.watch()
        return store

    def current_snapshot(self) -> Snapshot | None:
        """The published snapshot now, never waiting (None before the first load)."""
        pub = self._published
        return pub.snapshot if pub is not None else None

    def pulse(self) -> tuple[int, bool]:
        """(version, settling): the number of publishes so far, and whether a change is waiting to settle.
        Two attribute reads (targets/ui/follow.py reads it on each page run)."""
        return self._version, self._pending is not None

    def subscribe(self, listener) -> None:
        """Call `listener()` from the loader thread each time a change starts settling and each time something is
        published (targets/ui/follow.py pushes a rerun to the open pages). Nothing is called while nothing changes."""
        if listener not in self._listeners:
            self._listeners.append(listener)

    def _tell(self) -> None:
        for listener in list(self._listeners):
            try:
                listener()
            except Exception:  # noqa: BLE001 - a listener must never stop the loader
                log.exception("targets: a store listener failed")

    def watch(self, every: float = WATCH_EVERY) -> None:
        """Look at the files from a daemon thread every `every` seconds (stat only, unless a hash is due), so a
        save settles and is published with nobody browsing, and a reload right after shows it at once."""
        if self._watcher is not None:
            return

        def loop() -> None:
            while not _EXITING.wait(every):
                try:
                    self.refresh()
                except Exception:  # noqa: BLE001 - a watcher must outlive any one bad look
                    log.exception("targets: the file watcher failed")

        self._watcher = threading.Thread(target=loop, name="targets-store-watcher", daemon=True)
        self._watcher.start()

    def status(self) -> Status:
        pub = self._published
        since = self._pass_since
        return Status(serving=pub is not None and pub.snapshot is not None,
                      problems=len(pub.problems) if pub is not None else 0,
                      settling=self._pending is not None,
                      loading_since=self._pass_since_wall if since is not None else None,
                      stuck=since is not None and time.monotonic() - since > STUCK_AFTER,
                      last_checked=self._last_checked, last_error=self._last_error)

    # ---- deciding to look ----------------------------------------------------------------------------

    def _due(self) -> bool:
        """Cheap: a stat of each watched file; the content hash is only due every `hash_every` seconds."""
        if self._pending is not None or time.monotonic() >= self._next_hash:
            return True
        if self._listed is not None and tuple(reports.in_folder(self._listed[2])) != self._reports_seen:
            return True  # a report added or removed
        return tuple(stat_key(p) for p in self._watched) != self._seen_keys

    def _start(self) -> threading.Event | None:
        """Start the loader unless one runs; return the event it sets on its verdict (None if one was running)."""
        if not self._loader.acquire(blocking=False):
            return None
        verdict = threading.Event()
        self._verdict = verdict
        thread = threading.Thread(target=self._run, args=(verdict,), name="targets-store-loader", daemon=True)
        _LOADERS.add(thread)
        try:
            thread.start()
        except RuntimeError:  # no thread to be had (or the interpreter is exiting): keep serving what there is
            _LOADERS.discard(thread)
            self._loader.release()
            return None
        return verdict

    # ---- the loader thread ---------------------------------------------------------------------------

    def _run(self, verdict: threading.Event) -> None:
        started = time.monotonic()
        try:
            while True:
                self._pass_since, self._pass_since_wall = time.monotonic(), datetime.now()
                try:
                    outcome = self._step()
                finally:
                    self._pass_since = None
                if outcome == _CHANGED_AGAIN:
                    verdict.set()  # still being written: the waiting session goes on with what it has
                if outcome in (_DONE, _NO_DESCRIPTORS) or time.monotonic() - started > MAX_SETTLING:
                    break
                pending = self._pending
                wait = 0.0 if pending is None else pending.since + self.settle - time.monotonic()
                if _EXITING.wait(min(max(wait, 0.01), self.settle or 0.01)):
                    break
        except Exception as exc:  # a bug here must never stop the last good snapshot from being served
            log.exception("targets: the data loader failed")
            self._last_error = f"{type(exc).__name__}: {exc}"
        finally:
            _LOADERS.discard(threading.current_thread())
            self._loader.release()
            verdict.set()

    def _read_all(self, deadline: float) -> dict[Path, FileRead]:
        """config.yaml and the files it names; the list is parsed once per change of config.yaml."""
        config = self.config_path
        reads = {config: read_input(config, config, deadline)}
        if self._listed is None or self._listed[0] != reads[config].digest:
            self._listed = (reads[config].digest, *named_files(config, reads[config]))
        # The folder is listed on every read: a report is a new file, which no stat of the known files shows.
        self._reports_seen = tuple(reports.in_folder(self._listed[2]))
        for p in [*self._listed[1], *self._reports_seen]:
            if p not in reads:
                reads[p] = read_input(p, config, deadline)
        return reads

    def _step(self) -> str:
        """One look at the files: settle, publish, or find nothing new."""
        free = limits.headroom()
        if free is not None and free < FD_RESERVE:
            # Too many open connections: an open() now fails with EMFILE, which must not be reported as the
            # files' fault (a banner on every page). Keep what is published; the health check says why.
            self._last_error = f"only {free} file descriptors free (need {FD_RESERVE} to read the data)"
            return _NO_DESCRIPTORS
        self._last_error = None  # this pass starts clean: the error shown is always the latest one's
        reads = self._read_all(time.monotonic() + self.read_timeout)
        now = time.monotonic()
        keys = tuple(stat_key(p) for p in reads)
        self._watched, self._seen_keys = tuple(reads), keys
        self._next_hash, self._last_checked = now + self.hash_every, datetime.now()
        fp = combined_digest(reads)
        if not all(r.steady for r in reads.values()):  # changed while read, or read too slowly
            slow = [shown(p) for p, r in reads.items() if r.timed_out]
            if slow:
                self._last_error = f"reading {', '.join(slow)} took longer than {self.read_timeout:g} s"
            self._pending = _Pending(fp, keys, now)
            return _CHANGED_AGAIN
        pub = self._published
        if pub is not None and fp == pub.fingerprint:
            self._pending = None
            return _DONE
        pending = self._pending
        if pending is None or pending.fingerprint != fp or pending.keys != keys:
            self._pending = _Pending(fp, keys, now)
            if pending is None:
                self._tell()  # open pages show that a save is being read
            return _SETTLING if pending is None else _CHANGED_AGAIN
        if now - pending.since < self.settle:
            return _SETTLING
        # Two reads a whole window apart agree, bytes and stat: take exactly these bytes. File times play no
        # part (a share's clock may run behind or ahead).
        self._pending = None  # before publishing: the pages redrawn by the listeners see no change waiting
        self._publish(reads, fp)
        return _DONE

    def _publish(self, reads: dict[Path, FileRead], fp: str) -> None:
        pub = self._published
        good = pub.snapshot if pub is not None else None
        if good is not None and fp == good.fingerprint:  # back to the content of the good snapshot
            self._set(_Published(good, (), fp))
            return
        try:
            project, findings, ranks = self._build(reads)
            snap = Snapshot.after(good, project, findings, fp, ranks, {shown(p): r for p, r in reads.items()})
        except ConfigError as err:
            self._set(_Published(good, tuple(sorted(err.problems)), fp))
            return
        except Exception as exc:  # a bug: logged with its traceback for us, one line for the analyst
            log.exception("targets: loading the data failed")
            self._last_error = f"{type(exc).__name__}: {exc}"
            self._set(_Published(good, (Problem(shown(self.config_path), 1, 1, "",
                                                msg("internal_error", error=type(exc).__name__)),), fp))
            return
        self._set(_Published(snap, (), fp))

    def _build(self, reads: dict[Path, FileRead]) -> tuple[Project, tuple[checks.Finding, ...], pd.DataFrame]:
        """The validated project, its consistency report and ranks: from the on-disk cache when these exact
        bytes were validated before (a restart), else built and then cached."""
        key = snapshot_cache.key(self.config_path, reads) if self.use_cache else None
        hit = snapshot_cache.load(self.config_path, key) if key else None
        if hit is not None:
            return hit
        project = load_project(self.config_path, reads)
        findings = tuple(checks.report(project))
        ranks = views.share_and_rank(project.frame, project.config)
        if key:
            snapshot_cache.save(self.config_path, key, project, findings, ranks)
        return project, findings, ranks

    def _set(self, pub: _Published) -> None:
        self._published = pub
        self._version += 1
        self._first.set()
        self._tell()
