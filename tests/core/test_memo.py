"""Per-snapshot memo: one computation per (snapshot object, arguments), dropped with the snapshot."""

from __future__ import annotations

import gc

import pandas as pd

from targets.core.memo import per_snapshot


def test_results_are_computed_once_per_object_and_arguments():
    calls = []

    @per_snapshot()
    def rows(frame, theme, picked):
        calls.append((theme, tuple(picked)))
        return frame[frame["theme"] == theme]

    f = pd.DataFrame({"theme": ["a", "b"]})
    first = rows(f, "a", ["x"])
    assert rows(f, "a", ["x"]) is first           # a list argument is keyed by value
    rows(f, "b", ["x"])
    rows(pd.DataFrame({"theme": ["a"]}), "a", ["x"])  # another snapshot's frame: computed again
    assert calls == [("a", ("x",)), ("b", ("x",)), ("a", ("x",))]


def test_results_go_with_their_snapshot():
    @per_snapshot()
    def size(frame):
        return len(frame)

    f = pd.DataFrame({"a": range(3)})
    size(f)
    caches = next(c.cell_contents for c in size.__closure__ if isinstance(c.cell_contents, dict))
    assert len(caches) == 1
    del f
    gc.collect()
    assert caches == {}  # a replaced snapshot's results are not kept


def test_maxsize_keeps_the_most_recent():
    calls = []

    @per_snapshot(maxsize=2)
    def twice(frame, n):
        calls.append(n)
        return n * 2

    f = pd.DataFrame()
    for n in (1, 2, 1, 3, 1, 2):
        twice(f, n)
    assert calls == [1, 2, 3, 2]


def test_an_argument_keyed_by_identity_is_kept_alive_with_its_result():
    """A frame passed in a list is keyed by its id; the entry holds it, so no new object can take that id."""
    import weakref

    @per_snapshot()
    def total(frame, parts):
        return sum(len(p) for p in parts)

    f = pd.DataFrame()
    part = pd.DataFrame({"a": [1, 2]})
    ref = weakref.ref(part)
    assert total(f, [part]) == 2 and total(f, [part]) == 2
    del part
    gc.collect()
    assert ref() is not None
