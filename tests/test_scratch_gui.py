"""Every example, exported in ja, ja-Hira and en, read in the real Scratch 3 editor (issue 14).

One browser for the module, each project loaded once per language through File -> "Load from
your computer". From the code area: every comment's text fits its box (the textarea does not
scroll) and no comment lies under a block. From the stage: the digits robot's first speech bubble
stays off the drawing pad, Japanese bubbles wrap only where the text says (never inside a word),
and a training point shows its class colour over most of its dot.
"""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from scratch_gui_harness import scratch_gui  # noqa: F401  (fixture)

from blockbuilder.document.compile import compile_project
from blockbuilder.document.data import load_data
from blockbuilder.session.examples import EXAMPLES
from runtime import LANGS, Network
from sb3_export import ToyData, export_sb3, messages
from sb3_export.toys.digits import PAD_CELL, PAD_LEFT, PAD_SIDE, PAD_TOP

BUBBLE_LINE = 16          # scratch-render: a speech bubble's line height
BUBBLE_FRAME = 36         # ... and what a bubble adds to its lines (padding, border, tail)


def export_examples(folder: Path) -> dict[tuple[str, str], Path]:
    """Every example in every language, untrained (the text and layout do not depend on weights)."""
    files = {}
    for example in EXAMPLES:
        for lang in LANGS:
            c = compile_project(example.project(lang))
            data = ToyData.from_dataset(load_data(c.data)[0])
            net = Network(c.spec, seed=0)
            path = folder / f"{example.name}-{lang}.sb3"
            path.write_bytes(export_sb3(c.spec, net.params_by_layer(), lang=lang, data=data).sb3)
            files[example.name, lang] = path
    return files


def stage_checks(name: str, lang: str) -> dict | None:
    if name == "digits":
        return {"flag": True, "settle_ms": 3000, "bubble_sprite": messages.text("toy_sprite_guesser", lang)}
    if name == "spiral":
        return {"flag": True, "settle_ms": 1500, "bubble_sprite": messages.text("toy_sprite_finder", lang)}
    if name == "moons":
        return {"show_sprite": {"name": messages.text("toy_sprite_points", lang), "costume": 0, "x": 0, "y": 0}}
    return None


def same_code_area(path: Path) -> tuple:
    """What the editor's code area shows of a project: every target's blocks (their opcodes, fields and
    places, not the numbers in lists) and comments. Two projects equal in this draw the same comments."""
    project = json.loads(zipfile.ZipFile(path).read("project.json"))
    return tuple((t["name"], json.dumps(t["blocks"], sort_keys=True), json.dumps(t["comments"], sort_keys=True))
                 for t in project["targets"])


@pytest.fixture(scope="module")
def editor(scratch_gui, tmp_path_factory):  # noqa: F811  (the fixture imported above)
    """Each project loaded in the editor once; a project whose code area is the same as one loaded before (AND,
    OR and NAND differ only in their weights) shares that one's comment measures, not its stage."""
    files = export_examples(tmp_path_factory.mktemp("sb3"))
    runs, first = [], {}
    for lang in LANGS:
        entries = []
        for (name, file_lang), path in files.items():
            if file_lang != lang:
                continue
            code = same_code_area(path)
            if code in first and not stage_checks(name, lang):
                continue
            first.setdefault(code, name)
            entry = {"path": str(path)}
            if stage_checks(name, lang):
                entry["stage"] = stage_checks(name, lang)
            entries.append(entry)
        runs.append({"locale": lang, "files": entries})
    reply = scratch_gui.measure(runs)
    t = reply["timings"]
    print(f"\nScratch editor: {len(reply['results'])} loads in {t['total_ms'] / 1000:.0f} s "
          f"(open {sum(t['open_ms']) / 1000:.0f} s, load {sum(t['load_ms']) / 1000:.0f} s, "
          f"measure {sum(t['measure_ms']) / 1000:.0f} s)")
    results = {(Path(r["path"]).stem.split("-", 1)[0], r["locale"]): r for r in reply["results"]}
    for (name, lang), path in files.items():
        if (name, lang) not in results:
            results[name, lang] = results[first[same_code_area(path)], lang]
    return {"files": files, "results": results, "loads": len(reply["results"])}


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def of_lang(editor, lang: str):
    return [(name, r) for (name, rl), r in editor["results"].items() if rl == lang]


