"""How much CPU the running editor takes when nobody touches it, and while it trains.

Run:  python benchmarks/bench_idle.py [--seconds 10] [--root PATH]
Starts the real app (blockbuilder.app.run, pyglet's own loop) in a child process on the starter example,
with pyglet's headless backend (PYGLET_HEADLESS=1, software OpenGL) and a temporary BLOCKBUILDER_HOME,
waits for it to settle, then reads the child's CPU time (user + system, /proc) over the measuring window
and prints it as a percentage of one core. The second run presses ▶ (the lab's toggle) and measures from
half a second later, while the network trains (the starter: 300 epochs, about 10 s). --root runs another
checkout (e.g. an older one, for a before/after figure). Linux only (/proc). Prints figures only; nothing
here is a test.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent

# The child: the real app's run(), with one hook that can press ▶ once the window is up.
CHILD = r"""
import os, sys
os.environ["PYGLET_HEADLESS"] = "1"
import pyglet
from blockbuilder import app
make = app.make_window
def make_window(*args, **kwargs):
    window = make(*args, **kwargs)
    if os.environ.get("BENCH_TRAIN"):
        def start(dt):
            window.app.controller.actions["lab_toggle"]()
            print("TRAINING", flush=True)
        pyglet.clock.schedule_once(start, float(os.environ["BENCH_TRAIN"]))
    return window
app.make_window = make_window
print("START", flush=True)
sys.exit(app.run())
"""


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far, from /proc/PID/stat."""
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(root: pathlib.Path, seconds: float, settle: float, train: bool) -> tuple[float, str]:
    """Percent of one core the app used over `seconds`: `settle` seconds after the start, or from half a second
    after ▶ was pressed; and a note if something went wrong."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, PYGLET_HEADLESS="1", BLOCKBUILDER_HOME=home, PYTHONPATH=str(root))
        if train:   # ▶ is pressed when the measuring starts (the starter trains 300 epochs, about 10 s)
            env["BENCH_TRAIN"] = "2"
        proc = subprocess.Popen([sys.executable, "-c", CHILD], env=env, cwd=home, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            if train:
                for line in proc.stdout:
                    if line.startswith("TRAINING"):
                        break
                time.sleep(0.5)
            else:
                time.sleep(settle)
            if proc.poll() is not None:
                raise SystemExit(f"the app exited early ({proc.returncode}): {proc.stderr.read()[-2000:]}")
            c0, t0 = cpu_seconds(proc.pid), time.monotonic()
            time.sleep(seconds)
            c1, t1 = cpu_seconds(proc.pid), time.monotonic()
            alive = proc.poll() is None
        finally:
            proc.kill()
            out, _ = proc.communicate()
        note = "" if alive else " (the app exited while measured!)"
        return 100 * (c1 - c0) / (t1 - t0), note


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="how long to measure (default 10)")
    parser.add_argument("--settle", type=float, default=12.0, help="seconds to wait after the start (default 12)")
    parser.add_argument("--root", type=pathlib.Path, default=ROOT, help="the checkout to run")
    args = parser.parse_args()
    print(f"blockbuilder at rest and training, headless, {args.root}; {os.cpu_count()} CPUs; "
          f"CPU time of the app's process over {args.seconds:.0f} s, in % of one core")
    for train in (False, True):
        percent, note = measure(args.root, args.seconds, args.settle, train)
        print(f"  {'training (▶ pressed)' if train else 'idle, starter example':24s} {percent:6.1f} %{note}")


if __name__ == "__main__":
    main()
