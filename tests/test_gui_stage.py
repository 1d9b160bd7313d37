"""The stage driven as a workshop goes: real pyglet events into the real window — press ▶, watch it learn,
look inside a neuron, export, and check the .sb3 in the real scratch-vm computes what the editor's
network computes. Also digits (the pad guesses a drawn digit) and a learning rate that blows up."""
from __future__ import annotations

import math
import re

import numpy as np
import pytest

import gui_harness  # noqa: I001 - first: it chooses pyglet's backend before anything imports pyglet.window
from blockbuilder.document.project import Block
from blockbuilder.editor import keys as K
from blockbuilder.session.examples import EXAMPLES
from blockbuilder.texts import msg
from gui_harness import open_gui
from scratch_harness import scratch_vm  # noqa: F401  (a pytest fixture)

KANJI = re.compile("[\u4e00-\u9fff]")


def example(name: str, lang: str = "en"):
    project = next(e for e in EXAMPLES if e.name == name).project()
    project.language = lang
    return project


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def stage_button(gui, id: str) -> tuple[float, float]:
    lay = gui.c.stage_input.layout()
    b = next(b for b in lay.buttons + lay.tabs if b.id == id)
    assert b.enabled, f"{id} is disabled"
    return b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2


def panel(gui, name: str):
    return gui.c.stage_input.layout().panels[name]


def train_until(gui, done, seconds: float = 60.0) -> None:
    """Let the window run as pyglet's loop would: a tick and a frame, until `done()` or the lab stops."""
    import time
    start = time.perf_counter()
    while not done() and time.perf_counter() - start < seconds:
        gui.window.update(1 / 30)
        gui.frame()
        if gui.window.lab.status != "running":
            break


def test_a_workshop_xor_from_play_to_a_scratch_project_that_computes_the_same(home, scratch_vm):
    gui = open_gui(example("xor"))
    try:
        lab = gui.window.lab
        assert lab.status == "ready" and msg("lab_play").text("en") in gui.label_texts(["stage"])
        gui.click(*stage_button(gui, "lab_toggle"))                     # ▶
        assert lab.status == "running"
        assert msg("lab_pause").text("en") in (gui.frame() or gui.label_texts(["stage"]))
        train_until(gui, lambda: lab.history and lab.history[-1].train_accuracy == 1.0)
        assert lab.history[-1].train_accuracy == 1.0, lab.history[-1]
        gui.click(*stage_button(gui, "lab_toggle"))                     # ⏸ (or already stopped at the last epoch)
        assert lab.status in ("paused", "done")
        assert set(gui.editor.project.trained) == set(lab.compiled.layer_blocks)    # the weights are in the file
        texts = " ".join(gui.label_texts(["stage"]))
        assert "accuracy 100%" in texts

        # the decision boundary: the map under the (1, 0) point is blue ("yes"), under (0, 0) orange ("no")
        plot = panel(gui, "plot")
        from blockbuilder.lab.readout import plot_frame
        frame = plot_frame(lab)
        for (x1, x2), want in (((1, 0), "blue"), ((0, 0), "orange")):
            u, v = frame.to_unit(x1, x2)
            px, py = plot.x + u * plot.w, plot.y + v * plot.h
            r, g, b = gui.pixel(px + 14 * (0.5 - u), py + 14 * (0.5 - v))   # just beside the point
            assert (b > r) if want == "blue" else (r > b), ((x1, x2), (r, g, b))

        # look inside: pick the point (1, 0), then a neuron on the network tab
        u, v = frame.to_unit(1, 0)
        gui.click(plot.x + u * plot.w, plot.y + v * plot.h)
        assert list(gui.c.stage_input.state.point) == [1.0, 0.0]
        gui.click(*stage_button(gui, "tab:network"))
        d = gui.c.stage_input.diagram(panel(gui, "diagram"))
        neuron = next(n for n in d.nodes if n.key[0] == "n" and n.key[1] == 0)
        gui.click(neuron.x, neuron.y)
        assert gui.c.stage_input.state.neuron == neuron.key[1:]
        shown = gui.label_texts(["stage"])
        m = __import__("blockbuilder.lab.insight", fromlist=["neuron_math"]).neuron_math(
            lab.network, np.array([1.0, 0.0]), *neuron.key[1:])
        assert any(f"= {m.total:.2f}" in t for t in shown), shown          # the sum, with this point's numbers
        assert any("×" in t and "x1" in t for t in shown)

        # step through one forward pass, neuron by neuron
        gui.click(*_info_button(gui, "step_start"))
        seen = []
        while gui.c.stage_input.state.stepping is not None:
            seen.append(gui.c.stage_input.state.stepping.current())
            gui.click(*_info_button(gui, "step_next"))
        assert seen == [(0, j) for j in range(4)] + [(1, 0)]

        # export: the chooser, the fit check, the file
        gui.click(*stage_button(gui, "export"))
        assert type(gui.c.dialog.inner).__name__ == "Chooser"
        gui.key(K.ENTER)                                                  # the chooser's Save: the fit check
        assert "It fits in Scratch" in " ".join(gui.label_texts(["over"])).replace("\n", " ")
        gui.key(K.ENTER)                                                  # Export: written, and what to do next
        assert "scratch.mit.edu" in " ".join(gui.label_texts(["over"])).replace("\n", " ")
        gui.key(K.ENTER)
        assert gui.c.dialog is None
        exporter = gui.window.exporter
        assert exporter.last_path is not None and exporter.last_path.exists(), gui.label_texts(["over"])
        p = exporter.last_report.program
        points = [[0, 0], [0, 1], [1, 0], [1, 1]]
        reply = scratch_vm.run(exporter.last_path, points, input_list=p.input.name, output_list=p.output.name,
                               broadcast=p.forward.name, prediction_variable=p.prediction.name)
        want = lab.network.predict(np.array(points, float))
        assert np.allclose(reply["outputs"], want, rtol=1e-9, atol=1e-12)
        assert [int(float(v)) for v in reply["predictions"]] == [0, 1, 1, 0]
    finally:
        gui.close()


