"""The playable stages around exported networks: chosen to fit the data, laid out tidily, worded in
the chosen language, and — played in the real Scratch VM — drawing and answering what the runtime
computes."""
from __future__ import annotations

import json
import math
import re
import zipfile
from pathlib import Path

import numpy as np
import pytest

from runtime import LANGS, Network, NetworkSpec, TrainingSpec, train
from runtime.datasets import Dataset, load
from sb3_export import PAD_SOFT, ToyData, export_sb3, messages
from sb3_export.export import build
from sb3_export.lower import lower, number
from sb3_export.scripts import extent, layout
from sb3_export.toy_texts import TOY_TEXTS
from sb3_export.toys import build_toy, toy_kind
from sb3_export.toys.common import NETWORK_CORNER
from sb3_export.toys.digits import PAD_CELL, PAD_LEFT, PAD_TOP
from sb3_export.toys.plot import GHOST_SURE, GHOST_UNSURE, MAX_POINTS
from scratch_harness import ScratchRunError, scratch_vm  # noqa: F401  (fixture)

KANJI = re.compile("[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def t(key: str, lang: str = "en", **params) -> str:
    return messages.text(key, lang, **params)


def make_spec(size: int, kind: str, units: int, hidden: int = 6, act: str = "tanh") -> NetworkSpec:
    return NetworkSpec.model_validate({
        "input": {"size": size},
        "layers": [{"kind": "dense", "units": hidden, "activation": act}, {"kind": "dense", "units": units}],
        "output": {"kind": kind, "units": units}})


class Case:
    """A network, its parameters and its data, trained a little (deterministic, well under a second)."""

    def __init__(self, spec: NetworkSpec, data: ToyData, epochs: int = 0, seed: int = 0):
        self.spec, self.data = spec, data
        if epochs:
            ds = _as_dataset(data)
            trainer = train(spec, ds, settings=TrainingSpec(epochs=epochs, batch_size=16, seed=seed))
            trainer.run()
            self.net = trainer.network
        else:
            self.net = Network(spec, seed=seed)
        self.params = self.net.params_by_layer()

    def program(self, lang: str = "en"):
        return lower(self.spec, self.params, lang, self.data.classes if self.data is not None else ())

    def toy(self, lang: str = "en"):
        return build_toy(self.program(lang), self.data, lang)

    def export(self, path: Path, lang: str = "en") -> Path:
        path.write_bytes(export_sb3(self.spec, self.params, lang=lang, data=self.data).sb3)
        return path


def _as_dataset(d: ToyData):
    y = d.y if d.task == "classify" else np.asarray(d.y, np.float64).reshape(len(d.y), -1)
    return Dataset(d.name or "data", np.asarray(d.x, np.float64), y, d.task, tuple(d.classes))


def three_blobs() -> ToyData:
    rng = np.random.default_rng(3)
    centres = np.array([[-3.0, -2.0], [3.0, -2.0], [0.0, 3.0]])
    y = np.repeat(np.arange(3), 40)
    x = centres[y] + rng.normal(0, 0.8, (120, 2))
    return ToyData(x, y, "classify", ("red", "green", "Blue"), "blobs")


def sine_curve() -> ToyData:
    x = np.linspace(-3, 3, 300)[:, None]
    return ToyData(x, np.sin(x) * 2 + 5, "regress", (), "sine")


@pytest.fixture(scope="module")
def cases() -> dict[str, Case]:
    return {
        "xor": Case(make_spec(2, "yes_no", 1, 4), ToyData.from_dataset(load("xor", n=40, noise=0.1)), epochs=30),
        "circle": Case(make_spec(2, "classify", 2), ToyData.from_dataset(load("circle")), epochs=3),
        "blobs": Case(make_spec(2, "classify", 3), three_blobs(), epochs=5),
        "digits": Case(make_spec(64, "classify", 10, 16, "relu"), ToyData.from_dataset(load("digits")), epochs=8),
        "curve": Case(make_spec(1, "regress", 1, 8), sine_curve(), epochs=20),
        "surface": Case(make_spec(2, "regress", 1, 6), ToyData.from_dataset(load("multi_gaussian", n=300)), epochs=3),
        "sliders": Case(make_spec(5, "classify", 3), ToyData(np.random.default_rng(1).normal(50, 10, (60, 5)),
                                                               np.arange(60) % 3, "classify", ("cat", "dog", "cow"),
                                                               "pets")),
        "list": Case(make_spec(12, "regress", 2), None),
    }


# --- texts ------------------------------------------------------------------------------------

def test_toy_texts_have_their_own_keys_every_language_and_the_same_placeholders():
    own = Path(messages.__file__).read_text(encoding="utf-8")
    for key, texts in TOY_TEXTS.items():
        assert key.startswith("toy_"), key
        assert f'"{key}"' not in own, f"{key} clashes with a key of messages.py"
        assert set(texts) == set(LANGS), key
        assert all(texts[lang].strip() for lang in LANGS), key
        fields = {lang: sorted(PLACEHOLDER.findall(texts[lang])) for lang in LANGS}
        assert fields["ja"] == fields["ja-Hira"] == fields["en"], key
        assert texts["ja-Hira"].count("%s") == texts["en"].count("%s") == texts["ja"].count("%s"), key
        assert messages.CATALOG[key] == texts


@pytest.mark.parametrize("key", sorted(TOY_TEXTS))
def test_hiragana_texts_have_no_kanji(key):
    assert not KANJI.findall(TOY_TEXTS[key]["ja-Hira"])


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


@pytest.mark.parametrize("name", ["xor", "blobs", "digits", "curve", "surface", "sliders", "list"])
@pytest.mark.parametrize("lang", ["ja", "ja-Hira"])
def test_a_japanese_project_shows_no_english_toy_text(cases, name, lang):
    case = cases[name]
    pj, _, _ = build(case.spec, case.params, lang, case.data)
    shown = "\n".join(_strings(pj))
    for key, texts in TOY_TEXTS.items():
        english = PLACEHOLDER.sub("", texts["en"]).strip()
        if len(english) > 4 and english != texts[lang] and " " in english:
            assert english not in shown, (key, english)
    sprite_names = {target["name"] for target in pj["targets"][1:]}
    assert {t(k, lang) for k in ("toy_sprite_finder", "toy_sprite_points", "toy_sprite_pad", "toy_sprite_guesser",
                                 "toy_sprite_clear", "toy_sprite_helper")} & sprite_names


# --- choosing and laying out -------------------------------------------------------------------

@pytest.mark.parametrize("name,kind", [("xor", "boundary"), ("circle", "boundary"), ("blobs", "boundary"),
                                       ("digits", "digits"), ("curve", "curve"), ("surface", "surface"),
                                       ("sliders", "sliders"), ("list", "list")])
def test_the_stage_fits_the_data(cases, name, kind):
    case = cases[name]
    assert toy_kind(case.program(), case.data) == kind
    assert case.toy().kind == kind


def test_without_data_the_stage_fits_the_network(cases):
    assert build_toy(cases["xor"].program(), None, "en").kind == "sliders"
    assert build_toy(cases["digits"].program(), None, "en").kind == "list"
    renamed = ToyData(cases["digits"].data.x, cases["digits"].data.y, "classify", cases["digits"].data.classes, "mine")
    assert build_toy(cases["digits"].program(), renamed, "en").kind == "list"


def _boxes(scripts):
    """Each script's box on the workspace, its comments (stacked at its right) included."""
    layout(scripts)
    return [(s.x, s.y, *extent(s)) for s in scripts]


def _overlapping(boxes):
    return [(a[:2], b[:2]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]]


@pytest.mark.parametrize("name", ["xor", "blobs", "digits", "curve", "surface", "sliders", "list"])
def test_every_script_has_a_comment_and_nothing_overlaps(cases, name):
    case = cases[name]
    program = case.program()
    toy = build_toy(program, case.data, "en")
    targets = [("network", [*toy.network_scripts, *program.scripts]), ("stage", toy.stage_scripts)]
    targets += [(sp.name, sp.scripts) for sp in toy.sprites]
    for who, scripts in targets:
        assert not _overlapping(_boxes(scripts)), who
    for who, scripts in targets[1:] + [("network", toy.network_scripts)]:
        for s in scripts:
            assert s.comment, (who, s.blocks[0])
            assert len(s.blocks) <= 12, (who, s.comment)   # short scripts: one custom block per job


def test_training_points_are_few_and_drawn_where_they_belong(cases):
    case = cases["circle"]
    toy = case.toy()
    assert len(case.data.x) > MAX_POINTS and toy.points == MAX_POINTS
    lists = {lst.name: lst.items for lst in toy.global_lists}
    xs, ys = lists[t("toy_list_points_x")], lists[t("toy_list_points_y")]
    classes = lists[t("toy_list_points_class")]
    assert len(xs) == len(ys) == len(classes) == MAX_POINTS
    assert set(classes) == {"0", "1"}
    m = toy.stage_map
    sx, sy = m.to_stage(np.asarray(xs), np.asarray(ys))
    assert np.all(np.abs(sx) <= 240) and np.all(np.abs(sy) <= 180)
    assert m.cx == 0 and m.cy == 0 and m.kx == m.ky   # Playground's sets are centred: circles stay round
    pj, _, _ = build(case.spec, case.params, "en", case.data)
    assert len(json.dumps(pj)) < 150_000


def test_class_names_that_scratch_cannot_tell_apart_are_stored_as_numbers(cases):
    case = cases["blobs"]
    data = ToyData(case.data.x, case.data.y, "classify", ("A", "a", "b"), "blobs")
    program = lower(case.spec, case.params, "en", data.classes)
    toy = build_toy(program, data, "en")
    classes = {lst.name: lst.items for lst in toy.global_lists}[t("toy_list_points_class")]
    assert set(classes) == {"1", "2", "3"}


def test_the_map_of_a_logic_gate_keeps_its_axes():
    x = np.array([[0, 0], [1, 0], [0, 1], [1, 1]], float)
    spec = make_spec(2, "yes_no", 1, 2)
    data = ToyData(x, np.array([0, 1, 1, 0]), "classify", ("0", "1"), "xor")
    toy = build_toy(lower(spec, Network(spec).params_by_layer(), "en"), data, "en")
    m = toy.stage_map
    assert (m.cx, m.cy) == (0, 0)
    corner = m.to_stage(1.0, 1.0)
    assert 100 < corner[0] <= 230 and 100 < corner[1] <= 170
    assert toy.backdrops[0].name == t("toy_backdrop_plot")


# --- played in the real Scratch VM -------------------------------------------------------------

HEADLESS_NOISE = ("No rendering module present",   # no renderer: costumes are not drawn
                  "Translation for \"pen.")          # the pen extension's menus without the GUI's locale


def _quiet(reply: dict) -> list[str]:
    """What the VM printed besides the warnings every headless run prints."""
    return [line for line in reply["vm_log"] if not any(noise in line for noise in HEADLESS_NOISE)]


def _percent(p: float) -> int:
    return math.floor(p * 100 + 0.5)   # Scratch's round


def test_the_harness_rejects_a_bad_play_request(scratch_vm, tmp_path, cases):
    path = cases["xor"].export(tmp_path / "xor.sb3")
    with pytest.raises(ScratchRunError) as err:
        scratch_vm.play(path, [{"jump": 3}])
    assert err.value.stage == "request"


def test_two_inputs_yes_no_map_points_and_finder(scratch_vm, tmp_path, cases):
    case = cases["xor"]
    path = case.export(tmp_path / "xor.sb3")
    assert scratch_vm.validate(path) is None
    toy = case.toy()
    finder = t("toy_sprite_finder")
    spot = (50, -30)
    reply = scratch_vm.play(path, [{"settle": 300}, {"snapshot": "painted"},
                                   {"move": {"sprite": finder, "x": spot[0], "y": spot[1]}}, {"steps": 6}],
                            variables=["prediction", "confidence"], lists=["input"], record_pen=True,
                            count_opcodes=True)
    assert reply["unknown_opcodes"] == [] and _quiet(reply) == []
    painted, end = reply["snapshots"]
    sprites = painted["sprites"]
    assert sprites[finder]["say"] == t("toy_say_drag") and sprites[finder]["draggable"]
    assert (sprites["network"]["x"], sprites["network"]["y"]) == NETWORK_CORNER
    assert sprites["network"]["costume"] == t("toy_costume_network") and sprites["network"]["ghost"] == 0

    # the map: one stamp per square, coloured by the runtime's answer there, paler where unsure
    cells = [s for s in painted["stamps"] if s["sprite"] == "network"]
    assert len(cells) == (480 // toy.cell) * (360 // toy.cell)
    assert painted["pen_clears"] == 1
    m = toy.stage_map
    points = np.array([m.to_data(s["x"], s["y"]) for s in cells])
    yes = case.net.predict(points)[:, 0]
    no_sq, yes_sq = (t("toy_costume_square", name=c) for c in ("0", "1"))
    for s, p in zip(cells, yes):
        if abs(p - 0.5) > 1e-9:
            assert s["costume"] == (yes_sq if p > 0.5 else no_sq)
        ghost = min(100.0, max(0.0, GHOST_UNSURE - (GHOST_UNSURE - GHOST_SURE) * abs(p - 0.5) * 2))
        assert s["ghost"] == pytest.approx(ghost, abs=1e-9)
    assert {s["x"] for s in cells} == {-240 + toy.cell / 2 + toy.cell * i for i in range(480 // toy.cell)}

    # the training points, in their classes' colours, after the map
    dots = [s for s in painted["stamps"] if s["sprite"] == t("toy_sprite_points")]
    assert len(dots) == toy.points == len(case.data.x)
    assert painted["stamps"].index(dots[0]) > painted["stamps"].index(cells[-1])
    for s, x, y in zip(dots, case.data.x, case.data.y):
        assert s["costume"] == t("toy_costume_dot", name=str(y))
        assert (s["x"], s["y"]) == pytest.approx(m.to_stage(*[float(number(v, 4)) for v in x]))

    # the finder, moved, says what the runtime answers at its spot
    x = np.array([m.to_data(*spot)])
    assert end["lists"]["input"] == pytest.approx(list(x[0]), abs=0)
    p = float(case.net.predict(x)[0, 0])
    answer, sure = ("1", p) if p > 0.5 else ("0", 1 - p)
    assert end["variables"]["prediction"] == int(answer)
    assert end["sprites"][finder]["say"] == f"{answer} ({_percent(sure)}%)"
    assert end["opcodes"].get("pen_stamp", 0) == 0   # moving the finder does not repaint the map


def test_three_classes_in_japanese(scratch_vm, tmp_path, cases):
    case, lang = cases["blobs"], "ja"
    path = case.export(tmp_path / "blobs.sb3", lang)
    toy = case.toy(lang)
    finder = t("toy_sprite_finder", lang)
    spot = (-60, 90)
    reply = scratch_vm.play(path, [{"settle": 300}, {"snapshot": "painted"},
                                   {"move": {"sprite": finder, "x": spot[0], "y": spot[1]}}, {"steps": 6}],
                            record_pen=True)
    assert reply["unknown_opcodes"] == [] and _quiet(reply) == []
    painted, end = reply["snapshots"]
    m = toy.stage_map
    cells = [s for s in painted["stamps"] if s["sprite"] == t("name_network_sprite", lang)]
    probs = case.net.predict(np.array([m.to_data(s["x"], s["y"]) for s in cells]))
    names = case.data.classes
    third = float(number(1 / 3, 6))
    for s, p in zip(cells, probs):
        assert s["costume"] == t("toy_costume_square", lang, name=names[int(np.argmax(p))])
        ghost = GHOST_UNSURE - (GHOST_UNSURE - GHOST_SURE) * (p.max() - third) * float(number(1.5, 6))
        assert s["ghost"] == pytest.approx(min(100.0, max(0.0, ghost)), abs=1e-9)
    assert len({s["costume"] for s in cells}) == 3
    dots = [s for s in painted["stamps"] if s["sprite"] == t("toy_sprite_points", lang)]
    assert [s["costume"] for s in dots] == [t("toy_costume_dot", lang, name=names[k]) for k in case.data.y]
    p = case.net.predict(np.array([m.to_data(*spot)]))[0]
    assert end["sprites"][finder]["say"] == f"{names[int(np.argmax(p))]}（{_percent(p.max())}%）"


def _cell_centre(row: int, column: int) -> tuple[int, int]:
    return PAD_LEFT + PAD_CELL * column + PAD_CELL // 2, PAD_TOP - PAD_CELL * row - PAD_CELL // 2


def _painted(cells) -> np.ndarray:
    image = np.zeros(64)
    for r, c in cells:
        for rr, cc, v in ((r, c, 1.0), (r - 1, c, PAD_SOFT), (r + 1, c, PAD_SOFT), (r, c - 1, PAD_SOFT),
                          (r, c + 1, PAD_SOFT)):
            if 0 <= rr < 8 and 0 <= cc < 8:
                image[rr * 8 + cc] = max(image[rr * 8 + cc], v)
    return image


def test_digits_pad_paints_with_the_mouse_and_the_robot_guesses(scratch_vm, tmp_path, cases):
    case = cases["digits"]
    path = case.export(tmp_path / "digits.sb3")
    guesser, pad, clear = t("toy_sprite_guesser"), t("toy_sprite_pad"), t("toy_sprite_clear")
    stroke = [(1, 2), (1, 3), (1, 4), (1, 5), (2, 5), (3, 4), (4, 4), (5, 3), (6, 3)]   # a 7
    actions = [{"settle": 100}, {"snapshot": "blank"}]
    x, y = _cell_centre(*stroke[0])
    actions += [{"mouse": {"x": x, "y": y, "down": True}}, {"steps": 6}]
    for r, c in stroke[1:]:
        x, y = _cell_centre(r, c)
        actions += [{"mouse": {"x": x + 7, "y": y - 5}}, {"steps": 6}]
    actions += [{"mouse": {"x": x, "y": y, "down": False}}, {"steps": 3}, {"snapshot": "drawn"},
                {"mouse": {"x": 200, "y": 100, "down": True}}, {"steps": 3},      # off the pad: nothing
                {"mouse": {"x": 200, "y": 100, "down": False}}, {"snapshot": "off the pad"},
                {"click": clear}, {"settle": 20}]
    reply = scratch_vm.play(path, actions, variables=["prediction"], lists=["input"], record_pen=True)
    assert reply["unknown_opcodes"] == [] and _quiet(reply) == []
    blank, drawn, off, end = reply["snapshots"]
    assert blank["lists"]["input"] == [0] * 64
    assert blank["sprites"][guesser]["say"] == t("toy_say_draw")
    assert not blank["sprites"][pad]["visible"]

    image = _painted(stroke)
    assert drawn["lists"]["input"] == pytest.approx(list(image), abs=0)
    p = case.net.predict(image[None])[0]
    guess = int(np.argmax(p))
    assert drawn["variables"]["prediction"] == str(guess)
    assert drawn["sprites"][guesser]["say"] == f"{guess} ({_percent(p.max())}%)"
    inked = {(s["x"], s["y"]): s["ghost"] for s in drawn["stamps"] if s["sprite"] == pad}
    for k, v in enumerate(image):
        if v:
            assert inked[_cell_centre(k // 8, k % 8)] == pytest.approx(100 - 100 * v)
    assert len(inked) == np.count_nonzero(image)

    assert off["lists"]["input"] == drawn["lists"]["input"] and off["stamps"] == []
    assert end["lists"]["input"] == [0] * 64 and end["pen_clears"] == 1
    assert end["sprites"][guesser]["say"] == t("toy_say_draw")


def test_curve_is_drawn_from_the_network_and_the_finder_rides_on_it(scratch_vm, tmp_path, cases):
    case = cases["curve"]
    path = case.export(tmp_path / "curve.sb3")
    toy = case.toy()
    finder = t("toy_sprite_finder")
    reply = scratch_vm.play(path, [{"settle": 300}, {"snapshot": "drawn"},
                                   {"move": {"sprite": finder, "x": 100, "y": 0}}, {"steps": 6}],
                            variables=["prediction"], record_pen=True)
    assert reply["unknown_opcodes"] == [] and _quiet(reply) == []
    drawn, end = reply["snapshots"]
    m = toy.stage_map
    lines = [ln for ln in drawn["lines"] if ln["sprite"] == "network"]
    assert len(lines) == 120 and lines[0]["x0"] == -240 and lines[-1]["x1"] == 240
    xs = np.array([[ln["x1"] / m.kx + m.cx] for ln in lines])
    want = (case.net.predict(xs)[:, 0] - m.cy) * m.ky
    assert [ln["y1"] for ln in lines] == pytest.approx(list(want), rel=1e-12, abs=1e-9)
    for ln in lines:   # the pen keeps its colour as HSV: the RGB may move by one step
        assert ln["color"] == pytest.approx([0xF5 / 255, 0x93 / 255, 0x22 / 255, 1], abs=1.5 / 255)
        assert ln["size"] == 3
    assert len([s for s in drawn["stamps"] if s["sprite"] == t("toy_sprite_points")]) == toy.points == MAX_POINTS

    value = float(case.net.predict(np.array([[100 / m.kx + m.cx]]))[0, 0])
    assert end["variables"]["prediction"] == pytest.approx(value, rel=1e-12)
    assert end["sprites"][finder]["y"] == pytest.approx((value - m.cy) * m.ky, rel=1e-12)
    assert float(end["sprites"][finder]["say"]) == pytest.approx(value, abs=0.006)


def test_surface_heat_map_and_finder(scratch_vm, tmp_path, cases):
    case = cases["surface"]
    path = case.export(tmp_path / "surface.sb3")
    toy = case.toy()
    finder = t("toy_sprite_finder")
    reply = scratch_vm.play(path, [{"settle": 300}, {"snapshot": "painted"},
                                   {"move": {"sprite": finder, "x": -120, "y": 60}}, {"steps": 6}],
                            variables=["prediction"], record_pen=True)
    assert reply["unknown_opcodes"] == [] and _quiet(reply) == []
    painted, end = reply["snapshots"]
    m, (mid, half) = toy.stage_map, toy.value_scale
    cells = [s for s in painted["stamps"] if s["sprite"] == "network"]
    assert len(cells) == (480 // toy.cell) * (360 // toy.cell)
    values = case.net.predict(np.array([m.to_data(s["x"], s["y"]) for s in cells]))[:, 0]
    high, low = t("toy_costume_square", name=t("toy_word_high")), t("toy_costume_square", name=t("toy_word_low"))
    for s, v in zip(cells, values):
        assert s["costume"] == (high if v > mid else low)
        ghost = GHOST_UNSURE - (GHOST_UNSURE - GHOST_SURE) * abs((v - mid) / half)
        assert s["ghost"] == pytest.approx(min(100.0, max(0.0, ghost)), abs=1e-9)
    value = float(case.net.predict(np.array([m.to_data(-120, 60)]))[0, 0])
    assert end["variables"]["prediction"] == pytest.approx(value, rel=1e-12)


def test_sliders_feed_the_network_and_the_robot_answers(scratch_vm, tmp_path, cases):
    case = cases["sliders"]
    path = case.export(tmp_path / "sliders.sb3")
    pj = json.loads(zipfile.ZipFile(path).read("project.json"))
    sliders = [mon for mon in pj["monitors"] if mon["mode"] == "slider"]
    assert [mon["params"]["VARIABLE"] for mon in sliders] == [t("toy_var_slider", n=i) for i in range(1, 6)]
    for mon, col in zip(sliders, case.data.x.T):
        assert mon["sliderMin"] <= col.min() and mon["sliderMax"] >= col.max() and not mon["isDiscrete"]
    row = [41.5, 55.25, 60, 38, 47.75]
    helper = t("toy_sprite_helper")
    actions = [{"settle": 50}, {"snapshot": "start"}]
    actions += [{"set_variable": {"name": t("toy_var_slider", n=i + 1), "value": v}} for i, v in enumerate(row)]
    actions += [{"steps": 8}]
    reply = scratch_vm.play(path, actions, variables=["prediction"], lists=["input"])
    assert reply["unknown_opcodes"] == [] and _quiet(reply) == []
    start, end = reply["snapshots"]
    starts = [mon["value"] for mon in sliders]
    assert start["lists"]["input"] == starts
    assert end["lists"]["input"] == row
    p = case.net.predict(np.array([row]))[0]
    assert end["sprites"][helper]["say"] == f"{case.data.classes[int(np.argmax(p))]} ({_percent(p.max())}%)"


def test_many_inputs_the_robot_explains_and_answers_when_clicked(scratch_vm, tmp_path, cases):
    case = cases["list"]
    path = case.export(tmp_path / "list.sb3")
    helper = t("toy_sprite_helper")
    row = [0.5 * i - 2 for i in range(12)]
    reply = scratch_vm.play(path, [{"settle": 50}, {"snapshot": "start"},
                                   {"set_list": {"name": "input", "items": row}}, {"click": helper}, {"settle": 50}],
                            variables=["prediction"], lists=["input", "output"])
    assert reply["unknown_opcodes"] == [] and _quiet(reply) == []
    start, end = reply["snapshots"]
    assert start["lists"]["input"] == [0] * 12
    assert start["sprites"][helper]["say"] == t("toy_say_fill", n=12, input="input")
    want = case.net.predict(np.array([row]))[0]
    assert end["lists"]["output"] == pytest.approx(list(want), rel=1e-12)
    assert float(end["sprites"][helper]["say"]) == pytest.approx(want[0], abs=0.006)
