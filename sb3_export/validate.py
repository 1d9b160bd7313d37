"""Structural validation of a project.json dict: the mistakes Scratch would swallow silently.

See shared/notes/scratch-format.md: a misspelt opcode, an undeclared variable, a call without a
definition or a dangling id load fine and compute zeros. Every one of them is an error here.
"""
from __future__ import annotations

import json
import math
import re

from . import opcodes as o

_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_SEMVER = re.compile(r"^3\.\d+\.\d+")
MAX_COMMENT_CHARS = 8000


class InvalidProject(AssertionError):
    """The exporter produced a project Scratch would load wrongly (a bug in the exporter)."""


def _nulls(value, where: str, out: list[str]) -> None:
    """null as a variable value or list item (scratch-parser rejects it)."""
    if value is None:
        out.append(f"{where}: null")
    elif isinstance(value, (list, tuple)):
        for n, v in enumerate(value):
            _nulls(v, f"{where}[{n}]", out)


def _non_finite(value, where: str, out: list[str]) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        out.append(f"{where}: {value}")
    elif isinstance(value, dict):
        for k, v in value.items():
            _non_finite(v, f"{where}.{k}", out)
    elif isinstance(value, list):
        for n, v in enumerate(value):
            _non_finite(v, f"{where}[{n}]", out)


def problems(project: dict, assets: dict[str, bytes] | None = None) -> list[str]:
    """Everything wrong with the project; empty when it is sound."""
    out: list[str] = []
    _non_finite(project, "project", out)
    targets = project.get("targets") or []
    if not targets or not targets[0].get("isStage"):
        out.append("targets[0] must be the Stage")
        return out
    if not _SEMVER.match(str(project.get("meta", {}).get("semver", ""))):
        out.append("meta.semver must look like 3.x.y")
    names = set()
    for t in targets:
        out += _target_problems(t, targets[0], t.get("name") in names, assets)
        names.add(t.get("name"))
    return out + _monitor_problems(project)


def _target_problems(t: dict, stage: dict, shares_name: bool, assets: dict[str, bytes] | None) -> list[str]:
    """One target: its name, keys, costumes, values and blocks, in the Stage's scope."""
    where = f"target {t.get('name')!r}"
    out = [f"{where}: two targets share this name"] if shares_name else []
    out += _key_problems(t, where) + _costume_problems(t, where, assets) + _null_problems(t, where)
    variables = {**stage.get("variables", {}), **t.get("variables", {})}
    lists = {**stage.get("lists", {}), **t.get("lists", {})}
    return out + _block_problems(t, where, variables, lists, stage.get("broadcasts", {}))


def _key_problems(t: dict, where: str) -> list[str]:
    return [f"{where}: missing {key}" for key in ("variables", "costumes", "sounds", "blocks") if key not in t]


def _costume_problems(t: dict, where: str, assets: dict[str, bytes] | None) -> list[str]:
    """At least one costume, each with an md5 assetId and, when the zip's files are given, its file."""
    out = [] if t.get("costumes") else [f"{where}: needs at least one costume"]
    for c in t.get("costumes", []):
        if not _HEX32.match(str(c.get("assetId", ""))):
            out.append(f"{where}: costume {c.get('name')!r} has a bad assetId")
        elif assets is not None and f"{c['assetId']}.{c.get('dataFormat')}" not in assets:
            out.append(f"{where}: costume {c.get('name')!r} has no file in the zip")
    return out


def _null_problems(t: dict, where: str) -> list[str]:
    out: list[str] = []
    for name, value in t.get("variables", {}).values():
        _nulls(value, f"{where} variable {name!r}", out)
    for name, items in t.get("lists", {}).values():
        _nulls(items, f"{where} list {name!r}", out)
    return out


def _monitor_problems(project: dict) -> list[str]:
    return [f"monitor {m.get('id')!r}: no params" for m in project.get("monitors", []) if "params" not in m]


def _ref_problems(kind: str, ref, scope: dict, where: str) -> list[str]:
    name, ident = ref[0], ref[1]
    if ident not in scope:
        return [f"{where}: {kind} {name!r} ({ident}) is not declared"]
    if scope[ident][0] != name:
        return [f"{where}: {kind} id {ident} is called {scope[ident][0]!r}, not {name!r}"]
    return []


