"""Thousands of damaged project files: each loads or is refused in one line, never a traceback.

Real project files (built here to cover every block type, plus examples/*.json) are mutated
with a seeded random generator: bytes flipped, cut, inserted; JSON nodes deleted, duplicated,
swapped, retyped; huge and non-finite numbers, deep nesting, odd unicode; block types, ids and
parameters changed to nonsense. BLOCKBUILDER_FUZZ_COUNT (default 10000) sets how many,
BLOCKBUILDER_FUZZ_SEED the seed; `pytest -s` prints the tally.
"""
from __future__ import annotations

import copy
import json
import os
import pathlib
import random
import time

from blockbuilder.document.catalog import BLOCK_TYPES
from blockbuilder.document.project import Block, Project, Script, View
from blockbuilder.document.projectfile import dumps_project, load_project, loads_project
from blockbuilder.document.words import UIProblem

COUNT = int(os.environ.get("BLOCKBUILDER_FUZZ_COUNT", "10000"))
SEED = int(os.environ.get("BLOCKBUILDER_FUZZ_SEED", "1234"))
EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"
DATA = pathlib.Path(__file__).resolve().parent / "data"
LANGS = ("ja", "ja-Hira", "en")


# --- real projects to damage ----------------------------------------------------------

def b(id: str, type: str, *children: Block, comment: str | None = None, **params) -> Block:
    return Block(id=id, type=type, params=params, children=list(children), comment=comment)


def numbers(rng: random.Random, rows: int, cols: int | None = None) -> list:
    """Weights as training leaves them, with a few of the floats that are hardest to round-trip."""
    odd = [0.1, 1 / 3, 1e-300, 5e-324, -0.0, 2.2250738585072014e-308, 1.7976931348623157e308, -123456.789]
    pick = lambda: rng.choice(odd) if rng.random() < 0.1 else rng.gauss(0, 0.5)  # noqa: E731
    return [pick() for _ in range(rows)] if cols is None else [[pick() for _ in range(cols)] for _ in range(rows)]


def training(prefix: str, **settings) -> Script:
    blocks = [b(f"{prefix}start", "training_start")]
    blocks += [b(f"{prefix}{k}", f"training_{k}", **{k: v}) for k, v in settings.items()]
    return Script(x=480, y=40, blocks=blocks)


def perceptron_xor() -> Project:
    """The book's XOR from NAND, OR and AND, with hand-set weights and a note on a block."""
    return Project(name="XOR をパーセプトロンで", language="ja-Hira", scripts=[Script(x=40, y=40, blocks=[
        b("data", "data_gate", gate="xor"),
        b("gates", "layers_layer",
          b("nand", "layers_neuron", activation="step", weights=[-0.5, -0.5], bias=0.7, locked=True),
          b("or", "layers_neuron", activation="step", weights=[0.5, 0.5], bias=-0.2, locked=True),
          comment="NAND と OR\nを ならべた そう"),
        b("and", "layers_layer", b("and_n", "layers_neuron", activation="step", weights=[0.5, 0.5], bias=-0.7)),
        b("answer", "output_yes_no")])])


def spiral() -> Project:
    """Every feature, batch normalization, dropout and a full training script, trained."""
    rng = random.Random(7)
    features = ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin_x1", "sin_x2"]
    return Project(name="Spiral", language="en", view=View(scroll_x=-120.5, scroll_y=33.25, zoom=1.5), scripts=[
        Script(x=40, y=40, blocks=[
            b("data", "data_spiral", noise=10, test_ratio=50, features=features),
            b("h1", "layers_dense", units=8, activation="tanh", init="xavier"),
            b("bn", "layers_batchnorm"),
            b("act", "layers_activation", activation="leaky_relu"),
            b("drop", "layers_dropout", rate=10),
            b("last", "layers_dense", units=2, activation="identity", init="auto"),
            b("answer", "output_classify")]),
        training("t_", optimizer="adam", learning_rate=0.03, batch_size=10, epochs=200, l1=0, l2=0.001,
                 init="he", seed=7)],
        trained={"h1": {"W": numbers(rng, 7, 8), "b": numbers(rng, 8)},
                 "bn": {k: numbers(rng, 8) for k in ("gamma", "beta", "running_mean", "running_var")},
                 "last": {"W": numbers(rng, 8, 2), "b": numbers(rng, 2)}})


