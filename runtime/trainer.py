"""Training: one minibatch per call or whole epochs, seeded, with divergence caught and undone."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from .check import SpecError, training_mode, training_problems
from .datasets.base import Dataset
from .messages import Message, RuntimeProblem, msg
from .metrics import accuracy, confusion_matrix, predicted_classes
from .network import Network
from .optimizers import make_optimizer
from .spec import TrainingSpec

EVAL_CHUNK = 8192  # rows per forward pass when measuring a whole set


@dataclass(frozen=True)
class EpochStats:
    """Loss and accuracy after one epoch (accuracy is None for regression; test None without test data)."""

    epoch: int
    train_loss: float
    train_accuracy: float | None
    test_loss: float | None = None
    test_accuracy: float | None = None


@dataclass(frozen=True)
class Stop:
    """Why training stopped: epochs done, or diverged (parameters rolled back)."""

    reason: Literal["epochs", "diverged"]
    message: Message


@dataclass(frozen=True)
class StepResult:
    loss: float
    epoch: int                          # epochs completed so far
    epoch_stats: EpochStats | None = None  # set when this step finished an epoch
    stop: Stop | None = None


@dataclass
class _Snapshot:
    flat: np.ndarray
    bflat: np.ndarray


@dataclass
class Trainer:
    """Trains `network` on `train`; step() advances one minibatch, run_epoch() a whole epoch.

    Shuffling comes from settings.seed, so the same network seed and settings give bit-identical
    weights (with fixed_order, no shuffling: each epoch goes through the points as given). When a
    loss or a parameter becomes NaN or infinite, training stops, parameters, running statistics go
    back to the last good step, the optimizer starts afresh, and `stop` says why.
    """

    network: Network
    train: Dataset
    test: Dataset | None = None
    settings: TrainingSpec = field(default_factory=TrainingSpec)
    evaluate: bool = True  # measure train/test loss and accuracy after each epoch
    # Every epoch takes the points in the data's own order (no shuffling): the order an exported
    # Scratch project that learns follows, so that both give the same weights step by step.
    fixed_order: bool = False

    def __post_init__(self):
        net, s = self.network, self.settings
        found = training_problems(net.spec)
        if found:
            raise SpecError(found)
        self.mode = training_mode(net.spec)
        for data in filter(None, (self.train, self.test)):
            self._check_data(data)
        if len(self.train) == 0:
            raise RuntimeProblem(msg("data_too_small"))
        net.l1, net.l2 = s.l1, s.l2
        self.X, self.T = net.features(self.train.x), net.targets(self.train.y)
        self.optimizer = make_optimizer(s.optimizer, s.learning_rate)
        self.rng = np.random.default_rng([s.seed, 1])
        self.epoch, self.pos, self.steps = 0, 0, 0
        self.history: list[EpochStats] = []
        self.stop: Stop | None = None
        self._good = _Snapshot(net.flat.copy(), net.bflat.copy())
        self._test_cache = None

    def _check_data(self, data: Dataset) -> None:
        out = self.network.spec.output
        if data.n_inputs != self.network.spec.input.size:
            raise RuntimeProblem(msg("data_mismatch", got=data.n_inputs, want=self.network.spec.input.size))
        wants = "regress" if out.kind == "regress" else "classify"
        if data.task != wants:
            raise RuntimeProblem(msg("data_output_mismatch", data=msg("kind_" + ("regress" if data.task == "regress" else "classify")),
                                     output=msg("kind_" + out.kind)))
        n = data.y.shape[1] if data.task == "regress" else data.n_classes
        want = 2 if out.kind == "yes_no" else out.units
        if n != want:
            raise RuntimeProblem(msg("data_classes", got=n, want=want))

    def __repr__(self) -> str:
        return f"Trainer({self.settings.optimizer}, lr={self.settings.learning_rate}, epoch {self.epoch})"

    # --- stepping ---------------------------------------------------------------------

    def step(self) -> StepResult:
        """Learn from one minibatch; finishing an epoch also measures it."""
        if self.stop is not None:
            return StepResult(math.nan, self.epoch, stop=self.stop)
        if self.pos == 0:
            self.order = np.arange(len(self.X)) if self.fixed_order else self.rng.permutation(len(self.X))
        b = self.settings.batch_size
        rows = self.order[self.pos:self.pos + b]  # gathering per batch: no copy of the whole set per epoch
        x, t = self.X[rows], self.T[rows]
        with np.errstate(over="ignore", invalid="ignore"):  # overflow is caught below, as divergence
            loss = self._perceptron_step(x, t) if self.mode == "perceptron" else self._gradient_step(x, t)
        if self.stop is not None:
            return StepResult(loss, self.epoch, stop=self.stop)
        self.steps += 1
        self.pos += b
        if self.pos < len(self.X):
            return StepResult(loss, self.epoch)
        self.pos, self.epoch = 0, self.epoch + 1
        stats = self.measure() if self.evaluate else None
        if stats:
            self.history.append(stats)
        if self.epoch >= self.settings.epochs:
            self.stop = Stop("epochs", msg("trained_epochs", epochs=self.epoch))
        return StepResult(loss, self.epoch, stats, self.stop)

    def _gradient_step(self, x, t) -> float:
        net = self.network
        loss = net.loss_and_grad(x, t, train=True)
        if not math.isfinite(loss):
            self._diverged("diverged_nan" if math.isnan(loss) else "diverged_loss")
            return loss
        self._save()
        self.optimizer.update(net.params, net.grads)
        if not math.isfinite(float(np.add.reduce(net.flat))):  # NaN/inf anywhere makes the sum so
            self._diverged("diverged_params")
        return loss

    def _perceptron_step(self, x, t) -> float:
        """Rosenblatt's rule on the single step layer: w += lr * x^T (t - y) / N."""
        net = self.network
        affine = net.layers[0]
        y = net.head.predict(net.forward(x))
        err = (t - y) * (self.settings.learning_rate / len(t))  # (N, 1)
        mask = net.trainable if net.trainable is not None else 1.0
        net.gflat[...] = 0.0
        affine.grads["W"][...] = -(x.T @ err)  # (in, N) @ (N, 1)
        affine.grads["b"][...] = -err.sum(axis=0)
        net.flat -= net.gflat * mask
        return float(np.mean((y - t) ** 2))

    def _save(self) -> None:
        net, good = self.network, self._good
        np.copyto(good.flat, net.flat)
        np.copyto(good.bflat, net.bflat)

    def _diverged(self, what: str) -> None:
        net, good = self.network, self._good
        np.copyto(net.flat, good.flat)
        np.copyto(net.bflat, good.bflat)
        # The optimizer's memory (momentum, Adam's averages) saw the exploding gradients: start it afresh.
        self.optimizer = make_optimizer(self.settings.optimizer, self.settings.learning_rate)
        self.stop = Stop("diverged", msg("diverged_lr", what=msg(what)))

    def run_epoch(self) -> EpochStats | None:
        """Steps until the current epoch ends (or training stops); its stats, if measured."""
        start = self.epoch
        while self.stop is None and self.epoch == start:
            result = self.step()
        return result.epoch_stats if self.epoch != start else None

    def run(self, epochs: int | None = None) -> list[EpochStats]:
        """Run `epochs` more epochs (default: until settings.epochs); the stats measured meanwhile."""
        end = self.settings.epochs if epochs is None else self.epoch + epochs
        first = len(self.history)
        while self.stop is None and self.epoch < end:
            self.run_epoch()
        return self.history[first:]

    # --- measuring --------------------------------------------------------------------

    def _prepared(self, data: Dataset) -> tuple[np.ndarray, np.ndarray]:
        if data is self.train:
            return self.X, self.T
        if self._test_cache is None or self._test_cache[0] is not data:
            net = self.network
            self._test_cache = (data, net.features(data.x), net.targets(data.y))
        return self._test_cache[1], self._test_cache[2]

    def _run(self, data: Dataset) -> tuple[float, np.ndarray]:
        """(mean data loss, outputs) over a whole dataset, in chunks, as when running (no dropout)."""
        net = self.network
        X, T = self._prepared(data)
        total, outs = 0.0, []
        for i in range(0, len(X), EVAL_CHUNK):
            z = net.forward(X[i:i + EVAL_CHUNK])
            total += net.head.forward(z, T[i:i + EVAL_CHUNK]) * len(z)
            outs.append(net.head.predict(z))
        return total / max(len(X), 1), np.concatenate(outs) if outs else np.empty((0, 1))

    def outputs(self, data: Dataset) -> np.ndarray:
        """The network's answers for every point of `data`."""
        return self._run(data)[1]

    def evaluate_on(self, data: Dataset) -> tuple[float, float | None]:
        """(data loss, accuracy) on a whole dataset, without dropout and with running statistics."""
        loss, out = self._run(data)
        kind = self.network.spec.output.kind
        return loss, None if kind == "regress" else accuracy(out, data.y, kind)

    def measure(self) -> EpochStats:
        loss, acc = self.evaluate_on(self.train)
        test_loss = test_acc = None
        if self.test is not None and len(self.test):
            test_loss, test_acc = self.evaluate_on(self.test)
        return EpochStats(self.epoch, loss, acc, test_loss, test_acc)

    def confusion(self, which: Literal["train", "test"] = "test") -> np.ndarray:
        """Rows: the true class; columns: the class the network chose."""
        data = self.test if which == "test" and self.test is not None else self.train
        kind = self.network.spec.output.kind
        n = 2 if kind == "yes_no" else self.network.spec.output.units
        return confusion_matrix(data.y, predicted_classes(self.outputs(data), kind), n)


def train(spec, train_data: Dataset, test_data: Dataset | None = None,
          settings: TrainingSpec | None = None, dtype=np.float64) -> Trainer:
    """Build a network from `spec` with the settings' seed and a trainer for it, ready to step."""
    settings = settings or TrainingSpec()
    return Trainer(Network(spec, seed=settings.seed, dtype=dtype), train_data, test_data, settings)
