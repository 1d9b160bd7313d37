"""Text widths from the bundled font, for layout.py (which only knows a `measure` function)."""
from __future__ import annotations

import functools

import pyglet

from ..editor.layout import FONT_PT, wrap_text
from .fonts import FONT_NAME, register


def text_measure():
    """measure(text) -> width in pixels of text at the block size (FONT_PT), from the font's advances."""
    register()
    font = pyglet.font.load(FONT_NAME, FONT_PT)

    @functools.lru_cache(maxsize=8192)
    def measure(text: str) -> float:
        glyphs, positions = font.get_glyphs(text)
        return float(sum(g.advance + p.x_advance for g, p in zip(glyphs, positions)))
    return measure


@functools.cache
def font_measure():
    """One text_measure for the whole window (its cache shared by every caller)."""
    return text_measure()


def wrapped(text: str, width: float, size: float) -> str:
    """Text broken into lines that fit `width` at `size` by layout.wrap_text (pyglet's own wrapping breaks
    only at spaces, and Japanese has none), for a multiline label."""
    return "\n".join(wrap_text(text, font_measure(), width, size))


def clip_text(text: str, measure, width: float, size: float = FONT_PT) -> str:
    """Text cut short with … to fit `width` at font `size` (measure gives widths at FONT_PT)."""
    scale = size / FONT_PT
    if measure(text) * scale <= width:
        return text
    while text and measure(text + "…") * scale > width:
        text = text[:-1]
    return text + "…"

