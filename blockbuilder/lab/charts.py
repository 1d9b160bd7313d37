"""The loss and accuracy charts: each series fitted into a rectangle, thinned, with round ticks and titles.

Plain numbers and words (tested without a screen); view/stage_charts.py draws the lines, ticks and texts as given.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..editor.layout import approx_measure
from .texts import msg

MAX_CHART_POINTS = 300        # per series; longer histories are thinned evenly
CHART_MARGINS = (46.0, 34.0, 10.0, 24.0)   # left, bottom, right, top: tick labels, x title; y title (and legend)
LEGEND_ROW = 16               # the top margin grows by this when the legend does not fit beside the y title
TICKS = 5                     # about this many steps between ticks
TICK_ROOM = (34.0, 13.0)      # at least this many pixels between two x ticks, two y ticks: their labels never touch
LOSS_CLIP = 2.0               # see _loss_top
HUGE_LOSS = 1e6               # a bigger loss is a blow-up: drawn at the top edge, never an axis of 16-digit ticks
SIZES = {"tick": 8, "title": 9, "x_title": 8, "legend": 8, "note": 8}   # points of each kind of text
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
    legend_at: list[tuple[float, float]] = ()      # where each legend entry's line starts (its name 17 px right)
    y_title_at: tuple[float, float] = (0.0, 0.0)   # left end of the y title (labels are centred on y)
    x_title_at: tuple[float, float] = (0.0, 0.0)   # right end of the x title


def chart_texts(c: Chart, measure) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(text, (x, y, w, h)) of every text the chart draws (not the note, which wraps inside the plot), for
    checking that none of them lie over another."""
    def box(text, x, y, kind, anchor="left"):
        w = measure(text) * SIZES[kind] / 13
        h = SIZES[kind] * 4 / 3
        left = {"left": x, "center": x - w / 2, "right": x - w}[anchor]
        return text, (left, y - h / 2, w, h)
    px, py, pw, ph = c.plot
    out = [box(label, x, py - 9, "tick", "center") for x, label in c.x_ticks]
    out += [box(label, px - 4, y, "tick", "right") for y, label in c.y_ticks]
    out += [box(c.y_title, *c.y_title_at, "title"), box(c.x_title, *c.x_title_at, "x_title", "right")]
    out += [box(name, x + 17, y, "legend") for (_, name), (x, y) in zip(c.legend, c.legend_at)]
    return out


def chart(history: list, metric: str, rect: tuple[float, float, float, float], lang: str,
          measure=approx_measure) -> Chart:
    """Train and test `metric` ("loss" or "accuracy") per epoch, fitted into `rect` (x, y, w, h).

    Accuracy runs on a 0..100 % axis. The loss axis starts at 0 and ends at a round number at
    or above the largest loss, unless that loss is more than LOSS_CLIP times the larger of the
    first loss and the 95th percentile of the losses drawn: then the axis ends there, so one
    huge loss cannot flatten the rest; bigger losses sit on the top edge and `note` says so.
    Series with no numbers (no test data; accuracy of a regression) are left out; each series
    has at most MAX_CHART_POINTS points, the first and last epoch always among them.

    The y title sits at the top left, the legend beside it (or on a row of its own under it when it does
    not fit), the x title under the axis at the right; ticks are as many as have room for their labels.
    """
    t = lambda key: msg(key).text(lang)  # noqa: E731
    found = {name: _series(history, key, metric) for name, key in zip(("train", "test"), CHART_SERIES[metric])}
    data = {name: _thin(points) for name, points in found.items() if points}
    names = [(name, t(f"insight_{name}")) for name in data]
    y_title = t(CHART_TITLES[metric])
    widths = [17 + measure(text) * SIZES["legend"] / 13 + 12 for _, text in names]
    x, y, w, h = rect
    beside = 6 + measure(y_title) * SIZES["title"] / 13 + 12 + sum(widths) <= w - 8
    plot = _plot_rect(rect, 0 if beside or not names else LEGEND_ROW)
    px, py, pw, ph = plot
    lx = x + w - 8 - sum(widths) + 12 if beside else x + 6
    ly = y + h - 10 if beside else y + h - 10 - LEGEND_ROW
    legend_at = [(lx + sum(widths[:i]), ly) for i in range(len(names))]
    top, clipped = (100.0, False) if metric == "accuracy" else _loss_top(data)
    x_end, x_step = _axis(max([p[-1][0] for p in data.values()] + [1.0]), whole=True, ticks=pw / TICK_ROOM[0])
    y_end, y_step = _axis(top, ticks=ph / TICK_ROOM[1])

    def sx(v: float) -> float:
        return px + pw * v / x_end

    def sy(v: float) -> float:
        return py + ph * min(max(v, 0.0), y_end) / y_end

    note = "insight_chart_clipped" if clipped else "insight_chart_empty" if not history else ""
    return Chart({name: [(sx(e), sy(v)) for e, v in points] for name, points in data.items()},
                 [(sx(v), label) for v, label in _ticks(x_end, x_step)],
                 [(sy(v), label) for v, label in _ticks(y_end, y_step)],
                 t("insight_epoch"), y_title, plot, names, t(note) if note else "",
                 legend_at, (x + 6, y + h - 10), (px + pw, py - 24))


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
    finite = ys[np.isfinite(ys) & (ys < HUGE_LOSS)]
    if not finite.size:
        return 1.0, bool(ys.size)
    peak = float(ys.max())
    firsts = [points[0][1] for points in data.values() if math.isfinite(points[0][1]) and points[0][1] < HUGE_LOSS]
    limit = LOSS_CLIP * max([float(np.percentile(finite, 95)), *firsts])
    if 0 < limit < peak:
        return limit, True
    return (peak if peak > 0 else 1.0), False


def _axis(top: float, whole: bool = False, ticks: float = TICKS) -> tuple[float, float]:
    """(axis end, tick step): a step of 1, 2 or 5 × 10^k giving about TICKS steps (fewer when only `ticks`
    have room, at least 1) from 0 to at least top."""
    raw = top / max(1.0, min(float(TICKS), ticks))
    scale = 10.0 ** math.floor(math.log10(raw))
    step = next(m * scale for m in (1, 2, 5, 10) if m * scale >= raw * (1 - 1e-9))
    if whole:
        step = max(step, 1.0)
    return math.ceil(top / step - 1e-9) * step, step


def _ticks(end: float, step: float) -> list[tuple[float, str]]:
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    count = round(end / step)
    return [(i * step, f"{i * step:.{decimals}f}") for i in range(count + 1)]


def _plot_rect(rect: tuple[float, float, float, float], extra_top: float = 0) -> tuple[float, float, float, float]:
    x, y, w, h = rect
    left, bottom, right, top = CHART_MARGINS
    return x + left, y + bottom, max(w - left - right, 1.0), max(h - bottom - top - extra_top, 1.0)
