"""A project's trained weights: the one mapping between a runtime Network's parameters and
`Project.trained` (layer block id -> parameter name -> nested lists), for the lab and the command line.

Compile says which block each spec layer came from (Compiled.layer_blocks) and the shape each
parameter must have (Compiled.param_shapes). A layer whose block holds no weights of that shape
(never trained, or its block changed since) starts from the network's own starting weights.
"""
from __future__ import annotations

import numpy as np


def array_shape(array: list) -> tuple[int, ...]:
    """(rows, columns) of a stored matrix, (items,) of a vector."""
    return (len(array), len(array[0])) if array and isinstance(array[0], list) else (len(array),)


def for_document(compiled, network) -> dict[str, dict[str, list]]:
    """The network's parameters as the project keeps them; layers without any (activations, dropout) are left out."""
    return {block: {k: v.tolist() for k, v in params.items()}
            for block, params in zip(compiled.layer_blocks, network.params_by_layer()) if params}


def mismatched(trained: dict, shapes: dict[str, dict[str, tuple]]) -> list[tuple[str, str]]:
    """(block, name) of every stored array whose shape is not compile's. Arrays of blocks compile does not
    know are left alone: they belong to blocks that are not in a network right now."""
    return [(block, key) for block, arrays in trained.items() for key, array in arrays.items()
            if key in shapes.get(block, {}) and array_shape(array) != tuple(shapes[block][key])]


def missing(trained: dict, compiled) -> list[str]:
    """The learnable layer blocks that hold no weights of the right shapes: nothing, or the network is trained."""
    return [block for block in compiled.layer_blocks if compiled.param_shapes.get(block)
            and not all(_fits(trained.get(block, {}).get(k), shape) for k, shape in compiled.param_shapes[block].items())]


def load(network, trained: dict, compiled, start: list[dict] | None = None) -> None:
    """Set the network's parameters from the project's weights, layer by layer; a layer without weights of
    the right shapes gets its `start` (default: the network's parameters as they are)."""
    start = network.params_by_layer() if start is None else start
    per_layer = []
    for block, first in zip(compiled.layer_blocks, start):
        given = trained.get(block, {})
        per_layer.append({k: np.asarray(given[k]) if _fits(given.get(k), v.shape) else v for k, v in first.items()})
    network.load_params(per_layer)


def _fits(array, shape) -> bool:
    return array is not None and array_shape(array) == tuple(shape)
