"""The one mapping of trained weights between a runtime Network and the project file, which the lab and the
command line share: the same rules for a layer that has no weights (yet) or weights of another shape."""
from __future__ import annotations

import json

import numpy as np

from blockbuilder.cli import main
from blockbuilder.document import weights
from blockbuilder.document.compile import compile_project
from blockbuilder.document.projectfile import load_project, save_project
from blockbuilder.editor.editor import Editor
from blockbuilder.lab.lab import Lab
from blockbuilder.session.examples import BY_NAME
from runtime import Network


def spiral():
    project = BY_NAME["spiral"].project()
    return project, compile_project(project)


def test_weights_go_into_the_document_per_layer_block_and_come_back_bit_for_bit():
    project, c = spiral()
    net = Network(c.spec, seed=3)
    stored = weights.for_document(c, net)
    assert set(stored) == {b for b in c.layer_blocks if c.param_shapes.get(b)}     # no entry for activations
    again = Network(c.spec, seed=99)
    weights.load(again, stored, c)
    for a, b in zip(net.params_by_layer(), again.params_by_layer()):
        assert a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)
    assert weights.missing(stored, c) == []


def test_a_layer_without_weights_or_with_weights_of_another_shape_keeps_its_start_and_is_missing():
    project, c = spiral()
    stored = weights.for_document(c, Network(c.spec, seed=3))
    first, second = [b for b in c.layer_blocks if c.param_shapes.get(b)][:2]
    del stored[first]
    stored[second]["W"] = [[1.0, 2.0]]
    assert weights.mismatched(stored, c.param_shapes) == [(second, "W")]
    assert weights.missing(stored, c) == [first, second]
    start = Network(c.spec, seed=7).params_by_layer()
    net = Network(c.spec, seed=3)
    weights.load(net, stored, c, start=start)
    got = dict(zip(c.layer_blocks, net.params_by_layer()))
    assert np.array_equal(got[first]["W"], start[c.layer_blocks.index(first)]["W"])
    assert np.array_equal(got[second]["W"], start[c.layer_blocks.index(second)]["W"])
    assert np.array_equal(got[second]["b"], np.asarray(stored[second]["b"]))    # its bias still fits: loaded


def test_what_the_lab_trained_the_command_line_predicts_exactly(tmp_path, capsys):
    editor = Editor(BY_NAME["xor"].project())
    lab = Lab(editor)
    lab.step_epoch()
    assert lab.trained()
    path = tmp_path / "xor.json"
    save_project(editor.project, path)
    points = np.array([[0.0, 0.0], [1.0, 0.0], [0.3, 0.9]])
    want = lab.network.predict(points)
    assert main(["predict", str(path), "--inputs", ";".join(f"{float(a)!r},{float(b)!r}" for a, b in points), "--json"]) == 0
    got = np.array([row["outputs"] for row in json.loads(capsys.readouterr().out)])
    assert np.array_equal(got, want)
    project = load_project(path)
    assert weights.missing(project.trained, compile_project(project)) == []
