"""The Dataset record every data source returns, and the train/test split."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

Task = Literal["classify", "regress"]


@dataclass(frozen=True)
class Dataset:
    """Points and their answers.

    x: (N, d) float64 raw inputs. For classify, y is (N,) int64 class indices 0..C-1 and
    ``classes`` names them; for regress, y is (N, k) float64 and ``classes`` is empty.
    """

    name: str
    x: np.ndarray
    y: np.ndarray
    task: Task
    classes: tuple[str, ...] = ()
    description: str = ""
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.x.ndim != 2 or len(self.x) != len(self.y):
            raise ValueError(f"dataset {self.name!r}: x {self.x.shape} and y {self.y.shape} do not match")

    @property
    def n_inputs(self) -> int:
        return self.x.shape[1]

    @property
    def n_classes(self) -> int:
        return len(self.classes)

    def __len__(self) -> int:
        return len(self.x)

    def __repr__(self) -> str:
        what = f"{self.n_classes} classes" if self.task == "classify" else f"{self.y.shape[1]} targets"
        return f"Dataset({self.name!r}, {len(self)} points, {self.n_inputs} inputs, {what})"

    def subset(self, index: np.ndarray, name: str | None = None) -> "Dataset":
        return Dataset(name or self.name, self.x[index], self.y[index], self.task,
                       self.classes, self.description, self.extra)

    def split(self, test_ratio: float, seed: int = 0) -> tuple["Dataset", "Dataset"]:
        """Shuffle with `seed`, then cut off round(N * test_ratio) points for testing."""
        if not 0.0 <= test_ratio < 1.0:
            raise ValueError(f"test_ratio must be in [0, 1), got {test_ratio}")
        order = np.random.default_rng(seed).permutation(len(self))
        n_test = int(round(len(self) * test_ratio))
        return self.subset(order[n_test:], self.name), self.subset(order[:n_test], self.name + " (test)")
