"""The stage's pictures as NumPy: frames, the answer's heatmap, each neuron's heatmap, and the network diagram."""
from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from blockbuilder.document.catalog import CHOICE_LABELS
from blockbuilder.document.compile import compile_project
from blockbuilder.document.data import load_data
from blockbuilder.lab import maps
from blockbuilder.lab.texts import TEXTS as LAB_TEXTS
from blockbuilder.session.examples import BY_NAME, EXAMPLES
from blockbuilder.texts import CATALOG
from runtime import LANGS, Network, Trainer, parse_spec

WHITE = (255, 255, 255)
KANJI = re.compile("[\u4e00-\u9fff]")


def hand_net(layers: list[dict], kind: str = "yes_no", units: int = 1, size: int = 2, features=None) -> Network:
    """A network whose every dense neuron has the given weights and bias: [(weights, bias), ...] per layer."""
    specs = []
    for ls in layers:
        if "neurons" in ls:
            neurons = ls.pop("neurons")
            ls = {"kind": "dense", "units": len(neurons), **ls,
                  "hand_set": [{"weights": list(w), "bias": b} for w, b in neurons]}
        specs.append(ls)
    spec = parse_spec({"input": {"size": size, "features": features}, "layers": specs,
                       "output": {"kind": kind, "units": units}})
    return Network(spec)


def example(name: str, epochs: int = 0):
    """(network, train, test) of a built-in example, trained `epochs` epochs with its own settings."""
    c = compile_project(BY_NAME[name].project())
    train, test = load_data(c.data)
    net = Network(c.spec, seed=c.training.seed)
    if epochs:
        Trainer(net, train, test, c.training).run(epochs)
    return net, train, test


@pytest.fixture(scope="module")
def spiral():
    return example("spiral", epochs=5)


UNIT = maps.Frame((-1.0, -1.0), (1.0, 1.0))


def side(rgba: np.ndarray) -> np.ndarray:
    """+1 where a pixel leans blue, -1 where it leans orange, 0 where it is grey or white."""
    px = rgba[..., :3].astype(int)
    return np.sign(px[..., 2] - px[..., 0])


def recovered_t(rgba: np.ndarray) -> np.ndarray:
    """The signed strength a full-strength diverging pixel was painted with, read back from its colour."""
    r, b = rgba[..., 0].astype(float), rgba[..., 2].astype(float)
    blue = (255 - r) / (255 - maps.POSITIVE[0])
    orange = -(255 - b) / (255 - maps.NEGATIVE[2])
    return np.where(b >= r, blue, orange)


# --- the frame and the grid ----------------------------------------------------------------------

points = arrays(np.float64, st.tuples(st.integers(1, 30), st.just(2)),
                elements=st.floats(-1000, 1000, allow_nan=False))


@settings(max_examples=60, deadline=None)
@given(points, points)
def test_a_frame_covers_every_point_with_a_margin_and_the_same_scale_on_both_axes(a, b):
    f = maps.frame_for(a, b)
    both = np.vstack([a, b])
    assert np.all(both[:, 0] > f.lo[0]) and np.all(both[:, 0] < f.hi[0])
    assert np.all(both[:, 1] > f.lo[1]) and np.all(both[:, 1] < f.hi[1])
    assert np.isclose(f.hi[0] - f.lo[0], f.hi[1] - f.lo[1])
    u, v = f.to_unit(both[:, 0], both[:, 1])
    assert np.all((u > 0) & (u < 1) & (v > 0) & (v < 1))
    x1, x2 = f.from_unit(u, v)
    assert np.allclose(x1, both[:, 0]) and np.allclose(x2, both[:, 1])


def test_a_frame_adds_a_tenth_of_the_longer_span_on_every_side_and_centres_the_shorter_one():
    f = maps.frame_for(np.array([[0.0, 0.0], [10.0, 2.0]]))
    assert f.lo == pytest.approx((-1.0, -5.0)) and f.hi == pytest.approx((11.0, 7.0))
    assert f.to_unit(0.0, 1.0) == pytest.approx((1 / 12, 0.5))


