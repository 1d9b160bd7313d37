"""How big a comment box must be for its text, as the Scratch 3 editor (scratch-blocks) draws it.

Read from the real editor (scratch-gui 15.1.1, scratch-blocks 2.1.19; tests/test_scratch_gui.py
checks every example's comments there): a comment is a 32-unit top bar over a textarea that fills
the rest of the box, with 12 px padding on every side, text in 16 px "Helvetica Neue", "Segoe UI",
Helvetica, sans-serif, `white-space: pre-wrap`, line-height `normal`. Kana and kanji come from a
fallback font, one em wide each, and a line that holds them is taller (line-height `normal` is the
font's own: about 1.45 em for Noto Sans CJK against 1.15 em for Liberation Sans). Lines break at
spaces, and between any two kana or kanji except before closing marks (、。」！) and after opening
ones (「（).

The model wraps the text greedily with those widths and gives every line the height of the tallest
font seen on the computers children use (Windows' Segoe UI and Meiryo, macOS's Hiragino), so the
text fits there too, not only where it was measured.
"""
from __future__ import annotations

import unicodedata

FONT_PX = 16.0
TOP_BAR = 32.0          # the comment's top bar (minimize and delete buttons)
PADDING = 12.0          # the textarea's padding, each side
LATIN_LINE = 1.35       # line height of a line of Latin text, in em (Segoe UI 1.33, Liberation Sans 1.15)
WIDE_LINE = 1.55        # ... of a line holding kana or kanji (Noto Sans CJK 1.45, Meiryo 1.5)
LATIN_SLACK = 1.08      # Latin widths are Helvetica's; other fonts run up to this much wider
SPARE = 6.0             # a little room below the last line

# Helvetica / Arial advance widths of ASCII 32..126, in 1/1000 em.
_ASCII = (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
          556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
          1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
          667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
          333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
          556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584)
NO_START = set("、。，．）」』】〕！？・：；ー～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ%,.)]}!?:;\"'")
NO_END = set("（「『【〔([{\"'")


def is_wide(ch: str) -> bool:
    """A kana, kanji or full-width mark: one em wide, drawn in the CJK fallback font."""
    return unicodedata.east_asian_width(ch) in "WF"


def char_px(ch: str) -> float:
    if is_wide(ch):
        return FONT_PX
    code = ord(ch)
    if 32 <= code <= 126:
        return _ASCII[code - 32] / 1000 * FONT_PX * LATIN_SLACK
    return 0.6 * FONT_PX * LATIN_SLACK


def _pieces(line: str) -> list[str]:
    """Unbreakable pieces: a Latin word with the spaces after it, or one kana/kanji with its marks."""
    pieces: list[str] = []
    for ch in line:
        glue = (bool(pieces) and (ch in NO_START or pieces[-1][-1] in NO_END
                                  or (not is_wide(ch) and ch != " " and not is_wide(pieces[-1][-1])
                                      and pieces[-1][-1] != " ")
                                  or ch == " "))
        if glue:
            pieces[-1] += ch
        else:
            pieces.append(ch)
    return pieces


def _width(text: str) -> float:
    return sum(char_px(ch) for ch in text.rstrip(" "))


def wrap(text: str, width_px: float) -> list[str]:
    """The lines the editor shows `text` in, in a text area `width_px` wide."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for piece in _pieces(paragraph):
            if line and _width(line + piece) > width_px:
                lines.append(line)
                line = ""
            while _width(piece) > width_px:        # a word longer than a line breaks anywhere
                cut = max(1, next(i for i in range(len(piece), 0, -1) if _width(piece[:i]) <= width_px))
                lines.append(piece[:cut])
                piece = piece[cut:]
            line += piece
        lines.append(line)
    return lines


def line_px(line: str) -> float:
    return FONT_PX * (WIDE_LINE if any(is_wide(ch) for ch in line) else LATIN_LINE)


def comment_height(text: str, width: float) -> float:
    """Height (workspace units) of a comment `width` wide that shows all of `text`."""
    lines = wrap(text, width - 2 * PADDING)
    return float(round(TOP_BAR + 2 * PADDING + sum(line_px(line) for line in lines) + SPARE))
