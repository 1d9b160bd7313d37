"""Do the palette's defaults learn? dataset x network built from the palette's default blocks -> test
accuracy (mean, worst over seeds), epochs, seconds; for the regression sets the test loss beside the loss
the plane example reaches with its own settings on the same seeds.

A network is what a child gets from an empty project: the data block as it comes, one or two default
layer blocks, the matching answer block (yes / no for two classes), and no training script, so the
runtime's TrainingSpec defaults. The project is compiled as the editor compiles it. Each seed is what
`blockbuilder train --seed N` does: new data, new start weights, new shuffles.

    .venv/bin/python benchmarks/bench_defaults.py [--seeds 5] [--set units=8 --set learning_rate=0.01 ...]

--set tries other values (a dense block's, a data block's or a training setting) without editing the
catalog. Prints figures only; nothing here is a test (tests/test_defaults_learn.py is).
"""
from __future__ import annotations

import argparse
import functools
import pathlib
import statistics
import sys
import time
from dataclasses import replace

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from blockbuilder.document.catalog import BLOCK_TYPES  # noqa: E402
from blockbuilder.document.compile import compile_project  # noqa: E402
from blockbuilder.document.data import load_data  # noqa: E402
from blockbuilder.document.project import Block, Project, Script  # noqa: E402
from blockbuilder.document.projectfile import load_project  # noqa: E402
from runtime import Network, Trainer, TrainingSpec  # noqa: E402

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"

# name -> (data block, its fields, target test accuracy with one layer, or None for information only)
DATA = {
    "circle": ("data_circle", {}, 0.95), "xor": ("data_xor", {}, 0.95), "gaussian": ("data_gaussian", {}, 0.95),
    "moons": ("data_moons", {}, 0.95), "spiral": ("data_spiral", {}, None),
    **{f"gate {g}": ("data_gate", {"gate": g}, 0.95) for g in ("and", "or", "nand", "xor")},
    "plane": ("data_plane", {}, None), "multi_gaussian": ("data_multi_gaussian", {}, None),
    "digits": ("data_digits", {}, None),
}
TWO_LAYERS = {"spiral": 0.90}                      # targets with two layers; the other rows are for information
ANSWER = {"data_plane": "output_number", "data_multi_gaussian": "output_number", "data_digits": "output_classify"}
EXAMPLE_OF = {"plane": "plane.json"}               # the loss a regression set's defaults should reach


def palette_project(data: str, layers: int, overrides: dict, two_classes: str = "output_yes_no") -> Project:
    """data -> `layers` default layer blocks -> answer, every field as the palette gives it (or --set)."""
    hat, params, _ = DATA[data]
    blocks = [Block(id="data", type=hat, params={**params, **_fields(hat, overrides)})]
    blocks += [Block(id=f"layer{i + 1}", type="layers_dense", params=_fields("layers_dense", overrides))
               for i in range(layers)]
    blocks.append(Block(id="answer", type=ANSWER.get(hat, two_classes)))
    return Project(scripts=[Script(x=0, y=0, blocks=blocks)])


def _fields(block_type: str, overrides: dict) -> dict:
    names = {p.name for p in BLOCK_TYPES[block_type].params}
    return {k: v for k, v in overrides.items() if k in names}


def trained(project: Project, seed: int, overrides: dict | None = None) -> tuple[Trainer, float]:
    """(trainer, seconds): the project trained to its last epoch as `blockbuilder train --seed` trains it."""
    c = compile_project(project)
    if not c.ok:
        raise SystemExit("; ".join(p.message.text("en") for p in c.problems))
    setting = {k: v for k, v in (overrides or {}).items() if k in TrainingSpec.model_fields}
    settings = TrainingSpec.model_validate({**c.training.model_dump(), **setting, "seed": seed})
    train_set, test_set = load_data(replace(c.data, seed=seed))
    start = time.perf_counter()
    trainer = Trainer(Network(c.spec, seed=seed), train_set, test_set if len(test_set) else None, settings)
    trainer.run()
    return trainer, time.perf_counter() - start


def scored(trainer: Trainer) -> list[float]:
    """Per epoch: test accuracy, or for regression the test loss (the gates have no test set: all 4 points)."""
    test = trainer.test is not None
    if trainer.network.spec.output.kind == "regress":
        return [s.test_loss if test else s.train_loss for s in trainer.history]
    return [s.test_accuracy if test else s.train_accuracy for s in trainer.history]


