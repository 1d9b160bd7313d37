"""The playable stage around an exported network, chosen to fit its data.

    kind        chosen when                                   the stage                         module
    "boundary"  2 raw inputs, classes (classify or yes_no)     the decision map painted square   boundary.py
                                                              by square, the training points,
                                                              a finder to drag
    "surface"   2 raw inputs, regression                      a heat map of the answer, the     regression.py
                                                              points, a finder
    "curve"     1 raw input, regression                       the fitted curve drawn with the   regression.py
                                                              pen, the points, a finder that
                                                              rides on the curve
    "digits"    the 8x8 "digits" data                         a drawing pad, an eraser button,  digits.py
                                                              a robot that says the guess and
                                                              how sure it is
    "sliders"   anything else with up to 6 inputs             one slider per input, a robot     sliders.py
                                                              saying the answer
    "list"      anything else                                 a robot explaining how to fill    sliders.py
                                                              the input list

Every stage builds on common.py (the data, the Toy handed to the exporter, the robot's answer); the
plotted ones on plot.py too (the data <-> stage map, the points, the finder, the painted map).

Maps of the whole stage need one forward pass per square, so they are painted by the network
sprite itself, in a "run without screen refresh" custom block that calls the network's own
block directly (a broadcast per square would cost a frame per square). Other sprites talk to the
network by filling the input list and broadcasting the forward message and waiting.
"""
from __future__ import annotations

from ..lower import NetworkProgram
from .boundary import BoundaryToy
from .common import Toy, ToyData, width_of
from .digits import DigitsToy
from .regression import CurveToy, SurfaceToy
from .sliders import MAX_SLIDERS, ListToy, SlidersToy

__all__ = ["Toy", "ToyData", "build_toy", "toy_kind"]

BUILDERS = {"boundary": BoundaryToy, "surface": SurfaceToy, "curve": CurveToy, "digits": DigitsToy,
            "sliders": SlidersToy, "list": ListToy}


def toy_kind(net: NetworkProgram, data: ToyData | None) -> str:
    """Which stage fits this network and data (see the module doc)."""
    size = net.input_size
    if data is not None and len(data.x) and len(data.y) == len(data.x) and width_of(data.x) == size:
        if size == 2 and data.task == "classify" and net.output_kind in ("classify", "yes_no"):
            return "boundary"
        if size == 64 and data.name == "digits" and net.output_kind == "classify" and net.n_outputs == 10:
            return "digits"
        if data.task == "regress" and net.output_kind == "regress" and size in (1, 2):
            return "curve" if size == 1 else "surface"
    return "sliders" if size <= MAX_SLIDERS else "list"


def build_toy(net: NetworkProgram, data: ToyData | None, lang: str) -> Toy:
    """The stage for this network and data."""
    return BUILDERS[toy_kind(net, data)](net, data, lang).build()
