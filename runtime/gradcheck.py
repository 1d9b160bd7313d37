"""The gradient check: central differences in float64, the oracle for every layer and loss."""
from __future__ import annotations

from typing import Callable

import numpy as np


def numerical_gradient(f: Callable[[], float], x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """df/dx by central differences; f reads x, which is nudged in place and restored."""
    grad = np.zeros_like(x, dtype=np.float64)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        keep = flat[i]
        flat[i] = keep + h
        up = f()
        flat[i] = keep - h
        down = f()
        flat[i] = keep
        gflat[i] = (up - down) / (2 * h)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """|a - b| / (|a| + |b|) over whole arrays; 0 when both are zero."""
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def check_layer(layer, x: np.ndarray, seed: int = 0, train: bool = True) -> dict[str, float]:
    """Relative error between backward() and numerical gradients of sum(forward(x) * r).

    Keys: "x" and each parameter name. A random r makes every output matter.
    """
    r = np.random.default_rng(seed).standard_normal(layer.forward(x, train).shape)

    def f():
        return float(np.sum(layer.forward(x, train) * r))

    layer.forward(x, train)
    dx = layer.backward(r)
    errors = {"x": relative_error(dx, numerical_gradient(f, x))} if dx is not None else {}
    analytic = {k: g.copy() for k, g in layer.grads.items()}
    for k, p in layer.params.items():
        errors[k] = relative_error(analytic[k], numerical_gradient(f, p))
    return errors


def check_loss(head, x: np.ndarray, t: np.ndarray) -> float:
    """Relative error of a loss head's backward() against its numerical gradient."""
    head.forward(x, t)
    analytic = head.backward()
    return relative_error(analytic, numerical_gradient(lambda: head.forward(x, t), x))


def gradient_check(network, x, y, train: bool = True) -> dict[str, float]:
    """Check a whole network's backpropagation on (x, y): relative error per parameter name.

    The network must be float64. Dropout draws the same mask on every evaluation, so the loss
    is one fixed function of the parameters while it is checked.
    """
    X, t = network.features(x), network.targets(y)
    state = network.rng.bit_generator.state

    def loss() -> float:
        network.rng.bit_generator.state = state
        return network.head.forward(network.forward(X, train), t) + network.penalty()

    loss()
    network.rng.bit_generator.state = state
    network.loss_and_grad(X, t, train)
    analytic = network.gflat.copy()
    numeric = numerical_gradient(loss, network.flat)
    if network.trainable is not None:
        numeric *= network.trainable
    errors, o = {}, 0
    for i, group in enumerate(network.groups):
        for layer in group:
            for k, p in layer.params.items():
                sl = slice(o, o + p.size)
                errors[f"layer{i + 1}.{k}"] = relative_error(analytic[sl], numeric[sl])
                o += p.size
    return errors
