"""Upgrading old project files: one raw-dict function per version step, run before validation.

Version 1 is the first file format. Version 2 lets a file hold a big trained array packed
(weights.pack); plain lists stay valid, so a version 1 file needs no change but its number.
Version 3 makes the answer block the output layer (see upgrade_2_to_3).
To change the format:

1. Before touching the models, save a project with the current version as
   tests/data/project_vN.json (N = today's SCHEMA_VERSION; project_v1.json is already there),
   using as many of the things the change touches as you can. If the change may change what a
   network computes, also save what old files predict (as tests/data/projects_v2.json does).
2. Change the models and bump SCHEMA_VERSION in project.py to N + 1.
3. Write ``upgrade_N_to_N_plus_1(data: dict) -> dict`` below and register it as
   ``MIGRATIONS[N]``. It receives the file's raw JSON, not yet validated: read with ``.get``,
   leave what you do not recognise for validation to report, and do not set
   ``schema_version`` (``migrate`` does).
4. In tests/test_migrations.py, load tests/data/project_vN.json and assert the upgraded
   values, as nbformat's and napari's migration tests do.

A step that raises LookupError, TypeError, ValueError or AttributeError on a malformed old
file makes loading say that the file cannot be upgraded; it never shows a traceback.
"""
from __future__ import annotations

from typing import Callable

from runtime import RuntimeProblem
from runtime.datasets import from_points

from .catalog import DATASET_OF
from .data import BUILT_IN
from .project import SCHEMA_VERSION


def upgrade_1_to_2(data: dict) -> dict:
    """Version 2 only adds the packed form of trained arrays; version 1's lists are still valid."""
    return data


# --- 2 -> 3: the answer block is the output layer ----------------------------------------------

# Version 2's defaults of the fields that decide what a network computes. A version 2 file that left one
# out gets it written in, so that a later change of the palette's defaults never changes an old file.
V2_DEFAULTS = {
    "layers_dense": {"units": 4, "activation": "relu", "init": "auto"},
    "layers_neuron": {"activation": "relu", "weights": None, "bias": 0, "locked": False},
    "layers_activation": {"activation": "relu"},
    "layers_dropout": {"rate": 20},
    "training_init": {"init": "he"},
    "training_seed": {"seed": 0},
}
ANSWERS = ("output_classify", "output_yes_no", "output_number")
# The activation each answer applies itself: version 2 merged a last activation block of this kind into it.
FUSED = {"output_classify": ("softmax",), "output_yes_no": ("sigmoid", "step"), "output_number": ()}


def upgrade_2_to_3(data: dict) -> dict:
    """Version 2 put the output layer above the answer block; version 3's answer block is that layer.

    In every stack that ends in an answer, the block right above it moves into it: a layer block's neurons
    become the answer's neurons; a dense block gives the answer its start weights and, unless it has no
    activation and exactly the answer's number of neurons, becomes that many neurons with its activation. Its
    trained weights move to the answer. Above anything else (activation, dropout, batch normalization) the
    answer gets locked neurons that pass each number through unchanged (weight 1 on their own input, 0 on
    the others, bias 0), taking over an activation that version 2 merged into the answer. So every network
    computes exactly what it did.
    """
    scripts = data.get("scripts")
    if not isinstance(scripts, list):
        return data
    blocks_of = [s.get("blocks") for s in scripts if isinstance(s, dict) and isinstance(s.get("blocks"), list)]
    taken = set()
    for block in _all_blocks(blocks_of):
        taken.add(_id(block))
        if isinstance(block.setdefault("params", {}), dict):
            block["params"] = {**V2_DEFAULTS.get(block.get("type"), {}), **block["params"]}
    trained = data.get("trained") if isinstance(data.get("trained"), dict) else {}
    for blocks in blocks_of:
        if len(blocks) > 1 and all(isinstance(b, dict) and isinstance(b["params"], dict) for b in blocks) \
                and blocks[-1].get("type") in ANSWERS and not blocks[-1].get("children"):
            _into_answer(blocks, trained, taken)
    return data


def _into_answer(blocks: list, trained: dict, taken: set) -> None:
    answer, above = blocks[-1], blocks[-2]
    kind, params = above.get("type"), above["params"]
    if kind == "layers_layer":
        answer["children"] = above.get("children", [])
    elif kind == "layers_dense" and _units(above) is not None:
        answer["params"]["init"] = params["init"]
        wanted = _wanted(blocks[0], answer)
        if params["activation"] != "identity" or wanted not in (None, params["units"]):
            answer["children"] = [_neuron(_new_id(answer.get("id"), i, taken), params["activation"])
                                  for i in range(params["units"])]
    else:
        _pass_through(blocks, trained, taken)
        return
    del blocks[-2]
    _take_over(answer, above, trained)


