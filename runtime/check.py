"""What makes a NetworkSpec workable: shapes, problems with messages, and how it may learn."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from pydantic import ValidationError

from .messages import Message, RuntimeProblem, msg
from .spec import (
    ActivationSpec, BatchNormSpec, DenseSpec, NetworkSpec, TrainingSpec,
)

Part = Literal["input", "layer", "output", "training", "network"]
TrainingMode = Literal["gradient", "perceptron", "none"]


@dataclass(frozen=True)
class Problem:
    """Something wrong with a spec, pointing at the part it concerns (layer index from 0)."""

    part: Part
    message: Message
    layer: int | None = None

    def __str__(self) -> str:
        return self.message.text()


class SpecError(RuntimeProblem):
    """A spec that cannot work; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems[0].message)
        self.problems = problems


def _where(layer: int) -> Message:
    return msg("where_layer", index=layer + 1)


def shapes(spec: NetworkSpec) -> list[tuple[int, int]]:
    """(inputs, outputs) of each layer, for the editor's "2 → 4" annotations."""
    out, width = [], spec.input.width
    for layer in spec.layers:
        new = layer.units if isinstance(layer, DenseSpec) else width
        out.append((width, new))
        width = new
    return out


def final_activation(spec: NetworkSpec) -> str | None:
    """The last layer's activation when the network ends in one, 'identity' otherwise.

    None means the last layer mixes activations neuron by neuron.
    """
    last = spec.layers[-1] if spec.layers else None
    if isinstance(last, ActivationSpec):
        return last.activation
    if isinstance(last, DenseSpec):
        return last.uniform_activation()
    return "identity"


# The output applies this activation itself, so a last layer that ends in it is merged into it.
FUSED_BY_OUTPUT = {"classify": {"softmax"}, "yes_no": {"sigmoid", "step"}, "regress": set()}


def output_fuses_last_activation(spec: NetworkSpec) -> bool:
    """True when the output applies the last layer's activation itself (softmax, sigmoid, step)."""
    return final_activation(spec) in FUSED_BY_OUTPUT[spec.output.kind]


def problems(spec: NetworkSpec) -> list[Problem]:
    """Everything that stops this network from running at all."""
    found = _input_problems(spec)
    width = spec.input.width
    last = len(spec.layers) - 1
    for i, layer in enumerate(spec.layers):
        if isinstance(layer, DenseSpec):
            found += _dense_problems(layer, i, width)
            width = layer.units
        acts = _layer_activations(layer)
        if "softmax" in acts and len(set(acts)) > 1:
            found.append(Problem("layer", msg("spec_softmax_mixed", where=_where(i)), i))
        elif "softmax" in acts and _softmax_misplaced(spec, i, last):
            found.append(Problem("layer", msg("spec_softmax_middle", where=_where(i)), i))
    return found + _output_problems(spec, width)


def _layer_activations(layer) -> list[str]:
    if isinstance(layer, DenseSpec):
        return layer.activations()
    return [layer.activation] if isinstance(layer, ActivationSpec) else []


def _softmax_misplaced(spec: NetworkSpec, i: int, last: int) -> bool:
    # Softmax may end a classify or regress network; dropout after it would change nothing useful.
    return i != last or spec.output.kind == "yes_no"


def _input_problems(spec: NetworkSpec) -> list[Problem]:
    feats = spec.input.features
    if feats is None:
        return []
    if spec.input.size != 2:
        return [Problem("input", msg("spec_features_need_two", value=spec.input.size))]
    if not feats:
        return [Problem("input", msg("spec_features_empty"))]
    twice = sorted({f for f in feats if feats.count(f) > 1})
    return [Problem("input", msg("spec_features_repeated", value=f)) for f in twice]


