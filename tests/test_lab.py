"""The training lab without a window: slices of training, edits while training, undo of training,
divergence, reset, hand-edited weights, the stage's clicks and what export gets."""
from __future__ import annotations

import math

import numpy as np
import pytest

from blockbuilder.app import assemble
from blockbuilder.document.project import Block
from blockbuilder.document.settings import Settings
from blockbuilder.editor.controller import Controller
from blockbuilder.editor.editor import Editor
from blockbuilder.lab.lab import ExportSource, Lab
from blockbuilder.lab.stage import StageControl
from blockbuilder.session.examples import EXAMPLES
from blockbuilder.session.recovery import Autosaver
from runtime import Network


def example(name: str):
    return next(e for e in EXAMPLES if e.name == name).project()


def run(lab: Lab, ticks: int = 10_000) -> None:
    for _ in range(ticks):
        if lab.status != "running":
            return
        lab.tick()


def fresh_flat(lab: Lab) -> np.ndarray:
    c = lab.compiled
    return Network(c.spec, seed=c.training.seed).flat


def test_play_trains_in_slices_and_writes_the_weights_back_as_one_undo_step():
    e = Editor(example("xor"))
    lab = Lab(e, clock=iter(range(10**6)).__next__)   # a clock that moves 1 s per call: one step per tick
    assert lab.status == "ready" and np.array_equal(lab.network.flat, fresh_flat(lab))
    lab.play()
    lab.tick()
    assert lab.status == "running" and lab.trainer.steps == 1 and e.project.trained == {}
    run(lab)
    assert lab.status == "done" and lab.epoch == lab.epochs == 300
    assert lab.history[-1].train_accuracy == 1.0
    assert [edit.label for edit in e.history.done] == ["edit_train"]
    stored = [np.array(e.project.trained[b]["W"]) for b in lab.compiled.layer_blocks]
    assert all(np.array_equal(s, p["W"]) for s, p in zip(stored, lab.network.params_by_layer()))
    e.undo()                       # undo the training: the document and the live network go back
    lab.sync()
    assert e.project.trained == {} and np.array_equal(lab.network.flat, fresh_flat(lab))
    e.redo()
    lab.sync()
    assert np.array_equal(lab.network.params_by_layer()[0]["W"], stored[0])


def test_speeds_slow_is_one_minibatch_per_tick_normal_at_most_one_epoch():
    e = Editor(example("spiral"))
    lab = Lab(e)
    lab.set_speed("slow")
    lab.play()
    lab.tick()
    assert lab.trainer.steps == 1
    lab.set_speed("normal")
    lab.tick()
    assert lab.epoch <= 1
    lab.set_speed("nonsense")
    assert lab.speed == "normal"


def test_editing_the_network_while_it_trains_stops_recompiles_and_says_so():
    e = Editor(example("xor"))
    lab = Lab(e, clock=iter(range(10**6)).__next__)
    lab.play()
    lab.tick()
    layer = lab.compiled.layer_blocks[0]
    e.set_param(layer, "units", 6)
    lab.tick()
    assert lab.status == "ready" and lab.message.key == "lab_stopped_for_edit"   # a new network, not yet trained
    assert lab.network.spec.layers[0].units == 6 and lab.history == [] and lab.epoch == 0
    lab.play()
    run(lab)
    assert lab.status == "done"


def test_a_changed_learning_rate_keeps_what_was_learned_until_play_starts_a_new_try():
    e = Editor(example("xor"))
    lab = Lab(e, clock=iter(range(10**6)).__next__)
    lab.play()
    for _ in range(50):
        lab.tick()
    learned = lab.network.flat.copy()
    rate = next(b.id for s in e.project.scripts for b in s.blocks if b.type == "training_learning_rate")
    e.set_param(rate, "learning_rate", 0.05)
    lab.tick()
    assert lab.status == "paused" and np.array_equal(lab.network.flat, learned) and lab.epoch == 50
    assert lab.trainer.settings.learning_rate == 0.05 and lab.message.key == "runs_next_try"
    assert e.project.trained    # what was learned was written before the new settings took over
    lab.play()                  # a new try from the first weights; the last one is kept for the charts
    assert lab.epoch == 0 and lab.history == [] and np.array_equal(lab.network.flat, fresh_flat(lab))
    assert len(lab.runs) == 1 and lab.runs[0].history[-1].epoch == 50


def test_a_network_with_one_problem_cannot_train_and_says_that_problem():
    p = example("xor")
    p.scripts[0].blocks.pop()          # no output block
    lab = Lab(Editor(p))
    assert lab.status == "blocked" and not lab.can_train() and lab.network is None
    assert lab.message.key == "compile_no_output" and lab.train_set is None
    lab.play()
    lab.step_batch()
    assert lab.status == "blocked"
    assert isinstance(lab.export_source(), type(lab.message))


