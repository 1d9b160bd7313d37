"""The 8x8 handwritten digits (UCI optdigits test set, scikit-learn's copy), read from the bundled file."""
from __future__ import annotations

import functools
import gzip
import math
from pathlib import Path

import numpy as np

from .base import Dataset

DATA = Path(__file__).parent / "data" / "digits.csv.gz"
CLASSES = tuple(str(d) for d in range(10))
SIDE = 8  # each image is SIDE x SIDE pixels, row by row
INK = 16  # the file's pixel values run 0..INK


@functools.lru_cache(maxsize=1)
def _table() -> tuple[np.ndarray, np.ndarray]:
    """Parse the file once; the cached arrays are read-only so no caller can change them."""
    with gzip.open(DATA, "rt", encoding="ascii") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.int64)  # (1797, 65)
    x = table[:, :SIDE * SIDE] / INK  # (1797, 64) in [0, 1]
    y = table[:, SIDE * SIDE]  # (1797,)
    x.flags.writeable = False
    y.flags.writeable = False
    return x, y


def digits(*, n: int | None = None, noise: float = 0.0, seed: int = 0) -> Dataset:
    """All 1797 digits in file order, or `n` of them picked with `seed`; `noise` speckles the pixels."""
    x, y = (a.copy() for a in _table())
    if not (math.isfinite(noise) and noise >= 0):
        raise ValueError(f"noise must be a number >= 0, got {noise}")
    rng = np.random.default_rng(seed)
    if n is not None:
        if not 2 <= n <= len(x):
            raise ValueError(f"n must be between 2 and {len(x)}, got {n}")
        pick = rng.choice(len(x), size=n, replace=False)
        x, y = x[pick], y[pick]
    if noise:
        x = np.clip(x + rng.normal(0.0, noise, x.shape), 0.0, 1.0)
    return Dataset("digits", x, y, "classify", CLASSES, "8x8 handwritten digits 0-9",
                   {"image_shape": (SIDE, SIDE), "noise": noise, "seed": seed})
