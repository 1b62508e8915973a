"""Warm a freshly started server so a shared link as its first visitor opens cleanly (no Streamlit dialog).

Until a process has run `st.navigation` once, Streamlit answers the first request with its old pages/
fallback (see targets/ui/coldstart.py). A theme page has no pages/<theme>.py (one script serves every
theme, from config), so a theme link as the very first request would show Streamlit's "Page not found"
dialog over the right page. Streamlit's script health check runs app.py once (`server.scriptHealthCheckEnabled`
in .streamlit/config.toml), which ends that fallback for the whole process: `make run` and
deploy/run_replicas.py call this right after the server answers its health check.

    python -m targets.warmup http://127.0.0.1:8501        # waits up to 90 s for the server
"""

from __future__ import annotations

import sys
import time
import urllib.error
import urllib.request

PATH = "/_stcore/script-health-check"


def warm(base: str, timeout: float = 90.0) -> bool:
    """Run the app once on the server at `base` (its sub-path included); True once it answered 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base.rstrip("/") + PATH, timeout=30) as resp:  # noqa: S310 - our own server
                if resp.status == 200:
                    return True
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.5)
    return False


if __name__ == "__main__":
    sys.exit(0 if warm(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8501") else 1)
