"""blockbuilder: children build neural networks from blocks, watch them learn, and export them to Scratch.

The rooms follow the one data flow (shared/DESIGN.md), each importing only the rooms before it:

    document/   the project: catalog, model and file, compile, grammar, edits, settings
    editor/     editing it, headless: layout, controller, dialogs, file chooser
    lab/        training it in the window, and what the stage shows
    session/    its files: open, save, examples, autosave and recovery, export to Scratch
    view/       drawing all of the above with pyglet (the only room that imports pyglet)

At the front door: cli.py (the `blockbuilder` command), app.py (puts the rooms together into the
editor window, and builds its one table of actions), texts.py (the command line's words).
"""
__version__ = "0.1.0"
