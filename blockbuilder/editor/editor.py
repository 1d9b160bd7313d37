"""The headless editor: one project with its history, selection, camera, trash and clipboard, and its edits.

Every editing action a person can take is one undoable Edit (the drag and drop's are in drag.py). No pyglet here."""
from __future__ import annotations

import copy
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..document.catalog import BLOCK_TYPES
from ..document.compile import Compiled, compile_project
from ..document.edits import (MISSING, Addr, BlocksOp, History, MoveScriptOp, ScriptOp, SetCommentOp, SetParamOp,
                              SetTrainedOp, TrashOp, block_at, dump, find, siblings, walk)
from ..document.project import Project, check_document
from ..document.weights import mismatched
from .drag import Drag, Dragging
from .ids import fresh_copies, ids_in
from .layout import (CommentBox, Measure, ScriptBox, Spot, approx_measure, layout_comments, layout_palette,
                     layout_project, palette_block)
from .screen import Camera

TRASH_LIMIT = 30
CLEAN_X, CLEAN_Y, CLEAN_GAP = 40.0, 40.0, 40.0


@dataclass
class TrashItem:
    """Blocks that were deleted (a run, top to bottom), with the trained parameters they had."""

    blocks: list[dict]
    trained: dict[str, dict] = field(default_factory=dict)


