"""Migrations: old files are upgraded one version step at a time, before validation.

Version 1 is the first format. The mechanism is also run with a made-up version 0
(tests/data/project_v0_madeup.json: "title" for "name", "neurons" for a dense layer's "units") and
its made-up upgrade, registered only inside the tests.

Version 3 made the answer block the output layer. tests/data/projects_v2.json holds old projects as
the code of file version 2 saved them (every example as it was then, the examples trained by three
epochs, the version 1 file, and a project for each way a network could end above its answer), each
with what that code's network predicted for some inputs: every one must predict exactly the same now.
"""
from __future__ import annotations

import copy
import json
import pathlib
import re

import pytest

import numpy as np

from blockbuilder.document import migrations, weights
from blockbuilder.document.compile import compile_project
from blockbuilder.document.edits import walk
from blockbuilder.document.migrations import MIGRATIONS, migrate
from blockbuilder.document.project import BLOCK_ID, SCHEMA_VERSION
from blockbuilder.document.projectfile import dumps_project, load_project, loads_project
from blockbuilder.document.words import UIProblem
from runtime import Network

DATA = pathlib.Path(__file__).resolve().parent / "data"
FIRST_VERSION = 1  # the first file format; nothing older was ever written


def upgrade_0_to_1(data: dict) -> dict:
    """The made-up step: version 0 said "title" for the name and "neurons" for a dense layer's units."""
    data["name"] = data.pop("title")
    for script in data.get("scripts", []):
        for block in script.get("blocks", []):
            if block.get("type") == "layers_dense" and "neurons" in block.get("params", {}):
                block["params"]["units"] = block["params"].pop("neurons")
    return data


def refusal(path: pathlib.Path) -> UIProblem:
    with pytest.raises(UIProblem) as caught:
        load_project(path)
    assert all(len(caught.value.text(lang).splitlines()) == 1 for lang in ("ja", "ja-Hira", "en"))
    assert path.name in caught.value.text("en")
    return caught.value


def test_every_old_version_has_exactly_one_upgrade_named_for_its_step():
    assert set(MIGRATIONS) == set(range(FIRST_VERSION, SCHEMA_VERSION))
    for n, step in MIGRATIONS.items():
        assert step.__name__ == f"upgrade_{n}_to_{n + 1}"


def test_a_current_file_passes_through_migrate_untouched():
    data = json.loads(dumps_project(load_project(DATA / "project_v3.json")))  # as saved today
    before = copy.deepcopy(data)
    assert migrate(data) is data and data == before


def test_the_file_saved_by_version_1_still_loads():
    project = load_project(DATA / "project_v1.json")
    assert project.schema_version == SCHEMA_VERSION
    assert project.name.startswith("うずまき") and set(project.trained) == {"h1", "bn", "answer"}


def test_a_made_up_old_file_is_upgraded_before_validation(monkeypatch):
    path = DATA / "project_v0_madeup.json"
    before = path.read_bytes()
    monkeypatch.setitem(MIGRATIONS, 0, upgrade_0_to_1)
    project = load_project(path)
    assert project.schema_version == SCHEMA_VERSION and project.name == "XOR (a made-up version 0 file)"
    assert [b.params.get("units") for b in project.scripts[0].blocks] == [None, 4, None]   # 2: the answer's
    assert path.read_bytes() == before, "loading an old file must not rewrite it"


def test_an_old_file_with_no_upgrade_for_its_version_is_refused_in_one_line():
    problem = refusal(DATA / "project_v0_madeup.json")
    assert problem.message.params["reason"].key == "reason_unknown_version" and "0" in problem.text("en")


def test_upgrades_run_one_step_at_a_time_in_order(monkeypatch):
    ran = []

    def step(n):
        def upgrade(data):
            ran.append((n, data["schema_version"]))
            return {**data, "steps": data.get("steps", 0) + 1}
        return upgrade

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(MIGRATIONS, 1, step(1))
    monkeypatch.setitem(MIGRATIONS, 2, step(2))
    assert migrate({"schema_version": 1}) == {"schema_version": 3, "steps": 2}
    assert ran == [(1, 1), (2, 2)]
    assert migrate({"schema_version": 2}) == {"schema_version": 3, "steps": 1}


