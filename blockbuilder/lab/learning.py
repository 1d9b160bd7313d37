"""How the network learns, headless: one learning step walked backwards neuron by neuron, the slope of one
weight (the loss as the weight varies, the tangent, the optimizer's step, the "wiggle it" gradient), and what a
layer does to the data (the points in a 2-neuron layer's coordinates, with the last layer's straight line).

Every number comes from the runtime: Network.backward (the recorded backward pass), Network.loss,
numerical_gradient and the trainer's own optimizer. This module picks, arranges and words them;
view/stage_learn.py draws them.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

from runtime import (
    Backward, BatchNormalization, DenseSpec, Network, NetworkSpec, make_optimizer, numerical_gradient, plain_number,
)

from ..document.catalog import CHOICE_LABELS
from .insight import StepThrough, _input_names, _name, _num, _split_terms, forward_steps
from .texts import msg

SLOPE_SAMPLES = 41      # points on the loss curve
WIGGLE_H = 1e-5         # h for the numerical gradient (the book uses 1e-4; this one agrees with backprop to 1e-6)


def _say(key: str, lang: str, **params) -> str:
    return msg(key, **params).text(lang)


def _dense(spec: NetworkSpec) -> list[int]:
    return [k for k, ls in enumerate(spec.layers) if isinstance(ls, DenseSpec)]


def lr_of(lab) -> float:
    return float(lab.compiled.training.learning_rate)


# --- the data the views learn from --------------------------------------------------------------

def point_with_answer(lab, x: np.ndarray | None) -> tuple[np.ndarray, np.ndarray] | None:
    """(x (1, size), y (1, ...)): the training point nearest to x (x itself when it is one), with its right
    answer; None without training data."""
    data = lab.train_set
    if data is None or not len(data.x):
        return None
    k = 0 if x is None else int(np.argmin(np.sum((data.x - np.asarray(x, float)) ** 2, axis=1)))
    return data.x[k:k + 1], data.y[k:k + 1]


def batch(lab) -> tuple[np.ndarray, np.ndarray] | None:
    """The points the slope is drawn over: the first minibatch's worth of training points (all, if fewer)."""
    data = lab.train_set
    if data is None or not len(data.x):
        return None
    n = max(1, min(len(data.x), int(lab.compiled.training.batch_size)))
    return data.x[:n], data.y[:n]


def _train_mode(net: Network) -> bool:
    """Batch normalization computes its backward pass only from batch statistics (training mode)."""
    return any(isinstance(layer, BatchNormalization) for layer in net.layers)


def record(net: Network, x, y) -> Backward:
    return net.backward(x, y, train=_train_mode(net))


# --- 1. one learning step, backwards, neuron by neuron ----------------------------------------

def backward_steps(spec: NetworkSpec) -> list[tuple[int, int]]:
    """(layer, neuron) in the order the backward pass reaches them: the answer first, the first layer last."""
    return list(reversed(forward_steps(spec)))


@dataclass
class StepBack(StepThrough):
    """Which neuron the backward step-through shows for point x, from the answer back to the first layer."""

    @classmethod
    def start(cls, spec: NetworkSpec, x: np.ndarray) -> "StepBack":
        return cls(np.asarray(x, dtype=float), backward_steps(spec))

    def counter(self, lang: str) -> str:
        if self.done():
            return _say("learn_back_done", lang)
        return _say("learn_back_of", lang, i=self.index + 1, count=len(self.steps))


@dataclass(frozen=True)
class NeuronBack:
    """What one neuron does in the backward pass for one point, with the runtime's numbers."""

    layer: int
    neuron: int
    number: int                 # 1 for the first layer of neurons, as a child counts
    loss: float                 # this point's loss
    signal: float               # d loss / d output, arriving from above (from the answer block at the last layer)
    slope: float | None         # the activation's slope at this point; None where there is none of its own
    activation: str
    back: float                 # d loss / d sum = signal × slope: what reaches the weights and goes further back
    answer: float | None        # the last layer only: the answer in this neuron's column and the right answer
    target: float | None        # (the signal is then (answer − right answer) / points, the book's result)
    names: list[tuple]
    inputs: list[float]
    weights: list[float]
    grads: list[float]          # each weight's gradient: input × back (plus any L1/L2 penalty)
    bias: float
    bias_grad: float
    lr: float

    def change(self, i: int) -> float:
        """Weight i's change, −(learning rate) × gradient."""
        return -self.lr * self.grads[i]

    @property
    def last(self) -> bool:
        return self.answer is not None


