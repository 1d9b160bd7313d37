"""Looking inside: a neuron's sum with real numbers, the step-through, charts, the digits views and pad."""
from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import runtime
from blockbuilder.document.compile import compile_project
from blockbuilder.document.data import load_data
from blockbuilder.lab import charts, insight
from blockbuilder.lab.charts import Chart, chart
from blockbuilder.lab.digits import Pad, confusion_cells, guess_summary, guesses, pad_guess, pad_text
from blockbuilder.lab.insight import NeuronMath, StepThrough, forward_steps, math_lines, neuron_math, neuron_title
from blockbuilder.lab.texts import TEXTS as LAB_TEXTS
from blockbuilder.session.examples import BY_NAME, b, network, neuron, project, training
from blockbuilder.texts import CATALOG
from runtime import ACTIVATION_LAYERS, LANGS, Affine, DenseSpec, EpochStats, softmax
from sb3_export import PAD_SOFT

KANJI = re.compile("[\u4e00-\u9fff]")
FIELD = re.compile(r"\{(\w+)\}")
NUMBER = r"(-?\d+\.\d+)"
TERM = re.compile(rf"{NUMBER} × {NUMBER} = {NUMBER}$")
LAST_NUMBER = re.compile(rf"{NUMBER}$")


# --- real networks ----------------------------------------------------------------------------

def _blocks_with_everything():
    """Circle data through dense, batch normalization, an activation block, dropout, a hand-built
    layer of mixed neurons, and an answer of softmax neurons (the classify output takes their softmax over)."""
    return project("everything", network(
        b("data", "data_circle", noise=0, test_ratio=50, features=["x1", "x2", "x1^2", "x2^2", "x1*x2"]),
        b("d1", "layers_dense", units=6, activation="identity", init="auto"),
        b("bn", "layers_batchnorm"),
        b("act", "layers_activation", activation="tanh"),
        b("drop", "layers_dropout", rate=20),
        b("mixed", "layers_layer", [neuron("m1", activation="relu", locked=False),
                                    neuron("m2", activation="sigmoid", locked=False),
                                    neuron("m3", activation="leaky_relu", locked=False),
                                    neuron("m4", [0.5, -1.0, 0.25, 2.0, -0.5, 1.0], 0.3, "tanh", locked=True)]),
        b("answer", "output_classify", [neuron("s1", activation="softmax", locked=False),
                                        neuron("s2", activation="softmax", locked=False)])),
        training(learning_rate=0.05, batch_size=10, epochs=5, seed=3))


def _softmax_block_last():
    """Moons with a dropout right above an empty answer: its neurons have no activation, the output applies softmax."""
    return project("softmax block", network(
        b("data", "data_moons", noise=10, test_ratio=50, features=["x1", "x2"]),
        b("h", "layers_dense", units=5, activation="relu", init="auto"),
        b("drop", "layers_dropout", rate=30),
        b("answer", "output_classify")), training(learning_rate=0.05, batch_size=10, epochs=5, seed=0))


def _trained(proj, epochs: int = 3):
    c = compile_project(proj)
    assert c.ok and c.spec is not None, c.problems
    train, test = load_data(c.data)
    if not epochs:
        return runtime.Network(c.spec, seed=c.training.seed), train, test, None
    trainer = runtime.train(c.spec, train, test, c.training)
    trainer.run(epochs)
    return trainer.network, train, test, trainer


NETWORKS = {
    "xor_gates": lambda: _trained(BY_NAME["xor_gates"].project(), epochs=0),  # hand-set perceptron
    "xor": lambda: _trained(BY_NAME["xor"].project()),
    "spiral": lambda: _trained(BY_NAME["spiral"].project()),                  # relu
    "moons": lambda: _trained(BY_NAME["moons"].project()),                    # tanh
    "plane": lambda: _trained(BY_NAME["plane"].project()),                    # numbers
    "digits": lambda: _trained(BY_NAME["digits"].project()),                  # 64 inputs, softmax output
    "everything": lambda: _trained(_blocks_with_everything()),
    "softmax_block": lambda: _trained(_softmax_block_last()),
}


@pytest.fixture(scope="module")
def nets():
    return {name: make() for name, make in NETWORKS.items()}


def _points(train, test, n=4):
    data = test if len(test) else train
    return data.x[:n]


