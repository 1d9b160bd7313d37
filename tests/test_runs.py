"""Tries side by side, without a window: what changed from one try to the next (each kind of change, in every
language, numbers written plainly), which tries the lab keeps and when, and how the charts and their legend of
tries show them."""
from __future__ import annotations

import re

import numpy as np
import pytest

from blockbuilder.document.compile import compile_project
from blockbuilder.document.project import Block, Project, Script
from blockbuilder.editor.editor import Editor
from blockbuilder.editor.layout import approx_measure
from blockbuilder.lab.charts import TRY_LINES, chart, tries_height, tries_legend, try_places
from blockbuilder.lab.lab import Lab
from blockbuilder.lab.runs import KEEP, Setup, label, plain
from runtime import Network

LANGS = ("ja", "ja-Hira", "en")
KANJI = re.compile("[\u4e00-\u9fff]")


def project(layers: int = 1, data: str = "data_circle", **training) -> Project:
    """Circle data, `layers` hidden layers of 4 tanh neurons, a yes/no answer; a training script with every
    setting, as a child who builds it from the palette sees them."""
    hat = Block(id="data", type=data, params={"gate": "and"} if data == "data_gate" else
                {"noise": 0, "test_ratio": 50, "features": ["x1", "x2"]})
    hidden = [Block(id=f"hidden{i + 1}", type="layers_dense", params={"units": 4, "activation": "tanh", "init": "auto"})
              for i in range(layers)]
    settings = {"optimizer": "adam", "learning_rate": 0.01, "batch_size": 10, "epochs": 5, "seed": 0, **training}
    return Project(scripts=[
        Script(x=40, y=40, blocks=[hat, *hidden, Block(id="answer", type="output_yes_no")]),
        Script(x=40, y=400, blocks=[Block(id="training", type="training_start")] + [
            Block(id=name, type="training_" + name, params={name: value}) for name, value in settings.items()])])


def block(p: Project, block_id: str) -> Block:
    return next(b for s in p.scripts for b in s.blocks if b.id == block_id)


def setup(p: Project, resets: int = 0) -> Setup:
    c = compile_project(p)
    assert c.ok, c.problems
    return Setup.of(c, resets)


def changed(edit, before: Project | None = None) -> dict[str, str]:
    """The label of a try after `edit`, in every language."""
    a = before or project()
    b = a.model_copy(deep=True)
    edit(b)
    return label(setup(a), setup(b)).texts()


def set_param(block_id: str, name: str, value):
    return lambda p: block(p, block_id).params.__setitem__(name, value)


def insert(index: int, new: Block):
    return lambda p: p.scripts[0].blocks.insert(index, new)


def with_dropout() -> Project:
    p = project()
    insert(2, Block(id="drop", type="layers_dropout", params={"rate": 20}))(p)
    return p


