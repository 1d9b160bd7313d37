"""A Network built from a spec: gradient checks end to end, hand-set perceptrons, traces, parameters."""
import numpy as np
import pytest

from runtime import (
    ActivationSpec, BatchNormSpec, DenseSpec, DropoutSpec, HandSetNeuron, InputSpec, Network, NetworkSpec,
    OutputSpec, RuntimeProblem, gradient_check,
)

GATE_X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])


def spec_of(layers, kind="classify", units=2, size=2, features=None):
    return NetworkSpec(input=InputSpec(size=size, features=features), layers=layers,
                       output=OutputSpec(kind=kind, units=units))


def points(n=6, seed=0):
    return np.random.default_rng(seed).uniform(-2, 2, (n, 2))


@pytest.mark.parametrize("kind, units, y", [
    ("classify", 3, np.array([0, 1, 2, 1, 0, 2])),
    ("yes_no", 1, np.array([0, 1, 1, 0, 1, 0])),
    ("regress", 2, np.random.default_rng(9).standard_normal((6, 2))),
])
def test_backpropagation_matches_numerical_gradient_for_every_output(kind, units, y):
    spec = spec_of([DenseSpec(units=5, activation="tanh"), DenseSpec(units=4, activation="sigmoid"),
                    DenseSpec(units=units)], kind, units)
    errors = gradient_check(Network(spec, seed=1), points(), y)
    assert len(errors) == 6 and max(errors.values()) < 1e-7, errors


def test_backpropagation_matches_through_features_batchnorm_dropout_and_mixed_neurons():
    spec = spec_of([DenseSpec(units=6, activation=["relu", "tanh", "sigmoid", "leaky_relu", "identity", "tanh"]),
                    BatchNormSpec(), DropoutSpec(rate=0.3), ActivationSpec(activation="tanh"),
                    DenseSpec(units=3), ActivationSpec(activation="softmax")], "classify", 3,
                   features=["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin_x1", "sin_x2"])
    errors = gradient_check(Network(spec, seed=2), points(8), np.array([0, 1, 2, 0, 1, 2, 0, 1]))
    assert "layer2.gamma" in errors and max(errors.values()) < 1e-6, errors


def test_l1_and_l2_penalties_are_part_of_the_checked_gradient():
    net = Network(spec_of([DenseSpec(units=4, activation="tanh"), DenseSpec(units=2)]), seed=3)
    net.l1, net.l2 = 0.01, 0.1
    errors = gradient_check(net, points(), np.array([0, 1, 1, 0, 1, 0]))
    assert max(errors.values()) < 1e-7, errors


def test_forward_and_loss_and_grad_are_what_predict_loss_and_the_gradient_check_use():
    net = Network(spec_of([DenseSpec(units=4, activation="tanh"), DenseSpec(units=2)]), seed=4)
    net.l2 = 0.1
    x, y = points(), np.array([0, 1, 1, 0, 1, 0])
    X, t = net.features(x), net.targets(y)
    assert np.array_equal(net.head.predict(net.forward(X)), net.predict(x))
    loss = net.loss_and_grad(X, t, train=False)
    assert loss + net.penalty() == net.loss(x, y)
    before = net.gflat.copy()
    gradient_check(net, x, y, train=False)  # it leaves its own analytic gradient in gflat: the same one
    assert np.array_equal(net.gflat, before)


def test_penalty_counts_weights_but_not_biases():
    net = Network(spec_of([DenseSpec(units=2)]))
    net.load_params([{"W": [[1.0, -2.0], [0.0, 3.0]], "b": [100.0, 100.0]}])
    net.l1, net.l2 = 1.0, 0.0
    assert net.penalty() == 6.0
    net.l1, net.l2 = 0.0, 1.0
    assert net.penalty() == 7.0


def test_features_are_computed_from_the_two_raw_inputs():
    net = Network(spec_of([DenseSpec(units=2)], features=["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin_x1", "sin_x2"]))
    f = net.features([[2.0, np.pi / 2]])
    np.testing.assert_allclose(f, [[2.0, np.pi / 2, 4.0, np.pi ** 2 / 4, np.pi, np.sin(2.0), 1.0]])


@pytest.mark.parametrize("gate, w, b, truth", [
    ("and", [0.5, 0.5], -0.7, [0, 0, 0, 1]),
    ("or", [0.5, 0.5], -0.2, [0, 1, 1, 1]),
    ("nand", [-0.5, -0.5], 0.7, [1, 1, 1, 0]),
])
def test_a_hand_set_step_neuron_is_the_books_perceptron_gate(gate, w, b, truth):
    spec = spec_of([DenseSpec(units=1, activation="step", hand_set=[HandSetNeuron(weights=w, bias=b)])], "yes_no", 1)
    np.testing.assert_array_equal(Network(spec).predict(GATE_X)[:, 0], truth)


