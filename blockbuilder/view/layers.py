"""What the window's layers are made of besides batches: clip and shift groups, clears, lazy and in-view batches.

Each layer is something with a `draw()`: a pyglet Batch, or one of these holders of batches. Those built over
frames also say what they show (`look()`) and where that changed (`damage()`), for the kept picture (kept.py).
"""
from __future__ import annotations

import inspect
import itertools
import math
import time

import pyglet
from pyglet import shapes
from pyglet.gl import (GL_BLEND, GL_COLOR_BUFFER_BIT, GL_SCISSOR_TEST, GL_TRIANGLES, glClear, glClearColor,
                       glDisable, glEnable, glScissor)
from pyglet.graphics import Batch, Group
from pyglet.math import Mat4, Vec3

from ..editor.screen import Rect
from . import theme as T


Box = tuple[int, int, int, int]   # framebuffer pixels x0, y0, x1, y1 (y up, as on the window)
_region: Box | None = None        # the screen region being drawn (draw_inside): every scissor box stays inside it
_flip: int | None = None          # drawing upside down into kept.py's framebuffer, of this height


def scissor(r: Rect, ratio: float) -> None:
    """glScissor for a rectangle in window units; the scissor box is in framebuffer pixels (ratio per unit)."""
    x0, y0, x1, y1 = _pixels(r, ratio)
    if _region is not None:
        x0, y0, x1, y1 = max(x0, _region[0]), max(y0, _region[1]), min(x1, _region[2]), min(y1, _region[3])
    _scissor_box(x0, y0, x1, y1)


def unclip() -> None:
    """The end of a scissor box: none, or the region being drawn."""
    if _region is None:
        glDisable(GL_SCISSOR_TEST)
    else:
        _scissor_box(*_region)


def draw_inside(box: Box, layers: list, flip: int | None = None) -> None:
    """Draw the layers, bottom up, kept inside a pixel box: every scissor box is cut to it (kept.py draws the
    window region by region). flip: drawing upside down into a framebuffer of this height."""
    global _region, _flip
    _region, _flip = box, flip
    glEnable(GL_SCISSOR_TEST)
    try:
        unclip()
        for layer in layers:
            layer.draw()
    finally:
        _region = _flip = None
        glDisable(GL_SCISSOR_TEST)


def _scissor_box(x0: int, y0: int, x1: int, y1: int) -> None:
    if _flip is not None:
        y0, y1 = _flip - y1, _flip - y0
    glScissor(x0, y0, max(0, x1 - x0), max(0, y1 - y0))


class ClipGroup(Group):
    """Draw children only inside a screen rectangle; ratio: framebuffer pixels per window unit (HiDPI)."""

    def __init__(self, rect: Rect, order: int = 0, parent: Group | None = None, ratio: float = 1.0):
        super().__init__(order, parent)
        self.rect, self.ratio = rect, ratio

    def set_state(self):
        glEnable(GL_SCISSOR_TEST)
        scissor(self.rect, self.ratio)

    def unset_state(self):
        unclip()


class ShiftGroup(Group):
    """Move children by (dx, dy) screen units and scale them: the camera's pan and zoom (a batch built at
    another zoom is scaled until it is rebuilt), the palette's scroll, the drag."""

    def __init__(self, window: pyglet.window.Window, order: int = 0, parent: Group | None = None):
        super().__init__(order, parent)
        self.window, self.dx, self.dy, self.scale = window, 0.0, 0.0, 1.0

    def set_state(self):
        view = Mat4.from_translation(Vec3(self.dx, self.dy, 0))
        if self.scale != 1.0:
            view = view @ Mat4.from_scale(Vec3(self.scale, self.scale, 1))
        self.window.view = view

    def unset_state(self):
        self.window.view = Mat4()


