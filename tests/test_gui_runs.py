"""Try it and compare, in the real window: train XOR, give its layer more neurons on the block, train again, and
the charts show both tries (the first one faded, in its own colour) with a legend that says what changed."""
from __future__ import annotations

import time

import pytest

import gui_harness  # noqa: I001 - first: it chooses pyglet's backend before anything imports pyglet.window
from blockbuilder.editor import keys as K
from blockbuilder.session.examples import BY_NAME
from gui_harness import open_gui

WANT = {   # the labels of the two tries: the first one, then the current one, which says what changed
    "ja-Hira": ("さいしょの がくしゅう", "そう 1：ニューロン {old} → 8"),
    "en": ("first try", "layer 1: {old} → 8 neurons"),
}
NOW = {"ja-Hira": "いま：", "en": "now: "}    # the legend puts this before the current try's label


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)


def press(gui, id: str) -> None:
    lay = gui.stage_layout()
    b = next(b for b in lay.buttons + lay.tabs if b.id == id)
    assert b.enabled, id
    gui.click(b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2)


def train(gui, seconds: float = 120.0) -> None:
    """▶, then let the window run as pyglet's loop does until training stops."""
    lab = gui.window.lab
    press(gui, "lab_toggle")
    assert lab.status == "running"
    start = time.perf_counter()
    while lab.status == "running" and time.perf_counter() - start < seconds:
        gui.window.update(1 / 30)
        gui.frame()
    assert lab.status == "done", lab.status


def bare(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("lang", ["ja-Hira", "en"])
def test_a_second_try_with_more_neurons_is_charted_beside_the_first_with_what_changed(home, lang, tmp_path):
    project = BY_NAME["xor"].project()
    project.language = lang
    gui = open_gui(project, 1024, 600)
    try:
        lab = gui.window.lab
        layer = next(b for b in project.scripts[0].blocks if b.type == "layers_dense")
        old = layer.params["units"]
        lab.set_speed("fast")
        train(gui)
        first = lab.history[-1]
        gui.click(*gui.field_point(layer.id, "units"))          # 8 neurons, typed on the block as a child does
        for _ in range(4):
            gui.key(K.BACKSPACE)
        gui.type("8")
        gui.key(K.ENTER)
        assert lab.compiled.spec.layers[0].units == 8
        train(gui)
        press(gui, "tab:charts")

        tries = lab.tries()
        assert len(lab.runs) == 1 and lab.runs[0].last == first and len(tries) == 2
        want = [WANT[lang][0], WANT[lang][1].format(old=old)]
        assert [r.label.text(lang) for r in tries] == want
        lay = gui.stage_layout()
        rows = lay.tries
        assert [r.key for r in rows] == ["run0", "train"]        # (XOR has no test points: its training accuracy)
        assert [r.value for r in rows] == [f"{100 * first.train_accuracy:.0f}%",
                                           f"{100 * lab.history[-1].train_accuracy:.0f}%"]

        # the window draws it: the legend's words and values among the stage's labels, the old try's faded line
        # in the loss chart and in the legend
        gui.save_png(str(tmp_path / f"tries-{lang}.png"))
        drawn = bare("".join(gui.label_texts(["stage"])))
        for text in (want[0], NOW[lang] + want[1]):
            assert bare(text) in drawn, (text, drawn)
        assert all(r.value in drawn for r in rows)
        from blockbuilder.view.stage_charts import series_colour
        faded = series_colour("run0")
        loss, legend = lay.panels["loss"], lay.panels["tries"]
        assert gui.count_colour(faded, loss.x, loss.y, loss.x + loss.w, loss.top, tol=2) >= 30
        assert gui.count_colour(faded, legend.x, legend.y, legend.x + 30, legend.top, tol=2) >= 14
        ink = sum(gui.count_colour(c, legend.x + 20, legend.y, legend.x + legend.w, legend.top, tol=40)
                  for c in ("#2B2D42", "#575E75"))
        assert ink >= 60          # the legend's texts are drawn (dark and grey glyphs)
    finally:
        gui.close()
