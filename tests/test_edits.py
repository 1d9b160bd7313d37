"""Reversible operations, edits (one gesture each) and the undo/redo history with its dirty flag."""
import copy

import pytest

from blockbuilder.document.edits import (MISSING, BlocksOp, Edit, History, MoveScriptOp, ScriptOp, SetCommentOp,
                                         SetParamOp, SetTrainedOp, all_ids, block_at, dump, find, siblings, walk)
from blockbuilder.document.project import Block, Project, Script, check_document


def blk(id, type, children=(), **params):
    return Block(id=id, type=type, params=params, children=list(children))


def make() -> Project:
    return Project(
        scripts=[
            Script(x=40, y=40, blocks=[
                blk("data", "data_gate", gate="xor"),
                blk("layer", "layers_layer", [blk("n1", "layers_neuron", weights=[0.5, 0.5]),
                                              blk("n2", "layers_neuron")]),
                blk("dense", "layers_dense", units=1),
                blk("answer", "output_yes_no"),
            ]),
            Script(x=400, y=40, blocks=[blk("training", "training_start"), blk("seed", "training_seed", seed=3)]),
        ],
        trained={"dense": {"W": [[0.25], [-0.5]], "b": [0.125]}},
    )


# --- finding things ------------------------------------------------------------------------------

def test_walk_gives_every_block_with_its_address_in_file_order():
    assert [(a, b.id) for a, b in walk(make())] == [
        ((0, 0), "data"), ((0, 1), "layer"), ((0, 1, 0), "n1"), ((0, 1, 1), "n2"), ((0, 2), "dense"),
        ((0, 3), "answer"), ((1, 0), "training"), ((1, 1), "seed")]


def test_find_block_at_and_siblings_agree_on_addresses():
    p = make()
    for addr, block in walk(p):
        assert find(p, block.id) == addr
        assert block_at(p, addr) is block
        assert siblings(p, addr)[addr[-1]] is block
    assert find(p, "nothing") is None
    assert [b.id for b in siblings(p, (0, 1, 0))] == ["n1", "n2"]


def test_all_ids_includes_the_blocks_inside_c_blocks():
    assert all_ids(make().scripts[0].blocks) == ["data", "layer", "n1", "n2", "dense", "answer"]


# --- every operation runs forward and backward ----------------------------------------------------

def ops():
    """(name, operation) for every kind of operation, each valid on make()."""
    p = make()
    return [
        ("add a script", ScriptOp(1, 10, 20, dump([blk("drop", "layers_dropout", rate=10)]))),
        ("add a script at the end", ScriptOp(2, 10, 20, dump([blk("bn", "layers_batchnorm")]))),
        ("remove a script", ScriptOp(1, 400, 40, dump(p.scripts[1].blocks), add=False)),
        ("insert blocks into a script", BlocksOp((0, 2), dump([blk("act", "layers_activation"),
                                                               blk("bn", "layers_batchnorm")]))),
        ("insert a neuron into a layer", BlocksOp((0, 1, 1), dump([blk("n3", "layers_neuron")]))),
        ("remove blocks from a script", BlocksOp((0, 3), dump(p.scripts[0].blocks[3:]), add=False)),
        ("remove a neuron from a layer", BlocksOp((0, 1, 0), dump(p.scripts[0].blocks[1].children[:1]), add=False)),
        ("remove a layer with its neurons", BlocksOp((0, 1), dump(p.scripts[0].blocks[1:2]), add=False)),
        ("move a script", MoveScriptOp(1, (400, 40), (-12.5, 300))),
        ("change a parameter", SetParamOp("dense", "units", 1, 7)),
        ("set a missing parameter", SetParamOp("dense", "init", MISSING, "he")),
        ("remove a parameter", SetParamOp("seed", "seed", 3, MISSING)),
        ("change a list parameter", SetParamOp("n1", "weights", [0.5, 0.5], [1.0, -1.0])),
        ("write a comment", SetCommentOp("n2", None, "my neuron")),
        ("remove a comment", SetCommentOp("n2", None, None)),
        ("set trained arrays", SetTrainedOp("layer", MISSING, {"W": [[1.0, 2.0], [3.0, 4.0]], "b": [0.0, 1.0]})),
        ("drop trained arrays", SetTrainedOp("dense", copy.deepcopy(p.trained["dense"]), MISSING)),
    ]


