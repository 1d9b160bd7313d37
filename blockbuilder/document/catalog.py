"""The block catalog: one declarative record per block type (shape, category, parameters, labels)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from runtime import ACTIVATIONS, FEATURES, OPTIMIZERS

Shape = Literal["hat", "stack", "c", "cap"]  # a cap that holds blocks (`inside`) is C-shaped with a flat bottom
Category = Literal["data", "layers", "output", "training"]
ParamKind = Literal["number", "integer", "choice", "bool", "features", "text", "weights", "points"]
Labels = dict[str, str]  # lang -> text


def L(ja: str, hira: str, en: str) -> Labels:
    return {"ja": ja, "ja-Hira": hira, "en": en}


# Scratch 3's category colours (fill, border), so blocks look at home next to Scratch.
CATEGORY_COLOURS: dict[Category, tuple[str, str]] = {
    "data": ("#FFBF00", "#CC9900"),      # Events yellow: a data hat starts a script
    "layers": ("#4C97FF", "#3373CC"),    # Motion blue
    "output": ("#59C059", "#389438"),    # Pen green
    "training": ("#FF6680", "#FF4D6A"),  # My Blocks pink
}
CATEGORY_LABELS: dict[Category, Labels] = {
    "data": L("データ", "データ", "Data"),
    "layers": L("ニューロンと層", "ニューロンと そう", "Neurons & layers"),
    "output": L("出力", "でぐち", "Output"),
    "training": L("学習", "がくしゅう", "Training"),
}

# What a child sees for each choice value.
CHOICE_LABELS: dict[str, Labels] = {
    "identity": L("そのまま", "そのまま", "identity"),
    "step": L("ステップ", "ステップ", "step"),
    "sigmoid": L("シグモイド", "シグモイド", "sigmoid"),
    "tanh": L("tanh", "tanh", "tanh"),
    "relu": L("ReLU", "ReLU", "ReLU"),
    "leaky_relu": L("リーキーReLU", "リーキーReLU", "leaky ReLU"),
    "softmax": L("ソフトマックス", "ソフトマックス", "softmax"),
    "auto": L("おまかせ", "おまかせ", "automatic"),
    "he": L("He", "He", "He"),
    "xavier": L("Xavier", "Xavier", "Xavier"),
    "uniform": L("一様", "いちよう", "uniform"),
    "zeros": L("ぜんぶ0", "ぜんぶ 0", "all zero"),
    "sgd": L("SGD", "SGD", "SGD"),
    "momentum": L("モーメンタム", "モーメンタム", "Momentum"),
    "adagrad": L("AdaGrad", "AdaGrad", "AdaGrad"),
    "rmsprop": L("RMSprop", "RMSprop", "RMSprop"),
    "adam": L("Adam", "Adam", "Adam"),
    "and": L("AND", "AND", "AND"),
    "or": L("OR", "OR", "OR"),
    "nand": L("NAND", "NAND", "NAND"),
    "xor": L("XOR", "XOR", "XOR"),
    "x1": L("x1", "x1", "x1"), "x2": L("x2", "x2", "x2"),
    "x1^2": L("x1²", "x1²", "x1²"), "x2^2": L("x2²", "x2²", "x2²"),
    "x1*x2": L("x1·x2", "x1·x2", "x1·x2"),
    "sin_x1": L("sin x1", "sin x1", "sin x1"), "sin_x2": L("sin x2", "sin x2", "sin x2"),
}
# Names, acronyms and formulas that stay in Latin letters in every language (as in the book).
LATIN_TERMS = ("ReLU", "tanh", "sin", "x1", "x2", "AND", "OR", "NAND", "XOR", "SGD", "AdaGrad",
               "RMSprop", "Adam", "He", "Xavier", "CSV", "L1", "L2", "x", "y")


@dataclass(frozen=True)
class Param:
    """One field on a block: what it holds, its default and its limits."""

    name: str
    kind: ParamKind
    default: Any
    label: Labels
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class BlockType:
    """A kind of block. `label` is the text on the block, with {param} where each field sits."""

    id: str
    shape: Shape
    category: Category
    label: Labels
    params: tuple[Param, ...] = ()
    inside: str | None = None       # for C blocks and answer caps: the one block type they hold
    only_in: tuple[str, ...] = ()   # for blocks that live only inside these blocks (the first is named to a child)

    @property
    def colour(self) -> tuple[str, str]:
        return CATEGORY_COLOURS[self.category]

    def param(self, name: str) -> Param:
        return next(p for p in self.params if p.name == name)

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}


# --- parameters shared by several blocks --------------------------------------------

NOISE = Param("noise", "number", 0, L("ノイズ", "ノイズ", "noise"), 0, 50)  # percent, as in Playground
TEST = Param("test_ratio", "number", 50, L("テスト", "テスト", "test"), 0, 90)  # percent
FEATURES_2D = Param("features", "features", ["x1", "x2"], L("入力", "にゅうりょく", "inputs"), choices=FEATURES)
# The default layer (10 neurons, leaky ReLU) and the training settings' defaults (runtime TrainingSpec) are
# chosen together by benchmarks/bench_defaults.py: with them, data -> layer -> answer learns every 2-D set.
ACTIVATION = Param("activation", "choice", "leaky_relu", L("活性化関数", "かっせいかかんすう", "activation"),
                   choices=ACTIVATIONS)
INIT = Param("init", "choice", "auto", L("初期値", "はじめの おもみ", "start"),
             choices=("auto", "he", "xavier", "uniform", "zeros"))


def _data(name: str, label: Labels, *params: Param) -> BlockType:
    return BlockType(f"data_{name}", "hat", "data", label, params)


def _answer(name: str, label: Labels) -> BlockType:
    """An answer block: a C-shaped cap that holds its neurons, with start weights chosen as a dense layer's."""
    return BlockType(f"output_{name}", "cap", "output", label, (INIT,), inside="layers_neuron")