def test_every_example_loads_in_every_language_without_an_alert(editor):
    assert len(editor["results"]) == len(EXAMPLES) * len(LANGS)
    assert editor["loads"] >= len(LANGS) * (len(EXAMPLES) - 2)   # only AND / OR / NAND share a code area
    alerts = {key: r["alerts"] for key, r in editor["results"].items() if r["alerts"]}
    assert alerts == {}


@pytest.mark.parametrize("lang", LANGS)
def test_every_comment_shows_all_of_its_text(editor, lang):
    cut = []
    for name, result in of_lang(editor, lang):
        with zipfile.ZipFile(editor["files"][name, lang]) as z:
            written = sum(len(t["comments"]) for t in json.loads(z.read("project.json"))["targets"])
        assert sum(len(t["comments"]) for t in result["targets"]) == written   # every one was drawn
        for target in result["targets"]:
            cut += [(name, target["name"], c["scroll"], c["client"], c["text"][:30])
                    for c in target["comments"] if c["scroll"] > c["client"]]
    assert cut == []


@pytest.mark.parametrize("lang", LANGS)
def test_no_comment_lies_under_a_block(editor, lang):
    under = []
    for name, result in of_lang(editor, lang):
        for target in result["targets"]:
            for c in target["comments"]:
                hit = [b for b in target["blocks"] if overlaps(c["rect"], b)]
                if hit:
                    under.append((name, target["name"], c["rect"], hit, c["text"][:30]))
    assert under == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_robot_speaks_beside_the_pad_and_breaks_lines_only_where_the_text_does(editor, lang):
    result = editor["results"]["digits", lang]
    bubble = result["bubble"]
    assert bubble is not None and bubble["text"] == messages.text("toy_say_draw", lang)
    left, top, right, bottom = bubble["rect"]
    pad = (PAD_LEFT, PAD_TOP, PAD_LEFT + PAD_SIDE * PAD_CELL, PAD_TOP - PAD_SIDE * PAD_CELL)
    assert left >= pad[2] or bottom >= pad[1], (bubble, pad)
    assert_no_line_broken_by_scratch(bubble)


@pytest.mark.parametrize("lang", LANGS)
def test_the_finder_says_its_hint_in_whole_words(editor, lang):
    bubble = editor["results"]["spiral", lang]["bubble"]
    assert bubble is not None and bubble["text"] == messages.text("toy_say_drag", lang)
    if lang != "en":   # English breaks at spaces only; Japanese would break anywhere
        assert_no_line_broken_by_scratch(bubble)


def assert_no_line_broken_by_scratch(bubble):
    """The bubble has as many lines as the text has: Scratch broke none in the middle of a word."""
    left, top, right, bottom = bubble["rect"]
    lines = bubble["text"].count("\n") + 1
    assert top - bottom <= BUBBLE_LINE * lines + BUBBLE_FRAME, f"Scratch wrapped a line: {bubble}"


@pytest.mark.parametrize("lang", LANGS)
def test_a_training_point_shows_its_class_colour_at_normal_size(editor, lang):
    result = editor["results"]["moons", lang]
    with zipfile.ZipFile(editor["files"]["moons", lang]) as z:
        project = json.loads(z.read("project.json"))
        points = next(t for t in project["targets"] if t["name"] == messages.text("toy_sprite_points", lang))
        svg = z.read(points["costumes"][0]["md5ext"]).decode()
    colour = re.search(r'fill="#([0-9A-Fa-f]{6})"', svg).group(1)   # the first class's colour
    rgb = [int(colour[i:i + 2], 16) for i in (0, 2, 4)]
    pixels = result["pixels"]
    assert pixels["scale"] == 1     # the stage drawn at its own size: a 14 px dot is 14 pixels
    cx, row = pixels["cx"], pixels["row"]
    around = row[cx - 10:cx + 11]
    coloured = sum(1 for p in around if sum(abs(p[i] - rgb[i]) for i in range(3)) <= 30)
    assert coloured >= 10, (colour, around)