def row(data: str, layers: int, seeds: int, overrides: dict, two_classes: str) -> tuple[str, bool | None]:
    """One line of the matrix, and whether it meets its target on every seed (None: no target)."""
    project = palette_project(data, layers, overrides, two_classes)
    runs = [trained(project, s, overrides) for s in range(seeds)]
    curves = [scored(t) for t, _ in runs]
    finals = [c[-1] for c in curves]
    tail = f"{runs[0][0].epoch:>6} {statistics.mean(s for _, s in runs):>7.2f}s"
    dead = sum(t.stop.reason == "diverged" for t, _ in runs)
    tail += f"  diverged on {dead} seeds" if dead else ""
    name = f"{data:<15}{layers} layer{'s' if layers > 1 else ' '}"
    if runs[0][0].network.spec.output.kind == "regress":
        return regression_row(name, data, finals, seeds, tail, judged=layers == 1)
    target = TWO_LAYERS.get(data) if layers == 2 else DATA[data][2]
    ok = None if target is None else min(finals) >= target
    first = [next((i + 1 for i, v in enumerate(c) if v >= target), None) for c in curves] if target else []
    when = "" if target is None else "never" if None in first else str(max(first))
    verdict = "" if ok is None else "ok" if ok else "MISSED"
    goal = f"{target:.0%}" if target else ""
    return (f"{name}  {statistics.mean(finals):7.1%} {min(finals):7.1%}  {goal:>6} {verdict:<6} {when:>5}"
            f"{tail}"), ok


def regression_row(name: str, data: str, finals: list[float], seeds: int, tail: str,
                   judged: bool) -> tuple[str, bool | None]:
    """Test loss, beside the example's on the same seeds: met when neither the mean nor the worst seed is higher
    (judged with one layer; two layers are for information)."""
    line = f"{name}  loss {statistics.mean(finals):.6f} worst {max(finals):.6f}"
    if data not in EXAMPLE_OF:
        return f"{line}  (no example){tail}", None
    theirs = example_losses(data, seeds)
    ok = statistics.mean(finals) <= statistics.mean(theirs) and max(finals) <= max(theirs) if judged else None
    verdict = {True: " ok", False: " MISSED", None: ""}[ok]
    return f"{line}  example {statistics.mean(theirs):.6f} worst {max(theirs):.6f}{verdict}{tail}", ok


@functools.cache
def example_losses(data: str, seeds: int) -> list[float]:
    """The example's test loss with its own network and settings on each seed."""
    example = load_project(EXAMPLES / EXAMPLE_OF[data])
    return [scored(trained(example, s)[0])[-1] for s in range(seeds)]


def parse_set(items: list[str]) -> dict:
    out = {}
    for item in items:
        key, _, text = item.partition("=")
        for kind in (int, float, str):
            try:
                out[key] = kind(text)
                break
            except ValueError:
                continue
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="another value for a dense block's, data block's or training setting's field")
    ap.add_argument("--only", nargs="*", choices=list(DATA), help="these datasets (default: all)")
    ap.add_argument("--classify", action="store_true", help="two classes end in the classify answer, not yes / no")
    args = ap.parse_args()
    overrides = parse_set(args.set)
    dense, data, t = BLOCK_TYPES["layers_dense"].defaults(), BLOCK_TYPES["data_circle"].defaults(), TrainingSpec()
    print(f"palette defaults: layer of {dense['units']} neurons, {dense['activation']}, start {dense['init']}; "
          f"data noise {data['noise']}%, test {data['test_ratio']}%; no training script: {t.optimizer}, "
          f"learning rate {t.learning_rate}, batch {t.batch_size}, {t.epochs} epochs")
    if overrides:
        print(f"tried instead: {overrides}")
    if args.classify:
        print("two classes end in the classify answer (softmax over 2 neurons)")
    print(f"seeds 0..{args.seeds - 1}. acc: test accuracy at the last epoch (the gates have no test set: all 4 "
          f"points); first: the worst seed's first epoch at the target; seconds: one training run, measured "
          f"every epoch as the window does\n")
    print(f"{'data':<15}{'network':<8}  {'mean':>7} {'worst':>7}  {'target':>6} {'':<6} {'first':>5}"
          f"{'epochs':>7} {'seconds':>8}")
    missed, two_classes = [], "output_classify" if args.classify else "output_yes_no"
    for name in args.only or DATA:
        for layers in (1, 2):
            line, ok = row(name, layers, args.seeds, overrides, two_classes)
            print(line, flush=True)
            if ok is False:
                missed.append(f"{name} ({layers} layer{'s' if layers > 1 else ''})")
    print("\nevery target met on every seed" if not missed else f"\nmissed: {', '.join(missed)}")


if __name__ == "__main__":
    main()