def neuron_back(net: Network, bw: Backward, layer: int, neuron: int, lr: float) -> NeuronBack:
    """Neuron `neuron` of dense layer `layer` in the recorded backward pass `bw` of one point."""
    j, spec = neuron, net.spec
    slopes = bw.slopes[layer]
    answer = target = None
    if layer == len(spec.layers) - 1:     # the answer block's own neurons: the loss's signal starts here
        answer = float(bw.answers[0, j])
        t = bw.targets[0]
        target = float(t == j) if np.ndim(t) == 0 else float(t[j])
        if spec.output.kind == "yes_no":
            target = float(np.ravel(t)[0])
    params = net.params_by_layer()[layer]
    return NeuronBack(
        layer, j, _dense(spec).index(layer) + 1, bw.loss, float(bw.signals[layer][0, j]),
        None if slopes is None else float(slopes[0, j]), spec.layers[layer].activations()[j],
        float(bw.sum_signals[layer][0, j]), answer, target, _input_names(spec, layer),
        bw.inputs[layer][0].astype(float).tolist(), params["W"][:, j].astype(float).tolist(),
        bw.grads[layer]["W"][:, j].astype(float).tolist(), float(params["b"][j]),
        float(bw.grads[layer]["b"][j]), lr)


def point_back(lab, x, layer: int, neuron: int) -> NeuronBack | None:
    """The backward pass of the picked point (the nearest training point), at one neuron."""
    found = point_with_answer(lab, x)
    if found is None or lab.network is None:
        return None
    return neuron_back(lab.network, record(lab.network, *found), layer, neuron, lr_of(lab))


def back_lines(nb: NeuronBack, lang: str, max_terms: int = 6) -> list[str]:
    """The look-inside panel while stepping back: the loss, the signal, its slope, each weight's gradient."""
    n = lambda v: _num(v, 3)  # noqa: E731
    if nb.last:
        head = _say("insight_answer_neuron_title", lang, n=nb.neuron + 1)
    else:
        head = _say("insight_neuron_title", lang, n=nb.neuron + 1, layer=nb.number)
    lines = [head, _say("learn_loss", lang, loss=n(nb.loss))]
    if nb.last:
        lines.append(_say("learn_answer_minus", lang, y=n(nb.answer), t=plain_number(nb.target, 3), s=n(nb.signal)))
    else:
        lines.append(_say("learn_from_above", lang, s=n(nb.signal)))
    if nb.slope is not None:
        f = CHOICE_LABELS[nb.activation][lang]
        lines.append(_say("learn_times_slope", lang, f=f, d=n(nb.slope), s=n(nb.back)))
    shown, rest = _split_terms(np.abs(np.asarray(nb.grads)), max_terms)
    lines.append(_say("learn_grads_head", lang, s=n(nb.back)))
    for i in shown:
        lines.append(_say("learn_grad_term", lang, name=_name(nb.names[i], lang), x=n(nb.inputs[i]),
                          s=n(nb.back), g=n(nb.grads[i])))
    if rest:
        lines.append(_say("learn_grad_more", lang, count=len(rest)))
    lines.append(_say("learn_bias_grad", lang, g=n(nb.bias_grad)))
    lines.append(_say("learn_change_rule", lang, lr=plain_number(nb.lr)))
    return lines


def before_after(w: float, change: float) -> tuple[str, str]:
    """("0.5213", "0.5201"): a weight before and after its change, with as many decimals as show the change
    (2 to 5; 2 when it does not change)."""
    for digits in (range(2, 6) if change else (2,)):
        a, b = _num(w, digits), _num(w + change, digits)
        if a != b:
            break
    return a, b


def edge_changes(nb: NeuronBack, most: int = 4) -> list[tuple[int, str, str]]:
    """(input i, before, after) for the weights into the neuron whose changes are biggest, at most `most`."""
    order = np.argsort(-np.abs(np.asarray(nb.grads)), kind="stable")[:most]
    return [(int(i), *before_after(nb.weights[i], nb.change(i))) for i in order]


# --- 2. the slope, seen -----------------------------------------------------------------------

Which = tuple[int, str, tuple[int, ...]]     # (spec layer, "W" or "b", index)