def _info_button(gui, id: str):
    from blockbuilder.lab.stage_layout import info_buttons
    st = gui.c.stage_input
    b = next(b for b in info_buttons(panel(gui, "info"), st.state, st.lang, gui.editor.measure, st.lab) if b.id == id)
    return b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2


def test_digits_trains_shows_guesses_and_confusion_and_the_pad_guesses_a_drawn_digit(home):
    gui = open_gui(example("digits", "ja-Hira"))
    try:
        lab = gui.window.lab
        gui.click(*stage_button(gui, "stage_big"))                       # every view at once
        assert {"diagram", "guesses", "confusion", "pad", "loss", "accuracy"} <= set(gui.c.stage_input.layout().panels)
        gui.click(*stage_button(gui, "lab_toggle"))
        train_until(gui, lambda: lab.status != "running", 120)
        assert lab.status == "done" and lab.history[-1].test_accuracy > 0.9
        texts = gui.label_texts(["stage"])
        assert not any(KANJI.search(t) for t in texts), [t for t in texts if KANJI.search(t)]
        assert msg("stage_guesses").text("ja-Hira") in texts
        # draw the first test image of a 0 on the pad, stroke by stroke, through real drags
        test = lab.test_set
        image = test.x[np.flatnonzero(test.y == 0)[0]].reshape(8, 8)
        pad = panel(gui, "pad")
        for r, c in zip(*np.nonzero(image > 0.5)):
            x, y = pad.x + (c + 0.5) / 8 * pad.w, pad.top - (r + 0.5) / 8 * pad.h
            gui.drag((x, y), (x + 1, y - 1), steps=2)
        assert not gui.c.stage_input.pad().empty()
        assert gui.c.stage_input.pad_guess() == 0
        assert msg("stage_pad_guess", digit=0).text("ja-Hira") in gui.label_texts(["stage"])
    finally:
        gui.close()


