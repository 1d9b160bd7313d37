"""How it learns, in the real window, in hiragana, after real clicks: a learning step walked backwards neuron by
neuron (its numbers are the runtime's backward pass; each weight's change is on its line), then the slope of one
weight with "wiggle it" beside backprop's number, on the narrow stage (1024 x 600) and the big one (1280 x 668).
The screenshots are checked for content: the numbers are there as labels, the curve and the tangent are drawn,
and no text is cut off by the edge of its panel or of the stage."""
from __future__ import annotations

import numpy as np
import pytest

import gui_harness  # noqa: I001 - first: it chooses pyglet's backend before anything imports pyglet.window
from blockbuilder.editor.screen import Rect
from blockbuilder.lab import maps
from blockbuilder.lab.learning import batch, neuron_back, point_with_answer
from blockbuilder.lab.texts import msg
from blockbuilder.session.examples import BY_NAME
from gui_harness import open_gui

LANG = "ja-Hira"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def centre(b) -> tuple[float, float]:
    return b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2


def press(gui, where: str, id: str) -> None:
    """Click the stage's button `id` among the layout's `where` (buttons, tabs, info_buttons, learn_buttons...)."""
    lay = gui.c.stage_input.layout()
    b = next((b for b in getattr(lay, where) if b.id == id), None)
    assert b is not None and b.enabled, (id, [b.id for b in getattr(lay, where)])
    gui.click(*centre(b))


def label_box(label) -> Rect:
    w, h = label.content_width, label.content_height
    x = label.x - {"center": w / 2, "right": w}.get(label.anchor_x, 0)
    return Rect(x, label.y - h / 2, w, h)


def within(r: Rect, area: Rect, slack: float = 1.5) -> bool:
    return (r.x >= area.x - slack and r.x + r.w <= area.x + area.w + slack and r.y >= area.y - slack
            and r.y + r.h <= area.y + area.h + slack)


def nothing_cut_off(gui, panels: tuple[str, ...]) -> list[str]:
    """Every stage label inside the stage; those that sit in one of `panels` inside that panel."""
    lay = gui.c.stage_input.layout()
    bad = []
    for label in gui.labels(["stage"]):
        box = label_box(label)
        if not within(box, lay.area):
            bad.append(f"{label.text!r} leaves the stage")
        for name in panels:
            r = lay.panels[name]
            centre_in = r.x <= label.x <= r.x + r.w and r.y <= label.y <= r.y + r.h
            if centre_in and not within(box, r):
                bad.append(f"{label.text!r} is cut by the {name} panel")
    return bad


def open_trained(name: str, width: int, height: int, epochs: int):
    project = BY_NAME[name].project(LANG)
    project.language = LANG
    gui = open_gui(project, width=width, height=height)
    for _ in range(epochs):
        press(gui, "buttons", "lab_step_epoch")                     # "1しゅう": one epoch per click
    return gui


