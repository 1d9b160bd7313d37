"""Optimizers with the book's contract: update(params, grads) changes params in place."""
from __future__ import annotations

import numpy as np


class Optimizer:
    """Keeps per-key state; snapshot() and restore() let training undo a step that broke."""

    def __init__(self, lr: float = 0.01):
        self.lr = lr
        self.state: dict[str, dict[str, np.ndarray]] = {}
        self.iter = 0

    def update(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        self.iter += 1
        for key, p in params.items():
            if key not in self.state:
                self.state[key] = {name: np.zeros_like(p) for name in self.slots}
            self._step(p, grads[key], self.state[key])

    slots: tuple[str, ...] = ()

    def _step(self, p, g, s) -> None:
        raise NotImplementedError

    def snapshot(self, into=None):
        """A copy of the state; pass the previous snapshot as `into` to reuse its memory."""
        if into is not None and into[1].keys() == self.state.keys():
            for k, s in self.state.items():
                for n, a in s.items():
                    np.copyto(into[1][k][n], a)
            return self.iter, into[1]
        return self.iter, {k: {n: a.copy() for n, a in s.items()} for k, s in self.state.items()}

    def restore(self, snap) -> None:
        self.iter, state = snap
        self.state = {k: {n: a.copy() for n, a in s.items()} for k, s in state.items()}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(lr={self.lr})"


class SGD(Optimizer):
    """p -= lr * g"""

    def _step(self, p, g, s):
        p -= self.lr * g


class Momentum(Optimizer):
    """v = momentum * v - lr * g;  p += v"""

    slots = ("v",)

    def __init__(self, lr=0.01, momentum=0.9):
        super().__init__(lr)
        self.momentum = momentum

    def _step(self, p, g, s):
        v = s["v"]
        v *= self.momentum
        v -= self.lr * g
        p += v


class AdaGrad(Optimizer):
    """h += g^2;  p -= lr * g / (sqrt(h) + 1e-7)"""

    slots = ("h",)

    def _step(self, p, g, s):
        h = s["h"]
        h += g * g
        p -= self.lr * g / (np.sqrt(h) + 1e-7)


class RMSprop(Optimizer):
    """h = decay * h + (1 - decay) * g^2;  p -= lr * g / (sqrt(h) + 1e-7)"""

    slots = ("h",)

    def __init__(self, lr=0.01, decay_rate=0.99):
        super().__init__(lr)
        self.decay_rate = decay_rate

    def _step(self, p, g, s):
        h = s["h"]
        h *= self.decay_rate
        h += (1 - self.decay_rate) * g * g
        p -= self.lr * g / (np.sqrt(h) + 1e-7)


class Adam(Optimizer):
    """The book's Adam, with bias correction folded into the step size."""

    slots = ("m", "v")

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        super().__init__(lr)
        self.beta1, self.beta2 = beta1, beta2

    def _step(self, p, g, s):
        t = self.iter
        lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** t) / (1.0 - self.beta1 ** t)
        m, v = s["m"], s["v"]
        m += (1 - self.beta1) * (g - m)
        v += (1 - self.beta2) * (g * g - v)
        p -= lr_t * m / (np.sqrt(v) + 1e-7)


OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adagrad": AdaGrad, "rmsprop": RMSprop, "adam": Adam}


def make_optimizer(name: str, lr: float) -> Optimizer:
    return OPTIMIZERS[name](lr=lr)
