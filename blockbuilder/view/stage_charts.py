"""The stage's charts, digits views and confusion matrix as pieces: axes and lines (the last tries' lines thinner
and faded, in their own colours, under the current one's), the legend of tries, guesses, shaded cells, pad.

The numbers come from the lab (lab/charts.py, lab/digits.py through the stage's control); a chart's axes are
remade only when they grow, its lines every epoch, the test pictures never while training.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np
from pyglet import shapes
from pyglet.graphics import Group

from ..editor.layout import wrap_text
from ..editor.screen import Rect
from ..lab import maps
from ..lab.charts import TRIES, chart, try_places
from ..lab.stage_layout import data_kind
from . import draw, theme as T
from .pieces import UNDER, Part
from .texts import msg


TRY_COLOURS = ((8, 119, 189), (46, 160, 67), (148, 82, 186))   # the old tries' lines: blue, green, purple
TRY_FADE = 0.4                 # their lines are mixed this much toward the white of the chart
CURRENT = {"train": (50, 50, 60), "test": maps.NEGATIVE}


def series_colour(key: str) -> tuple[int, int, int]:
    """The colour of a chart's line: the current try's train and test lines, an old try's faded line."""
    if key.startswith("run"):
        return tuple(round(v + (255 - v) * TRY_FADE) for v in TRY_COLOURS[int(key[3:]) % len(TRY_COLOURS)])
    return CURRENT.get(key, (0, 0, 0))


def chart_parts(ctl, metric: str, box: Rect) -> list[Part]:
    """The axes, ticks and titles (rebuilt when the axis grows) and the lines (every new epoch)."""
    ch = chart(ctl.lab.history, metric, (box.x, box.y, box.w, box.h), ctl.lang, ctl.c.editor.measure,
               ctl.lab.runs)
    px, py, pw, ph = ch.plot
    colours = {key: series_colour(key) for key in ch.series}
    measure = ctl.c.editor.measure

    def make_axes(paint):            # every text on a whole pixel: at half a pixel "ー" and "-" lose their strokes
        top = Group(6)
        keep = [shapes.Line(px, py, px + pw, py, thickness=1, color=T.rgb(T.MUTED), batch=paint.batch, group=top),
                shapes.Line(px, py, px, py + ph, thickness=1, color=T.rgb(T.MUTED), batch=paint.batch, group=top)]
        for x, text in ch.x_ticks:
            keep.append(paint.label(text, x, round(py - 9), T.MUTED, top, 8, anchor_x="center"))
        for y, text in ch.y_ticks:
            keep.append(paint.label(text, px - 4, round(y), T.MUTED, top, 8, anchor_x="right"))
        keep.append(paint.label(ch.y_title, ch.y_title_at[0], round(ch.y_title_at[1]), T.INK, top, 9))
        keep.append(paint.label(ch.x_title, ch.x_title_at[0], round(ch.x_title_at[1]), T.MUTED, top, 8,
                                anchor_x="right"))
        for (key, text), (lx, ly) in zip(ch.legend, ch.legend_at):   # beside the y title, or under it
            keep.append(shapes.Line(lx, ly, lx + 14, ly, thickness=3, color=colours.get(key, (0, 0, 0)),
                                    batch=paint.batch, group=top))
            keep.append(paint.label(text, lx + 17, round(ly), T.INK, top, 8))
        for i, line in enumerate(wrap_text(ch.note, measure, pw - 12, 8) if ch.note else []):
            keep.append(paint.label(line, px + 6, round(py + ph - 8 - 12 * i), T.MUTED, top, 8))
        return keep

    def make_lines(paint):
        keep = []
        lines = [(np.array(pts, float), colours[key], 1.5 if key.startswith("run") else 2)
                 for key, pts in ch.series.items()]          # the old tries first: the current one over them
        long = [(pts, c, t) for pts, c, t in lines if len(pts) >= 2]
        if long:
            keep.append(draw.triangles(np.concatenate([draw.polyline(pts, t) for pts, _, t in long]), None,
                                       np.concatenate([draw.per_shape([c], 6 * (len(pts) - 1)) for pts, c, _ in long]),
                                       paint.batch, Group(6)))
        for pts, c, t in lines:
            if len(pts) == 1:
                keep.append(shapes.Circle(*pts[0], t + 1, color=c, batch=paint.batch, group=Group(6)))
        return keep
    return [Part(metric + ":axes", (box, dataclasses.replace(ch, series={})), make_axes),
            Part(metric + ":lines", ch.series, make_lines)]


def tries_parts(ctl, box: Rect, rows) -> list[Part]:
    """The legend of tries: each try's line in its colour, its final accuracy, and what changed (the current try
    last, in ink; the old ones grey)."""
    places = try_places(rows, (box.x, box.y, box.w, box.h), ctl.c.editor.measure)

    def make(paint):
        keep = []
        for row, (y, value_x, label_x, ys) in zip(rows, places):
            old = row.key.startswith("run")
            keep.append(shapes.Line(box.x + 6, y, box.x + 20, y, thickness=2 if old else 3,
                                    color=series_colour(row.key), batch=paint.batch, group=Group(6)))
            if row.value:
                keep.append(paint.label(row.value, value_x, y, T.INK, Group(6), TRIES[0], anchor_x="right"))
            keep += [paint.label(line, label_x, ly, T.MUTED if old else T.INK, Group(6), TRIES[0])
                     for line, ly in zip(row.lines, ys)]
        return keep
    return [Part("tries", (box, tuple(rows)), make)]


