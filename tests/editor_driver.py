"""Runs the real editor window (app.make_window and pyglet's loop, headless EGL when PYGLET_HEADLESS=1) and,
once the loop runs, makes one edit through the editor as a click would: the starter's hidden layer gets
7 neurons. Prints "edited" when done, then runs until it is killed. For tests that kill -9 the editor."""
from __future__ import annotations

import sys

import pyglet

from blockbuilder.app import make_window


def main() -> None:
    window = make_window(width=1024, height=600, visible=False)

    def edit(dt: float) -> None:
        window.app.editor.set_param("hidden", "units", 7)
        print("edited", flush=True)
    pyglet.clock.schedule_once(edit, 0.5)
    pyglet.app.run()


if __name__ == "__main__":
    sys.exit(main())
