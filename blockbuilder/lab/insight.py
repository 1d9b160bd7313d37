"""Looking inside a network: one neuron's sum with the real numbers, the step-through, the loss and
accuracy charts, and the digits views (guess grid, confusion shading, drawing pad).

Everything here is NumPy and words from the catalog; the window only draws what these functions
return, so all of it is tested without a screen.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from runtime import DenseSpec, Network, NetworkSpec, final_activation, output_fuses_last_activation, predicted_classes
from runtime.datasets import DIGIT_SIDE
from sb3_export import PAD_SOFT

from ..document.catalog import CHOICE_LABELS
from .texts import msg


def _say(key: str, lang: str, **params) -> str:
    return msg(key, **params).text(lang)


# --- inside one neuron ------------------------------------------------------------------------

@dataclass(frozen=True)
class NeuronMath:
    """One neuron's computation for one point, with the numbers the network itself used.

    `names` say where each input comes from, language-neutral: ("in", i) is raw input i,
    ("feature", "x1^2") a Playground feature, ("n", layer, i) neuron i of spec layer `layer`
    (the nearest layer of neurons above; blocks in between, such as batch normalization, have
    already changed the numbers in `inputs`).
    """

    layer: int                  # spec.layers index of a DenseSpec
    neuron: int                 # column j of its W
    number: int                 # what a child calls the layer: 1 for the first layer of neurons
    names: list[tuple]
    inputs: list[float]         # the numbers entering the neuron for this point
    weights: list[float]        # W[:, j]
    bias: float
    total: float                # inputs · weights + bias
    activation: str             # the neuron's own ("identity" when a separate activation block follows)
    value: float                # the neuron's output, exactly as net.trace gives it
    units: int                  # neurons in the layer (a softmax share is a share among these)
    head: str | None = None     # last layer of neurons only: what the output applies after it (softmax, sigmoid, step)
    answer: float | None = None  # last layer of neurons only: the network's answer in this neuron's column


def neuron_math(net: Network, x: np.ndarray, layer: int, neuron: int) -> NeuronMath:
    """The sum of neuron `neuron` of dense layer `layer` for one raw input point x (size,)."""
    spec = net.spec
    dense = spec.layers[layer]
    if not isinstance(dense, DenseSpec) or not 0 <= neuron < dense.units:
        raise ValueError(f"layer {layer} has no neuron {neuron}")
    trace = net.trace(np.asarray(x, dtype=float).reshape(1, -1))
    inputs = (trace.features if layer == 0 else trace.layers[layer - 1])[0]  # (width,)
    params = net.params_by_layer()[layer]
    w, b = params["W"][:, neuron], float(params["b"][neuron])
    dense_layers = _dense_layers(spec)
    last = layer == dense_layers[-1]
    return NeuronMath(
        layer, neuron, dense_layers.index(layer) + 1, _input_names(spec, layer),
        inputs.astype(float).tolist(), w.astype(float).tolist(), b, float(inputs @ w + b),
        dense.activations()[neuron], float(trace.layers[layer][0, neuron]), dense.units,
        _head(spec, layer) if last else None, float(trace.output[0, neuron]) if last else None)


def _dense_layers(spec: NetworkSpec) -> list[int]:
    return [k for k, ls in enumerate(spec.layers) if isinstance(ls, DenseSpec)]


def _input_names(spec: NetworkSpec, layer: int) -> list[tuple]:
    before = [k for k in _dense_layers(spec) if k < layer]
    if before:
        return [("n", before[-1], i) for i in range(spec.layers[before[-1]].units)]
    if spec.input.features is not None:
        return [("feature", f) for f in spec.input.features]
    return [("in", i) for i in range(spec.input.size)]


def _head(spec: NetworkSpec, layer: int) -> str | None:
    """What the output applies to the last layer of neurons (at `layer`) on its own, if anything."""
    kind = spec.output.kind
    if kind == "regress":
        return None
    if output_fuses_last_activation(spec):  # the network's last activation is the output's
        return None if layer == len(spec.layers) - 1 else final_activation(spec)
    return "softmax" if kind == "classify" else "sigmoid"


def neuron_title(m: NeuronMath, lang: str) -> str:
    """"neuron 3 of layer 2", counted from 1 as a child counts them."""
    return _say("insight_neuron_title", lang, n=m.neuron + 1, layer=m.number)


def math_lines(m: NeuronMath, lang: str, max_terms: int = 6, digits: int = 2) -> list[str]:
    """Short lines for the neuron panel: each input × its weight, the bias, the sum, the activation.

    With more than max_terms + 1 inputs (digits: 64) only the max_terms biggest contributions
    get a line each, biggest first, and one line adds up the rest; every product is rounded from
    the exact one, so the shown numbers add up to the shown sum within rounding.
    """
    def num(v: float) -> str:
        return _num(v, digits)

    products = np.asarray(m.inputs) * np.asarray(m.weights)
    shown, rest = _split_terms(products, max_terms)
    lines = [_say("insight_term", lang, name=_name(m.names[i], lang), x=num(m.inputs[i]), w=num(m.weights[i]),
                  p=num(products[i])) for i in shown]
    if rest:
        lines.append(_say("insight_more", lang, count=len(rest), p=num(math.fsum(products[rest]))))
    lines += [_say("insight_bias", lang, b=num(m.bias)), _say("insight_sum", lang, s=num(m.total))]
    return lines + _activation_lines(m, lang, num)


def _split_terms(products: np.ndarray, max_terms: int) -> tuple[list[int], list[int]]:
    """(inputs shown one by one, inputs summed in one line); a single leftover gets its own line."""
    if len(products) <= max_terms + 1:
        return list(range(len(products))), []
    order = np.argsort(-np.abs(products), kind="stable")
    return order[:max_terms].tolist(), sorted(order[max_terms:].tolist())


def _activation_lines(m: NeuronMath, lang: str, num) -> list[str]:
    if m.activation == "softmax":  # a share among the whole layer, not a function of this sum alone
        lines = [_say("insight_softmax", lang, count=m.units, v=num(m.value))]
    elif m.activation == "identity":
        lines = [_say("insight_no_activation", lang, v=num(m.value))]
    else:
        lines = [_say("insight_apply", lang, f=CHOICE_LABELS[m.activation][lang], s=num(m.total), v=num(m.value))]
    if m.head == "softmax":
        lines.append(_say("insight_answer_softmax", lang, count=m.units, v=num(m.answer)))
    elif m.head is not None:
        lines.append(_say("insight_answer_apply", lang, f=CHOICE_LABELS[m.head][lang], v=num(m.answer)))
    return lines


def _name(name: tuple, lang: str) -> str:
    if name[0] == "feature":
        return CHOICE_LABELS[name[1]][lang]
    if name[0] == "n":
        return _say("insight_from_neuron", lang, n=name[2] + 1)
    return _say("insight_input", lang, n=name[1] + 1)


def _num(v: float, digits: int) -> str:
    """v with `digits` decimals, very large numbers in short scientific form; never "-0.00"."""
    if not math.isfinite(v) or abs(v) >= 1e6:
        return f"{v:.3g}"
    text = f"{v:.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


# --- the step-through -------------------------------------------------------------------------

def forward_steps(spec: NetworkSpec) -> list[tuple[int, int]]:
    """(layer, neuron) in the order one forward pass computes them: layer by layer, top neuron first."""
    return [(k, j) for k in _dense_layers(spec) for j in range(spec.layers[k].units)]


@dataclass
class StepThrough:
    """Which neuron the step-through shows for point x; index == len(steps) means the pass is done."""

    x: np.ndarray
    steps: list[tuple[int, int]]
    index: int = 0

    @classmethod
    def start(cls, spec: NetworkSpec, x: np.ndarray) -> "StepThrough":
        return cls(np.asarray(x, dtype=float), forward_steps(spec))

    def current(self) -> tuple[int, int] | None:
        """The neuron being computed now; None once every neuron is done."""
        return self.steps[self.index] if self.index < len(self.steps) else None

    def computed(self) -> list[tuple[int, int]]:
        """The neurons whose values the view may show already."""
        return self.steps[:self.index]

    def next(self) -> bool:
        """Go on to the next neuron (or to the end); False when already at the end."""
        if self.done():
            return False
        self.index += 1
        return True

    def prev(self) -> bool:
        """Go back one neuron; False at the first."""
        if self.index == 0:
            return False
        self.index -= 1
        return True

    def done(self) -> bool:
        return self.index >= len(self.steps)

    def counter(self, lang: str) -> str:
        """"neuron 3 of 12", or the sentence saying the pass is complete."""
        if self.done():
            return _say("insight_step_done", lang)
        return _say("insight_step_of", lang, i=self.index + 1, count=len(self.steps))


# --- charts -----------------------------------------------------------------------------------

MAX_CHART_POINTS = 300        # per series; longer histories are thinned evenly
CHART_MARGINS = (46.0, 34.0, 10.0, 26.0)   # left, bottom, right, top: tick labels, x title; y title, legend
TICKS = 5                     # about this many steps between ticks
LOSS_CLIP = 2.0               # see _loss_top
CHART_SERIES = {"loss": ("train_loss", "test_loss"), "accuracy": ("train_accuracy", "test_accuracy")}
CHART_TITLES = {"loss": "insight_loss", "accuracy": "insight_accuracy"}


@dataclass(frozen=True)
class Chart:
    """A line chart in screen coordinates (y up); the view draws lines, ticks and texts as given."""

    series: dict[str, list[tuple[float, float]]]   # "train", "test": points inside the plot rect
    x_ticks: list[tuple[float, str]]               # (screen x, label) under the plot
    y_ticks: list[tuple[float, str]]               # (screen y, label) left of the plot
    x_title: str
    y_title: str
    plot: tuple[float, float, float, float]        # the plot rect (x, y, w, h) inside the chart's rect
    legend: list[tuple[str, str]]                  # (series key, its name in the UI language)
    note: str = ""                                 # a sentence under the chart: nothing yet, or clipped losses


def chart(history: list, metric: str, rect: tuple[float, float, float, float], lang: str) -> Chart:
    """Train and test `metric` ("loss" or "accuracy") per epoch, fitted into `rect` (x, y, w, h).

    Accuracy runs on a 0..100 % axis. The loss axis starts at 0 and ends at a round number at
    or above the largest loss, unless that loss is more than LOSS_CLIP times the larger of the
    first loss and the 95th percentile of the losses drawn: then the axis ends there, so one
    huge loss cannot flatten the rest; bigger losses sit on the top edge and `note` says so.
    Series with no numbers (no test data; accuracy of a regression) are left out; each series
    has at most MAX_CHART_POINTS points, the first and last epoch always among them.
    """
    found = {name: _series(history, key, metric) for name, key in zip(("train", "test"), CHART_SERIES[metric])}
    data = {name: _thin(points) for name, points in found.items() if points}
    top, clipped = (100.0, False) if metric == "accuracy" else _loss_top(data)
    x_end, x_step = _axis(max([p[-1][0] for p in data.values()] + [1.0]), whole=True)
    y_end, y_step = _axis(top)
    plot = _plot_rect(rect)
    px, py, pw, ph = plot

    def sx(v: float) -> float:
        return px + pw * v / x_end

    def sy(v: float) -> float:
        return py + ph * min(max(v, 0.0), y_end) / y_end

    note = "insight_chart_clipped" if clipped else "insight_chart_empty" if not history else ""
    return Chart({name: [(sx(e), sy(v)) for e, v in points] for name, points in data.items()},
                 [(sx(v), label) for v, label in _ticks(x_end, x_step)],
                 [(sy(v), label) for v, label in _ticks(y_end, y_step)],
                 _say("insight_epoch", lang), _say(CHART_TITLES[metric], lang), plot,
                 [(name, _say(f"insight_{name}", lang)) for name in data],
                 _say(note, lang) if note else "")


def _series(history: list, key: str, metric: str) -> list[tuple[float, float]]:
    """(epoch, value) for every epoch that measured `key`; accuracy in percent."""
    scale = 100.0 if metric == "accuracy" else 1.0
    values = [(float(s.epoch), getattr(s, key)) for s in history]
    return [(e, scale * float(v)) for e, v in values if v is not None and not math.isnan(v)]


def _thin(points: list) -> list:
    """At most MAX_CHART_POINTS points spread evenly, always keeping the first and the last."""
    if len(points) <= MAX_CHART_POINTS:
        return points
    keep = np.unique(np.round(np.linspace(0, len(points) - 1, MAX_CHART_POINTS)).astype(int))
    return [points[i] for i in keep]


def _loss_top(data: dict[str, list]) -> tuple[float, bool]:
    """(highest loss the axis must show, whether bigger losses are clipped to it); see chart()."""
    ys = np.array([v for points in data.values() for _, v in points], dtype=float)
    finite = ys[np.isfinite(ys)]
    if not finite.size:
        return 1.0, bool(ys.size)
    peak = float(ys.max())
    firsts = [points[0][1] for points in data.values() if math.isfinite(points[0][1])]
    limit = LOSS_CLIP * max([float(np.percentile(finite, 95)), *firsts])
    if 0 < limit < peak:
        return limit, True
    return (peak if peak > 0 else 1.0), False


def _axis(top: float, whole: bool = False) -> tuple[float, float]:
    """(axis end, tick step): a step of 1, 2 or 5 × 10^k giving about TICKS steps from 0 to at least top."""
    raw = top / TICKS
    scale = 10.0 ** math.floor(math.log10(raw))
    step = next(m * scale for m in (1, 2, 5, 10) if m * scale >= raw * (1 - 1e-9))
    if whole:
        step = max(step, 1.0)
    return math.ceil(top / step - 1e-9) * step, step


def _ticks(end: float, step: float) -> list[tuple[float, str]]:
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    count = round(end / step)
    return [(i * step, f"{i * step:.{decimals}f}") for i in range(count + 1)]


def _plot_rect(rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x, y, w, h = rect
    left, bottom, right, top = CHART_MARGINS
    return x + left, y + bottom, max(w - left - right, 1.0), max(h - bottom - top, 1.0)


# --- the digits views -------------------------------------------------------------------------

@dataclass(frozen=True)
class Guess:
    """One test image with the network's guess."""

    image: np.ndarray   # (8, 8) in [0, 1], row 0 at the top
    truth: int
    guess: int
    right: bool

    def label(self, lang: str) -> str:
        """"guess 3", or "guess 3: wrong (it is 5)" under an image the network got wrong."""
        if self.right:
            return _say("insight_the_guess", lang, guess=self.guess)
        return _say("insight_wrong", lang, guess=self.guess, truth=self.truth)


