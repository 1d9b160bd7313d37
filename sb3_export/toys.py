"""The playable stage around an exported network, chosen to fit its data.

    kind        chosen when                                   the stage
    "boundary"  2 raw inputs, classes (classify or yes_no)     the decision map painted square by square,
                                                              the training points, a finder to drag
    "surface"   2 raw inputs, regression                      a heat map of the answer, the points, a finder
    "curve"     1 raw input, regression                       the fitted curve drawn with the pen, the points,
                                                              a finder that rides on the curve
    "digits"    the 8x8 "digits" data                         a drawing pad, an eraser button, a robot that
                                                              says the guess and how sure it is
    "sliders"   anything else with up to 6 inputs             one slider per input, a robot saying the answer
    "list"      anything else                                 a robot explaining how to fill the input list

Maps of the whole stage need one forward pass per square, so they are painted by the network
sprite itself, in a "run without screen refresh" custom block that calls the network's own
block directly (a broadcast per square would cost a frame per square). Other sprites talk to the
network by filling the input list and broadcasting the forward message and waiting.

Coordinates: a StageMap turns data numbers into stage steps, stage = (data - centre) × scale, with
the centre and scale written into the scripts as plain numbers, so a child can read them.
"""
from __future__ import annotations

import colorsys
import math
import statistics
from dataclasses import dataclass, field, replace
from typing import Callable, Sequence

from . import assets
from . import opcodes as o
from .assemble import ListMonitor, Monitor, Sprite
from .assets import Costume
from .lower import NetworkProgram, number
from .messages import text
from .opcodes import Broadcast, ListVar, Node, Procedure, Var
from .scripts import Script

MAX_POINTS = 200                 # training points drawn at most
MAX_SLIDERS = 6                  # more inputs than this get the "list" toy
POINT_DIGITS = 4                 # significant digits of a stored training point
MARGIN = 0.1                     # room around the data, as a fraction of its range
HALF_W, HALF_H = 230.0, 170.0    # the data's box fits within this many steps of the stage centre
CELL_SIZES = (10, 12, 15, 20, 24, 30, 40)   # squares of the map (each divides 480 and 360)
MAP_BUDGET = 2_500_000           # block executions a whole map may take (~0.2 s in a browser)
CURVE_STEP = 4                   # steps between the curve's points
GHOST_SURE, GHOST_UNSURE = 20, 95   # ghost effect of a map square: sure ... unsure
GHOST_DOT = 70                   # ghost effect of a training point whose value is the middle one (surface)
SOFT = 0.3                       # darkness of the brush's four neighbour squares on the pad
NETWORK_CORNER = (205, -155)

# Class colours: TensorFlow Playground's orange and blue first, then Scratch-friendly others.
CLASS_COLOURS = ("#F59322", "#0877BD", "#59C059", "#9966FF", "#FF6680", "#E6B800", "#00A3A3",
                 "#8C5A2B", "#5C6B8A", "#D62728")
COLOUR_WORDS = ("toy_word_orange", "toy_word_blue", "toy_word_green", "toy_word_purple", "toy_word_pink",
                "toy_word_yellow", "toy_word_teal", "toy_word_brown", "toy_word_grey", "toy_word_red")
LOW_COLOUR, HIGH_COLOUR = "#F59322", "#0877BD"   # regression: Playground's orange (low) and blue (high)
CURVE_COLOUR = "#F59322"

# The digits pad of assets.backdrop_digits, in stage steps (the backdrop's centre is the stage's 0, 0).
PAD_LEFT = int(assets.DIGIT_AREA[0] - assets.STAGE_CENTER[0])
PAD_TOP = int(assets.STAGE_CENTER[1] - assets.DIGIT_AREA[1])
PAD_CELL, PAD_SIDE = assets.DIGIT_CELL, assets.DIGIT_CELLS


@dataclass(frozen=True)
class ToyData:
    """What the stage shows: training points (raw inputs) and their answers."""

    x: Sequence                      # (N, input size): the runtime's array, or rows of numbers
    y: Sequence                      # (N,) class indices, or (N, k) numbers
    task: str                        # "classify" | "regress"
    classes: tuple[str, ...] = ()
    name: str = ""                   # the dataset's name, e.g. "digits", "spiral"

    @classmethod
    def from_dataset(cls, d) -> "ToyData":
        return cls(d.x, d.y, d.task, tuple(d.classes), d.name)


def _plain(a) -> list:
    """An array (anything with .tolist()) or nested sequence as nested lists."""
    return a.tolist() if hasattr(a, "tolist") else [list(r) if isinstance(r, (list, tuple)) else r for r in a]


def _rows(a) -> list[list[float]]:
    """The rows of a (N, d) table as lists of floats."""
    return [[float(v) for v in row] for row in _plain(a)]


def _first_column(a) -> list[float]:
    """(N,) or (N, k) -> the N first values."""
    return [float(row[0] if isinstance(row, (list, tuple)) else row) for row in _plain(a)]


def _width_of(a) -> int | None:
    """Columns of a (N, d) table; None when it is not one."""
    rows = _plain(a)
    widths = {len(r) if isinstance(r, (list, tuple)) else -1 for r in rows}
    return widths.pop() if len(widths) == 1 and -1 not in widths else None


