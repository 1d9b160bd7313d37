"""The editor's one font: the bundled Noto Sans JP, its registration with pyglet, and a glyph check."""
from __future__ import annotations

import unicodedata
from pathlib import Path

# pyglet does no per-glyph fallback, so every label uses this one family (Latin and Japanese).
FONT_NAME = "Noto Sans JP"
FONT_PATH = Path(__file__).with_name("fonts") / "NotoSansJP-Regular.otf"

_registered = False


def register() -> None:
    """Make FONT_NAME available to pyglet from the bundled file; safe to call again, and before any window."""
    global _registered
    if _registered:
        return
    import pyglet.font  # imported here: pyglet opens a (shadow) GL context on import

    # Pass bytes: add_file() given a str path leaves the file open, and does not accept a Path.
    pyglet.font.add_file(FONT_PATH.read_bytes())
    _registered = True


def missing_glyphs(text: str) -> set[str]:
    """The characters of `text` (not counting whitespace and control characters) the bundled font cannot draw."""
    register()
    import pyglet.font

    font = pyglet.font.load(FONT_NAME, 12)
    if font.name != FONT_NAME:  # pyglet silently substitutes a default font for an unknown name
        raise RuntimeError(f"pyglet loaded {font.name!r} instead of the bundled {FONT_NAME!r}")
    face = getattr(font, "face", None)
    if not hasattr(face, "get_character_index"):  # only pyglet's FreeType backend (Linux) exposes the face
        raise NotImplementedError(f"cannot look up glyphs with pyglet's {type(font).__name__}")
    return {ch for ch in set(text)
            if not ch.isspace() and unicodedata.category(ch) != "Cc" and face.get_character_index(ch) == 0}
