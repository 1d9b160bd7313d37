"""Random networks for the export tests and the parity benchmark: every layer, activation,
input feature and output kind the editor offers, with parameters of varied sizes."""
from __future__ import annotations

import numpy as np

from runtime import FEATURES, Network, NetworkSpec

HIDDEN_ACTIVATIONS = ("identity", "step", "sigmoid", "tanh", "relu", "leaky_relu")
OUTPUT_KINDS = ("classify", "yes_no", "regress")


def random_spec(rng: np.random.Generator) -> NetworkSpec:
    kind = OUTPUT_KINDS[rng.integers(3)]
    if rng.random() < 0.5:
        features = list(rng.choice(FEATURES, size=rng.integers(1, len(FEATURES) + 1), replace=False))
        inp = {"size": 2, "features": features}
    else:
        inp = {"size": int(rng.integers(1, 9))}
    layers = []
    for _ in range(rng.integers(0, 4)):
        units = int(rng.integers(1, 9))
        if rng.random() < 0.3:  # a layer built neuron by neuron, one activation each
            act = [str(a) for a in rng.choice(HIDDEN_ACTIVATIONS, size=units)]
        else:
            act = str(rng.choice(HIDDEN_ACTIVATIONS))
        layers.append({"kind": "dense", "units": units, "activation": act})
        extra = rng.random()
        if extra < 0.15:
            layers.append({"kind": "activation", "activation": str(rng.choice(HIDDEN_ACTIVATIONS))})
        elif extra < 0.3:
            layers.append({"kind": "dropout", "rate": float(rng.uniform(0.1, 0.5))})
        elif extra < 0.45:
            layers.append({"kind": "batchnorm"})
    n_out = {"classify": int(rng.integers(2, 6)), "yes_no": 1, "regress": int(rng.integers(1, 4))}[kind]
    last = {"classify": rng.choice(["softmax", "identity", "relu"]), "yes_no": rng.choice(["sigmoid", "identity", "tanh"]),
            "regress": rng.choice(["identity", "tanh", "softmax", "leaky_relu"])}[kind]
    layers.append({"kind": "dense", "units": n_out, "activation": str(last)})
    if rng.random() < 0.2 and last != "softmax":
        layers.append({"kind": "batchnorm"} if kind == "regress" else {"kind": "dropout", "rate": 0.2})
    return NetworkSpec.model_validate({"input": inp, "layers": layers, "output": {"kind": kind, "units": n_out}})


def random_params(spec: NetworkSpec, rng: np.random.Generator) -> list[dict]:
    """Parameters of mixed magnitudes (some large, so that sigmoid, tanh and softmax saturate)."""
    params = Network(spec, seed=int(rng.integers(1 << 30))).params_by_layer()
    for p in params:
        for k, v in p.items():
            if k == "running_var":
                v[...] = rng.uniform(0.05, 4.0, v.shape)
            elif k in ("running_mean", "beta", "b"):
                v[...] = rng.normal(0, 1.0, v.shape)
            elif k == "gamma":
                v[...] = rng.uniform(0.5, 2.0, v.shape)
            else:
                v[...] = rng.normal(0, 1.0, v.shape) * float(rng.choice([0.3, 1.0, 4.0]))
    return params


def random_inputs(spec: NetworkSpec, rng: np.random.Generator, n: int) -> np.ndarray:
    scale = rng.choice([1.0, 6.0, 30.0], size=(n, 1))
    return rng.uniform(-1, 1, (n, spec.input.size)) * scale


def coverage(specs: list[NetworkSpec]) -> dict[str, set]:
    """Which layer kinds, activations, features and output kinds these networks use."""
    seen = {"layers": set(), "activations": set(), "features": set(), "outputs": set(), "mixed": set()}
    for s in specs:
        seen["outputs"].add(s.output.kind)
        seen["features"].update(s.input.features or [])
        for ls in s.layers:
            seen["layers"].add(ls.kind)
            if ls.kind == "dense":
                acts = ls.activations()
                seen["activations"].update(acts)
                if len(set(acts)) > 1:
                    seen["mixed"].add(True)
            elif ls.kind == "activation":
                seen["activations"].add(ls.activation)
    return seen
