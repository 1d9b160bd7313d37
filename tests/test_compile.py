"""Compile: blocks -> NetworkSpec, TrainingSpec and data, with every problem on the block a child must fix."""
import random
import re

import numpy as np
import pytest

import runtime
from blockbuilder import texts as ui
from blockbuilder.document.catalog import BLOCKS
from blockbuilder.document.compile import Problem, compile_project
from blockbuilder.document.data import BUILT_IN, DataChoice, DataInfo, describe_data, load_data
from blockbuilder.document.project import Block, Project, Script
from runtime import (LANGS, ActivationSpec, BatchNormSpec, DenseSpec, DropoutSpec, HandSetNeuron, InputSpec,
                     NetworkSpec, OutputSpec, TrainingSpec)
from runtime.datasets import load

KANJI = re.compile("[\u4e00-\u9fff]")


# --- building projects ---------------------------------------------------------------

def b(id, type, children=(), **params) -> Block:
    return Block(id=id, type=type, params=params, children=list(children))


def neuron(id, weights=None, bias=0, activation="step", locked=False) -> Block:
    return b(id, "layers_neuron", activation=activation, weights=weights, bias=bias, locked=locked)


def stack(*blocks, x=0) -> Script:
    return Script(x=x, y=0, blocks=list(blocks))


def project(*scripts) -> Project:
    return Project(scripts=list(scripts))


def network(*layers, data=None, out="output_classify") -> Script:
    """data -> layers -> the answer block `out`: a type (an empty answer, id "out") or a Block."""
    data = data or b("data", "data_spiral")
    return stack(data, *layers, b("out", out) if isinstance(out, str) else out)


def compiled(*layers, data=None, out="output_classify", training=None):
    scripts = [network(*layers, data=data, out=out)] + ([training] if training else [])
    return compile_project(project(*scripts))


def training(*blocks) -> Script:
    return stack(b("train", "training_start"), *blocks, x=400)


def keys(c) -> list[tuple[str | None, str]]:
    return [(p.block_id, p.message.key) for p in c.problems]


def assert_speaks(problem: Problem) -> None:
    texts = problem.message.texts()
    assert all(texts[lang].strip() for lang in LANGS), texts
    assert not KANJI.findall(texts["ja-Hira"]), texts["ja-Hira"]
    assert not re.search(r"\{\w+\}", "".join(texts.values())), texts  # every field filled in


def the_problem(c, block_id, key, severity="error") -> Problem:
    """The one problem `key` on `block_id`, checked to speak all three languages."""
    found = [p for p in c.problems if (p.block_id, p.message.key) == (block_id, key)]
    assert len(found) == 1, keys(c)
    assert found[0].severity == severity
    assert_speaks(found[0])
    if severity == "error":
        assert not c.ok and c.spec is None
    return found[0]


# --- a good project ----------------------------------------------------------------------

def test_a_good_project_compiles_to_exactly_the_expected_network_spec():
    c = compiled(b("d1", "layers_dense", units=6, activation="relu"),
                 b("drop", "layers_dropout", rate=25),
                 b("bn", "layers_batchnorm"),
                 b("act", "layers_activation", activation="tanh"),
                 data=b("data", "data_spiral", noise=10, test_ratio=30, features=["x1", "x2", "x1*x2"]),
                 out=b("out", "output_classify", init="zeros"),
                 training=training(b("opt", "training_optimizer", optimizer="sgd"),
                                   b("lr", "training_learning_rate", learning_rate=0.1),
                                   b("seed", "training_seed", seed=7)))
    assert c.ok and c.problems == [] and c.training_problems == []
    assert c.spec == NetworkSpec(
        input=InputSpec(size=2, features=["x1", "x2", "x1*x2"]),
        layers=[DenseSpec(units=6, activation="relu", init="he"), DropoutSpec(rate=0.25), BatchNormSpec(),
                ActivationSpec(activation="tanh"), DenseSpec(units=2, activation="identity", init="zeros")],
        output=OutputSpec(kind="classify", units=2))
    assert c.training == TrainingSpec(optimizer="sgd", learning_rate=0.1, seed=7)
    assert c.data == DataChoice("data", "data_spiral", "spiral", 0.1, 0.3, ["x1", "x2", "x1*x2"], 7, None, None, None)
    assert c.layer_blocks == ["d1", "drop", "bn", "act", "out"] and c.script_index == 0   # the answer's layer last
    assert c.annotations == {"data": "→ 3", "d1": "3 → 6", "drop": "6 → 6", "bn": "6 → 6", "act": "6 → 6",
                             "out": "6 → 2"}
    assert c.param_shapes == {"d1": {"W": (3, 6), "b": (6,)}, "out": {"W": (6, 2), "b": (2,)},
                              "bn": {k: (6,) for k in ("gamma", "beta", "running_mean", "running_var")}}


