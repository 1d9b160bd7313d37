"""Project files: save and load round trips, atomic saves, and one clear sentence for each bad file."""
from __future__ import annotations

import builtins
import io
import json
import os
import pathlib
import struct
import sys

import pytest

from blockbuilder.document.project import SCHEMA_VERSION, Block, Project, Script
from blockbuilder.document.projectfile import (MAX_BYTES, check_trained_shapes, dumps_project, load_project,
                                               loads_project, save_project)
from blockbuilder.document.schema import SCHEMA_PATH
from blockbuilder.document.schema import main as schema_main
from blockbuilder.document.schema import project_schema, schema_text
from blockbuilder.document.words import UIProblem

DATA = pathlib.Path(__file__).resolve().parent / "data"
SAVED = DATA / "project_v3.json"  # a real file: a trained spiral network, a perceptron, loose data hats
LANGS = ("ja", "ja-Hira", "en")


def saved() -> dict:
    return json.loads(SAVED.read_text(encoding="utf-8"))


def refusal(path_or_text, name: str = "broken.json") -> UIProblem:
    """The UIProblem a bad file gives, checked to be one line naming the file in every language."""
    with pytest.raises(UIProblem) as caught:
        if isinstance(path_or_text, pathlib.Path):
            load_project(path_or_text)
        else:
            loads_project(path_or_text, name)
    problem = caught.value
    shown_name = str(path_or_text) if isinstance(path_or_text, pathlib.Path) else name
    for lang in LANGS:
        text = problem.text(lang)
        assert len(text.splitlines()) == 1 and shown_name in text, text
    return problem


def reason(problem: UIProblem) -> str:
    return problem.message.params["reason"].key


def place(problem: UIProblem) -> str | None:
    return problem.message.params.get("place")


def bits(x: float) -> bytes:
    return struct.pack("<d", x)


# --- round trips ------------------------------------------------------------------------

def test_saving_then_loading_gives_an_equal_project_and_a_byte_identical_resave(tmp_path):
    project = load_project(SAVED)
    path = tmp_path / "spiral.json"
    save_project(project, path)
    again = load_project(path)
    assert again == project
    save_project(again, tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == path.read_bytes() == SAVED.read_bytes()


def test_floats_in_trained_arrays_come_back_bit_for_bit(tmp_path):
    odd = [0.1, 1 / 3, 1e-300, 5e-324, -0.0, 1.7976931348623157e308, 2.2250738585072014e-308, -2.5e-320]
    project = load_project(SAVED)
    project.trained["h1"]["b"] = odd
    project.trained["h1"]["W"][3] = [-x for x in odd]
    save_project(project, tmp_path / "odd.json")
    back = load_project(tmp_path / "odd.json").trained["h1"]
    assert [bits(x) for x in back["b"]] == [bits(x) for x in odd]
    assert [bits(x) for x in back["W"][3]] == [bits(-x) for x in odd]


def test_the_text_is_utf8_json_with_one_space_indents_and_a_stable_key_order():
    one = Project(name="ねこ", scripts=[Script(x=0, y=0, blocks=[
        Block(id="d", type="data_circle", params={"noise": 5, "test_ratio": 10, "features": ["x2", "x1"]})])])
    two = one.model_copy(deep=True)
    two.scripts[0].blocks[0].params = {"features": ["x2", "x1"], "test_ratio": 10, "noise": 5}
    text = dumps_project(one)
    assert text == dumps_project(two)
    assert '"name": "ねこ"' in text and text.startswith(f'{{\n "schema_version": {SCHEMA_VERSION},\n') and text.endswith("}\n")
    assert list(json.loads(text)) == list(Project.model_fields)


def test_a_file_with_a_byte_order_mark_as_windows_notepad_writes_still_loads(tmp_path):
    path = tmp_path / "notepad.json"
    path.write_bytes(b"\xef\xbb\xbf" + SAVED.read_bytes())
    assert load_project(path) == load_project(SAVED)


# --- saving is atomic -------------------------------------------------------------------

@pytest.fixture
def old_file(tmp_path) -> pathlib.Path:
    path = tmp_path / "mine.json"
    path.write_bytes(SAVED.read_bytes())
    return path


def assert_untouched(path: pathlib.Path) -> None:
    assert path.read_bytes() == SAVED.read_bytes()
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name], "a temp file was left behind"