@dataclass(frozen=True)
class StageMap:
    """Data numbers <-> stage steps: stage = (data - c) × k, data = stage / k + c (as the scripts compute)."""

    cx: float
    cy: float
    kx: float
    ky: float

    def to_stage(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.cx) * self.kx, (y - self.cy) * self.ky

    def to_data(self, sx: float, sy: float) -> tuple[float, float]:
        return sx / self.kx + self.cx, sy / self.ky + self.cy

    # the same sums as Scratch blocks
    def data_x(self, sx) -> Node:
        return _unscale(sx, self.kx, self.cx)

    def data_y(self, sy) -> Node:
        return _unscale(sy, self.ky, self.cy)

    def stage_x(self, x) -> Node:
        return _scale(x, self.kx, self.cx)

    def stage_y(self, y) -> Node:
        return _scale(y, self.ky, self.cy)


def _unscale(s, k: float, c: float) -> Node:
    return o.add(o.div(s, k), c) if c else o.div(s, k)


def _scale(v, k: float, c: float) -> Node:
    return o.mul(o.sub(v, c), k) if c else o.mul(v, k)


@dataclass
class Toy:
    backdrops: list[Costume]
    network_costumes: list[Costume]
    network_scripts: list[Script] = field(default_factory=list)   # scripts added to the network sprite
    network_xy: tuple[float, float] = (200.0, -150.0)
    network_visible: bool = True
    stage_scripts: list[Script] = field(default_factory=list)
    sprites: list[Sprite] = field(default_factory=list)
    global_vars: list[Var] = field(default_factory=list)
    global_lists: list[ListVar] = field(default_factory=list)
    broadcasts: list[Broadcast] = field(default_factory=list)
    monitors: list[Monitor | ListMonitor] = field(default_factory=list)
    # What was chosen (for tests, previews and the CLI):
    kind: str = "list"
    stage_map: StageMap | None = None   # boundary, surface, curve (curve: x is the input, y the answer)
    cell: int = 0                       # side of a map square, in steps (boundary, surface)
    points: int = 0                     # training points drawn
    colours: tuple[str, ...] = ()       # colour of each class (boundary); low, high (surface)
    value_scale: tuple[float, float] | None = None   # surface: (middle, half range) of the training answers


# --- choosing -------------------------------------------------------------------------------

def toy_kind(net: NetworkProgram, data: ToyData | None) -> str:
    """Which stage fits this network and data (see the module doc)."""
    size = net.input_size
    if data is not None and len(data.x) and len(data.y) == len(data.x) and _width_of(data.x) == size:
        if size == 2 and data.task == "classify" and net.output_kind in ("classify", "yes_no"):
            return "boundary"
        if size == 64 and data.name == "digits" and net.output_kind == "classify" and net.n_outputs == 10:
            return "digits"
        if data.task == "regress" and net.output_kind == "regress" and size in (1, 2):
            return "curve" if size == 1 else "surface"
    return "sliders" if size <= MAX_SLIDERS else "list"


def build_toy(net: NetworkProgram, data: ToyData | None, lang: str) -> Toy:
    """The stage for this network and data."""
    kind = toy_kind(net, data)
    builder = {"boundary": _Boundary, "surface": _Surface, "curve": _Curve, "digits": _Digits,
               "sliders": _Sliders, "list": _ListToy}[kind]
    return builder(net, data, lang).build()


# --- numbers --------------------------------------------------------------------------------

def _nice_down(k: float) -> float:
    """`k` cut down to 3 significant digits (a readable scale that still fits)."""
    e = math.floor(math.log10(k)) - 2
    return float(f"{math.floor(k / 10.0 ** e + 1e-9)}e{e}")


def _fit(values: list[float], half: float) -> tuple[float, float]:
    """(centre, scale) putting `values` within ±half steps; the centre is 0 when the box holds 0."""
    lo, hi = min(values), max(values)
    span = hi - lo
    if not span > 0:
        span = max(abs(lo), 1.0)
        lo, hi = lo - span / 2, hi + span / 2
    lo, hi = lo - MARGIN * span, hi + MARGIN * span
    centre = 0 if lo <= 0 <= hi else number((lo + hi) / 2, 3)
    reach = max(centre - lo, hi - centre)
    return centre, number(_nice_down(half / reach))


def _stage_map(x: list[float], y: list[float], same_scale: bool) -> StageMap:
    cx, kx = _fit(x, HALF_W)
    cy, ky = _fit(y, HALF_H)
    if same_scale and max(kx, ky) <= 2.5 * min(kx, ky):
        kx = ky = min(kx, ky)   # circles stay round
    return StageMap(cx, cy, kx, ky)


def _pick(n: int, limit: int = MAX_POINTS) -> list[int]:
    """Indices of at most `limit` points spread evenly over the data (the same every time)."""
    if n <= limit:
        return list(range(n))
    return sorted({math.floor(i * (n - 1) / (limit - 1) + 0.5) for i in range(limit)})


def _stored(values) -> tuple:
    return tuple(number(v, POINT_DIGITS) for v in values)


def _literal(x: float):
    return number(x, 6)


def _offset_text(c: float) -> str:
    """' + c' / ' − c' for a comment, '' for 0."""
    if not c:
        return ""
    return f" + {_literal(c)}" if c > 0 else f" − {_literal(-c)}"


