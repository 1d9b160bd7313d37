"""The controller's keyboard: shortcuts, the arrow keys in the code and the palette, and moving a run with the keys."""
from __future__ import annotations

from dataclasses import dataclass

from ..document.edits import find
from . import keys as K
from .drag import Drag
from .layout import Spot
from .screen import PALETTE_SCALE

LIFT = 24               # how far a run moved with the keys floats from its ghost, workspace units

# (key, Ctrl or ⌘, Shift) -> action
SHORTCUTS = {(K.Z, True, False): "undo", (K.Z, True, True): "redo", (K.Y, True, False): "redo",
             (K.C, True, False): "copy", (K.V, True, False): "paste", (K.D, True, False): "duplicate",
             (K.EQUAL, True, False): "zoom_in", (K.PLUS, True, False): "zoom_in", (K.NUM_ADD, True, False): "zoom_in",
             (K.MINUS, True, False): "zoom_out", (K.NUM_SUBTRACT, True, False): "zoom_out",
             (K._0, True, False): "zoom_reset", (K.S, True, False): "save", (K.S, True, True): "save_as",
             (K.O, True, False): "open", (K.N, True, False): "new"}


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


class Keyboard:
    """The Controller's keys (a mixin: the state they change is the Controller's)."""

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
        action = SHORTCUTS.get((symbol, ctrl, bool(modifiers & K.MOD_SHIFT)))
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

    # --- moving a run with the keys ----------------------------------------------------

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