def test_xor_is_nand_and_or_feeding_and_as_in_the_book():
    hidden = [HandSetNeuron(weights=[-0.5, -0.5], bias=0.7), HandSetNeuron(weights=[0.5, 0.5], bias=-0.2)]
    out = [HandSetNeuron(weights=[0.5, 0.5], bias=-0.7)]
    spec = spec_of([DenseSpec(units=2, activation="step", hand_set=hidden),
                    DenseSpec(units=1, activation="step", hand_set=out)], "yes_no", 1)
    np.testing.assert_array_equal(Network(spec).predict(GATE_X)[:, 0], [0, 1, 1, 0])


def test_trace_gives_every_neurons_output_from_the_same_forward_pass_as_predict():
    spec = spec_of([DenseSpec(units=3, activation="relu"), DropoutSpec(rate=0.5), DenseSpec(units=2)])
    net = Network(spec, seed=4)
    x = points(10)
    trace = net.trace(x)
    assert [a.shape for a in trace.layers] == [(10, 3), (10, 3), (10, 2)]
    np.testing.assert_array_equal(trace.output, net.predict(x))
    assert not np.allclose(trace.layers[-1].sum(axis=1), 1.0)  # the last layer gives scores, not probabilities
    W, b = net.params_by_layer()[0]["W"], net.params_by_layer()[0]["b"]
    np.testing.assert_allclose(trace.layers[0], np.maximum(x @ W + b, 0))


def test_trace_of_a_last_layer_ending_in_softmax_is_the_output():
    spec = spec_of([DenseSpec(units=3, activation="relu"), DenseSpec(units=2, activation="softmax")])
    trace = Network(spec, seed=4).trace(points(5))
    np.testing.assert_array_equal(trace.layers[-1], trace.output)
    np.testing.assert_allclose(trace.output.sum(axis=1), 1.0)


def test_same_seed_gives_identical_initial_weights_and_another_seed_does_not():
    spec = spec_of([DenseSpec(units=8, activation="relu"), DenseSpec(units=2, init="xavier")])
    a, b, c = Network(spec, seed=7), Network(spec, seed=7), Network(spec, seed=8)
    assert a.flat.tobytes() == b.flat.tobytes()
    assert a.flat.tobytes() != c.flat.tobytes()


@pytest.mark.parametrize("init, check", [
    ("zeros", lambda W: not W.any()),
    ("uniform", lambda W: W.min() >= -0.5 and W.max() <= 0.5),
    ("he", lambda W: abs(W.std() - np.sqrt(2 / 200)) < 0.01),
    ("xavier", lambda W: abs(W.std() - np.sqrt(1 / 200)) < 0.01),
])
def test_each_initialization_draws_weights_as_documented(init, check):
    spec = spec_of([DenseSpec(units=300, init=init), DenseSpec(units=2)], size=200)
    assert check(Network(spec).params_by_layer()[0]["W"])


def test_parameters_round_trip_exactly_and_wrong_shapes_are_refused_without_damage():
    spec = spec_of([DenseSpec(units=3, activation="tanh"), BatchNormSpec(), DenseSpec(units=2)])
    a, b = Network(spec, seed=1), Network(spec, seed=2)
    b.load_params(a.params_by_layer())
    assert a.flat.tobytes() == b.flat.tobytes() and a.bflat.tobytes() == b.bflat.tobytes()
    before = b.flat.copy()
    bad = a.params_by_layer()
    bad[2]["W"] = np.zeros((2, 3))
    with pytest.raises(RuntimeProblem) as e:
        b.load_params(bad)
    assert str(e.value) == "Layer 3 has weights 'W' of shape (2, 3) where (3, 2) is needed."
    np.testing.assert_array_equal(b.flat, before)


def test_inputs_of_the_wrong_width_get_a_clear_message():
    net = Network(spec_of([DenseSpec(units=2)]))
    with pytest.raises(RuntimeProblem) as e:
        net.predict([[1.0, 2.0, 3.0]])
    assert str(e.value) == "The data has 3 inputs but the network takes 2."


def test_float32_networks_compute_in_float32_and_agree_with_float64():
    spec = spec_of([DenseSpec(units=8, activation="relu"), DenseSpec(units=2)])
    a, b = Network(spec, seed=5), Network(spec, seed=5, dtype=np.float32)
    assert b.flat.dtype == np.float32 and b.predict(points()).dtype == np.float32
    np.testing.assert_allclose(a.predict(points()), b.predict(points()), rtol=1e-5, atol=1e-6)


def test_a_network_has_a_readable_repr():
    net = Network(spec_of([DenseSpec(units=3, activation="relu"), DenseSpec(units=2)]))
    assert repr(net) == ("Network(2 -> Affine(W(2, 3), b(3,)) -> Relu() -> Affine(W(3, 2), b(2,)) "
                         "-> SoftmaxWithLoss, 17 params)")
