"""Streamlit servers the browser sections measure: the dashboard and the floor, started the same way."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from common import APP, FLOOR, LOGS, REPO

START_TIMEOUT = 120  # seconds for a server to answer its health check


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`streamlit run SCRIPT` on 127.0.0.1 (a port of its own), in its own process group so it is stopped whole."""

    def __init__(self, name: str, script: Path, config: Path | None = None, env: dict | None = None):
        self.name, self.script, self.config, self.extra_env = name, script, config, env or {}
        self.proc: subprocess.Popen | None = None
        self.port = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def argv(self) -> list[str]:
        return [sys.executable, "-m", "streamlit", "run", str(self.script), "--server.address", "127.0.0.1",
                "--server.port", str(self.port), "--server.headless", "true"]

    def start(self) -> Server:
        LOGS.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        env = dict(os.environ)
        env.pop("TARGETS_CONFIG", None)
        if self.config:
            env["TARGETS_CONFIG"] = str(self.config)
        env.update(self.extra_env)
        with open(LOGS / f"server-{self.name}.log", "wb") as out:
            self.proc = subprocess.Popen(self.argv, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} server exited; see {LOGS / f'server-{self.name}.log'}")
            try:
                with urllib.request.urlopen(self.base + "/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} server not healthy in {START_TIMEOUT} s")

    def rss(self) -> float:
        """Resident memory of the server process, MiB."""
        text = Path(f"/proc/{self.proc.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+) kB", text).group(1)) / 1024

    def cpu_seconds(self) -> float:
        """User + system CPU time the server process has used."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def dashboard(name: str, config: Path | None = None) -> Server:
    return Server(name, APP, config)


def floor_server() -> Server:
    return Server("floor", FLOOR)


@contextmanager
def running(*servers: Server):
    try:
        for s in servers:
            s.start()
        yield servers
    finally:
        for s in servers:
            s.stop()
