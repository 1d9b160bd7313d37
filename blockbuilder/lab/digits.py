"""The digits views: the test pictures with the network's guesses, the confusion shading, the drawing pad.

Plain NumPy and words (tested without a screen); view/stage_charts.py draws the pictures these describe.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from runtime import Network, predicted_classes
from runtime.datasets import DIGIT_SIDE
from sb3_export import PAD_SOFT

from .texts import msg


@dataclass(frozen=True)
class Guess:
    """One test image with the network's guess."""

    image: np.ndarray   # (8, 8) in [0, 1], row 0 at the top
    truth: int
    guess: int
    right: bool

    def label(self, lang: str) -> str:
        """"guess 3", or "guess 3: wrong (it is 5)" under an image the network got wrong."""
        if self.right:
            return msg("insight_the_guess", guess=self.guess).text(lang)
        return msg("insight_wrong", guess=self.guess, truth=self.truth).text(lang)


def guesses(x: np.ndarray, y: np.ndarray, outputs: np.ndarray, count: int = 24,
            wrong_first: bool = False) -> list[Guess]:
    """The first `count` images (N, 64) with their answers y (N,) and the network's outputs (N, 10)."""
    truth = np.asarray(y).reshape(-1)
    picked = predicted_classes(np.asarray(outputs), "classify")
    order = np.argsort(picked == truth, kind="stable") if wrong_first else np.arange(len(truth))
    return [Guess(np.asarray(x[i], dtype=float).reshape(DIGIT_SIDE, DIGIT_SIDE), int(truth[i]), int(picked[i]),
                  bool(picked[i] == truth[i])) for i in order[:count]]


def guess_summary(items: list[Guess], lang: str) -> str:
    """"3 of 24 wrong"."""
    return msg("insight_wrong_count", wrong=sum(not g.right for g in items), count=len(items)).text(lang)


def confusion_cells(matrix: np.ndarray) -> list[list[float]]:
    """Each row (a true class) as shares 0..1 of its points, for shading; an empty row stays 0."""
    m = np.asarray(matrix, dtype=float)
    rows = m.sum(axis=1, keepdims=True)
    return np.divide(m, rows, out=np.zeros_like(m), where=rows > 0).tolist()


# The exported Scratch toy's brush: full ink on the cell, PAD_SOFT on its four
# neighbours, and ink only ever gets darker, so the pad and the toy give the network the same input.
BRUSH = ((0, 0, 1.0), (-1, 0, PAD_SOFT), (1, 0, PAD_SOFT), (0, -1, PAD_SOFT), (0, 1, PAD_SOFT))
STROKE_SAMPLES = 4  # samples per cell a stroke crosses, so a fast stroke leaves no gaps


@dataclass
class Pad:
    """The 8x8 drawing pad; row 0 is the top, like the dataset's images."""

    cells: np.ndarray = field(default_factory=lambda: np.zeros((DIGIT_SIDE, DIGIT_SIDE)))

    def paint(self, u: float, v: float, last: tuple[float, float] | None = None) -> bool:
        """Brush at (u, v) in [0, 1] (v = 0 at the top), joined from `last`; True when a cell darkened."""
        before = self.cells.copy()
        for r, c in _stroke_cells(last if last is not None else (u, v), (u, v)):
            for dr, dc, ink in BRUSH:
                if 0 <= r + dr < DIGIT_SIDE and 0 <= c + dc < DIGIT_SIDE:
                    self.cells[r + dr, c + dc] = max(self.cells[r + dr, c + dc], ink)
        return not np.array_equal(before, self.cells)

    def clear(self) -> None:
        self.cells[...] = 0.0

    def empty(self) -> bool:
        return not self.cells.any()

    def input(self) -> np.ndarray:
        """(64,) row by row from the top, as the digits dataset expects."""
        return self.cells.reshape(DIGIT_SIDE * DIGIT_SIDE).copy()


def _stroke_cells(a: tuple[float, float], b: tuple[float, float]) -> list[tuple[int, int]]:
    """(row, column) of the cells a straight stroke from a to b passes; points off the pad are skipped."""
    samples = max(1, math.ceil(math.dist(a, b) * DIGIT_SIDE * STROKE_SAMPLES))
    cells = []
    for t in np.linspace(0.0, 1.0, samples + 1):
        u, v = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        if 0.0 <= u <= 1.0 and 0.0 <= v <= 1.0:
            cells.append((min(int(v * DIGIT_SIDE), DIGIT_SIDE - 1), min(int(u * DIGIT_SIDE), DIGIT_SIDE - 1)))
    return list(dict.fromkeys(cells))


def pad_guess(net: Network, pad: Pad) -> tuple[int, float] | None:
    """(digit, its probability) for what is drawn; None while the pad is empty."""
    if pad.empty():
        return None
    p = net.predict(pad.input()[None, :])[0]  # (1, 64) -> (10,)
    return int(np.argmax(p)), float(np.max(p))


def pad_text(net: Network, pad: Pad, lang: str) -> str:
    """What the pad says: the hint while empty, then the live guess."""
    found = pad_guess(net, pad)
    if found is None:
        return msg("insight_pad_hint").text(lang)
    return msg("insight_pad_guess", digit=found[0], percent=round(100 * found[1])).text(lang)
