"""The controller's pointer: presses, drags and drops, clicks, scrolling, and the palette and trash it presses on."""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..document.catalog import CATEGORY_LABELS
from ..document.project import Block
from . import keys as K
from .layout import PALETTE_W, PALETTE_X, BlockBox, Item, hit, layout_run
from .screen import PALETTE_SCALE

DRAG_START = 4          # pixels the pointer moves before a press becomes a drag


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


class Pointer:
    """The Controller's pointer gestures (a mixin: the state they change is the Controller's)."""

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

    def _palette_index(self, type_id: str) -> int:
        return [t for t, _ in self.editor.palette().entries].index(type_id)

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

    # --- the trash ---------------------------------------------------------------------

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


def _run_box(boxes: list[BlockBox], h: float) -> BlockBox:
    top = boxes[0]
    return BlockBox(top.id, top.addr, top.type, top.shape, top.x, top.y, max(b.w for b in boxes), h, top.head)
