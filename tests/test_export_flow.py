"""The editor's "Export to Scratch", driven as the window drives it: the dialogs' own buttons, keys and
typing, real files in tmp_path, and the written .sb3 run in the real scratch-vm."""
from __future__ import annotations

import errno
import json
import os
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from blockbuilder.document.compile import compile_project
from blockbuilder.document.data import load_data
from blockbuilder.document.paths import sentence
from blockbuilder.document.settings import Settings
from blockbuilder.editor import keys as K
from blockbuilder.editor.controller import Controller
from blockbuilder.editor.dialogs import Chooser
from blockbuilder.editor.editor import Editor
from blockbuilder.editor.filechooser import name_problem
from blockbuilder.lab.lab import ExportSource
from blockbuilder.session import export_flow
from blockbuilder.session.examples import BY_NAME, shown_name, xor_learned
from blockbuilder.session.export_flow import Exporter, Question, Sb3Chooser, default_name
from blockbuilder.session.files import Session
from blockbuilder.session.recovery import Autosaver
from blockbuilder.session.texts import TEXTS as SESSION_TEXTS
from blockbuilder.texts import msg
from runtime import LANGS, Network, Trainer, plain_number
from sb3_export import ToyData, export_sb3
from sb3_export import msg as export_msg
from scratch_harness import scratch_vm  # noqa: F401  (a pytest fixture)

KANJI = re.compile("[\u4e00-\u9fff]")
FIELD = re.compile(r"\{(\w+)\}")
XOR_POINTS = [[0, 0], [0, 1], [1, 0], [1, 1], [0.3, 0.8], [-0.5, 1.5]]


# --- a trained XOR in a headless editor ------------------------------------------------------------

@pytest.fixture(scope="module")
def trained():
    """The XOR example trained as the editor trains it: (network, its ExportSource)."""
    c = compile_project(xor_learned())
    train, _ = load_data(c.data)
    net = Network(c.spec, seed=c.training.seed)
    Trainer(net, train, None, c.training).run()
    assert np.allclose(net.predict(np.array(XOR_POINTS[:4], float))[:, 0], [0, 1, 1, 0], atol=0.2), "XOR not learned"
    return net, ExportSource(c.spec, net.params_by_layer(), ToyData.from_dataset(train), "XOR, learned")


@pytest.fixture
def projects(tmp_path, monkeypatch) -> Path:
    """The projects folder (BLOCKBUILDER_HOME keeps the real home untouched)."""
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    return tmp_path / "home" / "projects"


def make_session(tmp_path, lang: str = "en") -> Session:
    s = Session(Controller(Editor(xor_learned()), 1280, 800), Settings(), Autosaver(tmp_path / "recovery"))
    s.c.editor.set_language(lang)
    return s


@pytest.fixture
def session(tmp_path, projects) -> Session:
    return make_session(tmp_path)


def parts(s: Session, kind: str) -> list:
    return [p for p in s.c.dialog.layout() if p[0] == kind]


def shown(s: Session) -> list[str]:
    """Every text the open dialog draws."""
    return ([p[3] for p in parts(s, "text") + parts(s, "problem")] + [p[1].text for p in parts(s, "button")]
            + [p[2] for p in parts(s, "row") + parts(s, "input")])


def press(s: Session, id: str) -> None:
    """Click the dialog's button `id` where the view draws it."""
    r = next(p[1] for p in parts(s, "button") if p[1].id == id).rect
    s.c.dialog.mouse_press(r.x + r.w / 2, r.y + r.h / 2)


def click_row(s: Session, text: str) -> None:
    r = next(p[1] for p in parts(s, "row") if p[2] == text)
    s.c.dialog.mouse_press(r.x + r.w / 2, r.y + r.h / 2)


def retype(s: Session, name: str) -> None:
    for _ in s.c.dialog.inner.chooser.name:
        s.c.dialog.key_press(K.BACKSPACE, 0)
    s.c.dialog.type_text(name)


def asking(s: Session) -> str | None:
    """The catalog key of the open question, "chooser" for the file chooser, None when nothing is open."""
    if s.c.dialog is None:
        return None
    inner = s.c.dialog.inner
    return "chooser" if isinstance(inner, Chooser) else inner.text.key


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def read_project(path: Path) -> dict:
    with zipfile.ZipFile(path) as z:
        return json.loads(z.read("project.json"))


# --- the whole flow ---------------------------------------------------------------------------------

