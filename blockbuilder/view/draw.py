"""Low-level drawing: labels in the one font, pictures from RGBA arrays, many shapes or words in one vertex list.

Each pyglet shape or label costs a vertex list and Python objects (about 0.05 ms a line, 0.2 ms a shape, 0.5 ms
a label), so the stage draws its many lines and discs as the triangles pyglet.shapes would make, all in one
vertex list written from numpy arrays, and its grids of cells as one picture; blocks are drawn through a
Sketch, their words copied from labels laid out once (Stamp). Opaque shapes are drawn without blending
(the same pixels; on software OpenGL a blended pixel costs several times an opaque one).
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


def _glyph_rgba(renderer, data, src_format: str, dst_format: str) -> bytes:
    """pyglet's FreeType glyph bitmap made RGBA, as pyglet makes it (white, the coverage in alpha), in numpy:
    pyglet loops over every byte in Python, 0.3-2 ms a glyph, and a language switch or a new status line
    brings dozens of glyphs not drawn before."""
    if (src_format, dst_format) != ("R", "BGRA"):
        return _pyglet_glyph_rgba(renderer, data, src_format, dst_format)
    rgba = np.full((len(data), 4), 255, np.uint8)
    rgba[:, 3] = np.frombuffer(data, np.uint8)
    return rgba.tobytes()


try:
    from pyglet.font.freetype import FreeTypeGlyphRenderer
    _pyglet_glyph_rgba = FreeTypeGlyphRenderer._expand_to_rgba   # noqa: SLF001
    FreeTypeGlyphRenderer._expand_to_rgba = _glyph_rgba          # noqa: SLF001
except (ImportError, AttributeError):   # another platform's font backend, or another pyglet: as it is
    pass


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
        """(texture, program, corners) of each run of glyphs of a label of the text, as pyglet laid it out:
        corners, each triangle's in turn, of its position, tex_coords, anchor, rotation and visible ((m, k) arrays)."""
        key = (text, size, anchor_x)
        if key not in cls._templates:
            if cls._batch is None or len(cls._templates) >= MAX_TEMPLATES:   # typed numbers, zoom levels: a bound
                cls._templates, cls._labels, cls._batch = {}, [], Batch()
            label = pyglet.text.Label(text, font_name=FONT_NAME, font_size=size, anchor_y="center",
                                      anchor_x=anchor_x, batch=cls._batch)
            cls._labels.append(label)
            cls._templates[key] = [
                (box.owner, label._program, tuple(np.asarray(values, np.float32).reshape(vl.count, -1)[   # noqa: SLF001
                    np.asarray(vl.indices, np.intp)] for values in (vl.position[:], vl.tex_coords[:], vl.anchor[:],
                                                                    vl.rotation[:], vl.visible[:])))
                for box in label._boxes for vl in box.vertex_lists]   # noqa: SLF001
        return cls._templates[key]


class Sketch:
    """Polygons, closed lines, rounded rectangles and one-line texts drawn as pyglet draws them, many to a vertex
    list: pyglet's own code computes each shape's vertices and lays out each text (the same pixels), and
    finish() makes one vertex list per group and kind (or glyph texture), in the order drawn, instead of an
    object and a vertex list for each (0.15-0.5 ms apiece; a block has eight). The vertex lists hold each
    triangle's corners in turn, copied by numpy (pyglet copies Python lists and renumbers indices in Python:
    3-4 ms for a script of ten blocks, at the end of its building)."""

    def __init__(self, batch: Batch):
        self.batch = batch
        self._parts: dict[tuple, list] = {}   # (group, indexed) -> (positions, translation, rgb, indices) of shapes
        self._texts: dict[tuple, list] = {}   # (group, texture, program) -> (corners, rgba, translation) of runs

    def text(self, text: str, x: float, y: float, rgba: tuple, size: float, anchor_x: str, group: Group) -> Stamp:
        for texture, program, corners in Stamp.runs(text, size, anchor_x):
            self._texts.setdefault((group, texture, program), []).append((corners, rgba, (x, y, 0.0)))
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
        self._parts.setdefault((group, indices is not None), []).append((position, tuple(xy), (*rgb, 255), indices))

    def finish(self) -> list:
        """The vertex lists of everything drawn since the last finish (in the batch from now on)."""
        program = shapes.get_default_shader()
        made = []
        for (group, _), drawn in self._parts.items():
            corners = []
            for position, _, _, indices in drawn:
                xy = np.asarray(position, np.float32).reshape(-1, 2)
                corners.append(xy if indices is None else xy[np.asarray(indices, np.intp)])
            made.append(_corners(program, Opaque(program, group), self.batch, corners,   # all opaque
                                 [d[1] for d in drawn], [d[2] for d in drawn], {"position": corners}, rotation=1))
        for (group, texture, program), runs in self._texts.items():
            text_group = pyglet.text.layout.TextLayoutGroup(texture, program, order=1, parent=group)
            names = ("position", "tex_coords", "anchor", "rotation", "visible")
            made.append(_corners(program, text_group, self.batch, [r[0][0] for r in runs], [r[2] for r in runs],
                                 [r[1] for r in runs], {n: [r[0][k] for r in runs] for k, n in enumerate(names)}))
        self._parts.clear()
        self._texts.clear()
        return made