def test_the_shapes_compile_reports_are_the_shapes_the_runtime_builds():
    c = compiled(b("d1", "layers_dense", units=5), b("bn", "layers_batchnorm"), b("d2", "layers_dense", units=2),
                 data=b("data", "data_circle", features=["x1", "x2", "sin_x1"]))
    net = runtime.Network(c.spec)
    for block_id, params in zip(c.layer_blocks, net.params_by_layer()):
        assert {k: v.shape for k, v in params.items()} == c.param_shapes.get(block_id, {})


def test_missing_fields_take_the_catalog_defaults_and_percents_become_fractions():
    c = compiled(b("d1", "layers_dense"), b("drop", "layers_dropout"), b("d2", "layers_dense", units=2),
                 data=b("data", "data_moons"))
    assert c.ok
    assert c.spec.layers[0] == DenseSpec(units=10, activation="leaky_relu", init="he")
    assert c.spec.layers[1] == DropoutSpec(rate=0.2)
    assert c.spec.input == InputSpec(size=2, features=["x1", "x2"])
    assert (c.data.noise, c.data.test_ratio, c.data.seed) == (0.0, 0.5, 0)
    assert c.training == TrainingSpec()


@pytest.mark.parametrize("activation,init", [("relu", "he"), ("leaky_relu", "he"), ("identity", "he"),
                                             ("step", "he"), ("sigmoid", "xavier"), ("tanh", "xavier"),
                                             ("softmax", "xavier")])
def test_an_automatic_start_follows_the_activation_without_a_training_init_block(activation, init):
    if activation == "softmax":   # only the answer's neurons may use it
        c = compiled(out=b("out", "output_classify", [neuron("n1", activation="softmax"),
                                                      neuron("n2", activation="softmax")], init="auto"))
    else:
        c = compiled(b("d", "layers_dense", units=2, activation=activation, init="auto"))
    assert c.ok, keys(c)
    assert c.spec.layers[0].init == init


def test_an_empty_answer_adds_a_layer_of_one_neuron_per_answer_without_an_activation_of_its_own():
    c = compiled(b("d", "layers_dense", units=5, activation="tanh"))
    assert c.spec.layers[-1] == DenseSpec(units=2, activation="identity", init="he")   # softmax is the output's
    assert c.spec.output == OutputSpec(kind="classify", units=2)


def test_an_automatic_start_follows_the_training_init_block_and_a_chosen_start_stays():
    script = training(b("init", "training_init", init="uniform"))
    c = compiled(b("auto", "layers_dense", units=3, activation="tanh"),
                 b("layer", "layers_layer", [neuron("n1", activation="relu"), neuron("n2", activation="relu")]),
                 b("mine", "layers_dense", units=2, init="xavier"), training=script)
    assert [layer.init for layer in c.spec.layers] == ["uniform", "uniform", "xavier", "uniform"]
    chosen = compiled(b("auto", "layers_dense", units=3), out=b("out", "output_classify", init="zeros"), training=script)
    assert [layer.init for layer in chosen.spec.layers] == ["uniform", "zeros"]


def test_no_training_script_gives_the_default_training_settings():
    assert compiled(b("d", "layers_dense", units=2)).training == TrainingSpec()


def test_every_training_block_fills_its_setting_and_the_seed_also_seeds_the_data():
    script = training(b("o", "training_optimizer", optimizer="momentum"),
                      b("lr", "training_learning_rate", learning_rate=0.5),
                      b("bs", "training_batch_size", batch_size=32), b("ep", "training_epochs", epochs=5),
                      b("l1", "training_l1", l1=0.001), b("l2", "training_l2", l2=0.002),
                      b("s", "training_seed", seed=42))
    c = compiled(b("d", "layers_dense", units=2), training=script)
    assert c.training == TrainingSpec(optimizer="momentum", learning_rate=0.5, batch_size=32, epochs=5,
                                      l1=0.001, l2=0.002, seed=42)
    assert c.data.seed == 42


def test_a_second_training_script_is_a_warning_and_the_first_one_counts():
    first = training(b("ep", "training_epochs", epochs=3))
    second = stack(b("train2", "training_start"), b("ep2", "training_epochs", epochs=9))
    c = compile_project(project(network(b("d", "layers_dense", units=2)), first, second))
    the_problem(c, "train2", "compile_second_training", "warning")
    assert c.ok and c.training.epochs == 3


