"""Training: minibatch steps, seeds, splits, metrics, the perceptron rule, and divergence rolled back."""
import numpy as np
import pytest

from runtime import (
    BatchNormSpec, DenseSpec, DropoutSpec, HandSetNeuron, InputSpec, Network, NetworkSpec, OutputSpec,
    RuntimeProblem, SpecError, Trainer, TrainingSpec, train,
)
from runtime.datasets import load

XOR_SPEC = NetworkSpec(input=InputSpec(size=2), layers=[DenseSpec(units=4, activation="tanh", init="xavier"),
                                                        DenseSpec(units=2)],
                       output=OutputSpec(kind="classify", units=2))


def two_moons_spec(units=8):
    return NetworkSpec(input=InputSpec(size=2),
                       layers=[DenseSpec(units=units, activation="relu"), BatchNormSpec(), DropoutSpec(rate=0.1),
                               DenseSpec(units=2)], output=OutputSpec(kind="classify", units=2))


def test_xor_learns_to_100_percent_from_a_fixed_seed():
    trainer = train(XOR_SPEC, load("xor"), settings=TrainingSpec(learning_rate=0.1, batch_size=4, epochs=300, seed=1))
    history = trainer.run()
    assert len(history) == 300 and history[-1].train_accuracy == 1.0
    assert trainer.stop.reason == "epochs" and str(trainer.stop.message) == "Trained for 300 epochs."


def test_the_same_seed_gives_bit_identical_weights_after_training():
    data, settings = load("moons", seed=3), TrainingSpec(batch_size=16, epochs=3, seed=11)
    a, b = train(two_moons_spec(), data, settings=settings), train(two_moons_spec(), data, settings=settings)
    a.run(), b.run()
    assert a.network.flat.tobytes() == b.network.flat.tobytes()
    assert a.network.bflat.tobytes() == b.network.bflat.tobytes()
    c = train(two_moons_spec(), data, settings=settings.model_copy(update={"seed": 12}))
    c.run()
    assert c.network.flat.tobytes() != a.network.flat.tobytes()


def test_each_step_is_one_minibatch_and_an_epoch_ends_after_all_of_them():
    data = load("circle", n=100)
    trainer = train(two_moons_spec(), data, settings=TrainingSpec(batch_size=30, epochs=2))
    results = [trainer.step() for _ in range(4)]
    assert [r.epoch for r in results] == [0, 0, 0, 1]
    assert [r.epoch_stats is not None for r in results] == [False, False, False, True]
    assert trainer.steps == 4 and trainer.history[0].epoch == 1


def test_stepping_and_running_whole_epochs_give_the_same_weights():
    data, settings = load("gaussian", n=60), TrainingSpec(batch_size=7, epochs=2, seed=5)
    a, b = train(two_moons_spec(), data, settings=settings), train(two_moons_spec(), data, settings=settings)
    while a.stop is None:
        a.step()
    b.run()
    assert a.network.flat.tobytes() == b.network.flat.tobytes()


def test_train_and_test_loss_and_accuracy_are_measured_every_epoch():
    train_set, test_set = load("moons", n=300, noise=0.1).split(0.3, seed=0)
    assert (len(train_set), len(test_set)) == (210, 90)
    trainer = train(two_moons_spec(16), train_set, test_set, TrainingSpec(batch_size=10, epochs=30))
    history = trainer.run()
    last = history[-1]
    assert last.test_accuracy > 0.9 and last.train_accuracy > 0.9
    assert last.train_loss < history[0].train_loss and last.test_loss < history[0].test_loss


def test_the_confusion_matrix_counts_true_against_chosen_classes():
    data = load("digits")
    train_set, test_set = data.split(0.2, seed=0)
    spec = NetworkSpec(input=InputSpec(size=64), layers=[DenseSpec(units=32, activation="relu"), DenseSpec(units=10)],
                       output=OutputSpec(kind="classify", units=10))
    trainer = train(spec, train_set, test_set, TrainingSpec(batch_size=32, epochs=5))
    trainer.run()
    m = trainer.confusion("test")
    assert m.shape == (10, 10) and m.sum() == len(test_set)
    np.testing.assert_array_equal(m.sum(axis=1), np.bincount(test_set.y, minlength=10))
    assert np.trace(m) / m.sum() == pytest.approx(trainer.history[-1].test_accuracy)