def _corners(program, group: Group, batch: Batch, first: list, translations: list, colours: list, data: dict,
             rotation: int = 0):
    """One vertex list of the triangles' corners of several shapes or runs of glyphs: `first` the (m, k) corners of
    each (for their number), `data` attribute name -> each one's (m, k) array; each one's translation and RGBA
    colour repeated over its corners; with `rotation`, a rotation of 0 for every corner."""
    m = [len(c) for c in first]
    count = sum(m)
    arrays = {name: ("f", np.concatenate(parts)) for name, parts in data.items()}
    arrays["translation"] = ("f", np.repeat(np.array(translations, np.float32), m, axis=0))
    arrays["colors"] = ("Bn", np.repeat(np.array(colours, np.uint8), m, axis=0))
    if rotation:
        arrays["rotation"] = ("f", np.zeros(count, np.float32))
    return vertex_list(program, count, batch, group, **arrays)


class _Shape(types.SimpleNamespace):
    """What pyglet.shapes' vertex functions read of a shape: its own attributes, not rotated, anchored at 0."""

    def __init__(self, **attributes):
        super().__init__(_visible=True, _anchor_x=0.0, _anchor_y=0.0, **attributes)


# --- pictures ----------------------------------------------------------------------------------------

class _OpaqueGroup(pyglet.sprite.SpriteGroup):
    def set_state(self) -> None:
        super().set_state()
        glDisable(GL_BLEND)


class _Opaque(pyglet.sprite.Sprite):
    """A sprite drawn without blending: its pictures are opaque (the same pixels, less work for software OpenGL)."""

    group_class = _OpaqueGroup


def image(rgba: np.ndarray, rect: Rect, batch, group, opaque: bool = False):
    """An (n, n, 4) uint8 array, row 0 at the bottom, stretched over rect; opaque: it and every picture drawn
    into it later have alpha 255 everywhere."""
    h, w = rgba.shape[:2]
    data = pyglet.image.ImageData(w, h, "RGBA", np.ascontiguousarray(rgba, dtype=np.uint8).tobytes())
    sprite = (_Opaque if opaque else pyglet.sprite.Sprite)(data.get_texture(), rect.x, rect.y, batch=batch,
                                                            group=group)
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
# The same triangles pyglet.shapes makes for Line and MultiLine, computed for all at once; discs (below) are squares.

class Blended(Group):
    """pyglet's shape shader with alpha blending, as pyglet.shapes draws."""

    def __init__(self, program, parent: Group):
        super().__init__(parent=parent)
        self.program = program

    def __eq__(self, other) -> bool:   # pyglet's Group: the same class, order and parent are the same state
        return super().__eq__(other) and self.program is other.program

    def __hash__(self) -> int:
        return hash((self.order, self.parent, self.program))

    def set_state(self):
        self.program.bind()
        glEnable(GL_BLEND)
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA)

    def unset_state(self):
        glDisable(GL_BLEND)
        self.program.unbind()


class Opaque(Blended):
    """A shader (pyglet's shape shader, or the discs') without blending, for shapes whose alpha is 255: blending
    them would give the same pixels (source times 1 plus destination times 0) at more cost on software OpenGL."""

    def set_state(self):
        self.program.bind()
        glDisable(GL_BLEND)

    def unset_state(self):
        self.program.unbind()


