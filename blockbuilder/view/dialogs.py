"""Draws a dialog from the primitives editor/dialogs.py's dialogs describe (box, text, rows, input, buttons).
Every text is wrapped by layout.wrap_text (pyglet breaks lines only at spaces, Japanese has none)."""
from __future__ import annotations

from pyglet import shapes

from ..editor.screen import Rect
from ..editor.layout import clip_left
from . import theme as T
from .measure import clip_text


def draw_dialog(o, c) -> None:
    """o: the overlay being built (view/overlay.py); c: the controller whose dialog is open."""
    o.rect(Rect(0, 0, c.width, c.height), T.DIALOG_SHADE, 6)
    for part in c.dialog.layout():
        kind = part[0]
        if kind == "box":
            o.rect(part[1], T.PANEL_BG, 6, radius=12, border=T.PANEL_EDGE)
        elif kind == "panel":
            o.rect(part[1], "#F4F5FA", 6, radius=6)
        elif kind == "text":
            _, x, y, text, size, width = part
            o.lines(text, x, y, T.INK, 7, size, width)
        elif kind == "problem":
            _, x, y, text, width = part
            o.lines(text, x, y, T.PROBLEM, 7, 11, width)
        elif kind == "row":
            _, r, text, selected, folder = part
            if selected:
                o.rect(Rect(r.x + 2, r.y + 2, r.w - 4, r.h - 4), T.MENU_HOVER, 6, radius=4)
            o.keep.append(shapes.Rectangle(r.x + 12, r.y + r.h / 2 - 7, 18, 14,
                                           color=T.rgb("#FFBF00" if folder else "#4C97FF"),
                                           batch=o.batch, group=o.groups[6]))
            o.text(clip_text(text, c.editor.measure, r.w - 48, 12), r.x + 40, r.y + r.h / 2, T.INK, 7, 12)
        elif kind == "input":
            _, r, text = part
            o.rect(r, "#FFFFFF", 6, radius=6, border=T.SELECT)
            o.text(clip_left(text + "▏", c.editor.measure, r.w - 20), r.x + 10, r.y + r.h / 2, T.INK, 7, 13)   # its end
        elif kind == "button":
            b = part[1]
            o.rect(b.rect, T.PRIMARY if b.id in ("ok", "save", "restore", "replace") else T.TOOLBAR_BUTTON,
                   6, radius=8, border=T.SELECT if b.toggled else None)
            o.text(b.text, b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2, T.TOOLBAR_TEXT, 7, 12, anchor_x="center")