# --- neuron_math ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", NETWORKS)
def test_neuron_math_gives_the_networks_own_numbers_for_every_neuron(nets, name):
    net, train, test, _ = nets[name]
    xs = _points(train, test)
    trace = net.trace(xs)
    for k, j in forward_steps(net.spec):
        affine = net.groups[k][0]
        assert isinstance(affine, Affine)
        entering = trace.features if k == 0 else trace.layers[k - 1]  # (N, width)
        z = affine.forward(entering)  # what the network's own Affine computes
        for p, x in enumerate(xs):
            m = neuron_math(net, x, k, j)
            assert m.inputs == pytest.approx(entering[p].tolist(), abs=1e-12)
            assert abs(m.total - z[p, j]) <= 1e-12
            assert m.value == net.trace(x[None, :]).layers[k][0, j]  # exactly, for the point alone
            assert m.value == pytest.approx(trace.layers[k][p, j], abs=1e-12)  # in a batch, BLAS may sum in another order
            assert len(m.names) == len(m.inputs) == len(m.weights)
            act = m.activation
            if act == "softmax":
                assert m.value == pytest.approx(softmax(z[p])[j], abs=1e-12)
            else:
                expect = ACTIVATION_LAYERS[act]().forward(np.array([[m.total]]))[0, 0]
                assert m.value == pytest.approx(expect, abs=1e-12)
            if m.answer is not None:
                assert m.answer == pytest.approx(trace.output[p, j], abs=1e-12)


def test_neuron_math_names_where_each_input_comes_from(nets):
    gates = nets["xor_gates"][0]
    x = np.array([1.0, 0.0])
    assert neuron_math(gates, x, 0, 0).names == [("in", 0), ("in", 1)]
    assert neuron_math(gates, x, 1, 0).names == [("n", 0, 0), ("n", 0, 1)]
    everything = nets["everything"][0]
    assert neuron_math(everything, x, 0, 0).names == [("feature", f) for f in ("x1", "x2", "x1^2", "x2^2", "x1*x2")]
    # the hand-built layer sits after batch normalization, tanh and dropout: its inputs are d1's neurons
    mixed = everything.spec.layers.index(next(ls for ls in everything.spec.layers
                                              if isinstance(ls, DenseSpec) and ls.hand_set))
    assert neuron_math(everything, x, mixed, 0).names == [("n", 0, i) for i in range(6)]
    assert [neuron_math(everything, x, mixed, j).activation for j in range(4)] == ["relu", "sigmoid", "leaky_relu",
                                                                                   "tanh"]


def test_the_hand_set_xor_perceptron_shows_the_books_numbers(nets):
    gates = nets["xor_gates"][0]
    m = neuron_math(gates, np.array([1.0, 1.0]), 0, 0)  # NAND of 1, 1
    assert (m.weights, m.bias, m.activation) == ([-0.5, -0.5], 0.7, "step")
    assert m.total == pytest.approx(-0.3) and m.value == 0.0
    assert math_lines(m, "en") == ["x1  1.00 × -0.50 = -0.50", "x2  1.00 × -0.50 = -0.50", "+ bias 0.70",
                                   "sum = -0.30", "step(-0.30) = 0.00"]
    out = neuron_math(gates, np.array([1.0, 0.0]), 1, 0)  # AND(NAND, OR) = XOR = 1
    assert out.value == 1.0 and out.head is None and out.answer == 1.0
    assert neuron_title(out, "en") == "neuron 1 of the answer"   # the AND neuron sits in the yes / no answer
    assert neuron_title(out, "ja") == "出力のニューロン1" and neuron_title(out, "ja-Hira") == "でぐちの ニューロン 1"
    assert neuron_title(m, "en") == "neuron 1 of layer 1"


def test_the_last_layer_says_what_the_output_does_with_it(nets):
    x = np.array([0.3, -0.2])
    xor = nets["xor"][0]
    m = neuron_math(xor, x, 1, 0)
    assert (m.activation, m.head) == ("identity", "sigmoid")
    assert m.answer == pytest.approx(1 / (1 + math.exp(-m.value)), abs=1e-12)
    assert math_lines(m, "en")[-1] == f"answer: sigmoid → {m.answer:.2f}"
    assert neuron_math(xor, x, 0, 0).head is None and neuron_math(xor, x, 0, 0).answer is None
    fused = nets["everything"][0]
    last = len(fused.spec.layers) - 1
    m = neuron_math(fused, x, last, 1)
    assert (m.activation, m.head) == ("softmax", None) and m.answer == m.value
    assert math_lines(m, "en")[-1] == f"softmax: its share of all 2 = {m.value:.2f}"
    block = nets["softmax_block"][0]
    dense = max(k for k, ls in enumerate(block.spec.layers) if isinstance(ls, DenseSpec))
    m = neuron_math(block, x, dense, 0)
    assert (m.activation, m.head) == ("identity", "softmax")
    assert math_lines(m, "ja-Hira")[-1] == f"こたえ：ソフトマックスで 2この なかの わりあい = {m.answer:.2f}"
    plane = nets["plane"][0]
    m = neuron_math(plane, x, 1, 0)
    assert m.head is None and m.answer == m.value  # a number is its own answer


