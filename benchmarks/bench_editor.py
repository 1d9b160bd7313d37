"""How quick the editor window feels: start-up to the first frame, frame times with 200 blocks on the
workspace (idle, pan, while a stack is dragged), a frame that rebuilds every script in view, a zoom step,
a language switch (a full rebuild), and a clock tick with its frame while a network trains.

Run:  python benchmarks/bench_editor.py [--quick]
Uses pyglet's headless backend (PYGLET_HEADLESS=1, software OpenGL on a machine without a GPU) and a
temporary BLOCKBUILDER_HOME. The window is 1280 x 800 and builds with the running app's frame budget
(app.run sets window.budget): a zoom or a rebuild then takes several frames, each counted until the window
has nothing left to build ("settled"). Run it from another checkout's root (python /path/bench_editor.py
with ROOT there) for a before/after figure; a checkout without budgets builds all in one frame.
Prints figures only; nothing here is a test. Background load can double a figure (the load average is
printed): compare best-of and medians across runs, not single numbers.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
os.environ["PYGLET_HEADLESS"] = "1"          # before anything imports pyglet
sys.path.insert(0, str(ROOT))

# The child process: import the app, open the window, draw and finish one frame, then say how long
# its own part took (the parent adds the interpreter's start by timing the whole process).
STARTUP = r"""
import time; t0 = time.perf_counter()
import os; os.environ["PYGLET_HEADLESS"] = "1"
from blockbuilder.app import make_window
w = make_window(visible=False)
t1 = time.perf_counter()
w.switch_to(); w.dispatch_events(); w.on_draw()
from pyglet.gl import glFinish; glFinish(); w.flip()
t2 = time.perf_counter()
print(f"READY {t1 - t0:.6f} {t2 - t0:.6f}", flush=True)
w.close_now()
"""


def startup(runs: int) -> dict[str, list[float]]:
    out = {"process start -> first frame": [], "import + window (in process)": [],
           "import + window + first frame (in process)": []}
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, PYGLET_HEADLESS="1", BLOCKBUILDER_HOME=home, PYTHONPATH=str(ROOT))
        for _ in range(runs):
            t0 = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-c", STARTUP], stdout=subprocess.PIPE, text=True, env=env,
                                    cwd=home)
            line = ""
            for line in proc.stdout:
                if line.startswith("READY"):
                    break
            elapsed = time.perf_counter() - t0
            proc.wait()
            if not line.startswith("READY"):
                raise SystemExit(f"the start-up child failed (exit {proc.returncode})")
            _, window, frame = line.split()
            out["process start -> first frame"].append(elapsed)
            out["import + window (in process)"].append(float(window))
            out["import + window + first frame (in process)"].append(float(frame))
    return out


def big_project(scripts: int = 20, per_script: int = 10):
    """~200 blocks: network stacks (a data hat, layers, an output cap; some with a layer of neurons)
    and training stacks, in two columns."""
    from blockbuilder.document.project import Block, Project, Script, View
    out, n = [], 0

    def block(type_, **params):
        nonlocal n
        n += 1
        return Block(id=f"b{n}", type=type_, params=params)

    for s in range(scripts):
        if s % 2 == 0:
            blocks = [block("data_circle", noise=5)]
            for k in range(per_script - 2):
                if k == 3 and s % 4 == 0:   # a C block holding two neurons: 3 blocks
                    layer = block("layers_layer")
                    layer.children = [block("layers_neuron"), block("layers_neuron")]
                    blocks.append(layer)
                else:
                    blocks.append(block("layers_dense", units=4 + k, activation="relu"))
            blocks.append(block("output_classify"))
        else:
            kinds = ["training_optimizer", "training_learning_rate", "training_batch_size", "training_epochs",
                     "training_l1", "training_l2", "training_init", "training_seed", "training_epochs"]
            blocks = [block("training_start")] + [block(k) for k in kinds[:per_script - 1]]
        out.append(Script(x=40 + 620 * (s % 2), y=40 + 560 * (s // 2), blocks=blocks))
    # zoomed out to a half, so that three rows of both columns are in view
    return Project(name="bench", language="ja", scripts=out, view=View(zoom=0.5)), n


class Times(list):
    """Frame times (wall clock, seconds) and, in .cpu, the process's CPU time for each frame (all threads,
    llvmpipe's included): the CPU figure moves less when other programs load the machine."""

    def __init__(self):
        super().__init__()
        self.cpu: list[float] = []

    def add(self, other: "Times") -> "Times":
        self.extend(other)
        self.cpu.extend(other.cpu)
        return self


