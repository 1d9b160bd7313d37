"""The editor, headless: editing a project with the pointer and the keys, without drawing anything.

Owns the editor (selection, drag and drop, trash, clipboard, each action one undoable edit), block
layout and hit-testing, the window's screen geometry and camera, the input controller, key codes,
the dialogs and the in-window file chooser.

May import: blockbuilder.document, runtime, numpy, the standard library. Never pyglet (view/
draws what this room describes), never the lab, the session or the view.
"""
