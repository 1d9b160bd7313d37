"""Autosave and recovery: written only after the interval and a change, offered after a crash, never crashing."""
from __future__ import annotations

import json
import os
import pathlib
import re
import subprocess
import sys
from datetime import datetime

import pytest

from blockbuilder.document.project import Project
from blockbuilder.document.projectfile import dumps_project, load_project
from blockbuilder.document.words import UIProblem
from blockbuilder.session.recovery import Autosaver, pending, read_recovery, scan

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAVED = ROOT / "tests" / "data" / "project_v1.json"  # a trained spiral network: floats that must round-trip
KANJI = re.compile("[\u4e00-\u9fff]")
NOON = datetime(2024, 5, 3, 12, 0).timestamp()


class Clock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "bbhome"))


@pytest.fixture
def project() -> Project:
    return load_project(SAVED)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def saver(folder, clock, **kw) -> Autosaver:
    return Autosaver(folder, interval=5.0, clock=clock, now=lambda: NOON, **kw)


def recovery_files(folder) -> list[str]:
    return sorted(p.name for p in pathlib.Path(folder).glob("recovery-*.json*"))


def left_behind(folder, project, source="/work/a.json") -> Autosaver:
    """An autosaver that wrote and then stopped, as a killed editor does."""
    s = saver(folder, Clock())
    s.note_change(project, source)
    assert s.flush()
    s.close()
    return s


# --- when it writes ----------------------------------------------------------------------

def test_nothing_is_written_without_a_change(tmp_path, clock):
    s = saver(tmp_path, clock)
    clock.t = 100
    assert s.tick() is False and s.flush() is False
    assert recovery_files(tmp_path) == []


def test_a_change_is_written_only_once_the_interval_has_passed(tmp_path, clock, project):
    s = saver(tmp_path, clock)
    s.note_change(project, None)
    clock.t = 4.9
    assert s.tick() is False and recovery_files(tmp_path) == []
    clock.t = 5.0
    assert s.tick() is True and recovery_files(tmp_path) == ["recovery-1.json"]
    assert not s.dirty


def test_nothing_is_written_again_until_the_next_change(tmp_path, clock, project):
    s = saver(tmp_path, clock)
    s.note_change(project, None)
    clock.t = 5
    assert s.tick()
    s.path.write_text("marker")
    clock.t = 500
    assert s.tick() is False and s.path.read_text() == "marker"
    s.note_change(project, None)
    clock.t = 505
    assert s.tick() is True and s.path.read_text() != "marker"


def test_a_stream_of_changes_is_written_at_most_once_per_interval(tmp_path, clock, project):
    s = saver(tmp_path, clock)
    writes = []
    for step in range(200):  # a change every 0.1 s for 20 s, ticking every 0.1 s
        clock.t = step / 10
        s.note_change(project, None)
        if s.tick():
            writes.append(clock.t)
    # The change at 0.0 is written at 5.0; the next one, at 5.1, waits until 10.1; and so on.
    assert writes == pytest.approx([5.0, 10.1, 15.2])
    assert all(later - earlier >= 5.0 - 1e-9 for earlier, later in zip(writes, writes[1:]))


def test_the_recovery_file_reopens_to_an_equal_project(tmp_path, clock, project):
    s = saver(tmp_path, clock)
    s.note_change(project, "/work/スパイラル.json")
    assert s.flush()
    s.close()
    found = pending(tmp_path)
    assert found.project == project
    assert dumps_project(found.project) == dumps_project(project)  # floats bit for bit
    assert found.source_path == "/work/スパイラル.json"
    assert found.saved_at.timestamp() == NOON and found.saved_at.tzinfo is not None
    assert found.path == tmp_path / "recovery-1.json"


def test_a_project_never_saved_is_recovered_without_a_source_path(tmp_path, project):
    left_behind(tmp_path, project, source=None)
    assert pending(tmp_path).source_path is None


def test_a_source_path_with_odd_bytes_survives(tmp_path, project):
    odd = os.fsdecode(b"/work/\xff.json") if os.name != "nt" else "C:\\work\\x.json"
    left_behind(tmp_path, project, source=odd)
    assert pending(tmp_path).source_path == odd


def test_the_recovery_folder_defaults_to_the_settings_folder(tmp_path, project):
    s = Autosaver(clock=Clock())
    s.note_change(project, None)
    assert s.flush()
    assert s.path.parent == tmp_path / "bbhome"


# --- after a crash --------------------------------------------------------------------------

def test_work_left_by_a_stopped_editor_is_offered(tmp_path, project):
    left_behind(tmp_path, project)
    found = pending(tmp_path)
    assert found is not None and found.project == project