@dataclass(frozen=True)
class Slope:
    """The loss over a batch as one parameter varies, the others fixed, and what learning does there."""

    which: Which
    points: int                 # how many points the loss is over
    value: float                # the parameter now
    ws: np.ndarray              # (SLOPE_SAMPLES,) values around it
    losses: np.ndarray          # the loss at each
    loss: float                 # the loss now
    grad: float                 # backprop's gradient: the tangent's slope
    step: float | None          # the optimizer's change of the parameter, with this gradient (None: no optimizer)
    numeric: float | None       # (loss(w+h) − loss(w−h)) / 2h, once the child wiggled it
    h: float = WIGGLE_H
    optimizer: str = "sgd"      # the training script's optimizer (its name in the catalog)

    def tangent(self, w: float) -> float:
        return self.loss + self.grad * (w - self.value)


def first_weight(spec: NetworkSpec, neuron: tuple[int, int] | None = None) -> Which | None:
    """The weight the slope view starts with: the first one into the neuron looked at, else the first of all."""
    dense = _dense(spec)
    if not dense:
        return None
    layer, j = neuron if neuron is not None and neuron[0] in dense else (dense[0], 0)
    return layer, "W", (0, j)


def next_weight(spec: NetworkSpec, which: Which) -> Which:
    """The next weight into the same neuron, then its bias, then the first weight again."""
    layer, name, index = which
    j = index[-1]
    width = _width_before(spec, layer)
    if name == "W" and index[0] + 1 < width:
        return layer, "W", (index[0] + 1, j)
    if name == "W":
        return layer, "b", (j,)
    return layer, "W", (0, j)


def _width_before(spec: NetworkSpec, layer: int) -> int:
    before = [k for k in _dense(spec) if k < layer]
    return spec.layers[before[-1]].units if before else spec.input.width


def fit_which(spec: NetworkSpec, which: Which | None) -> Which | None:
    """The chosen parameter if this network still has it, else None."""
    if which is None:
        return None
    layer, name, index = which
    if layer >= len(spec.layers) or not isinstance(spec.layers[layer], DenseSpec):
        return None
    shape = (_width_before(spec, layer), spec.layers[layer].units) if name == "W" else (spec.layers[layer].units,)
    return which if len(index) == len(shape) and all(0 <= i < s for i, s in zip(index, shape)) else None


def slope(lab, which: Which, wiggle: bool = False) -> Slope | None:
    """The slope view of parameter `which` over the batch, from the runtime's loss and backward pass."""
    net, found = lab.network, batch(lab)
    if net is None or found is None:
        return None
    x, y = found
    layer, name, index = which
    i = net.param_index(layer, name, index)
    w = float(net.flat[i])
    span = max(1.0, 1.5 * abs(w))
    ws = w + np.linspace(-span, span, SLOPE_SAMPLES)     # the middle one is w itself
    train = _train_mode(net)
    losses = np.empty_like(ws)
    try:
        for k, v in enumerate(ws):
            net.flat[i] = v
            losses[k] = _loss(net, x, y, train)
    finally:
        net.flat[i] = w
    bw = record(net, x, y)
    g = np.concatenate([v.ravel() for d in bw.grads for v in d.values()])
    numeric = None
    if wiggle:
        numeric = float(numerical_gradient(lambda: _loss(net, x, y, train), net.flat[i:i + 1], WIGGLE_H)[0])
    return Slope(which, len(x), w, ws, losses, bw.loss, float(g[i]), _optimizer_step(lab, net, g, i), numeric,
                 optimizer=lab.compiled.training.optimizer)


def _loss(net: Network, x, y, train: bool) -> float:
    if not train:
        return net.loss(x, y)
    return net.backward(x, y, train=True).loss    # batch statistics, and nothing that training keeps changes


def _optimizer_step(lab, net: Network, g: np.ndarray, i: int) -> float | None:
    """What the trainer's optimizer (a copy, with its momentum or averages) would change parameter i by."""
    tr = lab.trainer
    if tr is not None and getattr(tr, "mode", None) == "perceptron":
        return None
    s = lab.compiled.training
    opt = copy.deepcopy(tr.optimizer) if tr is not None else make_optimizer(s.optimizer, s.learning_rate)
    p = {"all": net.flat.copy()}
    opt.update(p, {"all": g})
    return float(p["all"][i] - net.flat[i])


