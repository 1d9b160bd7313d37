"""The runtime's datasets: a registry from a name to a generated or bundled set, plus files and drawings.

A public sub-package: code outside runtime imports datasets from here, never from the modules inside.
"""
from __future__ import annotations

import math
from typing import Callable

from ..messages import RuntimeProblem, msg
from .base import Dataset, Task
from .csvfile import load_csv
from .digits import SIDE as DIGIT_SIDE  # a digit's picture is DIGIT_SIDE x DIGIT_SIDE pixels
from .digits import digits
from .points import class_labels, from_points
from .synthetic import (GATES, circle, gaussian, logic_gate, moons, multi_gaussian, plane, spiral,
                        xor_quadrants)

__all__ = ["DATASETS", "DIGIT_SIDE", "Dataset", "Task", "class_labels", "circle", "digits", "from_points",
           "gaussian", "load", "load_csv", "logic_gate", "moons", "multi_gaussian", "plane",
           "spiral", "xor_quadrants"]


def _gate(kind: str) -> Callable[..., Dataset]:
    def make(*, n: int | None = None, noise: float = 0.0, seed: int = 0) -> Dataset:
        """A logic gate; `n` points round up to whole copies of the 4-row truth table."""
        repeat = 1 if n is None else max(1, math.ceil(n / 4))
        return logic_gate(kind, repeat=repeat, noise=noise, seed=seed)
    return make


# name -> f(*, n=None, noise=0.0, seed=0) -> Dataset; n=None means the set's own size.
DATASETS: dict[str, Callable[..., Dataset]] = {
    **{kind: _gate(kind) for kind in GATES},
    "circle": circle,
    "xor_quadrants": xor_quadrants,
    "gaussian": gaussian,
    "spiral": spiral,
    "moons": moons,
    "plane": plane,
    "multi_gaussian": multi_gaussian,
    "digits": digits,
}


def load(name: str, *, n: int | None = None, noise: float = 0.0, seed: int = 0) -> Dataset:
    """The dataset called `name`; an unknown name is a problem a person can fix."""
    if name not in DATASETS:
        raise RuntimeProblem(msg("dataset_unknown", value=name, choices=", ".join(DATASETS)))
    return DATASETS[name](n=n, noise=noise, seed=seed)
