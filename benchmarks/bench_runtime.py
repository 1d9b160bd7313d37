"""Epoch time of the runtime against PyTorch (CPU), and how fast the spiral and digits nets converge.

Run:  python benchmarks/bench_runtime.py [--quick]
PyTorch is optional (pip install torch==2.13.0); without it that column is skipped.
Prints figures only; nothing here is a test.
"""
from __future__ import annotations

import argparse
import pathlib
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from runtime import DenseSpec, InputSpec, Network, NetworkSpec, OutputSpec, Trainer, TrainingSpec  # noqa: E402
from runtime.datasets import Dataset, load  # noqa: E402

try:
    import torch
except ImportError:  # optional
    torch = None


def mlp(sizes: list[int]) -> NetworkSpec:
    """sizes = [inputs, hidden..., classes]: ReLU hidden layers, softmax + cross-entropy output."""
    hidden = [DenseSpec(units=n, activation="relu") for n in sizes[1:-1]]
    return NetworkSpec(input=InputSpec(size=sizes[0]), layers=[*hidden, DenseSpec(units=sizes[-1])],
                       output=OutputSpec(kind="classify", units=sizes[-1]))


def cases() -> list[tuple[str, list[int], Dataset, int]]:
    spiral_train, _ = load("spiral", seed=0).split(0.5, seed=0)
    digits_train, _ = load("digits").split(0.2, seed=0)
    rng = np.random.default_rng(0)
    mnist = Dataset("random 784", rng.random((60_000, 784)), rng.integers(0, 10, 60_000), "classify",
                    tuple(str(i) for i in range(10)))
    return [("tiny 2-8-8-2 spiral", [2, 8, 8, 2], spiral_train, 10),
            ("digits 64-32-10", [64, 32, 10], digits_train, 32),
            ("mnist-size 784-128-10", [784, 128, 10], mnist, 100)]


class OurEpoch:
    def __init__(self, sizes, data, batch, dtype):
        settings = TrainingSpec(optimizer="adam", learning_rate=0.001, batch_size=batch, epochs=10**6)
        self.net = Network(mlp(sizes), seed=0, dtype=dtype)
        self.trainer = Trainer(self.net, data, settings=settings, evaluate=False)

    def __call__(self):
        self.trainer.run_epoch()


class TorchEpoch:
    """The same network, initial weights, data order rule, batch and Adam, in PyTorch's idiom."""

    def __init__(self, sizes, data, batch, dtype, init: Network, fused: bool = False):
        tdtype = torch.float64 if dtype == np.float64 else torch.float32
        mods = []
        for i, p in enumerate(init.params_by_layer()):
            lin = torch.nn.Linear(sizes[i], sizes[i + 1]).to(tdtype)
            with torch.no_grad():
                lin.weight.copy_(torch.from_numpy(p["W"].T.copy()))
                lin.bias.copy_(torch.from_numpy(p["b"]))
            mods += [lin, torch.nn.ReLU()]
        self.model = torch.nn.Sequential(*mods[:-1])
        # The idiom everyone writes; fused=True is PyTorch's fastest CPU Adam, shown for honesty.
        self.opt = torch.optim.Adam(self.model.parameters(), lr=0.001, **({"fused": True} if fused else {}))
        self.loss = torch.nn.CrossEntropyLoss()
        self.X = torch.from_numpy(data.x.astype(dtype))
        self.T = torch.from_numpy(data.y.astype(np.int64))
        self.batch = batch
        self.gen = torch.Generator().manual_seed(1)

    def __call__(self):
        order = torch.randperm(len(self.X), generator=self.gen)
        for i in range(0, len(order), self.batch):
            rows = order[i:i + self.batch]  # gather per batch, as the runtime does (faster than a full copy)
            self.opt.zero_grad(set_to_none=True)
            self.loss(self.model(self.X[rows]), self.T[rows]).backward()
            self.opt.step()


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def epoch_times(repeats: int) -> None:
    print(f"Epoch time, median of {repeats} epochs after one warm-up (runtime and PyTorch alternating):")
    if torch is None:
        print("  PyTorch is not installed (pip install torch==2.13.0), so its columns are skipped.")
    else:
        print(f"  PyTorch {torch.__version__}, {torch.get_num_threads()} threads; NumPy {np.__version__}")
        print("  torch = torch.optim.Adam(params, lr) as usually written; fused = Adam(..., fused=True)")
    print(f"  {'network':24} {'dtype':8} {'ours ms':>9} {'torch ms':>9} {'torch/ours':>10}"
          f" {'fused ms':>9} {'fused/ours':>10}")
    for name, sizes, data, batch in cases():
        for dtype in (np.float64, np.float32):
            ours = OurEpoch(sizes, data, batch, dtype)
            runs = {"ours": ours}
            if torch:
                runs["torch"] = TorchEpoch(sizes, data, batch, dtype, ours.net)
                runs["fused"] = TorchEpoch(sizes, data, batch, dtype, ours.net, fused=True)
            n = max(3, repeats // (10 if sizes[0] == 784 else 1))
            times = {k: [] for k in runs}
            for fn in runs.values():
                fn()
            for _ in range(n):
                for k, fn in runs.items():
                    times[k].append(timed(fn))
            ms = {k: statistics.median(v) * 1e3 for k, v in times.items()}
            row = f"  {name:24} {np.dtype(dtype).name:8} {ms['ours']:9.2f}"
            for k in ("torch", "fused"):
                row += (f" {ms[k]:9.2f} {ms[k] / ms['ours']:9.2f}x" if k in ms else f" {'-':>9} {'-':>10}")
            print(row, flush=True)


def convergence(name, spec, train_set, test_set, settings, target=0.95, max_epochs=2000) -> None:
    t0 = time.perf_counter()
    trainer = Trainer(Network(spec, seed=settings.seed), train_set, test_set, settings)
    best = 0.0
    while trainer.epoch < max_epochs and trainer.stop is None:
        stats = trainer.run_epoch()
        best = max(best, stats.test_accuracy)
        if stats.test_accuracy >= target:
            break
    seconds = time.perf_counter() - t0
    verdict = "reached" if best >= target else "did NOT reach"
    print(f"  {name:38} {verdict} {target:.0%} test accuracy: {stats.test_accuracy:.1%} "
          f"after {trainer.epoch} epochs, {seconds:.2f} s (train {stats.train_accuracy:.1%})")


def convergence_runs() -> None:
    print("Convergence (float64, Adam, time includes measuring train and test sets every epoch):")
    train_set, test_set = load("spiral", seed=0).split(0.5, seed=0)
    convergence("spiral 2-8-8-2 ReLU, 250/250 points", mlp([2, 8, 8, 2]), train_set, test_set,
                TrainingSpec(learning_rate=0.01, batch_size=10, epochs=10**6, seed=0))
    train_set, test_set = load("digits").split(0.2, seed=0)
    convergence("digits 64-32-10 ReLU, 1438/359 images", mlp([64, 32, 10]), train_set, test_set,
                TrainingSpec(learning_rate=0.01, batch_size=32, epochs=10**6, seed=0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    epoch_times(7 if args.quick else 41)
    print()
    convergence_runs()


if __name__ == "__main__":
    main()
