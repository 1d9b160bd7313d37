"""The stage's layout, pure geometry: the control rows, the tabs (or every view at once), where each view goes.

Also the data tools' rows and the look-inside panel's buttons. Screen coordinates as in screen.py (pixels,
y up); tested with numbers. view/stage.py draws what `layout` describes, stage.py answers presses on it.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..editor.screen import BUTTON_H, Button, Rect
from .data_tools import tool_specs
from .lab import Lab
from .texts import msg

if TYPE_CHECKING:
    from .stage import StageState

PAD = 10
ROW = BUTTON_H + 8
TABS_H = 34
TOOL_H = 32            # the data tools and the look-inside panel's buttons
LEGEND_H = 48          # up to three short lines under the data plot: what its colours mean
BIG_MIN = 520          # a stage at least this wide shows every view at once, without tabs


@dataclass(frozen=True)
class StageLayout:
    area: Rect
    buttons: list[Button]                      # play/pause, step, epoch, reset, speed, bigger/smaller
    status: Rect                               # the epoch counter and loss line
    tabs: list[Button]
    panels: dict[str, Rect] = field(default_factory=dict)   # view name -> where it goes
    tools: list[Button] = field(default_factory=list)       # the data tools over the data view (data_tools.py)


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


def tabs_for(kind: str) -> list[str]:
    return ["digits" if kind == "digits" else "data", "network", "charts"]


def layout(area: Rect, lab: Lab, state: StageState, lang: str, measure) -> StageLayout:
    """Controls on top, then tabs (a narrow stage) or every view at once (a big one)."""
    t = lambda key, **kw: msg(key, **kw).text(lang)  # noqa: E731
    top = area.top - PAD
    running = lab.status == "running"
    can = lab.can_train()
    row1 = [("lab_toggle", t("lab_pause") if running else t("lab_play"), can, running),
            ("lab_step", t("lab_step"), can, False), ("lab_step_epoch", t("lab_step_epoch"), can, False),
            ("lab_reset", t("lab_reset"), lab.network is not None and can, False)]
    row2 = [("lab_speed", t("lab_speed", speed=t("lab_speed_" + lab.speed)) + " ▼", can, False),
            ("stage_big", t("lab_small") if state.big else t("lab_big"), True, state.big),
            ("export", t("lab_export"), lab.network is not None, False)]
    buttons: list[Button] = []
    y = top
    for row in (row1, row2):     # each row wraps rather than run off the stage
        buttons += _flow(row, area.x + PAD, area.x + area.w - PAD, y, BUTTON_H, ROW, measure, 12, 18)
        y = buttons[-1].rect.y - (ROW - BUTTON_H)
    y -= BUTTON_H
    status = Rect(area.x + PAD, y + BUTTON_H - 30, area.w - 2 * PAD, 36)
    y = status.y - 6
    kind = data_kind(lab)
    names = tabs_for(kind)
    body_top = y
    tabs: list[Button] = []
    panels: dict[str, Rect] = {}
    specs = tool_specs(lab, state.own_class, state.show_test, kind, lang)
    if area.w >= BIG_MIN:
        body = Rect(area.x + PAD, area.y + PAD, area.w - 2 * PAD, body_top - area.y - PAD)
        left, right = _split_h(body, 0.5)
        tools, right = _tool_rows(right, specs, measure)
        panels = _all_views(left, right, kind, classes=not _regression(lab))
    else:
        x = area.x + PAD
        if state.tab not in names:
            state.tab = names[0]
        texts = [t("tab_" + name) for name in names]
        room = area.w - 2 * PAD - 4 * (len(names) - 1)
        widths = [measure(text) * 12 / 13 for text in texts]    # tab labels are drawn at 12 pt
        pad = max(6.0, min(22.0, (room - sum(widths)) / len(names)))
        for name, text, w in zip(names, texts, widths):
            tabs.append(Button("tab:" + name, Rect(x, y - TABS_H, w + pad, TABS_H), text, True, state.tab == name))
            x += w + pad + 4
        body = Rect(area.x + PAD, area.y + PAD, area.w - 2 * PAD, y - TABS_H - 8 - area.y - PAD)
        tools = []
        if state.tab in ("data", "digits"):
            tools, body = _tool_rows(body, specs, measure)
        panels = _one_view(body, state.tab, kind, classes=not _regression(lab))
    if _regression(lab):
        panels = _without_accuracy(panels)
    return StageLayout(area, buttons, status, tabs, panels, tools)


def _regression(lab: Lab) -> bool:
    return lab.train_set is not None and lab.train_set.task == "regress"


def _without_accuracy(panels: dict[str, Rect]) -> dict[str, Rect]:
    """Numbers have no accuracy to chart: the loss chart takes its place too."""
    if "accuracy" not in panels or "loss" not in panels:
        return panels
    loss, acc = panels["loss"], panels.pop("accuracy")
    x, y = min(loss.x, acc.x), min(loss.y, acc.y)
    panels["loss"] = Rect(x, y, max(loss.x + loss.w, acc.x + acc.w) - x, max(loss.top, acc.top) - y)
    return panels


def _flow(specs, left: float, right: float, top: float, h: float, step: float, measure, pt: float,
          pad: float) -> list[Button]:
    """Buttons (id, text, enabled, toggled) left to right from `top` down, a new row when one would pass
    `right`; each as wide as its text at `pt` points plus `pad`."""
    out, x, y = [], left, top - h
    for id, text, on, toggled in specs:
        w = measure(text) * pt / 13 + pad
        if x + w > right and x > left:
            x, y = left, y - step
        out.append(Button(id, Rect(x, y, w, h), text, on, toggled))
        x += w + 6
    return out


def _tool_rows(r: Rect, specs, measure) -> tuple[list[Button], Rect]:
    """The data tools in rows at the top of r, and what is left below."""
    out = _flow([(id, text, True, toggled) for id, text, toggled in specs], r.x, r.x + r.w, r.top, TOOL_H,
                TOOL_H + 4, measure, 11, 20)
    if not out:
        return out, r
    return out, Rect(r.x, r.y, r.w, out[-1].rect.y - 8 - r.y)


def _square(r: Rect) -> Rect:
    s = min(r.w, r.h)
    return Rect(r.x + (r.w - s) / 2, r.top - s, s, s)


def _split_v(r: Rect, share: float, gap: float = 8) -> tuple[Rect, Rect]:
    """(top part, bottom part) of a rectangle."""
    h = (r.h - gap) * share
    return Rect(r.x, r.top - h, r.w, h), Rect(r.x, r.y, r.w, r.h - h - gap)


def _split_h(r: Rect, share: float, gap: float = 10) -> tuple[Rect, Rect]:
    w = (r.w - gap) * share
    return Rect(r.x, r.y, w, r.h), Rect(r.x + w + gap, r.y, r.w - w - gap, r.h)


def _one_view(body: Rect, tab: str, kind: str, classes: bool = False) -> dict[str, Rect]:
    if tab == "data" and kind == "other":
        if not classes:
            return {"summary": body}
        summary, rest = _split_v(body, 0.3)
        return {"summary": summary, "confusion": _square(rest)}
    if tab == "data":
        plot, info = _split_v(body, 0.72)
        return {**_plot_and_legend(plot), "info": info}
    if tab == "digits":
        guesses, rest = _split_v(body, 0.5)
        confusion, pad = _split_h(rest, 0.5)
        return {"guesses": guesses, "confusion": _square(confusion),
                "pad": _square(Rect(pad.x, pad.y + 16, pad.w, pad.h - 16))}
    if tab == "network":
        diagram, info = _split_v(body, 0.62)
        return {"diagram": diagram, "info": info}
    loss, accuracy = _split_v(body, 0.5, gap=14)
    return {"loss": loss, "accuracy": accuracy}


def _plot_and_legend(r: Rect) -> dict[str, Rect]:
    """The data plot as a square at the top of r, and under it the line that says what the colours mean."""
    plot = _square(Rect(r.x, r.y + LEGEND_H + 4, r.w, r.h - LEGEND_H - 4))
    return {"plot": plot, "legend": Rect(plot.x, plot.y - LEGEND_H - 4, plot.w, LEGEND_H)}


def _all_views(left: Rect, right: Rect, kind: str, classes: bool = False) -> dict[str, Rect]:
    """Left: the network and what one neuron computes; right: the data (or digits) over the charts."""
    diagram, info = _split_v(left, 0.62)
    panels = {"diagram": diagram, "info": info}
    if kind == "digits":
        guesses, rest = _split_v(right, 0.3)
        middle, charts = _split_v(rest, 0.42)
        conf, pad = _split_h(middle, 0.5)
        loss, accuracy = _split_v(charts, 0.5)
        panels.update(guesses=guesses, confusion=_square(conf), pad=_square(Rect(pad.x, pad.y + 16, pad.w, pad.h - 16)),
                      loss=loss, accuracy=accuracy)
        return panels
    if kind in ("points", "curve", "none"):
        shown = _plot_and_legend(right)
        right = Rect(right.x, right.y, right.w, shown["legend"].y - 8 - right.y)
        panels.update(shown)
    elif kind == "other":
        summary, right = _split_v(right, 0.22)
        panels["summary"] = summary
        if classes:
            confusion, right = _split_v(right, 0.45)
            panels["confusion"] = _square(confusion)
    loss, accuracy = _split_v(right, 0.5)
    panels.update(loss=loss, accuracy=accuracy)
    return panels


def info_buttons(rect: Rect, state: StageState, lang: str, measure, lab: Lab) -> list[Button]:
    """The buttons at the bottom of the look-inside panel, in rows from the bottom up when they do not fit."""
    t = lambda key, **kw: msg(key, **kw).text(lang)  # noqa: E731
    if state.stepping is not None:
        ids = [("step_next", t("stage_step_next")), ("step_stop", t("stage_step_stop"))]
    else:
        ids = [("step_start", t("stage_step_start"))]
        if state.neuron is not None:
            ids.append(("bias", t("stage_bias_edit")))
    out = _flow([(id, text, lab.network is not None, False) for id, text in ids], rect.x + 8, rect.x + rect.w - 8,
                rect.top, TOOL_H, TOOL_H + 4, measure, 11, 20)
    lift = rect.y + 8 - out[-1].rect.y          # the last row sits at the panel's bottom
    return [replace(b, rect=Rect(b.rect.x, b.rect.y + lift, b.rect.w, b.rect.h)) for b in out]