def test_a_failed_rename_leaves_the_old_file_and_no_temp_file(old_file, monkeypatch):
    def fail(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(UIProblem) as caught:
        save_project(Project(name="new"), old_file)
    assert caught.value.message.key == "path_cannot_use" and "no permission" in caught.value.text("en")
    assert_untouched(old_file)


def test_a_disk_that_fills_up_mid_write_leaves_the_old_file_and_no_temp_file(old_file, monkeypatch):
    written = []

    def full(fd):
        written.append(os.fstat(fd).st_size)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(UIProblem) as caught:
        save_project(Project(name="new"), old_file)
    assert written and written[0] > 0, "the failure should come after bytes reached the temp file"
    assert "No space left on device" in caught.value.text("en")
    assert_untouched(old_file)


def test_an_interrupted_save_leaves_the_old_file_and_no_temp_file(old_file, monkeypatch):
    def interrupt(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        save_project(Project(name="new"), old_file)
    assert_untouched(old_file)


def test_a_project_holding_nan_is_not_saved_and_says_why_in_every_language(old_file):
    project = load_project(old_file)
    project.trained["h1"]["b"][0] = float("nan")
    with pytest.raises(UIProblem) as caught:
        save_project(project, old_file)
    assert "NaN" in caught.value.text("en") and "NaN" in caught.value.text("ja")
    assert_untouched(old_file)


def test_saving_into_a_missing_folder_is_one_clear_line(tmp_path):
    with pytest.raises(UIProblem) as caught:
        save_project(Project(), tmp_path / "no" / "such" / "folder.json")
    assert caught.value.message.key == "path_cannot_use" and len(caught.value.text("en").splitlines()) == 1


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_saving_over_a_file_keeps_its_permissions(old_file):
    old_file.chmod(0o640)
    save_project(Project(name="new"), old_file)
    assert old_file.stat().st_mode & 0o777 == 0o640 and load_project(old_file).name == "new"


# --- bad files: one sentence naming the file and the place ------------------------------

def edited(change) -> str:
    data = saved()
    change(data)
    return json.dumps(data, ensure_ascii=False)


def block(data, script: int, index: int) -> dict:
    return data["scripts"][script]["blocks"][index]


def set_param(script, index, name, value):
    return lambda d: block(d, script, index)["params"].__setitem__(name, value)


BAD = [
    # (what is wrong, how to break the saved file, reason key, place)
    ("a number written as a word", set_param(0, 0, "noise", "ten"), "reason_wrong_type",
     "scripts[0].blocks[0].params.noise"),
    ("a position written as text", lambda d: d["scripts"][1].__setitem__("x", "12"), "reason_wrong_type",
     "scripts[1].x"),
    ("a block of an unknown kind", lambda d: block(d, 0, 1).__setitem__("type", "layers_conv"),
     "reason_unknown_block", "scripts[0].blocks[1]"),
    ("an entry the format does not have", lambda d: block(d, 0, 2).__setitem__("colour", "red"),
     "reason_unknown_field", "scripts[0].blocks[2]"),
    ("a block without an id", lambda d: block(d, 0, 3).pop("id"), "reason_missing", "scripts[0].blocks[3]"),
    ("a parameter the block does not have", set_param(0, 1, "neurons", 4), "reason_unknown_field",
     "scripts[0].blocks[1].params"),
    ("a whole number written with a decimal point", set_param(0, 1, "units", 8.0), "reason_wrong_type",
     "scripts[0].blocks[1].params.units"),
    ("true written as a string", lambda d: d["scripts"][2]["blocks"][1]["children"][0]["params"].__setitem__(
        "locked", "true"), "reason_wrong_type", "scripts[2].blocks[1].children[0].params.locked"),
    ("an activation that does not exist", set_param(0, 3, "activation", "swish"), "reason_bad_value",
     "scripts[0].blocks[3].params.activation"),
    ("a feature given twice", set_param(0, 0, "features", ["x1", "x2", "x1"]), "reason_repeated",
     "scripts[0].blocks[0].params.features[2]"),
    ("a text field that is too long", lambda d: block(d, 4, 0)["params"].__setitem__("path", "a" * 501),
     "reason_too_long", "scripts[4].blocks[0].params.path"),
    ("a drawn point whose label is a list", lambda d: block(d, 3, 0)["params"]["points"].append([0, 0, [1]]),
     "reason_wrong_type", "scripts[3].blocks[0].params.points[2][2]"),
    ("too many weights on one neuron", lambda d: d["scripts"][2]["blocks"][1]["children"][0]["params"].__setitem__(
        "weights", [0.5] * 10_001), "reason_too_many", "scripts[2].blocks[1].children[0].params.weights"),
    ("two blocks with the same id", lambda d: block(d, 0, 2).__setitem__("id", "h1"), "reason_duplicate_id",
     "scripts[0].blocks[2].id"),
    ("a dense layer inside a layer block", lambda d: d["scripts"][2]["blocks"][1]["children"].append(
        d["scripts"][0]["blocks"].pop(1)), "reason_bad_child", "scripts[2].blocks[1].children[1]"),
    ("a child inside a block that is not C-shaped", lambda d: block(d, 0, 1)["children"].append(
        {"id": "x", "type": "layers_dropout"}), "reason_bad_child", "scripts[0].blocks[1].children[0]"),
    ("a script with no blocks", lambda d: d["scripts"][1].__setitem__("blocks", []), "reason_empty",
     "scripts[1].blocks"),
    ("a ragged trained array", lambda d: d["trained"]["h1"]["W"][2].pop(), "reason_not_rectangular",
     "trained.h1.W"),
    ("a trained array that mixes rows and numbers", lambda d: d["trained"]["h1"]["W"].__setitem__(1, 0.5),
     "reason_wrong_type", "trained.h1.W[1]"),
    ("trained weights for a block that is not there", lambda d: d["trained"].__setitem__("gone", {"b": [1.0]}),
     "reason_no_such_block", "trained.gone"),
    ("trained weights of the wrong shape for the network", lambda d: d["trained"]["h1"].__setitem__(
        "W", d["trained"]["h1"]["W"][:-1]), "reason_weights_shape", "trained.h1.W"),
    ("a language the editor does not speak", lambda d: d.__setitem__("language", "fr"), "reason_bad_value",
     "language"),
    ("a zoom out of range", lambda d: d["view"].__setitem__("zoom", 100), "reason_out_of_range", "view.zoom"),
    ("a block id with a space", lambda d: block(d, 1, 0).__setitem__("id", "my block"), "reason_bad_value",
     "scripts[1].blocks[0].id"),
]


@pytest.mark.parametrize("change, key, where", [row[1:] for row in BAD], ids=[row[0] for row in BAD])
def test_a_bad_value_is_one_sentence_naming_the_file_and_the_place(change, key, where):
    problem = refusal(edited(change), "mine.json")
    assert (reason(problem), place(problem)) == (key, where)
    assert where in problem.text("en") and where in problem.text("ja")


def test_out_of_range_values_and_stray_neurons_load_so_saved_work_always_reopens():
    """The editor can hold them while a child works; compile points at the block instead."""
    from blockbuilder.document.compile import compile_project

    def change(d):
        block(d, 0, 0)["params"]["noise"] = 80
        d["scripts"][0]["blocks"].insert(1, d["scripts"][2]["blocks"][1]["children"].pop())

    project = loads_project(edited(change), "mine.json")
    noise_block = project.scripts[0].blocks[0]
    assert noise_block.params["noise"] == 80
    blamed = {p.block_id for p in compile_project(project).problems}
    assert {noise_block.id, project.scripts[0].blocks[1].id} <= blamed


RAW = [
    ("NaN", lambda t: t.replace('"b": [\n    ', '"b": [\n    NaN, ', 1), "trained.answer.b[0]"),
    ("Infinity", lambda t: t.replace('"x": 40.0', '"x": -Infinity', 1), "scripts[0].x"),
    ("a number too big for a float", lambda t: t.replace('"x": 40.0', '"x": 1e999', 1), "scripts[0].x"),
    ("an integer of 500 digits", lambda t: t.replace('"units": 8', '"units": 1' + "0" * 500, 1),
     "scripts[0].blocks[1].params.units"),
]


@pytest.mark.parametrize("edit, where", [row[1:] for row in RAW], ids=[row[0] for row in RAW])
def test_nan_and_infinity_in_the_file_are_refused_at_their_place(edit, where):
    problem = refusal(edit(SAVED.read_text(encoding="utf-8")))
    assert (reason(problem), place(problem)) == ("reason_not_finite", where)


def test_a_lone_surrogate_escape_is_refused_at_its_place_since_no_file_could_save_it():
    problem = refusal(edited(lambda d: d.__setitem__("name", "x")).replace('"name": "x"', '"name": "\\ud800"'))
    assert (reason(problem), place(problem)) == ("reason_bad_char", "name")


def test_text_that_is_not_json_gives_the_line_and_column():
    problem = refusal('{"schema_version": 1,\n "name": oops}')
    assert reason(problem) == "reason_not_json" and "line 2 column 10" in problem.text("en")
    assert "2行目 10文字目" in problem.text("ja")


def test_a_file_cut_short_anywhere_is_refused_as_not_json():
    text = SAVED.read_text(encoding="utf-8")
    cuts = sorted({1, 2, 10, len(text) // 3, len(text) // 2, len(text) - 3, len(text) - 2}
                  | set(range(0, len(text) - 2, 97)) - {0})
    for cut in cuts:
        assert reason(refusal(text[:cut])) == "reason_not_json", cut
    assert reason(refusal("")) == "reason_not_json"


def test_json_that_is_not_a_project_is_refused_as_such():
    for text in ("[]", "42", '"project"', "null", "{}", '{"schema_version": "1"}', '{"schema_version": true}',
                 '{"schema_version": 1.0}'):
        assert reason(refusal(text)) == "reason_not_project", text


def test_a_file_from_a_newer_blockbuilder_says_to_update():
    newer = SCHEMA_VERSION + 1
    problem = refusal(edited(lambda d: d.__setitem__("schema_version", newer)))
    assert reason(problem) == "reason_newer" and f"version {newer}" in problem.text("en") and place(problem) is None


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.json"
    with open(path, "wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: no disk space used

    def no_reading(*args, **kwargs):
        raise AssertionError("the huge file was opened")

    monkeypatch.setattr(builtins, "open", no_reading)
    problem = refusal(path)
    assert reason(problem) == "reason_too_big" and f"{MAX_BYTES // 2**20}.0 MB" in problem.text("en")


def test_huge_text_in_memory_is_refused_too():
    assert reason(refusal(b" " * (MAX_BYTES + 1))) == "reason_too_big"


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    bytes(range(256)) * 4,
    "{\"name\": \"ねこ\"}".encode("shift_jis"),
    SAVED.read_text(encoding="utf-8").encode("utf-16"),
    b'{"schema_version": 1, "name": "a\x00b"}',
], ids=["a png", "random bytes", "shift jis text", "utf-16 text", "a nul byte"])
def test_binary_garbage_is_refused_as_not_a_text_file(data):
    assert reason(refusal(data)) == "reason_binary"


def test_nesting_deeper_than_the_parser_allows_is_one_line():
    assert reason(refusal("[" * 100_000 + "]" * 100_000)) == "reason_too_deep"


def test_a_missing_file_and_a_folder_are_one_line_each(tmp_path):
    with pytest.raises(UIProblem) as caught:
        load_project(tmp_path / "nope.json")
    assert caught.value.message.key == "file_missing" and "nope.json" in caught.value.text("en")
    assert reason(refusal(tmp_path)) == "reason_not_a_file"


def test_an_odd_file_name_cannot_break_the_message_into_two_lines():
    with pytest.raises(UIProblem) as caught:
        loads_project("nope", name="bad\nname\u2028.json")
    assert all(len(caught.value.text(lang).splitlines()) == 1 for lang in LANGS)
    assert caught.value.text("en").startswith("The file bad?name?.json cannot be opened")


# --- loading leaves the file alone and reads nothing else ----------------------------------

@pytest.mark.parametrize("text", [SAVED.read_text(encoding="utf-8"), '{"schema_version": 1, "name": 5}'],
                         ids=["a good file", "a bad file"])
def test_loading_never_changes_the_file(tmp_path, text):
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    try:
        load_project(path)
    except UIProblem:
        pass
    assert path.read_text(encoding="utf-8") == text and path.stat().st_mtime_ns == 1_000_000_000


def test_loading_opens_no_file_but_the_project_not_even_a_csv_it_names(tmp_path, monkeypatch):
    (tmp_path / "secret.csv").write_text("x,y\n1,2\n")
    data = saved()
    data["scripts"][0]["blocks"][0] = {"id": "data", "type": "data_csv",
                                       "params": {"path": str(tmp_path / "secret.csv"), "label_column": "y"}}
    path = tmp_path / "csv.json"
    path.write_text(json.dumps(data))
    opened = []
    real_open = io.open

    def watching(file, *args, **kwargs):
        opened.append(os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watching)
    monkeypatch.setattr(io, "open", watching)
    load_project(path)
    assert opened == [str(path)]


# --- trained shapes against what compile says ----------------------------------------------

def test_check_trained_shapes_names_the_array_and_both_shapes():
    project = load_project(SAVED)
    check_trained_shapes(project, {"h1": {"W": (7, 8), "b": (8,)}})  # as saved: no complaint
    with pytest.raises(UIProblem) as caught:
        check_trained_shapes(project, {"h1": {"W": (2, 8)}}, "spiral.json")
    text = caught.value.text("en")
    assert place(caught.value) == "trained.h1.W" and "7×8" in text and "2×8" in text and "spiral.json" in text


def test_without_compile_a_file_loads_whatever_its_trained_shapes(monkeypatch):
    text = edited(lambda d: d["trained"]["h1"].__setitem__("W", [[0.5] * 8] * 3))
    assert reason(refusal(text)) == "reason_weights_shape"
    monkeypatch.setitem(sys.modules, "blockbuilder.document.compile", None)  # as before compile.py existed
    assert len(loads_project(text).trained["h1"]["W"]) == 3



# --- the JSON Schema -------------------------------------------------------------------------

def test_the_committed_json_schema_is_what_the_models_generate():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), \
        "schema/project.schema.json is out of date: run `python -m blockbuilder.document.schema`"


def test_the_schema_command_writes_that_text(tmp_path, capsys):
    assert schema_main([str(tmp_path / "s.json")]) == 0
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == schema_text() and "s.json" in capsys.readouterr().out


def test_the_schema_names_itself_and_describes_every_field():
    schema = project_schema()
    assert schema["$id"].endswith(f"v{SCHEMA_VERSION}") and "blockbuilder project" in schema["title"]
    assert schema["required"] == ["schema_version"] and set(schema["properties"]) == set(Project.model_fields)
    models = [schema, *schema["$defs"].values()]
    undescribed = [(m["title"] if "title" in m else "Project", name) for m in models
                   for name, field in m["properties"].items() if not field.get("description")]
    assert not undescribed, f"give these fields a docstring: {undescribed}"
