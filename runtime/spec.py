"""The network contract: pydantic models that describe a network, independent of blocks and pyglet."""
from __future__ import annotations

from typing import Annotated, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Field

Activation = Literal["identity", "step", "sigmoid", "tanh", "relu", "leaky_relu", "softmax"]
Init = Literal["he", "xavier", "uniform", "zeros"]
# TensorFlow Playground's input features; sin takes radians.
Feature = Literal["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin_x1", "sin_x2"]
Optimizer = Literal["sgd", "momentum", "adagrad", "rmsprop", "adam"]
OutputKind = Literal["classify", "yes_no", "regress"]

ACTIVATIONS: tuple[str, ...] = get_args(Activation)
FEATURES: tuple[str, ...] = get_args(Feature)
OPTIMIZERS: tuple[str, ...] = get_args(Optimizer)

MAX_UNITS = 4096
MAX_INPUTS = 4096


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InputSpec(_Model):
    """What goes into the network."""

    size: int = Field(ge=1, le=MAX_INPUTS)
    """How many raw inputs each point has (2 for the 2-D sets, 64 for 8x8 digits)."""
    features: list[Feature] | None = None
    """Features derived from two raw inputs x1, x2, in this order; None feeds the raw inputs."""

    @property
    def width(self) -> int:
        """How many numbers reach the first layer."""
        return len(self.features) if self.features is not None else self.size


class HandSetNeuron(_Model):
    """Weights and bias a child typed into one neuron."""

    weights: list[float]
    """One weight per input of the layer."""
    bias: float = 0.0
    """The neuron's bias."""
    frozen: bool = True
    """A locked neuron keeps these values while the rest of the network learns."""


class DenseSpec(_Model):
    """A fully connected layer (the book's Affine) followed by its activation."""

    kind: Literal["dense"] = "dense"
    units: int = Field(ge=1, le=MAX_UNITS)
    """How many neurons the layer has."""
    activation: Activation | list[Activation] = "identity"
    """One activation for the whole layer, or one per neuron."""
    init: Init = "he"
    """How the weights start before learning."""
    hand_set: list[HandSetNeuron | None] | None = None
    """Per neuron: hand-set weights and bias, or None to start from `init`."""

    def activations(self) -> list[str]:
        """The activation of each neuron."""
        a = self.activation
        return list(a) if isinstance(a, list) else [a] * self.units

    def uniform_activation(self) -> str | None:
        """The layer's activation when all neurons share it, else None."""
        acts = set(self.activations())
        return acts.pop() if len(acts) == 1 else None

    def frozen(self) -> list[bool]:
        """Whether each neuron's weights are locked."""
        hs = self.hand_set or [None] * self.units
        return [bool(h is not None and h.frozen) for h in hs] + [False] * (self.units - len(hs))


class ActivationSpec(_Model):
    """An activation on its own, applied to every number that reaches it."""

    kind: Literal["activation"] = "activation"
    activation: Activation
    """Which function."""


class DropoutSpec(_Model):
    """Randomly silences neurons while learning (inverted dropout: nothing changes when running)."""

    kind: Literal["dropout"] = "dropout"
    rate: float = Field(default=0.5, ge=0.0, lt=1.0)
    """The fraction of numbers set to zero in each training step."""


class BatchNormSpec(_Model):
    """Batch normalization, as in the book's BatchNormalization layer."""

    kind: Literal["batchnorm"] = "batchnorm"
    momentum: float = Field(default=0.9, gt=0.0, lt=1.0)
    """How slowly the running mean and variance follow each batch."""
    eps: float = Field(default=1e-5, gt=0.0, le=1.0)
    """Added to the variance before the square root."""


LayerSpec = Annotated[
    Union[DenseSpec, ActivationSpec, DropoutSpec, BatchNormSpec], Field(discriminator="kind")
]


class OutputSpec(_Model):
    """How the last layer's numbers become an answer, and the loss that judges it."""

    kind: OutputKind
    """classify: softmax + cross-entropy; yes_no: sigmoid + binary cross-entropy;
    regress: the numbers themselves + mean squared error."""
    units: int = Field(default=1, ge=1, le=MAX_UNITS)
    """Classes for classify, 1 for yes_no, targets for regress; the last layer must have this many."""


class NetworkSpec(_Model):
    """A whole network: input, layers top to bottom, output."""

    input: InputSpec
    """The input."""
    layers: list[LayerSpec] = Field(default_factory=list)
    """The layers in the order data flows through them."""
    output: OutputSpec
    """The output and its loss."""


class TrainingSpec(_Model):
    """How a network learns."""

    # The defaults are what a project without a training script gets; benchmarks/bench_defaults.py measured
    # them with the palette's default blocks (every built-in 2-D set learns, each seed).
    optimizer: Optimizer = "adam"
    """The update rule."""
    learning_rate: float = Field(default=0.03, gt=0.0, le=100.0)
    """How big each step is."""
    batch_size: int = Field(default=32, ge=1, le=1_000_000)
    """How many points each step looks at."""
    epochs: int = Field(default=200, ge=1, le=1_000_000)
    """Stop after this many passes over the training data."""
    l1: float = Field(default=0.0, ge=0.0, le=100.0)
    """L1 regularization rate (on weights, not biases)."""
    l2: float = Field(default=0.0, ge=0.0, le=100.0)
    """L2 regularization rate, the book's weight decay (on weights, not biases)."""
    seed: int = Field(default=0, ge=0, le=2**63 - 1)
    """Starts the random numbers: the same seed gives the same weights, bit for bit."""
