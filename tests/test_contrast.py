"""Colour contrast: every text the editor draws reaches WCAG AA for small text (4.5:1) on what is behind
it — in the theme's table, on every block category, and measured in the real window's pixels."""
from __future__ import annotations

import collections

import pytest

import gui_harness  # noqa: I001 - first: it chooses pyglet's backend before anything imports pyglet.window
from blockbuilder.document.catalog import CATEGORY_COLOURS
from blockbuilder.view.theme import FIELD_BG, FIELD_TEXT, OFF_PAIRS, TEXT_PAIRS, contrast, text_on

AA = 4.5


def test_the_contrast_ratio_is_wcag_s():
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21)
    assert contrast("#777777", "#777777") == 1
    assert contrast("#FFFFFF", "#4C97FF") == pytest.approx(2.93, abs=0.01)   # Scratch's blue: why ours differ
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)   # the well-known AA grey


@pytest.mark.parametrize("name", TEXT_PAIRS)
def test_every_text_colour_of_the_theme_reaches_aa_on_its_background(name):
    text, background = TEXT_PAIRS[name]
    assert contrast(text, background) >= AA


@pytest.mark.parametrize("name", OFF_PAIRS)
def test_the_text_of_a_control_that_is_off_stays_legible_but_fainter(name):
    text, background = OFF_PAIRS[name]
    assert 2.0 <= contrast(text, background) < AA


@pytest.mark.parametrize("category", CATEGORY_COLOURS)
def test_the_words_on_every_block_category_reach_aa(category):
    assert contrast(text_on(category), CATEGORY_COLOURS[category][0]) >= AA
    assert contrast(FIELD_TEXT, FIELD_BG) >= AA


# --- measured in the window -------------------------------------------------------------------------

def measured(gui, x0: float, y0: float, x1: float, y1: float) -> float:
    """Contrast between the commonest colour of a screen rectangle (its background) and the pixel that
    differs most from it in luminance (the heart of a letter's stroke)."""
    _, _, data = gui.screenshot()
    w = gui.window.width
    pixels = [tuple(data[(y * w + x) * 4:(y * w + x) * 4 + 3])
              for y in range(int(y0), int(y1)) for x in range(int(x0), int(x1))]
    hex_ = lambda p: "#%02X%02X%02X" % p  # noqa: E731
    background = hex_(collections.Counter(pixels).most_common(1)[0][0])
    return max(contrast(background, hex_(p)) for p in set(pixels))


def test_the_toolbar_s_words_reach_aa_in_the_drawn_pixels(gui):
    bar = gui.c.regions.toolbar
    assert measured(gui, bar.x + 8, bar.y + 14, bar.x + 150, bar.top - 14) >= AA      # the title
    for button in gui.c.toolbar().all():
        if button.enabled:
            r = button.rect
            assert measured(gui, r.x + 6, r.y + 8, r.x + r.w - 6, r.top - 8) >= AA, button.id


@pytest.mark.parametrize("block_id", ["data", "hidden", "answer", "training"])
def test_the_words_on_blocks_of_every_category_reach_aa_in_the_drawn_pixels(gui, block_id):
    box = gui.box(block_id)
    word = next(i for i in box.items if i.kind == "text")
    x0, y1 = gui.to_screen(word.x, word.y + 10)
    x1, y0 = gui.to_screen(word.x + word.w, word.y + word.h - 10)
    assert measured(gui, x0, y0, x1, y1) >= AA