def _dense_problems(layer: DenseSpec, i: int, width: int) -> list[Problem]:
    found = []
    if isinstance(layer.activation, list) and len(layer.activation) != layer.units:
        found.append(Problem("layer", msg("spec_activation_count", where=_where(i),
                                          units=layer.units, count=len(layer.activation)), i))
    hand = layer.hand_set
    if hand is None:
        return found
    if len(hand) != layer.units:
        found.append(Problem("layer", msg("spec_hand_set_length", where=_where(i),
                                          units=layer.units, count=len(hand)), i))
    for n, h in enumerate(hand):
        if h is None:
            continue
        if len(h.weights) != width:
            found.append(Problem("layer", msg("spec_hand_set_count", where=_where(i), neuron=n + 1,
                                              want=width, got=len(h.weights)), i))
        if not all(math.isfinite(v) for v in [*h.weights, h.bias]):
            found.append(Problem("layer", msg("spec_not_finite", where=_where(i)), i))
    return found


def _output_problems(spec: NetworkSpec, width: int) -> list[Problem]:
    out = spec.output
    if out.kind == "yes_no" and out.units != 1:
        return [Problem("output", msg("spec_yes_no_units", value=out.units))]
    if out.kind == "classify" and out.units < 2:
        return [Problem("output", msg("spec_classes", value=out.units))]
    found = []
    if width != out.units:
        found.append(Problem("output", msg("spec_output_units", got=width, want=out.units)))
    if final_activation(spec) == "step" and out.kind != "yes_no":
        found.append(Problem("output", msg("spec_step_classify")))
    return found


# --- learning ----------------------------------------------------------------------

def _has_step(layer) -> bool:
    return "step" in _layer_activations(layer)


def _all_step(layer) -> bool:
    acts = _layer_activations(layer)
    return bool(acts) and all(a == "step" for a in acts)


def _trainable(layer) -> bool:
    if isinstance(layer, DenseSpec):
        return not all(layer.frozen())
    return isinstance(layer, BatchNormSpec)


def training_mode(spec: NetworkSpec) -> TrainingMode:
    """gradient: backpropagation; perceptron: the perceptron learning rule; none: run only.

    Step has no useful gradient, so a network with step neurons learns by gradient only when
    every step neuron is hand-set and locked and nothing learnable sits before a layer that is
    all step. The one exception is the classic perceptron: a single dense layer of step neurons
    with a yes/no output, which learns with Rosenblatt's rule w += lr * (t - y) * x.
    """
    if not any(_trainable(layer) for layer in spec.layers):
        return "none"
    only = spec.layers[0] if len(spec.layers) == 1 else None
    if isinstance(only, DenseSpec) and _all_step(only) and spec.output.kind == "yes_no":
        return "perceptron"
    return "gradient"


def training_problems(spec: NetworkSpec) -> list[Problem]:
    """Why this network cannot learn, if it cannot (empty when it can)."""
    mode = training_mode(spec)
    if mode == "none":
        return [Problem("network", msg("spec_nothing_to_learn"))]
    if mode == "perceptron":
        return []
    found = []
    for i, layer in enumerate(spec.layers):
        if isinstance(layer, DenseSpec) and _has_step(layer):
            acts, frozen = layer.activations(), layer.frozen()
            if any(a == "step" and not f for a, f in zip(acts, frozen)):
                found.append(Problem("layer", msg("spec_step_not_frozen", where=_where(i)), i))
    blockers = [i for i, layer in enumerate(spec.layers) if _all_step(layer)]
    if blockers:
        for i, layer in enumerate(spec.layers[: blockers[-1]]):
            if _trainable(layer) and not (isinstance(layer, DenseSpec) and _has_step(layer)):
                found.append(Problem("layer", msg("spec_step_blocks_learning", where=_where(i)), i))
    return found


# --- parsing with friendly errors ---------------------------------------------------

_LAYER_KINDS = ("dense", "activation", "dropout", "batchnorm")
_NUMBER_ERRORS = {"int_type", "int_parsing", "int_from_float", "float_type", "float_parsing",
                  "finite_number", "bool_type", "bool_parsing"}
_LIMIT_ERRORS = {"greater_than": "spec_above", "greater_than_equal": "spec_at_least",
                 "less_than": "spec_below", "less_than_equal": "spec_at_most"}


def _where_loc(loc: tuple, training: bool) -> Message:
    if training:
        return msg("where_training")
    if len(loc) > 1 and loc[0] == "layers" and isinstance(loc[1], int):
        return _where(loc[1])
    names = {"input": "where_input", "output": "where_output"}
    return msg(names.get(loc[0], "where_network")) if loc else msg("where_network")


