"""The one answer to "can this run of blocks go there, and if not, why" (Blockly's connection checker).

The drag preview, the edit functions and the document's random-edit tests all ask `why_not`.
A run may always be dropped on its own as a new script; what is checked is inserting it into a
list of blocks (a script, or a C block's mouth) at a position.
"""
from __future__ import annotations

from runtime.messages import Message

from .catalog import BLOCK_TYPES, BlockType
from .compile import Label
from .edits import Addr, block_at, siblings
from .messages import msg
from .project import Block, Project


def _kind(block: Block) -> BlockType | None:
    return BLOCK_TYPES.get(block.type)


def _name(kind: BlockType | None) -> Message:
    """A block type's name in a message: its label up to the first field ("neuron", "layer")."""
    if kind is None:
        return msg("compile_this_block")
    return Label("label", {lang: text.split("{")[0].strip() for lang, text in kind.label.items()})


def why_not(project: Project, run: list[Block], at: Addr) -> Message | None:
    """None if `run` may be inserted at address `at` (its first block's new address); else the reason."""
    first, last = _kind(run[0]), _kind(run[-1])
    if first is None or last is None:
        return msg("drop_unknown")
    owner = block_at(project, at[:-1]) if len(at) > 2 else None
    owner_kind = _kind(owner) if owner else None
    here = siblings(project, at) if _exists(project, at) else []
    index = at[-1]
    if owner_kind is not None:
        if owner_kind.inside is None:
            return msg("drop_not_a_c_block")
        stray = next((b for b in run if b.type != owner_kind.inside), None)
        if stray is not None:
            return msg("drop_only_inside", inside=_name(BLOCK_TYPES.get(owner_kind.inside)), parent=_name(owner_kind))
    else:
        lone = next((_kind(b) for b in run if _kind(b) and _kind(b).only_in), None)
        if lone is not None:
            return msg("drop_needs_parent", block=_name(lone), parent=_name(BLOCK_TYPES.get(lone.only_in)))
    if first.shape == "hat" and index > 0:
        return msg("drop_hat_only_top")
    if index < len(here) and _kind(here[index]) and _kind(here[index]).shape == "hat":
        return msg("drop_above_hat")
    if index > 0 and _kind(here[index - 1]) and _kind(here[index - 1]).shape == "cap":
        return msg("drop_below_cap")
    if last.shape == "cap" and index < len(here):
        return msg("drop_cap_only_bottom")
    return None


def _exists(project: Project, at: Addr) -> bool:
    try:
        siblings(project, at)
        return True
    except (IndexError, KeyError):
        return False
