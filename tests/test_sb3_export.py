"""The Scratch export, proven by running it: every example and random networks in the real scratch-vm
give the runtime's outputs; the project is structurally sound; limits are checked before the zip is made;
the exporter hands back bytes and never writes a file."""
from __future__ import annotations

import copy
import inspect
import io
import json
import math
import zipfile
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from blockbuilder.document.compile import compile_project
from blockbuilder.document.data import load_data
from blockbuilder.session.examples import EXAMPLES
from runtime import FEATURES, Network, NetworkSpec, Trainer, training_mode
from sb3_export import JSON_LIMIT, LIST_LIMIT, ExportProblem, TooBig, ToyData, export_sb3, measure
from sb3_export import messages, textbox
from sb3_export import opcodes as o
from sb3_export import validate
from sb3_export.export import build, rounding_diff
from sb3_export.scripts import comment_height
from sb3_nets import HIDDEN_ACTIVATIONS, OUTPUT_KINDS, coverage, random_inputs, random_params, random_spec
from scratch_harness import scratch_vm  # noqa: F401  (a pytest fixture)

REL, ABS = 1e-9, 1e-12      # |scratch - runtime| <= REL * |runtime| + ABS
N_RANDOM_NETWORKS = 36
N_RANDOM_INPUTS = 60


def compare(net: Network, x: np.ndarray, reply: dict, classes=()) -> float:
    """Assert the VM's outputs equal the runtime's; return the largest relative difference."""
    want = net.predict(x)
    got = np.array(reply["outputs"], dtype=np.float64)
    assert got.shape == want.shape, (got.shape, want.shape)
    assert np.all(np.isfinite(got))
    diff = np.abs(got - want)
    bad = diff > REL * np.abs(want) + ABS
    assert not bad.any(), f"{bad.sum()} outputs differ; worst {diff.max():.3g} at {np.argwhere(bad)[0]}"
    kind = net.spec.output.kind
    pred = reply["predictions"]
    if kind == "classify":
        names = list(classes) or [str(k) for k in range(want.shape[1])]
        assert [str(p) for p in pred] == [names[k] for k in want.argmax(axis=1)]
    elif kind == "yes_no":
        assert [int(float(p)) for p in pred] == [int(v > 0.5) for v in want[:, 0]]
    else:
        assert np.allclose(np.array(pred, float), want[:, 0], rtol=REL, atol=ABS)
    return float(np.max(diff / np.maximum(np.abs(want), 1e-300), initial=0.0))


# --- every example ----------------------------------------------------------------------------

def _example_network(example):
    c = compile_project(example.project())
    train, test = load_data(c.data)
    net = Network(c.spec, seed=c.training.seed)
    if training_mode(c.spec) != "none":  # a few epochs: enough to move every weight off its start
        Trainer(net, train, None, c.training.model_copy(update={"epochs": 3})).run()
    return c, net, train


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
@pytest.mark.parametrize("lang", ["en", "ja", "ja-Hira"])
def test_every_example_exports_and_scratch_computes_what_the_runtime_computes(example, lang, scratch_vm, tmp_path):
    c, net, train = _example_network(example)
    path = tmp_path / f"{example.name}.sb3"
    report = export_sb3(c.spec, net.params_by_layer(), lang=lang, data=ToyData.from_dataset(train))
    path.write_bytes(report.sb3)
    rng = np.random.default_rng(1)
    lo, hi = train.x.min(axis=0), train.x.max(axis=0)
    x = np.vstack([train.x[:40], rng.uniform(lo, hi, (20, train.x.shape[1]))])
    p = report.program
    reply = scratch_vm.run(path, x.tolist(), input_list=p.input.name, output_list=p.output.name,
                           broadcast=p.forward.name, prediction_variable=p.prediction.name)
    assert reply["unknown_opcodes"] == []
    compare(net, x, reply, train.classes)


def test_the_contract_names_are_the_documented_ones():
    spec = NetworkSpec.model_validate({"input": {"size": 2}, "layers": [{"kind": "dense", "units": 2}],
                                       "output": {"kind": "classify", "units": 2}})
    params = Network(spec).params_by_layer()
    names = {}
    for lang in ("en", "ja", "ja-Hira"):
        p = build(spec, params, lang)[2]
        names[lang] = (p.input.name, p.output.name, p.forward.name, p.prediction.name)
    assert names["en"] == ("input", "output", "forward", "prediction")
    assert names["ja"] == ("入力", "出力", "計算", "予測")
    assert names["ja-Hira"] == ("にゅうりょく", "しゅつりょく", "けいさん", "よそく")
    from pathlib import Path
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for lang, row in names.items():
        assert all(f"`{n}`" in readme for n in row), f"README does not document the {lang} names {row}"


# --- random networks ----------------------------------------------------------------------------