class Fills:
    """The window cleared to one colour, then rectangles of other colours cleared inside it: on software
    OpenGL a clear is a memory fill, a few times cheaper than the same area drawn as blended triangles
    (the back layer took 3.4 ms of an 18 ms frame; these clears take about 1). Inside a region (kept.py) a
    clear is drawn as a quad by llvmpipe, as slow as a blended one: there the colours are opaque quads drawn
    without blending (0.6 ms for the code area instead of 2.5), only those not hidden under another."""

    def __init__(self, base: str, fills: list[tuple[Rect, str]], ratio: float = 1.0):
        self.base = _unit_rgb(base)
        self.fills = [(r, _unit_rgb(colour)) for r, colour in fills]
        self.ratio = ratio
        self._quads: list | None = None   # (pixel box, vertex list) for the base and each fill

    def draw(self):
        if _region is not None:
            return self._draw_quads(_region)
        glClearColor(*self.base, 1.0)
        glClear(GL_COLOR_BUFFER_BIT)
        glEnable(GL_SCISSOR_TEST)
        for r, colour in self.fills:
            scissor(r, self.ratio)
            glClearColor(*colour, 1.0)
            glClear(GL_COLOR_BUFFER_BIT)
        glDisable(GL_SCISSOR_TEST)

    def _draw_quads(self, region: Box) -> None:
        if self._quads is None:
            everywhere = (-1 << 20, -1 << 20, 1 << 20, 1 << 20)
            boxes = [(everywhere, self.base)] + [(_pixels(r, self.ratio), colour) for r, colour in self.fills]
            self._quads = [(box, _quad(box, colour, self.ratio)) for box, colour in boxes]
        top = max(i for i, (box, _) in enumerate(self._quads) if _covers(box, region) or i == 0)
        program = shapes.get_default_shader()
        program.use()
        glDisable(GL_BLEND)
        for _, quad in self._quads[top:]:
            quad.draw(GL_TRIANGLES)
        program.stop()


def pixel_boxes(rects: list[Rect], ratio: float, margin: float = 0.0) -> list[Box]:
    """Rectangles in window units, a margin wider all round, as the pixel boxes that hold them."""
    return [(math.floor((r.x - margin) * ratio), math.floor((r.y - margin) * ratio),
             math.ceil((r.x + r.w + margin) * ratio), math.ceil((r.y + r.h + margin) * ratio)) for r in rects]


def _pixels(r: Rect, ratio: float) -> Box:
    """The pixels scissor() keeps of a rectangle in window units (rounded down; 626.9999 is 627)."""
    x0, y0 = int(r.x * ratio + 1e-6), int(r.y * ratio + 1e-6)
    return x0, y0, x0 + max(0, int(r.w * ratio + 1e-6)), y0 + max(0, int(r.h * ratio + 1e-6))


def _covers(a: Box, b: Box) -> bool:
    return a[0] <= b[0] and a[1] <= b[1] and a[2] >= b[2] and a[3] >= b[3]