OPS = ops()


@pytest.mark.parametrize("name, op", OPS, ids=[n for n, _ in OPS])
def test_every_operation_applied_then_reverted_restores_the_document_exactly(name, op):
    p = make()
    before = p.model_dump()
    op.apply(p)
    after = p.model_dump()
    assert after != before or name == "remove a comment"
    check_document(p)
    op.revert(p)
    assert p.model_dump() == before
    op.apply(p)
    assert p.model_dump() == after
    op.revert(p)
    assert p.model_dump() == before


def lists_in(value):
    """Every list inside a plain value (dicts and lists of lists)."""
    if isinstance(value, dict):
        for v in value.values():
            yield from lists_in(v)
    elif isinstance(value, list):
        yield value
        for v in value:
            yield from lists_in(v)


@pytest.mark.parametrize("name, op", OPS, ids=[n for n, _ in OPS])
def test_an_operation_shares_no_list_with_the_document(name, op):
    """The module's promise: operations hold plain values, never references into the document.
    So appending in place to a list in the document (weights, features, trained arrays) must not
    change what the operation applies next time.

    BUG (SetParamOp, SetTrainedOp): apply() stores the operation's own value object in the document,
    so the document and the history share that list."""
    p = make()
    op.apply(p)
    after = p.model_dump()
    for _, b in walk(p):
        for lst in list(lists_in(b.params)):
            lst.append(copy.deepcopy(lst[0]) if lst else 7.0)
    for lst in list(lists_in(p.trained)):
        lst.append(copy.deepcopy(lst[0]) if lst else 7.0)
    again = make()
    op.apply(again)
    assert again.model_dump() == after


def test_a_missing_parameter_is_absent_again_after_revert_not_none():
    p = make()
    op = SetParamOp("dense", "init", MISSING, "xavier")
    op.apply(p)
    assert block_at(p, find(p, "dense")).params["init"] == "xavier"
    op.revert(p)
    assert "init" not in block_at(p, find(p, "dense")).params


def test_set_trained_with_missing_removes_the_entry_and_revert_puts_it_back():
    p = make()
    op = SetTrainedOp("dense", copy.deepcopy(p.trained["dense"]), MISSING)
    op.apply(p)
    assert "dense" not in p.trained
    op.revert(p)
    assert p.trained["dense"] == {"W": [[0.25], [-0.5]], "b": [0.125]}


# --- edits -----------------------------------------------------------------------------------------

def test_an_edit_undoes_its_operations_in_reverse_order():
    p = make()
    before = p.model_dump()
    e = Edit("edit_move")
    moved = dump(p.scripts[0].blocks[2:])
    e.do(p, BlocksOp((0, 2), moved, add=False))          # take dense + answer out...
    e.do(p, ScriptOp(2, 700, 80, moved))                  # ...and make them a new script...
    e.do(p, MoveScriptOp(2, (700, 80), (700, 20)))        # ...then nudge it; each op relies on the one before
    after = p.model_dump()
    assert [b.id for b in p.scripts[2].blocks] == ["dense", "answer"] and p.scripts[2].y == 20
    e.undo(p)
    assert p.model_dump() == before
    e.redo(p)
    assert p.model_dump() == after


# --- the history -------------------------------------------------------------------------------------

def set_units(h: History, value: int, label: str = "edit_field") -> None:
    with h.edit(label) as e:
        old = block_at(h.project, find(h.project, "dense")).params.get("units", MISSING)
        e.do(h.project, SetParamOp("dense", "units", old, value))


def units(h: History) -> int:
    return block_at(h.project, find(h.project, "dense")).params["units"]


def test_one_edit_is_one_undo_step_however_many_operations_it_holds():
    h = History(make())
    before = h.project.model_dump()
    with h.edit("edit_move") as e:
        e.do(h.project, MoveScriptOp(0, (40, 40), (50, 50)))
        e.do(h.project, MoveScriptOp(1, (400, 40), (500, 50)))
        e.do(h.project, SetCommentOp("data", None, "moved"))
    assert len(h.done) == 1
    assert h.undo() == "edit_move"
    assert h.project.model_dump() == before
    assert h.undo() is None