def guesses_parts(ctl, box: Rect) -> list[Part]:
    """The test pictures (they never change while training) and the guesses under them (when one changes)."""
    shown = ctl.digit_guesses()
    if not shown:
        return []
    cols = 8
    title = tuple(wrap_text(msg("stage_guesses").text(ctl.lang), ctl.c.editor.measure, box.w - 12, 9))
    head = 10 + 13 * len(title)
    cell = min((box.w - 12) / cols, (box.h - head - 2) / ((len(shown) + cols - 1) // cols))
    places = [(box.x + 6 + (k % cols) * cell, box.top - head - (k // cols + 1) * cell) for k in range(len(shown))]
    images = np.stack([g.image for g in shown])

    def make_pictures(paint):
        return _title(paint, title, box) + [
            draw.image(_grey(image), Rect(x + 2, y + 2, cell - 16, cell - 16), paint.batch, Group(6))
            for image, (x, y) in zip(images, places)]

    def make_marks(paint):
        keep = []
        for g, (x, y) in zip(shown, places):
            keep.append(paint.label(str(g.guess), x + cell - 8, y + cell / 2, T.INK if g.right else T.PROBLEM,
                                    Group(7), 10, anchor_x="center"))
            if not g.right:
                keep.append(shapes.Box(x + 1, y + 1, cell - 2, cell - 2, thickness=2, color=T.rgb(T.PROBLEM),
                                       batch=paint.batch, group=Group(7)))
        return keep
    return [Part("guess_pictures", (box, title, images.tobytes()), make_pictures),
            Part("guess_marks", (box, tuple((g.guess, g.right) for g in shown)), make_marks)]


def confusion_parts(ctl, box: Rect) -> list[Part]:
    """The title and row numbers, and the shaded cells as one picture (rebuilt when a shade changes)."""
    cells = ctl.confusion()
    if cells is None:
        return []
    n = len(cells)
    title = tuple(wrap_text(msg("stage_confusion" if data_kind(ctl.lab) == "digits" else "stage_confusion_classes")
                            .text(ctl.lang), ctl.c.editor.measure, box.w - 12, 9))
    head = 10 + 13 * len(title)
    side = max(1.0, min(box.w - 24, box.h - head - 8) / n)
    ox, oy = box.x + 18, box.top - head - side * n

    def make_frame(paint):
        return _title(paint, title, box) + [
            paint.label(str(r), ox - 8, oy + (n - r - 0.5) * side, T.MUTED, Group(6), 7, anchor_x="center")
            for r in range(0, n, math.ceil(10 / side))]     # every row that has room for its number
    shade = (242 - 187 * np.asarray(cells, float)).astype(np.uint8)   # a share of 0..1 -> 242..55: empty cells show

    def make_cells(paint):
        x, y, rgba = draw.cells_picture(_confusion_colours(shade), ox, oy, side)
        h, w = rgba.shape[:2]
        return [draw.image(rgba, Rect(x, y, w, h), paint.batch, Group(6))] if w and h else []
    return [Part("confusion_frame", (box, title, n), make_frame),
            Part("confusion_cells", (box, shade.tobytes()), make_cells)]


def pad_parts(ctl, box: Rect) -> list[Part]:
    """What the child drew (when they draw) and the network's guess (when it changes)."""
    pad = ctl.pad()
    cells = pad.cells.copy()
    guess = ctl.pad_guess()
    lang = ctl.lang
    text = msg("stage_pad_hint").text(lang) if guess is None else msg("stage_pad_guess", digit=guess).text(lang)
    room = ctl.c.regions.stage.x + ctl.c.regions.stage.w - box.x - 8    # under the pad, up to the stage's edge
    lines = tuple(wrap_text(text, ctl.c.editor.measure, room, 10)[:2])    # the layout left two lines' room

    def make_picture(paint):
        return [draw.image(_grey(cells), box, paint.batch, Group(5)),
                shapes.Box(box.x - 2, box.y - 2, box.w + 4, box.h + 4, thickness=3, color=T.rgb(T.SELECT),
                           batch=paint.batch, group=Group(6))]
    return [Part("pad_picture", (box, cells.tobytes()), make_picture, layer=UNDER),
            Part("pad_guess", (box, lines),
                 lambda paint: [paint.label(line, box.x + 4, box.y - 12 - 14 * i, T.INK, Group(6), 10)
                                for i, line in enumerate(lines)])]


def _title(paint, lines: tuple, box: Rect) -> list:
    """A view's title at its top left, in the lines wrap_text made of it."""
    return [paint.label(line, box.x + 6, box.top - 10 - 13 * i, T.INK, Group(6), 9) for i, line in enumerate(lines)]


def _grey(image: np.ndarray) -> np.ndarray:
    """(8, 8) ink 0..1, row 0 at the top -> RGBA rows bottom-up, dark ink on white."""
    v = (255 - 255 * np.clip(image, 0, 1))[::-1].astype(np.uint8)
    return np.dstack([v, v, v, np.full_like(v, 255)])


def _confusion_colours(shade: np.ndarray) -> np.ndarray:
    """(n, n) shades -> (n, n, 3) colours: blue on the diagonal (right answers), red off it."""
    n = len(shade)
    rgb = np.stack([shade, shade, np.full_like(shade, 255)], axis=-1)
    wrong = ~np.eye(n, dtype=bool)
    rgb[wrong] = np.stack([np.full_like(shade, 255), shade, shade], axis=-1)[wrong]
    return rgb
