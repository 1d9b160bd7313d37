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
    stage = targets[0]
    broadcasts = stage.get("broadcasts", {})
    names = set()
    for t in targets:
        where = f"target {t.get('name')!r}"
        if t.get("name") in names:
            out.append(f"{where}: two targets share this name")
        names.add(t.get("name"))
        for key in ("variables", "costumes", "sounds", "blocks"):
            if key not in t:
                out.append(f"{where}: missing {key}")
        if not t.get("costumes"):
            out.append(f"{where}: needs at least one costume")
        for c in t.get("costumes", []):
            if not _HEX32.match(str(c.get("assetId", ""))):
                out.append(f"{where}: costume {c.get('name')!r} has a bad assetId")
            elif assets is not None and f"{c['assetId']}.{c.get('dataFormat')}" not in assets:
                out.append(f"{where}: costume {c.get('name')!r} has no file in the zip")
        for vid, (name, value) in t.get("variables", {}).items():
            _nulls(value, f"{where} variable {name!r}", out)
        for lid, (name, items) in t.get("lists", {}).items():
            _nulls(items, f"{where} list {name!r}", out)
        scope_vars = {**stage.get("variables", {}), **t.get("variables", {})}
        scope_lists = {**stage.get("lists", {}), **t.get("lists", {})}
        out += _block_problems(t, where, scope_vars, scope_lists, broadcasts)
    for m in project.get("monitors", []):
        if "params" not in m:
            out.append(f"monitor {m.get('id')!r}: no params")
    return out


def _ref_problems(kind: str, ref, scope: dict, where: str) -> list[str]:
    name, ident = ref[0], ref[1]
    if ident not in scope:
        return [f"{where}: {kind} {name!r} ({ident}) is not declared"]
    if scope[ident][0] != name:
        return [f"{where}: {kind} id {ident} is called {scope[ident][0]!r}, not {name!r}"]
    return []


def _block_problems(t: dict, where: str, variables: dict, lists: dict, broadcasts: dict) -> list[str]:
    out: list[str] = []
    blocks: dict = t.get("blocks", {})
    children: dict[str, str] = {}  # child id -> parent id, as the parent sees it
    prototypes = {}
    for bid, b in blocks.items():
        if b.get("opcode") == o.PROCEDURE_PROTOTYPE:
            prototypes[b["mutation"]["proccode"]] = b["mutation"]
    for bid, b in blocks.items():
        at = f"{where} block {bid} ({b.get('opcode')})"
        opcode = b.get("opcode")
        if opcode not in o.OPS:
            out.append(f"{at}: unknown opcode")
            continue
        spec = o.OPS[opcode]
        if b.get("topLevel"):
            if b.get("parent") is not None:
                out.append(f"{at}: top-level block with a parent")
            if not isinstance(b.get("x"), (int, float)) or not isinstance(b.get("y"), (int, float)):
                out.append(f"{at}: top-level block without x, y")
        elif b.get("parent") not in blocks:
            out.append(f"{at}: parent {b.get('parent')!r} does not exist")
        nxt = b.get("next")
        if nxt is not None:
            if nxt not in blocks:
                out.append(f"{at}: next {nxt!r} does not exist")
            elif blocks[nxt].get("parent") != bid:
                out.append(f"{at}: its next block names another parent")
            children[nxt] = bid
        for name, value in b.get("inputs", {}).items():
            if not isinstance(value, list) or value[0] not in (o.INPUT_SAME_BLOCK_SHADOW, o.INPUT_BLOCK_NO_SHADOW,
                                                              o.INPUT_DIFF_BLOCK_SHADOW):
                out.append(f"{at}: input {name} is malformed")
                continue
            if opcode not in (o.PROCEDURE_CALL, o.PROCEDURE_PROTOTYPE, o.PROCEDURE_DEFINITION) \
                    and name not in spec.inputs:
                out.append(f"{at}: {opcode} has no input {name}")
            for part in value[1:]:
                if isinstance(part, str):
                    if part not in blocks:
                        out.append(f"{at}: input {name} names a missing block {part}")
                    else:
                        children[part] = bid
                        if blocks[part].get("parent") != bid:
                            out.append(f"{at}: input {name}'s block names another parent")
                elif isinstance(part, list):
                    if part[0] == o.VAR_PRIMITIVE:
                        out += _ref_problems("variable", part[1:], variables, at)
                    elif part[0] == o.LIST_PRIMITIVE:
                        out += _ref_problems("list", part[1:], lists, at)
                    elif part[0] == o.BROADCAST_PRIMITIVE:
                        out += _ref_problems("broadcast", [part[1], part[2]], {k: [v] for k, v in broadcasts.items()}, at)
                    elif part[0] not in o.PRIMITIVE_OPCODES:
                        out.append(f"{at}: input {name} has an unknown primitive {part[0]}")
                elif part is not None:
                    out.append(f"{at}: input {name} is malformed")
        for name, value in b.get("fields", {}).items():
            if name not in spec.fields:
                out.append(f"{at}: {opcode} has no field {name}")
            elif name == "VARIABLE":
                out += _ref_problems("variable", value, variables, at)
            elif name == "LIST":
                out += _ref_problems("list", value, lists, at)
            elif name == "BROADCAST_OPTION":
                out += _ref_problems("broadcast", value, {k: [v] for k, v in broadcasts.items()}, at)
        if opcode in (o.PROCEDURE_CALL, o.PROCEDURE_PROTOTYPE):
            m = b.get("mutation") or {}
            keys = ("proccode", "argumentids") + (("argumentnames", "argumentdefaults")
                                                 if opcode == o.PROCEDURE_PROTOTYPE else ())
            for key in keys:
                if key not in m:
                    out.append(f"{at}: mutation without {key}")
            if opcode == o.PROCEDURE_CALL:
                proto = prototypes.get(m.get("proccode"))
                if proto is None:
                    out.append(f"{at}: calls {m.get('proccode')!r}, which this sprite does not define")
                elif json.loads(proto["argumentids"]) != json.loads(m.get("argumentids", "[]")):
                    out.append(f"{at}: arguments differ from the definition of {m.get('proccode')!r}")
        if opcode == o.PROCEDURE_DEFINITION and "custom_block" not in b.get("inputs", {}):
            out.append(f"{at}: definition without its prototype")
        if b.get("shadow") != (opcode in o.SHADOW_OPCODES or
                               (opcode == o.ARGUMENT_REPORTER and blocks.get(b.get("parent"), {}).get("opcode")
                                == o.PROCEDURE_PROTOTYPE)):
            out.append(f"{at}: wrong shadow flag")
    for bid, b in blocks.items():
        parent = b.get("parent")
        if parent is not None and children.get(bid) != parent:
            out.append(f"{where} block {bid}: its parent does not hold it")
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
