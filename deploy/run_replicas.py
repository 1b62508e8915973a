#!/usr/bin/env python3
"""Start N Streamlit replicas of the dashboard and HAProxy in front of them, all on loopback; stop them cleanly.

    .venv/bin/python deploy/run_replicas.py                      # 3 replicas, HAProxy on 127.0.0.1:8500
    .venv/bin/python deploy/run_replicas.py --replicas 4 --port 8080 --prefix targets
    .venv/bin/python deploy/run_replicas.py --print-config       # the HAProxy configuration it would use

Each replica is a plain `streamlit run app.py` bound to 127.0.0.1 on its own port, started in the
project folder (so it reads the same .streamlit/config.toml, config.yaml and data/). HAProxy
(deploy/haproxy.cfg, filled in here) spreads new browsers round-robin, keeps each on its replica
with a cookie, checks /_stcore/health, and moves the browsers of a lost replica to the others.
A replica that exits is started again (unless --no-restart). Ctrl-C or SIGTERM stops everything.

Also imported by the tests (tests/browser/test_replicas.py) and the capacity bench (bench/capacity.py).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run as a script from deploy/: the app's own package, for the CSP
from targets.ops import hardening  # noqa: E402

TEMPLATE = Path(__file__).with_name("haproxy.cfg")
START_TIMEOUT = 90.0  # a replica answers /_stcore/health in 2–5 s on 2 cores; much more under load


# ---- the HAProxy configuration ------------------------------------------------------------------------------


def _streamlit_index() -> str:
    import streamlit

    return (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")


def inline_script_hashes(html: str) -> list[str]:
    """CSP hashes of the inline <script> blocks in Streamlit's index.html (targets/ops/hardening.py)."""
    return hardening.inline_script_hashes(html)


def content_security_policy(html: str | None = None) -> str:
    """The CSP the replicas send too (targets/ops/hardening.py), for the Streamlit installed."""
    return hardening.content_security_policy(_streamlit_index() if html is None else html)


CONN_PER_CLIENT = 100  # open connections per source address (a browser holds ~6; an office behind NAT, many)
REQ_PER_CLIENT = 3000  # requests per 10 s per source address (a first page load is ~40 files; 12 browsers at once, ~500)


def render_config(servers: list[tuple[str, int]], *, bind: str, stats_socket: Path, prefix: str = "",
                  csp: str | None = None) -> str:
    """deploy/haproxy.cfg with its @MARKERS@ filled in."""
    lines = "\n".join(f"    server {name} 127.0.0.1:{port} cookie {name}" for name, port in servers)
    values = {"@BIND@": bind, "@STATS_SOCKET@": str(stats_socket), "@PREFIX@": _base(prefix),
              "@CSP@": csp if csp is not None else content_security_policy(), "@SERVERS@": lines,
              "@CONN_PER_CLIENT@": str(CONN_PER_CLIENT), "@REQ_PER_CLIENT@": str(REQ_PER_CLIENT)}
    text = TEMPLATE.read_text(encoding="utf-8")
    for marker, value in values.items():
        text = text.replace(marker, value)
    left = re.findall(r"@[A-Z_]+@", text)
    if left:
        raise ValueError(f"{TEMPLATE}: markers left unfilled: {sorted(set(left))}")
    return text


def _base(prefix: str) -> str:
    """'targets' or '/targets/' -> '/targets'; '' -> ''."""
    prefix = prefix.strip("/")
    return f"/{prefix}" if prefix else ""


# ---- processes -----------------------------------------------------------------------------------------------


