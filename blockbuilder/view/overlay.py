"""What floats above the blocks: selection, keyboard focus, menus, the field being typed, bubbles, dialogs.

The status box at the bottom of the code area is kept between rebuilds while it says the same (a drag or a
pointer move rebuilds the rest: two bubbles of new labels took 3-5 ms a frame)."""
from __future__ import annotations

import weakref

import pyglet
from pyglet import shapes
from pyglet.graphics import Batch, Group

from ..editor.layout import COMMENT_LINES, line_height, wrap_text
from ..editor.screen import MENU_ROW, PALETTE_SCALE, ROUND_BUTTON, TOOL_PT, Rect
from . import theme as T
from .dialogs import draw_dialog
from .fonts import FONT_NAME
from .layers import Batches
from .texts import msg

EDIT_PT, EDIT_LINE = 12, 20    # a comment being written: text size and line height, screen pixels
BUBBLE_PT = 11                 # bubbles, toasts and the status line
CORNER_W = ROUND_BUTTON + 14 + 8   # the zoom and trash buttons' column at the code area's right


class Overlay:
    def __init__(self, controller):
        self.c, self.batch, self.keep = controller, Batch(), []
        self.under = Batch()   # layer 0, drawn before the status box; the other layers after it
        self.groups = [Group(n) for n in range(8)]

    def batch_for(self, layer: int) -> Batch:
        return self.under if layer == 0 else self.batch

    def rect(self, r: Rect, colour, layer=0, radius=0.0, border: str | None = None, alpha=255):
        """A filled (rounded) rectangle, with a 2-pixel border drawn as a bigger one behind it."""
        if border:
            self._shape(Rect(r.x - 2, r.y - 2, r.w + 4, r.h + 4), T.rgb(border) + (alpha,), layer, radius + 2 if radius else 0)
        fill = T.rgb(colour) + (alpha,) if isinstance(colour, str) else tuple(colour)
        self._shape(r, fill, layer, radius)

    def _shape(self, r: Rect, colour: tuple, layer: int, radius: float) -> None:
        group = self.groups[layer]
        if radius:
            shape = shapes.RoundedRectangle(r.x, r.y, r.w, r.h, radius=min(radius, r.w / 2, r.h / 2), color=colour,
                                            batch=self.batch_for(layer), group=group)
        else:
            shape = shapes.Rectangle(r.x, r.y, r.w, r.h, color=colour, batch=self.batch_for(layer), group=group)
        self.keep.append(shape)

    def text(self, text, x, y, colour=T.INK, layer=1, size=TOOL_PT, anchor_x="left"):
        """One line of text, its middle at y."""
        label = pyglet.text.Label(text, font_name=FONT_NAME, font_size=size, x=x, y=y, anchor_y="center",
                                  anchor_x=anchor_x, color=T.rgb(colour) + (255,), batch=self.batch_for(layer),
                                  group=self.groups[layer])
        self.keep.append(label)
        return label

    def lines(self, text, x, y, colour=T.INK, layer=1, size=TOOL_PT, width=None) -> float:
        """Text wrapped to `width` (as given, if None) by wrap_text, not by pyglet, which breaks only at
        spaces; the lines are centred on y as a block. Returns their height."""
        rows = wrap_text(text, self.c.editor.measure, width, size) if width else text.split("\n")
        step = line_height(size)
        top = y + step * len(rows) / 2
        for i, row in enumerate(rows):
            self.text(row, x, top - step * (i + 0.5), colour, layer, size)
        return step * len(rows)

    def outline(self, r: Rect, colour: str, thickness=3.0, layer=0, within: Rect | None = None):
        """A rectangle's edges; with `within`, only the part inside that area (never over the stage)."""
        if within is not None:
            r = _clip(r, within)
            if r is None:
                return
        pts = [(r.x, r.y), (r.x + r.w, r.y), (r.x + r.w, r.y + r.h), (r.x, r.y + r.h)]
        self.keep.append(shapes.MultiLine(*pts, closed=True, thickness=thickness, color=T.rgb(colour),
                                          batch=self.batch_for(layer), group=self.groups[layer]))

    def bubble(self, text: str, x: float, y: float, colour=T.INK, edge=T.PANEL_EDGE, width=320, layer=2,
               bottom=False) -> Rect:
        """A speech bubble whose top-left (or, with bottom, bottom-left) is at (x, y), moved inside the
        code area (never over the palette or the stage), as tall as its wrapped text."""
        area = self.c.regions.code
        width = min(width, area.w - 8)
        inner = width - 28   # 12 pixels each side, and room for a closing mark that hangs past the line's end
        h = len(wrap_text(text, self.c.editor.measure, inner, BUBBLE_PT)) * line_height(BUBBLE_PT) + 16
        top = y + h if bottom else y
        x = max(area.x + 4, min(x, area.x + area.w - width - 4))
        top = min(area.top - 4, max(top, area.y + h + 4))
        box = Rect(x, top - h, width, h)
        self.rect(box, T.BUBBLE_BG, layer, radius=8, border=edge)
        self.lines(text, x + 12, top - h / 2, colour, layer + 1, BUBBLE_PT, inner)
        return box


