"""Colours of the editor window, chosen for a projector: dark words on light blocks, white on dark ones."""
from __future__ import annotations

TOOLBAR = "#4C97FF"       # Scratch's menu bar blue
TOOLBAR_TEXT = "#FFFFFF"
TOOLBAR_BUTTON = "#3373CC"
TOOLBAR_OFF = "#7FB2FF"
PRIMARY = "#E8700A"        # the button that does the thing (Save, Open, Restore): Scratch orange, darkened
CODE_BG = "#F9F9F9"
GRID = "#E4E4EC"
PANEL_BG = "#FFFFFF"
PANEL_EDGE = "#D9D9E3"
INK = "#2B2D42"           # ordinary text
MUTED = "#575E75"         # Scratch's text grey
BLOCK_TEXT = "#FFFFFF"
FIELD_TEXT = "#3B3F52"
GHOST = ("#C8C8D0", "#9A9AA8")
PROBLEM = "#E0243B"
SELECT = "#FFAB19"        # Scratch's glow orange
TAG_BG = "#4A4F66"
TAG_TEXT = "#FFFFFF"
COMMENT_BG = "#FEF49C"    # Scratch's comment yellow
COMMENT_EDGE = "#D9C93C"
MENU_BG = "#FFFFFF"
MENU_HOVER = "#E5F0FF"
BUBBLE_BG = "#FFFFFF"
TOAST_BG = "#2B2D42"
DIALOG_SHADE = (0, 0, 0, 110)
CLASS_COLOURS = ("#F28E2B", "#4E79A7", "#59A14F", "#E15759", "#B07AA1", "#76B7B2", "#EDC948", "#9C755F",
                 "#FF9DA7", "#BAB0AC")

# Words on blocks: dark on the light yellow, green and pink categories, white on blue.
_TEXT_ON = {"data": "#3D2E00", "output": "#0B330B", "training": "#4A0012", "layers": "#FFFFFF"}


def text_on(category: str) -> str:
    return _TEXT_ON.get(category, "#FFFFFF")


def rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))
