"""The soak's gestures: random but person-shaped use of the editor window, aimed at the controls on screen.

Used by test_gui_soak.py (see there). Every control's place comes from the controller: the toolbar, the
regions, the open menu or dialog, the palette's entries, the stage's layout.
"""
from __future__ import annotations

import collections
import random

from blockbuilder.document.edits import walk

SIZES = ((1024, 600), (1366, 768), (1280, 800), (1100, 650), (1024, 768), (1200, 600))
SILLY = ("0", "1", "-1", "8", "256", "257", "9999", "-3.5", "0.5", "1e9", "1e999", "-1e-9", "nan", "inf", "",
         " ", "abc", "1,2", "あ", "１２", "ニューロン", "😀", "-", ".", "0x10", "3/4", "a" * 40,
         "99999999999999999999")
KEYS = ("DELETE", "BACKSPACE", "ENTER", "ESCAPE", "TAB", "UP", "DOWN", "LEFT", "RIGHT", "SPACE", "HOME", "END")
SHORTCUTS = (("Z", False), ("Z", True), ("Y", False), ("C", False), ("V", False), ("D", False), ("EQUAL", False),
             ("MINUS", False), ("_0", False), ("S", False), ("N", False), ("O", False), ("E", False))


class Crash(AssertionError):
    """The editor broke: what broke, with the seed and the last events when the test reports it."""


class CountingClock:
    """The lab's clock: each reading 5 ms later, so training takes as many steps on any machine."""

    def __init__(self):
        self.t = 0.0

    def __call__(self) -> float:
        self.t += 0.005
        return self.t


class AimLog(collections.deque):
    """The harness's event log with what each event was aimed at."""

    def __init__(self):
        super().__init__(maxlen=200)
        self.aim = ""

    def append(self, event) -> None:
        super().append(event + (f"-> {self.aim}",))


