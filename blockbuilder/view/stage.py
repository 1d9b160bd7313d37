"""The stage: training controls, the data with the decision boundary, the network diagram with each
neuron's picture, look-inside, charts and the digits views — drawn from stage.py's layout.

Two parts are cached apart: the still part (buttons, tabs, data points, frames) is rebuilt when the
child changes what is shown; the live part (maps, weights, charts, numbers) whenever the weights move.
"""
from __future__ import annotations

import numpy as np
import pyglet
from pyglet import shapes
from pyglet.graphics import Batch, Group

from .. import insight, maps
from ..messages import msg
from ..screen import Rect
from ..stage import StageControl, data_kind, info_buttons, message, plot_frame, status_line
from . import theme as T
from .fonts import FONT_NAME
from ..layout import wrap_text as _wrap_lines
from .measure import clip_text

MAX_POINTS = 600
HEAT_N = 64
NEURON_N = 24


class StageView:
    def __init__(self):
        self._still: tuple | None = None   # (key, batch under the map, batch over it, kept objects)

    def build(self, ctl: StageControl):
        """(drawable, kept objects) for the window's stage layer."""
        lay = ctl.layout()
        lang = ctl.lang
        still_key = (lay.area, lang, ctl.state.version, ctl.lab.status, ctl.lab.speed, id(ctl.lab.train_set),
                     ctl.lab.can_train())
        if self._still is None or self._still[0] != still_key:
            self._still = (still_key, *self._build_still(ctl, lay))
        below, live, keep = self._build_live(ctl, lay)
        back, front, kept = self._still[1:]
        return _Batches(back, below, front, live), kept + keep

    # --- the still part -------------------------------------------------------------------------

    def _build_still(self, ctl: StageControl, lay):
        """(batch under the answer's map: buttons, panels; batch over it: the data points; kept objects)."""
        batch, front, keep = Batch(), Batch(), []
        g = [Group(i) for i in range(4)]
        lang, lab = ctl.lang, ctl.lab
        for b in lay.buttons + lay.tabs:
            is_tab = b.id.startswith("tab:")
            play = b.id == "lab_toggle"
            primary = (play and not b.toggled) or b.id == "export"
            colour = (T.PRIMARY if primary else T.TOOLBAR_BUTTON) if b.enabled else "#B8C4D6"
            if is_tab:
                colour = T.TOOLBAR_BUTTON if b.toggled else "#E9EEF7"
            keep.append(shapes.RoundedRectangle(b.rect.x, b.rect.y, b.rect.w, b.rect.h, radius=8, color=T.rgb(colour),
                                                batch=batch, group=g[1]))
            ink = T.INK if is_tab and not b.toggled else "#FFFFFF"
            keep.append(_label(b.text, b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2, ink, batch, g[2],
                               12, anchor_x="center"))
        for name, rect in lay.panels.items():
            keep.append(shapes.BorderedRectangle(rect.x, rect.y, rect.w, rect.h, border=1, color=(255, 255, 255),
                                                 border_color=T.rgb(T.PANEL_EDGE), batch=batch, group=g[0]))
        if "plot" in lay.panels and lab.train_set is not None and data_kind(lab) == "points":
            self._points(ctl, lay.panels["plot"], front, g[3], keep)
        return batch, front, keep

    def _points(self, ctl, box: Rect, batch, group, keep) -> None:
        lab = ctl.lab
        frame = plot_frame(lab)
        sets = [(lab.train_set, False)]
        if ctl.state.show_test and lab.test_set is not None:
            sets.append((lab.test_set, True))
        for data, hollow in sets:
            n = min(len(data.x), MAX_POINTS)
            u, v = frame.to_unit(data.x[:n, 0], data.x[:n, 1])
            for px, py, label in zip(box.x + u * box.w, box.y + v * box.h, data.y[:n]):
                colour = _point_colour(data, label)
                keep.append(shapes.Circle(px, py, 5, color=(40, 40, 52) if not hollow else (255, 255, 255),
                                          batch=batch, group=group))
                keep.append(shapes.Circle(px, py, 3.8 if not hollow else 3.2, color=colour, batch=batch, group=group))

    # --- the live part --------------------------------------------------------------------------

    def _build_live(self, ctl: StageControl, lay):
        """(batch drawn under the still part: the answer's map; batch drawn over it; kept objects)."""
        batch, below, keep = Batch(), Batch(), []
        under, over, top = Group(0), Group(5), Group(6)
        lab, lang = ctl.lab, ctl.lang
        s = lay.status
        keep.append(_label(clip_text(status_line(lab, lang), ctl.c.editor.measure, s.w, 11), s.x, s.y + s.h - 8,
                           T.INK, batch, top, 11))
        said = message(lab)
        if said is not None:
            colour = T.PROBLEM if lab.status in ("blocked", "diverged") else T.MUTED
            text = wrap_text(said.text(lang), ctl.c.editor.measure, s.w - 16, 10)
            lines = text.count("\n") + 1
            if lines == 1:
                keep.append(_label(text, s.x, s.y + 4, colour, batch, top, 10))
            else:   # a longer sentence (a stop reason, a problem) goes in a box over the views' top
                h = 16 * lines + 14
                keep.append(shapes.BorderedRectangle(s.x - 4, s.y + 14 - h, s.w + 8, h, border=2,
                                                     color=T.rgb("#FFF7E0"), border_color=T.rgb(colour),
                                                     batch=batch, group=Group(20)))
                keep.append(pyglet.text.Label(text, font_name=FONT_NAME, font_size=10, x=s.x + 4, y=s.y + 6,
                                              anchor_y="top", width=s.w - 8, multiline=True,
                                              color=T.rgb(T.INK) + (255,), batch=batch, group=Group(21)))
        net = lab.network
        panels = lay.panels
        if net is None:
            return below, batch, keep
        if "plot" in panels:
            self._plot(ctl, panels["plot"], batch, below, under, over, keep)
        if "diagram" in panels:
            self._diagram(ctl, panels["diagram"], batch, over, top, keep)
        if "info" in panels:
            self._info(ctl, panels["info"], batch, top, keep)
        for metric in ("loss", "accuracy"):
            if metric in panels:
                self._chart(ctl, metric, panels[metric], batch, top, keep)
        if "guesses" in panels:
            self._guesses(ctl, panels["guesses"], batch, top, keep)
        if "confusion" in panels:
            self._confusion(ctl, panels["confusion"], batch, top, keep)
        if "pad" in panels:
            self._pad(ctl, panels["pad"], batch, over, top, keep)
        return below, batch, keep

    def _plot(self, ctl, box: Rect, batch, below, under, over, keep) -> None:
        lab = ctl.lab
        kind = data_kind(lab)
        if kind == "points":
            frame = plot_frame(lab)
            keep.append(_image(maps.output_heat(lab.network, frame, HEAT_N), box, below, under))
            if ctl.state.point is not None:
                u, v = frame.to_unit(*ctl.state.point[:2])
                keep.append(shapes.Arc(box.x + u * box.w, box.y + v * box.h, 9, thickness=3,
                                       color=T.rgb(T.SELECT), batch=batch, group=over))
        elif kind == "curve":
            data = lab.train_set
            lo, hi = float(data.x.min()), float(data.x.max())
            xy = maps.curve(lab.network, lo, hi, 120)
            ys = np.concatenate([xy[:, 1], data.y[:, 0]])
            ylo, yhi = float(ys.min()), float(ys.max()) or 1.0
            span = (yhi - ylo) or 1.0
            to = lambda x, y: (box.x + 8 + (x - lo) / ((hi - lo) or 1) * (box.w - 16),  # noqa: E731
                               box.y + 8 + (y - ylo) / span * (box.h - 16))
            for x, y in zip(data.x[:MAX_POINTS, 0], data.y[:MAX_POINTS, 0]):
                keep.append(shapes.Circle(*to(x, y), 3.5, color=T.rgb(T.MUTED), batch=batch, group=over))
            keep.append(shapes.MultiLine(*[to(x, y) for x, y in xy], thickness=3, color=maps.POSITIVE,
                                         batch=batch, group=over))

    def _diagram(self, ctl, box: Rect, batch, over, top, keep) -> None:
        lab, state = ctl.lab, ctl.state
        d = ctl.diagram(box)
        for e in d.edges:
            keep.append(shapes.Line(e.x0, e.y0, e.x1, e.y1, thickness=e.width, color=e.colour + (200,),
                                    batch=batch, group=over))
        heats = ctl.neuron_pictures(NEURON_N)
        current = state.stepping.current() if state.stepping is not None else None
        for node in d.nodes:
            picked = node.key[0] == "n" and (node.key[1:] == state.neuron or node.key[1:] == current)
            edge = T.SELECT if picked else "#9AA0B4"
            keep.append(shapes.BorderedRectangle(node.x - node.r - 2, node.y - node.r - 2, 2 * node.r + 4,
                                                 2 * node.r + 4, border=3 if picked else 1, color=(255, 255, 255),
                                                 border_color=T.rgb(edge), batch=batch, group=top))
            if node.key[0] == "n" and heats is not None and heats[node.key[1]]:
                keep.append(_image(heats[node.key[1]][node.key[2]],
                                   Rect(node.x - node.r, node.y - node.r, 2 * node.r, 2 * node.r), batch, Group(7)))
            elif node.label:
                keep.append(_label(node.label, node.x, node.y, T.INK, batch, Group(7), 9, anchor_x="center"))
        for x, y, text in d.more:
            keep.append(_label(text, x, y, T.MUTED, batch, top, 9, anchor_x="center"))
        hover = state.hover
        if hover is not None and heats is not None and hover[0] < len(heats) and heats[hover[0]]:
            node = next((n for n in d.nodes if n.key[1:] == hover), None)
            if node is not None:
                size = min(box.w, box.h) * 0.45
                x = min(node.x + node.r + 6, box.x + box.w - size)
                y = max(box.y, min(node.y - size / 2, box.top - size))
                keep.append(shapes.BorderedRectangle(x - 2, y - 2, size + 4, size + 4, border=2,
                                                     color=(255, 255, 255), border_color=T.rgb(T.SELECT),
                                                     batch=batch, group=Group(8)))
                keep.append(_image(heats[hover[0]][hover[1]], Rect(x, y, size, size), batch, Group(9)))

    def _info(self, ctl, box: Rect, batch, top, keep) -> None:
        lang = ctl.lang
        lines = ctl.info_lines()
        y = box.top - 16
        if len(lines) == 1:   # a hint: wrapped, not cut
            keep.append(_label(wrap_text(lines[0], ctl.c.editor.measure, box.w - 24, 10), box.x + 10, y - 8, T.MUTED,
                               batch, top, 10, width=box.w - 20))
            lines = []
        for i, line in enumerate(lines):
            keep.append(_label(clip_text(line, ctl.c.editor.measure, box.w - 20, 10), box.x + 10, y,
                               T.INK if i else T.MUTED, batch, top, 10))
            y -= 16
            if y < box.y + 52:
                break
        for b in info_buttons(box, ctl.state, lang, ctl.c.editor.measure, ctl.lab):
            keep.append(shapes.RoundedRectangle(b.rect.x, b.rect.y, b.rect.w, b.rect.h, radius=6,
                                                color=T.rgb(T.TOOLBAR_BUTTON if b.enabled else "#B8C4D6"),
                                                batch=batch, group=top))
            keep.append(_label(b.text, b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2, "#FFFFFF", batch,
                               Group(7), 11, anchor_x="center"))

    def _chart(self, ctl, metric: str, box: Rect, batch, top, keep) -> None:
        ch = insight.chart(ctl.lab.history, metric, (box.x, box.y, box.w, box.h), ctl.lang)
        px, py, pw, ph = ch.plot
        keep.append(shapes.Line(px, py, px + pw, py, thickness=1, color=T.rgb(T.MUTED), batch=batch, group=top))
        keep.append(shapes.Line(px, py, px, py + ph, thickness=1, color=T.rgb(T.MUTED), batch=batch, group=top))
        for x, text in ch.x_ticks:
            keep.append(_label(text, x, py - 9, T.MUTED, batch, top, 8, anchor_x="center"))
        for y, text in ch.y_ticks:
            keep.append(_label(text, px - 4, y, T.MUTED, batch, top, 8, anchor_x="right"))
        keep.append(_label(ch.y_title, box.x + 6, box.top - 10, T.INK, batch, top, 9))
        keep.append(_label(ch.x_title, px + pw, py - 24, T.MUTED, batch, top, 8, anchor_x="right"))
        colours = {"train": (50, 50, 60), "test": maps.NEGATIVE}
        lx = box.x + 6
        for key, text in ch.legend:   # under the axis, left of its title
            keep.append(shapes.Line(lx, py - 24, lx + 14, py - 24, thickness=3, color=colours.get(key, (0, 0, 0)),
                                    batch=batch, group=top))
            keep.append(_label(text, lx + 17, py - 24, T.INK, batch, top, 8))
            lx += ctl.c.editor.measure(text) * 8 / 13 + 30
        if ch.note:
            keep.append(_label(ch.note, px + 6, py + ph - 8, T.MUTED, batch, top, 8, width=pw - 12))
        for key, pts in ch.series.items():
            if len(pts) >= 2:
                keep.append(shapes.MultiLine(*pts, thickness=2, color=colours.get(key, (0, 0, 0)), batch=batch, group=top))
            elif len(pts) == 1:
                keep.append(shapes.Circle(*pts[0], 3, color=colours.get(key, (0, 0, 0)), batch=batch, group=top))

    def _guesses(self, ctl, box: Rect, batch, top, keep) -> None:
        shown = ctl.digit_guesses()
        if not shown:
            return
        cols = 8
        cell = min((box.w - 12) / cols, (box.h - 24) / ((len(shown) + cols - 1) // cols))
        keep.append(_label(msg("stage_guesses").text(ctl.lang), box.x + 6, box.top - 10, T.INK, batch, top, 9))
        for k, g in enumerate(shown):
            x = box.x + 6 + (k % cols) * cell
            y = box.top - 22 - (k // cols + 1) * cell
            keep.append(_image(_grey(g.image), Rect(x + 2, y + 2, cell - 16, cell - 16), batch, top))
            keep.append(_label(str(g.guess), x + cell - 8, y + cell / 2, T.INK if g.right else T.PROBLEM, batch,
                               Group(7), 10, anchor_x="center"))
            if not g.right:
                keep.append(shapes.Box(x + 1, y + 1, cell - 2, cell - 2, thickness=2, color=T.rgb(T.PROBLEM),
                                       batch=batch, group=Group(7)))

    def _confusion(self, ctl, box: Rect, batch, top, keep) -> None:
        cells = ctl.confusion()
        if cells is None:
            return
        n = len(cells)
        keep.append(_label(msg("stage_confusion").text(ctl.lang), box.x + 6, box.top - 10, T.INK, batch, top, 9))
        side = min(box.w - 24, box.h - 40) / n
        ox, oy = box.x + 18, box.top - 22 - side * n
        for r, row in enumerate(cells):
            keep.append(_label(str(r), ox - 8, oy + (n - r - 0.5) * side, T.MUTED, batch, top, 7, anchor_x="center"))
            for c, share in enumerate(row):
                shade = int(255 - 200 * share)
                colour = (shade, shade, 255) if r == c else (255, shade, shade)
                keep.append(shapes.Rectangle(ox + c * side, oy + (n - r - 1) * side, side - 1, side - 1,
                                             color=colour, batch=batch, group=top))

    def _pad(self, ctl, box: Rect, batch, over, top, keep) -> None:
        pad = ctl.pad()
        keep.append(_image(_grey(pad.cells), box, batch, over))
        keep.append(shapes.Box(box.x - 2, box.y - 2, box.w + 4, box.h + 4, thickness=3, color=T.rgb(T.SELECT),
                               batch=batch, group=top))
        guess = ctl.pad_guess()
        text = msg("stage_pad_hint").text(ctl.lang) if guess is None else msg("stage_pad_guess", digit=guess).text(ctl.lang)
        keep.append(_label(text, box.x + 4, box.y - 12, T.INK, batch, top, 10))


def wrap_text(text: str, measure, width: float, size: float) -> str:
    """Text broken into lines that fit `width` (Japanese between characters), for a multiline label."""
    return "\n".join(_wrap_lines(text, measure, width, size))


class _Batches:
    """The stage's batches, drawn in order: panels, the answer's map, the points, the live views."""

    def __init__(self, *batches: Batch):
        self.batches = batches

    def draw(self):
        for batch in self.batches:
            batch.draw()


def _grey(image: np.ndarray) -> np.ndarray:
    """(8, 8) ink 0..1, row 0 at the top -> RGBA rows bottom-up, dark ink on white."""
    v = (255 - 255 * np.clip(image, 0, 1))[::-1].astype(np.uint8)
    return np.dstack([v, v, v, np.full_like(v, 255)])


def _image(rgba: np.ndarray, rect: Rect, batch, group):
    """An (n, n, 4) uint8 array, row 0 at the bottom, stretched over rect."""
    h, w = rgba.shape[:2]
    data = pyglet.image.ImageData(w, h, "RGBA", np.ascontiguousarray(rgba, dtype=np.uint8).tobytes())
    sprite = pyglet.sprite.Sprite(data.get_texture(), rect.x, rect.y, batch=batch, group=group)
    sprite.scale_x, sprite.scale_y = rect.w / w, rect.h / h
    return sprite


def _point_colour(data, label) -> tuple[int, int, int]:
    if data.task == "regress":
        v = float(label if np.ndim(label) == 0 else label[0])
        return maps.NEGATIVE if v < 0 else maps.POSITIVE
    return maps.CLASS_COLOURS[int(label) % len(maps.CLASS_COLOURS)]


def _label(text, x, y, colour, batch, group, size, width=None, anchor_x="left"):
    return pyglet.text.Label(text, font_name=FONT_NAME, font_size=size, x=x, y=y, anchor_y="center",
                             anchor_x=anchor_x, color=T.rgb(colour) + (255,), batch=batch, group=group, width=width,
                             multiline=width is not None)