def test_exporting_chooses_a_folder_and_name_shows_the_fit_writes_and_says_what_next(trained, session, projects):
    net, src = trained
    exporter = Exporter(session, lambda: src)
    (projects / "class").mkdir(parents=True)
    for name in ("old.sb3", "other.json", "notes.txt"):
        (projects / "class" / name).write_bytes(b"x")

    exporter.start()
    chooser = session.c.dialog.inner.chooser
    assert isinstance(chooser, Sb3Chooser) and chooser.folder == projects and chooser.name == "XOR, learned.sb3"
    assert "Export to Scratch" in shown(session)
    click_row(session, "class/")
    click_row(session, "class/")  # the second click on the selected row opens it
    assert chooser.folder == projects / "class"
    assert [p[2] for p in parts(session, "row")] == [".. (up one folder)", "old.sb3"]
    retype(session, "mine")
    press(session, "ok")

    want = export_sb3(src.spec, src.params, lang="en", data=src.data)
    assert asking(session) == "export_fits"
    assert shown(session)[0] == (f"It fits in Scratch: 4 lists, the longest has 8 numbers (a list can hold 200,000), "
                                 f"{round(want.json_bytes / 1000)} KB of the 5 MB the Scratch website allows.")
    assert [p[1].text for p in parts(session, "button")] == ["Cancel", "Export"]
    assert files_in(projects / "class") == ["notes.txt", "old.sb3", "other.json"], "written before Export"

    press(session, "ok")
    path = projects / "class" / "mine.sb3"
    assert asking(session) == "export_done"
    assert shown(session)[0] == (f"Saved 'mine.sb3' in the folder {path.parent}. Open it on the Scratch website "
                                 "(https://scratch.mit.edu: File → Load from your computer) or in the Scratch app, "
                                 "then click the green flag.")
    assert path.read_bytes() == want.sb3 and exporter.last_path == path and exporter.last_report.sb3 == want.sb3
    assert files_in(projects / "class") == ["mine.sb3", "notes.txt", "old.sb3", "other.json"]
    names = {v[0] for t in read_project(path)["targets"] for v in t.get("lists", {}).values()}
    assert {"input", "output", "layer 1 weights"} <= names
    press(session, "ok")
    assert session.c.dialog is None

    exporter.start()  # the next export starts where the last one went
    assert session.c.dialog.inner.chooser.folder == projects / "class"


def test_the_sb3_speaks_the_editor_s_language_and_scratch_computes_what_the_network_computes(
        trained, tmp_path, projects, scratch_vm):
    net, src = trained
    s = make_session(tmp_path, "ja-Hira")
    exporter = Exporter(s, lambda: src)
    exporter.start()
    for _ in range(3):  # the keyboard alone: the chooser, the fit check, the done message
        assert not any(KANJI.search(t) for t in shown(s)), shown(s)
        s.c.dialog.key_press(K.ENTER, 0)
    assert s.c.dialog is None
    path = projects / "XOR（がくしゅう）.sb3"  # the example's name in the editor's language
    p = exporter.last_report.program
    assert exporter.last_path == path and (p.input.name, p.output.name) == ("にゅうりょく", "しゅつりょく")
    reply = scratch_vm.run(path, XOR_POINTS, input_list=p.input.name, output_list=p.output.name,
                           broadcast=p.forward.name, prediction_variable=p.prediction.name)
    assert reply["unknown_opcodes"] == []
    want = net.predict(np.array(XOR_POINTS, float))
    assert np.allclose(reply["outputs"], want, rtol=1e-9, atol=1e-12)
    assert [int(float(v)) for v in reply["predictions"]] == [int(v > 0.5) for v in want[:, 0]]


# --- asking first, and cancelling ---------------------------------------------------------------------

def test_saving_over_an_existing_sb3_asks_first(trained, session, projects):
    projects.mkdir(parents=True)
    old = projects / "XOR, learned.sb3"
    old.write_bytes(b"old")
    Exporter(session, lambda: trained[1]).start()
    press(session, "ok")
    assert asking(session) == "chooser" and session.c.dialog.inner.chooser.confirming == old
    assert "'XOR, learned.sb3' already exists. Replace the existing file?" in shown(session)
    press(session, "cancel_replace")
    assert asking(session) == "chooser" and old.read_bytes() == b"old"
    press(session, "ok")
    press(session, "replace")
    assert asking(session) == "export_fits" and old.read_bytes() == b"old"
    press(session, "ok")
    assert asking(session) == "export_done" and old.read_bytes()[:2] == b"PK"