def digits_and_loose_blocks() -> Project:
    """A trained digits network, and every other data hat lying loose on the workspace."""
    rng = random.Random(64)
    loose = [b("csv", "data_csv", path="データ/あやめ.csv", label_column="species", test_ratio=30),
             b("pts", "data_points", points=[[0.5, -0.25, 0], [1.0, 2.0, "ねこ"], [-3, 4, 1]], test_ratio=0,
               features=["x1", "x2"]),
             b("gauss", "data_gaussian", noise=0, test_ratio=50, features=["x1"]),
             b("moons", "data_moons", noise=25.5, test_ratio=20, features=["x2", "x1"]),
             b("circle", "data_circle"),
             b("quad", "data_xor", noise=50, test_ratio=90, features=["sin_x1"]),
             b("yes", "output_yes_no"),
             b("sgd", "training_optimizer", optimizer="sgd")]
    return Project(name="手書き数字 🎉", scripts=[
        Script(x=0, y=0, blocks=[
            b("data", "data_digits", test_ratio=20),
            b("hidden", "layers_dense", units=16, activation="relu", init="he"),
            b("last", "layers_dense", units=10, activation="softmax", init="zeros"),
            b("answer", "output_classify")]),
        *[Script(x=600 + 10 * i, y=-40.75 * i, blocks=[block]) for i, block in enumerate(loose)]],
        trained={"hidden": {"W": numbers(rng, 64, 16), "b": numbers(rng, 16)},
                 "last": {"W": numbers(rng, 16, 10), "b": numbers(rng, 10)}})


def regression() -> Project:
    """Numbers out: hills data, sigmoid layer, momentum; a plane and a half-built layer loose."""
    return Project(name="", language="ja", scripts=[
        Script(x=40, y=40, blocks=[
            b("data", "data_multi_gaussian", noise=5, test_ratio=50, features=["x1", "x2", "x1*x2"]),
            b("h", "layers_dense", units=6, activation="sigmoid", init="uniform"),
            b("out", "layers_dense", units=1, activation="identity", init="auto"),
            b("answer", "output_number")]),
        Script(x=40, y=400, blocks=[b("plane", "data_plane", noise=0, test_ratio=50, features=["x1", "x2"]),
                                    b("half", "layers_layer", b("n", "layers_neuron"),
                                      b("n2", "layers_neuron", activation="sigmoid", weights=None, bias=-1000,
                                        locked=False))]),
        Script(x=300, y=400, blocks=[b("num", "output_number")]),
        training("", optimizer="momentum", learning_rate=0.00001, batch_size=10000, epochs=100000, l1=10,
                 l2=0, init="zeros", seed=2**31 - 1)])


def built_projects() -> list[Project]:
    return [perceptron_xor(), spiral(), digits_and_loose_blocks(), regression(), Project()]


# Files of version 2, which loading upgrades: a damaged old file must not trip the upgrade either.
OLD = ("softmax activation before classify", "mixed neurons before classify", "step activation before yes/no",
       "sigmoid dense before yes/no, xavier start", "example xor, trained")


def seed_files() -> list[tuple[str, bytes]]:
    files = [(f"built{i}.json", dumps_project(p).encode()) for i, p in enumerate(built_projects())]
    files += [(p.name, p.read_bytes()) for p in sorted(EXAMPLES.glob("*.json"))]
    files += [("project_v2.json", (DATA / "project_v2.json").read_bytes())]
    old = json.loads((DATA / "projects_v2.json").read_text(encoding="utf-8"))
    files += [(f"{name}.json", json.dumps(old[name]["project"], indent=1).encode()) for name in OLD]
    return files


def used_types(blocks) -> set[str]:
    return {t for block in blocks for t in {block.type} | used_types(block.children)}


def test_the_built_projects_cover_every_block_type_and_load_unchanged():
    covered = set()
    for project in built_projects():
        text = dumps_project(project)
        assert loads_project(text) == project
        covered |= used_types(block for script in project.scripts for block in script.blocks)
    assert covered == set(BLOCK_TYPES)