def test_an_upgrade_that_trips_over_a_malformed_old_file_is_one_line(tmp_path, monkeypatch):
    data = json.loads((DATA / "project_v0_madeup.json").read_text(encoding="utf-8"))
    del data["title"]  # the made-up upgrade reads it without asking
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setitem(MIGRATIONS, 0, upgrade_0_to_1)
    problem = refusal(path)
    assert problem.message.params["reason"].key == "reason_cannot_upgrade"
    assert "older blockbuilder (file version 0)" in problem.text("en")


def test_an_upgraded_file_is_validated_like_any_other(tmp_path, monkeypatch):
    data = json.loads((DATA / "project_v0_madeup.json").read_text(encoding="utf-8"))
    data["scripts"][0]["blocks"][1]["params"]["neurons"] = "four"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setitem(MIGRATIONS, 0, upgrade_0_to_1)
    problem = refusal(path)
    assert problem.message.params["place"] == "scripts[0].blocks[1].params.units"


def test_a_version_1_and_a_version_2_file_upgrade_to_what_version_3_saves():
    new = load_project(DATA / "project_v3.json")
    for n in (1, 2):
        old = load_project(DATA / f"project_v{n}.json")
        assert old.model_copy(update={"name": new.name}) == new
        assert dumps_project(old) == dumps_project(new).replace("version 3", f"version {n}")


# --- 2 -> 3: the answer block is the output layer --------------------------------------------

OLD = json.loads((DATA / "projects_v2.json").read_text(encoding="utf-8"))
PREDICTING = [name for name, case in OLD.items() if case["predictions"] is not None]


def upgraded(name: str):
    """The old project as loading upgrades it, and what compile makes of it."""
    project = loads_project(json.dumps(OLD[name]["project"]), f"{name}.json")
    return project, compile_project(project)


def network_blocks(project, compiled):
    return project.scripts[compiled.script_index].blocks


@pytest.mark.parametrize("name", PREDICTING)
def test_every_old_file_predicts_exactly_what_it_did(name):
    project, c = upgraded(name)
    assert c.ok, [p.message.text("en") for p in c.problems]
    net = Network(c.spec, seed=c.training.seed)
    weights.load(net, project.trained, c)
    with np.errstate(all="ignore"):   # the version 1 file's made-up weights give NaN: the same NaN
        got = net.predict(np.array(OLD[name]["inputs"]))
    assert np.array_equal(got, np.array(OLD[name]["predictions"]), equal_nan=True)
    if OLD[name]["trained"]:
        assert weights.missing(project.trained, c) == []   # a trained network is still trained everywhere
    assert c.layer_blocks[-1] == network_blocks(project, c)[-1].id


@pytest.mark.parametrize("name", PREDICTING)
def test_every_old_file_ends_in_its_answer_with_new_ids_a_file_may_hold(name):
    project, c = upgraded(name)
    ids = [b.id for _, b in walk(project)]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(BLOCK_ID, i) for i in ids)
    assert set(project.trained) <= set(ids)
    assert json.loads(dumps_project(loads_project(dumps_project(project)))) == json.loads(dumps_project(project))


def test_an_old_example_reads_as_a_child_builds_it_now():
    project, c = upgraded("example xor, trained")
    assert [(b.id, b.type) for b in network_blocks(project, c)] == [
        ("data", "data_gate"), ("hidden", "layers_dense"), ("answer", "output_yes_no")]
    answer = network_blocks(project, c)[-1]
    assert answer.children == [] and answer.params == {"init": "auto"}
    assert set(project.trained) == {"hidden", "answer"} and c.layer_blocks == ["hidden", "answer"]
    gate, c = upgraded("example and")
    assert [b.type for b in network_blocks(gate, c)] == ["data_gate", "output_yes_no"]
    assert [n.id for n in network_blocks(gate, c)[-1].children] == ["n1"]
    gates, c = upgraded("example xor_gates")
    assert [b.id for b in network_blocks(gates, c)] == ["data", "gates", "answer"]
    assert [n.id for n in network_blocks(gates, c)[-1].children] == ["and"]


