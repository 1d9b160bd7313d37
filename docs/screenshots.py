"""Retakes the README's screenshots of the real editor window, the same pixels on every run.

    python docs/screenshots.py                    # writes docs/stage-*.png
    python docs/screenshots.py --out /tmp/shots   # somewhere else, e.g. to compare two versions
    python docs/screenshots.py --compare A B      # which PNGs of two folders differ, and by how many pixels

Training is stepped a fixed number of epochs (no clock), so a shot depends only on the code. It uses
pyglet's headless backend when there is no display (see tests/gui_harness.py).
"""
from __future__ import annotations

import argparse
import os
import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

OWN_POINTS = [[-0.6, 0.5, 0], [-0.3, -0.1, 0], [0.4, 0.6, 0], [-0.7, -0.5, 0],
              [0.5, 0.5, 1], [-0.4, -0.4, 1], [0.2, -0.6, 1], [0.6, -0.4, 1]]


def example(name: str):
    from blockbuilder.session.examples import BY_NAME
    return BY_NAME[name].project()


def shoot(gui, name: str, lang: str, epochs: int, big: bool = False, neuron=None, points=None):
    """Open `name`, speak `lang`, train a fixed number of epochs, set up the stage, and draw."""
    c, lab = gui.c, gui.window.lab
    c.run(f"lang:{lang}")
    if points is not None:
        c.run("own_points")
        c.editor.set_param(c.editor.compiled().data.block_id, "points", points)
    lab.sync()
    for _ in range(epochs):
        lab.step_epoch()
    stage = c.stage_input
    if big and not stage.state.big:
        stage.toggle_big()
    if neuron is not None:
        stage.state.neuron = neuron
        stage.state.changed()
    gui.frame()
    gui.frame()


SHOTS = {   # file -> (example, language, epochs, big stage, neuron looked inside, a child's points)
    "stage-spiral-ja": ("spiral", "ja", 200, True, (1, 3), None),
    "stage-xor-en": ("xor", "en", 300, False, None, None),
    "stage-digits-ja-Hira": ("digits", "ja-Hira", 30, True, None, None),
    "stage-own-points-en": ("xor", "en", 300, False, None, OWN_POINTS),
}


LEARNING = {   # file -> (example, language, epochs): a big stage showing how it learns (see learning.py)
    "stage-learning-en": ("spiral", "en", 20),
}


def shoot_learning(gui, name: str, lang: str, epochs: int) -> None:
    """Step back from the answer, see the slope of its steepest weight, and wiggle it."""
    shoot(gui, name, lang, epochs, big=True)
    stage = gui.c.stage_input
    for id in ("back_start", "back_next", "back_slope"):
        stage.info_action(id)
    stage.learn_action("learn_wiggle")
    gui.frame()
    gui.frame()


def take(out: pathlib.Path) -> None:
    os.environ["BLOCKBUILDER_HOME"] = tempfile.mkdtemp(prefix="bb-shots-")   # no settings of the user's
    from gui_harness import open_gui
    out.mkdir(parents=True, exist_ok=True)
    for file, (name, lang, epochs, big, neuron, points) in SHOTS.items():
        gui = open_gui(example(name), 1280, 800)
        try:
            shoot(gui, name, lang, epochs, big, neuron, points)
            gui.save_png(str(out / f"{file}.png"))
        finally:
            gui.close()
        print("wrote", out / f"{file}.png")
    for file, (name, lang, epochs) in LEARNING.items():
        gui = open_gui(example(name), 1280, 800)
        try:
            shoot_learning(gui, name, lang, epochs)
            gui.save_png(str(out / f"{file}.png"))
        finally:
            gui.close()
        print("wrote", out / f"{file}.png")


def compare(a: pathlib.Path, b: pathlib.Path) -> int:
    """Prints how many pixels differ in each pair of PNGs; returns how many pairs differ."""
    import gui_harness  # noqa: F401  (chooses pyglet's backend before pyglet.image needs one)
    import numpy as np
    import pyglet
    differ = 0
    for first in sorted(a.glob("*.png")):
        one, two = (pyglet.image.load(str(p)).get_image_data() for p in (first, b / first.name))
        x, y = (np.frombuffer(img.get_data("RGBA", img.width * 4), np.uint8).reshape(-1, 4) for img in (one, two))
        changed = int((x != y).any(axis=1).sum()) if x.shape == y.shape else -1
        differ += changed != 0
        print(f"{first.name}: " + ("identical" if changed == 0 else f"{changed} pixels differ" if changed > 0
                                   else "different sizes"))
    return differ


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "docs")
    parser.add_argument("--compare", nargs=2, type=pathlib.Path, metavar=("A", "B"))
    args = parser.parse_args()
    if args.compare:
        return 1 if compare(*args.compare) else 0
    take(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
