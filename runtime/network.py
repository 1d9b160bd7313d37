"""A runnable network built from a NetworkSpec: one forward pass, backward, and its parameters."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .check import SpecError, final_activation, output_fuses_last_activation, problems
from .initializers import init_weights
from .layers import (
    Affine, BatchNormalization, Dropout, IdentityWithLoss, Layer, SigmoidWithLoss, Softmax, SoftmaxWithLoss,
    StepWithLoss, activation_layer,
)
from .messages import RuntimeProblem, msg
from .spec import ActivationSpec, BatchNormSpec, DenseSpec, DropoutSpec, NetworkSpec

# Playground's input features from two raw inputs; sin takes radians.
FEATURE_FUNCTIONS = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1 * x1,
    "x2^2": lambda x1, x2: x2 * x2,
    "x1*x2": lambda x1, x2: x1 * x2,
    "sin_x1": lambda x1, x2: np.sin(x1),
    "sin_x2": lambda x1, x2: np.sin(x2),
}


@dataclass(frozen=True)
class Trace:
    """One forward pass seen from inside: what each layer's neurons output, for each point."""

    features: np.ndarray          # (N, input width)
    layers: list[np.ndarray]      # one (N, units) per spec layer, after its activation
    output: np.ndarray            # (N, output units): probabilities, yes-probability or numbers


@dataclass(frozen=True)
class Backward:
    """One learning step's backward pass seen from inside, for one point or a batch (N points).

    Per spec layer k: `inputs[k]` (N, in) entered it and `outputs[k]` (N, units) left it; `signals[k]`
    (N, units) is d loss / d outputs[k], what arrives from above. A dense layer also has `sums[k]` (N, units),
    x @ W + b, and `sum_signals[k]` = d loss / d sums[k], what reaches its weights and goes further back;
    other layers have None there. `slopes[k]` (N, units) is the activation's slope d outputs / d sums, so
    sum_signals = signals * slopes, or None where the layer applies no activation of its own one number at a
    time (none, or softmax). When the answer block applies the last activation together with the loss
    (`fused`), the last layer's signal is already d loss / d sum: (answer - right answer) / N, the book's
    result for softmax and sigmoid with cross-entropy and for squared error. `grads[k]` has each parameter's
    gradient (params_by_layer's keys), the L1/L2 penalty and frozen weights included: what the optimizer gets.
    """

    loss: float                            # data loss + penalty, the mean over the N points
    answers: np.ndarray                    # (N, output units), as predict gives them
    targets: np.ndarray                    # the right answers, as the loss wants them (class numbers, or (N, k))
    inputs: list[np.ndarray]
    sums: list[np.ndarray | None]
    outputs: list[np.ndarray]
    signals: list[np.ndarray]
    slopes: list[np.ndarray | None]
    sum_signals: list[np.ndarray | None]
    grads: list[dict[str, np.ndarray]]
    fused: bool


