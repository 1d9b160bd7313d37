"""Block ids in runs of dumped blocks: listing them, and copies renamed to ids a project does not use yet."""
from __future__ import annotations

import copy
import itertools


def ids_in(blocks: list[dict]) -> list[str]:
    """Every id in a run, the blocks inside C-blocks too."""
    out = []
    for b in blocks:
        out.append(b["id"])
        out += ids_in(b.get("children", []))
    return out


def fresh_copies(blocks: list[dict], used: set[str], keep: bool = False) -> tuple[list[dict], dict[str, str]]:
    """Copies of blocks with ids not in `used` (kept as they are if `keep` and all free), and old id -> new id."""
    used, old = set(used), ids_in(blocks)
    if keep and not (set(old) & used) and len(set(old)) == len(old):
        return copy.deepcopy(blocks), {i: i for i in old}
    mapping = {}
    for i in old:
        stem = i.rstrip("0123456789-") or "block"
        mapping[i] = next(f"{stem[:64 - len(str(n))]}{n}" for n in itertools.count(1)
                          if f"{stem[:64 - len(str(n))]}{n}" not in used)
        used.add(mapping[i])
    return renamed(blocks, mapping), mapping


def renamed(blocks: list[dict], mapping: dict[str, str]) -> list[dict]:
    return [{**b, "id": mapping.get(b["id"], b["id"]), "children": renamed(b.get("children", []), mapping),
             "params": copy.deepcopy(b.get("params", {}))} for b in blocks]
