"""Layers with the Deep Learning from Scratch contract: forward(x, train) caches, backward(dout) -> dx.

Parameters and their gradients live in dicts with the same keys. A Network may move them into
one flat buffer (the dict values become views), so a layer always reads self.params[...] afresh
and writes gradients into self.grads[...] in place.
"""
from __future__ import annotations

import numpy as np


class Layer:
    """A layer without parameters; subclasses override forward and backward."""

    params: dict[str, np.ndarray]
    grads: dict[str, np.ndarray]
    buffers: dict[str, np.ndarray]  # state that is not learned (BatchNorm's running stats)

    def __init__(self):
        self.params, self.grads, self.buffers = {}, {}, {}

    def __repr__(self) -> str:
        shapes = ", ".join(f"{k}{v.shape}" for k, v in self.params.items())
        return f"{type(self).__name__}({shapes})"


class Affine(Layer):
    """out = x @ W + b."""

    def __init__(self, W: np.ndarray, b: np.ndarray):
        super().__init__()
        self.params = {"W": W, "b": b}
        self.grads = {"W": np.zeros_like(W), "b": np.zeros_like(b)}
        self.need_dx = True  # the first layer of a network does not need dx
        self.x = None

    def forward(self, x, train=False):
        self.x = x
        out = x @ self.params["W"]  # (N, in) @ (in, out) -> (N, out)
        out += self.params["b"]
        return out

    def backward(self, dout):
        np.matmul(self.x.T, dout, out=self.grads["W"])  # (in, N) @ (N, out) -> (in, out)
        np.sum(dout, axis=0, out=self.grads["b"])
        return dout @ self.params["W"].T if self.need_dx else None  # (N, out) @ (out, in)


class Identity(Layer):
    def forward(self, x, train=False):
        return x

    def backward(self, dout):
        return dout


class Step(Layer):
    """1 where x > 0, else 0. Its gradient is zero everywhere (see check.training_mode)."""

    def forward(self, x, train=False):
        return (x > 0).astype(x.dtype)

    def backward(self, dout):
        return np.zeros_like(dout)


class Sigmoid(Layer):
    def forward(self, x, train=False):
        self.out = sigmoid(x)
        return self.out

    def backward(self, dout):
        return dout * (1.0 - self.out) * self.out


class Tanh(Layer):
    def forward(self, x, train=False):
        self.out = np.tanh(x)
        return self.out

    def backward(self, dout):
        return dout * (1.0 - self.out * self.out)


class Relu(Layer):
    def forward(self, x, train=False):
        self.mask = x > 0
        return np.maximum(x, 0)

    def backward(self, dout):
        return dout * self.mask


class LeakyRelu(Layer):
    def __init__(self, alpha: float = 0.01):
        super().__init__()
        self.alpha = alpha

    def forward(self, x, train=False):
        self.mask = x > 0
        return np.where(self.mask, x, self.alpha * x)

    def backward(self, dout):
        return np.where(self.mask, dout, self.alpha * dout)


class Softmax(Layer):
    """Softmax across each row, for a network that ends in softmax without the classify loss."""

    def forward(self, x, train=False):
        self.out = softmax(x)
        return self.out

    def backward(self, dout):
        y = self.out
        return y * (dout - np.sum(dout * y, axis=1, keepdims=True))


ACTIVATION_LAYERS = {"identity": Identity, "step": Step, "sigmoid": Sigmoid, "tanh": Tanh,
                     "relu": Relu, "leaky_relu": LeakyRelu, "softmax": Softmax}


class MixedActivation(Layer):
    """One activation per neuron (column), for a layer a child built neuron by neuron."""

    def __init__(self, names: list[str]):
        super().__init__()
        self.names = names
        self.groups = [(np.flatnonzero(np.array(names) == n), ACTIVATION_LAYERS[n]())
                       for n in dict.fromkeys(names)]

    def forward(self, x, train=False):
        out = np.empty_like(x)
        for cols, layer in self.groups:
            out[:, cols] = layer.forward(x[:, cols], train)
        return out

    def backward(self, dout):
        dx = np.empty_like(dout)
        for cols, layer in self.groups:
            dx[:, cols] = layer.backward(dout[:, cols])
        return dx

    def __repr__(self) -> str:
        return f"MixedActivation({self.names})"


def activation_layer(names: list[str]) -> Layer:
    """The layer for these per-neuron activations (a plain one when they all agree)."""
    if len(set(names)) == 1:
        return ACTIVATION_LAYERS[names[0]]()
    return MixedActivation(names)