def test_work_left_by_a_killed_process_is_offered(tmp_path, project):
    code = ("import os, sys\n"
            "from blockbuilder.document.projectfile import load_project\n"
            "from blockbuilder.session.recovery import Autosaver\n"
            "s = Autosaver(sys.argv[1])\n"
            "s.note_change(load_project(sys.argv[2]), '/work/a.json')\n"
            "assert s.flush()\n"
            "os._exit(9)  # no cleanup, as in a crash\n")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path), str(SAVED)], cwd=ROOT, capture_output=True)
    assert done.returncode == 9, done.stderr
    found = pending(tmp_path)
    assert found is not None and found.project == project and found.source_path == "/work/a.json"


def test_a_running_editors_work_is_not_offered(tmp_path, clock, project):
    s = saver(tmp_path, clock)
    s.note_change(project, None)
    assert s.flush()
    assert pending(tmp_path) is None
    s.close()
    assert pending(tmp_path) is not None


def test_the_newest_left_behind_work_is_offered_first(tmp_path, project):
    old = saver(tmp_path, Clock())
    old.note_change(project, "/old.json")
    old.flush()
    new = Autosaver(tmp_path, clock=Clock(), now=lambda: NOON + 60)
    new.note_change(project, "/new.json")
    new.flush()
    old.close()
    new.close()
    assert pending(tmp_path).source_path == "/new.json"


def test_a_broken_recovery_file_is_moved_aside_and_not_offered(tmp_path):
    (tmp_path / "recovery-1.json").write_text('{"blockbuilder_recovery": 1, "saved_at": ', encoding="utf-8")
    assert pending(tmp_path) is None
    assert recovery_files(tmp_path) == ["recovery-1.json.broken"]
    assert (tmp_path / "recovery-1.json.broken").read_text(encoding="utf-8").startswith('{"blockbuilder')


def test_a_recovery_file_whose_project_is_bad_is_moved_aside(tmp_path, project):
    left_behind(tmp_path, project)
    path = tmp_path / "recovery-1.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["project"]["scripts"][0]["blocks"][0]["type"] = "made_up_block"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UIProblem) as caught:
        read_recovery(path)
    assert str(path) in caught.value.text("en") and "scripts[0].blocks[0]" in caught.value.text("en")
    assert pending(tmp_path) is None
    assert recovery_files(tmp_path) == ["recovery-1.json.broken"]


@pytest.mark.parametrize("text", ["", "[]", '{"schema_version": 1}', '{"blockbuilder_recovery": 1, "project": {}}',
                                  '{"blockbuilder_recovery": 1, "saved_at": 1e300, "source_path": null, "project": {}}',
                                  "\0\1\2", "[" * 100_000])
def test_read_recovery_explains_a_broken_file_in_one_sentence_naming_it(tmp_path, text):
    path = tmp_path / "recovery-3.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UIProblem) as caught:
        read_recovery(path)
    for lang in ("ja", "ja-Hira", "en"):
        assert str(path) in caught.value.text(lang) and "\n" not in caught.value.text(lang)


def test_a_recovery_file_holding_nan_is_refused_by_the_loader(tmp_path, project):
    left_behind(tmp_path, project)
    path = tmp_path / "recovery-1.json"
    path.write_text(re.sub(r'"zoom": [0-9.]+', '"zoom": NaN', path.read_text(encoding="utf-8")), encoding="utf-8")
    assert "NaN" in path.read_text(encoding="utf-8")
    assert pending(tmp_path) is None and recovery_files(tmp_path) == ["recovery-1.json.broken"]


def test_pending_is_none_for_a_folder_that_does_not_exist(tmp_path):
    assert pending(tmp_path / "nowhere") is None


def test_the_offer_names_the_time_in_every_language(tmp_path, project):
    left_behind(tmp_path, project)
    offer = pending(tmp_path).offer()
    for lang in ("ja", "ja-Hira", "en"):
        assert "2024-05-03 12:00" in offer.text(lang)
    assert not KANJI.findall(offer.text("ja-Hira"))


# --- clearing, restoring, starting fresh ------------------------------------------------------

def test_clear_removes_the_recovery_file_and_forgets_the_changes(tmp_path, clock, project):
    s = saver(tmp_path, clock)
    s.note_change(project, None)
    assert s.flush()
    s.note_change(project, None)
    s.clear()
    assert recovery_files(tmp_path) == [] and not s.dirty
    clock.t = 100
    assert s.tick() is False
    s.close()
    assert pending(tmp_path) is None


def test_two_editors_keep_separate_files_and_clear_only_their_own(tmp_path, project):
    a, b = saver(tmp_path, Clock()), saver(tmp_path, Clock())
    a.note_change(project, "/a.json")
    b.note_change(project, "/b.json")
    assert a.flush() and b.flush() and a.path != b.path
    a.clear()
    assert b.path.exists()
    b.close()
    assert pending(tmp_path).source_path == "/b.json"


def test_a_new_editor_does_not_write_over_work_waiting_to_be_offered(tmp_path, project):
    left_behind(tmp_path, project, source="/left.json")
    s = saver(tmp_path, Clock())
    s.note_change(project, "/new.json")
    assert s.flush() and s.path.name == "recovery-2.json"
    assert pending(tmp_path).source_path == "/left.json"


