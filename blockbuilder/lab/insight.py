"""Looking inside one neuron: its sum with the real numbers the network used, and the step-through of a pass.

Everything here is NumPy and words from the catalog; the window only draws what these functions
return, so all of it is tested without a screen. The charts are in charts.py, the digits views in digits.py.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from runtime import DenseSpec, Network, NetworkSpec, final_activation, output_fuses_last_activation, plain_number

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
    head: str | None = None     # last layer of neurons (the answer block's) only: what the output applies after it
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
    """"neuron 3 of layer 2", counted from 1 as a child counts them; the last layer's neurons are the answer
    block's: "neuron 1 of the answer"."""
    if m.answer is not None:
        return _say("insight_answer_neuron_title", lang, n=m.neuron + 1)
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
    """v with `digits` decimals, very large numbers to 3 digits (1,230,000); never "-0.00"."""
    if not math.isfinite(v) or abs(v) >= 1e6:
        return plain_number(float(v), 3, grouped=True)
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
