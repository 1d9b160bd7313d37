"""The editor window: one pyglet Window, batches per layer, views rebuilt only when what they show changes.

Events go to the headless Controller as plain numbers; on_draw only clears and draws the batches.
"""
from __future__ import annotations

import functools
import gc
import math
import os
import sys
import time
import traceback

import pyglet
from pyglet import shapes
from pyglet.graphics import Batch, Group

from ..document.catalog import BLOCK_TYPES, CATEGORY_COLOURS, CATEGORY_LABELS
from ..document.settings import save_settings
from ..document.project import Block
from ..editor.controller import Controller
from ..editor.layout import (COMMENT_LINE, COMMENT_PAD, COMMENT_PT, FONT_PT, ROW, ScriptBox, layout_comments,
                             layout_project, layout_run, wrap_text)
from ..editor.screen import CATEGORY_PT, PALETTE_SCALE
from . import draw, theme as T
from .blocks import BlockPainter
from .fonts import FONT_NAME
from .kept import Retained
from .layers import Batches, ClipGroup, Fills, Gradual, InView, Lazy, ShiftGroup, pixel_boxes
from .measure import clip_text
from .overlay import advice_key, advised_block, build_overlay
from .stage import StageView
from .texts import msg

TAGS_W = 240   # room right of a script for its shape tags ("!", "2 → 4"), workspace units
CONFIG = dict(red_size=8, green_size=8, blue_size=8, alpha_size=8, depth_size=24, double_buffer=True)
MIN_WIDTH, MIN_HEIGHT = 1024, 600   # small classroom laptops; every panel still fits
PREFERRED = (1280, 800)             # the size a first start asks for, when the screen has room
# What the desktop keeps for itself: a title bar (~30-40) and a taskbar or top bar and dock (~32-48) above or
# below; a dock at the side (~60-70 on Ubuntu). A 1366 x 768 laptop gets 1280 x 668.
SCREEN_MARGIN = (80, 100)
BUILD_BUDGET = 0.010                # seconds a frame of the running app spends building code-area batches
WHOLE_SHARE = 0.3                   # of it, in a frame that draws a whole region again (a zoom, a pan, a rebuilt layer)
IDLE_GC = 5.0                       # seconds between full garbage collections, run on a tick with no frame
TICK = 1 / 30                       # the clock tick: training slices (lab SPEEDS) and a frame when needed
SCALE_VARIABLE = "BLOCKBUILDER_SCALE"     # forces the screen's scale factor (1, 1.5, 2), e.g. to try HiDPI
SCREEN_VARIABLE = "BLOCKBUILDER_SCREEN"   # forces the screen's size in pixels, "1366x768", to try a small screen
# The screen regions (they tile the window) and the layers that draw in each, bottom up; drag and over go on top.
REGIONS = {"toolbar": ("back", "chrome"), "categories": ("back", "chrome"), "flyout": ("back", "palette"),
           "code": ("back", "work", "chrome"), "stage": ("back", "stage")}


def fit_size(screen: tuple[float, float], saved: tuple[int | None, int | None] = (None, None)) -> tuple[int, int]:
    """The window's size in window units: the saved size (else PREFERRED), shrunk to the screen's work area,
    never below the minimum. `screen` is in window units too (pixels / scale)."""
    room_w, room_h = screen[0] - SCREEN_MARGIN[0], screen[1] - SCREEN_MARGIN[1]
    w, h = saved if saved[0] and saved[1] else PREFERRED
    return max(MIN_WIDTH, int(min(w, room_w))), max(MIN_HEIGHT, int(min(h, room_h)))


def screen_scale(screen=None) -> float:
    """Window units to pixels: BLOCKBUILDER_SCALE, else the screen's DPI / 96 in steps of 0.25. macOS is 1:
    pyglet's sizes there are points already, and the framebuffer has the extra pixels."""
    forced = os.environ.get(SCALE_VARIABLE, "")
    try:
        if forced:
            return min(4.0, max(1.0, float(forced)))
    except ValueError:
        pass
    if sys.platform == "darwin" or screen is None:
        return 1.0
    try:
        return min(4.0, max(1.0, round(screen.get_scale() * 4) / 4))
    except Exception:   # noqa: BLE001 - a platform without DPI: no scaling
        return 1.0