def which_name(spec: NetworkSpec, which: Which, lang: str) -> str:
    """"x1 → neuron 2 of layer 1", "bias of neuron 2 of layer 1"."""
    layer, name, index = which
    j = index[-1]
    dense = _dense(spec)
    last = layer == dense[-1]
    where = (_say("insight_answer_neuron_title", lang, n=j + 1) if last
             else _say("insight_neuron_title", lang, n=j + 1, layer=dense.index(layer) + 1))
    if name == "b":
        return _say("learn_bias_of", lang, where=where)
    return _say("learn_weight_of", lang, src=_name(_input_names(spec, layer)[index[0]], lang), where=where)


def slope_lines(s: Slope, spec: NetworkSpec, lang: str) -> list[str]:
    """The words beside the slope picture: which weight, the loss, backprop's slope, the wiggle, the step."""
    n = lambda v: plain_number(float(v), 4)  # noqa: E731
    lines = [which_name(spec, s.which, lang), _say("learn_backprop", lang, g=n(s.grad))]
    if s.numeric is not None:
        lines += [_say("learn_wiggled", lang, g=n(s.numeric)), _say("learn_wiggle_how", lang, h=plain_number(s.h))]
    else:
        lines.append(_say("learn_wiggle_hint", lang))
    if s.step is not None:
        a, b = before_after(s.value, s.step)
        lines.append(_say("learn_step", lang, a=a, b=b))
        if s.step * s.grad > 0 and s.optimizer != "sgd":       # uphill: momentum or averages of earlier steps
            name = CHOICE_LABELS.get(s.optimizer, {}).get(lang, s.optimizer)
            lines.append(_say("learn_step_memory", lang, name=name))
    return lines + [_say("learn_batch_loss", lang, count=s.points, loss=n(s.loss))]


# --- 3. what a layer does to the data ----------------------------------------------------------

GRID_LINES = 9          # lines of the input plane's grid in each direction
GRID_SAMPLES = 33       # points along each grid line (they bend after the activation)


@dataclass(frozen=True)
class LayerSpace:
    """The training points in the coordinates of a layer's first two neurons and the answer's straight line there;
    for a 2 → 2 layer also its input plane's grid bent by the layer, where the basis vectors go, and areas."""

    layer: int
    number: int                 # 1 for the first layer of neurons
    xy: np.ndarray              # (N, 2) the two neurons' outputs for each training point
    classes: np.ndarray         # (N,) each point's class (0 for numbers)
    line: tuple[float, float, float] | None   # (a, b, c): a·h1 + b·h2 + c = 0 where the answer changes its mind
    lo: tuple[float, float]     # the picture's frame in the layer's coordinates
    hi: tuple[float, float]
    grid: list[np.ndarray] | None = None      # each grid line (GRID_SAMPLES, 2) after the layer (2 → 2 only)
    basis: np.ndarray | None = None           # (3, 2): where 0, e1, e2 go after the layer (2 → 2 only)
    basis_sums: np.ndarray | None = None      # (3, 2): where they go before the activation (b, b + W[0], b + W[1])
    area_sums: float | None = None            # how many times the unit square's area grows before the activation
    area: float | None = None                 # and after it

    def line_ends(self) -> tuple[tuple[float, float], tuple[float, float]] | None:
        """Where the answer's line a·h1 + b·h2 + c = 0 enters and leaves the frame, or None when it misses it."""
        if self.line is None:
            return None
        (a, b, c), lo, hi = self.line, self.lo, self.hi
        ends = []
        if abs(b) > 1e-12:
            ends += [(x, -(a * x + c) / b) for x in (lo[0], hi[0]) if lo[1] <= -(a * x + c) / b <= hi[1]]
        if abs(a) > 1e-12:
            ends += [(-(b * y + c) / a, y) for y in (lo[1], hi[1]) if lo[0] <= -(b * y + c) / a <= hi[0]]
        return (ends[0], ends[1]) if len(ends) >= 2 else None


def hidden_layers(spec: NetworkSpec) -> list[int]:
    """Dense layers with 2 or more neurons before the last: the ones whose space the view can show."""
    return [k for k in _dense(spec)[:-1] if spec.layers[k].units >= 2]


def space_layer(spec: NetworkSpec, chosen: int | None, neuron: tuple[int, int] | None = None) -> int | None:
    """The hidden layer shown: the chosen one, else the one looked inside, else the last one with 2 neurons or
    more (None when there is none)."""
    wide = hidden_layers(spec)
    for k in (chosen, neuron[0] if neuron is not None else None):
        if k in wide:
            return k
    return wide[-1] if wide else None


