"""The network contract: what a spec may say, and the clear refusal of one that cannot work."""
import pytest

from runtime import (
    ActivationSpec, DenseSpec, DropoutSpec, HandSetNeuron, InputSpec, NetworkSpec, OutputSpec, SpecError,
    Network, parse_spec, parse_training, problems, shapes, training_mode, training_problems,
)


def net(layers, output=("classify", 2), size=2, features=None):
    return NetworkSpec(input=InputSpec(size=size, features=features), layers=layers,
                       output=OutputSpec(kind=output[0], units=output[1]))


def raw(layers, output=None):
    return {"input": {"size": 2}, "layers": layers, "output": output or {"kind": "classify", "units": 2}}


def test_shapes_follow_the_layers_and_the_input_features():
    spec = net([DenseSpec(units=4, activation="relu"), DropoutSpec(rate=0.2), DenseSpec(units=2)],
               features=["x1", "x2", "x1*x2"])
    assert shapes(spec) == [(3, 4), (4, 4), (4, 2)]


def test_a_good_spec_round_trips_through_json():
    spec = net([DenseSpec(units=3, activation=["relu", "tanh", "sigmoid"]), DenseSpec(units=2)])
    assert parse_spec(spec.model_dump_json()) == spec


def test_zero_units_is_refused_with_a_sentence_naming_the_layer():
    with pytest.raises(SpecError) as e:
        parse_spec(raw([{"kind": "dense", "units": 0}]))
    assert e.value.message.texts() == {
        "en": "Layer 1 needs at least 1 neuron (it has 0).",
        "ja": "1番目の層のニューロンの数は1以上にしてください（いまは0）。",
        "ja-Hira": "1ばんめの そうの ニューロンの かずは 1いじょうに してね（いまは 0）。",
    }
    assert e.value.problems[0].layer == 0


def test_an_activation_that_does_not_exist_is_refused_with_the_choices():
    with pytest.raises(SpecError) as e:
        parse_spec(raw([{"kind": "dense", "units": 2, "activation": "swish"}]))
    text = str(e.value)
    assert "Layer 1" in text and "'swish'" in text and "relu" in text


def test_an_unknown_setting_is_refused_by_name():
    with pytest.raises(SpecError) as e:
        parse_spec(raw([{"kind": "dense", "units": 2, "colour": "red"}]))
    assert "'colour'" in str(e.value)


def test_softmax_in_the_middle_is_refused():
    spec = net([DenseSpec(units=4, activation="softmax"), DenseSpec(units=2)])
    [p] = problems(spec)
    assert p.layer == 0 and p.message.key == "spec_softmax_middle"
    with pytest.raises(SpecError):
        Network(spec)


def test_softmax_at_the_end_of_a_classifier_is_allowed_and_merged():
    spec = net([DenseSpec(units=4, activation="relu"), DenseSpec(units=2), ActivationSpec(activation="softmax")])
    assert problems(spec) == []
    assert "Softmax()" not in repr(Network(spec))


def test_softmax_on_some_neurons_only_is_refused():
    [p] = problems(net([DenseSpec(units=2, activation=["softmax", "relu"])]))
    assert p.message.key == "spec_softmax_mixed"


def test_one_activation_per_neuron_must_match_the_neuron_count():
    [p] = problems(net([DenseSpec(units=2, activation=["relu", "relu", "tanh"])]))
    assert p.message.key == "spec_activation_count"
    assert str(p) == "Layer 1 has 2 neurons but 3 activations; give one activation per neuron."


def test_the_last_layer_must_have_as_many_neurons_as_the_output():
    [p] = problems(net([DenseSpec(units=3)]))
    assert p.part == "output" and str(p) == "The last layer has 3 neurons but the output needs 2."


def test_a_hand_set_neuron_needs_one_weight_per_input():
    spec = net([DenseSpec(units=1, activation="step", hand_set=[HandSetNeuron(weights=[0.5], bias=-0.7)])],
               output=("yes_no", 1))
    [p] = problems(spec)
    assert str(p) == "Neuron 1 of Layer 1 needs 2 weights but has 1."


