"""The learning coach: each diagnosis built for real (a project, real training with chosen settings), the case it
finds, the block it marks and its sentence in every language; a healthy run gets none; the lab shows it (and only
once it is clear while training); the command line prints it."""
from __future__ import annotations

import dataclasses
import time

import pytest

import gui_harness  # noqa: F401, I001 - first: it chooses pyglet's backend before anything imports pyglet.window
from blockbuilder.cli import main
from blockbuilder.document.compile import compile_project
from blockbuilder.document.data import load_data
from blockbuilder.document.project import Project
from blockbuilder.document.projectfile import save_project
from blockbuilder.editor.editor import Editor
from blockbuilder.lab.coach import advise, targets
from blockbuilder.lab.lab import Lab
from blockbuilder.lab.readout import message
from blockbuilder.session.examples import EXAMPLES, b, network, neuron, project, training
from gui_harness import open_gui
from runtime import LANGS, Network, Trainer


def net(data="data_circle", hidden=((8, "relu"),), noise=0, test=50, answer="output_classify", script=True,
        **settings) -> Project:
    """data -> dense layers h0, h1, ... -> the answer; a training script with the settings given (seed 0)."""
    layers = [b(f"h{i}", "layers_dense", units=u, activation=a, init="auto") for i, (u, a) in enumerate(hidden)]
    hat = b("data", data, noise=noise, test_ratio=test, features=["x1", "x2"])
    scripts = [network(hat, *layers, b("answer", answer))]
    if script:
        scripts.append(training(**{"batch_size": 10, "seed": 0, **settings}))
    return project("coach", *scripts)


def dead_neurons() -> Project:
    """A layer of four ReLU neurons, three of them typed in so that they are off on every point (and learnable)."""
    off = [neuron(f"n{i}", [0.0, 0.0], -1.0, activation="relu", locked=False) for i in range(3)]
    layer = b("hidden", "layers_layer", off + [neuron("n3", None, 0.0, activation="relu", locked=False)])
    data = b("data", "data_circle", noise=0, test_ratio=50, features=["x1", "x2"])
    return project("coach", network(data, layer, b("answer", "output_classify")),
                   training(learning_rate=0.01, batch_size=10, epochs=30, seed=0))


def trained(p: Project):
    """Train as `blockbuilder train` does; (advice, the run's parts for another look)."""
    c = compile_project(p)
    assert c.spec is not None, [x.message.text("en") for x in c.problems]
    train, test = load_data(c.data)
    trainer = Trainer(Network(c.spec, seed=c.training.seed), train, test if len(test) else None, c.training)
    start = trainer.network.flat.copy()
    trainer.run()
    run = (trainer.history, trainer.network, c.training, train, targets(p, c), start, trainer.stop)
    return advise(*run), run


def said_in_every_language(advice) -> None:
    for lang in LANGS:
        text = advice.message.text(lang)
        assert text.strip() and "{" not in text and "}" not in text, (lang, text)
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in advice.message.text("ja-Hira"))


