"""The scratch-vm harness runs hand-built .sb3 files in the real Scratch VM and reads them back."""
from __future__ import annotations

import hashlib
import json
import math
import random
import zipfile
from pathlib import Path

import pytest

from scratch_harness import ScratchRunError, run_sb3, scratch_vm  # noqa: F401  (fixture)

INPUT_ID = "list-input"
OUTPUT_ID = "list-output"
PREDICTION_ID = "var-prediction"
FORWARD_ID = "broadcast-forward"

STAGE_SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2" viewBox="0 0 2 2">'
             b'<rect width="2" height="2" fill="#ffffff"/></svg>')
SPRITE_SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10">'
              b'<circle cx="5" cy="5" r="4" fill="#ff8800"/></svg>')

# Input arrays in the form scratch-vm's serializer writes (src/serialization/sb3.js):
# [1, primitive] = unobscured shadow, [3, block id, shadow primitive] = a block over a shadow.
# Primitives: [4, value] math_number, [7, value] math_integer, [10, value] text.


def _item_of_list(parent: str, list_name: str, list_id: str, index: int) -> dict:
    return {"opcode": "data_itemoflist", "next": None, "parent": parent,
            "inputs": {"INDEX": [1, [7, str(index)]]},
            "fields": {"LIST": [list_name, list_id]}, "shadow": False, "topLevel": False}


def forward_script(mathop: str = "e ^") -> dict:
    """when I receive [forward]: delete all of [output];
    add ((item 1 of input) * (item 2 of input)) + ([e ^] of (item 1 of input)) to [output];
    set [prediction] to (item 1 of output)"""
    return {
        "hat": {"opcode": "event_whenbroadcastreceived", "next": "clear", "parent": None,
                "inputs": {}, "fields": {"BROADCAST_OPTION": ["forward", FORWARD_ID]},
                "shadow": False, "topLevel": True, "x": 40, "y": 40},
        "clear": {"opcode": "data_deletealloflist", "next": "add", "parent": "hat",
                  "inputs": {}, "fields": {"LIST": ["output", OUTPUT_ID]},
                  "shadow": False, "topLevel": False},
        "add": {"opcode": "data_addtolist", "next": "set", "parent": "clear",
                "inputs": {"ITEM": [3, "plus", [10, "thing"]]},
                "fields": {"LIST": ["output", OUTPUT_ID]}, "shadow": False, "topLevel": False},
        "plus": {"opcode": "operator_add", "next": None, "parent": "add",
                 "inputs": {"NUM1": [3, "times", [4, ""]], "NUM2": [3, "exp", [4, ""]]},
                 "fields": {}, "shadow": False, "topLevel": False},
        "times": {"opcode": "operator_multiply", "next": None, "parent": "plus",
                  "inputs": {"NUM1": [3, "x1", [4, ""]], "NUM2": [3, "x2", [4, ""]]},
                  "fields": {}, "shadow": False, "topLevel": False},
        "x1": _item_of_list("times", "input", INPUT_ID, 1),
        "x2": _item_of_list("times", "input", INPUT_ID, 2),
        "exp": {"opcode": "operator_mathop", "next": None, "parent": "plus",
                "inputs": {"NUM": [3, "x1again", [4, ""]]},
                "fields": {"OPERATOR": [mathop, None]}, "shadow": False, "topLevel": False},
        "x1again": _item_of_list("exp", "input", INPUT_ID, 1),
        "set": {"opcode": "data_setvariableto", "next": None, "parent": "add",
                "inputs": {"VALUE": [3, "first", [10, "0"]]},
                "fields": {"VARIABLE": ["prediction", PREDICTION_ID]},
                "shadow": False, "topLevel": False},
        "first": _item_of_list("set", "output", OUTPUT_ID, 1),
    }


# Block functions one forward pass of forward_script() calls: delete all, 3 x item of input,
# multiply, e ^, add, add to list, item of output, set variable. The hat and the shadow
# literals have no block function and are not counted.
BLOCKS_PER_PASS = 10


