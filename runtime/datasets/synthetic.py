"""Generated datasets: the logic gates and the TensorFlow Playground sets, each reproducible from a seed.

The Playground sets follow ``tensorflow/playground`` ``src/dataset.ts``: the same shapes, ranges,
sizes and the same way of applying ``noise`` (a fraction; Playground's slider runs 0..0.5).
Playground labels points -1/+1; here -1 is class 0 and +1 is class 1.
"""
from __future__ import annotations

import math

import numpy as np

from .base import Dataset

N_CLASSIFY = 500  # Playground's NUM_SAMPLES_CLASSIFY
N_REGRESS = 1200  # Playground's NUM_SAMPLES_REGRESS
BINARY = ("0", "1")
FEATURES = ("x1", "x2")

# Truth tables, in the order of CORNERS.
CORNERS = np.array([[0, 0], [1, 0], [0, 1], [1, 1]], dtype=np.float64)  # (4, 2)
GATES = {
    "and": (0, 0, 0, 1),
    "or": (0, 1, 1, 1),
    "nand": (1, 1, 1, 0),
    "xor": (0, 1, 1, 0),
}

# Playground's regression bumps: centre x, centre y, sign.
BUMPS = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1],
                  [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]], dtype=np.float64)  # (6, 3)

MOON_SCALE = 10 / 3  # make_moons is 3 wide; this stretches it to Playground's [-5, 5]


def logic_gate(kind: str, *, repeat: int = 1, noise: float = 0.0, seed: int = 0) -> Dataset:
    """The four corners of the unit square labelled by a gate's truth table, `repeat` times over."""
    if kind not in GATES:
        raise ValueError(f"no logic gate {kind!r}; use one of {', '.join(GATES)}")
    if repeat < 1:
        raise ValueError(f"repeat must be at least 1, got {repeat}")
    rng = _rng(noise, seed)
    x = np.tile(CORNERS, (repeat, 1))  # (4 * repeat, 2)
    # Uniform jitter: below 0.5 no point crosses the middle, so the table still holds.
    x = x + rng.uniform(-noise, noise, x.shape)
    y = np.tile(np.array(GATES[kind], dtype=np.int64), repeat)  # (4 * repeat,)
    return Dataset(kind, x, y, "classify", BINARY, f"the {kind.upper()} truth table",
                   _extra(noise, seed))


def circle(*, n: int | None = None, noise: float = 0.0, seed: int = 0) -> Dataset:
    """Class 1 inside radius 2.5, class 0 in the ring 3.5..5 around it."""
    n, rng = _start(n, N_CLASSIFY, noise, seed)
    radius = 5.0
    inner = np.arange(n) < n // 2
    r = np.where(inner, rng.uniform(0, 0.5 * radius, n), rng.uniform(0.7 * radius, radius, n))
    angle = rng.uniform(0, 2 * np.pi, n)
    x = np.column_stack([r * np.sin(angle), r * np.cos(angle)])  # (n, 2)
    seen = x + rng.uniform(-radius, radius, x.shape) * noise  # noise moves where the label is read
    positive = np.hypot(seen[:, 0], seen[:, 1]) < 0.5 * radius
    return _classify("circle", x, positive, rng, "a disc inside a ring", noise, seed)


def xor_quadrants(*, n: int | None = None, noise: float = 0.0, seed: int = 0) -> Dataset:
    """Playground's "xor": class 1 where x1 and x2 have the same sign, kept 0.3 away from the axes."""
    n, rng = _start(n, N_CLASSIFY, noise, seed)
    x = rng.uniform(-5, 5, (n, 2))
    x = x + np.where(x > 0, 0.3, -0.3)
    seen = x + rng.uniform(-5, 5, x.shape) * noise
    positive = seen[:, 0] * seen[:, 1] >= 0
    return _classify("xor_quadrants", x, positive, rng, "four squares, opposite corners alike",
                     noise, seed)


def gaussian(*, n: int | None = None, noise: float = 0.0, seed: int = 0) -> Dataset:
    """Two round clouds, class 1 around (2, 2) and class 0 around (-2, -2)."""
    n, rng = _start(n, N_CLASSIFY, noise, seed)
    variance = 0.5 + 7.0 * noise  # Playground maps noise 0..0.5 linearly to variance 0.5..4
    positive = np.arange(n) < n // 2
    centre = np.where(positive, 2.0, -2.0)[:, None]  # (n, 1)
    x = centre + rng.normal(0.0, math.sqrt(variance), (n, 2))  # (n, 2)
    return _classify("gaussian", x, positive, rng, "two clouds of points", noise, seed)


