"""Edits: every change to a Project as a small reversible operation, grouped per gesture, with undo/redo.

As in Blockly's events, an operation holds addresses and plain values (blocks as dicts), never
references into the document, so it can run forward and backward any number of times. All the
operations of one gesture (a drag, a typed field, a paste) form one Edit, which is one undo step.
The history is strictly linear, so addresses (script and block indices) are exact on undo.
"""
from __future__ import annotations

import copy
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .project import Block, Project, Script

# A block's address: (script index, block index in the script[, child index in that C block]).
Addr = tuple[int, ...]
class _Missing:
    """A parameter or trained entry that is absent (not the same as None); survives copying."""

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __repr__(self):
        return "MISSING"


MISSING = _Missing()


def dump(blocks: list[Block]) -> list[dict]:
    return [b.model_dump(exclude_defaults=False) for b in blocks]


def load(blocks: list[dict]) -> list[Block]:
    return [Block.model_validate(b) for b in blocks]


# --- finding things ------------------------------------------------------------------------

def siblings(project: Project, addr: Addr) -> list[Block]:
    """The list the block at addr lives in (a script's blocks or a C block's children)."""
    blocks = project.scripts[addr[0]].blocks
    for i in addr[1:-1]:
        blocks = blocks[i].children
    return blocks


def block_at(project: Project, addr: Addr) -> Block:
    return siblings(project, addr)[addr[-1]]


def walk(project: Project):
    """(address, block) for every block, in file order."""
    def inner(blocks: list[Block], prefix: Addr):
        for i, block in enumerate(blocks):
            yield prefix + (i,), block
            yield from inner(block.children, prefix + (i,))
    for s, script in enumerate(project.scripts):
        yield from inner(script.blocks, (s,))


def find(project: Project, block_id: str) -> Addr | None:
    return next((addr for addr, b in walk(project) if b.id == block_id), None)


def all_ids(blocks: list[Block]) -> list[str]:
    out = []
    for b in blocks:
        out.append(b.id)
        out += all_ids(b.children)
    return out


# --- operations ---------------------------------------------------------------------------

class Op:
    """One reversible change."""

    def apply(self, project: Project) -> None:
        raise NotImplementedError

    def revert(self, project: Project) -> None:
        raise NotImplementedError


@dataclass
class ScriptOp(Op):
    """Add (or, with add=False, remove) a whole script at an index of project.scripts."""

    index: int
    x: float
    y: float
    blocks: list[dict]
    add: bool = True

    def _add(self, p: Project) -> None:
        p.scripts.insert(self.index, Script(x=self.x, y=self.y, blocks=load(self.blocks)))

    def _remove(self, p: Project) -> None:
        del p.scripts[self.index]

    def apply(self, p):
        self._add(p) if self.add else self._remove(p)

    def revert(self, p):
        self._remove(p) if self.add else self._add(p)


@dataclass
class BlocksOp(Op):
    """Insert (or, with add=False, remove) a run of blocks at `at` (the address of the run's first block)."""

    at: Addr
    blocks: list[dict]
    add: bool = True

    def _add(self, p: Project) -> None:
        siblings(p, self.at)[self.at[-1]:self.at[-1]] = load(self.blocks)

    def _remove(self, p: Project) -> None:
        del siblings(p, self.at)[self.at[-1]:self.at[-1] + len(self.blocks)]

    def apply(self, p):
        self._add(p) if self.add else self._remove(p)

    def revert(self, p):
        self._remove(p) if self.add else self._add(p)


@dataclass
class MoveScriptOp(Op):
    index: int
    old: tuple[float, float]
    new: tuple[float, float]

    def apply(self, p):
        p.scripts[self.index].x, p.scripts[self.index].y = self.new

    def revert(self, p):
        p.scripts[self.index].x, p.scripts[self.index].y = self.old