def _class_colours(n: int) -> tuple[str, ...]:
    if n <= len(CLASS_COLOURS):
        return CLASS_COLOURS[:n]
    extra = []
    for i in range(n - len(CLASS_COLOURS)):
        r, g, b = colorsys.hsv_to_rgb((i * 0.618034) % 1.0, 0.75, 0.85)
        extra.append(f"#{round(r * 255):02X}{round(g * 255):02X}{round(b * 255):02X}")
    return CLASS_COLOURS + tuple(extra)


def _map_cell(net: NetworkProgram) -> int:
    """The smallest square side whose whole map stays within MAP_BUDGET block executions."""
    per_pass = 12 * net.n_weights + 40 * net.n_outputs + 300
    for side in CELL_SIZES:
        if (480 // side) * (360 // side) * per_pass <= MAP_BUDGET:
            return side
    return CELL_SIZES[-1]


# --- costumes -------------------------------------------------------------------------------

def _named(c: Costume, name: str) -> Costume:
    return replace(c, name=name)


# --- the toys -------------------------------------------------------------------------------

class _Toy:
    """Shared pieces: texts, names, answers in words."""

    def __init__(self, net: NetworkProgram, data: ToyData | None, lang: str):
        self.net, self.data, self.lang = net, data, lang

    def t(self, key: str, **params) -> str:
        return text(key, self.lang, **params)

    def names(self) -> dict[str, str]:
        n = self.net
        return dict(input=n.input.name, output=n.output.name, forward=n.forward.name,
                    prediction=n.prediction.name, confidence=n.confidence.name)

    def network_costume(self) -> Costume:
        return _named(assets.network_costume(), self.t("toy_costume_network"))

    def stage_script(self, backdrop: Costume, comment: str) -> Script:
        return Script([o.when_flag(), o.switch_backdrop(backdrop.name)], comment)

    # saying the network's answer ---------------------------------------------------------

    def answer_vars(self, key: str) -> list[Var]:
        """Local variables a sprite needs to say the answer (yes/no answers only)."""
        if self.net.output_kind != "yes_no":
            return []
        return [Var(f"bb-toy-{key}-answer", self.t("toy_var_answer"), "", local=True),
                Var(f"bb-toy-{key}-sure", self.t("toy_var_sure"), 0, local=True)]

    def yes_no_names(self) -> tuple[str, str]:
        classes = self.data.classes if self.data is not None else ()
        return (str(classes[0]), str(classes[1])) if len(classes) == 2 else ("0", "1")

    def answer_block(self, key: str) -> tuple[Script, Procedure]:
        """`say the answer`: the prediction and how sure the network is, e.g. "3 (87%)"."""
        net, proc = self.net, Procedure(self.t("toy_proc_answer"))
        open_, close = self.t("toy_pct_open"), self.t("toy_pct_close")
        if net.output_kind == "classify":
            percent = o.round_(o.mul(net.confidence, 100))
            body = [o.say(o.join(net.prediction, o.join(open_, o.join(percent, close))))]
            comment = self.t("toy_c_answer", **self.names())
        elif net.output_kind == "yes_no":
            answer, sure = self.answer_vars(key)
            no, yes = self.yes_no_names()
            body = [o.if_else(o.eq(net.prediction, 1),
                              [o.set_var(answer, yes), o.set_var(sure, o.round_(o.mul(net.confidence, 100)))],
                              [o.set_var(answer, no),
                               o.set_var(sure, o.round_(o.mul(o.sub(1, net.confidence), 100)))]),
                    o.say(o.join(answer, o.join(open_, o.join(sure, close))))]
            comment = self.t("toy_c_answer_yes_no", yes=yes, no=no, **self.names())
        else:
            body = [o.say(net.prediction)]
            comment = self.t("toy_c_answer_number", **self.names())
        return Script([o.define(proc), *body], comment), proc


class _MapToy(_Toy):
    """Boundary, surface and curve: training points and a picture of the network over the stage."""

    kind = ""
    value_list_key = "toy_list_points_class"

    def __init__(self, net, data, lang):
        super().__init__(net, data, lang)
        self.draw_points = Broadcast("bb-toy-draw-points", self.t("toy_bc_draw_points"))
        self.map_ready = Broadcast("bb-toy-map-ready", self.t("toy_bc_map_ready"))
        self.points_sprite_name = self.t("toy_sprite_points")
        self.finder_name = self.t("toy_sprite_finder")
        rows = _rows(data.x)
        self.x1 = [r[0] for r in rows]                          # the first input of every point
        self.x2 = [r[1] for r in rows] if len(rows[0]) > 1 else []
        self.pick = _pick(len(rows))                             # the points drawn

    # the training points ---------------------------------------------------------------------

    def point_lists(self, xs, ys, values) -> tuple[ListVar, ListVar, ListVar | None]:
        px = ListVar("bb-toy-points-x", self.t("toy_list_points_x"), _stored(xs))
        py = ListVar("bb-toy-points-y", self.t("toy_list_points_y"), _stored(ys))
        pv = None if values is None else ListVar("bb-toy-points-value", self.t(self.value_list_key), tuple(values))
        return px, py, pv

    def points_sprite(self, m: StageMap, px: ListVar, py: ListVar, pv: ListVar | None, dots: list[Costume],
                      choose_for: Callable[[Var], list[Node]] | None, choose_comment: str) -> Sprite:
        """A hidden sprite stamping one dot per training point, in the colour `choose_for(point number)` picks."""
        n = Var("bb-toy-point", self.t("toy_var_point"), 1, local=True)
        draw = Procedure(self.t("toy_proc_draw_points"))
        pick = Procedure(self.t("toy_proc_pick_dot"))
        choose = choose_for(n) if choose_for else None
        body = [o.set_var(n, 1),
                o.repeat(o.length(px), [
                    *([o.call(pick)] if choose else []),
                    o.go_to(m.stage_x(o.item(px, n)), m.stage_y(o.item(py, n))),
                    o.stamp(),
                    o.change_var(n, 1)])]
        scripts = [
            Script([o.when_received(self.draw_points), o.call(draw)],
                   self.t("toy_c_points_receive", bc=self.draw_points.name)),
            Script([o.define(draw), *body],
                   self.t("toy_c_draw_points" if pv else "toy_c_draw_points_xy", x=px.name, y=py.name,
                          c=pv.name if pv else "", kx=_literal(m.kx), sx0=_offset_text(-m.cx))),
        ]
        if choose:
            scripts.append(Script([o.define(pick), *choose], choose_comment))
        return Sprite(self.points_sprite_name, dots, scripts, [n], visible=False)

    # the finder --------------------------------------------------------------------------------

    def finder_sprite(self, m: StageMap, start: tuple[float, float], hint_key: str, ask_body: list[Node],
                      moved, remember: list[Node], extra_vars: list[Var], ask_comment: str) -> Sprite:
        ask = Procedure(self.t("toy_proc_ask"), warp=False)   # it broadcasts and waits
        answer_script, answer = self.answer_block("finder")
        scripts = [
            Script([o.when_flag(), o.go_to(*start), o.set_draggable(True), o.say(self.t(hint_key))],
                   self.t("toy_c_finder_flag")),
            Script([o.when_received(self.map_ready), *remember,
                    o.forever([o.if_(moved, [*remember, o.call(ask)])])],
                   self.t("toy_c_finder_loop")),
            Script([o.define(ask), *ask_body, o.broadcast_and_wait(self.net.forward), *self.after_ask(m),
                    o.call(answer)], ask_comment),
            answer_script,
        ]
        return Sprite(self.finder_name, [_named(assets.probe_costume(), self.t("toy_costume_finder"))], scripts,
                      [*extra_vars, *self.answer_vars("finder")], x=start[0], y=start[1], draggable=True)

    def after_ask(self, m: StageMap) -> list[Node]:
        return []

    def finder_2d(self, m: StageMap) -> Sprite:
        net = self.net
        last_x = Var("bb-toy-last-x", self.t("toy_var_last_x"), "", local=True)
        last_y = Var("bb-toy-last-y", self.t("toy_var_last_y"), "", local=True)
        moved = o.not_(o.and_(o.eq(o.x_position(), last_x), o.eq(o.y_position(), last_y)))
        remember = [o.set_var(last_x, o.x_position()), o.set_var(last_y, o.y_position())]
        ask_body = [o.delete_all(net.input), o.add_to(net.input, m.data_x(o.x_position())),
                    o.add_to(net.input, m.data_y(o.y_position()))]
        return self.finder_sprite(m, (40, 40), "toy_say_drag", ask_body, moved, remember, [last_x, last_y],
                                  self.t("toy_c_finder_ask", **self.names()))

    # the network sprite's scripts ------------------------------------------------------------

    def network_scripts(self, paint: Procedure, paint_scripts: list[Script], points_name: str) -> list[Script]:
        draw_all = Procedure(self.t("toy_proc_draw_all"), warp=False)   # it broadcasts and waits
        curve = "_curve" if self.kind == "curve" else ""
        return [
            Script([o.when_flag(), o.call(draw_all)], self.t("toy_c_net_flag" + curve)),
            Script([o.when_clicked(), o.call(draw_all)], self.t("toy_c_net_click" + curve)),
            Script([o.define(draw_all), o.pen_clear(), o.call(paint), o.broadcast_and_wait(self.draw_points),
                    o.broadcast(self.map_ready)],
                   self.t("toy_c_draw_all" + curve, points=points_name, ready=self.map_ready.name)),
            *paint_scripts,
        ]

    def paint_map(self, m: StageMap, cell: int, pick: Procedure, comment_extra: dict) -> tuple[Procedure, Script]:
        """Visit every square of the stage, run the network there and stamp a square of its answer's colour."""
        net = self.net
        proc = Procedure(self.t("toy_proc_paint_map"))
        left, top = -240 + cell / 2, 180 - cell / 2
        left, top = int(left) if float(left).is_integer() else left, int(top) if float(top).is_integer() else top
        body = [
            o.go_to(left, top),
            o.repeat(360 // cell, [
                o.repeat(480 // cell, [
                    o.delete_all(net.input),
                    o.add_to(net.input, m.data_x(o.x_position())),
                    o.add_to(net.input, m.data_y(o.y_position())),
                    o.call(net.run),
                    o.call(pick),
                    o.stamp(),
                    o.change_x(cell),
                ]),
                o.set_x(left),
                o.change_y(-cell),
            ]),
            o.clear_effects(),
            o.switch_costume(self.network_costume().name),
            o.go_to(*NETWORK_CORNER),
        ]
        comment = self.t("toy_c_paint_map", cell=cell, kx=_literal(m.kx), ky=_literal(m.ky),
                         sx=_offset_text(m.cx), sy=_offset_text(m.cy), **comment_extra)
        return proc, Script([o.define(proc), *body], comment)

    def stage(self, m: StageMap) -> Costume:
        """The plot backdrop when its axes are the data's axes (the origin at the centre), else a plain one."""
        if m.cx == 0 and m.cy == 0:
            return _named(assets.backdrop_plot(), self.t("toy_backdrop_plot"))
        return _named(assets.backdrop_plain(), self.t("toy_backdrop_plain"))


