"""The one file writer: all of the file or none of it, one rule for file modes, no temp files left behind —
for project files, settings, the recovery file and exported .sb3 files alike."""
from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import time

import pytest

from blockbuilder.cli import main
from blockbuilder.document.atomic import STALE_AFTER, TEMP_SUFFIX, clean_stale, write_atomic
from blockbuilder.document.projectfile import save_project
from blockbuilder.document.settings import Settings, save_settings, settings_dir
from blockbuilder.session.examples import BY_NAME


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def umasked() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def test_a_new_file_gets_the_ordinary_mode_and_a_replaced_file_keeps_its_own(tmp_path):
    new = tmp_path / "new.sb3"
    write_atomic(new, b"first")
    assert new.read_bytes() == b"first" and mode(new) == umasked()
    os.chmod(new, 0o600)
    write_atomic(new, b"second")
    assert new.read_bytes() == b"second" and mode(new) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.sb3"]


@pytest.mark.parametrize("write", ["project", "settings", "sb3"])
def test_every_kind_of_file_is_written_by_the_same_rules(write, tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    if write == "project":
        path = tmp_path / "xor.json"
        save_project(BY_NAME["xor"].project(), path)
    elif write == "settings":
        assert save_settings(Settings(language="ja"))
        path = next(settings_dir().iterdir())
    else:
        project = tmp_path / "and.json"
        save_project(BY_NAME["and"].project(), project)
        path = tmp_path / "and.sb3"
        assert main(["export", str(project), "-o", str(path)]) == 0
    assert mode(path) == umasked() and not [p for p in path.parent.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def test_a_write_that_fails_halfway_keeps_the_old_file_and_leaves_no_temp_file(tmp_path, monkeypatch):
    old = tmp_path / "old.json"
    old.write_bytes(b"old")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        write_atomic(old, b"new" * 1000)
    assert old.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["old.json"]


def test_an_export_too_big_for_scratch_keeps_the_old_sb3_and_writes_nothing(tmp_path, monkeypatch, capsys):
    import sb3_export
    project = tmp_path / "digits.json"
    save_project(BY_NAME["digits"].project(), project)
    assert main(["train", str(project), "--epochs", "1"]) == 0
    out = tmp_path / "digits.sb3"
    out.write_bytes(b"old")
    real = sb3_export.export_sb3
    monkeypatch.setattr(sb3_export, "export_sb3", lambda *a, **k: real(*a, **{**k, "json_limit": 1000}))
    assert main(["export", str(project), "-o", str(out)]) == 2
    assert "too big" in capsys.readouterr().err
    assert out.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["digits.json", "digits.sb3"]


# --- a writer killed in the middle of a write ---------------------------------------------------

# Writes a big file through write_atomic, stopping (as if slow) once all of it is in the temp file.
SLOW_WRITER = """
import os, sys, time
from blockbuilder.document import atomic
def slow_sync(fd):
    print("writing", flush=True)
    time.sleep(60)
atomic.os.fsync = slow_sync
atomic.write_atomic(sys.argv[1], b"x" * 5_000_000)
"""


def killed_mid_write(path) -> list[str]:
    """Start a writer of `path`, kill -9 it in the middle, and return the temp files it left."""
    writer = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline() == "writing\n"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
    return [p.name for p in path.parent.iterdir() if p.name.endswith(TEMP_SUFFIX)]


@pytest.mark.skipif(os.name == "nt", reason="kill -9 is POSIX")
def test_a_temp_file_left_by_a_killed_save_goes_at_the_next_save_in_that_folder(tmp_path):
    project = tmp_path / "project.json"
    left = killed_mid_write(project)
    assert len(left) == 1 and left[0].startswith(".project.json.") and not project.exists()
    save_project(BY_NAME["xor"].project(), tmp_path / "other.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.json"]


@pytest.mark.skipif(os.name == "nt", reason="kill -9 is POSIX")
def test_a_temp_file_left_in_the_settings_folder_goes_at_the_next_start(tmp_path, monkeypatch):
    from blockbuilder.app import assemble
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path))
    assert killed_mid_write(tmp_path / "recovery-1.json")
    assemble(settings=Settings())
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def test_a_temp_file_of_a_running_writer_is_kept_until_it_is_stale(tmp_path):
    mine = tmp_path / f".a.json.{os.getpid()}-0123abcd{TEMP_SUFFIX}"
    mine.write_bytes(b"half")
    other = tmp_path / f".{TEMP_SUFFIX}.not-ours{TEMP_SUFFIX}"  # not a name write_atomic gives
    other.write_bytes(b"x")
    assert clean_stale(tmp_path) == [] and mine.exists()
    assert clean_stale(tmp_path, now=time.time() + STALE_AFTER + 1) == [mine.name] and other.exists()
