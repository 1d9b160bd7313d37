"""The bundled Japanese font: it ships with the package, pyglet finds it, and it draws every text a person sees."""
from __future__ import annotations

import importlib
import os
import pathlib

os.environ.setdefault("PYGLET_HEADLESS", "1")  # before anything imports pyglet; a display is not needed

import pytest

from blockbuilder.view.fonts import FONT_NAME, FONT_PATH

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Characters the bundled font lacks in texts that only Scratch shows (comments inside the exported
# project, drawn by the browser's fonts, never by pyglet). Keep this short: the test fails when an
# entry is no longer needed.
SCRATCH_ONLY_GAPS = {
    "sb3_export.CATALOG['comment_sine']": {"\u2075"},  # "x⁵/5!": Noto Sans JP has ¹²³⁴ but no ⁵
}


@pytest.fixture(scope="module")
def pyglet_font():
    try:
        import pyglet.font  # starts pyglet's GL backend (a shadow window)
    except Exception as e:  # noqa: BLE001 - a missing library shows up as several kinds of error
        pytest.skip(f"pyglet cannot start its GL backend ({type(e).__name__}: {e}); "
                    "install libegl1 libgl1 libfreetype6 libfontconfig1")
    return pyglet.font


def texts_in(value, where: str):
    """(where, text) for every string inside nested dicts, lists and tuples."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts_in(item, f"{where}[{key!r}]")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from texts_in(item, f"{where}[{i}]")


def texts_a_person_sees():
    import runtime
    import sb3_export
    from blockbuilder import texts as messages
    from blockbuilder.document import catalog

    yield from texts_in(messages.CATALOG, "blockbuilder.texts.CATALOG")
    yield from texts_in(runtime.CATALOG, "runtime.CATALOG")
    yield from texts_in(sb3_export.CATALOG, "sb3_export.CATALOG")
    for block in catalog.BLOCKS:
        yield from texts_in(block.label, f"catalog block {block.id}")
        for param in block.params:
            yield from texts_in(param.label, f"catalog block {block.id} param {param.name}")
    yield from texts_in(catalog.CATEGORY_LABELS, "catalog.CATEGORY_LABELS")
    yield from texts_in(catalog.CHOICE_LABELS, "catalog.CHOICE_LABELS")
    yield from texts_in(catalog.LATIN_TERMS, "catalog.LATIN_TERMS")
    # Each room's texts.py is merged into the one CATALOG, but check their dicts directly too, in case
    # one is used on its own.
    for path in sorted([*ROOT.glob("blockbuilder/**/texts.py"), *ROOT.glob("sb3_export/**/*texts*.py")]):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if attr.isupper() and isinstance(value, dict):
                yield from texts_in(value, f"{name}.{attr}")


def test_the_bundled_font_and_its_licence_are_in_the_package():
    assert FONT_PATH.is_file() and FONT_PATH.stat().st_size > 1_000_000
    licence = (FONT_PATH.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence


def test_register_makes_the_bundled_font_known_to_pyglet_under_its_family_name(pyglet_font):
    from blockbuilder.view import fonts

    fonts.register()
    fonts.register()  # a second call changes nothing
    assert pyglet_font.have_font(FONT_NAME)
    assert pyglet_font.load(FONT_NAME, 12).name == FONT_NAME


def test_every_text_a_person_sees_has_glyphs_in_the_bundled_font(pyglet_font):
    from blockbuilder.view.fonts import missing_glyphs

    texts = list(texts_a_person_sees())
    assert len(texts) > 500, "the catalogs look empty"
    missing, gaps_seen = {}, set()
    for where, text in texts:
        lacking = missing_glyphs(text)
        for prefix, chars in SCRATCH_ONLY_GAPS.items():
            if where.startswith(prefix):
                gaps_seen |= {(prefix, ch) for ch in lacking & chars}
                lacking -= chars
        if lacking:
            missing[where] = " ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in sorted(lacking))
    assert not missing, "no glyph in the bundled font for:\n" + "\n".join(f"  {w}: {m}" for w, m in missing.items())
    unused = {(p, ch) for p, chars in SCRATCH_ONLY_GAPS.items() for ch in chars} - gaps_seen
    assert not unused, f"these SCRATCH_ONLY_GAPS are no longer needed, remove them: {sorted(unused)}"


def test_the_glyph_check_reports_a_character_the_font_lacks(pyglet_font):
    from blockbuilder.view.fonts import missing_glyphs

    private_use, emoji = "\ue000", "\U0001f600"
    assert missing_glyphs(f"ReLU 学習 がくしゅう\n\t{private_use}{emoji}") == {private_use, emoji}
    assert missing_glyphs("なかま分けをする（ソフトマックス） → x1² · 8×8") == set()
