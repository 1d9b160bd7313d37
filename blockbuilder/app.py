"""Putting the editor together: its parts (headless), the one table of what each action id does, and
the window on top of them.

Every toolbar button, menu item and stage button names an action id; `actions` below is the only
place that says who handles which, so "who handles export" is one search.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial
from typing import Callable

from .document.project import Project
from .editor.controller import LANGUAGE_NAMES, Controller
from .editor.editor import Editor
from .editor.layout import approx_measure
from .lab.data_tools import DataTools
from .lab.lab import SPEEDS, Lab
from .lab.stage import StageControl
from .session.crash import Guard
from .session.examples import EXAMPLES
from .session.export_flow import Exporter
from .session.files import Session, start


def starter_project() -> Project:
    """What a child sees the first time: the XOR example, ready for ▶."""
    return next(e for e in EXAMPLES if e.name == "xor").project()


@dataclass
class App:
    """The editor's parts, wired together; the window draws and drives them."""

    editor: Editor
    controller: Controller
    lab: Lab
    stage: StageControl
    session: Session
    tools: DataTools
    exporter: Exporter


def assemble(project: Project | None = None, path: str | None = None, width: float = 1280, height: float = 800,
             clock=None, measure=approx_measure, settings=None, autosaver=None) -> App:
    """The editor on a project, headless. With no project: the last one (or the starter example), and
    the offer to bring back lost work."""
    editor = Editor(project or starter_project(), path, measure=measure)
    controller = Controller(editor, width, height, **({"clock": clock} if clock else {}))
    lab = Lab(editor)
    if project is None:
        session = start(controller, starter_project, settings, autosaver)
    else:
        session = Session(controller, settings, autosaver)
        session.switch_to(project, path)
    stage = StageControl(controller, lab)
    tools = DataTools(session, lab)
    exporter = Exporter(session, lab.export_source)
    controller.on_tick += [lab.tick, session.tick]
    controller.actions = actions(session, lab, stage, tools, exporter)
    return App(editor, controller, lab, stage, session, tools, exporter)


def actions(session: Session, lab: Lab, stage: StageControl, tools: DataTools,
            exporter: Exporter) -> dict[str, Callable[[], object]]:
    """Action id -> what does it, for the ids the controller does not handle itself (editing, zoom, trash)."""
    table = {
        # files, examples and the language: the session
        "new": session.new, "open": session.open, "save": session.save, "save_as": session.save_as,
        "examples": session.examples, "language": session.language, "request_close": session.request_close,
        # training: the lab; what the stage shows: the stage
        "lab_toggle": lab.toggle, "lab_step": lab.step_batch, "lab_step_epoch": lab.step_epoch,
        "lab_reset": lab.reset, "lab_speed": stage.speed_menu, "stage_big": stage.toggle_big,
        # changing the data from the stage: the data tools
        "own_points": tools.own_points, "points_clear": tools.points_clear, "open_csv": tools.open_csv,
        "regenerate": tools.regenerate,
        # Export to Scratch: the exporter
        "export": exporter.start,
    }
    table |= {f"example:{ex.name}": partial(session.open_example, ex) for ex in EXAMPLES}
    table |= {f"lang:{code}": partial(session.set_language, code) for code in LANGUAGE_NAMES}
    table |= {f"speed:{speed}": partial(lab.set_speed, speed) for speed in SPEEDS}
    return table


def make_window(project=None, path=None, width=None, height=None, visible=True, clock=None, scale=None):
    """The editor window on a project (the starter example if none), not yet running pyglet's loop. Without a
    size: the size it had last time (or 1280 x 800), made to fit the screen; without a scale: the screen's."""
    from .document.settings import load_settings
    from .view.fonts import register
    from .view.measure import text_measure
    from .view.window import EditorWindow, default_screen, fit_size, screen_scale, screen_size
    register()
    settings = load_settings()
    screen = default_screen()
    scale = scale or screen_scale(screen)
    if width is None or height is None:
        pixels = screen_size(screen)
        width, height = fit_size((pixels[0] / scale, pixels[1] / scale),
                                 (settings.window_width, settings.window_height))
    app = assemble(project, path, width, height, clock=clock, measure=text_measure(), settings=settings)
    window = EditorWindow(app.controller, width, height, visible=visible, scale=scale)
    window.app, window.session, window.lab, window.exporter = app, app.session, app.lab, app.exporter
    window.on_error = Guard(app.session, stop=app.lab.pause).catch   # keep the work, say so, log it
    return window


def quiet_collector() -> None:
    """No full garbage collection in the middle of a frame (it takes 50-70 ms with the window's objects): what
    exists after the start is frozen, and the window collects fully on a tick with nothing to draw."""
    import gc
    gc.collect()
    gc.freeze()
    gc.set_threshold(700, 10, 1_000_000)


def run() -> int:
    """Open the editor and run until its window closes; a machine without a screen gets one sentence."""
    from .document.words import UIProblem
    from .texts import msg
    try:
        import pyglet
        pyglet.options["debug_gl"] = False   # no glGetError after every GL call (read when pyglet.gl loads)
        window = make_window()
    except Exception as e:  # no display, no OpenGL, no GL libraries: pyglet raises many kinds
        raise UIProblem(msg("cli_no_window", detail=f"{type(e).__name__}: {e}"[:200])) from None
    window.started = time.perf_counter()
    from .view.window import BUILD_BUDGET
    window.budget = BUILD_BUDGET   # spread a zoom's or a language's rebuild over frames
    quiet_collector()
    pyglet.app.run(None)   # no redraw at 60 Hz: the window's clock tick draws when something changed
    return 0
