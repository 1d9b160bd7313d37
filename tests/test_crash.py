"""The window never vanishes: the three ways testers closed it (a stale look-inside after the network changed,
a neuron gone from a smaller layer, a CSV name too long), each through real clicks in a real window; and the
guard that catches whatever else goes wrong — it keeps the work, says one sentence, logs the traceback once."""
from __future__ import annotations

import itertools
import json

import pytest

import gui_harness  # noqa: I001 - first: it chooses pyglet's backend before anything imports pyglet.window
from blockbuilder.session.crash import LOG_FILE, Guard
from blockbuilder.session.examples import EXAMPLES
from blockbuilder.texts import msg
from gui_harness import open_gui


def example(name: str, lang: str = "en"):
    project = next(e for e in EXAMPLES if e.name == name).project()
    project.language = lang
    return project


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "home"


@pytest.fixture
def window(home):
    """open(name) -> a Gui on an example; closed after the test."""
    opened = []

    def open_(name: str, lang: str = "en"):
        opened.append(open_gui(example(name, lang)))
        return opened[-1]
    yield open_
    for g in opened:
        g.close()


def centre(rect) -> tuple[float, float]:
    return rect.x + rect.w / 2, rect.y + rect.h / 2


def stage_click(gui, id: str) -> None:
    """Click a stage button, tab, tool or look-inside button by its id."""
    st = gui.c.stage_input
    lay = st.layout()
    from blockbuilder.lab.stage_layout import info_buttons
    info = info_buttons(lay.panels["info"], st.state, st.lang, gui.editor.measure, st.lab) \
        if "info" in lay.panels else []
    b = next(b for b in lay.buttons + lay.tabs + lay.tools + info if b.id == id)
    gui.click(*centre(b.rect))
    gui.frame()


def click_neuron(gui, layer: int, j: int) -> None:
    st = gui.c.stage_input
    d = st.diagram(st.layout().panels["diagram"])
    node = next(n for n in d.nodes if n.key == ("n", layer, j))
    gui.click(node.x, node.y)
    assert st.state.neuron == (layer, j)
    gui.frame()


def choose_example(gui, name: str) -> None:
    """The toolbar's Examples menu, then the example (nothing to save: looking is not editing)."""
    gui.click(*gui.toolbar_point("examples"))
    gui.click(*gui.menu_point(f"example:{name}"))
    gui.window.update(1 / 30)     # a tick: the lab follows the new project
    gui.frame()


def stage_text(gui) -> str:
    return " ".join(gui.label_texts(["stage"])).replace("\n", " ")


# --- the three ways the window vanished ----------------------------------------------------------

def test_looking_inside_a_spiral_neuron_then_opening_digits_keeps_the_window_and_drops_the_point(window):
    gui = window("spiral")
    st = gui.c.stage_input
    plot = st.layout().panels["plot"]
    gui.click(*centre(plot))                                   # pick a data point (2 inputs)
    assert st.state.point is not None and st.state.point.shape == (2,)
    stage_click(gui, "tab:network")
    click_neuron(gui, 0, 3)
    choose_example(gui, "digits")                              # a network that takes 64 inputs
    assert gui.window.lab.network.spec.input.size == 64
    assert st.state.point is None and st.state.neuron is None and not gui.window.caught
    stage_click(gui, "tab:network")
    click_neuron(gui, 0, 0)                                    # looking inside works on the new network
    assert "neuron 1 of layer 1" in stage_text(gui)


def test_stepping_through_own_points_then_opening_digits_keeps_the_window(window):
    gui = window("xor")
    st = gui.c.stage_input
    stage_click(gui, "own_points")
    plot = st.layout().panels["plot"]
    for dx in (-40, 40):
        gui.click(plot.x + plot.w / 2 + dx, plot.y + plot.h / 2)
    stage_click(gui, "tab:network")
    stage_click(gui, "step_start")
    assert st.state.stepping is not None
    gui.editor.history.mark_saved()                            # no save question in between
    choose_example(gui, "digits")
    assert st.state.stepping is None and st.state.point is None and not gui.window.caught
    assert gui.window.lab.network.spec.input.size == 64


def test_the_neuron_looked_at_stays_the_last_one_when_its_layer_gets_smaller_or_goes(window):
    gui = window("xor")
    K = gui.K
    st = gui.c.stage_input
    stage_click(gui, "tab:network")
    click_neuron(gui, 0, 3)                                    # the last of the hidden layer's 4
    gui.click(*gui.field_point("hidden", "units"))
    gui.type("2")
    gui.key(K.ENTER)
    gui.window.update(1 / 30)
    gui.frame()
    assert st.state.neuron == (0, 1) and "neuron 2 of layer 1" in stage_text(gui)
    gui.click(*gui.block_point("hidden"))                      # delete the hidden layer itself
    gui.key(K.DELETE)
    gui.window.update(1 / 30)
    gui.frame()
    assert gui.window.lab.network.spec.layers[0].units == 1   # the last layer is layer 0 now
    assert st.state.neuron == (0, 0) and not gui.window.caught


