"""National scale: a generated 853k-row project loaded cold, restarted warm from the on-disk snapshot cache,
and restarted with that cache corrupted (it must be rebuilt, never trusted).

    .venv/bin/python bench/national.py restart CONFIG [--profile]   # one warm-restart probe (bench/run.py starts these)

A restart is a new process: the probe imports the app's loader, builds a Store on CONFIG and takes its first
snapshot, and prints what that took (wall and CPU) and whether the cache answered, as one JSON line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from common import NAN, REPO, log, median, timed

CACHE_ENV, SWITCH_ENV = "TARGETS_CACHE_DIR", "TARGETS_SNAPSHOT_CACHE"
RESTART_TIMEOUT = 600  # seconds for one probe process (a rebuild at national scale takes tens of seconds on a busy machine)


def prepare(out: Path) -> dict:
    """The national copy in `out`, its files dated an hour back (a restart finds them long unchanged, so the
    store does not wait for them to settle)."""
    from gen_national import generate

    facts = generate(out)
    old = time.time() - 3600
    for p in out.rglob("*"):
        if p.is_file():
            os.utime(p, (old, old))
    return facts


def cold_loads(config: Path, runs: int) -> dict:
    """A fresh Store per run with the snapshot cache off: read, parse, validate, frame, consistency report, ranks
    — what a server's first session pays when nothing is cached. Wall and process CPU time per run."""
    from targets.frame import build as frames
    from targets.inputs import load
    from targets.ops.store import Store

    times, cpu, split = [], [], {}
    real_read, real_build = load.read_yaml, frames.build
    spent = {"parse": 0.0, "frame": 0.0}

    view = None
    for i in range(runs):
        if i == 0:  # the split is of the first run only: the wrappers cost a little
            load.read_yaml, frames.build = timed(real_read, "parse", spent), timed(real_build, "frame", spent)
        try:
            store = Store(config, cache=False)
            c0, t0 = time.process_time(), time.perf_counter()
            view = store.current()
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)  # the loader thread's too
        finally:
            load.read_yaml, frames.build = real_read, real_build
        if view.snapshot is None:
            raise RuntimeError("the national project does not load: " + "; ".join(p.render() for p in view.problems[:5]))
        if i == 0:
            split = {"parse (targets.inputs.yamlsafe.read_yaml)": spent["parse"], "tidy frame (targets.frame.build.build)": spent["frame"],
                     "read, validate, cross-check, report, ranks": times[0] - spent["parse"] - spent["frame"]}
        log(f"  cold load {i + 1}/{runs}: {times[-1]:.1f} s (CPU {cpu[-1]:.1f} s)")
    snap = view.snapshot
    return {"times": times, "cpu": cpu, "split": split, "rows": len(snap.project.frame),
            "frame_mib": snap.project.frame.memory_usage(deep=True).sum() / 2**20,
            "profile": profiled_build(config, cache=False)}


def profiled_build(config: Path, *, cache: bool) -> dict:
    """One load profiled: the store's read of every file and its build (from the cache when `cache` and it answers).
    Run in this thread through the Store's own steps, since the store loads in a thread cProfile would not see."""
    import cProfile
    import pstats

    from reruns import summarize
    from targets.ops.store import Store

    store = Store(config, cache=cache)
    prof = cProfile.Profile()
    prof.runcall(lambda: store._build(store._read_all(time.monotonic() + RESTART_TIMEOUT)))
    return summarize(pstats.Stats(prof), 1)


def _probe(config: Path, cache_dir: Path, *extra: str) -> dict:
    env = {**os.environ, CACHE_ENV: str(cache_dir), SWITCH_ENV: "1"}
    env.pop("TARGETS_CONFIG", None)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "restart", str(config), *extra], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=RESTART_TIMEOUT)
    wall = time.perf_counter() - t0
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if done.returncode or not lines:
        raise RuntimeError(f"restart probe failed ({done.returncode}): {done.stderr[-800:]}")
    return {**json.loads(lines[-1]), "process_s": wall}