def screen_size(screen=None) -> tuple[int, int]:
    """The screen's size in pixels: BLOCKBUILDER_SCREEN ("1366x768"), else pyglet's default screen."""
    forced = os.environ.get(SCREEN_VARIABLE, "")
    try:
        w, h = (int(v) for v in forced.lower().split("x"))
        return w, h
    except ValueError:
        pass
    if screen is None:
        return PREFERRED[0] + SCREEN_MARGIN[0], PREFERRED[1] + SCREEN_MARGIN[1]
    return screen.width, screen.height


def default_screen():
    """pyglet's default screen, or None when there is none (some headless setups)."""
    try:
        return pyglet.display.get_display().get_default_screen()
    except Exception:   # noqa: BLE001
        return None


MAX_CAUGHT = 100   # tracebacks kept in EditorWindow.caught (an error in every frame would grow it forever)


def _guarded(handler):
    """The handler, but an exception in it goes to the window's `caught` and its on_error (session/crash.py
    keeps the work and says so) instead of closing the window."""
    @functools.wraps(handler)
    def run(self, *args):
        try:
            return handler(self, *args)
        except Exception as err:   # noqa: BLE001 - the window must stay open; tests read `caught`
            caught = self.__dict__.setdefault("caught", [])
            if len(caught) < MAX_CAUGHT:
                caught.append(traceback.format_exc())
            if self.on_error is not None:
                self.on_error(err, handler.__name__)
    return run


def _guard_handlers(cls):
    """Guard every event handler (on_*), the frame (on_draw) and the clock tick (update) of the class."""
    for name, f in list(vars(cls).items()):
        if callable(f) and (name.startswith("on_") or name == "update"):
            setattr(cls, name, _guarded(f))
    return cls


