"""ASGI middleware for the app's own server: close what Streamlit leaves open, add the browser's safety headers.

Streamlit 1.67 serves `/_stcore/metrics` (session counts, cache sizes) to anyone, with no option to turn it
off, and sets no `X-Content-Type-Options`, `X-Frame-Options` or `Referrer-Policy`. deploy/haproxy.cfg does
the same at the proxy (plus a CSP, which needs the hash of Streamlit's inline script); this middleware, wired
by app.py's `st.App` (targets/ui/launch.py), makes a single server started with `make run` or
`streamlit run app.py` as safe without one. Plain ASGI, no Streamlit import.
"""

from __future__ import annotations

from urllib.parse import unquote

# Matched on the lower-cased, decoded path (Streamlit decodes it too: /%5Fstcore/metrics is the same route),
# after any base URL.
CLOSED_ENDINGS = ("/_stcore/metrics",)
CLOSED_PREFIXES = ("/_stcore/agent",)  # Streamlit's agent API: off by default; nothing here uses it
HEADERS = ((b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"SAMEORIGIN"),
           (b"referrer-policy", b"same-origin"))
_NAMES = {name for name, _ in HEADERS}


def closed(path: str) -> bool:
    """True for a path no visitor may reach, under any base URL, case or percent-encoding."""
    p = unquote(unquote(path)).lower().rstrip("/")
    return p.endswith(CLOSED_ENDINGS) or any(f"{x}/" in p + "/" for x in CLOSED_PREFIXES)


class Hardening:
    """403 for the closed paths; the safety headers on every other HTTP answer."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        if closed(scope.get("path", "")):
            await send({"type": "http.response.start", "status": 403,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"), *HEADERS]})
            await send({"type": "http.response.body", "body": b"forbidden"})
            return

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _NAMES]
                message = {**message, "headers": [*kept, *HEADERS]}
            await send(message)

        await self.app(scope, receive, with_headers)