def triangles(xy: np.ndarray, indices: np.ndarray | None, rgba: np.ndarray, batch: Batch, group: Group):
    """One vertex list of triangles: (M, 2) corners and (M, 4) uint8 colours; three corners per triangle,
    or three indices into them (a corner shared by triangles is computed once, then copied to each)."""
    xy, rgba = np.asarray(xy, np.float32).reshape(-1, 2), np.asarray(rgba, np.uint8).reshape(-1, 4)
    if indices is not None:
        xy, rgba = xy[indices], rgba[indices]
    program = shapes.get_default_shader()
    group = (Opaque if len(rgba) and rgba[:, 3].min() == 255 else Blended)(program, group)
    m = len(xy)
    return vertex_list(program, m, batch, group, position=("f", xy), colors=("Bn", rgba),
                       translation=("f", np.zeros(2 * m, np.float32)), rotation=("f", np.zeros(m, np.float32)))


def vertex_list(program, count: int, batch: Batch, group: Group, **data):
    """program.vertex_list(count, GL_TRIANGLES, ...) with each attribute's data, (format, numpy array), copied
    into the vertex buffer by numpy: pyglet's own path takes Python lists (and an indexed list adds its start to
    every index in Python), 20-30 ms for the data plot's 1,200 discs."""
    vl = program.vertex_list(count, GL_TRIANGLES, batch, group, **{name: fmt for name, (fmt, _) in data.items()})
    for name, (_, values) in data.items():
        buffer = vl.domain.attrib_name_buffers[name]
        np.ctypeslib.as_array(buffer.get_region(vl.start, count))[:] = np.asarray(values).ravel()
        buffer.invalidate_region(vl.start, count)
    return vl


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


# Discs as squares whose corners are cut away pixel by pixel: two triangles a disc, where a fan of triangles takes
# fourteen (software OpenGL spends more on each small triangle than on its pixels: 1,200 points of the data plot,
# a rim and an inside disc each, took 6-8 ms to draw as fans, every frame the answer's map changes under them).
# A disc may have an inside of another colour (a data point: a rim and its class's colour), in the same square.
DISC_VERTEX = """#version 150 core
    in vec2 position;
    in vec2 offset;
    in vec2 radii;
    in vec4 colors;
    in vec4 inside_colors;
    out vec4 rim_colour;
    out vec4 inside_colour;
    out vec2 from_centre;
    out vec2 disc_radii;

    uniform WindowBlock
    {
        mat4 projection;
        mat4 view;
    } window;

    void main()
    {
        gl_Position = window.projection * window.view * vec4(position, 0.0, 1.0);
        rim_colour = colors;
        inside_colour = inside_colors;
        from_centre = offset;
        disc_radii = radii;
    }
"""
DISC_FRAGMENT = """#version 150 core
    in vec4 rim_colour;
    in vec4 inside_colour;
    in vec2 from_centre;
    in vec2 disc_radii;
    out vec4 final_colors;

    void main()
    {
        float d = dot(from_centre, from_centre);
        if (d > disc_radii.x * disc_radii.x)
            discard;
        final_colors = d <= disc_radii.y * disc_radii.y ? inside_colour : rim_colour;
    }
"""
_SQUARE = np.array([(-1, -1), (1, -1), (1, 1), (-1, -1), (1, 1), (-1, 1)], np.float32)   # two triangles


def discs(centres: np.ndarray, radii: np.ndarray, colours, batch: Batch, group: Group, inside=None):
    """One vertex list of opaque discs, drawn in order (a later one over an earlier one): (N, 2) centres, (N,)
    radii, (N, 3) or (N, 4) uint8 colours (alpha 255); inside: ((N,) radii, (N, 3) colours) of a disc of another
    colour in each, drawn as if over it."""
    program = pyglet.gl.current_context.create_program((DISC_VERTEX, "vertex"), (DISC_FRAGMENT, "fragment"))
    n = len(centres)
    radii = np.asarray(radii, np.float32)
    offset = radii.reshape(n, 1, 1) * _SQUARE[None]                                             # (N, 6, 2)
    position = np.asarray(centres, np.float32).reshape(n, 1, 2) + offset
    rim = per_shape(colours, 1)
    inner_r, inner = (np.full(n, -1, np.float32), rim) if inside is None else (inside[0], per_shape(inside[1], 1))
    both = np.column_stack([radii, np.asarray(inner_r, np.float32)])
    return vertex_list(program, 6 * n, batch, Opaque(program, group), position=("f", position),
                       offset=("f", offset), radii=("f", np.repeat(both, 6, axis=0)),
                       colors=("Bn", np.repeat(rim, 6, axis=0)), inside_colors=("Bn", np.repeat(inner, 6, axis=0)))
