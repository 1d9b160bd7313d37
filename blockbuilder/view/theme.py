"""Colours of the editor window, chosen for a projector: every text reaches WCAG AA (4.5:1) on what is
behind it (tests/test_contrast.py), dark words on light blocks, white on dark blues."""
from __future__ import annotations

# Scratch's menu bar is #4C97FF, on which white text reaches only 2.9:1; its own darker blue (the
# border of Motion blocks) carries white text at 4.7:1 and keeps the look, the buttons darker still.
TOOLBAR = "#3373CC"
TOOLBAR_TEXT = "#FFFFFF"
TOOLBAR_BUTTON = "#1F5CB2"
TOOLBAR_OFF = "#6A9BE0"    # a button that cannot be pressed now (undo with nothing to undo)
TOOLBAR_OFF_TEXT = "#DCE8FF"
PRIMARY = "#B85600"        # the button that does the thing (Save, Open, Restore): Scratch orange, darkened
CODE_BG = "#F9F9F9"
PANEL_BG = "#FFFFFF"
PANEL_EDGE = "#D9D9E3"
INK = "#2B2D42"           # ordinary text
MUTED = "#575E75"         # Scratch's text grey
OFF_TEXT = "#A0A0B0"      # a menu item that cannot be chosen now
READY = "#2E7D32"         # "the network is ready"
BLOCK_TEXT = "#FFFFFF"
FIELD_BG = "#FFFFFF"
FIELD_TEXT = "#3B3F52"
GHOST = ("#C8C8D0", "#9A9AA8")
PROBLEM = "#E0243B"
ON_PROBLEM = "#FFFFFF"    # the × and ! marks on red
SELECT = "#FFAB19"        # Scratch's glow orange
TAG_BG = "#4A4F66"
TAG_TEXT = "#FFFFFF"
COMMENT_BG = "#FEF49C"    # Scratch's comment yellow
COMMENT_EDGE = "#D9C93C"
MENU_BG = "#FFFFFF"
MENU_HOVER = "#E5F0FF"
BUBBLE_BG = "#FFFFFF"
DIALOG_SHADE = (0, 0, 0, 110)

# Words on blocks: dark on every category (white on Scratch's Motion blue reaches only 2.9:1).
_TEXT_ON = {"data": "#3D2E00", "output": "#0B330B", "training": "#4A0012", "layers": "#0A2350"}

# Every (text, background) pair the window draws, for the contrast test. Controls that cannot be
# used right now are exempt in WCAG (1.4.3); theirs are listed apart and only need to stay legible.
TEXT_PAIRS = {
    "toolbar title": (TOOLBAR_TEXT, TOOLBAR),
    "toolbar button": (TOOLBAR_TEXT, TOOLBAR_BUTTON),
    "primary button": (TOOLBAR_TEXT, PRIMARY),
    "panel text": (INK, PANEL_BG),
    "code area text": (INK, CODE_BG),
    "muted text": (MUTED, PANEL_BG),
    "muted text on the code area": (MUTED, CODE_BG),
    "ready line": (READY, PANEL_BG),
    "problem text": (PROBLEM, BUBBLE_BG),
    "problem mark": (ON_PROBLEM, PROBLEM),
    "shape tag": (TAG_TEXT, TAG_BG),
    "field": (FIELD_TEXT, FIELD_BG),
    "comment": (INK, COMMENT_BG),
    "menu": (INK, MENU_BG),
    "menu, highlighted": (INK, MENU_HOVER),
    "bubble": (INK, BUBBLE_BG),
}
OFF_PAIRS = {
    "toolbar button, off": (TOOLBAR_OFF_TEXT, TOOLBAR_OFF),
    "menu item, off": (OFF_TEXT, MENU_BG),
}


def text_on(category: str) -> str:
    return _TEXT_ON.get(category, BLOCK_TEXT)


def rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    def linear(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours, 1 to 21; small text needs 4.5 for AA."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