def test_a_frame_around_one_point_or_none_is_still_a_square_of_some_size():
    one = maps.frame_for(np.array([[3.0, -2.0]]))
    assert one.lo[0] < 3.0 < one.hi[0] and one.lo[1] < -2.0 < one.hi[1]
    assert one.hi[0] - one.lo[0] == pytest.approx(1.2)
    assert maps.frame_for() == maps.frame_for(np.empty((0, 2))) == maps.Frame((-1.0, -1.0), (1.0, 1.0))
    assert maps.frame_for(np.array([[np.nan, 0.0], [1.0, 1.0], [0.0, 0.0]])) == maps.frame_for(np.eye(2)[::-1])


def test_grid_rows_start_at_the_bottom_and_columns_at_the_left():
    g = maps.grid_points(maps.Frame((0.0, 10.0), (4.0, 14.0)), 4)
    assert g.shape == (16, 2)
    assert g[0].tolist() == [0.5, 10.5]               # row 0, column 0: bottom-left cell
    assert g[3].tolist() == [3.5, 10.5]               # row 0, column 3: bottom-right
    assert g[4 * 3 + 0].tolist() == [0.5, 13.5]       # row 3, column 0: top-left
    grid = g.reshape(4, 4, 2)
    assert np.all(np.diff(grid[:, :, 0], axis=1) > 0) and np.all(np.diff(grid[:, :, 0], axis=0) == 0)
    assert np.all(np.diff(grid[:, :, 1], axis=0) > 0) and np.all(np.diff(grid[:, :, 1], axis=1) == 0)


# --- the answer's map ----------------------------------------------------------------------------

def test_a_neuron_that_looks_at_x1_paints_the_left_orange_and_the_right_blue():
    img = maps.output_heat(hand_net([{"neurons": [([4, 0], 0)], "activation": "sigmoid"}]), UNIT, 16)
    assert img.shape == (16, 16, 4) and img.dtype == np.uint8 and np.all(img[..., 3] == 255)
    assert np.all(side(img[:, :8]) == -1) and np.all(side(img[:, 8:]) == 1)
    assert np.all(side(img[:, 0]) == -1)  # every row agrees: x2 plays no part


def test_a_neuron_that_looks_at_x2_paints_the_bottom_rows_orange_and_the_top_rows_blue():
    img = maps.output_heat(hand_net([{"neurons": [([0, 4], 0)], "activation": "sigmoid"}]), UNIT, 16)
    assert np.all(side(img[:8]) == -1) and np.all(side(img[8:]) == 1)


def test_the_answer_map_is_pale_so_points_on_it_stay_visible_and_white_where_the_answer_is_half():
    net = hand_net([{"neurons": [([50, 0], 0)], "activation": "sigmoid"}])
    img = maps.output_heat(net, UNIT, 16).astype(int)
    assert img[:, :, :3].min() > 80  # far from the full blue (8, 119, 189) even where p is ~1
    assert tuple(img[0, 0, :3]) == pytest.approx(
        tuple(255 + maps.OUTPUT_STRENGTH * (c - 255) for c in maps.NEGATIVE), abs=1)
    flat = maps.output_heat(hand_net([{"neurons": [([0, 0], 0)], "activation": "sigmoid"}]), UNIT, 8)
    assert np.all(flat[..., :3] == 255)


def test_output_values_are_exactly_what_predict_says_at_the_grid_points(spiral):
    net, train, test = spiral
    f = maps.frame_for(train.x, test.x)
    values = maps.output_values(net, f, 20)
    assert values.shape == (20, 20)
    assert np.array_equal(values.ravel(), net.predict(maps.grid_points(f, 20)).max(axis=1))
    yes_no = hand_net([{"neurons": [([1, -2], 0.5)], "activation": "tanh"}])
    assert np.array_equal(maps.output_values(yes_no, UNIT, 9).ravel(), yes_no.predict(maps.grid_points(UNIT, 9))[:, 0])


