"""What the window's layers are made of besides batches: clip and shift groups, clears, lazy and in-view batches.

Each layer is something with a `draw()`: a pyglet Batch, or one of these holders of batches.
"""
from __future__ import annotations

import pyglet
from pyglet.gl import GL_COLOR_BUFFER_BIT, GL_SCISSOR_TEST, glClear, glClearColor, glDisable, glEnable, glScissor
from pyglet.graphics import Batch, Group
from pyglet.math import Mat4, Vec3

from ..editor.screen import Rect
from . import theme as T


class ClipGroup(Group):
    """Draw children only inside a screen rectangle."""

    def __init__(self, rect: Rect, order: int = 0, parent: Group | None = None):
        super().__init__(order, parent)
        self.rect = rect

    def set_state(self):
        glEnable(GL_SCISSOR_TEST)
        r = self.rect
        glScissor(int(r.x), int(r.y), max(0, int(r.w)), max(0, int(r.h)))

    def unset_state(self):
        glDisable(GL_SCISSOR_TEST)


class ShiftGroup(Group):
    """Move children by (dx, dy) screen pixels: the camera's pan, the palette's scroll, the drag."""

    def __init__(self, window: pyglet.window.Window, order: int = 0, parent: Group | None = None):
        super().__init__(order, parent)
        self.window, self.dx, self.dy = window, 0.0, 0.0

    def set_state(self):
        self.window.view = Mat4.from_translation(Vec3(self.dx, self.dy, 0))

    def unset_state(self):
        self.window.view = Mat4()


class Fills:
    """The window cleared to one colour, then rectangles of other colours cleared inside it: on software
    OpenGL a clear is a memory fill, a few times cheaper than the same area drawn as blended triangles
    (the back layer took 3.4 ms of an 18 ms frame; these clears take about 1)."""

    def __init__(self, base: str, fills: list[tuple[Rect, str]]):
        self.base = _unit_rgb(base)
        self.fills = [(r, _unit_rgb(colour)) for r, colour in fills]

    def draw(self):
        glClearColor(*self.base, 1.0)
        glClear(GL_COLOR_BUFFER_BIT)
        glEnable(GL_SCISSOR_TEST)
        for r, colour in self.fills:
            glScissor(int(r.x), int(r.y), max(0, int(r.w)), max(0, int(r.h)))
            glClearColor(*colour, 1.0)
            glClear(GL_COLOR_BUFFER_BIT)
        glDisable(GL_SCISSOR_TEST)


def _unit_rgb(colour: str) -> tuple[float, float, float]:
    return tuple(c / 255 for c in T.rgb(colour))


class Lazy:
    """A batch made by `make() -> (batch, keep)` the first time it is drawn, then kept."""

    def __init__(self, make):
        self.make, self.batch, self.keep = make, None, []

    def draw(self):
        if self.batch is None:
            self.batch, self.keep = self.make()
            self.make = None
        self.batch.draw()


class InView:
    """The code area's batches, each drawn only while its workspace rectangle is in view (20 scripts
    of 10 blocks at zoom 0.5 show about 8), with the area's clip and camera set once for all of them
    rather than once per batch. Iterating it gives what the batches built so far hold (labels, shapes)."""

    def __init__(self, batches: list[tuple[Lazy, tuple]], clip: Group, camera: Group, view):
        self.batches, self.clip, self.camera, self.view = batches, clip, camera, view

    def __iter__(self):
        for lazy, _ in self.batches:
            yield from lazy.keep

    def draw(self):
        x0, y0, x1, y1 = self.view()
        self.clip.set_state()
        self.camera.set_state()
        for batch, (a, b, c, d) in self.batches:
            if a < x1 and c > x0 and b < y1 and d > y0:
                batch.draw()
        self.camera.unset_state()
        self.clip.unset_state()


class Batches:
    """Several batches (or anything with a draw()) drawn in order, as one layer: the back layer's fills and
    lines, the stage's pieces layer by layer."""

    def __init__(self, batches: list[Batch]):
        self.batches = batches

    def draw(self):
        for batch in self.batches:
            batch.draw()
