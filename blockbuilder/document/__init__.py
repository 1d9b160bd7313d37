"""The document: what a project is, on disk and in memory, and what it means.

Owns the block catalog, the project model and its file (loading, atomic saving, migrations, the
JSON Schema), compile (blocks -> the runtime's NetworkSpec and every problem on its block), the
block grammar (what may go where), the data hats, reversible edits and history, the trained
weights kept in a project, the user's settings, number fields, and these sentences (texts.py).

May import: runtime (through its front door), pydantic, numpy, the standard library. Nothing
else in blockbuilder: every other room builds on this one.
"""