def meets(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def within(a: Box, b: Box) -> Box | None:
    """The part of box a inside box b, if any."""
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    return (x0, y0, x1, y1) if x0 < x1 and y0 < y1 else None


def _quad(box: Box, colour: tuple[float, float, float], ratio: float):
    """Two triangles over a pixel box, in window units (pixel centres inside the box are covered)."""
    x0, y0, x1, y1 = (v / ratio for v in box)
    rgba = tuple(round(c * 255) for c in colour) + (255,)
    return shapes.get_default_shader().vertex_list(
        6, GL_TRIANGLES, position=("f", (x0, y0, x1, y0, x1, y1, x0, y0, x1, y1, x0, y1)), colors=("Bn", rgba * 6),
        translation=("f", (0.0, 0.0) * 6), rotation=("f", (0.0,) * 6))


def _unit_rgb(colour: str) -> tuple[float, float, float]:
    return tuple(c / 255 for c in T.rgb(colour))


EVERYWHERE = (-math.inf, -math.inf, math.inf, math.inf)
# Drawing a box of the code area again (kept.py) on llvmpipe, 2 cores: about a millisecond, and 25 ns a pixel
# (a script of ten blocks at zoom 0.5: 60-160 thousand pixels, 2.5-5 ms).
DRAW_START, DRAW_PIXEL = 0.001, 25e-9
REGION_PIXELS = 250_000   # a region drawn whole (the palette: 330 x 744)
_serials = itertools.count()


class Lazy:
    """A batch made by `make()` the first time it is drawn, then kept. `make` returns (batch, keep), or is a
    generator that yields between pieces and returns them, so that its building can stop at a deadline and
    go on in the next frame. `zoom`: the zoom it is drawn at; `stale`: an older built Lazy of the same thing,
    which stands in for it while it is not built; `rect`: where it draws (workspace units x0, y0, x1, y1)."""

    def __init__(self, make, zoom: float = 1.0, stale: Lazy | None = None, rect: tuple = EVERYWHERE):
        self.make, self.batch, self.keep, self.zoom, self.rect = make, None, [], zoom, rect
        self.stale = stale if stale is None or stale.batch is not None else stale.stale
        self.serial = next(_serials)   # names what it draws, in a region's look (kept.py)
        self._steps = None

    def build(self, deadline: float | None = None) -> bool:
        """Build (at least one piece, then on until the deadline, a perf_counter time); True once built."""
        if self._steps is None:
            made = self.make()
            self._steps = made if inspect.isgenerator(made) else iter(())
            self._made = made
        try:
            while True:
                next(self._steps)
                if deadline is not None and time.perf_counter() >= deadline:
                    return False
        except StopIteration as done:
            self.batch, self.keep = done.value if done.value is not None else self._made
        self.make = self.stale = self._steps = self._made = None
        return True

    def shown(self) -> Lazy | None:
        """What draws for it now: itself once built, else its stand-in (if any)."""
        return self if self.batch is not None else self.stale

    def draw(self):
        if self.batch is None:
            self.build()
        self.batch.draw()


class InView:
    """The code area's batches, each drawn only while its workspace rectangle is in view (20 scripts
    of 10 blocks at zoom 0.5 show about 8), with the area's clip and camera set once for all of them
    rather than once per batch. Iterating it gives what the batches built so far hold (labels, shapes).

    `advance()` builds before the frame draws. When `deadline()` gives a time (perf_counter; the running app's
    frame budget), it builds batches, piece by piece, only until then; a batch not built yet draws its stale
    stand-in (scaled to the zoom now; a script new in view shows nothing for a frame or two), and `pending`
    tells the window to draw again. Without one (tests, screenshots) every batch in view is built in the frame.
    What it shows changes only when a batch is built: `look()` and `damage()` say what, and where (kept.py
    then draws only there)."""

    def __init__(self, batches: list[tuple[Lazy, tuple]], clip: ClipGroup, camera: ShiftGroup, view,
                 zoom: float, deadline=lambda: None):
        self.batches, self.clip, self.camera, self.view = batches, clip, camera, view
        self.zoom, self.deadline, self.pending = zoom, deadline, False

    def __iter__(self):
        for lazy, _ in self.batches:
            if lazy.shown() is not None:
                yield from lazy.shown().keep

    def _in_view(self):
        x0, y0, x1, y1 = self.view()
        return [lazy for lazy, (a, b, c, d) in self.batches if a < x1 and c > x0 and b < y1 and d > y0]

    def advance(self, first: bool = True) -> bool:
        """Build what is in view and not built (one piece at least if `first`: nothing else was built in this
        frame); True if anything was."""
        deadline, built = self.deadline(), False
        self.pending = False
        drawing = 0.0   # seconds the scripts built in this frame will take to draw, within the deadline too
        for lazy in self._in_view():
            if lazy.batch is not None:
                continue
            draw = self._draw_time(lazy.rect)   # a script is begun and finished only with time left to draw it
            if deadline is None or (first and not built) or time.perf_counter() + drawing + draw < deadline:
                built = True
                if lazy.build(None if deadline is None else deadline - drawing - draw):
                    drawing += draw
                    continue
            self.pending = True
        return built

    def _draw_time(self, rect: tuple) -> float:
        """About how long the frame takes to draw a script built anew, on software OpenGL (kept.py then draws
        every layer again in its box)."""
        x0, y0, x1, y1 = self._box(rect)
        area = pixel_boxes([self.clip.rect], self.clip.ratio)[0]
        w, h = min(x1, area[2]) - max(x0, area[0]), min(y1, area[3]) - max(y0, area[1])
        return DRAW_START + DRAW_PIXEL * max(0, w) * max(0, h)

    def look(self) -> tuple:
        """Where the camera is, and which batch each script in view shows (its own or a stand-in), where."""
        shown = frozenset((s.serial, s.rect) for s in (lazy.shown() for lazy in self._in_view()) if s is not None)
        return self.camera.dx, self.camera.dy, self.zoom, self.clip.rect, self.clip.ratio, shown

    def damage(self, old: tuple, new: tuple) -> list[Box] | None:
        """The pixel boxes that differ between two looks: where a batch was or is now shown; None: all."""
        if old[:-1] != new[:-1]:
            return None
        return [self._box(rect) for _, rect in old[-1] ^ new[-1]]

    def _box(self, rect: tuple) -> Box:
        """A workspace rectangle's pixels on the screen (y up), a pixel more all round."""
        dx, dy, z, ratio = self.camera.dx, self.camera.dy, self.zoom, self.clip.ratio
        x0, y0, x1, y1 = (max(-1e7, min(1e7, v)) for v in rect)
        return (math.floor((dx + x0 * z) * ratio) - 1, math.floor((dy - y1 * z) * ratio) - 1,
                math.ceil((dx + x1 * z) * ratio) + 1, math.ceil((dy - y0 * z) * ratio) + 1)

    def draw(self):
        """The batches in view (only those showing inside the region being drawn, if any)."""
        self.clip.set_state()
        for lazy in self._in_view():
            shown = lazy.shown()
            if shown is None or (_region is not None and not meets(self._box(shown.rect), _region)):
                continue
            self.camera.scale = self.zoom / shown.zoom
            self.camera.set_state()
            shown.batch.draw()
        self.camera.scale = 1.0
        self.camera.unset_state()
        self.clip.unset_state()


class Gradual:
    """One lazy batch built over frames as InView's are: its stand-in draws until it is built (the palette and
    the toolbar after a language switch). Iterating it gives what the batch shown holds."""

    def __init__(self, lazy: Lazy, deadline=lambda: None, area: list[Box] | None = None,
                 shift: ShiftGroup | None = None):
        """area: the pixel boxes it draws in, if known (then a region redraws only those when it changes);
        shift: what moves it (the palette's scroll)."""
        self.lazy, self.deadline, self.pending, self.area, self.shift = lazy, deadline, False, area, shift

    def __iter__(self):
        yield from self.lazy.shown().keep if self.lazy.shown() is not None else ()

    def advance(self, first: bool = True) -> bool:
        lazy, deadline = self.lazy, self.deadline()
        if lazy.batch is not None or not (first or lazy.stale is None or deadline is None
                                          or time.perf_counter() < deadline):
            self.pending = lazy.batch is None
            return False
        draw = DRAW_START + DRAW_PIXEL * (REGION_PIXELS if self.area is None else
                                          sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in self.area))
        self.pending = not lazy.build(None if lazy.stale is None or deadline is None else deadline - draw)
        return True   # finished only with time left to draw it (its region again, if it cannot say where)

    def look(self) -> tuple:
        """Which batch it shows (its stand-in looks as before), where it draws, and where it is moved to."""
        shown, moved = self.lazy.shown(), self.shift and (self.shift.dx, self.shift.dy)
        return None if shown is None else shown.serial, None if self.area is None else tuple(self.area), moved

    def damage(self, old: tuple, new: tuple) -> list[Box] | None:
        """Where it drew and draws now, if it knows (and did not move)."""
        return None if old[1] is None or new[1] is None or old[2] != new[2] else [*old[1], *new[1]]

    def draw(self):
        if self.lazy.batch is None and self.lazy.stale is None:   # drawn without advance()
            self.advance()
        if _region is not None and self.area is not None and not any(meets(a, _region) for a in self.area):
            return   # nothing of it in the part of a region being drawn (the chrome's 30 labels: 1-2 ms)
        self.lazy.shown().batch.draw()


