"""How weights start: He, Xavier (as in the book), uniform, zeros."""
from __future__ import annotations

import numpy as np


def init_weights(kind: str, n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    """A (n_in, n_out) float64 weight matrix.

    he:      normal, std sqrt(2 / n_in)  — for ReLU (the book's "He")
    xavier:  normal, std sqrt(1 / n_in)  — for sigmoid and tanh (the book's "Xavier")
    uniform: uniform in [-0.5, 0.5]      — as in TensorFlow Playground
    zeros:   all zero                    — every neuron learns the same thing (a lesson)
    """
    if kind == "he":
        return rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)
    if kind == "xavier":
        return rng.standard_normal((n_in, n_out)) * np.sqrt(1.0 / n_in)
    if kind == "uniform":
        return rng.uniform(-0.5, 0.5, (n_in, n_out))
    if kind == "zeros":
        return np.zeros((n_in, n_out))
    raise ValueError(f"unknown initialization {kind!r}")