@_guard_handlers
class EditorWindow(pyglet.window.Window):
    on_error = None   # called with (exception, handler name) after the guard caught it (app.py sets it)

    def __init__(self, controller: Controller, width: int = 1280, height: int = 800, visible: bool = True,
                 scale: float = 1.0):
        """width, height: window units; scale: pixels per window unit (2 on a HiDPI screen at 200 %)."""
        self.caught: list[str] = []   # tracebacks the guard caught; tests fail when this is not empty
        self.ui_scale = scale
        self.pixel_ratio = scale      # framebuffer pixels per window unit, for the scissor boxes
        self.budget: float | None = None   # BUILD_BUDGET in the running app (app.run); None: build all at once
        self._deadline: float | None = None   # this frame's end of building, with a budget
        self.dirty = True             # something not in a layer key changed (a drag's place, an expose)
        config = pyglet.gl.Config(**CONFIG)
        super().__init__(round(width * scale), round(height * scale), caption="blockbuilder", resizable=True,
                         config=config, visible=visible)
        self.set_minimum_size(round(MIN_WIDTH * scale), round(MIN_HEIGHT * scale))
        self.c = controller
        self.c.resize(width, height)
        self.frames = 0
        self.keys_seen: dict[str, object] = {}
        self._layers: dict[str, tuple[Batch, list]] = {}
        self._builds: dict[str, int] = {}   # layer -> how many times it was built (a region's look names the build)
        self._kept = Retained()
        self._script_cache: dict = {}
        self._script_last: dict = {}   # script (its first block's id) -> its batch last built, a stand-in
        self._work_clip = ClipGroup(controller.regions.code, 1, ratio=scale)
        self._work_shift = ShiftGroup(self, 0, self._work_clip)
        self.stage = StageView()
        self.held = pyglet.window.key.KeyStateHandler()  # which modifier keys are down, for Ctrl+wheel
        self.push_handlers(self.held)
        self._resized_at: float | None = None
        self._collected = time.monotonic()
        pyglet.clock.schedule_interval(self.update, TICK)

    # --- events -> controller -------------------------------------------------------------

    # pyglet's pointer positions are pixels; the controller's are window units (pixels / ui_scale)

    def on_mouse_press(self, x, y, button, modifiers):
        self.dirty = True
        self.c.mouse_press(x / self.ui_scale, y / self.ui_scale, button, modifiers)

    def on_mouse_drag(self, x, y, dx, dy, buttons, modifiers):
        self.dirty = True   # the dragged run follows the pointer without a key change
        self.c.mouse_drag(x / self.ui_scale, y / self.ui_scale)

    def on_mouse_release(self, x, y, button, modifiers):
        self.dirty = True
        self.c.mouse_release(x / self.ui_scale, y / self.ui_scale, button, modifiers)

    def on_mouse_motion(self, x, y, dx, dy):
        self.c.mouse_motion(x / self.ui_scale, y / self.ui_scale)

    def on_mouse_scroll(self, x, y, scroll_x, scroll_y):
        k, held = pyglet.window.key, self.held
        mods = ((k.MOD_CTRL if held[k.LCTRL] or held[k.RCTRL] else 0)
                | (k.MOD_COMMAND if held[k.LCOMMAND] or held[k.RCOMMAND] else 0)
                | (k.MOD_SHIFT if held[k.LSHIFT] or held[k.RSHIFT] else 0))
        self.c.scroll(x / self.ui_scale, y / self.ui_scale, scroll_x, scroll_y, mods)

    def on_key_press(self, symbol, modifiers):
        if self.c.key(symbol, modifiers):
            return pyglet.event.EVENT_HANDLED
        return pyglet.event.EVENT_HANDLED if symbol == pyglet.window.key.ESCAPE else None

    def on_text(self, text):
        self.c.type_text(text)

    def on_resize(self, width, height):
        super().on_resize(width, height)
        s = self.ui_scale
        w, h = max(1, width) / s, max(1, height) / s
        self.projection = pyglet.math.Mat4.orthogonal_projection(0, w, 0, h, -8192, 8192)
        self.pixel_ratio = self.get_framebuffer_size()[0] / w
        self.c.resize(w, h)
        self.dirty, self._resized_at = True, time.monotonic()

    def on_scale(self, scale, dpi):
        """The window moved to a screen with another scale factor (or the setting changed)."""
        if not os.environ.get(SCALE_VARIABLE) and sys.platform != "darwin":
            self.ui_scale = min(4.0, max(1.0, round(scale * 4) / 4))
        self.on_resize(*self.get_size())

    def on_expose(self):
        self.dirty = True

    def on_show(self):
        self.dirty = True

    def on_close(self):
        self.remember_size()
        if self.c.request_close():
            self.close_now()

    def close_now(self):
        pyglet.clock.unschedule(self.update)
        self.close()

    def remember_size(self):
        """Keep the window's size (window units) in the settings, for the next start."""
        self._resized_at = None
        session = getattr(self, "session", None)
        if session is None:
            return
        size = (round(self.c.width), round(self.c.height))
        if (session.settings.window_width, session.settings.window_height) != size:
            session.settings.window_width, session.settings.window_height = size
            save_settings(session.settings)

    def on_draw(self):
        self.dirty = False
        start = time.perf_counter()
        self._deadline = None if self.budget is None else start + self.budget
        first = not self.rebuild()   # no clear(): the back layer clears the window (it draws first)
        if self._deadline is not None and self._kept.whole(self._regions()):   # 10-15 ms to draw the code area
            self._deadline = min(self._deadline, start + self.budget * WHOLE_SHARE)
        for name in ("work", "palette", "chrome", "stage"):   # batches built over frames, before anything draws
            if hasattr(self._layers[name][0], "advance"):
                first = not self._layers[name][0].advance(first) and first
        if not self._kept.draw(self._regions(), self.get_framebuffer_size()):
            for name in ("back", "work", "palette", "chrome", "stage"):
                self._layers[name][0].draw()
        for name in ("drag", "over"):
            self._layers[name][0].draw()
        self.frames += 1

    def update(self, dt):
        """The clock tick: the controller's tick (training, autosave), then a frame only if something changed."""
        self.c.tick()
        session = getattr(self, "session", None)
        if session is not None and self.caption != session.title():
            self.set_caption(session.title())
        if self._resized_at is not None and time.monotonic() - self._resized_at > 0.5:
            self.remember_size()   # once a resize has settled, not at every step of it
        if self.c.want_close:
            self.close_now()
        elif self.stale():
            self.switch_to()
            self.on_draw()   # called, not dispatched: outside pyglet.app.run an event would only queue
            self.flip()
        elif self.budget is not None and time.monotonic() - self._collected > IDLE_GC:
            gc.collect()     # app.run turned off the automatic full collection: 50-70 ms in the middle of a frame
            self._collected = time.monotonic()

    def stale(self) -> bool:
        """Does the window need a frame: an event or a layer's key changed, or batches still to build?"""
        return (self.dirty or any(getattr(layer, "pending", False) for layer, _ in self._layers.values())
                or self._keys() != self.keys_seen)

    def frame_deadline(self) -> float | None:
        return self._deadline

    # --- building the layers ----------------------------------------------------------------

    def rebuild(self) -> bool:
        """Rebuild each layer whose key (everything it shows) changed since the last frame; True if any was. In
        the running app (a frame deadline), once one layer is rebuilt the others wait while the deadline has
        passed: their old batches draw once more and the next frame rebuilds them (a language switch changes
        them all)."""
        first = True
        for name, key in self._keys().items():
            if self.keys_seen.get(name) == key:
                continue
            if not first and name in self._layers and self._deadline is not None \
                    and time.perf_counter() >= self._deadline:
                continue
            first = False
            self.keys_seen[name] = key
            self._layers[name] = getattr(self, f"_build_{name}")()
            self._builds[name] = self._builds.get(name, 0) + 1
        self._place()
        return not first

    def _looks(self) -> dict[str, tuple]:
        """What each layer shows now, for the kept picture: which batches, where (InView and Gradual say), else
        which build of it."""
        return {name: layer.look() if hasattr(layer, "look") else self._builds[name]
                for name, (layer, _) in self._layers.items()}

    def _regions(self) -> list[tuple]:
        """The screen regions for the kept picture (kept.py): name, pixel box, layers, their looks."""
        r, ratio, looks = self.c.regions, self.pixel_ratio, self._looks()
        out = []
        for region, names in REGIONS.items():
            rect = getattr(r, region)
            # edges rounded down, as scissor() does: a layer's clip box (ClipGroup) stays inside its region
            x0, y0, x1, y1 = rect.x * ratio, rect.y * ratio, (rect.x + rect.w) * ratio, (rect.y + rect.h) * ratio
            box = tuple(int(v + 1e-6) for v in (x0, y0, x1, y1))   # 1279.9999 is the 1280th pixel's edge
            out.append((region, box, [self._layers[n][0] for n in names], tuple(looks[n] for n in names)))
        return out

    def _keys(self) -> dict[str, tuple]:
        """Each layer's key: everything it shows. The order is the order of rebuilding: what follows the
        pointer first."""
        c, e = self.c, self.c.editor
        r = c.regions
        drag = e.drag
        return {
            "back": (r, self.pixel_ratio),
            "drag": (drag and id(drag), e.camera.zoom),
            "over": (c.overlay_key(), advice_key(c)),
            "work": (e.version, e.camera.zoom, r.code, drag and (id(drag), drag.spot), advised_block(c)),
            # the trash changes only by edits (undo included), so the version says when it did
            "palette": (e.lang, r.flyout, c.trash_open, c.trash_open and e.version, PALETTE_SCALE, self.pixel_ratio),
            "chrome": (r, e.lang, bool(e.history.done), bool(e.history.undone)),   # undo, redo: can be pressed
            "stage": (r.stage, c.stage_input and c.stage_input.key()),
        }

    def _place(self):
        """Per-frame moves that need no rebuild: pan, palette scroll, the dragged run."""
        c, e = self.c, self.c.editor
        cam, r = e.camera, c.regions
        self._work_clip.rect, self._work_clip.ratio = r.code, self.pixel_ratio
        self._work_shift.dx = r.code.x - cam.x * cam.zoom
        self._work_shift.dy = r.code.top + cam.y * cam.zoom
        self._palette_shift.dx = r.flyout.x
        self._palette_shift.dy = r.flyout.top + c.palette.scroll * PALETTE_SCALE
        if e.drag is not None and c.drag_pos is not None and hasattr(self, "_drag_shift"):
            sx, sy = c.code.to_screen(*c.drag_pos)
            self._drag_shift.dx, self._drag_shift.dy = sx, sy
        elif hasattr(self, "_drag_shift"):
            self._drag_shift.dx = -100000

    def _build_back(self):
        b, keep, r = Batch(), [], self.c.regions
        fills = Fills(T.PANEL_BG, [(r.code, T.CODE_BG)], self.pixel_ratio)   # the panels are the window's colour
        for x in (r.categories.x + r.categories.w, r.flyout.x + r.flyout.w, r.stage.x):
            keep.append(shapes.Line(x, 0, x, r.code.top, thickness=1, color=T.rgb(T.PANEL_EDGE), batch=b))
        return Batches([fills, b]), keep

    def _build_work(self):
        """The code area's blocks: one batch per script, reused while the script looks the same,
        so an edit or a new snap place redraws only the scripts it touches; and built only when it
        first comes into view. A script changed (or zoomed) keeps its last batch as a stand-in, so that in the
        running app a frame builds only what its budget allows (a zoom rebuilds every script: 0.1-0.3 s for 200
        blocks if all at once) and shows the others' old batches, scaled, until their turn."""
        e, zoom = self.c.editor, self.c.editor.camera.zoom
        project, ghosts = e.preview()
        scripts = e.layout() if project is e.project else self._preview_layout(project)
        compiled = e.compiled()
        problems = {p.block_id for p in compiled.problems if p.block_id} | {advised_block(self.c)} - {None}
        notes = compiled.annotations if project is e.project else {}
        cache, batches, last = {}, [], {}   # batches: (a lazy batch, its workspace rectangle x0, y0, x1, y1)
        for sb in scripts:
            boxes = list(sb.all())
            ids = {b.id for b in boxes}
            key = (e.camera.zoom, sb.w, tuple((b.id, b.type, b.x, b.y, b.w, b.h, b.mouth,
                                               tuple((i.text, i.x, i.w) for i in b.items)) for b in boxes),
                   tuple(sorted((ids & problems) - ghosts)), tuple(sorted(ghosts & ids)),
                   tuple(notes.get(i) for i in sorted(ids)))
            rect = (sb.x - 8, sb.y - 8, sb.x + sb.w + TAGS_W, sb.y + sb.h + 8)
            cache[key] = last[boxes[0].id] = self._script_cache.get(key) or Lazy(
                functools.partial(self._draw_script, sb, boxes, ghosts, problems, notes, zoom), zoom,
                self._script_last.get(boxes[0].id), rect)
            batches.append((cache[key], rect))
        comments = e.comments() if project is e.project else layout_comments(project, scripts, e.measure)
        if comments:   # while a run is dragged, the notes follow their blocks in the preview
            last[None] = Lazy(functools.partial(self._draw_comments, comments, zoom), zoom, self._script_last.get(None))
            batches.append((last[None], (-math.inf, -math.inf, math.inf, math.inf)))
        self._script_cache, self._script_last = cache, last
        layer = InView(batches, self._work_clip, self._work_shift, self._world_in_view, zoom, self.frame_deadline)
        return layer, layer

    def _preview_layout(self, project) -> list[ScriptBox]:
        """The layout of a drag's preview: the scripts it leaves as they are keep the layout they have (200 blocks
        laid out anew take 10 ms, at each new snap place)."""
        e = self.c.editor
        now = e.layout()
        if len(project.scripts) != len(now):
            return layout_project(project, e.lang, e.measure)
        out = []
        for s, (script, was) in enumerate(zip(project.scripts, e.project.scripts)):
            if script == was:
                out.append(now[s])
                continue
            boxes, h = layout_run(script.blocks, (s,), script.x, script.y, e.lang, e.measure)
            out.append(ScriptBox(s, script.x, script.y, max(b.w for b in boxes), h, boxes))   # as layout_project
        return out

    def _world_in_view(self) -> tuple[float, float, float, float]:
        """The workspace rectangle the code area shows now: x0, y0, x1, y1 (y down)."""
        cam, area = self.c.editor.camera, self.c.regions.code
        return cam.x, cam.y, cam.x + area.w / cam.zoom, cam.y + area.h / cam.zoom

    def _draw_script(self, sb, boxes, ghosts, problems, notes, zoom):
        """A script's batch, block by block (a generator: see Lazy)."""
        e = self.c.editor
        batch = Batch()
        painter = BlockPainter(batch, zoom)
        groups = [Group(n) for n in range(3)]   # under the code area's clip and camera, which InView sets
        for box in boxes:
            kind = BLOCK_TYPES.get(box.type)
            cat = kind.category if kind else "layers"
            bad = box.id in problems and box.id not in ghosts
            painter.block(box, CATEGORY_COLOURS[cat], groups, ghost=box.id in ghosts, problem=bad, category=cat)
            tag_x, tag_y = sb.x + sb.w + 12, box.y + box.head - ROW / 2
            if bad:
                painter.tag("!", tag_x, tag_y, T.PROBLEM, T.TAG_TEXT, groups[1], groups[2], e.measure)
                tag_x += 36
            if notes.get(box.id) and box.id not in ghosts:
                painter.tag(notes[box.id], tag_x, tag_y, T.TAG_BG, T.TAG_TEXT, groups[1], groups[2], e.measure)
            yield   # a piece: the running app may go on with the next block in the next frame
        return batch, painter.finish()

    def _draw_comments(self, notes, z):
        batch = Batch()
        painter = BlockPainter(batch, z)
        g0, g1 = Group(0), Group(1)
        for note in notes:
            x, y = painter.p(note.x, note.y + note.h)
            painter.keep.append(shapes.BorderedRectangle(x, y, note.w * z, note.h * z, border=2,
                                                         color=T.rgb(T.COMMENT_BG), border_color=T.rgb(T.COMMENT_EDGE),
                                                         batch=batch, group=g0))
            for i, line in enumerate(note.lines):
                painter.text(line, note.x + 10, note.y + COMMENT_PAD + COMMENT_LINE * (i + 0.5), T.INK, g1,
                             size=COMMENT_PT)
        return batch, painter.finish()

    def _build_drag(self):
        e = self.c.editor
        batch, keep = Batch(), []
        if e.drag is None:
            return batch, keep
        self._drag_shift = ShiftGroup(self, 10)
        painter = BlockPainter(batch, e.camera.zoom)
        boxes, _ = layout_run([Block.model_validate(b) for b in e.drag.blocks], (), 0, 0, e.lang, e.measure)
        groups = [Group(n, self._drag_shift) for n in range(3)]
        stack = list(boxes)
        while stack:
            box = stack.pop(0)
            kind = BLOCK_TYPES.get(box.type)
            cat = kind.category if kind else "layers"
            painter.block(box, CATEGORY_COLOURS[cat], groups, category=cat)
            stack += box.children
        self._place()
        return batch, painter.finish()

    def _build_palette(self):
        """The flyout's blocks (or the trash's), built over frames in the running app: after a language
        switch the old words stand in until the new palette is built."""
        c = self.c
        clip = ClipGroup(c.regions.flyout, 2, ratio=self.pixel_ratio)
        self._palette_shift = ShiftGroup(self, 0, clip)
        same = (c.trash_open, c.regions.flyout, self.pixel_ratio)
        prev = getattr(self, "_palette_prev", None)
        stale = prev[1] if prev and prev[0] == same else None
        lazy = Lazy(functools.partial(self._draw_palette, self._palette_shift), stale=stale)
        self._palette_prev = (same, lazy)
        layer = Gradual(lazy, self.frame_deadline, shift=self._palette_shift)
        return layer, layer

    def _draw_palette(self, shift):
        """The palette's batch, entry by entry (a generator: see Lazy)."""
        c, e = self.c, self.c.editor
        batch = Batch()
        painter = BlockPainter(batch, PALETTE_SCALE)
        groups = [Group(n, shift) for n in range(3)]
        if c.trash_open:
            painter.text(msg("trash_title" if e.trash else "trash_empty").text(e.lang), 12, 24, T.INK, groups[2],
                         size=16)
            for _, box in c.trash_boxes():
                self._paint_tree(painter, box, groups)
                yield
            return batch, painter.finish()
        pal = e.palette()
        for category, y, text in pal.headings:
            painter.text(text, 12, y + 16, T.INK, groups[2], size=16)
        for _, box in pal.entries:
            self._paint_tree(painter, box, groups)
            yield
        return batch, painter.finish()

    def _paint_tree(self, painter, box, groups):
        kind = BLOCK_TYPES.get(box.type)
        cat = kind.category if kind else "layers"
        painter.block(box, CATEGORY_COLOURS[cat], groups, category=cat)
        for child in box.children:
            self._paint_tree(painter, child, groups)

    def _build_chrome(self):
        """The toolbar, the categories and the code area's corner buttons, built over frames in the running app
        as the palette is: after a language switch (22 labels: 10-15 ms) the old words stand in until then."""
        prev = getattr(self, "_chrome_prev", None)
        lazy = Lazy(self._draw_chrome, stale=prev[1] if prev and prev[0] == self.c.regions else None)
        if lazy.stale is None:
            lazy.build()   # nothing to stand in: at once, before the stage (the order glyphs enter the font's texture)
        self._chrome_prev = (self.c.regions, lazy)
        r = self.c.regions   # where it draws: in the code area only the corner buttons (a ring 1 unit outside)
        area = pixel_boxes([r.toolbar, r.categories] + [b.rect for b in self.c.corner()], self.pixel_ratio, 2)
        layer = Gradual(lazy, self.frame_deadline, area)
        return layer, layer

    def _draw_chrome(self):
        """The chrome's batch, piece by piece (a generator: see Lazy)."""
        c, e = self.c, self.c.editor
        r, lang = c.regions, e.lang
        b, keep = Batch(), []
        g0, g1, g2 = Group(0), Group(1), Group(2)
        keep.append(shapes.Rectangle(r.toolbar.x, r.toolbar.y, r.toolbar.w, r.toolbar.h, color=T.rgb(T.TOOLBAR),
                                     batch=b, group=g0))
        toolbar = c.toolbar()
        if toolbar.title:
            keep.append(pyglet.text.Label("blockbuilder", font_name=FONT_NAME, font_size=15, x=r.toolbar.x + 14,
                                          y=r.toolbar.y + r.toolbar.h / 2, anchor_y="center",
                                          color=(255, 255, 255, 255), batch=b, group=g2))
        for button in toolbar.all():
            colour = T.TOOLBAR_BUTTON if button.enabled else T.TOOLBAR_OFF
            keep.append(shapes.RoundedRectangle(button.rect.x, button.rect.y, button.rect.w, button.rect.h, radius=8,
                                                color=T.rgb(colour), batch=b, group=g1))
            keep.append(draw.label(button.text, button.rect.x + button.rect.w / 2, button.rect.y + button.rect.h / 2,
                                   T.TOOLBAR_TEXT if button.enabled else T.TOOLBAR_OFF_TEXT, b, g2, anchor_x="center"))
            yield
        for i, (cat, labels) in enumerate(CATEGORY_LABELS.items()):
            cy = r.categories.top - 8 - 72 * i - 24
            keep.append(shapes.Circle(r.categories.x + r.categories.w / 2, cy, 14,
                                      color=T.rgb(CATEGORY_COLOURS[cat][0]), batch=b, group=g1))
            lines = wrap_text(labels[lang], e.measure, r.categories.w - 6, CATEGORY_PT)[:2]   # two lines at most
            for k, line in enumerate(lines):
                keep.append(draw.label(clip_text(line, e.measure, r.categories.w - 4, CATEGORY_PT),
                                   r.categories.x + r.categories.w / 2, cy - 28 - 14 * k, T.MUTED, b, g2,
                                   size=CATEGORY_PT, anchor_x="center"))
            yield
        for button in c.corner():
            keep.append(shapes.Circle(button.rect.x + button.rect.w / 2, button.rect.y + button.rect.h / 2,
                                      button.rect.w / 2, color=T.rgb(T.PANEL_BG), batch=b, group=g1))
            keep.append(shapes.Arc(button.rect.x + button.rect.w / 2, button.rect.y + button.rect.h / 2,
                                   button.rect.w / 2, thickness=2, color=T.rgb(T.PANEL_EDGE), batch=b, group=g1))
            text = msg("trash_button").text(lang) if button.id == "trash" else button.text
            size = 16 if button.text else min(9.0, 9 * (button.rect.w - 8) / (e.measure(text) * 9 / FONT_PT))
            keep.append(draw.label(text, button.rect.x + button.rect.w / 2, button.rect.y + button.rect.h / 2,
                                   T.MUTED, b, g2, size=size, anchor_x="center"))
            yield
        return b, keep

    def _build_stage(self):
        if self.c.stage_input is None:
            return Batch(), []
        # the ratio: where it changed, in pixels; the deadline: a language switch remakes it over frames
        return self.stage.build(self.c.stage_input, self.pixel_ratio, self.frame_deadline)

    def _build_over(self):
        return build_overlay(self.c)
