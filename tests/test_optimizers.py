"""Each optimizer: update(params, grads) in place, and it makes a small problem's loss fall."""
import numpy as np
import pytest

from runtime import AdaGrad, Adam, Momentum, RMSprop, SGD
from runtime.datasets.base import Dataset
from runtime import DenseSpec, InputSpec, NetworkSpec, OutputSpec, TrainingSpec, train


def test_sgd_steps_against_the_gradient():
    p, g = {"w": np.array([1.0, -2.0])}, {"w": np.array([0.5, -1.0])}
    SGD(lr=0.1).update(p, g)
    np.testing.assert_allclose(p["w"], [0.95, -1.9])


def test_momentum_accumulates_velocity():
    p, g = {"w": np.array([0.0])}, {"w": np.array([1.0])}
    opt = Momentum(lr=0.1, momentum=0.9)
    opt.update(p, g)
    opt.update(p, g)
    np.testing.assert_allclose(p["w"], [-0.1 - 0.19])


def test_adam_first_step_moves_each_weight_by_about_the_learning_rate():
    p, g = {"w": np.array([0.0, 0.0])}, {"w": np.array([3.0, -0.001])}
    Adam(lr=0.01).update(p, g)
    np.testing.assert_allclose(p["w"], [-0.01, 0.01], rtol=1e-2)


@pytest.mark.parametrize("name, lr", [("sgd", 0.1), ("momentum", 0.05), ("adagrad", 0.1),
                                      ("rmsprop", 0.01), ("adam", 0.01)])
def test_every_optimizer_reduces_the_loss_on_a_small_regression(name, lr):
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (64, 2))
    data = Dataset("line", x, (x @ [[2.0], [-1.0]]) + 0.5, "regress")
    spec = NetworkSpec(input=InputSpec(size=2), layers=[DenseSpec(units=1)], output=OutputSpec(kind="regress"))
    trainer = train(spec, data, settings=TrainingSpec(optimizer=name, learning_rate=lr, batch_size=8, epochs=30))
    first = trainer.measure().train_loss
    trainer.run()
    assert trainer.history[-1].train_loss < 0.1 * first


def test_optimizers_have_readable_reprs():
    assert repr(RMSprop(lr=0.5)) == "RMSprop(lr=0.5)"
    assert repr(AdaGrad()) == "AdaGrad(lr=0.01)"
