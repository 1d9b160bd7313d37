"""Any valid project survives dumps -> loads unchanged, and dumps again to the same bytes.

Projects are generated with hypothesis from the block catalog: every block type with values its
parameters allow (bounds, choices, lists), layer blocks holding neurons, training scripts,
trained arrays of any finite float (subnormals, -0.0, the largest double), every language.
"""
from __future__ import annotations

import math
import re
import string
import struct
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blockbuilder.document.catalog import BLOCK_TYPES, Param
from blockbuilder.document.project import BLOCK_ID, MAX_ITEMS, MAX_TEXT, Block, Project, Script, View
from blockbuilder.document.projectfile import dumps_project, loads_project
from blockbuilder.document.words import UIProblem

# Derandomized and without an example database: every run (and CI) tries the same examples.
SETTINGS = dict(deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ID_CHARS = string.ascii_letters + string.digits + "_.-"  # what BLOCK_ID allows
TOP_LEVEL = sorted(t.id for t in BLOCK_TYPES.values() if not t.only_in)

floats = st.floats(allow_nan=False, allow_infinity=False)  # includes -0.0, 5e-324 and 1.7976931348623157e308


def value_of(p: Param) -> st.SearchStrategy:
    """Any value the catalog allows for this parameter."""
    if p.kind == "number":
        return st.floats(p.min, p.max, allow_nan=False) | st.integers(math.ceil(p.min), math.floor(p.max))
    if p.kind == "integer":
        return st.integers(int(p.min), int(p.max))
    if p.kind == "choice":
        return st.sampled_from(p.choices)
    if p.kind == "bool":
        return st.booleans()
    if p.kind == "features":
        return st.lists(st.sampled_from(p.choices), unique=True)
    if p.kind == "text":
        return st.text(max_size=30) | st.just("あ" * MAX_TEXT)
    if p.kind == "weights":
        return st.none() | st.lists(floats | st.integers(-1000, 1000), max_size=8) | st.just([0.25] * MAX_ITEMS)
    if p.kind == "points":
        point = st.tuples(floats, floats, st.integers() | st.text(max_size=8)).map(list)
        return st.lists(point, max_size=8)
    raise AssertionError(f"no strategy for parameter kind {p.kind!r}: add one")


def block_of(type_id: str) -> st.SearchStrategy:
    """A block of this type with placeholder ids (unique ones are given out later)."""
    kind = BLOCK_TYPES[type_id]
    params = st.fixed_dictionaries({}, optional={p.name: value_of(p) for p in kind.params})
    children = st.lists(block_of(kind.inside), max_size=4) if kind.inside else st.just([])
    comment = st.none() | st.text(max_size=20)
    return st.builds(Block, id=st.just("x"), type=st.just(type_id), params=params, children=children,
                     comment=comment)


def of_category(category: str, *shapes: str) -> st.SearchStrategy:
    return st.sampled_from([t for t in TOP_LEVEL if BLOCK_TYPES[t].category == category
                            and BLOCK_TYPES[t].shape in shapes]).flatmap(block_of)


def script_of(blocks: st.SearchStrategy) -> st.SearchStrategy:
    return st.builds(Script, x=floats, y=floats, blocks=blocks)


def all_blocks(project: Project) -> list[Block]:
    out, stack = [], [b for s in project.scripts for b in reversed(s.blocks)]
    while stack:
        block = stack.pop()
        out.append(block)
        stack += reversed(block.children)
    return out


def array(shape: tuple[int, ...]) -> st.SearchStrategy:
    row = st.lists(floats, min_size=shape[-1], max_size=shape[-1])
    return row if len(shape) == 1 else st.lists(row, min_size=shape[0], max_size=shape[0])


@st.composite
def projects(draw) -> Project:
    """One script holding a block of every top-level type (so every example covers the whole
    catalog, neurons inside the layer block), random further scripts, a training script,
    unique ids, and trained arrays for some of the blocks."""
    every = draw(st.tuples(*(block_of(t) for t in TOP_LEVEL)).map(list))
    if not every[TOP_LEVEL.index("layers_layer")].children:
        every[TOP_LEVEL.index("layers_layer")].children.append(draw(block_of("layers_neuron")))
    more = st.lists(st.sampled_from(TOP_LEVEL).flatmap(block_of), min_size=1, max_size=5)
    network = st.tuples(of_category("data", "hat"), st.lists(of_category("layers", "stack", "c"), max_size=4),
                        of_category("output", "cap")).map(lambda t: [t[0], *t[1], t[2]])
    training = st.lists(st.sampled_from([t for t in TOP_LEVEL if t.startswith("training_")]).flatmap(block_of),
                        max_size=8).map(lambda rest: [Block(id="x", type="training_start"), *rest])
    scripts = [draw(script_of(st.permutations(every)))] + draw(st.lists(script_of(more | network), max_size=3))
    scripts.append(draw(script_of(training)))
    project = Project(name=draw(st.text(max_size=20) | st.just("名" * 200)),
                      language=draw(st.sampled_from(["ja", "ja-Hira", "en"])), scripts=draw(st.permutations(scripts)),
                      view=View(scroll_x=draw(floats), scroll_y=draw(floats), zoom=draw(st.floats(0.25, 4))))
    blocks = all_blocks(project)
    one_id = st.text(ID_CHARS, min_size=1, max_size=6) | st.text(ID_CHARS, min_size=64, max_size=64)
    ids = draw(st.lists(one_id, min_size=len(blocks), max_size=len(blocks), unique=True))
    for block, block_id in zip(blocks, ids):
        block.id = block_id
    for block_id in draw(st.lists(st.sampled_from(ids), max_size=4, unique=True)):
        names = draw(st.lists(st.sampled_from(["W", "b", "gamma", "beta", "running_mean", "running_var"]),
                              min_size=1, max_size=3, unique=True))
        shapes = st.tuples(st.integers(0, 6)) | st.tuples(st.integers(1, 5), st.integers(0, 5))
        project.trained[block_id] = {n: draw(shapes.flatmap(array)) for n in names}
    return project


def bits(project: Project) -> dict[tuple[str, str], list[bytes]]:
    """Every trained float's 8 bytes, by block and name: -0.0 == 0.0, but their bits differ."""
    flat = lambda a: [v for row in a for v in (row if isinstance(row, list) else [row])]  # noqa: E731
    return {(block, name): [struct.pack("<d", x) for x in flat(a)]
            for block, arrays in project.trained.items() for name, a in arrays.items()}


@settings(max_examples=100, **SETTINGS)
@given(projects())
def test_any_valid_project_survives_dumps_and_loads_bit_for_bit(project):
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(sys.modules, "blockbuilder.document.compile", None)  # the format alone, whatever compile says
        text = dumps_project(project)
        back = loads_project(text)
        assert back == project
        assert bits(back) == bits(project)
        assert dumps_project(back) == text


@settings(max_examples=30, **SETTINGS)
@given(projects())
def test_a_valid_document_loads_whatever_compile_makes_of_it(project):
    text = dumps_project(project)
    try:
        assert loads_project(text) == project
    except UIProblem as e:  # the only refusal a valid document can get: trained arrays that do not fit
        assert e.message.params["reason"].key == "reason_weights_shape", e.text()


@st.composite
def trained_networks(draw) -> tuple[Project, str | None]:
    """A network that compiles, trained with the shapes compile asks for, or with one array a row or
    a column off: (project, the place of the wrong array or None)."""
    from blockbuilder.document.compile import compile_project

    act = st.sampled_from(["relu", "tanh", "sigmoid", "identity", "leaky_relu"])
    hat = draw(st.sampled_from(["data_circle", "data_xor", "data_gaussian", "data_spiral", "data_moons"]))
    features = draw(st.lists(st.sampled_from(BLOCK_TYPES[hat].param("features").choices), min_size=1, unique=True))
    body = [Block(id=f"h{i}", type="layers_dense", params={"units": draw(st.integers(1, 6)), "activation": draw(act)})
            for i in range(draw(st.integers(0, 2)))]
    body += draw(st.lists(st.sampled_from(["layers_batchnorm", "layers_dropout"]), max_size=2).map(
        lambda kinds: [Block(id=f"e{i}", type=k) for i, k in enumerate(kinds)]))
    if draw(st.booleans()):
        neurons = [Block(id=f"n{i}", type="layers_neuron", params={"activation": "identity"}) for i in range(2)]
        body.append(Block(id="last", type="layers_layer", children=neurons))
    else:
        body.append(Block(id="last", type="layers_dense", params={"units": 2, "activation": "identity"}))
    blocks = [Block(id="data", type=hat, params={"features": features}), *body, Block(id="out", type="output_classify")]
    project = Project(scripts=[Script(x=0, y=0, blocks=blocks)])
    compiled = compile_project(project)
    assert compiled.spec is not None, [p.message.text() for p in compiled.problems]
    wrong = draw(st.none() | st.sampled_from([(b, n) for b, shapes in compiled.param_shapes.items() for n in shapes]))
    for block_id, shapes in compiled.param_shapes.items():
        for name, shape in shapes.items():
            if (block_id, name) == wrong:
                axis = draw(st.integers(0, len(shape) - 1))
                shape = tuple(n + draw(st.sampled_from([-1, 1])) if k == axis and n > 1 else n + 1 if k == axis else n
                              for k, n in enumerate(shape))
            project.trained.setdefault(block_id, {})[name] = draw(array(shape))
    return project, None if wrong is None else f"trained.{wrong[0]}.{wrong[1]}"


@settings(max_examples=40, **SETTINGS)
@given(trained_networks())
def test_trained_arrays_load_exactly_when_their_shapes_fit_the_network(case):
    project, wrong = case
    text = dumps_project(project)
    if wrong is None:
        assert loads_project(text) == project
    else:
        with pytest.raises(UIProblem) as caught:
            loads_project(text, "net.json")
        assert caught.value.message.params["reason"].key == "reason_weights_shape"
        assert caught.value.message.params["place"] == wrong


def test_the_generated_ids_use_exactly_the_characters_a_block_id_allows():
    assert all(re.fullmatch(BLOCK_ID, c) for c in ID_CHARS)
    assert not any(re.fullmatch(BLOCK_ID, chr(c)) for c in range(0x20, 0x250) if chr(c) not in ID_CHARS)
