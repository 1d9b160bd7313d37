"""Dragging a run of blocks: lifting it out, where it would snap (or why not), the preview, and the drop."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from runtime import Message

from ..document.catalog import ACTIVATION
from ..document.edits import Addr, BlocksOp, MoveScriptOp, TrashOp, block_at, dump, find, siblings
from ..document.grammar import why_not
from ..document.project import Block, Project
from .ids import ids_in
from .layout import SNAP, ScriptBox, Spot, layout_run, nearest_spots, spots

if TYPE_CHECKING:
    from .editor import TrashItem


@dataclass
class Drag:
    """A run of blocks being dragged: `base` is the project without it, so spots and previews
    are computed on the stack as it looks with the run lifted out (as Scratch closes the gap)."""

    blocks: list[dict]           # the run
    source: Addr | None          # where it came from; None for a new block (palette, trash)
    base: Project
    spots: list[Spot]
    run_h: float
    grab: tuple[float, float]    # pointer offset from the run's top-left, workspace units
    trained: dict[str, dict] = field(default_factory=dict)
    mapping: dict[str, str] = field(default_factory=dict)  # new blocks: their ids before fresh_ids
    from_trash: TrashItem | None = None   # the trash item being dragged back; it leaves the trash on drop
    spot: Spot | None = None     # where it would snap now
    refused: Message | None = None   # why the nearest place is not allowed
    refused_at: tuple[float, float] | None = None


class Dragging:
    """The Editor's drag and drop (a mixin: `drag` is the Editor's, and a drop is one of its edits)."""

    def start_drag(self, block_id: str | None, grab: tuple[float, float], new_blocks: list[dict] | None = None,
                   trained: dict | None = None) -> Drag:
        """Lift a run out of the document (block_id and everything below it), or hold new blocks. The base is
        the project with only the lifted run's script copied (200 blocks deep-copied and laid out anew took
        7-8 ms at the first frame of a drag); the other scripts keep their layout."""
        base = _with_scripts(self.project)
        source, mapping, now = None, {}, self.layout()
        if block_id is None:
            new_blocks, mapping = self.fresh_ids(new_blocks, keep=True)
            places = spots(now)
        else:
            source = find(self.project, block_id)
            s = source[0]
            base.scripts[s] = base.scripts[s].model_copy(deep=True)
            here = siblings(base, source)
            new_blocks = dump(here[source[-1]:])
            del here[source[-1]:]
            if not here and len(source) == 2:   # the whole script: the ones after it move up a place
                del base.scripts[s]
                places = [spot if spot.at[0] < s else replace(spot, at=(spot.at[0] - 1,) + spot.at[1:])
                          for spot in spots(now) if spot.at[0] != s]
            else:
                script = base.scripts[s]
                boxes, h = layout_run(script.blocks, (s,), script.x, script.y, self.lang, self.measure)
                places = spots(now[:s] + [ScriptBox(s, script.x, script.y, max(b.w for b in boxes), h, boxes)]
                               + now[s + 1:])   # as layout_project lays out a script
        _, run_h = layout_run([Block.model_validate(b) for b in new_blocks], (), 0, 0, self.lang, self.measure)
        self.drag = Drag(new_blocks, source, base, places, run_h, grab, trained or {}, mapping)
        return self.drag

    def start_drag_from_trash(self, index: int, grab: tuple[float, float]) -> Drag:
        """Hold a trash item's blocks; dropping them in the code area takes the item out of the trash."""
        item = self.trash[index]
        self.start_drag(None, grab, item.blocks, item.trained).from_trash = item
        return self.drag

    def drag_to(self, x: float, y: float) -> None:
        """The run's top-left is now at workspace (x, y): find where it would snap, or why not."""
        d = self.drag
        run = [Block.model_validate(b) for b in d.blocks]
        d.spot = d.refused = d.refused_at = None
        for spot in nearest_spots(d.spots, x, y, d.run_h, SNAP / self.camera.zoom):
            reason = why_not(d.base, run, spot.at)
            if reason is None:
                d.spot = spot
                return
            if d.refused is None:
                d.refused, d.refused_at = reason, (spot.x, spot.y)

    def preview(self) -> tuple[Project, set[str]]:
        """The project as it would look if the run were dropped now, and the ids of the ghost blocks."""
        d = self.drag
        if d is None:
            return self.project, set()
        if d.spot is None:
            return d.base, set()
        p = _with_scripts(d.base)
        p.scripts[d.spot.at[0]] = p.scripts[d.spot.at[0]].model_copy(deep=True)   # the one script that changes
        BlocksOp(d.spot.at, d.blocks if d.source is not None else _answer_neurons(d)).apply(p)
        if d.spot.kind == "above":
            p.scripts[d.spot.at[0]].y -= d.run_h
        return p, set(ids_in(d.blocks))

    def drop(self, x: float, y: float) -> str | None:
        """End the drag with the run's top-left at (x, y): one edit. Returns the run's top id."""
        d, self.drag = self.drag, None
        if d is None:
            return None
        blocks = d.blocks if d.source is not None else _answer_neurons(d)
        self.selection = blocks[0]["id"]
        if d.source is not None and d.spot is not None and d.spot.kind != "above" and d.spot.at == d.source:
            return self.selection  # put back where it was: not an edit
        with self._edit("edit_move" if d.source is not None else "edit_add") as edit:
            if d.source is not None:
                if d.spot is None and d.source[-1] == 0 and len(d.source) == 2:
                    s = self.project.scripts[d.source[0]]  # a whole script moved: just move it
                    if len(s.blocks) == len(blocks):
                        if (s.x, s.y) != (x, y):
                            edit.do(self.project, MoveScriptOp(d.source[0], (s.x, s.y), (x, y)))
                        return self.selection
                self._take(edit, d.source)
            self._put(edit, blocks, d.spot, x, y, d.run_h)
            if d.source is None:
                self._restore_trained(edit, d.trained, d.mapping)
            index = next((i for i, item in enumerate(self.trash) if item is d.from_trash), None)
            if index is not None:
                edit.do(self.project, TrashOp(self.trash, index, d.from_trash, add=False))
        return self.selection

    def allowed_spots(self) -> list[Spot]:
        """The places the dragged run may snap to (the ones why_not allows), script by script, top to
        bottom: the stops of a keyboard move, as the mouse would find them."""
        d = self.drag
        run = [Block.model_validate(b) for b in d.blocks]
        return sorted((s for s in d.spots if why_not(d.base, run, s.at) is None), key=lambda s: (s.at[0], s.y))

    def snap_to(self, spot: Spot | None) -> None:
        """Put the dragged run on one place exactly (a keyboard move), or on none (it goes on its own)."""
        d = self.drag
        if spot is not None and why_not(d.base, [Block.model_validate(b) for b in d.blocks], spot.at) is not None:
            raise ValueError(f"the run may not go at {spot.at}")
        d.spot, d.refused, d.refused_at = spot, None, None

    def cancel_drag(self) -> None:
        self.drag = None

    def drop_on_palette(self) -> None:
        """A run dragged back onto the palette is deleted (into the trash)."""
        d, self.drag = self.drag, None
        if d is not None and d.source is not None:
            self.delete(d.blocks[0]["id"], whole_run=True)


def _with_scripts(project: Project) -> Project:
    """A copy of the project whose list of scripts can change without changing the project's; the scripts
    themselves (and the trained arrays) are the project's own until one is replaced by a copy."""
    return project.model_copy(update={"scripts": list(project.scripts)})


def _answer_neurons(d: Drag) -> list[dict]:
    """New neurons dropped inside an answer block answer as they are: a neuron whose activation is still the
    palette's default (leaky ReLU, for hidden layers) gets none, since the answer's own softmax, sigmoid or
    identity comes after it. Neurons a child set otherwise (a step neuron for AND) keep theirs."""
    spot = d.spot
    if spot is None or spot.kind == "above" or len(spot.at) < 3:    # not inside a C or an answer block
        return d.blocks
    if not block_at(d.base, spot.at[:-1]).type.startswith("output_"):
        return d.blocks
    default = ACTIVATION.default
    return [{**b, "params": {**b.get("params", {}), "activation": "identity"}}
            if b.get("type") == "layers_neuron" and b.get("params", {}).get("activation", default) == default else b
            for b in d.blocks]
