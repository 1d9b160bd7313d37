"""Compile: a Project's blocks -> the runtime's NetworkSpec and TrainingSpec, every problem pinned to a block.

The network script is the stack that starts with a data hat and ends with an answer (output) cap; the
blocks between are its hidden layers, top to bottom, and the answer block is the output layer (its
neurons, or one per answer). Other stacks are ignored, as in Scratch. Pure
given `describe`. `spec` is None exactly when some problem is an error, so a spec that comes
out always builds a runtime Network.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from runtime import (Message, NetworkSpec, Problem as RuntimeIssue, RuntimeProblem, SpecError, TrainingSpec, parse_spec,
                     parse_training, training_problems)

from .catalog import DATASET_OF, BlockType, block_type
from .data import DataChoice, DataInfo, describe_data
from .fields import for_runtime, why_bad
from .grammar import misplaced
from .project import Block, Project
from .texts import msg
from .weights import MAX_WEIGHTS, count as count_numbers

Severity = Literal["error", "warning"]
OUTPUT_KINDS = {"output_classify": "classify", "output_yes_no": "yes_no", "output_number": "regress"}
XAVIER = {"sigmoid", "tanh", "softmax"}    # an "auto" start is Xavier for these, He for the rest


@dataclass(frozen=True)
class Problem:
    """One thing a child must fix (or, as a warning, should know), on the block it concerns."""

    block_id: str | None  # None: the whole project
    message: Message      # runtime or UI message, in every language
    severity: Severity = "error"


@dataclass(frozen=True)
class Compiled:
    """What compile makes of a project; see the module docstring for when `spec` is None."""

    spec: NetworkSpec | None
    training: TrainingSpec
    data: DataChoice | None            # the network's data hat, or the first data hat of an unfinished one
    problems: list[Problem]
    annotations: dict[str, str]        # block id -> "2 → 4": numbers in and out, language-neutral
    layer_blocks: list[str]            # spec.layers[i] came from block layer_blocks[i]
    param_shapes: dict[str, dict[str, tuple[int, ...]]]  # layer block id -> parameter name -> shape
    script_index: int | None           # which project.scripts entry is the network script
    training_problems: list[Problem] = field(default_factory=list)  # why it cannot learn (runtime's rules)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def compile_project(project: Project, describe=describe_data) -> Compiled:
    """The project's network, training settings and data, with every problem on its block."""
    return _Compiler(project, describe).run()