# --- exporting with learning (issue 17) ----------------------------------------------------------------------

def learning_source(trained_src: ExportSource, trained: bool = True) -> ExportSource:
    """The XOR source as the lab gives it: with its training settings, able to learn in Scratch."""
    settings = compile_project(xor_learned()).training
    return replace(trained_src, training=settings, trained=trained)


def test_a_network_that_can_learn_in_scratch_is_offered_export_with_learning_beside_export(trained, session, projects):
    src = learning_source(trained[1])
    Exporter(session, lambda: src).start()
    press(session, "ok")                                   # the chooser's Save, with the offered name
    assert asking(session) == "export_fits_or_learn"
    assert [p[1].text for p in parts(session, "button")] == ["Cancel", "Export with learning", "Export"]
    assert shown(session)[0].startswith("It fits in Scratch: ") and "learn inside Scratch" in shown(session)[0]
    press(session, "other")
    path = projects / "XOR, learned.sb3"
    assert asking(session) == "export_done_learn" and "click the learn button" in shown(session)[0]
    want = export_sb3(src.spec, src.params, lang="en", data=src.data, learn=src.training)
    assert path.read_bytes() == want.sb3 and want.learning is not None
    sprites = {t["name"] for t in read_project(path)["targets"]}
    assert export_msg("learn_sprite_learn").text("en") in sprites
    press(session, "ok")
    assert session.c.dialog is None


def test_plain_export_is_still_the_main_button_and_writes_no_learning(trained, session, projects):
    src = learning_source(trained[1])
    Exporter(session, lambda: src).start()
    press(session, "ok")
    press(session, "ok")
    assert asking(session) == "export_done"
    assert (projects / "XOR, learned.sb3").read_bytes() == export_sb3(src.spec, src.params, lang="en",
                                                                       data=src.data).sb3


def test_an_untrained_network_is_exported_only_with_learning_and_says_so(trained, session, projects):
    src = learning_source(trained[1], trained=False)
    Exporter(session, lambda: src).start()
    press(session, "ok")
    assert asking(session) == "export_untrained_learn"
    assert [p[1].text for p in parts(session, "button")] == ["Cancel", "Export with learning"]
    press(session, "cancel")
    assert session.c.dialog is None and files_in(projects) == []
    Exporter(session, lambda: src).start()
    press(session, "ok")
    press(session, "ok")
    assert asking(session) == "export_done_learn" and (projects / "XOR, learned.sb3").read_bytes()[:2] == b"PK"


def test_a_network_that_cannot_learn_in_scratch_is_offered_only_the_plain_export(trained, session, projects):
    src = replace(learning_source(trained[1]), learn_problem=export_msg("learn_no_dropout"))
    Exporter(session, lambda: src).start()
    press(session, "ok")
    assert asking(session) == "export_fits"
    assert [p[1].text for p in parts(session, "button")] == ["Cancel", "Export"]


def test_a_learning_export_too_big_for_the_website_is_one_sentence_and_writes_nothing(trained, session, projects,
                                                                                     monkeypatch):
    src = learning_source(trained[1])
    plain = export_sb3(src.spec, src.params, lang="en", data=src.data).json_bytes
    monkeypatch.setattr(export_flow, "JSON_LIMIT", plain)          # the plain export fits; with learning it does not
    Exporter(session, lambda: src).start()
    press(session, "ok")
    press(session, "other")
    assert asking(session) in ("too_big", "too_big_always") and "MB" in shown(session)[0]
    assert not (projects / "XOR, learned.sb3").exists()


@pytest.fixture
def just_fits_rounded(trained, monkeypatch) -> None:
    """Make the website's limit the size of the XOR export with 6 digits, so only rounding makes it fit."""
    src = trained[1]
    sizes = {d: export_sb3(src.spec, src.params, lang="en", data=src.data, digits=d).json_bytes for d in (7, 6)}
    assert sizes[7] > sizes[6], "7 digits must not fit"
    monkeypatch.setattr(export_flow, "JSON_LIMIT", sizes[6])


@pytest.mark.parametrize("step", ["chooser", "chooser_escape", "replace_then_cancel", "fit_check", "fit_check_escape",
                                  "rounding"])