def _pass_through(blocks: list, trained: dict, taken: set) -> None:
    """Locked neurons that hand each number on unchanged, with the answer's own activation if it had one."""
    answer, above = blocks[-1], blocks[-2]
    n = _width(blocks)
    if n is None:
        return
    activation = "identity"
    if above.get("type") == "layers_activation" and above["params"]["activation"] in FUSED[answer["type"]]:
        activation = above["params"]["activation"]
        del blocks[-2]
        _take_over(answer, above, trained)
    answer["children"] = [_neuron(_new_id(answer.get("id"), i, taken), activation, [float(i == j) for j in range(n)],
                                  locked=True) for i in range(n)]
    if any(_id(b) in trained for b in _all_blocks([blocks])):   # a trained network stays fully trained
        trained[answer.get("id")] = {"W": [[float(i == j) for j in range(n)] for i in range(n)], "b": [0.0] * n}


def _take_over(answer: dict, above: dict, trained: dict) -> None:
    """The answer gets the block's trained weights and its note."""
    if _id(above) in trained:
        trained[answer.get("id")] = trained.pop(above["id"])
    note = above.get("comment")
    if isinstance(note, str):
        old = answer.get("comment")
        answer["comment"] = (note if not isinstance(old, str) else f"{note}\n{old}")[:2000]


def _neuron(id: str, activation: str, weights: list | None = None, locked: bool = False) -> dict:
    return {"id": id, "type": "layers_neuron",
            "params": {"activation": activation, "bias": 0.0, "locked": locked, "weights": weights},
            "children": [], "comment": None}


def _new_id(base, i: int, taken: set) -> str:
    """An id no block has yet, from the answer's: "answer-n1", "answer-n2", ..."""
    stem, k = f"{str(base)[:48]}-n{i + 1}", 1
    new = stem
    while new in taken:
        k += 1
        new = f"{stem}-{k}"
    taken.add(new)
    return new


def _units(block: dict) -> int | None:
    """A dense block's neurons, if it says a number compile would take."""
    units = block["params"]["units"]
    return units if type(units) is int and 1 <= units <= 256 and isinstance(block["params"]["activation"], str) \
        else None


def _width(blocks: list) -> int | None:
    """How many numbers reach the answer: the last layer of neurons' count, or the data's own inputs."""
    for block in reversed(blocks[1:-1]):
        if block.get("type") == "layers_dense":
            return _units(block)
        if block.get("type") == "layers_layer":
            return len(block["children"]) if isinstance(block.get("children"), list) else None
    hat, features = blocks[0], blocks[0]["params"].get("features")
    if isinstance(features, list) and 0 < len(features) <= 256:
        return len(features)
    dataset = _dataset(hat)
    if dataset in BUILT_IN:
        return BUILT_IN[dataset].n_inputs   # the 2-D sets' default inputs are x1, x2
    return 2 if hat.get("type") == "data_points" else None


def _wanted(hat: dict, answer: dict) -> int | None:
    """How many answers the network gives, as compile counts them; None when only a data file knows."""
    if answer.get("type") == "output_yes_no":
        return 1
    dataset = _dataset(hat)
    if dataset in BUILT_IN:
        return BUILT_IN[dataset].n_classes
    if hat.get("type") == "data_points":
        try:
            return from_points(hat["params"].get("points") or []).n_classes
        except (RuntimeProblem, TypeError, ValueError):
            return None
    return None


def _dataset(hat: dict) -> str | None:
    if hat.get("type") == "data_gate":
        gate = hat["params"].get("gate", "and")
        return gate if isinstance(gate, str) else None
    return DATASET_OF.get(hat.get("type"))


def _id(block: dict) -> str | None:
    return block.get("id") if isinstance(block.get("id"), str) else None


def _all_blocks(lists: list) -> list[dict]:
    """Every block dict in these lists of blocks, C blocks' children too."""
    out, stack = [], [b for blocks in lists for b in blocks]
    while stack:
        block = stack.pop()
        if isinstance(block, dict):
            out.append(block)
            stack += block.get("children") if isinstance(block.get("children"), list) else []
    return out


# version N -> the function that turns an N file into an N + 1 file
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: upgrade_1_to_2, 2: upgrade_2_to_3}


def migrate(data: dict) -> dict:
    """Upgrade a raw project dict one version at a time to SCHEMA_VERSION.

    A file that is already current comes back as the same object, untouched.
    """
    version = data["schema_version"]
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    return data