def guesses(x: np.ndarray, y: np.ndarray, outputs: np.ndarray, count: int = 24,
            wrong_first: bool = False) -> list[Guess]:
    """The first `count` images (N, 64) with their answers y (N,) and the network's outputs (N, 10)."""
    truth = np.asarray(y).reshape(-1)
    picked = predicted_classes(np.asarray(outputs), "classify")
    order = np.argsort(picked == truth, kind="stable") if wrong_first else np.arange(len(truth))
    return [Guess(np.asarray(x[i], dtype=float).reshape(DIGIT_SIDE, DIGIT_SIDE), int(truth[i]), int(picked[i]),
                  bool(picked[i] == truth[i])) for i in order[:count]]


def guess_summary(items: list[Guess], lang: str) -> str:
    """"3 of 24 wrong"."""
    return _say("insight_wrong_count", lang, wrong=sum(not g.right for g in items), count=len(items))


def confusion_cells(matrix: np.ndarray) -> list[list[float]]:
    """Each row (a true class) as shares 0..1 of its points, for shading; an empty row stays 0."""
    m = np.asarray(matrix, dtype=float)
    rows = m.sum(axis=1, keepdims=True)
    return np.divide(m, rows, out=np.zeros_like(m), where=rows > 0).tolist()


# The exported Scratch toy's brush: full ink on the cell, PAD_SOFT on its four
# neighbours, and ink only ever gets darker, so the pad and the toy give the network the same input.
BRUSH = ((0, 0, 1.0), (-1, 0, PAD_SOFT), (1, 0, PAD_SOFT), (0, -1, PAD_SOFT), (0, 1, PAD_SOFT))
STROKE_SAMPLES = 4  # samples per cell a stroke crosses, so a fast stroke leaves no gaps


