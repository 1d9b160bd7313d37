"""The training lab: ▶ trains the compiled network in slices between frames, headless (no pyglet).

The project document stays the one source of truth. The lab keeps a live runtime Network that
mirrors `project.trained`; while it trains, the weights change only in the lab, and each stretch of
training (▶ … ⏸, one step, a reset) is written back as one undoable edit. Undo, a hand-typed weight
or a changed network reach the lab through the editor's version: `sync()` notices and rebuilds.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, replace
from typing import Callable, Literal

from runtime import EpochStats, Message, Network, NetworkSpec, RuntimeProblem, Trainer, TrainingSpec, training_mode
from runtime.datasets import Dataset
from sb3_export import ExportProblem, ToyData, check_learn

from ..document import weights
from ..document.data import DataChoice, load_data
from ..document.edits import block_at, find
from ..editor.editor import Editor
from .coach import Advice, advise, targets
from .runs import Run, Setup, archived, label as run_label
from .texts import msg

Status = Literal["blocked", "ready", "running", "paused", "done", "diverged"]

# Speeds, per tick (one frame of the window): (milliseconds of training at most, what ends the tick early).
# "slow" does one minibatch per tick so a child can watch every step; "normal" at most one epoch per
# tick, about as TensorFlow Playground animates; "fast" trains as much as fits and still leaves room
# for 30 frames a second (at 22 ms the spiral drew 23-25 frames/s, at 14 ms 34, bench_stage.py --learn).
SPEEDS: dict[str, tuple[float, str | None]] = {"slow": (10.0, "step"), "normal": (10.0, "epoch"),
                                               "fast": (14.0, None)}
MAX_STEPS_PER_TICK = 2000
COACH_AFTER = 5     # epochs before the coach says anything while training runs


@dataclass(frozen=True)
class _Built:
    """What the live network was built from; a change to any of it means a new network."""

    spec: str
    data: tuple
    layer_blocks: tuple[str, ...]


@dataclass(frozen=True)
class ExportSource:
    """What "Export to Scratch" writes: the network as the stage shows it (Lab.export_source)."""

    spec: NetworkSpec
    params: list[dict]          # Network.params_by_layer() of the network as the editor shows it
    data: ToyData | None        # the training data for the toy's stage (None when it cannot be loaded)
    name: str                   # the project's name, for the default file name ("" -> a catalog default)
    training: TrainingSpec | None = None   # the training settings, for a project that learns inside Scratch too
    learn_problem: Message | None = None   # why it cannot learn inside Scratch (None: it can)
    trained: bool = True        # False: it has not learned yet, and can only be exported with learning


class Lab:
    """Training controls and the live network for one editor."""

    def __init__(self, editor: Editor, clock: Callable[[], float] = time.perf_counter):
        self.editor = editor
        self.clock = clock
        self.speed = "normal"
        self.status: Status = "blocked"
        self.message: Message | None = None     # what the lab last said (trained, diverged, stopped)
        self.network: Network | None = None
        self.trainer: Trainer | None = None
        self.train_set: Dataset | None = None
        self.test_set: Dataset | None = None
        self.history: list[EpochStats] = []
        self.epoch = 0
        self.version = 0                        # bumps whenever weights or history change: views redraw
        self.resets = 0                         # each reset draws other random weights, reproducibly
        self._built: _Built | None = None
        self._settings_key: str | None = None
        self._seen_version = None
        self._seen_trained: tuple = ()
        self._data_cache: tuple | None = None
        self._uncommitted = False
        self._project = None                    # the project trained on; another one starts from nothing
        self._advice: Advice | None = None      # the coach's last advice shown (see `advice`)
        self._coached: tuple = (0, None)        # (epochs, advice) of the coach's last look while training
        self._start = None                      # the weights the history started from, for the coach
        self.runs: list[Run] = []               # the last finished or stopped tries, oldest first (runs.py)
        self._setup: Setup | None = None        # what the current try trains: its label, and whether ▶ goes on
        self._archived = 0                      # tries archived so far (each keeps its colour)
        self._tries: tuple = (None, [])         # (what it was made of, tries())
        self.sync()

    # --- what the lab trains ----------------------------------------------------------------

    @property
    def compiled(self):
        return self.editor.compiled()

    @property
    def epochs(self) -> int:
        return self.compiled.training.epochs

    def can_train(self) -> bool:
        return self.status != "blocked" and self.network is not None and self._learns()

    def _learns(self) -> bool:
        """Whether the network has anything to learn (hand-set gates with locked weights do not)."""
        c = self.compiled
        return (c.spec is not None and training_mode(c.spec) != "none"
                and not any(p.severity == "error" for p in c.training_problems))

    def sync(self) -> None:
        """Follow the document: a changed network stops training and rebuilds; changed weights load."""
        e = self.editor
        if self._seen_version == e.version:
            return
        self._seen_version = e.version
        if e.project is not self._project:
            self._forget(e.project)
        c = self.compiled
        why = self._why_not(c)
        if why is not None:
            self._stop_for_edit()
            self._drop(why)
            return
        built = _Built(c.spec.model_dump_json(), _data_key(c.data), tuple(c.layer_blocks))
        settings_key = c.training.model_dump_json()
        if built != self._built:
            was_running = self._stop_for_edit()
            try:
                self._build(c, built)
            except RuntimeProblem as problem:
                self._drop(problem.message)
                return
            self._uncommitted = False   # the network it trained is gone; the document's weights loaded
            if was_running:
                self.message = msg("lab_stopped_for_edit")
        elif settings_key != self._settings_key:
            was_running = self._stop_for_edit()
            self.commit()               # what was learned with the old settings stays, as its own step
            self.trainer = self._new_trainer(keep_progress=True)
            if self.status in ("done", "diverged"):   # the new settings may go on from here
                self.status = "paused"
            self.message = msg("lab_stopped_for_edit") if was_running else self._learn_problem()
            if self.history and not self._goes_on():
                self.message = msg("runs_next_try")    # (stopped:) ▶ starts a new try; this one stays on the chart
        elif self._trained_objects() != self._seen_trained and self.status != "running":
            self._load_weights()
        self._settings_key = settings_key

    def _forget(self, project) -> None:
        """New, Open, an example: no epoch, chart, message or unsaved weights of the last project stay."""
        self._project = project
        self.status, self.message = "blocked", None
        self.history, self.epoch, self.resets = [], 0, 0
        self.runs, self._setup, self._archived, self._tries = [], None, 0, (None, [])
        self._built = self._settings_key = None
        self._uncommitted = False

    def _why_not(self, c) -> Message | None:
        if c.spec is None or not c.ok:
            errors = [p for p in c.problems if p.severity == "error"]
            if len(errors) == 1:      # one thing to fix: say it ("Draw some points first.")
                return errors[0].message
            return msg("lab_fix_first", count=max(len(errors), 1))
        return None

    def _drop(self, why: Message) -> None:
        self.status, self.message = "blocked", why
        self.network = self.trainer = None
        self.train_set = self.test_set = None    # the stage shows no data it could not train on
        self._built = None
        self._settings_key = None
        self.version += 1

    def _stop_for_edit(self) -> bool:
        """Stop training because the document changed under it; keeps what was learned so far."""
        if self.status != "running":
            return False
        self.status = "paused"
        return True

    def _data(self, choice: DataChoice) -> tuple[Dataset, Dataset]:
        key = _data_key(choice)
        if self._data_cache is None or self._data_cache[0] != key:
            self._data_cache = (key, *load_data(choice))
        return self._data_cache[1], self._data_cache[2]

    def _build(self, c, built: _Built) -> None:
        self.train_set, self.test_set = self._data(c.data)
        self.network = Network(c.spec, seed=self._seed(c))
        self._built = built
        self._archive()                 # the network changed: the last try stays on the chart
        self.history, self.epoch = [], 0
        self._setup = self._setup or Setup.of(c, self.resets)
        self._load_weights()
        self.trainer = self._new_trainer(keep_progress=False)
        self.status = "ready"
        self.message = self._learn_problem()

    def _learn_problem(self) -> Message | None:
        """None when the network can learn, else why not (what the lab says when it is built)."""
        return None if self._learns() else self._cannot_learn()

    def _cannot_learn(self) -> Message:
        problems = [p for p in self.compiled.training_problems if p.severity == "error"]
        return problems[0].message if problems else msg("lab_nothing_to_learn")

    def _seed(self, c) -> int:
        return c.training.seed + 7919 * self.resets

    def _new_trainer(self, keep_progress: bool) -> Trainer | None:
        c = self.compiled
        if not self._learns():
            return None
        settings = c.training
        if keep_progress and self.epoch >= settings.epochs:
            settings = settings.model_copy(update={"epochs": self.epoch + settings.epochs})
        test = self.test_set if self.test_set is not None and len(self.test_set) else None
        trainer = Trainer(self.network, self.train_set, test, settings)
        if keep_progress:
            trainer.epoch, trainer.history = self.epoch, self.history
        else:
            self.history = trainer.history
            self._start, self._coached = self.network.flat.copy(), (0, None)
        return trainer

    def _trained_objects(self) -> tuple:
        trained = self.editor.project.trained
        return tuple(trained.get(b) for b in self.compiled.layer_blocks)

    def _load_weights(self) -> None:
        """Set the live network to the document's trained weights; layers without them start fresh."""
        c = self.compiled
        fresh = Network(c.spec, seed=self._seed(c)).params_by_layer()   # for layers the document has no weights for
        weights.load(self.network, self.editor.project.trained, c, start=fresh)
        self._seen_trained = self._trained_objects()
        self.version += 1

    # --- the buttons --------------------------------------------------------------------------

    def play(self) -> None:
        self.sync()
        if not self.can_train() or self.status == "running":
            return
        self._begin()
        self._ready_trainer()
        self.status, self.message = "running", None

    def pause(self) -> None:
        if self.status == "running":
            self.status = "paused"
            self.commit()

    def toggle(self) -> None:
        self.pause() if self.status == "running" else self.play()

    def step_batch(self) -> None:
        """One minibatch: the smallest step a child can watch."""
        self._step(lambda t: t.step())

    def step_epoch(self) -> None:
        """One pass over all the training data."""
        self._step(lambda t: t.run_epoch())

    def _step(self, advance) -> None:
        self.sync()
        if not self.can_train():
            return
        self.pause()
        self._begin()
        self._ready_trainer()
        advance(self.trainer)
        self.status = "paused"
        self._after_steps()
        self.commit()

    def reset(self) -> None:
        """Start again from new random weights (reproducible: the n-th reset of a seed is always the same)."""
        self.sync()
        if self.network is None:
            return
        self.status = "paused" if self.status == "running" else self.status
        self._archive()
        self.resets += 1
        c = self.compiled
        self.network.load_params(Network(c.spec, seed=self._seed(c)).params_by_layer())
        self.history, self.epoch = [], 0
        self._setup = Setup.of(c, self.resets)
        self.trainer = self._new_trainer(keep_progress=False)
        self.status, self.message = "ready", None
        self._uncommitted = True
        self.commit(label="edit_reset_weights")
        self.version += 1

    # --- tries side by side (runs.py) ----------------------------------------------------------

    def _goes_on(self) -> bool:
        """Whether ▶ goes on with the current try: nothing but the epochs changed, or there is no try to compare
        with yet (a project opened with trained weights goes on from them)."""
        now = Setup.of(self.compiled, self.resets)
        return (self._setup is not None and self._setup.same_start(now)) or not (self.history or self.runs)

    def _begin(self) -> None:
        """▶ after the network or the settings changed: the last try stays on the chart and a new one starts from
        new weights of the same seed, so the curves show what one change does."""
        c = self.compiled
        if not self._goes_on():
            self._archive()
            self.network.load_params(Network(c.spec, seed=self._seed(c)).params_by_layer())
            self.history, self.epoch = [], 0
            self.trainer = self._new_trainer(keep_progress=False)
            self._uncommitted = True
            self.version += 1
        self._setup = Setup.of(c, self.resets)

    def _archive(self) -> None:
        """Keep the current try (if it trained at all) among the last runs."""
        if self.history and self._setup is not None:
            self.runs = archived(self.runs, self._setup, self.history, self._archived)
            self._archived += 1

    def tries(self) -> list[Run]:
        """The kept runs, oldest first, then the current try (colour -1): labelled by what changed. (Remembered
        until the weights, the history or the document change: the stage asks on every pointer move.)"""
        key = (self.version, self.editor.version, len(self.history), len(self.runs), self.network is None)
        if self._tries[0] != key:
            c = self.compiled
            now = []
            if self.network is not None and c.spec is not None:
                setup = self._setup if self.history and self._setup is not None else Setup.of(c, self.resets)
                now = [Run(setup, tuple(self.history), run_label(self.runs[-1].setup if self.runs else None, setup))]
            self._tries = (key, self.runs + now)
        return list(self._tries[1])

    def set_speed(self, speed: str) -> None:
        if speed in SPEEDS:
            self.speed = speed

    def _ready_trainer(self) -> None:
        """A trainer that can go on: after the last epoch or a blow-up, a new one continues from here."""
        if self.trainer is None or self.trainer.stop is not None:
            self.trainer = self._new_trainer(keep_progress=True)

    # --- between frames -------------------------------------------------------------------------

    def tick(self) -> None:
        """Called once per frame: follow edits, and while running train for the speed's time slice."""
        self.sync()
        if self.status != "running" or self.trainer is None:
            return
        budget, until = SPEEDS[self.speed]
        start = self.clock()
        trainer = self.trainer
        first_epoch = trainer.epoch
        for _ in range(MAX_STEPS_PER_TICK):
            trainer.step()
            if (trainer.stop is not None or until == "step" or (until == "epoch" and trainer.epoch > first_epoch)
                    or (self.clock() - start) * 1000 >= budget):
                break
        self._after_steps()
        if self.status != "running":
            self.commit()

    def _after_steps(self) -> None:
        t = self.trainer
        self.epoch = t.epoch
        self._uncommitted = True
        self.version += 1
        if t.stop is not None:
            self.status = "done" if t.stop.reason == "epochs" else "diverged"
            self.message = t.stop.message
        self._coach()

    # --- the coach (coach.py) -------------------------------------------------------------------

    @property
    def advice(self) -> Advice | None:
        """The coach's advice shown now: its sentence is the lab's message (any other message replaces it)."""
        a = self._advice
        return a if a is not None and self.message is a.message else None

    def _coach(self) -> None:
        """When training stops, the coach's verdict takes the place of "trained N epochs". While it runs, advice
        only once it is clear: after a fifth of the epochs, looked at every twentieth, said when two looks in a
        row agree, and kept until other advice or the verdict replaces it, so it does not flicker."""
        t, n = self.trainer, len(self.history)
        epochs, end = t.settings.epochs, t.stop is not None
        if not end and (n < max(COACH_AFTER, epochs // 5) or n % max(1, epochs // 20) or n == self._coached[0]):
            return
        advice = advise(self.history, self.network, t.settings, self.train_set,
                        targets(self.editor.project, self.compiled), start=self._start, stop=t.stop)
        agreed = end or (advice is not None and advice == self._coached[1])
        self._coached = (n, advice)
        if agreed and advice is not None and advice != self.advice:
            self._advice, self.message = advice, advice.message

    # --- writing back to the document ------------------------------------------------------------

    def commit(self, label: str = "edit_train") -> None:
        """Write the live weights into the project as one undoable edit (nothing if unchanged)."""
        if not self._uncommitted or self.network is None or self.editor.project is not self._project:
            return   # (another project was opened since: what was learned belongs to the last one)
        self._uncommitted = False
        e = self.editor
        e.set_trained(weights.for_document(self.compiled, self.network), label)
        self._seen_trained = self._trained_objects()
        self._seen_version = e.version

    def set_parameter(self, layer: int, name: str, index: tuple[int, ...], value: float) -> None:
        """A weight or bias clicked on the diagram and typed in: one undoable edit.

        A hand-set neuron's numbers live on its block, so they change there; others in `trained`."""
        self.sync()
        if self.network is None or not _has(self.network, layer, name, index):
            return   # asked about a network that has changed since (a smaller layer, another project)
        self.pause()
        c, e = self.compiled, self.editor
        spec_layer = c.spec.layers[layer]
        j = index[-1]
        hand = (getattr(spec_layer, "hand_set", None) or [None] * (j + 1))[j] if name in ("W", "b") else None
        neuron = self._neuron_block(c.layer_blocks[layer], j) if hand is not None else None
        if neuron is not None:
            param = "weights" if name == "W" else "bias"
            if param == "weights":
                weights = list(hand.weights)
                weights[index[0]] = value
                e.set_param(neuron, "weights", weights)
            else:
                e.set_param(neuron, "bias", value)
            return
        params = self.network.params_by_layer()
        params[layer][name][index] = value
        self.network.load_params(params)
        self._uncommitted = True
        self.commit(label="edit_weight")
        self.version += 1

    def _neuron_block(self, layer_block: str, j: int) -> str | None:
        found = find(self.editor.project, layer_block)
        if found is None:
            return None
        block = block_at(self.editor.project, found)
        neurons = [b for b in block.children if b.type == "layers_neuron"]
        return neurons[j].id if j < len(neurons) else None

    # --- for the views and the exporter --------------------------------------------------------

    def trained(self) -> bool:
        """Whether the network has learned (or has nothing to learn)."""
        if self.network is None:
            return False
        if not self._learns():
            return True
        return bool(self.history) or not weights.missing(self.editor.project.trained, self.compiled)

    def export_source(self):
        """What "Export to Scratch" writes: the network as the stage shows it; or why not yet."""
        self.sync()
        if self.network is None:
            return self.message or msg("lab_fix_first", count=1)
        self.pause()
        data = ToyData.from_dataset(self.train_set) if self.train_set is not None else None
        spec, params, training = self.network.spec, self.network.params_by_layer(), self.compiled.training
        try:
            check_learn(spec, params, training, data)
            why = None
        except ExportProblem as e:
            why = e.message
        trained = self.trained()
        if not trained and why is not None:
            return msg("lab_train_first")      # untrained, it is only worth exporting if it can learn in Scratch
        return ExportSource(spec, params, data, self.editor.project.name, training, why, trained)

    def counter(self) -> Message:
        """"Epoch 12 / 40": out of what the trainer goes to (past the setting when ▶ goes on after the end)."""
        epochs = self.trainer.settings.epochs if self.trainer is not None else self.epochs
        return msg("lab_epoch", epoch=self.epoch, epochs=max(epochs, self.epoch))


def _has(net: Network, layer: int, name: str, index: tuple[int, ...]) -> bool:
    """Whether the network has this weight or bias."""
    params = net.params_by_layer()
    if not 0 <= layer < len(params) or name not in params[layer]:
        return False
    shape = params[layer][name].shape
    return len(index) == len(shape) and all(0 <= i < n for i, n in zip(index, shape))


def _data_key(choice: DataChoice | None) -> tuple:
    if choice is None:
        return ()
    return tuple(json.dumps(v, sort_keys=True, default=str) for v in replace(choice, block_id="").__dict__.values())