def frame_times(window, frames: int, before=None) -> Times:
    from pyglet.gl import glFinish
    times = Times()
    for i in range(frames):
        t0, c0 = time.perf_counter(), time.process_time()
        if before:
            before(i)
        window.dispatch_events()
        window.on_draw()
        window.flip()
        glFinish()
        times.append(time.perf_counter() - t0)
        times.cpu.append(time.process_time() - c0)
    return times


def until_settled(window, limit: int = 100) -> Times:
    """Frame times from now until the window has nothing left to build (one frame without budgets)."""
    times = frame_times(window, 1)
    while len(times) < limit and getattr(window, "stale", None) and window.stale():
        times.add(frame_times(window, 1))
    return times


def ms(t: float) -> str:
    return f"{t * 1000:7.1f} ms"


def frame_row(what: str, times: Times, note: str) -> tuple[str, str, str, str, str]:
    return (what, f"median {ms(statistics.median(times))}", f"worst {ms(max(times))}",
            f"cpu median {ms(statistics.median(times.cpu))} worst {ms(max(times.cpu))}", note)


def training_row(frames: int) -> tuple[str, ...]:
    """Training the one network of a project of ~200 blocks (the other stacks without their hat block, so
    loose), as the running app does: each clock tick trains a slice (lab SPEEDS: 10 ms) and, when the stage
    changed (at most lab/stage.py LIVE_HZ times a second), draws a frame. Counted: tick + frame, for the ticks
    that draw."""
    from blockbuilder.app import make_window
    project, count = big_project()
    for script in project.scripts[2:]:
        script.blocks = script.blocks[1:]
        count -= 1
    window = make_window(project, width=1280, height=800, visible=False)
    try:
        from blockbuilder.view.window import BUILD_BUDGET
        window.budget = BUILD_BUDGET
    except ImportError:
        pass
    window.switch_to()
    frame_times(window, 3)
    until_settled(window)
    window.c.actions["lab_toggle"]()
    times = Times()
    for _ in range(frames):
        t0, c0 = time.perf_counter(), time.process_time()
        window.c.tick()
        if window.stale():
            times.add(frame_times(window, 1))
            times[-1], times.cpu[-1] = time.perf_counter() - t0, time.process_time() - c0
        else:
            time.sleep(0.002)
    trained = window.lab.status
    window.close_now()
    return frame_row(f"tick + frame while training, {count} blocks", times,
                     f"{len(times)} frames drawn of {frames} ticks ({trained})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and frames")
    parser.add_argument("--frames-only", action="store_true", help="leave out the start-up times")
    args = parser.parse_args()
    runs, frames = (2, 60) if args.quick else (5, 300)
    load = os.getloadavg()   # other programs on the machine: the figures are only as quiet as it is

    rows: list[tuple[str, ...]] = []   # (what, best/median, worst, cpu, n)
    for name, times in ({} if args.frames_only else startup(runs)).items():
        rows.append((f"start-up: {name}", f"best {ms(min(times))}", f"median {ms(statistics.median(times))}", "",
                     f"{len(times)} runs"))

    home = tempfile.TemporaryDirectory()
    os.environ["BLOCKBUILDER_HOME"] = home.name
    import pyglet
    pyglet.options["debug_gl"] = False   # as app.run() does
    from pyglet.window import mouse

    from blockbuilder.app import make_window
    from blockbuilder.document.edits import walk

    project, count = big_project()
    window = make_window(project, width=1280, height=800, visible=False)
    try:
        from blockbuilder.app import quiet_collector
        from blockbuilder.view.window import BUILD_BUDGET
        window.budget = BUILD_BUDGET   # as app.run() does
        quiet_collector()
    except ImportError:
        pass   # a checkout from before frame budgets
    c = window.c
    window.switch_to()
    frame_times(window, 3)
    until_settled(window)   # idle: nothing left to build
    assert sum(1 for _ in walk(c.editor.project)) == count and c.editor.camera.zoom == 0.5

    idle = frame_times(window, frames)
    rows.append(frame_row(f"frame, idle, {count} blocks", idle, f"{frames} frames, {sum(t > 0.033 for t in idle)} "
                          "over 33 ms"))

    # Drag the lower six blocks of a network stack in a zigzag across both columns of stacks: the run
    # snaps into other stacks now and then, and each change of snap spot rebuilds the workspace layer.
    import math
    target = c.editor.project.scripts[2].blocks[4].id
    box = c.block_box(target)
    sx, sy = c.code.to_screen(box.x + 5, box.y + box.head - 24)
    window.dispatch_event("on_mouse_press", sx, sy, mouse.LEFT, 0)
    window.dispatch_events()
    path = [(sx + 150 + 150 * math.sin(6 * math.pi * i / frames), sy + 150 - 300 * i / frames) for i in range(frames)]
    builds = []
    real_build = window._build_work

    def counted_build():
        builds.append(1)
        return real_build()
    window._build_work = counted_build

    def move(i):
        x, y = path[i]
        window.dispatch_event("on_mouse_drag", x, y, 1, 1, mouse.LEFT, 0)
    dragging = frame_times(window, frames, move)
    snapped = c.editor.drag is not None
    del window._build_work
    window.dispatch_event("on_key_press", pyglet.window.key.ESCAPE, 0)   # cancel: leave the project as it was
    window.dispatch_events()
    until_settled(window)
    rows.append(frame_row(f"frame, dragging a 6-block run{'' if snapped else ' (drag did not start!)'}", dragging,
                          f"{frames} frames, {sum(t > 0.033 for t in dragging)} over 33 ms, {len(builds)} workspace "
                          "rebuilds"))

    # A frame after every script changed (as after an edit of all of them): the scripts in view are built
    # again, the others only when they come into view.
    redraws = Times()
    for _ in range(max(5, frames // 20)):
        window._script_cache.clear()
        window.keys_seen.pop("work", None)
        redraws.add(until_settled(window))
    rows.append(frame_row("frames rebuilding every script in view", redraws, f"{len(redraws)} frames"))

    # A zoom step changes every block's size: the frames that follow build the scripts in view anew.
    r = c.regions.code
    zooms, settle = Times(), []
    for i in range(max(6, frames // 30)):
        c.zoom_at(r.x + r.w / 2, r.y + r.h / 2, 1 if i % 2 == 0 else -1)
        times = until_settled(window)
        zooms.add(times)
        settle.append(sum(times))
    rows.append(frame_row("frames after a zoom step (0.5 <-> 0.625)", zooms,
                          f"{len(zooms)} frames, sharp again after {ms(statistics.median(settle))} (median)"))

    # Pan: the camera moves by 12 pixels a frame (as a drag of the background does).
    def pan(i):
        c.editor.camera.x += (12 if (i // 40) % 2 == 0 else -12) / c.editor.camera.zoom
    pans = frame_times(window, frames, pan)
    until_settled(window)
    rows.append(frame_row("frame while panning", pans, f"{frames} frames"))

    # A language switch: every block's words change, so every script is built again.
    langs, settle = Times(), []
    for i in range(max(4, frames // 40)):
        c.actions["lang:" + ("en" if i % 2 == 0 else "ja")]()
        times = until_settled(window)
        langs.add(times)
        settle.append(sum(times))
    rows.append(frame_row("frames after a language switch (full rebuild)", langs,
                          f"{len(langs)} frames, all rebuilt after {ms(statistics.median(settle))} (median)"))
    from pyglet.gl import gl_info
    print(f"blockbuilder editor, {window.width}x{window.height} headless; GL renderer: "
          f"{gl_info.get_renderer()}; {os.cpu_count()} CPUs; python {sys.version.split()[0]}; load average at the "
          f"start {' '.join(f'{v:.2f}' for v in load)}, now {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    window.close_now()
    rows.append(training_row(frames))
    home.cleanup()
    widths = [max(len(r[k]) for r in rows) for k in range(5)]
    for r in rows:
        print("  ".join(r[k].ljust(widths[k]) for k in range(5)).rstrip())


if __name__ == "__main__":
    main()
