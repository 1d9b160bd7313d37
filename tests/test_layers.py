"""Each layer: forward on a hand-computed case, backward against the numerical gradient."""
import numpy as np
import pytest

from runtime.gradcheck import check_layer
from runtime.layers import (
    ACTIVATION_LAYERS, Affine, BatchNormalization, Dropout, LeakyRelu, MixedActivation, Relu, Sigmoid,
    Softmax, Step, Tanh, sigmoid,
)

TOL = 1e-7


def away_from_zero(shape, seed=0):
    """Random inputs that keep clear of the kinks of relu and step at 0."""
    x = np.random.default_rng(seed).uniform(0.1, 2.0, shape)
    return x * np.where(np.random.default_rng(seed + 1).random(shape) < 0.5, -1, 1)


def test_affine_forward_matches_a_hand_computed_case():
    layer = Affine(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([0.5, -1.0]))
    out = layer.forward(np.array([[1.0, 1.0], [2.0, 0.0]]))
    np.testing.assert_array_equal(out, [[4.5, 5.0], [2.5, 3.0]])


def test_affine_backward_matches_numerical_gradient():
    rng = np.random.default_rng(0)
    layer = Affine(rng.standard_normal((3, 4)), rng.standard_normal(4))
    errors = check_layer(layer, rng.standard_normal((5, 3)))
    assert set(errors) == {"x", "W", "b"}
    assert max(errors.values()) < TOL, errors


def test_affine_params_and_grads_share_keys():
    layer = Affine(np.zeros((2, 3)), np.zeros(3))
    assert layer.params.keys() == layer.grads.keys() == {"W", "b"}


@pytest.mark.parametrize("name, x, expected", [
    ("identity", [-2.0, 0.0, 3.0], [-2.0, 0.0, 3.0]),
    ("step", [-2.0, 0.0, 3.0], [0.0, 0.0, 1.0]),
    ("relu", [-2.0, 0.0, 3.0], [0.0, 0.0, 3.0]),
    ("leaky_relu", [-2.0, 0.0, 3.0], [-0.02, 0.0, 3.0]),
    ("sigmoid", [0.0, np.log(3.0), -np.log(3.0)], [0.5, 0.75, 0.25]),
    ("tanh", [0.0, np.log(2.0)], [0.0, 0.6]),
])
def test_activation_forward_matches_hand_computed_values(name, x, expected):
    out = ACTIVATION_LAYERS[name]().forward(np.array([x]))
    np.testing.assert_allclose(out, [expected], rtol=1e-12, atol=1e-15)


def test_softmax_forward_matches_hand_computed_values():
    out = Softmax().forward(np.array([[0.0, np.log(3.0)]]))
    np.testing.assert_allclose(out, [[0.25, 0.75]], rtol=1e-12)


@pytest.mark.parametrize("name", ["identity", "sigmoid", "tanh", "relu", "leaky_relu", "softmax"])
def test_activation_backward_matches_numerical_gradient(name):
    errors = check_layer(ACTIVATION_LAYERS[name](), away_from_zero((4, 3)))
    assert errors["x"] < TOL, errors


def test_step_has_zero_gradient_everywhere_like_its_numerical_gradient():
    layer = Step()
    x = away_from_zero((4, 3))
    layer.forward(x)
    assert not layer.backward(np.ones((4, 3))).any()
    assert check_layer(layer, x)["x"] == 0.0


def test_sigmoid_does_not_overflow_for_huge_inputs():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        out = sigmoid(np.array([-1000.0, 1000.0]))
    np.testing.assert_array_equal(out, [0.0, 1.0])


def test_mixed_activation_applies_each_neurons_own_function():
    layer = MixedActivation(["relu", "sigmoid", "identity"])
    out = layer.forward(np.array([[-1.0, 0.0, -5.0]]))
    np.testing.assert_allclose(out, [[0.0, 0.5, -5.0]])


def test_mixed_activation_backward_matches_numerical_gradient():
    errors = check_layer(MixedActivation(["relu", "tanh", "sigmoid", "leaky_relu"]), away_from_zero((5, 4)))
    assert errors["x"] < TOL, errors


def test_dropout_keeps_the_expected_value_and_is_identity_when_running():
    layer = Dropout(0.25, np.random.default_rng(0))
    x = np.ones((2000, 50))
    out = layer.forward(x, train=True)
    assert abs((out == 0).mean() - 0.25) < 0.01
    assert abs(out.mean() - 1.0) < 0.02
    np.testing.assert_array_equal(layer.forward(x, train=False), x)


def test_dropout_backward_uses_the_same_mask_as_forward():
    layer = Dropout(0.5, np.random.default_rng(1))
    x = np.random.default_rng(2).standard_normal((6, 5))
    out = layer.forward(x, train=True)
    dx = layer.backward(np.ones_like(x))
    np.testing.assert_array_equal(dx == 0, out == 0)
    np.testing.assert_allclose(dx[dx != 0], 2.0)


def test_batchnorm_normalizes_each_column_while_training():
    layer = BatchNormalization(3)
    x = np.random.default_rng(0).normal(5.0, 3.0, (100, 3))
    out = layer.forward(x, train=True)
    np.testing.assert_allclose(out.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(out.std(axis=0), 1.0, atol=1e-5)
    np.testing.assert_allclose(layer.buffers["running_mean"], 0.1 * x.mean(axis=0))


def test_batchnorm_backward_matches_numerical_gradient():
    rng = np.random.default_rng(3)
    layer = BatchNormalization(4)
    layer.params["gamma"][...] = rng.uniform(0.5, 2.0, 4)
    layer.params["beta"][...] = rng.standard_normal(4)
    errors = check_layer(layer, rng.standard_normal((6, 4)))
    assert set(errors) == {"x", "gamma", "beta"}
    assert max(errors.values()) < 1e-6, errors


def test_batchnorm_uses_running_statistics_when_running():
    layer = BatchNormalization(2)
    layer.buffers["running_mean"][...] = [1.0, 2.0]
    layer.buffers["running_var"][...] = [4.0, 9.0]
    out = layer.forward(np.array([[3.0, 5.0]]), train=False)
    np.testing.assert_allclose(out, [[1.0, 1.0]], rtol=1e-5)


@pytest.mark.parametrize("cls", [Relu, Sigmoid, Tanh, LeakyRelu, Softmax])
def test_activations_keep_float32_as_float32(cls):
    x = np.ones((2, 3), np.float32)
    layer = cls()
    assert layer.forward(x).dtype == np.float32
    assert layer.backward(x).dtype == np.float32


def test_layers_have_readable_reprs():
    assert repr(Affine(np.zeros((2, 3)), np.zeros(3))) == "Affine(W(2, 3), b(3,))"
    assert repr(Dropout(0.5, None)) == "Dropout(rate=0.5)"
