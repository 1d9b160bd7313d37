"""The project document: pydantic models of what a .json project file holds."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# Bump when the file format changes, and add upgrade_N_to_N_plus_1 in migrations.py.
SCHEMA_VERSION = 1

Lang = Literal["ja", "ja-Hira", "en"]
BLOCK_ID = r"^[A-Za-z0-9_.-]{1,64}$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Block(_Model):
    """One block: its kind from the catalog, its field values, and (for C blocks) what it holds."""

    id: str = Field(pattern=BLOCK_ID)
    """Unique in the project; trained parameters are keyed by it."""
    type: str = Field(max_length=64)
    """A block type id from blockbuilder.catalog, e.g. "layers_dense"."""
    params: dict[str, Any] = Field(default_factory=dict)
    """Field values by parameter name; a missing one takes the catalog's default."""
    children: list["Block"] = Field(default_factory=list)
    """Blocks inside a C block, top to bottom."""
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
    scroll_y: float = Field(default=0.0, allow_inf_nan=False)
    zoom: float = Field(default=1.0, ge=0.25, le=4.0)


Array = list[float] | list[list[float]]


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
    """Trained parameters by layer block id: W (inputs x neurons), b; BatchNorm's gamma, beta,
    running_mean, running_var. Floats round-trip exactly through JSON."""
    view: View = Field(default_factory=View)
    """The workspace's scroll and zoom."""