class Network:
    """Layers grouped per spec layer, with every parameter in one flat buffer.

    `params` and `grads` are dicts {"all": flat} for the optimizer; each layer's own dicts hold
    views into the same memory, so the book's per-layer view and a one-shot update agree.
    """

    def __init__(self, spec: NetworkSpec, seed: int = 0, dtype=np.float64):
        found = problems(spec)
        if found:
            raise SpecError(found)
        self.spec, self.dtype = spec, np.dtype(dtype)
        self.rng = np.random.default_rng([seed, 2])  # dropout masks
        self.l1 = self.l2 = 0.0
        init_rng = np.random.default_rng([seed, 0])
        self.fused = output_fuses_last_activation(spec)
        self.groups: list[list[Layer]] = []
        frozen_cols: list[tuple[Affine, list[bool]]] = []
        width = spec.input.width
        for i, ls in enumerate(spec.layers):
            group = self._build(ls, width, init_rng, fuse=self.fused and i == len(spec.layers) - 1)
            if isinstance(ls, DenseSpec):
                frozen_cols.append((group[0], ls.frozen()))
                width = ls.units
            self.groups.append(group)
        self.head = self._head(spec)
        self.layers = [layer for g in self.groups for layer in g]
        if self.layers and isinstance(self.layers[0], Affine):
            self.layers[0].need_dx = False
        self._flatten(frozen_cols)

    # --- building ---------------------------------------------------------------------

    def _build(self, ls, width: int, rng: np.random.Generator, fuse: bool) -> list[Layer]:
        if isinstance(ls, DenseSpec):
            W, b = init_weights(ls.init, width, ls.units, rng), np.zeros(ls.units)
            for n, h in enumerate(ls.hand_set or []):
                if h is not None:
                    W[:, n], b[n] = h.weights, h.bias
            group: list[Layer] = [Affine(W.astype(self.dtype), b.astype(self.dtype))]
            acts = ls.activations()
            if not fuse and set(acts) != {"identity"}:
                group.append(activation_layer(acts))
            return group
        if isinstance(ls, ActivationSpec):
            return [] if fuse or ls.activation == "identity" else [activation_layer([ls.activation])]
        if isinstance(ls, DropoutSpec):
            return [Dropout(ls.rate, self.rng)]
        if isinstance(ls, BatchNormSpec):
            return [BatchNormalization(width, ls.momentum, ls.eps, self.dtype)]
        raise TypeError(f"unknown layer spec {ls!r}")

    def _head(self, spec: NetworkSpec) -> Layer:
        kind = spec.output.kind
        if kind == "classify":
            return SoftmaxWithLoss()
        if kind == "yes_no":
            return StepWithLoss() if final_activation(spec) == "step" else SigmoidWithLoss()
        return IdentityWithLoss()

    def _flatten(self, frozen_cols) -> None:
        """Move every parameter, gradient and buffer into flat arrays the layers view."""
        slots = [(layer, k) for layer in self.layers for k in layer.params]
        bslots = [(layer, k) for layer in self.layers for k in layer.buffers]
        self.flat = np.zeros(sum(layer.params[k].size for layer, k in slots), self.dtype)
        self.gflat = np.zeros_like(self.flat)
        self.bflat = np.zeros(sum(layer.buffers[k].size for layer, k in bslots), self.dtype)
        trainable = np.ones_like(self.flat)
        self.decay = np.zeros_like(self.flat)  # 1 where L1/L2 applies: weights of learnable neurons
        frozen = {id(a): cols for a, cols in frozen_cols}
        o = 0
        for layer, k in slots:
            p = layer.params[k]
            view, gview = self.flat[o:o + p.size].reshape(p.shape), self.gflat[o:o + p.size].reshape(p.shape)
            view[...] = p
            layer.params[k], layer.grads[k] = view, gview
            cols = np.array(frozen.get(id(layer), []), bool)
            if cols.any():
                trainable[o:o + p.size].reshape(p.shape)[..., cols] = 0.0
            if k == "W":
                self.decay[o:o + p.size] = trainable[o:o + p.size]
            o += p.size
        o = 0
        for layer, k in bslots:
            b = layer.buffers[k]
            view = self.bflat[o:o + b.size].reshape(b.shape)
            view[...] = b
            layer.buffers[k] = view
            o += b.size
        self.trainable = None if trainable.all() else trainable
        self.params, self.grads = {"all": self.flat}, {"all": self.gflat}

    # --- running ----------------------------------------------------------------------

    def features(self, x) -> np.ndarray:
        """Raw inputs (N, size) -> what the first layer sees (N, width)."""
        x = np.asarray(x, dtype=self.dtype)
        if x.ndim != 2 or x.shape[1] != self.spec.input.size:
            got = x.shape[1] if x.ndim == 2 else x.size
            raise RuntimeProblem(msg("data_mismatch", got=got, want=self.spec.input.size))
        names = self.spec.input.features
        if names is None:
            return x
        x1, x2 = x[:, 0], x[:, 1]
        return np.stack([FEATURE_FUNCTIONS[n](x1, x2) for n in names], axis=1)

    def forward(self, X, train: bool = False, record: list | None = None) -> np.ndarray:
        """Features (N, width) -> what the loss head receives (N, output units).

        `train` switches dropout on and batch norm to batch statistics; `record` collects each spec
        layer's output (N, units).
        """
        for group in self.groups:
            for layer in group:
                X = layer.forward(X, train)
            if record is not None:
                record.append(X)
        return X

    def predict(self, x) -> np.ndarray:
        """The answer for each point: (N, classes) probabilities, (N, 1) yes-probability or numbers."""
        return self.head.predict(self.forward(self.features(x)))

    def trace(self, x) -> Trace:
        """Every neuron's output for every point, from the same forward pass as predict."""
        X = self.features(x)
        record: list[np.ndarray] = []
        out = self.head.predict(self.forward(X, record=record))
        if self.fused and record:
            record[-1] = out  # the merged last activation is the head's
        return Trace(X, record, out)

    def targets(self, y) -> np.ndarray:
        """Dataset answers in the form the head's loss wants."""
        y = np.asarray(y)
        if self.spec.output.kind == "classify":
            return y.astype(np.int64, copy=False).reshape(-1)
        return y.astype(self.dtype, copy=False).reshape(len(y), -1)

    def loss_and_grad(self, X, t, train: bool = True) -> float:
        """Data loss on features X (N, width) and targets t; leaves the full gradient in gflat.

        The gradient is the data loss's plus the L1/L2 penalty's, zero for frozen parameters;
        the returned loss leaves the penalty out (see penalty()).
        """
        loss = self.head.forward(self.forward(X, train), t)
        dout = self.head.backward()
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        self._regularize()
        return loss

    def _regularize(self) -> None:
        """Add the L1/L2 penalty's gradient to gflat and zero the frozen parameters'."""
        g = self.gflat
        if self.l2:
            g += self.l2 * self.flat * self.decay
        if self.l1:
            g += self.l1 * np.sign(self.flat) * self.decay
        if self.trainable is not None:
            g *= self.trainable

    def backward(self, x, y, train: bool = False) -> Backward:
        """The backward pass of raw inputs x (N, size) and dataset answers y, recorded layer by layer.

        The same layers and the same arithmetic as loss_and_grad (its gradients are bit-identical), without
        touching what training keeps: the gradient buffer, batch norm's running statistics and the dropout
        masks' random state are as they were. `train` as in forward (dropout on, batch statistics).
        """
        X, t = self.features(x), self.targets(y)
        kept = self.gflat.copy(), self.bflat.copy(), self.rng.bit_generator.state
        inputs, sums, outputs, slopes = [], [], [], []
        for group in self.groups:
            inputs.append(X)
            s = slope = None
            for layer in group:
                X = layer.forward(X, train)
                if isinstance(layer, Affine):
                    s = X
                elif not isinstance(layer, (Dropout, BatchNormalization)) and _elementwise(layer):
                    slope = layer.backward(np.ones_like(X))   # an activation's own slope at each number
            sums.append(s)
            outputs.append(X)
            slopes.append(slope)
        loss = self.head.forward(X, t) + self.penalty()
        answers = self.head.predict(X)
        if self.fused and outputs:
            outputs[-1] = answers     # the merged last activation is the head's
        dout = self.head.backward()
        signals, sum_signals = [None] * len(self.groups), [None] * len(self.groups)
        for k in reversed(range(len(self.groups))):
            signals[k] = dout
            for layer in reversed(self.groups[k]):
                if isinstance(layer, Affine):
                    sum_signals[k] = dout
                dout = layer.backward(dout)
        self._regularize()
        grads = [{k: layer.grads[k].copy() for layer in g for k in layer.grads} for g in self.groups]
        self.gflat[...], self.bflat[...] = kept[0], kept[1]
        self.rng.bit_generator.state = kept[2]
        return Backward(loss, answers, t, inputs, sums, outputs, signals, slopes, sum_signals, grads, self.fused)

    def through(self, layer: int, X) -> tuple[np.ndarray | None, np.ndarray]:
        """What spec layer `layer` alone makes of its inputs X (N, in), running (not training): (its sums
        x @ W + b, or None when it has no weights; its outputs (N, units)). For the last layer the outputs are
        the answers when the answer block applies its activation."""
        X = np.asarray(X, dtype=self.dtype)
        s = None
        for lay in self.groups[layer]:
            X = lay.forward(X, False)
            if isinstance(lay, Affine):
                s = X
        if self.fused and layer == len(self.groups) - 1:
            X = self.head.predict(X)
        return s, X

    def param_index(self, layer: int, name: str, index: tuple[int, ...]) -> int:
        """Where parameter `name`[index] of spec layer `layer` sits in flat (and its gradient in gflat)."""
        o = 0
        for k, group in enumerate(self.groups):
            for lay in group:
                for key, p in lay.params.items():
                    if (k, key) == (layer, name):
                        return o + int(np.ravel_multi_index(index, p.shape))
                    o += p.size
        raise KeyError(f"layer {layer} has no parameter {name!r}")

    def penalty(self) -> float:
        """The L1/L2 term added to the loss: l1 * sum|W| + 0.5 * l2 * sum W^2."""
        w = self.flat * self.decay
        return float(self.l1 * np.abs(w).sum() + 0.5 * self.l2 * (w * w).sum())

    def loss(self, x, y, train: bool = False) -> float:
        """Data loss + penalty for raw inputs x and dataset answers y."""
        return self.head.forward(self.forward(self.features(x), train), self.targets(y)) + self.penalty()

    # --- parameters -------------------------------------------------------------------

    @property
    def n_params(self) -> int:
        return self.flat.size

    def params_by_layer(self) -> list[dict[str, np.ndarray]]:
        """Copies of each spec layer's parameters and buffers: W (in, out), b; gamma, beta, running stats."""
        return [{k: v.copy() for layer in g for d in (layer.params, layer.buffers) for k, v in d.items()}
                for g in self.groups]

    def load_params(self, per_layer: list[dict]) -> None:
        """Set parameters from params_by_layer()'s shape; checks every shape first, then copies."""
        if len(per_layer) != len(self.groups):
            raise RuntimeProblem(msg("params_count", got=len(per_layer), want=len(self.groups)))
        plan = []
        for i, (g, given) in enumerate(zip(self.groups, per_layer)):
            for layer in g:
                for d in (layer.params, layer.buffers):
                    for k, dest in d.items():
                        if k not in given:
                            raise RuntimeProblem(msg("params_missing", where=msg("where_layer", index=i + 1), name=k))
                        src = np.asarray(given[k], dtype=self.dtype)
                        if src.shape != dest.shape:
                            raise RuntimeProblem(msg("params_shape", where=msg("where_layer", index=i + 1),
                                                     name=k, want=dest.shape, got=src.shape))
                        plan.append((dest, src))
        for dest, src in plan:
            dest[...] = src

    def __repr__(self) -> str:
        inner = " -> ".join(repr(layer) for layer in self.layers)
        return f"Network({self.spec.input.width} -> {inner or '∅'} -> {type(self.head).__name__}, {self.n_params} params)"


def _elementwise(layer: Layer) -> bool:
    """Whether an activation layer works on each number alone (softmax mixes a row)."""
    names = getattr(layer, "names", None)    # MixedActivation: one activation per neuron
    return not isinstance(layer, Softmax) and (names is None or "softmax" not in names)
