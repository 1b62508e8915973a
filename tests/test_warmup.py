"""targets.warmup: a server that never answers is given up on in time (the real warm-up is in the browser tests)."""

from __future__ import annotations

import socket

from targets import warmup


def test_a_server_that_never_answers_is_given_up_on():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket closes
    assert warmup.warm(f"http://127.0.0.1:{port}", timeout=1.0) is False
