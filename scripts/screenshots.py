"""Screenshots to look at: pages and slides of a project at the screen sizes officials and presenters use.

    .venv/bin/python scripts/screenshots.py --out /tmp/shots                       # the shipped project
    .venv/bin/python scripts/screenshots.py --config /tmp/ex/config.yaml --out /tmp/shots \\
        --path "/progress?asof=2021-09-30" --path "/sewer?view=progress&asof=2021-09-30" \\
        --slide 9 --slide 10 --lang zh --lang en

Pages are taken at 390×844, 1024×768 and 1400×900 (whole page), slides at 1280×720 and 1920×1080 (the
screen). One `streamlit run app.py` on a free localhost port; Chromium offline (only 127.0.0.1 resolves).
Files are named <path>_<lang>_<w>x<h>[_<screen>].png, a page taken screen by screen as it scrolls. A tool for people: nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.drawn import DRAWN  # noqa: E402 - the same "drawn" the browser tests and bench/ wait for

PAGE_SIZES = [(390, 844), (1024, 768), (1400, 900)]
SLIDE_SIZES = [(1280, 720), (1920, 1080)]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]


# Scroll the main block one screen on (less a little overlap); false when it is already at the bottom.
_SCROLL = """() => {
  const el = [...document.querySelectorAll('[data-testid="stMain"], [data-testid="stMain"] *')]
    .find(e => e.scrollHeight > e.clientHeight + 4 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowY));
  if (!el) return false;
  const before = el.scrollTop;
  el.scrollTop = before + el.clientHeight * 0.9;
  return el.scrollTop > before;
}"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(config: Path | None, port: int, log: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    if config is not None:
        env["TARGETS_CONFIG"] = str(config)
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.address",
                             "127.0.0.1", "--server.port", str(port), "--server.headless", "true"], cwd=REPO, env=env,
                            stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)
    end = time.monotonic() + 120
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return proc
        except OSError:
            time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGTERM)
    raise SystemExit(f"the app did not start; see {log}")


def _name(path: str, lang: str, w: int, h: int) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "_", path.strip("/")) or "overview"
    return f"{stem}_{lang}_{w}x{h}.png"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", type=Path, default=None, help="a project's config.yaml (default: the shipped one)")
    ap.add_argument("--out", type=Path, required=True, help="folder for the PNGs")
    ap.add_argument("--path", action="append", default=[], help="a page link, e.g. /progress?asof=2021-09-30")
    ap.add_argument("--slide", action="append", type=int, default=[], help="a slide number to present")
    ap.add_argument("--lang", action="append", default=[], help="zh and/or en (default both)")
    ap.add_argument("--screens", type=int, default=6, help="screens of a page to take, scrolling down (default 6)")
    ap.add_argument("--size", action="append", default=[], help="only this page size, e.g. 1400x900")
    args = ap.parse_args()
    langs = args.lang or ["zh", "en"]
    page_sizes = [tuple(int(x) for x in s.split("x")) for s in args.size] or PAGE_SIZES
    paths = args.path or (["/"] if not args.slide else [])
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    port = _port()
    proc = _serve(args.config, port, args.out / "server.log")
    shots = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
            jobs = [(p, page_sizes, False) for p in paths] + [(f"/?present=1&slide={n}", SLIDE_SIZES, True)
                                                               for n in args.slide]
            for path, sizes, slide in jobs:
                for lang in langs:
                    for w, h in sizes:
                        context = browser.new_context(viewport={"width": w, "height": h}, locale="zh-CN")
                        page = context.new_page()
                        sep = "&" if "?" in path else "?"
                        page.goto(f"http://127.0.0.1:{port}{path}{sep}lang={lang}", wait_until="domcontentloaded")
                        page.wait_for_function(DRAWN, arg=None, timeout=120_000, polling=100)
                        page.wait_for_timeout(400)  # let the last chart's transition end before the shot
                        file = args.out / _name(path, lang, w, h)
                        page.screenshot(path=str(file))
                        shots.append(file)
                        # The page scrolls inside Streamlit's main block, not the document: one more shot per
                        # screen further down (slides fit one screen by design).
                        for part in range(2, 2 + (0 if slide else args.screens)):
                            moved = page.evaluate(_SCROLL)
                            if not moved:
                                break
                            page.wait_for_timeout(300)
                            extra = file.with_name(file.stem + f"_{part}.png")
                            page.screenshot(path=str(extra))
                            shots.append(extra)
                        context.close()
            browser.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
    for f in shots:
        print(f)


if __name__ == "__main__":
    main()