def test_a_trained_xor_network_puts_each_training_point_on_its_own_class_colour():
    net, train, _ = example("xor", epochs=300)
    f = maps.frame_for(train.x)
    n = 32
    img = maps.output_heat(net, f, n)
    u, v = f.to_unit(train.x[:, 0], train.x[:, 1])
    under = img[(v * n).astype(int), (u * n).astype(int)]
    assert side(under).tolist() == [1 if y == 1 else -1 for y in train.y]


def test_a_three_class_map_shows_the_winning_class_colour_paler_where_the_network_is_less_sure():
    net = hand_net([{"neurons": [([-3, 0], 0), ([3, 0], 0), ([0, 3], 1)]}], kind="classify", units=3)
    n = 24
    img = maps.output_heat(net, UNIT, n)[..., :3].reshape(-1, 3).astype(float)
    probs = net.predict(maps.grid_points(UNIT, n))
    winner, sure = probs.argmax(axis=1), probs.max(axis=1)
    assert set(winner) == {0, 1, 2}
    colour = np.array(maps.CLASS_COLOURS, float)[winner]
    # every pixel lies on the line from white to its winner's colour...
    towards = np.array(WHITE) - colour
    away = np.array(WHITE) - img
    k = (away * towards).sum(axis=1) / (towards * towards).sum(axis=1)
    assert np.abs(away - k[:, None] * towards).max() <= 1.5
    # ...and further along it the surer the network is, reaching OUTPUT_STRENGTH when certain
    assert k == pytest.approx(maps.OUTPUT_STRENGTH * (sure - 1 / 3) / (2 / 3), abs=0.01)
    chance = hand_net([{"neurons": [([0, 0], 0)] * 3}], kind="classify", units=3)
    assert np.all(maps.output_heat(chance, UNIT, 6)[..., :3] == 255)


def test_ten_classes_around_the_centre_each_get_their_own_colour():
    angles = np.arange(10) * 2 * np.pi / 10
    net = hand_net([{"neurons": [([60 * np.cos(a), 60 * np.sin(a)], 0) for a in angles]}], kind="classify", units=10)
    n = 40
    img = maps.output_heat(net, UNIT, n)[..., :3].astype(int)
    for k, a in enumerate(angles):
        r, c = int((0.5 + 0.45 * np.sin(a)) * n), int((0.5 + 0.45 * np.cos(a)) * n)
        expected = [round(255 + maps.OUTPUT_STRENGTH * (ch - 255)) for ch in maps.CLASS_COLOURS[k]]
        assert img[r, c].tolist() == pytest.approx(expected, abs=2), k
    assert len(set(maps.CLASS_COLOURS)) == 10 and maps.CLASS_COLOURS[:2] == (maps.NEGATIVE, maps.POSITIVE)


def test_a_digits_network_has_no_plane_to_paint():
    net, _, _ = example("digits")
    assert not maps.shows_plane(net.spec)
    with pytest.raises(ValueError):
        maps.output_heat(net, UNIT)
    with pytest.raises(ValueError):
        maps.neuron_heats(net, UNIT)


def test_numbers_are_orange_low_white_in_the_middle_and_blue_high_within_the_range_given():
    net = hand_net([{"neurons": [([1, 0], 0)]}], kind="regress")  # the answer is x1
    img = maps.output_heat(net, UNIT, 20, value_range=(-1, 1))
    assert np.all(side(img[:, :10]) == -1) and np.all(side(img[:, 10:]) == 1)
    own = maps.output_heat(net, UNIT, 20)  # its own range is -0.95 .. 0.95: stronger at the edges
    wide = maps.output_heat(net, UNIT, 20, value_range=(-10, 10))
    assert own[0, 0, 2] < img[0, 0, 2] < wide[0, 0, 2] < 255
    assert np.array_equal(maps.output_values(net, UNIT, 20)[0], maps.grid_points(UNIT, 20)[:20, 0])