def _corrupt(cache_dir: Path) -> str:
    """Flip bytes in the middle of the cached frame (same size, so only its checksum can tell)."""
    frames = sorted(cache_dir.glob("*.frame.parquet"))
    if not frames:
        raise RuntimeError(f"no cached frame in {cache_dir}")
    raw = bytearray(frames[0].read_bytes())
    mid = len(raw) // 2
    raw[mid:mid + 64] = bytes(b ^ 0xFF for b in raw[mid:mid + 64])
    frames[0].write_bytes(bytes(raw))
    return frames[0].name


def restarts(config: Path, cache_dir: Path, runs: int) -> dict:
    """The first load with the cache on (it writes the cache), `runs` warm restarts, then one with the cached
    frame corrupted, and one more after it (the rebuilt cache must answer again). Each is a new process."""
    out = {"prime": _probe(config, cache_dir)}
    log(f"  first load writing the cache: {out['prime']['current_s']:.1f} s")
    out["warm"] = []
    for i in range(runs):
        out["warm"].append(_probe(config, cache_dir))
        w = out["warm"][-1]
        log(f"  warm restart {i + 1}/{runs}: {w['current_s'] * 1000:,.0f} ms (CPU {w['current_cpu_s'] * 1000:,.0f} ms), "
            f"cache {'hit' if w['hit'] else 'MISS'}; process {w['process_s']:.1f} s")
    out["profile"] = _probe(config, cache_dir, "--profile").get("profile", {})
    out["corrupted_file"] = _corrupt(cache_dir)
    out["corrupt"] = _probe(config, cache_dir)
    out["after_corrupt"] = _probe(config, cache_dir)
    log(f"  corrupt cache: {out['corrupt']['current_s']:.1f} s (cache {'hit' if out['corrupt']['hit'] else 'not used'}); "
        f"next restart {out['after_corrupt']['current_s'] * 1000:,.0f} ms (cache {'hit' if out['after_corrupt']['hit'] else 'MISS'})")
    return out


def warm_summary(r: dict) -> dict:
    w = r["warm"]
    return {"wall": median([x["current_s"] for x in w]), "cpu": median([x["current_cpu_s"] for x in w]),
            "process": median([x["process_s"] for x in w]), "imports": median([x["import_s"] for x in w]),
            "hits": sum(bool(x["hit"]) for x in w), "n": len(w)} if w else {"wall": NAN, "n": 0}


def _restart_main(config: str, profile: bool) -> None:
    """Run in the probe process: import, then a new Store's first snapshot, timed (or profiled)."""
    t0 = time.perf_counter()
    sys.path.insert(0, str(REPO))
    from targets.ops import snapshot_cache
    from targets.ops.store import Store

    imported = time.perf_counter() - t0
    hits: list[bool] = []
    real = snapshot_cache.load

    def load(*a, **k):
        got = real(*a, **k)
        hits.append(got is not None)
        return got

    snapshot_cache.load = load  # Store calls it through the module: records whether the cache answered
    if profile:
        prof = profiled_build(Path(config), cache=True)
        print(json.dumps({"profile": prof, "hit": any(hits)}), flush=True)
        return
    c0, t1 = time.process_time(), time.perf_counter()
    view = Store(config).current()
    took, cpu = time.perf_counter() - t1, time.process_time() - c0
    snap = view.snapshot
    print(json.dumps({"import_s": imported, "current_s": took, "current_cpu_s": cpu, "hit": any(hits),
                      "rows": len(snap.project.frame) if snap else 0, "problems": len(view.problems)}), flush=True)


if __name__ == "__main__":
    if len(sys.argv) in (3, 4) and sys.argv[1] == "restart":
        _restart_main(sys.argv[2], sys.argv[3:] == ["--profile"])
    else:
        sys.exit(__doc__)
