"""Tries and what changed between them: the lab's last finished runs, each labelled by what changed from the
run before it ("layer 1: 4 → 8 neurons", "tanh → ReLU", "learning rate 0.01 → 0.1"); headless.

A run's setup is what compile made of the project (runtime NetworkSpec + TrainingSpec + the data choice) and
which reset drew its first weights. Two setups are compared field by field, as a child changes them. Layers are
named by their place among the hidden layers ("layer 1" is the first one under the data); the last dense layer
holds the answer's own neurons and is called "the answer". Numbers are written plainly (0.00001, never 1e-05).
"""
from __future__ import annotations

from dataclasses import dataclass, replace


from runtime import DenseSpec, EpochStats, Message, NetworkSpec, TrainingSpec, plain_number

from ..document.catalog import BLOCK_TYPES, CHOICE_LABELS, NOISE, TEST
from ..document.data import DataChoice
from ..document.words import Label
from .texts import msg

KEEP = 3              # finished runs kept beside the current one (each keeps its colour while it is kept)
SETTINGS = ("optimizer", "learning_rate", "batch_size", "epochs", "l1", "l2", "seed")   # in a label's order
OTHER_LAYERS = {"dropout": "runs_name_dropout", "batchnorm": "runs_name_batchnorm",
                "activation": "runs_name_activation"}


@dataclass(frozen=True)
class Setup:
    """What a run trains: the compiled network, its settings and data, and the reset that drew its first weights."""

    spec: NetworkSpec
    training: TrainingSpec
    data: DataChoice | None
    resets: int = 0
    blocks: tuple[str, ...] = ()       # the layer blocks (another block, even alike, starts from other weights)

    @classmethod
    def of(cls, compiled, resets: int = 0) -> Setup:
        data = replace(compiled.data, block_id="") if compiled.data is not None else None
        return cls(compiled.spec, compiled.training, data, resets, tuple(compiled.layer_blocks))

    def same_start(self, other: Setup) -> bool:
        """Whether training `other` goes on from this run: the same in everything but the number of epochs."""
        return _no_epochs(self) == _no_epochs(other)


@dataclass(frozen=True)
class Run:
    """One try: what it trained, its loss and accuracy per epoch, and what changed from the try before it."""

    setup: Setup
    history: tuple[EpochStats, ...]
    label: Message
    colour: int = -1                   # which old-run colour its line has (0..KEEP-1); -1 for the current try

    @property
    def last(self) -> EpochStats | None:
        return self.history[-1] if self.history else None


def archived(runs: list[Run], setup: Setup, history: list[EpochStats], count: int) -> list[Run]:
    """The archive after the run of `setup` ended with `history` (the `count`-th run archived): the last KEEP."""
    if not history:
        return runs
    run = Run(setup, tuple(history), label(runs[-1].setup if runs else None, setup), count % KEEP)
    return (runs + [run])[-KEEP:]


# --- what changed --------------------------------------------------------------------------------------

def label(before: Setup | None, after: Setup) -> Message:
    """What changed from `before` to `after`, briefly: one or two changes named; of more, the first named and the
    others counted."""
    if before is None:
        return msg("runs_first")
    found = changes(before, after)
    if not found:
        if before.resets != after.resets:
            return msg("runs_new_start")
        return msg("runs_again") if before.blocks != after.blocks else msg("runs_going_on")
    if len(found) == 1:
        return found[0]
    if len(found) == 2:
        return msg("runs_and", first=found[0], second=found[1])
    return msg("runs_and_more", first=found[0], count=len(found) - 1)


def changes(before: Setup, after: Setup) -> list[Message]:
    """Every change a child made, network first, then the training settings, then the data."""
    return (_network(before.spec, after.spec) + _training(before.training, after.training)
            + _data(before.data, after.data))


def _network(a: NetworkSpec, b: NetworkSpec) -> list[Message]:
    out = _inputs(a, b)
    (hidden_a, answer_a), (hidden_b, answer_b) = _hidden(a), _hidden(b)
    if len(hidden_a) == len(hidden_b):
        for i, (x, y) in enumerate(zip(hidden_a, hidden_b)):
            out += _dense(msg("runs_layer", n=i + 1), x, y)
    else:
        out.append(_counted("runs_name_layer", len(hidden_b) - len(hidden_a)))
    if answer_a is not None and answer_b is not None:
        out += _dense(msg("runs_answer_layer"), answer_a, answer_b, units=False)   # its units follow the data
    out += _other_layers(a, b)
    if not out and a.output.kind != b.output.kind:
        out.append(msg("runs_layer_changed", layer=msg("runs_answer_layer")))
    if not out and a != b:
        out.append(msg("runs_network"))
    return out


def _hidden(spec: NetworkSpec) -> tuple[list[DenseSpec], DenseSpec | None]:
    """(the hidden dense layers, the last dense layer: the answer's neurons)."""
    dense = [layer for layer in spec.layers if isinstance(layer, DenseSpec)]
    return (dense[:-1], dense[-1]) if dense else ([], None)