def test_cancel_at_any_step_writes_nothing(step, trained, session, projects, request):
    projects.mkdir(parents=True)
    if step == "rounding":
        request.getfixturevalue("just_fits_rounded")
    if step == "replace_then_cancel":
        (projects / "XOR, learned.sb3").write_bytes(b"old")
    exporter = Exporter(session, lambda: trained[1])
    exporter.start()
    if step == "chooser":
        press(session, "cancel")
    elif step == "chooser_escape":
        session.c.dialog.key_press(K.ESCAPE, 0)
    else:
        press(session, "ok")
        if step == "replace_then_cancel":
            press(session, "cancel_replace")
            press(session, "cancel")
        else:
            assert asking(session) == ("export_round_offer" if step == "rounding" else "export_fits")
            if step == "fit_check_escape":
                session.c.dialog.key_press(K.ESCAPE, 0)
            else:
                press(session, "cancel")
    assert session.c.dialog is None and exporter.last_path is None
    assert files_in(projects) == (["XOR, learned.sb3"] if step == "replace_then_cancel" else [])


# --- when it cannot be written -------------------------------------------------------------------------

@pytest.mark.skipif(os.name != "posix", reason="folder modes are POSIX")
def test_a_read_only_folder_is_one_sentence_and_leaves_no_file(trained, session, projects, monkeypatch):
    folder = projects / "locked"
    folder.mkdir(parents=True)
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):  # root ignores folder modes: refuse as the read-only folder would
        real_open = os.open

        def refuse(path, *args, **kwargs):
            if os.fspath(path).startswith(str(folder)):
                raise PermissionError(errno.EACCES, "Permission denied")
            return real_open(path, *args, **kwargs)
        monkeypatch.setattr(os, "open", refuse)
    try:
        exporter = Exporter(session, lambda: trained[1])
        exporter.start()
        session.c.dialog.inner.chooser.go_to(folder)
        press(session, "ok")
        press(session, "ok")
        assert asking(session) == "export_read_only" and exporter.last_path is None
        assert shown(session)[0] == f"The folder {folder} does not let you save files, so choose another place."
        assert files_in(folder) == []
    finally:
        folder.chmod(0o755)


def test_a_disk_that_fills_up_mid_write_is_one_sentence_and_keeps_the_old_file(trained, session, projects,
                                                                              monkeypatch):
    projects.mkdir(parents=True)
    old = projects / "XOR, learned.sb3"
    old.write_bytes(b"old")
    written = []

    def full(fd):
        written.append(os.fstat(fd).st_size)
        raise OSError(errno.ENOSPC, "No space left on device")

    Exporter(session, lambda: trained[1]).start()
    press(session, "ok")
    press(session, "replace")
    monkeypatch.setattr(os, "fsync", full)
    press(session, "ok")
    assert written and written[0] > 0, "the failure should come after bytes reached the temp file"
    assert asking(session) == "export_disk_full"
    assert shown(session)[0] == ("The disk is full, so XOR, learned.sb3 cannot be written: choose another place "
                                 "or delete files you do not need.")
    assert files_in(projects) == ["XOR, learned.sb3"] and old.read_bytes() == b"old"


# --- too big for the Scratch website -------------------------------------------------------------------

def test_a_network_too_big_for_the_website_offers_rounding_and_reports_the_digits(trained, session, projects,
                                                                                  just_fits_rounded):
    net, src = trained
    exporter = Exporter(session, lambda: src)
    exporter.start()
    press(session, "ok")
    assert asking(session) == "export_round_offer"
    assert shown(session)[0].startswith("This network is too big for Scratch (")
    assert "Rounding the weights to 6 significant digits makes it fit" in shown(session)[0]
    assert shown(session)[0].endswith("Round the weights and export?")
    assert [p[1].text for p in parts(session, "button")] == ["Cancel", "Round to 6 digits"]
    press(session, "ok")

    path = projects / "XOR, learned.sb3"
    report = exporter.last_report
    assert exporter.last_path == path and report.digits == 6 and 0 < report.max_diff < 1e-4
    assert asking(session) == "export_done_rounded"
    diff = plain_number(report.max_diff, 2)    # 0.000000019, not 1.9e-08
    assert f"The weights were rounded to 6 significant digits; the outputs change by at most {diff}." in shown(session)[0]
    with zipfile.ZipFile(path) as z:
        assert len(z.read("project.json")) <= export_flow.JSON_LIMIT
    weights = next(v[1] for t in read_project(path)["targets"] for v in t.get("lists", {}).values()
                   if v[0] == "layer 1 weights")
    assert len(weights) == 8 and all(float(f"{float(w):.6g}") == float(w) for w in weights)
    assert any(float(f"{float(w):.5g}") != float(w) for w in weights), "rounded to fewer digits than reported"