def test_a_regression_network_learns_the_plane():
    data = load("plane", n=400)
    spec = NetworkSpec(input=InputSpec(size=2), layers=[DenseSpec(units=4, activation="tanh"), DenseSpec(units=1)],
                       output=OutputSpec(kind="regress", units=1))
    trainer = train(spec, data, settings=TrainingSpec(batch_size=10, epochs=20))
    history = trainer.run()
    assert history[-1].train_accuracy is None and history[-1].train_loss < 0.05 * history[0].train_loss


@pytest.mark.parametrize("gate", ["and", "or", "nand"])
def test_a_single_step_neuron_learns_a_gate_with_the_perceptron_rule(gate):
    spec = NetworkSpec(input=InputSpec(size=2), layers=[DenseSpec(units=1, activation="step")],
                       output=OutputSpec(kind="yes_no"))
    trainer = train(spec, load(gate), settings=TrainingSpec(learning_rate=0.5, batch_size=1, epochs=30))
    trainer.run()
    assert trainer.history[-1].train_accuracy == 1.0 and trainer.history[-1].train_loss == 0.0


def test_locked_neurons_keep_their_hand_set_weights_while_the_rest_learns():
    locked = HandSetNeuron(weights=[2.0, -1.0], bias=0.25)
    spec = NetworkSpec(input=InputSpec(size=2), layers=[DenseSpec(units=3, activation="tanh", hand_set=[locked, None, None]),
                                                        DenseSpec(units=2)], output=OutputSpec(kind="classify", units=2))
    trainer = train(spec, load("xor"), settings=TrainingSpec(learning_rate=0.1, batch_size=2, epochs=20, l2=0.01))
    before = trainer.network.params_by_layer()[0]
    trainer.run()
    after = trainer.network.params_by_layer()[0]
    np.testing.assert_array_equal(after["W"][:, 0], [2.0, -1.0])
    assert after["b"][0] == 0.25
    assert not np.array_equal(after["W"][:, 1:], before["W"][:, 1:])


def test_a_huge_learning_rate_stops_training_and_rolls_back_to_the_last_good_weights():
    spec = NetworkSpec(input=InputSpec(size=2), layers=[DenseSpec(units=8, activation="relu"), DenseSpec(units=1)],
                       output=OutputSpec(kind="regress"))
    trainer = train(spec, load("plane"), settings=TrainingSpec(optimizer="sgd", learning_rate=50.0, batch_size=10))
    seen = []
    while trainer.stop is None:
        seen.append(trainer.network.flat.copy())
        trainer.step()
    assert trainer.stop.reason == "diverged"
    assert np.isfinite(trainer.network.flat).all() and np.isfinite(trainer.network.bflat).all()
    assert any(np.array_equal(trainer.network.flat, s) for s in seen[-2:])
    assert "learning rate is too big" in str(trainer.stop.message)
    assert "がくしゅうりつ" in trainer.stop.message.text("ja-Hira")
    assert np.isfinite(trainer.network.predict(load("plane").x)).all()
    assert trainer.step().stop is trainer.stop  # stays stopped, nothing changes
    assert np.isfinite(trainer.network.flat).all()


def test_a_step_network_that_cannot_learn_is_refused_before_training():
    spec = NetworkSpec(input=InputSpec(size=2), layers=[DenseSpec(units=3, activation="step"), DenseSpec(units=2)],
                       output=OutputSpec(kind="classify", units=2))
    with pytest.raises(SpecError) as e:
        train(spec, load("xor"))
    assert "cannot learn by gradient" in str(e.value)


def test_data_that_does_not_fit_the_network_gets_a_clear_message():
    with pytest.raises(RuntimeProblem) as e:
        train(XOR_SPEC, load("digits"))
    assert str(e.value) == "The data has 64 inputs but the network takes 2."
    with pytest.raises(RuntimeProblem) as e:
        train(XOR_SPEC, load("plane"))
    assert str(e.value) == "The data is for predicting a number but the network's output is classifying."


def test_float32_training_keeps_float32_and_learns():
    settings = TrainingSpec(learning_rate=0.1, batch_size=4, epochs=300, seed=1)
    trainer = Trainer(Network(XOR_SPEC, seed=1, dtype=np.float32), load("xor"), settings=settings)
    trainer.run()
    assert trainer.network.flat.dtype == np.float32 and trainer.history[-1].train_accuracy == 1.0
