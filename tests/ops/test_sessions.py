"""targets.ops.sessions: disconnected sessions kept a short while, a few, and shut down when dropped."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from targets.ops.sessions import ReleasingStorage


@dataclass
class FakeSession:
    id: str
    shut: list = field(default_factory=list)

    def shutdown(self) -> None:
        self.shut.append(self.id)


@dataclass
class Info:
    session: FakeSession


def test_expired_and_surplus_sessions_are_shut_down_not_just_forgotten():
    shut: list[str] = []
    storage = ReleasingStorage(ttl=0.2, keep=2)
    infos = [Info(FakeSession(f"s{i}", shut)) for i in range(4)]
    for info in infos:
        storage.save(info)  # no running loop here: the surplus waits for the sweep
    assert storage.get("s3") is infos[3]
    assert storage.sweep() == 2 and shut == ["s0", "s1"]  # the oldest surplus
    assert [i.session.id for i in storage.list()] == ["s2", "s3"]
    storage.delete("s2")  # reconnected: Streamlit takes it back, nothing is shut down
    time.sleep(0.3)
    assert storage.get("s3") is None  # expired: no longer offered for reconnect
    assert storage.sweep() == 1 and shut == ["s0", "s1", "s3"]
    assert storage.list() == []