class _Boundary(_MapToy):
    kind = "boundary"

    def build(self) -> Toy:
        net, data = self.net, self.data
        class_names = list(net.classes.items) if net.output_kind == "classify" else list(self.yes_no_names())
        n_classes = len(class_names)
        colours = _class_colours(n_classes)
        m = _stage_map(self.x1, self.x2, same_scale=True)
        cell = _map_cell(net)
        squares = [assets.square_costume(self.t("toy_costume_square", name=c), colours[i], cell)
                   for i, c in enumerate(class_names)]
        dots = [_named(assets.marker_costume(colours[i]), self.t("toy_costume_dot", name=c))
                for i, c in enumerate(class_names)]
        legend = ", ".join(f"{c}: {self._colour_word(colours[i])}" for i, c in enumerate(class_names))

        # the squares' colour: the winning class, paler when unsure
        pick = Procedure(self.t("toy_proc_pick_colour"))
        if net.output_kind == "yes_no":
            choose = [o.if_else(o.eq(net.prediction, 1), [o.switch_costume(squares[1].name)],
                                [o.switch_costume(squares[0].name)])]
            certainty = o.mul(o.mathop("abs", o.sub(net.confidence, 0.5)), 2)
        else:
            # the first class whose probability is the confidence (the network's own choice on a tie)
            choose = [o.if_(o.eq(o.item(net.output, k + 1), net.confidence), [o.switch_costume(squares[k].name)])
                      for k in reversed(range(n_classes))]
            certainty = o.mul(o.sub(net.confidence, _literal(1 / n_classes)), _literal(n_classes / (n_classes - 1)))
        choose.append(o.set_effect("GHOST", o.sub(GHOST_UNSURE, o.mul(GHOST_UNSURE - GHOST_SURE, certainty))))
        paint, paint_script = self.paint_map(m, cell, pick, {})
        pick_script = Script([o.define(pick), *choose], self.t("toy_c_pick_colour", legend=legend))

        # the training points, by class
        idx = self.pick
        classes = _first_column(data.y)
        y = [min(max(int(classes[i]), 0), n_classes - 1) for i in idx]
        labels = _class_labels(class_names)
        px, py, pc = self.point_lists([self.x1[i] for i in idx], [self.x2[i] for i in idx], [labels[k] for k in y])
        def choose_dot(n: Var) -> list[Node]:
            return [o.if_(o.eq(o.item(pc, n), labels[k]), [o.switch_costume(dots[k].name)]) for k in range(n_classes)]
        points = self.points_sprite(m, px, py, pc, dots, choose_dot, self.t("toy_c_pick_dot", legend=legend))

        finder = self.finder_2d(m)
        backdrop = self.stage(m)
        return Toy(
            backdrops=[backdrop], network_costumes=[self.network_costume(), *squares],
            network_scripts=self.network_scripts(paint, [paint_script, pick_script], points.name),
            network_xy=NETWORK_CORNER, network_visible=True,
            stage_scripts=[self.stage_script(backdrop, self.t("toy_c_stage_boundary", finder=finder.name))],
            sprites=[points, finder], global_lists=[px, py, pc], broadcasts=[self.draw_points, self.map_ready],
            kind=self.kind, stage_map=m, cell=cell, points=len(idx), colours=colours)

    def _colour_word(self, colour: str) -> str:
        if colour in CLASS_COLOURS:
            return self.t(COLOUR_WORDS[CLASS_COLOURS.index(colour)])
        return colour