def test_neuron_math_refuses_a_layer_without_neurons(nets):
    everything = nets["everything"][0]
    with pytest.raises(ValueError):
        neuron_math(everything, np.zeros(2), 1, 0)  # batch normalization
    with pytest.raises(ValueError):
        neuron_math(everything, np.zeros(2), 0, 6)  # d1 has 6 neurons


# --- math_lines -------------------------------------------------------------------------------

def _check_arithmetic(lines: list[str], digits: int = 2) -> None:
    """Every shown product, the shown sum and the activation agree with the shown numbers within rounding."""
    half = 0.5 * 10.0 ** -digits
    terms = [TERM.search(line) for line in lines if "×" in line]
    shown = []
    for t in terms:
        x, w, p = (float(g) for g in t.groups())
        assert abs(x * w - p) <= half * (abs(x) + abs(w) + 1) + half * half + 1e-9, t.group(0)
        shown.append(p)
    rest = [float(LAST_NUMBER.search(line).group(1)) for line in lines if line.startswith("…")]
    bias_at = next(i for i, line in enumerate(lines) if line.startswith("+"))
    bias, total = (float(LAST_NUMBER.search(lines[i]).group(1)) for i in (bias_at, bias_at + 1))
    parts = len(shown) + len(rest) + 1
    assert abs(sum(shown) + sum(rest) + bias - total) <= half * (parts + 1) + 1e-9, lines


@pytest.mark.parametrize("name", ["xor_gates", "xor", "spiral", "moons", "digits", "everything"])
@pytest.mark.parametrize("lang", LANGS)
def test_math_lines_add_up_in_every_language(nets, name, lang):
    net, train, test, _ = nets[name]
    x = _points(train, test, 1)[0]
    for k, j in forward_steps(net.spec):
        m = neuron_math(net, x, k, j)
        lines = math_lines(m, lang)
        assert all(isinstance(line, str) and line for line in lines)
        assert len(lines) <= 6 + 1 + 2 + 2  # terms, the rest, bias and sum, activation and answer
        if lang == "ja-Hira":
            assert not any(KANJI.search(line) for line in lines), lines
        _check_arithmetic(lines)
        if m.activation not in ("softmax", "identity"):
            s, v = (float(g) for g in re.search(rf"\({NUMBER}\) = {NUMBER}", lines[-1 - (m.head is not None)]).groups())
            f = ACTIVATION_LAYERS[m.activation]().forward(np.array([[s]]))[0, 0]
            assert abs(f - v) <= 0.0101 or m.activation == "step"  # slopes are at most 1: two roundings


def test_the_numbers_are_the_same_in_every_language(nets):
    net, train, test, _ = nets["moons"]
    m = neuron_math(net, test.x[0], 0, 2)
    numbers = {lang: re.findall(NUMBER, "\n".join(math_lines(m, lang))) for lang in LANGS}
    assert numbers["ja"] == numbers["ja-Hira"] == numbers["en"]
    assert math_lines(m, "ja")[-2].startswith("合計 = ") and math_lines(m, "ja-Hira")[-2].startswith("ごうけい = ")


def test_many_inputs_show_the_biggest_contributions_and_sum_the_rest(nets):
    net, _, test, _ = nets["digits"]
    m = neuron_math(net, test.x[0], 0, 0)
    lines = math_lines(m, "en", max_terms=6)
    products = np.array(m.inputs) * np.array(m.weights)
    biggest = np.sort(np.abs(products))[::-1][:6]
    shown = [abs(float(TERM.search(line).group(3))) for line in lines[:6]]
    assert shown == pytest.approx(biggest, abs=0.005)
    rest = np.argsort(-np.abs(products), kind="stable")[6:]
    assert lines[6] == f"… and 58 more = {math.fsum(products[rest]):.2f}".replace("-0.00", "0.00")
    assert math_lines(m, "ja")[6].startswith("… ほか58個 = ")
    assert all(line.startswith("x") for line in lines[:6])  # raw inputs are x1 … x64


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 30), st.integers(0, 2**32 - 1), st.sampled_from([1, 2, 3]), st.integers(1, 8))
def test_shown_arithmetic_adds_up_for_any_numbers(n, seed, digits, max_terms):
    rng = np.random.default_rng(seed)
    inputs, weights = rng.normal(0, 3, n), rng.normal(0, 2, n)
    bias = float(rng.normal())
    total = float(inputs @ weights + bias)
    m = NeuronMath(0, 0, 1, [("in", i) for i in range(n)], inputs.tolist(), weights.tolist(), bias, total,
                   "tanh", math.tanh(total), 1)
    lines = math_lines(m, "en", max_terms=max_terms, digits=digits)
    assert sum("×" in line for line in lines) == (n if n <= max_terms + 1 else max_terms)
    _check_arithmetic(lines, digits)