def _random_cases(n: int, seed: int = 2024):
    rng = np.random.default_rng(seed)
    cases = []
    for _ in range(n):
        spec = random_spec(rng)
        params = random_params(spec, rng)
        cases.append((spec, params, random_inputs(spec, rng, N_RANDOM_INPUTS)))
    return cases


def test_the_random_networks_cover_every_layer_activation_feature_and_output():
    seen = coverage([spec for spec, _, _ in _random_cases(N_RANDOM_NETWORKS)])
    assert seen["layers"] == {"dense", "activation", "dropout", "batchnorm"}
    assert seen["activations"] == set(HIDDEN_ACTIVATIONS) | {"softmax"}
    assert seen["features"] == set(FEATURES)
    assert seen["outputs"] == set(OUTPUT_KINDS)
    assert seen["mixed"] == {True}


def test_random_networks_compute_the_same_numbers_in_scratch(scratch_vm, tmp_path):
    cases = _random_cases(N_RANDOM_NETWORKS)

    def one(n):
        spec, params, x = cases[n]
        net = Network(spec)
        net.load_params(params)
        path = tmp_path / f"random{n}.sb3"
        path.write_bytes(export_sb3(spec, params).sb3)
        reply = scratch_vm.run(path, x.tolist(), prediction_variable="prediction")
        assert reply["unknown_opcodes"] == []
        return compare(net, x, reply)

    with ThreadPoolExecutor(2) as pool:  # one Node process per network; two cores
        worst = max(pool.map(one, range(len(cases))))
    assert worst <= REL


def test_saturating_inputs_never_make_infinity_or_nan_in_scratch(scratch_vm, tmp_path):
    """e ^ overflows at 710; sigmoid, tanh and softmax must stay finite for inputs far beyond."""
    layers = [{"kind": "dense", "units": 3, "activation": ["sigmoid", "tanh", "relu"]},
              {"kind": "dense", "units": 3, "activation": "softmax"}]
    spec = NetworkSpec.model_validate({"input": {"size": 1}, "layers": layers,
                                       "output": {"kind": "classify", "units": 3}})
    net = Network(spec)
    params = net.params_by_layer()
    params[0]["W"][...] = [[1e3, -1e3, 1.0]]
    params[1]["W"][...] = [[1e3, -1e3, 0.5], [-2e3, 1e3, 0.0], [1e3, 1e3, 1e3]]
    net.load_params(params)
    path = tmp_path / "big.sb3"
    path.write_bytes(export_sb3(spec, params).sb3)
    x = np.array([[-1e4], [-5.0], [-1e-9], [0.0], [1e-9], [3.0], [1e4]])
    reply = scratch_vm.run(path, x.tolist(), prediction_variable="prediction")
    compare(net, x, reply)


# --- limits -----------------------------------------------------------------------------------

def _wide_spec(n_in: int, units: int, kind="regress") -> NetworkSpec:
    return NetworkSpec.model_validate({"input": {"size": n_in}, "layers": [{"kind": "dense", "units": units}],
                                       "output": {"kind": kind, "units": units}})


def test_a_weight_matrix_over_200000_items_is_split_and_still_computes_right(scratch_vm, tmp_path):
    spec = _wide_spec(800, 260)  # 208,000 weights
    net = Network(spec, seed=3)
    path = tmp_path / "wide.sb3"
    report = export_sb3(spec, net.params_by_layer())
    path.write_bytes(report.sb3)
    weights = report.program.weight_lists
    assert len(weights) == 2 and all(len(w.items) <= LIST_LIMIT for w in weights)
    assert sum(len(w.items) for w in weights) == 800 * 260
    assert [w.name for w in weights] == ["layer 1 weights 1", "layer 1 weights 2"]
    x = np.random.default_rng(0).uniform(0, 1, (2, 800))
    compare(net, x, scratch_vm.run(path, x.tolist(), prediction_variable="prediction"))


def test_a_network_too_big_for_the_website_says_so_and_offers_rounding(tmp_path, monkeypatch):
    spec = _wide_spec(784, 330)  # 259,050 parameters: over 5 MB at full precision
    net = Network(spec, seed=4)
    params = net.params_by_layer()
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "big.sb3"
    path.write_bytes(b"the child's earlier export")
    with pytest.raises(TooBig) as caught:
        export_sb3(spec, params, lang="ja")
    e = caught.value
    assert e.size > JSON_LIMIT and e.digits is not None and 0 < e.max_diff < 1e-3
    assert f"{e.digits}けた" in e.text("ja") and "MB" in e.text("ja")
    assert f"{e.digits} significant digits" in e.text("en") and e.text("ja-Hira")
    # It raises before any bytes exist, and the exporter writes nothing anywhere (here: the working folder).
    assert path.read_bytes() == b"the child's earlier export"  # nothing damaged
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.sb3"]  # no temp files left
    report = export_sb3(spec, params, digits=e.digits)
    assert report.json_bytes <= JSON_LIMIT and report.max_diff == pytest.approx(e.max_diff)
    with zipfile.ZipFile(io.BytesIO(report.sb3)) as z:
        assert len(z.read("project.json")) == report.json_bytes


