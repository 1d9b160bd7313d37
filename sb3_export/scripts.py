"""Scripts: block trees (opcodes.Node) -> a target's flat `blocks` and `comments` dicts, laid out tidily.

Pure functions over plain data, in passes: measure, lay out, serialize.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from . import opcodes as o
from .opcodes import Broadcast, ListVar, Node, Procedure, Var

COMMENT_WIDTH = 260       # a comment beside a script, in workspace units
COLUMN_GAP = 60
ROW_GAP = 50
MAX_COLUMN_HEIGHT = 1800  # start a new column of scripts below this
MAX_COMMENT_CHARS = 8000  # scratch-parser rejects longer comments


@dataclass
class Script:
    """A stack of blocks (a hat first, usually) and the comment that explains it."""

    blocks: list[Node]
    comment: str | None = None
    x: float = 0.0
    y: float = 0.0


# --- measuring (rough Scratch geometry, enough to keep scripts apart) -----------------------

def _label_chars(node: Node) -> int:
    if node.opcode in (o.PROCEDURE_CALL, o.PROCEDURE_DEFINITION):
        return len(node.mutation["procedure"].proccode) + 8
    return 14


def _width(value) -> float:
    if isinstance(value, Node):
        w = 30 + 7.5 * _label_chars(value)
        for v in value.inputs.values():
            if not isinstance(v, list):
                w += _width(v)
        for v in value.fields.values():
            w += 8 * len(getattr(v, "name", str(v))) + 30
        return w
    if isinstance(value, (Var, ListVar, Broadcast)):
        return 16 + 8 * len(value.name)
    if value is None:
        return 40
    return 16 + 8 * min(len(str(value)), 30)


def measure(blocks: list[Node]) -> tuple[float, float]:
    """(width, height) of a stack in workspace units."""
    width, height = 0.0, 0.0
    for node in blocks:
        spec = o.op(node.opcode)
        width = max(width, _width(node))
        height += 88 if spec.shape == o.HAT else 56
        for v in node.inputs.values():
            if isinstance(v, list):
                w, h = measure(v)
                width = max(width, 16 + w)
                height += max(h, 24) + 40
    return width, height


def layout(scripts: list[Script], x0: float = 40.0, y0: float = 40.0) -> None:
    """Place scripts in columns, none on top of another (a script's comment sits at its right)."""
    x, y, column_width = x0, y0, 0.0
    for s in scripts:
        w, h = measure(s.blocks)
        w += COMMENT_WIDTH + 30 if s.comment else 0
        if y > y0 and y + h > MAX_COLUMN_HEIGHT:
            x, y, column_width = x + column_width + COLUMN_GAP, y0, 0.0
        s.x, s.y = round(x), round(y)
        y += h + ROW_GAP
        column_width = max(column_width, w)


# --- serializing ----------------------------------------------------------------------------

def _number_ok(value) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"a block may not hold {value!r}")
    if isinstance(value, bool):
        raise TypeError("write 1/0 or 'true'/'false' instead of a Python bool")


def field_value(value) -> list:
    if isinstance(value, (Var, ListVar, Broadcast)):
        return [value.name, value.id]
    return [value, None]