CASES = {   # name: (project, the case found, the block it marks, what the English sentence says)
    "neurons that never switch on": (dead_neurons, "dead", "hidden", "3 of 4 neurons never switch on"),
    "a rate so big the neurons die (Adam)": (
        lambda: net("data_xor", ((4, "relu"),), learning_rate=10, epochs=30), "rate_dead", "train_learning_rate",
        "4 of 4 neurons switched off for good. Try 1 in the learning rate block"),
    "a rate so big the loss jumps (Adam)": (
        lambda: net(hidden=((8, "tanh"),), learning_rate=3, epochs=30), "rate_jumps", "train_learning_rate",
        "the loss jumps around. Try 0.1"),
    "a rate so big the numbers blow up": (
        lambda: net("data_plane", ((4, "tanh"),), answer="output_number", optimizer="sgd", learning_rate=10, epochs=30),
        "diverged", "train_learning_rate", "blew up"),
    "a rate so small nothing moves": (
        lambda: net(optimizer="sgd", learning_rate=0.00001, epochs=20), "rate_small", "train_learning_rate",
        "almost nothing changes. Try 0.001"),
    "stopped while the loss still falls": (
        lambda: net(learning_rate=0.01, epochs=5), "longer", "train_epochs",
        "Train longer: try 10 in the epochs block"),
    "a straight line on data that needs a curve": (
        lambda: net(hidden=(), learning_rate=0.01, epochs=30), "line", "answer", "can only draw a straight line"),
    "only identity activations on data that needs a curve": (
        lambda: net(hidden=((8, "identity"),), learning_rate=0.01, epochs=30), "line", "answer", "straight line"),
    "a perceptron learning XOR": (
        lambda: project("coach", network(b("data", "data_gate", gate="xor"),
                                         b("answer", "output_yes_no", [neuron("n", None, activation="step", locked=False)])),
                        training(learning_rate=0.1, epochs=20)), "line", "answer", "straight line"),
    "learned by heart": (
        lambda: net(hidden=((32, "relu"),), noise=50, test=90, batch_size=5, learning_rate=0.01, epochs=100),
        "overfit", "h0", "learned by heart"),
    "too small for the data": (
        lambda: net(hidden=((1, "tanh"),), learning_rate=0.01, epochs=40), "small", "h0", "too small a network"),
}


@pytest.mark.parametrize("name", CASES)
def test_each_diagnosis_names_its_case_and_block_in_every_language(name):
    build, case, block, words = CASES[name]
    advice, _ = trained(build())
    assert advice is not None and (advice.case, advice.block_id) == (case, block), advice
    assert words in advice.message.text("en")
    said_in_every_language(advice)


@pytest.mark.parametrize("name", [e.name for e in EXAMPLES if e.target is not None and e.name not in
                                  ("and", "or", "nand", "xor_gates")])
def test_the_learning_examples_as_saved_get_no_advice(name):
    p = next(e for e in EXAMPLES if e.name == name).project()
    advice, _ = trained(p)
    assert advice is None, advice.message.text("en")


def test_without_a_rate_block_it_says_to_add_one_on_the_training_hat_or_nowhere():
    _, run = trained(CASES["a rate so small nothing moves"][0]())
    where = run[4]
    no_block = dataclasses.replace(where, settings={k: v for k, v in where.settings.items() if k != "learning_rate"})
    advice = advise(*run[:4], no_block, *run[5:])
    assert advice.block_id == "training" and advice.message.params["fix"].key == "coach_add_rate"
    assert "Add a “learning rate 0.001” block." in advice.message.text("en")
    said_in_every_language(advice)
    nothing = dataclasses.replace(where, settings={}, training=None)
    assert advise(*run[:4], nothing, *run[5:]).block_id is None


def test_a_run_too_short_to_tell_gets_no_advice_and_a_blow_up_is_said_at_once():
    advice, _ = trained(net(learning_rate=0.01, epochs=2))
    assert advice is None
    advice, run = trained(CASES["a rate so big the numbers blow up"][0]())
    assert len(run[0]) < 3 and advice.case == "diverged" and advice.message.key == "diverged_lr"


def example(name: str) -> Project:
    return next(e for e in EXAMPLES if e.name == name).project()


def run_lab(lab: Lab, seen: list | None = None) -> None:
    lab.play()
    for _ in range(100_000):
        if lab.status != "running":
            return
        lab.tick()
        if seen is not None and (not seen or seen[-1] != (lab.advice and lab.advice.case)):
            seen.append(lab.advice and lab.advice.case)


def test_the_lab_says_the_verdict_when_training_stops_and_marks_the_block():
    lab = Lab(Editor(CASES["a rate so big the neurons die (Adam)"][0]()))
    run_lab(lab)
    assert lab.status == "done" and lab.advice.case == "rate_dead"
    assert lab.advice.block_id == "train_learning_rate" and message(lab) is lab.advice.message
    lab.editor.set_param("train_learning_rate", "learning_rate", 0.1)   # the child follows the advice
    lab.sync()
    assert lab.advice is None and message(lab).key != "coach_rate_dead"