CASES = [
    (set_param("hidden1", "units", 8), None,
     {"ja": "層1：ニューロン 4 → 8", "ja-Hira": "そう 1：ニューロン 4 → 8", "en": "layer 1: 4 → 8 neurons"}),
    (set_param("hidden1", "activation", "relu"), None,
     {"ja": "層1：tanh → ReLU", "ja-Hira": "そう 1：tanh → ReLU", "en": "layer 1: tanh → ReLU"}),
    (set_param("hidden2", "activation", "sigmoid"), project(2),
     {"ja": "層2：tanh → シグモイド", "ja-Hira": "そう 2：tanh → シグモイド", "en": "layer 2: tanh → sigmoid"}),
    (set_param("hidden1", "init", "uniform"), None,
     {"ja": "層1：初期値 Xavier → 一様", "ja-Hira": "そう 1：はじめの おもみ Xavier → いちよう",
      "en": "layer 1: start Xavier → uniform"}),
    (set_param("learning_rate", "learning_rate", 0.1), None,
     {"ja": "学習率 0.01 → 0.1", "ja-Hira": "がくしゅうりつ 0.01 → 0.1", "en": "learning rate 0.01 → 0.1"}),
    (set_param("learning_rate", "learning_rate", 0.00001), None,
     {"ja": "学習率 0.01 → 0.00001", "ja-Hira": "がくしゅうりつ 0.01 → 0.00001",
      "en": "learning rate 0.01 → 0.00001"}),
    (insert(2, Block(id="more", type="layers_dense", params={"units": 8})), None,
     {"ja": "＋層", "ja-Hira": "＋そう", "en": "+ layer"}),
    (lambda p: p.scripts[0].blocks.pop(1), project(2), {"ja": "−層", "ja-Hira": "−そう", "en": "− layer"}),
    (lambda p: [p.scripts[0].blocks.pop(1) for _ in range(2)], project(3),
     {"ja": "−層×2", "ja-Hira": "−そう×2", "en": "− layer ×2"}),
    (set_param("data", "noise", 20), None,
     {"ja": "データ：ノイズ 0 → 20%", "ja-Hira": "データ：ノイズ 0 → 20%", "en": "data: noise 0 → 20 %"}),
    (set_param("data", "test_ratio", 30), None,
     {"ja": "データ：テスト 50 → 30%", "ja-Hira": "データ：テスト 50 → 30%", "en": "data: test 50 → 30 %"}),
    (set_param("data", "gate", "xor"), project(data="data_gate"),
     {"ja": "データ：ゲート AND → XOR", "ja-Hira": "データ：ゲート AND → XOR", "en": "data: gate AND → XOR"}),
    (lambda p: p.scripts[0].blocks.__setitem__(0, Block(id="data", type="data_spiral")), None,
     {"ja": "別のデータ", "ja-Hira": "べつの データ", "en": "other data"}),
    (set_param("data", "features", ["x1", "x2", "x1^2"]), None, {"ja": "＋x1²", "ja-Hira": "＋x1²", "en": "+ x1²"}),
    (set_param("batch_size", "batch_size", 32), None,
     {"ja": "バッチサイズ 10 → 32", "ja-Hira": "バッチサイズ 10 → 32", "en": "batch size 10 → 32"}),
    (set_param("optimizer", "optimizer", "sgd"), None,
     {"ja": "最適化 Adam → SGD", "ja-Hira": "すすみかた Adam → SGD", "en": "optimizer Adam → SGD"}),
    (set_param("epochs", "epochs", 100000), None,
     {"ja": "エポック 5 → 100000", "ja-Hira": "エポック 5 → 100000", "en": "epochs 5 → 100000"}),
    (set_param("seed", "seed", 3), None,
     {"ja": "乱数の種 0 → 3", "ja-Hira": "らんすうの たね 0 → 3", "en": "random seed 0 → 3"}),
    (insert(2, Block(id="drop", type="layers_dropout", params={"rate": 20})), None,
     {"ja": "＋ドロップアウト", "ja-Hira": "＋ドロップアウト", "en": "+ dropout"}),
    (set_param("drop", "rate", 50), with_dropout(),
     {"ja": "ドロップアウト 20 → 50%", "ja-Hira": "ドロップアウト 20 → 50%", "en": "dropout 20 → 50 %"}),
    (lambda p: (set_param("hidden1", "units", 8)(p), set_param("learning_rate", "learning_rate", 0.1)(p)), None,
     {"ja": "層1：ニューロン 4 → 8、学習率 0.01 → 0.1", "ja-Hira": "そう 1：ニューロン 4 → 8、がくしゅうりつ 0.01 → 0.1",
      "en": "layer 1: 4 → 8 neurons, learning rate 0.01 → 0.1"}),
    (lambda p: (set_param("hidden1", "units", 8)(p), set_param("learning_rate", "learning_rate", 0.1)(p),
                set_param("batch_size", "batch_size", 5)(p), set_param("data", "noise", 10)(p)), None,
     {"ja": "層1：ニューロン 4 → 8 ほか3つ", "ja-Hira": "そう 1：ニューロン 4 → 8 ほか 3つ",
      "en": "layer 1: 4 → 8 neurons and 3 more"}),
]