class Serializer:
    """Turns Scripts into the `blocks` and `comments` of one target, with ids prefix1, prefix2, ..."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.count = 0
        self.blocks: dict[str, dict] = {}
        self.comments: dict[str, dict] = {}

    def new_id(self) -> str:
        self.count += 1
        return f"{self.prefix}{self.count}"

    def add(self, script: Script) -> str:
        first = self._stack(script.blocks, parent=None)
        top = self.blocks[first]
        top.update(topLevel=True, x=script.x, y=script.y)
        if script.comment:
            w, _ = measure(script.blocks)
            self._comment(first, script.comment, script.x + w + 30, script.y)
        return first

    def _comment(self, block_id: str | None, text: str, x: float, y: float) -> None:
        if len(text) > MAX_COMMENT_CHARS:
            raise ValueError("a comment is longer than Scratch allows")
        cid = self.new_id()
        lines = sum(1 + len(line) // 34 for line in text.split("\n"))
        self.comments[cid] = {"blockId": block_id, "x": round(x), "y": round(y), "width": COMMENT_WIDTH,
                              "height": min(60 + 18 * lines, 600), "minimized": False, "text": text}
        if block_id is not None:
            self.blocks[block_id]["comment"] = cid

    def _stack(self, nodes: list[Node], parent: str | None) -> str | None:
        first, prev = None, None
        for node in nodes:
            bid = self._block(node, parent=prev if prev is not None else parent)
            if prev is not None:
                self.blocks[prev]["next"] = bid
            else:
                first = bid
            prev = bid
        return first

    def _block(self, node: Node, parent: str | None, shadow: bool = False) -> str:
        bid = self.new_id()
        block = {"opcode": node.opcode, "next": None, "parent": parent, "inputs": {}, "fields": {},
                 "shadow": shadow, "topLevel": False}
        self.blocks[bid] = block
        for name, value in node.fields.items():
            block["fields"][name] = field_value(value)
        if node.opcode == o.PROCEDURE_DEFINITION:
            proc: Procedure = node.mutation["procedure"]
            block["inputs"]["custom_block"] = [o.INPUT_SAME_BLOCK_SHADOW, self._prototype(proc, bid)]
        elif node.opcode == o.PROCEDURE_CALL:
            proc = node.mutation["procedure"]
            block["mutation"] = {"tagName": "mutation", "children": [], "proccode": proc.proccode,
                                 "argumentids": json.dumps(list(proc.arg_ids)),
                                 "warp": json.dumps(proc.warp)}
            for arg_id, value in node.inputs.items():
                block["inputs"][arg_id] = self._input(value, o.TEXT_PRIMITIVE, bid)
        else:
            spec = o.op(node.opcode)
            for name, value in node.inputs.items():
                kind = spec.inputs[name]
                if kind == o.SUBSTACK:
                    if value:
                        block["inputs"][name] = [o.INPUT_BLOCK_NO_SHADOW, self._stack(value, bid)]
                elif kind == o.BOOLEAN:
                    if value is not None:
                        block["inputs"][name] = [o.INPUT_BLOCK_NO_SHADOW, self._block(value, bid)]
                elif kind == o.MENU:
                    menu_opcode, menu_field = spec.menus[name]
                    menu = self._block(Node(menu_opcode, {}, {menu_field: value}), bid, shadow=True)
                    block["inputs"][name] = [o.INPUT_SAME_BLOCK_SHADOW, menu]
                else:
                    block["inputs"][name] = self._input(value, kind, bid)
        if node.comment:
            self._comment(bid, node.comment, 0, 0)  # placed by _place_comments
        return bid

    def _prototype(self, proc: Procedure, parent: str) -> str:
        pid = self.new_id()
        proto = {"opcode": o.PROCEDURE_PROTOTYPE, "next": None, "parent": parent, "inputs": {}, "fields": {},
                 "shadow": True, "topLevel": False,
                 "mutation": {"tagName": "mutation", "children": [], "proccode": proc.proccode,
                              "argumentids": json.dumps(list(proc.arg_ids)),
                              "argumentnames": json.dumps(list(proc.arg_names)),
                              "argumentdefaults": json.dumps([""] * len(proc.arg_names)),
                              "warp": json.dumps(proc.warp)}}
        self.blocks[pid] = proto
        for arg_id, name in zip(proc.arg_ids, proc.arg_names):
            rid = self.new_id()
            self.blocks[rid] = {"opcode": o.ARGUMENT_REPORTER, "next": None, "parent": pid, "inputs": {},
                                "fields": {"VALUE": [name, None]}, "shadow": True, "topLevel": False}
            proto["inputs"][arg_id] = [o.INPUT_SAME_BLOCK_SHADOW, rid]
        return pid

    def _input(self, value, kind: int, parent: str) -> list:
        empty = [kind, ""]
        if isinstance(value, Broadcast):
            return [o.INPUT_SAME_BLOCK_SHADOW, [o.BROADCAST_PRIMITIVE, value.name, value.id]]
        if isinstance(value, Var):
            return [o.INPUT_DIFF_BLOCK_SHADOW, [o.VAR_PRIMITIVE, value.name, value.id], empty]
        if isinstance(value, ListVar):
            return [o.INPUT_DIFF_BLOCK_SHADOW, [o.LIST_PRIMITIVE, value.name, value.id], empty]
        if isinstance(value, Node):
            return [o.INPUT_DIFF_BLOCK_SHADOW, self._block(value, parent), empty]
        if value is None:
            return [o.INPUT_SAME_BLOCK_SHADOW, empty]
        _number_ok(value)
        return [o.INPUT_SAME_BLOCK_SHADOW, [kind, value]]


def serialize(scripts: list[Script], prefix: str) -> tuple[dict, dict]:
    """Lay out and serialize a target's scripts: (blocks, comments)."""
    layout(scripts)
    s = Serializer(prefix)
    for script in scripts:
        s.add(script)
    _place_block_comments(s)
    return s.blocks, s.comments


def _place_block_comments(s: Serializer) -> None:
    """A comment on an inner block sits at the right of its script's top block."""
    for cid, c in s.comments.items():
        if c["x"] == 0 and c["y"] == 0 and c["blockId"] is not None:
            top = c["blockId"]
            while s.blocks[top]["parent"] is not None:
                top = s.blocks[top]["parent"]
            c["x"], c["y"] = s.blocks[top]["x"] + 420, s.blocks[top]["y"] + 40
