"""The lock files (`make lock`) pin everything and agree with the hand-edited requirements files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)$")


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()  # PEP 503: Jinja2 == jinja2, typing_extensions == typing-extensions


def _pins(filename: str) -> dict[str, str]:
    """name -> version of a requirements or lock file; `-r` includes are followed."""
    pins: dict[str, str] = {}
    for line in (ROOT / filename).read_text(encoding="utf-8").splitlines():
        line = line.split(" #")[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-r "):
            pins |= _pins(line[3:].strip())
            continue
        match = PIN.match(line)
        assert match, f"{filename}: {line!r} is not pinned as name==version"
        pins[_name(match[1])] = match[2]
    return pins


@pytest.mark.parametrize(("top", "lock"), [("requirements.txt", "requirements.lock"),
                                           ("requirements-test.txt", "requirements-test.lock")])
def test_lock_holds_every_top_level_pin_at_its_version(top, lock):
    locked = _pins(lock)
    stale = {name: (version, locked.get(name)) for name, version in _pins(top).items() if locked.get(name) != version}
    assert stale == {}, f"{lock} is stale for {top} (name: (wanted, locked)); run `make lock`"


def test_test_lock_installs_the_runtime_lock_unchanged():
    test_lock = _pins("requirements-test.lock")
    differ = {n: (v, test_lock.get(n)) for n, v in _pins("requirements.lock").items() if test_lock.get(n) != v}
    assert differ == {}


def test_runtime_lock_pins_the_server_streamlit_runs_on():
    # Streamlit 1.67 serves through starlette + uvicorn: a fresh machine must get the measured versions.
    assert {"streamlit", "starlette", "uvicorn", "websockets", "protobuf", "pyarrow"} <= set(_pins("requirements.lock"))
