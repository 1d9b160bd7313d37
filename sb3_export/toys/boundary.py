"""The "boundary" stage (two raw inputs, classes): the decision map painted square by square in the
winning class's colour (paler where the network is unsure), the training points by class, a finder."""
from __future__ import annotations

import colorsys

from .. import assets
from .. import opcodes as o
from ..assets import Costume
from ..opcodes import Node, Procedure, Var
from ..scripts import Script
from .common import Toy, first_column, literal, named
from .plot import GHOST_SURE, GHOST_UNSURE, PlotToy, StageMap, map_cell, stage_map

# Class colours: TensorFlow Playground's orange and blue first, then Scratch-friendly others.
CLASS_COLOURS = ("#F59322", "#0877BD", "#59C059", "#9966FF", "#FF6680", "#E6B800", "#00A3A3",
                 "#8C5A2B", "#5C6B8A", "#D62728")
COLOUR_WORDS = ("toy_word_orange", "toy_word_blue", "toy_word_green", "toy_word_purple", "toy_word_pink",
                "toy_word_yellow", "toy_word_teal", "toy_word_brown", "toy_word_grey", "toy_word_red")


def class_colours(n: int) -> tuple[str, ...]:
    """A colour per class: the named ones first, then hues spread by the golden ratio."""
    if n <= len(CLASS_COLOURS):
        return CLASS_COLOURS[:n]
    extra = []
    for i in range(n - len(CLASS_COLOURS)):
        r, g, b = colorsys.hsv_to_rgb((i * 0.618034) % 1.0, 0.75, 0.85)
        extra.append(f"#{round(r * 255):02X}{round(g * 255):02X}{round(b * 255):02X}")
    return CLASS_COLOURS + tuple(extra)


def class_labels(names: list[str]) -> list[str]:
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


class BoundaryToy(PlotToy):
    kind = "boundary"

    def build(self) -> Toy:
        net = self.net
        names = list(net.classes.items) if net.output_kind == "classify" else list(self.yes_no_names())
        colours = class_colours(len(names))
        m = stage_map(self.x1, self.x2, same_scale=True)
        cell = map_cell(net)
        squares = [assets.square_costume(self.t("toy_costume_square", name=c), colours[i], cell)
                   for i, c in enumerate(names)]
        dots = [named(assets.marker_costume(colours[i]), self.t("toy_costume_dot", name=c))
                for i, c in enumerate(names)]
        legend = ", ".join(f"{c}: {self._colour_word(colours[i])}" for i, c in enumerate(names))
        pick = Procedure(self.t("toy_proc_pick_colour"))
        paint, paint_script = self.paint_map(m, cell, pick)
        pick_script = Script([o.define(pick), *self._choose_square(squares)],
                             self.t("toy_c_pick_colour", legend=legend))
        points, lists = self._points(m, names, dots, legend)
        finder = self.finder_2d(m)
        backdrop = self.stage(m)
        return Toy(
            backdrops=[backdrop], network_costumes=[self.network_costume(), *squares],
            network_scripts=self.network_scripts(paint, [paint_script, pick_script], points.name),
            stage_scripts=[self.stage_script(backdrop, self.t("toy_c_stage_boundary", finder=finder.name))],
            sprites=[points, finder], global_lists=lists, broadcasts=[self.draw_points, self.map_ready],
            kind=self.kind, stage_map=m, cell=cell, points=len(self.pick), colours=colours)

    def _choose_square(self, squares: list[Costume]) -> list[Node]:
        """The squares' colour: the winning class, paler when unsure."""
        net, n_classes = self.net, len(squares)
        if net.output_kind == "yes_no":
            choose = [o.if_else(o.eq(net.prediction, 1), [o.switch_costume(squares[1].name)],
                                [o.switch_costume(squares[0].name)])]
            certainty = o.mul(o.mathop("abs", o.sub(net.confidence, 0.5)), 2)
        else:
            # the first class whose probability is the confidence (the network's own choice on a tie)
            choose = [o.if_(o.eq(o.item(net.output, k + 1), net.confidence), [o.switch_costume(squares[k].name)])
                      for k in reversed(range(n_classes))]
            certainty = o.mul(o.sub(net.confidence, literal(1 / n_classes)), literal(n_classes / (n_classes - 1)))
        choose.append(o.set_effect("GHOST", o.sub(GHOST_UNSURE, o.mul(GHOST_UNSURE - GHOST_SURE, certainty))))
        return choose

    def _points(self, m: StageMap, names: list[str], dots: list[Costume], legend: str):
        """The training points, by class: (their sprite, the lists x, y and class)."""
        idx, n_classes = self.pick, len(names)
        classes = first_column(self.data.y)
        y = [min(max(int(classes[i]), 0), n_classes - 1) for i in idx]
        labels = class_labels(names)
        px, py, pc = self.point_lists([self.x1[i] for i in idx], [self.x2[i] for i in idx], [labels[k] for k in y])

        def choose_dot(n: Var) -> list[Node]:
            return [o.if_(o.eq(o.item(pc, n), labels[k]), [o.switch_costume(dots[k].name)]) for k in range(n_classes)]
        points = self.points_sprite(m, px, py, pc, dots, choose_dot, self.t("toy_c_pick_dot", legend=legend))
        return points, [px, py, pc]

    def _colour_word(self, colour: str) -> str:
        if colour in CLASS_COLOURS:
            return self.t(COLOUR_WORDS[CLASS_COLOURS.index(colour)])
        return colour
