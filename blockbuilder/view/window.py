"""The editor window: one pyglet Window, batches per layer, views rebuilt only when what they show changes.

Events go to the headless Controller as plain numbers; on_draw only clears and draws the batches.
"""
from __future__ import annotations

import functools
import math

import pyglet
from pyglet import shapes
from pyglet.graphics import Batch, Group

from ..document.catalog import BLOCK_TYPES, CATEGORY_COLOURS, CATEGORY_LABELS
from ..document.project import Block
from ..editor.controller import Controller
from ..editor.layout import (COMMENT_LINE, COMMENT_PAD, COMMENT_PT, FONT_PT, ROW, layout_comments, layout_project,
                             layout_run, wrap_text)
from ..editor.screen import CATEGORY_PT, PALETTE_SCALE
from . import draw, theme as T
from .blocks import BlockPainter
from .fonts import FONT_NAME
from .layers import Batches, ClipGroup, Fills, InView, Lazy, ShiftGroup
from .measure import clip_text
from .overlay import build_overlay
from .stage import StageView
from .texts import msg

TAGS_W = 240   # room right of a script for its shape tags ("!", "2 → 4"), workspace units
CONFIG = dict(red_size=8, green_size=8, blue_size=8, alpha_size=8, depth_size=24, double_buffer=True)
MIN_WIDTH, MIN_HEIGHT = 1024, 640   # as Scratch 3: every toolbar label fits from here up


