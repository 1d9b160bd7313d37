"""Driving the real editor window in tests: one backend chosen at import, real pyglet events, screenshots.

Import this module before anything imports `pyglet.window`: it chooses pyglet's backend from the
environment — a real X display when DISPLAY is set, else pyglet's headless EGL backend. The app is
imported only inside `open_gui`, so a machine without OpenGL skips (and CI, through conftest.py,
fails) instead of erroring at collection.

Events go through the window exactly as pyglet delivers them: `window.dispatch_event(...)` (which
queues outside pyglet.app.run) then `window.dispatch_events()` (which runs the window's handlers).
"""
from __future__ import annotations

import collections
import os
import sys

import pytest

if not os.environ.get("DISPLAY"):
    os.environ["PYGLET_HEADLESS"] = "1"
HEADLESS = os.environ.get("PYGLET_HEADLESS", "").lower() in ("1", "true", "yes")  # set by hand, or above
if "pyglet" in sys.modules and "pyglet.window" not in sys.modules:
    sys.modules["pyglet"].options["headless"] = HEADLESS   # imported already, but no backend chosen yet

WIDTH, HEIGHT = 1280, 800
INSTALL = ("install OpenGL, EGL and the font libraries (Debian: apt-get install libgl1 libegl1 libfreetype6 "
           "libfontconfig1)" + ("" if HEADLESS else ", or unset DISPLAY to use pyglet's headless backend"))
GL_CONFIG = dict(red_size=8, green_size=8, blue_size=8, alpha_size=8, depth_size=24, double_buffer=True)


def probe_window() -> None:
    """Skip the calling test when this machine cannot open a pyglet window at all (not the app's fault)."""
    try:
        import pyglet
        import pyglet.window
        window = pyglet.window.Window(64, 64, visible=False, config=pyglet.gl.Config(**GL_CONFIG))
        window.close()
    except Exception as e:  # noqa: BLE001 - a missing library shows up as many kinds of error
        backend = "headless EGL" if HEADLESS else f"X display {os.environ.get('DISPLAY')}"
        pytest.skip(f"cannot open a pyglet window ({backend}: {type(e).__name__}: {e}); {INSTALL}")


def open_gui(project=None, width: int = WIDTH, height: int = HEIGHT) -> "Gui":
    """The editor window on a project (the starter example if None), drawn once."""
    probe_window()
    from blockbuilder.app import make_window
    window = make_window(project, width=width, height=height, visible=not HEADLESS, scale=1.0)   # any screen
    gui = Gui(window)
    gui.frame()
    return gui


def rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))


