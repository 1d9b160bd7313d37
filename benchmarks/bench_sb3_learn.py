"""How fast an exported project learns inside Scratch (`export --learn`), measured in the real scratch-vm.

    python benchmarks/bench_sb3_learn.py [--vm pinned|current] [--quick]

Prints
  - the XOR (2-4-1) and spiral (2-8-8-2) examples, with their own settings and starting weights, until 100 %
    and >= 90 % of their training points are right (accuracy measured by the runtime on the very weights
    Scratch has, epoch by epoch): the epochs needed; scratch-vm's time in turbo mode; and the
    player estimate at 30 frames per second (the stage stepped like the website: each frame lasts 1/30 s
    or as long as its work; the decision map is drawn again every few epochs, as a child sees it).
    Goals: XOR <= 5 s, spiral <= 60 s.
  - blocks executed per multiply-add: forward and backward together per training point, and the backward
    pass alone (the forward pass's share, counted the same way, taken off), from two networks that differ
    only in the width of one hidden layer.
  - the drift of Scratch's e^ from NumPy's exp: the largest relative difference between the weights after
    100 learning steps in scratch-vm and in the runtime (same start, order and settings).
The times are wall-clock times on this machine: with other work running (see the load average printed)
they grow; the blocks executed do not. Needs Node.js; installs the pinned scratch-vm on first use.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from runtime import Network, NetworkSpec, Trainer, TrainingSpec  # noqa: E402
from runtime.datasets import Dataset, load  # noqa: E402
from sb3_export import ToyData, export_sb3, training_order  # noqa: E402
from scratch_harness import play_sb3, run_sb3  # noqa: E402

GOALS = {"xor": 5.0, "spiral": 60.0}


def spec_of(sizes: list[int], act: str, kind: str) -> NetworkSpec:
    layers = [{"kind": "dense", "units": u, "activation": act} for u in sizes[1:-1]]
    layers.append({"kind": "dense", "units": sizes[-1]})
    return NetworkSpec.model_validate({"input": {"size": sizes[0]}, "layers": layers,
                                       "output": {"kind": kind, "units": sizes[-1]}})


# The examples themselves, with their own settings and starting weights: (example, accuracy to reach)
CASES = {"xor": ("xor", 1.0), "spiral": ("spiral", 0.9)}


def example(name: str):
    """(spec, training settings, starting parameters, training data) of examples/NAME.json."""
    from blockbuilder.document.compile import compile_project
    from blockbuilder.document.data import load_data
    from blockbuilder.document.projectfile import load_project

    c = compile_project(load_project(str(ROOT / "examples" / f"{name}.json")))
    params = Network(c.spec, seed=c.training.seed).params_by_layer()
    return c.spec, c.training, params, load_data(c.data)[0]


def epochs_to(data, spec, params, settings, target: float) -> int | None:
    """The first epoch after which the runtime, following the project's order, reaches `target` accuracy."""
    net = Network(spec)
    net.load_params(params)
    trainer = Trainer(net, data.subset(np.array(training_order(len(data), settings.seed))), settings=settings,
                      fixed_order=True)
    while trainer.stop is None:
        stats = trainer.run_epoch()
        if stats is not None and stats.train_accuracy >= target:
            return stats.epoch
    return None


def learn_speed(name: str, vm: str, tmp: Path) -> None:
    file, target = CASES[name]
    spec, settings, params, data = example(file)
    settings = settings.model_copy(update={"epochs": 2000})
    epochs = epochs_to(data, spec, params, settings, target)
    if epochs is None:
        print(f"{name}: the runtime never reached {target:.0%} in {settings.epochs} epochs")
        return
    settings = settings.model_copy(update={"epochs": epochs})
    sizes = [spec.input.width] + [ls.units for ls in spec.layers if ls.kind == "dense"]
    report = export_sb3(spec, params, lang="en", data=ToyData.from_dataset(data), learn=settings)
    path = tmp / f"{name}.sb3"
    path.write_bytes(report.sb3)
    times, blocks = {}, 0
    for turbo, count in ((True, True), (True, False), (False, False)):
        reply = play_sb3(path, [{"settle": 5000}, {"snapshot": "ready"}, {"click": "learn button"},
                                {"settle": 10_000_000}], variables=["epoch", "accuracy (%)"], turbo=turbo,
                         count_opcodes=count, timeout=1800, vm=vm)
        ready, end = reply["snapshots"][0], reply["snapshots"][-1]
        assert end["variables"]["epoch"] == epochs, end["variables"]
        if count:   # counting slows the VM down: its time is not used
            blocks = sum(end["opcodes"].values())
            continue
        clock = "wall_ms" if turbo else "player_ms"   # turbo: scratch-vm's own time; else the website's frames
        times[turbo] = (end[clock] - ready[clock]) / 1000, end["frames"] - ready["frames"]
    wall = reply["run_ms"] / 1000
    player, frames = times[False]
    print(f"{name} {'-'.join(map(str, sizes))} (examples/{file}.json: {settings.optimizer}, "
          f"lr {settings.learning_rate}, batch "
          f"{settings.batch_size}, {len(data)} points): {epochs} epochs to {target:.0%}; "
          f"turbo {times[True][0]:.2f} s; player at 30 fps {player:.1f} s ({frames} frames, map every "
          f"{report.learning.map_every} epochs; goal <= {GOALS[name]:.0f} s: "
          f"{'met' if player <= GOALS[name] else 'NOT met'}); node wall {wall:.1f} s; {blocks / 1e6:.1f} M blocks "
          f"({blocks / 1e6 / max(times[True][0], 1e-9):.1f} M/s in turbo); load average {os.getloadavg()[0]:.1f}")


