"""uvicorn options for the app server: slow-header and idle timeouts, header size, a concurrency bound.

`streamlit run app.py` serves app.py's `st.App` with uvicorn, but passes it only Streamlit's own options
(websocket ping, message size, TLS), so uvicorn's defaults held: no limit on connections, and no timeout at
all for a client that sends its headers slowly (0 of 300 such clients were closed in 60 s). uvicorn has no
header timeout of its own; `SlowHeaderH11` adds one: a connection must finish its request headers within
`HEADER_TIMEOUT` seconds of connecting (or of its previous answer), else it is closed. launch.py puts
these on the server's uvicorn.Config before it starts (`apply`), for `streamlit run app.py` and
`uvicorn app:app` alike.
"""

from __future__ import annotations

import os

from uvicorn.protocols.http.h11_impl import H11Protocol

from targets.ops import limits

HEADER_ENV = "TARGETS_HEADER_TIMEOUT"
HEADER_TIMEOUT = 10.0  # seconds to send a request's headers (HAProxy's `timeout http-request` is the same)
KEEP_ALIVE = 5  # seconds an idle keep-alive connection stays open (uvicorn's default, stated)
MAX_HEADER_BYTES = 16 * 1024  # one request's headers; Streamlit's own (cookies, XSRF token) are ~1 KB


def header_timeout() -> float:
    try:
        return max(0.1, float(os.environ.get(HEADER_ENV, HEADER_TIMEOUT)))
    except ValueError:
        return HEADER_TIMEOUT


class SlowHeaderH11(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request headers do not arrive in time."""

    _header_timer = None

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(header_timeout(), self._headers_too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing() and (self.cycle is None or self.cycle.response_complete):
            self.transport.close()  # no request's headers in time, and none being answered: nothing to say

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        before = self.cycle
        super().handle_events()
        if self.cycle is not before:
            self._disarm()  # a request's headers are in (its body, if any, is bounded by the app and the proxy)

    def handle_websocket_upgrade(self, event) -> None:
        self._disarm()
        super().handle_websocket_upgrade(event)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request on this keep-alive connection gets the same time for its headers


def concurrency_limit() -> int | None:
    """Connections (websockets included) past which uvicorn answers HTTP with 503: what the descriptors allow."""
    soft = limits.soft_limit()
    return None if soft is None else max(64, (soft - limits.RESERVE) // limits.FDS_PER_SESSION + limits.RESERVE)


def options() -> dict:
    """Keyword arguments for uvicorn.Config, on top of Streamlit's own."""
    return {"http": SlowHeaderH11, "timeout_keep_alive": KEEP_ALIVE, "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
            "limit_concurrency": concurrency_limit()}


def apply(config) -> None:
    """Put options() on a loaded uvicorn.Config, before its server starts (what launch.py does: Streamlit builds
    the Config, and imports app.py only while loading it)."""
    opts = options()
    if config.http_protocol_class is H11Protocol or config.http in ("auto", "h11"):
        config.http_protocol_class = opts["http"]
    config.timeout_keep_alive = opts["timeout_keep_alive"]
    config.h11_max_incomplete_event_size = opts["h11_max_incomplete_event_size"]
    if config.limit_concurrency is None:
        config.limit_concurrency = opts["limit_concurrency"]