def test_a_dense_layer_with_an_activation_moves_into_the_answer_as_neurons_with_it_and_its_start():
    project, c = upgraded("sigmoid dense before yes/no, xavier start")
    answer = network_blocks(project, c)[-1]
    assert answer.params == {"init": "xavier"}
    assert [(n.params["activation"], n.params["weights"], n.params["locked"]) for n in answer.children] == [
        ("sigmoid", None, False)]
    assert c.spec.layers[-1].init == "xavier" and "last" not in project.trained
    relu, c = upgraded("relu dense before classify")
    assert [n.params["activation"] for n in network_blocks(relu, c)[-1].children] == ["relu", "relu"]


def test_neurons_of_a_layer_block_above_the_answer_move_into_it_with_their_weights():
    project, c = upgraded("mixed neurons before classify")
    answer = network_blocks(project, c)[-1]
    assert [n.id for n in answer.children] == ["n1", "n2"]
    assert answer.children[1].params == {"activation": "tanh", "bias": 0.1, "locked": True,
                                         "weights": [0.5, -0.25, 1.0, 0.0]}
    assert "layer" not in project.trained and project.trained["out"]["W"][0][1] == 0.5


@pytest.mark.parametrize("name,activation,kept", [
    ("dropout before classify", "identity", "layers_dropout"),
    ("batch norm before classify", "identity", "layers_batchnorm"),
    ("relu activation before a number", "identity", "layers_activation"),
    ("no layer of neurons, only an activation", "identity", "layers_dropout"),
    ("softmax activation before classify", "softmax", "layers_dense"),     # the answer's softmax, now its neurons'
    ("sigmoid activation before yes/no", "sigmoid", "layers_dense"),
    ("step activation before yes/no", "step", "layers_layer")])
def test_above_anything_else_the_answer_gets_locked_neurons_that_pass_each_number_on(name, activation, kept):
    project, c = upgraded(name)
    *_, above, answer = network_blocks(project, c)
    assert above.type == kept
    n = len(answer.children)
    assert n == c.spec.output.units
    for i, neuron in enumerate(answer.children):
        assert neuron.params == {"activation": activation, "bias": 0.0, "locked": True,
                                 "weights": [float(i == j) for j in range(n)]}
        assert neuron.id == f"out-n{i + 1}"
    if OLD[name]["trained"]:
        assert project.trained["out"] == {"W": np.eye(n).tolist(), "b": [0.0] * n}


def test_fields_a_version_2_file_left_out_keep_their_version_2_defaults(monkeypatch):
    from blockbuilder.document import catalog
    dense = catalog.BLOCK_TYPES["layers_dense"]
    changed = tuple(catalog.Param(p.name, p.kind, 16 if p.name == "units" else p.default, p.label, p.min, p.max,
                                  p.choices) for p in dense.params)
    monkeypatch.setitem(catalog.BLOCK_TYPES, "layers_dense", catalog.BlockType(
        dense.id, dense.shape, dense.category, dense.label, changed))   # as if the palette's default changed
    project, c = upgraded("missing fields take the version 2 defaults")
    assert network_blocks(project, c)[1].params == {"units": 4, "activation": "relu", "init": "auto"}
    assert c.spec.layers[0].units == 4


def test_a_file_that_was_no_network_in_version_2_still_opens_with_its_weights():
    project, c = upgraded("not a network in version 2, with weights")
    answer = network_blocks(project, c)[-1] if c.script_index is not None else project.scripts[0].blocks[-1]
    assert len(answer.children) == 3 and set(project.trained) == {"out"}
    assert [p.message.key for p in c.problems] == ["compile_answer_neurons"]


def test_upgrading_to_3_leaves_what_it_does_not_recognise_for_validation_to_report():
    odd = {"schema_version": 2, "scripts": [{"x": 0, "y": 0, "blocks": [
        {"id": "d", "type": "data_circle"}, {"id": "h", "type": "layers_dense", "params": {"units": "many"}},
        {"id": "out", "type": "output_classify"}]}, {"x": 0, "y": 0, "blocks": "not a list"}, "not a script"]}
    data = migrate(copy.deepcopy(odd))
    assert [b["id"] for b in data["scripts"][0]["blocks"]] == ["d", "h", "out"]   # nothing folded into the answer
    with pytest.raises(UIProblem):
        loads_project(json.dumps(odd))
