"""What the window's layers are made of besides batches: clip and shift groups, clears, lazy and in-view batches.

Each layer is something with a `draw()`: a pyglet Batch, or one of these holders of batches.
"""
from __future__ import annotations

import inspect
import time

import pyglet
from pyglet.gl import GL_COLOR_BUFFER_BIT, GL_SCISSOR_TEST, glClear, glClearColor, glDisable, glEnable, glScissor
from pyglet.graphics import Batch, Group
from pyglet.math import Mat4, Vec3

from ..editor.screen import Rect
from . import theme as T


def scissor(r: Rect, ratio: float) -> None:
    """glScissor for a rectangle in window units; the scissor box is in framebuffer pixels (ratio per unit)."""
    glScissor(int(r.x * ratio), int(r.y * ratio), max(0, int(r.w * ratio)), max(0, int(r.h * ratio)))


class ClipGroup(Group):
    """Draw children only inside a screen rectangle; ratio: framebuffer pixels per window unit (HiDPI)."""

    def __init__(self, rect: Rect, order: int = 0, parent: Group | None = None, ratio: float = 1.0):
        super().__init__(order, parent)
        self.rect, self.ratio = rect, ratio

    def set_state(self):
        glEnable(GL_SCISSOR_TEST)
        scissor(self.rect, self.ratio)

    def unset_state(self):
        glDisable(GL_SCISSOR_TEST)


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
    (the back layer took 3.4 ms of an 18 ms frame; these clears take about 1)."""

    def __init__(self, base: str, fills: list[tuple[Rect, str]], ratio: float = 1.0):
        self.base = _unit_rgb(base)
        self.fills = [(r, _unit_rgb(colour)) for r, colour in fills]
        self.ratio = ratio

    def draw(self):
        glClearColor(*self.base, 1.0)
        glClear(GL_COLOR_BUFFER_BIT)
        glEnable(GL_SCISSOR_TEST)
        for r, colour in self.fills:
            scissor(r, self.ratio)
            glClearColor(*colour, 1.0)
            glClear(GL_COLOR_BUFFER_BIT)
        glDisable(GL_SCISSOR_TEST)


def _unit_rgb(colour: str) -> tuple[float, float, float]:
    return tuple(c / 255 for c in T.rgb(colour))


class Lazy:
    """A batch made by `make()` the first time it is drawn, then kept. `make` returns (batch, keep), or is a
    generator that yields between pieces and returns them, so that its building can stop at a deadline and
    go on in the next frame. `zoom`: the zoom it is drawn at; `stale`: an older built Lazy of the same thing,
    which stands in for it while it is not built."""

    def __init__(self, make, zoom: float = 1.0, stale: Lazy | None = None):
        self.make, self.batch, self.keep, self.zoom = make, None, [], zoom
        self.stale = stale if stale is None or stale.batch is not None else stale.stale
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

    def shown(self) -> Lazy:
        """What draws for it now: itself once built, else its stand-in."""
        return self if self.batch is not None or self.stale is None else self.stale

    def draw(self):
        if self.batch is None:
            self.build()
        self.batch.draw()


class InView:
    """The code area's batches, each drawn only while its workspace rectangle is in view (20 scripts
    of 10 blocks at zoom 0.5 show about 8), with the area's clip and camera set once for all of them
    rather than once per batch. Iterating it gives what the batches built so far hold (labels, shapes).

    When `deadline()` gives a time (perf_counter; the running app's frame budget), a frame builds batches,
    piece by piece, only until then; a batch not built yet draws its stale stand-in (scaled to the zoom now),
    and `pending` tells the window to draw again.
    Without one (tests, screenshots) every batch in view is built in the frame, as before. A batch with no
    stand-in is always built: there is nothing else to show."""

    def __init__(self, batches: list[tuple[Lazy, tuple]], clip: Group, camera: ShiftGroup, view, zoom: float,
                 deadline=lambda: None):
        self.batches, self.clip, self.camera, self.view = batches, clip, camera, view
        self.zoom, self.deadline, self.pending = zoom, deadline, False

    def __iter__(self):
        for lazy, _ in self.batches:
            yield from lazy.shown().keep

    def draw(self):
        x0, y0, x1, y1 = self.view()
        deadline = self.deadline()
        self.pending, started = False, False
        self.clip.set_state()
        for lazy, (a, b, c, d) in self.batches:
            if not (a < x1 and c > x0 and b < y1 and d > y0):
                continue
            if lazy.batch is None:
                if deadline is None or lazy.stale is None:
                    lazy.build()
                elif not started or time.perf_counter() < deadline:
                    started = True     # every frame gets on by one piece at least
                    self.pending |= not lazy.build(deadline)
                else:
                    self.pending = True
            shown = lazy.shown()
            self.camera.scale = self.zoom / shown.zoom
            self.camera.set_state()
            shown.batch.draw()
        self.camera.scale = 1.0
        self.camera.unset_state()
        self.clip.unset_state()


class Gradual:
    """One lazy batch built over frames as InView's are: its stand-in draws until it is built (the palette
    after a language switch). Iterating it gives what the batch shown holds."""

    def __init__(self, lazy: Lazy, deadline=lambda: None):
        self.lazy, self.deadline, self.pending = lazy, deadline, False

    def __iter__(self):
        yield from self.lazy.shown().keep

    def draw(self):
        lazy, deadline = self.lazy, self.deadline()
        if lazy.batch is None:
            self.pending = not lazy.build(None if lazy.stale is None else deadline)
        lazy.shown().batch.draw()


class Batches:
    """Several batches (or anything with a draw()) drawn in order, as one layer: the back layer's fills and
    lines, the stage's pieces layer by layer."""

    def __init__(self, batches: list[Batch]):
        self.batches = batches

    def draw(self):
        for batch in self.batches:
            batch.draw()
