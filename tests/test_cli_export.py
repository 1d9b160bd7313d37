"""`blockbuilder export` as a teacher types it: real project files, a real .sb3 run in scratch-vm."""
import json
import zipfile

import numpy as np

from blockbuilder.cli import main
from scratch_harness import scratch_vm  # noqa: F401  (a pytest fixture)


def run(capsys, *argv):
    code = main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_asks_for_training_first_and_writes_nothing(tmp_path, capsys):
    f = tmp_path / "x.json"
    assert run(capsys, "new", "--example", "xor", "-o", str(f))[0] == 0
    code, out, err = run(capsys, "export", str(f))
    assert code == 2 and "blockbuilder train" in err and err.count("\n") == 1
    assert not (tmp_path / "x.sb3").exists()


def test_a_trained_project_exports_in_the_language_asked_and_runs_in_scratch(tmp_path, capsys, scratch_vm):
    f, out_path = tmp_path / "x.json", tmp_path / "xor.sb3"
    run(capsys, "new", "--example", "xor", "-o", str(f))
    assert run(capsys, "train", str(f))[0] == 0
    code, out, err = run(capsys, "export", str(f), "-o", str(out_path), "--lang", "ja")
    assert code == 0 and not err
    assert "Wrote" in out and "scratch.mit.edu" in out
    with zipfile.ZipFile(out_path) as z:
        project = json.loads(z.read("project.json"))
    names = {v[0] for t in project["targets"] for v in t.get("lists", {}).values()}
    assert {"入力", "出力", "層1の重み"} <= names
    code, out, _ = run(capsys, "predict", str(f), "--inputs", "0,0;1,1;1,0;0,1", "--json")
    want = [row["outputs"] for row in json.loads(out)]
    reply = scratch_vm.run(out_path, [[0, 0], [1, 1], [1, 0], [0, 1]], input_list="入力", output_list="出力",
                           broadcast="計算")
    assert np.allclose(reply["outputs"], want, rtol=1e-9, atol=1e-12)


def test_a_hand_set_gate_exports_without_training(tmp_path, capsys):
    f = tmp_path / "and.json"
    run(capsys, "new", "--example", "and", "-o", str(f))
    code, out, err = run(capsys, "export", str(f))
    assert code == 0 and (tmp_path / "and.sb3").is_file(), err


def test_an_unwritable_place_is_one_line(tmp_path, capsys):
    f = tmp_path / "and.json"
    run(capsys, "new", "--example", "and", "-o", str(f))
    code, _, err = run(capsys, "export", str(f), "-o", str(tmp_path / "no" / "such" / "x.sb3"))
    assert code == 2 and "cannot be used: it does not exist" in err and err.count("\n") == 1


def test_check_and_export_say_when_a_network_is_too_big_for_the_website(tmp_path, capsys):
    from blockbuilder.document.projectfile import save_project
    from blockbuilder.session.examples import b, network, project, training

    hidden = [b(f"h{i}", "layers_dense", units=256, activation="relu", init="auto") for i in range(5)]
    big = project("big", network(b("data", "data_digits", test_ratio=20), *hidden,
                                 b("last", "layers_dense", units=10, activation="identity", init="auto"),
                                 b("answer", "output_classify")),
                  training(learning_rate=0.01, batch_size=32, epochs=1, seed=0))
    f = tmp_path / "big.json"
    save_project(big, f)
    code, out, _ = run(capsys, "check", str(f))
    assert code == 0 and "too big" in out and "--round" in out
    assert run(capsys, "train", str(f), "--epochs", "1")[0] == 0
    code, _, err = run(capsys, "export", str(f))
    assert code == 2 and err.count("\n") == 1 and "significant digits" in err and "--round" in err
    assert not (tmp_path / "big.sb3").exists()
    digits = err.split("--round ")[1].split(".")[0]
    code, out, err = run(capsys, "export", str(f), "--round", digits)
    assert code == 0 and (tmp_path / "big.sb3").is_file() and f"rounded to {digits}" in out, err
