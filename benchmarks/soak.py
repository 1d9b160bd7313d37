"""Soak the real editor window: run tests/test_gui_soak.py over fresh seeds for as long as asked.

    python benchmarks/soak.py --minutes 30            # one-minute runs, a new seed each, for 30 minutes
    python benchmarks/soak.py --seed 123456 --seconds 60   # replay one seed

Each run is its own process (pytest on the soak test), so one crash never hides the next. Prints each
seed as it starts, and for a crash the seed, the last 30 events and the traceback; at the end, every
crashed seed, with the line that replays it.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST = "tests/test_gui_soak.py"


def run_one(seed: int, seconds: float) -> tuple[bool, str]:
    """(crashed, what to print) for one run of the soak test with this seed."""
    env = dict(os.environ, BLOCKBUILDER_SOAK_SEED=str(seed), BLOCKBUILDER_SOAK_SECONDS=f"{seconds:g}")
    hang = seconds * 3 + 120          # then faulthandler prints where every thread is, and the run ends
    cmd = [sys.executable, "-m", "pytest", TEST, "-x", "-q", "-s", "-p", "no:cacheprovider",
           "-o", f"faulthandler_timeout={hang:g}"]
    try:
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=hang + 60)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace") + (e.stderr or b"").decode(errors="replace")
        return True, f"seed {seed} hung for {hang + 60:g} s; the stacks faulthandler printed:\n{out[-8000:]}"
    out = done.stdout + done.stderr
    if "Timeout (" in out:            # faulthandler's dump: the run hung at least once
        return True, f"seed {seed} hung:\n{out[-8000:]}"
    if done.returncode == 0:
        summary = next((line for line in out.splitlines() if line.startswith(f"soak seed {seed}:")), "")
        return False, summary
    report = [line[4:] if line.startswith("E   ") else line for line in out.splitlines()
              if line.startswith("E   ")]
    return True, "\n".join(report) or out[-6000:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="how long to soak in all (default 5)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long each run lasts (default 60)")
    parser.add_argument("--seed", type=int, help="replay this one seed, once")
    args = parser.parse_args(argv)
    end = time.monotonic() + args.minutes * 60
    crashed: list[int] = []
    runs = 0
    started = time.monotonic()
    while runs == 0 or (args.seed is None and time.monotonic() < end):
        seed = args.seed if args.seed is not None else time.time_ns() % 1_000_000_007
        print(f"[{time.strftime('%H:%M:%S')}] seed {seed}", flush=True)
        bad, text = run_one(seed, args.seconds)
        runs += 1
        print(("CRASH " if bad else "  ") + text, flush=True)
        if bad:
            crashed.append(seed)
    minutes = (time.monotonic() - started) / 60
    print(f"{runs} runs, {minutes:.1f} minutes, {len(crashed)} crashed")
    for seed in crashed:
        print(f"  replay: python benchmarks/soak.py --seed {seed} --seconds {args.seconds:g}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