def test_a_network_that_can_never_fit_says_which_layer_to_make_smaller(trained, session, projects, monkeypatch):
    monkeypatch.setattr(export_flow, "JSON_LIMIT", 1000)
    Exporter(session, lambda: trained[1]).start()
    press(session, "ok")
    assert asking(session) == "export_too_big_always"
    text = shown(session)[0]
    assert text.startswith("Even with rounded weights this network is too big for the Scratch website (")
    assert text.endswith("so give the layer with 4 neurons fewer neurons.")  # 2x4 + 4 numbers beat 4x1 + 1
    press(session, "ok")
    assert session.c.dialog is None and files_in(projects) == []


# --- nothing to export yet -------------------------------------------------------------------------------

def test_a_source_that_says_what_to_do_first_is_only_told(session, projects):
    first = msg("cli_not_trained", file="xor.json")
    exporter = Exporter(session, lambda: first)
    exporter.start()
    assert asking(session) == "cli_not_trained" and shown(session)[0] == first.text("en")
    press(session, "ok")
    assert session.c.dialog is None and exporter.last_path is None and not projects.exists()


def test_weights_that_are_not_numbers_are_one_sentence_after_choosing(trained, session, projects):
    src = trained[1]
    params = [{k: np.array(a) for k, a in p.items()} for p in src.params]
    params[0]["b"][1] = np.nan
    Exporter(session, lambda: ExportSource(src.spec, params, src.data, src.name)).start()
    press(session, "ok")
    assert asking(session) == "not_finite"
    assert shown(session)[0] == ("Some weights are not numbers (NaN or infinity). "
                                 "Train again with a smaller learning rate.")
    assert files_in(projects) == []


# --- the .sb3 chooser -------------------------------------------------------------------------------------

def test_the_chooser_lists_folders_and_sb3_files_and_adds_sb3_to_a_typed_name(tmp_path):
    for name in ("zoo", "Art", "old.sb3"):
        (tmp_path / name).mkdir()
    for name in ("b.sb3", "A.SB3", "xor.json", ".hidden.sb3", "notes.txt"):
        (tmp_path / name).write_bytes(b"x")
    c = Sb3Chooser(tmp_path, "")
    assert [e.name for e in c.entries] == ["..", "Art", "old.sb3", "zoo", "A.SB3", "b.sb3"]
    assert msg("export_title").key == c.title.key
    c.type_text("mine")
    assert c.choose().path == tmp_path / "mine.sb3"
    c.name = "Mine.SB3"
    assert c.choose().path == tmp_path / "Mine.SB3"
    c.name = "b"
    assert c.choose().state == "confirm_overwrite" and c.confirm().path == tmp_path / "b.sb3"
    c.name = "old"
    assert c.choose().problem.key == "files_is_folder"
    c.name = "a/b"
    assert c.choose().problem.key == "files_name_bad_char"


def test_a_folder_that_cannot_be_read_shows_why_and_no_files(tmp_path):
    c = Sb3Chooser(tmp_path / "gone", "x.sb3")
    assert c.entries == [] and c.folder_problem.key == "files_folder_unreadable"


@given(st.text(max_size=120), st.sampled_from(LANGS))
def test_the_default_file_name_is_always_one_the_chooser_accepts(name, lang):
    chosen = default_name(name, lang)
    assert chosen.endswith(".sb3") and name_problem(chosen) is None
    shown = shown_name(name, lang).strip()  # an example's title is in the editor's language
    if shown and name_problem(shown + ".sb3") is None:
        assert chosen in (shown + ".sb3", shown.rstrip(". ") + ".sb3")   # trailing dots go, as Windows drops them


def test_a_project_without_a_name_gets_the_catalog_s_name():
    names = [default_name("", lang) for lang in LANGS]
    assert names == ["ネットワーク.sb3", "ネットワーク.sb3", "network.sb3"]
    assert default_name("a/b", "en") == "a_b.sb3" and default_name("CON", "en") == "CON_.sb3"


