"""The stage's control, headless: what the child chose to look at, and what a press on the stage does.

A press picks a point, looks inside a neuron, edits a weight, draws a digit or adds a point, steps a learning step
backwards or wiggles a weight; the control also keeps what the views show, computed once per change. Where
everything goes is stage_layout.py; how it learns (the step back, the slope) is learning.py.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from runtime import DenseSpec, Message, NetworkSpec

from ..editor.dialogs import AskNumber, DialogHost
from ..editor.screen import Menu, MenuItem, Rect, fit_menu
from . import digits
from .data_tools import has_param
from .digits import Pad, confusion_cells, guesses
from .insight import StepThrough, forward_steps, math_lines, neuron_math, neuron_title
from .lab import SPEEDS, Lab
from .learning import (
    StepBack, back_lines, backward_steps, first_weight, fit_which, hidden_layers, layer_space, next_weight,
    point_back, slope, slope_lines, space_layer, space_lines,
)
from .maps import diagram, neuron_heats
from .readout import plot_frame
from .stage_layout import StageLayout, data_kind, info_buttons, layout
from .texts import msg

LIVE_HZ = 10           # redraws of the live views per second while training


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
    pad: object | None = None                  # digits.Pad for the digits
    pad_last: tuple[float, float] | None = None
    back: object | None = None                 # learning.StepBack while stepping a learning step backwards
    weight: tuple | None = None                # the parameter the slope shows (learning.Which); None: the first
                                               # weight into the neuron looked at
    wiggle: bool = False                       # the slope view also shows the numerical gradient, live
    learn: str = ""                            # in the charts' place: "" the charts, "slope" how it learns,
                                               # "layer" what a layer does to the data
    layer: int | None = None                   # the hidden layer "what a layer does" shows (None: learning.space_layer)
    version: int = 0                           # bumps on every change, for the view's key

    def changed(self) -> None:
        self.version += 1


class StageControl:
    """Pointer input on the stage, turned into lab actions and stage-state changes."""

    def __init__(self, controller, lab: Lab, state: StageState | None = None):
        self.c, self.lab = controller, lab
        self.state = state or StageState()
        self.pressed: str | None = None     # which view a drag started in ("pad", "plot")
        self._cache: dict = {}
        self._shown = (-1, 0.0)             # (lab version drawn, when)
        self._followed = (None, None)       # (project, network) the state was last checked against
        controller.stage_input = self       # presses on the stage come here; a big stage widens the regions

    @property
    def lang(self) -> str:
        return self.c.editor.lang

    def layout(self) -> StageLayout:
        self.follow()
        return layout(self.c.regions.stage, self.lab, self.state, self.lang, self.c.editor.measure, self.info_lines,
                      self.learn_lines)

    def key(self) -> tuple:
        """Everything the stage shows, for the view's rebuild check. While training, the weights' views
        are redrawn at most LIVE_HZ times a second: frames in between reuse them, so the window stays smooth."""
        self.follow()
        lab, now = self.lab, time.perf_counter()
        if lab.status != "running" or now - self._shown[1] >= 1 / LIVE_HZ:
            self._shown = (lab.version, now)
        return (self.c.regions.stage, self.lang, self._shown[0], lab.status, lab.speed,
                lab.message and lab.message.key, self.state.version)

    def follow(self) -> None:
        """Drop what the child looked at when it no longer fits: another project starts with a blank pad and
        nothing picked; another network keeps a neuron that still exists (the last one of a smaller layer)."""
        project, net = self.c.editor.project, self.lab.network
        if project is self._followed[0] and (net is None or net is self._followed[1]):
            return
        st = self.state
        if project is not self._followed[0]:
            st.point = st.neuron = st.stepping = st.hover = st.pad = st.back = st.weight = None
        if net is not None:
            st.point = st.point if st.point is not None and st.point.shape == (net.spec.input.size,) else None
            st.neuron, st.hover = fit_neuron(net.spec, st.neuron), fit_neuron(net.spec, st.hover)
            if st.stepping is not None and (st.stepping.steps != forward_steps(net.spec)
                                            or st.stepping.x.shape != (net.spec.input.size,)):
                st.stepping = None
            if st.back is not None and (st.back.steps != backward_steps(net.spec)
                                        or st.back.x.shape != (net.spec.input.size,)):
                st.back = None
            st.weight = fit_which(net.spec, st.weight)
        self._followed = (project, net)
        st.changed()

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
        for b in lay.switches:
            if b.rect.contains(x, y):
                self.state.learn = "" if b.id == "switch:charts" else b.id.split(":", 1)[1]
                self.state.changed()
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

    def info_lines(self, max_terms: int = 6) -> list[str]:
        """The look-inside panel: a hint, or one neuron's computation with this point's numbers (at most
        max_terms inputs one by one; stage_layout asks for fewer when the panel has little room)."""
        lang, st = self.lang, self.state
        if st.back is not None and st.back.current() is not None and self.lab.network is not None:
            nb = self.back_neuron()
            if nb is not None:
                return [st.back.counter(lang)] + back_lines(nb, lang, max_terms)
        which = st.stepping.current() if st.stepping is not None else st.neuron
        x = self.point()
        if which is None or x is None or self.lab.network is None:
            hint = "stage_look_hint" if data_kind(self.lab) in ("points", "none") else "stage_look_hint_first"
            return [msg(hint).text(lang)]
        m = neuron_math(self.lab.network, x, *which)
        head = neuron_title(m, lang)
        if st.stepping is not None:
            head = st.stepping.counter(lang) + "  " + head
        return [head] + math_lines(m, lang, max_terms)

    def back_neuron(self):
        """learning.NeuronBack of the neuron the step back is at (None when not stepping back)."""
        st = self.state
        if st.back is None or st.back.current() is None or self.lab.network is None:
            return None
        return self._cached("back", lambda: point_back(self.lab, st.back.x, *st.back.current()))

    def weight(self):
        """The parameter the slope shows: the chosen one, else the first weight into the neuron looked at."""
        net, st = self.lab.network, self.state
        if net is None:
            return None
        at = st.back.current() if st.back is not None else None
        return st.weight or first_weight(net.spec, at or st.neuron)

    def slope(self):
        """learning.Slope of the chosen weight over a batch, or None."""
        which = self.weight()
        if which is None:
            return None
        return self._cached("slope", lambda: slope(self.lab, which, self.state.wiggle))

    def space(self):
        """learning.LayerSpace of the hidden layer shown, or None."""
        net = self.lab.network
        k = None if net is None else space_layer(net.spec, self.state.layer, self.state.neuron)
        return None if k is None else self._cached("space", lambda: layer_space(self.lab, k))

    def learn_lines(self) -> list[str]:
        if self.state.learn == "layer":
            sp = self.space()
            return [msg("learn_no_hidden").text(self.lang)] if sp is None else space_lines(sp, self.lang)
        s = self.slope()
        if s is None:
            return [msg("learn_slope_empty").text(self.lang)]
        return slope_lines(s, self.lab.network.spec, self.lang)

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
        found = digits.pad_guess(self.lab.network, self.pad()) if self.lab.network is not None else None
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
                self.state.stepping = self.state.back = self.state.weight = None
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

    def _press_learn(self, rect: Rect, x: float, y: float) -> None:
        for b in self.layout().learn_buttons:
            if b.rect.contains(x, y) and b.enabled:
                self.learn_action(b.id)
                return

    def learn_action(self, id: str) -> None:
        st, net = self.state, self.lab.network
        if id == "learn_wiggle":
            st.wiggle = not st.wiggle
        elif id == "learn_other" and net is not None and self.weight() is not None:
            st.weight = next_weight(net.spec, self.weight())
        elif id == "learn_other_layer" and net is not None and hidden_layers(net.spec):
            wide, now = hidden_layers(net.spec), space_layer(net.spec, st.layer, st.neuron)
            st.layer = wide[(wide.index(now) + 1) % len(wide)]
        st.changed()

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
            st.stepping, st.back = StepThrough.start(lab.network.spec, self.point()), None
        elif id == "back_start" and lab.network is not None and self.point() is not None:
            st.back, st.stepping, st.weight = StepBack.start(lab.network.spec, self.point()), None, None
        elif id == "back_next" and st.back is not None:
            if not st.back.next() or st.back.current() is None:
                st.back = None
            st.weight = None
        elif id == "back_stop":
            st.back = None
        elif id == "back_slope" and self.back_neuron() is not None:
            st.weight, st.learn, st.tab = _steepest(self.back_neuron()), "slope", "charts"
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


def _steepest(nb) -> tuple:
    """The weight into this neuron with the biggest gradient (its bias when it has no weight that moves)."""
    g = np.abs(np.asarray(nb.grads))
    if not len(g) or g.max() == 0:
        return nb.layer, "b", (nb.neuron,)
    return nb.layer, "W", (int(np.argmax(g)), nb.neuron)


def fit_neuron(spec: NetworkSpec, which: tuple[int, int] | None) -> tuple[int, int] | None:
    """(layer, neuron) in this network: the layer's last neuron if it has fewer now; None if it is gone."""
    if which is None or which[0] >= len(spec.layers) or not isinstance(spec.layers[which[0]], DenseSpec):
        return None
    return which[0], min(which[1], spec.layers[which[0]].units - 1)