# --- mutations --------------------------------------------------------------------------

RAW = "\x00raw{}\x00"  # a placeholder string replaced by raw JSON text after dumping


class Mutant:
    """One damaged file in the making: the parsed tree, raw tokens to splice in, what was done."""

    def __init__(self, rng: random.Random, data):
        self.rng, self.data, self.raw, self.done = rng, data, [], []

    def token(self, text: str) -> str:
        self.raw.append(text)
        return RAW.format(len(self.raw) - 1)

    def text(self) -> str:
        r = self.rng
        out = json.dumps(self.data, ensure_ascii=r.random() < 0.3, indent=r.choice([None, 1, 2]),
                         sort_keys=r.random() < 0.2)
        for i, raw in enumerate(self.raw):
            out = out.replace(json.dumps(RAW.format(i)), raw)
        return out


def nodes(data) -> list[tuple[object, object]]:
    """(container, key) of every node below the root."""
    out, stack = [], [data]
    while stack:
        c = stack.pop()
        keys = list(c) if isinstance(c, dict) else range(len(c)) if isinstance(c, list) else []
        for k in keys:
            out.append((c, k))
            stack.append(c[k])
    return out


def a_node(m: Mutant) -> tuple[object, object] | None:
    """A node found by walking down from the root, stopping at random, so shallow and deep
    places both come up (picking uniformly would nearly always land in a weight matrix)."""
    c, found = m.data, None
    while isinstance(c, (dict, list)) and len(c) and (found is None or m.rng.random() < 0.7):
        k = m.rng.choice(list(c)) if isinstance(c, dict) else m.rng.randrange(len(c))
        found, c = (c, k), c[k]
    return found


def blocks_in(data) -> list[dict]:
    return [c[k] for c, k in nodes(data) if isinstance(c[k], dict) and "type" in c[k] and "id" in c[k]]


ODD_TEXT = ["", " ", "\n", "ü", "ß", "漢字", "ひらがな", "🎉", "\u202e", "\ufeff", "\u2028", "a\tb", "\x7f",
            "x" * 501, "y" * 70, "../../etc/passwd", "{}", "null", "NaN", "🧠" * 300, "\\u0000"]
RAW_TOKENS = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-400", "1" + "0" * 400, "9" * 5000,
              "123456789012345678901234567890", "-0", "-0.0", "0.1e1", "4.9e-324", "1.7976931348623157e308",
              '"\\ud800"', '"\\udfff x"', '"\\ud83d\\ude00"', '"\\u0000"', '"a\\nb"', "[" * 100 + "]" * 100,
              "[" * 3000 + "]" * 3000, '{"a":' * 2000 + "1" + "}" * 2000, "[" * 200000 + "]" * 200000]


def random_value(m: Mutant, depth: int = 0):
    r = m.rng
    pick = r.randrange(12 if depth < 2 else 8)
    if pick == 0:
        return None
    if pick == 1:
        return r.random() < 0.5
    if pick == 2:
        return r.choice([0, 1, -1, 2, 7, 255, 256, 10**6, 2**31, 2**63, -(2**63), 10**200])
    if pick == 3:
        return r.choice([0.0, -0.0, 0.5, -1.5, 1e-320, 1e300, 3.14159, 99.99, 1e16])
    if pick in (4, 5):
        return r.choice(ODD_TEXT + list(BLOCK_TYPES) + ["relu", "x1", "adam", "W", "b", "schema_version"])
    if pick == 6:
        return m.token(r.choice(RAW_TOKENS))
    if pick == 7:
        return "".join(chr(r.randrange(0x20, 0x30000)) for _ in range(r.randrange(1, 20)))
    if pick in (8, 9):
        return [random_value(m, depth + 1) for _ in range(r.randrange(4))]
    return {r.choice(["id", "type", "params", "x", "W", "zzz", "children"]): random_value(m, depth + 1)
            for _ in range(r.randrange(3))}


def delete_node(m: Mutant):
    node = a_node(m)
    if node:
        c, k = node
        del c[k]
        m.done.append(f"delete {k!r}")