def test_a_trained_plane_paints_its_lowest_answer_most_orange_and_its_highest_most_blue():
    net, train, test = example("plane", epochs=3)
    f = maps.frame_for(train.x, test.x)
    values, img = maps.output_values(net, f, 24), maps.output_heat(net, f, 24)
    assert np.array_equal(values.ravel(), net.predict(maps.grid_points(f, 24))[:, 0])
    low, high = np.unravel_index(values.argmin(), values.shape), np.unravel_index(values.argmax(), values.shape)
    assert img[low][2] == img[..., 2].min() and img[high][0] == img[..., 0].min()  # orange has little blue
    assert side(img[low]) == -1 and side(img[high]) == 1


def test_a_curve_runs_a_one_input_network_along_x():
    net = hand_net([{"neurons": [([2], 1)]}], kind="regress", size=1)
    c = maps.curve(net, -1, 3, 5)
    assert c.tolist() == [[-1, -1], [0, 1], [1, 3], [2, 5], [3, 7]]
    with pytest.raises(ValueError):
        maps.curve(hand_net([{"neurons": [([1, 1], 0)]}], kind="regress"), 0, 1)


# --- each neuron's map ---------------------------------------------------------------------------

def test_every_dense_layer_gets_one_picture_per_neuron_and_other_layers_none():
    spec = {"kind": "dense", "units": 3, "activation": "relu"}
    net = Network(parse_spec({"input": {"size": 2}, "layers": [
        spec, {"kind": "batchnorm"}, {"kind": "dropout"}, {"kind": "dense", "units": 4, "activation": "tanh"},
        {"kind": "activation", "activation": "relu"}, {"kind": "dense", "units": 2}],
        "output": {"kind": "classify", "units": 2}}))
    heats = maps.neuron_heats(net, UNIT, 12)
    assert [len(h) for h in heats] == [3, 0, 0, 4, 0, 2]
    assert all(img.shape == (12, 12, 4) and img.dtype == np.uint8 for layer in heats for img in layer)


def test_each_neuron_picture_is_its_trace_value_scaled_by_its_own_largest_value(spiral):
    net, train, test = spiral
    f, n = maps.frame_for(train.x, test.x), 24
    heats = maps.neuron_heats(net, f, n)
    tr = net.trace(maps.grid_points(f, n))
    for layer, values in ((0, tr.layers[0]), (1, tr.layers[1])):  # relu: 0 is white, more is bluer
        for j, img in enumerate(heats[layer]):
            v = values[:, j]
            expected = v / v.max() if v.max() > 0 else v
            assert np.abs(recovered_t(img).ravel() - expected).max() <= 0.01, (layer, j)
    for j, img in enumerate(heats[2]):  # the output column shows the class probabilities around 1/2
        d = tr.output[:, j] - 0.5
        assert np.abs(recovered_t(img).ravel() - d / np.abs(d).max()).max() <= 0.01


def test_a_neuron_picture_takes_the_colour_side_of_its_value_and_reaches_a_full_colour():
    net = hand_net([{"neurons": [([1, 0], 0), ([0, -1], 0.5), ([0, 0], 0)], "activation": "tanh"},
                    {"neurons": [([1, 1, 1], 0)]}])
    heats = maps.neuron_heats(net, UNIT, 16)
    tr = net.trace(maps.grid_points(UNIT, 16))
    for j in (0, 1):
        v = tr.layers[0][:, j].reshape(16, 16)
        assert np.array_equal(side(heats[0][j]), np.sign(v).astype(int))
        corner = np.unravel_index(np.abs(v).argmax(), v.shape)
        assert tuple(heats[0][j][corner][:3]) in (maps.POSITIVE, maps.NEGATIVE)
    assert np.all(heats[0][2][..., :3] == 255)  # a neuron that always says 0 stays white


