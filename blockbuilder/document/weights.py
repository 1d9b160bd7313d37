"""A project's trained weights: the one mapping between a runtime Network's parameters and
`Project.trained` (layer block id -> parameter name -> nested lists), for the lab and the command line.

Compile says which block each spec layer came from (Compiled.layer_blocks) and the shape each
parameter must have (Compiled.param_shapes). A layer whose block holds no weights of that shape
(never trained, or its block changed since) starts from the network's own starting weights.

In a file, an array of more than PLAIN_UP_TO numbers is packed (pack / unpack): its shape and its
numbers as little-endian IEEE 754 doubles, row after row, in base64. That is exact and about 10.7
bytes a number instead of about 22 as text, so the biggest network compile allows (MAX_WEIGHTS)
fits a file well under projectfile's size limit.
"""
from __future__ import annotations

import base64
import binascii
import math

import numpy as np

MAX_WEIGHTS = 1_000_000  # numbers in one network's parameters; compile refuses bigger networks
PLAIN_UP_TO = 64         # arrays this small stay readable lists in the file
PACKED_KEYS = ("shape", "float64")


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


def pack(array: list) -> dict | list:
    """The array as a file holds it: {"shape": [...], "float64": base64} when it is big, rectangular
    and finite; otherwise the list itself (so saving still refuses NaN as before)."""
    shape = array_shape(array)
    rows = array if len(shape) == 2 else [array]
    if math.prod(shape) <= PLAIN_UP_TO or any(len(r) != shape[-1] for r in rows):
        return array
    values = np.asarray(array, dtype="<f8")
    if values.shape != shape or not np.isfinite(values).all():
        return array
    return {"shape": list(shape), "float64": base64.b64encode(values.tobytes()).decode("ascii")}


def unpack(value) -> list:
    """A packed array back as (nested) lists of floats, bit for bit; a list comes back as it is.
    ValueError when the packed form is damaged: wrong keys, a bad shape, or text that is not
    base64 of exactly that many doubles."""
    if isinstance(value, list):
        return value
    if not isinstance(value, dict) or sorted(value) != sorted(PACKED_KEYS):
        raise ValueError("not an array")
    shape, text = value["shape"], value["float64"]
    if not (isinstance(shape, list) and 1 <= len(shape) <= 2
            and all(type(n) is int and 0 <= n <= 2**16 for n in shape)):  # no layer is wider than 4096
        raise ValueError("bad shape")
    if not isinstance(text, str) or len(text) != 4 * math.ceil(8 * math.prod(shape) / 3):
        raise ValueError("wrong length")
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("not base64") from None
    if len(raw) != 8 * math.prod(shape):
        raise ValueError("wrong length")
    return np.frombuffer(raw, dtype="<f8").reshape(shape).tolist()


def count(shapes: dict[str, dict[str, tuple]]) -> int:
    """How many numbers arrays of these shapes hold (compile's param_shapes)."""
    return sum(math.prod(shape) for arrays in shapes.values() for shape in arrays.values())