def blocks_per_multiply_add(vm: str, tmp: Path) -> None:
    """Two 3-H-H-2 networks, H = 8 and 24: the extra blocks per extra multiply-add, learning and forward.
    (Three inputs: a stage without a map, so no picture is drawn after learning.)"""
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (64, 3))
    data = Dataset("bench", x, (x[:, 0] * x[:, 1] > 0).astype(np.int64), "classify", ("0", "1"))
    settings = TrainingSpec(optimizer="sgd", learning_rate=0.1, batch_size=64, epochs=1)
    learn, forward, macs = {}, {}, {}
    for h in (8, 24):
        spec = spec_of([3, h, h, 2], "tanh", "classify")
        report = export_sb3(spec, Network(spec).params_by_layer(), lang="en", data=ToyData.from_dataset(data),
                            learn=settings)
        path = tmp / f"count{h}.sb3"
        path.write_bytes(report.sb3)
        reply = play_sb3(path, [{"broadcast": "learn"}, {"settle": 100000}], green_flag=False, turbo=True,
                         count_opcodes=True, timeout=600, vm=vm)
        learn[h] = sum(reply["snapshots"][-1]["opcodes"].values()) / len(data)
        forward[h] = run_sb3(path, x[:8].tolist(), count_blocks=True, vm=vm)["blocks_executed"] / 8
        macs[h] = 3 * h + h * h + 2 * h
    d_mac = macs[24] - macs[8]
    per_point = (learn[24] - learn[8]) / d_mac
    fwd = (forward[24] - forward[8]) / d_mac
    print(f"blocks per multiply-add (3-H-H-2, H 8 -> 24, one point): learning {per_point:.1f} "
          f"(forward {fwd:.1f} + backward {per_point - fwd:.1f}; the backward pass does 2 multiply-adds per "
          f"weight where it passes the error on, 1 in the first layer: {(per_point - fwd) / 2:.1f} blocks each)")


def drift(vm: str, tmp: Path, steps: int = 100) -> None:
    """Weights after `steps` learning steps in scratch-vm vs the runtime: sigmoid, tanh, softmax use e^."""
    rng = np.random.default_rng(5)
    x = rng.uniform(-2, 2, (40, 2))
    data = Dataset("bench", x, rng.integers(0, 3, 40), "classify", ("0", "1", "2"))
    spec = NetworkSpec.model_validate({"input": {"size": 2}, "layers": [
        {"kind": "dense", "units": 8, "activation": "tanh"}, {"kind": "dense", "units": 8, "activation": "sigmoid"},
        {"kind": "dense", "units": 3}], "output": {"kind": "classify", "units": 3}})
    settings = TrainingSpec(optimizer="adam", learning_rate=0.05, batch_size=8, epochs=steps * 8 // len(data))
    params = Network(spec, seed=2).params_by_layer()
    report = export_sb3(spec, params, lang="en", data=ToyData.from_dataset(data), learn=settings)
    path = tmp / "drift.sb3"
    path.write_bytes(report.sb3)
    names = [f"layer {k} {w}" for k in (1, 2, 3) for w in ("weights", "biases")]
    end = play_sb3(path, [{"broadcast": "learn"}, {"settle": 100000}], green_flag=False, turbo=True, lists=names,
                   timeout=600, vm=vm)["snapshots"][-1]
    net = Network(spec)
    net.load_params(params)
    Trainer(net, data.subset(np.array(training_order(len(data), settings.seed))), settings=settings,
            fixed_order=True, evaluate=False).run()
    want = net.params_by_layer()
    gaps, absolute = [], []
    for k in range(3):
        for key, got in (("W", end["lists"][names[2 * k]]), ("b", end["lists"][names[2 * k + 1]])):
            w = want[k][key].T.ravel() if key == "W" else want[k][key]
            g = np.asarray(got, dtype=float)
            gaps.append(np.max(np.abs(g - w) / np.maximum(np.abs(w), 1e-12)))
            absolute.append(np.max(np.abs(g - w)))
    print(f"drift after {steps} steps (2-8-8-3, tanh, sigmoid, softmax, Adam): largest relative difference "
          f"{max(gaps):.2e}, largest absolute {max(absolute):.2e} (the test's bound: 1e-9 relative)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--vm", choices=("pinned", "current"), default="pinned")
    ap.add_argument("--quick", action="store_true", help="XOR and the block count only")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print(f"scratch-vm: {args.vm}")
        drift(args.vm, tmp)
        blocks_per_multiply_add(args.vm, tmp)
        learn_speed("xor", args.vm, tmp)
        if not args.quick:
            learn_speed("spiral", args.vm, tmp)


if __name__ == "__main__":
    main()
