"""Every built-in example: the committed file is current, it compiles cleanly, and it reaches its stated accuracy."""
import numpy as np
import pytest

from blockbuilder.document.compile import compile_project
from blockbuilder.document.data import load_data
from blockbuilder.document.projectfile import dumps_project, load_project
from blockbuilder.session.examples import EXAMPLES, EXAMPLES_DIR
from runtime import Network, Trainer, training_mode


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_the_committed_example_file_is_what_the_builder_makes(example):
    path = EXAMPLES_DIR / f"{example.name}.json"
    assert path.exists(), "run: python -m blockbuilder.session.examples"
    assert path.read_text(encoding="utf-8") == dumps_project(example.project()), \
        "examples/ is stale; run: python -m blockbuilder.session.examples"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_every_example_loads_and_compiles_without_problems(example):
    c = compile_project(load_project(EXAMPLES_DIR / f"{example.name}.json"))
    assert c.ok and c.spec is not None, [str(p.message) for p in c.problems]
    assert not [p for p in c.problems if p.severity == "error"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_every_example_reaches_its_stated_accuracy(example):
    c = compile_project(example.project())
    train_set, test_set = load_data(c.data)
    net = Network(c.spec, seed=c.training.seed)
    if training_mode(c.spec) == "none":  # hand-set perceptrons: right as they are
        pred = (net.predict(train_set.x)[:, 0] > 0.5).astype(int)
        assert np.array_equal(pred, train_set.y)
        assert example.target == 1.0
        return
    trainer = Trainer(net, train_set, test_set if len(test_set) else None, c.training)
    last = trainer.run()[-1]
    if c.spec.output.kind == "regress":
        assert last.test_loss <= example.target
    else:
        reached = last.test_accuracy if last.test_accuracy is not None else last.train_accuracy
        assert reached >= example.target, f"{example.name}: {reached:.3f} < {example.target}"