def test_numbers_never_show_minus_zero_and_huge_ones_read_plainly_to_three_digits():
    assert insight._num(-0.001, 2) == "0.00"
    assert insight._num(-0.006, 2) == "-0.01"
    assert insight._num(3.2e9, 2) == "3,200,000,000" and insight._num(-1.23456e6, 2) == "-1,230,000"


# --- the step-through -------------------------------------------------------------------------

def test_forward_steps_go_layer_by_layer_over_every_neuron(nets):
    spec = nets["everything"][0].spec
    steps = forward_steps(spec)
    dense = [k for k, ls in enumerate(spec.layers) if isinstance(ls, DenseSpec)]
    assert len(steps) == sum(spec.layers[k].units for k in dense) == 6 + 4 + 2
    assert steps == sorted(steps) and {k for k, _ in steps} == set(dense)
    assert steps[:3] == [(0, 0), (0, 1), (0, 2)] and steps[-1] == (dense[-1], 1)
    assert forward_steps(nets["digits"][0].spec) == [(0, j) for j in range(32)] + [(1, j) for j in range(10)]


def test_step_through_walks_every_neuron_once_and_can_go_back(nets):
    spec = nets["xor_gates"][0].spec
    walk = StepThrough.start(spec, np.array([1.0, 0.0]))
    assert walk.prev() is False and walk.computed() == []
    seen = []
    while not walk.done():
        seen.append(walk.current())
        assert walk.computed() == seen[:-1]
        assert walk.next()
    assert seen == forward_steps(spec) == [(0, 0), (0, 1), (1, 0)]
    assert walk.current() is None and walk.next() is False
    assert walk.counter("en") == "Every neuron is done: that was one whole pass through the network."
    assert walk.prev() and walk.current() == (1, 0) and walk.counter("en") == "neuron 3 of 3"
    assert walk.counter("ja-Hira") == "ニューロン 3 / 3"


# --- charts -----------------------------------------------------------------------------------

RECT = (10.0, 20.0, 380.0, 200.0)


def _history(losses, tests=None, accs=None):
    return [EpochStats(i + 1, loss, None if accs is None else accs[i], None if tests is None else tests[i],
                       None if accs is None or tests is None else accs[i])
            for i, loss in enumerate(losses)]


def _inside(c: Chart, x: float, y: float) -> bool:
    px, py, pw, ph = c.plot
    return px - 1e-9 <= x <= px + pw + 1e-9 and py - 1e-9 <= y <= py + ph + 1e-9


def _check_geometry(c: Chart) -> None:
    x, y, w, h = RECT
    px, py, pw, ph = c.plot
    assert x <= px and px + pw <= x + w and y <= py and py + ph <= y + h
    for points in c.series.values():
        assert all(_inside(c, *p) for p in points)
        xs = [p[0] for p in points]
        assert all(a < b for a, b in zip(xs, xs[1:]))
    for ticks, lo, hi in ((c.x_ticks, px, px + pw), (c.y_ticks, py, py + ph)):
        positions = [p for p, _ in ticks]
        values = [float(label) for _, label in ticks]
        assert positions[0] == pytest.approx(lo) and positions[-1] == pytest.approx(hi)
        assert values[0] == 0 and all(a < b for a, b in zip(values, values[1:]))
        steps = np.diff(values)
        assert steps == pytest.approx(steps[0]) and 2 <= len(ticks) <= 12
        assert re.fullmatch(r"[125]0*(\.0*)?|0\.0*[125]", f"{steps[0]:g}")  # a round step


