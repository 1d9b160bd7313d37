"""The stage area, headless: the training controls, the tabs, where each view goes, and what a click
on the stage does (pick a point, look inside a neuron, edit a weight, draw a digit, add a point).

Screen coordinates as in screen.py (pixels, y up). view/stage.py draws what `layout` describes.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

import numpy as np

from runtime import Message

from ..editor.dialogs import AskNumber, DialogHost
from ..editor.screen import BUTTON_H, Button, Menu, MenuItem, Rect, fit_menu
from . import insight
from .data_tools import CLASSES, has_param, tool_specs
from .insight import Pad, StepThrough, confusion_cells, guesses, math_lines, neuron_math, neuron_title
from .lab import SPEEDS, Lab
from .maps import Frame, diagram, frame_for, legend, neuron_heats
from .texts import msg

PAD = 10
ROW = BUTTON_H + 8
TABS_H = 34
TOOL_H = 32            # the data tools and the look-inside panel's buttons
LEGEND_H = 48          # up to three short lines under the data plot: what its colours mean
LIVE_HZ = 10           # redraws of the live views per second while training
BIG_MIN = 520          # a stage at least this wide shows every view at once, without tabs


@dataclass
class StageState:
    """What the child chose to look at: not part of the document, not an edit."""

    tab: str = "data"
    big: bool = False
    show_test: bool = True
    point: np.ndarray | None = None            # the picked data point (raw inputs)
    neuron: tuple[int, int] | None = None      # (spec layer, neuron) looked inside
    stepping: object | None = None             # insight.StepThrough while stepping through a forward pass
    hover: tuple[int, int] | None = None       # the neuron under the pointer (its picture is enlarged)
    own_class: int = 0                         # the class a click adds in the own-data mode
    pad: object | None = None                  # insight.Pad for digits
    pad_last: tuple[float, float] | None = None
    version: int = 0                           # bumps on every change, for the view's key

    def changed(self) -> None:
        self.version += 1


@dataclass(frozen=True)
class StageLayout:
    area: Rect
    buttons: list[Button]                      # play/pause, step, epoch, reset, speed, bigger/smaller
    status: Rect                               # the epoch counter and loss line
    tabs: list[Button]
    panels: dict[str, Rect] = field(default_factory=dict)   # view name -> where it goes
    tools: list[Button] = field(default_factory=list)       # the data tools over the data view (data_tools.py)


def data_kind(lab: Lab) -> str:
    """"points" (2-D data), "digits" (8x8 pictures), "curve" (1 input -> a number), or "other"."""
    data = lab.train_set
    if data is None:
        return "none"
    if data.n_inputs == 2:
        return "points"
    if tuple(data.extra.get("image_shape", ())) == (8, 8):
        return "digits"
    if data.n_inputs == 1 and data.task == "regress":
        return "curve"
    return "other"


def tabs_for(kind: str) -> list[str]:
    return ["digits" if kind == "digits" else "data", "network", "charts"]


def layout(area: Rect, lab: Lab, state: StageState, lang: str, measure) -> StageLayout:
    """Controls on top, then tabs (a narrow stage) or every view at once (a big one)."""
    t = lambda key, **kw: msg(key, **kw).text(lang)  # noqa: E731
    top = area.top - PAD
    running = lab.status == "running"
    can = lab.can_train()
    row1 = [("lab_toggle", t("lab_pause") if running else t("lab_play"), can, running),
            ("lab_step", t("lab_step"), can, False), ("lab_step_epoch", t("lab_step_epoch"), can, False),
            ("lab_reset", t("lab_reset"), lab.network is not None and can, False)]
    row2 = [("lab_speed", t("lab_speed", speed=t("lab_speed_" + lab.speed)) + " ▼", can, False),
            ("stage_big", t("lab_small") if state.big else t("lab_big"), True, state.big),
            ("export", t("lab_export"), lab.network is not None, False)]
    buttons: list[Button] = []
    y = top
    for row in (row1, row2):     # each row wraps rather than run off the stage
        buttons += _flow(row, area.x + PAD, area.x + area.w - PAD, y, BUTTON_H, ROW, measure, 12, 18)
        y = buttons[-1].rect.y - (ROW - BUTTON_H)
    y -= BUTTON_H
    status = Rect(area.x + PAD, y + BUTTON_H - 30, area.w - 2 * PAD, 36)
    y = status.y - 6
    kind = data_kind(lab)
    names = tabs_for(kind)
    body_top = y
    tabs: list[Button] = []
    panels: dict[str, Rect] = {}
    specs = tool_specs(lab, state.own_class, state.show_test, kind, lang)
    if area.w >= BIG_MIN:
        body = Rect(area.x + PAD, area.y + PAD, area.w - 2 * PAD, body_top - area.y - PAD)
        left, right = _split_h(body, 0.5)
        tools, right = _tool_rows(right, specs, measure)
        panels = _all_views(left, right, kind, classes=not _regression(lab))
    else:
        x = area.x + PAD
        if state.tab not in names:
            state.tab = names[0]
        texts = [t("tab_" + name) for name in names]
        room = area.w - 2 * PAD - 4 * (len(names) - 1)
        widths = [measure(text) * 12 / 13 for text in texts]    # tab labels are drawn at 12 pt
        pad = max(6.0, min(22.0, (room - sum(widths)) / len(names)))
        for name, text, w in zip(names, texts, widths):
            tabs.append(Button("tab:" + name, Rect(x, y - TABS_H, w + pad, TABS_H), text, True, state.tab == name))
            x += w + pad + 4
        body = Rect(area.x + PAD, area.y + PAD, area.w - 2 * PAD, y - TABS_H - 8 - area.y - PAD)
        tools = []
        if state.tab in ("data", "digits"):
            tools, body = _tool_rows(body, specs, measure)
        panels = _one_view(body, state.tab, kind, classes=not _regression(lab))
    if _regression(lab):
        panels = _without_accuracy(panels)
    return StageLayout(area, buttons, status, tabs, panels, tools)


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
    s = min(r.w, r.h)
    return Rect(r.x + (r.w - s) / 2, r.top - s, s, s)


def _split_v(r: Rect, share: float, gap: float = 8) -> tuple[Rect, Rect]:
    """(top part, bottom part) of a rectangle."""
    h = (r.h - gap) * share
    return Rect(r.x, r.top - h, r.w, h), Rect(r.x, r.y, r.w, r.h - h - gap)


def _split_h(r: Rect, share: float, gap: float = 10) -> tuple[Rect, Rect]:
    w = (r.w - gap) * share
    return Rect(r.x, r.y, w, r.h), Rect(r.x + w + gap, r.y, r.w - w - gap, r.h)


def _one_view(body: Rect, tab: str, kind: str, classes: bool = False) -> dict[str, Rect]:
    if tab == "data" and kind == "other":
        if not classes:
            return {"summary": body}
        summary, rest = _split_v(body, 0.3)
        return {"summary": summary, "confusion": _square(rest)}
    if tab == "data":
        plot, info = _split_v(body, 0.72)
        return {**_plot_and_legend(plot), "info": info}
    if tab == "digits":
        guesses, rest = _split_v(body, 0.5)
        confusion, pad = _split_h(rest, 0.5)
        return {"guesses": guesses, "confusion": _square(confusion),
                "pad": _square(Rect(pad.x, pad.y + 16, pad.w, pad.h - 16))}
    if tab == "network":
        diagram, info = _split_v(body, 0.62)
        return {"diagram": diagram, "info": info}
    loss, accuracy = _split_v(body, 0.5, gap=14)
    return {"loss": loss, "accuracy": accuracy}


def _plot_and_legend(r: Rect) -> dict[str, Rect]:
    """The data plot as a square at the top of r, and under it the line that says what the colours mean."""
    plot = _square(Rect(r.x, r.y + LEGEND_H + 4, r.w, r.h - LEGEND_H - 4))
    return {"plot": plot, "legend": Rect(plot.x, plot.y - LEGEND_H - 4, plot.w, LEGEND_H)}


def _all_views(left: Rect, right: Rect, kind: str, classes: bool = False) -> dict[str, Rect]:
    """Left: the network and what one neuron computes; right: the data (or digits) over the charts."""
    diagram, info = _split_v(left, 0.62)
    panels = {"diagram": diagram, "info": info}
    if kind == "digits":
        guesses, rest = _split_v(right, 0.3)
        middle, charts = _split_v(rest, 0.42)
        conf, pad = _split_h(middle, 0.5)
        loss, accuracy = _split_v(charts, 0.5)
        panels.update(guesses=guesses, confusion=_square(conf), pad=_square(Rect(pad.x, pad.y + 16, pad.w, pad.h - 16)),
                      loss=loss, accuracy=accuracy)
        return panels
    if kind in ("points", "curve", "none"):
        shown = _plot_and_legend(right)
        right = Rect(right.x, right.y, right.w, shown["legend"].y - 8 - right.y)
        panels.update(shown)
    elif kind == "other":
        summary, right = _split_v(right, 0.22)
        panels["summary"] = summary
        if classes:
            confusion, right = _split_v(right, 0.45)
            panels["confusion"] = _square(confusion)
    loss, accuracy = _split_v(right, 0.5)
    panels.update(loss=loss, accuracy=accuracy)
    return panels


def status_line(lab: Lab, lang: str) -> str:
    """"Epoch 12 / 300 · loss 0.123 · accuracy 98%" — what the counter shows."""
    t = lambda key, **kw: msg(key, **kw).text(lang)  # noqa: E731
    parts = [lab.counter().text(lang)]
    if lab.history:
        last = lab.history[-1]
        loss = last.test_loss if last.test_loss is not None else last.train_loss
        parts.append(t("lab_loss", loss=f"{loss:.3f}"))
        acc = last.test_accuracy if last.test_accuracy is not None else last.train_accuracy
        if acc is not None:
            parts.append(t("lab_accuracy", percent=f"{100 * acc:.0f}"))
    return "  ".join(parts)


def message(lab: Lab) -> Message | None:
    """The one sentence under the controls: a problem, a stop reason, or what to do next."""
    if lab.message is not None:
        return lab.message
    return {"ready": msg("lab_ready"), "running": msg("lab_running"), "paused": msg("lab_paused")}.get(lab.status)


class StageControl:
    """Pointer input on the stage, turned into lab actions and stage-state changes."""

    def __init__(self, controller, lab: Lab, state: StageState | None = None):
        self.c, self.lab = controller, lab
        self.state = state or StageState()
        self.pressed: str | None = None     # which view a drag started in ("pad", "plot")
        self._cache: dict = {}
        self._shown = (-1, 0.0)             # (lab version drawn, when)
        controller.stage_input = self       # presses on the stage come here; a big stage widens the regions

    @property
    def lang(self) -> str:
        return self.c.editor.lang

    def layout(self) -> StageLayout:
        return layout(self.c.regions.stage, self.lab, self.state, self.lang, self.c.editor.measure)

    def key(self) -> tuple:
        """Everything the stage shows, for the view's rebuild check. While training, the weights' views
        are redrawn at most LIVE_HZ times a second: frames in between reuse them, so the window stays smooth."""
        lab, now = self.lab, time.perf_counter()
        if lab.status != "running" or now - self._shown[1] >= 1 / LIVE_HZ:
            self._shown = (lab.version, now)
        return (self.c.regions.stage, self.lang, self._shown[0], lab.status, lab.speed,
                lab.message and lab.message.key, self.state.version)

    def toggle_big(self) -> None:
        self.state.big = not self.state.big
        self.state.changed()
        self.c.resize(self.c.width, self.c.height)

    def speed_menu(self) -> None:
        b = next((b for b in self.layout().buttons if b.id == "lab_speed"), None)
        items = [MenuItem(f"speed:{s}", msg("lab_speed_" + s).text(self.lang), True, s == self.lab.speed)
                 for s in SPEEDS]
        x, y = (b.rect.x, b.rect.y) if b else self.c.pointer
        self.c.open_menu(fit_menu(Menu("toolbar", items, x, y), self.c.editor.measure, self.c.width, self.c.height))

    def press(self, x: float, y: float) -> None:
        lay = self.layout()
        for b in lay.buttons:
            if b.rect.contains(x, y):
                if b.enabled:
                    self.c.run(b.id)
                    self.state.changed()
                return
        for b in lay.tabs:
            if b.rect.contains(x, y):
                self.state.tab = b.id.split(":", 1)[1]
                self.state.changed()
                return
        for b in lay.tools:
            if b.rect.contains(x, y):
                self.tool(b.id)
                return
        for name, rect in lay.panels.items():
            if rect.contains(x, y):
                handler = getattr(self, f"_press_{name}", None)
                if handler is not None:
                    self.pressed = name
                    handler(rect, x, y)
                return

    def drag(self, x: float, y: float) -> None:
        if self.pressed == "pad":
            rect = self.layout().panels.get("pad")
            if rect is not None:
                self._press_pad(rect, x, y, stroke=True)

    def release(self, x: float, y: float) -> None:
        self.pressed = None
        self.state.pad_last = None

    def motion(self, x: float, y: float) -> None:
        """Hovering a neuron enlarges its picture."""
        rect = self.layout().panels.get("diagram")
        node = self.diagram(rect).node_at(x, y) if rect is not None and self.lab.network is not None else None
        hover = node.key[1:] if node is not None and node.key[0] == "n" else None
        if hover != self.state.hover:
            self.state.hover = hover
            self.state.changed()

    # --- what the views show (computed once per change of the weights or the choices) -------------

    def _cached(self, name: str, make):
        key = (self.lab.version, self.state.version, id(self.lab.network))
        hit = self._cache.get(name)
        if hit is None or hit[0] != key:
            hit = self._cache[name] = (key, make())
        return hit[1]

    def diagram(self, rect: Rect):
        net = self.lab.network
        return self._cached(("diagram", rect), lambda: diagram(net.spec, net.params_by_layer(),
                                                               (rect.x, rect.y, rect.w, rect.h)))

    def neuron_pictures(self, n: int):
        """Each neuron's own map of the plane (2-D data only), or None."""
        if data_kind(self.lab) != "points":
            return None
        return self._cached(("neurons", n), lambda: neuron_heats(self.lab.network, plot_frame(self.lab), n))

    def point(self) -> np.ndarray | None:
        """The point looked at: the picked one, else the first training point."""
        if self.state.point is not None:
            return self.state.point
        data = self.lab.train_set
        return None if data is None or not len(data.x) else data.x[0]

    def info_lines(self) -> list[str]:
        """The look-inside panel: a hint, or one neuron's computation with this point's numbers."""
        lang, st = self.lang, self.state
        which = st.stepping.current() if st.stepping is not None else st.neuron
        x = self.point()
        if which is None or x is None or self.lab.network is None:
            hint = "stage_look_hint" if data_kind(self.lab) in ("points", "none") else "stage_look_hint_first"
            return [msg(hint).text(lang)]
        m = neuron_math(self.lab.network, x, *which)
        head = neuron_title(m, lang)
        if st.stepping is not None:
            head = st.stepping.counter(lang) + "  " + head
        return [head] + math_lines(m, lang)

    def digit_guesses(self):
        data = self.lab.test_set if self.lab.test_set is not None and len(self.lab.test_set) else self.lab.train_set

        def make():
            out = self.lab.network.predict(data.x[:24])
            return guesses(data.x[:24], data.y[:24], out, count=24)
        return self._cached("guesses", make) if data is not None else []

    def confusion(self):
        if self.lab.trainer is None:
            return None
        return self._cached("confusion", lambda: confusion_cells(self.lab.trainer.confusion("test")))

    def pad(self):
        if self.state.pad is None:
            self.state.pad = Pad()
        return self.state.pad

    def pad_guess(self) -> int | None:
        found = insight.pad_guess(self.lab.network, self.pad()) if self.lab.network is not None else None
        return None if found is None else found[0]

    # --- presses on the views ------------------------------------------------------------------

    def _press_plot(self, rect: Rect, x: float, y: float) -> None:
        """Pick the nearest data point (for look-inside); in the own-points mode, add one."""
        if data_kind(self.lab) not in ("points", "none"):
            return
        frame = plot_frame(self.lab)
        u, v = (x - rect.x) / rect.w, (y - rect.y) / rect.h
        x1, x2 = frame.from_unit(u, v)
        if self._own_points() is not None and not self._near_point(rect, frame, x, y):
            self._add_point(float(x1), float(x2))
            return
        data = self.lab.train_set
        if data is None:
            return
        pu, pv = frame.to_unit(data.x[:, 0], data.x[:, 1])
        d = np.hypot(pu * rect.w + rect.x - x, pv * rect.h + rect.y - y)
        k = int(np.argmin(d))
        self.state.point = data.x[k].copy() if d[k] <= 14 else np.array([x1, x2])
        self.state.changed()

    def _near_point(self, rect, frame, x, y) -> bool:
        data = self.lab.train_set
        if data is None or not len(data.x):
            return False
        pu, pv = frame.to_unit(data.x[:, 0], data.x[:, 1])
        return bool(np.min(np.hypot(pu * rect.w + rect.x - x, pv * rect.h + rect.y - y)) <= 8)

    def _own_points(self):
        """The data hat's own points when the network learns from points the child adds, else None."""
        c = self.c.editor.compiled()
        if c.data is None or c.data.kind != "data_points":
            return None
        return list(c.data.points or [])

    def _add_point(self, x1: float, x2: float) -> None:
        points = self._own_points() + [[round(x1, 3), round(x2, 3), self.state.own_class]]
        self.c.editor.set_param(self.c.editor.compiled().data.block_id, "points", points)

    def _press_diagram(self, rect: Rect, x: float, y: float) -> None:
        if self.lab.network is None:
            return
        d = self.diagram(rect)
        node = d.node_at(x, y)
        if node is not None:
            if node.key[0] == "in":        # as in TF Playground: the inputs are switched on and off here
                self._features_menu(node.x + node.r + 4, node.y)
            elif node.key[0] == "n":
                self.state.neuron = node.key[1:]
                self.state.stepping = None
                self.state.changed()
            return
        edge = d.edge_at(x, y)
        if edge is not None:
            self.ask_number(msg("stage_weight_title", i=edge.i + 1, j=edge.j + 1), edge.weight,
                            lambda v: self.lab.set_parameter(edge.layer, "W", (edge.i, edge.j), v))

    def _features_menu(self, x: float, y: float) -> None:
        data = self.c.editor.compiled().data
        if data is not None and has_param(data.kind, "features"):
            self.c.open_features(data.block_id, "features", x, y)

    def ask_number(self, title: Message, value: float, then) -> None:
        self.c.dialog = DialogHost(self.c, AskNumber(title, value, then, self.close_dialog))

    def close_dialog(self) -> None:
        self.c.dialog = None

    def _press_info(self, rect: Rect, x: float, y: float) -> None:
        for b in info_buttons(rect, self.state, self.lang, self.c.editor.measure, self.lab):
            if b.rect.contains(x, y) and b.enabled:
                self.info_action(b.id)
                return

    def tool(self, id: str) -> None:
        """A data tool: the stage's own choices here, changes of the data through the controller's actions."""
        st = self.state
        if id.startswith("class:"):
            st.own_class = int(id.split(":")[1])
        elif id == "pad_clear":
            self.pad().clear()
        elif id == "test_toggle":
            st.show_test = not st.show_test
        else:
            self.c.run(id)
        st.changed()

    def info_action(self, id: str) -> None:
        st, lab = self.state, self.lab
        if id == "step_start" and lab.network is not None and self.point() is not None:
            st.stepping = StepThrough.start(lab.network.spec, self.point())
        elif id == "step_next" and st.stepping is not None:
            if not st.stepping.next() or st.stepping.current() is None:   # past the last neuron: done
                st.stepping = None
        elif id == "step_stop":
            st.stepping = None
        elif id == "bias" and st.neuron is not None and lab.network is not None:
            layer, j = st.neuron
            b = float(lab.network.params_by_layer()[layer]["b"][j])
            self.ask_number(msg("stage_bias_title", j=j + 1), b, lambda v: lab.set_parameter(layer, "b", (j,), v))
        st.changed()

    def _press_pad(self, rect: Rect, x: float, y: float, stroke: bool = False) -> None:
        u, v = (x - rect.x) / rect.w, 1 - (y - rect.y) / rect.h
        if not (0 <= u <= 1 and 0 <= v <= 1):
            return
        self.pad().paint(u, v, self.state.pad_last if stroke else None)
        self.state.pad_last = (u, v)
        self.state.changed()