def duplicate_node(m: Mutant):
    node = a_node(m)
    if node:
        c, k = node
        if isinstance(c, list):
            c.insert(k, copy.deepcopy(c[k]))
        else:
            c[m.rng.choice([k + "_2", "id", "type", "params", "children"])] = copy.deepcopy(c[k])
        m.done.append(f"duplicate {k!r}")


def swap_nodes(m: Mutant):
    one, two = a_node(m), a_node(m)
    if one and two:
        (c1, k1), (c2, k2) = one, two
        v1, v2 = copy.deepcopy(c1[k1]), copy.deepcopy(c2[k2])
        c1[k1], c2[k2] = v2, v1
        m.done.append(f"swap {k1!r} {k2!r}")


def replace_value(m: Mutant):
    node = a_node(m)
    if node:
        c, k = node
        c[k] = random_value(m)
        m.done.append(f"replace {k!r}")


def owned(block: dict, key: str, kind: type):
    """block[key], made a fresh `kind` first if an earlier mutation left something else there."""
    if not isinstance(block.get(key), kind):
        block[key] = kind()
    return block[key]


def nonsense_block(m: Mutant):
    """Change a block's type, id, a parameter or where it sits to something the catalog forbids."""
    blocks = blocks_in(m.data)
    if not blocks:
        return replace_value(m)
    r, block = m.rng, m.rng.choice(blocks)
    what = r.randrange(6)
    if what == 0:
        block["type"] = r.choice(list(BLOCK_TYPES) + ["layers_conv", "", "data_" + "x" * 80, "__import__"])
    elif what == 1:
        block["id"] = r.choice([b["id"] for b in blocks] + ["", "a b", "ä", "x" * 65, "../x"])
    elif what == 2:
        kind = BLOCK_TYPES.get(block["type"]) if isinstance(block["type"], str) else None
        names = [p.name for t in BLOCK_TYPES.values() for p in t.params]
        name = r.choice([p.name for p in kind.params] if kind and kind.params and r.random() < 0.7 else names)
        owned(block, "params", dict)[name] = random_value(m) if r.random() < 0.5 else r.choice(
            [p.default for t in BLOCK_TYPES.values() for p in t.params] + [-1, 1e9, 3.5, "", [], [[1, 2]]])
    elif what == 3:
        owned(r.choice(blocks), "children", list).append(copy.deepcopy(block))
    elif what == 4:
        scripts = m.data.get("scripts") if isinstance(m.data, dict) else None
        if isinstance(scripts, list) and scripts and isinstance(scripts[0], dict):
            blocks_list = scripts[0].get("blocks")
            if isinstance(blocks_list, list):
                blocks_list.insert(r.randrange(len(blocks_list) + 1), copy.deepcopy(block))
    else:
        block["children"] = []
    m.done.append(f"nonsense block {what}")


def nonsense_trained(m: Mutant):
    trained = m.data.get("trained") if isinstance(m.data, dict) else None
    if not isinstance(trained, dict) or not trained:
        return replace_value(m)
    r = m.rng
    block_id = r.choice(list(trained))
    arrays = trained[block_id]
    if not isinstance(arrays, dict) or not arrays:
        return replace_value(m)
    key = r.choice(list(arrays))
    array = arrays[key]
    what = r.randrange(5)
    if what == 0 and isinstance(array, list) and array and all(isinstance(row, list) for row in array):
        array[r.randrange(len(array))].append(0.5)  # ragged
    elif what == 1:
        trained[r.choice(["nobody", block_id + "x", ""])] = copy.deepcopy(arrays)
    elif what == 2:
        arrays[key] = [[1.0, 2.0], 3.0] if r.random() < 0.5 else [m.token("NaN"), 1.0]
    elif what == 3:
        arrays[key] = array[:-1] if isinstance(array, list) else array  # wrong shape for the network
    else:
        arrays[r.choice(["W", "b", "gamma", "zz"])] = numbers(r, 3, 2)
    m.done.append(f"trained {what}")


def schema_version(m: Mutant):
    if isinstance(m.data, dict):
        m.data["schema_version"] = m.rng.choice([0, 2, -1, 99, "1", 1.0, True, None, 10**30, [1]])
        m.done.append("schema_version")


