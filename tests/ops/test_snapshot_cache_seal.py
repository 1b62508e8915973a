"""The snapshot cache's seal: an edited manifest is rebuilt, not trusted; files of no sealed entry are removed."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from targets.ops import snapshot_cache
from targets.ops.store import Store

pytestmark = pytest.mark.slow  # each test loads the mini project twice


def _store(mini, monkeypatch, tmp_path: Path) -> Store:
    monkeypatch.setenv(snapshot_cache.ENV, str(tmp_path / "cache"))
    return Store(mini.config, settle=0)


def test_an_edited_label_in_the_manifest_is_rebuilt_not_shown(mini, monkeypatch, tmp_path):
    good = _store(mini, monkeypatch, tmp_path).current().snapshot
    entry = next((tmp_path / "cache").glob("*.json"))
    manifest = json.loads(entry.read_text(encoding="utf-8"))
    theme = manifest["config"]["themes"][0]
    assert theme["zh"] != "篡改"
    theme["zh"] = "篡改"  # valid JSON, valid model: only the seal can tell
    entry.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    assert snapshot_cache.load(mini.config, entry.stem) is None
    again = _store(mini, monkeypatch, tmp_path).current().snapshot
    assert again.project.config.themes[0].zh == good.project.config.themes[0].zh != "篡改"
    assert snapshot_cache.load(mini.config, entry.stem) is not None  # rewritten whole, sealed again


def test_files_of_no_sealed_entry_are_removed_once_old(mini, monkeypatch, tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    old, fresh = folder / "deadbeef.frame.parquet", folder / "cafe.frame.parquet"
    tmp = folder / ".tmp-abc"
    for p in (old, fresh, tmp):
        p.write_bytes(b"half a write")
    long_ago = time.time() - 2 * snapshot_cache.ORPHAN_AGE
    os.utime(old, (long_ago, long_ago))
    os.utime(tmp, (long_ago, long_ago))
    _store(mini, monkeypatch, tmp_path).current()
    assert not old.exists() and not tmp.exists()
    assert fresh.exists()  # may be another replica's write in progress
    entries = sorted(p.name.split(".", 1)[1] for p in folder.iterdir() if p.name.split(".", 1)[0] != "cafe")
    assert entries == ["frame.parquet", "json", "ranks.parquet", "reports.parquet", "seal"]