def build_overlay(c):
    o = Overlay(c)
    e, lang = c.editor, c.editor.lang
    code = c.code
    box = c.block_box(e.selection) if e.selection and e.drag is None else None
    if box is not None:
        x, y = code.to_screen(box.x, box.y)
        z = e.camera.zoom
        sel = Rect(x - 3, y - box.h * z - 3, box.w * z + 6, box.h * z + 6)
        if c.regions.code.contains(x, y) or c.regions.code.contains(x, y - box.h * z):
            o.outline(sel, T.SELECT, 3, within=c.regions.code)
            fields = [i for i in box.items if i.kind == "field"]
            if fields and c.field is None and c.focus == "code":
                f = fields[min(c.field_cursor, len(fields) - 1)]
                fx, fy = code.to_screen(f.x, f.y + f.h)
                o.outline(Rect(fx - 2, fy - 2, f.w * z + 4, f.h * z + 4), T.SELECT, 2, within=c.regions.code)
    if c.focus == "palette" and not c.trash_open:
        entries = e.palette().entries
        if entries:
            pbox = entries[min(c.palette_cursor, len(entries) - 1)][1]
            px, py = c.palette.to_screen(pbox.x, pbox.y)
            o.outline(Rect(px - 3, py - pbox.h * PALETTE_SCALE - 3, pbox.w * PALETTE_SCALE + 6,
                           pbox.h * PALETTE_SCALE + 6), T.SELECT, 3, within=c.regions.flyout)
    _drag_reason(o, c)
    status = _status_box(c)
    _field(o, c)
    _menu(o, c)
    toast = c.current_toast()
    if toast is not None:   # at the top of the code area: clear of its corner buttons and the status line
        r = c.regions.code
        o.bubble(toast.text(lang), r.x + 10, r.top - 10, T.INK, T.SELECT, width=min(520, r.w - 20), layer=4)
    if c.dialog is not None:
        draw_dialog(o, c)
    return Batches([o.under, status.under, status.batch, o.batch]), status.keep + o.keep


def _clip(r: Rect, area: Rect) -> Rect | None:
    """The part of r inside area (2 pixels in, so the edge shows), or None."""
    x0, y0 = max(r.x, area.x + 2), max(r.y, area.y + 2)
    x1, y1 = min(r.x + r.w, area.x + area.w - 2), min(r.top, area.top - 2)
    return Rect(x0, y0, x1 - x0, y1 - y0) if x1 > x0 and y1 > y0 else None


def _drag_reason(o: Overlay, c) -> None:
    d = c.editor.drag
    if d is None or d.spot is not None or d.refused is None or c.drag_pos is None:
        return
    x, y = c.code.to_screen(*d.refused_at)
    o.keep.append(shapes.Circle(x, y, 10, color=T.rgb(T.PROBLEM), batch=o.batch_for(0), group=o.groups[0]))
    o.text("×", x, y, T.ON_PROBLEM, 1, 12, anchor_x="center")
    px, py = c.pointer
    o.bubble(d.refused.text(c.editor.lang), px + 18, py - 18, T.PROBLEM, T.PROBLEM, layer=2)


def status_width(code: Rect) -> float:
    """The status line's width: the code area's bottom left, short of the corner buttons' column."""
    return min(code.w - 20 - CORNER_W, 560)


_STATUS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()   # controller -> (what it says, its Overlay)


def _status_box(c) -> Overlay:
    """The status box, drawn anew only when what it says or where it goes changed."""
    said = msg("status_moving").text(c.editor.lang) if c.moving is not None else _status_text(c)
    key = (said, c.regions.code)
    kept = _STATUS.get(c)
    if kept is None or kept[0] != key:
        kept = key, Overlay(c)
        _status(kept[1], c)
        kept[1].c = None   # kept without the controller, which keys it weakly
        _STATUS[c] = kept
    return kept[1]


def _status(o: Overlay, c) -> None:
    """A box at the bottom of the code area: is the network ready, how many problems, or (a block with a
    problem selected) what is wrong with it; said here rather than in a bubble that would hide the blocks
    below it. Wrapped, never cut: the box grows upwards."""
    e, r = c.editor, c.regions.code
    if c.moving is not None:    # the keys of a keyboard move, while it lasts
        o.bubble(msg("status_moving").text(e.lang), r.x + 10, r.y + 10, T.INK, T.SELECT, width=status_width(r),
                 layer=0, bottom=True)
        return
    said = _status_text(c)
    if said is not None:
        text, colour = said
        o.bubble(text, r.x + 10, r.y + 10, colour, colour, width=status_width(r), layer=0, bottom=True)


