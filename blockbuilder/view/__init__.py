"""Everything that draws or opens a window: the pyglet view of the editor."""
