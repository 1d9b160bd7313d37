"""The biggest network the editor lets a child build (weights.MAX_WEIGHTS numbers, compile refuses more)
is saved, reopened and recovered with its trained weights bit for bit, by the command line's `train`
and by the autosave."""
from __future__ import annotations

import os

import numpy as np

from blockbuilder.cli import main
from blockbuilder.document import weights
from blockbuilder.document.compile import compile_project
from blockbuilder.document.project import Block, Project, Script
from blockbuilder.document.projectfile import MAX_BYTES, dumps_project, load_project, loads_project, save_project
from blockbuilder.session.recovery import Autosaver, pending

WIDEST = 256  # catalog: layers_dense units


def dense(i: int, units: int = WIDEST) -> Block:
    return Block(id=f"h{i}", type="layers_dense", params={"units": units, "activation": "relu"})


def biggest(hidden: int = 15) -> Project:
    """Digits (64 inputs) through `hidden` layers of 256 neurons: 15 is the most compile allows."""
    blocks = [Block(id="data", type="data_digits"), *(dense(i) for i in range(hidden)),
              dense(hidden, 10), Block(id="answer", type="output_classify")]
    train = [Block(id="t", type="training_start"), Block(id="e", type="training_epochs", params={"epochs": 1}),
             Block(id="bs", type="training_batch_size", params={"batch_size": 128})]
    return Project(name="大きい", scripts=[Script(x=0, y=0, blocks=blocks), Script(x=600, y=0, blocks=train)])


def bits(project: Project) -> dict:
    return {(b, k): np.asarray(a, dtype="<f8").tobytes() for b, arrays in project.trained.items() for k, a in arrays.items()}


def test_the_biggest_network_compiles_and_one_more_layer_is_refused_on_that_layer():
    compiled = compile_project(biggest())
    assert compiled.ok and weights.MAX_WEIGHTS - 70_000 < weights.count(compiled.param_shapes) <= weights.MAX_WEIGHTS
    too_big = compile_project(biggest(16))
    problem = next(p for p in too_big.problems if p.message.key == "compile_too_many_weights")
    assert too_big.spec is None and problem.block_id == "h15"
    assert "1,000,000" in problem.message.text("en") and "ニューロン" in problem.message.text("ja")


def test_trained_by_the_command_line_it_saves_reopens_and_recovers_bit_for_bit(tmp_path):
    path, out = tmp_path / "big.json", tmp_path / "big-trained.json"
    save_project(biggest(), path)
    assert main(["train", str(path), "-o", str(out)]) == 0
    assert os.path.getsize(out) * 2 < MAX_BYTES  # room to spare for hand-set weights and drawn points
    trained = load_project(out)
    assert weights.missing(trained.trained, compile_project(trained)) == []
    assert weights.count({b: {k: np.shape(a) for k, a in arrays.items()} for b, arrays in trained.trained.items()}) \
        == weights.count(compile_project(trained).param_shapes)
    save_project(trained, tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == out.read_bytes()

    saver = Autosaver(tmp_path / "settings")
    saver.note_change(trained, str(out))
    assert saver.flush()
    saver.close()  # as if the editor was killed
    recovered = pending(tmp_path / "settings")
    assert recovered is not None and recovered.source_path == str(out)
    assert bits(recovered.project) == bits(trained) and recovered.project == trained


def test_packed_arrays_keep_every_bit_and_small_ones_stay_readable():
    odd = [0.1, -0.0, 5e-324, -1.7976931348623157e308, 1 / 3, 2.0**-1074, 1e-300] * 10
    matrix = [odd[:65], odd[1:66]]
    assert weights.pack(odd[:64]) == odd[:64]
    packed = weights.pack(matrix)
    assert packed["shape"] == [2, 65] and weights.unpack(packed) == matrix
    assert [np.float64(x).tobytes() for x in weights.unpack(weights.pack(odd))] == [np.float64(x).tobytes() for x in odd]
    with_nan = odd + [float("nan")]
    assert weights.pack(with_nan) is with_nan  # left plain, so saving refuses it as before


def test_a_damaged_packed_array_is_one_sentence_at_its_place():
    project = biggest(1)
    project.trained["h0"] = {"b": [0.5] * WIDEST}
    text = dumps_project(project)
    for damage in (lambda t: t.replace('"float64": "', '"float64": "!', 1),
                   lambda t: t.replace('"shape": [\n     256\n    ]', '"shape": [\n     255\n    ]', 1),
                   lambda t: t.replace('"shape"', '"size"', 1)):
        broken = damage(text)
        assert broken != text
        try:
            loads_project(broken, "big.json")
        except Exception as e:
            assert "trained.h0.b" in e.text("en") and e.message.params["reason"].key == "reason_packed_damaged"
        else:
            raise AssertionError("a damaged packed array loaded")