def test_the_website_limit_can_be_given_and_measure_counts_what_rounding_saves():
    spec, params = _small_project()
    full, rounded = measure(spec, params), measure(spec, params, digits=3)
    assert rounded < full == export_sb3(spec, params).json_bytes
    assert export_sb3(spec, params, json_limit=full).json_bytes == full
    with pytest.raises(TooBig) as caught:
        export_sb3(spec, params, json_limit=full - 1)
    assert caught.value.size == full and caught.value.digits is not None
    assert export_sb3(spec, params, digits=3, json_limit=rounded).json_bytes == rounded


def test_rounding_difference_is_measured_by_running_both_networks():
    spec = _wide_spec(3, 2)
    net = Network(spec, seed=5)
    params = net.params_by_layer()
    params[0]["W"][...] = [[0.123456, 1.0], [2.0, -0.987654], [0.5, 0.25]]
    x = np.eye(3)
    # 3 digits: 0.123456 -> 0.123 and -0.987654 -> -0.988: the outputs move by those amounts
    assert rounding_diff(spec, params, 3, x) == pytest.approx(0.000456, rel=1e-6)


def test_non_finite_or_misshapen_weights_give_a_message_not_a_file(tmp_path, monkeypatch):
    spec = _wide_spec(2, 2)
    params = Network(spec).params_by_layer()
    params[0]["W"][0, 0] = np.nan
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ExportProblem) as caught:
        export_sb3(spec, params)
    assert "NaN" in caught.value.text("en") and caught.value.text("ja-Hira")
    params[0]["W"] = np.zeros((3, 2))
    with pytest.raises(ExportProblem):
        export_sb3(spec, params)
    assert list(tmp_path.iterdir()) == []


# --- the project itself -----------------------------------------------------------------------

def _small_project():
    spec = NetworkSpec.model_validate({"input": {"size": 2, "features": ["x1", "sin_x2"]},
                                       "layers": [{"kind": "dense", "units": 3, "activation": "tanh"},
                                                  {"kind": "dense", "units": 2}],
                                       "output": {"kind": "classify", "units": 2}})
    return spec, Network(spec).params_by_layer()


def test_the_same_network_exports_to_the_same_bytes():
    spec, params = _small_project()
    assert export_sb3(spec, params).sb3 == export_sb3(spec, params).sb3


def test_the_zip_holds_project_json_and_every_costume():
    spec, params = _small_project()
    report = export_sb3(spec, params)
    with zipfile.ZipFile(io.BytesIO(report.sb3)) as z:
        names = set(z.namelist())
        project = json.loads(z.read("project.json"))
        assert validate.problems(project, {n: z.read(n) for n in names}) == []
    wanted = {f"{c['assetId']}.{c['dataFormat']}" for t in project["targets"] for c in t["costumes"]}
    assert names == wanted | {"project.json"}
    assert project["extensions"] == ["pen"]


def test_scripts_do_not_overlap_and_every_script_has_a_comment():
    spec, params = _small_project()
    project = build(spec, params, "en")[0]
    for t in project["targets"]:
        tops = [b for b in t["blocks"].values() if b["topLevel"]]
        commented = {c["blockId"] for c in t["comments"].values()}
        ys = sorted((b["x"], b["y"]) for b in tops)
        assert len(set(ys)) == len(ys)
        for bid, b in t["blocks"].items():
            if b["topLevel"]:
                assert bid in commented, f"{t['name']}: a script without a comment ({b['opcode']})"


@pytest.mark.parametrize("breakage, expected", [
    (lambda b, t: b.update(opcode="operator_multiplly"), "unknown opcode"),
    (lambda b, t: b.update(next="nowhere"), "does not exist"),
    (lambda b, t: b["fields"].update(VARIABLE=["ghost", "no-such-id"]) if "VARIABLE" in b["fields"] else None,
     "not declared"),
])
def test_the_validator_catches_what_scratch_would_swallow(breakage, expected):
    spec, params = _small_project()
    project, assets, _ = build(spec, params, "en")
    network = project["targets"][1]
    broken = copy.deepcopy(project)
    blocks = broken["targets"][1]["blocks"]
    target = next(b for b in blocks.values() if b["opcode"] == "data_changevariableby")
    breakage(target, broken["targets"][1])
    assert any(expected in p for p in validate.problems(broken, assets)), validate.problems(broken, assets)
    assert network  # the original is untouched
    assert validate.problems(project, assets) == []