def test_a_block_that_is_not_a_setting_does_nothing_under_training_settings():
    c = compiled(b("d", "layers_dense", units=2), training=training(b("stray", "layers_dense")))
    the_problem(c, "stray", "compile_training_stray", "warning")
    assert c.ok


def test_loose_blocks_and_other_stacks_are_ignored():
    loose = [stack(b("loose", "layers_dense", units=0)), stack(b("n", "layers_neuron", locked="?"))]
    c = compile_project(project(*loose, network(b("d", "layers_dense", units=2))))
    assert c.ok and c.problems == [] and c.script_index == 2


# --- the layer block and its neurons ------------------------------------------------------

def test_a_layer_block_becomes_one_dense_layer_with_each_neuron_s_activation_and_weights():
    layer = b("layer", "layers_layer", [neuron("n1", [1, 2], 0.5, "tanh", locked=True),
                                        neuron("n2", None, 0, "relu"),
                                        neuron("n3", [3.0, 4.0], -1, "relu")])
    c = compiled(layer, b("d", "layers_dense", units=2))
    assert c.ok, keys(c)
    assert c.spec.layers[0] == DenseSpec(
        units=3, activation=["tanh", "relu", "relu"], init="he",
        hand_set=[HandSetNeuron(weights=[1.0, 2.0], bias=0.5, frozen=True), None,
                  HandSetNeuron(weights=[3.0, 4.0], bias=-1.0, frozen=False)])
    assert c.annotations["layer"] == "2 → 3" and c.annotations["n1"] == "2 → 1"
    assert c.param_shapes["layer"] == {"W": (2, 3), "b": (3,)}


def test_a_layer_whose_neurons_share_an_activation_and_have_no_weights_is_a_plain_dense_layer():
    c = compiled(b("layer", "layers_layer", [neuron("n1", activation="sigmoid"),
                                             neuron("n2", activation="sigmoid")]))
    assert c.spec.layers[0] == DenseSpec(units=2, activation="sigmoid", init="xavier")


def test_the_perceptron_and_gate_is_a_step_neuron_inside_the_yes_no_answer_and_answers_the_truth_table():
    c = compile_project(project(stack(
        b("data", "data_gate", gate="and"),
        b("out", "output_yes_no", [neuron("n", [0.5, 0.5], -0.7, "step", locked=True)]))))
    assert c.ok and c.problems == []
    assert c.spec.layers == [DenseSpec(units=1, activation="step", init="he",
                                       hand_set=[HandSetNeuron(weights=[0.5, 0.5], bias=-0.7, frozen=True)])]
    assert c.spec.output == OutputSpec(kind="yes_no", units=1)
    assert c.layer_blocks == ["out"] and c.annotations["n"] == "2 → 1" and c.annotations["out"] == "2 → 1"
    x = np.array([[0, 0], [1, 0], [0, 1], [1, 1]], dtype=float)
    assert runtime.Network(c.spec).predict(x)[:, 0].tolist() == [0, 0, 0, 1]
    train, test = load_data(c.data)
    assert len(train) == 4 and len(test) == 0
    assert [p.message.key for p in c.training_problems] == ["spec_nothing_to_learn"]
    assert c.training_problems[0].block_id is None


def test_an_unlocked_step_neuron_inside_the_yes_no_answer_is_the_perceptron_that_learns_by_its_rule():
    c = compile_project(project(stack(b("data", "data_gate", gate="or"),
                                      b("out", "output_yes_no", [neuron("n", [0.0, 0.0], 0.0, "step")]))))
    assert c.ok and c.training_problems == []
    assert runtime.training_mode(c.spec) == "perceptron"
    train, _ = load_data(c.data)
    trainer = runtime.train(c.spec, train, None, TrainingSpec(learning_rate=0.1, batch_size=4, epochs=20))
    trainer.run()
    assert trainer.history[-1].train_accuracy == 1.0


def test_a_locked_neuron_without_weights_is_a_warning_and_it_still_learns():
    c = compiled(b("layer", "layers_layer", [neuron("n1", activation="relu", locked=True),
                                             neuron("n2", activation="relu")]))
    the_problem(c, "n1", "compile_locked_no_weights", "warning")
    assert c.ok and c.spec.layers[0].hand_set is None


# --- finding the network ------------------------------------------------------------------

def test_an_empty_workspace_asks_for_a_data_block_for_the_whole_project():
    c = compile_project(project())
    the_problem(c, None, "compile_no_data")
    assert (c.spec, c.data, c.script_index) == (None, None, None)


def test_a_stack_ending_in_an_output_without_data_points_at_its_top_block():
    c = compile_project(project(stack(b("top", "layers_dense"), b("out", "output_classify"))))
    the_problem(c, "top", "compile_no_data")