def _class_labels(names: list[str]) -> list[str]:
    """What the list "points class" holds per class: its name, or its number when Scratch could not
    tell two names apart (its = ignores case and compares numbers as numbers)."""
    def key(s: str):
        try:
            return float(s)
        except ValueError:
            return s.strip().lower()
    keys = [key(str(c)) for c in names]
    if len(set(keys)) == len(keys) and all(str(c).strip() for c in names):
        return [str(c) for c in names]
    return [str(k + 1) for k in range(len(names))]


class _Surface(_MapToy):
    kind = "surface"
    value_list_key = "toy_list_points_value"

    def build(self) -> Toy:
        net, data = self.net, self.data
        values = _first_column(data.y)
        m = _stage_map(self.x1, self.x2, same_scale=True)
        lo, hi = min(values), max(values)
        mid = _literal((lo + hi) / 2)
        half = _literal(max((hi - lo) / 2, 1e-9))
        cell = _map_cell(net)
        low_sq = assets.square_costume(self.t("toy_costume_square", name=self.t("toy_word_low")), LOW_COLOUR, cell)
        high_sq = assets.square_costume(self.t("toy_costume_square", name=self.t("toy_word_high")), HIGH_COLOUR, cell)
        pick = Procedure(self.t("toy_proc_pick_colour"))
        strength = o.mathop("abs", o.div(o.sub(net.prediction, mid), half))
        choose = [o.if_else(o.gt(net.prediction, mid), [o.switch_costume(high_sq.name)],
                            [o.switch_costume(low_sq.name)]),
                  o.set_effect("GHOST", o.sub(GHOST_UNSURE, o.mul(GHOST_UNSURE - GHOST_SURE, strength)))]
        paint, paint_script = self.paint_map(m, cell, pick, {})
        pick_script = Script([o.define(pick), *choose], self.t("toy_c_pick_colour_value", mid=mid))

        idx = self.pick
        px, py, pv = self.point_lists([self.x1[i] for i in idx], [self.x2[i] for i in idx],
                                      _stored(values[i] for i in idx))
        low_dot = _named(assets.marker_costume(LOW_COLOUR), self.t("toy_costume_dot", name=self.t("toy_word_low")))
        high_dot = _named(assets.marker_costume(HIGH_COLOUR), self.t("toy_costume_dot", name=self.t("toy_word_high")))
        def choose_dot(n: Var) -> list[Node]:
            value = o.item(pv, n)
            return [o.if_else(o.gt(value, mid), [o.switch_costume(high_dot.name)], [o.switch_costume(low_dot.name)]),
                    o.set_effect("GHOST", o.sub(GHOST_DOT, o.mul(GHOST_DOT, o.mathop("abs", o.div(o.sub(
                        o.item(pv, n), mid), half)))))]
        points = self.points_sprite(m, px, py, pv, [low_dot, high_dot], choose_dot,
                                    self.t("toy_c_pick_dot_value", mid=mid))
        finder = self.finder_2d(m)
        backdrop = self.stage(m)
        return Toy(
            backdrops=[backdrop], network_costumes=[self.network_costume(), low_sq, high_sq],
            network_scripts=self.network_scripts(paint, [paint_script, pick_script], points.name),
            network_xy=NETWORK_CORNER, network_visible=True,
            stage_scripts=[self.stage_script(backdrop, self.t("toy_c_stage_surface", finder=finder.name))],
            sprites=[points, finder], global_lists=[px, py, pv], broadcasts=[self.draw_points, self.map_ready],
            kind=self.kind, stage_map=m, cell=cell, points=len(idx), colours=(LOW_COLOUR, HIGH_COLOUR),
            value_scale=(mid, half))