def test_the_eighth_neuron_of_spiral_is_let_go_when_xor_opens(window):
    gui = window("spiral")
    st = gui.c.stage_input
    stage_click(gui, "tab:network")
    click_neuron(gui, 0, 7)
    choose_example(gui, "xor")                                 # its first layer has 4 neurons
    assert st.state.neuron is None and msg("stage_look_hint").text("en") in stage_text(gui)
    assert not gui.window.caught


def test_a_csv_name_of_300_characters_is_one_sentence_on_the_data_block_and_the_stage(window):
    gui = window("xor", "ja")
    K = gui.K
    hat = gui.editor.replace_block("data", "data_csv", {})     # as the Data palette's CSV block would be
    gui.frame()
    gui.click(*gui.field_point(hat, "path"))
    assert gui.c.field is not None and gui.c.field.param == "path"
    gui.send("on_text", "a" * 300 + ".csv")                    # pasted, or typed by an input method
    gui.key(K.ENTER)
    gui.window.update(1 / 30)
    gui.frame()
    lab = gui.window.lab
    assert lab.status == "blocked" and lab.message.key == "path_cannot_use"
    assert msg("path_too_long").text("ja") in stage_text(gui).replace(" ", "") and not gui.window.caught


# --- the guard ---------------------------------------------------------------------------------

def broken(*args):
    raise RuntimeError("a bug nobody found yet")


def test_an_exception_in_a_click_keeps_the_window_saves_the_work_says_so_and_logs_it(window, home):
    gui = window("xor", "ja-Hira")
    gui.allow_caught = True
    gui.click(*gui.field_point("hidden", "units"))
    gui.type("6")
    gui.key(gui.K.ENTER)                                       # unsaved work: units 6
    gui.c.actions["lab_toggle"] = broken
    stage_click(gui, "lab_toggle")                             # ▶, which now fails
    assert len(gui.window.caught) == 1 and "a bug nobody found yet" in gui.window.caught[0]
    assert gui.c.current_toast().key == "crash_kept"
    assert msg("crash_kept").text("ja-Hira") in " ".join(gui.label_texts(["over"])).replace("\n", "")
    saved = [json.loads(p.read_text("utf-8")) for p in home.glob("recovery-*.json")]
    assert [s["project"]["scripts"][0]["blocks"][1]["params"]["units"] for s in saved] == [6]
    log = (home / LOG_FILE).read_text("utf-8")
    assert "Traceback" in log and "a bug nobody found yet" in log and "on_mouse_press" in log
    gui.click(*gui.block_point("answer"))                        # and the window goes on working
    assert gui.editor.selection == "answer" and len(gui.window.caught) == 1


def test_an_error_in_every_frame_is_logged_once_and_the_window_keeps_running(window, home):
    gui = window("xor")
    gui.allow_caught = True
    gui.window._place = broken                                 # every frame fails half-way
    for _ in range(250):
        gui.window.update(1 / 30)
        gui.frame()
    assert 1 <= len(gui.window.caught) <= 100
    log = (home / LOG_FILE).read_text("utf-8")
    assert log.count("Traceback") == 1 and "the same error again (100 times)" in log
    assert len(log) < 10_000
    del gui.window._place                                      # once the cause is gone, frames draw again
    frames = gui.window.frames
    gui.frame()
    assert gui.window.frames == frames + 1


def test_an_error_while_training_pauses_the_lab_instead_of_failing_every_tick(window, home):
    gui = window("xor")
    gui.allow_caught = True
    lab = gui.window.lab
    stage_click(gui, "lab_toggle")
    assert lab.status == "running"
    lab.trainer.step = broken
    for _ in range(20):
        gui.window.update(1 / 30)
        gui.frame()
    assert lab.status == "paused" and len(gui.window.caught) == 1
    assert (home / LOG_FILE).read_text("utf-8").count("Traceback") == 1


def test_the_log_stays_bounded_and_a_guard_that_cannot_write_still_says_so(tmp_path, monkeypatch):
    import blockbuilder.session.crash as crash
    monkeypatch.setattr(crash, "MAX_LOG_BYTES", 2000)
    said = []

    class Session:
        class c:
            say = said.append
            editor = None
        autosaver = None
    guard = Guard(Session, folder=tmp_path, clock=itertools.count(0, 10).__next__)   # 10 s between errors
    for i in range(200):
        try:
            raise ValueError(f"error number {i}")
        except ValueError as e:
            guard.catch(e, "update")
    sizes = [p.stat().st_size for p in tmp_path.iterdir()]
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOG_FILE, LOG_FILE + ".1"]
    assert max(sizes) < 2000 + 1000 and len(said) == 200
    blocked = Guard(Session, folder=tmp_path / LOG_FILE / "not a folder")   # the log cannot be written at all
    blocked.catch(ValueError("x"))
    assert len(said) == 201


def test_fit_neuron_keeps_the_layer_and_clamps_the_neuron_or_drops_it():
    from blockbuilder.lab.stage import fit_neuron
    from blockbuilder.document.compile import compile_project
    spec = compile_project(example("xor")).spec
    assert fit_neuron(spec, (0, 3)) == (0, 3) and fit_neuron(spec, (0, 9)) == (0, 3)
    assert fit_neuron(spec, (1, 4)) == (1, 0) and fit_neuron(spec, (5, 0)) is None and fit_neuron(spec, None) is None