def test_step_neurons_are_split_at_one_half_so_a_perceptron_shows_its_line():
    net, _, _ = example("xor_gates")
    heats = maps.neuron_heats(net, maps.Frame((0.0, 0.0), (1.0, 1.0)), 10)
    tr = net.trace(maps.grid_points(maps.Frame((0.0, 0.0), (1.0, 1.0)), 10))
    for layer in (0, 1):
        for j, img in enumerate(heats[layer]):
            assert np.array_equal(side(img).ravel(), np.where(tr.layers[layer][:, j] > 0.5, 1, -1))


def test_an_activation_block_after_a_dense_layer_is_part_of_its_neurons_pictures():
    net = hand_net([{"neurons": [([1, 0], 0)]}, {"kind": "activation", "activation": "relu"},
                    {"neurons": [([1], 0)], "activation": "sigmoid"}])
    img = maps.neuron_heats(net, UNIT, 8)[0][0]
    assert np.all(img[:, :4, :3] == 255) and np.all(side(img[:, 4:]) == 1)  # relu: the negative half is 0


# --- the diagram ---------------------------------------------------------------------------------

RECT = (10.0, 20.0, 400.0, 300.0)


def columns(d: maps.Diagram) -> dict:
    """Column key (-1 for the inputs, else the spec layer index) -> its nodes, top to bottom."""
    cols: dict = {}
    for nd in d.nodes:
        cols.setdefault(-1 if nd.key[0] == "in" else nd.key[1], []).append(nd)
    return cols


def test_the_diagram_has_a_column_for_the_inputs_and_each_dense_layer_left_to_right(spiral):
    net, _, _ = spiral
    params = net.params_by_layer()
    d = maps.diagram(net.spec, params, RECT)
    cols = columns(d)
    assert list(cols) == [-1, 0, 1, 2] and [len(c) for c in cols.values()] == [2, 8, 8, 2]
    xs = [c[0].x for c in cols.values()]
    assert xs == sorted(xs) and len(set(xs)) == 4
    for c in cols.values():
        assert len({nd.x for nd in c}) == 1 and [nd.y for nd in c] == sorted((nd.y for nd in c), reverse=True)
    assert [nd.label for nd in cols[-1]] == ["x1", "x2"] and all(nd.label == "" for nd in d.nodes[2:])
    assert [nd.bias for nd in cols[1]] == params[1]["b"].tolist() and cols[-1][0].bias is None
    x, y, w, h = RECT
    assert all(x <= nd.x - nd.r and nd.x + nd.r <= x + w and y <= nd.y - nd.r and nd.y + nd.r <= y + h
               for nd in d.nodes)
    assert all(nd.r >= 10 for nd in d.nodes)  # room for a 20 px heatmap
    assert d.more == []


def test_every_line_is_one_weight_thick_by_its_size_and_coloured_by_its_sign(spiral):
    net, _, _ = spiral
    params = net.params_by_layer()
    d = maps.diagram(net.spec, params, RECT)
    assert len(d.edges) == 2 * 8 + 8 * 8 + 8 * 2
    where = {nd.key: nd for nd in d.nodes}
    for e in d.edges:
        assert e.weight == params[e.layer]["W"][e.i, e.j]
        src = where[("in", e.i)] if e.layer == 0 else where[("n", e.layer - 1, e.i)]
        dst = where[("n", e.layer, e.j)]
        assert (e.x0, e.y0, e.x1, e.y1) == (src.x + src.r, src.y, dst.x - dst.r, dst.y)
        assert e.colour == (maps.POSITIVE if e.weight > 0 else maps.NEGATIVE)
    by_size = sorted(d.edges, key=lambda e: abs(e.weight))
    widths = [e.width for e in by_size]
    assert widths == sorted(widths) and widths[0] < widths[-1]
    assert maps.edge_width(0) == maps.EDGE_MIN and maps.edge_width(-100) == maps.edge_width(100) == maps.EDGE_MAX
    assert maps.edge_width(0.5) < maps.edge_width(-1.0) < maps.edge_width(2.0)