def find_program(name: str) -> str | None:
    """`name` on PATH, or in /usr/sbin where Debian puts haproxy and nginx (often not on a user's PATH)."""
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop_group(proc: subprocess.Popen | None, timeout: float = 10.0) -> None:
    """SIGTERM the process group, SIGKILL it if it does not end in time."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=timeout)
    except ProcessLookupError:
        pass


def _get(url: str, timeout: float = 2.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


@dataclass
class Replica:
    name: str
    port: int
    proc: subprocess.Popen | None = None
    log: Path | None = None
    starts: int = 0

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


@dataclass
class ReplicaSet:
    """N replicas of `streamlit run app.py` in `root` and one HAProxy, on 127.0.0.1.

    `port` is HAProxy's (0: a free one); replicas take `first_port`, `first_port + 1`, … (0: free ports).
    `prefix` serves everything under /<prefix>/ (Streamlit's server.baseUrlPath), for a sub-path
    behind an intranet web server. Logs and the generated configuration go to `run_dir`.
    """

    root: Path = REPO
    replicas: int = 3
    port: int = 0
    first_port: int = 0
    prefix: str = ""
    run_dir: Path | None = None
    python: str = sys.executable
    haproxy_bin: str = ""
    cpus: list[str] = field(default_factory=list)  # replica i runs on cpus[i % len(cpus)] (taskset), if given
    launcher: list[str] = field(default_factory=list)  # prefix for each replica's command, e.g. ["nice", "-n", "5"]
    members: list[Replica] = field(default_factory=list)
    haproxy: subprocess.Popen | None = None

    # -- set-up

    def __post_init__(self) -> None:
        self.haproxy_bin = self.haproxy_bin or find_program("haproxy") or "haproxy"
        self.root = Path(self.root).resolve()
        if self.run_dir is None:
            self.run_dir = Path(tempfile.mkdtemp(prefix="targets-replicas-"))
        self.run_dir = Path(self.run_dir)  # made by start(): --print-config and --status leave no folder behind
        if not self.port:
            self.port = free_port()
        ports = ([self.first_port + i for i in range(self.replicas)] if self.first_port
                 else [free_port() for _ in range(self.replicas)])
        self.members = [Replica(f"r{i + 1}", p) for i, p in enumerate(ports)]

    @property
    def stats_socket(self) -> Path:
        path = self.run_dir / "haproxy.sock"
        if len(str(path)) < 100:  # a unix socket path must fit in 108 bytes
            return path
        if not hasattr(self, "_socket_dir"):
            self._socket_dir = Path(tempfile.mkdtemp(prefix="targets-haproxy-"))
        return self._socket_dir / "haproxy.sock"

    @property
    def config_file(self) -> Path:
        return self.run_dir / "haproxy.cfg"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}{_base(self.prefix)}"

    def url(self, path: str = "/") -> str:
        return self.base + (path if path.startswith("/") else "/" + path)

    def config(self) -> str:
        return render_config([(r.name, r.port) for r in self.members], bind=f"127.0.0.1:{self.port}",
                             stats_socket=self.stats_socket, prefix=self.prefix)

    def replica(self, name: str) -> Replica:
        return next(r for r in self.members if r.name == name)

    # -- start / stop

    def start(self) -> ReplicaSet:
        if find_program(self.haproxy_bin) is None:
            raise RuntimeError("haproxy is not installed: run scripts/ensure_proxies.sh (Debian: apt-get install haproxy)")
        self.run_dir.mkdir(parents=True, exist_ok=True)
        try:
            for r in self.members:  # all at once: they import and load in parallel
                self._spawn(r)
            for r in self.members:
                self._wait_healthy(r)
            self.config_file.write_text(self.config(), encoding="utf-8")
            check = subprocess.run([self.haproxy_bin, "-c", "-q", "-f", str(self.config_file)],
                                   capture_output=True, text=True)
            if check.returncode != 0:
                raise RuntimeError(f"haproxy -c rejected {self.config_file}:\n{check.stdout}{check.stderr}")
            with open(self.run_dir / "haproxy.log", "ab") as out:
                self.haproxy = subprocess.Popen([self.haproxy_bin, "-db", "-f", str(self.config_file)],
                                                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                                start_new_session=True)
            self.wait_until(self.all_up, 30, "every replica UP in HAProxy's checks")
        except BaseException:
            self.stop()
            raise
        return self

    def _spawn(self, r: Replica) -> None:
        r.log = self.run_dir / f"{r.name}.log"
        # HAProxy is the replicas' only client here: they count sessions per visitor from its X-Forwarded-For.
        env = dict(os.environ, PYTHONUNBUFFERED="1", TARGETS_CONFIG=str(self.root / "config.yaml"),
                   TARGETS_TRUSTED_PROXIES="127.0.0.1")
        argv = [self.python, "-m", "streamlit", "run", str(self.root / "app.py"),
                "--server.address", "127.0.0.1", "--server.port", str(r.port)]
        if self.cpus:  # one replica per core: a busy replica does not take CPU from the others' sessions
            argv = ["taskset", "-c", self.cpus[self.members.index(r) % len(self.cpus)], *argv]
        argv = [*self.launcher, *argv]
        if self.prefix:
            argv += ["--server.baseUrlPath", self.prefix.strip("/")]
        with open(r.log, "ab") as out:
            r.proc = subprocess.Popen(argv, cwd=self.root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL, start_new_session=True)
        r.starts += 1

    def _wait_healthy(self, r: Replica, timeout: float = START_TIMEOUT) -> None:
        url = f"http://127.0.0.1:{r.port}{_base(self.prefix)}/_stcore/health"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if r.proc.poll() is not None:
                raise RuntimeError(f"replica {r.name} exited with {r.proc.returncode}; log:\n{self.tail(r)}")
            try:
                # The server answers once app.py's warm start ran (targets/ui/launch.py), and "ok" once its
                # data can be served (targets/ops/health.py).
                if _get(url) == (200, b"ok"):
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"replica {r.name} not healthy in {timeout:.0f} s; log:\n{self.tail(r)}")

    def tail(self, r: Replica, n: int = 30) -> str:
        try:
            return "\n".join(r.log.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
        except (OSError, AttributeError):
            return ""

    def stop(self) -> None:
        _stop_group(self.haproxy)
        for r in self.members:
            _stop_group(r.proc)
        if hasattr(self, "_socket_dir"):
            shutil.rmtree(self._socket_dir, ignore_errors=True)

    def kill(self, name: str) -> None:
        """End a replica at once (SIGKILL), as a crash or a lost machine would."""
        r = self.replica(name)
        if r.alive:
            os.killpg(r.proc.pid, signal.SIGKILL)
            r.proc.wait(timeout=10)

    def restart(self, name: str) -> None:
        """Start a replica again on its port; HAProxy's checks take it back in."""
        r = self.replica(name)
        _stop_group(r.proc)
        self._spawn(r)
        self._wait_healthy(r)

    def supervise(self) -> None:
        """Start again every replica that has exited (called in a loop by the command line)."""
        for r in self.members:
            if r.proc is not None and r.proc.poll() is not None:
                print(f"replica {r.name} exited ({r.proc.returncode}); starting it again", file=sys.stderr)
                try:
                    self.restart(r.name)
                except RuntimeError as err:
                    print(err, file=sys.stderr)

    # -- HAProxy's view

    def admin(self, command: str) -> str:
        """One command on HAProxy's stats socket (e.g. 'show stat', 'disable server streamlit/r2')."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(5)
            s.connect(str(self.stats_socket))
            s.sendall(command.encode() + b"\n")
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def stats(self) -> list[dict[str, str]]:
        """`show stat` as rows (pxname, svname, status, scur, stot, …)."""
        text = self.admin("show stat").lstrip("# ")
        return list(csv.DictReader(io.StringIO(text)))

    def servers(self) -> dict[str, dict[str, str]]:
        return {row["svname"]: row for row in self.stats()
                if row["pxname"] == "streamlit" and row["svname"] not in ("FRONTEND", "BACKEND")}

    def status(self) -> dict[str, str]:
        """Replica name -> 'UP', 'DOWN', 'UP 1/2', … as HAProxy's checks see it."""
        try:
            return {name: row["status"] for name, row in self.servers().items()}
        except OSError:
            return {}

    def all_up(self) -> bool:
        status = self.status()
        return len(status) == len(self.members) and all(s == "UP" for s in status.values())

    def wait_until(self, condition, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            if self.haproxy is not None and self.haproxy.poll() is not None:
                raise RuntimeError(f"haproxy exited; see {self.run_dir / 'haproxy.log'}")
            time.sleep(0.2)
        raise TimeoutError(f"not reached in {timeout:.0f} s: {what} (HAProxy sees {self.status()})")


# ---- command line -----------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--replicas", type=int, default=3, help="Streamlit processes (default 3; about one per core)")
    ap.add_argument("--port", type=int, default=8500, help="HAProxy's port on 127.0.0.1 (default 8500)")
    ap.add_argument("--first-replica-port", type=int, default=8501, help="replicas use this port and the next ones")
    ap.add_argument("--prefix", default="", help="serve under /PREFIX/ (server.baseUrlPath), e.g. targets")
    ap.add_argument("--root", type=Path, default=REPO, help="project folder: app.py, config.yaml, data/")
    ap.add_argument("--run-dir", type=Path, help="logs, stats socket and the generated haproxy.cfg "
                                                 "(default: $TMPDIR/targets-replicas-PORT)")
    ap.add_argument("--pin", action="store_true", help="pin replica i to CPU i (mod the CPUs available), with taskset")
    ap.add_argument("--no-restart", action="store_true", help="do not start a replica again when it exits")
    ap.add_argument("--print-config", action="store_true", help="print the HAProxy configuration and exit")
    ap.add_argument("--status", action="store_true",
                    help="print what HAProxy sees of a running set (same --port/--run-dir) and exit")
    args = ap.parse_args(argv)

    run_dir = args.run_dir or Path(tempfile.gettempdir()) / f"targets-replicas-{args.port}"
    rs = ReplicaSet(root=args.root, replicas=args.replicas, port=args.port, first_port=args.first_replica_port,
                    prefix=args.prefix, run_dir=run_dir,
                    cpus=[str(c) for c in sorted(os.sched_getaffinity(0))] if args.pin else [])
    if args.print_config:
        print(rs.config(), end="")
        return 0
    if args.status:
        print(f"{'replica':<8} {'status':<10} {'open connections':>16} {'connections so far':>18}")
        for name, row in rs.servers().items():
            print(f"{name:<8} {row['status']:<10} {row['scur']:>16} {row['stot']:>18}")
        return 0

    stopping = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stopping.append(True))
    try:
        rs.start()
        print(f"{args.replicas} replicas behind HAProxy: {rs.url('/')}  (logs and haproxy.cfg in {rs.run_dir}; "
              f"what HAProxy sees: {Path(sys.argv[0]).name} --status --port {args.port})", flush=True)
        while not stopping:
            if rs.haproxy.poll() is not None:
                print(f"haproxy exited ({rs.haproxy.returncode}); see {rs.run_dir / 'haproxy.log'}", file=sys.stderr)
                return 1
            if not args.no_restart:
                rs.supervise()
            time.sleep(1)
    finally:
        rs.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
