"""Accuracy and the confusion matrix, from the network's outputs."""
from __future__ import annotations

import numpy as np


def predicted_classes(outputs: np.ndarray, kind: str) -> np.ndarray:
    """(N, C) probabilities -> chosen class; (N, 1) yes-probability -> 1 when above one half."""
    if kind == "yes_no":
        return (outputs[:, 0] > 0.5).astype(np.int64)
    return np.argmax(outputs, axis=1)


def accuracy(outputs: np.ndarray, labels: np.ndarray, kind: str) -> float:
    """The fraction of points whose chosen class is the right one."""
    if len(labels) == 0:
        return float("nan")
    return float(np.mean(predicted_classes(outputs, kind) == np.asarray(labels).reshape(-1)))


def confusion_matrix(labels: np.ndarray, predicted: np.ndarray, n_classes: int) -> np.ndarray:
    """(n_classes, n_classes) counts: row = true class, column = predicted class."""
    m = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(m, (np.asarray(labels).reshape(-1), predicted), 1)
    return m