def test_adopting_a_recovery_makes_the_next_autosave_replace_it(tmp_path, clock, project):
    left_behind(tmp_path, project, source="/left.json")
    found = pending(tmp_path)
    s = saver(tmp_path, clock)
    assert s.adopt(found) is True
    assert pending(tmp_path) is None  # it is ours now, not left behind
    s.note_change(project, "/left.json")
    assert s.flush() and s.path == found.path
    s.clear()
    assert recovery_files(tmp_path) == []


def test_a_recovery_adopted_by_another_editor_cannot_be_adopted_again(tmp_path, project):
    left_behind(tmp_path, project)
    found = pending(tmp_path)
    first, second = saver(tmp_path, Clock()), saver(tmp_path, Clock())
    assert first.adopt(found) is True
    assert second.adopt(found) is False
    first.close()
    assert second.adopt(found) is True


def test_discarding_a_recovery_removes_it(tmp_path, project):
    left_behind(tmp_path, project)
    pending(tmp_path).discard()
    assert recovery_files(tmp_path) == [] and pending(tmp_path) is None


def test_a_failed_autosave_says_why_and_tries_again_after_the_interval(tmp_path, clock, project):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    s = saver(blocker / "recovery", clock)
    s.note_change(project, None)
    clock.t = 5
    assert s.tick() is False
    assert s.problem is not None and s.problem.key == "files_autosave_failed" and s.dirty
    assert all(s.problem.text(lang) for lang in ("ja", "ja-Hira", "en"))
    blocker.unlink()
    clock.t = 9.9
    assert s.tick() is False
    clock.t = 10
    assert s.tick() is True and s.problem is None


# --- nothing vanishes: broken copies are kept and named, old ones that read now are offered ----------

def test_by_default_a_change_is_copied_within_two_seconds(tmp_path, clock, project):
    s = Autosaver(tmp_path, clock=clock)
    s.note_change(project, None)
    clock.t = 1.9
    assert s.tick() and pending(tmp_path) is None  # ours: a running editor's copy is not offered
    s.close()
    assert pending(tmp_path).project == project


def test_save_now_writes_at_once_for_a_crash_handler(tmp_path, clock, project):
    from blockbuilder.document.settings import Settings
    from blockbuilder.editor.controller import Controller
    from blockbuilder.editor.editor import Editor
    from blockbuilder.session.files import Session
    s = saver(tmp_path, clock)
    session = Session(Controller(Editor(project), 1024, 600), Settings(), s)
    assert not session.save_now()  # nothing unsaved: nothing to copy
    session.c.editor.set_param("h1", "units", 5)
    assert session.save_now() and clock.t == 0 and not s.dirty
    s.close()
    assert pending(tmp_path).project == session.c.editor.project


def test_a_broken_copy_is_kept_and_named_in_a_sentence_at_the_next_start(tmp_path, monkeypatch):
    from blockbuilder.app import assemble
    home = tmp_path / "bbhome"
    home.mkdir()
    (home / "recovery-1.json").write_text('{"blockbuilder_recovery": 1, "saved_at": ', encoding="utf-8")
    app = assemble()
    ask = app.controller.dialog.inner
    assert ask.text.key == "files_recover_broken" and "recovery-1.json.broken" in ask.text.text("ja-Hira")
    assert not KANJI.search(ask.text.text("ja-Hira")) and str(home) in ask.text.text("en")
    assert recovery_files(home) == ["recovery-1.json.broken"]
    ask.on_choice("ok")
    assert app.controller.dialog is None
    assert assemble().controller.dialog is None  # said once; the file stays


def test_a_broken_copy_then_an_offer_one_after_the_other(tmp_path, project):
    home = tmp_path / "bbhome"
    left_behind(home, project)
    (home / "recovery-2.json").write_text("{", encoding="utf-8")
    from blockbuilder.app import assemble
    app = assemble()
    app.controller.dialog.inner.on_choice("ok")
    assert app.controller.dialog.inner.text.key == "files_recover_offer"


def test_a_second_broken_copy_of_a_slot_does_not_replace_the_first(tmp_path):
    (tmp_path / "recovery-1.json.broken").write_text("first", encoding="utf-8")
    (tmp_path / "recovery-1.json").write_text("second", encoding="utf-8")
    assert scan(tmp_path) == (None, [tmp_path / "recovery-1.json.2.broken"])
    assert (tmp_path / "recovery-1.json.broken").read_text(encoding="utf-8") == "first"


def test_an_old_broken_copy_that_reads_now_is_put_back_and_offered(tmp_path, project):
    # An older blockbuilder refused a big network's copy (its size limit was 20 MB) and set it aside.
    left_behind(tmp_path, project)
    os.replace(tmp_path / "recovery-1.json", tmp_path / "recovery-1.json.broken")
    found = pending(tmp_path)
    assert found is not None and found.project == project and recovery_files(tmp_path) == ["recovery-1.json"]
