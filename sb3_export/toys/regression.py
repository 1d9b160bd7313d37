"""The stages of a network that answers with a number: "surface" (two raw inputs), a heat map of the
answer from low to high, and "curve" (one raw input), the fitted curve drawn with the pen; each with the
training points and a finder."""
from __future__ import annotations

from .. import assets
from .. import opcodes as o
from ..assemble import Sprite
from ..assets import Costume
from ..opcodes import Node, Procedure, Var
from ..scripts import Script
from .common import NETWORK_CORNER, Toy, first_column, literal, named
from .plot import GHOST_SURE, GHOST_UNSURE, PlotToy, StageMap, map_cell, offset_text, stage_map, stored

LOW_COLOUR, HIGH_COLOUR = "#F59322", "#0877BD"   # Playground's orange (low) and blue (high)
CURVE_COLOUR = "#F59322"
CURVE_STEP = 4                   # steps between the curve's points
GHOST_DOT = 70                   # ghost effect of a training point whose value is the middle one (surface)


class SurfaceToy(PlotToy):
    kind = "surface"
    value_list_key = "toy_list_points_value"

    def build(self) -> Toy:
        net = self.net
        values = first_column(self.data.y)
        m = stage_map(self.x1, self.x2, same_scale=True)
        lo, hi = min(values), max(values)
        mid = literal((lo + hi) / 2)
        half = literal(max((hi - lo) / 2, 1e-9))
        cell = map_cell(net)
        low_sq = assets.square_costume(self.t("toy_costume_square", name=self.t("toy_word_low")), LOW_COLOUR, cell)
        high_sq = assets.square_costume(self.t("toy_costume_square", name=self.t("toy_word_high")), HIGH_COLOUR, cell)
        pick = Procedure(self.t("toy_proc_pick_colour"))
        paint, paint_script = self.paint_map(m, cell, pick)
        pick_script = Script([o.define(pick), *self._choose_square(low_sq, high_sq, mid, half)],
                             self.t("toy_c_pick_colour_value", mid=mid))
        points, lists = self._points(m, values, mid, half)
        finder = self.finder_2d(m)
        backdrop = self.stage(m)
        return Toy(
            backdrops=[backdrop], network_costumes=[self.network_costume(), low_sq, high_sq],
            network_scripts=self.network_scripts(paint, [paint_script, pick_script], points.name),
            stage_scripts=[self.stage_script(backdrop, self.t("toy_c_stage_surface", finder=finder.name))],
            sprites=[points, finder], global_lists=lists, broadcasts=[self.draw_points, self.map_ready],
            kind=self.kind, stage_map=m, cell=cell, points=len(self.pick), colours=(LOW_COLOUR, HIGH_COLOUR),
            value_scale=(mid, half))

    def _choose_square(self, low_sq: Costume, high_sq: Costume, mid, half) -> list[Node]:
        """The squares' colour: low or high, paler the nearer the answer is to the middle one."""
        net = self.net
        strength = o.mathop("abs", o.div(o.sub(net.prediction, mid), half))
        return [o.if_else(o.gt(net.prediction, mid), [o.switch_costume(high_sq.name)],
                          [o.switch_costume(low_sq.name)]),
                o.set_effect("GHOST", o.sub(GHOST_UNSURE, o.mul(GHOST_UNSURE - GHOST_SURE, strength)))]

    def _points(self, m: StageMap, values: list[float], mid, half):
        """The training points, low or high and paler near the middle: (their sprite, the lists x, y, value)."""
        idx = self.pick
        px, py, pv = self.point_lists([self.x1[i] for i in idx], [self.x2[i] for i in idx],
                                      stored(values[i] for i in idx))
        low_dot = self._dot(LOW_COLOUR, "toy_word_low")
        high_dot = self._dot(HIGH_COLOUR, "toy_word_high")

        def choose_dot(n: Var) -> list[Node]:
            value = o.item(pv, n)
            return [o.if_else(o.gt(value, mid), [o.switch_costume(high_dot.name)], [o.switch_costume(low_dot.name)]),
                    o.set_effect("GHOST", o.sub(GHOST_DOT, o.mul(GHOST_DOT, o.mathop("abs", o.div(o.sub(
                        o.item(pv, n), mid), half)))))]
        points = self.points_sprite(m, px, py, pv, [low_dot, high_dot], choose_dot,
                                    self.t("toy_c_pick_dot_value", mid=mid))
        return points, [px, py, pv]

    def _dot(self, colour: str, word: str) -> Costume:
        return named(assets.marker_costume(colour), self.t("toy_costume_dot", name=self.t(word)))


class CurveToy(PlotToy):
    kind = "curve"

    def build(self) -> Toy:
        xs, ys = self.x1, first_column(self.data.y)
        m = stage_map(xs, ys, same_scale=False)
        curve, curve_script = self._curve(m)
        idx = self.pick
        px, py, _ = self.point_lists([xs[i] for i in idx], [ys[i] for i in idx], None)
        dot = named(assets.marker_costume(HIGH_COLOUR), self.t("toy_costume_point"))
        points = self.points_sprite(m, px, py, None, [dot], None, "")
        finder = self._finder(m)
        backdrop = self.stage(m)
        return Toy(
            backdrops=[backdrop], network_costumes=[self.network_costume()],
            network_scripts=self.network_scripts(curve, [curve_script], points.name),
            stage_scripts=[self.stage_script(backdrop, self.t("toy_c_stage_curve", finder=finder.name))],
            sprites=[points, finder], global_lists=[px, py], broadcasts=[self.draw_points, self.map_ready],
            kind=self.kind, stage_map=m, points=len(idx), colours=(CURVE_COLOUR,))

    def _curve(self, m: StageMap) -> tuple[Procedure, Script]:
        """Walk the pen across the stage, a few steps at a time, to the height of the network's answer."""
        net = self.net
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
        return curve, Script([o.define(curve), *body], self.t(
            "toy_c_draw_curve", kx=literal(m.kx), ky=literal(m.ky), sx=offset_text(m.cx), sy0=offset_text(-m.cy)))

    def _finder(self, m: StageMap) -> Sprite:
        """The finder of a one-input network: its x is the input; after asking, it rises to the answer."""
        net = self.net
        last_x = Var("bb-toy-last-x", self.t("toy_var_last_x"), "", local=True)
        ask_body = [o.delete_all(net.input), o.add_to(net.input, m.data_x(o.x_position()))]
        return self.finder_sprite(m, (0, 0), "toy_say_drag_curve", ask_body,
                                  o.not_(o.eq(o.x_position(), last_x)), [o.set_var(last_x, o.x_position())],
                                  [last_x], self.t("toy_c_finder_ask_curve", **self.names()))

    def after_ask(self, m: StageMap) -> list[Node]:
        return [o.set_y(m.stage_y(self.net.prediction))]