def test_a_network_with_several_problems_says_how_many_to_fix():
    p = example("xor")
    p.scripts[0].blocks[1].params["units"] = 0         # a layer without neurons, and two neurons in a yes / no answer
    p.scripts[0].blocks[2].children = [Block(id=f"n{i}", type="layers_neuron") for i in range(2)]
    lab = Lab(Editor(p))
    errors = [q for q in lab.compiled.problems if q.severity == "error"]
    assert len(errors) >= 2 and lab.status == "blocked"
    assert lab.message.key == "lab_fix_first" and lab.message.params["count"] == len(errors)


def test_hand_set_gates_run_but_have_nothing_to_learn():
    lab = Lab(Editor(example("and")))
    assert lab.network is not None and not lab.can_train()
    assert lab.message is not None
    assert isinstance(lab.export_source(), ExportSource)   # it computes already: it can be exported


def test_an_untrained_network_can_be_exported_only_to_learn_inside_scratch():
    lab = Lab(Editor(example("xor")))
    assert lab.network is not None and not lab.trained()
    src = lab.export_source()
    assert isinstance(src, ExportSource) and not src.trained and src.learn_problem is None
    assert src.training == lab.compiled.training and len(src.data.x) == len(lab.train_set.x)
    p = example("xor")     # a dropout layer: the network cannot learn in Scratch, so untrained it is not exported
    p.scripts[0].blocks.insert(2, Block(id="drop1", type="layers_dropout"))
    lab = Lab(Editor(p))
    assert lab.network is not None and lab.export_source().key == "lab_train_first"


def test_a_hand_set_network_is_exported_as_it_is_and_says_why_it_cannot_learn_in_scratch():
    src = Lab(Editor(example("and"))).export_source()
    assert src.trained and src.learn_problem is not None and src.learn_problem.key == "learn_no_step"   # a step neuron


def diverging_plane() -> Editor:
    p = example("plane")
    training = next(s for s in p.scripts if s.blocks[0].type == "training_start")
    training.blocks.insert(1, Block(id="opt1", type="training_optimizer", params={"optimizer": "sgd"}))
    for b in training.blocks:
        if b.type == "training_learning_rate":
            b.params["learning_rate"] = 10
    return Editor(p)


def test_an_exploding_learning_rate_pauses_with_the_last_good_weights_and_a_message():
    e = diverging_plane()
    lab = Lab(e)
    lab.play()
    run(lab)
    assert lab.status == "diverged" and lab.message.key == "diverged_lr"
    assert np.isfinite(lab.network.flat).all()
    assert all(math.isfinite(v) for arrays in e.project.trained.values() for a in arrays.values() for v in np.ravel(a))
    lab.step_epoch()           # stepping again is allowed (it breaks again, and says so again)
    assert lab.status == "diverged" and np.isfinite(lab.network.flat).all()


def test_step_and_epoch_buttons_and_reset():
    e = Editor(example("spiral"))
    lab = Lab(e)
    lab.step_batch()
    assert lab.trainer.steps == 1 and lab.status == "paused" and len(e.history.done) == 1
    lab.step_epoch()
    assert lab.epoch == 1 and len(lab.history) == 1
    before = lab.network.flat.copy()
    lab.reset()
    assert lab.epoch == 0 and lab.history == [] and not np.array_equal(lab.network.flat, before)
    assert not np.array_equal(lab.network.flat, fresh_flat(lab))   # other random weights than the first ones
    first_reset = lab.network.flat.copy()
    e.undo()
    lab.sync()
    assert np.array_equal(lab.network.flat, before)
    e.redo()
    lab.sync()
    assert np.array_equal(lab.network.flat, first_reset)


def test_a_weight_typed_on_the_diagram_is_one_undoable_edit():
    e = Editor(example("xor"))
    lab = Lab(e)
    lab.step_epoch()
    lab.set_parameter(0, "W", (1, 2), 3.5)
    assert lab.network.params_by_layer()[0]["W"][1, 2] == 3.5
    block = lab.compiled.layer_blocks[0]
    assert e.project.trained[block]["W"][1][2] == 3.5 and e.history.done[-1].label == "edit_weight"
    e.undo()
    lab.sync()
    assert lab.network.params_by_layer()[0]["W"][1, 2] != 3.5


def test_a_hand_set_neuron_s_weight_changes_on_its_block():
    e = Editor(example("and"))
    lab = Lab(e)
    lab.set_parameter(0, "W", (0, 0), 2.0)
    neuron = next(b for s in e.project.scripts for blk in s.blocks for b in blk.children if b.type == "layers_neuron")
    assert neuron.params["weights"][0] == 2.0
    lab.sync()
    assert lab.network.params_by_layer()[0]["W"][0, 0] == 2.0