def test_the_validator_catches_calls_without_definitions_nulls_and_nan():
    spec, params = _small_project()
    project, assets, _ = build(spec, params, "en")
    broken = copy.deepcopy(project)
    blocks = broken["targets"][1]["blocks"]
    call = next(b for b in blocks.values() if b["opcode"] == o.PROCEDURE_CALL)
    call["mutation"]["proccode"] = "a block nobody defined"
    lst = next(iter(broken["targets"][1]["lists"].values()))
    lst[1].append(None)
    broken["targets"][0]["variables"]["bb-var-prediction"][1] = math.nan
    found = " | ".join(validate.problems(broken, assets))
    assert "which this sprite does not define" in found and "null" in found and "nan" in found
    missing = dict(assets)
    missing.pop(next(iter(missing)))
    assert any("no file in the zip" in p for p in validate.problems(project, missing))


@pytest.mark.parametrize("lang", ["en", "ja", "ja-Hira"])
def test_scripts_and_their_comments_never_overlap(lang):
    """Each target's scripts, with the comments stacked at their right, lie in separate boxes."""
    from sb3_export.lower import lower
    from sb3_export.scripts import extent, layout
    from sb3_export.toys import build_toy

    for example in EXAMPLES:
        c = compile_project(example.project())
        train = load_data(c.data)[0]
        data = ToyData.from_dataset(train)
        program = lower(c.spec, Network(c.spec).params_by_layer(), lang, train.classes)
        toy = build_toy(program, data, lang)
        groups = [toy.network_scripts + program.scripts, toy.stage_scripts] + [s.scripts for s in toy.sprites]
        for scripts in groups:
            layout(scripts)
            boxes = [(s.x, s.y, s.x + extent(s)[0], s.y + extent(s)[1]) for s in scripts]
            for i, a in enumerate(boxes):
                for b in boxes[i + 1:]:
                    apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
                    assert apart, f"{example.name}/{lang}: scripts at {a[:2]} and {b[:2]} overlap"


def test_every_exporter_text_exists_in_three_languages_with_the_same_fields_and_no_kanji_in_hiragana():
    import re

    from sb3_export.messages import CATALOG, LANGS

    field = re.compile(r"\{(\w+)\}")
    for key, texts in CATALOG.items():
        assert set(texts) == set(LANGS), key
        assert all(texts[lang].strip() for lang in LANGS), key
        assert len({frozenset(field.findall(texts[lang])) for lang in LANGS}) == 1, key
        assert len({texts[lang].count("%s") for lang in LANGS}) == 1, key
        assert not re.search("[\u4e00-\u9fff]", texts["ja-Hira"]), key


def test_the_export_is_bytes_and_never_a_file(tmp_path, monkeypatch):
    """The CLI and the editor write report.sb3 where the child chose (one atomic writer, in blockbuilder)."""
    monkeypatch.chdir(tmp_path)
    spec, params = _small_project()
    report = export_sb3(spec, params)
    assert zipfile.is_zipfile(io.BytesIO(report.sb3)) and list(tmp_path.iterdir()) == []
    assert "path" not in inspect.signature(export_sb3).parameters


# --- comment boxes: sized for their text as the Scratch editor wraps it (tests/test_scratch_gui.py
# checks the real editor; these check the model it was measured into) ---------------------------

def test_a_line_of_kanji_wraps_at_fourteen_characters_in_a_comment():
    # 236 px of text area (260 - 2 * 12 padding), kana and kanji one 16 px em each
    assert textbox.wrap("あ" * 30, 236) == ["あ" * 14, "あ" * 14, "ああ"]


def test_a_comment_never_breaks_before_a_closing_mark_or_inside_a_word():
    lines = textbox.wrap("あ" * 13 + "す。次", 236)
    assert lines == ["あ" * 13, "す。次"]
    words = textbox.wrap("the network picks a class at every spot of the stage " * 3, 236)
    assert all(not line.startswith(("e ", "k ")) for line in words) and len(words) > 3
    assert "".join(words) == "the network picks a class at every spot of the stage " * 3


def test_a_japanese_comment_box_is_about_twice_as_tall_as_scratch_gave_it():
    ja = messages.text("toy_c_stage_digits", "ja", guesser="当てるロボット")
    old = min(60 + 18 * sum(1 + len(line) // 34 for line in ja.split("\n")), 600)  # the height before
    assert comment_height(ja) >= 1.8 * (old - 32 - 24) + 32 + 24
    assert comment_height("One line.") < comment_height(ja)


def test_explicit_line_breaks_are_kept_and_each_line_is_as_tall_as_its_font():
    assert textbox.wrap("a\n\nb", 236) == ["a", "", "b"]
    assert textbox.line_px("あ") > textbox.line_px("a")