@dataclass
class Pad:
    """The 8x8 drawing pad; row 0 is the top, like the dataset's images."""

    cells: np.ndarray = field(default_factory=lambda: np.zeros((DIGIT_SIDE, DIGIT_SIDE)))

    def paint(self, u: float, v: float, last: tuple[float, float] | None = None) -> bool:
        """Brush at (u, v) in [0, 1] (v = 0 at the top), joined from `last`; True when a cell darkened."""
        before = self.cells.copy()
        for r, c in _stroke_cells(last if last is not None else (u, v), (u, v)):
            for dr, dc, ink in BRUSH:
                if 0 <= r + dr < DIGIT_SIDE and 0 <= c + dc < DIGIT_SIDE:
                    self.cells[r + dr, c + dc] = max(self.cells[r + dr, c + dc], ink)
        return not np.array_equal(before, self.cells)

    def clear(self) -> None:
        self.cells[...] = 0.0

    def empty(self) -> bool:
        return not self.cells.any()

    def input(self) -> np.ndarray:
        """(64,) row by row from the top, as the digits dataset expects."""
        return self.cells.reshape(DIGIT_SIDE * DIGIT_SIDE).copy()


def _stroke_cells(a: tuple[float, float], b: tuple[float, float]) -> list[tuple[int, int]]:
    """(row, column) of the cells a straight stroke from a to b passes; points off the pad are skipped."""
    samples = max(1, math.ceil(math.dist(a, b) * DIGIT_SIDE * STROKE_SAMPLES))
    cells = []
    for t in np.linspace(0.0, 1.0, samples + 1):
        u, v = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        if 0.0 <= u <= 1.0 and 0.0 <= v <= 1.0:
            cells.append((min(int(v * DIGIT_SIDE), DIGIT_SIDE - 1), min(int(u * DIGIT_SIDE), DIGIT_SIDE - 1)))
    return list(dict.fromkeys(cells))


def pad_guess(net: Network, pad: Pad) -> tuple[int, float] | None:
    """(digit, its probability) for what is drawn; None while the pad is empty."""
    if pad.empty():
        return None
    p = net.predict(pad.input()[None, :])[0]  # (1, 64) -> (10,)
    return int(np.argmax(p)), float(np.max(p))


def pad_text(net: Network, pad: Pad, lang: str) -> str:
    """What the pad says: the hint while empty, then the live guess."""
    found = pad_guess(net, pad)
    if found is None:
        return _say("insight_pad_hint", lang)
    return _say("insight_pad_guess", lang, digit=found[0], percent=round(100 * found[1]))