@pytest.mark.parametrize("edit, before, want", CASES, ids=[c[2]["en"] for c in CASES])
def test_each_kind_of_change_is_labelled_plainly_in_every_language(edit, before, want):
    got = changed(edit, before)
    assert got == want
    for lang, text in got.items():
        assert "{" not in text and not re.search(r"\de-?\d", text), text      # no placeholder, never 1e-05
        assert lang != "ja-Hira" or not KANJI.search(text), text


def test_a_first_try_a_reset_and_nothing_changed_have_their_own_labels():
    s = setup(project())
    assert label(None, s).texts() == {"ja": "最初の学習", "ja-Hira": "さいしょの がくしゅう", "en": "first try"}
    assert label(s, setup(project(), resets=1)).text("en") == "new start weights"
    assert label(s, s).texts() == {"ja": "続きから", "ja-Hira": "つづきから", "en": "going on"}


def test_numbers_are_written_as_a_person_writes_them():
    assert [plain(v) for v in (0.00001, 1e-7, 10, 10.0, 0.1, 1_000_000, 2.5e-4)] == \
        ["0.00001", "0.0000001", "10", "10", "0.1", "1000000", "0.00025"]


# --- which tries the lab keeps -----------------------------------------------------------------------

def train(lab: Lab) -> None:
    lab.play()
    while lab.status == "running":
        lab.tick()


def test_the_lab_keeps_the_last_three_tries_with_their_labels_colours_and_accuracy():
    e = Editor(project())
    lab = Lab(e)
    train(lab)
    assert lab.status == "done" and lab.runs == [] and lab.tries()[-1].label.text("en") == "first try"
    first = lab.history[-1]
    e.set_param("hidden1", "units", 8)             # a new network: the first try is kept for the charts
    lab.sync()
    assert [r.label.text("en") for r in lab.runs] == ["first try"] and lab.runs[0].last == first
    assert lab.history == [] and lab.tries()[-1].label.text("en") == "layer 1: 4 → 8 neurons"
    train(lab)
    e.set_param("learning_rate", "learning_rate", 0.1)
    train(lab)
    e.set_param("hidden1", "activation", "relu")
    train(lab)
    lab.reset()
    train(lab)
    assert len(lab.runs) == KEEP
    assert [r.label.text("en") for r in lab.tries()] == [
        "layer 1: 4 → 8 neurons", "learning rate 0.01 → 0.1", "layer 1: tanh → ReLU", "new start weights"]
    assert [r.colour for r in lab.tries()] == [1, 2, 0, -1]     # each kept try keeps its colour
    assert all(len(r.history) == 5 and r.last.test_accuracy is not None for r in lab.tries())


def test_play_after_a_changed_setting_starts_a_new_try_from_the_same_first_weights():
    e = Editor(project())
    lab = Lab(e)
    start = lab.network.flat.copy()
    train(lab)
    e.set_param("learning_rate", "learning_rate", 0.05)
    lab.sync()
    assert lab.message.key == "runs_next_try" and len(lab.history) == 5 and lab.runs == []
    lab.step_epoch()                       # a step starts the new try too
    assert len(lab.runs) == 1 and len(lab.history) == 1 and lab.epoch == 1
    assert lab.runs[0].setup.training.learning_rate == 0.01
    again = Network(lab.network.spec, seed=0)
    assert np.array_equal(again.flat, start)          # (what the new try started from: the first weights)


def test_more_epochs_go_on_with_the_same_try():
    e = Editor(project())
    lab = Lab(e)
    train(lab)
    e.set_param("epochs", "epochs", 8)
    lab.sync()
    assert lab.message is None
    train(lab)
    assert lab.runs == [] and lab.epoch == 8 and len(lab.history) == 8