def _dense(name: Message, x: DenseSpec, y: DenseSpec, units: bool = True) -> list[Message]:
    out = []
    if units and x.units != y.units:
        out.append(msg("runs_units", layer=name, old=x.units, new=y.units))
    ax, ay = x.uniform_activation(), y.uniform_activation()
    if ax != ay and ax is not None and ay is not None:
        out.append(msg("runs_activation", layer=name, old=_choice(ax), new=_choice(ay)))
    if x.init != y.init and ax == ay:          # ("auto" starts tanh and ReLU otherwise: the activation says it)
        out.append(msg("runs_init", layer=name, old=_choice(x.init), new=_choice(y.init)))
    if not out and (x.activations() != y.activations() or x.hand_set != y.hand_set):
        out.append(msg("runs_layer_changed", layer=name))     # one neuron's activation, hand-set weights, a lock
    return out


def _inputs(a: NetworkSpec, b: NetworkSpec) -> list[Message]:
    """Features switched on or off (2-D data); other inputs come with other data."""
    fa, fb = _features(a), _features(b)
    if fa is None or fb is None:
        return []
    return ([msg("runs_added", name=_choice(f)) for f in fb if f not in fa]
            + [msg("runs_removed", name=_choice(f)) for f in fa if f not in fb])


def _features(spec: NetworkSpec) -> list[str] | None:
    if spec.input.features is not None:
        return list(spec.input.features)
    return ["x1", "x2"] if spec.input.size == 2 else None


def _other_layers(a: NetworkSpec, b: NetworkSpec) -> list[Message]:
    """Dropout, batch normalization and activation blocks: added, taken away, or set otherwise."""
    out = []
    for kind, name in OTHER_LAYERS.items():
        la, lb = ([layer for layer in s.layers if layer.kind == kind] for s in (a, b))
        if len(la) != len(lb):
            out.append(_counted(name, len(lb) - len(la)))
            continue
        for x, y in zip(la, lb):
            if kind == "dropout" and x.rate != y.rate:
                out.append(msg("runs_dropout", old=_percent(x.rate), new=_percent(y.rate)))
            elif kind == "activation" and x.activation != y.activation:
                out.append(msg("runs_activation", layer=msg(name), old=_choice(x.activation),
                               new=_choice(y.activation)))
    return out


def _counted(name: str, n: int) -> Message:
    """"+ layer", "− dropout", "+ layer ×2"."""
    key = "runs_added" if n > 0 else "runs_removed"
    if abs(n) == 1:
        return msg(key, name=msg(name))
    return msg(key + "_many", name=msg(name), count=abs(n))


def _training(a: TrainingSpec, b: TrainingSpec) -> list[Message]:
    out = []
    for name in SETTINGS:
        x, y = getattr(a, name), getattr(b, name)
        if x != y:
            old, new = (_choice(x), _choice(y)) if name == "optimizer" else (plain(x), plain(y))
            out.append(msg("runs_setting", name=_setting_name(name), old=old, new=new))
    return out


def _setting_name(name: str) -> Message:
    if name == "seed":
        return msg("runs_name_seed")
    return Label("label", dict(BLOCK_TYPES["training_" + name].param(name).label))


def _data(a: DataChoice | None, b: DataChoice | None) -> list[Message]:
    """Noise, test share, a gate, drawn points; other data altogether is "other data". (The seed and the
    inputs are told with the training settings and the network.)"""
    if a is None or b is None:
        return [] if a is b else [msg("runs_other_data")]
    if a.kind == b.kind == "data_gate" and a.dataset != b.dataset:
        gate = Label("label", dict(BLOCK_TYPES["data_gate"].param("gate").label))
        return [msg("runs_data_value", name=gate, old=_choice(a.dataset), new=_choice(b.dataset))]
    if (a.kind, a.dataset, a.path, a.label_column, a.task) != (b.kind, b.dataset, b.path, b.label_column, b.task):
        return [msg("runs_other_data")]
    out = []
    for param, x, y in ((NOISE, a.noise, b.noise), (TEST, a.test_ratio, b.test_ratio)):
        if x != y:
            out.append(msg("runs_data_percent", name=Label("label", dict(param.label)), old=_percent(x),
                           new=_percent(y)))
    if (a.points or []) != (b.points or []):
        pa, pb = len(a.points or []), len(b.points or [])
        out.append(msg("runs_points", old=pa, new=pb) if pa != pb else msg("runs_other_data"))
    return out


# --- small words -------------------------------------------------------------------------------------

def plain(v) -> str:
    """A number as a person writes it: 10, 0.1, 0.00001, 1000000; never 1e-05 (the runtime's formatter)."""
    return plain_number(float(v))


def _percent(share: float) -> str:
    """A share 0..1 as percent, plainly: 0.2 -> "20"."""
    return plain(round(100 * share, 6))


def _choice(value: str) -> Message:
    return Label("label", dict(CHOICE_LABELS.get(value, {"en": value})))


def _no_epochs(s: Setup) -> Setup:
    return replace(s, training=s.training.model_copy(update={"epochs": 1}))
