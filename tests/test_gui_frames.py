"""Frames while a network trains draw again only the stage's pieces that changed (view/stage.py says where, the
kept picture draws only there): every such frame must show exactly what the layers draw straight, whatever the
stage shows (the data plot, a picked point, the network with a neuron looked inside and another enlarged, the
charts), at scale 1 and on a HiDPI screen."""
from __future__ import annotations

import time

import pytest
from test_gui_stage import example, home  # noqa: F401 - the same example projects and home-folder fixture
from test_gui_window import drawn_straight, rgb_only, shown

import gui_harness  # noqa: F401, I001 - first: it chooses pyglet's backend before anything imports pyglet.window
from gui_harness import Gui, probe_window


def open_scaled(project, scale: float) -> Gui:
    probe_window()
    from blockbuilder.app import make_window
    window = make_window(project, width=1100, height=700, visible=False, scale=scale)
    window.dispatch_events()
    gui = Gui(window)
    gui.frame()
    return gui


@pytest.mark.parametrize("name, scale", [("spiral", 1.0), ("digits", 1.0), ("spiral", 1.5)])
def test_every_frame_while_training_shows_what_the_layers_draw(home, name, scale):
    gui = open_scaled(example(name), scale)
    try:
        st, lab, w = gui.c.stage_input, gui.window.lab, gui.window
        views = ["data", "network", "charts"] if name != "digits" else ["network", "charts", "data"]
        frames, partial = [], 0

        def frame() -> None:
            nonlocal partial
            before = dict(w._kept.kept)
            picture = shown(gui)
            partial += before.get("stage") is not None and w._kept.kept.get("stage") != before.get("stage") \
                and w._layers["stage"][0].boxes is not None
            frames.append((picture, drawn_straight(gui)))

        lab.play()
        for k, view in enumerate(views * 6):
            if k >= 2 * len(views) and (partial > 10 or name == "digits"):   # a busy machine trains less in a
                break                                                          # tick: more rounds
            st.state.tab = view
            if view == "data" and lab.train_set is not None and name != "digits":
                st.state.point = lab.train_set.x[3 + k].copy()
            if view == "network":
                st.state.neuron, st.state.hover = (0, k % 2), (0, 1 - k % 2)
            st.state.changed()
            for _ in range(8):
                lab.tick()
                time.sleep(0.1)                        # the stage shows training at most 10 times a second
                frame()
        lab.toggle()                                   # pause: the buttons and the status change
        frame()
        assert lab.epoch >= 1 and len(frames) > 30
        if name == "spiral":                          # the digits' charts and guesses change the whole stage
            assert partial > 10, f"the stage was drawn in part in only {partial} frames"
        bad = [i for i, (a, b) in enumerate(frames) if rgb_only(a) != rgb_only(b)]
        assert not bad, f"{len(bad)} of {len(frames)} frames differ from the layers drawn straight, first {bad[0]}"
    finally:
        gui.close()


def test_the_kept_status_box_is_what_a_fresh_overlay_draws_after_every_change(home):
    """The status box at the bottom of the code area is kept between overlay rebuilds (view/overlay.py): after
    a drag, a problem, a block chosen, a keyboard move, a language switch and a bigger stage, the window shows
    what an overlay built from nothing shows."""
    from blockbuilder.view import overlay

    gui = open_scaled(example("spiral"), 1.0)
    try:
        w, c = gui.window, gui.c

        def same_as_fresh(what: str) -> None:
            kept = shown(gui)
            overlay._STATUS.pop(c, None)
            w.keys_seen.pop("over", None)
            assert rgb_only(kept) == rgb_only(shown(gui)), what

        said = []
        net = gui.editor.project.scripts[0].blocks
        layer = next(b for b in net if b.type == "layers_dense")
        same_as_fresh("at the start")
        gui.press(*gui.block_point(layer.id))
        for _ in range(4):                                 # dragged away: the network is broken
            gui.move(gui.pointer[0] + 60, gui.pointer[1] - 40)
            same_as_fresh("while dragging")
        gui.release()
        same_as_fresh("dropped away from its stack")
        said.append(overlay._status_text(c))
        gui.editor.undo()
        same_as_fresh("undone")
        said.append(overlay._status_text(c))
        c.actions["lang:ja"]()
        same_as_fresh("in Japanese")
        said.append(overlay._status_text(c))
        c.actions["stage_big"]()
        same_as_fresh("with a big stage")
        assert len({s for s in said}) == 3, said             # three things said: each drawn as it is now
    finally:
        gui.close()
