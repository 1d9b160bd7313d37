"""The project document: pydantic models of what a .json project file holds, and what the
block catalog allows inside them (check_document)."""
from __future__ import annotations

import math
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from runtime import Message

from .catalog import BLOCK_TYPES, BlockType, Param
from .fields import is_number
from .texts import msg
from .words import shown

# Bump when the file format changes, and add upgrade_N_to_N_plus_1 in migrations.py.
SCHEMA_VERSION = 3  # 2: big trained arrays may be packed (weights.pack); 3: the answer block is the output layer

Lang = Literal["ja", "ja-Hira", "en"]
BLOCK_ID = r"^[A-Za-z0-9_.-]{1,64}$"


class _Model(BaseModel):
    # The docstring under each field becomes its description in schema/project.schema.json.
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class Block(_Model):
    """One block: its kind from the catalog, its field values, and (for C blocks) what it holds."""

    id: str = Field(pattern=BLOCK_ID)
    """Unique in the project; trained parameters are keyed by it."""
    type: str = Field(max_length=64)
    """A block type id from blockbuilder.document.catalog, e.g. "layers_dense"."""
    params: dict[str, Any] = Field(default_factory=dict)
    """Field values by parameter name; a missing one takes the catalog's default."""
    children: list["Block"] = Field(default_factory=list)
    """Blocks inside a C block or an answer block (its neurons), top to bottom."""
    comment: str | None = Field(default=None, max_length=2000)
    """A note a person attached to the block."""


class Script(_Model):
    """A stack of blocks on the workspace."""

    x: float = Field(allow_inf_nan=False)
    """Left edge of the top block, in workspace units."""
    y: float = Field(allow_inf_nan=False)
    """Top edge of the top block, in workspace units (down is positive)."""
    blocks: list[Block] = Field(min_length=1)
    """The blocks, top to bottom."""


class View(_Model):
    """Where the workspace was looking when the file was saved."""

    scroll_x: float = Field(default=0.0, allow_inf_nan=False)
    """How far the workspace is scrolled to the right, in workspace units."""
    scroll_y: float = Field(default=0.0, allow_inf_nan=False)
    """How far the workspace is scrolled down, in workspace units."""
    zoom: float = Field(default=1.0, ge=0.25, le=4.0)
    """How big blocks look: 1 is normal size."""


def _array_kind(value: Any) -> str:
    return "matrix" if isinstance(value, list) and value and isinstance(value[0], list) else "vector"


# One trained parameter: a vector (b, gamma, ...) or a matrix given as rows (W). Choosing the
# branch by the first item gives one precise error for a bad array instead of one per branch.
Array = Annotated[Union[Annotated[list[float], Tag("vector")], Annotated[list[list[float]], Tag("matrix")]],
                  Discriminator(_array_kind)]


class Project(_Model):
    """A whole blockbuilder project."""

    schema_version: int = SCHEMA_VERSION
    """The file format's version; older files are upgraded when loaded (see migrations.py)."""
    name: str = Field(default="", max_length=200)
    """The project's title."""
    language: Lang = "ja"
    """The language the editor shows."""
    scripts: list[Script] = Field(default_factory=list)
    """Every stack on the workspace, in drawing order."""
    trained: dict[str, dict[str, Array]] = Field(default_factory=dict)
    """Trained parameters by layer block id (an answer block's are its output layer's): W (inputs x
    neurons), b; BatchNorm's gamma, beta, running_mean, running_var. Floats round-trip exactly through JSON."""
    view: View = Field(default_factory=View)
    """The workspace's scroll and zoom."""


# --- what the block catalog allows in a document ------------------------------------------

MAX_TEXT = 500      # characters in a text field
MAX_ITEMS = 10_000  # numbers in a neuron's weights, points in a drawn-points data block

Loc = tuple[Union[str, int], ...]  # a place in the document, as pydantic writes it: ("scripts", 0, "blocks", 2)


class DocumentProblem(Exception):
    """Something a document may not hold, at a place in it; the file loader names the file."""

    def __init__(self, loc: Loc, reason: Message):
        super().__init__(reason.text())
        self.loc, self.reason = tuple(loc), reason


def check_document(project: Project) -> None:
    """Raise DocumentProblem for the first thing, in file order, that the catalog does not allow:
    an unknown block type, a repeated id, a block where it cannot go, a parameter that the block
    does not have or a value it cannot take, a trained array for no block, ragged or not finite.
    What makes a network (a data hat on top and so on) is compile's business, not this."""
    seen: set[str] = set()
    for i, script in enumerate(project.scripts):
        for j, block in enumerate(script.blocks):
            _check_block(block, ("scripts", i, "blocks", j), None, seen)
    for block_id, arrays in project.trained.items():
        if block_id not in seen:
            raise DocumentProblem(("trained", block_id), msg("reason_no_such_block", id=shown(block_id)))
        for key, array in arrays.items():
            _check_array(array, ("trained", block_id, key))