class Editor(Dragging):
    """One project being edited; dragging it is in drag.py."""

    def __init__(self, project: Project, path: str | None = None, measure: Measure = approx_measure):
        self.measure = measure
        self.trash: list[TrashItem] = []   # oldest first; changed only by edits (TrashOp), so undo covers it
        self.clipboard: list[dict] | None = None
        self.open(project, path)

    # --- the document ------------------------------------------------------------------

    def open(self, project: Project, path: str | None, dirty: bool = False) -> None:
        """Start editing another project (New, Open, an example, a recovered file)."""
        self.project, self.path = project, path
        self.history = History(project)
        self.history.dirty_since_load = dirty
        self.lang = project.language
        self.camera = Camera(project.view.scroll_x, project.view.scroll_y, project.view.zoom)
        self.selection: str | None = None
        self.drag: Drag | None = None
        self._cache: dict = {}

    @property
    def version(self) -> tuple:
        return (id(self.project), self.history.version, self.lang)

    def _cached(self, key: str, make):
        if self._cache.get(key, (None,))[0] != self.version:
            self._cache[key] = (self.version, make())
        return self._cache[key][1]

    def layout(self) -> list[ScriptBox]:
        return self._cached("layout", lambda: layout_project(self.project, self.lang, self.measure))

    def comments(self) -> list[CommentBox]:
        return self._cached("comments", lambda: layout_comments(self.project, self.layout(), self.measure))

    def compiled(self) -> Compiled:
        return self._cached("compiled", lambda: compile_project(self.project))

    def palette(self):
        return self._cached("palette", lambda: layout_palette(self.lang, self.measure))

    def set_language(self, lang: str) -> None:
        """Not an edit: the language is remembered in settings and in the file's view state."""
        self.lang = self.project.language = lang
        self._cache.clear()

    def snapshot_view(self) -> None:
        """Copy the camera into the project before saving, so the file reopens where it was."""
        v = self.project.view
        v.scroll_x, v.scroll_y, v.zoom = self.camera.x, self.camera.y, self.camera.zoom

    # --- ids ---------------------------------------------------------------------------

    def fresh_ids(self, blocks: list[dict], keep: bool = False) -> tuple[list[dict], dict[str, str]]:
        """Copies of blocks with ids unused in the project (kept as they are if `keep` and all free)."""
        return fresh_copies(blocks, {b.id for _, b in walk(self.project)}, keep)

    # --- finishing an edit -------------------------------------------------------------

    def _drop_stale_weights(self, edit) -> Compiled:
        """Trained arrays that no longer fit their block (more neurons, other inputs) are dropped in
        the same edit, so the file always reopens and undo brings them back. Returns the compile,
        which dropping trained arrays does not change."""
        compiled = compile_project(self.project)
        stale = {block for block, _ in mismatched(self.project.trained, compiled.param_shapes)}
        for block_id, arrays in list(self.project.trained.items()):
            if block_id in stale:
                edit.do(self.project, SetTrainedOp(block_id, copy.deepcopy(arrays), MISSING))
        return compiled

    @contextmanager
    def _edit(self, label: str):
        """One history entry; trained arrays the edit made stale are dropped inside it."""
        with self.history.edit(label) as edit:
            yield edit
            compiled = self._drop_stale_weights(edit)
        self._cache["compiled"] = (self.version, compiled)

    # --- taking blocks out and putting them in -----------------------------------------

    def _take(self, edit, addr: Addr, only_one: bool = False) -> list[dict]:
        """Remove the run from addr to the end of its list (or just that block) and return it."""
        here = siblings(self.project, addr)
        end = addr[-1] + 1 if only_one else len(here)
        blocks = dump(here[addr[-1]:end])
        if len(addr) == 2 and addr[-1] == 0 and end == len(here):
            s = self.project.scripts[addr[0]]
            edit.do(self.project, ScriptOp(addr[0], s.x, s.y, blocks, add=False))
        else:
            edit.do(self.project, BlocksOp(addr, blocks, add=False))
        return blocks

    def _put(self, edit, blocks: list[dict], spot: Spot | None, x: float, y: float, run_h: float) -> None:
        if spot is None:
            edit.do(self.project, ScriptOp(len(self.project.scripts), x, y, blocks))
            return
        edit.do(self.project, BlocksOp(spot.at, blocks))
        if spot.kind == "above":  # the stack stays put; the new blocks go on top of it
            s = self.project.scripts[spot.at[0]]
            edit.do(self.project, MoveScriptOp(spot.at[0], (s.x, s.y), (s.x, s.y - run_h)))

    def _remove_trained(self, edit, blocks: list[dict]) -> dict[str, dict]:
        gone = {}
        for i in ids_in(blocks):
            if i in self.project.trained:
                gone[i] = copy.deepcopy(self.project.trained[i])
                edit.do(self.project, SetTrainedOp(i, gone[i], MISSING))
        return gone

    def _restore_trained(self, edit, trained: dict[str, dict], mapping: dict[str, str]) -> None:
        for old, arrays in trained.items():
            if mapping.get(old) == old and old not in self.project.trained:
                edit.do(self.project, SetTrainedOp(old, MISSING, copy.deepcopy(arrays)))

    # --- single-step actions -----------------------------------------------------------

    def new_palette_blocks(self, type_id: str) -> list[dict]:
        """A new block of a type, with the catalog's defaults and an id unused in the project."""
        block = palette_block(BLOCK_TYPES[type_id]).model_copy(update={"id": type_id.split("_", 1)[1]})
        return self.fresh_ids(dump([block]))[0]

    def add_block(self, type_id: str, x: float, y: float) -> str:
        """Put a new block from the palette on the workspace as a script of its own."""
        blocks = self.new_palette_blocks(type_id)
        with self._edit("edit_add") as edit:
            edit.do(self.project, ScriptOp(len(self.project.scripts), x, y, blocks))
        self.selection = blocks[0]["id"]
        return self.selection

    def delete(self, block_id: str, whole_run: bool = False) -> None:
        """Delete a block (with what it holds; the blocks below close up), or the run from it down."""
        addr = find(self.project, block_id)
        if addr is None:
            return
        with self._edit("edit_delete") as edit:
            blocks = self._take(edit, addr, only_one=not whole_run)
            trained = self._remove_trained(edit, blocks)
            edit.do(self.project, TrashOp(self.trash, len(self.trash), TrashItem(blocks, trained)))
            while len(self.trash) > TRASH_LIMIT:   # the oldest item goes (and undo brings it back)
                edit.do(self.project, TrashOp(self.trash, 0, self.trash[0], add=False))
        if self.selection and find(self.project, self.selection) is None:
            self.selection = None

    def set_param(self, block_id: str, name: str, value) -> None:
        block = block_at(self.project, find(self.project, block_id))
        old = block.params.get(name, MISSING)
        if old == value and old is not MISSING:
            return
        with self._edit("edit_field") as edit:
            edit.do(self.project, SetParamOp(block_id, name, copy.deepcopy(old), copy.deepcopy(value)))

    def replace_block(self, block_id: str, type_id: str, params: dict) -> str:
        """Put a new block of another type (its other fields at their defaults) where a block is, keeping
        its note: one undoable step, e.g. a data hat swapped for "drawn points" or a CSV file from the stage."""
        addr = find(self.project, block_id)
        old = block_at(self.project, addr)
        new = self.new_palette_blocks(type_id)
        new[0]["params"].update(copy.deepcopy(params))
        if old.comment:
            new[0]["comment"] = old.comment
        with self._edit("edit_replace") as edit:
            edit.do(self.project, BlocksOp(addr, dump([old]), add=False))
            edit.do(self.project, BlocksOp(addr, new))
        if self.selection == block_id:
            self.selection = new[0]["id"]
        return new[0]["id"]

    def set_comment(self, block_id: str, text: str | None) -> None:
        block = block_at(self.project, find(self.project, block_id))
        if block.comment != text:
            with self._edit("edit_comment") as edit:
                edit.do(self.project, SetCommentOp(block_id, block.comment, text))

    def duplicate(self, block_id: str, dx: float = 30, dy: float = 30) -> str:
        """A copy of the block and everything below it, as a new script beside it (Scratch's Duplicate)."""
        addr = find(self.project, block_id)
        box = next(b for sb in self.layout() for b in sb.all() if b.id == block_id)
        blocks, _ = self.fresh_ids(dump(siblings(self.project, addr)[addr[-1]:]))
        return self._add_script("edit_duplicate", blocks, box.x + dx, box.y + dy)

    def copy(self, block_id: str) -> None:
        """Copy one block (with what it holds), as Blockly does; not an edit."""
        self.clipboard = dump([block_at(self.project, find(self.project, block_id))])

    def paste(self, x: float, y: float) -> str | None:
        if not self.clipboard:
            return None
        blocks, _ = self.fresh_ids(self.clipboard)
        return self._add_script("edit_paste", blocks, x, y)

    def restore(self, index: int, x: float, y: float) -> str:
        """Bring a run back from the trash as a new script (ids and weights kept when still free)."""
        item = self.trash[index]
        blocks, mapping = self.fresh_ids(item.blocks, keep=True)
        with self._edit("edit_restore") as edit:
            edit.do(self.project, TrashOp(self.trash, index, item, add=False))
            edit.do(self.project, ScriptOp(len(self.project.scripts), x, y, blocks))
            self._restore_trained(edit, item.trained, mapping)
        self.selection = blocks[0]["id"]
        return self.selection

    def _add_script(self, label: str, blocks: list[dict], x: float, y: float) -> str:
        with self._edit(label) as edit:
            edit.do(self.project, ScriptOp(len(self.project.scripts), x, y, blocks))
        self.selection = blocks[0]["id"]
        return self.selection

    def set_trained(self, trained: dict[str, dict], label: str) -> None:
        """Trained parameters of layer blocks (from training, or a weight typed on the diagram): one undoable edit.
        The blocks' layout and notes stay cached: weights move no block (200 blocks laid out anew take 10-20 ms,
        at the start and the end of every training run)."""
        kept = {key: self._cache[key][1] for key in ("layout", "comments")
                if self._cache.get(key, (None,))[0] == self.version}
        with self._edit(label) as edit:
            for block_id, arrays in trained.items():
                old = self.project.trained.get(block_id, MISSING)
                if old != arrays:
                    edit.do(self.project, SetTrainedOp(block_id, copy.deepcopy(old), arrays))
        for key, value in kept.items():
            self._cache[key] = (self.version, value)

    def clean_up(self) -> None:
        """Line the scripts up in a column, top to bottom in their current order (Scratch's Clean up)."""
        order = sorted(range(len(self.project.scripts)), key=lambda i: (self.project.scripts[i].y,
                                                                        self.project.scripts[i].x))
        boxes = self.layout()
        with self._edit("edit_clean_up") as edit:
            y = CLEAN_Y
            for i in order:
                s = self.project.scripts[i]
                if (s.x, s.y) != (CLEAN_X, y):
                    edit.do(self.project, MoveScriptOp(i, (s.x, s.y), (CLEAN_X, y)))
                y += boxes[i].h + CLEAN_GAP

    def undo(self) -> None:
        self.drag = None
        self.history.undo()
        self._fix_selection()

    def redo(self) -> None:
        self.drag = None
        self.history.redo()
        self._fix_selection()

    def _fix_selection(self) -> None:
        if self.selection and find(self.project, self.selection) is None:
            self.selection = None

    def check(self) -> None:
        """Raise if the document broke a catalog rule (used by tests after random edits)."""
        check_document(self.project)