def test_a_data_block_without_an_output_points_at_the_bottom_of_its_script():
    c = compile_project(project(stack(b("data", "data_circle", noise=20), b("d", "layers_dense"))))
    the_problem(c, "d", "compile_no_output")
    assert c.data.noise == 0.2 and c.script_index is None  # the editor can show the data already
    alone = compile_project(project(stack(b("data", "data_circle"))))
    the_problem(alone, "data", "compile_no_output")


def test_a_second_complete_network_points_at_its_data_block():
    c = compile_project(project(network(b("d", "layers_dense", units=2)),
                                stack(b("data2", "data_circle"), b("e", "layers_dense", units=2),
                                      b("out2", "output_classify"))))
    the_problem(c, "data2", "compile_two_networks")
    assert c.script_index == 0


def test_data_straight_into_an_answer_is_a_linear_model():
    c = compiled()
    assert c.ok and c.problems == []
    assert c.spec.layers == [DenseSpec(units=2, activation="identity", init="he")]
    assert c.layer_blocks == ["out"] and c.annotations["out"] == "2 → 2"
    assert c.param_shapes == {"out": {"W": (2, 2), "b": (2,)}}
    yes_no = compiled(data=b("data", "data_circle"), out="output_yes_no")
    assert yes_no.ok and yes_no.spec.layers == [DenseSpec(units=1, activation="identity", init="he")]


@pytest.mark.parametrize("type,key", [("data_circle", "drop_hat_only_top"),          # the block grammar's words,
                                      ("output_number", "drop_cap_only_bottom"),      # as when it is dropped there
                                      ("training_epochs", "compile_training_in_network"),
                                      ("training_start", "drop_hat_only_top"),
                                      ("layers_neuron", "drop_needs_parent"),
                                      ("mystery_block", "compile_unknown_block")])
def test_a_block_that_does_not_belong_between_data_and_output_points_at_itself(type, key):
    c = compiled(b("d", "layers_dense", units=2), b("odd", type))
    the_problem(c, "odd", key)
    assert c.layer_blocks == ["d", "out"]


def test_only_neurons_go_inside_a_layer_block_and_nothing_goes_inside_other_blocks():
    c = compiled(b("layer", "layers_layer", [neuron("n1", activation="relu"), b("dense", "layers_dense"),
                                             neuron("n2", activation="relu")]),
                 data=b("data", "data_spiral", children=[b("inner", "layers_dropout")]))
    the_problem(c, "dense", "drop_only_inside")
    the_problem(c, "inner", "drop_not_a_c_block")
    assert c.annotations["layer"] == "2 → 2"


def test_only_neurons_go_inside_an_answer_block():
    c = compiled(out=b("out", "output_classify", [neuron("n1", activation="relu"), b("drop", "layers_dropout"),
                                                   neuron("n2", activation="relu")]))
    p = the_problem(c, "drop", "drop_only_inside")
    assert p.message.text("en") == "Only 'neuron' blocks can go inside 'classify (softmax)'."
    assert "なかま分けをする（ソフトマックス）" in p.message.text("ja") and "初期値" not in p.message.text("ja")


def test_a_layer_block_without_neurons_asks_for_neurons():
    the_problem(compiled(b("layer", "layers_layer"), b("d", "layers_dense", units=2)), "layer", "compile_empty_layer")


def test_hand_set_weights_of_the_wrong_count_point_at_the_neuron():
    c = compiled(b("layer", "layers_layer", [neuron("n1", [0.5, 0.5, 0.5], activation="relu"),
                                             neuron("n2", [1, 1], activation="relu")]),
                 data=b("data", "data_spiral", features=["x1", "x2"]))
    p = the_problem(c, "n1", "compile_weights_count")
    assert "needs 2 weights" in p.message.text("en") and "(it has 3)" in p.message.text("en")


# --- activations and the output -----------------------------------------------------------

def test_softmax_before_the_answer_points_at_its_block():
    c = compiled(b("soft", "layers_dense", units=3, activation="softmax"), b("d", "layers_dense", units=2))
    the_problem(c, "soft", "compile_softmax_not_last")
    the_problem(compiled(b("d", "layers_dense", units=2, activation="softmax")), "d", "compile_softmax_not_last")
    assert compiled(out=b("out", "output_classify", [neuron("n1", activation="softmax"),
                                                     neuron("n2", activation="softmax")])).ok


def test_softmax_on_only_some_neurons_of_a_layer_points_at_the_layer():
    c = compiled(b("layer", "layers_layer", [neuron("n1", activation="softmax"), neuron("n2", activation="relu")]))
    the_problem(c, "layer", "compile_softmax_mixed")