def plot_frame(lab: Lab):
    """The square of the plane the data plot shows: around every point, or -1..1 with none yet. A child's
    own points keep -1..1 in view, so the plot does not jump while they are added."""
    own = own_points(lab)
    if own is not None:
        return frame_for(np.array([[-1.0, -1.0], [1.0, 1.0]]), own[0])
    sets = [d.x for d in (lab.train_set, lab.test_set) if d is not None and len(d.x) and d.n_inputs == 2]
    if not sets:
        return Frame((-1.0, -1.0), (1.0, 1.0))
    return frame_for(*sets)


def value_range(lab: Lab) -> tuple[float, float] | None:
    """The numbers to predict, from smallest to largest (regression data), for the map's and points' colours."""
    data = lab.train_set
    if data is None or data.task != "regress" or not len(data.y):
        return None
    y = np.asarray(data.y, float)[:, 0]
    return float(np.min(y)), float(np.max(y))


def legend_text(lab: Lab, lang: str) -> str:
    """What the data plot's colours mean, for the line under it ("" before there is a network)."""
    if lab.network is None or data_kind(lab) != "points":
        return ""
    return legend(lab.network.spec, value_range(lab)).text(lang)


def own_points(lab: Lab) -> tuple[np.ndarray, np.ndarray] | None:
    """((N, 2) places, (N,) class numbers) of the points a child drew on the data hat, or None when the data is
    not drawn points. Read from the hat, so they show even before there are two colours to learn from."""
    data = lab.compiled.data if lab.compiled is not None else None
    if data is None or data.kind != "data_points":
        return None
    ok = [p for p in data.points or [] if isinstance(p, (list, tuple)) and len(p) == 3]
    xy = np.array([[float(p[0]), float(p[1])] for p in ok]).reshape(-1, 2)
    classes = np.array([_class_number(p[2]) for p in ok], dtype=int)
    return xy, classes