class _Compiler:
    """One compile: walks the scripts once, collecting problems, annotations and shapes."""

    def __init__(self, project: Project, describe):
        self.scripts = [s.blocks for s in project.scripts]
        self.describe = describe
        self.problems: list[Problem] = []
        self.annotations: dict[str, str] = {}
        self.param_shapes: dict[str, dict[str, tuple[int, ...]]] = {}
        self.layer_blocks: list[str] = []
        self.train_hat: Block | None = None

    def flag(self, block: Block | None, key: str, severity: Severity = "error", **params) -> None:
        """Add a problem; returns None, so `return self.flag(...)` ends a builder with nothing built."""
        self.problems.append(Problem(block.id if block else None, msg(key, **params), severity))

    def run(self) -> Compiled:
        training, init = self.training()
        train_found, self.problems = self.problems, []  # listed after the network's problems
        index, head = self.network_index()
        data = spec = None
        if index is not None:
            data, spec = self.network(self.scripts[index], training.seed, init)
        elif head is not None:
            data = self.choice(self.scripts[head][0], training.seed)
        self.problems += train_found
        spec = self.checked(spec, self.scripts[index]) if spec and not self.errors() else None
        learn = [self.from_runtime(p, self.scripts[index]) for p in training_problems(spec)] if spec else []
        return Compiled(spec, training, data, self.problems, self.annotations, self.layer_blocks,
                        self.param_shapes, index, learn)

    def errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    # --- finding the scripts ------------------------------------------------------------

    def network_index(self) -> tuple[int | None, int | None]:
        """(the network script, the first script that starts with a data hat)."""
        heads = [i for i, blocks in enumerate(self.scripts) if _is(blocks[0], "data")]
        full = [i for i in heads if _is(self.scripts[i][-1], "output")]
        for i in full[1:]:
            self.flag(self.scripts[i][0], "compile_two_networks")
        if full:
            return full[0], heads[0]
        if heads:
            self.flag(self.scripts[heads[0]][-1], "compile_no_output")
            return None, heads[0]
        tails = [blocks[0] for blocks in self.scripts if _is(blocks[-1], "output")]
        self.flag(tails[0] if tails else None, "compile_no_data")
        return None, None

    def training(self) -> tuple[TrainingSpec, str | None]:
        """The first training script's settings (defaults for the rest) and its start-weights choice."""
        starts = [blocks for blocks in self.scripts if blocks[0].type == "training_start"]
        for blocks in starts[1:]:
            self.flag(blocks[0], "compile_second_training", "warning")
        if not starts:
            return TrainingSpec(), None
        script = starts[0]
        self.train_hat = script[0]
        self.no_children(self.train_hat)
        values = {}
        for i, block in enumerate(script[1:], start=1):
            t = block_type(block.type)
            if not self.placed(block, None, i, len(script)):
                continue
            if t is None or t.category != "training":
                self.flag(block, "compile_training_stray", "warning")
                continue
            self.no_children(block)
            values.update({p.name: self.param(block, t, p.name) for p in t.params})
        init = values.pop("init", None)
        init = None if init == "auto" else init   # automatic: each layer's start follows its activation
        try:
            return parse_training(values), init
        except SpecError as e:  # only if the catalog's limits ever stray outside the runtime's
            self.problems += [Problem(self.train_hat.id, p.message) for p in e.problems]
            return TrainingSpec(), init

    # --- the network script -------------------------------------------------------------

    def network(self, blocks: list[Block], seed: int, init: str | None) -> tuple[DataChoice, dict | None]:
        """data -> the layers between -> the answer block's own layer -> the output. With nothing between, the
        answer alone is a linear model (the perceptron, logistic regression)."""
        hat, out = blocks[0], blocks[-1]
        self.no_children(hat)
        choice = self.choice(hat, seed)
        if hat.type == "data_csv" and out.type == "output_number":
            choice = replace(choice, task="regress")  # the label column holds the numbers to predict
        info = self.info(hat, choice)
        width = None if info is None else _width(info, choice)
        self.annotations[hat.id] = f"→ {_n(width)}"
        layers, last_width = self.layers(blocks, width, init)
        output, answer = self.answer(out, info, last_width, init)
        layers += [(out, answer)] if answer is not None else []
        self.check_size()
        self.check_softmax(layers, OUTPUT_KINDS.get(out.type))
        if info is None or output is None or answer is None:
            return choice, None
        return choice, {"input": {"size": info.n_inputs, "features": choice.features},
                        "layers": [d for _, d in layers], "output": output}

    def choice(self, hat: Block, seed: int) -> DataChoice:
        t = block_type(hat.type)
        names = {p.name for p in t.params}

        def get(name: str, empty: Any = None) -> Any:
            return self.param(hat, t, name) if name in names else empty

        column = get("label_column")
        return DataChoice(hat.id, hat.type, DATASET_OF.get(hat.type) or get("gate"), get("noise", 0.0),
                          get("test_ratio", 0.0), get("features"), seed, get("path") or None,
                          column.strip() or None if column else None, get("points"))

    def info(self, hat: Block, choice: DataChoice) -> DataInfo | None:
        if choice.kind == "data_csv" and not choice.path:
            self.flag(hat, "compile_csv_path")
            return None
        try:
            return self.describe(choice)
        except RuntimeProblem as e:
            self.problems.append(Problem(hat.id, e.message))
            return None

    def layers(self, blocks: list[Block], width: int | None, init: str | None):
        """[(block, layer dict)] for the blocks between data and output that make a layer, and the width
        after the last."""
        layers = []
        for i, block in enumerate(blocks[1:-1], start=1):
            made = self.layer(block, width, init) if self.placed(block, None, i, len(blocks)) else None
            if made is None:
                continue
            new = made.get("units", width)
            self.annotations[block.id] = f"{_n(width)} → {_n(new)}"
            self.shapes(block, made, width)
            self.layer_blocks.append(block.id)
            layers.append((block, made))
            width = new
        return layers, width

    def check_size(self) -> None:
        """A network too big to save is refused on the layer that makes it so (weights.MAX_WEIGHTS)."""
        total = 0
        for block_id in self.layer_blocks:
            total += count_numbers({block_id: self.param_shapes.get(block_id, {})})
            if total > MAX_WEIGHTS:
                count = count_numbers(self.param_shapes)
                self.problems.append(Problem(block_id, msg("compile_too_many_weights", count=f"{count:,}",
                                                           limit=f"{MAX_WEIGHTS:,}")))
                return

    def layer(self, block: Block, width: int | None, init: str | None) -> dict | None:
        t = self.known(block)
        if t is None:
            return None
        if t.category == "training":     # a setting, not a layer (where hats and caps go is the grammar's)
            return self.flag(block, "compile_training_in_network")
        if t.shape == "c":
            return self.c_layer(block, t, width, init)
        self.no_children(block)
        p = functools.partial(self.param, block, t)
        if t.id == "layers_dense":
            act = p("activation")
            return {"kind": "dense", "units": p("units"), "activation": act, "init": _init(p("init"), [act], init)}
        if t.id == "layers_activation":
            return {"kind": "activation", "activation": p("activation")}
        if t.id == "layers_dropout":
            return {"kind": "dropout", "rate": p("rate")}
        if t.id == "layers_batchnorm":
            return {"kind": "batchnorm"}
        return self.flag(block, "compile_unknown_block", kind=block.type)

    def c_layer(self, block: Block, t: BlockType, width: int | None, init: str | None) -> dict | None:
        return self.neurons(block, width, "auto", init) or self.flag(block, "compile_empty_layer")

    def neurons(self, block: Block, width: int | None, start: str, init: str | None) -> dict | None:
        """A layer built one neuron at a time (a layer block's, an answer's): one dense layer, one activation per
        neuron; None when it holds no neuron."""
        neurons = [self.neuron(child, width) for i, child in enumerate(block.children)
                   if self.placed(child, block, i, len(block.children)) and self.known(child)]
        if not neurons:
            return None
        acts = [a for a, _ in neurons]
        hand = [h for _, h in neurons]
        return {"kind": "dense", "units": len(neurons), "activation": acts[0] if len(set(acts)) == 1 else acts,
                "init": _init(start, acts, init), "hand_set": hand if any(hand) else None}

    def neuron(self, block: Block, width: int | None) -> tuple[str, dict | None]:
        """(activation, hand-set weights or None) of one neuron block."""
        t = block_type(block.type)
        self.no_children(block)
        act, weights, bias, locked = (self.param(block, t, n) for n in ("activation", "weights", "bias", "locked"))
        self.annotations[block.id] = f"{_n(width)} → 1"
        if weights is None:
            if locked:
                self.flag(block, "compile_locked_no_weights", "warning")
            return act, None
        if width is not None and len(weights) != width:
            self.flag(block, "compile_weights_count", want=width, got=len(weights))
        return act, {"weights": [float(w) for w in weights], "bias": float(bias), "frozen": locked}

    def answer(self, block: Block, info: DataInfo | None, width: int | None,
               init: str | None) -> tuple[dict | None, dict | None]:
        """(the output, the answer block's own layer): its neuron blocks, one per answer, or, when it holds none,
        one neuron per answer with no activation of its own (the output applies softmax or sigmoid)."""
        t = block_type(block.type)
        kind = OUTPUT_KINDS[block.type]
        units = None if info is None else self.output_units(block, kind, info)
        start = self.param(block, t, "init")
        if block.children:
            layer = self.neurons(block, width, start, init)
            if layer is not None and units is not None and layer["units"] != units:
                self.flag(block, "compile_answer_neurons", want=units, got=layer["units"])
        else:
            layer = None if units is None else {"kind": "dense", "units": units, "activation": "identity",
                                                "init": _init(start, ["identity"], init)}
        self.annotations[block.id] = f"{_n(width)} → {_n(layer['units'] if layer else units)}"
        if layer is not None:
            self.shapes(block, layer, width)
            self.layer_blocks.append(block.id)
        return (None if units is None else {"kind": kind, "units": units}), layer

    def output_units(self, block: Block, kind: str, info: DataInfo) -> int | None:
        """How many answers the output gives (its neurons), if the data suits it."""
        if (kind == "regress") != (info.task == "regress"):
            key = "compile_data_is_numbers" if info.task == "regress" else "compile_data_is_classes"
            return self.flag(block, key)
        if kind == "yes_no" and info.n_classes != 2:
            return self.flag(block, "compile_yes_no_classes", n=info.n_classes)
        return 1 if kind == "yes_no" else info.n_classes

    # --- checks across layers -------------------------------------------------------------

    def check_softmax(self, layers: list[tuple[Block, dict]], kind: str | None) -> None:
        for i, (block, d) in enumerate(layers):
            acts = _activations(d)
            if "softmax" not in acts:
                continue
            if len(set(acts)) > 1:
                self.flag(block, "compile_softmax_mixed")
            elif i != len(layers) - 1:
                self.flag(block, "compile_softmax_not_last")
            elif kind == "yes_no":
                self.flag(block, "compile_softmax_yes_no")

    def shapes(self, block: Block, d: dict, width: int | None) -> None:
        if width is None:
            return
        if d["kind"] == "dense":
            self.param_shapes[block.id] = {"W": (width, d["units"]), "b": (d["units"],)}
        elif d["kind"] == "batchnorm":
            self.param_shapes[block.id] = {k: (width,) for k in ("gamma", "beta", "running_mean", "running_var")}

    def checked(self, spec: dict, blocks: list[Block]) -> NetworkSpec | None:
        """The runtime's own verdict, so nothing it would refuse gets past compile."""
        try:
            return parse_spec(spec)
        except SpecError as e:
            self.problems += [self.from_runtime(p, blocks) for p in e.problems]
            return None

    def from_runtime(self, issue: RuntimeIssue, blocks: list[Block]) -> Problem:
        """A runtime problem on the block it concerns, saying "this block" instead of "Layer 3"."""
        if issue.layer is not None and issue.layer < len(self.layer_blocks):
            return Problem(self.layer_blocks[issue.layer], _here(issue.message))
        if issue.message.key == "spec_step_classify" and self.layer_blocks:
            return Problem(self.layer_blocks[-1], issue.message)
        block = {"input": blocks[0], "output": blocks[-1], "training": self.train_hat}.get(issue.part)
        return Problem(block.id if block else None, issue.message)

    # --- blocks and their fields ----------------------------------------------------------

    def known(self, block: Block) -> BlockType | None:
        t = block_type(block.type)
        if t is None:
            self.flag(block, "compile_unknown_block", kind=block.type)
        return t

    def placed(self, block: Block, owner: Block | None, index: int, count: int) -> bool:
        """Whether the block may be where it is (the grammar's rules, as for a drop); if not, a problem on it."""
        why = misplaced(block, owner, index, count)
        if why is not None:
            self.problems.append(Problem(block.id, why))
        return why is None

    def no_children(self, block: Block) -> None:
        """The children of a block that is not a C block: each one is out of place."""
        for i, child in enumerate(block.children):
            self.placed(child, block, i, len(block.children))

    def param(self, block: Block, t: BlockType, name: str) -> Any:
        """A field's value as the runtime takes it; a missing one is the default, a bad one a problem."""
        p = t.param(name)
        value = block.params.get(name, p.default)
        bad = why_bad(p, value)
        if bad is not None:
            self.problems.append(Problem(block.id, bad))
            value = p.default
        return for_runtime(p, value)


def _is(block: Block, category: str) -> bool:
    t = block_type(block.type)
    return t is not None and t.category == category and t.shape == ("hat" if category == "data" else "cap")


def _width(info: DataInfo, choice: DataChoice) -> int:
    """How many numbers reach the first layer."""
    return len(choice.features) if choice.features is not None else info.n_inputs


def _init(chosen: str, acts: list[str], default: str | None) -> str:
    if chosen != "auto":
        return chosen
    return default or ("xavier" if set(acts) <= XAVIER else "he")


def _activations(d: dict) -> list[str]:
    a = d.get("activation")
    return [] if a is None else a if isinstance(a, list) else [a]


def _here(message: Message) -> Message:
    where = message.params.get("where")
    if isinstance(where, Message) and where.key == "where_layer":
        return Message(message.key, {**message.params, "where": msg("compile_this_block")})
    return message


def _n(width: int | None) -> str:
    return "?" if width is None else str(width)
