"""The command line as a new user types it: real files on disk, real exit codes, one-line errors."""
import json
import pathlib
import subprocess
import sys

import pytest

from blockbuilder.cli import main
from blockbuilder.session.examples import EXAMPLES

ROOT = pathlib.Path(__file__).resolve().parent.parent


def run(capsys, *argv):
    code = main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_readme_sequence_new_train_predict_works_as_typed(tmp_path):
    def bb(*argv):
        return subprocess.run([sys.executable, "-m", "blockbuilder", *argv], cwd=tmp_path, capture_output=True,
                              text=True, env={"LANG": "en_US.UTF-8", "PYTHONPATH": str(ROOT)}, timeout=300)

    new = bb("new", "--example", "spiral", "-o", "s.json")
    assert new.returncode == 0, new.stderr
    train = bb("train", "s.json")
    assert train.returncode == 0, train.stderr
    assert "epoch 200/200" in train.stdout and "Saved the trained weights to s.json" in train.stdout
    predict = bb("predict", "s.json", "--inputs", "0.1,0.2")
    assert predict.returncode == 0 and predict.stdout.startswith("0.1, 0.2 → "), predict.stderr
    assert not train.stderr and not predict.stderr


def test_examples_lists_one_example_a_line_with_a_description(capsys):
    code, out, _ = run(capsys, "examples")
    lines = out.splitlines()
    assert code == 0 and len(lines) == len(EXAMPLES)
    assert [line.split()[0] for line in lines] == [e.name for e in EXAMPLES]
    assert all(len(line.split(maxsplit=1)) == 2 for line in lines)


def test_examples_speak_hiragana_when_asked(capsys):
    main(["--lang", "ja-Hira", "examples"])
    out = capsys.readouterr().out
    assert "てがき すうじ" in out and not any("\u4e00" <= ch <= "\u9fff" for ch in out)


def test_new_refuses_to_overwrite_without_force(tmp_path, capsys):
    path = tmp_path / "x.json"
    path.write_text("keep me")
    code, _, err = run(capsys, "new", "--example", "xor", "-o", str(path))
    assert code == 2 and err.count("\n") == 1 and "--force" in err
    assert path.read_text() == "keep me"
    code, _, _ = run(capsys, "new", "--example", "xor", "-o", str(path), "--force")
    assert code == 0 and json.loads(path.read_text())["scripts"]


def test_an_unknown_example_is_one_line_naming_the_choices(tmp_path, capsys):
    code, _, err = run(capsys, "new", "--example", "cats", "-o", str(tmp_path / "c.json"))
    assert code == 2 and err.count("\n") == 1 and "'cats'" in err and "spiral" in err


def test_check_prints_shapes_parameters_and_the_scratch_estimate(tmp_path, capsys):
    path = tmp_path / "d.json"
    run(capsys, "new", "--example", "digits", "-o", str(path))
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0
    assert "64 → 32" in out and "32 → 10" in out
    assert "Parameters: 2410" in out and "fits" in out and "No problems." in out


def test_check_exits_1_and_names_the_block_when_there_are_problems(tmp_path, capsys):
    path = tmp_path / "p.json"
    run(capsys, "new", "--example", "xor", "-o", str(path))
    data = json.loads(path.read_text())
    data["scripts"][0]["blocks"] = data["scripts"][0]["blocks"][:-1]  # drop the output block
    path.write_text(json.dumps(data))
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1 and "To fix" in out and "[" in out


def test_a_broken_file_is_one_line_on_stderr_with_exit_status_2(tmp_path, capsys):
    path = tmp_path / "broken.json"
    path.write_text('{"schema_version": 1, "scripts": [')
    for command in (["check"], ["train"], ["predict", "--inputs", "0,0"]):
        code, out, err = run(capsys, command[0], str(path), *command[1:])
        assert code == 2 and not out and err.count("\n") == 1 and "broken.json" in err


def test_a_missing_file_is_one_line(tmp_path, capsys):
    code, _, err = run(capsys, "check", str(tmp_path / "nope.json"))
    assert code == 2 and err.count("\n") == 1 and "nope.json" in err


