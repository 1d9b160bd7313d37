"""How quick the editor window feels: start-up to the first frame, frame times with 200 blocks on the
workspace (idle and while a stack is dragged), a frame that rebuilds every script in view, and a zoom step.

Run:  python benchmarks/bench_editor.py [--quick]
Uses pyglet's headless backend (PYGLET_HEADLESS=1, software OpenGL on a machine without a GPU) and a
temporary BLOCKBUILDER_HOME. Prints figures only; nothing here is a test. Background load can double a
figure: compare best-of and medians across runs, not single numbers.
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


def frame_times(window, frames: int, before=None) -> list[float]:
    from pyglet.gl import glFinish
    times = []
    for i in range(frames):
        t0 = time.perf_counter()
        if before:
            before(i)
        window.dispatch_events()
        window.on_draw()
        window.flip()
        glFinish()
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and frames")
    args = parser.parse_args()
    runs, frames = (2, 60) if args.quick else (5, 300)

    rows: list[tuple[str, str, str, str]] = []   # (what, best/median, worst, n)
    ms = lambda t: f"{t * 1000:8.1f} ms"  # noqa: E731

    for name, times in startup(runs).items():
        rows.append((f"start-up: {name}", f"best {ms(min(times))}", f"median {ms(statistics.median(times))}",
                     f"{len(times)} runs"))

    home = tempfile.TemporaryDirectory()
    os.environ["BLOCKBUILDER_HOME"] = home.name
    import pyglet  # noqa: F401
    from pyglet.window import mouse

    from blockbuilder.app import make_window
    from blockbuilder.document.edits import walk

    project, count = big_project()
    window = make_window(project, visible=False)
    c = window.c
    window.switch_to()
    frame_times(window, 3)
    assert sum(1 for _ in walk(c.editor.project)) == count and c.editor.camera.zoom == 0.5

    idle = frame_times(window, frames)
    rows.append((f"frame, idle, {count} blocks", f"median {ms(statistics.median(idle))}", f"worst {ms(max(idle))}",
                 f"{frames} frames, {sum(t > 0.05 for t in idle)} over 50 ms"))

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
    rows.append((f"frame, dragging a 6-block run{'' if snapped else ' (drag did not start!)'}",
                 f"median {ms(statistics.median(dragging))}", f"worst {ms(max(dragging))}",
                 f"{frames} frames, {sum(t > 0.05 for t in dragging)} over 50 ms, {len(builds)} workspace rebuilds"))

    # A frame after every script changed (as after an edit of all of them): the scripts in view are built
    # again, the others only when they come into view.
    redraws = []
    for _ in range(max(5, frames // 20)):
        window._script_cache.clear()
        window.keys_seen.pop("work", None)
        redraws.extend(frame_times(window, 1))
    rows.append((f"frame rebuilding every script in view, {count} blocks", f"median {ms(statistics.median(redraws))}",
                 f"worst {ms(max(redraws))}", f"{len(redraws)} frames"))

    # A zoom step changes every block's size: the frame that follows builds the scripts in view anew.
    zooms = []
    r = c.regions.code
    for i in range(max(6, frames // 30)):
        c.zoom_at(r.x + r.w / 2, r.y + r.h / 2, 1 if i % 2 == 0 else -1)
        zooms.extend(frame_times(window, 1))
    rows.append(("frame after a zoom step (0.5 <-> 0.625)", f"median {ms(statistics.median(zooms))}",
                 f"worst {ms(max(zooms))}", f"{len(zooms)} frames"))
    from pyglet.gl import gl_info
    print(f"blockbuilder editor, {window.width}x{window.height} headless; GL renderer: "
          f"{gl_info.get_renderer()}; {os.cpu_count()} CPUs; python {sys.version.split()[0]}")
    window.close_now()
    home.cleanup()
    widths = [max(len(r[k]) for r in rows) for k in range(4)]
    for r in rows:
        print("  ".join(r[k].ljust(widths[k]) for k in range(4)))


if __name__ == "__main__":
    main()