def _status_text(c) -> tuple[str, str] | None:
    e = c.editor
    compiled = e.compiled()
    chosen = next((p for p in compiled.problems if p.block_id == e.selection), None) if e.drag is None else None
    errors = [p for p in compiled.problems if p.severity == "error"]
    if chosen is not None:
        return chosen.message.text(e.lang), T.PROBLEM
    advice = _advice(c)
    if advice is not None and e.drag is None and advice.block_id == e.selection:   # the coach's block, chosen
        return advice.message.text(e.lang), T.PROBLEM
    if errors:
        return msg("status_problems", count=len(errors)).text(e.lang), T.PROBLEM
    if compiled.spec is not None:
        return msg("status_ready", shape=" → ".join(str(n) for n in _sizes(compiled))).text(e.lang), T.READY
    return None


def _advice(c):
    """The learning coach's advice the stage shows now (lab/coach.py), or None."""
    stage = c.stage_input
    return stage.lab.advice if stage is not None else None


def advised_block(c) -> str | None:
    """The block the coach's advice points at: marked like a block with a problem."""
    advice = _advice(c)
    return advice.block_id if advice is not None else None


def advice_key(c) -> tuple | None:
    """What the coach says, for the overlay's rebuild check (the status box shows it on its block)."""
    advice = _advice(c)
    return advice and (advice.block_id, advice.message.key, repr(advice.message.params))


def _sizes(compiled) -> list[str]:
    """The numbers flowing through the network script: inputs, then each layer's outputs."""
    shapes = [compiled.annotations.get(i, "") for i in compiled.layer_blocks]
    first = shapes[0].split("→")[0].strip() if shapes else "?"
    return [first] + [s.split("→")[-1].strip() for s in shapes if "→" in s]


def _field(o: Overlay, c) -> None:
    f = c.field
    if f is None:
        return
    e = c.editor
    z = e.camera.zoom
    if f.kind == "comment":
        _comment_field(o, c)
        return
    box = c.block_box(f.block_id)
    item = next((i for i in box.items if i.param == f.param), None) if box else None
    if item is None:
        return
    x, y = c.code.to_screen(item.x, item.y + item.h)
    w = max(item.w * z, e.measure(f.text) + 40, 120)
    h = 40
    x = max(c.regions.code.x + 4, min(x, c.regions.code.x + c.regions.code.w - w - 4))   # never over the stage
    o.rect(Rect(x, y - 4, w, h), T.FIELD_BG, 3, radius=8, border=T.SELECT)
    if f.fresh and f.text:   # all of it selected (just opened, or Ctrl+A): the next key replaces it
        o.rect(Rect(x + 8, y + 6, e.measure(f.text) + 4, h - 20), T.MENU_HOVER, 3)
    o.text(f.text + "▏", x + 10, y - 4 + h / 2, T.INK, 4, 13)
    if f.error is not None:
        o.bubble(f.error.text(e.lang), x, y - 10, T.PROBLEM, T.PROBLEM, layer=5)


def _comment_field(o: Overlay, c) -> None:
    """The comment being written, over its note: every line (the last ones, if there are very many),
    the box growing downwards as Enter adds lines."""
    f, e = c.field, c.editor
    rect = c.comment_place(f.block_id)
    if rect is None:
        return
    x, top = c.code.to_screen(rect.x, rect.y)
    w = max(300.0, rect.w * e.camera.zoom)
    lines = wrap_text(f.text + "▏", e.measure, w - 24, EDIT_PT)[-COMMENT_LINES:]
    h = max(rect.h * e.camera.zoom, len(lines) * EDIT_LINE + 16)
    o.rect(Rect(x, top - h, w, h), T.FIELD_BG, 3, radius=8, border=T.SELECT)
    for i, line in enumerate(lines):
        o.text(line, x + 10, top - 8 - EDIT_LINE * (i + 0.5), T.INK, 4, EDIT_PT)


def _menu(o: Overlay, c) -> None:
    m = c.menu
    if m is None:
        return
    r = m.rect()
    o.rect(Rect(r.x, r.y, r.w, r.h), T.MENU_BG, 5, radius=6, border=T.PANEL_EDGE)
    for i, item in enumerate(m.items):
        row = m.row_rect(i)
        if i == m.selected:
            o.rect(Rect(row.x + 3, row.y + 2, row.w - 6, row.h - 4), T.MENU_HOVER, 5, radius=4)
        mark = "" if item.checked is None else ("✓" if item.checked else "")
        o.text(mark, row.x + 12, row.y + MENU_ROW / 2, T.INK, 6, 13)
        o.text(item.text, row.x + 34, row.y + MENU_ROW / 2, T.INK if item.enabled else T.OFF_TEXT, 6, TOOL_PT)