@dataclass
class SetParamOp(Op):
    block_id: str
    name: str
    old: Any
    new: Any

    def _set(self, p: Project, value: Any) -> None:
        params = block_at(p, find(p, self.block_id)).params
        params.pop(self.name, None) if value is MISSING else params.__setitem__(self.name, copy.deepcopy(value))

    def apply(self, p):
        self._set(p, self.new)

    def revert(self, p):
        self._set(p, self.old)


@dataclass
class SetCommentOp(Op):
    block_id: str
    old: str | None
    new: str | None

    def apply(self, p):
        block_at(p, find(p, self.block_id)).comment = self.new

    def revert(self, p):
        block_at(p, find(p, self.block_id)).comment = self.old


@dataclass
class SetTrainedOp(Op):
    """Set or (with MISSING) drop the trained parameters of one layer block."""

    block_id: str
    old: Any
    new: Any

    def _set(self, p: Project, value: Any) -> None:
        if value is MISSING:
            p.trained.pop(self.block_id, None)
        else:
            p.trained[self.block_id] = copy.deepcopy(value)

    def apply(self, p):
        self._set(p, self.new)

    def revert(self, p):
        self._set(p, self.old)


@dataclass
class TrashOp(Op):
    """Put an item into (or, with add=False, take it out of) the editor's trash at an index. The trash
    is not part of the document, but its changes ride in the Edit of the delete or restore that made
    them, so that undo and redo move the trash and the document together."""

    trash: list
    index: int
    item: Any
    add: bool = True

    def _add(self, p: Project) -> None:
        self.trash.insert(self.index, self.item)

    def _remove(self, p: Project) -> None:
        assert self.trash[self.index] is self.item, "the trash changed outside the history"
        del self.trash[self.index]

    def apply(self, p):
        self._add(p) if self.add else self._remove(p)

    def revert(self, p):
        self._remove(p) if self.add else self._add(p)


# --- edits and the history ----------------------------------------------------------------

@dataclass
class Edit:
    """The operations of one gesture: one undo step. `label` is a catalog key naming it."""

    label: str
    ops: list[Op] = field(default_factory=list)

    def do(self, project: Project, op: Op) -> None:
        op.apply(project)
        self.ops.append(op)

    def undo(self, project: Project) -> None:
        for op in reversed(self.ops):
            op.revert(project)

    def redo(self, project: Project) -> None:
        for op in self.ops:
            op.apply(project)


_TRIMMED = Edit("trimmed")


class History:
    """Undo and redo stacks over one project, and whether it differs from the saved file."""

    LIMIT = 500

    def __init__(self, project: Project):
        self.project = project
        self.done: list[Edit] = []
        self.undone: list[Edit] = []
        self.saved: Edit | None = None  # the edit on top of `done` when last saved
        self.dirty_since_load = False   # e.g. a recovered project starts unsaved
        self.version = 0                # bumps on every change, so views know when to redraw

    @contextmanager
    def edit(self, label: str):
        """Collect operations into one Edit; nothing enters the history if it is empty or fails."""
        edit = Edit(label)
        try:
            yield edit
        except BaseException:
            edit.undo(self.project)
            raise
        if edit.ops:
            self.done.append(edit)
            if len(self.done) > self.LIMIT:
                if self.saved is None or self.saved in self.done[:-self.LIMIT]:
                    self.saved = _TRIMMED  # the saved state fell off the bottom: never reachable again
                del self.done[:-self.LIMIT]
            self.undone.clear()
            self.version += 1

    def undo(self) -> str | None:
        if not self.done:
            return None
        edit = self.done.pop()
        edit.undo(self.project)
        self.undone.append(edit)
        self.version += 1
        return edit.label

    def redo(self) -> str | None:
        if not self.undone:
            return None
        edit = self.undone.pop()
        edit.redo(self.project)
        self.done.append(edit)
        self.version += 1
        return edit.label

    def mark_saved(self) -> None:
        self.saved = self.done[-1] if self.done else None
        self.dirty_since_load = False

    @property
    def dirty(self) -> bool:
        return self.dirty_since_load or (self.done[-1] if self.done else None) is not self.saved