def test_a_hand_set_zero_weight_is_grey_and_locked_neurons_say_so():
    net, _, _ = example("and")
    net.load_params([{"W": np.array([[0.5], [0.0]]), "b": np.array([-0.7])}])
    d = maps.diagram(net.spec, net.params_by_layer(), RECT)
    assert [e.colour for e in d.edges] == [maps.POSITIVE, maps.ZERO_WEIGHT]
    assert [nd.locked for nd in d.nodes] == [False, False, True] and d.nodes[2].bias == -0.7


def test_wide_columns_show_a_few_entries_spread_evenly_and_say_how_many_more():
    net, _, _ = example("digits")
    params = net.params_by_layer()
    d = maps.diagram(net.spec, params, RECT)
    cols = columns(d)
    assert [len(c) for c in cols.values()] == [maps.MAX_NODES] * 3
    inputs = [nd.key[1] for nd in cols[-1]]
    assert inputs[0] == 0 and inputs[-1] == 63 and inputs == sorted(inputs)
    assert [nd.label for nd in cols[-1]] == [f"x{i + 1}" for i in inputs]
    assert [nd.key[2] for nd in cols[1]] == list(range(10))  # the 10 answers are all there
    assert [t for _, _, t in d.more] == ["+54", "+22"]
    for (mx, my, _), c in zip(d.more, cols.values()):
        assert mx == c[0].x and my < c[-1].y - c[-1].r  # under the column
    assert len(d.edges) == 10 * 10 + 10 * 10
    assert {e.i for e in d.edges if e.layer == 0} == set(inputs)
    assert all(e.weight == params[e.layer]["W"][e.i, e.j] for e in d.edges)


def test_a_deep_network_keeps_only_its_strongest_lines():
    layers = [{"kind": "dense", "units": 10, "activation": "tanh"}] * 6 + [{"kind": "dense", "units": 1}]
    net = Network(parse_spec({"input": {"size": 2}, "layers": layers, "output": {"kind": "yes_no"}}), seed=3)
    params = net.params_by_layer()
    d = maps.diagram(net.spec, params, RECT)
    every = sorted((abs(w) for p in params for w in p["W"].ravel()), reverse=True)
    assert len(every) > maps.MAX_EDGES == len(d.edges)
    assert min(abs(e.weight) for e in d.edges) >= every[maps.MAX_EDGES]


def test_activation_dropout_and_batchnorm_layers_are_not_columns_and_lines_skip_them():
    net = Network(parse_spec({"input": {"size": 2, "features": ["x1", "x1*x2", "sin_x2"]}, "layers": [
        {"kind": "dense", "units": 3}, {"kind": "batchnorm"}, {"kind": "activation", "activation": "relu"},
        {"kind": "dropout"}, {"kind": "dense", "units": 1}], "output": {"kind": "regress"}}))
    params = net.params_by_layer()
    d = maps.diagram(net.spec, params, RECT)
    assert list(columns(d)) == [-1, 0, 4]
    assert {e.layer for e in d.edges} == {0, 4} and len(d.edges) == 3 * 3 + 3
    assert [nd.label for nd in columns(d)[-1]] == ["x1", "x1·x2", "sin x2"]


def test_clicking_finds_the_node_or_the_line_under_the_pointer_and_nothing_elsewhere(spiral):
    net, _, _ = spiral
    d = maps.diagram(net.spec, net.params_by_layer(), RECT)
    for nd in d.nodes:
        assert d.node_at(nd.x, nd.y) is nd and d.node_at(nd.x + nd.r * 0.9, nd.y - nd.r * 0.9) is nd
        assert d.edge_at(nd.x, nd.y) is None or nd.key[0] == "in"  # inside a node, lines end at its side
    assert d.node_at(RECT[0] + 1, RECT[1] + 1) is None and d.edge_at(RECT[0] + 1, RECT[1] + 1) is None
    for e in d.edges:
        px, py = e.x0 + 0.3 * (e.x1 - e.x0), e.y0 + 0.3 * (e.y1 - e.y0)
        hit = d.edge_at(px, py)
        assert hit is not None and maps._segment_distance(px, py, hit.x0, hit.y0, hit.x1, hit.y1) < 1e-9


