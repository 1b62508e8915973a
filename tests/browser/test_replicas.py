"""Three replicas behind HAProxy (deploy/run_replicas.py) on a copy of the project, driven by 12 browsers.

One story, in order: the browsers spread over the replicas (HAProxy's stats socket agrees with each
browser's stickiness cookie); an edit saved once shows on every replica at its next click; a CSV
download works through the proxy; a replica killed mid-session loses no browser (each comes back on
another replica with its view rebuilt from the URL, no error page); restarted, it rejoins and takes
new browsers. Also: the proxy's security headers and CSP hold while pages draw, and /_stcore/metrics
is closed. Every wait is bounded; the whole module takes about a minute on 2 cores.
"""

from __future__ import annotations

import re
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import copy_project  # tests/conftest.py: the copy every real-server test runs on

from .conftest import ARTIFACTS, REPO, WAIT_MS

sys.path.insert(0, str(REPO / "deploy"))
import run_replicas  # noqa: E402  (deploy/ is scripts, not a package)

pytestmark = pytest.mark.proxy  # HAProxy in front of the replicas

N_REPLICAS = 3
N_BROWSERS = 12
LINK = "/sewer?hl=孝义市&period=2022"
CHART = ".js-plotly-plot .main-svg"
OLD_TITLE, NEW_TITLE = "雨污分流", "雨污分流改造"
# Once a replica is gone, its browsers' reconnect attempts may log these before HAProxy moves them.
LOST_CONNECTION = re.compile(r"WebSocket|ERR_CONNECTION|net::ERR_|status of 50[234]|Failed to fetch|"
                             r"Connection (lost|closed)|disconnected", re.I)


def require(program: str) -> str:
    """The program's path; skips (fails on CI) when it is not installed."""
    import os

    found = run_replicas.find_program(program)
    if found is None:
        msg = f"{program} not installed (scripts/ensure_proxies.sh installs it with apt-get)"
        if os.environ.get("CI"):
            pytest.fail(msg, pytrace=False)
        pytest.skip(msg)
    return found


@dataclass
class Front:
    """The proxy as tests/browser/conftest.py's Visit expects a server: base, url(), tail()."""

    rs: run_replicas.ReplicaSet

    @property
    def base(self) -> str:
        return self.rs.base

    def url(self, path: str = "/") -> str:
        return self.rs.url(path)

    def tail(self, n: int = 15) -> str:
        return "\n".join(f"--- {r.name}\n{self.rs.tail(r, n)}" for r in self.rs.members)


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    require("haproxy")
    root = copy_project(tmp_path_factory.mktemp("project"))
    run_dir = ARTIFACTS / "replicas"  # the replicas' and HAProxy's logs stay for a look after a failure
    shutil.rmtree(run_dir, ignore_errors=True)
    rs = run_replicas.ReplicaSet(root=root, replicas=N_REPLICAS, run_dir=run_dir)
    rs.start()
    yield rs
    rs.stop()


class Steps:
    """Prints how long each step took (pytest -s): the story's time budget is 2 minutes on 2 cores."""

    def __init__(self) -> None:
        self.t = time.monotonic()

    def __call__(self, name: str) -> None:
        now = time.monotonic()
        print(f"step before {name}: {now - self.t:.1f} s", flush=True)
        self.t = now


def replica_of(v) -> str:
    """The replica HAProxy's stickiness cookie names for this browser."""
    return next(c["value"] for c in v.page.context.cookies() if c["name"] == "TARGETS_REPLICA")


def websockets(rs) -> dict[str, int]:
    """Open connections per replica in HAProxy's `show stat` (scur): each open tab holds one websocket."""
    return {name: int(row["scur"]) for name, row in rs.servers().items()}


H1_JS = "() => document.querySelector('[data-testid=\"stMain\"] h1')?.textContent.trim() || ''"


def h1(v) -> str:
    return v.page.locator('[data-testid="stMain"] h1').first.inner_text().strip()


def highlight(v) -> str:
    return v.page.get_by_role("combobox", name="突出显示县").input_value()


def period(v) -> str:
    return v.page.get_by_role("combobox", name="年度").input_value()


def wait_title(v, title: str) -> None:
    try:
        v.page.wait_for_function("(t) => document.querySelector('[data-testid=\"stMain\"] h1')?.textContent.trim() === t",
                                 arg=title, timeout=WAIT_MS, polling=100)
    except Exception as exc:  # noqa: BLE001 - say what the page shows instead
        raise AssertionError(f"{v.page.url} ({replica_of(v)}): no page titled {title!r} within {WAIT_MS} ms: "
                             f"{str(exc).splitlines()[0]}\npage text: {v.text()[:800]}") from None
    v.wait(CHART)


