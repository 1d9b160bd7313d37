"""The built-in example projects, built in code; `python -m blockbuilder.session.examples` writes examples/.

Each example is what a teacher opens in a workshop: the book's perceptron gates with
hand-set weights, XOR built from them, and networks that learn. `target` is the accuracy
(or, for numbers, the largest test loss) the example reaches with its own settings; a test
trains every learnable one and holds it to that.
"""
from __future__ import annotations

import pathlib
import sys
from dataclasses import dataclass

from ..document.catalog import L, Labels
from ..document.project import Block, Project, Script

EXAMPLES_DIR = pathlib.Path(__file__).resolve().parents[2] / "examples"


@dataclass(frozen=True)
class Example:
    name: str
    description: Labels
    build: callable
    target: float | None = None  # accuracy to reach (classify, yes/no) or test loss to stay under (numbers)

    @property
    def title(self) -> Labels:
        return TITLES[self.name]

    def project(self, lang: str = "ja") -> Project:
        """The example, named in `lang` (the window's title and the file name it suggests)."""
        return self.build().model_copy(update={"name": self.title[lang]})


# Each example's project name, in every language.
TITLES: dict[str, Labels] = {
    "and": L("ANDゲート", "ANDゲート", "AND gate"),
    "or": L("ORゲート", "ORゲート", "OR gate"),
    "nand": L("NANDゲート", "NANDゲート", "NAND gate"),
    "xor_gates": L("NAND と OR と AND で作る XOR", "NAND と OR と AND で つくる XOR", "XOR from NAND, OR and AND"),
    "xor": L("XOR（学習）", "XOR（がくしゅう）", "XOR, learned"),
    "circle": L("円", "まる", "Circle"),
    "spiral": L("うずまき", "うずまき", "Spiral"),
    "moons": L("2つの月", "2つの つき", "Two moons"),
    "digits": L("手書き数字", "てがき すうじ", "Handwritten digits"),
    "plane": L("平面の数", "たいらな かず", "A plane of numbers"),
}


def shown_name(name: str, lang: str) -> str:
    """A project's name in `lang`: an example's title follows the language, any other name stays."""
    found = next((t for t in TITLES.values() if name in t.values()), None)
    return found[lang] if found else name


def b(id: str, type: str, children: list[Block] | None = None, **params) -> Block:
    return Block(id=id, type=type, params=params, children=children or [])


def neuron(id: str, weights: list[float] | None = None, bias: float = 0.0, activation="step", locked=True) -> Block:
    return b(id, "layers_neuron", activation=activation, weights=weights, bias=bias, locked=locked)


def training(x: float = 420, **settings) -> Script:
    """The training script: a hat, then one block per setting given."""
    blocks = [b("training", "training_start")]
    blocks += [b(f"train_{k}", f"training_{k}", **{k: v}) for k, v in settings.items()]
    return Script(x=x, y=40, blocks=blocks)


def network(*blocks: Block) -> Script:
    return Script(x=40, y=40, blocks=list(blocks))


def project(name: str, *scripts: Script) -> Project:
    """Scripts stacked top to bottom with room between them, so none covers another in the editor."""
    from ..editor.layout import layout_run
    y = scripts[0].y
    for script in scripts:
        script.x, script.y = 40, y
        y += layout_run(script.blocks, (), 0, 0, "ja")[1] + 60
    return Project(name=name, language="ja", scripts=list(scripts))


# The book's perceptron gates (ゼロから作るDeep Learning, chapter 2).
GATE_WEIGHTS = {"and": ([0.5, 0.5], -0.7), "or": ([0.5, 0.5], -0.2), "nand": ([-0.5, -0.5], 0.7)}


def gate(kind: str) -> Project:
    w, bias = GATE_WEIGHTS[kind]
    return project(f"{kind.upper()} gate",
                   network(b("data", "data_gate", gate=kind),
                           b("answer", "output_yes_no", [neuron("n1", w, bias)])))


def xor_from_gates() -> Project:
    (w_nand, b_nand), (w_or, b_or), (w_and, b_and) = (GATE_WEIGHTS[k] for k in ("nand", "or", "and"))
    return project("XOR from NAND, OR and AND",
                   network(b("data", "data_gate", gate="xor"),
                           b("gates", "layers_layer", [neuron("nand", w_nand, b_nand), neuron("or", w_or, b_or)]),
                           b("answer", "output_yes_no", [neuron("and", w_and, b_and)])))


