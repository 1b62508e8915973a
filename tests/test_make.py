"""The Makefile's `make run`: the server starts even when the data is invalid, and shows the problems
(its health check says the data cannot be served)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import REPO, free_port

pytestmark = pytest.mark.slow  # starts a real server through make


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_starts_the_server_with_invalid_data(tmp_path):
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copy(REPO / "config.yaml", tmp_path / "config.yaml")
    grain = tmp_path / "data" / "grain.yaml"
    grain.write_text(grain.read_text(encoding="utf-8").replace("临县:   [117.59, 1.58]", "临县:   [-1, 1.58]"), encoding="utf-8")
    port = free_port()
    env = {**os.environ, "TARGETS_CONFIG": str(tmp_path / "config.yaml")}
    # -o: never reinstall the environment from here; `make test` has just set it up.
    proc = subprocess.Popen(["make", "-s", "-o", ".venv/.runtime", "run", f"PORT={port}"], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        answer = None
        end = time.monotonic() + 60  # liveness bound for a cold Streamlit start on a busy machine
        while time.monotonic() < end and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    answer = (r.status, r.read())
                    break
            except urllib.error.HTTPError as e:
                answer = (e.code, e.read())
                break
            except OSError:
                time.sleep(0.2)
        assert proc.poll() is None, "make run exited instead of starting the server"
        # Serving (the page shows the banner), but not healthy: a load balancer would not send users here.
        assert answer == (503, b"no valid data loaded")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as r:
            assert r.status == 200
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # make and the server it started: this test's own process group
        out = proc.communicate(timeout=30)[0].decode()
    assert "data/grain.yaml:21:14: tables[0].rows.临县[0]: 写的是负数 -1；目标不会是负数：请检查正负号" in out  # the team's language
    assert "Starting anyway: the dashboard shows these problems in a banner until they are fixed." in out