def test_train_saves_weights_that_predict_then_uses(tmp_path, capsys):
    path, out_path = tmp_path / "x.json", tmp_path / "trained.json"
    run(capsys, "new", "--example", "xor", "-o", str(path))
    code, out, _ = run(capsys, "train", str(path), "-o", str(out_path))
    assert code == 0 and "epoch 300/300" in out
    assert json.loads(path.read_text())["trained"] == {}  # -o leaves the original alone
    assert set(json.loads(out_path.read_text())["trained"]) == {"hidden", "answer"}
    code, out, _ = run(capsys, "predict", str(out_path), "--inputs", "0,0;1,0;0,1;1,1", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["prediction"] for r in rows] == [False, True, True, False]


def test_train_accepts_epochs_and_seed_and_is_reproducible(tmp_path, capsys):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for p in (a, b):
        run(capsys, "new", "--example", "moons", "-o", str(p))
        assert run(capsys, "train", str(p), "--epochs", "3", "--seed", "7")[0] == 0
    assert json.loads(a.read_text())["trained"] == json.loads(b.read_text())["trained"]


def test_predict_before_training_says_to_train_first(tmp_path, capsys):
    path = tmp_path / "c.json"
    run(capsys, "new", "--example", "circle", "-o", str(path))
    code, _, err = run(capsys, "predict", str(path), "--inputs", "0,0")
    assert code == 2 and "blockbuilder train" in err


def test_a_hand_set_gate_predicts_without_training(tmp_path, capsys):
    path = tmp_path / "and.json"
    run(capsys, "new", "--example", "and", "-o", str(path))
    code, out, _ = run(capsys, "train", str(path))
    assert code == 0 and "nothing to learn" in out
    code, out, _ = run(capsys, "predict", str(path), "--inputs", "0,0;1,0;0,1;1,1")
    assert code == 0 and [line.split(" → ")[1].split()[0] for line in out.splitlines()] == ["no", "no", "no", "yes"]


@pytest.mark.parametrize("inputs, words", [("0,1,2", "needs 2 numbers"), ("a,b", "not a list of numbers"),
                                           (";", "no input points")])
def test_bad_inputs_get_one_clear_line(tmp_path, capsys, inputs, words):
    path = tmp_path / "and.json"
    run(capsys, "new", "--example", "and", "-o", str(path))
    code, _, err = run(capsys, "predict", str(path), "--inputs", inputs)
    assert code == 2 and words in err and err.count("\n") == 1


def test_predict_reads_a_csv_of_inputs_with_or_without_a_header(tmp_path, capsys):
    path, points = tmp_path / "or.json", tmp_path / "points.csv"
    run(capsys, "new", "--example", "or", "-o", str(path))
    points.write_text("x1,x2\n0,0\n1,1\n")
    code, out, _ = run(capsys, "predict", str(path), "--csv", str(points), "--json")
    assert code == 0 and [r["prediction"] for r in json.loads(out)] == [False, True]


def test_usage_errors_are_one_line_with_exit_status_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["predict"])
    assert e.value.code == 2 and capsys.readouterr().err.count("\n") == 1


def test_every_subcommand_has_help(capsys):
    for command in ("examples", "new", "check", "train", "predict", "export"):
        with pytest.raises(SystemExit) as e:
            main([command, "--help"])
        assert e.value.code == 0 and "usage: blockbuilder " + command in capsys.readouterr().out


def test_no_subcommand_without_a_screen_says_so_in_one_sentence(tmp_path):
    # The window itself is tested in test_gui.py; here: no display, no headless GL -> one line, exit 2.
    import os
    import subprocess
    import sys
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "PYGLET_HEADLESS")}
    env["BLOCKBUILDER_HOME"] = str(tmp_path)
    out = subprocess.run([sys.executable, "-m", "blockbuilder", "--lang", "en"], capture_output=True, text=True,
                         env=env, timeout=60)
    assert out.returncode == 2, out.stderr
    assert "editor window cannot open" in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