def test_softmax_inside_a_yes_no_answer_points_at_the_answer():
    c = compiled(data=b("data", "data_circle"), out=b("out", "output_yes_no", [neuron("n", activation="softmax")]))
    the_problem(c, "out", "compile_softmax_yes_no")
    before = compiled(b("soft", "layers_activation", activation="softmax"), data=b("data", "data_circle"),
                      out="output_yes_no")
    the_problem(before, "soft", "compile_softmax_not_last")


@pytest.mark.parametrize("data,out,want", [("data_spiral", "output_classify", 2), ("data_digits", "output_classify", 10),
                                           ("data_circle", "output_yes_no", 1), ("data_plane", "output_number", 1)])
def test_an_answer_holding_neurons_needs_one_per_answer(data, out, want):
    def answer(n):
        return b("out", out, [neuron(f"n{i}", activation="identity") for i in range(n)])

    empty = compiled(b("h", "layers_dense", units=5), b("drop", "layers_dropout"), data=b("data", data), out=out)
    assert empty.ok and empty.spec.layers[-1].units == want and empty.annotations["out"] == f"5 → {want}"
    good = compiled(b("h", "layers_dense", units=5), data=b("data", data), out=answer(want))
    assert good.ok, keys(good)
    assert good.spec.layers[-1] == DenseSpec(units=want, activation="identity", init="he")
    bad = compiled(b("h", "layers_dense", units=5), b("drop", "layers_dropout"), data=b("data", data),
                   out=answer(want + 2))
    p = the_problem(bad, "out", "compile_answer_neurons")
    assert f"needs {want} neuron(s), one for each answer (it has {want + 2})" in p.message.text("en")
    assert bad.annotations["out"] == f"5 → {want + 2}"


def test_without_any_layer_of_neurons_the_answer_is_the_only_one():
    c = compiled(b("act", "layers_activation", activation="tanh"), data=b("data", "data_digits"))
    assert c.ok and c.spec.layers == [ActivationSpec(activation="tanh"),
                                      DenseSpec(units=10, activation="identity", init="he")]
    assert c.annotations["out"] == "64 → 10"


@pytest.mark.parametrize("data,out,key", [("data_plane", "output_classify", "compile_data_is_numbers"),
                                          ("data_multi_gaussian", "output_yes_no", "compile_data_is_numbers"),
                                          ("data_spiral", "output_number", "compile_data_is_classes"),
                                          ("data_digits", "output_yes_no", "compile_yes_no_classes")])
def test_an_output_that_does_not_suit_the_data_points_at_the_output(data, out, key):
    c = compiled(b("d", "layers_dense", units=2), data=b("data", data), out=out)
    the_problem(c, "out", key)


# --- fields --------------------------------------------------------------------------------

@pytest.mark.parametrize("block,key", [
    (b("bad", "layers_dense", units=0), "compile_range"),
    (b("bad", "layers_dense", units=2.5), "compile_not_whole"),
    (b("bad", "layers_dense", units="four"), "compile_not_number"),
    (b("bad", "layers_dense", units=True), "compile_not_number"),
    (b("bad", "layers_dense", units=10 ** 400), "compile_not_number"),
    (b("bad", "layers_dense", activation="swish"), "compile_bad_choice"),
    (b("bad", "layers_dense", activation=["relu"]), "compile_bad_choice"),
    (b("bad", "layers_dropout", rate=95), "compile_range"),
    (b("bad", "layers_dropout", rate=float("nan")), "compile_not_number"),
    (b("bad", "layers_layer", [neuron("x", [1, "a"])]), "compile_not_number"),
    (b("bad", "layers_layer", [neuron("x", "1, 2")]), "compile_not_number"),
    (b("bad", "layers_layer", [neuron("x", [1, None])]), "compile_not_number"),
    (b("bad", "layers_layer", [neuron("x", 5)]), "compile_not_number"),
    (b("bad", "layers_layer", [neuron("x", [1, 1], locked="yes")]), "compile_bad_value"),
])
def test_a_bad_field_value_is_a_problem_on_its_block(block, key):
    c = compiled(block, b("d", "layers_dense", units=2))
    the_problem(c, "x" if block.children else "bad", key)


@pytest.mark.parametrize("params,key", [({"noise": 80}, "compile_range"), ({"test_ratio": -5}, "compile_range"),
                                        ({"features": []}, "spec_features_empty"),
                                        ({"features": ["x1", "x1"]}, "spec_features_repeated"),
                                        ({"features": ["x3"]}, "compile_bad_choice"),
                                        ({"features": "x1"}, "compile_bad_value")])
def test_a_bad_data_field_is_a_problem_on_the_data_block(params, key):
    c = compiled(b("d", "layers_dense", units=2), data=b("data", "data_circle", **params))
    the_problem(c, "data", key)


