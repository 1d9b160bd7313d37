"""Low-level drawing: labels in the one font, pictures from RGBA arrays, many shapes or words in one vertex list.

Each pyglet shape or label costs a vertex list and Python objects (about 0.05 ms a line, 0.2 ms a shape, 0.5 ms
a label), so the stage draws its many lines and discs as the triangles pyglet.shapes would make, all in one
vertex list, and its grids of cells as one picture; blocks are drawn through a Sketch, their words copied
from labels laid out once (Stamp).
"""
from __future__ import annotations

import math
import types

import numpy as np
import pyglet
import pyglet.text.layout
from pyglet import shapes
from pyglet.extlibs import earcut
from pyglet.gl import GL_BLEND, GL_ONE_MINUS_SRC_ALPHA, GL_SRC_ALPHA, GL_TRIANGLES, glBlendFunc, glDisable, glEnable
from pyglet.graphics import Batch, Group

from ..editor.screen import TOOL_PT, Rect
from . import theme as T
from .fonts import FONT_NAME
from .measure import wrapped


def label(text, x, y, colour, batch, group, size=TOOL_PT, width=None, anchor_x="left"):
    """A label in the bundled font, centred on y; with a width, one that wraps (Japanese too)."""
    text = wrapped(text, width, size) if width is not None else text
    return pyglet.text.Label(text, font_name=FONT_NAME, font_size=size, x=x, y=y, anchor_y="center",
                             anchor_x=anchor_x, color=T.rgb(colour) + (255,), batch=batch, group=group, width=width,
                             multiline=width is not None)


MAX_TEMPLATES = 5000   # texts laid out once and kept for Stamp (about 2 kB each)


class Stamp:
    """A one-line text on a block: its words are copied from a label laid out once for the same text, size and
    anchor (pyglet lays out a label in about 0.5 ms; a zoom or a language switch draws hundreds of words), into
    a Sketch's vertex lists. Same pixels as a pyglet Label at (x, y) centred on y; reads like one (text, x, y)."""

    __slots__ = ("text", "x", "y")
    _templates: dict[tuple, list] = {}   # (text, size, anchor) -> runs of glyphs: (texture, program, vertex data)
    _batch = None                        # where the templates are laid out; never drawn
    _labels: list = []                   # the templates themselves, kept

    def __init__(self, text: str, x: float, y: float):
        self.text, self.x, self.y = text, x, y

    @classmethod
    def runs(cls, text: str, size: float, anchor_x: str) -> list[tuple]:
        """(texture, program, count, indices, position, tex_coords, anchor, rotation, visible) of each run of
        glyphs of a label of the text, as pyglet laid it out."""
        key = (text, size, anchor_x)
        if key not in cls._templates:
            if cls._batch is None or len(cls._templates) >= MAX_TEMPLATES:   # typed numbers, zoom levels: a bound
                cls._templates, cls._labels, cls._batch = {}, [], Batch()
            label = pyglet.text.Label(text, font_name=FONT_NAME, font_size=size, anchor_y="center",
                                      anchor_x=anchor_x, batch=cls._batch)
            cls._labels.append(label)
            cls._templates[key] = [(box.owner, label._program, vl.count, vl.indices, vl.position[:],   # noqa: SLF001
                                    vl.tex_coords[:], vl.anchor[:], vl.rotation[:], vl.visible[:])
                                   for box in label._boxes for vl in box.vertex_lists]   # noqa: SLF001
        return cls._templates[key]