def test_a_real_training_history_charts_inside_the_plot(nets):
    trainer = nets["digits"][3]
    for metric in ("loss", "accuracy"):
        c = chart(trainer.history, metric, RECT, "en")
        _check_geometry(c)
        assert set(c.series) == {"train", "test"} and len(c.series["train"]) == 3
        assert c.legend == [("train", "train"), ("test", "test")] and c.note == ""
    c = chart(trainer.history, "loss", RECT, "ja-Hira")
    assert (c.x_title, c.y_title) == ("エポック", "ごさ") and c.legend[1] == ("test", "テスト データ")


def test_a_loss_chart_maps_numbers_to_the_plot_linearly():
    c = chart(_history([2.0, 1.0, 0.5, 0.25]), "loss", RECT, "en")
    _check_geometry(c)
    px, py, pw, ph = c.plot
    assert [label for _, label in c.x_ticks] == ["0", "1", "2", "3", "4"]
    assert [label for _, label in c.y_ticks] == ["0.0", "0.5", "1.0", "1.5", "2.0"]
    assert c.series["train"][0] == pytest.approx((px + pw / 4, py + ph))
    assert c.series["train"][-1] == pytest.approx((px + pw, py + ph / 8))
    assert list(c.series) == ["train"] and c.legend == [("train", "train")]


def test_the_accuracy_axis_runs_from_0_to_100_percent():
    c = chart(_history([1.0, 0.5], tests=[1.1, 0.6], accs=[0.5, 1.0]), "accuracy", RECT, "en")
    _check_geometry(c)
    px, py, pw, ph = c.plot
    assert [label for _, label in c.y_ticks] == ["0", "20", "40", "60", "80", "100"]
    assert np.allclose(c.series["train"], [(px + pw / 2, py + ph / 2), (px + pw, py + ph)])
    assert c.y_title == "accuracy %"
    regression = chart(_history([1.0, 0.5]), "accuracy", RECT, "en")  # no accuracy for numbers
    assert regression.series == {} and regression.legend == [] and regression.note == ""


def test_an_empty_history_gives_axes_and_a_hint():
    c = chart([], "loss", RECT, "ja")
    _check_geometry(c)
    assert c.series == {} and c.legend == []
    assert c.note == CATALOG["insight_chart_empty"]["ja"]
    assert [label for _, label in c.x_ticks] == ["0", "1"]


def test_one_epoch_is_one_point_at_the_right_edge():
    c = chart(_history([0.7], tests=[0.9]), "loss", RECT, "en")
    _check_geometry(c)
    px, py, pw, ph = c.plot
    assert [p[0] for p in c.series["train"]] == [px + pw] and len(c.series["test"]) == 1


def test_a_long_history_is_thinned_keeping_the_first_and_last_epoch():
    losses = list(1.0 / np.sqrt(np.arange(1, 10_001)))
    c = chart(_history(losses, tests=[v * 1.1 for v in losses]), "loss", RECT, "en")
    _check_geometry(c)
    px, py, pw, ph = c.plot
    assert [label for _, label in c.x_ticks] == ["0", "2000", "4000", "6000", "8000", "10000"]
    for points in c.series.values():
        assert len(points) <= charts.MAX_CHART_POINTS
        assert points[0][0] == pytest.approx(px + pw / 10_000) and points[-1][0] == pytest.approx(px + pw)


def test_a_huge_loss_is_clipped_instead_of_flattening_the_rest():
    losses = [1.0 / (1 + 0.1 * i) for i in range(100)]
    losses[60] = 1e9
    c = chart(_history(losses), "loss", RECT, "en")
    _check_geometry(c)
    px, py, pw, ph = c.plot
    heights = [(y - py) / ph for _, y in c.series["train"]]
    assert heights[60] == pytest.approx(1.0)   # drawn on the top edge
    assert heights[0] > 0.4                    # the first loss still stands tall
    assert heights[0] - heights[-1] > 0.3      # and the fall of the rest is plain to see
    assert float(c.y_ticks[-1][1]) < 10
    assert c.note == "Losses too big to fit are drawn at the top edge."
    assert chart(_history([2.3, 1.0, 0.5, 0.2, 0.1]), "loss", RECT, "en").note == ""  # a steep fall is no spike


# --- the digits views -------------------------------------------------------------------------