def test_a_line_is_hit_within_the_tolerance_and_missed_beyond_it():
    net = hand_net([{"neurons": [([0.1, 0.0], 0)]}])
    d = maps.diagram(net.spec, net.params_by_layer(), (0, 0, 300, 100))
    top, bottom = d.edges  # from x1 (upper) and x2 (lower) to the single neuron
    mx, my = (top.x0 + top.x1) / 2, (top.y0 + top.y1) / 2
    assert d.edge_at(mx, my + 4) is top and d.edge_at(mx, my + 4, tol=2) is None
    assert d.edge_at(top.x0 - 20, top.y0) is None  # beyond the line's end
    assert d.edge_at((bottom.x0 + bottom.x1) / 2, (bottom.y0 + bottom.y1) / 2) is bottom


def test_input_names_are_x1_x2_or_the_feature_labels_in_every_language():
    assert maps.input_names(parse_spec({"input": {"size": 3}, "layers": [{"kind": "dense", "units": 1}],
                                        "output": {"kind": "regress"}})) == ["x1", "x2", "x3"]
    spec = parse_spec({"input": {"size": 2, "features": ["x2^2", "sin_x1"]}, "layers": [{"kind": "dense", "units": 1}],
                       "output": {"kind": "regress"}})
    assert maps.input_names(spec) == ["x2²", "sin x1"]
    assert all(CHOICE_LABELS[f]["ja-Hira"] == CHOICE_LABELS[f]["en"] for f in spec.input.features)


# --- every example ------------------------------------------------------------------------------

@pytest.mark.parametrize("ex", EXAMPLES, ids=lambda e: e.name)
def test_every_example_gets_a_diagram_and_those_on_a_plane_get_heatmaps(ex):
    net, train, test = example(ex.name)
    d = maps.diagram(net.spec, net.params_by_layer(), (0, 0, 360, 240))
    dense = [ls.units for ls in net.spec.layers if hasattr(ls, "units")]
    assert len(d.nodes) == sum(min(k, maps.MAX_NODES) for k in [net.spec.input.width, *dense])
    assert 0 < len(d.edges) <= maps.MAX_EDGES
    if not maps.shows_plane(net.spec):
        return
    f = maps.frame_for(train.x, test.x)
    assert maps.output_heat(net, f, 16).shape == (16, 16, 4)
    heats = maps.neuron_heats(net, f, 8)
    assert [len(h) for h in heats] == [getattr(ls, "units", 0) for ls in net.spec.layers]


# --- words --------------------------------------------------------------------------------------

MAPS_TEXTS = {k: v for k, v in LAB_TEXTS.items() if k.startswith("maps_")}


def test_the_maps_words_have_every_language_the_same_fields_and_no_kanji_in_hiragana():
    assert set(MAPS_TEXTS) <= set(CATALOG)
    for key, entry in MAPS_TEXTS.items():
        assert set(entry) == set(LANGS), key
        fields = {lang: sorted(re.findall(r"\{(\w+)\}", entry[lang])) for lang in LANGS}
        assert fields["ja"] == fields["ja-Hira"] == fields["en"], key
        assert not KANJI.findall(entry["ja-Hira"]), key


@pytest.mark.parametrize("kind", ["yes_no", "classify", "regress"])
def test_each_kind_of_answer_has_a_legend_for_its_map(kind):
    spec = parse_spec({"input": {"size": 2}, "layers": [{"kind": "dense", "units": 2 if kind == "classify" else 1}],
                       "output": {"kind": kind, "units": 2 if kind == "classify" else 1}})
    assert all(maps.legend(spec).text(lang) for lang in LANGS)
