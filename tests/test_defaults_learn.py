"""The palette's defaults learn: data -> a default layer block -> the answer block, ▶, with no training script,
in the lab as the window trains it; and a training setting block dragged in as it comes changes nothing.
(benchmarks/bench_defaults.py measures the whole matrix over many seeds; this is the quick guard.)"""
from __future__ import annotations

import pytest

from blockbuilder.document.catalog import BLOCKS, BLOCK_TYPES
from blockbuilder.document.compile import compile_project
from blockbuilder.document.project import Block, Project, Script
from blockbuilder.editor.editor import Editor
from blockbuilder.editor.layout import palette_block
from blockbuilder.lab.lab import Lab
from runtime import TrainingSpec


def from_palette(type_id: str, id: str, **changed) -> Block:
    """A block as dragged out of the palette (every field at its default), with the fields a child changed."""
    block = palette_block(BLOCK_TYPES[type_id])
    return block.model_copy(update={"id": id, "params": {**block.params, **changed}})


def network(data: Block, layers: int = 1, *, training: list[Block] | None = None) -> Project:
    blocks = [data, *(from_palette("layers_dense", f"layer{i}") for i in range(layers)),
              from_palette("output_yes_no", "answer")]
    scripts = [Script(x=40, y=40, blocks=blocks)]
    if training is not None:
        scripts.append(Script(x=40, y=400, blocks=[from_palette("training_start", "settings"), *training]))
    return Project(scripts=scripts)


def trained_to_the_end(lab: Lab) -> float:
    """▶ until the lab stops; the last epoch's test accuracy (all points when the data has no test set)."""
    lab.set_speed("fast")
    lab.play()
    for _ in range(10_000):
        if lab.status != "running":
            break
        lab.tick()
    assert lab.status == "done" and lab.epoch == TrainingSpec().epochs
    last = lab.history[-1]
    return last.test_accuracy if last.test_accuracy is not None else last.train_accuracy


@pytest.mark.parametrize("data,layers", [
    (from_palette("data_circle", "data"), 1),
    (from_palette("data_xor", "data"), 1),
    (from_palette("data_gate", "data", gate="xor"), 1),
    (from_palette("data_spiral", "data"), 2),
], ids=["circle", "xor", "xor gate", "spiral, two layers"])
def test_the_palette_s_default_blocks_learn_on_the_first_try_and_after_a_reset(data, layers):
    target = 0.90 if data.type == "data_spiral" else 0.95
    lab = Lab(Editor(network(data, layers)), clock=lambda: 0.0)   # a still clock: "fast" never runs out of time
    assert trained_to_the_end(lab) >= target
    lab.reset()                                                    # other start weights, the same data
    assert trained_to_the_end(lab) >= target


def test_every_training_setting_block_starts_at_the_setting_used_without_one():
    defaults = TrainingSpec()
    settings = [b for b in BLOCKS if b.category == "training" and b.params]
    for block in settings:
        for p in block.params:
            if p.name in TrainingSpec.model_fields:
                assert p.default == getattr(defaults, p.name), block.id
    data = from_palette("data_circle", "data")
    bare = compile_project(network(data))
    dragged_in = compile_project(network(data, training=[from_palette(b.id, b.id) for b in settings]))
    assert dragged_in.ok and dragged_in.training == bare.training == defaults
    assert dragged_in.spec == bare.spec


def test_an_automatic_start_block_keeps_each_layer_s_own_automatic_start():
    tanh = Project(scripts=[Script(x=0, y=0, blocks=[
        from_palette("data_circle", "data"), from_palette("layers_dense", "layer", activation="tanh"),
        from_palette("output_yes_no", "answer")])])
    with_block = tanh.model_copy(update={"scripts": [*tanh.scripts, Script(x=0, y=300, blocks=[
        from_palette("training_start", "settings"), from_palette("training_init", "init")])]})
    assert [layer.init for layer in compile_project(with_block).spec.layers] == ["xavier", "he"]
    assert compile_project(with_block).spec == compile_project(tanh).spec