def test_a_learning_rate_that_blows_up_pauses_puts_the_weights_back_and_says_what_to_do(home):
    project = example("plane", "ja")
    training = next(s for s in project.scripts if s.blocks[0].type == "training_start")
    training.blocks.insert(1, Block(id="opt1", type="training_optimizer", params={"optimizer": "sgd"}))
    gui = open_gui(project)
    try:
        lab = gui.window.lab
        rate = next(b for b in training.blocks if b.type == "training_learning_rate").id
        gui.click(*gui.field_point(rate, "learning_rate"))                # type the rate on the block, as a child does
        for _ in range(8):
            gui.key(K.BACKSPACE)
        gui.type("10")
        gui.key(K.ENTER)
        assert lab.compiled.training.learning_rate == 10
        gui.click(*stage_button(gui, "lab_toggle"))
        train_until(gui, lambda: lab.status != "running")
        assert lab.status == "diverged"
        assert lab.message.key == "diverged_lr"
        assert all(math.isfinite(v) for v in lab.network.flat)           # never grey NaN
        trained = gui.editor.project.trained
        assert trained and all(math.isfinite(v) for arrays in trained.values() for a in arrays.values()
                               for v in np.ravel(a))
        text = "".join(gui.label_texts(["stage"])).replace("\n", "")
        assert "学習率を小さくして" in text
        assert not any("nan" in t.lower() for t in gui.label_texts(["stage"]))
        # a smaller rate: ▶ starts a new try from the first weights, and it learns
        gui.click(*gui.field_point(rate, "learning_rate"))
        for _ in range(8):
            gui.key(K.BACKSPACE)
        gui.type("0.01")
        gui.key(K.ENTER)
        gui.click(*stage_button(gui, "lab_toggle"))
        assert lab.status == "running"
        train_until(gui, lambda: lab.status != "running")
        assert lab.status == "done" and math.isfinite(lab.history[-1].train_loss)
    finally:
        gui.close()


def test_a_child_draws_own_points_in_hiragana_trains_on_them_and_the_map_follows(home):
    """Real clicks: "draw points", two colours on opposite corners, ▶; the map takes each corner's colour."""
    from blockbuilder.lab import maps
    from blockbuilder.lab.readout import plot_frame
    gui = open_gui(example("xor", "ja-Hira"))
    try:
        lab = gui.window.lab

        def settle():
            gui.window.update(1 / 30)             # the lab follows the document at the next tick
            gui.frame()

        def tool(id: str):
            b = next(b for b in gui.c.stage_input.layout().tools if b.id == id)
            return b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2
        gui.click(*tool("own_points"))
        settle()
        assert lab.status == "blocked" and lab.message.key == "points_empty"
        assert lab.message.text("ja-Hira") in " ".join(gui.label_texts(["stage"]))   # "まず てんを かいてね。"
        assert msg("data_points_clear").text("ja-Hira") not in gui.label_texts(["stage"])
        corners = {0: [(0.15, 0.2), (0.25, 0.12), (0.1, 0.3)], 1: [(0.85, 0.8), (0.75, 0.9), (0.9, 0.7)]}
        for cls, places in corners.items():
            gui.click(*tool(f"class:{cls}"))
            for u, v in places:
                plot = panel(gui, "plot")
                gui.click(plot.x + u * plot.w, plot.y + v * plot.h)
                settle()
            if cls == 0:      # one colour is nothing to learn yet, but the points show as they are added
                assert lab.status == "blocked" and lab.train_set is None
                x1, x2, _ = gui.editor.project.scripts[0].blocks[0].params["points"][0]
                u, v = plot_frame(lab).to_unit(x1, x2)
                assert gui.pixel(plot.x + u * plot.w, plot.y + v * plot.h) == maps.CLASS_COLOURS[0]
        points = gui.editor.project.scripts[0].blocks[0].params["points"]
        assert [p[2] for p in points] == [0, 0, 0, 1, 1, 1]
        plot = panel(gui, "plot")
        gui.click(*stage_button(gui, "lab_toggle"))
        train_until(gui, lambda: False, seconds=30)
        assert lab.status == "done" and lab.history[-1].train_accuracy == 1.0
        for (u, v), cls in (((0.05, 0.05), 0), ((0.95, 0.95), 1)):
            r, g, b = gui.pixel(plot.x + u * plot.w, plot.y + v * plot.h)
            want = maps.CLASS_COLOURS[cls]
            assert (r > b) == (want[0] > want[2]), ((u, v), (r, g, b))
        gui.editor.undo()                       # the training
        for _ in range(6):
            gui.editor.undo()                   # the points
        gui.editor.undo()                       # "draw points": the XOR data again
        settle()
        assert gui.editor.project.scripts[0].blocks[0].type == "data_gate" and lab.status == "ready"
    finally:
        gui.close()
