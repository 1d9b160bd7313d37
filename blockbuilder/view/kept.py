"""The window's picture kept between frames: drawn region by region into an offscreen framebuffer, only where
what a region shows changed, and copied to the window each frame."""
from __future__ import annotations

import pyglet
from pyglet.gl import (GL_BGRA, GL_COLOR_BUFFER_BIT, GL_DEPTH_ATTACHMENT, GL_DEPTH_COMPONENT24, GL_DRAW_FRAMEBUFFER,
                       GL_FRAMEBUFFER, GL_LOWER_LEFT, GL_NEAREST, GL_NEGATIVE_ONE_TO_ONE, GL_READ_FRAMEBUFFER,
                       GL_RGBA, GL_UPPER_LEFT, gl_info, glBindFramebuffer, glBlitFramebuffer, glClipControl)

from .layers import Box, draw_inside, meets, within


class Retained:
    """The window's picture drawn into an offscreen framebuffer and kept there between frames, screen region by
    screen region (toolbar, categories, palette, code area, stage; they tile the window), then copied to the
    window. Each region has a look: what each of its layers shows now (which build, which batches, where the
    camera is). A region that looks as when it was drawn is not drawn again; one whose layers say where they
    changed (InView.damage: a script built anew; the stage's Changed.damage: the pieces remade, as the answer's map
    while a network trains) is drawn again there only; any other, all again.

    The copy is a memcpy on llvmpipe (0.5 ms for the whole window, where drawing 200 blocks takes 10-15 ms)
    when the framebuffer has the window's own pixel layout: BGRA, rows top down (Mesa draws the window upside
    down). So the framebuffer is a GL_RGBA texture made from BGRA data, drawn into upside down with
    glClipControl(GL_UPPER_LEFT) (Mesa then flips y as it does for the window, the rule for pixels on an edge
    included, so the pixels are the same; scissor boxes are flipped by hand), and copied with its rows
    flipped back. In any other layout the copy is a textured quad, about 8 ns a pixel."""

    def __init__(self):
        # glClipControl (OpenGL 4.5) draws upside down; without it (macOS: 4.1) the copy keeps its rows
        self.top_down = gl_info.have_version(4, 5) or gl_info.have_extension("GL_ARB_clip_control")
        self.fbo = self.texture = None
        self.kept: dict[str, tuple] = {}   # region name -> the look the framebuffer holds for it

    def draw(self, regions: list[tuple[str, Box, list, tuple]], size: tuple[int, int]) -> bool:
        """regions: (name, pixel box, its layers bottom up, their looks). False, and nothing drawn, when the
        regions do not tile the framebuffer of `size`."""
        if not _tiles([box for _, box, *_ in regions], size):
            self.kept.clear()
            return False
        self._fit(size)
        boxes = []
        for name, box, layers, look in regions:
            kept = self.kept.get(name)
            if kept == look:
                continue
            damage = None if kept is None else _damage(layers, kept, look)
            parts = [box] if damage is None else _merged([p for p in (within(d, box) for d in damage) if p])
            boxes += [(part, layers) for part in parts]
            self.kept[name] = look
        if boxes:
            self._into_framebuffer(boxes, size[1])
        glBindFramebuffer(GL_READ_FRAMEBUFFER, self.fbo.id)
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0)
        h = size[1]
        for _, (x0, y0, x1, y1), *_ in regions:
            if self.top_down:
                glBlitFramebuffer(x0, h - y1, x1, h - y0, x0, y1, x1, y0, GL_COLOR_BUFFER_BIT, GL_NEAREST)
            else:
                glBlitFramebuffer(x0, y0, x1, y1, x0, y0, x1, y1, GL_COLOR_BUFFER_BIT, GL_NEAREST)
        glBindFramebuffer(GL_FRAMEBUFFER, 0)
        return True

    def whole(self, regions: list[tuple[str, Box, list, tuple]]) -> list[str]:
        """The regions the next draw() draws whole (as they look now): never drawn, or changed where their
        layers cannot say."""
        return [name for name, _, layers, look in regions
                if (kept := self.kept.get(name)) != look and (kept is None or _damage(layers, kept, look) is None)]

    def _into_framebuffer(self, boxes: list[tuple[Box, list]], height: int) -> None:
        self.fbo.bind()
        if self.top_down:   # Mesa then flips y as for the window, edge rule included: the same pixels
            glClipControl(GL_UPPER_LEFT, GL_NEGATIVE_ONE_TO_ONE)
        try:
            for box, layers in boxes:
                draw_inside(box, layers, height if self.top_down else None)
        finally:
            if self.top_down:
                glClipControl(GL_LOWER_LEFT, GL_NEGATIVE_ONE_TO_ONE)
            self.fbo.unbind()

    def _fit(self, size: tuple[int, int]) -> None:
        """A framebuffer of the window's size (again after a resize: nothing kept)."""
        if self.texture is not None and (self.texture.width, self.texture.height) == size:
            return
        if self.fbo is not None:
            self.fbo.delete()
        self.texture = pyglet.image.Texture.create(*size, internalformat=GL_RGBA, fmt=GL_BGRA, blank_data=False,
                                                   min_filter=GL_NEAREST, mag_filter=GL_NEAREST)
        self.fbo = pyglet.image.buffer.Framebuffer()
        self.fbo.attach_texture(self.texture)
        # a depth buffer as the window's (CONFIG): without one, llvmpipe draws triangles cut by the window's edge
        # a little differently (a glyph at the bottom edge differs by a few levels in a few pixels)
        self.fbo.attach_renderbuffer(pyglet.image.buffer.Renderbuffer(*size, GL_DEPTH_COMPONENT24),
                                     attachment=GL_DEPTH_ATTACHMENT)
        self.kept.clear()


def _merged(boxes: list[Box]) -> list[Box]:
    """Boxes that overlap joined into their bounding box (a script built anew covers its stand-in)."""
    out: list[Box] = []
    for box in boxes:
        while (other := next((o for o in out if meets(o, box)), None)) is not None:
            out.remove(other)
            box = (min(box[0], other[0]), min(box[1], other[1]), max(box[2], other[2]), max(box[3], other[3]))
        out.append(box)
    return out


def _damage(layers: list, old: tuple, new: tuple) -> list[Box] | None:
    """Where the region differs between two looks (one per layer), if its layers can say; else None."""
    boxes = []
    for layer, a, b in zip(layers, old, new):
        if a == b:
            continue
        part = layer.damage(a, b) if hasattr(layer, "damage") else None
        if part is None:
            return None
        boxes += part
    return boxes


def _tiles(boxes: list[Box], size: tuple[int, int]) -> bool:
    """Do the boxes cover the framebuffer exactly, without overlapping?"""
    if sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in boxes) != size[0] * size[1]:
        return False
    inside = all(0 <= x0 < x1 <= size[0] and 0 <= y0 < y1 <= size[1] for x0, y0, x1, y1 in boxes)
    return inside and not any(meets(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
