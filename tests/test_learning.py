"""How it learns, headless: the recorded backward pass is the runtime's own (float64), the step back shows its
numbers neuron by neuron, the slope's tangent is backprop's gradient and the "wiggle it" gradient agrees with it
on every example, and a 2-neuron layer's space holds the points and the answer's line."""
from __future__ import annotations

import numpy as np
import pytest

from blockbuilder.editor.editor import Editor
from blockbuilder.lab.lab import Lab
from blockbuilder.lab.learning import (
    StepBack, back_lines, backward_steps, batch, first_weight, layer_space, neuron_back, next_weight,
    point_with_answer, record, slope, slope_lines,
)
from blockbuilder.session.examples import EXAMPLES, BY_NAME
from runtime import DenseSpec, InputSpec, Network, NetworkSpec, OutputSpec, gradient_check

LANGS = ("ja", "ja-Hira", "en")


def lab_of(name: str, epochs: int = 3) -> Lab:
    lab = Lab(Editor(BY_NAME[name].project()))
    for _ in range(epochs if lab.can_train() else 0):
        lab.step_epoch()
    return lab


def spec_of(layers, kind="classify", units=2):
    return NetworkSpec(input=InputSpec(size=2), layers=layers, output=OutputSpec(kind=kind, units=units))


@pytest.mark.parametrize("kind, units, y", [("classify", 3, np.array([0, 2, 1, 1, 0])),
                                            ("yes_no", 1, np.array([0, 1, 1, 0, 1])),
                                            ("regress", 2, np.arange(10.0).reshape(5, 2) / 10)])
def test_the_recorded_backward_pass_is_the_one_training_uses_bit_for_bit(kind, units, y):
    net = Network(spec_of([DenseSpec(units=4, activation="tanh"), DenseSpec(units=3, activation="relu"),
                           DenseSpec(units=units)], kind, units), seed=3)
    net.l2 = 0.01
    x = np.random.default_rng(1).uniform(-1, 1, (5, 2))
    net.gflat[...] = 7.0
    bw = net.backward(x, y)
    assert np.all(net.gflat == 7.0)                      # the trainer's gradient buffer is left alone
    loss = net.loss_and_grad(net.features(x), net.targets(y), train=False)
    flat = np.concatenate([v.ravel() for d in bw.grads for v in d.values()])
    assert np.array_equal(flat, net.gflat) and bw.loss == loss + net.penalty()
    assert all(g.dtype == np.float64 for d in bw.grads for g in d.values())
    for k in range(3):    # each signal times its slope is what reaches the weights; W's gradient is input x that
        if bw.slopes[k] is not None:
            assert np.array_equal(bw.sum_signals[k], bw.signals[k] * bw.slopes[k])
        assert np.allclose(bw.grads[k]["W"], bw.inputs[k].T @ bw.sum_signals[k] + 0.01 * net.params_by_layer()[k]["W"])
    assert np.allclose(bw.signals[2], (bw.answers - (np.eye(3)[y] if kind == "classify" else
                                                     bw.targets)) / len(x))   # answer - right answer, over N


def test_one_point_s_step_back_shows_input_times_signal_and_the_change_on_each_weight():
    lab = lab_of("xor", 30)
    x, y = point_with_answer(lab, lab.train_set.x[1])
    net = lab.network
    bw = net.backward(x, y)
    steps = backward_steps(net.spec)
    assert steps[0] == (1, 0) and steps[-1] == (0, 0)       # the answer first, then the hidden layer upward
    nb = neuron_back(net, bw, 0, 2, 0.1)
    assert nb.back == bw.sum_signals[0][0, 2] and nb.signal == bw.signals[0][0, 2] and nb.slope == bw.slopes[0][0, 2]
    assert nb.grads == [x[0, i] * nb.back for i in range(2)] == bw.grads[0]["W"][:, 2].tolist()
    assert nb.change(1) == -0.1 * nb.grads[1]
    last = neuron_back(net, bw, 1, 0, 0.1)
    assert last.last and last.target == y[0] and last.back == pytest.approx(last.answer - last.target, abs=1e-15)
    for lang in LANGS:
        lines = back_lines(nb, lang)
        assert f"{nb.back:.3f}" in " ".join(lines) and f"{nb.grads[0]:.3f}" in " ".join(lines)
    walk = StepBack.start(net.spec, x[0])
    seen = [walk.current()] + [walk.current() for _ in steps[1:] if walk.next()]
    assert seen == steps and walk.next() and walk.current() is None


@pytest.mark.parametrize("example", [e.name for e in EXAMPLES])
def test_wiggle_it_agrees_with_backprop_on_every_weight_of_every_example(example):
    """The book's gradient check, on each example as it opens and after it learned a little."""
    lab = lab_of(example, 2)
    net = lab.network
    x, y = batch(lab)
    errors = gradient_check(net, x, y, train=False)
    assert max(errors.values()) < 1e-6, errors
    which = first_weight(net.spec)
    seen = set()
    while which not in seen and len(seen) < 12:     # the slope view's own numbers, weight after weight
        seen.add(which)
        s = slope(lab, which, wiggle=True)
        assert s.numeric == pytest.approx(s.grad, rel=1e-6, abs=1e-9), (which, s.numeric, s.grad)
        assert s.loss == pytest.approx(np.interp(s.value, s.ws, s.losses), rel=0.2)
        which = next_weight(net.spec, which)


