"""The stages that plot the data (boundary, surface, curve): the data <-> stage map, the training points,
the finder a child drags, and the map the network sprite paints square by square.

A StageMap turns data numbers into stage steps, stage = (data - centre) × scale, with the centre and
scale written into the scripts as plain numbers, so a child can read them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from .. import assets
from .. import opcodes as o
from ..assemble import Sprite
from ..assets import Costume
from ..lower import NetworkProgram, number
from ..opcodes import Broadcast, ListVar, Node, Procedure, Var
from ..scripts import Script
from .common import NETWORK_CORNER, StageToy, as_rows, literal, named

MAX_POINTS = 200                 # training points drawn at most
POINT_DIGITS = 4                 # significant digits of a stored training point
MARGIN = 0.1                     # room around the data, as a fraction of its range
HALF_W, HALF_H = 230.0, 170.0    # the data's box fits within this many steps of the stage centre
CELL_SIZES = (10, 12, 15, 20, 24, 30, 40)   # squares of the map (each divides 480 and 360)
MAP_BUDGET = 2_500_000           # block executions a whole map may take (~0.2 s in a browser)
GHOST_SURE, GHOST_UNSURE = 20, 95   # ghost effect of a map square: sure ... unsure


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


def stage_map(x: list[float], y: list[float], same_scale: bool) -> StageMap:
    """The map that puts the points (x, y) on the stage, with one scale for both axes when they are alike."""
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


def stored(values) -> tuple:
    """Training numbers as a list of the project holds them."""
    return tuple(number(v, POINT_DIGITS) for v in values)


def offset_text(c: float) -> str:
    """' + c' / ' − c' for a comment, '' for 0."""
    if not c:
        return ""
    return f" + {literal(c)}" if c > 0 else f" − {literal(-c)}"


def map_cell(net: NetworkProgram) -> int:
    """The smallest square side whose whole map stays within MAP_BUDGET block executions."""
    per_pass = 12 * net.n_weights + 40 * net.n_outputs + 300
    for side in CELL_SIZES:
        if (480 // side) * (360 // side) * per_pass <= MAP_BUDGET:
            return side
    return CELL_SIZES[-1]


# --- the plotted stage ----------------------------------------------------------------------

class PlotToy(StageToy):
    """Boundary, surface and curve: training points and a picture of the network over the stage."""

    kind = ""
    value_list_key = "toy_list_points_class"

    def __init__(self, net, data, lang):
        super().__init__(net, data, lang)
        self.draw_points = Broadcast("bb-toy-draw-points", self.t("toy_bc_draw_points"))
        self.map_ready = Broadcast("bb-toy-map-ready", self.t("toy_bc_map_ready"))
        self.points_sprite_name = self.t("toy_sprite_points")
        self.finder_name = self.t("toy_sprite_finder")
        rows = as_rows(data.x)
        self.x1 = [r[0] for r in rows]                          # the first input of every point
        self.x2 = [r[1] for r in rows] if len(rows[0]) > 1 else []
        self.pick = _pick(len(rows))                             # the points drawn

    # the training points ---------------------------------------------------------------------

    def point_lists(self, xs, ys, values) -> tuple[ListVar, ListVar, ListVar | None]:
        px = ListVar("bb-toy-points-x", self.t("toy_list_points_x"), stored(xs))
        py = ListVar("bb-toy-points-y", self.t("toy_list_points_y"), stored(ys))
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
                          c=pv.name if pv else "", kx=literal(m.kx), sx0=offset_text(-m.cx))),
        ]
        if choose:
            scripts.append(Script([o.define(pick), *choose], choose_comment))
        return Sprite(self.points_sprite_name, dots, scripts, [n], visible=False)

    # the finder --------------------------------------------------------------------------------

    def finder_sprite(self, m: StageMap, start: tuple[float, float], hint_key: str, ask_body: list[Node],
                      moved, remember: list[Node], extra_vars: list[Var], ask_comment: str) -> Sprite:
        """A crosshair to drag: whenever it has `moved`, it asks the network about where it stands."""
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
        return Sprite(self.finder_name, [named(assets.probe_costume(), self.t("toy_costume_finder"))], scripts,
                      [*extra_vars, *self.answer_vars("finder")], x=start[0], y=start[1], draggable=True)

    def after_ask(self, m: StageMap) -> list[Node]:
        """What the finder does once the network has answered, before saying the answer."""
        return []

    def finder_2d(self, m: StageMap) -> Sprite:
        """The finder of a two-input network: its x and y are the two inputs."""
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
        """Paint the picture, then have the points drawn over it, then tell the finder it may ask."""
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

    def paint_map(self, m: StageMap, cell: int, pick: Procedure) -> tuple[Procedure, Script]:
        """Visit every square of the stage, run the network there and stamp a square of its answer's colour."""
        net = self.net
        proc = Procedure(self.t("toy_proc_paint_map"))
        left, top = _whole(-240 + cell / 2), _whole(180 - cell / 2)
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
        comment = self.t("toy_c_paint_map", cell=cell, kx=literal(m.kx), ky=literal(m.ky),
                         sx=offset_text(m.cx), sy=offset_text(m.cy))
        return proc, Script([o.define(proc), *body], comment)

    def stage(self, m: StageMap) -> Costume:
        """The plot backdrop when its axes are the data's axes (the origin at the centre), else a plain one."""
        if m.cx == 0 and m.cy == 0:
            return named(assets.backdrop_plot(), self.t("toy_backdrop_plot"))
        return named(assets.backdrop_plain(), self.t("toy_backdrop_plain"))


def _whole(x: float):
    """x as an int when it is a whole number (a script shows 235, not 235.0)."""
    return int(x) if float(x).is_integer() else x
