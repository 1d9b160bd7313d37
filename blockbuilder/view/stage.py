"""The stage's pictures: which pieces make the stage, and its controls, texts and look-inside panel.

The stage is drawn in pieces, each in its own batch, each with a key: the numbers and texts it shows.
A redraw (at most LIVE_HZ times a second while training, see lab/stage.py) remakes only the pieces whose key
changed: while the digits train, the status line and the weight lines every time, the charts once an
epoch, the guesses and the confusion matrix when an answer changes, the buttons, node boxes and test
pictures not at all. A remade piece keeps its batch and reuses its labels (pieces.py). Pictures that change
with every step (the answer's map, each neuron's map) are drawn into the textures their sprites already
have. Many lines or discs go into one vertex list and the confusion matrix is one picture (draw.py). The
data plot and the diagram are in stage_maps.py, the charts and the digits views in stage_charts.py.
"""
from __future__ import annotations

import time
from dataclasses import replace

import pyglet
from pyglet import shapes
from pyglet.graphics import Batch, Group

from ..editor.layout import wrap_text
from ..editor.screen import Rect
from ..lab import maps
from ..lab.data_tools import summary_lines
from ..lab.readout import own_points
from ..lab.stage import StageControl
from ..lab.stage_layout import data_kind
from . import draw, theme as T
from .layers import Changed, pixel_boxes
from .pieces import BACK, Painter, Part, Piece, clear
from .stage_charts import chart_parts, confusion_parts, guesses_parts, pad_parts, tries_parts
from .stage_learn import learn_parts
from .stage_maps import diagram_parts, own_points_part, plot_parts, points_part


AREA_MARGIN = 4   # window units round a piece's area that a change redraws too (a label's or a line's soft edge)


