"""What the stage reads out of the lab: the status line, the sentence under it, the data plot's frame and colours.

Plain functions of the lab, headless; view/stage.py draws the words, view/stage_maps.py the plot in its frame.
"""
from __future__ import annotations

import math

import numpy as np

from runtime import Message

from .data_tools import CLASSES
from .lab import Lab
from .maps import Frame, frame_for, legend
from .texts import msg

HUGE_LOSS = 1e6       # a loss at least this big (or not a number at all) reads "very big", not 6296823235912089…


def data_kind(lab: Lab) -> str:
    """"points" (2-D data), "digits" (8x8 pictures), "curve" (1 input -> a number), or "other"."""
    data = lab.train_set
    if data is None:
        return "none"
    if data.n_inputs == 2:
        return "points"
    if tuple(data.extra.get("image_shape", ())) == (8, 8):
        return "digits"
    if data.n_inputs == 1 and data.task == "regress":
        return "curve"
    return "other"


def status_parts(lab: Lab, lang: str) -> list[str]:
    """["Epoch 12 / 300", "loss 0.123", "accuracy 98%"]: what the counter shows, each part kept on one line."""
    t = lambda key, **kw: msg(key, **kw).text(lang)  # noqa: E731
    parts = [lab.counter().text(lang)]
    if lab.history:
        last = lab.history[-1]
        loss = last.test_loss if last.test_loss is not None else last.train_loss
        parts.append(loss_text(loss, lang))
        acc = last.test_accuracy if last.test_accuracy is not None else last.train_accuracy
        if acc is not None:
            parts.append(t("lab_accuracy", percent=f"{100 * acc:.0f}"))
    return parts


def status_line(lab: Lab, lang: str) -> str:
    """"Epoch 12 / 300  loss 0.123  accuracy 98%" — the counter's parts on one line."""
    return "  ".join(status_parts(lab, lang))


def loss_text(loss: float | None, lang: str) -> str:
    """"loss 0.123"; a loss that blew up (huge, infinite, not a number) as words a child reads: "loss: very big"."""
    if loss is None or not math.isfinite(loss) or abs(loss) >= HUGE_LOSS:
        return msg("lab_loss_huge").text(lang)
    return msg("lab_loss", loss=f"{loss:.3f}" if abs(loss) < 1000 else f"{loss:.0f}").text(lang)


def message(lab: Lab) -> Message | None:
    """The one sentence under the controls: a problem, a stop reason, or what to do next."""
    if lab.message is not None:
        return lab.message
    return {"ready": msg("lab_ready"), "running": msg("lab_running"), "paused": msg("lab_paused")}.get(lab.status)


def plot_frame(lab: Lab):
    """The square of the plane the data plot shows: around every point, or -1..1 with none yet. A child's
    own points keep -1..1 in view, so the plot does not jump while they are added."""
    own = own_points(lab)
    if own is not None:
        return frame_for(np.array([[-1.0, -1.0], [1.0, 1.0]]), own[0])
    sets = [d.x for d in (lab.train_set, lab.test_set) if d is not None and len(d.x) and d.n_inputs == 2]
    if not sets:
        return Frame((-1.0, -1.0), (1.0, 1.0))
    return frame_for(*sets)


def value_range(lab: Lab) -> tuple[float, float] | None:
    """The numbers to predict, from smallest to largest (regression data), for the map's and points' colours."""
    data = lab.train_set
    if data is None or data.task != "regress" or not len(data.y):
        return None
    y = np.asarray(data.y, float)[:, 0]
    return float(np.min(y)), float(np.max(y))


def legend_text(lab: Lab, lang: str) -> str:
    """What the data plot's colours mean, for the line under it ("" before there is a network)."""
    if lab.network is None or data_kind(lab) != "points":
        return ""
    return legend(lab.network.spec, value_range(lab)).text(lang)


def own_points(lab: Lab) -> tuple[np.ndarray, np.ndarray] | None:
    """((N, 2) places, (N,) class numbers) of the points a child drew on the data hat, or None when the data is
    not drawn points. Read from the hat, so they show even before there are two colours to learn from."""
    data = lab.compiled.data if lab.compiled is not None else None
    if data is None or data.kind != "data_points":
        return None
    ok = [p for p in data.points or [] if isinstance(p, (list, tuple)) and len(p) == 3]
    xy = np.array([[float(p[0]), float(p[1])] for p in ok]).reshape(-1, 2)
    classes = np.array([_class_number(p[2]) for p in ok], dtype=int)
    return xy, classes


def _class_number(label) -> int:
    """The colour of a drawn point: its class number (the stage adds 0, 1, 2); a typed name gets a fixed one."""
    try:
        return int(label)
    except (TypeError, ValueError):
        return sum(map(ord, str(label))) % len(CLASSES)
