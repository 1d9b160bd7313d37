"""Scripts: block trees (opcodes.Node) -> a target's flat `blocks` and `comments` dicts, laid out tidily.

Pure functions over plain data, in passes: measure, lay out, serialize.
"""
from __future__ import annotations

import json
import math
import unicodedata
from dataclasses import dataclass

from . import opcodes as o
from . import textbox
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


# --- measuring (Scratch geometry, generous: a comment must never lie under a block) ---------

HAT_LABEL_PX = 250        # a hat's words: Japanese ones run long ("このスプライトが押されたとき")
LABEL_PX = 170            # the words of any other block
COMMENT_GAP = 40          # between a script's widest block and its comments


def _text_px(text: str) -> float:
    """Width of text in a block (16 px font): a kana or kanji is 16 px, a Latin letter at most 9."""
    return sum(16 if unicodedata.east_asian_width(ch) in "WF" else 9 for ch in text)


def _label_px(node: Node) -> float:
    if node.opcode in (o.PROCEDURE_CALL, o.PROCEDURE_DEFINITION):
        return 30 + _text_px(node.mutation["procedure"].proccode) + 60
    return HAT_LABEL_PX if o.op(node.opcode).shape == o.HAT else LABEL_PX


def _width(value) -> float:
    if isinstance(value, Node):
        w = _label_px(value)
        for v in value.inputs.values():
            if not isinstance(v, list):
                w += _width(v)
        for v in value.fields.values():
            w += _text_px(getattr(v, "name", str(v))) + 40
        return w
    if isinstance(value, (Var, ListVar, Broadcast)):
        return 24 + _text_px(value.name)
    if value is None:
        return 40
    return 24 + _text_px(str(value))


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


def comment_height(text: str) -> float:
    """Height of a comment COMMENT_WIDTH wide that shows all of `text` in the Scratch editor."""
    return textbox.comment_height(text, COMMENT_WIDTH)


def _inner_comments(blocks: list[Node]) -> list[str]:
    found = []
    for node in blocks:
        if node.comment:
            found.append(node.comment)
        for v in node.inputs.values():
            if isinstance(v, list):
                found += _inner_comments(v)
            elif isinstance(v, Node):
                found += _inner_comments([v])
    return found


def extent(s: Script) -> tuple[float, float]:
    """(width, height) a script needs on the workspace, its comments (stacked at its right) included."""
    w, h = measure(s.blocks)
    comments = ([s.comment] if s.comment else []) + _inner_comments(s.blocks)
    if comments:
        w += COMMENT_GAP + COMMENT_WIDTH
        h = max(h, sum(comment_height(c) + 10 for c in comments))
    return w, h


def layout(scripts: list[Script], x0: float = 40.0, y0: float = 40.0) -> None:
    """Place scripts in columns, none on top of another (comments sit at the script's right)."""
    x, y, column_width = x0, y0, 0.0
    for s in scripts:
        w, h = extent(s)
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
        self._pending: list[tuple[str, str]] = []  # (block id, text) of comments inside the current script

    def new_id(self) -> str:
        self.count += 1
        return f"{self.prefix}{self.count}"

    def add(self, script: Script) -> str:
        self._pending = []
        first = self._stack(script.blocks, parent=None)
        top = self.blocks[first]
        top.update(topLevel=True, x=script.x, y=script.y)
        w, _ = measure(script.blocks)
        x, y = script.x + w + COMMENT_GAP, script.y
        for block_id, text in ([(first, script.comment)] if script.comment else []) + self._pending:
            self._comment(block_id, text, x, y)
            y += comment_height(text) + 10
        return first

    def _comment(self, block_id: str | None, text: str, x: float, y: float) -> None:
        if len(text) > MAX_COMMENT_CHARS:
            raise ValueError("a comment is longer than Scratch allows")
        cid = self.new_id()
        self.comments[cid] = {"blockId": block_id, "x": round(x), "y": round(y), "width": COMMENT_WIDTH,
                              "height": comment_height(text), "minimized": False, "text": text}
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
            self._pending.append((bid, node.comment))
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
    return s.blocks, s.comments