def spiral(*, n: int | None = None, noise: float = 0.0, seed: int = 0) -> Dataset:
    """Two arms winding 1.75 turns out to radius 5, half a turn apart."""
    n, rng = _start(n, N_CLASSIFY, noise, seed)
    x = np.concatenate([_arm(n // 2, 0.0), _arm(n - n // 2, np.pi)])  # (n, 2)
    x = x + rng.uniform(-1, 1, x.shape) * noise
    positive = np.arange(n) < n // 2
    return _classify("spiral", x, positive, rng, "two spiral arms", noise, seed)


def moons(*, n: int | None = None, noise: float = 0.0, seed: int = 0) -> Dataset:
    """scikit-learn's two moons (class 0 on top), centred and stretched to Playground's range."""
    n, rng = _start(n, N_CLASSIFY, noise, seed)
    n_top = n // 2
    t_top, t_low = np.linspace(0, np.pi, n_top), np.linspace(0, np.pi, n - n_top)
    top = np.column_stack([np.cos(t_top), np.sin(t_top)])
    low = np.column_stack([1 - np.cos(t_low), 0.5 - np.sin(t_low)])
    x = np.concatenate([top, low]) + rng.normal(0.0, noise, (n, 2))  # noise in moon units
    x = (x - [0.5, 0.25]) * MOON_SCALE
    positive = np.arange(n) >= n_top
    return _classify("moons", x, positive, rng, "two interlocking half circles", noise, seed)


def plane(*, n: int | None = None, noise: float = 0.0, seed: int = 0) -> Dataset:
    """Regression: y = (x1 + x2) / 10, a tilted plane over [-6, 6]²."""
    n, rng = _start(n, N_REGRESS, noise, seed)
    x = rng.uniform(-6, 6, (n, 2))
    seen = x + rng.uniform(-6, 6, x.shape) * noise
    y = seen.sum(axis=1, keepdims=True) / 10  # (n, 1); Playground maps [-10, 10] to [-1, 1]
    return Dataset("plane", x, y, "regress", (), "a tilted plane", _extra(noise, seed))


def multi_gaussian(*, n: int | None = None, noise: float = 0.0, seed: int = 0) -> Dataset:
    """Regression: six cone-shaped bumps of height +1 or -1 on a 3 x 2 grid."""
    n, rng = _start(n, N_REGRESS, noise, seed)
    x = rng.uniform(-6, 6, (n, 2))
    seen = x + rng.uniform(-6, 6, x.shape) * noise
    dist = np.linalg.norm(seen[:, None, :] - BUMPS[None, :, :2], axis=2)  # (n, 1, 2) - (1, 6, 2) -> (n, 6)
    height = BUMPS[:, 2] * np.clip(1 - dist / 2, 0, 1)  # (n, 6)
    tallest = np.argmax(np.abs(height), axis=1)  # Playground keeps the bump largest in size
    y = height[np.arange(n), tallest][:, None] + 0.0  # (n, 1); + 0.0 turns -0.0 into 0.0
    return Dataset("multi_gaussian", x, y, "regress", (), "six hills and valleys",
                   _extra(noise, seed))


def _arm(m: int, turn: float) -> np.ndarray:
    i = np.arange(m) / m
    t = 1.75 * 2 * np.pi * i + turn
    return np.column_stack([5 * i * np.sin(t), 5 * i * np.cos(t)])  # (m, 2)


def _classify(name, x, positive, rng, description, noise, seed) -> Dataset:
    """Shuffle the points, as Playground does, so the classes are not in two blocks."""
    order = rng.permutation(len(x))
    y = positive.astype(np.int64)
    return Dataset(name, x[order], y[order], "classify", BINARY, description, _extra(noise, seed))


def _start(n: int | None, default: int, noise: float, seed: int) -> tuple[int, np.random.Generator]:
    n = default if n is None else n
    if n < 2:
        raise ValueError(f"a dataset needs at least 2 points, got n={n}")
    return int(n), _rng(noise, seed)


def _rng(noise: float, seed: int) -> np.random.Generator:
    if not (math.isfinite(noise) and noise >= 0):
        raise ValueError(f"noise must be a number >= 0, got {noise}")
    return np.random.default_rng(seed)


def _extra(noise: float, seed: int) -> dict:
    return {"features": FEATURES, "noise": noise, "seed": seed}
