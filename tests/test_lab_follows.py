"""The lab and the stage follow the document: another project starts from nothing (no epoch, chart, message
or drawing of the last one), a changed training setting drops the last stop's sentence, and the epoch
counter counts to where the trainer goes."""
from __future__ import annotations

import pytest

from blockbuilder.app import assemble
from blockbuilder.document.project import Block, Project
from blockbuilder.document.settings import Settings
from blockbuilder.lab.readout import message, status_line
from blockbuilder.session.examples import BY_NAME
from blockbuilder.session.recovery import Autosaver


def example(name: str, lang: str = "en") -> Project:
    return BY_NAME[name].project().model_copy(update={"language": lang})


@pytest.fixture
def app(tmp_path):
    def make(name: str | Project, lang: str = "en"):
        project = example(name, lang) if isinstance(name, str) else name
        return assemble(project, settings=Settings(), autosaver=Autosaver(tmp_path / "recovery"))
    return make


def run(lab, ticks: int = 20_000) -> None:
    for _ in range(ticks):
        if lab.status != "running":
            return
        lab.tick()


def test_new_forgets_the_last_project_s_epoch_chart_and_message(app):
    a = app("xor")
    lab = a.lab
    lab.play()
    run(lab)
    assert lab.status == "done" and lab.epoch == 300 and lab.message.key == "trained_epochs"
    a.editor.history.mark_saved()                 # (else New asks first whether to save)
    a.session.new()
    lab.sync()
    assert lab.epoch == 0 and lab.history == [] and status_line(lab, "en").startswith("Epoch 0 /")
    assert message(lab).key != "trained_epochs" and "accuracy" not in status_line(lab, "en")


def test_the_same_example_opened_again_starts_at_epoch_0(app):
    a = app("xor")
    a.lab.step_epoch()
    a.editor.history.mark_saved()
    a.session.open_example(BY_NAME["xor"])
    a.lab.sync()
    assert a.lab.epoch == 0 and a.lab.history == [] and a.lab.status == "ready"


def test_going_on_past_the_end_counts_to_the_trainer_s_end_and_a_new_rate_after_a_blow_up_drops_the_message(app):
    project = example("plane", "ja")
    training = next(s for s in project.scripts if s.blocks[0].type == "training_start")
    training.blocks.insert(1, Block(id="opt1", type="training_optimizer", params={"optimizer": "sgd"}))
    a = app(project)
    e, lab = a.editor, a.lab
    rate = next(b.id for b in training.blocks if b.type == "training_learning_rate")
    count = next(b.id for b in training.blocks if b.type == "training_epochs")
    e.set_param(rate, "learning_rate", 0.3)
    e.set_param(count, "epochs", 40)
    lab.play()
    run(lab)
    assert lab.status == "done" and lab.counter().text("ja") == "エポック 40 / 40"
    lab.step_epoch()                             # the same settings go on past the end
    assert lab.counter().text("ja") == "エポック 41 / 80"     # not 41 / 41
    e.set_param(rate, "learning_rate", 10)       # SGD with a rate this big blows up: a new try, from the start
    lab.play()
    run(lab)
    assert lab.status == "diverged" and lab.message.key == "diverged_lr"
    assert lab.epoch < 40 and lab.counter().text("ja").endswith("/ 40") and len(lab.runs) == 1
    e.set_param(rate, "learning_rate", 0.1)
    lab.sync()
    assert lab.status == "paused" and message(lab).key == "runs_next_try"   # ▶ starts again; this try stays


def test_a_new_digits_project_starts_with_a_blank_pad(app):
    a = app("digits")
    pad = a.stage.pad()
    pad.paint(0.5, 0.5)
    assert not a.stage.pad().empty()
    a.session.open_example(BY_NAME["digits"])
    a.lab.sync()
    a.stage.layout()
    assert a.stage.pad().empty()


def test_a_weight_typed_for_a_neuron_that_is_gone_changes_nothing(app):
    a = app("xor")
    e, lab = a.editor, a.lab
    hidden = next(b.id for b in e.project.scripts[0].blocks if b.type == "layers_dense")
    e.set_param(hidden, "units", 2)               # while the question about neuron 4's weight was open
    lab.sync()
    before = e.history.version
    lab.set_parameter(0, "W", (0, 3), 1.5)
    lab.set_parameter(7, "b", (0,), 1.5)
    assert e.history.version == before and lab.network.params_by_layer()[0]["W"].shape == (2, 2)