def _class_number(label) -> int:
    """The colour of a drawn point: its class number (the stage adds 0, 1, 2); a typed name gets a fixed one."""
    try:
        return int(label)
    except (TypeError, ValueError):
        return sum(map(ord, str(label))) % len(CLASSES)


def info_buttons(rect: Rect, state: StageState, lang: str, measure, lab: Lab) -> list[Button]:
    """The buttons at the bottom of the look-inside panel, in rows from the bottom up when they do not fit."""
    t = lambda key, **kw: msg(key, **kw).text(lang)  # noqa: E731
    if state.stepping is not None:
        ids = [("step_next", t("stage_step_next")), ("step_stop", t("stage_step_stop"))]
    else:
        ids = [("step_start", t("stage_step_start"))]
        if state.neuron is not None:
            ids.append(("bias", t("stage_bias_edit")))
    out = _flow([(id, text, lab.network is not None, False) for id, text in ids], rect.x + 8, rect.x + rect.w - 8,
                rect.top, TOOL_H, TOOL_H + 4, measure, 11, 20)
    lift = rect.y + 8 - out[-1].rect.y          # the last row sits at the panel's bottom
    return [replace(b, rect=Rect(b.rect.x, b.rect.y + lift, b.rect.w, b.rect.h)) for b in out]
