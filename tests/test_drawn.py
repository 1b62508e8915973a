""""The page is drawn" has one definition (tests/drawn.py), used by the browser tests and by bench/."""

from __future__ import annotations

from tests.conftest import REPO
from tests.drawn import DRAWN

# A line only the definition has: a copy of the check elsewhere would carry it too.
SIGNATURE = "app.dataset.testScriptState !== " + "'notRunning'"  # split, so this file is no copy


def test_the_check_is_written_once():
    assert SIGNATURE in DRAWN
    copies = [p.relative_to(REPO) for d in ("bench", "tests") for p in (REPO / d).rglob("*.py")
              if SIGNATURE in p.read_text(encoding="utf-8") and p != REPO / "tests" / "drawn.py"]
    assert not copies, f"a copy of tests/drawn.py's DRAWN check: {copies}; import DRAWN instead"


def test_bench_and_the_browser_tests_wait_for_it():
    for rel in ("bench/browser.py", "bench/capacity.py", "tests/browser/conftest.py"):
        assert "from tests.drawn import" in (REPO / rel).read_text(encoding="utf-8"), rel
