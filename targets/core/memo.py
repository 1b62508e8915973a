"""Results of pure functions of one snapshot, computed once and shared by every rerun and session.

A snapshot's frame (or project) never changes, so a selection of it for given
arguments is the same each time a page reruns. The cache holds the frame only
weakly: when a new snapshot replaces it, its results go with it. Results are
shared read-only: callers never modify what they get (they `assign` or copy).
"""

from __future__ import annotations

import functools
import inspect
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable)
_MISSING = object()


def _hashable(value):
    if isinstance(value, (list, tuple)):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return frozenset(value)
    key = getattr(value, "memo_key", None)
    if key is not None:
        return key
    try:
        hash(value)
        return value
    except TypeError:  # e.g. a frame another memoized function returned: the same object means the same rows
        return ("id", id(value))


def per_snapshot(maxsize: int = 256) -> Callable[[F], F]:
    """Cache `func(obj, *args, **kwargs)` per `obj` (held weakly) and the other arguments (by value).

    Arguments that are not hashable by value (e.g. a config model, the same object for the whole snapshot) are
    keyed by identity.
    """

    def decorate(func: F) -> F:
        # By identity (a frame or project is not hashable by value); an entry goes when its object does.
        caches: dict[int, OrderedDict] = {}
        # Re-entrant: a finalizer may run (garbage collection) while this thread holds it.
        lock = threading.RLock()  # guards the dicts only; the computation runs outside it

        signature = inspect.signature(func)

        @functools.wraps(func)
        def wrapper(obj, *args, **kwargs):
            try:
                # f(p, d) and f(p, d, None) are one call: the key is every argument as bound, defaults included.
                bound = signature.bind(obj, *args, **kwargs)
                bound.apply_defaults()
                named = list(bound.arguments.items())[1:]
                key = tuple((k, _key(v)) for k, v in named)
                hash(key)
            except TypeError:
                return func(obj, *args, **kwargs)
            with lock:
                cache = caches.get(id(obj))
                hit = cache.get(key, _MISSING) if cache is not None else _MISSING
                if hit is not _MISSING:
                    cache.move_to_end(key)
                    return hit[1]
            result = func(obj, *args, **kwargs)
            with lock:
                cache = caches.get(id(obj))
                if cache is None:
                    cache = caches[id(obj)] = OrderedDict()
                    weakref.finalize(obj, _drop, caches, lock, id(obj))
                # The arguments are kept with the result: an argument keyed by identity cannot be freed and
                # its id reused by another object while the entry exists.
                cache[key] = ((args, kwargs), result)
                while len(cache) > maxsize:
                    cache.popitem(last=False)
            return result

        return wrapper  # type: ignore[return-value]

    return decorate


def _drop(caches: dict, lock: threading.RLock, ident: int) -> None:
    with lock:
        caches.pop(ident, None)


def _key(value):
    return _hashable(value)  # Labels carry a memo_key: the same words for the same config and language
