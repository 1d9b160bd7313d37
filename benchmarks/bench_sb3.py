"""How exported networks do in the real Scratch VM (scratch-vm under Node): speed, size and parity.

    python benchmarks/bench_sb3.py [--quick] [--parity N]

Prints
  - blocks executed per multiply-add of the forward pass (scratch-vm's block functions wrapped
    and counted): for a whole 784-64-10 pass, and for the dense layer's inner loop alone (the
    difference between two networks that differ only in their number of inputs);
  - the time of one warm forward pass of a 784-64-10 network in scratch-vm (turbo stepping);
  - the largest 784-H-10 network whose project.json fits the website's 5 MB at full precision;
  - a parity run: N random networks (every layer, activation, feature and output kind) with
    200 inputs each, compared with the runtime; the largest relative difference.
Needs Node.js; installs the pinned scratch-vm into tests/scratchvm on first use.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from runtime import Network, NetworkSpec  # noqa: E402
from sb3_export import JSON_LIMIT, export_sb3, measure  # noqa: E402
from sb3_nets import random_inputs, random_params, random_spec  # noqa: E402
from scratch_harness import run_sb3  # noqa: E402


def mlp(n_in: int, hidden: int, n_out: int = 10) -> NetworkSpec:
    return NetworkSpec.model_validate({"input": {"size": n_in},
                                       "layers": [{"kind": "dense", "units": hidden, "activation": "relu"},
                                                  {"kind": "dense", "units": n_out}],
                                       "output": {"kind": "classify", "units": n_out}})


def blocks_per_row(spec: NetworkSpec, folder: Path) -> tuple[float, Network]:
    net = Network(spec, seed=0)
    path = folder / f"count{spec.input.size}.sb3"
    path.write_bytes(export_sb3(spec, net.params_by_layer()).sb3)
    x = np.random.default_rng(0).uniform(0, 1, (2, spec.input.size))
    reply = run_sb3(path, x.tolist(), count_blocks=True)
    return statistics.mean(reply["blocks_per_row"]), net


def forward_ms(spec: NetworkSpec, folder: Path, rows: int) -> tuple[float, float]:
    """(ms per warm forward pass, ms of the first pass) from runs of 1 and 1 + rows rows."""
    net = Network(spec, seed=0)
    path = folder / "time.sb3"
    path.write_bytes(export_sb3(spec, net.params_by_layer()).sb3)
    x = np.random.default_rng(1).uniform(0, 1, (rows + 1, spec.input.size)).tolist()
    one = min(run_sb3(path, x[:1])["run_ms"] for _ in range(3))
    many = min(run_sb3(path, x)["run_ms"] for _ in range(3))
    return (many - one) / rows, one


def json_size(hidden: int) -> int:
    spec = mlp(784, hidden)
    return measure(spec, Network(spec, seed=0).params_by_layer())


def largest_fitting() -> tuple[int, int, int]:
    lo, hi = 1, 512  # json_size(lo) fits, json_size(hi) does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if json_size(mid) <= JSON_LIMIT else (lo, mid)
    return lo, 784 * lo + lo + lo * 10 + 10, json_size(lo)


def parity(n: int, rows: int, folder: Path) -> tuple[int, int, float, float]:
    rng = np.random.default_rng(7)
    worst_rel = worst_abs = 0.0
    for k in range(n):
        spec = random_spec(rng)
        params = random_params(spec, rng)
        x = random_inputs(spec, rng, rows)
        net = Network(spec)
        net.load_params(params)
        path = folder / f"parity{k}.sb3"
        path.write_bytes(export_sb3(spec, params).sb3)
        got = np.array(run_sb3(path, x.tolist())["outputs"], float)
        want = net.predict(x)
        d = np.abs(got - want)
        worst_abs = max(worst_abs, float(d.max()))
        nz = np.abs(want) > 0
        worst_rel = max(worst_rel, float((d[nz] / np.abs(want[nz])).max(initial=0.0)))
        if np.any(d > 1e-9 * np.abs(want) + 1e-12):
            print(f"  network {k} differs by {d.max():.3g}: {spec.model_dump_json()}")
    return n, n * rows, worst_rel, worst_abs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer rows and parity networks")
    ap.add_argument("--parity", type=int, default=None, metavar="N", help="random networks to compare (default 200)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        full, _ = blocks_per_row(mlp(784, 64), folder)
        half, _ = blocks_per_row(mlp(392, 64), folder)
        macs = 784 * 64 + 64 * 10
        print(f"blocks per forward pass, 784-64-10:      {full:,.0f} for {macs:,} multiply-adds "
              f"= {full / macs:.2f} blocks per multiply-add")
        print(f"dense inner loop alone (784 vs 392 in): {(full - half) / (392 * 64):.2f} blocks per multiply-add")
        warm, first = forward_ms(mlp(784, 64), folder, 5 if args.quick else 20)
        print(f"784-64-10 forward pass in scratch-vm:   {warm:.1f} ms warm ({first:.1f} ms the first time)")
        t = time.perf_counter()
        hidden, n_params, size = largest_fitting()
        print(f"largest 784-H-10 within {JSON_LIMIT / 1e6:.0f} MB at full precision: H = {hidden} "
              f"({n_params:,} parameters, project.json {size / 1e6:.2f} MB; searched in {time.perf_counter() - t:.0f} s)")
        n = args.parity if args.parity is not None else (20 if args.quick else 200)
        nets, inputs, rel, ab = parity(n, 200, folder)
        print(f"parity: {nets} random networks x 200 inputs = {inputs:,} forward passes; "
              f"largest difference {rel:.3g} relative, {ab:.3g} absolute")


if __name__ == "__main__":
    main()
