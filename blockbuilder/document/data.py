"""A data hat's data: what compile needs to know about it, and loading it through runtime.datasets."""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Literal

from runtime import RuntimeProblem, msg
from runtime.datasets import Dataset, from_points, load, load_csv

from .paths import check_file
from .texts import msg as ui_msg


@dataclass(frozen=True)
class DataInfo:
    """What compile needs to know about a data hat's data."""

    n_inputs: int  # raw inputs per point: 2 for the 2-D sets, 64 for digits, a CSV's number columns
    task: Literal["classify", "regress"]
    n_classes: int  # classify: how many classes; regress: how many targets


@dataclass(frozen=True)
class DataChoice:
    """Everything needed to build the datasets, read from the data hat's fields."""

    block_id: str
    kind: str                    # the hat's type id, e.g. "data_spiral"
    dataset: str | None          # runtime dataset name; None for a CSV file or drawn points
    noise: float                 # fraction 0..0.5 (the block shows percent)
    test_ratio: float            # fraction 0..0.9 (the block shows percent)
    features: list[str] | None   # runtime feature names for 2-D data; None feeds the raw inputs
    seed: int                    # the training seed, so data and weights come from one seed
    path: str | None = None
    label_column: str | None = None
    points: list | None = None
    task: Literal["classify", "regress"] | None = None  # a CSV file's answers: classes unless the output predicts numbers


_TWO_CLASSES = DataInfo(2, "classify", 2)
# The built-in sets, known without generating them (tests check these against runtime.datasets).
BUILT_IN: dict[str, DataInfo] = {
    **{gate: _TWO_CLASSES for gate in ("and", "or", "nand", "xor")},
    **{name: _TWO_CLASSES for name in ("circle", "xor_quadrants", "gaussian", "spiral", "moons")},
    "plane": DataInfo(2, "regress", 1),
    "multi_gaussian": DataInfo(2, "regress", 1),
    "digits": DataInfo(64, "classify", 10),
}


def describe_data(choice: DataChoice) -> DataInfo:
    """Inputs, task and classes of the chosen data; reads a CSV file (raises RuntimeProblem if bad)."""
    if choice.dataset is not None:
        if choice.dataset not in BUILT_IN:
            raise RuntimeProblem(msg("dataset_unknown", value=choice.dataset, choices=", ".join(BUILT_IN)))
        return BUILT_IN[choice.dataset]
    if choice.kind == "data_csv":
        path = _csv_path(choice)
        return _describe_csv(path, choice.label_column, choice.task, *_stamp(path))
    return _info(_source(choice))


def load_data(choice: DataChoice) -> tuple[Dataset, Dataset]:
    """(train, test): the chosen data, shuffled with the seed and split by the test ratio."""
    return _source(choice).split(choice.test_ratio, choice.seed)


def _source(choice: DataChoice) -> Dataset:
    if choice.dataset is not None:
        return load(choice.dataset, noise=choice.noise, seed=choice.seed)
    if choice.kind == "data_csv":
        return load_csv(_csv_path(choice), choice.label_column, choice.task)
    if choice.kind == "data_points":
        return from_points(choice.points or [])
    raise ValueError(f"{choice.kind!r} is not a data block")


def _csv_path(choice: DataChoice) -> str:
    """The CSV file's path, once it names an ordinary file (UIProblem with the sentence saying why not)."""
    if not choice.path:
        raise RuntimeProblem(ui_msg("compile_csv_path"))
    check_file(choice.path)
    return choice.path


def _info(data: Dataset) -> DataInfo:
    n = data.n_classes if data.task == "classify" else data.y.shape[1]
    return DataInfo(data.n_inputs, data.task, n)


def _stamp(path: str) -> tuple[int, int]:
    """(size, modification time): a changed file is read again."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):  # missing, or not a path at all: load_csv says which
        return -1, -1
    return st.st_size, st.st_mtime_ns


# Compile runs after every edit; reading a big CSV file each time would make the editor lag.
@functools.lru_cache(maxsize=8)
def _describe_csv(path: str, label_column: str | None, task: str | None, size: int, mtime: int) -> DataInfo:
    return _info(load_csv(path, label_column, task))