@pytest.mark.parametrize("name, size, big", [("xor", (1024, 600), False), ("spiral", (1280, 668), True)])
def test_a_child_steps_a_learning_step_backwards_and_sees_the_slope_and_wiggles_it(home, name, size, big):
    gui = open_trained(name, *size, epochs=5)
    try:
        st, lab = gui.c.stage_input, gui.window.lab
        if big:
            press(gui, "buttons", "stage_big")
        else:
            press(gui, "tabs", "tab:network")
        press(gui, "info_buttons", "back_start")                     # "ぎゃくむき"
        press(gui, "info_buttons", "back_next")                      # from the answer to the layer under it
        layer, j = st.state.back.current()
        x, y = point_with_answer(lab, st.point())
        nb = neuron_back(lab.network, lab.network.backward(x, y), layer, j, lab.compiled.training.learning_rate)
        shown = gui.label_texts(["stage"])
        text = " ".join(shown)
        assert msg("learn_back_of", i=2, count=len(st.state.back.steps)).text(LANG) in shown
        assert f"{nb.loss:.3f}" in text and f"{nb.signal:.3f}" in text and f"{nb.back:.3f}" in text
        assert any(f"= {g:.3f}" in t for t in shown for g in nb.grads), shown     # input × signal = gradient
        marks = [t for t in shown if "→" in t and t.split("→")[0].lstrip("-").replace(".", "").isdigit()]
        assert marks, shown                                           # before → after on the weight lines
        assert gui.count_colour("#E0243B", *_span(st.layout().panels["diagram"]), tol=40) > 20    # the ring, marks
        assert not nothing_cut_off(gui, ("info",)), nothing_cut_off(gui, ("info",))

        press(gui, "info_buttons", "back_slope")                     # "さかを みる": its steepest weight
        assert st.state.learn == "slope" and "slope" in st.layout().panels
        press(gui, "learn_buttons", "learn_wiggle")                  # "ゆらす"
        s = st.slope()
        assert s.numeric is not None and abs(s.numeric - s.grad) <= 1e-6 * max(abs(s.grad), 1e-3)
        assert len(s.ws) and s.points == len(batch(lab)[0])
        shown = gui.label_texts(["stage"])
        assert msg("learn_backprop", g=_p(s.grad)).text(LANG) in shown, shown
        assert msg("learn_wiggled", g=_p(s.numeric)).text(LANG) in shown, shown
        slope_box = st.layout().panels["slope"]
        assert gui.count_colour((50, 50, 60), *_span(slope_box), tol=30) > 30                 # the loss curve
        assert gui.count_colour(maps.POSITIVE, *_span(slope_box), tol=30) > 10                # the tangent
        assert not nothing_cut_off(gui, ("learn", "slope")), nothing_cut_off(gui, ("learn", "slope"))
        before = s.value
        press(gui, "learn_buttons", "learn_other")                   # another weight: another curve
        assert st.slope().which != s.which
        press(gui, "switches", "switch:charts")                      # back to the charts
        assert not st.state.learn and "loss" in st.layout().panels and lab.network.flat.size
        assert np.isfinite(before)
    finally:
        gui.close()


def _span(r: Rect) -> tuple[float, float, float, float]:
    return r.x, r.y, r.x + r.w, r.y + r.h


def _p(v: float) -> str:
    from runtime import plain_number
    return plain_number(float(v), 4)


def test_a_child_sees_what_a_two_neuron_layer_does_to_the_data_grid_arrows_and_areas(home):
    from blockbuilder.session.examples import b, network, project, training
    two = project("two", network(b("data", "data_gate", gate="xor"),
                                 b("h", "layers_dense", units=2, activation="tanh", init="auto"),
                                 b("answer", "output_yes_no", init="auto")),
                  training(learning_rate=0.1, batch_size=4, epochs=300, seed=3))
    two.language = LANG
    gui = open_gui(two, width=1024, height=600)
    try:
        st, lab = gui.c.stage_input, gui.window.lab
        for _ in range(10):
            press(gui, "buttons", "lab_step_epoch")
        press(gui, "tabs", "tab:network")
        press(gui, "info_buttons", "back_start")
        press(gui, "info_buttons", "back_slope")
        press(gui, "switches", "switch:layer")                       # "そうの はたらき"
        assert st.state.learn == "layer" and "space" in st.layout().panels
        W = lab.network.params_by_layer()[0]["W"]
        shown = gui.label_texts(["stage"])
        for k, e in enumerate(("e1", "e2")):                         # e1 and e2 go to W's rows
            want = msg("learn_basis", e=e, a=f"{W[k, 0]:.2f}", b=f"{W[k, 1]:.2f}").text(LANG)
            assert want in shown, [t for t in shown if e in t]
        sp = st.space()
        assert sp.area_sums == pytest.approx(abs(np.linalg.det(W)), rel=1e-9) and sp.area < sp.area_sums
        words = " ".join(shown)
        assert f"×{sp.area_sums:.2f}" in words and f"×{sp.area:.2f}" in words and sp.line is not None
        box = st.layout().panels["space"]
        assert gui.count_colour("#E0243B", *_span(box), tol=30) > 10        # e1's arrow
        assert gui.count_colour((46, 160, 67), *_span(box), tol=30) > 10    # e2's arrow
        assert gui.count_colour((176, 182, 198), *_span(box), tol=12) > 30  # the bent grid
        assert not nothing_cut_off(gui, ("learn", "space")), nothing_cut_off(gui, ("learn", "space"))
    finally:
        gui.close()
