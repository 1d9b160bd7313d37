"""The exported project learns: backpropagation and the optimizer in plain Scratch blocks, run in the real
scratch-vm (the pinned 5.0.300 and the current @scratch/scratch-vm), compared with the runtime step for step."""
from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest

from blockbuilder.cli import main
from runtime import FEATURES, NetworkSpec, Network, TrainingSpec, Trainer
from runtime.datasets import Dataset, load
from sb3_export import CATALOG, ExportProblem, ToyData, export_sb3, training_order
from scratch_harness import VMS, scratch_vm  # noqa: F401  (a pytest fixture)

ACTIVATIONS = ("identity", "sigmoid", "tanh", "relu", "leaky_relu")
OPTIMIZERS = ("sgd", "momentum", "adagrad", "rmsprop", "adam")
RELATIVE = 1e-9


def random_case(rng: np.random.Generator, n: int):
    """A learnable network (dense and activation layers, every activation, one of the three outputs), its
    starting parameters, data and settings (every optimizer, L2 and L1 sometimes, a last batch cut short)."""
    kind = ("classify", "yes_no", "regress")[n % 3]
    size = int(rng.integers(1, 5))
    layers = []
    for _ in range(int(rng.integers(0, 3))):
        units = int(rng.integers(1, 6))
        act = [str(a) for a in rng.choice(ACTIVATIONS, size=units)] if rng.random() < 0.3 else \
            str(rng.choice(ACTIVATIONS))
        layers.append({"kind": "dense", "units": units, "activation": act})
        if rng.random() < 0.25:
            layers.append({"kind": "activation", "activation": str(rng.choice(ACTIVATIONS))})
    units = {"classify": int(rng.integers(2, 5)), "yes_no": 1, "regress": int(rng.integers(1, 3))}[kind]
    # the last layer's activation: softmax and sigmoid merged with the loss, or on their own (regression)
    choices = {"classify": ["softmax", "relu", "tanh"], "yes_no": ["sigmoid", "tanh"],
               "regress": ["identity", "tanh", "softmax", "leaky_relu", "sigmoid"]}[kind]
    last = choices[(n // 3) % len(choices)]
    layers.append({"kind": "dense", "units": units, "activation": last})
    inp = {"size": size}
    if n % 4 == 1:   # the playground's features of two inputs (x1², sin x2, ...): computed, not learned
        size = 2
        inp = {"size": 2, "features": [str(f) for f in rng.choice(FEATURES, size=int(rng.integers(1, 5)),
                                                                   replace=False)]}
    spec = NetworkSpec.model_validate({"input": inp, "layers": layers, "output": {"kind": kind, "units": units}})
    points = int(rng.integers(5, 13))
    x = rng.uniform(-2, 2, (points, size))
    if kind == "regress":
        data = Dataset("random", x, rng.normal(0, 1, (points, units)), "regress")
    else:
        classes = 2 if kind == "yes_no" else units
        data = Dataset("random", x, rng.integers(0, classes, points), "classify", tuple(str(c) for c in range(classes)))
    settings = TrainingSpec(optimizer=OPTIMIZERS[n % 5], learning_rate=float(rng.choice([0.01, 0.1, 0.5])),
                            batch_size=int(rng.integers(2, 6)), epochs=2, seed=int(rng.integers(1000)),
                            l2=float(rng.choice([0.0, 0.01])), l1=0.001 if n % 4 == 3 else 0.0)
    net = Network(spec, seed=n)
    params = net.params_by_layer()
    for p in params:
        if "b" in p:
            p["b"][...] = rng.normal(0, 0.5, p["b"].shape)
    return spec, params, data, settings


def runtime_after(spec, params, data, settings) -> list[dict]:
    """The runtime's parameters after settings.epochs epochs in the project's fixed order."""
    net = Network(spec)
    net.load_params(params)
    trainer = Trainer(net, data.subset(np.array(training_order(len(data), settings.seed))), settings=settings,
                      fixed_order=True, evaluate=False)
    trainer.run()
    assert trainer.stop.reason == "epochs"
    return net.params_by_layer()


def weight_lists(spec) -> list[str]:
    return [f"layer {k + 1} {what}" for k, ls in enumerate(spec.layers) if ls.kind == "dense"
            for what in ("weights", "biases")]


def relative_gap(got: list[float], want: np.ndarray) -> float:
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    assert got.shape == want.shape
    return float(np.max(np.abs(got - want) / np.maximum(np.abs(want), 1e-3)))


@pytest.mark.parametrize("vm", VMS)
def test_weights_after_learning_in_scratch_equal_the_runtimes(vm, scratch_vm, tmp_path):
    rng = np.random.default_rng(17)
    cases, plays = [], []
    for n in range(15):
        spec, params, data, settings = random_case(rng, n)
        report = export_sb3(spec, params, lang="en", data=ToyData.from_dataset(data), learn=settings)
        path = tmp_path / f"net{n}.sb3"
        path.write_bytes(report.sb3)
        cases.append((spec, params, data, settings))
        plays.append({"path": path, "green_flag": False, "turbo": True,
                      "actions": [{"broadcast": "learn"}, {"settle": 100000}],
                      "variables": ["epoch"], "lists": weight_lists(spec)})
    replies = scratch_vm.play_many(plays, vm=vm, timeout=300)
    layers_changed = []   # a dead ReLU layer may learn nothing; most layers must
    seen = {"activations": set(), "outputs": set(), "optimizers": set(), "l2": set(), "unmerged softmax": False}
    for (spec, params, data, settings), reply in zip(cases, replies):
        end = reply["snapshots"][-1]
        assert reply["unknown_opcodes"] == []     # every block is one this VM runs (none a silent no-op)
        assert end["variables"]["epoch"] == settings.epochs
        want = runtime_after(spec, params, data, settings)
        for k, ls in enumerate(spec.layers):
            if ls.kind != "dense":
                seen["activations"].add(ls.activation)
                continue
            seen["activations"].update(ls.activations())
            assert relative_gap(end["lists"][f"layer {k + 1} weights"], want[k]["W"].T.ravel()) < RELATIVE, spec
            assert relative_gap(end["lists"][f"layer {k + 1} biases"], want[k]["b"]) < RELATIVE, spec
            layers_changed.append(not np.array_equal(want[k]["W"], params[k]["W"]))
        seen["outputs"].add(spec.output.kind)
        seen["unmerged softmax"] |= spec.output.kind == "regress" and spec.layers[-1].activation == "softmax"
        seen["optimizers"].add(settings.optimizer)
        seen["l2"].add(settings.l2 > 0)
    assert sum(layers_changed) >= 0.8 * len(layers_changed), layers_changed
    assert seen["activations"] >= set(ACTIVATIONS) | {"softmax"}
    assert seen["unmerged softmax"], "softmax's own backward pass (a regression ending in softmax) was not tried"
    assert seen["outputs"] == {"classify", "yes_no", "regress"}
    assert seen["optimizers"] == set(OPTIMIZERS) and seen["l2"] == {True, False}


def xor_case():
    spec = NetworkSpec.model_validate({"input": {"size": 2}, "layers": [
        {"kind": "dense", "units": 4, "activation": "tanh"}, {"kind": "dense", "units": 1, "activation": "sigmoid"}],
        "output": {"kind": "yes_no", "units": 1}})
    return spec, Network(spec, seed=3).params_by_layer(), load("xor")


def test_the_stage_learns_when_the_learn_button_is_clicked_and_start_again_restores(scratch_vm, tmp_path):
    spec, params, data = xor_case()
    settings = TrainingSpec(optimizer="adam", learning_rate=0.1, batch_size=4, epochs=100)
    report = export_sb3(spec, params, lang="en", data=ToyData.from_dataset(data), learn=settings)
    path = tmp_path / "xor.sb3"
    path.write_bytes(report.sb3)
    reply = scratch_vm.play(path, [
        {"settle": 2000}, {"snapshot": "start"}, {"click": "learn button"}, {"steps": 3}, {"snapshot": "early"},
        {"settle": 5000}, {"snapshot": "learned"}, {"click": "start again button"}, {"settle": 2000},
        {"snapshot": "again"}], variables=["epoch", "loss", "accuracy (%)"],
        lists=["layer 1 weights", "layer 1 starting weights"], record_pen=True)
    start, early, learned, again = reply["snapshots"][:4]
    assert start["variables"]["epoch"] == 0 and start["variables"]["loss"] == ""
    assert 0 < early["variables"]["epoch"] < 100
    assert learned["variables"]["epoch"] == 100 and learned["variables"]["accuracy (%)"] == 100
    assert learned["variables"]["loss"] < early["variables"]["loss"]
    squares = [s for s in learned["stamps"] if s["sprite"] == "network"]
    assert len(squares) >= 5 * (480 // 10) * (360 // 10) * 0.9, "the map was not drawn again while learning"
    before = [s["costume"] for s in start["stamps"] if s["sprite"] == "network"]
    after = [s["costume"] for s in learned["stamps"] if s["sprite"] == "network"][-len(before):]
    assert before != after, "the map did not change"
    assert learned["lists"]["layer 1 weights"] != learned["lists"]["layer 1 starting weights"]
    assert again["lists"]["layer 1 weights"] == again["lists"]["layer 1 starting weights"]
    assert again["variables"]["epoch"] == 0
    assert again["lists"]["layer 1 starting weights"] == pytest.approx(params[0]["W"].T.ravel().tolist(), abs=0)


@pytest.mark.parametrize("which", ["digits", "regression"])
def test_digits_and_regression_learn_and_report_their_loss(which, scratch_vm, tmp_path):
    if which == "digits":
        data = load("digits")
        data = data.subset(np.arange(120))
        spec = NetworkSpec.model_validate({"input": {"size": 64}, "layers": [
            {"kind": "dense", "units": 10, "activation": "relu"}, {"kind": "dense", "units": 10}],
            "output": {"kind": "classify", "units": 10}})
    else:
        x = np.linspace(-2, 2, 40)[:, None]
        data = Dataset("curve", x, np.sin(x), "regress")
        spec = NetworkSpec.model_validate({"input": {"size": 1}, "layers": [
            {"kind": "dense", "units": 8, "activation": "tanh"}, {"kind": "dense", "units": 1}],
            "output": {"kind": "regress", "units": 1}})
    settings = TrainingSpec(optimizer="adam", learning_rate=0.01, batch_size=16, epochs=4)
    report = export_sb3(spec, Network(spec, seed=1).params_by_layer(), lang="ja-Hira",
                        data=ToyData.from_dataset(data), learn=settings)
    path = tmp_path / f"{which}.sb3"
    path.write_bytes(report.sb3)
    loss, epoch = CATALOG["learn_var_loss"]["ja-Hira"], CATALOG["learn_var_epoch"]["ja-Hira"]
    watch = [a for _ in range(60) for a in ({"steps": 2}, {"snapshot": "watch"})]
    reply = scratch_vm.play(path, [{"settle": 5000}, {"broadcast": CATALOG["learn_bc_learn"]["ja-Hira"]},
                                   *watch, {"settle": 100000}], variables=[loss, epoch], turbo=True)
    end = reply["snapshots"][-1]
    first = next(s for s in reply["snapshots"] if s["variables"][epoch] >= 1)
    assert end["variables"][epoch] == 4 and first["variables"][epoch] < 4
    assert 0 < end["variables"][loss] < first["variables"][loss]


@pytest.mark.parametrize("layer, key, data", [
    ({"kind": "batchnorm"}, "learn_no_batchnorm", "xor"),
    ({"kind": "dropout", "rate": 0.2}, "learn_no_dropout", "xor"),
    ({"kind": "activation", "activation": "step"}, "learn_no_step", "xor"),
    ({"kind": "activation", "activation": "relu"}, "learn_data_mismatch", "plane"),   # numbers, not yes / no
])
def test_what_cannot_learn_in_scratch_is_refused_with_one_sentence(layer, key, data):
    spec = NetworkSpec.model_validate({"input": {"size": 2}, "layers": [
        {"kind": "dense", "units": 3, "activation": "relu"}, layer, {"kind": "dense", "units": 1}],
        "output": {"kind": "yes_no", "units": 1}})
    with pytest.raises(ExportProblem) as caught:
        export_sb3(spec, Network(spec).params_by_layer(), data=ToyData.from_dataset(load(data)),
                   learn=TrainingSpec())
    assert caught.value.message.key == key
    for lang in ("ja", "ja-Hira", "en"):
        sentence = caught.value.message.text(lang)
        assert sentence.count("。") + sentence.count(". ") <= 2 and "Traceback" not in sentence


def test_a_network_too_big_to_learn_in_scratch_is_refused():
    spec = NetworkSpec.model_validate({"input": {"size": 64}, "layers": [
        {"kind": "dense", "units": 400, "activation": "relu"}, {"kind": "dense", "units": 10}],
        "output": {"kind": "classify", "units": 10}})
    with pytest.raises(ExportProblem) as caught:
        export_sb3(spec, Network(spec).params_by_layer(), data=ToyData.from_dataset(load("digits")),
                   learn=TrainingSpec())
    assert caught.value.message.key == "learn_too_big"
    assert "30010" in caught.value.message.text("en")


def test_export_learn_on_the_command_line_writes_a_project_that_learns(tmp_path, capsys):
    f, out = tmp_path / "x.json", tmp_path / "x.sb3"
    assert main(["--lang", "en", "new", "--example", "xor", "-o", str(f)]) == 0
    # untrained on purpose: "export it untrained, train it in Scratch"
    assert main(["--lang", "en", "export", str(f), "--learn", "-o", str(out), "--lang", "en"]) == 0
    assert "click the learn button" in capsys.readouterr().out
    with zipfile.ZipFile(out) as z:
        project = json.loads(z.read("project.json"))
    names = {t["name"] for t in project["targets"]}
    assert {"learn button", "start again button"} <= names
    procs = {b["mutation"]["proccode"] for t in project["targets"] for b in t["blocks"].values()
             if isinstance(b, dict) and b.get("opcode") == "procedures_prototype"}
    assert {"layer 1: learn from the error", "layer 2: learn from the error", "learn from one batch"} <= procs
