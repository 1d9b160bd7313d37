"""The stage: training controls, the data with the decision boundary, the network diagram with each
neuron's picture, look-inside, charts and the digits views — drawn from stage.py's layout.

The stage is drawn in pieces, each in its own batch, each with a key: the numbers and texts it shows.
A redraw (at most LIVE_HZ times a second while training, see stage.py) remakes only the pieces whose key
changed: while the digits train, the status line and the weight lines every time, the charts once an
epoch, the guesses and the confusion matrix when an answer changes, the buttons, node boxes and test
pictures not at all. A remade piece keeps its batch and reuses its labels. Pictures that change with
every step (the answer's map, each neuron's map) are drawn into the textures their sprites already
have. Many lines or discs go into one vertex list and the confusion matrix is one picture, because each
pyglet shape or label costs a vertex list and Python objects (about 0.05 ms a line, 0.2 ms a label).
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pyglet
from pyglet import shapes
from pyglet.gl import GL_BLEND, GL_ONE_MINUS_SRC_ALPHA, GL_SRC_ALPHA, GL_TRIANGLES, glBlendFunc, glDisable, glEnable
from pyglet.graphics import Batch, Group

from ..editor.layout import wrap_text as _wrap_lines
from ..editor.screen import Rect
from ..lab import insight, maps
from ..lab.data_tools import summary_lines
from ..lab.stage import (StageControl, data_kind, info_buttons, legend_text, message, own_points, plot_frame,
                         status_line, value_range)
from . import theme as T
from .fonts import FONT_NAME
from .measure import clip_text
from .texts import msg

MAX_POINTS = 600
HEAT_N = 64
NEURON_N = 24
EDGE_ALPHA = 200          # weight lines are a little see-through, so crossings stay readable
# The pieces' layers, bottom up: buttons and panels, the answer's map, the data points, the lines and
# pictures under the views' texts (so a text that runs past its panel stays over the panel next to it),
# the views, and the sentence box over the views' top.
BACK, MAP, POINTS, UNDER, VIEWS, SENTENCE = range(6)


@dataclass
class _Part:
    """One piece of the stage as this redraw would draw it."""

    name: str
    key: object                          # everything its shapes and texts show: a change rebuilds it
    make: Callable[[_Painter], list]     # draws it; returns the objects to keep
    pictures: list | None = None         # RGBA arrays its sprites show (in the order made), redrawn in place
    layer: int = VIEWS                   # what it is drawn over; in one layer, the order of the parts


@dataclass
class _Piece:
    key: object
    batch: Batch
    keep: list
    layer: int
    labels: list            # (style, label) of the labels in keep, to reuse at the next rebuild


class _Painter:
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
            label = _label(text, x, y, colour, self.batch, group, size, width, anchor_x)
        self.made.append((style, label))
        return label

    def finish(self) -> None:
        """Remove the old labels that were not wanted again."""
        for spare in self._spare.values():
            for label in spare:
                label.delete()


class StageView:
    def __init__(self):
        self._pieces: dict[str, _Piece] = {}

    def build(self, ctl: StageControl):
        """(drawable, kept objects) for the window's stage layer: each piece whose key changed is drawn
        again (reusing its batch and labels), the others keep their batches and get their pictures redrawn."""
        pieces = {}
        for part in self._parts(ctl, ctl.layout()):
            piece = self._pieces.get(part.name)
            if piece is None or piece.key != part.key:
                painter = _Painter(Batch(), []) if piece is None else _clear(piece)
                keep = part.make(painter)
                painter.finish()
                piece = _Piece(part.key, painter.batch, keep, part.layer, painter.made)
            elif part.pictures is not None:
                for sprite, rgba in zip([k for k in piece.keep if isinstance(k, pyglet.sprite.Sprite)], part.pictures):
                    _redraw(sprite, rgba)
            pieces[part.name] = piece
        self._pieces = pieces
        layers = sorted(pieces.values(), key=lambda p: p.layer)   # stable: the parts' order within a layer
        return _Batches(*(p.batch for p in layers)), [k for p in layers for k in p.keep]

    def _parts(self, ctl: StageControl, lay) -> list[_Part]:
        """Every piece of the stage; `build` draws them layer by layer, in this order within a layer."""
        parts = [self._controls(lay), self._status(ctl, lay.status)]
        panels = lay.panels
        own = own_points(ctl.lab)
        if "plot" in panels and own is not None:
            parts.append(self._own_points(ctl, panels["plot"], *own))
        elif "plot" in panels and ctl.lab.train_set is not None and data_kind(ctl.lab) == "points":
            parts.append(self._points(ctl, panels["plot"]))
        if "legend" in panels:
            parts.append(self._legend(ctl, panels["legend"]))
        if "summary" in panels:
            parts.append(self._summary(ctl, panels["summary"]))
        if ctl.lab.network is not None:
            if "plot" in panels:
                parts += self._plot(ctl, panels["plot"])
            if "diagram" in panels:
                parts += self._diagram(ctl, panels["diagram"])
            if "info" in panels:
                parts.append(self._info(ctl, panels["info"]))
            for metric in ("loss", "accuracy"):
                if metric in panels:
                    parts += self._chart(ctl, metric, panels[metric])
            if "guesses" in panels:
                parts += self._guesses(ctl, panels["guesses"])
            if "confusion" in panels:
                parts += self._confusion(ctl, panels["confusion"])
            if "pad" in panels:
                parts += self._pad(ctl, panels["pad"])
        return parts + self._message(ctl, lay.status)

    def _controls(self, lay) -> _Part:
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
        return _Part("controls", (tuple(buttons), tuple(panels), tuple(tools)), make, layer=BACK)

    def _points(self, ctl, box: Rect) -> _Part:
        """Each point as a dark (or white, for test points) disc with its class colour inside, all in one list."""
        lab = ctl.lab
        sets = [(lab.train_set, False)]
        if ctl.state.show_test and lab.test_set is not None:
            sets.append((lab.test_set, True))
        discs = []
        for data, hollow in sets:
            n = min(len(data.x), MAX_POINTS)
            dark = (150, 150, 160) if data.task == "regress" else (40, 40, 52)   # numbers: the colour is the point
            discs.append((data.x[:n], (255, 255, 255) if hollow else dark, _point_colours(data, n, value_range(lab)),
                          (5.0, 3.2 if hollow else 3.8)))
        return _discs_part(plot_frame(lab), box, discs)

    def _own_points(self, ctl, box: Rect, xy: np.ndarray, classes: np.ndarray) -> _Part:
        """The points the child drew, read from the data hat: shown as they are added, even before they
        make data to learn from (one colour only)."""
        inside = np.array(maps.CLASS_COLOURS, np.uint8)[classes % len(maps.CLASS_COLOURS)]
        return _discs_part(plot_frame(ctl.lab), box, [(xy, (40, 40, 52), inside, (6.0, 4.6))])

    def _legend(self, ctl, box: Rect) -> _Part:
        lines = tuple(_wrap_lines(legend_text(ctl.lab, ctl.lang), ctl.c.editor.measure, box.w - 12, 9)[:3])

        def make(paint):
            return [paint.label(line, box.x + 6, box.top - 9 - 15 * i, T.INK, Group(6), 9) for i, line in enumerate(lines)]
        return _Part("legend", (box, lines), make)

    def _summary(self, ctl, box: Rect) -> _Part:
        """A table the stage cannot draw (more than two inputs), in words: rows, inputs, answers."""
        measure = ctl.c.editor.measure
        lines = tuple(row for line in summary_lines(ctl.lab, ctl.lang) for row in _wrap_lines(line, measure, box.w - 20, 10))

        def make(paint):
            return [paint.label(line, box.x + 10, box.top - 14 - 18 * i, T.INK, Group(6), 10)
                    for i, line in enumerate(lines) if box.top - 14 - 18 * i > box.y + 8]
        return _Part("summary", (box, lines), make)

    def _status(self, ctl, s: Rect) -> _Part:
        line = clip_text(status_line(ctl.lab, ctl.lang), ctl.c.editor.measure, s.w, 11)
        return _Part("status", (s, line), lambda paint: [paint.label(line, s.x, s.y + s.h - 8, T.INK, Group(6), 11)])

    def _message(self, ctl, s: Rect) -> list[_Part]:
        lab = ctl.lab
        said = message(lab)
        if said is None:
            return []
        colour = T.PROBLEM if lab.status in ("blocked", "diverged") else T.MUTED
        text = wrap_text(said.text(ctl.lang), ctl.c.editor.measure, s.w - 16, 10)
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
        return [_Part("message", (s, text, colour), make, layer=SENTENCE)]

    def _plot(self, ctl, box: Rect) -> list[_Part]:
        lab = ctl.lab
        kind = data_kind(lab)
        if kind == "points":
            frame = plot_frame(lab)
            heat = maps.output_heat(lab.network, frame, HEAT_N, value_range(lab))
            parts = [_Part("map", (box, heat.shape), lambda paint: [_image(heat, box, paint.batch, Group(0))], [heat],
                           MAP)]
            if ctl.state.point is not None:
                u, v = frame.to_unit(*ctl.state.point[:2])
                x, y = float(box.x + u * box.w), float(box.y + v * box.h)

                def make_pick(paint):
                    return [shapes.Arc(x, y, 9, thickness=3, color=T.rgb(T.SELECT), batch=paint.batch, group=Group(5))]
                parts.append(_Part("pick", (x, y), make_pick, layer=UNDER))
            return parts
        if kind != "curve":
            return []
        data = lab.train_set
        lo, hi = float(data.x.min()), float(data.x.max())
        xy = maps.curve(lab.network, lo, hi, 120)
        ys = np.concatenate([xy[:, 1], data.y[:, 0]])
        ylo, yhi = float(ys.min()), float(ys.max()) or 1.0
        span = (yhi - ylo) or 1.0

        def to(x, y):
            return np.column_stack([box.x + 8 + (x - lo) / ((hi - lo) or 1) * (box.w - 16),
                                    box.y + 8 + (y - ylo) / span * (box.h - 16)])
        dots, line = to(data.x[:MAX_POINTS, 0], data.y[:MAX_POINTS, 0]), to(xy[:, 0], xy[:, 1])

        def make(paint):
            grey = _per_shape([T.rgb(T.MUTED)] * len(dots), _DISC_VERTS)
            blue = _per_shape([maps.POSITIVE], 6 * (len(line) - 1))
            return [_triangles(*_discs(dots, np.full(len(dots), 3.5)), grey, paint.batch, Group(5)),
                    _triangles(_polyline(line, 3), None, blue, paint.batch, Group(5))]
        return [_Part("curve", (dots.tobytes(), line.tobytes()), make, layer=UNDER)]

    def _diagram(self, ctl, box: Rect) -> list[_Part]:
        """The weight lines (every redraw), the node boxes and names (when the picked neuron changes),
        the neurons' maps (drawn into their textures) and the enlarged map under the pointer."""
        state = ctl.state
        d = ctl.diagram(box)
        heats = ctl.neuron_pictures(NEURON_N)
        current = state.stepping.current() if state.stepping is not None else None

        def picture(node):
            if node.key[0] == "n" and heats is not None and heats[node.key[1]]:
                return heats[node.key[1]][node.key[2]]
            return None

        seg = np.array([(e.x0, e.y0, e.x1, e.y1, e.width) for e in d.edges], float).reshape(-1, 5)
        rgba = np.array([e.colour + (EDGE_ALPHA,) for e in d.edges], np.uint8).reshape(-1, 4)

        def make_edges(paint):
            if not len(seg):
                return []
            return [_triangles(_segments(seg), None, np.repeat(rgba, 6, axis=0), paint.batch, Group(5))]
        parts = [_Part("edges", (seg.tobytes(), rgba.tobytes()), make_edges, layer=UNDER)]
        nodes = [(n, n.key[0] == "n" and (n.key[1:] == state.neuron or n.key[1:] == current), picture(n) is not None)
                 for n in d.nodes]

        def make_nodes(paint):
            keep = []
            for node, picked, pictured in nodes:
                keep.append(shapes.BorderedRectangle(node.x - node.r - 2, node.y - node.r - 2, 2 * node.r + 4,
                                                     2 * node.r + 4, border=3 if picked else 1, color=(255, 255, 255),
                                                     border_color=T.rgb(T.SELECT if picked else "#9AA0B4"),
                                                     batch=paint.batch, group=Group(6)))
                if not pictured and node.label:
                    keep.append(paint.label(node.label, node.x, node.y, T.INK, Group(7), 9, anchor_x="center"))
            for x, y, text in d.more:
                keep.append(paint.label(text, x, y, T.MUTED, Group(6), 9, anchor_x="center"))
            return keep
        parts.append(_Part("nodes", (tuple((n.key, n.x, n.y, n.r, n.label, p, q) for n, p, q in nodes),
                                     tuple(d.more)), make_nodes))
        shown = [(Rect(n.x - n.r, n.y - n.r, 2 * n.r, 2 * n.r), picture(n)) for n, _, q in nodes if q]
        if shown:
            parts.append(_Part("neurons", tuple((r, p.shape) for r, p in shown),
                               lambda paint: [_image(p, r, paint.batch, Group(7)) for r, p in shown],
                               [p for _, p in shown]))
        hover = state.hover
        if hover is not None and heats is not None and hover[0] < len(heats) and heats[hover[0]]:
            node = next((n for n in d.nodes if n.key[1:] == hover), None)
            if node is not None:
                size = min(box.w, box.h) * 0.45
                x = min(node.x + node.r + 6, box.x + box.w - size)
                y = max(box.y, min(node.y - size / 2, box.top - size))
                heat = heats[hover[0]][hover[1]]

                def make_hover(paint):
                    return [shapes.BorderedRectangle(x - 2, y - 2, size + 4, size + 4, border=2, color=(255, 255, 255),
                                                     border_color=T.rgb(T.SELECT), batch=paint.batch, group=Group(8)),
                            _image(heat, Rect(x, y, size, size), paint.batch, Group(9))]
                parts.append(_Part("hover", (x, y, size, heat.shape), make_hover, [heat]))
        return parts

    def _info(self, ctl, box: Rect) -> _Part:
        measure = ctl.c.editor.measure
        lines = ctl.info_lines()
        buttons = info_buttons(box, ctl.state, ctl.lang, measure, ctl.lab)

        floor = max((b.rect.top for b in buttons), default=box.y) + 6   # the texts stop above the buttons

        def make(paint):
            keep, rows, y = [], lines, box.top - 16
            if len(rows) == 1:   # a hint: wrapped (here, where Japanese may break), not cut
                for i, line in enumerate(_wrap_lines(rows[0], measure, box.w - 24, 10)):
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
        return _Part("info", (box, tuple(lines), tuple(buttons)), make)

    def _chart(self, ctl, metric: str, box: Rect) -> list[_Part]:
        """The axes, ticks and titles (rebuilt when the axis grows) and the lines (every new epoch)."""
        ch = insight.chart(ctl.lab.history, metric, (box.x, box.y, box.w, box.h), ctl.lang)
        px, py, pw, ph = ch.plot
        colours = {"train": (50, 50, 60), "test": maps.NEGATIVE}
        measure = ctl.c.editor.measure

        def make_axes(paint):
            top = Group(6)
            keep = [shapes.Line(px, py, px + pw, py, thickness=1, color=T.rgb(T.MUTED), batch=paint.batch, group=top),
                    shapes.Line(px, py, px, py + ph, thickness=1, color=T.rgb(T.MUTED), batch=paint.batch, group=top)]
            for x, text in ch.x_ticks:
                keep.append(paint.label(text, x, py - 9, T.MUTED, top, 8, anchor_x="center"))
            for y, text in ch.y_ticks:
                keep.append(paint.label(text, px - 4, y, T.MUTED, top, 8, anchor_x="right"))
            keep.append(paint.label(ch.y_title, box.x + 6, box.top - 10, T.INK, top, 9))
            keep.append(paint.label(ch.x_title, px + pw, py - 24, T.MUTED, top, 8, anchor_x="right"))
            lx = box.x + 6
            for key, text in ch.legend:   # under the axis, left of its title
                keep.append(shapes.Line(lx, py - 24, lx + 14, py - 24, thickness=3, color=colours.get(key, (0, 0, 0)),
                                        batch=paint.batch, group=top))
                keep.append(paint.label(text, lx + 17, py - 24, T.INK, top, 8))
                lx += measure(text) * 8 / 13 + 30
            if ch.note:
                keep.append(paint.label(ch.note, px + 6, py + ph - 8, T.MUTED, top, 8, width=pw - 12))
            return keep

        def make_lines(paint):
            keep = []
            lines = [(np.array(pts, float), colours.get(key, (0, 0, 0))) for key, pts in ch.series.items()]
            long = [(pts, c) for pts, c in lines if len(pts) >= 2]
            if long:
                keep.append(_triangles(np.concatenate([_polyline(pts, 2) for pts, _ in long]), None,
                                       np.concatenate([_per_shape([c], 6 * (len(pts) - 1)) for pts, c in long]),
                                       paint.batch, Group(6)))
            for pts, c in lines:
                if len(pts) == 1:
                    keep.append(shapes.Circle(*pts[0], 3, color=c, batch=paint.batch, group=Group(6)))
            return keep
        return [_Part(metric + ":axes", (box, dataclasses.replace(ch, series={})), make_axes),
                _Part(metric + ":lines", ch.series, make_lines)]

    def _guesses(self, ctl, box: Rect) -> list[_Part]:
        """The test pictures (they never change while training) and the guesses under them (when one changes)."""
        shown = ctl.digit_guesses()
        if not shown:
            return []
        cols = 8
        cell = min((box.w - 12) / cols, (box.h - 24) / ((len(shown) + cols - 1) // cols))
        places = [(box.x + 6 + (k % cols) * cell, box.top - 22 - (k // cols + 1) * cell) for k in range(len(shown))]
        title = msg("stage_guesses").text(ctl.lang)
        images = np.stack([g.image for g in shown])

        def make_pictures(paint):
            return [paint.label(title, box.x + 6, box.top - 10, T.INK, Group(6), 9)] + [
                _image(_grey(image), Rect(x + 2, y + 2, cell - 16, cell - 16), paint.batch, Group(6))
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
        return [_Part("guess_pictures", (box, title, images.tobytes()), make_pictures),
                _Part("guess_marks", (box, tuple((g.guess, g.right) for g in shown)), make_marks)]

    def _confusion(self, ctl, box: Rect) -> list[_Part]:
        """The title and row numbers, and the shaded cells as one picture (rebuilt when a shade changes)."""
        cells = ctl.confusion()
        if cells is None:
            return []
        n = len(cells)
        side = min(box.w - 24, box.h - 40) / n
        ox, oy = box.x + 18, box.top - 22 - side * n
        title = msg("stage_confusion" if data_kind(ctl.lab) == "digits" else "stage_confusion_classes").text(ctl.lang)

        def make_frame(paint):
            return [paint.label(title, box.x + 6, box.top - 10, T.INK, Group(6), 9)] + [
                paint.label(str(r), ox - 8, oy + (n - r - 0.5) * side, T.MUTED, Group(6), 7, anchor_x="center")
                for r in range(n)]
        shade = (242 - 187 * np.asarray(cells, float)).astype(np.uint8)   # a share of 0..1 -> 242..55: empty cells show

        def make_cells(paint):
            x, y, rgba = _cells_picture(_confusion_colours(shade), ox, oy, side)
            h, w = rgba.shape[:2]
            return [_image(rgba, Rect(x, y, w, h), paint.batch, Group(6))] if w and h else []
        return [_Part("confusion_frame", (box, title, n), make_frame),
                _Part("confusion_cells", (box, shade.tobytes()), make_cells)]

    def _pad(self, ctl, box: Rect) -> list[_Part]:
        """What the child drew (when they draw) and the network's guess (when it changes)."""
        pad = ctl.pad()
        cells = pad.cells.copy()
        guess = ctl.pad_guess()
        lang = ctl.lang
        text = msg("stage_pad_hint").text(lang) if guess is None else msg("stage_pad_guess", digit=guess).text(lang)
        room = ctl.c.regions.stage.x + ctl.c.regions.stage.w - box.x - 8    # under the pad, up to the stage's edge
        text = clip_text(text, ctl.c.editor.measure, room, 10)

        def make_picture(paint):
            return [_image(_grey(cells), box, paint.batch, Group(5)),
                    shapes.Box(box.x - 2, box.y - 2, box.w + 4, box.h + 4, thickness=3, color=T.rgb(T.SELECT),
                               batch=paint.batch, group=Group(6))]
        return [_Part("pad_picture", (box, cells.tobytes()), make_picture, layer=UNDER),
                _Part("pad_guess", (box, text),
                      lambda paint: [paint.label(text, box.x + 4, box.y - 12, T.INK, Group(6), 10)])]


def _clear(piece: _Piece) -> _Painter:
    """The piece's batch emptied of everything but its labels, which its next drawing may reuse."""
    labels = {id(label) for _, label in piece.labels}
    for thing in piece.keep:
        if id(thing) not in labels:
            thing.delete()
    return _Painter(piece.batch, piece.labels)


def wrap_text(text: str, measure, width: float, size: float) -> str:
    """Text broken into lines that fit `width` (Japanese between characters), for a multiline label."""
    return "\n".join(_wrap_lines(text, measure, width, size))


class _Batches:
    """The stage's batches, drawn in order (its pieces' batches, layer by layer)."""

    def __init__(self, *batches: Batch):
        self.batches = batches

    def draw(self):
        for batch in self.batches:
            batch.draw()


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


def _cells_picture(colours: np.ndarray, ox: float, oy: float, side: float) -> tuple[int, int, np.ndarray]:
    """(x, y, RGBA rows bottom-up) of an n x n grid of cells side - 1 wide from (ox, oy), row 0 at the top,
    with the pixels a rectangle per cell would cover (a pixel belongs to a cell when its centre does)."""
    n = len(colours)
    x0, y0 = math.floor(ox), math.floor(oy)
    x1, y1 = math.ceil(ox + n * side), math.ceil(oy + n * side)
    u = np.arange(x0, x1) + 0.5 - ox        # pixel centres from the grid's left and bottom
    v = np.arange(y0, y1) + 0.5 - oy
    col, row_up = np.floor(u / side).astype(int), np.floor(v / side).astype(int)
    in_x = (col >= 0) & (col < n) & (u - col * side < side - 1)
    in_y = (row_up >= 0) & (row_up < n) & (v - row_up * side < side - 1)
    rgba = np.zeros((len(v), len(u), 4), np.uint8)
    rgba[..., :3] = colours[(n - 1 - row_up).clip(0, n - 1)][:, col.clip(0, n - 1)]
    rgba[..., 3] = 255 * (in_y[:, None] & in_x[None, :])
    return x0, y0, rgba


def _image(rgba: np.ndarray, rect: Rect, batch, group):
    """An (n, n, 4) uint8 array, row 0 at the bottom, stretched over rect."""
    h, w = rgba.shape[:2]
    data = pyglet.image.ImageData(w, h, "RGBA", np.ascontiguousarray(rgba, dtype=np.uint8).tobytes())
    sprite = pyglet.sprite.Sprite(data.get_texture(), rect.x, rect.y, batch=batch, group=group)
    sprite.scale_x, sprite.scale_y = rect.w / w, rect.h / h
    return sprite


def _redraw(sprite, rgba: np.ndarray) -> None:
    """A new picture of the same size into the sprite's texture: no new sprite, no new texture."""
    h, w = rgba.shape[:2]
    sprite.image.blit_into(pyglet.image.ImageData(w, h, "RGBA", np.ascontiguousarray(rgba, dtype=np.uint8).tobytes()),
                           0, 0, 0)


# --- many shapes in one vertex list ------------------------------------------------------------------
# The same triangles pyglet.shapes makes for Line, Circle and MultiLine, computed for all at once.

_DISC_SEGMENTS = 14       # pyglet's Circle below a radius of 17.5
_DISC_VERTS = 1 + _DISC_SEGMENTS   # the centre and the rim


class _Blended(Group):
    """pyglet's shape shader with alpha blending, as pyglet.shapes draws."""

    def __init__(self, program, parent: Group):
        super().__init__(parent=parent)
        self.program = program

    def set_state(self):
        self.program.bind()
        glEnable(GL_BLEND)
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA)

    def unset_state(self):
        glDisable(GL_BLEND)
        self.program.unbind()


def _triangles(xy: np.ndarray, indices: np.ndarray | None, rgba: np.ndarray, batch: Batch, group: Group):
    """One vertex list of triangles: (M, 2) corners and (M, 4) uint8 colours; three corners per triangle,
    or three indices into them (a corner shared by triangles is then computed once)."""
    program = shapes.get_default_shader()
    m = len(xy)
    data = dict(position=("f", np.asarray(xy, float).ravel().tolist()),
                colors=("Bn", np.asarray(rgba, np.uint8).ravel().tolist()),
                translation=("f", [0.0] * (2 * m)), rotation=("f", [0.0] * m))
    if indices is None:
        return program.vertex_list(m, GL_TRIANGLES, batch, _Blended(program, group), **data)
    return program.vertex_list_indexed(m, GL_TRIANGLES, indices.tolist(), batch, _Blended(program, group), **data)


def _per_shape(colours, verts: int) -> np.ndarray:
    """(M, 4) uint8: each shape's RGB or RGBA colour repeated over its vertices."""
    c = np.asarray(colours, np.uint8).reshape(len(colours), -1)
    if c.shape[1] == 3:
        c = np.column_stack([c, np.full(len(c), 255, np.uint8)])
    return np.repeat(c, verts, axis=0)


def _segments(seg: np.ndarray) -> np.ndarray:
    """(N, 5) rows x0, y0, x1, y1, thickness -> (6N, 2): each line as two triangles, as shapes.Line."""
    x0, y0, x1, y1, t = seg.T
    angle = np.arctan2(y1 - y0, x1 - x0)
    length = np.hypot(x1 - x0, y1 - y0)
    cos, sin = np.cos(angle), np.sin(angle)
    nx, ny = -sin * t / 2, cos * t / 2                       # half the thickness, across the line
    ex, ey = x0 + length * cos, y0 + length * sin            # the far end
    a, b, c, d = (x0 - nx, y0 - ny), (ex - nx, ey - ny), (ex + nx, ey + ny), (x0 + nx, y0 + ny)
    corners = [a, b, c, a, c, d]
    return np.stack([np.stack(p, axis=-1) for p in corners], axis=1).reshape(-1, 2)


def _unit(v: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1; zero rows stay zero (as pyglet's Vec2.normalize)."""
    n = np.hypot(v[:, 0], v[:, 1])[:, None]
    return np.divide(v, n, out=np.zeros_like(v), where=n > 0)


def _polyline(points: np.ndarray, thickness: float) -> np.ndarray:
    """(K, 2) points -> (6(K-1), 2) triangles with mitred joints, as shapes.MultiLine (which also takes half
    the thickness where a line turns straight back, and caps a sharp joint's miter at twice the thickness)."""
    p = np.asarray(points, float)
    d = _unit(np.diff(p, axis=0))                            # (K-1, 2) direction of each segment
    normal = np.column_stack([-d[:, 1], d[:, 0]])
    miter = np.concatenate([normal[:1], _unit(normal[:-1] + normal[1:]), normal[-1:]])   # (K, 2)
    scale = np.full(len(p), thickness / 2.0)
    if len(p) > 2:
        dot = np.clip(np.einsum("ij,ij->i", d[1:], miter[1:-1]), -1.0, 1.0)
        s = np.sin(np.arccos(dot))
        scale[1:-1] = np.where(s != 0, thickness / 2.0 / np.where(s != 0, s, 1.0), thickness / 2.0)
    off = miter * np.minimum(scale, 2.0 * thickness)[:, None]
    v1, v3 = p[:-1] + off[:-1], p[:-1] - off[:-1]
    v2, v5 = p[1:] + off[1:], p[1:] - off[1:]
    return np.stack([v1, v2, v3, v2, v5, v3], axis=1).reshape(-1, 2)


def _discs(centres: np.ndarray, radii: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(N, 2) centres and (N,) radii (each under 17.5) -> ((15N, 2) corners, (42N,) indices): each disc
    as shapes.Circle's fan of triangles (centre, rim point i - 1, rim point i)."""
    a = np.arange(_DISC_SEGMENTS) * (2 * math.pi / _DISC_SEGMENTS)
    rim = np.stack([np.cos(a), np.sin(a)], axis=-1)                                   # (S, 2)
    corners = np.concatenate([centres[:, None, :], centres[:, None, :] + radii[:, None, None] * rim[None]],
                             axis=1)                                                  # (N, 1 + S, 2)
    i = np.arange(_DISC_SEGMENTS)
    fan = np.stack([np.zeros_like(i), 1 + (i - 1) % _DISC_SEGMENTS, 1 + i], axis=-1)  # (S, 3)
    indices = np.arange(len(centres))[:, None, None] * _DISC_VERTS + fan[None]        # (N, S, 3)
    return corners.reshape(-1, 2), indices.reshape(-1)


def _discs_part(frame, box: Rect, sets) -> _Part:
    """The data plot's points, in one vertex list: for each set of (plane places (N, 2), rim colour, (N, 3)
    inside colours, (rim radius, inside radius)), a rim disc with the coloured disc over it."""
    centres, radii, colours = [], [], []
    for xy, rim, inside, (r_rim, r_in) in sets:
        n = len(xy)
        u, v = frame.to_unit(xy[:, 0], xy[:, 1])
        centres.append(np.repeat(np.column_stack([box.x + u * box.w, box.y + v * box.h]), 2, axis=0))
        radii.append(np.tile([r_rim, r_in], n))
        colours.append(np.stack([np.broadcast_to(np.array(rim, np.uint8), (n, 3)), inside], axis=1).reshape(-1, 3))
    c, r, rgb = np.concatenate(centres), np.concatenate(radii), np.concatenate(colours)

    def make(paint):
        return [_triangles(*_discs(c, r), _per_shape(rgb, _DISC_VERTS), paint.batch, Group(0))] if len(c) else []
    return _Part("points", (c.tobytes(), r.tobytes(), rgb.tobytes()), make, layer=POINTS)


def _point_colours(data, n: int, value_range=None) -> np.ndarray:
    """(n, 3) uint8: the first n points' colours, by class, or for numbers on the map's scale."""
    y = np.asarray(data.y[:n])
    if data.task == "regress":
        return maps.value_colours(np.asarray(y, float).reshape(n, -1)[:, 0], value_range or (-1.0, 1.0))
    return np.array(maps.CLASS_COLOURS, np.uint8)[y.reshape(n).astype(int) % len(maps.CLASS_COLOURS)]


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


def _label(text, x, y, colour, batch, group, size, width=None, anchor_x="left"):
    return pyglet.text.Label(text, font_name=FONT_NAME, font_size=size, x=x, y=y, anchor_y="center",
                             anchor_x=anchor_x, color=T.rgb(colour) + (255,), batch=batch, group=group, width=width,
                             multiline=width is not None)
