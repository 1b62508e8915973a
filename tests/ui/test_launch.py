"""targets/ui/launch.py, as `streamlit run app.py` starts it: warm before the first request, health from the data.

Each test runs a real server (plain `streamlit run app.py`) on a copy of the project in tmp_path.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from tests.conftest import copy_project, free_port

pytestmark = pytest.mark.slow  # each test starts a real server


def health(port: int) -> tuple[int, bytes] | None:
    """(status, body) of /_stcore/health, or None while nothing answers."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError:
        return None


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path)


class Running:
    def __init__(self, root: Path) -> None:
        self.port = free_port()
        self.log = root / "server.log"
        env = dict(os.environ, TARGETS_SNAPSHOT_CACHE="0")
        env.pop("TARGETS_CONFIG", None)
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1",
                 "--server.port", str(self.port)],
                cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def first_answer(self, timeout: float = 90) -> tuple[int, bytes]:
        """The first answer the health check gets, polled as a load balancer would (liveness bound only)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            assert self.proc.poll() is None, self.log.read_text(errors="replace")
            got = health(self.port)
            if got is not None:
                return got
            time.sleep(0.05)
        pytest.fail(f"no answer in {timeout} s:\n{self.log.read_text(errors='replace')}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=15)


@pytest.fixture
def serve():
    started: list[Running] = []

    def start(root: Path) -> Running:
        started.append(Running(root))
        return started[-1]

    yield start
    for r in started:
        r.stop()


def test_the_app_ran_and_loaded_its_data_before_the_first_request(project, serve):
    server = serve(project)
    # No request started the load: the warm start did, before the server accepted its first connection.
    assert server.first_answer() == (200, b"ok")
    assert "warm start: app.py ran once" in server.log.read_text(errors="replace")


def test_health_is_503_until_the_data_is_valid_then_ok(project, serve):
    config = project / "config.yaml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good.replace("themes:", "themes: [", 1), encoding="utf-8")
    server = serve(project)
    assert server.first_answer() == (503, b"no valid data loaded")
    config.write_text(good, encoding="utf-8")
    end = time.monotonic() + 60  # each probe looks at the files; the save settles (0.75 s), then loads
    while health(server.port) != (200, b"ok"):
        assert time.monotonic() < end, health(server.port)
        time.sleep(0.2)


def test_the_server_closes_metrics_and_sends_the_safety_headers(project, serve):
    server = serve(project)
    assert server.first_answer() == (200, b"ok")
    base = f"http://127.0.0.1:{server.port}"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(base + "/_stcore/metrics", timeout=10)
    assert refused.value.code == 403
    with urllib.request.urlopen(base + "/sewer?hl=%E5%AD%9D%E4%B9%89%E5%B8%82", timeout=10) as r:  # hl=孝义市
        assert r.status == 200 and b"<html" in r.read().lower()
        assert r.headers["X-Content-Type-Options"] == "nosniff" and r.headers["X-Frame-Options"] == "SAMEORIGIN"
