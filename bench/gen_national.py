"""Generate a national-scale project: 2,844 county-level units × 10 years × 30 indicators (≈ 853k county rows).

    python bench/gen_national.py OUT_DIR [--counties 2844] [--years 10] [--indicators 30] [--seed 1]

It is a valid project for our schema, built on the shipped one so every page
still has what it reads: the shipped counties (the 13 on the map keep their
real names), periods, units, themes, figures, checks and the forest-fire
standard stay; added are

- counties 县0001 … up to the total (on_map: false: the map holds Lüliang's 13 only),
- the years 2016–2025 as periods,
- 30 indicators spread over the 4 shipped themes (`<theme>_n1` …; a theme has
  its own page file, so the national copy adds indicators, not themes), the
  first of each theme its default, so pages open on national data,
- one table per theme: a row per county, its indicators × 10 years of values
  (about 2% "-" no task, 1% blank).

Each data file stays under targets.inputs.yamlsafe.MAX_BYTES. Output: OUT_DIR/config.yaml
and OUT_DIR/data/*.yaml, with the repo's county boundaries under OUT_DIR/data/geo.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


def _dump(data: dict) -> str:
    # default_flow_style=None: leaf lists and mappings inline ([1.5, '-', null]); everything else block style.
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100_000)


def _table_text(theme: str, indicators: list[str], years: list[str], counties: list[str], rng: random.Random) -> str:
    """The national table as YAML text, written directly: ~850k cells go through no emitter."""
    lines = [f"- id: national_{theme}", f"  ref: 全国县级目标表 {theme}", "  columns:"]
    for ind in indicators:
        for y in years:
            lines.append(f'  - {{indicator: {ind}, period: "{y}", header: "{y}年 {ind}"}}')
    lines.append("  rows:")
    n = len(indicators) * len(years)
    for name in counties:
        cells = []
        for _ in range(n):
            r = rng.random()
            cells.append('"-"' if r < 0.02 else "null" if r < 0.03 else f"{rng.uniform(0.5, 500):.1f}")
        lines.append(f"    {name}: [{', '.join(cells)}]")
    return "\n".join(lines) + "\n"


def generate(out: Path, n_counties: int = 2844, n_years: int = 10, n_indicators: int = 30, seed: int = 1) -> dict:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "data").mkdir(exist_ok=True)
    cfg = yaml.safe_load((REPO / "config.yaml").read_text(encoding="utf-8"))

    shipped = [c for c in cfg["counties"] if c["kind"] == "county"]
    extra = n_counties - len(shipped)
    new = [{"name": f"县{i:04d}", "en": f"County {i:04d}", "kind": "county", "order": 100 + i,
            "color": f"#{rng.randrange(0x1000000):06X}", "on_map": False} for i in range(1, extra + 1)]
    # Keep the shipped order (counties, then city level, new district, whole city); the new ones go before 市级.
    specials = [c for c in cfg["counties"] if c["kind"] != "county"]
    for i, c in enumerate(specials):
        c["order"] = 100 + extra + 1 + i
    cfg["counties"] = shipped + new + specials
    county_names = [c["name"] for c in shipped + new]

    years = [str(y) for y in range(2025 - n_years + 1, 2026)]
    known = {p["id"] for p in cfg["periods"]}
    cfg["periods"] = [{"id": y, "zh": f"{y}年", "en": y} for y in years if y not in known] + cfg["periods"]
    cfg["periods"].sort(key=lambda p: (not p["id"].isdigit(), p["id"]))
    if not any(u["id"] == "万元" for u in cfg["units"]):
        cfg["units"].append({"id": "万元", "en": "10,000 yuan"})

    themes = cfg["themes"]
    per_theme = [n_indicators // len(themes) + (1 if i < n_indicators % len(themes) else 0) for i in range(len(themes))]
    defaults = {}
    files = {}
    for theme, n_ind in zip(themes, per_theme):
        tid = theme["id"]
        inds = [f"{tid}_n{j}" for j in range(1, n_ind + 1)]
        theme["indicators"] = theme["indicators"] + [
            {"id": ind, "zh": f"{theme['zh']}指标{j}", "en": f"{theme['en']} indicator {j}", "unit": "万元", "format": ".1f"}
            for j, ind in enumerate(inds, start=1)]
        defaults[tid] = inds[0]
        data = yaml.safe_load((REPO / theme["file"]).read_text(encoding="utf-8"))
        data.setdefault("tables", [])
        head = _dump(data)
        table = _table_text(tid, inds, years, county_names, rng)
        # Append the national table to the file's `tables:` list (an empty list dumps as `tables: []`).
        if "tables: []\n" in head:
            head = head.replace("tables: []\n", "tables:\n" + table, 1)
            text = head
        else:
            start = head.index("tables:\n") + len("tables:\n")
            end = next((i for i in range(start, len(head)) if head[i - 1] == "\n" and head[i] not in " -\n"), len(head))
            text = head[:end] + table + head[end:]
        files[theme["file"]] = text
    cfg.setdefault("display", {})["default_indicator"] = defaults
    cfg.pop("presentation", None)  # slides name shipped views; a national copy needs none

    (out / "config.yaml").write_text(_dump(cfg), encoding="utf-8")
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    geo = out / "data" / "geo"  # the map's boundaries (config.yaml map.boundaries): Lüliang's 13 counties
    if geo.exists():
        shutil.rmtree(geo)
    shutil.copytree(Path(__file__).resolve().parent.parent / "data" / "geo", geo)
    sizes = {p.name: p.stat().st_size for p in [out / "config.yaml", *sorted((out / "data").glob("*.yaml"))]}
    return {"counties": len(county_names), "years": len(years), "indicators": n_indicators,
            "county_rows": len(county_names) * len(years) * n_indicators, "bytes": sizes}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--counties", type=int, default=2844)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--indicators", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    facts = generate(a.out, a.counties, a.years, a.indicators, a.seed)
    print(f"{a.out}: {facts['counties']:,} counties × {facts['years']} years × {facts['indicators']} indicators = "
          f"{facts['county_rows']:,} county rows; {sum(facts['bytes'].values()) / 2**20:.1f} MiB of YAML")


if __name__ == "__main__":
    main()