class Sketch:
    """Polygons, closed lines, rounded rectangles and one-line texts drawn as pyglet draws them, many to a vertex
    list: pyglet's own code computes each shape's vertices and lays out each text (the same pixels), and
    finish() makes one vertex list per group and kind (or glyph texture), in the order drawn, instead of an
    object and a vertex list for each (0.15-0.5 ms apiece; a block has eight)."""

    def __init__(self, batch: Batch):
        self.batch = batch
        self._parts: dict[tuple, list] = {}   # (group, indexed) -> [positions, translations, colours, indices, n]
        self._texts: dict[tuple, list] = {}   # (group, texture, program) -> attribute lists, indices, n

    def text(self, text: str, x: float, y: float, rgba: tuple, size: float, anchor_x: str, group: Group) -> Stamp:
        for texture, program, n, indices, *data in Stamp.runs(text, size, anchor_x):
            part = self._texts.setdefault((group, texture, program), [[], [], [], [], [], [], [], [], 0])
            part[7] += [i + part[8] for i in indices]
            for k, values in enumerate(data):
                part[k] += values
            part[5] += rgba * n
            part[6] += (x, y, 0.0) * n
            part[8] += n
        return Stamp(text, x, y)

    def polygon(self, points: list, rgb: tuple, group: Group) -> None:
        position = shapes.Polygon._get_vertices(_Shape(_coordinates=points))   # noqa: SLF001
        self._add(group, position, points[0], rgb, earcut.earcut(position))

    def closed_line(self, points: list, thickness: float, rgb: tuple, group: Group) -> None:
        coordinates = list(points) + [points[0]]
        line = _Shape(_coordinates=coordinates, _thickness=thickness)
        self._add(group, shapes.MultiLine._get_vertices(line), coordinates[0], rgb)   # noqa: SLF001

    def rounded_rectangle(self, x: float, y: float, w: float, h: float, radius: float, rgb: tuple,
                          group: Group) -> None:
        rect, kind = _Shape(_width=w, _height=h), shapes.RoundedRectangle
        kind._set_radius(rect, radius)   # noqa: SLF001
        kind._set_segments(rect, None)   # noqa: SLF001
        self._add(group, kind._get_vertices(rect), (x, y), rgb)   # noqa: SLF001

    def _add(self, group: Group, position, xy: tuple, rgb: tuple, indices=None) -> None:
        part = self._parts.setdefault((group, indices is not None), [[], [], [], [], 0])
        n = len(position) // 2
        if indices is not None:
            part[3] += [i + part[4] for i in indices]
        part[0] += position
        part[1] += tuple(xy) * n
        part[2] += (*rgb, 255) * n
        part[4] += n

    def finish(self) -> list:
        """The vertex lists of everything drawn since the last finish (in the batch from now on)."""
        program = shapes.get_default_shader()
        made = []
        for (group, indexed), (position, translation, colours, indices, n) in self._parts.items():
            shape_group = shapes.ShapeBase.group_class(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, program, group)
            data = dict(position=("f", position), translation=("f", translation), colors=("Bn", colours),
                        rotation=("f", (0.0,) * n))
            made.append(program.vertex_list_indexed(n, GL_TRIANGLES, indices, self.batch, shape_group, **data)
                        if indexed else program.vertex_list(n, GL_TRIANGLES, self.batch, shape_group, **data))
        for (group, texture, program), (*data, indices, n) in self._texts.items():
            position, tex_coords, anchor, rotation, visible, colours, translation = data
            text_group = pyglet.text.layout.TextLayoutGroup(texture, program, order=1, parent=group)
            made.append(program.vertex_list_indexed(
                n, GL_TRIANGLES, indices, self.batch, text_group, position=("f", position),
                tex_coords=("f", tex_coords), anchor=("f", anchor), rotation=("f", rotation), visible=("f", visible),
                colors=("Bn", colours), translation=("f", translation)))
        self._parts.clear()
        self._texts.clear()
        return made


class _Shape(types.SimpleNamespace):
    """What pyglet.shapes' vertex functions read of a shape: its own attributes, not rotated, anchored at 0."""

    def __init__(self, **attributes):
        super().__init__(_visible=True, _anchor_x=0.0, _anchor_y=0.0, **attributes)


# --- pictures ----------------------------------------------------------------------------------------