def click_nav(views, title: str, path: str) -> None:
    """Click the sidebar link `title` in every browser at once, then wait for each to arrive at `path`."""
    before = [h1(v) for v in views]
    for v in views:
        v.page.locator('[data-testid="stSidebarNav"] a').filter(has_text=re.compile(f"^{re.escape(title)}$")).click()
    for v, old in zip(views, before):
        try:
            v.page.wait_for_function(f"([p, old]) => location.pathname === p && ({H1_JS})() !== old",
                                     arg=[path, old], timeout=WAIT_MS, polling=100)
        except Exception as exc:  # noqa: BLE001
            raise AssertionError(f"{v.page.url} ({replica_of(v)}): {title!r} did not open {path}: "
                                 f"{str(exc).splitlines()[0]}\npage text: {v.text()[:800]}") from None
        v.wait(CHART)


def nav(v) -> list[str]:
    return v.page.eval_on_selector_all('[data-testid="stSidebarNav"] a', "es => es.map(e => e.textContent.trim())")


def test_replicas_share_the_load_and_survive_a_lost_replica(replicas, visit):
    rs, front = replicas, Front(replicas)
    step = Steps()

    # 1. Twelve browsers open a shared link; HAProxy deals them round-robin and keeps each on its replica.
    views = [visit(LINK, on=front) for _ in range(N_BROWSERS)]
    for v in views:
        v.wait(CHART)
    where = [replica_of(v) for v in views]
    per_replica = Counter(where)
    assert sorted(per_replica) == [r.name for r in rs.members] and set(per_replica.values()) == {N_BROWSERS // N_REPLICAS}, \
        f"browsers per replica (cookies): {per_replica}"
    rs.wait_until(lambda: websockets(rs) == dict(per_replica), 10, f"HAProxy's stats showing {dict(per_replica)}")
    for v in views:
        assert (h1(v), highlight(v), period(v)) == (OLD_TITLE, "孝义市", "2022年"), v.page.url

    step("2")
    # 2. One save to config.yaml: every browser, whichever replica it is on, sees it at its next click.
    config = rs.root / "config.yaml"
    text = config.read_text(encoding="utf-8")
    assert text.count(f"zh: {OLD_TITLE}\n") == 1
    config.write_text(text.replace(f"zh: {OLD_TITLE}\n", f"zh: {NEW_TITLE}\n"), encoding="utf-8")
    click_nav(views, "总览", "/")
    # A save is taken once it has settled (targets/state.py): the session that notices it waits for the load,
    # the others keep the last data for that click. Every browser has it by a click after that.
    deadline = time.monotonic() + 30
    for v in views:
        while OLD_TITLE in nav(v) and time.monotonic() < deadline:
            v.page.locator('[data-testid="stSidebarNav"] a').filter(has_text=re.compile("^总览$")).click()
            v.wait(CHART)
        assert NEW_TITLE in nav(v) and OLD_TITLE not in nav(v), f"{replica_of(v)}: {nav(v)}"
    click_nav(views, NEW_TITLE, "/sewer")
    for v in views:
        assert (h1(v), highlight(v), period(v)) == (NEW_TITLE, "孝义市", "2022年"), v.page.url
        query = parse_qs(urlsplit(v.page.url).query)
        assert query.get("hl") == ["孝义市"] and query.get("period") == ["2022"], v.page.url
    # A broken save keeps every replica on its last good data (one browser per replica looks), then is undone.
    sewer = rs.root / "data" / "sewer.yaml"
    good = sewer.read_text(encoding="utf-8")
    sewer.write_text(good + "\n: [broken\n", encoding="utf-8")
    one_each = [next(v for v in views if replica_of(v) == r.name) for r in rs.members]
    click_nav(one_each, "总览", "/")
    click_nav(one_each, NEW_TITLE, "/sewer")
    for v in one_each:
        assert (h1(v), highlight(v), period(v)) == (NEW_TITLE, "孝义市", "2022年"), replica_of(v)
        ticks = v.page.eval_on_selector_all(".js-plotly-plot .ytick text", "es => es.map(e => e.textContent)")
        assert "孝义市" in ticks, f"{replica_of(v)}: the last good sewer data is not drawn: {ticks}"
    sewer.write_text(good, encoding="utf-8")

    step("3")
    # 3. The 'Show data' CSV comes through the proxy from the replica that made it.
    download_csv(views[0], rs)

    step("4")
    # 4. A replica dies mid-session: its browsers reconnect through HAProxy to the others, where the app reruns
    #    at once and rebuilds each session from the URL (targets/coldstart.py); nothing waits for a click.
    lost = "r2"
    moved = [v for v in views if replica_of(v) == lost]
    kept = [v for v in views if v not in moved]
    before = {id(v): v.page.url for v in views}
    for v in moved:
        v.page.evaluate(COUNT_RUNS)
    rs.kill(lost)
    rs.wait_until(lambda: rs.status().get(lost, "").startswith("DOWN"), 15, f"{lost} DOWN")
    for v in moved:
        rs.wait_until(lambda v=v: replica_of(v) != lost, 30, f"a browser on {lost} moved to another replica")
        v.page.wait_for_function("() => window.__runs >= 1", timeout=WAIT_MS, polling=100)
        v.wait(CHART)
    rs.wait_until(lambda: sum(websockets(rs).values()) == N_BROWSERS and websockets(rs)[lost] == 0, 15,
                  "every browser connected again, none to the lost replica")
    for v in views:
        assert v.page.url == before[id(v)], "the address changed"
        assert (h1(v), highlight(v), period(v)) == (NEW_TITLE, "孝义市", "2022年"), v.page.url
        assert v.page.query_selector('[data-testid="stException"]') is None
    for v in moved:  # their reconnect attempts may have logged connection errors; nothing else
        v.guard.errors[:] = [e for e in v.guard.errors if not LOST_CONNECTION.search(e)]
    for v in kept:
        v.guard.assert_clean()
    # The moved session is live on its new replica: a download and a change of highlight both work.
    download_csv(moved[0], rs)
    pick_highlight(moved[0], "汾阳市")
    assert (h1(moved[0]), period(moved[0])) == (NEW_TITLE, "2022年")
    assert parse_qs(urlsplit(moved[0].page.url).query).get("hl") == ["汾阳市"], moved[0].page.url

    step("5")
    # 5. Restarted, the replica passes HAProxy's checks again and takes new browsers.
    rs.restart(lost)
    rs.wait_until(lambda: rs.status().get(lost) == "UP", 30, f"{lost} UP again")
    fresh = []
    for _ in range(N_REPLICAS):  # round-robin: one of the next N_REPLICAS new browsers lands on it
        v = visit(LINK, on=front)
        v.wait(CHART)
        fresh.append(v)
        if replica_of(v) == lost:
            break
    assert replica_of(fresh[-1]) == lost, [replica_of(v) for v in fresh]
    assert (h1(fresh[-1]), highlight(fresh[-1])) == (NEW_TITLE, "孝义市")
    rs.wait_until(lambda: websockets(rs)[lost] >= 1, 10, f"{lost} holding a browser")
    for v in views + fresh:
        v.guard.assert_clean()
    step("end")


# Counts the app's completed runs from now on (the frontend marks each on the app root).
COUNT_RUNS = """() => { window.__runs = 0; let running = false;
  new MutationObserver(() => {
    const state = document.querySelector('[data-testid="stApp"]').dataset.testScriptState;
    if (state === 'running') running = true;
    else if (running && state === 'notRunning') { running = false; window.__runs += 1; }
  }).observe(document.querySelector('[data-testid="stApp"]'), {attributes: true}); }"""


def pick_highlight(v, county: str) -> None:
    box = v.page.get_by_role("combobox", name="突出显示县")
    box.click()
    v.page.get_by_role("option", name=county).click()
    v.page.wait_for_function("(c) => decodeURIComponent(location.search).includes('hl=' + c)", arg=county,
                             timeout=WAIT_MS, polling=100)
    v.wait(CHART)
    assert highlight(v) == county


def download_csv(v, rs=None) -> None:
    """Click 'Download CSV' in 'Show data' and check the file."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = v.page
    if not page.locator('[data-testid="stExpander"] details[open]').count():
        page.locator('[data-testid="stExpander"] summary').filter(has_text="查看数据").first.click()
    # The table draws after the expander opens and pushes the buttons down: a click aimed before that lands
    # on the table (CI saw a moved browser's download never start). Click once it is drawn.
    page.wait_for_selector('[data-testid="stExpander"] details[open] [data-testid="stDataFrame"] canvas', timeout=WAIT_MS)
    button = page.locator('[data-testid="stExpander"] details[open] [data-testid="stDownloadButton"] button') \
        .filter(has_text="CSV").first
    media: list[str] = []  # for the report below: what the browser fetched for the file
    page.on("response", lambda r: media.append(f"{r.status} {r.url}") if "/media/" in r.url else None)
    try:
        with page.expect_download(timeout=WAIT_MS) as info:
            button.click()
    except PlaywrightTimeout:
        around = button.evaluate("e => e.closest('[data-testid=\"stHorizontalBlock\"]')?.innerText")
        raise AssertionError(f"no download: the buttons' row says {around!r}; /media/ answers: {media}; "
                             f"console: {v.guard.errors[-5:]}\n{'' if rs is None else Front(rs).tail(8)}") from None
    path = info.value.path()
    body = Path(path).read_text(encoding="utf-8-sig")
    assert info.value.suggested_filename.endswith(".csv"), info.value.suggested_filename
    assert "孝义市" in body and len(body.splitlines()) > 10, body[:500]


# ---- the proxy's own rules ---------------------------------------------------------------------------------------

CSP_VIOLATIONS = """window.__csp = []; document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));"""


@pytest.mark.parametrize("path", ["/", "/sewer?hl=孝义市", "/data", "/planner"])
def test_pages_draw_under_the_proxys_security_headers(replicas, visit, path):
    v = visit(path, on=Front(replicas), init_script=CSP_VIOLATIONS)
    response_headers = v.page.context.request.get(replicas.url(path)).headers
    assert response_headers["x-content-type-options"] == "nosniff"
    assert response_headers["x-frame-options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response_headers["content-security-policy"]
    assert "default-src 'self'" in response_headers["content-security-policy"]
    v.wait(CHART if path != "/data" else '[data-testid="stDataFrame"]')
    if path in ("/", "/sewer?hl=孝义市"):  # the offline map needs the data: base topology (connect-src)
        v.page.wait_for_function("""() => [...document.querySelectorAll('.js-plotly-plot')].some(p =>
            [...p.querySelectorAll('path.choroplethlocation')].filter(x => (x.getAttribute('d') || '').length).length >= 13)""",
                                 timeout=WAIT_MS)
    assert v.page.evaluate("window.__csp") == []
    v.guard.assert_clean()


@pytest.mark.parametrize("path", ["/_stcore/metrics", "/%5Fstcore/metrics", "/_stcore/METRICS?x=1",
                                  "/_stcore/agent/openapi.json"])
def test_internal_endpoints_are_closed_at_the_proxy(replicas, path):
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(replicas.url(path), timeout=10)
    assert refused.value.code == 403
    # HAProxy's own error page carries the same headers as every page (http-after-response).
    assert refused.value.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in refused.value.headers["Content-Security-Policy"]
    with urllib.request.urlopen(replicas.url("/_stcore/health"), timeout=10) as ok:
        assert ok.read() == b"ok"


def test_one_client_opening_connections_cannot_take_the_replicas_down(replicas):
    """150 websockets from one address (127.0.0.5): HAProxy holds at most CONN_PER_CLIENT of them, the
    replicas stay UP, and a visitor from another address still gets the page and a session."""
    import urllib.request

    from tests.ops.test_limits_server import ws_open

    held, refused = [], 0
    try:
        for _ in range(150):
            try:
                s, status = ws_open(replicas.port, src="127.0.0.5")
            except OSError:  # reset by HAProxy's tcp-request reject
                refused += 1
                continue
            if status == 101:
                held.append(s)
            else:
                refused += 1
                s.close()
        assert len(held) <= run_replicas.CONN_PER_CLIENT and refused >= 150 - run_replicas.CONN_PER_CLIENT
        time.sleep(3)  # two health-check intervals: a replica marked DOWN would show now
        assert replicas.all_up(), replicas.status()
        with urllib.request.urlopen(replicas.url("/"), timeout=10) as r:
            assert r.status == 200
        visitor, status = ws_open(replicas.port)
        visitor.close()
        assert status == 101
    finally:
        for s in held:
            s.close()


def test_xsrf_and_cors_hold_through_the_proxy(replicas):
    """server.enableXsrfProtection and server.enableCORS (.streamlit/config.toml) still apply behind HAProxy."""
    import urllib.error
    import urllib.request

    with urllib.request.urlopen(replicas.url("/_stcore/health"), timeout=10) as r:  # Streamlit's XSRF cookie, via the proxy
        cookies = r.headers.get_all("Set-Cookie") or []
    assert any(c.startswith("_streamlit_xsrf=") for c in cookies), cookies
    assert any(c.startswith("TARGETS_REPLICA=") and "HttpOnly" in c for c in cookies), cookies

    put = urllib.request.Request(replicas.url("/_stcore/upload_file/some-session/some-file"), data=b"x", method="PUT")
    with pytest.raises(urllib.error.HTTPError) as refused:  # no X-Xsrftoken matching the cookie: refused
        urllib.request.urlopen(put, timeout=10)
    assert refused.value.code == 403 and b"XSRF" in refused.value.read()

    foreign = urllib.request.Request(replicas.url("/_stcore/health"), headers={"Origin": "http://evil.example"})
    with urllib.request.urlopen(foreign, timeout=10) as r:  # another site's page may not read the answers
        assert r.headers.get("Access-Control-Allow-Origin") not in ("*", "http://evil.example")
