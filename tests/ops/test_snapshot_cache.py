"""The on-disk snapshot cache: a restart with the same bytes reuses it; anything else rebuilds, never trusts."""

from __future__ import annotations

from pathlib import Path

import pytest

from targets.ops import snapshot_cache
from targets.ops.store import Store


def _store(mini, monkeypatch, tmp_path: Path) -> Store:
    monkeypatch.setenv(snapshot_cache.ENV, str(tmp_path / "cache"))
    return Store(mini.config, settle=0)


def _entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("*.json"))


@pytest.mark.slow
def test_a_restart_with_the_same_files_reads_the_cache(mini, monkeypatch, tmp_path):
    first = _store(mini, monkeypatch, tmp_path).current().snapshot
    assert len(_entries(tmp_path)) == 1

    calls = []
    monkeypatch.setattr("targets.ops.store.load_project", lambda *a, **k: calls.append(1))  # a restart must not load
    again = _store(mini, monkeypatch, tmp_path).current().snapshot
    assert calls == []
    assert again.project.frame.equals(first.project.frame)
    assert again.ranks.equals(first.ranks) and again.findings == first.findings
    assert again.project.config == first.project.config and again.project.data == first.project.data


@pytest.mark.slow
def test_an_edited_file_is_a_miss(mini, monkeypatch, tmp_path):
    _store(mini, monkeypatch, tmp_path).current()
    mini.edit("data/grain.yaml", "[20.07, 21]", "[20.5, 21]")
    snap = _store(mini, monkeypatch, tmp_path).current().snapshot
    assert 20.5 in set(snap.project.frame["value"])
    assert len(_entries(tmp_path)) == 2


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["frame", "ranks", "manifest"])
def test_a_damaged_cache_is_rebuilt_not_trusted(mini, monkeypatch, tmp_path, damage):
    good = _store(mini, monkeypatch, tmp_path).current().snapshot
    entry = _entries(tmp_path)[0]
    target = {"frame": entry.with_suffix(".frame.parquet"), "ranks": entry.with_suffix(".ranks.parquet"),
              "manifest": entry}[damage]
    raw = bytearray(target.read_bytes())
    raw[len(raw) // 2] ^= 0xFF  # one flipped byte
    target.write_bytes(bytes(raw))
    snap = _store(mini, monkeypatch, tmp_path).current().snapshot
    assert snap.project.frame.equals(good.project.frame)
    assert snapshot_cache.load(mini.config, entry.stem) is not None  # rewritten whole by the rebuild


def test_the_cache_can_be_turned_off(mini, monkeypatch, tmp_path):
    monkeypatch.setenv("TARGETS_SNAPSHOT_CACHE", "0")
    _store(mini, monkeypatch, tmp_path).current()
    assert _entries(tmp_path) == []