def _field(loc: tuple) -> str:
    """The setting an error is about: the last plain name in its location.

    A layer's location is ("layers", index, kind, field, ...); union branches are named like
    "list[literal[...]]" and are skipped.
    """
    if len(loc) > 2 and loc[0] == "layers":
        loc = loc[3:]
    names = [p for p in loc if isinstance(p, str) and "[" not in p]
    return names[-1] if names else ""


def _choices(err: dict) -> str:
    expected = (err.get("ctx") or {}).get("expected", "")
    return expected.replace("'", "").replace(" or ", ", ")


def _friendly(err: dict, training: bool) -> Problem:
    """One pydantic error as a Problem whose sentence a teacher can act on, in every language."""
    loc, kind, value = tuple(err["loc"]), err["type"], err.get("input")
    field = _field(loc)
    in_layer = not training and len(loc) > 1 and loc[0] == "layers" and isinstance(loc[1], int)
    part: Part = "training" if training else "layer" if in_layer else (
        loc[0] if loc and loc[0] in ("input", "output") else "network")
    layer = loc[1] if in_layer else None

    def problem(key: str, **params) -> Problem:
        return Problem(part, msg(key, **params), layer)

    where = _where_loc(loc, training)
    if kind == "json_invalid":
        return problem("spec_not_json", detail=err["msg"].removeprefix("Invalid JSON: "))
    if kind == "union_tag_invalid":
        tag = (err.get("ctx") or {}).get("tag", value)
        return problem("spec_bad_layer_kind", where=where, value=tag, choices=", ".join(_LAYER_KINDS))
    if kind == "literal_error":
        key = "spec_bad_activation" if field == "activation" else "spec_bad_choice"
        return problem(key, where=where, field=field, value=value, choices=_choices(err))
    if kind == "extra_forbidden":
        return problem("spec_unknown_field", where=where, value=loc[-1])
    if kind == "missing":
        if len(loc) == 1 and not training:
            part = "network"
        return problem("spec_missing_field", where=_where_loc(loc[:-1], training), value=loc[-1])
    if field == "units" and kind in ("greater_than_equal", "greater_than"):
        return problem("spec_units", where=where, value=value)
    if kind in _LIMIT_ERRORS:
        limit = next(iter((err.get("ctx") or {}).values()), "")
        return problem(_LIMIT_ERRORS[kind], where=where, field=field, value=value, limit=limit)
    if kind in _NUMBER_ERRORS:
        return problem("spec_not_number", where=where, field=field, value=value)
    return problem("spec_bad_value", where=where, field=field, value=value)


def _is_union_echo(e: dict, errors: list[dict]) -> bool:
    """A union field ("relu" or ["relu", ...]) reports a failure per branch; the branch whose
    shape does not even match (a list given to the one-value branch, a word to the list branch)
    only repeats what the other branch says more precisely."""
    wrong_shape = e["type"] in ("list_type", "dict_type") or (
        e["type"] == "literal_error" and isinstance(e.get("input"), (list, dict)))
    field = e["loc"][:-1]
    return wrong_shape and any(f is not e and f["loc"][:len(field)] == field for f in errors)


def _friendly_all(errors: list[dict], training: bool) -> list[Problem]:
    kept = [e for e in errors if not _is_union_echo(e, errors)]
    return [_friendly(e, training) for e in kept or errors]


def parse_spec(data: dict | str) -> NetworkSpec:
    """Validate a network from JSON or a dict; raise SpecError with every problem, in words."""
    try:
        spec = (NetworkSpec.model_validate_json(data) if isinstance(data, str)
                else NetworkSpec.model_validate(data))
    except ValidationError as e:
        raise SpecError(_friendly_all(e.errors(), False)) from None
    found = problems(spec)
    if found:
        raise SpecError(found)
    return spec


def parse_training(data: dict | str) -> TrainingSpec:
    """Validate training settings; raise SpecError with every problem, in words."""
    try:
        return (TrainingSpec.model_validate_json(data) if isinstance(data, str)
                else TrainingSpec.model_validate(data))
    except ValidationError as e:
        raise SpecError(_friendly_all(e.errors(), True)) from None
