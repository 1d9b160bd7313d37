"""Turns block boxes from layout.py into pyglet shapes: Scratch-like outlines with notches, fields, words."""
from __future__ import annotations

import pyglet

from ..editor.layout import ARM, FONT_PT, HAT, NOTCH_D, NOTCH_W, NOTCH_X, BlockBox
from .draw import Sketch
from .theme import FIELD_BG, FIELD_TEXT, GHOST, PROBLEM, rgb, text_on

R = 4  # corner cut


def outline(b: BlockBox) -> list[tuple[float, float]]:
    """The block's outline in workspace units (y down), clockwise, without its children."""
    x, y, w, h = b.x, b.y, b.w, b.h
    pts: list[tuple[float, float]] = []
    if b.shape == "hat":
        pts += [(x, y + HAT), (x + 16, y + 7), (x + 46, y), (x + 76, y + 7), (x + 96, y + HAT), (x + w - R, y + HAT),
                (x + w, y + HAT + R)]
    else:
        pts += [(x, y + R), (x + R, y)] + _notch(x + NOTCH_X, y) + [(x + w - R, y), (x + w, y + R)]
    if b.holds:   # a C block, or an answer cap: a mouth between the arms
        top_end, foot = y + b.head, y + b.head + b.mouth
        pts += [(x + w, top_end), (x + ARM + NOTCH_X + NOTCH_W, top_end), (x + ARM + NOTCH_X + NOTCH_W - NOTCH_D,
                top_end + NOTCH_D), (x + ARM + NOTCH_X + NOTCH_D, top_end + NOTCH_D), (x + ARM + NOTCH_X, top_end),
                (x + ARM, top_end), (x + ARM, foot), (x + w, foot)]
    pts += [(x + w, y + h - R), (x + w - R, y + h)]
    if b.shape != "cap":
        pts += list(reversed(_notch(x + NOTCH_X, y + h)))
    pts += [(x + R, y + h), (x, y + h - R)]
    return pts


def _notch(nx: float, y: float) -> list[tuple[float, float]]:
    return [(nx, y), (nx + NOTCH_D, y + NOTCH_D), (nx + NOTCH_W - NOTCH_D, y + NOTCH_D), (nx + NOTCH_W, y)]


class BlockPainter:
    """Draws boxes at a scale into a batch; coordinates out are (x * scale, -y * scale)."""

    def __init__(self, batch: pyglet.graphics.Batch, scale: float):
        self.batch, self.scale = batch, scale
        self.keep: list = []
        self.sketch = Sketch(batch)   # the shapes and words, made into vertex lists by finish()

    def finish(self) -> list:
        """Everything drawn is in the batch; the objects to keep."""
        self.keep += self.sketch.finish()
        return self.keep

    def p(self, x: float, y: float) -> tuple[float, float]:
        return x * self.scale, -y * self.scale

    def block(self, b: BlockBox, colours: tuple[str, str], groups, ghost: bool = False, problem: bool = False,
              category: str = "") -> None:
        """groups = (body, fields, text): three ordered groups of the script being drawn."""
        fill, border = (GHOST if ghost else colours)
        pts = [self.p(*q) for q in outline(b)]
        self.sketch.polygon(pts, rgb(fill), groups[0])
        edge = (PROBLEM, 3.0) if problem else (border, 1.5)
        self.sketch.closed_line(pts, edge[1] * max(self.scale, 0.6), rgb(edge[0]), groups[0])
        if ghost:
            return
        for item in b.items:
            if item.kind == "text":
                self.text(item.text, item.x, item.y + item.h / 2, text_on(category), groups[2])
            else:
                self.field(item, groups)

    def field(self, item, groups) -> None:
        x, y = self.p(item.x, item.y + item.h)
        w, h = item.w * self.scale, item.h * self.scale
        # White pills with dark words on every category, for contrast on a projector; dropdowns end in ▼.
        self.sketch.rounded_rectangle(x, y, w, h, min(h / 2, 14 * self.scale), rgb(FIELD_BG), groups[1])
        self.text(item.text, item.x + 10, item.y + item.h / 2, FIELD_TEXT, groups[2])

    def text(self, text: str, x: float, y: float, colour: str, group, size: float = FONT_PT, anchor_x: str = "left"):
        sx, sy = self.p(x, y)
        label = self.sketch.text(text, sx, sy, rgb(colour) + (255,), size * self.scale, anchor_x, group)
        self.keep.append(label)
        return label

    def tag(self, text: str, x: float, y: float, fill: str, colour: str, group_bg, group_text, measure) -> None:
        """A small rounded label beside a block: its shape "2 → 4" or a problem mark."""
        w = measure(text) * 0.85 + 16
        sx, sy = self.p(x, y + 14)
        self.sketch.rounded_rectangle(sx, sy, w * self.scale, 28 * self.scale, 10 * self.scale, rgb(fill), group_bg)
        self.text(text, x + 8, y, colour, group_text, size=11)