def layer_space(lab, layer: int) -> LayerSpace | None:
    """From the runtime (trace, and the layer alone on a grid): where the layer puts each training point, and the
    line where the answer block right after it (reading exactly these 2 neurons) changes its mind."""
    net, data = lab.network, lab.train_set
    if net is None or data is None or not len(data.x):
        return None
    spec, dense = net.spec, _dense(net.spec)
    tr = net.trace(data.x)
    xy = tr.layers[layer][:, :2].astype(float)
    classes = np.zeros(len(xy), int) if data.task == "regress" else np.asarray(data.y).reshape(-1).astype(int)
    line = None
    if spec.layers[layer].units == 2 and dense[-1] == layer + 1 and spec.output.kind != "regress":
        p = net.params_by_layer()[layer + 1]
        W, b = p["W"], p["b"]
        if W.shape[1] == 1:               # yes / no: where the sum is 0 (a probability of one half)
            line = (float(W[0, 0]), float(W[1, 0]), float(b[0]))
        elif W.shape[1] == 2:             # two classes: where both sums are equal
            line = (float(W[0, 1] - W[0, 0]), float(W[1, 1] - W[1, 0]), float(b[1] - b[0]))
    extra = {}
    inputs = tr.features if layer == dense[0] else tr.layers[layer - 1]
    if spec.layers[layer].units == 2 and inputs.shape[1] == 2 and layer == _first_after(spec, layer):
        extra = _bent_grid(net, layer, inputs)
    pts = np.concatenate([xy] + ([extra["basis"]] if extra else []))
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    pad = np.maximum((hi - lo) * 0.08, 0.05)
    return LayerSpace(layer, dense.index(layer) + 1, xy, classes, line, tuple(lo - pad), tuple(hi + pad), **extra)


def _first_after(spec: NetworkSpec, layer: int) -> int:
    """`layer` when its inputs come straight from the layer of neurons before it (nothing in between)."""
    before = [k for k in _dense(spec) if k < layer]
    return layer if not before or before[-1] == layer - 1 else -1


def _bent_grid(net: Network, layer: int, inputs: np.ndarray) -> dict:
    lo, hi = inputs.min(axis=0), inputs.max(axis=0)
    lo, hi = np.minimum(lo, 0.0), np.maximum(hi, 1.0)        # the unit square is always on the grid
    t = np.linspace(0.0, 1.0, GRID_SAMPLES)
    lines = []
    for k in range(GRID_LINES):
        u = k / (GRID_LINES - 1)
        x = lo[0] + u * (hi[0] - lo[0])
        y = lo[1] + u * (hi[1] - lo[1])
        lines.append(np.column_stack([np.full_like(t, x), lo[1] + t * (hi[1] - lo[1])]))
        lines.append(np.column_stack([lo[0] + t * (hi[0] - lo[0]), np.full_like(t, y)]))
    square = np.concatenate([np.column_stack([t, 0 * t]), np.column_stack([1 + 0 * t, t]),
                             np.column_stack([1 - t, 1 + 0 * t]), np.column_stack([0 * t, 1 - t])])
    corners = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    n = [len(g) for g in lines]
    sums, outs = net.through(layer, np.concatenate(lines + [square, corners]))
    bent = np.split(outs[:, :2], np.cumsum(n))
    m = sum(n)
    return {"grid": bent[:len(lines)], "basis": outs[-3:, :2].astype(float), "basis_sums": sums[-3:, :2].astype(float),
            "area_sums": _area(sums[m:m + len(square), :2]), "area": _area(outs[m:m + len(square), :2])}


def _area(ring: np.ndarray) -> float:
    """The area a closed outline encloses (the shoelace formula)."""
    x, y = ring[:, 0], ring[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2)


def space_lines(sp: LayerSpace, lang: str) -> list[str]:
    """The words under the layer's picture: what it shows, the line, where e1 and e2 go, how areas grow."""
    n = lambda v: _num(float(v), 2)  # noqa: E731
    lines = [_say("learn_space_title", lang, layer=sp.number),
             _say("learn_space_line" if sp.line is not None else "learn_space_no_line", lang)]
    if sp.basis is not None:
        o, e1, e2 = sp.basis_sums
        for name, e in (("e1", e1), ("e2", e2)):      # before the activation: the rows of W
            lines.append(_say("learn_basis", lang, e=name, a=n(e[0] - o[0]), b=n(e[1] - o[1])))
        lines.append(_say("learn_area", lang, before=n(sp.area_sums), after=n(sp.area)))
    else:
        lines.append(_say("learn_grid_needs", lang))
    return lines
