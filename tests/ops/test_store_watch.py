"""The shared store watches the files itself: a save settles and is published with nobody asking, so a page
opened (or reloaded) after the settle shows it at once, and open pages see the version change (follow.py)."""

from __future__ import annotations

import pytest



from tests.conftest import until

from targets.ops.store import Store

pytestmark = pytest.mark.slow  # waits for saves to settle / runs the app: make test, not test-fast

G = "data/grain.yaml"


def test_a_save_is_published_with_nobody_browsing(mini, monkeypatch):
    monkeypatch.setenv("TARGETS_SNAPSHOT_CACHE", "0")
    store = Store.shared(mini.config)
    good = store.current().snapshot
    version, settling = store.pulse()
    assert not settling and store.current_snapshot() is good
    mini.edit(G, "兴县: [57.08, 58]", "兴县: [60.08, 58]")
    # No store.current() from here on: only the watcher can notice, settle and publish.
    until(lambda: store.pulse()[0] > version)
    published = store.current_snapshot()
    assert published is not good and not store.pulse()[1]
    f = published.project.frame
    assert 60.08 in set(f[f["county"] == "兴县"]["value"])
    assert store.current().snapshot is published  # a reload: the new data, no wait for a settle


def test_a_broken_save_bumps_the_version_too(mini, monkeypatch):
    monkeypatch.setenv("TARGETS_SNAPSHOT_CACHE", "0")
    store = Store.shared(mini.config)
    good = store.current().snapshot
    version, _ = store.pulse()
    mini.edit(G, "兴县: [57.08, 58]", "兴县: [57.08, -58]")
    until(lambda: store.pulse()[0] > version)  # open pages redraw to show the banner
    view = store.current()
    assert view.snapshot is good and view.problems


def test_listeners_are_told_when_a_save_starts_settling_and_when_it_is_published(mini, monkeypatch):
    monkeypatch.setenv("TARGETS_SNAPSHOT_CACHE", "0")
    store = Store(mini.config, settle=0.3)
    store.current()
    told: list[tuple[int, bool]] = []
    store.subscribe(lambda: told.append(store.pulse()))
    version = store.pulse()[0]
    mini.edit(G, "兴县: [57.08, 58]", "兴县: [60.08, 58]")
    store.current()  # notices, waits for the verdict
    assert told == [(version, True), (version + 1, False)]  # "being read", then the new data: nothing else
    store.current()
    assert len(told) == 2  # nothing changed: nobody is told anything
