"""The learning coach: when a network is not learning well, one sentence on why and the block to change.

It reads the training history (loss and accuracy per epoch) and the network itself (each hidden neuron's
outputs on the training points, how far the weights moved from where they started), and holds the network
against two yardsticks measured on the data: what a straight line reaches (least squares on the network's
inputs) and what a curve reaches (each point answered by its nearest neighbours). Headless: the lab shows
the advice and marks its block, the command line prints it. A healthy run gets no advice.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from runtime import ActivationSpec, DenseSpec, EpochStats, Message, Network, Stop, TrainingSpec, training_mode
from runtime.datasets import Dataset

from ..document.catalog import block_type
from ..document.fields import show_number
from .texts import msg

MIN_EPOCHS = 3        # fewer epochs than this say too little (except a blow-up, said at once)
GOOD = 0.97           # a score (accuracy, or the share of the numbers' spread explained) this high is learned
CLOSE = 0.03          # ... and so is one this close to what a curve reaches on the data (noisy data)
BEHIND = 0.1          # "well below": this far under a yardstick
OVERFIT = 0.15        # the training score this far above the test score: learned by heart
JUMP = 1.3            # an epoch whose loss is this many times the last one's is a jump
STILL = 0.05          # as many epochs again at the recent pace take off this share of the loss: falling
RISE = 0.02           # ... and add this much to the score
HARDLY = 0.05         # the weights moved less than this share of their size: nothing moves
DEAD_SHARE = 0.5      # this share of a layer's ReLU neurons off on every point is worth saying
NEIGHBOURS = 5        # the curve yardstick answers each point by this many nearest others
FEW_POINTS = 20       # with fewer points a curve can always separate them: the yardstick is 1
SAMPLE = 600          # points the yardsticks and the neuron check look at, at most (a fixed sample)
RATE = block_type("training_learning_rate").param("learning_rate")   # its bounds bound what the coach suggests
EPOCHS = block_type("training_epochs").param("epochs")


@dataclass(frozen=True)
class Advice:
    """What the coach says: one sentence, and the block to change (None: a block to add)."""

    case: str                 # one of CASES' names without "_", or "diverged" (the runtime's blow-up)
    message: Message
    block_id: str | None


@dataclass(frozen=True)
class Targets:
    """The blocks the coach can point at, read from the project."""

    layers: tuple[str, ...]                 # spec.layers[i] came from layers[i] (Compiled.layer_blocks)
    data: str | None = None                 # the data hat
    answer: str | None = None               # the network script's last block
    training: str | None = None             # the training script's hat
    settings: dict[str, str] = field(default_factory=dict)   # "learning_rate", "epochs", ... -> its block


def targets(project, compiled) -> Targets:
    """The network's blocks and the training script's, as compile reads them (the last setting block wins)."""
    script = project.scripts[compiled.script_index].blocks if compiled.script_index is not None else []
    hat = next((s.blocks for s in project.scripts if s.blocks and s.blocks[0].type == "training_start"), [])
    settings = {b.type.removeprefix("training_"): b.id for b in hat[1:] if b.type.startswith("training_")}
    return Targets(tuple(compiled.layer_blocks), compiled.data.block_id if compiled.data else None,
                   script[-1].id if script else None, hat[0].id if hat else None, settings)


@dataclass(frozen=True)
class _Run:
    """What the cases read: the scores per epoch, the yardsticks, the neurons and the settings."""

    loss: list[float]                 # training loss per epoch
    score: list[float]                # training accuracy (or share of the spread explained) per epoch
    test: list[float] | None          # the same on the test data
    line: float                       # what a straight line reaches on the training data
    curve: float                      # what a curve reaches
    linear: bool                      # the network can only draw a straight line
    dead: list[tuple[int, int, int, int]]   # per hidden ReLU layer: (spec layer, off now, died in training, ReLU count)
    moved: float | None               # how far the weights moved, as a share of their size at the start
    hidden: list[tuple[int, int]]     # (spec layer, units) of each hidden dense layer
    training: TrainingSpec
    finished: bool                    # training ran to its last epoch
    gradient: bool                    # it learns by gradient steps (the perceptron rule's loss is a share wrong,
                                      # and its steps are right whatever the rate: no rate advice for it)

    @property
    def now(self) -> float:
        """The training score now, over the last few epochs (one epoch's accuracy jitters)."""
        return float(np.mean(self.score[-3:]))

    @property
    def learned(self) -> bool:
        return self.now >= min(GOOD, self.curve - CLOSE)


def advise(history: list[EpochStats], network: Network, training: TrainingSpec, train: Dataset, where: Targets,
           start: np.ndarray | None = None, stop: Stop | None = None) -> Advice | None:
    """The one piece of advice that helps most, or None when the run is healthy (or too short to tell).

    `start` is the network's flat weights when the history began (to see what moved and which neurons died);
    `stop` says why training ended (None while it goes on)."""
    if stop is not None and stop.reason == "diverged":   # a blow-up: the runtime's sentence, on the rate's block
        return Advice("diverged", stop.message, _rate_block(where))
    if len(history) < MIN_EPOCHS or not all(math.isfinite(h.train_loss) for h in history):
        return None
    with np.errstate(all="ignore"):   # weights blown up by a big rate overflow the forward pass: that is no error
        run = _measure(history, network, training, train, start, stop is not None)
    for case in CASES:
        advice = case(run, where)
        if advice is not None:
            return advice
    return None


# --- the cases, most useful first ------------------------------------------------------------------

def _rate_dead(run: _Run, where: Targets) -> Advice | None:
    """Most of a layer's neurons were on at the start and are off on every point now: steps too big."""
    for _, off, died, count in run.dead:
        if run.gradient and not run.learned and died >= max(1, DEAD_SHARE * count):
            return _rate("rate_dead", where, _rate_down(run.training), dead=off, total=count)
    return None


def _line(run: _Run, where: Targets) -> Advice | None:
    """Only a straight line, on data that needs a curve, and no longer getting better."""
    if run.linear and not run.learned and run.curve - run.line >= BEHIND and run.curve - run.now >= BEHIND \
            and not _improving(run):
        return Advice("line", msg("coach_line"), where.answer)
    return None


def _rate_jumps(run: _Run, where: Targets) -> Advice | None:
    """The loss jumps up again and again, or ends far above its best."""
    loss = run.loss
    jumps = sum(1 for a, b in zip(loss, loss[1:]) if b > a * JUMP and b - a > 0.02)
    if not run.gradient or run.learned or not (jumps >= max(2, len(loss) // 10) or loss[-1] > 2 * min(loss) + 0.05):
        return None
    return _rate("rate_jumps", where, _rate_down(run.training))


def _dead(run: _Run, where: Targets) -> Advice | None:
    """Many of a layer's ReLU neurons are off for every training point, so they never learn."""
    for layer, off, _, count in run.dead:
        if not run.learned and off >= max(1, DEAD_SHARE * count):
            return Advice("dead", msg("coach_dead", dead=off, total=count), where.layers[layer])
    return None


def _rate_small(run: _Run, where: Targets) -> Advice | None:
    """The weights hardly moved and the score hardly rose: every step is tiny."""
    if not run.gradient or run.learned or run.moved is None or run.moved >= HARDLY \
            or max(run.score) - run.score[0] >= BEHIND:
        return None
    return _rate("rate_small", where, _rate_up(run.training, run.moved))


def _overfit(run: _Run, where: Targets) -> Advice | None:
    """Much better on the training points than on the test points."""
    if run.test is None or np.mean(run.score[-3:]) - np.mean(run.test[-3:]) < OVERFIT:
        return None
    biggest = max(run.hidden, key=lambda h: h[1], default=None)
    return Advice("overfit", msg("coach_overfit"), where.layers[biggest[0]] if biggest else where.data)


def _small(run: _Run, where: Targets) -> Advice | None:
    """Learning has stopped well below what a curve reaches, with neurons that work: too few of them."""
    if not run.hidden or run.learned or run.curve - run.now < BEHIND or _improving(run):
        return None
    fewest = min(run.hidden, key=lambda h: h[1])
    return Advice("small", msg("coach_small"), where.layers[fewest[0]])


def _longer(run: _Run, where: Targets) -> Advice | None:
    """Training ended while the loss still went down."""
    if not run.finished or run.learned or not _improving(run):
        return None
    epochs = int(min(EPOCHS.max, 2 * max(run.training.epochs, len(run.loss))))
    block = where.settings.get("epochs")
    fix = msg("coach_fix_epochs" if block else "coach_add_epochs", epochs=epochs)
    return Advice("longer", msg("coach_longer", fix=fix), block or where.training)


CASES = (_rate_dead, _line, _rate_jumps, _dead, _rate_small, _overfit, _small, _longer)


def _rate(case: str, where: Targets, rate: float, **params) -> Advice:
    block = where.settings.get("learning_rate")
    fix = msg("coach_fix_rate" if block else "coach_add_rate", rate=show_number(rate))
    return Advice(case, msg("coach_" + case, fix=fix, **params), _rate_block(where))


def _rate_block(where: Targets) -> str | None:
    return where.settings.get("learning_rate") or where.training


def _rate_down(training: TrainingSpec) -> float:
    """A power of ten at least three times smaller: 10 -> 1, 3 -> 0.1, 0.5 -> 0.1."""
    return max(RATE.min, 10.0 ** math.floor(math.log10(training.learning_rate) - 0.5))


def _rate_up(training: TrainingSpec, moved: float) -> float:
    """A power of ten bigger, by as much as the weights need to move a tenth of their size (10x to 1000x)."""
    factor = min(1000.0, max(10.0, 0.1 / max(moved, 1e-12)))
    return min(RATE.max, 10.0 ** math.ceil(math.log10(training.learning_rate * factor) - 1e-9))


def _improving(run: _Run) -> bool:
    """Still learning: as many epochs again, at the pace of the last half, would take off a real share of the loss
    and raise the score. (A loss that creeps down while the score stays put is not learning any more.)"""
    half = len(run.loss) // 2
    if len(run.loss) - half < 3:
        return False
    loss, score = _trend(run.loss[half:]) * len(run.loss), _trend(run.score[half:]) * len(run.loss)
    return -loss >= STILL * float(np.mean(run.loss[-3:])) and score >= RISE


def _trend(values: list[float]) -> float:
    """The slope of a straight line fitted to the values, per epoch: one bumpy epoch does not hide the trend."""
    return float(np.polyfit(np.arange(len(values)), values, 1)[0])


# --- measuring -------------------------------------------------------------------------------------

def _measure(history, network: Network, training: TrainingSpec, train: Dataset, start, finished: bool) -> _Run:
    spec = network.spec
    x, y = _sample(train)
    line, curve, spread = _yardsticks(network.features(x), y, train.task)
    score = [_score(h.train_loss, h.train_accuracy, spread) for h in history]
    test = None
    if all(h.test_loss is not None for h in history):
        test = [_score(h.test_loss, h.test_accuracy, spread) for h in history]
    last = max((i for i, ls in enumerate(spec.layers) if isinstance(ls, DenseSpec)), default=-1)
    hidden = [(i, ls.units) for i, ls in enumerate(spec.layers[:last]) if isinstance(ls, DenseSpec)]
    moved = None
    if start is not None and start.shape == network.flat.shape:
        moved = float(np.linalg.norm(network.flat - start) / max(float(np.linalg.norm(start)), 1e-12))
    return _Run([h.train_loss for h in history], score, test, line, curve, _linear(spec, last),
                _dead_neurons(network, x, start, last), moved, hidden, training, finished,
                training_mode(spec) == "gradient")


def _score(loss: float, accuracy: float | None, spread: float) -> float:
    """Accuracy; for numbers the share of their spread the network explains (1 - loss / the mean's loss)."""
    if accuracy is not None:
        return accuracy
    return 1.0 - loss / spread if spread > 0 else 1.0


def _sample(data: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """At most SAMPLE points of the data, always the same ones."""
    if len(data) <= SAMPLE:
        return data.x, data.y
    pick = np.random.default_rng(0).choice(len(data), SAMPLE, replace=False)
    return data.x[pick], data.y[pick]


_yardstick_cache: list = []   # [(features, answers, result)] of the last data measured: once per data, not per epoch


def _yardsticks(X: np.ndarray, y: np.ndarray, task: str) -> tuple[float, float, float]:
    """(what a line reaches, what a curve reaches, the loss of always answering the mean) on these points."""
    for X0, y0, result in _yardstick_cache:
        if X0.shape == X.shape and np.array_equal(X0, X) and np.array_equal(y0, y):
            return result
    regress = task == "regress"
    Y = y.reshape(len(y), -1).astype(float) if regress else np.eye(int(y.max()) + 1)[y.astype(int).reshape(-1)]
    spread = float(0.5 * np.sum(Y.var(axis=0))) if regress else 0.0
    A = np.c_[X, np.ones(len(X))]                                   # (N, d + 1)
    fit = A @ np.linalg.lstsq(A, Y, rcond=None)[0]                  # (N, d + 1) @ (d + 1, k) -> (N, k)
    result = (_judge(fit, Y, regress), _judge(_neighbours(X, Y), Y, regress) if len(X) >= FEW_POINTS else 1.0,
              spread)
    _yardstick_cache[:] = [(X.copy(), y.copy(), result)]
    return result


def _neighbours(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Each point answered by the mean of its nearest others' answers (itself left out), inputs scaled alike."""
    Z = (X - X.mean(axis=0)) / (X.std(axis=0) + 1e-12)
    sq = (Z * Z).sum(axis=1)
    d = sq[:, None] + sq[None, :] - 2 * Z @ Z.T                     # (N, N) squared distances
    np.fill_diagonal(d, np.inf)
    near = np.argpartition(d, NEIGHBOURS, axis=1)[:, :NEIGHBOURS]  # (N, k)
    return Y[near].mean(axis=1)                                     # (N, k, classes) -> (N, classes)


def _judge(guess: np.ndarray, Y: np.ndarray, regress: bool) -> float:
    """Accuracy of one-hot guesses, or for numbers the share of their spread explained."""
    if not regress:
        return float(np.mean(guess.argmax(axis=1) == Y.argmax(axis=1)))
    total = float(np.sum((Y - Y.mean(axis=0)) ** 2))
    return 1.0 - float(np.sum((guess - Y) ** 2)) / total if total > 0 else 1.0


def _linear(spec, last: int) -> bool:
    """No bend before the last dense layer: whatever comes after it, the network's border is a straight line."""
    for ls in spec.layers[:max(last, 0)]:
        acts = ls.activations() if isinstance(ls, DenseSpec) else [ls.activation] if isinstance(ls, ActivationSpec) \
            else []
        if set(acts) - {"identity"}:
            return False
    return True


def _dead_neurons(network: Network, x: np.ndarray, start, last: int) -> list[tuple[int, int, int, int]]:
    """(spec layer, ReLU neurons off on every point, how many of them were on at the start, ReLU neurons) for
    each hidden layer that has learnable ReLU neurons."""
    columns = _relu_columns(network.spec, last)
    if not columns:
        return []
    now = network.trace(x).layers
    before = None
    if start is not None and start.shape == network.flat.shape:
        first = Network(network.spec, dtype=network.dtype)
        first.flat[...] = start
        first.bflat[...] = network.bflat
        before = first.trace(x).layers
    out = []
    for i, cols in columns:
        off = np.asarray(now[i])[:, cols].max(axis=0) <= 0
        was_on = np.asarray(before[i])[:, cols].max(axis=0) > 0 if before is not None else np.zeros_like(off)
        out.append((i, int(off.sum()), int((off & was_on).sum()), len(cols)))
    return out


def _relu_columns(spec, last: int) -> list[tuple[int, list[int]]]:
    """(spec layer, its learnable ReLU neurons) for the layers before the last dense one."""
    out, width = [], spec.input.width
    for i, ls in enumerate(spec.layers[:max(last, 0)]):
        if isinstance(ls, DenseSpec):
            frozen = ls.frozen()
            cols = [j for j, a in enumerate(ls.activations()) if a == "relu" and not frozen[j]]
            width = ls.units
        else:
            cols = list(range(width)) if isinstance(ls, ActivationSpec) and ls.activation == "relu" else []
        if cols:
            out.append((i, cols))
    return out
