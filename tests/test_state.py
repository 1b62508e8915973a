"""The snapshot store: content-keyed reloads, rename-saves, last-good fallback, recovery."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from targets.state import Store

REPO = Path(__file__).resolve().parent.parent


def test_same_files_same_snapshot(mini):
    store = Store(mini.config)
    first = store.current()
    assert first.snapshot is not None and not first.problems
    assert store.current().snapshot is first.snapshot  # one immutable object, not rebuilt


def test_a_saved_change_is_seen_on_the_next_call(mini):
    store = Store(mini.config)
    before = store.current().snapshot
    mini.edit("data/grain.yaml", "兴县: [57.08, 58]", "兴县: [60.08, 58]")
    after = store.current().snapshot
    assert after is not before
    f = after.project.frame
    assert f[(f["county"] == "兴县") & (f["period"] == "2021") & (f["kind"] == "county")]["value"].iloc[0] == 60.08


def test_a_save_by_rename_is_seen(mini):
    store = Store(mini.config)
    store.current()
    tmp = mini.path("data/.grain.yaml.swp")
    tmp.write_text(mini.read("data/grain.yaml").replace("交城县: [11.33, 12]", "交城县: [11.5, 12]"), encoding="utf-8")
    os.replace(tmp, mini.path("data/grain.yaml"))  # what editors do on save
    f = store.current().snapshot.project.frame
    assert 11.5 in set(f[f["county"] == "交城县"]["value"])


def test_content_not_time_decides(mini):
    store = Store(mini.config)
    before = store.current().snapshot
    p = mini.path("data/grain.yaml")
    os.utime(p, (1, 1))  # touched, not changed
    assert store.current().snapshot is before


def test_broken_files_keep_the_last_good_snapshot_then_recover(mini):
    mini.chdir()
    store = Store(mini.config)
    good = store.current().snapshot
    mini.edit("data/grain.yaml", "兴县: [57.08, 58]", "兴县: [57.08, \"58\"]")
    view = store.current()
    assert view.snapshot is good and view.stale
    assert [p.render() for p in view.problems] == [
        "data/grain.yaml:16:19: tables[0].rows.兴县[1]: got text '58', a number written as text; remove the quotes"]
    mini.edit("data/grain.yaml", "兴县: [57.08, \"58\"]", "兴县: [57.08, 59]")
    fixed = store.current()
    assert not fixed.problems and fixed.snapshot is not good


def test_no_valid_data_yet_gives_problems_and_no_snapshot(mini):
    mini.write("config.yaml", "title: [")
    view = Store(mini.config).current()
    assert view.snapshot is None and view.problems


def test_shipped_findings_are_computed_once_with_the_snapshot():
    snap = Store(REPO / "config.yaml").current().snapshot
    assert len(snap.findings) == 33
    assert sum(f.status != "ok" for f in snap.findings) == 2


def test_copy_of_shipped_project(tmp_path):
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copy(REPO / "config.yaml", tmp_path / "config.yaml")
    assert Store(tmp_path / "config.yaml").current().snapshot is not None
