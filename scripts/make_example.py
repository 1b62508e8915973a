"""Build a copy of the project with the sample progress data (examples/progress/), for `make example`.

The copy (default `.example/`, ignored by git) holds config.yaml and data/ as they are, plus the sample reports
under data/reports/, the sample revisions under `revisions:` of the sewer data file and two progress slides at
the end of the presentation. The project's own data/
is never touched: the sample numbers are made up (示例数据（非真实）) and every view made from them says so.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "progress"
REVISED_THEME_FILE = "sewer.yaml"  # the data file the sample revisions belong to (they name its indicator)


def build(out: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    config = (ROOT / "config.yaml").read_text(encoding="utf-8")
    # The sample's slides go at the end of `presentation:` (the file's last block): a frozen as-of date each.
    if not config.rstrip().splitlines()[-1].startswith("  "):
        raise SystemExit("config.yaml no longer ends with presentation:; put the sample slides in by hand")
    slides = (EXAMPLES / "slides.yaml").read_text(encoding="utf-8")
    (out / "config.yaml").write_text(config.rstrip("\n") + "\n" + "".join(
        f"  {line}\n" for line in slides.splitlines() if line.strip()), encoding="utf-8")
    shutil.copytree(ROOT / "data", out / "data")
    reports = out / "data" / "reports"
    reports.mkdir(exist_ok=True)
    for path in sorted((EXAMPLES / "reports").glob("*.yaml")):
        shutil.copy2(path, reports / path.name)
    revised = out / "data" / REVISED_THEME_FILE
    entries = (EXAMPLES / "revisions.yaml").read_text(encoding="utf-8")
    block = "\nrevisions:\n" + "".join(f"  {line}\n" if line.strip() else "\n" for line in entries.splitlines())
    revised.write_text(revised.read_text(encoding="utf-8").rstrip("\n") + "\n" + block, encoding="utf-8")
    return out / "config.yaml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / ".example"), help="folder to build (replaced if it exists)")
    args = parser.parse_args(argv)
    print(build(Path(args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
