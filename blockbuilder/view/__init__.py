"""The view: everything that draws or opens a window, with pyglet — the only room that imports it.

Owns the editor window (one pyglet Window, batches and groups), drawing blocks, the overlay
(menus, fields, dialogs, the drag), the stage's pictures, the theme's colours, the bundled font,
and the few words only the window draws. It turns what the editor, the lab and the dialogs
describe (rectangles, texts, pictures) into shapes, and pyglet's events into the controller's calls.

May import: pyglet, numpy, blockbuilder.document, .editor, .lab, runtime, the standard library.
"""