def test_an_example_s_default_names_and_window_title_follow_the_language(tmp_path, projects):
    project = BY_NAME["xor"].project()  # named in Japanese, as the starter is
    assert [default_name(project.name, lang) for lang in LANGS] == ["XOR（学習）.sb3", "XOR（がくしゅう）.sb3",
                                                                     "XOR, learned.sb3"]
    editor = Editor(project)
    session = Session(Controller(editor, 1024, 600), Settings(), Autosaver(tmp_path))
    titles = {}
    for lang in LANGS:
        editor.set_language(lang)
        titles[lang] = session.title()
    assert titles == {"ja": "XOR（学習） — blockbuilder", "ja-Hira": "XOR（がくしゅう） — blockbuilder",
                      "en": "XOR, learned — blockbuilder"}
    editor.set_language("ja")
    session.save_as()
    assert session.c.dialog.inner.chooser.name == "XOR（学習）.json"


# --- the words ---------------------------------------------------------------------------------------------

EXPORT_TEXTS = {k: v for k, v in SESSION_TEXTS.items() if k.startswith("export_")}


@pytest.mark.parametrize("key", sorted(EXPORT_TEXTS))
def test_every_export_text_is_in_every_language_with_the_same_fields_and_no_kanji_in_hiragana(key):
    texts = EXPORT_TEXTS[key]
    assert set(texts) == set(LANGS) and all(t.strip() for t in texts.values())
    assert len({tuple(sorted(FIELD.findall(t))) for t in texts.values()}) == 1, texts
    assert not KANJI.search(texts["ja-Hira"])
    assert key.startswith("export_")


def longest_questions():
    """Each question of the flow with the longest words it may carry, and both its buttons."""
    folder = "/home/hanako/Documents/blockbuilder/class 3"
    file = "XOR, learned.sb3"
    ok_cancel = [("ok", msg("export_button")), ("cancel", msg("files_button_cancel"))]
    ok = [("ok", msg("files_button_ok"))]
    yield msg("export_fits", lists=40, longest=199999, list_limit="200,000", kb=4999, limit_mb="5"), ok_cancel
    yield (msg("export_round_offer", why=export_msg("too_big", mb="12.3", limit_mb="5", digits=12, diff="1.2e-07")),
           [("ok", msg("export_button_round", digits=12)), ("cancel", msg("files_button_cancel"))])
    yield msg("export_too_big_always", mb="123.4", limit_mb="5", units=4096), ok
    yield msg("export_read_only", folder=folder), ok
    yield msg("export_disk_full", file=file), ok
    yield sentence(f"{folder}/{file}", OSError(errno.EIO, "Input/output error")), ok
    yield msg("export_done", file=file, folder=folder, next=msg("cli_export_next")), ok
    yield msg("export_done_rounded", file=file, folder=folder, next=msg("cli_export_next"),
              rounded=msg("cli_exported_rounded", digits=12, diff="1.2e-07")), ok


QUESTIONS = list(longest_questions())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("text, buttons", QUESTIONS, ids=[q[0].key for q in QUESTIONS])
def test_every_question_s_buttons_fit_in_its_box(text, buttons, lang):
    layout = Question(text, buttons, lambda _: None).layout(1280, 800, lang)
    box = layout[0][1]
    for _, b in (p for p in layout if p[0] == "button"):
        assert box.x + 12 <= b.rect.x and b.rect.x + b.rect.w <= box.x + box.w, (lang, b.text)


@pytest.fixture(scope="module")
def measure_text():
    """The height of a text as the view draws it: the bundled font, wrapped at the given width."""
    os.environ.setdefault("PYGLET_HEADLESS", "1")
    try:
        import pyglet.text
    except Exception as e:  # noqa: BLE001 - a missing library shows up as several kinds of error
        pytest.skip(f"pyglet cannot start its GL backend ({type(e).__name__}: {e})")
    from blockbuilder.view.fonts import FONT_NAME, register

    register()
    return lambda text, size, width: pyglet.text.Label(text, font_name=FONT_NAME, font_size=size, width=width,
                                                       multiline=True).content_height


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("text, buttons", QUESTIONS, ids=[q[0].key for q in QUESTIONS])
def test_every_question_s_text_fits_between_the_box_top_and_the_buttons(text, buttons, lang, measure_text):
    layout = Question(text, buttons, lambda _: None).layout(1280, 800, lang)
    box = layout[0][1]
    _, _, y, words, size, width = next(p for p in layout if p[0] == "text")
    half = measure_text(words, size, width) / 2  # the view centres a text on its y
    buttons_top = max(p[1].rect.top for p in layout if p[0] == "button")
    assert y + half <= box.top - 10 and y - half >= buttons_top + 10, (lang, words)
