"""Where Streamlit keeps sessions whose tab went away: a short while, a few of them, and closed when dropped.

Streamlit keeps a disconnected session for `server.disconnectedSessionTTL` (120 s) so that a browser back
after a network blip finds its state, up to 128 of them, in a cache that forgets an expired or surplus
session without shutting it down: its event loop (3 file descriptors) stayed open until the garbage collector
came by. This storage keeps at most `keep` sessions for `ttl` seconds and shuts down every session it
drops, so a closed tab gives its descriptors back within `ttl`. A reconnect later than that starts a fresh
session, which every page rebuilds from its URL. launch.py installs it and sweeps it every few seconds.

Duck-typed to Streamlit's SessionStorage protocol (get, save, delete, list): no Streamlit import.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import OrderedDict

log = logging.getLogger(__name__)

TTL = 15.0  # seconds a disconnected session waits for its browser to come back
KEEP = 16  # disconnected sessions kept at most


class ReleasingStorage:
    def __init__(self, ttl: float = TTL, keep: int = KEEP) -> None:
        self.ttl, self.keep = ttl, keep
        self._lock = threading.Lock()
        self._kept: OrderedDict[str, tuple[float, object]] = OrderedDict()  # id -> (expires at, SessionInfo)

    def get(self, session_id: str):
        with self._lock:
            entry = self._kept.get(session_id)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def save(self, session_info) -> None:
        with self._lock:
            self._kept[session_info.session.id] = (time.monotonic() + self.ttl, session_info)
            self._kept.move_to_end(session_info.session.id)
            over = len(self._kept) > self.keep
        if over:  # tabs opened and closed in a burst: the surplus goes now, not at the next sweep
            # Streamlit calls this under its session manager's lock: shut them down once it is let go.
            try:
                asyncio.get_running_loop().call_soon(self.sweep)
            except RuntimeError:  # no loop in this thread: launch.py's sweeper does it
                pass

    def delete(self, session_id: str) -> None:
        with self._lock:
            self._kept.pop(session_id, None)

    def list(self) -> list:
        now = time.monotonic()
        with self._lock:
            return [info for expires, info in self._kept.values() if expires >= now]

    def sweep(self) -> int:
        """Shut down the expired sessions and those past `keep` (oldest first); the number shut down."""
        now = time.monotonic()
        with self._lock:
            dropped = [sid for sid, (expires, _) in self._kept.items() if expires < now]
            surplus = len(self._kept) - len(dropped) - self.keep
            dropped += [sid for sid in self._kept if sid not in dropped][:max(surplus, 0)]
            infos = [self._kept.pop(sid)[1] for sid in dropped]
        for info in infos:
            try:
                info.session.shutdown()  # closes its event loop: the descriptors go back now, not at the next GC
            except Exception:  # noqa: BLE001 - one session's teardown must not keep the others
                log.exception("targets: shutting down a disconnected session failed")
        return len(infos)