class Gui:
    """An EditorWindow and the gestures a person makes on it. Coordinates are pyglet's (y up)."""

    def __init__(self, window):
        import pyglet
        from pyglet.window import key, mouse
        self.pyglet, self.K, self.M = pyglet, key, mouse
        self.window = window
        self.pointer = (0.0, 0.0)
        self.buttons = 0
        self.events = 0
        self.log: collections.deque = collections.deque(maxlen=80)   # the last events, to reproduce a failure
        self._shot: tuple[int, int, bytes] | None = None
        self._shot_at = -1

    # --- what is inside ----------------------------------------------------------------

    @property
    def c(self):
        return self.window.c

    @property
    def editor(self):
        return self.window.c.editor

    @property
    def project(self):
        return self.window.c.editor.project

    def close(self) -> None:
        self.window.close_now()

    # --- events ------------------------------------------------------------------------

    def send(self, event: str, *args) -> None:
        """One real pyglet event through the window's queue and its handlers."""
        self.log.append((event,) + tuple(round(a, 1) if isinstance(a, float) else a for a in args))
        self.events += 1
        self.window.dispatch_event(event, *args)
        self.window.dispatch_events()
        self.check()

    allow_caught = False   # a test of the window's guard sets this, and reads window.caught itself

    def check(self) -> None:
        """Fail when the window's guard caught an exception: it keeps the window open, never a test quiet."""
        if self.window.caught and not self.allow_caught:
            last = "\n".join(map(str, self.log))
            raise AssertionError(f"the window caught an exception:\n{self.window.caught[-1]}\nlast events:\n{last}")

    def move(self, x: float, y: float) -> None:
        px, py = self.pointer
        self.pointer = (x, y)
        if self.buttons:
            self.send("on_mouse_drag", x, y, x - px, y - py, self.buttons, 0)
        else:
            self.send("on_mouse_motion", x, y, x - px, y - py)

    def press(self, x: float, y: float, button: int | None = None, modifiers: int = 0) -> None:
        button = self.M.LEFT if button is None else button
        self.pointer = (x, y)
        self.buttons |= button
        self.send("on_mouse_press", x, y, button, modifiers)

    def release(self, x: float | None = None, y: float | None = None, button: int | None = None,
                modifiers: int = 0) -> None:
        button = self.M.LEFT if button is None else button
        x, y = (self.pointer if x is None else (x, y))
        self.pointer = (x, y)
        self.buttons &= ~button
        self.send("on_mouse_release", x, y, button, modifiers)

    def click(self, x: float, y: float, button: int | None = None, modifiers: int = 0) -> None:
        self.press(x, y, button, modifiers)
        self.release(x, y, button, modifiers)

    def drag(self, start: tuple[float, float], end: tuple[float, float], steps: int = 8, button: int | None = None,
             modifiers: int = 0, release: bool = True) -> None:
        """Press at start, move to end in steps (on_mouse_drag each), and release there unless told not to."""
        button = self.M.LEFT if button is None else button
        self.press(*start, button, modifiers)
        self.drag_along(start, end, steps, modifiers)
        if release:
            self.release(*end, button, modifiers)

    def drag_along(self, start: tuple[float, float], end: tuple[float, float], steps: int = 8,
                   modifiers: int = 0) -> None:
        (x0, y0), (x1, y1) = start, end
        for i in range(1, steps + 1):
            x, y = x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps
            px, py = self.pointer
            self.pointer = (x, y)
            self.send("on_mouse_drag", x, y, x - px, y - py, self.buttons or self.M.LEFT, modifiers)

    def scroll(self, x: float, y: float, scroll_y: float, scroll_x: float = 0.0) -> None:
        self.pointer = (x, y)
        self.send("on_mouse_scroll", x, y, scroll_x, scroll_y)

    def key_down(self, symbol: int, modifiers: int = 0) -> None:
        self.send("on_key_press", symbol, modifiers)

    def key_up(self, symbol: int, modifiers: int = 0) -> None:
        self.send("on_key_release", symbol, modifiers)

    def key(self, symbol: int, modifiers: int = 0) -> None:
        """Press and release one key with the modifiers already held (e.g. key(Z, MOD_CTRL))."""
        self.key_down(symbol, modifiers)
        self.key_up(symbol, modifiers)

    def ctrl(self, symbol: int, shift: bool = False) -> None:
        """A Ctrl shortcut as a keyboard sends it: Ctrl (and Shift) down, the key, then up again.
        The modifier keys' own events carry the modifiers held *before* them, as X11 reports them."""
        k = self.K
        held = k.MOD_CTRL
        self.key_down(k.LCTRL, 0)
        if shift:
            self.key_down(k.LSHIFT, held)
            held |= k.MOD_SHIFT
        self.key(symbol, held)
        if shift:
            self.key_up(k.LSHIFT, held)
            held &= ~k.MOD_SHIFT
        self.key_up(k.LCTRL, held)

    def type(self, text: str) -> None:
        """Type text as a keyboard does: for each character a key press, on_text, a key release
        (on_text alone for characters with no key, as an input method sends them)."""
        for ch in text:
            symbol = ord(ch.lower()) if ch.isascii() and ch.isprintable() else None
            if symbol is not None:
                self.key_down(symbol, self.K.MOD_SHIFT if ch.isupper() else 0)
            self.send("on_text", ch)
            if symbol is not None:
                self.key_up(symbol, 0)

    # --- drawing and pixels --------------------------------------------------------------

    def frame(self) -> None:
        """A frame as pyglet.app.run draws it: pending events, on_draw, flip."""
        self.window.switch_to()
        self.window.dispatch_events()
        self.window.on_draw()
        self.window.flip()
        self.check()

    def screenshot(self) -> tuple[int, int, bytes]:
        """(width, height, RGBA bytes with rows bottom-up) of a freshly drawn frame, alpha forced to 255."""
        pyglet = self.pyglet
        self.window.switch_to()
        self.window.dispatch_events()
        self.window.on_draw()
        buf = pyglet.image.get_buffer_manager().get_color_buffer().get_image_data()
        data = bytearray(buf.get_data("RGBA", buf.width * 4))
        data[3::4] = b"\xff" * (len(data) // 4)
        self.window.flip()
        self._shot, self._shot_at = (buf.width, buf.height, bytes(data)), self.events
        return self._shot

    def pixel(self, x: float, y: float) -> tuple[int, int, int]:
        """The colour at a window point (pyglet's coordinates), from a screenshot taken after the last event."""
        if self._shot is None or self._shot_at != self.events:
            self.screenshot()
        w, h, data = self._shot
        x, y = int(x), int(y)
        assert 0 <= x < w and 0 <= y < h, f"({x}, {y}) is outside the {w}x{h} window"
        i = (y * w + x) * 4
        return tuple(data[i:i + 3])

    def count_colour(self, colour: str | tuple, x0: float, y0: float, x1: float, y1: float, tol: int = 0) -> int:
        """How many pixels in [x0, x1) x [y0, y1) have the colour (each channel within tol)."""
        want = rgb(colour) if isinstance(colour, str) else colour
        if self._shot is None or self._shot_at != self.events:
            self.screenshot()
        w, h, data = self._shot
        n = 0
        for y in range(max(0, int(y0)), min(h, int(y1))):
            row = data[(y * w) * 4:(y * w + w) * 4]
            for x in range(max(0, int(x0)), min(w, int(x1))):
                px = row[x * 4:x * 4 + 3]
                if all(abs(px[k] - want[k]) <= tol for k in range(3)):
                    n += 1
        return n

    def save_png(self, path: str) -> None:
        w, h, data = self.screenshot()
        self.pyglet.image.ImageData(w, h, "RGBA", data).save(path)

    def labels(self, layers=None) -> list:
        """Every pyglet text label the window holds, in the layers named (all if None)."""
        import pyglet.text
        from blockbuilder.view.draw import Stamp   # a copy of a label laid out once (the words on blocks)
        out = []
        for name, (_, keep) in self.window._layers.items():
            if layers is None or name in layers:
                out += [x for x in keep if isinstance(x, (pyglet.text.DocumentLabel, Stamp))]
        return out

    def label_texts(self, layers=None) -> list[str]:
        self.frame()
        return [label.text for label in self.labels(layers)]

    # --- where things are on screen ------------------------------------------------------

    def to_screen(self, wx: float, wy: float) -> tuple[float, float]:
        return self.c.code.to_screen(wx, wy)

    def box(self, block_id: str):
        box = self.c.block_box(block_id)
        assert box is not None, f"no block {block_id!r} on the workspace"
        return box

    def block_point(self, block_id: str, dx: float = 5.0) -> tuple[float, float]:
        """A point on the block's own body, left of its words and fields, in its top row."""
        box = self.box(block_id)
        return self.to_screen(box.x + dx, box.y + box.head - 24)

    def field_point(self, block_id: str, param: str) -> tuple[float, float]:
        item = next(i for i in self.box(block_id).items if i.param == param)
        return self.to_screen(item.x + item.w / 2, item.y + item.h / 2)

    def category_point(self, category: str) -> tuple[float, float]:
        from blockbuilder.document.catalog import CATEGORY_LABELS
        r = self.c.regions.categories
        i = list(CATEGORY_LABELS).index(category)
        return r.x + r.w / 2, r.top - 8 - 72 * i - 24

    def palette_point(self, type_id: str) -> tuple[float, float]:
        """A point on a palette block's body (clicking its category first so that it is in view)."""
        from blockbuilder.document.catalog import BLOCK_TYPES
        self.click(*self.category_point(BLOCK_TYPES[type_id].category))
        box = dict(self.editor.palette().entries)[type_id]
        x, y = self.c.palette.to_screen(box.x + 5, box.y + box.head - 24)
        assert self.c.regions.flyout.contains(x, y), f"{type_id} is not in view in the palette"
        return x, y

    def toolbar_point(self, button_id: str) -> tuple[float, float]:
        b = next(b for b in self.c.toolbar().all() if b.id == button_id)
        return b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2

    def corner_point(self, button_id: str) -> tuple[float, float]:
        b = next(b for b in self.c.corner() if b.id == button_id)
        return b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2

    def menu_point(self, item_id: str) -> tuple[float, float]:
        m = self.c.menu
        assert m is not None, "no menu is open"
        i = [it.id for it in m.items].index(item_id)
        r = m.row_rect(i)
        return r.x + r.w / 2, r.y + r.h / 2

    def empty_code_point(self) -> tuple[float, float]:
        """A screen point in the code area with no block, comment or button under it."""
        from blockbuilder.editor.layout import hit
        r = self.c.regions.code
        corner = [b.rect for b in self.c.corner()]
        for sy in range(int(r.top) - 30, int(r.y) + 60, -20):
            for sx in range(int(r.x) + 20, int(r.x + r.w) - 80, 20):
                wx, wy = self.c.code.to_world(sx, sy)
                if hit(self.editor.layout(), wx, wy) is None and self.c.comment_at(wx, wy) is None \
                        and not any(c.contains(sx, sy) for c in corner):
                    return sx, sy
        raise AssertionError("no empty place in the code area")

    def drag_palette(self, type_id: str, top_left: tuple[float, float], steps: int = 10,
                     release: bool = True) -> None:
        """Drag a new block from the palette so that its top-left comes to a workspace point."""
        start = self.palette_point(type_id)
        self.press(*start)
        gx, gy = self.c.press.grab
        end = self.to_screen(top_left[0] + gx, top_left[1] + gy)
        self.drag_along(start, end, steps)
        if release:
            self.release(*end)

    def drag_block(self, block_id: str, top_left: tuple[float, float] | None = None,
                   to: tuple[float, float] | None = None, steps: int = 10, release: bool = True) -> None:
        """Drag a block (and those below it) so that its top-left comes to a workspace point, or the
        pointer to a screen point."""
        start = self.block_point(block_id)
        self.press(*start)
        if to is None:
            gx, gy = self.c.press.grab
            to = self.to_screen(top_left[0] + gx, top_left[1] + gy)
        self.drag_along(start, to, steps)
        if release:
            self.release(*to)

    # --- the window's own events and the controls the controller lays out -------------------

    def resize(self, width: int, height: int) -> None:
        """The window manager resizing the window (headless EGL ignores set_size, so the event itself)."""
        self.send("on_resize", width, height)

    def request_close(self) -> None:
        """The window's close button (the title bar's ×)."""
        self.send("on_close")

    def dialog_buttons(self) -> list:
        """The buttons of the open dialog (screen.Button: id, rect, text), or [] when none is open."""
        d = self.c.dialog
        return [] if d is None else [part[1] for part in d.layout() if part[0] == "button"]

    def stage_layout(self):
        """Where the stage's buttons, tabs, data tools and views are now (lab.stage_layout.StageLayout)."""
        return self.c.stage_input.layout()
