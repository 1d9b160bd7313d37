"""An exported project that learns, in the real Scratch 3 editor (issue 17): loaded through File -> "Load from
your computer", the green flag clicked, then the learn button on the stage clicked as a child clicks it. The
epochs count up to the training settings' number, the loss it shows ends far under the starting weights' loss,
the decision map on the stage changes, and "start again" brings back the first weights and their map."""
from __future__ import annotations

import json
import zipfile

import pytest
from scratch_gui_harness import scratch_gui  # noqa: F401  (fixture)

from blockbuilder.document.compile import compile_project
from blockbuilder.document.data import load_data
from blockbuilder.session.examples import BY_NAME
from runtime import Network
from sb3_export import ToyData, export_sb3, msg

LANG = "ja-Hira"          # the children's language; the names below are the project's own, in it


def name(key: str) -> str:
    return msg(key).text(LANG)


@pytest.fixture(scope="module")
def played(scratch_gui, tmp_path_factory):  # noqa: F811  (the fixture imported above)
    """XOR, untrained, exported with learning, played in the editor: looked at before and while it learns."""
    c = compile_project(BY_NAME["xor"].project(LANG))
    train = load_data(c.data)[0]
    net = Network(c.spec, seed=c.training.seed)
    report = export_sb3(c.spec, net.params_by_layer(), lang=LANG, data=ToyData.from_dataset(train), learn=c.training)
    path = tmp_path_factory.mktemp("learn") / "xor.sb3"
    path.write_bytes(report.sb3)
    actions = [{"flag": True}, {"wait": 2500}, {"look": "start"},
               {"click": name("learn_sprite_learn")}, {"wait": 12000}, {"look": "learned"},   # about 5 s in the player
               {"click": name("learn_sprite_again")}, {"wait": 2500}, {"look": "again"}]
    reply = scratch_gui.measure([{"locale": LANG, "files": [{"path": str(path), "measure": False, "play": actions}]}])
    result = reply["results"][0]
    return {"path": path, "result": result, "seen": {s["tag"]: s for s in result["play"]},
            "start_loss": net.loss(train.x, train.y), "epochs": c.training.epochs}


def test_it_loads_in_the_editor_without_an_alert_or_an_error(played):
    assert played["result"]["alerts"] == [] and played["result"]["errors"] == []
    with zipfile.ZipFile(played["path"]) as z:
        sprites = {t["name"] for t in json.loads(z.read("project.json"))["targets"]}
    assert {name("learn_sprite_learn"), name("learn_sprite_again")} <= sprites


def test_it_learns_every_epoch_and_its_loss_ends_far_under_the_starting_weights_loss(played):
    seen, loss, epoch = played["seen"], name("learn_var_loss"), name("learn_var_epoch")
    assert seen["start"]["variables"][epoch] == 0
    assert float(seen["learned"]["variables"][epoch]) == played["epochs"]
    assert 0 <= float(seen["learned"]["variables"][loss]) < played["start_loss"] / 10, (seen["learned"]["variables"],
                                                                                       played["start_loss"])
    assert float(seen["learned"]["variables"][name("learn_var_accuracy")]) == 100


def changed_cells(a, b) -> int:
    return sum(1 for p, q in zip(a, b) if sum(abs(p[i] - q[i]) for i in range(3)) > 24)


def test_the_map_on_the_stage_changes_as_it_learns_and_start_again_brings_the_first_one_back(played):
    seen = played["seen"]
    assert changed_cells(seen["start"]["grid"], seen["learned"]["grid"]) >= 200   # of 48 x 36 cells
    assert changed_cells(seen["start"]["grid"], seen["again"]["grid"]) == 0
    assert seen["again"]["variables"][name("learn_var_epoch")] == 0
