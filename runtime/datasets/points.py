"""Points a child draws by hand, and the one rule for turning labels into numbered classes."""
from __future__ import annotations

import math
import numbers
import re

import numpy as np

from ..messages import RuntimeProblem, msg
from .base import Dataset


def from_points(points) -> Dataset:
    """Build a classify Dataset from (x, y, label) triples; labels are ints or strings."""
    if not points:
        raise RuntimeProblem(msg("points_empty"))
    checked = [_point(index, point) for index, point in enumerate(points, start=1)]
    x = np.array([(px, py) for px, py, _ in checked], dtype=np.float64)  # (N, 2)
    y, classes = class_labels([label for _, _, label in checked])
    if len(classes) < 2:
        raise RuntimeProblem(msg("points_one_class"))
    return Dataset("points", x, y, "classify", classes, "points drawn by hand",
                   {"features": ("x1", "x2")})


def class_labels(labels) -> tuple[np.ndarray, tuple[str, ...]]:
    """Number the distinct labels 0..C-1 in natural order: numbers by value first, then text.

    1, "1" and "1.0" are one class, named "1"; "class2" comes before "class10".
    """
    keys = [_key(label) for label in labels]
    order = sorted(set(keys))
    index = {key: i for i, key in enumerate(order)}
    y = np.array([index[key] for key in keys], dtype=np.int64)  # (N,)
    return y, tuple(_name(key) for key in order)


def _point(index: int, point) -> tuple[float, float, int | str]:
    if isinstance(point, (str, bytes)):
        raise RuntimeProblem(msg("points_bad", index=index))
    try:
        px, py, label = point
    except (TypeError, ValueError):
        raise RuntimeProblem(msg("points_bad", index=index)) from None
    if not (_is_coordinate(px) and _is_coordinate(py) and _is_label(label)):
        raise RuntimeProblem(msg("points_bad", index=index))
    return float(px), float(py), label


def _is_coordinate(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


def _is_label(value) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


# A key sorts numbers (0, value, ()) before text (1, chunks, text).
def _key(label) -> tuple:
    if isinstance(label, numbers.Integral):
        return (0, int(label), ())
    text = str(label).strip()
    number = _finite(text)
    if number is not None:
        return (0, number, ())
    return (1, _natural(text), text)


def _finite(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _natural(text: str) -> tuple:
    """'Class10' -> ('class', 10, ''): digit runs compare as numbers, letters without case."""
    chunks = re.split(r"(\d+)", text.casefold())
    return tuple(int(c) if i % 2 else c for i, c in enumerate(chunks))


def _name(key: tuple) -> str:
    kind, value, text = key
    if kind == 1:
        return text
    whole = float(value).is_integer() and abs(value) < 1e15  # 1e300 stays "1e+300"
    return str(int(value)) if whole else repr(float(value))