def test_undo_and_redo_walk_the_history_and_return_the_edit_labels():
    h = History(make())
    set_units(h, 2, "edit_a")
    set_units(h, 3, "edit_b")
    assert units(h) == 3
    assert h.undo() == "edit_b" and units(h) == 2
    assert h.undo() == "edit_a" and units(h) == 1
    assert h.undo() is None and units(h) == 1
    assert h.redo() == "edit_a" and units(h) == 2
    assert h.redo() == "edit_b" and units(h) == 3
    assert h.redo() is None and units(h) == 3


def test_a_new_edit_after_undo_drops_what_could_have_been_redone():
    h = History(make())
    set_units(h, 2)
    h.undo()
    set_units(h, 5)
    assert h.redo() is None
    assert units(h) == 5


def test_an_edit_with_no_operations_does_not_enter_the_history():
    h = History(make())
    set_units(h, 2)
    version = h.version
    with h.edit("edit_field"):
        pass
    assert len(h.done) == 1 and h.version == version
    assert h.undo() is not None and h.undo() is None


def test_an_edit_that_fails_is_rolled_back_and_not_recorded():
    h = History(make())
    set_units(h, 2)
    before, version = h.project.model_dump(), h.version
    with pytest.raises(IndexError):
        with h.edit("edit_move") as e:
            e.do(h.project, MoveScriptOp(0, (40, 40), (90, 90)))
            e.do(h.project, SetCommentOp("data", None, "half done"))
            e.do(h.project, BlocksOp((9, 0), dump([blk("x", "layers_dropout")])))  # no script 9
    assert h.project.model_dump() == before
    assert len(h.done) == 1 and h.version == version
    assert h.undo() is not None and units(h) == 1


def test_the_version_changes_on_every_edit_undo_and_redo():
    h = History(make())
    seen = {h.version}
    set_units(h, 2)
    seen.add(h.version)
    h.undo()
    seen.add(h.version)
    h.redo()
    seen.add(h.version)
    assert len(seen) == 4


def test_a_fresh_history_is_clean_and_any_edit_makes_it_dirty():
    h = History(make())
    assert not h.dirty
    set_units(h, 2)
    assert h.dirty
    h.undo()
    assert not h.dirty


def test_dirty_is_false_exactly_at_the_saved_edit():
    h = History(make())
    set_units(h, 2)
    set_units(h, 3)
    h.mark_saved()
    assert not h.dirty
    h.undo()
    assert h.dirty
    h.undo()
    assert h.dirty
    h.redo()
    h.redo()
    assert not h.dirty
    set_units(h, 4)
    assert h.dirty
    h.undo()
    assert not h.dirty


def test_a_saved_state_that_can_no_longer_be_reached_stays_dirty():
    h = History(make())
    set_units(h, 2)
    h.mark_saved()
    h.undo()
    set_units(h, 9)  # the saved edit is gone from both stacks
    assert h.dirty
    h.undo()
    assert h.dirty  # units is 1 now, the file has 2
    assert units(h) == 1


def test_a_recovered_project_is_dirty_until_saved():
    h = History(make())
    h.dirty_since_load = True
    assert h.dirty
    set_units(h, 2)
    h.undo()
    assert h.dirty
    h.mark_saved()
    assert not h.dirty


def test_the_history_keeps_at_most_limit_edits():
    h = History(make())
    h.LIMIT = 3
    for v in range(2, 8):
        set_units(h, v)
    assert len(h.done) == 3
    while h.undo():
        pass
    assert units(h) == 4


def test_when_the_oldest_edits_fall_off_the_history_undoing_everything_is_still_dirty():
    """BUG: with the saved state at the bottom of the history (saved is None), trimming the history to
    LIMIT loses that state, yet after undoing every kept edit `done` is empty and dirty is False
    although the document still differs from the file."""
    h = History(make())
    h.mark_saved()
    saved = h.project.model_dump()
    h.LIMIT = 3
    for v in range(2, 6):
        set_units(h, v)
    while h.undo():
        pass
    assert h.project.model_dump() != saved
    assert h.dirty
