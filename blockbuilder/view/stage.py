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

import pyglet
from pyglet import shapes
from pyglet.graphics import Batch, Group

from ..editor.layout import wrap_text
from ..editor.screen import Rect
from ..lab import maps
from ..lab.data_tools import summary_lines
from ..lab.readout import legend_text, message, own_points, status_line
from ..lab.stage import StageControl
from ..lab.stage_layout import data_kind, info_buttons
from . import draw, theme as T
from .fonts import FONT_NAME
from .layers import Batches
from .measure import clip_text
from .pieces import BACK, SENTENCE, Painter, Part, Piece, clear
from .stage_charts import chart_parts, confusion_parts, guesses_parts, pad_parts
from .stage_maps import diagram_parts, own_points_part, plot_parts, points_part


class StageView:
    def __init__(self):
        self._pieces: dict[str, Piece] = {}

    def build(self, ctl: StageControl):
        """(drawable, kept objects) for the window's stage layer: each piece whose key changed is drawn
        again (reusing its batch and labels), the others keep their batches and get their pictures redrawn."""
        pieces = {}
        for part in self._parts(ctl, ctl.layout()):
            piece = self._pieces.get(part.name)
            if piece is None or piece.key != part.key:
                painter = Painter(Batch(), []) if piece is None else clear(piece)
                keep = part.make(painter)
                painter.finish()
                piece = Piece(part.key, painter.batch, keep, part.layer, painter.made)
            elif part.pictures is not None:
                for sprite, rgba in zip([k for k in piece.keep if isinstance(k, pyglet.sprite.Sprite)], part.pictures):
                    draw.redraw(sprite, rgba)
            pieces[part.name] = piece
        self._pieces = pieces
        layers = sorted(pieces.values(), key=lambda p: p.layer)   # stable: the parts' order within a layer
        return Batches([p.batch for p in layers]), [k for p in layers for k in p.keep]

    def _parts(self, ctl: StageControl, lay) -> list[Part]:
        """Every piece of the stage; `build` draws them layer by layer, in this order within a layer."""
        parts = [self._controls(lay), self._status(ctl, lay.status)]
        panels = lay.panels
        own = own_points(ctl.lab)
        if "plot" in panels and own is not None:
            parts.append(own_points_part(ctl, panels["plot"], *own))
        elif "plot" in panels and ctl.lab.train_set is not None and data_kind(ctl.lab) == "points":
            parts.append(points_part(ctl, panels["plot"]))
        if "legend" in panels:
            parts.append(self._legend(ctl, panels["legend"]))
        if "summary" in panels:
            parts.append(self._summary(ctl, panels["summary"]))
        if ctl.lab.network is not None:
            if "plot" in panels:
                parts += plot_parts(ctl, panels["plot"])
            if "diagram" in panels:
                parts += diagram_parts(ctl, panels["diagram"])
            if "info" in panels:
                parts.append(self._info(ctl, panels["info"]))
            for metric in ("loss", "accuracy"):
                if metric in panels:
                    parts += chart_parts(ctl, metric, panels[metric])
            if "guesses" in panels:
                parts += guesses_parts(ctl, panels["guesses"])
            if "confusion" in panels:
                parts += confusion_parts(ctl, panels["confusion"])
            if "pad" in panels:
                parts += pad_parts(ctl, panels["pad"])
        return parts + self._message(ctl, lay.status)

    def _controls(self, lay) -> Part:
        """The buttons, the tabs and the views' white panels."""
        buttons, panels, tools = lay.buttons + lay.tabs, list(lay.panels.values()), lay.tools

        def make(paint):
            keep = []
            for b in tools:
                keep += _tool(paint, b)
            for b in buttons:
                is_tab = b.id.startswith("tab:")
                play = b.id == "lab_toggle"
                primary = (play and not b.toggled) or b.id == "export"
                colour = (T.PRIMARY if primary else T.TOOLBAR_BUTTON) if b.enabled else "#B8C4D6"
                if is_tab:
                    colour = T.TOOLBAR_BUTTON if b.toggled else "#E9EEF7"
                keep.append(shapes.RoundedRectangle(b.rect.x, b.rect.y, b.rect.w, b.rect.h, radius=8,
                                                    color=T.rgb(colour), batch=paint.batch, group=Group(1)))
                ink = T.INK if is_tab and not b.toggled else "#FFFFFF"
                keep.append(paint.label(b.text, b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2, ink, Group(2), 12,
                                        anchor_x="center"))
            for rect in panels:
                keep.append(shapes.BorderedRectangle(rect.x, rect.y, rect.w, rect.h, border=1, color=(255, 255, 255),
                                                     border_color=T.rgb(T.PANEL_EDGE), batch=paint.batch,
                                                     group=Group(0)))
            return keep
        return Part("controls", (tuple(buttons), tuple(panels), tuple(tools)), make, layer=BACK)

    def _legend(self, ctl, box: Rect) -> Part:
        lines = tuple(wrap_text(legend_text(ctl.lab, ctl.lang), ctl.c.editor.measure, box.w - 12, 9)[:3])

        def make(paint):
            return [paint.label(line, box.x + 6, box.top - 9 - 15 * i, T.INK, Group(6), 9) for i, line in enumerate(lines)]
        return Part("legend", (box, lines), make)

    def _summary(self, ctl, box: Rect) -> Part:
        """A table the stage cannot draw (more than two inputs), in words: rows, inputs, answers."""
        measure = ctl.c.editor.measure
        lines = tuple(row for line in summary_lines(ctl.lab, ctl.lang) for row in wrap_text(line, measure, box.w - 20, 10))

        def make(paint):
            return [paint.label(line, box.x + 10, box.top - 14 - 18 * i, T.INK, Group(6), 10)
                    for i, line in enumerate(lines) if box.top - 14 - 18 * i > box.y + 8]
        return Part("summary", (box, lines), make)

    def _status(self, ctl, s: Rect) -> Part:
        line = clip_text(status_line(ctl.lab, ctl.lang), ctl.c.editor.measure, s.w, 11)
        return Part("status", (s, line), lambda paint: [paint.label(line, s.x, s.y + s.h - 8, T.INK, Group(6), 11)])

    def _message(self, ctl, s: Rect) -> list[Part]:
        lab = ctl.lab
        said = message(lab)
        if said is None:
            return []
        colour = T.PROBLEM if lab.status in ("blocked", "diverged") else T.MUTED
        text = wrapped(said.text(ctl.lang), ctl.c.editor.measure, s.w - 16, 10)
        lines = text.count("\n") + 1

        def make(paint):
            if lines == 1:
                return [paint.label(text, s.x, s.y + 4, colour, Group(6), 10)]
            # a longer sentence (a stop reason, a problem) goes in a box over the views' top, as tall as its lines
            words = pyglet.text.Label(text, font_name=FONT_NAME, font_size=10, x=s.x + 4, y=s.y + 6, anchor_y="top",
                                      width=s.w - 8, multiline=True, color=T.rgb(T.INK) + (255,), batch=paint.batch,
                                      group=Group(21))
            h = words.content_height + 14
            return [shapes.BorderedRectangle(s.x - 4, s.y + 14 - h, s.w + 8, h, border=2, color=T.rgb("#FFF7E0"),
                                             border_color=T.rgb(colour), batch=paint.batch, group=Group(20)), words]
        return [Part("message", (s, text, colour), make, layer=SENTENCE)]

    def _info(self, ctl, box: Rect) -> Part:
        measure = ctl.c.editor.measure
        lines = ctl.info_lines()
        buttons = info_buttons(box, ctl.state, ctl.lang, measure, ctl.lab)

        floor = max((b.rect.top for b in buttons), default=box.y) + 6   # the texts stop above the buttons

        def make(paint):
            keep, rows, y = [], lines, box.top - 16
            if len(rows) == 1:   # a hint: wrapped (here, where Japanese may break), not cut
                for i, line in enumerate(wrap_text(rows[0], measure, box.w - 24, 10)):
                    keep.append(paint.label(line, box.x + 10, y - 16 * i, T.MUTED, Group(6), 10))
                rows = []
            for i, line in enumerate(rows):
                keep.append(paint.label(clip_text(line, measure, box.w - 20, 10), box.x + 10, y,
                                        T.INK if i else T.MUTED, Group(6), 10))
                y -= 16
                if y < floor + 8:
                    break
            for b in buttons:
                keep.append(shapes.RoundedRectangle(b.rect.x, b.rect.y, b.rect.w, b.rect.h, radius=6,
                                                    color=T.rgb(T.TOOLBAR_BUTTON if b.enabled else "#B8C4D6"),
                                                    batch=paint.batch, group=Group(6)))
                keep.append(paint.label(b.text, b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2, "#FFFFFF",
                                        Group(7), 11, anchor_x="center"))
            return keep
        return Part("info", (box, tuple(lines), tuple(buttons)), make)


def wrapped(text: str, measure, width: float, size: float) -> str:
    """Text broken into lines that fit `width` (Japanese between characters), for a multiline label."""
    return "\n".join(wrap_text(text, measure, width, size))


def _tool(paint, b) -> list:
    """A data tool: a class (a colour dot, the chosen one dark), a switch (dark while on), or an action."""
    cls = b.id.startswith("class:")
    on = b.toggled
    fill = T.TOOLBAR_BUTTON if on or not (cls or b.id == "test_toggle") else "#E9EEF7"
    keep = [shapes.RoundedRectangle(b.rect.x, b.rect.y, b.rect.w, b.rect.h, radius=6, color=T.rgb(fill),
                                    batch=paint.batch, group=Group(1))]
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