class _Curve(_MapToy):
    kind = "curve"

    def build(self) -> Toy:
        net, data = self.net, self.data
        xs, ys = self.x1, _first_column(data.y)
        m = _stage_map(xs, ys, same_scale=False)
        curve = Procedure(self.t("toy_proc_draw_curve"))
        body = [
            o.pen_up(), o.set_pen_color(CURVE_COLOUR), o.set_pen_size(3),
            o.go_to(-240 - CURVE_STEP, 0),
            o.repeat(480 // CURVE_STEP + 1, [
                o.delete_all(net.input),
                o.add_to(net.input, m.data_x(o.add(o.x_position(), CURVE_STEP))),
                o.call(net.run),
                o.go_to(o.add(o.x_position(), CURVE_STEP), m.stage_y(net.prediction)),
                o.pen_down(),
            ]),
            o.pen_up(),
            o.go_to(*NETWORK_CORNER),
        ]
        curve_script = Script([o.define(curve), *body], self.t(
            "toy_c_draw_curve", kx=_literal(m.kx), ky=_literal(m.ky), sx=_offset_text(m.cx),
            sy0=_offset_text(-m.cy)))

        idx = self.pick
        px, py, _ = self.point_lists([xs[i] for i in idx], [ys[i] for i in idx], None)
        dot = _named(assets.marker_costume(HIGH_COLOUR), self.t("toy_costume_point"))
        points = self.points_sprite(m, px, py, None, [dot], None, "")

        last_x = Var("bb-toy-last-x", self.t("toy_var_last_x"), "", local=True)
        ask_body = [o.delete_all(net.input), o.add_to(net.input, m.data_x(o.x_position()))]
        finder = self.finder_sprite(m, (0, 0), "toy_say_drag_curve", ask_body,
                                    o.not_(o.eq(o.x_position(), last_x)), [o.set_var(last_x, o.x_position())],
                                    [last_x], self.t("toy_c_finder_ask_curve", **self.names()))
        backdrop = self.stage(m)
        return Toy(
            backdrops=[backdrop], network_costumes=[self.network_costume()],
            network_scripts=self.network_scripts(curve, [curve_script], points.name),
            network_xy=NETWORK_CORNER, network_visible=True,
            stage_scripts=[self.stage_script(backdrop, self.t("toy_c_stage_curve", finder=finder.name))],
            sprites=[points, finder], global_lists=[px, py], broadcasts=[self.draw_points, self.map_ready],
            kind=self.kind, stage_map=m, points=len(idx), colours=(CURVE_COLOUR,))

    def after_ask(self, m: StageMap) -> list[Node]:
        return [o.set_y(m.stage_y(self.net.prediction))]


