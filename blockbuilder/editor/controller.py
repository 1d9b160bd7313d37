"""The input controller: one Controller that turns the window's pointer and key events into editor actions.

Headless: the window feeds it pyglet's events as plain numbers and draws what it holds (menus, the field
being typed, the drag). Key and button codes are pyglet's values, copied into keys.py so it needs no pyglet.
"""
from __future__ import annotations

import time

from runtime import Message

from ..document.edits import find
from .editor import Editor
from .keyboard import Keyboard, KeyMove
from .layout import BlockBox
from .menus import Menus
from .pointer import Pointer, Press
from .screen import Camera, CodeView, Menu, PaletteView, Rect, Toolbar, corner_buttons, lay_toolbar, regions
from .text_entry import FieldEdit, Fields
from .texts import msg

TOAST_SECONDS = 4.0
LANGUAGE_NAMES = {"ja": "日本語", "ja-Hira": "にほんご", "en": "English"}


class _ViewKeys:
    """What the overlay shows, as a hashable key, so the window redraws it only on change."""

    def overlay_key(self) -> tuple:
        e, cam = self.editor, self.editor.camera
        f, m, d = self.field, self.menu, e.drag
        toast = self.current_toast()
        return (e.version, e.selection, cam.x, cam.y, cam.zoom, self.focus, self.palette_cursor, self.palette.scroll,
                self.field_cursor, self.trash_open, self.width, self.height, self.regions,
                f and (f.block_id, f.param, f.text, f.error and f.error.key),
                m and (m.kind, m.selected, tuple((i.text, i.checked, i.enabled) for i in m.items), m.x, m.y),
                toast and (toast.key, str(toast.params)),
                d and (d.spot, d.refused and d.refused.key, d.refused and self.pointer), self.moving is not None,
                self.dialog and self.dialog.key())


class Controller(_ViewKeys, Pointer, Menus, Fields, Keyboard):
    """One controller: its parts (pointer.py, menus.py, fields.py, keyboard.py) act on the state held here."""

    def __init__(self, editor: Editor, width: float, height: float, clock=time.monotonic):
        self.editor = editor
        self.clock = clock
        self.palette = PaletteView(Rect(0, 0, 1, 1))
        self.stage_input = None         # stage.StageControl: presses on the stage (training, views)
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

    # --- geometry ----------------------------------------------------------------------

    def resize(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        stage = self.stage_input
        self.regions = regions(width, height, big_stage=bool(stage and stage.state.big))
        self.palette.area = self.regions.flyout
        self.menu = None   # what it opened from has moved, and it could now lie outside the window

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

    # --- the camera --------------------------------------------------------------------

    def zoom_at(self, x: float, y: float, step: int) -> None:
        cam, zooms = self.editor.camera, Camera.ZOOMS
        i = min(range(len(zooms)), key=lambda k: abs(zooms[k] - cam.zoom))
        new = zooms[max(0, min(len(zooms) - 1, i + step))] if step else 1.0
        wx, wy = self.code.to_world(x, y)
        cam.zoom = new
        nx, ny = self.code.to_world(x, y)
        cam.x, cam.y = cam.x + wx - nx, cam.y + wy - ny

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

    # --- actions -----------------------------------------------------------------------

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
