"""Starting the editor window: the font, the starting project, the window, pyglet's loop."""
from __future__ import annotations

import time


def starter_project():
    """What a child sees the first time: the XOR example, ready for ▶."""
    from .example_projects import EXAMPLES
    return next(e for e in EXAMPLES if e.name == "xor").project()


def make_window(project=None, path=None, width=1280, height=800, visible=True, clock=None):
    """The editor window on a project (the starter example if none), not yet running pyglet's loop."""
    from .controller import Controller
    from .editor import Editor
    from .view.fonts import register
    from .view.measure import text_measure
    from .view.window import EditorWindow
    from .files import start
    register()
    editor = Editor(project or starter_project(), path, measure=text_measure())
    controller = Controller(editor, width, height, **({"clock": clock} if clock else {}))
    from .lab import Lab
    from .stage import StageControl
    lab = Lab(editor)
    StageControl(controller, lab)
    controller.on_tick.append(lab.tick)
    window = EditorWindow(controller, width, height, visible=visible)
    if project is None:
        window.session = start(controller, starter_project)
    else:
        from .files import Session
        window.session = Session(controller)
        window.session._open(project, path)
    window.lab = lab
    from .data_tools import DataTools
    from .export_flow import install
    DataTools(window.session, lab)
    window.exporter = install(window.session, lab.export_source)
    return window


def run() -> int:
    """Open the editor and run until its window closes; a machine without a screen gets one sentence."""
    from .messages import UIProblem, msg
    try:
        import pyglet
        window = make_window()
    except Exception as e:  # no display, no OpenGL, no GL libraries: pyglet raises many kinds
        raise UIProblem(msg("cli_no_window", detail=f"{type(e).__name__}: {e}"[:200])) from None
    window.started = time.perf_counter()
    pyglet.app.run()
    return 0
