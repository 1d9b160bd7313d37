"""The lab: training in the window, and what the stage shows about it and why.

Owns the training lab (▶ trains between frames, each stretch one undoable edit), what "Export to
Scratch" hands over (ExportSource), the stage's layout and its control (buttons, tabs, clicks on
the views), the maps and the network diagram, looking inside a neuron, the charts, the last
tries and what changed between them, the learning coach (why a network is not learning well and
which block to change), the digits views, and the data tools over the data plot.

May import: blockbuilder.document, blockbuilder.editor, runtime and sb3_export (through their
front doors), numpy, the standard library. Never pyglet, the session or the view.
"""
