"""Each loss: a hand-computed value and its gradient against central differences."""
import numpy as np
import pytest

from runtime.gradcheck import check_loss
from runtime.layers import IdentityWithLoss, SigmoidWithLoss, SoftmaxWithLoss, StepWithLoss


def test_softmax_cross_entropy_matches_hand_computed_value():
    x = np.array([[0.0, np.log(3.0)], [np.log(4.0), 0.0]])  # softmax rows: [.25, .75], [.8, .2]
    loss = SoftmaxWithLoss().forward(x, np.array([1, 1]))
    assert loss == pytest.approx(-(np.log(0.75) + np.log(0.2)) / 2, rel=1e-12)


def test_binary_cross_entropy_matches_hand_computed_value():
    x = np.array([[np.log(3.0)], [0.0]])  # sigmoid: .75, .5
    loss = SigmoidWithLoss().forward(x, np.array([[1.0], [0.0]]))
    assert loss == pytest.approx(-(np.log(0.75) + np.log(0.5)) / 2, rel=1e-12)


def test_mean_squared_error_matches_the_books_half_sum_per_point():
    loss = IdentityWithLoss().forward(np.array([[1.0, 2.0], [0.0, 0.0]]), np.array([[0.0, 0.0], [0.0, 1.0]]))
    assert loss == pytest.approx(0.5 * (1 + 4 + 1) / 2)


def test_losses_stay_finite_for_extreme_scores():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        a = SoftmaxWithLoss().forward(np.array([[1000.0, -1000.0]]), np.array([1]))
        b = SigmoidWithLoss().forward(np.array([[-1000.0]]), np.array([[1.0]]))
    assert a == pytest.approx(2000.0) and b == pytest.approx(1000.0)


def test_step_loss_counts_wrong_answers():
    loss = StepWithLoss().forward(np.array([[1.0], [-1.0], [2.0], [0.0]]), np.array([[1.0], [1.0], [0.0], [0.0]]))
    assert loss == 0.5


@pytest.mark.parametrize("head, t", [
    (SoftmaxWithLoss(), np.array([0, 2, 1, 2])),
    (SigmoidWithLoss(), np.array([[0.0], [1.0], [1.0], [0.0]])),
    (IdentityWithLoss(), np.random.default_rng(5).standard_normal((4, 1))),
])
def test_loss_gradient_matches_numerical_gradient(head, t):
    width = 3 if isinstance(head, SoftmaxWithLoss) else 1
    x = np.random.default_rng(4).standard_normal((4, width)) * 2
    assert check_loss(head, x, t) < 1e-7
