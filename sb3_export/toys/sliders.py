"""The stages for any other network, with a robot that says the answer: "sliders" (up to MAX_SLIDERS
inputs), one slider per input, and "list" (more inputs), the input list to fill by hand."""
from __future__ import annotations

import statistics

from .. import assets
from .. import opcodes as o
from ..assemble import ListMonitor, Monitor, Sprite
from ..assets import Costume
from ..lower import number
from ..opcodes import Procedure, Var
from ..scripts import Script
from .common import StageToy, Toy, as_rows, named, width_of

MAX_SLIDERS = 6                  # more inputs than this get the "list" toy


class HelperToy(StageToy):
    """A stage whose robot, the helper, runs the network and says its answer."""

    def helper(self, scripts: list[Script], extra_vars: list[Var]) -> Sprite:
        return Sprite(self.t("toy_sprite_helper"), [named(assets.guesser_costume(), self.t("toy_costume_robot"))],
                      scripts, [*extra_vars, *self.answer_vars("helper")], x=120, y=-40)

    def plain_backdrop(self) -> Costume:
        return named(assets.backdrop_plain(), self.t("toy_backdrop_plain"))


class SlidersToy(HelperToy):
    """One slider per input (its range from the data), a robot saying the answer whenever one moves."""

    def build(self) -> Toy:
        t, n = self.t, self.net.input_size
        lows, highs, starts = self._ranges()
        sliders = [Var(f"bb-toy-slider-{i + 1}", t("toy_var_slider", n=i + 1), starts[i]) for i in range(n)]
        robot = self._robot(sliders)
        monitors = [Monitor(s, 5, 5 + 55 * i, mode="slider", slider=(lows[i], highs[i], False))
                    for i, s in enumerate(sliders)]
        backdrop = self.plain_backdrop()
        return Toy(backdrops=[backdrop], network_costumes=[self.network_costume()],
                   stage_scripts=[self.stage_script(backdrop, t("toy_c_stage_sliders", helper=robot.name))],
                   sprites=[robot], global_vars=sliders, monitors=monitors, kind="sliders")

    def _robot(self, sliders: list[Var]) -> Sprite:
        """The helper, watching the sliders: when one moves, it runs the network and says the answer."""
        net, t = self.net, self.t
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
        return self.helper(scripts, [now, before])

    def _ranges(self) -> tuple[list, list, list]:
        """Each slider's (low, high, start): the data's range with 3 significant digits, and its median."""
        n = self.net.input_size
        if self.data is None or not len(self.data.x) or width_of(self.data.x) != n:
            return [-1] * n, [1] * n, [0] * n
        lows, highs, starts = [], [], []
        for col in zip(*as_rows(self.data.x)):
            lo, hi = min(col), max(col)
            if not hi > lo:
                lo, hi = lo - 1, hi + 1
            lows.append(number(lo, 3) if number(lo, 3) <= lo else number(lo - (hi - lo) * 0.01, 3))
            highs.append(number(hi, 3) if number(hi, 3) >= hi else number(hi + (hi - lo) * 0.01, 3))
            starts.append(number(statistics.median(col), 3))
        return lows, highs, starts


class ListToy(HelperToy):
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
        backdrop = self.plain_backdrop()
        return Toy(backdrops=[backdrop], network_costumes=[self.network_costume()],
                   stage_scripts=[self.stage_script(backdrop, t("toy_c_stage_list", n=n, helper=robot.name,
                                                                   **self.names()))],
                   sprites=[robot], monitors=monitors, kind="list")
