#!/usr/bin/env bash
# The deployment tests put Debian's HAProxy in front of several Streamlit processes
# (tests/browser/test_replicas.py) and Debian's nginx in front of them under a sub-path
# (tests/browser/test_subpath.py). Install them when missing; needs root (as on CI) or passwordless sudo.
# Only the programs are used: the tests start their own instances on 127.0.0.1 with their own configs.
set -euo pipefail
need=()
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || need+=(haproxy)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing ${need[*]} with apt-get (the deployment tests need them)…"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
