"""The dashboard under /targets/ of an existing intranet site: nginx (deploy/nginx-subpath.conf, as shipped)
in front of HAProxy and two replicas started with `--prefix targets` (server.baseUrlPath)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import ARTIFACTS, REPO
from .test_replicas import CHART, Front, copy_project, h1, highlight, require, run_replicas

pytestmark = pytest.mark.proxy  # nginx (and HAProxy) in front of the app

PREFIX = "targets"
PORTAL = "intranet portal"

NGINX_CONF = """\
{user}
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log {run}/nginx-access.log;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    server {{
        listen 127.0.0.1:{port};
        location = / {{ return 200 "{portal}"; }}
        include {site};
    }}
}}
"""


@pytest.fixture(scope="module")
def intranet(tmp_path_factory):
    """nginx on a free port serving its own page at / and the dashboard at /targets/."""
    nginx = require("nginx")
    require("haproxy")
    root = copy_project(tmp_path_factory.mktemp("project"))
    rs = run_replicas.ReplicaSet(root=root, replicas=2, prefix=PREFIX, run_dir=ARTIFACTS / "replicas-subpath")
    rs.start()
    run = Path(tempfile.mkdtemp(prefix="targets-nginx-"))
    proc = None
    try:
        site = run / "targets.conf"
        shipped = (REPO / "deploy" / "nginx-subpath.conf").read_text(encoding="utf-8")
        assert shipped.count("127.0.0.1:8500") == 1
        site.write_text(shipped.replace("127.0.0.1:8500", f"127.0.0.1:{rs.port}"), encoding="utf-8")
        port = run_replicas.free_port()
        conf = run / "nginx.conf"
        conf.write_text(NGINX_CONF.format(user="user root;" if os.geteuid() == 0 else "", run=run, port=port,
                                          portal=PORTAL, site=site), encoding="utf-8")
        check = subprocess.run([nginx, "-t", "-p", str(run), "-c", str(conf)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        proc = subprocess.Popen([nginx, "-p", str(run), "-c", str(conf), "-g", "daemon off;"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        rs.wait_until(lambda: _answers(base + "/"), 15, "nginx answering")
        yield rs, base
    finally:
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        rs.stop()
        shutil.rmtree(run, ignore_errors=True)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


class Behind(Front):
    """The dashboard as the browser reaches it: through nginx, under /targets."""

    def __init__(self, rs, base: str) -> None:
        super().__init__(rs)
        self._base = base + "/" + PREFIX

    @property
    def base(self) -> str:
        return self._base

    def url(self, path: str = "/") -> str:
        return self._base + (path if path.startswith("/") else "/" + path)


def test_the_dashboard_works_under_a_sub_path_of_an_intranet_site(intranet, visit):
    rs, base = intranet
    with urllib.request.urlopen(base + "/", timeout=10) as r:  # the site's own page is untouched
        assert r.read().decode() == PORTAL
    with pytest.raises(urllib.error.HTTPError) as refused:  # and the proxy's rules hold behind nginx
        urllib.request.urlopen(base + f"/{PREFIX}/_stcore/metrics", timeout=10)
    assert refused.value.code == 403

    front = Behind(rs, base)
    v = visit("/sewer?hl=孝义市", on=front)
    v.wait(CHART)
    assert (h1(v), highlight(v)) == ("雨污分流", "孝义市")
    parts = urlsplit(v.page.url)
    assert parts.path == f"/{PREFIX}/sewer" and parse_qs(parts.query).get("hl") == ["孝义市"], v.page.url
    links = v.page.eval_on_selector_all('[data-testid="stSidebarNav"] a', "es => es.map(e => e.getAttribute('href'))")
    assert links and all(urlsplit(h).path.startswith(f"/{PREFIX}/") or urlsplit(h).path == f"/{PREFIX}" for h in links), links
    headers = v.page.context.request.get(front.url("/sewer")).headers
    assert headers["x-frame-options"] == "SAMEORIGIN" and "content-security-policy" in headers

    v.navigate("compare", CHART)  # the websocket carries the rerun through nginx and HAProxy
    assert urlsplit(v.page.url).path == f"/{PREFIX}/compare"
    v.guard.assert_clean()