class StageView:
    def __init__(self):
        self._pieces: dict[str, Piece] = {}
        self._serial: int | None = None   # the last layer built, which the next one says it differs from
        self._area = None                 # where the stage was when last built

    def build(self, ctl: StageControl, ratio: float | None = None, deadline=None):
        """(drawable, kept objects) for the window's stage layer: each piece whose key changed is drawn
        again (reusing its batch and labels), the others keep their batches and get their pictures redrawn.
        With the window's pixel ratio, the layer also says where it changed: the areas of the pieces remade,
        redrawn, gone or new (the kept picture then draws only there; while training, mostly the map).
        deadline: the window's frame deadline (a callable giving a perf_counter time, or None); once it has
        passed, a piece that changed keeps its old look and the layer is `pending`: its advance() in the next
        frames remakes the rest (a language switch changes every label of the stage: 10-20 ms at once)."""
        layer, keep = Changed([], None, None), []
        layer.again = lambda first: self._fill(layer, keep, ctl, ratio, deadline, first)
        self._fill(layer, keep, ctl, ratio, deadline, True)
        return layer, keep

    def _fill(self, layer: Changed, keep: list, ctl: StageControl, ratio, deadline, first: bool) -> bool:
        """The layer (and the list of kept objects) as the pieces are now, remaking those that changed while the
        deadline allows (one at least if `first`: nothing else was built in this frame); False if it had no time."""
        end = deadline() if deadline is not None else None
        if not first and end is not None and time.perf_counter() >= end:
            return False
        lay = ctl.layout()
        if lay.area != self._area:   # the stage moved or grew: no old piece may stand in (it would draw outside)
            end, self._area = None, lay.area
        pieces, changed, waiting = {}, [], False   # changed: the areas (Rect, or None: anywhere) drawn differently
        for part in self._parts(ctl, lay):
            piece = self._pieces.get(part.name)
            if piece is None or piece.key != part.key:
                if piece is not None and end is not None and not first and time.perf_counter() >= end:
                    waiting = True   # drawn as it was until a later frame
                    pieces[part.name] = piece
                    continue
                first = False
                changed += [part.area] if piece is None or piece.area == part.area else [part.area, piece.area]
                painter = Painter(Batch(), []) if piece is None else clear(piece)
                made = part.make(painter)
                painter.finish()
                piece = Piece(part.key, painter.batch, made, part.layer, painter.made, part.area)
            elif part.pictures is not None:
                changed.append(part.area)
                for sprite, rgba in zip([k for k in piece.keep if isinstance(k, pyglet.sprite.Sprite)], part.pictures):
                    draw.redraw(sprite, rgba)
            pieces[part.name] = piece
        changed += [piece.area for name, piece in self._pieces.items() if name not in pieces]
        layers = sorted(pieces.values(), key=lambda p: p.layer)   # stable: the parts' order within a layer
        same_order = [n for n in sorted(self._pieces, key=lambda n: self._pieces[n].layer) if n in pieces] == \
            [n for n in sorted(pieces, key=lambda n: pieces[n].layer) if n in self._pieces]
        boxes = None if ratio is None or None in changed or not same_order else \
            pixel_boxes(changed, ratio, AREA_MARGIN)
        self._pieces = pieces
        layer.show([p.batch for p in layers], self._serial, boxes, waiting)
        self._serial = layer.serial
        keep[:] = [k for p in layers for k in p.keep]
        return True

    def _parts(self, ctl: StageControl, lay) -> list[Part]:
        """Every piece of the stage; `build` draws them layer by layer, in this order within a layer."""
        parts = [self._controls(lay), self._text("status", lay.texts["status"], T.INK)]
        panels = lay.panels
        own = own_points(ctl.lab)
        if "plot" in panels and own is not None:
            parts.append(own_points_part(ctl, panels["plot"], *own))
        elif "plot" in panels and ctl.lab.train_set is not None and data_kind(ctl.lab) == "points":
            parts.append(points_part(ctl, panels["plot"]))
        if "legend" in lay.texts:
            parts.append(self._text("legend", lay.texts["legend"], T.INK))
        if "summary" in panels:
            parts.append(self._summary(ctl, panels["summary"]))
        if ctl.lab.network is not None:
            if "plot" in panels:
                parts += plot_parts(ctl, panels["plot"])
            if "diagram" in panels:
                parts += diagram_parts(ctl, panels["diagram"])
            if "info" in panels:
                parts.append(self._info(lay))
            for metric in ("loss", "accuracy"):
                if metric in panels:
                    parts += chart_parts(ctl, metric, panels[metric])
            if "tries" in panels:
                parts += tries_parts(ctl, panels["tries"], lay.tries)
            if "guesses" in panels:
                parts += guesses_parts(ctl, panels["guesses"])
            if "confusion" in panels:
                parts += confusion_parts(ctl, panels["confusion"])
            if "pad" in panels:
                parts += pad_parts(ctl, panels["pad"])
        parts += learn_parts(ctl, lay)
        return parts + self._message(ctl, lay.texts.get("message"))

    def _controls(self, lay) -> Part:
        """The buttons, the tabs and the views' white panels."""
        buttons, panels, tools = lay.buttons + lay.tabs, list(lay.panels.values()), lay.tools

        def make(paint):   # the shapes (40 pyglet shapes took 2-3 ms) in one vertex list
            keep, sketch = [], draw.Sketch(paint.batch)
            for b in tools:
                keep += _tool(paint, sketch, b)
            for b in buttons:
                is_tab = b.id.startswith("tab:")
                play = b.id == "lab_toggle"
                primary = (play and not b.toggled) or b.id == "export"
                colour = (T.PRIMARY if primary else T.TOOLBAR_BUTTON) if b.enabled else "#B8C4D6"
                if is_tab:
                    colour = T.TOOLBAR_BUTTON if b.toggled else "#E9EEF7"
                sketch.rounded_rectangle(b.rect.x, b.rect.y, b.rect.w, b.rect.h, 8, T.rgb(colour), Group(1))
                ink = T.INK if is_tab and not b.toggled else "#FFFFFF"
                keep.append(paint.label(b.text, b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2, ink, Group(2), 12,
                                        anchor_x="center"))
            for rect in panels:
                keep.append(shapes.BorderedRectangle(rect.x, rect.y, rect.w, rect.h, border=1, color=(255, 255, 255),
                                                     border_color=T.rgb(T.PANEL_EDGE), batch=paint.batch,
                                                     group=Group(0)))
            return keep + sketch.finish()
        return Part("controls", (tuple(buttons), tuple(panels), tuple(tools)), make, layer=BACK)

    def _text(self, name: str, box, colour: str) -> Part:
        """Lines the layout wrapped to fit their box (stage_layout.TextBox), the first `muted` ones grey."""
        def make(paint):
            return [paint.label(line, round(box.rect.x), box.baseline(i), T.MUTED if i < box.muted else colour,
                                Group(6), box.size) for i, line in enumerate(box.lines)]
        return Part(name, box, make, area=box.rect)

    def _summary(self, ctl, box: Rect) -> Part:
        """A table the stage cannot draw (more than two inputs), in words: rows, inputs, answers."""
        measure = ctl.c.editor.measure
        lines = tuple(row for line in summary_lines(ctl.lab, ctl.lang) for row in wrap_text(line, measure, box.w - 20, 10))

        def make(paint):
            return [paint.label(line, box.x + 10, box.top - 14 - 18 * i, T.INK, Group(6), 10)
                    for i, line in enumerate(lines) if box.top - 14 - 18 * i > box.y + 8]
        return Part("summary", (box, lines), make, area=box)

    def _message(self, ctl, box) -> list[Part]:
        """The sentence under the status: a hint in grey, or a problem or longer sentence in a framed box the
        layout made room for, so it covers nothing."""
        lab = ctl.lab
        if box is None:
            return []
        problem = lab.status in ("blocked", "diverged") or lab.advice is not None   # the coach's advice too
        colour = T.PROBLEM if problem else T.MUTED
        framed = box.framed
        inner = replace(box, rect=Rect(box.rect.x + 8, box.rect.y, box.rect.w - 16, box.rect.h)) if framed else box

        def make(paint):
            keep = []
            if framed:
                r = box.rect
                keep.append(shapes.BorderedRectangle(r.x, r.y, r.w, r.h, border=2, color=T.rgb("#FFF7E0"),
                                                     border_color=T.rgb(colour), batch=paint.batch, group=Group(5)))
            for i, line in enumerate(inner.lines):
                keep.append(paint.label(line, round(inner.rect.x), inner.baseline(i) - (5 if framed else 0),
                                        T.INK if framed else colour, Group(6), inner.size))
            return keep
        return [Part("message", (box, colour), make, area=box.rect)]

    def _info(self, lay) -> Part:
        """The look-inside panel's lines and its buttons, where the layout put them."""
        text, buttons = lay.texts["info"], lay.info_buttons

        def make(paint):
            keep = [paint.label(line, round(text.rect.x), text.baseline(i), T.MUTED if i < text.muted else T.INK,
                                Group(6), text.size) for i, line in enumerate(text.lines)]
            for b in buttons:
                keep.append(shapes.RoundedRectangle(b.rect.x, b.rect.y, b.rect.w, b.rect.h, radius=6,
                                                    color=T.rgb(T.TOOLBAR_BUTTON if b.enabled else "#B8C4D6"),
                                                    batch=paint.batch, group=Group(6)))
                keep.append(paint.label(b.text, b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2, "#FFFFFF",
                                        Group(7), 11, anchor_x="center"))
            return keep
        return Part("info", (text, tuple(buttons)), make, area=around([text.rect] + [b.rect for b in buttons]))