def test_the_slope_is_the_loss_over_the_batch_around_the_weight_and_learning_walks_down_it():
    lab = lab_of("circle", 2)
    net = lab.network
    before = net.flat.copy()
    which = (0, "W", (1, 2))
    s = slope(lab, which)
    assert np.array_equal(net.flat, before)                 # the network is as it was
    x, y = batch(lab)
    i = net.param_index(*which)
    assert s.value == net.flat[i] and s.grad == record(net, x, y).grads[0]["W"][1, 2] and s.numeric is None
    k = len(s.ws) // 2
    assert s.ws[k] == s.value and s.losses[k] == net.loss(x, y) == s.loss
    for lang in LANGS:
        assert any(f"{s.grad:.4g}".rstrip("0") in line for line in slope_lines(s, net.spec, lang))


def test_the_step_shown_is_the_step_the_trainer_s_own_optimizer_then_takes():
    lab = lab_of("xor", 5)          # a batch of 4 is the whole XOR set: the trainer's next batch is the same points
    which = (0, "W", (1, 3))
    s = slope(lab, which)
    i = lab.network.param_index(*which)
    lab.step_batch()
    assert lab.network.flat[i] - s.value == pytest.approx(s.step, rel=1e-9, abs=1e-15)


def test_the_points_seen_from_a_two_neuron_layer_with_the_answer_s_line():
    spec = spec_of([DenseSpec(units=2, activation="tanh")], "yes_no", 1)
    from blockbuilder.session.examples import b, network, project, training
    proj = project("two", network(b("data", "data_gate", gate="xor"),
                                  b("h", "layers_dense", units=2, activation="tanh", init="auto"),
                                  b("answer", "output_yes_no", init="auto")), training(learning_rate=0.1, batch_size=4))
    lab = Lab(Editor(proj))
    assert lab.network is not None and spec.layers[0].units == 2
    sp = layer_space(lab, 0)
    tr = lab.network.trace(lab.train_set.x)
    assert np.array_equal(sp.xy, tr.layers[0]) and sp.line is not None
    a, b_, c = sp.line
    W, bias = lab.network.params_by_layer()[1]["W"], lab.network.params_by_layer()[1]["b"]
    assert (a, b_, c) == (W[0, 0], W[1, 0], bias[0])
    side = np.sign(sp.xy @ np.array([a, b_]) + c) > 0      # the line splits the points as the answer does
    assert np.array_equal(side, lab.network.predict(lab.train_set.x)[:, 0] > 0.5)


def test_a_two_to_two_layer_bends_the_grid_sends_e1_and_e2_to_w_s_rows_and_scales_areas_by_det_w():
    from blockbuilder.session.examples import b, network, project, training
    lab = Lab(Editor(project("two", network(b("data", "data_gate", gate="xor"),
                                            b("h", "layers_dense", units=2, activation="tanh", init="auto"),
                                            b("answer", "output_yes_no", init="auto")),
                             training(learning_rate=0.1, batch_size=4, seed=3))))
    for _ in range(5):
        lab.step_epoch()
    net = lab.network
    sp = layer_space(lab, 0)
    W, bias = net.params_by_layer()[0]["W"], net.params_by_layer()[0]["b"]
    assert np.allclose(sp.basis_sums, [bias, bias + W[0], bias + W[1]], rtol=0, atol=1e-15)
    assert np.array_equal(sp.basis, np.tanh(sp.basis_sums))
    assert sp.area_sums == pytest.approx(abs(np.linalg.det(W)), rel=1e-9)
    assert 0 < sp.area < sp.area_sums                    # tanh squeezes: the square's picture shrinks
    assert len(sp.grid) == 18 and all(np.all(np.abs(g) < 1) for g in sp.grid)     # bent into tanh's square
    ends = sp.line_ends()
    a, b_, c = sp.line
    assert ends is not None and all(abs(a * x + b_ * y + c) < 1e-9 for x, y in ends)
    assert layer_space(lab_of("spiral", 1), 1).grid is None      # 8 -> 8: the points only, no grid


def test_an_uphill_step_says_the_optimizer_remembers_earlier_slopes():
    lab = lab_of("xor", 5)
    for which in [(0, "W", (i, j)) for i in range(2) for j in range(4)] + [(0, "b", (j,)) for j in range(4)]:
        s = slope(lab, which)
        said = any("Adam" in line and "uphill" in line for line in slope_lines(s, lab.network.spec, "en"))
        assert said == (s.step * s.grad > 0), (which, s.step, s.grad)
