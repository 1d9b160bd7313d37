"""What every stage shares: the data it shows, the Toy it hands to the exporter, and StageToy, the base
that names things in the chosen language and makes the sprite's "say the answer" block."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Sequence

from .. import assets
from .. import opcodes as o
from ..assemble import ListMonitor, Monitor, Sprite
from ..assets import Costume
from ..lower import NetworkProgram, number
from ..messages import text
from ..opcodes import Broadcast, ListVar, Procedure, Var
from ..scripts import Script

if TYPE_CHECKING:
    from .plot import StageMap

NETWORK_CORNER = (205, -155)     # where the network sprite waits, out of the way of the stage's picture


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


def plain(a) -> list:
    """An array (anything with .tolist()) or nested sequence as nested lists."""
    return a.tolist() if hasattr(a, "tolist") else [list(r) if isinstance(r, (list, tuple)) else r for r in a]


def as_rows(a) -> list[list[float]]:
    """The rows of a (N, d) table as lists of floats."""
    return [[float(v) for v in row] for row in plain(a)]


def first_column(a) -> list[float]:
    """(N,) or (N, k) -> the N first values."""
    return [float(row[0] if isinstance(row, (list, tuple)) else row) for row in plain(a)]


def width_of(a) -> int | None:
    """Columns of a (N, d) table; None when it is not one."""
    table = plain(a)
    widths = {len(r) if isinstance(r, (list, tuple)) else -1 for r in table}
    return widths.pop() if len(widths) == 1 and -1 not in widths else None


@dataclass
class Toy:
    """One stage: what the exporter adds to the project around the network's own scripts and lists."""

    backdrops: list[Costume]
    network_costumes: list[Costume]
    network_scripts: list[Script] = field(default_factory=list)   # scripts added to the network sprite
    network_xy: tuple[float, float] = NETWORK_CORNER
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


def named(c: Costume, name: str) -> Costume:
    return replace(c, name=name)


def literal(x: float):
    """A number as a script or a comment shows it: 6 significant digits."""
    return number(x, 6)


class StageToy:
    """The base of every stage: texts, names, the network's costume, answers in words."""

    def __init__(self, net: NetworkProgram, data: ToyData | None, lang: str):
        self.net, self.data, self.lang = net, data, lang

    def t(self, key: str, **params) -> str:
        return text(key, self.lang, **params)

    def names(self) -> dict[str, str]:
        n = self.net
        return dict(input=n.input.name, output=n.output.name, forward=n.forward.name,
                    prediction=n.prediction.name, confidence=n.confidence.name)

    def network_costume(self) -> Costume:
        return named(assets.network_costume(), self.t("toy_costume_network"))

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
            body, comment = self._yes_no_answer(key, open_, close)
        else:
            body = [o.say(net.prediction)]
            comment = self.t("toy_c_answer_number", **self.names())
        return Script([o.define(proc), *body], comment), proc

    def _yes_no_answer(self, key: str, open_: str, close: str) -> tuple[list, str]:
        """The yes/no answer in the data's own words, and how sure: sure of "no" is 1 - confidence."""
        net = self.net
        answer, sure = self.answer_vars(key)
        no, yes = self.yes_no_names()
        body = [o.if_else(o.eq(net.prediction, 1),
                          [o.set_var(answer, yes), o.set_var(sure, o.round_(o.mul(net.confidence, 100)))],
                          [o.set_var(answer, no),
                           o.set_var(sure, o.round_(o.mul(o.sub(1, net.confidence), 100)))]),
                o.say(o.join(answer, o.join(open_, o.join(sure, close))))]
        return body, self.t("toy_c_answer_yes_no", yes=yes, no=no, **self.names())