TREE = [delete_node, duplicate_node, swap_nodes, replace_value, replace_value, nonsense_block, nonsense_block,
        nonsense_trained, schema_version]


def byte_damage(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    n = len(data)
    what = rng.randrange(9)
    at = rng.randrange(max(n, 1))
    if what == 0:
        out = bytearray(data)
        for _ in range(rng.randrange(1, 8)):
            out[rng.randrange(n)] ^= 1 << rng.randrange(8)
        return "flip bits", bytes(out)
    if what == 1:
        return "truncate", data[:at]
    if what == 2:
        return "delete bytes", data[:at] + data[at + rng.randrange(1, 64):]
    if what == 3:
        return "insert random bytes", data[:at] + rng.randbytes(rng.randrange(1, 16)) + data[at:]
    if what == 4:
        return "duplicate bytes", data[:at] + data[at:at + rng.randrange(1, 200)] + data[at:]
    if what == 5:
        return "utf-16", data.decode("utf-8", "replace").encode(rng.choice(["utf-16", "utf-16-le", "utf-32"]))
    if what == 6:
        return "bom", b"\xef\xbb\xbf" + data
    if what == 7:
        text = "".join(chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(rng.randrange(1, 30)))
        return "insert unicode", data[:at] + text.encode("utf-8", "surrogatepass") + data[at:]
    return "garbage", rng.randbytes(rng.randrange(0, 300))


def mutate(rng: random.Random, seed: bytes) -> tuple[str, bytes]:
    m = Mutant(rng, json.loads(seed))
    for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):
        rng.choice(TREE)(m)
    data = m.text().encode("utf-8", "surrogatepass")
    if not m.done or rng.random() < 0.25:
        how, data = byte_damage(rng, data)
        m.done.append(how)
    return "; ".join(m.done), data


# --- the test -----------------------------------------------------------------------------

def reason_of(problem: UIProblem) -> str:
    return getattr(problem.message.params.get("reason"), "key", problem.message.key)


def test_no_damaged_file_ever_gives_a_traceback(tmp_path, record_property):
    rng = random.Random(SEED)
    seeds = seed_files()
    tally: dict[str, int] = {}
    crashes = []
    start = time.perf_counter()
    for i in range(COUNT):
        seed_name, seed = seeds[i % len(seeds)]
        how, data = mutate(rng, seed)
        name = f"mutant{i}.json"
        try:
            if i % 10 == 0:  # through the disk: loading must leave the file exactly as it was
                path = tmp_path / name
                path.write_bytes(data)
                before = path.stat().st_mtime_ns
                project = load_project(path)
            else:
                project = loads_project(data, name)
        except UIProblem as e:
            texts = [e.text(lang) for lang in LANGS]
            assert all(len(t.splitlines()) == 1 and name in t for t in texts), (how, texts)
            tally[reason_of(e)] = tally.get(reason_of(e), 0) + 1
        except Exception as e:  # noqa: BLE001 - any other exception is exactly the failure we look for
            (tmp_path / f"crash{i}.json").write_bytes(data)
            crashes.append(f"#{i} from {seed_name} ({how}): {type(e).__name__}: {e}"[:300])
        else:
            text = dumps_project(project)
            assert loads_project(text) == project and dumps_project(loads_project(text)) == text, how
            tally["loaded"] = tally.get("loaded", 0) + 1
        if i % 10 == 0:
            assert path.read_bytes() == data and path.stat().st_mtime_ns == before
    seconds = time.perf_counter() - start
    record_property("fuzz_mutations", COUNT)
    record_property("fuzz_seconds", round(seconds, 1))
    print(f"\nfuzz: {COUNT} damaged files from {len(seeds)} real ones (seed {SEED}) in {seconds:.1f} s: "
          + ", ".join(f"{k} {v}" for k, v in sorted(tally.items(), key=lambda kv: -kv[1])))
    assert not crashes, f"{len(crashes)} of {COUNT} damaged files crashed the loader:\n" + "\n".join(crashes[:20])
    assert sum(tally.values()) == COUNT
    assert tally.get("loaded", 0) > COUNT // 50, "hardly any mutant loads: the mutations only test the parser"
    assert len(tally) >= 15, f"the mutations reach too few of the loader's refusals: {sorted(tally)}"
