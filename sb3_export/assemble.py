"""Targets, variables, costumes and monitors -> project.json (a dict) and its asset files."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .assets import Costume, svg_bytes
from .opcodes import DATA_LIST, DATA_VARIABLE, PEN_EXTENSION, Broadcast, ListVar, Var
from .scripts import Script, serialize

SEMVER = "3.0.0"          # meta.semver must look like 3.x.y
VM_VERSION = "0.2.0"
AGENT = "blockbuilder"


@dataclass
class Sprite:
    name: str
    costumes: list[Costume]
    scripts: list[Script] = field(default_factory=list)
    variables: list[Var] = field(default_factory=list)   # "for this sprite only"
    lists: list[ListVar] = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0
    size: float = 100.0
    visible: bool = True
    draggable: bool = False


@dataclass
class Monitor:
    """A variable shown on the stage: "default", "large" or "slider" (with its range)."""

    var: Var
    x: float
    y: float
    mode: str = "default"
    slider: tuple[float, float, bool] = (0.0, 100.0, True)  # min, max, whole numbers only
    visible: bool = True


@dataclass
class ListMonitor:
    lst: ListVar
    x: float
    y: float
    width: float = 120
    height: float = 200
    visible: bool = True


@dataclass
class Project:
    """A whole Scratch project before serialization."""

    backdrops: list[Costume]
    stage_scripts: list[Script] = field(default_factory=list)
    variables: list[Var] = field(default_factory=list)    # global ("for all sprites")
    lists: list[ListVar] = field(default_factory=list)
    broadcasts: list[Broadcast] = field(default_factory=list)
    sprites: list[Sprite] = field(default_factory=list)
    monitors: list[Monitor | ListMonitor] = field(default_factory=list)


def _costume_json(c: Costume, data: bytes) -> tuple[dict, str]:
    asset_id = hashlib.md5(data).hexdigest()
    return ({"name": c.name, "bitmapResolution": 1, "dataFormat": "svg", "assetId": asset_id,
             "md5ext": f"{asset_id}.svg", "rotationCenterX": c.center[0], "rotationCenterY": c.center[1]},
            f"{asset_id}.svg")


def _costumes(costumes: list[Costume], assets: dict[str, bytes]) -> list[dict]:
    out = []
    for c in costumes:
        data = svg_bytes(c)
        entry, filename = _costume_json(c, data)
        assets[filename] = data
        out.append(entry)
    return out


def _target(name: str, is_stage: bool, costumes, scripts, variables, lists, prefix, assets) -> dict:
    blocks, comments = serialize(scripts, prefix)
    return {
        "isStage": is_stage, "name": name,
        "variables": {v.id: [v.name, v.value] for v in variables},
        "lists": {lst.id: [lst.name, list(lst.items)] for lst in lists},
        "broadcasts": {}, "blocks": blocks, "comments": comments,
        "currentCostume": 0, "costumes": _costumes(costumes, assets), "sounds": [],
        "volume": 100, "layerOrder": 0,
    }


def _monitor(m: Monitor | ListMonitor) -> dict:
    if isinstance(m, ListMonitor):
        return {"id": m.lst.id, "mode": "list", "opcode": DATA_LIST,
                "params": {"LIST": m.lst.name}, "spriteName": None, "value": list(m.lst.items),
                "width": m.width, "height": m.height, "x": m.x, "y": m.y, "visible": m.visible}
    lo, hi, discrete = m.slider
    return {"id": m.var.id, "mode": m.mode, "opcode": DATA_VARIABLE, "params": {"VARIABLE": m.var.name},
            "spriteName": None, "value": m.var.value, "width": 0, "height": 0, "x": m.x, "y": m.y,
            "visible": m.visible, "sliderMin": lo, "sliderMax": hi, "isDiscrete": discrete}


def assemble(p: Project) -> tuple[dict, dict[str, bytes]]:
    """(project.json as a dict, {asset file name: bytes})."""
    assets: dict[str, bytes] = {}
    stage = _target("Stage", True, p.backdrops, p.stage_scripts, p.variables, p.lists, "s", assets)
    stage.update(broadcasts={b.id: b.name for b in p.broadcasts}, tempo=60, videoTransparency=50,
                 videoState="off")
    targets = [stage]
    for n, sp in enumerate(p.sprites, start=1):
        t = _target(sp.name, False, sp.costumes, sp.scripts, sp.variables, sp.lists, f"t{n}_", assets)
        t.update(layerOrder=n, visible=sp.visible, x=sp.x, y=sp.y, size=sp.size, direction=90,
                 draggable=sp.draggable, rotationStyle="all around")
        targets.append(t)
    project = {"targets": targets, "monitors": [_monitor(m) for m in p.monitors],
               "extensions": [PEN_EXTENSION],
               "meta": {"semver": SEMVER, "vm": VM_VERSION, "agent": AGENT}}
    return project, assets