@pytest.fixture
def stage(tmp_path):
    """The stage of the editor as the app puts it together (its buttons' actions included)."""
    return assemble(example("xor"), settings=Settings(), autosaver=Autosaver(tmp_path / "recovery")).stage


def centre(b):
    return b.rect.x + b.rect.w / 2, b.rect.y + b.rect.h / 2


def test_stage_buttons_tabs_and_the_speed_menu(stage):
    lay = stage.layout()
    ids = [b.id for b in lay.buttons]
    assert ids[:4] == ["lab_toggle", "lab_step", "lab_step_epoch", "lab_reset"] and "export" in ids
    assert all(stage.c.regions.stage.contains(b.rect.x, b.rect.y) for b in lay.buttons + lay.tabs)
    stage.press(*centre(lay.buttons[0]))
    assert stage.lab.status == "running"
    stage.press(*centre(next(b for b in lay.tabs if b.id == "tab:charts")))
    assert set(stage.layout().panels) == {"loss", "accuracy"}
    stage.press(*centre(next(b for b in stage.layout().buttons if b.id == "lab_speed")))
    assert [i.id for i in stage.c.menu.items] == ["speed:slow", "speed:normal", "speed:fast"]
    stage.c.choose_menu_item(2)
    assert stage.lab.speed == "fast"
    width = stage.c.regions.stage.w
    stage.press(*centre(next(b for b in stage.layout().buttons if b.id == "stage_big")))
    assert stage.c.regions.stage.w > width and stage.layout().tabs == []
    assert {"plot", "diagram", "info", "loss", "accuracy"} <= set(stage.layout().panels)


def test_clicking_a_weight_asks_for_a_number_and_sets_it(stage):
    stage.lab.step_epoch()
    stage.state.big = True
    stage.c.resize(1280, 800)
    rect = stage.layout().panels["diagram"]
    edge = stage.diagram(rect).edges[0]
    mx, my = (edge.x0 + edge.x1) / 2, (edge.y0 + edge.y1) / 2
    stage.press(mx, my)
    dialog = stage.c.dialog
    assert dialog is not None
    dialog.type_text("")
    for _ in range(12):
        dialog.key_press(65288, 0)
    dialog.type_text("abc")
    dialog.key_press(65293, 0)
    assert stage.c.dialog is not None and dialog.inner.problem is not None   # refused, with a hint
    for _ in range(3):
        dialog.key_press(65288, 0)
    dialog.type_text("-2.5")
    dialog.key_press(65293, 0)
    assert stage.c.dialog is None
    assert stage.lab.network.params_by_layer()[edge.layer]["W"][edge.i, edge.j] == -2.5


def test_an_answer_neuron_clicked_on_the_diagram_is_looked_inside_and_its_numbers_are_the_answer_block_s(stage):
    stage.lab.step_epoch()
    stage.state.big = True
    stage.c.resize(1280, 800)
    layer = len(stage.lab.network.spec.layers) - 1     # the answer block's own layer: the diagram's last column
    assert stage.lab.compiled.layer_blocks[layer] == "answer"
    node = next(n for n in stage.diagram(stage.layout().panels["diagram"]).nodes if n.key == ("n", layer, 0))
    stage.press(node.x, node.y)
    assert stage.state.neuron == (layer, 0)
    assert stage.info_lines(6)[0] == "出力のニューロン1"     # the example speaks ja
    stage.lab.set_parameter(layer, "b", (0,), 0.25)
    assert stage.c.editor.project.trained["answer"]["b"] == [0.25]
    gates = Editor(example("xor_gates"))   # the AND neuron sits in the answer: its weight changes on its block
    Lab(gates).set_parameter(1, "W", (1, 0), 0.75)
    assert gates.project.scripts[0].blocks[-1].children[0].params["weights"] == [0.5, 0.75]


def test_own_points_a_click_on_the_plot_adds_a_point_of_the_chosen_class():
    p = example("xor")
    p.scripts[0].blocks[0] = Block(id="pts", type="data_points", params={"points": [[0, 0, 0], [1, 1, 1]]})
    e = Editor(p)
    c = Controller(e, 1280, 800)
    stage = StageControl(c, Lab(e))
    rect = stage.layout().panels["plot"]
    b = next(b for b in stage.layout().tools if b.id == "class:1")
    stage.press(*centre(b))
    assert stage.state.own_class == 1
    stage.press(rect.x + rect.w * 0.9, rect.y + rect.h * 0.1)
    points = e.project.scripts[0].blocks[0].params["points"]
    assert len(points) == 3 and points[-1][2] == 1 and points[-1][0] > 0.5 > points[-1][1]
    e.undo()
    assert len(e.project.scripts[0].blocks[0].params["points"]) == 2