class Soak:
    """One run: gestures chosen at random, weighted toward the controls on screen now."""

    def __init__(self, gui, seed: int):
        self.g, self.c, self.rng, self.seed = gui, gui.c, random.Random(seed), seed
        self.log = gui.log = AimLog()
        self.actions = 0
        self.caught_seen = 0
        self.counts: collections.Counter = collections.Counter()
        weights = {"toolbar": 6, "examples": 6, "language": 3, "palette_drag": 12, "block_drag": 6, "field": 12,
                   "stage_button": 10, "stage_tab": 5, "stage_tool": 3, "stage_view": 12, "right_click": 5,
                   "keys": 7, "undo_run": 3, "zoom": 3, "scroll": 3, "category": 2, "resize": 2, "close": 1,
                   "anywhere": 3}
        self.names, self.weights = list(weights), list(weights.values())

    # --- one gesture ----------------------------------------------------------------------

    def step(self) -> None:
        c, rng = self.c, self.rng
        if c.dialog is not None and rng.random() < 0.75:
            name = "answer_dialog"
        elif c.menu is not None and rng.random() < 0.7:
            name = "choose_menu"
        elif c.field is not None and rng.random() < 0.7:
            name = "type_field"
        else:
            name = rng.choices(self.names, self.weights)[0]
        self.counts[name] += 1
        self.actions += 1
        self.log.aim = name
        getattr(self, name)()

    def aim(self, what: str) -> None:
        self.log.aim = what

    def click_button(self, button, kind: str, mouse=None) -> None:
        r = button.rect
        self.aim(f"{kind} {button.id!r}")
        self.g.click(r.x + self.rng.uniform(0.2, 0.8) * r.w, r.y + self.rng.uniform(0.2, 0.8) * r.h, mouse)

    def toolbar(self) -> None:
        self.click_button(self.rng.choice(self.c.toolbar().all()), "toolbar")

    def examples(self) -> None:
        self._menu_from("examples", "example:")

    def language(self) -> None:
        self._menu_from("language", "lang:")

    def _menu_from(self, button_id: str, prefix: str) -> None:
        self.click_button(next(b for b in self.c.toolbar().all() if b.id == button_id), "toolbar")
        if self.c.menu is not None and self.rng.random() < 0.8:
            self.choose_menu(prefix)

    def choose_menu(self, prefix: str = "") -> None:
        g, m, rng = self.g, self.c.menu, self.rng
        r = rng.random()
        if r < 0.75:
            items = [i for i, it in enumerate(m.items) if it.id.startswith(prefix)] or range(len(m.items))
            i = rng.choice(list(items))
            row = m.row_rect(i)
            self.aim(f"menu {m.kind} item {m.items[i].id!r}")
            g.click(row.x + rng.uniform(0.1, 0.9) * row.w, row.y + row.h / 2)
        elif r < 0.9:
            self.aim(f"menu {m.kind} keys")
            for _ in range(rng.randint(1, 3)):
                g.key(rng.choice((g.K.DOWN, g.K.UP)))
            g.key(rng.choice((g.K.ENTER, g.K.SPACE, g.K.ESCAPE)))
        else:
            self.aim(f"outside menu {m.kind}")
            g.click(*self.anywhere_point())

    def answer_dialog(self) -> None:
        g, rng = self.g, self.rng
        buttons = g.dialog_buttons()
        rows = [part for part in self.c.dialog.layout() if part[0] == "row"]
        r = rng.random()
        if rows and r < 0.3:                          # a file or folder in a chooser: select, then open it
            _, rect, text, *_ = rng.choice(rows)
            self.aim(f"chooser row {text!r}")
            for _ in range(rng.choice((1, 2, 2))):
                g.click(rect.x + rect.w * rng.uniform(0.1, 0.9), rect.y + rect.h / 2)
        elif buttons and r < 0.75:
            self.click_button(rng.choice(buttons), f"dialog {type(self.c.dialog.inner).__name__}")
        elif r < 0.8:
            self.aim("dialog typing")
            name = getattr(getattr(self.c.dialog.inner, "chooser", None), "name", "")
            if len(name) < 120:                       # a 300-letter file name is a known crash (being fixed)
                g.type(rng.choice(SILLY))
        elif r < 0.9:
            self.aim("dialog keys")
            g.key(getattr(g.K, rng.choice(("UP", "DOWN", "BACKSPACE", "TAB", "LEFT", "RIGHT", "ENTER", "ESCAPE"))))
        else:
            self.aim("dialog somewhere")
            w, h = self.c.width, self.c.height
            g.click(rng.uniform(w * 0.25, w * 0.75), rng.uniform(h * 0.2, h * 0.8))

    def type_field(self) -> None:
        g, rng = self.g, self.rng
        f = self.c.field
        self.aim(f"field {f.block_id}.{f.param}")
        if rng.random() < 0.6:
            for _ in range(rng.randint(0, 12)):
                g.key(g.K.BACKSPACE)
        g.type(rng.choice(SILLY))
        end = rng.random()
        if end < 0.5:
            g.key(g.K.ENTER)
        elif end < 0.65:
            g.key(g.K.TAB)
        elif end < 0.8:
            g.key(g.K.ESCAPE)
        elif end < 0.9:
            g.click(*self.code_point())

    # --- blocks -------------------------------------------------------------------------------

    def visible_boxes(self) -> list:
        code = self.c.regions.code
        out = []
        for sb in self.g.editor.layout():
            for box in sb.all():
                x, y = self.g.to_screen(box.x + 6, box.y + min(box.head, 40) / 2)
                if code.contains(x, y) and not self._under_corner(x, y):
                    out.append(box)
        return out

    def _under_corner(self, x: float, y: float) -> bool:
        return any(b.rect.contains(x, y) for b in self.c.corner())

    def code_point(self) -> tuple[float, float]:
        r = self.c.regions.code
        return self.rng.uniform(r.x + 10, r.x + r.w - 10), self.rng.uniform(r.y + 10, r.top - 10)

    def anywhere_point(self) -> tuple[float, float]:
        return self.rng.uniform(0, self.c.width - 1), self.rng.uniform(0, self.c.height - 1)

    def palette_drag(self) -> None:
        g, c, rng = self.g, self.c, self.rng
        self.category()
        flyout = c.regions.flyout
        shown = []
        for type_id, box in g.editor.palette().entries:
            x, y = c.palette.to_screen(box.x + 5, box.y + box.head - 24)
            if flyout.contains(x, y):
                shown.append((type_id, (x, y)))
        if not shown:
            return
        type_id, start = rng.choice(shown)
        self.aim(f"palette {type_id}")
        g.press(*start)
        end = self.drop_point(c.press and c.press.grab)
        self.aim(f"palette {type_id} to {end}")
        self._drag_to(start, end)

    def drop_point(self, grab) -> tuple[float, float]:
        """Where a dragged run goes: under a block, into a C-block's mouth, or an empty place."""
        boxes, rng = self.visible_boxes(), self.rng
        gx, gy = grab or (0.0, 0.0)
        r = rng.random()
        if boxes and r < 0.6:
            box = rng.choice(boxes)
            if box.mouth and rng.random() < 0.4:
                return self.g.to_screen(box.x + 16 + gx, box.y + box.head + gy)
            return self.g.to_screen(box.x + gx, box.y + box.h + gy)
        if r < 0.68:
            f = self.c.regions.flyout
            return rng.uniform(f.x + 10, f.x + f.w - 10), rng.uniform(f.y + 10, f.top - 10)   # the palette: delete
        return self.code_point() if r < 0.95 else self.anywhere_point()

    def _drag_to(self, start, end) -> None:
        g, rng = self.g, self.rng
        g.drag_along(start, end, rng.randint(2, 10))
        r = rng.random()
        if r < 0.06:
            g.key(g.K.ESCAPE)
        elif r < 0.1:
            g.ctrl(g.K.Z)
        g.release(*g.pointer)

    def block_drag(self) -> None:
        boxes = self.visible_boxes()
        if not boxes:
            return self.scroll()
        box = self.rng.choice(boxes)
        start = self.g.to_screen(box.x + 6, box.y + min(box.head, 40) / 2)
        self.aim(f"block {box.id}")
        self.g.press(*start)
        end = self.drop_point(self.c.press and self.c.press.grab)
        self.aim(f"block {box.id} to {end}")
        self._drag_to(start, end)

    def field(self) -> None:
        fields = [(box, item) for box in self.visible_boxes() for item in box.items if item.kind == "field"]
        if not fields:
            return self.scroll()
        box, item = self.rng.choice(fields)
        x, y = self.g.to_screen(item.x + item.w / 2, item.y + item.h / 2)
        if not self.c.regions.code.contains(x, y) or self._under_corner(x, y):
            return
        self.aim(f"field {box.id}.{item.param}")
        self.g.click(x, y)
        if self.c.field is not None:
            self.type_field()
        elif self.c.menu is not None and self.rng.random() < 0.8:
            self.choose_menu()

    def right_click(self) -> None:
        boxes, g = self.visible_boxes(), self.g
        if boxes and self.rng.random() < 0.7:
            box = self.rng.choice(boxes)
            self.aim(f"right-click block {box.id}")
            g.click(*g.to_screen(box.x + 6, box.y + min(box.head, 40) / 2), g.M.RIGHT)
        else:
            self.aim("right-click code area")
            g.click(*self.code_point(), g.M.RIGHT)
        if self.c.menu is not None and self.rng.random() < 0.8:
            self.choose_menu()

    def keys(self) -> None:
        g, rng = self.g, self.rng
        boxes = self.visible_boxes()
        if boxes and rng.random() < 0.4:              # select a block first, as a person does before Delete
            box = rng.choice(boxes)
            self.aim(f"select {box.id}")
            g.click(*g.to_screen(box.x + 6, box.y + min(box.head, 40) / 2))
        if rng.random() < 0.5:
            name, shift = rng.choice(SHORTCUTS)
            self.aim(f"Ctrl{'+Shift' if shift else ''}+{name}")
            g.ctrl(getattr(g.K, name), shift=shift)
        else:
            name = rng.choice(KEYS)
            self.aim(f"key {name}")
            g.key(getattr(g.K, name))

    def undo_run(self) -> None:
        """Several Ctrl+Z (and now and then a Ctrl+Y), as a child does to get back to what worked."""
        g = self.g
        n = self.rng.randint(2, 10)
        self.aim(f"Ctrl+Z x{n}")
        for _ in range(n):
            g.ctrl(g.K.Z)
        if self.rng.random() < 0.3:
            self.aim("Ctrl+Y")
            g.ctrl(g.K.Y)

    # --- the view -----------------------------------------------------------------------------

    def zoom(self) -> None:
        g = self.g
        if self.rng.random() < 0.6:
            self.click_button(self.rng.choice(self.c.corner()), "corner")
        else:
            self.aim("Ctrl+wheel")
            g.key_down(g.K.LCTRL, 0)
            g.scroll(*self.code_point(), self.rng.choice((-2, -1, 1, 2)))
            g.key_up(g.K.LCTRL, g.K.MOD_CTRL)

    def scroll(self) -> None:
        area = self.rng.choice(("code", "flyout", "stage"))
        r = getattr(self.c.regions, area)
        self.aim(f"wheel over {area}")
        self.g.scroll(self.rng.uniform(r.x, r.x + r.w - 1), self.rng.uniform(r.y, r.top - 1),
                      self.rng.choice((-3, -1, 1, 3)), self.rng.choice((0, 0, 1, -1)))

    def category(self) -> None:
        from blockbuilder.document.catalog import CATEGORY_LABELS
        category = self.rng.choice(list(CATEGORY_LABELS))
        self.aim(f"category {category}")
        self.g.click(*self.g.category_point(category))

    def resize(self) -> None:
        w, h = self.rng.choice(SIZES)
        self.aim(f"resize {w}x{h}")
        self.g.resize(w, h)

    def close(self) -> None:
        """The close button, answered "cancel" (with nothing unsaved it would close: fine, not tried)."""
        g, c = self.g, self.c
        if not g.editor.history.dirty:
            return
        self.aim("close button")
        g.request_close()
        cancel = next((b for b in g.dialog_buttons() if b.id == "cancel"), None)
        if cancel is None:
            raise Crash("the close button with unsaved changes asked nothing")
        self.click_button(cancel, "close dialog")
        if c.dialog is not None or c.want_close:
            raise Crash("'cancel' on the close question did not keep the window open")

    def anywhere(self) -> None:
        g, rng = self.g, self.rng
        self.aim("anywhere")
        if rng.random() < 0.6:
            g.click(*self.anywhere_point(), rng.choice((g.M.LEFT, g.M.LEFT, g.M.RIGHT, g.M.MIDDLE)))
        else:
            start = self.anywhere_point()
            g.press(*start)
            self._drag_to(start, self.anywhere_point())

    # --- the stage ----------------------------------------------------------------------------

    def stage_button(self) -> None:
        buttons = self.g.stage_layout().buttons
        play = [b for b in buttons if b.id == "lab_toggle"]
        self.click_button(self.rng.choice(play * 3 + buttons), "stage")
        if self.c.menu is not None and self.rng.random() < 0.8:
            self.choose_menu()

    def stage_tab(self) -> None:
        lay = self.g.stage_layout()
        tabs = lay.tabs + lay.switches      # the switches over the charts: charts, how it learns, what a layer does
        if tabs:
            self.click_button(self.rng.choice(tabs), "stage tab")

    def stage_tool(self) -> None:
        tools = self.g.stage_layout().tools
        if tools:
            self.click_button(self.rng.choice(tools), "stage tool")

    def stage_view(self) -> None:
        from blockbuilder.lab.stage_layout import info_buttons
        g, rng, stage = self.g, self.rng, self.c.stage_input
        panels = g.stage_layout().panels
        if not panels:
            return
        name = rng.choice(sorted(panels))
        r = panels[name]
        if name == "info" and rng.random() < 0.7:
            buttons = info_buttons(r, stage.state, stage.lang, self.c.editor.measure, stage.lab)
            return self.click_button(rng.choice(buttons), "info")
        if name == "learn" and g.stage_layout().learn_buttons and rng.random() < 0.7:
            return self.click_button(rng.choice(g.stage_layout().learn_buttons), "learn")
        start = (rng.uniform(r.x, r.x + r.w - 1), rng.uniform(r.y, r.top - 1))
        self.aim(f"stage view {name}")
        if rng.random() < 0.7:
            g.click(*start)
        else:
            g.press(*start)
            self._drag_to(start, (rng.uniform(r.x, r.x + r.w - 1), rng.uniform(r.y, r.top - 1)))
        if self.c.menu is not None and rng.random() < 0.7:
            self.choose_menu()

    # --- after each gesture ------------------------------------------------------------------

    def tick_and_check(self) -> None:
        g = self.g
        g.window.update(1 / 30)       # pyglet's clock tick: training, autosave, a close the app asked for
        if g.window.context is None:
            raise Crash("the window closed")
        g.frame()
        caught = getattr(g.window, "caught", [])
        if len(caught) > self.caught_seen:
            new, self.caught_seen = caught[self.caught_seen:], len(caught)
            raise Crash("the window caught an exception:\n" + "\n".join(new))
        g.editor.check()
        ids = [b.id for _, b in walk(g.project)]
        if len(ids) != len(set(ids)):
            raise Crash("repeated block ids")
        self.check_fits()

    def check_fits(self) -> None:
        """The open menu, the dialog's buttons and the toolbar's buttons lie inside the window."""
        c = self.c
        rects = [("menu", c.menu.rect())] if c.menu is not None else []
        rects += [(f"dialog button {b.id!r}", b.rect) for b in self.g.dialog_buttons()]
        rects += [(f"toolbar button {b.id!r}", b.rect) for b in c.toolbar().all()]
        for what, r in rects:
            if r.x < 0 or r.y < 0 or r.x + r.w > c.width + 0.5 or r.top > c.height + 0.5:
                raise Crash(f"the {what} {r} is outside the {c.width}x{c.height} window")