def test_a_field_problem_names_the_field_in_each_language():
    c = compiled(b("bad", "layers_dense", units=300))
    texts = the_problem(c, "bad", "compile_range").message.texts()
    assert texts["en"] == "'neurons' must be from 1 to 256 (it is 300)."
    assert "ニューロンの数" in texts["ja"] and "ニューロンの かず" in texts["ja-Hira"]


def test_bad_training_values_are_problems_on_their_blocks():
    c = compiled(b("d", "layers_dense", units=2),
                 training=training(b("lr", "training_learning_rate", learning_rate=0),
                                   b("o", "training_optimizer", optimizer="newton")))
    the_problem(c, "lr", "compile_range")
    the_problem(c, "o", "compile_bad_choice")
    assert c.training == TrainingSpec()


def test_a_tiny_limit_is_written_as_a_plain_decimal():
    c = compiled(b("d", "layers_dense", units=2), training=training(b("lr", "training_learning_rate", learning_rate=20)))
    assert "0.00001" in the_problem(c, "lr", "compile_range").message.text("en")


# --- data from files and drawings ---------------------------------------------------------

def test_a_csv_block_without_a_file_asks_for_one():
    c = compiled(b("d", "layers_dense", units=2), data=b("data", "data_csv"))
    the_problem(c, "data", "compile_csv_path")
    assert c.annotations["data"] == "→ ?"


def test_a_csv_file_that_cannot_be_read_is_a_problem_on_the_data_block(tmp_path):
    for missing in (str(tmp_path / "none.csv"), str(tmp_path), "\0", "/dev/zero", str(tmp_path / ("a" * 300))):
        c = compiled(b("d", "layers_dense", units=2), data=b("data", "data_csv", path=missing))
        the_problem(c, "data", "path_cannot_use")
    one = tmp_path / "one.csv"
    one.write_text("a,b,label\n1,2,cat\n3,4,cat\n", encoding="utf-8")
    c = compiled(b("d", "layers_dense", units=2), data=b("data", "data_csv", path=str(one)))
    the_problem(c, "data", "csv_one_class")


def test_a_csv_file_gives_one_input_per_number_column_and_one_class_per_label(tmp_path):
    path = tmp_path / "pets.csv"
    path.write_text("kind,weight,height,legs\ncat,4,25,4\ndog,20,50,4\nbird,0.1,10,2\ncat,5,24,4\n",
                    encoding="utf-8")
    c = compiled(b("d", "layers_dense", units=3), data=b("data", "data_csv", path=str(path), label_column=" kind "))
    assert c.ok, keys(c)
    assert c.spec.input == InputSpec(size=3) and c.spec.output.units == 3
    assert (c.data.path, c.data.label_column, c.data.test_ratio) == (str(path), "kind", 0.2)
    train, test = load_data(c.data)
    assert (len(train), len(test), train.n_inputs) == (3, 1, 3)


def test_a_csv_file_that_changes_is_read_again(tmp_path):
    path = tmp_path / "pets.csv"
    path.write_text("size,kind\n1,cat\n2,dog\n", encoding="utf-8")
    data = b("data", "data_csv", path=str(path))
    assert compiled(b("d", "layers_dense", units=2), data=data).spec.output.units == 2
    path.write_text("size,kind\n1,cat\n2,dog\n3,bird\n", encoding="utf-8")
    assert compiled(b("d", "layers_dense", units=2), data=data).spec.output.units == 3


def test_drawn_points_give_two_inputs_and_one_class_per_colour():
    points = [[0, 0, "red"], [1, 1, "blue"], [0, 1, "red"], [2, 2, "green"]]
    c = compiled(b("d", "layers_dense", units=3), data=b("data", "data_points", points=points))
    assert c.ok, keys(c)
    assert c.spec.input == InputSpec(size=2, features=["x1", "x2"]) and c.spec.output.units == 3
    empty = compiled(b("d", "layers_dense", units=3), data=b("data", "data_points"))
    the_problem(empty, "data", "points_empty")


def test_compile_asks_describe_about_the_data_and_nothing_else():
    seen = []

    def describe(choice):
        seen.append(choice)
        return DataInfo(5, "regress", 2)

    c = compile_project(project(network(b("d", "layers_dense", units=2), data=b("data", "data_csv", path="x.csv"),
                                        out="output_number")), describe)
    assert c.ok and c.spec.input == InputSpec(size=5) and c.spec.output == OutputSpec(kind="regress", units=2)
    assert [s.path for s in seen] == ["x.csv"]


# --- what the runtime would refuse ------------------------------------------------------------

