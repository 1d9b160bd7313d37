"""The stage's data plot and network diagram as pieces: the points, the answer's map, the curve, the weights.

Also the node boxes, each neuron's picture and the enlarged one under the pointer. The pictures are the lab's
(lab/maps.py); the many points and lines go into one vertex list each (draw.py).
"""
from __future__ import annotations

import numpy as np
from pyglet import shapes
from pyglet.graphics import Group

from ..editor.screen import Rect
from ..lab import maps
from ..lab.readout import plot_frame, value_range
from ..lab.stage_layout import data_kind
from . import draw, theme as T
from .pieces import MAP, POINTS, UNDER, Part

MAX_POINTS = 600
HEAT_N = 64
NEURON_N = 24
EDGE_ALPHA = 200          # weight lines are a little see-through, so crossings stay readable


def points_part(ctl, box: Rect) -> Part:
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


def own_points_part(ctl, box: Rect, xy: np.ndarray, classes: np.ndarray) -> Part:
    """The points the child drew, read from the data hat: shown as they are added, even before they
    make data to learn from (one colour only)."""
    inside = np.array(maps.CLASS_COLOURS, np.uint8)[classes % len(maps.CLASS_COLOURS)]
    return _discs_part(plot_frame(ctl.lab), box, [(xy, (40, 40, 52), inside, (6.0, 4.6))])


def plot_parts(ctl, box: Rect) -> list[Part]:
    lab = ctl.lab
    kind = data_kind(lab)
    if kind == "points":
        frame = plot_frame(lab)
        heat = maps.output_heat(lab.network, frame, HEAT_N, value_range(lab))
        parts = [Part("map", (box, heat.shape), lambda paint: [draw.image(heat, box, paint.batch, Group(0), True)],
                      [heat], MAP, area=box)]
        if ctl.state.point is not None:
            u, v = frame.to_unit(*ctl.state.point[:2])
            x, y = float(box.x + u * box.w), float(box.y + v * box.h)

            def make_pick(paint):
                return [shapes.Arc(x, y, 9, thickness=3, color=T.rgb(T.SELECT), batch=paint.batch, group=Group(5))]
            parts.append(Part("pick", (x, y), make_pick, layer=UNDER, area=Rect(x - 12, y - 12, 24, 24)))
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
        blue = draw.per_shape([maps.POSITIVE], 6 * (len(line) - 1))
        return [draw.discs(dots, np.full(len(dots), 3.5), [T.rgb(T.MUTED)] * len(dots), paint.batch, Group(5)),
                draw.triangles(draw.polyline(line, 3), None, blue, paint.batch, Group(5))]
    return [Part("curve", (dots.tobytes(), line.tobytes()), make, layer=UNDER, area=_beyond(box))]


def diagram_parts(ctl, box: Rect) -> list[Part]:
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
        return [draw.triangles(draw.segments(seg), None, np.repeat(rgba, 6, axis=0), paint.batch, Group(5))]
    parts = [Part("edges", (seg.tobytes(), rgba.tobytes()), make_edges, layer=UNDER, area=_beyond(box))]
    nodes = [(n, n.key[0] == "n" and (n.key[1:] == state.neuron or n.key[1:] == current), picture(n) is not None)
             for n in d.nodes]

    def make_nodes(paint):
        keep = []
        for node, picked, pictured in nodes:
            keep.append(shapes.BorderedRectangle(node.x - node.r - 2, node.y - node.r - 2, 2 * node.r + 4,
                                                 2 * node.r + 4, border=3 if picked else 1, color=(255, 255, 255),
                                                 border_color=T.rgb(T.SELECT if picked else "#9AA0B4"),
                                                 batch=paint.batch, group=Group(6)))
            if not pictured and node.label and 2 * node.r + 4 >= 13:   # a name only where it has room
                keep.append(paint.label(node.label, node.x, node.y, T.INK, Group(7), 9, anchor_x="center"))
        for x, y, text in d.more:
            keep.append(paint.label(text, x, y, T.MUTED, Group(6), 9, anchor_x="center"))
        return keep
    parts.append(Part("nodes", (tuple((n.key, n.x, n.y, n.r, n.label, p, q) for n, p, q in nodes),
                                tuple(d.more)), make_nodes, area=_beyond(box)))
    shown = [(Rect(n.x - n.r, n.y - n.r, 2 * n.r, 2 * n.r), picture(n)) for n, _, q in nodes if q]
    if shown:
        parts.append(Part("neurons", tuple((r, p.shape) for r, p in shown),
                          lambda paint: [draw.image(p, r, paint.batch, Group(7)) for r, p in shown],
                          [p for _, p in shown], area=_beyond(box)))
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
                        draw.image(heat, Rect(x, y, size, size), paint.batch, Group(9))]
            parts.append(Part("hover", (x, y, size, heat.shape), make_hover, [heat], area=Rect(x - 4, y - 4, size + 8,
                                                                                              size + 8)))
    return parts


def _discs_part(frame, box: Rect, sets) -> Part:
    """The data plot's points, in one vertex list: for each set of (plane places (N, 2), rim colour, (N, 3)
    inside colours, (rim radius, inside radius)), a rim disc with the coloured disc inside it."""
    centres, radii, rims, inside = [], [], [], []
    for xy, rim, colours, (r_rim, r_in) in sets:
        n = len(xy)
        u, v = frame.to_unit(xy[:, 0], xy[:, 1])
        centres.append(np.column_stack([box.x + u * box.w, box.y + v * box.h]))
        radii.append(np.tile([r_rim, r_in], (n, 1)))
        rims.append(np.broadcast_to(np.array(rim, np.uint8), (n, 3)))
        inside.append(np.asarray(colours, np.uint8).reshape(n, 3))
    c, r, rgb = np.concatenate(centres), np.concatenate(radii), np.concatenate(rims)
    inner = np.concatenate(inside)

    def make(paint):
        if not len(c):
            return []
        return [draw.discs(c, r[:, 0], rgb, paint.batch, Group(0), (r[:, 1], inner))]
    return Part("points", (c.tobytes(), r.tobytes(), rgb.tobytes(), inner.tobytes()), make, layer=POINTS,
                area=_beyond(box))


def _beyond(box: Rect, margin: float = 10) -> Rect:
    """A view's panel and a margin round it: where its points, lines and labels draw (a point on the edge of the
    data's range is a disc around it)."""
    return Rect(box.x - margin, box.y - margin, box.w + 2 * margin, box.h + 2 * margin)


def _point_colours(data, n: int, value_range=None) -> np.ndarray:
    """(n, 3) uint8: the first n points' colours, by class, or for numbers on the map's scale."""
    y = np.asarray(data.y[:n])
    if data.task == "regress":
        return maps.value_colours(np.asarray(y, float).reshape(n, -1)[:, 0], value_range or (-1.0, 1.0))
    return np.array(maps.CLASS_COLOURS, np.uint8)[y.reshape(n).astype(int) % len(maps.CLASS_COLOURS)]