def test_features_need_exactly_two_raw_inputs():
    [p] = problems(net([DenseSpec(units=2)], size=3, features=["x1", "x1^2"]))
    assert p.part == "input" and p.message.key == "spec_features_need_two"


def test_a_step_that_is_not_locked_cannot_learn_by_gradient():
    spec = net([DenseSpec(units=3, activation="step"), DenseSpec(units=1)], output=("yes_no", 1))
    assert problems(spec) == []
    keys = [p.message.key for p in training_problems(spec)]
    assert keys == ["spec_step_not_frozen"]


def test_a_learning_layer_before_an_all_step_layer_is_refused():
    spec = net([DenseSpec(units=3, activation="relu"), ActivationSpec(activation="step"), DenseSpec(units=1)],
               output=("yes_no", 1))
    [p] = training_problems(spec)
    assert p.layer == 0 and p.message.key == "spec_step_blocks_learning"


def test_a_single_layer_of_step_neurons_with_a_yes_no_output_learns_as_a_perceptron():
    spec = net([DenseSpec(units=1, activation="step")], output=("yes_no", 1))
    assert training_mode(spec) == "perceptron" and training_problems(spec) == []


def test_locked_step_neurons_let_the_layers_after_them_learn():
    locked = [HandSetNeuron(weights=[1.0, 1.0], bias=-0.5), HandSetNeuron(weights=[-1.0, -1.0], bias=1.5)]
    spec = net([DenseSpec(units=2, activation="step", hand_set=locked), DenseSpec(units=1)], output=("yes_no", 1))
    assert training_mode(spec) == "gradient" and training_problems(spec) == []


def test_a_network_with_every_weight_locked_has_nothing_to_learn():
    spec = net([DenseSpec(units=1, activation="step", hand_set=[HandSetNeuron(weights=[1.0, 1.0], bias=-1.5)])],
               output=("yes_no", 1))
    assert training_mode(spec) == "none"
    assert [p.message.key for p in training_problems(spec)] == ["spec_nothing_to_learn"]


def test_a_step_at_the_end_only_works_with_a_yes_no_output():
    locked = [HandSetNeuron(weights=[1.0, 0.0]), HandSetNeuron(weights=[0.0, 1.0])]
    assert [p.message.key for p in problems(net([DenseSpec(units=2, activation="step", hand_set=locked)]))] \
        == ["spec_step_classify"]


def test_training_settings_are_refused_in_words():
    with pytest.raises(SpecError) as e:
        parse_training({"optimizer": "turbo"})
    assert "The training settings" in str(e.value) and "adam" in str(e.value)


def test_every_problem_has_all_three_languages():
    spec = net([DenseSpec(units=4, activation="softmax"), DenseSpec(units=3)], size=3, features=["x1"])
    for p in problems(spec):
        texts = p.message.texts()
        assert set(texts) == {"ja", "ja-Hira", "en"} and all(texts.values())


@pytest.mark.parametrize("data, expected", [
    (raw([{"kind": "conv", "units": 2}]),
     "Layer 1 is of a kind 'conv' that does not exist; use one of dense, activation, dropout, batchnorm."),
    (raw([{"kind": "dense", "units": 2, "activation": ["relu", "swish"]}]),
     "Layer 1 has an activation 'swish' that does not exist; use one of identity, step, sigmoid, tanh, relu, "
     "leaky_relu, softmax."),
    (raw([{"kind": "dense", "units": "many"}]), "Layer 1: units must be a number, not 'many'."),
    (raw([{"kind": "dropout", "rate": 1.5}, {"kind": "dense", "units": 2}]),
     "Layer 1: rate must be less than 1 (it is 1.5)."),
    ({"input": {"size": 2}, "layers": []}, "The network is missing the setting 'output'."),
    ('{"input": ', "The network description is not readable JSON (EOF while parsing a value at line 1 column 10)."),
])
def test_a_broken_spec_gets_exactly_one_sentence_per_problem(data, expected):
    with pytest.raises(SpecError) as e:
        parse_spec(data)
    assert [str(p) for p in e.value.problems] == [expected]