def test_a_healthy_run_in_the_lab_ends_with_trained_n_epochs_and_no_advice():
    lab = Lab(Editor(example("xor")))
    seen: list = []
    run_lab(lab, seen)
    assert lab.status == "done" and lab.advice is None and lab.message.key == "trained_epochs"
    assert seen == [None]


def test_while_training_the_advice_comes_once_it_is_clear_and_does_not_flicker():
    lab = Lab(Editor(net(hidden=(), learning_rate=0.01, epochs=100)))
    seen: list = []
    run_lab(lab, seen)
    assert seen == [None, "line"]                 # said once, while running, and kept to the end
    assert lab.status == "done" and lab.advice.block_id == "answer"
    lab.play()                                    # ▶ again: training goes on, the sentence says so
    assert lab.advice is None and message(lab).key == "lab_running"


def test_a_divergence_is_the_coach_s_too_and_marks_the_rate_block():
    lab = Lab(Editor(CASES["a rate so big the numbers blow up"][0]()))
    run_lab(lab)
    assert lab.status == "diverged" and lab.message.key == "diverged_lr"
    assert lab.advice.case == "diverged" and lab.advice.block_id == "train_learning_rate"


def test_the_command_line_prints_the_advice_after_training_in_its_language(tmp_path, capsys):
    path = tmp_path / "small.json"
    save_project(net(hidden=((1, "tanh"),), learning_rate=0.01, epochs=40), path)
    assert main(["--lang", "ja-Hira", "train", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("[h0] ") and "まちがいが おおいのに すすまないよ" in out[-1]
    save_project(net(learning_rate=0.01), path)              # no epochs block; cut short on the command line
    assert main(["--lang", "en", "train", str(path), "--epochs", "5"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == "[training] The loss was still going down. Train longer: add a “stop after 10 epochs” block."


def test_the_command_line_says_nothing_more_after_a_healthy_run(tmp_path, capsys):
    path = tmp_path / "xor.json"
    assert main(["--lang", "en", "new", "--example", "xor", "-o", str(path)]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "train", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("Saved the trained weights")


def test_the_window_says_the_advice_on_the_stage_and_marks_its_block_like_a_problem(tmp_path, monkeypatch):
    from blockbuilder.view import theme
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    p = CASES["a rate so big the neurons die (Adam)"][0]()
    p.language = "ja-Hira"
    gui = open_gui(p, width=1024, height=600)
    try:
        lab, rate = gui.window.lab, "train_learning_rate"
        box = gui.box(rate)
        gui.c.reveal_area(box.x, box.y, box.w, 300)          # the training script at the code area's top
        gui.frame()

        def red_around_rate_block() -> int:
            box = gui.box(rate)
            (x0, top), (x1, bottom) = gui.to_screen(box.x, box.y), gui.to_screen(box.x + box.w, box.y + box.h)
            return gui.count_colour(theme.PROBLEM, x0 - 4, bottom - 4, x1 + 60, top + 4, tol=8)

        assert red_around_rate_block() == 0
        lay = gui.c.stage_input.layout()
        play = next(b for b in lay.buttons if b.id == "lab_toggle")
        gui.click(play.rect.x + play.rect.w / 2, play.rect.y + play.rect.h / 2)
        start = time.perf_counter()
        while lab.status == "running" and time.perf_counter() - start < 60:
            gui.window.update(1 / 30)
            gui.frame()
        assert lab.status == "done" and lab.advice.block_id == rate
        said = lab.advice.message.text("ja-Hira").replace(" ", "")
        assert said in "".join(gui.label_texts(["stage"])).replace(" ", "")      # the sentence, wrapped, on the stage
        assert red_around_rate_block() > 100                                      # the red edge and its "!" tag
        gui.click(*gui.block_point(rate))                                         # chosen: the status box says it
        assert said in "".join(gui.label_texts(["over"])).replace(" ", "")
    finally:
        gui.close()
