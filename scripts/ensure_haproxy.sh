#!/usr/bin/env bash
# The replica tests (tests/browser/test_replicas.py) put Debian's HAProxy in front of several
# Streamlit processes. Install it when missing; needs root (as on CI) or passwordless sudo.
set -euo pipefail
command -v haproxy >/dev/null 2>&1 && exit 0
echo "Installing haproxy with apt-get (the replica tests need it)…"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends haproxy >/dev/null
