"""A person's own CSV file as a Dataset, with one clear message for each way the file can be wrong.

Rows are counted as a spreadsheet shows them: the header is row 1, blank lines count, and a
quoted cell that spans lines is still one row.
"""
from __future__ import annotations

import csv
import io
import math
import os
from pathlib import Path

import numpy as np

from ..messages import RuntimeProblem, msg
from .base import Dataset, Task
from .points import class_labels

LIMIT_MB = 20
MB = 1_000_000


def load_csv(path, label_column: str | None = None, task: Task | None = None) -> Dataset:
    """Number columns become the inputs; the label column (default: the last) is the answer.

    task "regress" reads the label as a number; otherwise each distinct label is a class.
    """
    if task not in (None, "classify", "regress"):
        raise ValueError(f"task must be 'classify' or 'regress', got {task!r}")
    file = os.fspath(path)
    rows = _rows(file, _text(file))
    (_, header), body = rows[0], rows[1:]
    names = _names(header)
    if len(names) < 2:
        _fail("csv_too_few_columns", file=file)
    label = _label_index(file, names, label_column)
    if not body:
        _fail("csv_no_rows", file=file)
    regress = task == "regress"
    table = [_parse(file, names, label, regress, row, cells) for row, cells in body]
    inputs = [i for i in range(len(names)) if i != label]
    x = np.array([[values[i] for i in inputs] for values in table], dtype=np.float64)  # (N, d)
    extra = {"features": tuple(names[i] for i in inputs), "label": names[label], "file": file}
    name = Path(file).stem
    if regress:
        y = np.array([[values[label]] for values in table], dtype=np.float64)  # (N, 1)
        return Dataset(name, x, y, "regress", (), f"numbers from {file}", extra)
    y, classes = class_labels([values[label] for values in table])
    if len(classes) < 2:
        _fail("csv_one_class", file=file, label=classes[0])
    return Dataset(name, x, y, "classify", classes, f"labels from {file}", extra)


def _text(file: str) -> str:
    """The file's text, refusing big, binary and non-UTF-8 files before parsing anything."""
    path = Path(file)
    if not path.is_file():
        _fail("csv_not_found", file=file)
    size = path.stat().st_size
    if size > LIMIT_MB * MB:
        _fail("csv_too_big", file=file, size=round(size / MB, 1), limit=LIMIT_MB)
    try:
        data = path.read_bytes()
    except OSError:
        _fail("csv_unreadable", file=file)
    text = _decode(data)
    if text is None or any(c in text for c in _CONTROL):
        _fail("csv_unreadable", file=file)
    if not text.strip():
        _fail("csv_empty", file=file)
    return text


# Control characters never appear in a text CSV; they mean a binary file was picked.
_CONTROL = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r")


def _decode(data: bytes) -> str | None:
    """UTF-8 (with or without Excel's byte-order mark), else Shift_JIS as Japanese Excel saves it."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _rows(file: str, text: str) -> list[tuple[int, list[str]]]:
    """(spreadsheet row number, cells) for every row that has something in it."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = [(row, cells) for row, cells in enumerate(reader, start=1)]
    except csv.Error:
        _fail("csv_unreadable", file=file)
    rows = [(row, cells) for row, cells in rows if any(cell.strip() for cell in cells)]
    if not rows:  # only commas and spaces
        _fail("csv_empty", file=file)
    return rows


def _names(header: list[str]) -> list[str]:
    """Column names; a column without one is called by its spreadsheet letter."""
    header = _trim(header, 0)
    return [cell.strip() or _letter(i) for i, cell in enumerate(header)]


def _letter(i: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA', as spreadsheets name columns."""
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(ord("A") + r) + letters
    return letters


def _trim(cells: list[str], width: int) -> list[str]:
    """Drop blank cells past `width`: spreadsheets often save trailing commas."""
    cells = list(cells)
    while len(cells) > width and not cells[-1].strip():
        cells.pop()
    return cells


def _label_index(file: str, names: list[str], wanted: str | None) -> int:
    if wanted is None:
        return len(names) - 1
    for same in (lambda a, b: a == b, lambda a, b: a.casefold() == b.casefold()):
        for i, name in enumerate(names):
            if same(name, wanted.strip()):
                return i
    _fail("csv_no_label_column", file=file, column=wanted)


def _parse(file, names, label, regress, row, cells) -> list:
    """One data row as numbers, except the label cell of a classify file, which stays text."""
    cells = _trim(cells, len(names))
    if len(cells) != len(names):
        _fail("csv_ragged", file=file, row=row, got=len(cells), want=len(names))
    values = []
    for i, (column, cell) in enumerate(zip(names, cells)):
        text = cell.strip()
        if not text:
            _fail("csv_missing", file=file, row=row, column=column)
        keep_text = i == label and not regress
        values.append(text if keep_text else _number(file, row, column, text))
    return values


def _number(file: str, row: int, column: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):  # 'nan' and 'inf' are words here, not numbers
        _fail("csv_text", file=file, row=row, column=column, value=text)
    return value


def _fail(key: str, **params):
    raise RuntimeProblem(msg(key, **params)) from None  # the message says it all; no chained traceback
