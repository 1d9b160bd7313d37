"""The loss and accuracy charts: each series fitted into a rectangle, thinned, with round ticks and titles.

Plain numbers and words (tested without a screen); view/stage_charts.py draws the lines, ticks and texts as given.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .texts import msg

MAX_CHART_POINTS = 300        # per series; longer histories are thinned evenly
CHART_MARGINS = (46.0, 34.0, 10.0, 26.0)   # left, bottom, right, top: tick labels, x title; y title, legend
TICKS = 5                     # about this many steps between ticks
LOSS_CLIP = 2.0               # see _loss_top
CHART_SERIES = {"loss": ("train_loss", "test_loss"), "accuracy": ("train_accuracy", "test_accuracy")}
CHART_TITLES = {"loss": "insight_loss", "accuracy": "insight_accuracy"}


@dataclass(frozen=True)
class Chart:
    """A line chart in screen coordinates (y up); the view draws lines, ticks and texts as given."""

    series: dict[str, list[tuple[float, float]]]   # "train", "test": points inside the plot rect
    x_ticks: list[tuple[float, str]]               # (screen x, label) under the plot
    y_ticks: list[tuple[float, str]]               # (screen y, label) left of the plot
    x_title: str
    y_title: str
    plot: tuple[float, float, float, float]        # the plot rect (x, y, w, h) inside the chart's rect
    legend: list[tuple[str, str]]                  # (series key, its name in the UI language)
    note: str = ""                                 # a sentence under the chart: nothing yet, or clipped losses


def chart(history: list, metric: str, rect: tuple[float, float, float, float], lang: str) -> Chart:
    """Train and test `metric` ("loss" or "accuracy") per epoch, fitted into `rect` (x, y, w, h).

    Accuracy runs on a 0..100 % axis. The loss axis starts at 0 and ends at a round number at
    or above the largest loss, unless that loss is more than LOSS_CLIP times the larger of the
    first loss and the 95th percentile of the losses drawn: then the axis ends there, so one
    huge loss cannot flatten the rest; bigger losses sit on the top edge and `note` says so.
    Series with no numbers (no test data; accuracy of a regression) are left out; each series
    has at most MAX_CHART_POINTS points, the first and last epoch always among them.
    """
    found = {name: _series(history, key, metric) for name, key in zip(("train", "test"), CHART_SERIES[metric])}
    data = {name: _thin(points) for name, points in found.items() if points}
    top, clipped = (100.0, False) if metric == "accuracy" else _loss_top(data)
    x_end, x_step = _axis(max([p[-1][0] for p in data.values()] + [1.0]), whole=True)
    y_end, y_step = _axis(top)
    plot = _plot_rect(rect)
    px, py, pw, ph = plot

    def sx(v: float) -> float:
        return px + pw * v / x_end

    def sy(v: float) -> float:
        return py + ph * min(max(v, 0.0), y_end) / y_end

    note = "insight_chart_clipped" if clipped else "insight_chart_empty" if not history else ""
    return Chart({name: [(sx(e), sy(v)) for e, v in points] for name, points in data.items()},
                 [(sx(v), label) for v, label in _ticks(x_end, x_step)],
                 [(sy(v), label) for v, label in _ticks(y_end, y_step)],
                 msg("insight_epoch").text(lang), msg(CHART_TITLES[metric]).text(lang), plot,
                 [(name, msg(f"insight_{name}").text(lang)) for name in data],
                 msg(note).text(lang) if note else "")


def _series(history: list, key: str, metric: str) -> list[tuple[float, float]]:
    """(epoch, value) for every epoch that measured `key`; accuracy in percent."""
    scale = 100.0 if metric == "accuracy" else 1.0
    values = [(float(s.epoch), getattr(s, key)) for s in history]
    return [(e, scale * float(v)) for e, v in values if v is not None and not math.isnan(v)]


def _thin(points: list) -> list:
    """At most MAX_CHART_POINTS points spread evenly, always keeping the first and the last."""
    if len(points) <= MAX_CHART_POINTS:
        return points
    keep = np.unique(np.round(np.linspace(0, len(points) - 1, MAX_CHART_POINTS)).astype(int))
    return [points[i] for i in keep]


def _loss_top(data: dict[str, list]) -> tuple[float, bool]:
    """(highest loss the axis must show, whether bigger losses are clipped to it); see chart()."""
    ys = np.array([v for points in data.values() for _, v in points], dtype=float)
    finite = ys[np.isfinite(ys)]
    if not finite.size:
        return 1.0, bool(ys.size)
    peak = float(ys.max())
    firsts = [points[0][1] for points in data.values() if math.isfinite(points[0][1])]
    limit = LOSS_CLIP * max([float(np.percentile(finite, 95)), *firsts])
    if 0 < limit < peak:
        return limit, True
    return (peak if peak > 0 else 1.0), False


def _axis(top: float, whole: bool = False) -> tuple[float, float]:
    """(axis end, tick step): a step of 1, 2 or 5 × 10^k giving about TICKS steps from 0 to at least top."""
    raw = top / TICKS
    scale = 10.0 ** math.floor(math.log10(raw))
    step = next(m * scale for m in (1, 2, 5, 10) if m * scale >= raw * (1 - 1e-9))
    if whole:
        step = max(step, 1.0)
    return math.ceil(top / step - 1e-9) * step, step


def _ticks(end: float, step: float) -> list[tuple[float, str]]:
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    count = round(end / step)
    return [(i * step, f"{i * step:.{decimals}f}") for i in range(count + 1)]


def _plot_rect(rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x, y, w, h = rect
    left, bottom, right, top = CHART_MARGINS
    return x + left, y + bottom, max(w - left - right, 1.0), max(h - bottom - top, 1.0)