def _declared(kind: str, ref, names: dict[str, dict], where: str) -> list[str]:
    """_ref_problems in the target's scope; `names` maps "variable", "list", "broadcast" to theirs."""
    scope = names[kind]
    if kind == "broadcast":  # broadcasts are stored {id: name}, variables and lists {id: [name, value]}
        scope = {k: [v] for k, v in scope.items()}
    return _ref_problems(kind, ref, scope, where)


_INPUT_KINDS = (o.INPUT_SAME_BLOCK_SHADOW, o.INPUT_BLOCK_NO_SHADOW, o.INPUT_DIFF_BLOCK_SHADOW)
_PROCEDURE_OPCODES = (o.PROCEDURE_CALL, o.PROCEDURE_PROTOTYPE, o.PROCEDURE_DEFINITION)
_MUTATION_KEYS = {o.PROCEDURE_CALL: ("proccode", "argumentids"),
                  o.PROCEDURE_PROTOTYPE: ("proccode", "argumentids", "argumentnames", "argumentdefaults")}
_FIELD_KINDS = {"VARIABLE": "variable", "LIST": "list", "BROADCAST_OPTION": "broadcast"}


def _block_problems(t: dict, where: str, variables: dict, lists: dict, broadcasts: dict) -> list[str]:
    """Every block, then whether each parent holds its children, then the comments."""
    blocks: dict = t.get("blocks", {})
    names = {"variable": variables, "list": lists, "broadcast": broadcasts}
    prototypes = _prototypes(blocks)
    out: list[str] = []
    for bid, b in blocks.items():
        out += _one_block_problems(bid, b, blocks, names, prototypes, f"{where} block {bid} ({b.get('opcode')})")
    return out + _unheld_problems(blocks, where) + _comment_problems(t, blocks, where)


def _prototypes(blocks: dict) -> dict[str, dict]:
    """proccode -> the prototype's mutation, for checking the calls."""
    return {b["mutation"]["proccode"]: b["mutation"] for b in blocks.values()
            if b.get("opcode") == o.PROCEDURE_PROTOTYPE}


def _one_block_problems(bid: str, b: dict, blocks: dict, names: dict, prototypes: dict, at: str) -> list[str]:
    if b.get("opcode") not in o.OPS:
        return [f"{at}: unknown opcode"]  # nothing else about a block we cannot read is worth saying
    return [*_parent_problems(b, blocks, at), *_next_problems(bid, b, blocks, at),
            *_input_problems(bid, b, blocks, names, at), *_field_problems(b, names, at),
            *_mutation_problems(b, at), *_call_problems(b, prototypes, at),
            *_definition_problems(b, at), *_shadow_problems(b, blocks, at)]


def _parent_problems(b: dict, blocks: dict, at: str) -> list[str]:
    """A script's top block has a place and no parent; any other block has a parent that exists."""
    if not b.get("topLevel"):
        return [] if b.get("parent") in blocks else [f"{at}: parent {b.get('parent')!r} does not exist"]
    out = [f"{at}: top-level block with a parent"] if b.get("parent") is not None else []
    if not isinstance(b.get("x"), (int, float)) or not isinstance(b.get("y"), (int, float)):
        out.append(f"{at}: top-level block without x, y")
    return out


def _next_problems(bid: str, b: dict, blocks: dict, at: str) -> list[str]:
    nxt = b.get("next")
    if nxt is None:
        return []
    if nxt not in blocks:
        return [f"{at}: next {nxt!r} does not exist"]
    return [] if blocks[nxt].get("parent") == bid else [f"{at}: its next block names another parent"]


def _well_formed(value) -> bool:
    """An input is [kind, block id or primitive or null, ...]."""
    return isinstance(value, list) and value[0] in _INPUT_KINDS


def _input_problems(bid: str, b: dict, blocks: dict, names: dict, at: str) -> list[str]:
    opcode = b.get("opcode")
    out: list[str] = []
    for name, value in b.get("inputs", {}).items():
        if not _well_formed(value):
            out.append(f"{at}: input {name} is malformed")
            continue
        # a procedure's inputs are named by its arguments' ids, not by the opcode table
        if opcode not in _PROCEDURE_OPCODES and name not in o.OPS[opcode].inputs:
            out.append(f"{at}: {opcode} has no input {name}")
        for part in value[1:]:
            out += _part_problems(bid, name, part, blocks, names, at)
    return out


def _part_problems(bid: str, name: str, part, blocks: dict, names: dict, at: str) -> list[str]:
    """One part of an input: the id of a block that names this one as its parent, or a primitive."""
    if isinstance(part, str):
        if part not in blocks:
            return [f"{at}: input {name} names a missing block {part}"]
        return [] if blocks[part].get("parent") == bid else [f"{at}: input {name}'s block names another parent"]
    if isinstance(part, list):
        return _primitive_problems(name, part, names, at)
    return [] if part is None else [f"{at}: input {name} is malformed"]