class EditorWindow(pyglet.window.Window):
    def __init__(self, controller: Controller, width: int = 1280, height: int = 800, visible: bool = True):
        config = pyglet.gl.Config(**CONFIG)
        super().__init__(width, height, caption="blockbuilder", resizable=True, config=config, visible=visible)
        self.set_minimum_size(MIN_WIDTH, MIN_HEIGHT)
        self.c = controller
        self.c.resize(width, height)
        self.frames = 0
        self.keys_seen: dict[str, object] = {}
        self._layers: dict[str, tuple[Batch, list]] = {}
        self._script_cache: dict = {}
        self._work_clip = ClipGroup(controller.regions.code, 1)
        self._work_shift = ShiftGroup(self, 0, self._work_clip)
        self.stage = StageView()
        self.held = pyglet.window.key.KeyStateHandler()  # which modifier keys are down, for Ctrl+wheel
        self.push_handlers(self.held)
        pyglet.clock.schedule_interval(self.update, 1 / 30)

    # --- events -> controller -------------------------------------------------------------

    def on_mouse_press(self, x, y, button, modifiers):
        self.c.mouse_press(x, y, button, modifiers)

    def on_mouse_drag(self, x, y, dx, dy, buttons, modifiers):
        self.c.mouse_drag(x, y)

    def on_mouse_release(self, x, y, button, modifiers):
        self.c.mouse_release(x, y, button, modifiers)

    def on_mouse_motion(self, x, y, dx, dy):
        self.c.mouse_motion(x, y)

    def on_mouse_scroll(self, x, y, scroll_x, scroll_y):
        k, held = pyglet.window.key, self.held
        mods = ((k.MOD_CTRL if held[k.LCTRL] or held[k.RCTRL] else 0)
                | (k.MOD_COMMAND if held[k.LCOMMAND] or held[k.RCOMMAND] else 0)
                | (k.MOD_SHIFT if held[k.LSHIFT] or held[k.RSHIFT] else 0))
        self.c.scroll(x, y, scroll_x, scroll_y, mods)

    def on_key_press(self, symbol, modifiers):
        if self.c.key(symbol, modifiers):
            return pyglet.event.EVENT_HANDLED
        return pyglet.event.EVENT_HANDLED if symbol == pyglet.window.key.ESCAPE else None

    def on_text(self, text):
        self.c.type_text(text)

    def on_resize(self, width, height):
        super().on_resize(width, height)
        self.c.resize(width, height)

    def on_close(self):
        if self.c.request_close():
            self.close_now()

    def close_now(self):
        pyglet.clock.unschedule(self.update)
        self.close()

    def on_draw(self):
        self.rebuild()   # no clear(): the back layer clears the window (it draws first, over everything)
        for name in ("back", "work", "palette", "chrome", "stage", "drag", "over"):
            if name in self._layers:
                self._layers[name][0].draw()
        self.frames += 1

    def update(self, dt):
        self.c.tick()
        session = getattr(self, "session", None)
        if session is not None and self.caption != session.title():
            self.set_caption(session.title())
        if self.c.want_close:
            self.close_now()

    # --- building the layers ----------------------------------------------------------------

    def rebuild(self):
        """Rebuild each layer whose key (everything it shows) changed since the last frame."""
        c, e = self.c, self.c.editor
        r = c.regions
        drag = e.drag
        keys = {
            "back": (r,),
            "work": (e.version, e.camera.zoom, r.code, drag and (id(drag), drag.spot)),
            # the trash changes only by edits (undo included), so the version says when it did
            "palette": (e.lang, r.flyout, c.trash_open, c.trash_open and e.version, PALETTE_SCALE),
            "chrome": (r, e.version),  # the version covers the language and undo/redo being possible
            "stage": (r.stage, c.stage_input and c.stage_input.key()),
            "drag": (drag and id(drag), e.camera.zoom),
            "over": c.overlay_key(),
        }
        for name, key in keys.items():
            if self.keys_seen.get(name) != key:
                self.keys_seen[name] = key
                self._layers[name] = getattr(self, f"_build_{name}")()
        self._place()

    def _place(self):
        """Per-frame moves that need no rebuild: pan, palette scroll, the dragged run."""
        c, e = self.c, self.c.editor
        cam, r = e.camera, c.regions
        self._work_clip.rect = r.code
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
        fills = Fills(T.PANEL_BG, [(r.code, T.CODE_BG)])   # the panels are the window's colour
        for x in (r.categories.x + r.categories.w, r.flyout.x + r.flyout.w, r.stage.x):
            keep.append(shapes.Line(x, 0, x, r.code.top, thickness=1, color=T.rgb(T.PANEL_EDGE), batch=b))
        return Batches([fills, b]), keep

    def _build_work(self):
        """The code area's blocks: one batch per script, reused while the script looks the same,
        so an edit or a new snap place redraws only the scripts it touches; and built only when it
        first comes into view (a zoom rebuilds every script: 0.4 s for 200 blocks if all at once)."""
        e = self.c.editor
        project, ghosts = e.preview()
        scripts = e.layout() if project is e.project else layout_project(project, e.lang, e.measure)
        compiled = e.compiled()
        problems = {p.block_id for p in compiled.problems if p.block_id}
        notes = compiled.annotations if project is e.project else {}
        cache, batches = {}, []   # batches: (a lazy batch, its workspace rectangle x0, y0, x1, y1)
        for sb in scripts:
            boxes = list(sb.all())
            ids = {b.id for b in boxes}
            key = (e.camera.zoom, sb.w, tuple((b.id, b.type, b.x, b.y, b.w, b.h, b.mouth,
                                               tuple((i.text, i.x, i.w) for i in b.items)) for b in boxes),
                   tuple(sorted((ids & problems) - ghosts)), tuple(sorted(ghosts & ids)),
                   tuple(notes.get(i) for i in sorted(ids)))
            cache[key] = self._script_cache.get(key) or Lazy(
                functools.partial(self._draw_script, sb, boxes, ghosts, problems, notes))
            batches.append((cache[key], (sb.x - 8, sb.y - 8, sb.x + sb.w + TAGS_W, sb.y + sb.h + 8)))
        self._script_cache = cache
        comments = e.comments() if project is e.project else layout_comments(project, scripts, e.measure)
        if comments:   # while a run is dragged, the notes follow their blocks in the preview
            batches.append((Lazy(functools.partial(self._draw_comments, comments)),
                            (-math.inf, -math.inf, math.inf, math.inf)))
        layer = InView(batches, self._work_clip, self._work_shift, self._world_in_view)
        return layer, layer

    def _world_in_view(self) -> tuple[float, float, float, float]:
        """The workspace rectangle the code area shows now: x0, y0, x1, y1 (y down)."""
        cam, area = self.c.editor.camera, self.c.regions.code
        return cam.x, cam.y, cam.x + area.w / cam.zoom, cam.y + area.h / cam.zoom

    def _draw_script(self, sb, boxes, ghosts, problems, notes):
        e = self.c.editor
        batch = Batch()
        painter = BlockPainter(batch, e.camera.zoom)
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
        return batch, painter.keep

    def _draw_comments(self, notes):
        e = self.c.editor
        batch = Batch()
        painter = BlockPainter(batch, e.camera.zoom)
        g0, g1 = Group(0), Group(1)
        z = e.camera.zoom
        for note in notes:
            x, y = painter.p(note.x, note.y + note.h)
            painter.keep.append(shapes.BorderedRectangle(x, y, note.w * z, note.h * z, border=2,
                                                         color=T.rgb(T.COMMENT_BG), border_color=T.rgb(T.COMMENT_EDGE),
                                                         batch=batch, group=g0))
            for i, line in enumerate(note.lines):
                painter.text(line, note.x + 10, note.y + COMMENT_PAD + COMMENT_LINE * (i + 0.5), T.INK, g1,
                             size=COMMENT_PT)
        return batch, painter.keep

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
        return batch, painter.keep

    def _build_palette(self):
        c, e = self.c, self.c.editor
        batch = Batch()
        clip = ClipGroup(c.regions.flyout, 2)
        self._palette_shift = ShiftGroup(self, 0, clip)
        painter = BlockPainter(batch, PALETTE_SCALE)
        groups = [Group(n, self._palette_shift) for n in range(3)]
        if c.trash_open:
            painter.text(msg("trash_title" if e.trash else "trash_empty").text(e.lang), 12, 24, T.INK, groups[2],
                         size=16)
            for _, box in c.trash_boxes():
                self._paint_tree(painter, box, groups)
            return batch, painter.keep
        pal = e.palette()
        for category, y, text in pal.headings:
            painter.text(text, 12, y + 16, T.INK, groups[2], size=16)
        for _, box in pal.entries:
            self._paint_tree(painter, box, groups)
        return batch, painter.keep

    def _paint_tree(self, painter, box, groups):
        kind = BLOCK_TYPES.get(box.type)
        cat = kind.category if kind else "layers"
        painter.block(box, CATEGORY_COLOURS[cat], groups, category=cat)
        for child in box.children:
            self._paint_tree(painter, child, groups)

    def _build_chrome(self):
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
        for i, (cat, labels) in enumerate(CATEGORY_LABELS.items()):
            cy = r.categories.top - 8 - 72 * i - 24
            keep.append(shapes.Circle(r.categories.x + r.categories.w / 2, cy, 14,
                                      color=T.rgb(CATEGORY_COLOURS[cat][0]), batch=b, group=g1))
            lines = wrap_text(labels[lang], e.measure, r.categories.w - 6, CATEGORY_PT)[:2]   # two lines at most
            for k, line in enumerate(lines):
                keep.append(draw.label(clip_text(line, e.measure, r.categories.w - 4, CATEGORY_PT),
                                   r.categories.x + r.categories.w / 2, cy - 28 - 14 * k, T.MUTED, b, g2,
                                   size=CATEGORY_PT, anchor_x="center"))
        for button in c.corner():
            keep.append(shapes.Circle(button.rect.x + button.rect.w / 2, button.rect.y + button.rect.h / 2,
                                      button.rect.w / 2, color=T.rgb(T.PANEL_BG), batch=b, group=g1))
            keep.append(shapes.Arc(button.rect.x + button.rect.w / 2, button.rect.y + button.rect.h / 2,
                                   button.rect.w / 2, thickness=2, color=T.rgb(T.PANEL_EDGE), batch=b, group=g1))
            text = msg("trash_button").text(lang) if button.id == "trash" else button.text
            size = 16 if button.text else min(9.0, 9 * (button.rect.w - 8) / (e.measure(text) * 9 / FONT_PT))
            keep.append(draw.label(text, button.rect.x + button.rect.w / 2, button.rect.y + button.rect.h / 2,
                                   T.MUTED, b, g2, size=size, anchor_x="center"))
        return b, keep

    def _build_stage(self):
        if self.c.stage_input is None:
            return Batch(), []
        return self.stage.build(self.c.stage_input)

    def _build_over(self):
        return build_overlay(self.c)
