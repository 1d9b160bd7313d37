"""What the editor keeps to stay quick with 200 blocks, and must keep right: a drag's start copies and lays out only
the script it lifts a run from (its places to snap to, its base and every preview are the ones a copy of the whole
project, laid out anew, gives, and the project stays as it was); trained weights keep the blocks' layout."""
from __future__ import annotations

import pytest

from blockbuilder.document.edits import BlocksOp, walk
from blockbuilder.editor.editor import Editor
from blockbuilder.document.compile import compile_project
from blockbuilder.editor.layout import layout_project, spots
from blockbuilder.session.examples import BY_NAME, EXAMPLES


def _editors():
    for example in EXAMPLES:
        ed = Editor(example.project())
        ed.project.scripts.append(ed.project.scripts[0].model_copy(deep=True))   # a second stack after the first
        stack = list(ed.project.scripts[-1].blocks)
        for i, b in enumerate(iter(lambda: stack.pop() if stack else None, None)):
            b.id = f"copy{i}"
            stack += b.children
        ed.project.scripts[-1].x += 2000
        yield example, ed


def _whole_copy_preview(ed: Editor, d) -> tuple:
    """The preview as a deep copy of the base would make it."""
    p = d.base.model_copy(deep=True)
    BlocksOp(d.spot.at, d.blocks).apply(p)
    if d.spot.kind == "above":
        p.scripts[d.spot.at[0]].y -= d.run_h
    return p.model_dump()


@pytest.mark.parametrize("example", range(len(EXAMPLES)))
def test_drag_start_places_are_those_of_the_whole_layout(example):
    _, ed = list(_editors())[example]
    before = ed.project.model_dump()
    ids = [b.id for _, b in walk(ed.project)]
    assert len(ids) > 4
    for block_id in ids + [None]:
        new = [{"id": "new1", "type": "layers_dense", "params": {}, "children": []}] if block_id is None else None
        d = ed.start_drag(block_id, (0.0, 0.0), new)
        assert d.spots == spots(layout_project(d.base, ed.lang, ed.measure)), block_id
        for spot in d.spots[::3]:
            d.spot = spot
            preview, _ = ed.preview()
            if d.source is not None:   # new blocks' previews may change their neurons' activation
                assert preview.model_dump() == _whole_copy_preview(ed, d), (block_id, spot)
        ed.cancel_drag()
        assert ed.project.model_dump() == before, block_id   # the lifted run and the previews left it as it was


def test_trained_weights_keep_the_layout_and_an_edit_lays_out_anew():
    ed = Editor(BY_NAME["xor"].project())
    layout, comments = ed.layout(), ed.comments()
    shapes = compile_project(ed.project).param_shapes
    ed.set_trained({block: {k: [[0.5] * s[1]] * s[0] if len(s) == 2 else [0.25] * s[0] for k, s in arrays.items()}
                    for block, arrays in shapes.items()}, "edit_train")
    assert ed.project.trained and ed.layout() is layout and ed.comments() is comments
    assert ed.layout() == layout_project(ed.project, ed.lang, ed.measure)
    ed.undo()                                      # an undo is an edit like any other: laid out anew
    assert ed.layout() is not layout and ed.layout() == layout
    ed.set_param(ed.project.scripts[0].blocks[1].id, "units", 7)
    assert ed.layout() == layout_project(ed.project, ed.lang, ed.measure) != layout