def test_step_neurons_in_a_classify_answer_point_at_the_answer():
    c = compiled(b("d", "layers_dense", units=2, activation="step"),
                 out=b("out", "output_classify", [neuron("n1"), neuron("n2")]))
    the_problem(c, "out", "spec_step_classify")


def test_why_a_network_cannot_learn_points_at_the_layer_and_says_this_block():
    c = compiled(b("steps", "layers_dense", units=3, activation="step"), b("d", "layers_dense", units=2))
    assert c.ok
    (p,) = c.training_problems
    assert (p.block_id, p.message.key) == ("steps", "spec_step_not_frozen")
    assert p.message.text("en").startswith("This block uses step")
    assert_speaks(p)
    assert "Layer" not in p.message.text("en")


# --- data.py --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(BUILT_IN))
def test_describe_data_knows_every_built_in_set_as_the_runtime_makes_it(name):
    data = load(name)
    info = describe_data(DataChoice("d", "data_x", name, 0.0, 0.0, None, 0))
    n = data.n_classes if data.task == "classify" else data.y.shape[1]
    assert info == DataInfo(data.n_inputs, data.task, n)


def test_describe_data_refuses_an_unknown_set_in_words():
    with pytest.raises(runtime.RuntimeProblem):
        describe_data(DataChoice("d", "data_x", "nope", 0.0, 0.0, None, 0))


def test_load_data_splits_by_the_test_ratio_and_the_seed_picks_the_same_points():
    choice = DataChoice("d", "data_circle", "circle", 0.1, 0.3, ["x1", "x2"], 3)
    train, test = load_data(choice)
    assert (len(train), len(test)) == (350, 150)
    again, _ = load_data(choice)
    assert np.array_equal(train.x, again.x)


def test_a_compiled_spiral_project_learns_on_its_loaded_data():
    c = compiled(b("h", "layers_dense", units=8, activation="tanh"), b("last", "layers_dense", units=2),
                 data=b("data", "data_spiral", test_ratio=20),
                 training=training(b("ep", "training_epochs", epochs=3), b("lr", "training_learning_rate",
                                                                             learning_rate=0.03)))
    train, test = load_data(c.data)
    trainer = runtime.train(c.spec, train, test, c.training)
    history = trainer.run()
    assert len(history) == 3 and trainer.stop.reason == "epochs"
    assert np.isfinite(history[-1].train_loss) and history[-1].test_accuracy is not None


# --- messages -------------------------------------------------------------------------------

def test_every_compile_message_has_the_same_fields_in_every_language_and_no_kanji_in_hiragana():
    compile_keys = [k for k in ui.CATALOG if k.startswith("compile_")]
    assert len(compile_keys) > 20
    for key in compile_keys:
        entry = ui.CATALOG[key]
        fields = {lang: sorted(re.findall(r"\{(\w+)\}", entry[lang])) for lang in LANGS}
        assert fields["ja"] == fields["ja-Hira"] == fields["en"], key
        assert not KANJI.findall(entry["ja-Hira"]), key


# --- compile never raises ---------------------------------------------------------------------

TYPES = [t.id for t in BLOCKS]
JUNK = ["", "x", -1, 0, 2.5, 1e9, float("inf"), None, True, [], ["relu"], {"a": 1}, "relu"]
# data hat -> (an output that suits it, the neurons that answer needs)
SUITS = {"data_spiral": ("output_classify", 2), "data_gate": ("output_yes_no", 1), "data_xor": ("output_yes_no", 1),
         "data_digits": ("output_classify", 10), "data_plane": ("output_number", 1),
         "data_points": ("output_classify", 2), "data_csv": ("output_classify", 2)}
OUTPUTS = ["output_classify", "output_yes_no", "output_number"]
LAYERS = ["layers_dense", "layers_dense", "layers_layer", "layers_activation", "layers_dropout", "layers_batchnorm"]


