"""The session: a project's life in files.

Owns New, Open, Save and Save as, the built-in examples, the language setting, asking before work
is lost, autosave and the recovery offer after a crash, and "Export to Scratch" (where to, whether
it fits, writing it, what to do next).

May import: blockbuilder.document, .editor, .lab, runtime and sb3_export (through their front
doors), numpy, the standard library. Never pyglet or the view.
"""