def _costume(name: str, svg: bytes) -> dict:
    md5 = hashlib.md5(svg).hexdigest()
    return {"name": name, "bitmapResolution": 1, "dataFormat": "svg", "assetId": md5,
            "md5ext": f"{md5}.svg", "rotationCenterX": 1, "rotationCenterY": 1}


def project_json(mathop: str = "e ^") -> dict:
    stage = {
        "isStage": True, "name": "Stage",
        "variables": {PREDICTION_ID: ["prediction", 0]},
        "lists": {INPUT_ID: ["input", []], OUTPUT_ID: ["output", []]},
        "broadcasts": {FORWARD_ID: "forward"},
        "blocks": {}, "comments": {}, "currentCostume": 0,
        "costumes": [_costume("backdrop1", STAGE_SVG)], "sounds": [],
        "volume": 100, "layerOrder": 0, "tempo": 60, "videoTransparency": 50,
        "videoState": "on", "textToSpeechLanguage": None,
    }
    sprite = {
        "isStage": False, "name": "Sprite1", "variables": {}, "lists": {}, "broadcasts": {},
        "blocks": forward_script(mathop), "comments": {}, "currentCostume": 0,
        "costumes": [_costume("costume1", SPRITE_SVG)], "sounds": [],
        "volume": 100, "layerOrder": 1, "visible": True, "x": 0, "y": 0, "size": 100,
        "direction": 90, "draggable": False, "rotationStyle": "all around",
    }
    return {"targets": [stage, sprite], "monitors": [], "extensions": [],
            "meta": {"semver": "3.0.0", "vm": "5.0.300", "agent": "blockbuilder tests"}}


def write_sb3(path: Path, project: dict) -> Path:
    text = json.dumps(project, allow_nan=False)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.json", text)
        for svg in (STAGE_SVG, SPRITE_SVG):
            zf.writestr(f"{hashlib.md5(svg).hexdigest()}.svg", svg)
    return path


def expected_output(x1: float, x2: float) -> float:
    return x1 * x2 + math.exp(x1)


def close_to_python(out: float, x1: float, x2: float) -> bool:
    """Within 1e-12 of the larger term: V8's Math.exp and the C library's exp differ in the
    last bit for about one argument in ten, and that difference is relative to exp(x1),
    not to the (possibly cancelling) sum."""
    scale = max(abs(x1 * x2), math.exp(x1))
    return abs(out - expected_output(x1, x2)) <= 1e-12 * scale


def random_rows(count: int, seed: int) -> list[list[float]]:
    rng = random.Random(seed)
    return [[rng.uniform(-20.0, 20.0), rng.uniform(-1000.0, 1000.0)] for _ in range(count)]


@pytest.fixture
def forward_sb3(tmp_path) -> Path:
    return write_sb3(tmp_path / "forward.sb3", project_json())


def test_fifty_random_rows_match_python_up_to_the_rounding_of_exp(scratch_vm, forward_sb3):
    rows = random_rows(50, seed=3)
    reply = scratch_vm.run(forward_sb3, rows)
    assert reply["ok"] is True
    assert len(reply["outputs"]) == 50
    for row, out in zip(rows, reply["outputs"]):
        assert len(out) == 1
        assert close_to_python(out[0], *row), (row, out[0], expected_output(*row))
    # Not bit-identical, so not asserted exactly: e ^ is V8's Math.exp, which rounds
    # differently from the C library's exp (math.exp) by one unit in the last place for
    # about one argument in ten (here 4 of these 50 rows with glibc). An exporter's test
    # of sigmoid, tanh or softmax must allow for that; see the next test for * and +.
    assert reply["load_ms"] > 0 and reply["run_ms"] > 0
    assert all(steps >= 1 for steps in reply["steps_per_row"])


def test_multiply_and_add_come_out_bit_identical_to_python(scratch_vm, tmp_path):
    path = write_sb3(tmp_path / "abs.sb3", project_json(mathop="abs"))
    rows = random_rows(50, seed=5)
    outputs = scratch_vm.run(path, rows)["outputs"]
    assert outputs == [[x1 * x2 + abs(x1)] for x1, x2 in rows]