class Dropout(Layer):
    """Inverted dropout: scales kept numbers by 1/(1-rate) while training, so running is identity."""

    def __init__(self, rate: float, rng: np.random.Generator):
        super().__init__()
        self.rate, self.rng = rate, rng
        self.mask = None

    def forward(self, x, train=False):
        if not train or self.rate == 0.0:
            self.mask = None
            return x
        self.mask = (self.rng.random(x.shape) >= self.rate) * (1.0 / (1.0 - self.rate))
        return x * self.mask.astype(x.dtype, copy=False)

    def backward(self, dout):
        return dout if self.mask is None else dout * self.mask.astype(dout.dtype, copy=False)

    def __repr__(self) -> str:
        return f"Dropout(rate={self.rate})"


class BatchNormalization(Layer):
    """The book's BatchNormalization: learned gamma, beta; running mean and variance for running."""

    def __init__(self, size: int, momentum=0.9, eps=1e-5, dtype=np.float64):
        super().__init__()
        self.momentum, self.eps = momentum, eps
        self.params = {"gamma": np.ones(size, dtype), "beta": np.zeros(size, dtype)}
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}
        self.buffers = {"running_mean": np.zeros(size, dtype), "running_var": np.ones(size, dtype)}

    def forward(self, x, train=False):
        if train:
            mu = x.mean(axis=0)  # (N, D) -> (D,)
            self.xc = x - mu
            var = np.mean(self.xc ** 2, axis=0)
            self.std = np.sqrt(var + self.eps)
            self.xn = self.xc / self.std
            m, buf = self.momentum, self.buffers
            buf["running_mean"][...] = m * buf["running_mean"] + (1 - m) * mu
            buf["running_var"][...] = m * buf["running_var"] + (1 - m) * var
            xn = self.xn
        else:
            buf = self.buffers
            xn = (x - buf["running_mean"]) / np.sqrt(buf["running_var"] + self.eps)
        return self.params["gamma"] * xn + self.params["beta"]

    def backward(self, dout):
        n = dout.shape[0]
        np.sum(dout, axis=0, out=self.grads["beta"])
        np.sum(self.xn * dout, axis=0, out=self.grads["gamma"])
        dxn = self.params["gamma"] * dout
        dxc = dxn / self.std
        dstd = -np.sum((dxn * self.xc) / (self.std * self.std), axis=0)
        dvar = 0.5 * dstd / self.std
        dxc += (2.0 / n) * self.xc * dvar
        return dxc - np.mean(dxc, axis=0)


# --- output heads: the last activation fused with its loss ---------------------------

class SoftmaxWithLoss(Layer):
    """Softmax + cross-entropy; t holds class indices (N,)."""

    def forward(self, x, t):
        self.t = t
        shifted = x - x.max(axis=1, keepdims=True)
        lse = np.log(np.sum(np.exp(shifted), axis=1))  # (N,)
        self.y = np.exp(shifted - lse[:, None])
        return float(np.mean(lse - shifted[np.arange(len(t)), t]))

    def predict(self, x):
        return softmax(x)

    def backward(self, dout=1.0):
        dx = self.y.copy()
        dx[np.arange(len(self.t)), self.t] -= 1.0
        dx *= dout / len(self.t)
        return dx


class SigmoidWithLoss(Layer):
    """Sigmoid + binary cross-entropy; t holds 0 or 1, shape (N, 1)."""

    def forward(self, x, t):
        self.t, self.y = t, sigmoid(x)
        # softplus(x) - t*x, written so that large |x| never overflows
        loss = np.maximum(x, 0) - x * t + np.log1p(np.exp(-np.abs(x)))
        return float(np.mean(loss))

    def predict(self, x):
        return sigmoid(x)

    def backward(self, dout=1.0):
        return (self.y - self.t) * (dout / self.t.size)


class IdentityWithLoss(Layer):
    """The numbers themselves + mean squared error, 0.5 * sum((y - t)^2) / N as in the book."""

    def forward(self, x, t):
        self.t, self.y = t, x
        d = x - t
        return float(0.5 * np.sum(d * d) / len(t))

    def predict(self, x):
        return x

    def backward(self, dout=1.0):
        return (self.y - self.t) * (dout / len(self.t))


class StepWithLoss(Layer):
    """A perceptron's answer: step(x) is 0 or 1; the loss is the fraction answered wrong."""

    def forward(self, x, t):
        self.t, self.y = t, self.predict(x)
        return float(np.mean((self.y - t) ** 2))

    def predict(self, x):
        return (x > 0).astype(x.dtype)

    def backward(self, dout=1.0):
        return np.zeros_like(self.y)


def sigmoid(x: np.ndarray) -> np.ndarray:
    """1 / (1 + e^-x), computed without overflow for any x."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