def _check_block(block: Block, loc: Loc, parent: BlockType | None, seen: set[str]) -> None:
    kind = BLOCK_TYPES.get(block.type)
    if kind is None:
        raise DocumentProblem(loc, msg("reason_unknown_block", kind=shown(block.type)))
    if block.id in seen:
        raise DocumentProblem(loc + ("id",), msg("reason_duplicate_id", id=block.id))
    seen.add(block.id)
    if parent is not None and parent.inside != kind.id:
        raise DocumentProblem(loc, msg("reason_bad_child", kind=kind.id, parent=parent.id))
    # A loose neuron may lie on the workspace, as any block may in Scratch; compile ignores it.
    if block.children and kind.inside is None:
        where, child = loc + ("children", 0), shown(block.children[0].type)
        raise DocumentProblem(where, msg("reason_bad_child", kind=child, parent=kind.id))
    params = {p.name: p for p in kind.params}
    for key, value in block.params.items():
        if key not in params:
            raise DocumentProblem(loc + ("params",), msg("reason_unknown_field", name=shown(key)))
        found = _CHECKS[params[key].kind](value, params[key])
        if found:
            raise DocumentProblem(loc + ("params", key) + found[0], found[1])
    for k, child in enumerate(block.children):
        _check_block(child, loc + ("children", k), kind, seen)


def _check_array(array: list, loc: Loc) -> None:
    rows = array if array and isinstance(array[0], list) else [array]
    if any(len(row) != len(rows[0]) for row in rows):
        raise DocumentProblem(loc, msg("reason_not_rectangular", name=shown(loc[-1])))
    if not all(math.isfinite(x) for row in rows for x in row):
        raise DocumentProblem(loc, msg("reason_not_finite"))


# One check per Param.kind: None, or (the place inside the value, the reason).
Found = Union[tuple[Loc, Message], None]


def _wrong(expected: str) -> Message:
    return msg("reason_wrong_type", expected=msg(expected))


def _number(v: Any, p: Param) -> Found:
    # Out-of-range values load: the editor may hold one while a child types, and saved work must
    # always reopen; compile points at the block instead.
    return None if is_number(v) else ((), _wrong("type_number"))


def _integer(v: Any, p: Param) -> Found:
    return ((), _wrong("type_integer")) if type(v) is not int else _number(v, p)


def _choice(v: Any, p: Param) -> Found:
    if not isinstance(v, str):
        return (), _wrong("type_text")
    return None if v in p.choices else ((), msg("reason_bad_value", value=shown(v)))


def _bool(v: Any, p: Param) -> Found:
    return None if isinstance(v, bool) else ((), _wrong("type_bool"))


def _features(v: Any, p: Param) -> Found:
    if not isinstance(v, list):
        return (), _wrong("type_list")
    for i, item in enumerate(v):
        found = _choice(item, p) or (item in v[:i] and ((), msg("reason_repeated", value=shown(item))))
        if found:
            return (i,), found[1]
    return None


def _text(v: Any, p: Param) -> Found:
    if not isinstance(v, str):
        return (), _wrong("type_text")
    return None if len(v) <= MAX_TEXT else ((), msg("reason_too_long", length=len(v), limit=MAX_TEXT))


def _items(v: Any, check) -> Found:
    """A list of at most MAX_ITEMS, each passing `check` (which returns Found)."""
    if not isinstance(v, list):
        return (), _wrong("type_list")
    if len(v) > MAX_ITEMS:
        return (), msg("reason_too_many", count=len(v), limit=MAX_ITEMS)
    for i, item in enumerate(v):
        found = check(item)
        if found:
            return (i,) + found[0], found[1]
    return None


def _weights(v: Any, p: Param) -> Found:
    return None if v is None else _items(v, lambda w: None if is_number(w) else ((), _wrong("type_number")))


def _point(x: Any) -> Found:
    """[x, y, label]: two finite numbers and a class (a whole number or a word)."""
    if not (isinstance(x, list) and len(x) == 3):
        return (), _wrong("type_point")
    bad = next((i for i in (0, 1) if not is_number(x[i])), None)
    if bad is not None:
        return (bad,), _wrong("type_number")
    return None if isinstance(x[2], str) or type(x[2]) is int else ((2,), _wrong("type_label"))


def _points(v: Any, p: Param) -> Found:
    return _items(v, _point)


_CHECKS = {"number": _number, "integer": _integer, "choice": _choice, "bool": _bool, "features": _features,
           "text": _text, "weights": _weights, "points": _points}