class Batches:
    """Several batches (or anything with a draw()) drawn in order, as one layer: the back layer's fills and
    lines, the stage's pieces layer by layer."""

    def __init__(self, batches: list[Batch]):
        self.batches = batches

    def draw(self):
        for batch in self.batches:
            batch.draw()


class Changed(Batches):
    """Batches drawn in order that say where they differ from what was drawn before (`before`, the serial of that):
    the stage's pieces, of which a redraw while training changes only a few (the status line, the answer's map).
    `boxes`: the pixel boxes that changed since then; None if anything may have. `pending`: some pieces still show
    their old look; `again(first)` (set by its maker) remakes more of them and show()s the result."""

    def __init__(self, batches: list, before: int | None, boxes: list[Box] | None):
        super().__init__(batches)
        self.serial, self.before, self.boxes, self.pending, self.again = next(_serials), before, boxes, False, None

    def show(self, batches: list, before: int | None, boxes: list[Box] | None, pending: bool = False) -> None:
        self.batches, self.before, self.boxes, self.pending = batches, before, boxes, pending
        self.serial = next(_serials)

    def advance(self, first: bool = True) -> bool:
        """Remake what still waits, within the frame's deadline (its maker says); True if it did anything."""
        return self.pending and self.again is not None and self.again(first)

    def look(self) -> tuple:
        return self.serial, self.before, None if self.boxes is None else tuple(self.boxes)

    def damage(self, old: tuple, new: tuple) -> list[Box] | None:
        """Where the picture differs from the one of look `old`: known only when `new` follows it directly."""
        if new[1] is None or new[1] != old[0] or new[2] is None:
            return None
        return list(new[2])
