"""The stage's pieces: what one piece draws and when it must be remade, and the painter that reuses its labels.

A piece is a batch with a key (the numbers and texts it shows); StageView (stage.py) remakes a piece only when
its key changed, into the same batch, through a Painter that hands back the piece's last labels.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from pyglet.graphics import Batch

from ..editor.screen import Rect
from . import draw, theme as T

# The pieces' layers, bottom up: buttons and panels, the answer's map, the data points, the lines and
# pictures under the views' texts, and the views (with the status and the sentence, which the layout gives
# room of their own: nothing is drawn over another).
BACK, MAP, POINTS, UNDER, VIEWS = range(5)


@dataclass
class Part:
    """One piece of the stage as this redraw would draw it."""

    name: str
    key: object                          # everything its shapes and texts show: a change rebuilds it
    make: Callable[[Painter], list]      # draws it; returns the objects to keep
    pictures: list | None = None         # RGBA arrays its sprites show (in the order made), redrawn in place
    layer: int = VIEWS                   # what it is drawn over; in one layer, the order of the parts
    area: Rect | None = None             # where it draws (window units), if known: a change redraws only there


@dataclass
class Piece:
    key: object
    batch: Batch
    keep: list
    layer: int
    labels: list            # (style, label) of the labels in keep, to reuse at the next rebuild
    area: Rect | None = None


class Painter:
    """Where a piece's `make` draws: the piece's batch, and labels that reuse the piece's last ones of the same
    style, one with the same text if there is one (a tick that moves, a guess that did not change). Moving a
    label costs almost nothing, setting its text half of making one."""

    def __init__(self, batch: Batch, old: list):
        self.batch = batch
        self.made: list = []
        self._spare: dict[tuple, list] = {}
        for style, label in old:
            self._spare.setdefault(style, []).append(label)

    def label(self, text, x, y, colour, group, size, width=None, anchor_x="left"):
        text = draw.wrapped(text, width, size) if width is not None else text   # wrap_text, not pyglet's
        style = (size, width, anchor_x, group.order)
        spare = self._spare.get(style)
        if spare:
            label = spare.pop(next((i for i, old in enumerate(spare) if old.text == text), 0))
            if label.text != text:
                label.text = text
            if label.position != (x, y, 0):
                label.position = (x, y, 0)
            rgba = T.rgb(colour) + (255,)
            if tuple(label.color) != rgba:
                label.color = rgba
        else:
            label = draw.label(text, x, y, colour, self.batch, group, size, width, anchor_x)
        self.made.append((style, label))
        return label

    def finish(self) -> None:
        """Remove the old labels that were not wanted again."""
        for spare in self._spare.values():
            for label in spare:
                label.delete()


def clear(piece: Piece) -> Painter:
    """The piece's batch emptied of everything but its labels, which its next drawing may reuse."""
    labels = {id(label) for _, label in piece.labels}
    for thing in piece.keep:
        if id(thing) not in labels:
            thing.delete()
    return Painter(piece.batch, piece.labels)
