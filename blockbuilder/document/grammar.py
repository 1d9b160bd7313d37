"""The block grammar: the one answer to "may this block go there, and if not, why" (Blockly's
connection checker).

Two questions share the same rules. `why_not` asks it of a run being dropped: the drag preview, the
edit functions and the random-edit tests. `misplaced` asks it of a block already in a document, for
compile (a file may hold anything). A run may always be dropped on its own as a new script; what is
checked is a place in a list of blocks (a script, or a C block's mouth).
"""
from __future__ import annotations

from runtime import Message

from .catalog import BLOCK_TYPES, BlockType
from .edits import Addr, block_at, siblings
from .project import Block, Project
from .texts import msg
from .words import Label


def _kind(block: Block) -> BlockType | None:
    return BLOCK_TYPES.get(block.type)


def _shape(block: Block) -> str | None:
    kind = _kind(block)
    return kind.shape if kind else None


def _name(kind: BlockType | None) -> Message:
    """A block type's name in a message: its label up to the first field ("neuron", "layer"), without that
    field's own name ("answer yes / no (sigmoid)", not "... start")."""
    if kind is None:
        return msg("compile_this_block")

    def name(lang: str, text: str) -> str:
        before, _, rest = text.partition("{")
        field = next((p.label[lang] for p in kind.params if p.name == rest.partition("}")[0]), None)
        words = before.strip()
        return words.removesuffix(f" {field}").strip() if field else words
    return Label("label", {lang: name(lang, text) for lang, text in kind.label.items()})


def _container(kind: BlockType, owner: BlockType | None) -> Message | None:
    """Whether a block of `kind` may be in `owner`'s mouth (None: in a script, outside any C block). A C block
    and an answer cap each hold one kind of block (neurons)."""
    if owner is not None:
        if owner.inside is None:
            return msg("drop_not_a_c_block")
        if kind.id != owner.inside:
            return msg("drop_only_inside", inside=_name(BLOCK_TYPES.get(owner.inside)), parent=_name(owner))
    elif kind.only_in:
        return msg("drop_needs_parent", block=_name(kind), parent=_name(BLOCK_TYPES.get(kind.only_in[0])))
    return None


def _position(kind: BlockType, index: int, count: int) -> Message | None:
    """Whether a block of `kind` may be the index-th of `count` blocks in a list: hats on top, caps at the end."""
    if kind.shape == "hat" and index > 0:
        return msg("drop_hat_only_top")
    if kind.shape == "cap" and index < count - 1:
        return msg("drop_cap_only_bottom")
    return None


def misplaced(block: Block, owner: Block | None, index: int, count: int) -> Message | None:
    """Why `block`, the index-th of `count` blocks in `owner` (None: a script), may not be there; None if it
    may. A block of an unknown type is compile's to name, not the grammar's."""
    kind = _kind(block)
    if kind is None:
        return None
    return _container(kind, _kind(owner) if owner is not None else None) or _position(kind, index, count)


def why_not(project: Project, run: list[Block], at: Addr) -> Message | None:
    """None if `run` may be inserted at address `at` (its first block's new address); else the reason."""
    first, last = _kind(run[0]), _kind(run[-1])
    if first is None or last is None:
        return msg("drop_unknown")
    owner = block_at(project, at[:-1]) if len(at) > 2 else None
    owner_kind = _kind(owner) if owner else None
    here = siblings(project, at) if _exists(project, at) else []
    index, count = at[-1], len(here) + len(run)
    refused = next((r for r in (_container(_kind(b), owner_kind) for b in run if _kind(b)) if r), None)
    if refused is not None:
        return refused
    if first.shape == "hat" and index > 0:
        return _position(first, index, count)
    if index < len(here) and _shape(here[index]) == "hat":
        return msg("drop_above_hat")
    if index > 0 and _shape(here[index - 1]) == "cap":
        return msg("drop_below_cap")
    return _position(last, index + len(run) - 1, count)


def _exists(project: Project, at: Addr) -> bool:
    try:
        siblings(project, at)
        return True
    except (IndexError, KeyError):
        return False