def test_each_row_starts_from_the_row_it_was_given_not_from_the_last_pass(scratch_vm, forward_sb3):
    rows = [[1.0, 2.0], [0.0, 0.0], [1.0, 2.0], [-3.5, 4.0]]
    outputs = scratch_vm.run(forward_sb3, rows)["outputs"]
    assert [len(out) for out in outputs] == [1, 1, 1, 1]
    assert all(close_to_python(out[0], *row) for row, out in zip(rows, outputs))
    assert outputs[0] == outputs[2]
    assert outputs[1] == [1.0]


def test_the_prediction_variable_is_read_after_every_pass(scratch_vm, forward_sb3):
    rows = random_rows(5, seed=7)
    reply = scratch_vm.run(forward_sb3, rows, prediction_variable="prediction")
    assert reply["predictions"] == [out[0] for out in reply["outputs"]]
    assert all(close_to_python(p, *row) for row, p in zip(rows, reply["predictions"]))


def test_a_misspelt_opcode_runs_silently_but_is_named_in_the_reply(scratch_vm, tmp_path):
    project = project_json()
    project["targets"][1]["blocks"]["times"]["opcode"] = "operator_multiplyy"
    path = write_sb3(tmp_path / "misspelt.sb3", project)
    reply = scratch_vm.run(path, [[1.0, 2.0]], count_blocks=True)
    # The VM treats the unknown reporter as an empty value (0): 0 + e ^ 1, and no error.
    [[out]] = reply["outputs"]
    assert math.isclose(out, math.e, rel_tol=1e-15)
    assert reply["blocks_executed"] == BLOCKS_PER_PASS - 1
    assert reply["unknown_opcodes"] == ["operator_multiplyy"]


def test_a_correct_project_has_no_unknown_opcodes(scratch_vm, forward_sb3):
    assert scratch_vm.run(forward_sb3, [[1.0, 2.0]])["unknown_opcodes"] == []


def test_the_vms_own_warnings_come_back_in_the_reply(scratch_vm, forward_sb3):
    log = scratch_vm.run(forward_sb3, [[1.0, 2.0]])["vm_log"]
    assert any("No rendering module present" in line and "costume1" in line for line in log)
    assert not any("\x1b" in line for line in log)


def test_without_a_prediction_variable_no_predictions_are_reported(scratch_vm, forward_sb3):
    reply = scratch_vm.run(forward_sb3, [[1.0, 1.0]])
    assert reply["predictions"] is None
    assert reply["blocks_executed"] is None


def test_the_parser_accepts_the_hand_built_project(scratch_vm, forward_sb3):
    assert scratch_vm.validate(forward_sb3) is None


def test_an_input_array_starting_with_4_is_rejected_by_scratch_parser(scratch_vm, tmp_path):
    project = project_json()
    sprite_blocks = project["targets"][1]["blocks"]
    sprite_blocks["x1"]["inputs"]["INDEX"] = [4, [7, "1"]]
    path = write_sb3(tmp_path / "broken.sb3", project)

    with pytest.raises(ScratchRunError) as info:
        scratch_vm.run(path, [[1.0, 2.0]])
    assert info.value.stage == "parser"
    assert "Could not parse as a valid SB2 or SB3 project" in info.value.error
    assert (".targets[1].blocks['x1'].inputs['INDEX'][0] should be equal to one of the "
            'allowed values {"allowedValues":[1,2,3]}') in info.value.error

    message = scratch_vm.validate(path)
    assert message == info.value.error


def test_a_project_json_that_is_not_json_is_rejected_by_the_parser(scratch_vm, tmp_path):
    path = tmp_path / "nan.sb3"
    text = json.dumps(project_json()).replace('"prediction", 0', '"prediction", NaN')
    assert "NaN" in text
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.json", text)
        for svg in (STAGE_SVG, SPRITE_SVG):
            zf.writestr(f"{hashlib.md5(svg).hexdigest()}.svg", svg)
    message = scratch_vm.validate(path)
    assert message is not None and "JSON" in message


def test_block_counting_is_exactly_ten_blocks_per_forward_pass(scratch_vm, forward_sb3):
    one = scratch_vm.run(forward_sb3, random_rows(1, seed=1), count_blocks=True)
    seven = scratch_vm.run(forward_sb3, random_rows(7, seed=2), count_blocks=True)
    assert one["blocks_executed"] == BLOCKS_PER_PASS
    assert seven["blocks_executed"] == 7 * BLOCKS_PER_PASS
    assert seven["blocks_per_row"] == [BLOCKS_PER_PASS] * 7


