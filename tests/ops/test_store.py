"""The snapshot store: content-keyed reloads, rename-saves, last-good fallback, recovery."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from targets.analysis import checks
from targets.inputs.load import load_project
from targets.ops.store import Store

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_same_files_same_snapshot(mini):
    store = Store(mini.config)
    first = store.current()
    assert first.snapshot is not None and not first.problems
    assert store.current().snapshot is first.snapshot  # one immutable object, not rebuilt


@pytest.mark.slow
def test_a_saved_change_is_seen_on_the_next_call(mini):
    store = Store(mini.config)
    before = store.current().snapshot
    mini.edit("data/grain.yaml", "兴县: [57.08, 58]", "兴县: [60.08, 58]")
    after = store.current().snapshot
    assert after is not before
    f = after.project.frame
    assert f[(f["county"] == "兴县") & (f["period"] == "2021") & (f["kind"] == "county")]["value"].iloc[0] == 60.08


@pytest.mark.slow
def test_a_save_by_rename_is_seen(mini):
    store = Store(mini.config)
    store.current()
    tmp = mini.path("data/.grain.yaml.swp")
    tmp.write_text(mini.read("data/grain.yaml").replace("交城县: [11.33, 12]", "交城县: [11.5, 12]"), encoding="utf-8")
    os.replace(tmp, mini.path("data/grain.yaml"))  # what editors do on save
    f = store.current().snapshot.project.frame
    assert 11.5 in set(f[f["county"] == "交城县"]["value"])


@pytest.mark.slow
def test_content_not_time_decides(mini):
    store = Store(mini.config)
    before = store.current().snapshot
    p = mini.path("data/grain.yaml")
    os.utime(p, (1, 1))  # touched, not changed
    assert store.current().snapshot is before


@pytest.mark.slow
def test_broken_files_keep_the_last_good_snapshot_then_recover(mini):
    mini.chdir()
    store = Store(mini.config)
    good = store.current().snapshot
    mini.edit("data/grain.yaml", "兴县: [57.08, 58]", "兴县: [57.08, \"58\"]")
    view = store.current()
    assert view.snapshot is good and view.stale
    assert [p.render("en") for p in view.problems] == [
        "data/grain.yaml:16:19: tables[0].rows.兴县[1]: got text '58', a number written as text; remove the quotes"]
    mini.edit("data/grain.yaml", "兴县: [57.08, \"58\"]", "兴县: [57.08, 59]")
    fixed = store.current()
    assert not fixed.problems and fixed.snapshot is not good


def test_no_valid_data_yet_gives_problems_and_no_snapshot(mini):
    mini.write("config.yaml", "title: [")
    view = Store(mini.config).current()
    assert view.snapshot is None and view.problems


def test_shipped_findings_are_computed_once_with_the_snapshot(shipped):
    snap = Store(REPO / "config.yaml").current().snapshot
    report = checks.report(shipped)  # its counts: tests/test_gazette.py
    assert len(snap.findings) == len(report)
    assert sum(f.status != "ok" for f in snap.findings) == sum(f.status != "ok" for f in report) >= 1


@pytest.mark.slow
def test_copy_of_shipped_project(tmp_path):
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copy(REPO / "config.yaml", tmp_path / "config.yaml")
    assert Store(tmp_path / "config.yaml").current().snapshot is not None


# ---- reads that settle, bounded I/O, health ------------------------------------------------------------------

import threading  # noqa: E402
import time  # noqa: E402

import pytest  # noqa: E402

from tests.conftest import MINI_GRAIN, until  # noqa: E402
from targets.ops import store as state  # noqa: E402
from targets.analysis.changes import FileChange, Row  # noqa: E402
from targets.ops.store import View  # noqa: E402

G, C = "data/grain.yaml", "config.yaml"


def answers(store: Store, timeout: float = 5.0) -> View:
    """store.current() from another thread, which must answer within a few seconds (the old store hung for good)."""
    got: list[View] = []
    worker = threading.Thread(target=lambda: got.append(store.current()), daemon=True)
    worker.start()
    worker.join(timeout)
    assert got, f"Store.current() did not answer within {timeout} s"
    return got[0]


def value_of(snap, county: str, period: str = "2021") -> float:
    f = snap.project.frame
    return f[(f["county"] == county) & (f["period"] == period) & (f["kind"] == "county")]["value"].iloc[0]


@pytest.mark.slow
@pytest.mark.parametrize("skew", [None, -60.0, 60.0], ids=["true-clock", "times-60s-past", "times-60s-future"])
def test_a_slow_in_place_writer_never_shows_a_partial_snapshot_or_a_banner(mini, skew):
    """File times are never trusted: a share whose clock runs 60 s behind (every file looks long quiet) or
    ahead must not let a half-written file through."""
    mini.chdir()
    store = Store(mini.config, settle=1.0)
    good = store.current().snapshot
    final = MINI_GRAIN.replace("兴县: [57.08, 58]", "兴县: [60.08, 58]")
    lines = final.splitlines(keepends=True)
    # Not vacuous: prefixes of this file validate on their own (fewer rows), so only settling keeps them out.
    mini.write("prefix/config.yaml", mini.read(C))
    mini.write("prefix/data/sewer.yaml", mini.read("data/sewer.yaml"))
    mini.write("prefix/data/geo/lvliang_counties.geojson", mini.path("data/geo/lvliang_counties.geojson").read_bytes())
    mini.write("prefix/data/grain.yaml", "".join(lines[:15]) + "figures: []\n")
    assert len(load_project(mini.path("prefix/config.yaml")).frame) < len(good.project.frame)

    seen: list[View] = []
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            seen.append(store.current())
            time.sleep(0.02)

    def write() -> None:
        with open(mini.path(G), "w", encoding="utf-8") as fh:  # in place: truncated, then a line every 0.2 s
            for line in lines:
                fh.write(line)
                fh.flush()
                if skew is not None:  # the share's clock, not ours, stamps the file
                    os.utime(fh.fileno(), (time.time() + skew, time.time() + skew))
                time.sleep(0.2)

    pollers = [threading.Thread(target=poll, daemon=True) for _ in range(3)]
    writer = threading.Thread(target=write, daemon=True)
    for t in pollers + [writer]:
        t.start()
    writer.join(60)
    try:
        done = until(lambda: (v := store.current()).snapshot is not good and v.snapshot)
    finally:
        stop.set()
        for t in pollers:
            t.join(10)
    assert len(seen) > 50
    assert [v.problems for v in seen if v.problems] == []  # no spurious banner
    assert {v.snapshot.fingerprint for v in seen} <= {good.fingerprint, done.fingerprint}  # no prefix served
    assert value_of(done, "兴县") == 60.08 and len(done.project.frame) == len(good.project.frame)
    assert done.changes == (FileChange(file=G, theme="grain", changed=(Row("county", "annex", "sown_area", "兴县", "2021"),)),)
    assert done.previous_loaded_at == good.loaded_at


def _fifo(mini) -> str:
    mini.path(G).unlink()
    os.mkfifo(mini.path(G))
    return "data/grain.yaml:1:1: is a named pipe (FIFO), not a file; put the YAML file itself here"


def _dev_zero(mini) -> str:
    mini.path(G).unlink()
    mini.path(G).symlink_to("/dev/zero")
    return ("data/grain.yaml:1:1: is a link to '/dev/zero', outside the project folder; "
            "copy the file into the folder that holds config.yaml instead")


def _huge_config(mini) -> str:
    mini.append(C, ("# " + "x" * 97 + "\n") * 500_000)  # 50 MB of comments
    size = mini.path(C).stat().st_size
    return (f"config.yaml:1:1: file is {size:,} bytes; the limit is 2,097,152: "
            "config.yaml holds settings only: remove what is not needed (e.g. long comments)")


@pytest.mark.slow
@pytest.mark.parametrize("break_it", [_fifo, _dev_zero, _huge_config], ids=["fifo", "link-to-dev-zero", "50-MB-config"])
def test_a_hostile_file_leaves_every_session_answering_with_the_last_good_snapshot(mini, break_it):
    mini.chdir()
    originals = {name: mini.read(name) for name in (C, G)}
    store = Store(mini.config, settle=0.2)
    good = store.current().snapshot
    message = break_it(mini)
    first, second = answers(store), answers(store)
    assert first.snapshot is good and second.snapshot is good
    broken = until(lambda: (v := answers(store)).problems and v)  # once it has settled: the banner, as today
    assert broken.snapshot is good
    assert [p.render("en") for p in broken.problems] == [message]
    for name, text in originals.items():
        mini.path(name).unlink()
        mini.write(name, text)
    until(lambda: not answers(store).problems)
    assert store.current().snapshot.fingerprint == good.fingerprint


def test_a_save_that_keeps_size_mtime_and_inode_is_seen_by_the_content_hash(mini, monkeypatch):
    monkeypatch.setattr(state, "stat_key", lambda path: None)  # stat sees nothing: only the content hash can tell
    hashing = Store(mini.config, settle=0, hash_every=0.2)
    not_hashing = Store(mini.config, settle=0, hash_every=1e9)
    before = hashing.current().snapshot
    unchanged = not_hashing.current().snapshot
    p = mini.path(G)
    st = p.stat()
    with open(p, "r+b") as fh:
        fh.write(MINI_GRAIN.replace("兴县: [57.08, 58]", "兴县: [57.09, 58]").encode("utf-8"))
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (p.stat().st_size, p.stat().st_mtime_ns, p.stat().st_ino) == (st.st_size, st.st_mtime_ns, st.st_ino)
    after = until(lambda: (v := hashing.current()).snapshot is not before and v.snapshot)
    assert value_of(after, "兴县") == 57.09
    assert all(not_hashing.current().snapshot is unchanged for _ in range(5))  # the hash, not luck, found it


@pytest.mark.slow
def test_a_hung_read_keeps_others_answering_and_makes_the_store_unhealthy(mini, monkeypatch):
    store = Store(mini.config, settle=0, read_timeout=1)
    good = store.current().snapshot
    assert store.status().healthy and store.status().serving
    release = threading.Event()
    real = state.read_input

    def hanging(path, config_path, deadline=None):
        if path.name == "grain.yaml":
            release.wait(30)  # a read on a hung network share
        return real(path, config_path, deadline)

    monkeypatch.setattr(state, "read_input", hanging)
    monkeypatch.setattr(state, "STUCK_AFTER", 0.2)
    mini.edit(G, "兴县: [57.08, 58]", "兴县: [60.08, 58]")
    try:
        assert answers(store).snapshot is good  # the session that noticed: bounded wait, last good data
        assert answers(store).snapshot is good  # everyone else: at once
        until(lambda: store.status().stuck)
        assert not store.status().healthy and store.status().loading_since is not None
    finally:
        release.set()
    assert value_of(until(lambda: (v := store.current()).snapshot is not good and v.snapshot), "兴县") == 60.08
    assert store.status().healthy


def test_status_when_broken(mini):
    mini.edit(G, "兴县: [57.08, 58]", "兴县: [57.08, -58]")
    store = Store(mini.config, settle=0)
    view = store.current()
    assert view.snapshot is None and len(view.problems) == 1
    status = store.status()
    assert (status.serving, status.problems, status.healthy) == (False, 1, False)
    mini.edit(G, "兴县: [57.08, -58]", "兴县: [57.08, 58]")
    assert store.current().snapshot is not None and store.status().healthy
    mini.edit(G, "兴县: [57.08, 58]", "兴县: [57.08, -58]")
    assert store.current().stale
    status = store.status()
    assert (status.serving, status.problems, status.healthy) == (True, 1, True)  # serving the last good data


def test_one_shared_store_per_config(mini):
    assert Store.shared(mini.root) is Store.shared(mini.config)
    assert Store.shared(mini.config) is not Store(mini.config)


REPORT = """\
theme: sewer
as_of: "2021-09-30"
source: {title: 2021年三季度雨污分流改造进展, reporter: 市住建局, received: "2021-10-08"}
values:
  - {indicator: sewer_km, period: "2021", rows: {交城: 6.1}}
"""


@pytest.mark.slow
def test_a_report_file_added_to_the_folder_is_published(mini):
    """A report is a new file: no stat of the files already watched can show it, so the folder is listed too."""
    mini.edit("config.yaml", 'format: ".1f"}', 'format: ".1f", progress: {kind: flow}}')
    mini.write("data/reports/.keep", "")
    store = Store(mini.config, settle=0.2, hash_every=1e9)  # no content hash to fall back on: the listing decides
    first = store.current().snapshot
    assert len(first.project.reports) == 0
    tmp = mini.write("data/reports/q3.yaml.part", REPORT)
    tmp.rename(mini.path("data/reports/q3.yaml"))  # saved whole, then named as a report
    snap = until(lambda: (s := store.current().snapshot) is not first and s)
    assert list(snap.project.reports["value"]) == [6.1]
    mini.path("data/reports/q3.yaml").unlink()  # and a report taken away is gone again
    assert len(until(lambda: (s := store.current().snapshot) is not snap and s).project.reports) == 0

