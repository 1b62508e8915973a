"""`python -m targets <command>`: the command line workbench lives in targets/cli/ (one module per command)."""

from __future__ import annotations

import sys

from targets.cli import main, run  # noqa: F401 (main: tests and scripts call it in-process)

if __name__ == "__main__":
    sys.exit(run())