# --- inputs that start with a minus, answers that are not numbers, file paths ---------------

def test_predict_takes_inputs_that_start_with_a_minus(tmp_path, capsys):
    path = tmp_path / "and.json"
    run(capsys, "new", "--example", "and", "-o", str(path))
    code, out, err = run(capsys, "predict", str(path), "--inputs", "-1.2,0.5", "--json")
    assert code == 0 and json.loads(out)[0]["inputs"] == [-1.2, 0.5], err


def overflowing(tmp_path, capsys) -> pathlib.Path:
    """The plane example with weights so big that the hidden sums are infinite and the answer inf - inf."""
    from blockbuilder.document.projectfile import load_project, save_project
    path = tmp_path / "plane.json"
    run(capsys, "new", "--example", "plane", "-o", str(path))
    project = load_project(path)
    hidden = next(b for b in project.scripts[0].blocks if b.id == "hidden")
    hidden.params["activation"] = "identity"
    project.trained = {"hidden": {"W": [[1e308] * 4] * 2, "b": [0.0] * 4},
                       "answer": {"W": [[1.0], [-1.0], [0.0], [0.0]], "b": [0.0]}}
    save_project(project, path)
    return path


def test_predict_on_weights_that_overflow_gives_valid_json_and_one_sentence(tmp_path, capsys):
    path = overflowing(tmp_path, capsys)
    code, out, err = run(capsys, "predict", str(path), "--inputs", "1,1;0,0", "--json")
    rows = json.loads(out, parse_constant=lambda c: pytest.fail(f"{c} is not JSON"))
    assert code == 1 and rows[0]["outputs"] == [None] and rows[0]["prediction"] is None
    assert rows[1]["outputs"] == [0.0]
    assert err.count("\n") == 1 and "learning rate smaller" in err
    code, out, err = run(capsys, "predict", str(path), "--inputs", "1,1")
    assert code == 1 and out == "1, 1 → ?\n" and "nan" not in out.lower()


LONG = "a" * 300


@pytest.mark.parametrize("kind, argv, words", [
    ("name too long", ["check", f"{{tmp}}/{LONG}.json"], "its name is too long"),
    ("a folder", ["predict", "{project}", "--csv", "{tmp}"], "it is a folder"),
    ("a device", ["predict", "{project}", "--csv", "/dev/zero"], "it is a device"),
    ("no permission", ["export", "{project}", "-o", "/sys/x.sb3"], "you have no permission"),   # even for root
    ("missing", ["predict", "{project}", "--csv", "{tmp}/none.csv"], "it does not exist"),
    ("export into a folder", ["export", "{project}", "-o", "{tmp}"], "it is a folder"),
    ("new with a name too long", ["new", "--example", "and", "-o", f"{{tmp}}/{LONG}.json"], "its name is too long"),
])
def test_each_kind_of_file_path_error_is_one_sentence(tmp_path, capsys, kind, argv, words):
    project = tmp_path / "and.json"
    run(capsys, "new", "--example", "and", "-o", str(project))
    argv = [a.format(tmp=tmp_path, project=project) for a in argv]
    code, _, err = run(capsys, *argv)
    assert code == 2 and err.count("\n") == 1 and words in err, err
    assert "Traceback" not in err and len(err) < 300


def test_a_csv_data_block_with_a_name_too_long_is_a_problem_in_every_command(tmp_path, capsys):
    from blockbuilder.document.projectfile import load_project, save_project
    path = tmp_path / "xor.json"
    run(capsys, "new", "--example", "xor", "-o", str(path))
    project = load_project(path)
    project.scripts[0].blocks[0].type, project.scripts[0].blocks[0].params = "data_csv", {"path": LONG + ".csv"}
    save_project(project, path)
    for command in (["check"], ["train"], ["predict", "--inputs", "0,1"], ["export"]):
        code, out, err = run(capsys, command[0], str(path), *command[1:])
        assert code in (1, 2) and "its name is too long" in out + err and "Traceback" not in err, (command, err)