class _Digits(_Toy):
    """A drawing pad over the 8x8 grid of backdrop_digits; the robot says the network's guess."""

    def build(self) -> Toy:
        net, t = self.net, self.t
        clear_bc = Broadcast("bb-toy-clear", t("toy_bc_clear"))
        guess_bc = Broadcast("bb-toy-new-guess", t("toy_bc_new_guess"))
        pad = self._pad(clear_bc, guess_bc)
        answer_script, answer = self.answer_block("guesser")
        guesser = Sprite(t("toy_sprite_guesser"), [_named(assets.guesser_costume(), t("toy_costume_robot"))], [
            Script([o.when_flag(), o.say(t("toy_say_draw"))], t("toy_c_guesser_flag")),
            Script([o.when_received(guess_bc), o.call(answer)], t("toy_c_guesser_guess", bc=guess_bc.name)),
            Script([o.when_received(clear_bc), o.say(t("toy_say_draw"))], t("toy_c_guesser_clear")),
            answer_script,
        ], self.answer_vars("guesser"), x=145, y=-25)
        button = Sprite(t("toy_sprite_clear"), [_named(assets.clear_button_costume(), t("toy_costume_eraser"))], [
            Script([o.when_clicked(), o.broadcast(clear_bc)], t("toy_c_clear_click", bc=clear_bc.name)),
        ], x=145, y=-100)
        backdrop = _named(assets.backdrop_digits(), t("toy_backdrop_digits"))
        return Toy(
            backdrops=[backdrop], network_costumes=[self.network_costume()], network_xy=NETWORK_CORNER,
            network_visible=True,
            stage_scripts=[self.stage_script(backdrop, t("toy_c_stage_digits", guesser=guesser.name))],
            sprites=[pad, guesser, button], broadcasts=[clear_bc, guess_bc], kind="digits")

    def _pad(self, clear_bc: Broadcast, guess_bc: Broadcast) -> Sprite:
        net, t = self.net, self.t
        cell = Var("bb-toy-cell", t("toy_var_cell"), 1, local=True)
        changed = Var("bb-toy-changed", t("toy_var_changed"), 0, local=True)
        ink = assets.ink_costume(t("toy_costume_ink"))

        blank = Procedure(t("toy_proc_clear_pad"))
        blank_script = Script([o.define(blank), o.pen_clear(), o.delete_all(net.input),
                               o.repeat(PAD_SIDE * PAD_SIDE, [o.add_to(net.input, 0)])],
                              t("toy_c_clear_pad", **self.names()))

        a_row, a_col, a_dark = t("toy_arg_row"), t("toy_arg_column"), t("toy_arg_darkness")
        paint = Procedure(t("toy_proc_paint_cell"), (a_row, a_col, a_dark))
        r, c, d = (lambda: paint.arg(a_row)), (lambda: paint.arg(a_col)), (lambda: paint.arg(a_dark))
        inside = o.and_(o.and_(o.gt(r(), -1), o.lt(r(), PAD_SIDE)), o.and_(o.gt(c(), -1), o.lt(c(), PAD_SIDE)))
        half = PAD_CELL // 2
        paint_script = Script([o.define(paint), o.if_(inside, [
            o.set_var(cell, o.add(o.add(o.mul(r(), PAD_SIDE), c()), 1)),
            o.if_(o.lt(o.item(net.input, cell), d()), [
                o.replace_item(net.input, cell, d()),
                o.go_to(o.add(PAD_LEFT + half, o.mul(c(), PAD_CELL)), o.sub(PAD_TOP - half, o.mul(r(), PAD_CELL))),
                o.set_effect("GHOST", o.sub(100, o.mul(d(), 100))),
                o.stamp(),
                o.set_var(changed, 1),
            ]),
        ])], t("toy_c_paint_cell"))

        brush = Procedure(t("toy_proc_brush"), (a_row, a_col), warp=False)   # it broadcasts and waits
        br, bc = (lambda: brush.arg(a_row)), (lambda: brush.arg(a_col))
        brush_script = Script([
            o.define(brush),
            o.set_var(changed, 0),
            o.call(paint, br(), bc(), 1),
            o.call(paint, o.sub(br(), 1), bc(), SOFT),
            o.call(paint, o.add(br(), 1), bc(), SOFT),
            o.call(paint, br(), o.sub(bc(), 1), SOFT),
            o.call(paint, br(), o.add(bc(), 1), SOFT),
            o.if_(o.eq(changed, 1), [o.broadcast_and_wait(net.forward), o.broadcast(guess_bc)]),
        ], t("toy_c_brush", soft=SOFT))
        mouse_row = o.mathop("floor", o.div(o.sub(PAD_TOP, o.mouse_y()), PAD_CELL))
        mouse_column = o.mathop("floor", o.div(o.add(o.mouse_x(), -PAD_LEFT), PAD_CELL))

        right, bottom = PAD_LEFT + PAD_SIDE * PAD_CELL, PAD_TOP - PAD_SIDE * PAD_CELL
        on_pad = o.and_(o.and_(o.gt(o.mouse_x(), PAD_LEFT), o.lt(o.mouse_x(), right)),
                        o.and_(o.gt(o.mouse_y(), bottom), o.lt(o.mouse_y(), PAD_TOP)))
        scripts = [
            Script([o.when_flag(), o.call(blank),
                    o.forever([o.if_(o.and_(o.mouse_down(), on_pad), [o.call(brush, mouse_row, mouse_column)])])],
                   t("toy_c_pad_flag")),
            Script([o.when_received(clear_bc), o.call(blank)], t("toy_c_pad_clear", bc=clear_bc.name)),
            blank_script, brush_script, paint_script,
        ]
        return Sprite(t("toy_sprite_pad"), [ink], scripts, [cell, changed], visible=False)


