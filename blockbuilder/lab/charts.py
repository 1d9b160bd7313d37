"""The loss and accuracy charts: each series fitted into a rectangle, thinned, with round ticks and titles; the
last tries' curves beside the current one, and the legend of tries (what changed, how well it did).

Plain numbers and words (tested without a screen); view/stage_charts.py draws the lines, ticks and texts as given.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from ..editor.layout import approx_measure, wrap_text
from .runs import Run
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
TRIES = (8, 11)               # points and pixels from line to line of the legend of tries
TRY_SWATCH = 18               # a try's line in the legend, and the gap after it
TRY_LINES = 3                 # a try's label takes at most this many lines (the last one cut short with "…")


@dataclass(frozen=True)
class Chart:
    """A line chart in screen coordinates (y up); the view draws lines, ticks and texts as given."""

    series: dict[str, list[tuple[float, float]]]   # "run0".."run2" (old tries, first), "train", "test": points
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
          measure=approx_measure, others: list[Run] = ()) -> Chart:
    """Train and test `metric` ("loss" or "accuracy") per epoch, fitted into `rect` (x, y, w, h).

    Accuracy runs on a 0..100 % axis. The loss axis starts at 0 and ends at a round number at
    or above the largest loss, unless that loss is more than LOSS_CLIP times the larger of the
    first loss and the 95th percentile of the losses drawn: then the axis ends there, so one
    huge loss cannot flatten the rest; bigger losses sit on the top edge and `note` says so.
    Series with no numbers (no test data; accuracy of a regression) are left out; each series
    has at most MAX_CHART_POINTS points, the first and last epoch always among them. Each of the
    `others` (old tries) adds one series, "run" + its colour: its test values, or its training
    values when it had no test data; the axes fit them too.

    The y title sits at the top left, the legend beside it (or on a row of its own under it when it does
    not fit), the x title under the axis at the right; ticks are as many as have room for their labels.
    """
    t = lambda key: msg(key).text(lang)  # noqa: E731
    found = {name: _series(history, key, metric) for name, key in zip(("train", "test"), CHART_SERIES[metric])}
    data = {name: _thin(points) for name, points in found.items() if points}
    old = {f"run{r.colour}": _thin(try_series(r.history, metric)) for r in others}
    data = {**{k: v for k, v in old.items() if v}, **data}
    names = [(name, t(f"insight_{name}")) for name in data if not name.startswith("run")]
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

    empty = not history and len(data) == len(names)       # nothing yet, not even an old try's curve
    note = "insight_chart_clipped" if clipped else "insight_chart_empty" if empty else ""
    return Chart({name: [(sx(e), sy(v)) for e, v in points] for name, points in data.items()},
                 [(sx(v), label) for v, label in _ticks(x_end, x_step)],
                 [(sy(v), label) for v, label in _ticks(y_end, y_step)],
                 t("insight_epoch"), y_title, plot, names, t(note) if note else "",
                 legend_at, (x + 6, y + h - 10), (px + pw, py - 24))


def try_series(history, metric: str) -> list[tuple[float, float]]:
    """The one series an old try shows: its test values, or its training values when it had no test data."""
    train, test = CHART_SERIES[metric]
    return _series(history, test, metric) or _series(history, train, metric)


@dataclass(frozen=True)
class TryRow:
    """One try in the legend of tries: its line's colour, how well it did, and its label in lines."""

    key: str                  # the series of its line: "run0".."run2", or "test" ("train") for the current try
    value: str                # final test accuracy ("98%") or, for numbers, final test loss; "" before training
    lines: tuple[str, ...]    # the label ("now: " first for the current try), wrapped, at most TRY_LINES


def tries_legend(tries: list[Run], lang: str, width: float, measure=approx_measure,
                 most: int = TRY_LINES) -> list[TryRow]:
    """The tries oldest first, the current one last, each wrapped into `width` after its line and its value, in
    at most `most` lines."""
    values = [_final(r) for r in tries]
    left = value_room(values, measure)
    rows = []
    for r, value in zip(tries, values):
        text = r.label.text(lang) if r.colour >= 0 else msg("runs_now", label=r.label).text(lang)
        no_test = r.history and all(s.test_loss is None for s in r.history)
        key = f"run{r.colour}" if r.colour >= 0 else "train" if no_test else "test"
        rows.append(TryRow(key, value, _cut(text, measure, width - left, TRIES[0], most)))
    return rows


def value_room(values: list[str], measure=approx_measure) -> float:
    """Where a try's label starts: after its line and the widest value."""
    return TRY_SWATCH + max([measure(v) * TRIES[0] / 13 for v in values] + [0.0]) + 6


def tries_height(rows: list[TryRow], most: int = TRY_LINES) -> float:
    """How tall the legend of these rows is (with each try cut to `most` lines)."""
    return TRIES[1] * sum(min(len(r.lines), most) for r in rows) + 8


def try_places(rows: list[TryRow], rect: tuple[float, float, float, float],
               measure=approx_measure) -> list[tuple[float, float, float, list[float]]]:
    """Per row, in rect (x, y, w, h) from the top: (the y of its line, the right end of its value, the left of
    its label, the y of each label line); its line runs from x + 6, 14 px long. Whole pixels."""
    x, y, w, h = rect
    left = round(x + 6 + value_room([r.value for r in rows], measure))
    top = y + h - 4
    out = []
    for r in rows:
        ys = [round(top - TRIES[1] * (i + 0.5)) for i in range(len(r.lines))]
        out.append((ys[0], left - 6, left, ys))
        top -= TRIES[1] * len(r.lines)
    return out


def _final(r: Run) -> str:
    """"98%" (test accuracy, else training accuracy) or a loss for numbers; "" before the try trained."""
    last = r.last
    if last is None:
        return ""
    acc = last.test_accuracy if last.test_accuracy is not None else last.train_accuracy
    if acc is not None and not math.isnan(acc):
        return f"{100 * acc:.0f}%"
    loss = last.test_loss if last.test_loss is not None else last.train_loss
    return f"{loss:.3f}" if math.isfinite(loss) and abs(loss) < 1000 else "—"


@functools.lru_cache(maxsize=512)
def _cut(text: str, measure, width: float, size: float, most: int) -> tuple[str, ...]:
    """Wrapped into at most `most` lines; a longer text ends its last line with "…". (Remembered: the stage is
    laid out again on every pointer move.)"""
    lines = wrap_text(text, measure, width, size)
    if len(lines) <= most:
        return tuple(lines)
    last = lines[most - 1]
    while last and measure(last + "…") * size / 13 > width:
        last = last[:-1]
    return (*lines[:most - 1], last.rstrip() + "…")


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
