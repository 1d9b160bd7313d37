"""Optimizers with the book's contract: update(params, grads) changes params in place."""
from __future__ import annotations

import math

import numpy as np


# A weight whose gradient stays 0 (a dead ReLU) has its momentum shrink geometrically into the
# subnormal range, where the CPU computes up to 100x slower; every few steps such values are
# set to exactly 0 (they are below 1e-38 in float32 and 1e-308 in float64, so nothing changes).
FLUSH_EVERY = 16


def _flush_subnormals(arrays) -> None:
    for a in arrays:
        np.copyto(a, 0, where=np.abs(a) < np.finfo(a.dtype).tiny)


class Optimizer:
    """Keeps per-key state (momentum, averages); a network that blew up gets a new optimizer, not old state."""

    def __init__(self, lr: float = 0.01):
        self.lr = lr
        self.state: dict[str, dict[str, np.ndarray]] = {}
        self._scratch: dict[str, np.ndarray] = {}
        self.iter = 0

    def update(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        self.iter += 1
        for key, p in params.items():
            if key not in self.state:
                self.state[key] = {name: np.zeros_like(p) for name in self.slots}
            tmp = self._scratch.get(key)
            if tmp is None or tmp.shape != p.shape or tmp.dtype != p.dtype:
                tmp = self._scratch[key] = np.empty_like(p)
            self._step(p, grads[key], self.state[key], tmp)
            if self.iter % FLUSH_EVERY == 0:
                _flush_subnormals(self.state[key].values())

    slots: tuple[str, ...] = ()  # the per-parameter state arrays

    def _step(self, p, g, s, tmp) -> None:
        """One update of p in place; tmp is scratch memory of p's shape (big arrays are not reallocated)."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}(lr={self.lr})"


class SGD(Optimizer):
    """p -= lr * g"""

    def _step(self, p, g, s, tmp):
        np.multiply(g, self.lr, out=tmp)
        p -= tmp


class Momentum(Optimizer):
    """v = momentum * v - lr * g;  p += v"""

    slots = ("v",)

    def __init__(self, lr=0.01, momentum=0.9):
        super().__init__(lr)
        self.momentum = momentum

    def _step(self, p, g, s, tmp):
        v = s["v"]
        v *= self.momentum
        np.multiply(g, self.lr, out=tmp)
        v -= tmp
        p += v


class AdaGrad(Optimizer):
    """h += g^2;  p -= lr * g / (sqrt(h) + 1e-7)"""

    slots = ("h",)

    def _step(self, p, g, s, tmp):
        h = s["h"]
        np.multiply(g, g, out=tmp)
        h += tmp
        _scaled_step(p, g, h, self.lr, tmp)


class RMSprop(Optimizer):
    """h = decay * h + (1 - decay) * g^2;  p -= lr * g / (sqrt(h) + 1e-7)"""

    slots = ("h",)

    def __init__(self, lr=0.01, decay_rate=0.99):
        super().__init__(lr)
        self.decay_rate = decay_rate

    def _step(self, p, g, s, tmp):
        h = s["h"]
        h *= self.decay_rate
        np.multiply(g, g, out=tmp)
        tmp *= 1 - self.decay_rate
        h += tmp
        _scaled_step(p, g, h, self.lr, tmp)


class Adam(Optimizer):
    """The book's Adam: m, v follow g and g^2; p -= lr_t * m / (sqrt(v) + 1e-7) with
    lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t).

    The state keeps m / (1 - beta1) and v / (1 - beta2), which turns each average into a plain
    "decay, then add" (m = beta1 * m + g) and folds the constants into one scale: the same
    update with three fewer passes over the parameters.
    """

    slots = ("m", "v")

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        super().__init__(lr)
        self.beta1, self.beta2 = beta1, beta2

    def _step(self, p, g, s, tmp):
        t, c1, c2 = self.iter, 1.0 - self.beta1, 1.0 - self.beta2
        lr_t = self.lr * math.sqrt(1.0 - self.beta2 ** t) / (1.0 - self.beta1 ** t)
        m, v = s["m"], s["v"]
        m *= self.beta1
        m += g
        v *= self.beta2
        np.multiply(g, g, out=tmp)
        v += tmp
        # lr_t * (c1 m) / (sqrt(c2 v) + eps) = (lr_t c1 / sqrt(c2)) * m / (sqrt(v) + eps / sqrt(c2))
        _scaled_step(p, m, v, lr_t * c1 / math.sqrt(c2), tmp, eps=1e-7 / math.sqrt(c2))


def _scaled_step(p, g, h, lr, tmp, eps=1e-7) -> None:
    """p -= lr * g / (sqrt(h) + eps), in place through tmp."""
    np.sqrt(h, out=tmp)
    tmp += eps
    np.divide(g, tmp, out=tmp)
    tmp *= lr
    p -= tmp


OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adagrad": AdaGrad, "rmsprop": RMSprop, "adam": Adam}


def make_optimizer(name: str, lr: float) -> Optimizer:
    return OPTIMIZERS[name](lr=lr)