def _primitive_problems(name: str, part: list, names: dict, at: str) -> list[str]:
    if part[0] == o.VAR_PRIMITIVE:
        return _declared("variable", part[1:], names, at)
    if part[0] == o.LIST_PRIMITIVE:
        return _declared("list", part[1:], names, at)
    if part[0] == o.BROADCAST_PRIMITIVE:
        return _declared("broadcast", [part[1], part[2]], names, at)
    return [] if part[0] in o.PRIMITIVE_OPCODES else [f"{at}: input {name} has an unknown primitive {part[0]}"]


def _field_problems(b: dict, names: dict, at: str) -> list[str]:
    opcode = b.get("opcode")
    out: list[str] = []
    for name, value in b.get("fields", {}).items():
        if name not in o.OPS[opcode].fields:
            out.append(f"{at}: {opcode} has no field {name}")
        elif name in _FIELD_KINDS:
            out += _declared(_FIELD_KINDS[name], value, names, at)
    return out


def _mutation_problems(b: dict, at: str) -> list[str]:
    """Calls and prototypes carry their mutation's keys."""
    keys = _MUTATION_KEYS.get(b.get("opcode"), ())
    m = b.get("mutation") or {}
    return [f"{at}: mutation without {key}" for key in keys if key not in m]


def _call_problems(b: dict, prototypes: dict, at: str) -> list[str]:
    """A call names a procedure this sprite defines, with the same argument ids."""
    if b.get("opcode") != o.PROCEDURE_CALL:
        return []
    m = b.get("mutation") or {}
    proto = prototypes.get(m.get("proccode"))
    if proto is None:
        return [f"{at}: calls {m.get('proccode')!r}, which this sprite does not define"]
    if json.loads(proto["argumentids"]) != json.loads(m.get("argumentids", "[]")):
        return [f"{at}: arguments differ from the definition of {m.get('proccode')!r}"]
    return []


def _definition_problems(b: dict, at: str) -> list[str]:
    if b.get("opcode") == o.PROCEDURE_DEFINITION and "custom_block" not in b.get("inputs", {}):
        return [f"{at}: definition without its prototype"]
    return []


def _shadow_problems(b: dict, blocks: dict, at: str) -> list[str]:
    """Menus and prototypes are shadows, and so is an argument reporter inside a prototype."""
    opcode = b.get("opcode")
    shadow = opcode in o.SHADOW_OPCODES or (
        opcode == o.ARGUMENT_REPORTER and blocks.get(b.get("parent"), {}).get("opcode") == o.PROCEDURE_PROTOTYPE)
    return [] if b.get("shadow") == shadow else [f"{at}: wrong shadow flag"]


def _held(blocks: dict) -> dict[str, str]:
    """child id -> parent id, as the parent sees it; a later claim wins."""
    children: dict[str, str] = {}
    for bid, b in blocks.items():
        if b.get("opcode") not in o.OPS:
            continue  # an unknown block's links are not read
        if b.get("next") is not None:
            children[b["next"]] = bid
        for value in b.get("inputs", {}).values():
            if _well_formed(value):
                children.update((part, bid) for part in value[1:] if isinstance(part, str) and part in blocks)
    return children


def _unheld_problems(blocks: dict, where: str) -> list[str]:
    """A block names a parent that does not list it as its next block or in an input."""
    children = _held(blocks)
    return [f"{where} block {bid}: its parent does not hold it" for bid, b in blocks.items()
            if b.get("parent") is not None and children.get(bid) != b.get("parent")]


def _comment_problems(t: dict, blocks: dict, where: str) -> list[str]:
    out: list[str] = []
    for cid, c in t.get("comments", {}).items():
        if len(c.get("text", "")) > MAX_COMMENT_CHARS:
            out.append(f"{where} comment {cid}: longer than {MAX_COMMENT_CHARS} characters")
        if c.get("blockId") is not None and c["blockId"] not in blocks:
            out.append(f"{where} comment {cid}: on a missing block")
    return out


def check(project: dict, assets: dict[str, bytes] | None = None) -> None:
    found = problems(project, assets)
    if found:
        more = f" (and {len(found) - 10} more)" if len(found) > 10 else ""
        raise InvalidProject("; ".join(found[:10]) + more)