def image(rgba: np.ndarray, rect: Rect, batch, group):
    """An (n, n, 4) uint8 array, row 0 at the bottom, stretched over rect."""
    h, w = rgba.shape[:2]
    data = pyglet.image.ImageData(w, h, "RGBA", np.ascontiguousarray(rgba, dtype=np.uint8).tobytes())
    sprite = pyglet.sprite.Sprite(data.get_texture(), rect.x, rect.y, batch=batch, group=group)
    sprite.scale_x, sprite.scale_y = rect.w / w, rect.h / h
    return sprite


def redraw(sprite, rgba: np.ndarray) -> None:
    """A new picture of the same size into the sprite's texture: no new sprite, no new texture."""
    h, w = rgba.shape[:2]
    sprite.image.blit_into(pyglet.image.ImageData(w, h, "RGBA", np.ascontiguousarray(rgba, dtype=np.uint8).tobytes()),
                           0, 0, 0)


def cells_picture(colours: np.ndarray, ox: float, oy: float, side: float) -> tuple[int, int, np.ndarray]:
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


# --- many shapes in one vertex list ------------------------------------------------------------------
# The same triangles pyglet.shapes makes for Line, Circle and MultiLine, computed for all at once.

DISC_SEGMENTS = 14       # pyglet's Circle below a radius of 17.5
DISC_VERTS = 1 + DISC_SEGMENTS   # the centre and the rim


class Blended(Group):
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


def triangles(xy: np.ndarray, indices: np.ndarray | None, rgba: np.ndarray, batch: Batch, group: Group):
    """One vertex list of triangles: (M, 2) corners and (M, 4) uint8 colours; three corners per triangle,
    or three indices into them (a corner shared by triangles is then computed once)."""
    program = shapes.get_default_shader()
    m = len(xy)
    data = dict(position=("f", np.asarray(xy, float).ravel().tolist()),
                colors=("Bn", np.asarray(rgba, np.uint8).ravel().tolist()),
                translation=("f", [0.0] * (2 * m)), rotation=("f", [0.0] * m))
    if indices is None:
        return program.vertex_list(m, GL_TRIANGLES, batch, Blended(program, group), **data)
    return program.vertex_list_indexed(m, GL_TRIANGLES, indices.tolist(), batch, Blended(program, group), **data)


def per_shape(colours, verts: int) -> np.ndarray:
    """(M, 4) uint8: each shape's RGB or RGBA colour repeated over its vertices."""
    c = np.asarray(colours, np.uint8).reshape(len(colours), -1)
    if c.shape[1] == 3:
        c = np.column_stack([c, np.full(len(c), 255, np.uint8)])
    return np.repeat(c, verts, axis=0)


def segments(seg: np.ndarray) -> np.ndarray:
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


def polyline(points: np.ndarray, thickness: float) -> np.ndarray:
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


def discs(centres: np.ndarray, radii: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(N, 2) centres and (N,) radii (each under 17.5) -> ((15N, 2) corners, (42N,) indices): each disc
    as shapes.Circle's fan of triangles (centre, rim point i - 1, rim point i)."""
    a = np.arange(DISC_SEGMENTS) * (2 * math.pi / DISC_SEGMENTS)
    rim = np.stack([np.cos(a), np.sin(a)], axis=-1)                                   # (S, 2)
    corners = np.concatenate([centres[:, None, :], centres[:, None, :] + radii[:, None, None] * rim[None]],
                             axis=1)                                                  # (N, 1 + S, 2)
    i = np.arange(DISC_SEGMENTS)
    fan = np.stack([np.zeros_like(i), 1 + (i - 1) % DISC_SEGMENTS, 1 + i], axis=-1)   # (S, 3)
    indices = np.arange(len(centres))[:, None, None] * DISC_VERTS + fan[None]         # (N, S, 3)
    return corners.reshape(-1, 2), indices.reshape(-1)