def test_a_project_opened_with_trained_weights_goes_on_from_them_after_a_change():
    p = project()
    lab = Lab(Editor(p))
    train(lab)
    trained = lab.editor.project.model_copy(deep=True)       # as saved, weights and all
    e = Editor(trained)
    lab = Lab(e)
    learned = lab.network.flat.copy()
    e.set_param("learning_rate", "learning_rate", 0.02)
    lab.step_batch()            # nothing to compare with yet: it goes on from the file's weights
    assert lab.runs == [] and not np.array_equal(lab.network.flat, Network(lab.network.spec, seed=0).flat)
    assert np.abs(lab.network.flat - learned).max() < 0.5


def test_new_or_open_clears_the_tries():
    e = Editor(project())
    lab = Lab(e)
    train(lab)
    lab.reset()
    train(lab)
    assert len(lab.runs) == 1
    e.open(project(), None)
    lab.sync()
    assert lab.runs == [] and [r.label.text("en") for r in lab.tries()] == ["first try"]


def test_a_stopped_try_is_kept_with_the_epochs_it_trained():
    e = Editor(project(epochs=50))
    lab = Lab(e)
    for _ in range(3):
        lab.step_epoch()
    lab.reset()
    assert len(lab.runs) == 1 and len(lab.runs[0].history) == 3


# --- the charts and their legend of tries ---------------------------------------------------------------

def test_the_charts_draw_each_old_try_beside_the_current_one_on_axes_that_fit_them_all():
    e = Editor(project(epochs=12))
    lab = Lab(e)
    train(lab)
    e.set_param("epochs", "epochs", 5)
    e.set_param("learning_rate", "learning_rate", 0.3)
    lab.step_epoch()
    c = chart(lab.history, "loss", (0, 0, 240, 150), "en", others=lab.runs)
    assert list(c.series) == ["run0", "train", "test"]      # the old try first: the current one is drawn over it
    assert len(c.series["run0"]) == 12 and len(c.series["test"]) == 1
    px, py, pw, ph = c.plot
    assert max(x for x, _ in c.series["run0"]) == pytest.approx(px + pw * 12 / float(c.x_ticks[-1][1]))
    assert all(py - 0.01 <= y <= py + ph + 0.01 for pts in c.series.values() for _, y in pts)
    assert [name for _, name in c.legend] == ["train", "test"] and c.note == ""
    lab.reset()                                  # nothing yet in the current try: no "start training" over old ones
    assert chart(lab.history, "loss", (0, 0, 240, 150), "en", others=lab.runs).note == ""


@pytest.mark.parametrize("lang", LANGS)
def test_the_legend_of_tries_lists_each_try_s_accuracy_and_label_the_current_one_last(lang):
    e = Editor(project())
    lab = Lab(e)
    train(lab)
    e.set_param("hidden1", "units", 8)
    lab.sync()
    rows = tries_legend(lab.tries(), lang, 240)
    assert [r.key for r in rows] == ["run0", "test"]
    assert rows[0].value == f"{100 * lab.runs[0].last.test_accuracy:.0f}%" and rows[1].value == ""
    assert "".join(rows[1].lines).replace(" ", "") == \
        {"ja": "いま：層1：ニューロン4→8", "ja-Hira": "いま：そう1：ニューロン4→8", "en": "now:layer1:4→8neurons"}[lang]
    places = try_places(rows, (0, 0, 240, tries_height(rows)))
    assert places[0][0] > places[1][0] and all(0 < y < tries_height(rows) for *_, ys in places for y in ys)


def test_a_long_label_is_cut_short_with_an_ellipsis():
    e = Editor(project())
    lab = Lab(e)
    train(lab)
    for name, value in (("learning_rate", 0.00001), ("batch_size", 3), ("optimizer", "rmsprop")):
        e.set_param(name, name, value)
    e.set_param("hidden1", "units", 16)
    lab.step_batch()                 # the new try starts: its label says all four changes
    rows = tries_legend(lab.tries(), "en", 80, approx_measure)
    assert "".join(rows[0].lines).replace(" ", "") == "firsttry"
    assert len(rows[1].lines) == TRY_LINES and rows[1].lines[-1].endswith("…")