def around(rects: list[Rect], margin: float = 0.0) -> Rect:
    """The rectangle that holds all of them, `margin` more all round."""
    x0, y0 = min(r.x for r in rects) - margin, min(r.y for r in rects) - margin
    x1, y1 = max(r.x + r.w for r in rects) + margin, max(r.top for r in rects) + margin
    return Rect(x0, y0, x1 - x0, y1 - y0)


def _tool(paint, sketch, b) -> list:
    """A data tool: a class (a colour dot, the chosen one dark), a switch (dark while on), or an action."""
    cls = b.id.startswith("class:")
    on = b.toggled
    fill = T.TOOLBAR_BUTTON if on or not (cls or b.id == "test_toggle") else "#E9EEF7"
    sketch.rounded_rectangle(b.rect.x, b.rect.y, b.rect.w, b.rect.h, 6, T.rgb(fill), Group(1))
    keep = []
    ink = "#FFFFFF" if fill == T.TOOLBAR_BUTTON else T.INK
    text = b.text
    if cls:   # the "●" of the text, in the class's own colour
        colour = maps.CLASS_COLOURS[int(b.id.split(":")[1]) % len(maps.CLASS_COLOURS)]
        text = text.replace("●", "").strip()
        keep.append(shapes.Circle(b.rect.x + 14, b.rect.y + b.rect.h / 2, 7, color=colour, batch=paint.batch,
                                  group=Group(2)))
        keep.append(paint.label(text, b.rect.x + 26, b.rect.y + b.rect.h / 2, ink, Group(2), 11))
    else:
        keep.append(paint.label(text, b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2, ink, Group(2), 11,
                                anchor_x="center"))
    return keep
