"""Thousands of random gestures, keys and text at the real editor window: it never raises, the document
always stays one the catalog allows, and undoing everything gives back the document it started with.

The events are real pyglet events (through the window's queue); a frame is drawn every ~20 of them.
The random sequence is fixed by SEED; when it fails, the message lists the last events sent, which is
the reproduction. Files: BLOCKBUILDER_HOME is a temporary folder, and project saves the dialogs make
outside it (the file chooser can go up to any folder) are caught and dropped, never written.
"""
from __future__ import annotations

import os
import random
import time

import pytest

import gui_harness  # noqa: I001 - first: it chooses pyglet's backend before anything imports pyglet.window
from blockbuilder.document.edits import walk
from gui_harness import open_gui

SEED = 1234
EVENTS = 3000
FRAME_EVERY = 20
CHECK_EVERY = 100
TEXTS = ("8", "0", "1", "-3", "0.5", "256", "257", "9999", "abc", "1e9", "1e999", "nan", "", " ", "1,2,3", "あ",
         "１２", "ニューロン", "x", "-", ".", "1.5e-3", "\t", "a" * 40)


@pytest.fixture
def gui(tmp_path, monkeypatch):
    import blockbuilder.session.files as files
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    real_save = files.save_project
    outside: list[str] = []

    def guarded_save(project, path):
        if not os.path.abspath(os.fspath(path)).startswith(str(tmp_path) + os.sep):
            outside.append(os.fspath(path))      # the chooser went up out of tmp: pretend, write nothing
            return
        real_save(project, path)
    monkeypatch.setattr(files, "save_project", guarded_save)
    g = open_gui()
    g.outside_saves = outside
    yield g
    g.close()


class Monkey:
    """Random but person-shaped input: clicks, drags, scrolls and keys aimed mostly at things on screen."""

    def __init__(self, gui, rng: random.Random):
        self.g, self.rng = gui, rng
        K, M = gui.K, gui.M
        self.K, self.M = K, M
        self.keys = [K.DELETE, K.BACKSPACE, K.ENTER, K.ESCAPE, K.TAB, K.UP, K.DOWN, K.LEFT, K.RIGHT, K.SPACE,
                     K.NUM_ENTER, K.A, K._1, K.HOME, K.F1]
        self.shortcuts = [(K.Z, 0), (K.Z, K.MOD_SHIFT), (K.Y, 0), (K.C, 0), (K.V, 0), (K.D, 0), (K.EQUAL, 0),
                          (K.MINUS, 0), (K._0, 0), (K.S, 0), (K.O, 0), (K.N, 0), (K.S, K.MOD_SHIFT)]

    # --- where to point ----------------------------------------------------------------

    def point(self) -> tuple[float, float]:
        """A point inside the window (a pointer outside it sends no press); aimed at something most times."""
        x, y = self._aim()
        return min(max(x, 0.0), self.g.window.width - 1.0), min(max(y, 0.0), self.g.window.height - 1.0)

    def _aim(self) -> tuple[float, float]:
        g, rng, c = self.g, self.rng, self.g.c
        r = rng.random()
        if r < 0.40:
            boxes = [b for sb in g.editor.layout() for b in sb.all()]
            if boxes:
                box = rng.choice(boxes)
                fields = [i for i in box.items if i.kind == "field"]
                if fields and rng.random() < 0.5:
                    f = rng.choice(fields)
                    return g.to_screen(f.x + f.w / 2, f.y + f.h / 2)
                return g.to_screen(box.x + rng.uniform(0, box.w), box.y + rng.uniform(0, box.h))
        if r < 0.55:
            _, box = rng.choice(g.editor.palette().entries)
            return c.palette.to_screen(box.x + rng.uniform(0, box.w), box.y + rng.uniform(0, box.h))
        if r < 0.62:
            buttons = [b for b in c.toolbar().all()] + c.corner()
            b = rng.choice(buttons).rect
            return b.x + rng.uniform(0, b.w), b.y + rng.uniform(0, b.h)
        if r < 0.72 and c.menu is not None:
            m = c.menu.rect()
            return m.x + rng.uniform(0, m.w), m.y + rng.uniform(0, m.h)
        if r < 0.78:
            return c.regions.categories.x + rng.uniform(0, c.regions.categories.w), rng.uniform(0, g.window.height)
        return rng.uniform(0, g.window.width - 1), rng.uniform(0, g.window.height - 1)

    def button(self) -> int:
        r = self.rng.random()
        return self.M.LEFT if r < 0.78 else self.M.RIGHT if r < 0.94 else self.M.MIDDLE

    def modifiers(self) -> int:
        r = self.rng.random()
        return 0 if r < 0.8 else self.K.MOD_SHIFT if r < 0.9 else self.K.MOD_CTRL

    # --- one gesture ---------------------------------------------------------------------

    def step(self) -> None:
        g, rng, K = self.g, self.rng, self.K
        r = rng.random()
        if r < 0.22:
            x, y = self.point()
            b, m = self.button(), self.modifiers()
            g.press(x, y, b, m)
            g.release(x, y, b, m)
        elif r < 0.47:
            self.drag()
        elif r < 0.53:
            g.move(*self.point())
        elif r < 0.60:
            x, y = self.point()
            ctrl = rng.random() < 0.4
            if ctrl:
                g.key_down(K.LCTRL, K.MOD_CTRL)
            g.scroll(x, y, rng.choice((-1, 1, -2, 2)), rng.choice((0, 0, 0, 1, -1)))
            if ctrl:
                g.key_up(K.LCTRL, K.MOD_CTRL)
        elif r < 0.72:
            g.key(rng.choice(self.keys), self.modifiers() if rng.random() < 0.2 else 0)
        elif r < 0.82:
            symbol, shift = rng.choice(self.shortcuts)
            if symbol in (K.S, K.O, K.N) and rng.random() < 0.7:
                symbol = K.Z                      # dialogs: now and then, not all the time
            g.ctrl(symbol, shift=bool(shift))
        elif r < 0.95:
            g.type(rng.choice(TEXTS))
        elif r < 0.98:                            # out of order, as when a window loses the pointer
            x, y = self.point()
            rng.choice((lambda: g.release(x, y, self.button()),
                        lambda: g.send("on_mouse_drag", x, y, 3, -3, self.M.LEFT, 0),
                        lambda: g.press(x, y, self.M.LEFT)))()
        else:
            g.send("on_text", rng.choice(("\n", "\r", "\x7f", "\x08", "\u200b", "😀")))

    def drag(self) -> None:
        g, rng = self.g, self.rng
        start, end = self.point(), self.point()
        b = self.M.LEFT if rng.random() < 0.9 else self.button()
        m = self.modifiers()
        g.press(*start, b, m)
        steps = rng.randint(1, 12)
        (x0, y0), (x1, y1) = start, end
        for i in range(1, steps + 1):
            t = i / steps
            x = x0 + (x1 - x0) * t + rng.uniform(-15, 15)   # a drag may leave the window: X11 reports
            y = y0 + (y1 - y0) * t + rng.uniform(-15, 15)   # the pointer outside it while a button is held
            px, py = g.pointer
            g.pointer = (x, y)
            g.send("on_mouse_drag", x, y, x - px, y - py, b, m)
            if rng.random() < 0.04:              # a key or another button while dragging
                if rng.random() < 0.5:
                    g.key(rng.choice(self.keys))
                else:
                    g.ctrl(rng.choice(self.shortcuts)[0])
        if rng.random() < 0.93:
            g.release(*g.pointer, b, m)


