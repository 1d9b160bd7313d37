"""Frames per second while training, with every stage view open (the big stage), and the time from ▶
to 95 % test accuracy on the spiral example: training alone, and in the window as it draws every frame
(the big stage). Real window (headless EGL when there is no display).

    .venv/bin/python benchmarks/bench_stage.py
    .venv/bin/python benchmarks/bench_stage.py --learn   # frames/s with "how it learns" open too: a learning
                                                         # step walked back, the slope of a weight, wiggled live
"""
from __future__ import annotations

import os
import statistics
import sys
import time

if not os.environ.get("DISPLAY"):
    os.environ["PYGLET_HEADLESS"] = "1"
os.environ.setdefault("BLOCKBUILDER_HOME", "/tmp/blockbuilder-bench")

import pyglet  # noqa: E402
from pyglet.gl import glFinish  # noqa: E402

from blockbuilder.app import make_window
from blockbuilder.editor.editor import Editor
from blockbuilder.lab.lab import Lab
from blockbuilder.session.examples import EXAMPLES


def frames_while_training(name: str, speed: str, seconds: float = 6.0, learn: str = ""
                          ) -> tuple[float, float, float, int]:
    """(frames per second, median ms, worst ms, epochs) with tick + draw + flip per frame, as pyglet's loop does;
    `learn` "slope": with the step back in the look-inside panel and the slope (wiggled) in place of the charts;
    "layer": the step back and what a layer does."""
    project = next(e for e in EXAMPLES if e.name == name).project()
    w = make_window(project, None, 1280, 800, visible=False)
    st, lab = w.c.stage_input, w.lab
    st.toggle_big()
    if learn:
        open_learning(st)
        st.state.learn = learn
    lab.set_speed(speed)
    lab.play()
    times, start = [], time.perf_counter()
    while time.perf_counter() - start < seconds:
        t = time.perf_counter()
        if lab.status != "running":
            lab.reset()
            lab.play()
        frame(w)
        times.append((time.perf_counter() - t) * 1000)
    epochs = lab.epoch
    w.close_now()
    total = sum(times) / 1000
    return len(times) / total, statistics.median(times), max(times), epochs


def open_learning(st) -> None:
    """What a child clicks: step back, next (the answer's second neuron), see the slope, wiggle it."""
    for id in ("back_start", "back_next", "back_slope"):
        st.info_action(id)
    st.learn_action("learn_wiggle")
    assert st.state.back is not None and st.state.learn == "slope" and st.state.wiggle


def spiral_window(speed: str):
    """The spiral example in a hidden window with every stage view open, at `speed`, drawn once."""
    project = next(e for e in EXAMPLES if e.name == "spiral").project()
    w = make_window(project, None, 1280, 800, visible=False)
    w.c.stage_input.toggle_big()
    w.lab.set_speed(speed)
    frame(w)
    return w


def frame(w) -> None:
    """One frame as pyglet's loop makes it: tick, draw, flip (and wait until it is drawn)."""
    w.update(1 / 30)
    w.on_draw()
    w.flip()
    glFinish()


def reached_95(lab) -> bool:
    return bool(lab.history) and lab.history[-1].test_accuracy >= 0.95


def to_95_drawn(speed: str) -> tuple[float, int, int]:
    """(seconds, epochs, frames) from ▶ until the spiral's test accuracy reaches 95 %, drawing every frame."""
    w = spiral_window(speed)
    lab = w.lab
    lab.play()
    start, frames = time.perf_counter(), 0
    while lab.status == "running" and not reached_95(lab):
        frame(w)
        frames += 1
    seconds, epochs = time.perf_counter() - start, lab.epoch
    w.close_now()
    return seconds, epochs, frames


def to_95(speed: str = "fast") -> tuple[float, int]:
    """Seconds of ticks from ▶ until the spiral's test accuracy reaches 95 %, without drawing."""
    lab = Lab(Editor(next(e for e in EXAMPLES if e.name == "spiral").project()))
    lab.set_speed(speed)
    lab.play()
    start = time.perf_counter()
    while lab.status == "running" and not reached_95(lab):
        lab.tick()
    return time.perf_counter() - start, lab.epoch


def main() -> int:
    print(f"pyglet {pyglet.version}, {'headless EGL' if os.environ.get('PYGLET_HEADLESS') else 'X display'}, "
          f"{os.cpu_count()} cores")
    if "--learn" in sys.argv[1:]:
        views = {"": "charts (as before)", "slope": "step back + slope", "layer": "step back + layer"}
        for speed in ("normal", "fast"):
            for learn, what in views.items():
                fps, med, worst, epochs = frames_while_training("spiral", speed, learn=learn)
                print(f"spiral  {speed:6s} {what:18s}: {fps:5.1f} frames/s, frame median {med:5.1f} ms, "
                      f"worst {worst:6.1f} ms, {epochs} epochs")
        return 0
    for name in ("spiral", "digits"):
        for speed in ("normal", "fast"):
            fps, med, worst, epochs = frames_while_training(name, speed)
            print(f"{name:7s} {speed:6s}: {fps:5.1f} frames/s, frame median {med:5.1f} ms, worst {worst:6.1f} ms, "
                  f"{epochs} epochs in the last run")
    for speed in ("normal", "fast"):
        seconds, epochs = to_95(speed)
        print(f"spiral ▶ → 95% test accuracy at {speed}: {seconds:.2f} s ({epochs} epochs), training only")
        seconds, epochs, frames = to_95_drawn(speed)
        print(f"spiral ▶ → 95% test accuracy at {speed}: {seconds:.2f} s ({epochs} epochs), in the window "
              f"drawing every view ({frames} frames, {frames / seconds:.0f} frames/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
