"""The input controller: pointer gestures and keys -> editor actions. Headless: the window feeds it
pyglet's events as plain numbers and draws what it holds (menus, the field being typed, the drag).

Key and button codes are pyglet's values, copied into keys.py so this module needs no pyglet.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass

from runtime import Message

from ..document.catalog import BLOCK_TYPES, CATEGORY_LABELS, choice_label
from ..document.edits import block_at, find
from ..document.fields import parse_field, show_number
from ..document.project import MAX_TEXT, Block
from . import keys as K
from .editor import Drag, Editor
from .layout import (COMMENT_LINE, COMMENT_PAD, COMMENT_W, COMMENT_X, PALETTE_W, PALETTE_X, BlockBox, Item, Spot, hit,
                     layout_run)
from .screen import (PALETTE_SCALE, Camera, CodeView, Menu, MenuItem, PaletteView, Rect, Toolbar, corner_buttons,
                     fit_menu, lay_toolbar, regions)
from .texts import msg

DRAG_START = 4          # pixels the pointer moves before a press becomes a drag
TOAST_SECONDS = 4.0
LANGUAGE_NAMES = {"ja": "日本語", "ja-Hira": "にほんご", "en": "English"}
COMMENT_LIMIT = 2000    # characters in a comment: project.Block.comment's max_length (a test checks it)
LIFT = 24               # how far a run moved with the keys floats from its ghost, workspace units


@dataclass
class Press:
    kind: str                    # "palette", "block", "pan", "trash"
    x: float
    y: float
    target: str | None = None    # block type (palette), block id (block), trash index
    item: Item | None = None     # the field pressed on, if any
    grab: tuple[float, float] = (0.0, 0.0)
    camera: tuple[float, float] = (0.0, 0.0)
    dragged: bool = False        # a drag started (a release is then never a click)


@dataclass
class FieldEdit:
    """A field (or a comment, param "comment") being typed into."""

    block_id: str
    param: str
    kind: str
    text: str
    fresh: bool = True            # the first key typed replaces the old text
    error: Message | None = None


@dataclass
class KeyMove:
    """A run picked up with the keyboard: the places it may go in reading order (None: on its own,
    at `loose`), and which one it is on. It lives as long as its editor drag."""

    drag: Drag
    stops: list[Spot | None]
    index: int
    loose: tuple[float, float]

    @property
    def stop(self) -> Spot | None:
        return self.stops[self.index]


class _ViewKeys:
    """What the overlay shows, as a hashable key, so the window redraws it only on change."""

    def overlay_key(self) -> tuple:
        e, cam = self.editor, self.editor.camera
        f, m, d = self.field, self.menu, e.drag
        toast = self.current_toast()
        return (e.version, e.selection, cam.x, cam.y, cam.zoom, self.focus, self.palette_cursor, self.palette.scroll,
                self.field_cursor, self.trash_open, self.width, self.height,
                f and (f.block_id, f.param, f.text, f.error and f.error.key),
                m and (m.kind, m.selected, tuple((i.text, i.checked, i.enabled) for i in m.items), m.x, m.y),
                toast and (toast.key, str(toast.params)),
                d and (d.spot, d.refused and d.refused.key, d.refused and self.pointer), self.moving is not None,
                self.dialog and self.dialog.key())


class Controller(_ViewKeys):
    def __init__(self, editor: Editor, width: float, height: float, clock=time.monotonic):
        self.editor = editor
        self.clock = clock
        self.palette = PaletteView(Rect(0, 0, 1, 1))
        self.resize(width, height)
        self.press: Press | None = None
        self.drag_pos: tuple[float, float] | None = None   # the dragged run's top-left, workspace units
        self.pointer = (0.0, 0.0)
        self.menu: Menu | None = None
        self.field: FieldEdit | None = None
        self.trash_open = False
        self.focus = "code"             # or "palette": where the arrow keys move
        self.palette_cursor = 0
        self.field_cursor = 0           # which field of the selected block Enter edits
        self.toast: tuple[Message, float] | None = None
        self.actions = {}               # id -> callable, for toolbar buttons the app adds (files, language)
        self.dialog = None              # a modal dialog (files.py): it gets every event while open
        self.want_close = False
        self.on_tick = []               # callables run every tick (autosave)
        self._moving: KeyMove | None = None
        self.stage_input = None         # stage.StageControl: presses on the stage (training, views)

    # --- geometry ----------------------------------------------------------------------

    def resize(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        stage = getattr(self, "stage_input", None)
        self.regions = regions(width, height, big_stage=bool(stage and stage.state.big))
        self.palette.area = self.regions.flyout

    @property
    def code(self) -> CodeView:
        return CodeView(self.regions.code, self.editor.camera)

    def corner(self):
        return corner_buttons(self.regions.code)

    def say(self, message: Message) -> None:
        self.toast = (message, self.clock() + TOAST_SECONDS)

    def current_toast(self) -> Message | None:
        if self.toast and self.toast[1] > self.clock():
            return self.toast[0]
        return None

    def block_box(self, block_id: str) -> BlockBox | None:
        return next((b for sb in self.editor.layout() for b in sb.all() if b.id == block_id), None)

    def toolbar(self) -> Toolbar:
        e, lang = self.editor, self.editor.lang
        t = lambda key, **kw: msg(key, **kw).text(lang)  # noqa: E731
        left = [("new", t("tool_new"), True), ("open", t("tool_open"), True), ("save", t("tool_save"), True),
                ("save_as", t("tool_save_as"), True), ("examples", t("tool_examples") + " ▼", True),
                ("undo", t("tool_undo"), bool(e.history.done)), ("redo", t("tool_redo"), bool(e.history.undone))]
        right = [("language", t("tool_language", name=LANGUAGE_NAMES[lang]) + " ▼", True)]
        area = self.regions.toolbar
        return lay_toolbar(left, right, area, self.editor.measure)

    def tick(self) -> None:
        for f in self.on_tick:
            f()

    def request_close(self) -> bool:
        """The window's close button: True if it may close now (files.py asks first when unsaved)."""
        handler = self.actions.get("request_close")
        return handler() if handler else True

    # --- pointer -----------------------------------------------------------------------

    def mouse_press(self, x: float, y: float, button: int, modifiers: int = 0) -> None:
        self.pointer = (x, y)
        if self.moving is not None:   # a click ends a keyboard move: the run goes back where it was
            self.cancel_key_move()
        if self.dialog is not None:
            if button == K.LEFT:
                self.dialog.mouse_press(x, y)
            return
        if self.field is not None:
            self.commit_field()
            if self.field is not None:   # refused: keep typing
                return
        if self.menu is not None:
            self._menu_press(x, y)
            return
        if button == K.RIGHT or (button == K.LEFT and modifiers & K.MOD_CTRL and K.IS_MAC):
            self._context_menu(x, y)
            return
        if button != K.LEFT:
            return
        r = self.regions
        button = self.toolbar().at(x, y) if r.toolbar.contains(x, y) else None
        if button is not None:
            if button.enabled:
                self.run(button.id)
            return
        corner = next((b for b in self.corner() if b.rect.contains(x, y)), None)
        if corner is not None:
            self.run(corner.id)
        elif r.categories.contains(x, y):
            self._category_press(y)
        elif r.flyout.contains(x, y):
            self._palette_press(x, y)
        elif r.code.contains(x, y):
            self._code_press(x, y)
        elif r.stage.contains(x, y) and self.stage_input is not None:
            self.stage_input.press(x, y)

    def _category_press(self, y: float) -> None:
        self.trash_open = False
        top = self.regions.categories.top
        index = int((top - y - 8) // 72)
        cats = list(CATEGORY_LABELS)
        if 0 <= index < len(cats):
            heading = next(h for h in self.editor.palette().headings if h[0] == cats[index])
            self.palette.scroll = heading[1] - 8

    def _palette_press(self, x: float, y: float) -> None:
        px, py = self.palette.to_palette(x, y)
        if self.trash_open:
            for i, box in self.trash_boxes():
                if box.contains(px, py):
                    self.press = Press("trash", x, y, str(i), grab=(px - box.x, py - box.y))
            return
        for type_id, box in self.editor.palette().entries:
            if box.contains(px, py):
                self.focus, self.palette_cursor = "palette", self._palette_index(type_id)
                self.press = Press("palette", x, y, type_id, grab=(px - box.x, py - box.y))
                return

    def _code_press(self, x: float, y: float) -> None:
        wx, wy = self.code.to_world(x, y)
        self.focus = "code"
        comment = self.comment_at(wx, wy)
        if comment is not None:
            self.edit_comment(comment)
            return
        box = hit(self.editor.layout(), wx, wy)
        if box is None:
            self.editor.selection = None
            self.press = Press("pan", x, y, camera=(self.editor.camera.x, self.editor.camera.y))
            return
        self.editor.selection = box.id
        self.press = Press("block", x, y, box.id, box.item_at(wx, wy), grab=(wx - box.x, wy - box.y))

    def mouse_drag(self, x: float, y: float) -> None:
        self.pointer = (x, y)
        p = self.press
        if p is None:
            if self.stage_input is not None and self.dialog is None:
                self.stage_input.drag(x, y)
            return
        if p.kind == "pan":
            z = self.editor.camera.zoom
            self.editor.camera.x = p.camera[0] - (x - p.x) / z
            self.editor.camera.y = p.camera[1] + (y - p.y) / z
            return
        if self.editor.drag is None:
            if math.hypot(x - p.x, y - p.y) < DRAG_START:
                return
            self._start_drag(p)
        wx, wy = self.code.to_world(x, y)
        self.drag_pos = (wx - p.grab[0], wy - p.grab[1])
        self.editor.drag_to(*self.drag_pos)

    def _start_drag(self, p: Press) -> None:
        self.menu, p.dragged = None, True
        if p.kind == "palette":
            self.editor.start_drag(None, p.grab, self.editor.new_palette_blocks(p.target))
        elif p.kind == "trash":
            self.editor.start_drag_from_trash(int(p.target), p.grab)
        else:
            self.editor.start_drag(p.target, p.grab)

    def mouse_release(self, x: float, y: float, button: int = 1, modifiers: int = 0) -> None:
        self.pointer = (x, y)
        p, self.press = self.press, None
        if p is None:
            if self.stage_input is not None:
                self.stage_input.release(x, y)
            return
        if self.editor.drag is None:
            if p.dragged or p.kind == "pan":
                return
            if p.kind == "block":
                self._click_block(p)
            elif p.kind == "palette":
                self.add_from_palette(p.target)
            elif p.kind == "trash":
                self._restore(int(p.target), None)
            return
        self._drop(p, x, y)

    def _drop(self, p: Press, x: float, y: float) -> None:
        d, pos = self.editor.drag, self.drag_pos
        self.drag_pos = None
        over_palette = self.regions.flyout.contains(x, y) or self.regions.categories.contains(x, y)
        if over_palette or not self.regions.code.contains(x, y):
            if over_palette and d.source is not None:
                self.editor.drop_on_palette()
            else:
                self.editor.cancel_drag()
            return
        if d.spot is None and d.refused is not None:
            self.say(d.refused)
        self.editor.drop(*pos)

    def _click_block(self, p: Press) -> None:
        box = self.block_box(p.target)
        if p.item is not None and box is not None:
            self.field_cursor = [i for i in box.items if i.kind == "field"].index(p.item)
            self.open_field(p.target, p.item.param)

    def mouse_motion(self, x: float, y: float) -> None:
        self.pointer = (x, y)
        if self.menu is not None:
            i = self.menu.item_at(x, y)
            if i is not None:
                self.menu.selected = i
        elif self.stage_input is not None and self.regions.stage.contains(x, y):
            self.stage_input.motion(x, y)

    def scroll(self, x: float, y: float, dx: float, dy: float, modifiers: int = 0) -> None:
        if self.regions.flyout.contains(x, y):
            limit = self.trash_height() if self.trash_open else self.editor.palette().h
            self.palette.scroll = max(0.0, min(limit - 200, self.palette.scroll - dy * 40 / PALETTE_SCALE))
        elif self.regions.code.contains(x, y):
            if modifiers & (K.MOD_CTRL | K.MOD_COMMAND):
                self.zoom_at(x, y, 1 if dy > 0 else -1)
            else:
                z = self.editor.camera.zoom
                self.editor.camera.x += (dx if not modifiers & K.MOD_SHIFT else -dy) * 40 / z
                self.editor.camera.y -= (dy if not modifiers & K.MOD_SHIFT else 0) * 40 / z

    def zoom_at(self, x: float, y: float, step: int) -> None:
        cam, zooms = self.editor.camera, Camera.ZOOMS
        i = min(range(len(zooms)), key=lambda k: abs(zooms[k] - cam.zoom))
        new = zooms[max(0, min(len(zooms) - 1, i + step))] if step else 1.0
        wx, wy = self.code.to_world(x, y)
        cam.zoom = new
        nx, ny = self.code.to_world(x, y)
        cam.x, cam.y = cam.x + wx - nx, cam.y + wy - ny

    # --- menus -------------------------------------------------------------------------

    def _context_menu(self, x: float, y: float) -> None:
        if not self.regions.code.contains(x, y):
            return
        box = hit(self.editor.layout(), *self.code.to_world(x, y))
        lang = self.editor.lang
        if box is not None:
            self.editor.selection = box.id
            has_comment = block_at(self.editor.project, find(self.editor.project, box.id)).comment is not None
            ids = ("duplicate", "copy", "move", "comment_edit" if has_comment else "comment_add", "delete")
            items = [MenuItem(i, msg(f"menu_{i}").text(lang)) for i in ids]
            self.open_menu(Menu("block", items, x, y, target=box.id))
        else:
            items = [MenuItem("paste", msg("menu_paste").text(lang), self.editor.clipboard is not None),
                     MenuItem("clean_up", msg("menu_clean_up").text(lang)),
                     MenuItem("undo", msg("menu_undo").text(lang), bool(self.editor.history.done)),
                     MenuItem("redo", msg("menu_redo").text(lang), bool(self.editor.history.undone))]
            self.open_menu(Menu("workspace", items, x, y))

    def open_menu(self, menu: Menu) -> None:
        self.menu = fit_menu(menu, self.editor.measure, self.width, self.height)
        self.menu.selected = next((i for i, it in enumerate(menu.items) if it.checked), 0)

    def _menu_press(self, x: float, y: float) -> None:
        menu = self.menu
        i = menu.item_at(x, y)
        if i is None:
            self.menu = None
            return
        self.choose_menu_item(i)

    def choose_menu_item(self, i: int) -> None:
        menu = self.menu
        item = menu.items[i]
        if not item.enabled:
            return
        if not menu.keep_open:
            self.menu = None
        if menu.kind == "choice":
            self.editor.set_param(menu.target, menu.param, item.id)
        elif menu.kind == "features":
            self._toggle_feature(menu, i)
        elif menu.kind == "block":
            self.run(item.id, menu.target)
        else:
            self.run(item.id)

    def _toggle_feature(self, menu: Menu, i: int) -> None:
        block = block_at(self.editor.project, find(self.editor.project, menu.target))
        p = BLOCK_TYPES[block.type].param(menu.param)
        chosen = list(block.params.get(menu.param, p.default))
        value = menu.items[i].id
        chosen = [c for c in p.choices if (c in chosen) != (c == value)]
        self.editor.set_param(menu.target, menu.param, chosen)
        for item in menu.items:
            item.checked = item.id in chosen

    def open_features(self, block_id: str, param: str, sx: float, sy: float) -> None:
        """The inputs menu of a data hat (x1, x2, x1², sin x1, …): each item switches one on or off and the
        menu stays open. Opened from the block's field or from the inputs on the stage's diagram."""
        block = block_at(self.editor.project, find(self.editor.project, block_id))
        p = BLOCK_TYPES[block.type].param(param)
        value = block.params.get(param, p.default)
        items = [MenuItem(c, choice_label(c, self.editor.lang), checked=c in value) for c in p.choices]
        self.open_menu(Menu("features", items, sx, sy, target=block_id, param=param, keep_open=True))

    # --- fields ------------------------------------------------------------------------

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

    # --- actions -------------------------------------------------------------------------

    def run(self, action: str, target: str | None = None) -> None:
        """Do a toolbar, menu, corner-button or key action by its id."""
        e, target = self.editor, target or self.editor.selection
        cx, cy = self.regions.code.x + self.regions.code.w / 2, self.regions.code.top - 80
        simple = {"undo": e.undo, "redo": e.redo, "clean_up": e.clean_up,
                  "zoom_in": lambda: self.zoom_at(cx, cy, 1), "zoom_out": lambda: self.zoom_at(cx, cy, -1),
                  "zoom_reset": lambda: self.zoom_at(cx, cy, 0), "trash": self.toggle_trash,
                  "paste": lambda: e.paste(*self.code.to_world(*self._paste_point()))}
        on_block = {"delete": e.delete, "duplicate": e.duplicate, "copy": e.copy, "move": self.start_key_move,
                    "comment_add": self.edit_comment, "comment_edit": self.edit_comment}
        if action in simple:
            simple[action]()
        elif action in on_block and target is not None and find(e.project, target) is not None:
            on_block[action](target)
        elif action in self.actions:
            self.actions[action]()

    def _paste_point(self) -> tuple[float, float]:
        x, y = self.pointer
        return (x, y) if self.regions.code.contains(x, y) else (self.regions.code.x + 60, self.regions.code.top - 60)

    def add_from_palette(self, type_id: str) -> None:
        """A click (or Enter) on a palette block: attach it below the selected block if it fits there,
        else put it in the code area's free space."""
        e = self.editor
        sel = e.selection and find(e.project, e.selection)
        if sel:
            e.start_drag(None, (0, 0), e.new_palette_blocks(type_id))
            box = self.block_box(e.selection)
            e.drag_to(box.x, box.y + box.h)
            if e.drag.spot is not None and e.drag.spot.at[:-1] == sel[:-1]:
                e.drop(box.x, box.y + box.h)
                return
            e.cancel_drag()
        x, y = self.free_point()
        e.add_block(type_id, x, y)

    def free_point(self) -> tuple[float, float]:
        """A workspace point in view below every script there, for a new block."""
        left, top = self.code.to_world(self.regions.code.x + 40, self.regions.code.top - 40)
        below = [sb.y + sb.h + 30 for sb in self.editor.layout() if sb.x < left + 400]
        return left, max([top] + below)

    def toggle_trash(self) -> None:
        self.trash_open = not self.trash_open
        self.palette.scroll = 0.0

    def trash_boxes(self) -> list[tuple[int, BlockBox]]:
        """The trash's runs laid out down the flyout, newest first."""
        out, y = [], 48.0
        for i in reversed(range(len(self.editor.trash))):
            blocks = [Block.model_validate(b) for b in self.editor.trash[i].blocks]
            boxes, h = layout_run(blocks, (i,), PALETTE_X, y, self.editor.lang, self.editor.measure, PALETTE_W)
            out += [(i, boxes[0])] if len(boxes) == 1 else [(i, _run_box(boxes, h))]
            y += h + 20
        return out

    def trash_height(self) -> float:
        boxes = self.trash_boxes()
        return boxes[-1][1].y + boxes[-1][1].h + 40 if boxes else 0.0

    def _restore(self, index: int, at: tuple[float, float] | None) -> None:
        x, y = at or self.free_point()
        self.editor.restore(index, x, y)

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

    # --- keys --------------------------------------------------------------------------

    def key(self, symbol: int, modifiers: int) -> bool:
        """A key press; True if the editor used it."""
        ctrl = bool(modifiers & (K.MOD_CTRL | K.MOD_COMMAND))
        if self.dialog is not None:
            self.dialog.key_press(symbol, modifiers)
            return True
        if self.field is not None:
            return self._field_key(symbol, ctrl)
        if self.menu is not None:
            return self._menu_key(symbol)
        if self.moving is not None:
            return self._move_key(symbol, modifiers)
        if self.editor.drag is not None or self.press is not None:
            # Mid-gesture only Escape counts (as in Scratch): it drops nothing and ends the gesture.
            if symbol == K.ESCAPE:
                self.editor.cancel_drag()
                self.press, self.drag_pos = None, None
            return True
        shortcuts = {(K.Z, True, False): "undo", (K.Z, True, True): "redo", (K.Y, True, False): "redo",
                     (K.C, True, False): "copy", (K.V, True, False): "paste", (K.D, True, False): "duplicate",
                     (K.EQUAL, True, False): "zoom_in", (K.PLUS, True, False): "zoom_in",
                     (K.NUM_ADD, True, False): "zoom_in", (K.MINUS, True, False): "zoom_out",
                     (K.NUM_SUBTRACT, True, False): "zoom_out", (K._0, True, False): "zoom_reset",
                     (K.S, True, False): "save", (K.S, True, True): "save_as", (K.O, True, False): "open",
                     (K.N, True, False): "new"}
        action = shortcuts.get((symbol, ctrl, bool(modifiers & K.MOD_SHIFT)))
        if action:
            self.run(action)
            return True
        if symbol in (K.DELETE, K.BACKSPACE):
            self.run("delete")
            return True
        if symbol == K.M and not ctrl:
            self.run("move")
            return True
        if symbol == K.TAB:
            self.focus = "palette" if self.focus == "code" else "code"
            return True
        if self.focus == "palette":
            return self._palette_key(symbol)
        return self._code_key(symbol, modifiers)

    def _code_key(self, symbol: int, modifiers: int) -> bool:
        order = [b.id for sb in self.editor.layout() for b in sb.all()]
        if not order:
            return False
        sel = self.editor.selection
        at = order.index(sel) if sel in order else -1
        if symbol in (K.DOWN, K.UP):
            step = 1 if symbol == K.DOWN else -1
            self.editor.selection = order[(at + step) % len(order)] if at >= 0 else order[0]
            self.field_cursor = 0
            self.reveal(self.editor.selection)
        elif symbol in (K.LEFT_KEY, K.RIGHT_KEY) and sel:
            fields = [i for i in self.block_box(sel).items if i.kind == "field"]
            if fields:
                self.field_cursor = (self.field_cursor + (1 if symbol == K.RIGHT_KEY else -1)) % len(fields)
        elif symbol in (K.ENTER, K.RETURN, K.SPACE) and sel:
            fields = [i for i in self.block_box(sel).items if i.kind == "field"]
            if fields:
                self.open_field(sel, fields[min(self.field_cursor, len(fields) - 1)].param)
        elif symbol == K.ESCAPE:
            self.editor.selection = None
        else:
            return False
        return True

    def _palette_key(self, symbol: int) -> bool:
        entries = self.editor.palette().entries
        if symbol in (K.DOWN, K.UP):
            self.palette_cursor = (self.palette_cursor + (1 if symbol == K.DOWN else -1)) % len(entries)
            box = entries[self.palette_cursor][1]
            visible = self.palette.area.h / PALETTE_SCALE
            if not self.palette.scroll <= box.y <= self.palette.scroll + visible - box.h:
                self.palette.scroll = max(0.0, box.y - 40)
        elif symbol in (K.ENTER, K.RETURN, K.SPACE):
            self.add_from_palette(entries[self.palette_cursor][0])
        elif symbol == K.ESCAPE:
            self.focus = "code"
        else:
            return False
        return True

    def _palette_index(self, type_id: str) -> int:
        return [t for t, _ in self.editor.palette().entries].index(type_id)

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
        elif symbol == K.BACKSPACE:
            f.text, f.fresh, f.error = ("" if f.fresh else f.text[:-1]), False, None
        return True

    def _menu_key(self, symbol: int) -> bool:
        m = self.menu
        if symbol in (K.DOWN, K.UP):
            m.selected = (m.selected + (1 if symbol == K.DOWN else -1)) % len(m.items)
        elif symbol in (K.ENTER, K.RETURN, K.SPACE):
            self.choose_menu_item(m.selected)
        elif symbol == K.ESCAPE:
            self.menu = None
        return True

    def reveal(self, block_id: str) -> None:
        """Scroll so a block is inside the code area (keyboard moves never lose the selection)."""
        box = self.block_box(block_id)
        if box is not None:
            self.reveal_area(box.x, box.y, 40, box.head)

    def reveal_area(self, x: float, y: float, w: float, h: float) -> None:
        """Scroll so the workspace rectangle (x, y, w, h) is inside the code area (its top-left corner,
        if it is bigger), 40 units from the edge it was beyond."""
        cam = self.editor.camera
        vw, vh = self.regions.code.w / cam.zoom, self.regions.code.h / cam.zoom
        if not cam.x <= x <= cam.x + vw - w:
            cam.x = x - 40
        if not cam.y <= y <= cam.y + vh - h:
            cam.y = y - 40

    # --- moving a block with the keys --------------------------------------------------

    @property
    def moving(self) -> KeyMove | None:
        """The keyboard move under way, if any (an undo or a new project ends the editor's drag, and so it)."""
        m = self._moving
        return m if m is not None and m.drag is self.editor.drag else None

    def start_key_move(self, block_id: str) -> None:
        """Pick a block and the blocks below it up (M): the arrow keys then step through the places it
        may snap to, the same places and rules as a mouse drag, with the ghost showing where it lands."""
        e = self.editor
        addr = find(e.project, block_id)
        box = self.block_box(block_id)
        whole = len(addr) == 2 and addr[1] == 0
        loose = (box.x, box.y) if whole else self.free_point()
        self.menu, self.focus = None, "code"
        d = e.start_drag(block_id, (0.0, 0.0))
        stops = e.allowed_spots() + [None]
        home = next((i for i, s in enumerate(stops) if s is not None and s.kind != "above" and s.at == addr),
                    len(stops) - 1)
        self._moving = KeyMove(d, stops, home, loose)
        self._move_to(home)

    def _move_to(self, index: int) -> None:
        m = self.moving
        m.index = index % len(m.stops)
        spot = m.stop
        self.editor.snap_to(spot)
        if spot is None:
            x, y = m.loose
            self.drag_pos = m.loose
        else:
            x, y = spot.x, spot.y - (m.drag.run_h if spot.kind == "above" else 0)
            self.drag_pos = (x + LIFT, y + LIFT / 2)
        self.reveal_area(x, y, 40, min(m.drag.run_h, 200))

    def _next_script(self, step: int) -> int:
        """The first stop of the next (or previous) script; "on its own" counts as one more script."""
        m = self.moving
        groups = [s.at[0] if s is not None else -1 for s in m.stops]
        firsts = [i for i in range(len(groups)) if i == 0 or groups[i] != groups[i - 1]]
        here = max(i for i in firsts if i <= m.index)
        return firsts[(firsts.index(here) + step) % len(firsts)]

    def _move_key(self, symbol: int, modifiers: int) -> bool:
        back = bool(modifiers & K.MOD_SHIFT)
        if symbol in (K.DOWN, K.UP) or symbol == K.TAB:
            self._move_to(self.moving.index + (-1 if symbol == K.UP or (symbol == K.TAB and back) else 1))
        elif symbol in (K.LEFT_KEY, K.RIGHT_KEY):
            self._move_to(self._next_script(1 if symbol == K.RIGHT_KEY else -1))
        elif symbol in (K.ENTER, K.RETURN, K.NUM_ENTER, K.SPACE):
            self.finish_key_move()
        elif symbol == K.ESCAPE:
            self.cancel_key_move()
        return True   # every other key waits until the move ends, as keys do during a mouse drag

    def finish_key_move(self) -> None:
        """Drop the run where it is shown: one undo step (none if it is where it started)."""
        m, self._moving = self.moving, None
        self.drag_pos = None
        top = self.editor.drop(*m.loose)
        self.reveal(top)

    def cancel_key_move(self) -> None:
        self._moving, self.drag_pos = None, None
        self.editor.cancel_drag()


def _run_box(boxes: list[BlockBox], h: float) -> BlockBox:
    top = boxes[0]
    return BlockBox(top.id, top.addr, top.type, top.shape, top.x, top.y, max(b.w for b in boxes), h, top.head)
