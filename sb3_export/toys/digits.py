"""The "digits" stage (the 8x8 "digits" data): a drawing pad over the grid of assets.backdrop_digits,
an eraser button, and a robot that says the network's guess and how sure it is.

The pad's brush inks the cell under the mouse fully and its four neighbours PAD_SOFT, never lightening
a cell; the editor's own pad paints the same way, so a drawing means the same in both.
"""
from __future__ import annotations

from .. import assets
from .. import opcodes as o
from ..assemble import Sprite
from ..opcodes import Broadcast, Procedure, Var
from ..scripts import Script
from .common import StageToy, Toy, named

PAD_SOFT = 0.3                   # darkness of the brush's four neighbour squares on the pad
# The pad of assets.backdrop_digits, in stage steps (the backdrop's centre is the stage's 0, 0).
PAD_LEFT = int(assets.DIGIT_AREA[0] - assets.STAGE_CENTER[0])
PAD_TOP = int(assets.STAGE_CENTER[1] - assets.DIGIT_AREA[1])
PAD_CELL, PAD_SIDE = assets.DIGIT_CELL, assets.DIGIT_CELLS
# The robot stands right of the pad. Scratch hangs a speech bubble from the costume's top (the
# antenna) and, with no room on the right, puts it on the left: far enough right, a bubble up to
# ~120 px wide still ends right of the pad (x = 40).
ROBOT_X = 165


class DigitsToy(StageToy):
    """A drawing pad over the 8x8 grid of backdrop_digits; the robot says the network's guess."""

    def build(self) -> Toy:
        t = self.t
        clear_bc = Broadcast("bb-toy-clear", t("toy_bc_clear"))
        guess_bc = Broadcast("bb-toy-new-guess", t("toy_bc_new_guess"))
        pad = self._pad(clear_bc, guess_bc)
        answer_script, answer = self.answer_block("guesser")
        guesser = Sprite(t("toy_sprite_guesser"), [named(assets.guesser_costume(), t("toy_costume_robot"))], [
            Script([o.when_flag(), o.say(t("toy_say_draw"))], t("toy_c_guesser_flag")),
            Script([o.when_received(guess_bc), o.call(answer)], t("toy_c_guesser_guess", bc=guess_bc.name)),
            Script([o.when_received(clear_bc), o.say(t("toy_say_draw"))], t("toy_c_guesser_clear")),
            answer_script,
        ], self.answer_vars("guesser"), x=ROBOT_X, y=-25)
        button = Sprite(t("toy_sprite_clear"), [named(assets.clear_button_costume(), t("toy_costume_eraser"))], [
            Script([o.when_clicked(), o.broadcast(clear_bc)], t("toy_c_clear_click", bc=clear_bc.name)),
        ], x=ROBOT_X, y=-100)
        backdrop = named(assets.backdrop_digits(), t("toy_backdrop_digits"))
        return Toy(
            backdrops=[backdrop], network_costumes=[self.network_costume()],
            stage_scripts=[self.stage_script(backdrop, t("toy_c_stage_digits", guesser=guesser.name))],
            sprites=[pad, guesser, button], broadcasts=[clear_bc, guess_bc], kind="digits")

    def _pad(self, clear_bc: Broadcast, guess_bc: Broadcast) -> Sprite:
        """The hidden sprite that stamps ink where the mouse draws and fills the input list to match."""
        t = self.t
        cell = Var("bb-toy-cell", t("toy_var_cell"), 1, local=True)
        changed = Var("bb-toy-changed", t("toy_var_changed"), 0, local=True)
        blank, blank_script = self._blank()
        paint, paint_script = self._paint_cell(cell, changed)
        brush, brush_script = self._brush(paint, changed, guess_bc)
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
        return Sprite(t("toy_sprite_pad"), [assets.ink_costume(t("toy_costume_ink"))], scripts, [cell, changed],
                      visible=False)

    def _blank(self) -> tuple[Procedure, Script]:
        """Clear the pen and fill the input list with 64 zeros."""
        net = self.net
        blank = Procedure(self.t("toy_proc_clear_pad"))
        return blank, Script([o.define(blank), o.pen_clear(), o.delete_all(net.input),
                              o.repeat(PAD_SIDE * PAD_SIDE, [o.add_to(net.input, 0)])],
                             self.t("toy_c_clear_pad", **self.names()))

    def _paint_cell(self, cell: Var, changed: Var) -> tuple[Procedure, Script]:
        """Ink one cell of the pad (row, column, darkness), unless it is already as dark or outside."""
        net, t = self.net, self.t
        a_row, a_col, a_dark = t("toy_arg_row"), t("toy_arg_column"), t("toy_arg_darkness")
        paint = Procedure(t("toy_proc_paint_cell"), (a_row, a_col, a_dark))
        r, c, d = (lambda: paint.arg(a_row)), (lambda: paint.arg(a_col)), (lambda: paint.arg(a_dark))
        inside = o.and_(o.and_(o.gt(r(), -1), o.lt(r(), PAD_SIDE)), o.and_(o.gt(c(), -1), o.lt(c(), PAD_SIDE)))
        half = PAD_CELL // 2
        return paint, Script([o.define(paint), o.if_(inside, [
            o.set_var(cell, o.add(o.add(o.mul(r(), PAD_SIDE), c()), 1)),
            o.if_(o.lt(o.item(net.input, cell), d()), [
                o.replace_item(net.input, cell, d()),
                o.go_to(o.add(PAD_LEFT + half, o.mul(c(), PAD_CELL)), o.sub(PAD_TOP - half, o.mul(r(), PAD_CELL))),
                o.set_effect("GHOST", o.sub(100, o.mul(d(), 100))),
                o.stamp(),
                o.set_var(changed, 1),
            ]),
        ])], t("toy_c_paint_cell"))

    def _brush(self, paint: Procedure, changed: Var, guess_bc: Broadcast) -> tuple[Procedure, Script]:
        """One dab of the brush at (row, column); when it inked anything, run the network and tell the robot."""
        net, t = self.net, self.t
        a_row, a_col = t("toy_arg_row"), t("toy_arg_column")
        brush = Procedure(t("toy_proc_brush"), (a_row, a_col), warp=False)   # it broadcasts and waits
        br, bc = (lambda: brush.arg(a_row)), (lambda: brush.arg(a_col))
        return brush, Script([
            o.define(brush),
            o.set_var(changed, 0),
            o.call(paint, br(), bc(), 1),
            o.call(paint, o.sub(br(), 1), bc(), PAD_SOFT),
            o.call(paint, o.add(br(), 1), bc(), PAD_SOFT),
            o.call(paint, br(), o.sub(bc(), 1), PAD_SOFT),
            o.call(paint, br(), o.add(bc(), 1), PAD_SOFT),
            o.if_(o.eq(changed, 1), [o.broadcast_and_wait(net.forward), o.broadcast(guess_bc)]),
        ], t("toy_c_brush", soft=PAD_SOFT))