def _train(name: str, label: Labels, param: Param) -> BlockType:
    return BlockType(f"training_{name}", "stack", "training", label, (param,))


BLOCKS: tuple[BlockType, ...] = (
    # Data: hats that start a network script.
    _data("gate", L("論理ゲート {gate} のデータ", "ろんりゲート {gate} の データ", "logic gate {gate} data"),
          Param("gate", "choice", "and", L("ゲート", "ゲート", "gate"), choices=("and", "or", "nand", "xor"))),
    _data("circle", L("円のデータ ノイズ {noise}% テスト {test_ratio}% 入力 {features}",
                      "まるの データ ノイズ {noise}% テスト {test_ratio}% にゅうりょく {features}",
                      "circle data noise {noise}% test {test_ratio}% inputs {features}"), NOISE, TEST, FEATURES_2D),
    _data("xor", L("XOR（4つの区画）のデータ ノイズ {noise}% テスト {test_ratio}% 入力 {features}",
                   "XOR（4つの くかく）の データ ノイズ {noise}% テスト {test_ratio}% にゅうりょく {features}",
                   "XOR data noise {noise}% test {test_ratio}% inputs {features}"), NOISE, TEST, FEATURES_2D),
    _data("gaussian", L("2つの群れのデータ ノイズ {noise}% テスト {test_ratio}% 入力 {features}",
                        "2つの むれの データ ノイズ {noise}% テスト {test_ratio}% にゅうりょく {features}",
                        "two blobs data noise {noise}% test {test_ratio}% inputs {features}"),
          NOISE, TEST, FEATURES_2D),
    _data("spiral", L("うずまきのデータ ノイズ {noise}% テスト {test_ratio}% 入力 {features}",
                      "うずまきの データ ノイズ {noise}% テスト {test_ratio}% にゅうりょく {features}",
                      "spiral data noise {noise}% test {test_ratio}% inputs {features}"), NOISE, TEST, FEATURES_2D),
    _data("moons", L("2つの月のデータ ノイズ {noise}% テスト {test_ratio}% 入力 {features}",
                     "2つの つきの データ ノイズ {noise}% テスト {test_ratio}% にゅうりょく {features}",
                     "two moons data noise {noise}% test {test_ratio}% inputs {features}"), NOISE, TEST, FEATURES_2D),
    _data("plane", L("平面の数のデータ ノイズ {noise}% テスト {test_ratio}% 入力 {features}",
                     "たいらな かずの データ ノイズ {noise}% テスト {test_ratio}% にゅうりょく {features}",
                     "plane numbers data noise {noise}% test {test_ratio}% inputs {features}"),
          NOISE, TEST, FEATURES_2D),
    _data("multi_gaussian", L("山と谷の数のデータ ノイズ {noise}% テスト {test_ratio}% 入力 {features}",
                              "やまと たにの かずの データ ノイズ {noise}% テスト {test_ratio}% にゅうりょく {features}",
                              "hills numbers data noise {noise}% test {test_ratio}% inputs {features}"),
          NOISE, TEST, FEATURES_2D),
    _data("digits", L("手書き数字 8×8 のデータ テスト {test_ratio}%", "てがき すうじ 8×8 の データ テスト {test_ratio}%",
                      "handwritten digits 8×8 data test {test_ratio}%"),
          Param("test_ratio", "number", 20, TEST.label, 0, 90)),
    _data("csv", L("CSVファイル {path} のデータ 答えの列 {label_column} テスト {test_ratio}%",
                   "CSVファイル {path} の データ こたえの れつ {label_column} テスト {test_ratio}%",
                   "CSV file {path} data answer column {label_column} test {test_ratio}%"),
          Param("path", "text", "", L("ファイル", "ファイル", "file")),
          Param("label_column", "text", "", L("答えの列", "こたえの れつ", "answer column")),
          Param("test_ratio", "number", 20, TEST.label, 0, 90)),
    _data("points", L("かいた点 {points} のデータ テスト {test_ratio}% 入力 {features}",
                      "かいた てん {points} の データ テスト {test_ratio}% にゅうりょく {features}",
                      "drawn points {points} data test {test_ratio}% inputs {features}"),
          Param("points", "points", [], L("点", "てん", "points")), Param("test_ratio", "number", 0, TEST.label, 0, 90),
          FEATURES_2D),
    # Neurons and layers.
    BlockType("layers_layer", "c", "layers", L("層", "そう", "layer"), inside="layers_neuron"),
    BlockType("layers_neuron", "stack", "layers",
              L("ニューロン {activation} 重み {weights} バイアス {bias} 固定 {locked}",
                "ニューロン {activation} おもみ {weights} バイアス {bias} ロック {locked}",
                "neuron {activation} weights {weights} bias {bias} lock {locked}"),
              (ACTIVATION,
               Param("weights", "weights", None, L("重み", "おもみ", "weights")),
               Param("bias", "number", 0, L("バイアス", "バイアス", "bias"), -1000, 1000),
               Param("locked", "bool", False, L("固定", "ロック", "lock"))),
              only_in=("layers_layer", "output_classify", "output_yes_no", "output_number")),
    BlockType("layers_dense", "stack", "layers",
              L("ニューロン {units} 個の層 {activation} 初期値 {init}",
                "ニューロン {units}この そう {activation} はじめの おもみ {init}",
                "layer of {units} neurons {activation} start {init}"),
              (Param("units", "integer", 10, L("ニューロンの数", "ニューロンの かず", "neurons"), 1, 256), ACTIVATION,
               INIT)),
    BlockType("layers_activation", "stack", "layers", L("活性化関数 {activation}", "かっせいかかんすう {activation}",
                                                       "activation {activation}"), (ACTIVATION,)),
    BlockType("layers_dropout", "stack", "layers", L("ドロップアウト {rate}%", "ドロップアウト {rate}%", "dropout {rate}%"),
              (Param("rate", "number", 20, L("わりあい", "わりあい", "rate"), 0, 90),)),
    BlockType("layers_batchnorm", "stack", "layers", L("バッチ正規化", "バッチ せいきか", "batch normalization")),
    # Output: caps that end a network script. Each is the output layer: empty, it has one neuron per answer
    # (classes, 1 for yes / no, values to predict); or it holds neuron blocks, one per answer, set by hand.
    _answer("classify", L("なかま分けをする（ソフトマックス） 初期値 {init}",
                          "なかまわけを する（ソフトマックス） はじめの おもみ {init}", "classify (softmax) start {init}")),
    _answer("yes_no", L("はい／いいえで答える（シグモイド） 初期値 {init}",
                        "はい／いいえで こたえる（シグモイド） はじめの おもみ {init}", "answer yes / no (sigmoid) start {init}")),
    _answer("number", L("数を当てる（回帰） 初期値 {init}", "かずを あてる はじめの おもみ {init}",
                        "predict a number (regression) start {init}")),
    # Training: a separate script, a hat followed by settings.
    BlockType("training_start", "hat", "training", L("学習の設定", "がくしゅうの せってい", "training settings")),
    _train("optimizer", L("最適化 {optimizer}", "すすみかた {optimizer}", "optimizer {optimizer}"),
           Param("optimizer", "choice", "adam", L("最適化", "すすみかた", "optimizer"), choices=OPTIMIZERS)),
    _train("learning_rate", L("学習率 {learning_rate}", "がくしゅうりつ {learning_rate}", "learning rate {learning_rate}"),
           Param("learning_rate", "number", 0.03, L("学習率", "がくしゅうりつ", "learning rate"), 0.00001, 10)),
    _train("batch_size", L("バッチサイズ {batch_size}", "バッチサイズ {batch_size}", "batch size {batch_size}"),
           Param("batch_size", "integer", 32, L("バッチサイズ", "バッチサイズ", "batch size"), 1, 10000)),
    _train("epochs", L("{epochs} エポックで止める", "{epochs} エポックで とめる", "stop after {epochs} epochs"),
           Param("epochs", "integer", 200, L("エポック", "エポック", "epochs"), 1, 100000)),
    _train("l1", L("L1 正則化 {l1}", "L1 せいそくか {l1}", "L1 regularization {l1}"),
           Param("l1", "number", 0, L("L1", "L1", "L1"), 0, 10)),
    _train("l2", L("L2 正則化 {l2}", "L2 せいそくか {l2}", "L2 regularization {l2}"),
           Param("l2", "number", 0, L("L2", "L2", "L2"), 0, 10)),
    _train("init", L("重みの初期値 {init}", "はじめの おもみ {init}", "start weights {init}"),
           Param("init", "choice", "auto", L("初期値", "はじめの おもみ", "start"),
                 choices=("auto", "he", "xavier", "uniform", "zeros"))),
    _train("seed", L("乱数の種 {seed}", "らんすうの たね {seed}", "random seed {seed}"),
           Param("seed", "integer", 0, L("種", "たね", "seed"), 0, 2**31 - 1)),
)

BLOCK_TYPES: dict[str, BlockType] = {b.id: b for b in BLOCKS}

# The runtime dataset each data hat reads (csv and points come from the project itself).
DATASET_OF = {"data_circle": "circle", "data_xor": "xor_quadrants", "data_gaussian": "gaussian",
              "data_spiral": "spiral", "data_moons": "moons", "data_plane": "plane",
              "data_multi_gaussian": "multi_gaussian", "data_digits": "digits"}


def block_type(type_id: str) -> BlockType | None:
    return BLOCK_TYPES.get(type_id)


def choice_label(value: str, lang: str) -> str:
    return CHOICE_LABELS.get(value, {}).get(lang, value)
