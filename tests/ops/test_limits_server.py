"""The app server under hostile load, on loopback: a real `streamlit run app.py` under `prlimit --nofile=1024`
(the soft and hard open-files limit a systemd service gets by default).

* 300 websockets held by one client leave a new visitor's page working; flooding from many addresses makes
  health answer 503 before a page fails (never "ok" while a visitor is refused);
* slow-header clients are closed by the app server (targets/ops/serve.py);
* 300 garbage frames (text frames, broken protobufs) add under 200 KB of log;
* a foreign Host (HTTP) and Host/Origin (websocket) are refused.

Attackers connect from other loopback addresses (127.0.0.2 and up: all of 127/8 is loopback on Linux), so
the per-client limit tells them from the visitor on 127.0.0.1. Every count and wait here is bounded.
"""

from __future__ import annotations

import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import copy_project, free_port, until

pytestmark = pytest.mark.slow

HELD = 300
HEADER_TIMEOUT = 2  # seconds (TARGETS_HEADER_TIMEOUT for this server; 10 by default)


def _http(port: int, path: str = "/", host: str | None = None, timeout: float = 10) -> tuple[int, bytes]:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def ws_open(port: int, src: str = "127.0.0.1", host: str = "127.0.0.1", origin: str | None = None) -> tuple[socket.socket, int]:
    """A websocket to /_stcore/stream from `src`: (socket, HTTP status of the upgrade; 101 = a session)."""
    s = socket.socket()
    s.settimeout(10)
    s.bind((src, 0))
    s.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [f"GET /_stcore/stream HTTP/1.1", f"Host: {host}:{port}", "Upgrade: websocket", "Connection: Upgrade",
             f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Protocol: streamlit"]
    if origin:
        lines.append(f"Origin: {origin}")
    s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(4096)
        if not chunk:
            break
        head += chunk
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
    return s, status


def frame(payload: bytes, opcode: int) -> bytes:
    """One masked client frame (payload < 126 bytes)."""
    mask = os.urandom(4)
    return bytes([0x80 | opcode, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


class Server:
    def __init__(self, root: Path) -> None:
        self.root, self.port, self.log = root, free_port(), root / "server.log"
        env = dict(os.environ, TARGETS_SNAPSHOT_CACHE="0", TARGETS_HEADER_TIMEOUT=str(HEADER_TIMEOUT), PYTHONUNBUFFERED="1")
        env.pop("TARGETS_CONFIG", None)
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                [shutil.which("prlimit") or "prlimit", "--nofile=1024", sys.executable, "-m", "streamlit", "run", "app.py",
                 "--server.address", "127.0.0.1", "--server.port", str(self.port)],
                cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        end = time.monotonic() + 90
        while time.monotonic() < end:
            assert self.proc.poll() is None, self.log.read_text(errors="replace")
            try:
                if _http(self.port, "/_stcore/health", timeout=2) == (200, b"ok"):
                    return
            except OSError:
                pass
            time.sleep(0.1)
        pytest.fail(f"server not healthy in 90 s:\n{self.log.read_text(errors='replace')[-3000:]}")

    def fds(self) -> int:
        return len(os.listdir(f"/proc/{self.proc.pid}/fd"))

    def log_size(self) -> int:
        return self.log.stat().st_size

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if shutil.which("prlimit") is None:
        pytest.skip("prlimit (util-linux) not installed")
    s = Server(copy_project(tmp_path_factory.mktemp("limits")))
    yield s
    s.stop()


def _until(condition, timeout: float = 60.0):
    return until(condition, timeout, every=0.2)


def test_held_websockets_from_one_client_leave_a_new_visitor_working(server):
    held, refused = [], 0
    try:
        for _ in range(HELD):
            s, status = ws_open(server.port, src="127.0.0.2")
            if status == 101:
                held.append(s)
            else:
                refused += 1
                s.close()
        assert 0 < len(held) < HELD and refused == HELD - len(held)  # the per-client limit, not the descriptors
        assert _http(server.port, "/") [0] == 200
        visitor, status = ws_open(server.port)
        visitor.close()
        assert status == 101, "a new visitor's page could not open its session"
        assert _http(server.port, "/_stcore/health") == (200, b"ok")
    finally:
        for s in held:
            s.close()
    assert "Too many open files" not in server.log.read_text(errors="replace")


def test_health_is_never_ok_while_a_new_session_would_fail(server):
    """300 sessions from 20 addresses each: past what 1024 descriptors allow, health says 503 first."""
    held, seen = [], []
    try:
        for i in range(HELD):
            s, status = ws_open(server.port, src=f"127.0.1.{i % 20 + 1}")
            (held if status == 101 else []).append(s) if status == 101 else s.close()
            if i % 25 == 24:
                health = _http(server.port, "/_stcore/health")
                visitor, vstatus = ws_open(server.port)
                visitor.close()
                seen.append((health[0], vstatus))
                assert not (health[0] == 200 and vstatus != 101), (health, vstatus)
        assert (503, 503) in seen or all(h == 200 and v == 101 for h, v in seen)
        status, body = _http(server.port, "/_stcore/health")
        assert status == 503 and b"session limit reached" in body or b"file descriptors" in body, body
    finally:
        for s in held:
            s.close()
    # Closed tabs give their descriptors back (the disconnected sessions are shut down within seconds).
    _until(lambda: _http(server.port, "/_stcore/health") == (200, b"ok"))
    assert "Too many open files" not in server.log.read_text(errors="replace")


def test_slow_header_clients_are_closed_by_the_app_server(server):
    socks = []
    for _ in range(100):
        s = socket.socket()
        s.bind(("127.0.0.3", 0))
        s.connect(("127.0.0.1", server.port))
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        s.settimeout(0.05)
        socks.append(s)
    closed: set[int] = set()
    end = time.monotonic() + 10 * HEADER_TIMEOUT  # liveness bound: they must be closed, some time
    while time.monotonic() < end and len(closed) < len(socks):
        for i, s in enumerate(socks):
            if i in closed:
                continue
            try:
                s.sendall(b"X-Slow: 1\r\n")  # a header line now and then, as slowloris does
                if s.recv(64) == b"":
                    closed.add(i)
            except socket.timeout:
                pass
            except OSError:
                closed.add(i)
        time.sleep(0.3)
    for s in socks:
        s.close()
    assert len(closed) == len(socks)


def test_garbage_frames_add_little_log(server):
    before = server.log_size()
    frames = [frame(b'{"hello": "world"}', 0x1), frame(b"\xff\xfe not a protobuf \x00\x01", 0x2)]
    for i in range(300):
        s, status = ws_open(server.port, src="127.0.0.4")
        assert status == 101
        try:
            s.sendall(frames[i % 2])
            s.settimeout(5)
            assert s.recv(2)[:1] == b"\x88"  # the server's close frame (1003 for text, 1002 for a broken BackMsg)
        except OSError:
            pass
        finally:
            s.close()
    time.sleep(1)  # the last lines flushed
    grown = server.log_size() - before
    assert grown < 200 * 1024, f"{grown} bytes of log for 300 bad frames"
    assert "Traceback" not in server.log.read_text(errors="replace")[before:]


def test_a_foreign_host_is_refused(server):
    assert _http(server.port, "/", host="evil.example")[0] == 403
    assert _http(server.port, "/_stcore/host-config", host="evil.example:8501")[0] == 403
    s, status = ws_open(server.port, host="evil.example", origin="http://evil.example")
    s.close()
    assert status == 403
    s, status = ws_open(server.port, origin="http://evil.example")  # a loopback Host, a foreign page
    s.close()
    assert status == 403
    assert _http(server.port, "/", host="localhost")[0] == 200
    s, status = ws_open(server.port, host="localhost", origin=f"http://localhost:{server.port}")
    s.close()
    assert status == 101