def xor_learned() -> Project:
    return project("XOR, learned",
                   network(b("data", "data_gate", gate="xor"),
                           b("hidden", "layers_dense", units=4, activation="tanh", init="auto"),
                           b("answer", "output_yes_no", init="auto")),
                   training(learning_rate=0.1, batch_size=4, epochs=300, seed=1))


def two_d(name: str, data: str, hidden: list[tuple[int, str]], epochs: int, noise: float = 0,
          lr: float = 0.01, features=("x1", "x2")) -> Project:
    layers = [b(f"hidden{i + 1}", "layers_dense", units=u, activation=a, init="auto")
              for i, (u, a) in enumerate(hidden)]
    return project(name,
                   network(b("data", data, noise=noise, test_ratio=50, features=list(features)), *layers,
                           b("answer", "output_classify", init="auto")),
                   training(learning_rate=lr, batch_size=10, epochs=epochs, seed=0))


def digits() -> Project:
    return project("Handwritten digits",
                   network(b("data", "data_digits", test_ratio=20),
                           b("hidden", "layers_dense", units=32, activation="relu", init="auto"),
                           b("answer", "output_classify", init="auto")),
                   training(learning_rate=0.01, batch_size=32, epochs=20, seed=0))


def plane() -> Project:
    return project("A plane of numbers",
                   network(b("data", "data_plane", noise=0, test_ratio=50, features=["x1", "x2"]),
                           b("hidden", "layers_dense", units=4, activation="tanh", init="auto"),
                           b("answer", "output_number", init="auto")),
                   training(learning_rate=0.01, batch_size=10, epochs=40, seed=0))


EXAMPLES: tuple[Example, ...] = (
    Example("and", L("ANDゲート：重みを手で決めたパーセプトロン", "ANDゲート：おもみを てで きめた パーセプトロン",
                     "AND gate: a perceptron with hand-set weights"), lambda: gate("and"), 1.0),
    Example("or", L("ORゲート：重みを手で決めたパーセプトロン", "ORゲート：おもみを てで きめた パーセプトロン",
                    "OR gate: a perceptron with hand-set weights"), lambda: gate("or"), 1.0),
    Example("nand", L("NANDゲート：重みを手で決めたパーセプトロン", "NANDゲート：おもみを てで きめた パーセプトロン",
                      "NAND gate: a perceptron with hand-set weights"), lambda: gate("nand"), 1.0),
    Example("xor_gates", L("XOR：NAND と OR と AND を組み合わせた2層のパーセプトロン",
                           "XOR：NAND と OR と AND を くみあわせた 2そうの パーセプトロン",
                           "XOR built from NAND, OR and AND: a two-layer perceptron"), xor_from_gates, 1.0),
    Example("xor", L("XOR：学習して見つける", "XOR：がくしゅうして みつける", "XOR, learned by a small network"),
            xor_learned, 1.0),
    Example("circle", L("円：内側と外側を見分ける", "まる：うちがわと そとがわを みわける",
                        "circle: tell the inside from the ring around it"),
            lambda: two_d("Circle", "data_circle", [(8, "relu")], epochs=60), 0.95),
    Example("spiral", L("うずまき：2本の腕を見分ける", "うずまき：2ほんの うでを みわける",
                        "spiral: tell the two arms apart"),
            lambda: two_d("Spiral", "data_spiral", [(8, "relu"), (8, "relu")], epochs=200), 0.9),
    Example("moons", L("2つの月：かみ合った三日月を見分ける", "2つの つき：かみあった みかづきを みわける",
                       "two moons: tell two interlocking half-moons apart"),
            lambda: two_d("Two moons", "data_moons", [(8, "tanh")], epochs=60, noise=10), 0.95),
    Example("digits", L("手書き数字：8×8の絵から 0〜9 を当てる", "てがき すうじ：8×8の えから 0〜9 を あてる",
                        "handwritten digits: read 0-9 from an 8x8 picture"), digits, 0.95),
    Example("plane", L("数の予測：平面の高さを当てる", "かずの よそう：たいらな めんの たかさを あてる",
                       "numbers: predict the height of a tilted plane"), plane, 0.01),
)
BY_NAME = {e.name: e for e in EXAMPLES}


def write_all(folder: pathlib.Path = EXAMPLES_DIR) -> list[pathlib.Path]:
    """Write every example as <name>.json into `folder`."""
    from ..document.projectfile import save_project

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for e in EXAMPLES:
        path = folder / f"{e.name}.json"
        save_project(e.project(), path)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for p in write_all(pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else EXAMPLES_DIR):
        print(p)
