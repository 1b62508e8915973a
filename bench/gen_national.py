"""Generate a national-scale project: 2,844 county-level units × 10 years × 30 indicators (≈ 853k county rows).

    python bench/gen_national.py OUT_DIR [--counties 2844] [--years 10] [--indicators 30] [--seed 1] [--reports 12]

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

With `--reports N` (bench/progress.py uses 12) the copy is also a progress project: every added indicator
declares `progress:` (kinds in turn: flow, flow, flow, level, at_least, at_most), every year its start and end
dates, each theme file a few revisions, and OUT_DIR/data/reports/ holds N monthly reports per theme for the
last year (`<theme>-YYYY-MM.yaml`, as of each month's last day; every county with a target, every added
indicator of the theme: 12 × 30 × 2,844 ≈ 1M values). Their numbers are synthetic: every report and revision
says `sample: true` and its file starts with 示例数据（非真实）. A flow's reported amount never falls from one
month to the next (validation refuses that); about 3% of a month's values are left out (not reported).
Without `--reports` the output is the same as before (the targets' random stream is unchanged).

Each data file stays under targets.inputs.yamlsafe.MAX_BYTES. Output: OUT_DIR/config.yaml
and OUT_DIR/data/*.yaml, with the repo's county boundaries under OUT_DIR/data/geo.
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
KINDS = ("flow", "flow", "flow", "level", "at_least", "at_most")  # the added indicators' progress kinds, in turn


def _dump(data: dict) -> str:
    # default_flow_style=None: leaf lists and mappings inline ([1.5, '-', null]); everything else block style.
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100_000)


def _table_text(theme: str, indicators: list[str], years: list[str], counties: list[str], rng: random.Random,
                kept: dict | None = None) -> str:
    """The national table as YAML text, written directly: ~850k cells go through no emitter. `kept`, if given,
    receives the last year's numeric targets: (indicator, county) -> value."""
    lines = [f"- id: national_{theme}", f"  ref: 全国县级目标表 {theme}", "  columns:"]
    for ind in indicators:
        for y in years:
            lines.append(f'  - {{indicator: {ind}, period: "{y}", header: "{y}年 {ind}"}}')
    lines.append("  rows:")
    n = len(indicators) * len(years)
    for name in counties:
        cells = []
        for k in range(n):
            r = rng.random()
            cells.append('"-"' if r < 0.02 else "null" if r < 0.03 else f"{rng.uniform(0.5, 500):.1f}")
            if kept is not None and k % len(years) == len(years) - 1 and r >= 0.03:
                kept[(indicators[k // len(years)], name)] = float(cells[-1])
        lines.append(f"    {name}: [{', '.join(cells)}]")
    return "\n".join(lines) + "\n"


def generate(out: Path, n_counties: int = 2844, n_years: int = 10, n_indicators: int = 30, seed: int = 1,
             n_reports: int = 0) -> dict:
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
    if n_reports:
        for p in cfg["periods"]:
            if p["id"].isdigit() and not p.get("start"):
                p["start"], p["end"] = f"{p['id']}-01-01", f"{p['id']}-12-31"
    if not any(u["id"] == "万元" for u in cfg["units"]):
        cfg["units"].append({"id": "万元", "en": "10,000 yuan"})

    themes = cfg["themes"]
    per_theme = [n_indicators // len(themes) + (1 if i < n_indicators % len(themes) else 0) for i in range(len(themes))]
    defaults = {}
    files = {}
    kinds: dict[str, str] = {}
    kept: dict | None = {} if n_reports else None
    k_all = 0
    for theme, n_ind in zip(themes, per_theme):
        tid = theme["id"]
        inds = [f"{tid}_n{j}" for j in range(1, n_ind + 1)]
        added = []
        for j, ind in enumerate(inds, start=1):
            spec = {"id": ind, "zh": f"{theme['zh']}指标{j}", "en": f"{theme['en']} indicator {j}", "unit": "万元", "format": ".1f"}
            if n_reports:
                kinds[ind] = KINDS[k_all % len(KINDS)]
                spec["progress"] = {"kind": kinds[ind]}
            k_all += 1
            added.append(spec)
        theme["indicators"] = theme["indicators"] + added
        defaults[tid] = inds[0]
        data = yaml.safe_load((REPO / theme["file"]).read_text(encoding="utf-8"))
        data.setdefault("tables", [])
        table = _table_text(tid, inds, years, county_names, rng, kept)
        if n_reports:
            data["revisions"] = data.get("revisions") or []
            data["revisions"] += _revisions(tid, inds, years[-1], county_names, random.Random(f"{seed}:{tid}:revisions"),
                                            kept)
        head = _dump(data)
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
    n_values = 0
    reports_dir = out / "data" / "reports"
    if reports_dir.exists():
        shutil.rmtree(reports_dir)
    if n_reports:
        reports_dir.mkdir()
        by_theme = {t["id"]: [i["id"] for i in t["indicators"] if i["id"] in kinds] for t in themes}
        n_values = write_reports(reports_dir, by_theme, kinds, kept, county_names, int(years[-1]), n_reports, seed)
    geo = out / "data" / "geo"  # the map's boundaries (config.yaml map.boundaries): Lüliang's 13 counties
    if geo.exists():
        shutil.rmtree(geo)
    shutil.copytree(Path(__file__).resolve().parent.parent / "data" / "geo", geo)
    sizes = {p.name: p.stat().st_size for p in [out / "config.yaml", *sorted((out / "data").glob("*.yaml"))]}
    report_bytes = [p.stat().st_size for p in sorted(reports_dir.glob("*.yaml"))] if n_reports else []
    return {"counties": len(county_names), "years": len(years), "indicators": n_indicators,
            "county_rows": len(county_names) * len(years) * n_indicators, "bytes": sizes,
            "report_files": len(report_bytes), "report_values": n_values, "report_bytes": sum(report_bytes),
            "largest_report": max(report_bytes, default=0), "report_year": years[-1] if n_reports else None}


SAMPLE_HEADER = ("# 示例数据（非真实）· sample data (not real): generated by bench/gen_national.py for benchmarks; "
                 "never cite these numbers.\n")


def _revisions(theme: str, indicators: list[str], year: str, counties: list[str], rng: random.Random,
               kept: dict | None = None) -> list[dict]:
    """A few revisions of the last year's targets, in force from July, one a day (two of one target on one day are
    refused); sample data, like the reports."""
    out = []
    for k in range(12):
        ind = indicators[k % len(indicators)]
        # A revision changes a county's existing target: only counties with one for the year are picked.
        tasked = [c for c in counties if kept is None or (ind, c) in kept] or counties
        out.append({"indicator": ind, "period": year, "county": tasked[rng.randrange(len(tasked))],
                    "value": round(rng.uniform(0.5, 500), 1), "effective": f"{year}-07-{k + 1:02d}",  # one a day
                    "source": {"doc_number": f"示例〔{year}〕{k + 1}号", "title": f"（示例）关于调整{theme}部分目标的通知",
                               "issued": f"{year}-06-20"},
                    "reason": "示例", "sample": True})
    return out


def _month_end(year: int, month: int) -> str:
    return (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).isoformat()


def write_reports(folder: Path, by_theme: dict[str, list[str]], kinds: dict[str, str], targets: dict,
                  counties: list[str], year: int, months: int, seed: int) -> int:
    """`months` monthly reports per theme, as of each month's last day of `year`; returns the number of values.

    Each (indicator, county) has a pace drawn once (0.55–1.2 of the straight line), so its statuses spread over
    on track, at risk, behind and done, and a flow's cumulative amount only grows."""
    rng = random.Random(f"{seed}:reports")
    pace = {key: rng.uniform(0.55, 1.2) for key in targets}
    n = 0
    for theme, inds in by_theme.items():
        for m in range(1, months + 1):
            share = m / 12
            lines = [SAMPLE_HEADER.rstrip("\n"), f"theme: {theme}", f'as_of: "{_month_end(year, m)}"', "sample: true",
                     f"source: {{title: （示例）{year}年{m}月{theme}完成情况（合成数据）, reporter: 基准测试生成器（示例）, "
                     f'received: "{_month_end(year, m)}"}}', "values:"]
            for ind in inds:
                kind = kinds[ind]
                cells = []
                for name in counties:
                    target = targets.get((ind, name))
                    if target is None or rng.random() < 0.03:
                        continue
                    f = pace[(ind, name)]
                    if kind == "flow":
                        v = target * share * f
                    elif kind == "level":
                        v = target * (0.5 + 0.5 * share * f)
                    else:  # at_least / at_most: a value around the target, month by month
                        v = target * rng.uniform(0.8, 1.25)
                    cells.append(f"{name}: {v:.1f}")
                if cells:
                    lines += [f"  - indicator: {ind}", f'    period: "{year}"', f"    rows: {{{', '.join(cells)}}}"]
                    n += len(cells)
            (folder / f"{theme}-{year}-{m:02d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--counties", type=int, default=2844)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--indicators", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reports", type=int, default=0, help="monthly completion reports per theme (sample data), 0-12")
    a = ap.parse_args()
    if not 0 <= a.reports <= 12:
        ap.error("--reports is a number of months of one year: 0 to 12")
    facts = generate(a.out, a.counties, a.years, a.indicators, a.seed, a.reports)
    print(f"{a.out}: {facts['counties']:,} counties × {facts['years']} years × {facts['indicators']} indicators = "
          f"{facts['county_rows']:,} county rows; {sum(facts['bytes'].values()) / 2**20:.1f} MiB of YAML")
    if a.reports:
        print(f"  + {facts['report_files']} report files ({a.reports} months × {len(facts['bytes']) - 1} themes, "
              f"{facts['report_year']}): {facts['report_values']:,} values, {facts['report_bytes'] / 2**20:.1f} MiB "
              f"(largest {facts['largest_report'] / 2**10:,.0f} KiB); sample data (not real)")


if __name__ == "__main__":
    main()
