"""ASGI middleware for the app's own server: close what Streamlit leaves open, refuse foreign hosts, add the
browser's safety headers and a Content-Security-Policy.

Streamlit 1.67 serves `/_stcore/metrics` (session counts, cache sizes) to anyone, with no option to turn it
off, sets no `X-Content-Type-Options`, `X-Frame-Options`, `Referrer-Policy` or CSP, and answers any Host: a
websocket with Host and Origin `evil.example` (a DNS-rebinding page) got the page data. deploy/haproxy.cfg
does the same at the proxy; this middleware, wired by app.py's `st.App` (targets/ui/launch.py), makes a
single server started with `make run` or `streamlit run app.py` as safe without one. Plain ASGI, no
Streamlit import (the CSP is computed from Streamlit's index.html by the caller).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from urllib.parse import unquote, urlsplit

# Matched on the lower-cased, decoded path (Streamlit decodes it too: /%5Fstcore/metrics is the same route),
# after any base URL.
CLOSED_ENDINGS = ("/_stcore/metrics",)
CLOSED_PREFIXES = ("/_stcore/agent",)  # Streamlit's agent API: off by default; nothing here uses it
HEADERS = ((b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"SAMEORIGIN"),
           (b"referrer-policy", b"same-origin"))
HOSTS_ENV = "TARGETS_ALLOWED_HOSTS"  # comma-separated names the app is reached by, besides loopback; "*": any
LOOPBACK = ("localhost", "127.0.0.1", "::1")


def closed(path: str) -> bool:
    """True for a path no visitor may reach, under any base URL, case or percent-encoding."""
    p = unquote(unquote(path)).lower().rstrip("/")
    return p.endswith(CLOSED_ENDINGS) or any(f"{x}/" in p + "/" for x in CLOSED_PREFIXES)


# ---- Content-Security-Policy --------------------------------------------------------------------------------


def inline_script_hashes(html: str) -> list[str]:
    """CSP hashes of the inline <script> blocks in Streamlit's index.html (it has one: `prerenderReady`)."""
    bodies = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S | re.I)
    return [base64.b64encode(hashlib.sha256(b.encode("utf-8")).digest()).decode("ascii") for b in bodies]


def content_security_policy(html: str) -> str:
    """A CSP the Streamlit frontend and Plotly charts work under (checked in the browser by the tests), for
    the index.html `html` of the Streamlit version served.

    Scripts: only the app's own files, the hashed inline snippet of this Streamlit version, and
    WebAssembly compilation ('wasm-unsafe-eval', not 'unsafe-eval': Streamlit's frontend compiles a wasm module).
    Styles need 'unsafe-inline': Streamlit's CSS-in-JS and Plotly write style elements/attributes at run time.
    connect-src allows data: because the offline map hands Plotly its (empty) base topology as a data: URL.
    """
    hashes = " ".join(f"'sha256-{h}'" for h in inline_script_hashes(html))
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'wasm-unsafe-eval' {hashes}".strip(),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self' data:",
        "worker-src 'self' blob:",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ])


# ---- allowed hosts ------------------------------------------------------------------------------------------


def allowed_hosts(*configured: str | None) -> frozenset[str]:
    """Loopback, the names given (e.g. Streamlit's browser.serverAddress) and $TARGETS_ALLOWED_HOSTS."""
    names = [*LOOPBACK, *(c for c in configured if c), *os.environ.get(HOSTS_ENV, "").split(",")]
    return frozenset(n.strip().lower().strip("[]") for n in names if n and n.strip())


def hostname(host: str) -> str:
    """'Example.org:8501' -> 'example.org'; '[::1]:8501' -> '::1'."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def host_allowed(scope, allowed: frozenset[str]) -> bool:
    """The Host header (absent: an HTTP/1.0 probe, allowed) and, for a websocket, the Origin, name an allowed host."""
    if "*" in allowed:
        return True
    headers = {k: v for k, v in scope.get("headers", [])}
    host = headers.get(b"host")
    if host is not None and hostname(host.decode("latin-1")) not in allowed:
        return False
    origin = headers.get(b"origin")
    if scope.get("type") == "websocket" and origin is not None:
        try:
            name = urlsplit(origin.decode("latin-1")).hostname
        except ValueError:
            return False
        if name is None or name.lower() not in allowed:
            return False
    return True


class Hardening:
    """403 for the closed paths and for foreign hosts (HTTP and websocket); the safety headers and the CSP on
    every HTTP answer, ours included."""

    def __init__(self, app, csp: str | None = None, hosts: frozenset[str] | None = None) -> None:
        self.app = app
        self.headers = HEADERS + (((b"content-security-policy", csp.encode()),) if csp else ())
        self.names = {name for name, _ in self.headers}
        self.hosts = hosts if hosts is not None else allowed_hosts()

    async def _deny(self, send, body: bytes) -> None:
        await send({"type": "http.response.start", "status": 403,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"), *self.headers]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope, receive, send) -> None:
        kind = scope.get("type")
        if kind == "websocket":
            if not host_allowed(scope, self.hosts):
                await send({"type": "websocket.close", "code": 1008})  # before the upgrade: uvicorn answers 403
                return
            await self.app(scope, receive, send)
            return
        if kind != "http":
            await self.app(scope, receive, send)
            return
        if not host_allowed(scope, self.hosts):
            await self._deny(send, b"host not allowed")
            return
        if closed(scope.get("path", "")):
            await self._deny(send, b"forbidden")
            return

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self.names]
                message = {**message, "headers": [*kept, *self.headers]}
            await send(message)

        await self.app(scope, receive, with_headers)