def check(gui) -> None:
    gui.editor.check()
    ids = [b.id for _, b in walk(gui.project)]
    assert len(ids) == len(set(ids)), "repeated block ids"


def calm(gui) -> None:
    """Close whatever is open (dialog, menu, field, drag, a held button) with Escape and releases."""
    c = gui.c
    for _ in range(20):
        if gui.buttons:
            gui.release(*gui.pointer, gui.buttons & -gui.buttons)
        elif c.dialog is not None or c.menu is not None or c.field is not None or gui.editor.drag is not None:
            gui.key(gui.K.ESCAPE)
        else:
            return
    raise AssertionError("Escape does not close what is open")


def test_thousands_of_random_gestures_keys_and_texts_never_break_the_editor_and_all_undo(gui):
    rng = random.Random(SEED)
    monkey = Monkey(gui, rng)
    start = gui.project.model_dump()
    project = gui.project
    started = time.perf_counter()
    next_frame, next_check, most_edits = FRAME_EVERY, CHECK_EVERY, 0
    try:
        while gui.events < EVENTS:
            monkey.step()
            if gui.events >= next_frame:
                next_frame += FRAME_EVERY
                gui.window.update(1 / 30)        # pyglet's clock tick: autosave
                gui.frame()
            if gui.events >= next_check:
                next_check += CHECK_EVERY
                check(gui)
            if gui.project is project:
                most_edits = max(most_edits, len(gui.editor.history.done) + len(gui.editor.history.undone))
        calm(gui)
        check(gui)
        for _ in range(len(gui.editor.history.done)):
            gui.ctrl(gui.K.Z)
        gui.frame()
    except Exception as e:
        recent = "\n".join(repr(ev) for ev in list(gui.log)[-40:])
        raise AssertionError(f"after {gui.events} events (seed {SEED}): {type(e).__name__}: {e}\n"
                             f"the last events sent:\n{recent}") from e
    assert gui.editor.history.done == []
    if gui.project is project and most_edits < gui.editor.history.LIMIT:
        assert gui.project.model_dump() == start       # everything undone: the document it began with
    elapsed = time.perf_counter() - started
    print(f"{gui.events} events in {elapsed:.1f} s; {gui.window.frames} frames; "
          f"saves caught outside tmp: {len(gui.outside_saves)}")
