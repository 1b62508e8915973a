"""CPU time of the progress engine's steps on a generated project, for comparing two versions of the code.

    .venv/bin/python bench/gen_national.py /tmp/nat284 --counties 284 --reports 12
    git archive <rev> targets i18n.yaml messages.yaml | tar -x -C /tmp/old
    .venv/bin/python bench/progress_engine.py /tmp/nat284/config.yaml /tmp/old before
    .venv/bin/python bench/progress_engine.py /tmp/nat284/config.yaml . after

CPU seconds (time.process_time): pandas runs these on one thread, so a shared machine's load matters less than for
wall time. Run the two versions interleaved, a few times each; docs/benchmarks.md reports one such run.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path


def main(config: str, code: str, label: str) -> None:
    sys.path.insert(0, str(Path(code).resolve()))
    from targets.analysis import progress_views, tracking
    from targets.inputs.load import load_project

    project = load_project(config)
    as_of = tracking.default_as_of(project)
    c0 = time.process_time()
    tracking.targets(project)
    tracking.reports(project)
    c1 = time.process_time()
    tracking.status_table(project, as_of)
    c2 = time.process_time()
    tracking.status_table(project, date(as_of.year, 1, 15))
    c3 = time.process_time()
    progress_views.current(project, date(as_of.year, 2, 15))
    c4 = time.process_time()
    print(f"{label}: CPU s — inputs {c1 - c0:.2f}, status {c2 - c1:.2f}, new date {c3 - c2:.2f}, "
          f"current at another date {c4 - c3:.2f}")
    # A new as-of date on a warm project, twelve times (the 15th of each month but January's): what a page pays.
    new = []
    for month in range(2, 13):
        c = time.process_time()
        tracking.status_table(project, date(as_of.year, month, 15))
        new.append(time.process_time() - c)
    new.sort()
    print(f"{label}: new date, CPU s over {len(new)} dates — median {new[len(new) // 2]:.3f}, "
          f"p90 {new[int(len(new) * 0.9)]:.3f}, max {new[-1]:.3f}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
