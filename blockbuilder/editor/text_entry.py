"""The controller's typing: a block's field or comment being typed into, and where comments sit."""
from __future__ import annotations

from dataclasses import dataclass

from runtime import Message

from ..document.catalog import BLOCK_TYPES, choice_label
from ..document.edits import block_at, find
from ..document.fields import parse_field, show_number
from ..document.project import MAX_TEXT
from . import keys as K
from .layout import COMMENT_LINE, COMMENT_PAD, COMMENT_W, COMMENT_X
from .screen import Menu, MenuItem, Rect
from .texts import msg

COMMENT_LIMIT = 2000    # characters in a comment: project.Block.comment's max_length (a test checks it)


@dataclass
class FieldEdit:
    """A field (or a comment, param "comment") being typed into."""

    block_id: str
    param: str
    kind: str
    text: str
    fresh: bool = True            # the first key typed replaces the old text
    error: Message | None = None


class Fields:
    """The Controller's fields and comments (a mixin: the one being typed is the Controller's `field`)."""

    def open_field(self, block_id: str, param: str) -> None:
        block = block_at(self.editor.project, find(self.editor.project, block_id))
        p = BLOCK_TYPES[block.type].param(param)
        value, lang = block.params.get(param, p.default), self.editor.lang
        box = self.block_box(block_id)
        item = next(i for i in box.items if i.param == param)
        sx, sy = self.code.to_screen(item.x, item.y + item.h)
        if p.kind == "choice":
            items = [MenuItem(c, choice_label(c, lang), checked=c == value) for c in p.choices]
            self.open_menu(Menu("choice", items, sx, sy, target=block_id, param=param))
        elif p.kind == "features":
            self.open_features(block_id, param, sx, sy)
        elif p.kind == "bool":
            self.editor.set_param(block_id, param, not value)
        elif p.kind == "points":
            self.say(msg("field_points_on_stage"))
        else:
            text = "" if value is None else (", ".join(show_number(w) for w in value) if p.kind == "weights"
                                             else show_number(value) if p.kind in ("number", "integer") else value)
            self.field = FieldEdit(block_id, param, p.kind, text)

    def edit_comment(self, block_id: str) -> None:
        block = block_at(self.editor.project, find(self.editor.project, block_id))
        self.editor.selection = block_id
        self.field = FieldEdit(block_id, "comment", "comment", block.comment or "", fresh=block.comment is None)
        note = self.comment_place(block_id)
        self.reveal_area(note.x, note.y, COMMENT_W, note.h)   # the child sees what they write

    def type_text(self, text: str) -> None:
        if self.dialog is not None:
            self.dialog.type_text(text)
            return
        f = self.field
        if f is None:
            return
        text = "".join(ch for ch in text if ch.isprintable())
        if not text:   # Enter and Ctrl+key also arrive as text: they must not clear a refusal or a selection
            return
        f.text = (text if f.fresh else f.text + text)[:COMMENT_LIMIT if f.kind == "comment" else MAX_TEXT]
        f.fresh, f.error = False, None

    def commit_field(self) -> None:
        f = self.field
        if f is None:
            return
        if find(self.editor.project, f.block_id) is None:
            self.field = None
            return
        if f.kind == "comment":
            self.field = None
            self.editor.set_comment(f.block_id, f.text.strip() or None)
            return
        block = block_at(self.editor.project, find(self.editor.project, f.block_id))
        value, f.error = parse_field(f.text, BLOCK_TYPES[block.type].param(f.param))
        if f.error is None:
            self.field = None
            self.editor.set_param(f.block_id, f.param, value)

    def _field_key(self, symbol: int, ctrl: bool = False) -> bool:
        """A comment takes Enter as a new line, as Scratch's notes do; Ctrl+Enter, Escape or a click
        outside it ends it, keeping what was typed. A field takes Enter to set it, Escape to leave it."""
        f = self.field
        if f.kind == "comment" and symbol in (K.ENTER, K.RETURN, K.NUM_ENTER) and not ctrl:
            f.text, f.fresh = (("" if f.fresh else f.text) + "\n")[:COMMENT_LIMIT], False
        elif f.kind == "comment" and symbol in (K.ENTER, K.RETURN, K.NUM_ENTER, K.ESCAPE):
            self.commit_field()
        elif symbol in (K.ENTER, K.RETURN, K.NUM_ENTER):
            self.commit_field()
        elif symbol == K.ESCAPE:
            self.field = None
        elif symbol == K.A and ctrl and f.kind != "comment":
            f.fresh = True    # select all: the next key typed replaces the whole text
        elif symbol == K.BACKSPACE:
            f.text, f.fresh, f.error = ("" if f.fresh else f.text[:-1]), False, None
        return True

    # --- comments ----------------------------------------------------------------------

    def comment_at(self, wx: float, wy: float) -> str | None:
        for block_id, rect in self.comment_rects():
            if rect.contains(wx, wy):
                return block_id
        return None

    def comment_place(self, block_id: str) -> Rect | None:
        """The block's note, or where a new one goes: beside the block, one line high (workspace units)."""
        note = next((r for i, r in self.comment_rects() if i == block_id), None)
        sb = next((s for s in self.editor.layout() for b in s.all() if b.id == block_id), None)
        if note is not None or sb is None:
            return note
        box = self.block_box(block_id)
        return Rect(sb.x + sb.w + COMMENT_X, box.y + 6, COMMENT_W, COMMENT_LINE + 2 * COMMENT_PAD)

    def comment_rects(self) -> list[tuple[str, Rect]]:
        """Comment notes, to the right of their block's annotation (workspace units, y down)."""
        return [(c.block_id, Rect(c.x, c.y, c.w, c.h)) for c in self.editor.comments()]