def test_counting_blocks_does_not_change_the_outputs(scratch_vm, forward_sb3):
    rows = random_rows(10, seed=11)
    counted = scratch_vm.run(forward_sb3, rows, count_blocks=True)
    plain = scratch_vm.run(forward_sb3, rows)
    assert counted["outputs"] == plain["outputs"]


def test_a_missing_list_name_is_a_clear_setup_error(scratch_vm, forward_sb3):
    with pytest.raises(ScratchRunError) as info:
        scratch_vm.run(forward_sb3, [[1.0, 2.0]], input_list="inputs")
    assert info.value.stage == "setup"
    assert 'no list named "inputs"' in info.value.error
    assert '"input" (Stage)' in info.value.error and '"output" (Stage)' in info.value.error


def test_a_list_that_lives_on_a_sprite_is_found_too(scratch_vm, tmp_path):
    project = project_json()
    stage, sprite = project["targets"]
    sprite["lists"][OUTPUT_ID] = stage["lists"].pop(OUTPUT_ID)
    path = write_sb3(tmp_path / "sprite-list.sb3", project)
    reply = scratch_vm.run(path, [[2.0, 3.0]])
    assert reply["outputs"] == [[expected_output(2.0, 3.0)]]


def test_a_broadcast_nobody_receives_is_a_clear_setup_error(scratch_vm, forward_sb3):
    with pytest.raises(ScratchRunError) as info:
        scratch_vm.run(forward_sb3, [[1.0, 2.0]], broadcast="backward")
    assert info.value.stage == "setup"
    assert '"backward"' in info.value.error


def forever_project() -> dict:
    """The forward script wrapped in "forever": a forward pass that never ends."""
    project = project_json()
    blocks = project["targets"][1]["blocks"]
    blocks["hat"]["next"] = "forever"
    blocks["clear"]["parent"] = "forever"
    blocks["forever"] = {"opcode": "control_forever", "next": None, "parent": "hat",
                         "inputs": {"SUBSTACK": [2, "clear"]}, "fields": {},
                         "shadow": False, "topLevel": False}
    return project


def test_a_script_that_never_ends_stops_at_the_step_bound(scratch_vm, tmp_path):
    path = write_sb3(tmp_path / "forever.sb3", forever_project())
    with pytest.raises(ScratchRunError) as info:
        scratch_vm.run(path, [[1.0, 2.0]], max_steps_per_row=5)
    assert info.value.stage == "run"
    assert "row 0: the forward pass was still running after 5 steps" in info.value.error


def test_a_script_that_never_ends_stops_at_the_time_limit(scratch_vm, tmp_path):
    path = write_sb3(tmp_path / "forever.sb3", forever_project())
    with pytest.raises(ScratchRunError) as info:
        # run.js gets the timeout less 15 s for starting Node: 2 s here.
        scratch_vm.run(path, [[1.0, 2.0]], timeout=17.0)
    assert info.value.stage == "run"
    assert "row 0: timed out after 2000 ms" in info.value.error


def test_huge_and_non_finite_results_come_back_as_python_floats(scratch_vm, forward_sb3):
    reply = scratch_vm.run(forward_sb3, [[1000.0, 1.0], [-1000.0, 0.0]])
    assert reply["outputs"] == [[math.inf], [0.0]]


def test_rows_with_nan_are_refused_before_node_runs(forward_sb3):
    with pytest.raises(ValueError, match="finite"):
        run_sb3(forward_sb3, [[math.nan, 1.0]])


def test_rows_are_handed_over_in_a_file_not_on_the_command_line(scratch_vm, forward_sb3):
    # 50,000 numbers are far over Linux's 128 KiB limit for one argument.
    row = [float(i) for i in range(50_000)]
    row[0], row[1] = 2.0, 0.5
    reply = scratch_vm.run(forward_sb3, [row])
    assert reply["outputs"] == [[expected_output(2.0, 0.5)]]
