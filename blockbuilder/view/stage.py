"""The stage area: the network's data as the child will see it learn (the points, or digit pictures)."""
from __future__ import annotations

import dataclasses

import numpy as np
import pyglet
from pyglet import shapes
from pyglet.graphics import Batch, Group

from runtime.messages import RuntimeProblem

from ..data import load_data
from ..messages import msg
from ..screen import Rect
from . import theme as T
from .fonts import FONT_NAME

MAX_POINTS = 600


class StageView:
    def __init__(self):
        self._data: tuple | None = None
        self._key: tuple = (None, None)   # (editor version, key): the key is worked out once per edit

    def key(self, editor) -> tuple:
        """What the stage shows: the language and the data hat's settings (not every edit)."""
        if self._key[0] != editor.version:
            choice = editor.compiled().data
            self._key = (editor.version, (editor.lang, choice and _choice_key(choice)))
        return self._key[1]

    def _load(self, choice):
        key = _choice_key(choice)
        if self._data is None or self._data[0] != key:
            try:
                train, test = load_data(choice)
                self._data = (key, train, test, None)
            except RuntimeProblem as e:
                self._data = (key, None, None, e.message)
        return self._data[1:]

    def build(self, area: Rect, editor):
        batch, keep = Batch(), []
        g0, g1 = Group(0), Group(1)
        lang = editor.lang
        choice = editor.compiled().data
        title = msg("stage_title").text(lang)
        keep.append(_label(title, area.x + 16, area.top - 24, T.INK, batch, g1, 15))
        if choice is None:
            keep.append(_label(msg("stage_no_data").text(lang), area.x + 16, area.top - 60, T.MUTED, batch, g1, 11,
                               width=area.w - 32))
            return batch, keep
        train, test, problem = self._load(choice)
        if problem is not None:
            keep.append(_label(problem.text(lang), area.x + 16, area.top - 60, T.PROBLEM, batch, g1, 11,
                               width=area.w - 32))
            return batch, keep
        size = min(area.w - 32, area.h - 120)
        box = Rect(area.x + (area.w - size) / 2, area.top - 56 - size, size, size)
        keep.append(shapes.BorderedRectangle(box.x, box.y, box.w, box.h, border=1, color=(255, 255, 255),
                                             border_color=T.rgb(T.PANEL_EDGE), batch=batch, group=g0))
        if train.x.shape[1] == 2:
            self._points(train, test, box, batch, g1, keep)
            caption = msg("stage_points", train=len(train.x), test=len(test.x))
        else:
            self._digits(train, box, batch, g1, keep)
            caption = msg("stage_examples", count=len(train.x) + len(test.x), inputs=train.x.shape[1])
        keep.append(_label(caption.text(lang), area.x + 16, box.y - 24, T.MUTED, batch, g1, 11, width=area.w - 32))
        return batch, keep

    def _points(self, train, test, box: Rect, batch, group, keep) -> None:
        xs = np.vstack([train.x, test.x])
        lo, hi = xs.min(axis=0), xs.max(axis=0)
        span = np.where(hi - lo > 0, hi - lo, 1.0)
        pad = 12
        for data, hollow in ((train, False), (test, True)):
            n = min(len(data.x), MAX_POINTS)
            for (x1, x2), label in zip(data.x[:n], data.y[:n]):
                px = box.x + pad + (x1 - lo[0]) / span[0] * (box.w - 2 * pad)
                py = box.y + pad + (x2 - lo[1]) / span[1] * (box.h - 2 * pad)
                colour = _point_colour(data, label)
                keep.append(shapes.Circle(px, py, 4.5, color=T.rgb("#FFFFFF" if hollow else "#333344"),
                                          batch=batch, group=group))
                keep.append(shapes.Circle(px, py, 3.5, color=T.rgb(colour), batch=batch, group=group))

    def _digits(self, train, box: Rect, batch, group, keep) -> None:
        """The first example of each digit, as 8x8 grey squares."""
        cols, cell = 5, box.w / 5
        for d in range(min(10, len(train.classes or ()))):
            rows = np.flatnonzero(train.y == d)
            if not len(rows):
                continue
            image = train.x[rows[0]].reshape(8, 8)
            ox, oy = box.x + (d % cols) * cell + 6, box.top - (d // cols + 1) * cell + 6
            px = (cell - 12) / 8
            for r in range(8):
                for c in range(8):
                    v = int(255 - 255 * float(np.clip(image[r, c], 0, 1)))
                    if v < 250:
                        keep.append(shapes.Rectangle(ox + c * px, oy + (7 - r) * px, px, px, color=(v, v, v),
                                                     batch=batch, group=group))


def _choice_key(choice) -> tuple:
    return tuple(str(v) for v in dataclasses.astuple(choice))


def _point_colour(data, label) -> str:
    if data.task == "regress":
        v = float(np.clip(label if np.ndim(label) == 0 else label[0], -1, 1))
        return "#F28E2B" if v < 0 else "#4E79A7"
    return T.CLASS_COLOURS[int(label) % len(T.CLASS_COLOURS)]


def _label(text, x, y, colour, batch, group, size, width=None):
    return pyglet.text.Label(text, font_name=FONT_NAME, font_size=size, x=x, y=y, anchor_y="center",
                             color=T.rgb(colour) + (255,), batch=batch, group=group, width=width,
                             multiline=width is not None)