class Maker:
    """Random blocks: `junk` is how often a field gets a value of the wrong kind."""

    def __init__(self, seed: int, junk: float):
        self.rng, self.junk, self.n = random.Random(seed), junk, 0

    def id(self) -> str:
        self.n += 1
        return f"b{self.n}"

    def value(self, p):
        rng = self.rng
        if rng.random() < self.junk:
            return rng.choice(JUNK + ["bogus", 10 ** 6, -(10 ** 6), 0.5, ["x1", "x1"], [[0, 0, 0]], ["x9"]])
        if p.kind == "integer":
            return rng.randint(int(p.min), min(int(p.max), 12))
        if p.kind == "number":
            return rng.uniform(p.min, min(p.max, 100))
        if p.kind == "choice":
            return rng.choice(p.choices)
        if p.kind == "features":
            return rng.sample(p.choices, rng.randint(1, 3))
        if p.kind == "bool":
            return rng.random() < 0.5
        if p.kind == "weights":
            return None if rng.random() < 0.4 else [rng.uniform(-2, 2) for _ in range(rng.randint(1, 3))]
        if p.kind == "points":
            labels = [0, 1, 2, "a"]
            return [[rng.uniform(-1, 1), rng.uniform(-1, 1), rng.choice(labels)] for _ in range(rng.randint(0, 6))]
        return rng.choice(["", "no/such.csv", "\0", "label"])

    def block(self, type: str | None = None, depth: int = 0) -> Block:
        rng = self.rng
        type = type or rng.choice(TYPES + ["nonsense"])
        t = next((t for t in BLOCKS if t.id == type), None)
        params = {p.name: self.value(p) for p in (t.params if t else ()) if rng.random() < 0.7}
        if type == "layers_layer" or (type in OUTPUTS and rng.random() < 0.3):
            inside = ["layers_neuron"] * 4 + [None]
            children = [self.block(rng.choice(inside), depth + 1) for _ in range(rng.randint(0, 3))]
        else:
            children = [self.block(None, depth + 1)] if depth < 2 and rng.random() < self.junk / 3 else []
        return Block(id=self.id(), type=type, params=params, children=children)

    def network(self) -> list[Block]:
        rng = self.rng
        data = rng.choice(list(SUITS))
        out, units = SUITS[data] if rng.random() < 0.8 else (rng.choice(OUTPUTS), rng.choice([1, 2, 3]))
        layers = [self.block(rng.choice(LAYERS)) for _ in range(rng.randint(0, 3))]
        answer = self.block(out)
        if rng.random() < 0.3:   # the answer's own neurons, as many as it needs
            answer.children = [self.block("layers_neuron", 1) for _ in range(units)]
        return [self.block(data), *layers, answer]

    def project(self, networks: float) -> Project:
        """Random stacks, each shaped like a network with probability `networks`."""
        scripts = []
        for _ in range(self.rng.randint(0, 3) if networks < 1 else 1):
            if self.rng.random() < networks:
                blocks = self.network()
            else:
                blocks = [self.block() for _ in range(self.rng.randint(1, 6))]
            scripts.append(Script(x=0, y=0, blocks=blocks))
        if self.rng.random() < 0.5:
            scripts.append(Script(x=0, y=0, blocks=[self.block("training_start")] +
                                  [self.block() for _ in range(self.rng.randint(0, 4))]))
        return Project(scripts=scripts)


def test_compile_never_raises_on_random_stacks_of_catalog_blocks():
    for seed in range(300):
        c = compile_project(Maker(seed, junk=0.15).project(networks=0.5))
        assert c.ok == (c.spec is not None), seed
        assert all(p.severity in ("error", "warning") for p in c.problems)
        for p in c.problems + c.training_problems:
            assert_speaks(p)


def test_whatever_compile_accepts_the_runtime_builds_and_trains_on_its_data():
    accepted = 0
    for seed in range(300):
        c = compile_project(Maker(seed, junk=0.02).project(networks=1.0))
        if not c.ok:
            continue
        accepted += 1
        net = runtime.Network(c.spec, seed=c.training.seed)
        train, test = load_data(c.data)
        if not c.training_problems and len(train):   # (drawn points all in the test set: the trainer says so)
            runtime.Trainer(net, train, test if len(test) else None, c.training)
        assert net.predict(train.x[:3]).shape == (min(3, len(train)), c.spec.output.units)
    assert accepted >= 30, accepted


def test_a_csv_file_with_a_number_output_learns_to_predict_its_label_column(tmp_path):
    from blockbuilder.document.data import load_data
    from blockbuilder.document.project import Block, Project, Script

    path = tmp_path / "heights.csv"
    rows = [(x, y, 2 * x - y + 0.5) for x in range(5) for y in range(4)]
    path.write_text("x,y,height\n" + "".join(f"{x},{y},{h}\n" for x, y, h in rows))
    project = Project(scripts=[Script(x=0, y=0, blocks=[
        Block(id="d", type="data_csv", params={"path": str(path), "label_column": "height", "test_ratio": 0}),
        Block(id="l", type="layers_dense", params={"units": 1, "activation": "identity"}),
        Block(id="o", type="output_number")])])
    c = compile_project(project)
    assert c.ok, [str(p.message) for p in c.problems]
    assert c.spec.output.kind == "regress" and c.spec.input.size == 2
    train_set, _ = load_data(c.data)
    assert train_set.task == "regress" and sorted(train_set.y[:, 0]) == sorted(h for _, _, h in rows)
