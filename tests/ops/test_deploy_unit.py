"""deploy/targets.service: a valid systemd unit that raises the open-files limit (systemd-analyze verify)."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO

UNIT = REPO / "deploy" / "targets.service"


def _unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string(UNIT.read_text(encoding="utf-8"))
    return parser


def test_the_unit_raises_the_open_files_limit_and_starts_the_app():
    unit = _unit()
    assert int(unit["Service"]["LimitNOFILE"]) >= 65536
    assert "streamlit run app.py" in unit["Service"]["ExecStart"]
    assert "--server.address 127.0.0.1" in unit["Service"]["ExecStart"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_analyze_verify_accepts_it(tmp_path):
    """Verified with this checkout's paths (the shipped /srv/targets ones need not exist here)."""
    text = UNIT.read_text(encoding="utf-8")
    text = text.replace("/srv/targets/.venv/bin/python", os.path.realpath(sys.executable))
    text = text.replace("WorkingDirectory=/srv/targets", f"WorkingDirectory={REPO}")
    text = text.replace("User=targets", "User=root").replace("Group=targets", "Group=root")
    unit = tmp_path / "targets.service"
    unit.write_text(text, encoding="utf-8")
    done = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr
