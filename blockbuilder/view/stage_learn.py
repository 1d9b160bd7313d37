"""How it learns, drawn: the slope of one weight (the loss curve, the tangent, the step), what a layer does to the
data (the points in its space, the answer's line, a 2 → 2 layer's bent grid and basis vectors), their words and
buttons, the "charts" / "how it learns" / "what a layer does" switches, and the step back's marks on the diagram
(the neuron it is at, each weight's change on its line, before → after).

The numbers come from lab/learning.py through the stage's control; this module only places them.
"""
from __future__ import annotations

import numpy as np
from pyglet import shapes
from pyglet.graphics import Group

from ..editor.screen import Rect
from ..lab import maps
from ..lab.learning import edge_changes
from . import draw, theme as T
from .pieces import UNDER, Part
from .texts import msg

CURVE = (50, 50, 60)
TANGENT = maps.POSITIVE
MARGIN = (30, 22, 10, 18)      # left, bottom, right, top of the picture inside its panel


def learn_parts(ctl, lay) -> list[Part]:
    """Every piece of "how it learns" the layout placed: switches, the slope, its words, the step back's marks."""
    parts = []
    if lay.switches:
        parts.append(_switches(lay.switches))
    panels = lay.panels
    if ctl.lab.network is None:
        return parts
    if "learn" in panels:
        parts.append(_words(lay))
    if "slope" in panels:
        parts += _slope(ctl, panels["slope"])
    if "space" in panels:
        parts += _space(ctl, panels["space"])
    if "diagram" in panels and ctl.state.back is not None:
        parts += _back_marks(ctl, panels["diagram"])
    return parts


def _switches(buttons) -> Part:
    def make(paint):
        keep = []
        for b in buttons:
            fill = T.TOOLBAR_BUTTON if b.toggled else "#E9EEF7"
            keep.append(shapes.RoundedRectangle(b.rect.x, b.rect.y, b.rect.w, b.rect.h, radius=6, color=T.rgb(fill),
                                                batch=paint.batch, group=Group(1)))
            keep.append(paint.label(b.text, b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2,
                                    "#FFFFFF" if b.toggled else T.INK, Group(2), 11, anchor_x="center"))
        return keep
    return Part("learn:switches", tuple(buttons), make)


def _words(lay) -> Part:
    """The slope's words (the first line, which weight, in grey) and the wiggle / other-weight buttons."""
    text, buttons = lay.texts["learn"], lay.learn_buttons

    def make(paint):
        keep = [paint.label(line, round(text.rect.x), text.baseline(i), T.MUTED if i < text.muted else T.INK,
                            Group(6), text.size) for i, line in enumerate(text.lines)]
        for b in buttons:     # "wiggle it" turns orange while it wiggles
            fill = (T.PRIMARY if b.toggled else T.TOOLBAR_BUTTON) if b.enabled else "#B8C4D6"
            keep.append(shapes.RoundedRectangle(b.rect.x, b.rect.y, b.rect.w, b.rect.h, radius=6, color=T.rgb(fill),
                                                batch=paint.batch, group=Group(6)))
            keep.append(paint.label(b.text, b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2, "#FFFFFF",
                                    Group(7), 11, anchor_x="center"))
        return keep
    return Part("learn:words", (text, tuple(buttons)), make)


def _slope(ctl, box: Rect) -> list[Part]:
    """The loss over the batch as the weight varies (dark), the tangent whose slope backprop gave (blue), the
    weight now (an orange dot) and where one step of the optimizer takes it (an orange tick on the floor)."""
    s = ctl.slope()
    lang, measure = ctl.lang, ctl.c.editor.measure
    left, bottom, right, top = MARGIN
    px, py, pw, ph = box.x + left, box.y + bottom, box.w - left - right, box.h - bottom - top
    if s is None or pw < 20 or ph < 20:
        return []
    lo, hi = float(np.min(s.losses)), float(np.max(s.losses))
    if not np.isfinite(lo) or not np.isfinite(hi):
        return []
    if hi - lo < 1e-12:
        lo, hi = lo - 0.5, hi + 0.5
    w0, w1 = float(s.ws[0]), float(s.ws[-1])

    def at(w, loss):
        return px + (w - w0) / (w1 - w0) * pw, py + (loss - lo) / (hi - lo) * ph

    curve = np.column_stack(at(s.ws, s.losses))
    half = (w1 - w0) / 3
    tw = np.linspace(s.value - half, s.value + half, 9)
    tangent = np.column_stack(at(tw, s.tangent(tw)))
    inside = (tangent[:, 1] >= py) & (tangent[:, 1] <= py + ph)
    tangent = tangent[inside]
    dot = at(s.value, s.loss)
    step = None if s.step is None else at(min(max(s.value + s.step, w0), w1), lo)[0]

    def make(paint):
        g = Group(6)
        keep = [shapes.Line(px, py, px + pw, py, thickness=1, color=T.rgb(T.MUTED), batch=paint.batch, group=g),
                shapes.Line(px, py, px, py + ph, thickness=1, color=T.rgb(T.MUTED), batch=paint.batch, group=g),
                draw.triangles(draw.polyline(curve, 2), None, draw.per_shape([CURVE], 6 * (len(curve) - 1)),
                               paint.batch, g)]
        if len(tangent) >= 2:
            keep.append(draw.triangles(draw.polyline(tangent, 3), None,
                                       draw.per_shape([TANGENT], 6 * (len(tangent) - 1)), paint.batch, Group(7)))
        keep.append(shapes.Line(dot[0], py, dot[0], dot[1], thickness=1, color=T.rgb("#C8C8D0"), batch=paint.batch,
                                group=g))
        if step is not None:
            keep.append(shapes.Line(dot[0], py + 4, step, py + 4, thickness=3, color=T.rgb(T.SELECT),
                                    batch=paint.batch, group=Group(7)))
            keep.append(shapes.Line(step, py, step, py + 9, thickness=2, color=T.rgb(T.SELECT), batch=paint.batch,
                                    group=Group(7)))
        keep.append(shapes.Circle(dot[0], dot[1], 5, color=T.rgb(T.SELECT), batch=paint.batch, group=Group(8)))
        keep.append(paint.label(msg("learn_axis_loss").text(lang), round(box.x + 6), round(box.top - 9), T.INK, g, 9))
        keep.append(paint.label(msg("learn_axis_weight").text(lang), round(px + pw), round(box.y + 8), T.MUTED, g, 8,
                                anchor_x="right"))
        value = _short(s.value)
        half_w = measure(value) * 8 / 13 / 2 + 2
        vx = min(max(dot[0], box.x + half_w), box.x + box.w - half_w)
        keep.append(paint.label(value, round(vx), round(box.y + 8), T.MUTED, g, 8, anchor_x="center"))
        return keep
    key = (box, s.which, s.value, s.losses.tobytes(), s.grad, s.step, lang)
    return [Part("learn:slope", key, make, layer=UNDER)]


GRID = (176, 182, 198)
E1, E2 = (224, 36, 59), (46, 160, 67)      # where the basis vectors go: red e1, green e2