def test_guesses_mark_the_wrong_ones():
    x = np.arange(4 * 64, dtype=float).reshape(4, 64) / 255
    y = np.array([3, 1, 4, 1])
    outputs = np.eye(10)[[3, 7, 4, 2]]  # right, wrong, right, wrong
    found = guesses(x, y, outputs)
    assert [(g.truth, g.guess, g.right) for g in found] == [(3, 3, True), (1, 7, False), (4, 4, True), (1, 2, False)]
    assert found[1].image.shape == (8, 8) and np.array_equal(found[1].image[0], x[1, :8])
    assert [g.guess for g in guesses(x, y, outputs, count=3, wrong_first=True)] == [7, 2, 3]
    assert found[1].label("en") == "guess 7: wrong (it is 1)" and found[0].label("ja-Hira") == "こたえ 3"
    assert guess_summary(found, "en") == "2 of 4 wrong"


def test_guesses_of_a_trained_network_agree_with_its_confusion_matrix(nets):
    net, _, test, trainer = nets["digits"]
    found = guesses(test.x, test.y, trainer.outputs(test), count=len(test))
    matrix = trainer.confusion("test")
    assert sum(not g.right for g in found) == matrix.sum() - np.trace(matrix)
    cells = np.array(confusion_cells(matrix))
    assert cells.shape == (10, 10) and np.allclose(cells.sum(axis=1), 1.0)
    assert np.all(np.diag(cells) > 0.5)  # it has learned something


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.integers(0, 50), min_size=4, max_size=4), min_size=4, max_size=4))
def test_confusion_rows_are_shares_that_sum_to_one_or_zero(rows):
    cells = np.array(confusion_cells(np.array(rows)))
    assert np.all((cells >= 0) & (cells <= 1))
    for row, shares in zip(rows, cells):
        assert shares.sum() == pytest.approx(1.0 if sum(row) else 0.0)


def test_painting_at_the_top_left_lights_the_first_cell_with_the_scratch_brush():
    pad = Pad()
    assert pad.empty()
    assert pad.paint(0.01, 0.02)
    assert pad.cells[0, 0] == 1.0 and pad.cells[0, 1] == pad.cells[1, 0] == PAD_SOFT
    assert np.count_nonzero(pad.cells) == 3
    data = pad.input()
    assert data.shape == (64,) and data[0] == 1.0 and data[1] == data[8] == PAD_SOFT
    assert data.min() >= 0.0 and data.max() <= 1.0
    assert not pad.paint(0.01, 0.02)  # nothing new
    pad.paint(1.0, 1.0)
    assert pad.cells[7, 7] == 1.0 and pad.cells[6, 7] == PAD_SOFT
    pad.clear()
    assert pad.empty()


def test_a_stroke_lights_every_cell_between_its_ends_and_ink_only_darkens():
    pad = Pad()
    pad.paint(0.95, 0.05, last=(0.02, 0.05))
    assert np.all(pad.cells[0] == 1.0) and np.all(pad.cells[1] == PAD_SOFT) and not pad.cells[2:].any()
    pad.paint(0.02, 0.98, last=(0.02, 0.05))  # down the left edge
    assert np.all(pad.cells[:, 0] == 1.0) and pad.cells[1, 1] == PAD_SOFT
    assert not pad.paint(1.5, -0.2)  # off the pad
    assert pad.input().max() == 1.0


def test_a_digit_drawn_on_the_pad_is_guessed_by_a_trained_network(nets):
    net, _, test, _ = nets["digits"]
    pad = Pad()
    assert pad_guess(net, pad) is None and pad_text(net, pad, "en") == "draw a digit here"
    right = 0
    for image, truth in zip(test.x[:50], test.y[:50]):
        pad.clear()
        for r, c in zip(*np.nonzero(image.reshape(8, 8) > 0.5)):  # dab where the real image is dark
            pad.paint((c + 0.5) / 8, (r + 0.5) / 8)
        digit, share = pad_guess(net, pad)
        assert 0.0 < share <= 1.0
        right += digit == truth
    assert right >= 40
    assert re.fullmatch(r"Is it a \d\? \(\d+%\)", pad_text(net, pad, "en"))


# --- words ------------------------------------------------------------------------------------

INSIGHT_TEXTS = {k: v for k, v in LAB_TEXTS.items() if k.startswith("insight_")}


def test_every_insight_text_has_the_same_fields_in_every_language_and_no_kanji_in_hiragana():
    assert len(INSIGHT_TEXTS) > 30
    for key, entry in INSIGHT_TEXTS.items():
        assert key.startswith("insight_") and set(entry) == set(LANGS), key
        fields = {lang: sorted(FIELD.findall(entry[lang])) for lang in LANGS}
        assert fields["ja"] == fields["ja-Hira"] == fields["en"], key
        assert not KANJI.findall(entry["ja-Hira"]), key
        assert CATALOG[key] is entry
