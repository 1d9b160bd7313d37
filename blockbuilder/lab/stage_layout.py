"""The stage's layout, pure geometry: the control rows, the status and the sentence, the tabs (or every view at
once), where each view goes, and the texts that must fit in them.

Also the data tools' rows and the look-inside panel's buttons. Screen coordinates as in screen.py (pixels,
y up); tested with numbers. Every text the layout places is wrapped (editor/layout.py wrap_text) and its box
made as tall as its lines, so nothing is cut and nothing lies over a button, a tab or another text.
view/stage.py draws what `layout` describes, stage.py answers presses on it.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Callable

from ..editor.layout import wrap_text
from ..editor.screen import BUTTON_H, Button, Rect
from .charts import TRY_LINES, TryRow, tries_height, tries_legend
from .data_tools import tool_specs
from .lab import Lab
from .readout import data_kind, legend_text, message, status_parts
from .texts import msg

if TYPE_CHECKING:
    from .stage import StageState

__all__ = ["StageLayout", "TextBox", "data_kind", "info_buttons", "layout", "learn_buttons", "tabs_for"]

PAD = 10
TALL = 660             # a stage less tall than this (a window 600 or 640 high) is short of room:
LOW_BUTTON_H = 34      # its controls are this high (still a child's target) and its texts SHORT
TABS_H = 34
TOOL_H = 32            # the data tools and the look-inside panel's buttons
NARROW = 320           # a stage less wide than this packs its controls tighter
BIG_MIN = 520          # a stage at least this wide shows every view at once, without tabs
STATUS = (11, 17)      # (points, pixels from line to line) of the status line
SENTENCE = (10, 15)    # of the sentence under it
LEGEND = (9, 14)       # of what the data plot's colours mean
INFO = (10, 15)        # of the look-inside panel
SHORT = {STATUS: (10, 15), SENTENCE: (9, 13), INFO: (10, 14)}   # the same on a short stage
CHART_MIN = 120        # a chart less tall than this squashes its ticks together
CHARTS_SHARE = 0.4     # of a big stage's right column, at least, for the two charts under the data
TRIES_LEAVE = (214, 2 * CHART_MIN + 16)  # the legend of tries leaves this much over it: for the charts (a tab),
                                         # for the diagram and look-inside (a big stage's left column)
DIAGRAM_MIN = ((110, 0.3), (60, 0.2), (40, 0.15))  # the network diagram keeps this much (or this share of a short
                                       # column) from the look-inside panel; the second when the first cuts it
PAD_TEXT = 32          # under the digit pad: its hint or guess, in two lines at most (view/stage_charts.py)
INFO_TERMS = (6, 3, 1)  # how many inputs the look-inside panel lists one by one, fewest when room is short
LEARN = (10, 14)       # the words beside the slope ("how it learns", learning.py)
SLOPE_MIN = 70         # the slope picture keeps at least this much from its words

InfoLines = Callable[[int], list]   # max_terms -> the look-inside panel's lines (StageControl.info_lines)


@dataclass(frozen=True)
class TextBox:
    """Lines that fit `rect.w` at `size` points, one every `step` pixels from the top, `muted` first ones grey."""

    rect: Rect
    lines: tuple[str, ...]
    size: float
    step: float
    muted: int = 0
    framed: bool = False      # drawn in a box (a problem or a stop reason of more than one line)

    def baseline(self, i: int) -> float:
        """The y of line i's middle (labels are centred on y), a whole pixel: a text at half a pixel loses the
        thin strokes of its "-" and "="."""
        return round(self.rect.top - 4 - self.step * (i + 0.5))


@dataclass(frozen=True)
class StageLayout:
    area: Rect
    buttons: list[Button]                      # play/pause, step, epoch, reset, speed, bigger/smaller, export
    status: Rect                               # the epoch counter and loss line
    tabs: list[Button]
    panels: dict[str, Rect] = field(default_factory=dict)   # view name -> where it goes
    tools: list[Button] = field(default_factory=list)       # the data tools over the data view (data_tools.py)
    texts: dict[str, TextBox] = field(default_factory=dict)  # "status", "message", "legend", "info"
    info_buttons: list[Button] = field(default_factory=list)  # at the bottom of the look-inside panel
    tries: list[TryRow] = field(default_factory=list)        # the legend of tries, in panels["tries"] (charts.py)
    learn_buttons: list[Button] = field(default_factory=list)  # at the bottom of panels["learn"]: wiggle, other weight
    switches: list[Button] = field(default_factory=list)     # "charts" / "how it learns", over the charts


def tabs_for(kind: str) -> list[str]:
    return ["digits" if kind == "digits" else "data", "network", "charts"]


def layout(area: Rect, lab: Lab, state: StageState, lang: str, measure, info: InfoLines | None = None,
           learn: Callable[[], list] | None = None) -> StageLayout:
    """Controls on top, the status and the sentence under them, then tabs (a narrow stage) or every view at once
    (a big one). `info` gives the look-inside panel's lines, so the panel can be as tall as they are; `learn` the
    words beside the slope ("how it learns", which a switch over the charts shows in their place)."""
    buttons = _controls(area, lab, state, lang, measure)
    texts = _words(area, buttons[-1].rect.y - 6, lab, lang, measure)
    y = texts.get("message", texts["status"]).rect.y - 6
    inside = SHORT[INFO] if area.h < TALL else INFO
    kind = data_kind(lab)
    classes = not _regression(lab)
    specs = tool_specs(lab, state.own_class, state.show_test, kind, lang)
    legend = legend_text(lab, lang)
    info = info or (lambda terms: [])
    views = _Views(kind, classes, legend, measure, lambda r: _info(r, state, lang, measure, lab, info, inside))
    views.learn = lambda r: _learn(r, state, lang, measure, lab, learn or (lambda: []))
    views.learning = state.learn
    views.switch_texts = [(name, msg(key).text(lang)) for name, key in (("charts", "tab_charts_big"),
                                                                        ("slope", "tab_learn"), ("layer", "tab_layer"))]
    if lab.runs:          # old tries to compare with: their legend under the charts
        tries = lab.tries()
        views.tries = lambda w, most: tries_legend(tries, lang, w - 12, measure, most)
    tabs: list[Button] = []
    if area.w >= BIG_MIN:
        body = Rect(area.x + PAD, area.y + PAD, area.w - 2 * PAD, y - area.y - PAD)
        left, right = _split_h(body, 0.5)
        tools, right = ([], right) if state.learn else _tool_rows(right, specs, measure)
        panels = views.all(left, right)
    else:
        if state.tab not in tabs_for(kind):
            state.tab = tabs_for(kind)[0]
        tabs = _tabs(area, y, kind, state.tab, lang, measure)
        low = min(b.rect.y for b in tabs)
        body = Rect(area.x + PAD, area.y + PAD, area.w - 2 * PAD, low - 8 - area.y - PAD)
        tools = []
        if state.tab in ("data", "digits"):
            tools, body = _tool_rows(body, specs, measure)
        panels = views.one(body, state.tab)
    if _regression(lab):
        panels = _without_accuracy(panels)
    texts.update(views.texts)
    return StageLayout(area, buttons, texts["status"].rect, tabs, panels, tools, texts, views.info_buttons,
                       views.rows if "tries" in panels else [], views.learn_buttons, views.switches)


def _words(area: Rect, top: float, lab: Lab, lang: str, measure) -> dict[str, TextBox]:
    """The status line and the sentence under it, from `top` down, each as tall as its lines."""
    status, sentence = (SHORT[STATUS], SHORT[SENTENCE]) if area.h < TALL else (STATUS, SENTENCE)
    width = area.w - 2 * PAD
    lines = _pack(status_parts(lab, lang), measure, width, status[0])
    texts = {"status": _text(Rect(area.x + PAD, 0, width, 0), lines, top, *status)}
    said = message(lab)
    if said is not None:
        lines = wrap_text(said.text(lang), measure, width - 16, sentence[0])
        framed = lab.message is not None and len(lines) > 1     # not the hints of "ready", "running", "paused"
        box = _text(Rect(area.x + PAD, 0, width, 0), lines, texts["status"].rect.y - 4, *sentence,
                    extra=10 if framed else 0)
        texts["message"] = replace(box, framed=framed)
    return texts


def _controls(area: Rect, lab: Lab, state: StageState, lang: str, measure) -> list[Button]:
    """The training buttons, then the speed, bigger/smaller and export, flowing in rows across the stage."""
    t = lambda key, **kw: msg(key, **kw).text(lang)  # noqa: E731
    running = lab.status == "running"
    can = lab.can_train()
    specs = [("lab_toggle", t("lab_pause") if running else t("lab_play"), can, running),
             ("lab_step", t("lab_step"), can, False), ("lab_step_epoch", t("lab_step_epoch"), can, False),
             ("lab_reset", t("lab_reset"), lab.network is not None and can, False),
             ("lab_speed", t("lab_speed", speed=t("lab_speed_" + lab.speed)) + " ▼", can, False),
             ("stage_big", t("lab_small") if state.big else t("lab_big"), True, state.big),
             ("export", t("lab_export"), lab.network is not None, False)]
    h = LOW_BUTTON_H if area.h < TALL else BUTTON_H
    pad = 18 if area.w >= NARROW else 12     # a narrow stage's buttons hug their words: a row fewer
    return _flow(specs, area.x + PAD, area.x + area.w - PAD, area.top - PAD, h, h + 6, measure, 12, pad)


def _text(rect: Rect, lines: list[str], top: float, size: float, step: float, extra: float = 0) -> TextBox:
    """A box under `top`, as wide as rect and as tall as its lines (plus `extra` for a frame's room)."""
    h = step * len(lines) + 6 + extra
    return TextBox(Rect(rect.x, top - h, rect.w, h), tuple(lines), size, step)


def _pack(parts: list[str], measure, width: float, size: float) -> list[str]:
    """Parts side by side ("  " apart) while they fit `width`; a part too long alone is wrapped."""
    lines: list[str] = []
    for part in parts:
        joined = lines[-1] + "  " + part if lines else part
        if lines and measure(joined) * size / 13 <= width:
            lines[-1] = joined
        else:
            lines += wrap_text(part, measure, width, size)
    return lines


def _tabs(area: Rect, y: float, kind: str, tab: str, lang: str, measure) -> list[Button]:
    names = tabs_for(kind)
    texts = [msg("tab_" + name).text(lang) for name in names]
    room = area.w - 2 * PAD - 4 * (len(names) - 1)
    widths = [measure(text) * 12 / 13 for text in texts]    # tab labels are drawn at 12 pt
    pad = max(6.0, min(22.0, (room - sum(widths)) / len(names)))
    if sum(widths) + pad * len(names) > room:               # too many for one row: they flow into two
        pad = 16.0
    out, x, right = [], area.x + PAD, area.x + area.w - PAD
    for name, text, w in zip(names, texts, widths):
        if x + w + pad > right and x > area.x + PAD:
            x, y = area.x + PAD, y - TABS_H - 4
        out.append(Button("tab:" + name, Rect(x, y - TABS_H, w + pad, TABS_H), text, True, tab == name))
        x += w + pad + 4
    return out


def _regression(lab: Lab) -> bool:
    return lab.train_set is not None and lab.train_set.task == "regress"


def _without_accuracy(panels: dict[str, Rect]) -> dict[str, Rect]:
    """Numbers have no accuracy to chart: the loss chart takes its place too."""
    if "accuracy" not in panels or "loss" not in panels:
        return panels
    loss, acc = panels["loss"], panels.pop("accuracy")
    x, y = min(loss.x, acc.x), min(loss.y, acc.y)
    panels["loss"] = Rect(x, y, max(loss.x + loss.w, acc.x + acc.w) - x, max(loss.top, acc.top) - y)
    return panels


def _flow(specs, left: float, right: float, top: float, h: float, step: float, measure, pt: float,
          pad: float) -> list[Button]:
    """Buttons (id, text, enabled, toggled) left to right from `top` down, a new row when one would pass
    `right`; each as wide as its text at `pt` points plus `pad`."""
    out, x, y = [], left, top - h
    for id, text, on, toggled in specs:
        w = measure(text) * pt / 13 + pad
        if x + w > right and x > left:
            x, y = left, y - step
        out.append(Button(id, Rect(x, y, w, h), text, on, toggled))
        x += w + 6
    return out


def _tool_rows(r: Rect, specs, measure) -> tuple[list[Button], Rect]:
    """The data tools in rows at the top of r, and what is left below."""
    out = _flow([(id, text, True, toggled) for id, text, toggled in specs], r.x, r.x + r.w, r.top, TOOL_H,
                TOOL_H + 4, measure, 11, 20)
    if not out:
        return out, r
    return out, Rect(r.x, r.y, r.w, out[-1].rect.y - 8 - r.y)


def _square(r: Rect) -> Rect:
    s = max(0.0, min(r.w, r.h))
    return Rect(r.x + (r.w - s) / 2, r.top - s, s, s)


def _split_v(r: Rect, share: float, gap: float = 8) -> tuple[Rect, Rect]:
    """(top part, bottom part) of a rectangle."""
    h = (r.h - gap) * share
    return Rect(r.x, r.top - h, r.w, h), Rect(r.x, r.y, r.w, r.h - h - gap)


def _cut_top(r: Rect, h: float, gap: float = 8) -> tuple[Rect, Rect]:
    """(the top h of r, the rest under it)."""
    return Rect(r.x, r.top - h, r.w, h), Rect(r.x, r.y, r.w, max(0.0, r.h - h - gap))


def _split_h(r: Rect, share: float, gap: float = 10) -> tuple[Rect, Rect]:
    w = (r.w - gap) * share
    return Rect(r.x, r.y, w, r.h), Rect(r.x + w + gap, r.y, r.w - w - gap, r.h)


class _Views:
    """Where each view goes in a body (one tab) or two columns (every view at once); also the texts they hold."""

    def __init__(self, kind: str, classes: bool, legend: str, measure, info):
        self.kind, self.classes, self.legend, self.measure, self.info = kind, classes, legend, measure, info
        self.texts: dict[str, TextBox] = {}
        self.info_buttons: list[Button] = []
        self.tries = None             # (width, most lines a try) -> the legend of tries' rows, with old tries
        self.rows: list[TryRow] = []
        self.learn = None             # rect -> (panels, text box, buttons): the slope and its words (_learn)
        self.learning = ""            # "slope" or "layer" in place of the charts (StageState.learn)
        self.switch_texts: list[tuple[str, str]] = []
        self.learn_buttons: list[Button] = []
        self.switches: list[Button] = []

    def one(self, body: Rect, tab: str) -> dict[str, Rect]:
        kind = self.kind
        if tab == "data" and kind == "other":
            if not self.classes:
                return {"summary": body}
            summary, rest = _split_v(body, 0.3)
            return {"summary": summary, "confusion": _square(rest)}
        if tab == "data":
            return self._plot_and_legend(body, 0)
        if tab == "digits":
            guesses, rest = _split_v(body, 0.5)
            confusion, pad = _split_h(rest, 0.5)
            return {"guesses": guesses, "confusion": _square(confusion),
                    "pad": _square(Rect(pad.x, pad.y + PAD_TEXT, pad.w, pad.h - PAD_TEXT))}
        if tab == "network":
            return self._diagram_and_info(body)
        if self.learning:          # "how it learns" in place of the charts
            return self._learn(self._switches(body))
        tries, body = self._tries(body, TRIES_LEAVE[0])
        loss, accuracy = _split_v(body, 0.5, gap=14)
        return {"loss": loss, "accuracy": accuracy, **tries}

    def all(self, left: Rect, right: Rect) -> dict[str, Rect]:
        """Left: the network and what one neuron computes (and under them, beside the charts, the legend of
        tries); right: the data (or digits) over the charts."""
        tries, left = self._tries(left, TRIES_LEAVE[1])
        panels = {**self._diagram_and_info(left), **tries}
        if self.learning:      # the slope and its words take the whole right column, the data's and the charts'
            return {**panels, **self._learn(self._switches(right))}
        charts = max(2 * CHART_MIN + 16, CHARTS_SHARE * right.h)
        if self.kind == "digits":
            guesses, rest = _cut_top(right, max(0.0, min(right.h * 0.3, right.h - charts - 8 - 120)))
            middle, rest = _cut_top(rest, max(0.0, min(rest.h * 0.42, rest.h - charts)))
            conf, pad = _split_h(middle, 0.5)
            panels.update(guesses=guesses, confusion=_square(conf),
                          pad=_square(Rect(pad.x, pad.y + PAD_TEXT, pad.w, pad.h - PAD_TEXT)))
            right = rest
        elif self.kind in ("points", "curve", "none"):
            shown = self._plot_and_legend(right, charts)
            bottom = min(r.y for r in shown.values())
            right = Rect(right.x, right.y, right.w, bottom - 8 - right.y)
            panels.update(shown)
        elif self.kind == "other":
            summary, right = _split_v(right, 0.22)
            panels["summary"] = summary
            if self.classes:
                confusion, right = _split_v(right, 0.45)
                panels["confusion"] = _square(confusion)
        loss, accuracy = _split_v(right, 0.5)
        panels.update(loss=loss, accuracy=accuracy)
        return panels

    def _switches(self, r: Rect) -> Rect:
        """The "charts" / "how it learns" switches in a row at the top of r; what is left under them."""
        self.switches = [replace(b, toggled=b.id == "switch:" + (self.learning or "charts")) for b in
                         _flow([("switch:" + name, text, True, False) for name, text in self.switch_texts],
                               r.x, r.x + r.w, r.top, TOOL_H - 6, TOOL_H, self.measure, 11, 16)]
        return Rect(r.x, r.y, r.w, max(0.0, self.switches[-1].rect.y - 6 - r.y))

    def _learn(self, r: Rect) -> dict[str, Rect]:
        panels, text, self.learn_buttons = self.learn(r)
        self.texts["learn"] = text
        return panels

    def _tries(self, r: Rect, leave: float) -> tuple[dict[str, Rect], Rect]:
        """({"tries": the legend of tries at the bottom of r} or {}, what is left over it): each try in as many
        lines as leave `leave` pixels over the legend (at least one line each)."""
        if self.tries is None:
            return {}, r
        rows = self.tries(r.w, TRY_LINES)
        most = next((n for n in range(TRY_LINES, 0, -1)
                     if r.h - tries_height(rows, n) - 8 >= leave), 1)   # (a try cut to n lines has n lines)
        self.rows = rows if most == TRY_LINES else self.tries(r.w, most)
        h = tries_height(self.rows)
        return {"tries": Rect(r.x, r.y, r.w, h)}, Rect(r.x, r.y + h + 8, r.w, max(0.0, r.h - h - 8))

    def _plot_and_legend(self, r: Rect, below: float) -> dict[str, Rect]:
        """The data plot as a square at the top of r, under it what the colours mean (as tall as its lines),
        and `below` pixels left under them for the charts."""
        size, step = LEGEND
        lines = wrap_text(self.legend, self.measure, r.w - 12, size) if self.legend else []
        legend_h = step * len(lines) + 8 if lines else 0
        side = max(0.0, min(r.w, r.h - legend_h - 4 - below))
        plot = Rect(r.x + (r.w - side) / 2, r.top - side, side, side)
        if not lines:
            return {"plot": plot}
        legend = Rect(r.x, plot.y - 4 - legend_h, r.w, legend_h)
        self.texts["legend"] = TextBox(Rect(r.x + 6, legend.y, r.w - 12, legend_h), tuple(lines), size, step)
        return {"plot": plot, "legend": legend}

    def _diagram_and_info(self, r: Rect) -> dict[str, Rect]:
        for least, share in DIAGRAM_MIN:
            info, text, buttons, whole = self.info(Rect(r.x, r.y, r.w, max(0.0, r.h - min(least, share * r.h) - 8)))
            if whole:
                break
        self.texts["info"], self.info_buttons = text, buttons
        return {"diagram": Rect(r.x, info.top + 8, r.w, r.top - info.top - 8), "info": info}


def _info(room: Rect, state: StageState, lang: str, measure, lab: Lab, info: InfoLines, sizes=INFO):
    """(the look-inside panel at the bottom of `room`, its lines, its buttons, whether every line is there): as
    tall as its lines and buttons, listing fewer inputs one by one when `room` is short; lines that still do not
    fit are left out."""
    size, step = sizes
    trial = info_buttons(Rect(room.x, room.y, room.w, 400), state, lang, measure, lab)
    under = max(b.rect.top for b in trial) - room.y + 4 if trial else 0   # the buttons' rows and a gap over them
    for terms in INFO_TERMS:
        rows = info(terms)
        lines = [line for row in rows for line in wrap_text(row, measure, room.w - 20, size)]
        if 6 + step * len(lines) + 4 + under <= room.h:
            break
    head = len(wrap_text(rows[0], measure, room.w - 20, size)) if rows else 0
    muted = len(lines) if len(rows) == 1 else head   # a hint is all grey; the neuron's name over its sum
    fit = int(max(0.0, room.h - 10 - under) // step)
    whole = len(lines) <= fit
    lines = lines[:fit]
    h = min(room.h, 6 + step * len(lines) + 4 + under)
    panel = Rect(room.x, room.y, room.w, max(h, under + 8))
    text = TextBox(Rect(room.x + 10, panel.top - 2 - step * len(lines) - 8, room.w - 20, step * len(lines) + 8),
                   tuple(lines), size, step, min(muted, len(lines)))
    return panel, text, info_buttons(panel, state, lang, measure, lab), whole


def info_buttons(rect: Rect, state: StageState, lang: str, measure, lab: Lab) -> list[Button]:
    """The buttons at the bottom of the look-inside panel, in rows from the bottom up when they do not fit."""
    t = lambda key, **kw: msg(key, **kw).text(lang)  # noqa: E731
    if state.stepping is not None:
        ids = [("step_next", t("stage_step_next")), ("step_stop", t("stage_step_stop"))]
    elif state.back is not None:
        ids = [("back_next", t("stage_step_next")), ("back_stop", t("stage_step_stop")),
               ("back_slope", t("stage_back_slope"))]
    else:
        ids = [("step_start", t("stage_step_start")), ("back_start", t("stage_back_start"))]
        if state.neuron is not None:
            ids.append(("bias", t("stage_bias_edit")))
    return _bottom_buttons(rect, ids, lab, measure)


def learn_buttons(rect: Rect, state: StageState, lang: str, measure, lab: Lab) -> list[Button]:
    """The buttons under the slope's words: wiggle it (or stop), another weight."""
    t = lambda key, **kw: msg(key, **kw).text(lang)  # noqa: E731
    if state.learn == "layer":
        return _bottom_buttons(rect, [("learn_other_layer", t("learn_other_layer"))], lab, measure)
    ids = [("learn_wiggle", t("learn_wiggle")), ("learn_other", t("learn_other_weight"))]
    out = _bottom_buttons(rect, ids, lab, measure)
    return [replace(b, toggled=b.id == "learn_wiggle" and state.wiggle) for b in out]


def _learn(room: Rect, state: StageState, lang: str, measure, lab: Lab, lines_of: Callable[[], list], sizes=LEARN):
    """({"slope" or "space": the picture, "learn": its words and buttons under it}, the words' box, the buttons):
    the words as tall as their lines, the picture the rest; sentences that do not fit the room left of SLOPE_MIN
    are left out whole."""
    size, step = sizes
    trial = learn_buttons(Rect(room.x, room.y, room.w, 400), state, lang, measure, lab)
    under = max(b.rect.top for b in trial) - room.y + 4
    fit = int(max(0.0, room.h - SLOPE_MIN - 8 - 10 - under) // step)
    lines: list[str] = []
    for row in lines_of():          # whole sentences only: one that does not fit is left out, not cut
        wrapped = wrap_text(row, measure, room.w - 20, size)
        if len(lines) + len(wrapped) > fit:
            break
        lines += wrapped
    h = min(room.h, 6 + step * len(lines) + 4 + under)
    words = Rect(room.x, room.y, room.w, max(h, under + 8))
    picture = Rect(room.x, words.top + 8, room.w, max(0.0, room.top - words.top - 8))
    text = TextBox(Rect(room.x + 10, words.top - 2 - step * len(lines) - 8, room.w - 20, step * len(lines) + 8),
                   tuple(lines), size, step, min(1, len(lines)))
    name = "space" if state.learn == "layer" else "slope"
    return {name: picture, "learn": words}, text, learn_buttons(words, state, lang, measure, lab)


def _bottom_buttons(rect: Rect, ids: list[tuple[str, str]], lab: Lab, measure) -> list[Button]:
    """Buttons flowing in rows, the last row at the bottom of rect."""
    edge, pad = (8, 20) if rect.w >= NARROW else (6, 12)    # a narrow panel's buttons hug their words
    out = _flow([(id, text, lab.network is not None, False) for id, text in ids], rect.x + edge,
                rect.x + rect.w - edge, rect.top, TOOL_H, TOOL_H + 4, measure, 11, pad)
    lift = rect.y + 8 - out[-1].rect.y          # the last row sits at the panel's bottom
    return [replace(b, rect=Rect(b.rect.x, b.rect.y + lift, b.rect.w, b.rect.h)) for b in out]