def _space(ctl, box: Rect) -> list[Part]:
    """The layer's space, square, framed around the points: the bent grid (grey), the points in their classes'
    colours, the answer's line (dark), and arrows from where 0 goes to where e1 and e2 go."""
    sp = ctl.space()
    side = min(box.w, box.h) - 24
    if sp is None or side < 30:
        return []
    px, py = box.x + (box.w - side) / 2, box.y + 16
    lo, hi = np.array(sp.lo), np.array(sp.hi)
    span = np.maximum(hi - lo, 1e-9)

    def at(xy):
        xy = np.asarray(xy, float).reshape(-1, 2)
        return np.column_stack([px + (xy[:, 0] - lo[0]) / span[0] * side, py + (xy[:, 1] - lo[1]) / span[1] * side])

    inside = lambda p: (p[:, 0] >= px) & (p[:, 0] <= px + side) & (p[:, 1] >= py) & (p[:, 1] <= py + side)  # noqa: E731
    grid = [g for g in (at(line) for line in sp.grid or []) if len(g) >= 2]
    grid = [g[inside(g)] for g in grid]
    grid = [g for g in grid if len(g) >= 2]
    pts = at(sp.xy)
    colours = np.array([maps.CLASS_COLOURS[c % len(maps.CLASS_COLOURS)] for c in sp.classes], np.uint8).reshape(-1, 3)
    line = sp.line_ends()
    arrows = None if sp.basis is None else at(sp.basis)
    lang = ctl.lang

    def make(paint):
        g = Group(6)
        keep = [shapes.BorderedRectangle(px, py, side, side, border=1, color=(255, 255, 255),
                                         border_color=T.rgb(T.PANEL_EDGE), batch=paint.batch, group=Group(5))]
        if grid:
            keep.append(draw.triangles(np.concatenate([draw.polyline(q, 1) for q in grid]), None,
                                       np.concatenate([draw.per_shape([GRID], 6 * (len(q) - 1)) for q in grid]),
                                       paint.batch, g))
        if len(pts):
            r = 4.0
            d = np.array([[0, r], [r, 0], [0, -r], [0, r], [0, -r], [-r, 0]])      # a diamond: two triangles
            keep.append(draw.triangles((pts[:, None, :] + d[None]).reshape(-1, 2), None,
                                       np.repeat(np.column_stack([colours, np.full(len(colours), 255, np.uint8)]), 6,
                                                 axis=0), paint.batch, Group(9)))
        if line is not None:
            (x0, y0), (x1, y1) = at(line)
            keep.append(shapes.Line(x0, y0, x1, y1, thickness=2, color=(50, 50, 60), batch=paint.batch,
                                    group=Group(8)))
        if arrows is not None:
            for end, colour in ((arrows[1], E1), (arrows[2], E2)):
                keep.append(shapes.Line(*arrows[0], *end, thickness=3, color=colour, batch=paint.batch,
                                        group=Group(8)))
                keep.append(shapes.Circle(*end, 4, color=colour, batch=paint.batch, group=Group(8)))
            for end, name in ((arrows[1], "e1"), (arrows[2], "e2")):
                x = min(max(end[0], px + 10), px + side - 10)
                y = min(max(end[1] + 10, py + 8), py + side - 8)
                keep.append(paint.label(name, round(x), round(y), T.INK, Group(9), 9, anchor_x="center"))
        keep.append(paint.label(msg("learn_axis_neuron", n=1).text(lang), round(px + side), round(box.y + 8),
                                T.MUTED, g, 8, anchor_x="right"))
        keep.append(paint.label(msg("learn_axis_neuron", n=2).text(lang), round(box.x + 6), round(box.top - 8),
                                T.MUTED, g, 8))
        return keep
    key = (box, sp.layer, sp.xy.tobytes(), sp.line, None if arrows is None else arrows.tobytes(), len(grid), lang)
    return [Part("learn:space", key, make, layer=UNDER)]


def _short(v: float) -> str:
    return f"{v:.2f}" if abs(v) < 1000 else f"{v:.0f}"


def _back_marks(ctl, box: Rect) -> list[Part]:
    """The neuron the step back is at, ringed, and on its incoming weight lines each weight before → after."""
    nb = ctl.back_neuron()
    if nb is None:
        return []
    d = ctl.diagram(box)
    node = next((n for n in d.nodes if n.key == ("n", nb.layer, nb.neuron)), None)
    changes = {i: (a, b) for i, a, b in edge_changes(nb)}
    edges = [(e, changes[e.i]) for e in d.edges if e.layer == nb.layer and e.j == nb.neuron and e.i in changes]
    measure = ctl.c.editor.measure
    marks = []
    for e, (a, b) in sorted(edges, key=lambda eb: -eb[0].y0):      # top down, near where each line starts
        text = f"{a}→{b}"
        x, y = e.x0 + 0.3 * (e.x1 - e.x0), e.y0 + 0.3 * (e.y1 - e.y0)
        if marks and y > marks[-1][2] - 15:      # never over the label above it
            y = marks[-1][2] - 15
        w = measure(text) * 8 / 13 + 6
        x = min(max(x, box.x + w / 2 + 2), box.x + box.w - w / 2 - 2)
        marks.append((text, x, max(y, box.y + 8), w))

    def make(paint):
        keep = []
        if node is not None:
            keep.append(shapes.Arc(node.x, node.y, node.r + 7, thickness=3, color=T.rgb(T.PROBLEM),
                                   batch=paint.batch, group=Group(8)))
        for text, x, y, w in marks:
            keep.append(shapes.BorderedRectangle(x - w / 2, y - 7, w, 14, border=1, color=(255, 255, 255),
                                                 border_color=T.rgb(T.PROBLEM), batch=paint.batch, group=Group(8)))
            keep.append(paint.label(text, round(x), round(y), T.INK, Group(9), 8, anchor_x="center"))
        return keep
    key = (box, None if node is None else (node.x, node.y, node.r), tuple(marks))
    return [Part("learn:back", key, make)]
