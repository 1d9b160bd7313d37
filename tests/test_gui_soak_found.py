"""What the soak (test_gui_soak.py) found, each kept as a plain test through the real window."""
from __future__ import annotations

import pytest

import gui_harness  # noqa: F401,I001 - first: it chooses pyglet's backend before anything imports pyglet.window
from gui_harness import open_gui


@pytest.fixture
def gui(tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HOME", str(tmp_path))
    g = open_gui(width=1366, height=800)
    yield g
    g.close()


def test_a_menu_open_when_the_window_shrinks_never_lies_outside_it_and_the_language_can_still_be_chosen(gui):
    # soak seed 618920794: the inputs menu of a data hat stayed where it was, 30 px past the right edge
    gui.click(*gui.toolbar_point("language"))
    assert gui.c.menu is not None
    gui.resize(1024, 600)
    gui.frame()
    m = gui.c.menu
    if m is not None:
        r = m.rect()
        assert 0 <= r.x and r.x + r.w <= 1024 and 0 <= r.y and r.top <= 600, f"menu {r} outside 1024x600"
    if gui.c.menu is None:
        gui.click(*gui.toolbar_point("language"))
    gui.click(*gui.menu_point("lang:en"))
    assert gui.editor.lang == "en"