class _Generic(_Toy):
    def helper(self, scripts: list[Script], extra_vars: list[Var]) -> Sprite:
        return Sprite(self.t("toy_sprite_helper"), [_named(assets.guesser_costume(), self.t("toy_costume_robot"))],
                      scripts, [*extra_vars, *self.answer_vars("helper")], x=120, y=-40)


class _Sliders(_Generic):
    """One slider per input (its range from the data), a robot saying the answer whenever one moves."""

    def build(self) -> Toy:
        net, t, n = self.net, self.t, self.net.input_size
        lows, highs, starts = self._ranges()
        sliders = [Var(f"bb-toy-slider-{i + 1}", t("toy_var_slider", n=i + 1), starts[i]) for i in range(n)]
        now = Var("bb-toy-now", t("toy_var_now"), "", local=True)
        before = Var("bb-toy-before", t("toy_var_before"), "", local=True)
        joined = sliders[-1]
        for s in reversed(sliders[:-1]):
            joined = o.join(s, o.join(" ", joined))
        compute = Procedure(t("toy_proc_read_sliders"), warp=False)   # it broadcasts and waits
        answer_script, answer = self.answer_block("helper")
        scripts = [
            Script([o.when_flag(), o.say(t("toy_say_sliders")), o.set_var(before, ""),
                    o.forever([o.set_var(now, joined),
                               o.if_(o.not_(o.eq(now, before)), [o.set_var(before, now), o.call(compute)])])],
                   t("toy_c_sliders_loop", now=now.name, before=before.name)),
            Script([o.define(compute), o.delete_all(net.input), *[o.add_to(net.input, s) for s in sliders],
                    o.broadcast_and_wait(net.forward), o.call(answer)], t("toy_c_read_sliders", **self.names())),
            answer_script,
        ]
        robot = self.helper(scripts, [now, before])
        monitors = [Monitor(s, 5, 5 + 55 * i, mode="slider", slider=(lows[i], highs[i], False))
                    for i, s in enumerate(sliders)]
        backdrop = _named(assets.backdrop_plain(), t("toy_backdrop_plain"))
        return Toy(backdrops=[backdrop], network_costumes=[self.network_costume()], network_xy=NETWORK_CORNER,
                   stage_scripts=[self.stage_script(backdrop, t("toy_c_stage_sliders", helper=robot.name))],
                   sprites=[robot], global_vars=sliders, monitors=monitors, kind="sliders")

    def _ranges(self) -> tuple[list, list, list]:
        n = self.net.input_size
        if self.data is None or not len(self.data.x) or _width_of(self.data.x) != n:
            return [-1] * n, [1] * n, [0] * n
        rows = _rows(self.data.x)
        lows, highs, starts = [], [], []
        for col in zip(*rows):
            lo, hi = min(col), max(col)
            if not hi > lo:
                lo, hi = lo - 1, hi + 1
            lows.append(number(lo, 3) if number(lo, 3) <= lo else number(lo - (hi - lo) * 0.01, 3))
            highs.append(number(hi, 3) if number(hi, 3) >= hi else number(hi + (hi - lo) * 0.01, 3))
            starts.append(number(statistics.median(col), 3))
        return lows, highs, starts


class _ListToy(_Generic):
    """Too many inputs for sliders: the robot explains how to fill the input list, and answers when clicked."""

    def build(self) -> Toy:
        net, t, n = self.net, self.t, self.net.input_size
        answer_script, answer = self.answer_block("helper")
        hint = t("toy_say_fill", n=n, **self.names())
        scripts = [
            Script([o.when_flag(),
                    o.if_(o.not_(o.eq(o.length(net.input), n)),
                          [o.delete_all(net.input), o.repeat(n, [o.add_to(net.input, 0)])]),
                    o.say(hint)], t("toy_c_list_flag", n=n, **self.names())),
            Script([o.when_clicked(), o.broadcast_and_wait(net.forward), o.call(answer)],
                   t("toy_c_list_click", **self.names())),
            answer_script,
        ]
        robot = self.helper(scripts, [])
        monitors = [ListMonitor(net.input, 5, 5, width=150, height=340),
                    ListMonitor(net.output, 165, 5, width=150, height=200)]
        backdrop = _named(assets.backdrop_plain(), t("toy_backdrop_plain"))
        return Toy(backdrops=[backdrop], network_costumes=[self.network_costume()], network_xy=NETWORK_CORNER,
                   stage_scripts=[self.stage_script(backdrop, t("toy_c_stage_list", n=n, helper=robot.name,
                                                                   **self.names()))],
                   sprites=[robot], monitors=monitors, kind="list")
